"""Write a multipart/alternative message straight to bytes, as ``email.policy.SMTP`` would.

Going through ``EmailMessage`` cost ~2 ms per message (header registry parsing, folding,
the generator), as much as the rest of delivering it (``bench/outbound.py`` composes every
summary it sends, from its draft). The output here is the
same bytes the ``email`` package produced before: headers that fit on one line are written
as they are, long plain-ASCII unstructured headers are folded with the same rule the
package applies to them, and anything else (non-ASCII, very long words, headers with their
own grammar that do not fit) is folded by the package itself, one header at a time and
cached. The bodies are quoted-printable exactly as ``email.quoprimime`` writes them.
tests/mail/test_mime.py compares all of this with ``EmailMessage`` on generated input.

Callers validate every value with ``mail.headers`` first; :func:`build_alternative` checks
again that no value carries a line break or encoded word and then checks the finished
header block line by line, so a folding mistake cannot add a header.
"""

from __future__ import annotations

import base64
import email.policy
import hashlib
import re
from collections.abc import Collection, Sequence
from functools import lru_cache

from mail.headers import UnsafeHeaderError, validate_header_value

CRLF = "\r\n"
MAX_LINE = 78  # email.policy.SMTP.max_line_length
_POLICY = email.policy.SMTP
# RFC 6532: an address with a UTF-8 local part cannot be an encoded word, so its header is
# written in UTF-8 (the message then goes out only with SMTPUTF8, see mail.smtp).
_POLICY_UTF8 = email.policy.SMTPUTF8
# Headers the default registry parses with a grammar of its own (Subject is plain text to
# it). A value that fits on one line comes out of those parsers as it went in for the ones
# compose writes from validated parts; any other such name is left to the package.
_REGISTRY_PARSED = frozenset(
    (
        "date",
        "resent-date",
        "orig-date",
        "sender",
        "resent-sender",
        "to",
        "resent-to",
        "cc",
        "resent-cc",
        "bcc",
        "resent-bcc",
        "from",
        "resent-from",
        "reply-to",
        "mime-version",
        "content-type",
        "content-disposition",
        "content-transfer-encoding",
        "message-id",
    )
)
_VERBATIM_WHEN_SHORT = frozenset(("from", "to", "reply-to", "date", "message-id"))
_SPECIALS = frozenset(r"()<>@,:;.\"[]")  # email._header_value_parser.SPECIALS
# One line of a finished header block: a field name and colon, or a continuation.
_FIELD_LINE = re.compile(r"([!-9;-~]+):")
_PART_HEAD = (
    'Content-Type: text/{}; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
)


def format_mailbox(display_name: str, addr_spec: str) -> str:
    """``Name <addr>`` as ``email.headerregistry.Address`` writes it (quoted if needed)."""
    if not display_name:
        return addr_spec
    if not _SPECIALS.isdisjoint(display_name):
        display_name = '"' + display_name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{display_name} <{addr_spec}>"


# Headers whose value is a list of URLs: clients read them literally, so they must never be
# turned into encoded words (which the package does to unbreakable long words). RFC 5322
# allows lines up to 998 characters.
_URL_HEADERS = frozenset(("list-unsubscribe", "list-unsubscribe-post"))
MAX_HARD_LINE = 998


def fold_header(name: str, value: str, *, utf8: bool = False) -> str:
    """``name: value`` folded to lines of at most 78 characters, CRLF-terminated; with
    ``utf8`` non-ASCII text stays UTF-8 instead of becoming encoded words (RFC 6532)."""
    if utf8 and not value.isascii():
        return _fold_with_email(name, value, utf8=True)
    if name.lower() in _URL_HEADERS and value.isascii():
        line = f"{name}: {value}"
        if len(line) > MAX_HARD_LINE:
            raise ValueError(f"{name} is longer than a mail header line may be")
        return line + CRLF
    fast = _fold_fast(name, value)
    return fast if fast is not None else _fold_with_email(name, value)


def _fold_fast(name: str, value: str) -> str | None:
    """The cases whose folding is simple enough to reproduce exactly; None for the rest."""
    if not value or not value.isascii() or "=?" in value or len(name) > 70:
        return None
    key = name.lower()
    if key in _REGISTRY_PARSED and key not in _VERBATIM_WHEN_SHORT:
        return None
    if len(name) + 2 + len(value) <= MAX_LINE:
        # Fits: the package's parse tree gives back the text it was built from.
        return f"{name}: {value}{CRLF}"
    if key in _REGISTRY_PARSED:
        return None
    return _fold_unstructured(name, value)


def _fold_unstructured(name: str, value: str) -> str | None:
    """Fold single-space-separated ASCII words the way ``_refold_parse_tree`` does.

    The value as a whole goes on a line of its own when it fits there; otherwise word by
    word, each word that does not fit starting a continuation line in place of the space
    before it. Words longer than a line make the package switch to encoded words, so those
    (and runs of spaces, leading or trailing blanks) are left to it.
    """
    if value[0] == " " or value[-1] == " " or "  " in value:
        return None
    if len(value) + 1 <= MAX_LINE:
        return f"{name}:{CRLF} {value}{CRLF}"
    words = value.split(" ")
    if max(len(word) for word in words) > MAX_LINE - 2:
        return None
    lines = [f"{name}: "]
    for index, word in enumerate(words):
        if index:
            if len(lines[-1]) < MAX_LINE:
                lines[-1] += " "
            else:
                lines.append(" ")
        if len(word) <= MAX_LINE - len(lines[-1]):
            lines[-1] += word
        elif lines[-1].endswith(" ") and len(lines[-1]) > 1:
            lines[-1] = lines[-1][:-1]
            lines.append(" " + word)
        else:
            return None
    return CRLF.join(lines) + CRLF


@lru_cache(maxsize=1024)
def _fold_with_email(name: str, value: str, *, utf8: bool = False) -> str:
    # Exactly what EmailMessage + BytesGenerator did for this header. Cached: the same
    # owner names, From lines and subjects recur across a batch.
    policy = _POLICY_UTF8 if utf8 else _POLICY
    folded: str = policy.header_factory(name, value).fold(policy=policy)
    return folded


def encode_text_part(content: str, subtype: str) -> str:
    """A text/<subtype> part: headers and quoted-printable body, CRLF line ends.

    Same steps as ``EmailMessage.set_content(..., cte="quoted-printable")`` followed by
    the generator: split on any line break, encode, write with CRLF. Quoted-printable
    keeps the wire 7-bit: no reliance on 8BITMIME anywhere on the path.
    """
    lines = content.encode("utf-8").splitlines()
    body = b"\n".join(lines) + b"\n"
    encoded = qp_body_encode(body.decode("latin-1"), MAX_LINE)
    # Its only line breaks are the LFs joining its lines (CR and the other characters
    # str.splitlines breaks at are quoted), so this is what the generator's
    # email.generator.NLCRE.sub(CRLF, ...) gives.
    return _PART_HEAD.format(subtype) + encoded.replace("\n", CRLF)


def qp_body_encode(body: str, maxlinelen: int) -> str:
    """``email.quoprimime.body_encode(body, maxlinelen)``, same output, about 3x faster.

    The stdlib quotes with ``str.translate`` over a 256-entry list, which dominates for
    prose; here a regex finds the few characters that need quoting. The line-splitting
    below is the stdlib's, step for step (tests compare the two on arbitrary input).
    """
    if not body:
        return body
    # "=" first, with one C call (HTML has many): the escapes added after it keep their "=".
    body = body.replace("=", "=3D")
    if _QP_OTHER_UNSAFE.search(body) is not None:
        body = _QP_OTHER_UNSAFE.sub(_qp_quote, body)
    soft_break = "=\n"
    maxlinelen1 = maxlinelen - 1
    encoded: list[str] = []
    append = encoded.append
    for line in body.splitlines():
        start = 0
        laststart = len(line) - 1 - maxlinelen
        while start <= laststart:
            stop = start + maxlinelen1
            # Never split an =XX escape across the soft break.
            if line[stop - 2] == "=":
                append(line[start : stop - 1])
                start = stop - 2
            elif line[stop - 1] == "=":
                append(line[start:stop])
                start = stop - 1
            else:
                append(line[start:stop] + "=")
                start = stop
        if line and line[-1] in " \t":
            # Trailing whitespace would be stripped in transit: quote it.
            room = start - laststart
            if room >= 3:
                tail = _QP_MAP[ord(line[-1])]
            elif room == 2:
                tail = line[-1] + soft_break
            else:
                tail = soft_break + _QP_MAP[ord(line[-1])]
            append(line[start:-1] + tail)
        else:
            append(line[start:])
    if body[-1] in "\r\n":
        append("")
    return "\n".join(encoded)


# What the stdlib's _QUOPRI_BODY_ENCODE_MAP changes: every byte-sized character but
# printable ASCII other than "=", TAB, CR and LF. The body is latin-1 text (one char per
# byte); like the stdlib, characters beyond U+00FF would be left alone.
# qp_body_encode replaces "=" itself first; this finds the others.
_QP_OTHER_UNSAFE = re.compile("[^\t\n\r -~\u0100-\U0010ffff]")
_QP_MAP = tuple(f"={i:02X}" for i in range(256))


def _qp_quote(match: re.Match[str]) -> str:
    return _QP_MAP[ord(match.group())]


def build_alternative(
    headers: Sequence[tuple[str, str]],
    boundary: str,
    text: str,
    html: str,
    *,
    utf8: Collection[str] = (),
) -> bytes:
    """The whole message: ``headers`` in order, then MIME-Version and the two parts.
    ``utf8``: names of headers written in UTF-8 (an address with a non-ASCII local part);
    the message is then 8-bit in its header only, the parts stay quoted-printable."""
    head = []
    for name, value in headers:
        validate_header_value(value, name)
        head.append(fold_header(name, value, utf8=name in utf8))
    head.append(f"MIME-Version: 1.0{CRLF}")
    # The boundary is always "=_accord_" + 32 hex digits, too long to share the first line.
    head.append(f'Content-Type: multipart/alternative;{CRLF} boundary="{boundary}"{CRLF}')
    block = "".join(head)
    names = [name for name, _ in headers] + ["MIME-Version", "Content-Type"]
    check_header_block(block, names, utf8=bool(utf8))
    delimiter = f"--{boundary}"
    message = (
        f"{block}{CRLF}{delimiter}{CRLF}{encode_text_part(text, 'plain')}"
        f"{CRLF}{delimiter}{CRLF}{encode_text_part(html, 'html')}"
        f"{CRLF}{delimiter}--{CRLF}"
    )
    if message.count(delimiter) != 3:
        raise UnsafeHeaderError("a part contains the MIME boundary")
    if utf8:
        return message.encode("utf-8")
    try:
        return message.encode("ascii")
    except UnicodeEncodeError:
        raise UnsafeHeaderError("generated message is not 7-bit") from None


def check_header_block(block: str, names: Sequence[str], *, utf8: bool = False) -> None:
    """Prove ``block`` holds exactly the fields ``names``, in order, and nothing else
    (and, unless ``utf8``, that it is ASCII).

    Every line must be either ``<name>:`` for the next expected field or a continuation
    (leading space/tab); a bare CR or LF, an empty line, or an unexpected field name means
    the folding let something through.
    """
    if not block.endswith(CRLF):
        raise UnsafeHeaderError("header block is not CRLF-terminated")
    expected = iter(names)
    seen = 0
    for line in block[: -len(CRLF)].split(CRLF):
        if "\r" in line or "\n" in line or not (utf8 or line.isascii()):
            raise UnsafeHeaderError("header line has a bare line break or non-ASCII")
        if line[:1] in (" ", "\t"):
            if seen == 0 or not line.strip():
                raise UnsafeHeaderError("header block has a misplaced continuation")
            continue
        match = _FIELD_LINE.match(line)
        if match is None or match.group(1).lower() != next(expected, "").lower():
            raise UnsafeHeaderError("generated message has headers that were not set")
        seen += 1
    if seen != len(names):
        raise UnsafeHeaderError("generated message lost a header")


def with_attachments(message: bytes, attachments: Sequence[tuple[str, str, bytes]]) -> bytes:
    """``message`` (a ``build_alternative`` result) as multipart/mixed: its text and HTML
    first, then each (file name, content type, bytes) as a base64 attachment."""
    head, sep, body = message.partition(b"\r\n\r\n")
    marker = b"Content-Type: multipart/alternative;"
    at = head.find(marker)
    if not sep or at < 0:
        raise ValueError("not a message built by build_alternative")
    inner_type = head[at:]
    digest = hashlib.sha256(message).hexdigest()[:32]
    boundary = f"=_accord_mixed_{digest}"
    parts = [
        f"--{boundary}\r\n".encode() + inner_type + b"\r\n\r\n" + body.rstrip(b"\r\n") + b"\r\n"
    ]
    for name, content_type, data in attachments:
        if not re.fullmatch(r"[A-Za-z0-9._-]{1,100}", name):
            raise UnsafeHeaderError("attachment file name must be plain ASCII")
        if not re.fullmatch(r"[a-z]+/[a-z0-9.+-]+(; ?[a-z]+=[A-Za-z0-9-]+)*", content_type):
            raise UnsafeHeaderError("attachment content type is not allowed")
        encoded = base64.encodebytes(data).replace(b"\n", b"\r\n")
        parts.append(
            (
                f'--{boundary}\r\nContent-Type: {content_type}; name="{name}"\r\n'
                f'Content-Disposition: attachment; filename="{name}"\r\n'
                "Content-Transfer-Encoding: base64\r\n\r\n"
            ).encode()
            + encoded
        )
    closing = f"--{boundary}--\r\n".encode()
    mixed = f'Content-Type: multipart/mixed;\r\n boundary="{boundary}"'.encode()
    return head[:at] + mixed + b"\r\n\r\n" + b"".join(parts) + closing
