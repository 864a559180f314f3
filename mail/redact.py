"""Copies of mail with Accord's secrets made unreadable, for everything the owner sees.

A counterparty's tokens (reply, bounce, answer page: SPEC §5) stand in mail in three forms:
the address tags ``+<token>@`` and ``+bounce-<token>@``, and the answer-page link
``/a/<token>``, in any letter case and with ``/`` and ``+`` percent- or QP-encoded.
Whoever holds one could answer as that counterparty, so no copy shown to the owner
(evidence bundles, alerts, the API, the dashboard) may carry one. ``redact`` replaces
each token with ``x`` of the same length wherever such a form stands: in headers, in plain
or quoted-printable text (across soft line breaks) and inside base64 parts (decoded,
replaced, encoded again at the same line width). The copy is therefore exactly as long as
the original and identical byte for byte outside the tokens, so its hash can be recorded
next to the original's and checked offline.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

_SOFT = rb"(?:=\r?\n)?"  # a quoted-printable soft line break may fall anywhere in a form
_CHAR = rb"[a-z2-7]"
# A mail client may percent-encode a link (Outlook's safe links: ``%2Fa%2F<token>``) or a
# quoted-printable encoder encode ``/`` and ``+``; tokens are matched in any letter case,
# as Accord itself matches them.
_SLASH = rb"(?:/|%2f|=2f)"


def _spaced(word: bytes) -> bytes:
    return _SOFT.join(re.escape(bytes([c])) for c in word)


_TAG = rb"(?:" + _SOFT + _spaced(b"bounce-") + rb")?"  # after the plus of a bounce address
_TOKEN = rb"(?:" + _CHAR + _SOFT + rb"){31}" + _CHAR + rb"(?!" + _SOFT + _CHAR + rb")"
# The forms: ``+`` (or ``%2b``/``=2b``), then ``bounce-`` or not, then the token; or ``/``
# (or ``%2f``/``=2f``), ``a``, one of those again, then the token. Written so the pattern
# starts with the class of their first bytes: the regex engine then skips in C to the next
# of those, instead of trying every form at every byte, which made redacting a composed
# summary cost a third of composing it. (tests/mail/test_redact.py checks this finds what
# the forms written plainly find.)
_A_SLASH = _SOFT + rb"a" + _SOFT + _SLASH  # after the first slash of an answer link
_AFTER_FIRST = [
    rb"(?<=\+)" + _TAG,
    rb"(?<=/)" + _A_SLASH,
    rb"(?<=[%=])2b" + _TAG,
    rb"(?<=[%=])2f" + _A_SLASH,
]
_FORMS = re.compile(
    rb"[+/%=](?:" + b"|".join(_AFTER_FIRST) + rb")(" + _TOKEN + rb")", re.IGNORECASE
)
_TEXT_FORMS = re.compile(
    r"(?:(?:\+|%2b)(?:bounce-)?|(?:/|%2f)a(?:/|%2f))([a-z2-7]{32})(?![a-z2-7])", re.IGNORECASE
)
_HIDE = re.compile(rb"[a-z2-7]", re.IGNORECASE)
_BASE64 = re.compile(rb"content-transfer-encoding:\s*base64")  # in a lower-cased copy
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_BASE64_LINES = re.compile(rb"(?:[A-Za-z0-9+/=]+[ \t]*\r?\n)+")


def _blank(match: re.Match[bytes]) -> bytes:
    whole, token = match.group(0), match.group(1)
    hidden = _HIDE.sub(b"x", token)  # keeps any soft line breaks where they were
    return whole[: match.start(1) - match.start(0)] + hidden


def redact_text(text: str) -> str:
    """``text`` (already decoded) with every token form's token replaced by ``x``."""
    return _TEXT_FORMS.sub(lambda m: m.group(0)[:-32] + "x" * 32, text)


def copy_digest(raw: bytes) -> str:
    """SHA-256 (hex) of the copy of ``raw`` that evidence bundles hold: the one digest of it
    the event chain records, for mail in and out alike."""
    return hashlib.sha256(redact(raw)).hexdigest()


def redact(raw: bytes) -> bytes:
    """The message's bytes with every token made unreadable; the same length."""
    out = _FORMS.sub(_blank, raw)
    # The encoding is named in any letter case: looked for in a lower-cased copy (the same
    # positions), it is a plain substring search instead of a case-folding scan.
    lowered = raw.lower()
    if b"base64" in lowered:
        out = _redact_base64_parts(out, lowered)
    return out


def _redact_base64_parts(raw: bytes, lowered: bytes) -> bytes:
    # A scan, not a MIME parse: parsing every stored and composed message cost more than
    # composing it. A base64 body is the run of base64 lines after the blank line that ends
    # the header block naming the encoding; a match anywhere else decodes to nothing that
    # holds a token, and the copy keeps its length, so positions stay valid.
    for named in _BASE64.finditer(lowered):
        blank = _BLANK_LINE.search(raw, named.end())
        if blank is None:
            break
        body = _BASE64_LINES.match(raw, blank.end())
        if body is not None:
            raw = _redact_base64(raw, body.start(), body.group(0))
    return raw


def _redact_base64(raw: bytes, start: int, encoded: bytes) -> bytes:
    lines = encoded.splitlines(keepends=True)
    try:
        decoded = base64.b64decode(b"".join(line.strip() for line in lines), validate=False)
    except (binascii.Error, ValueError):
        return raw
    hidden = _FORMS.sub(_blank, decoded)
    if hidden == decoded:
        return raw
    again = base64.b64encode(hidden)
    rewrapped = bytearray()
    position = 0
    for line in lines:
        body = line.rstrip(b"\r\n")
        rewrapped += again[position : position + len(body)] + line[len(body) :]
        position += len(body)
    if position != len(again):  # not the plain shape we expected: leave it as it was
        return raw
    return raw[:start] + bytes(rewrapped) + raw[start + len(encoded) :]
