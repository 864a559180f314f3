"""Header decoding for inbound mail, done by hand on top of the ``compat32`` parser.

``policy=default`` is about ten times slower than ``compat32`` and, on CPython 3.11, still lets
an encoded word smuggle a line break into a decoded value (CVE-2024-6923). So we take the raw
header text and decode it ourselves: 8-bit bytes, RFC 2047 encoded words with unknown or lying
charsets, folding, and control characters all end up as one clean line.
"""

from __future__ import annotations

import binascii
import codecs
import email.utils
import quopri
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import idna

MAX_HEADER_CHARS = 20_000  # header bombs: nobody needs more of one value to route a reply

_ENCODED_WORD = re.compile(r"=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(\?=)\s+(=\?)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_SPACES = re.compile(r"\s+")
_MSGID = re.compile(r"<[^<>\s]{1,500}>")
_ADDR_SPEC = re.compile(r"^[^\s@<>()\[\],;:\"]{1,200}@[a-z0-9.\-\[\]:_]{1,255}$")


def bytes_to_text(data: bytes, charset: str | None = None) -> str:
    """Decode bytes with the declared charset if Python knows it, else UTF-8, else cp1252."""
    for candidate in (charset, "utf-8"):
        if not candidate:
            continue
        try:
            codecs.lookup(candidate)
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
    return data.decode("cp1252", errors="replace")


def _surrogates_to_text(value: str) -> str:
    # BytesParser keeps raw 8-bit header bytes as lone surrogates; turn them back into bytes.
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        raw = value.encode("ascii", errors="surrogateescape")
        return bytes_to_text(raw)


def _decode_word(match: re.Match[str]) -> str:
    charset, encoding, payload = match.group(1), match.group(2).upper(), match.group(3)
    try:
        if encoding == "B":
            data = binascii.a2b_base64(payload + "=" * (-len(payload) % 4))
        else:
            data = quopri.decodestring(payload.replace("_", " ").encode("ascii", "replace"))
    except (binascii.Error, ValueError):
        return match.group(0)
    return bytes_to_text(data, charset)


def clean_line(value: str) -> str:
    """Collapse any control character or line break into a single space."""
    return _SPACES.sub(" ", _CONTROL.sub(" ", value)).strip()


def decode_header(value: object) -> str:
    """The human text of a raw header value, on one line, never containing CR/LF/controls."""
    text = _surrogates_to_text(str(value)[:MAX_HEADER_CHARS])
    text = _BETWEEN_WORDS.sub(r"\1\2", text)
    return clean_line(_ENCODED_WORD.sub(_decode_word, text))


def raw_text(value: object) -> str:
    """A raw header value (no RFC 2047 decoding) unfolded to one line."""
    return clean_line(_surrogates_to_text(str(value)[:MAX_HEADER_CHARS]))


def normalize_addr(addr: str) -> str | None:
    """``addr`` spelled as Accord stores addresses (``app.core.addresses``): NFC, lower case,
    the domain in IDNA A-labels, so ``ZOË@Exämple.com`` from an SMTPUTF8 reply is the
    ``zoë@xn--exmple-cua.com`` it was sent to; None if it is no address."""
    addr = addr.strip().strip("<>").strip()
    addr = (addr if addr.isascii() else unicodedata.normalize("NFC", addr)).lower()
    if not addr.isascii():
        local, at, domain = addr.rpartition("@")
        if at and not domain.isascii():
            try:
                domain = idna.encode(domain, uts46=True).decode("ascii")
            except idna.IDNAError:
                return None
            addr = f"{local}@{domain}"
    return addr if _ADDR_SPEC.match(addr) else None


# One plain mailbox: ``addr``, ``<addr>``, ``Name <addr>`` or ``"Name" <addr>`` with a dot-atom
# address and a name without specials. For these the stdlib address parser (most of the cost
# of parsing a reply's headers) gives exactly what _simple_mailbox returns; anything else
# (groups, comments, escapes, encoded words, several addresses) goes to the stdlib.
_DOT_ATOM = r"[A-Za-z0-9_%+=\-]+(?:\.[A-Za-z0-9_%+=\-]+)*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*"
_SIMPLE_MAILBOX = re.compile(
    rf"""\s*(?:(?P<bare>{_DOT_ATOM})|"""
    rf"""(?:"(?P<quoted>[^"\\]*)"|(?P<plain>[A-Za-z0-9 .'\-]*))\s*<(?P<addr>{_DOT_ATOM})>)\s*"""
)


def _simple_mailbox(value: str) -> tuple[str, str] | None:
    match = _SIMPLE_MAILBOX.fullmatch(value)
    if match is None:
        return None
    if match["bare"] is not None:
        return "", match["bare"]
    if match["quoted"] is not None:
        return match["quoted"], match["addr"]
    return " ".join(match["plain"].split()), match["addr"]


@lru_cache(maxsize=4096)
def _parse_addresses(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    texts = [raw_text(v) for v in values]
    simple = [_simple_mailbox(t) for t in texts]
    found = (
        [s for s in simple if s is not None]
        if all(s is not None for s in simple)
        else email.utils.getaddresses(texts)
    )
    pairs: list[tuple[str, str]] = []
    for name, addr in found:
        clean = normalize_addr(addr)
        if clean:
            pairs.append((decode_header(name), clean))
    return tuple(pairs)


def parse_addresses(values: list[str]) -> list[tuple[str, str]]:
    """(display name, lower-cased addr-spec) pairs; anything that is not an address is dropped."""
    return list(_parse_addresses(tuple(values)))


def parse_msgids(value: str | None) -> list[str]:
    return _MSGID.findall(raw_text(value)) if value else []


def parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(raw_text(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed if parsed.tzinfo is not None else None


@dataclass(frozen=True)
class AuthCheck:
    """One method's result in an Authentication-Results header, with its properties
    (``header.d``, ``header.from``, ``smtp.mailfrom`` ...)."""

    method: str
    result: str
    properties: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AuthResult:
    """One Authentication-Results header: who checked, the first result of each method, and
    every result in order (a message may carry several DKIM signatures)."""

    authserv_id: str
    results: dict[str, str] = field(default_factory=dict)
    checks: tuple[AuthCheck, ...] = ()


_COMMENT = re.compile(r"\([^()]*\)")
_METHOD = re.compile(r"^\s*([a-z0-9_.\-]+)\s*=\s*([a-z]+)")
_PROPERTY = re.compile(r"([a-z]+\.[a-z0-9_\-]+)\s*=\s*\"?([^\s;\"]+)")


def parse_auth_results(value: str) -> AuthResult | None:
    text = _COMMENT.sub(" ", raw_text(value).lower())
    head, _, rest = text.partition(";")
    authserv_id = head.split()[0] if head.split() else ""
    if not authserv_id:
        return None
    results: dict[str, str] = {}
    checks = []
    for clause in rest.split(";"):
        match = _METHOD.match(clause)
        if match:
            results.setdefault(match.group(1), match.group(2))
            properties = dict(_PROPERTY.findall(clause[match.end() :]))
            checks.append(AuthCheck(match.group(1), match.group(2), properties))
    return AuthResult(authserv_id=authserv_id, results=results, checks=tuple(checks))


@dataclass(frozen=True)
class DkimTags:
    """What a DKIM-Signature header claims (RFC 6376 §3.5), read without verifying it:
    the signing domain, the selector, the header fields it covers, and its body length
    limit (``l=``) if any."""

    domain: str
    selector: str
    headers: frozenset[str]
    body_length: int | None


_TAG = re.compile(r"^\s*([a-z]+)\s*=\s*(.*?)\s*$", re.IGNORECASE | re.DOTALL)


def signature_tags(values: list[str]) -> list[DkimTags]:
    """The tags of each DKIM-Signature header value (at most 10; unreadable ones skipped)."""
    found = []
    for value in values[:10]:
        tags: dict[str, str] = {}
        for item in raw_text(value).split(";"):
            match = _TAG.match(item)
            if match:
                tags.setdefault(match.group(1).lower(), re.sub(r"\s+", "", match.group(2)))
        domain = tags.get("d", "").lower().rstrip(".")
        if not domain:
            continue
        length = tags.get("l")
        found.append(
            DkimTags(
                domain=domain,
                selector=tags.get("s", "").lower(),
                headers=frozenset(h.lower() for h in tags.get("h", "").split(":") if h),
                body_length=int(length) if length and length.isdigit() else None,
            )
        )
    return found
