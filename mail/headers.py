"""Header safety: no CR, LF or other control character may reach a header, whatever the input.

CPython 3.11's ``email`` package has had header-injection bugs (CVE-2024-6923: an encoded word
such as ``=?UTF-8?Q?=0A?=`` decoded into a real line break), so Accord validates every value
it puts into a header itself, before the ``email`` package sees it.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls (incl. TAB, CR, LF, NUL), DEL, C1 controls, and the Unicode line/paragraph
# separators that some MUAs treat as line breaks.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Encoded words are how the CVE smuggled a newline; user input never needs to contain one.
_ENCODED_WORD = re.compile(r"=\?[^?]*\?[bBqQ]\?[^?]*\?=")

# Deliberately narrower than RFC 5322: a dot-atom local part and an ASCII host name. Quoted
# local parts, comments and IP literals would invite parser differentials between us, the
# MTA and the recipient's client. A UTF-8 local part (RFC 6531's atext) needs SMTPUTF8 and
# is allowed only where the caller asks for it (``utf8_local``).
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDR_SPEC = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*@{_LABEL}(?:\.{_LABEL})+")
# Any letter, mark, number, punctuation or symbol beyond ASCII; no spaces, controls or
# format characters (which would make two addresses look alike).
_UTEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\u0080-\U0010ffff]+"
_ADDR_SPEC_UTF8 = re.compile(rf"{_UTEXT}(?:\.{_UTEXT})*@{_LABEL}(?:\.{_LABEL})+")
_INVISIBLE = ("Z", "C")
_MSG_ID = re.compile(rf"<{_ATEXT}(?:\.{_ATEXT})*@{_LABEL}(?:\.{_LABEL})*>")
MAX_ADDRESS_LENGTH = 254


class UnsafeHeaderError(ValueError):
    """A value would have put a control character or an encoded word into a header."""


def is_header_safe(value: str) -> bool:
    return not (_UNSAFE.search(value) or _ENCODED_WORD.search(value))


def validate_header_value(value: str, field: str = "header") -> str:
    """Return ``value`` unchanged if it is safe in a header, else raise UnsafeHeaderError."""
    if _UNSAFE.search(value):
        raise UnsafeHeaderError(f"{field} contains a line break or control character")
    if _ENCODED_WORD.search(value):
        raise UnsafeHeaderError(f"{field} contains an RFC 2047 encoded word")
    return value


def validate_address(value: str, field: str = "address", *, utf8_local: bool = False) -> str:
    """Return ``value`` if it is exactly one plain ``local@domain``, else raise.

    Commas, angle brackets, spaces and quotes are all outside the accepted grammar, so a
    second address cannot ride along inside the first. ``utf8_local``: the local part may
    have non-ASCII letters (sending it then needs SMTPUTF8); the domain is ASCII either way.
    """
    validate_header_value(value, field)
    grammar = _ADDR_SPEC_UTF8 if utf8_local else _ADDR_SPEC
    if len(value.encode()) > MAX_ADDRESS_LENGTH or not grammar.fullmatch(value):
        raise UnsafeHeaderError(f"{field} is not a single plain email address")
    if not value.isascii() and any(
        unicodedata.category(c)[0] in _INVISIBLE for c in value if not c.isascii()
    ):
        raise UnsafeHeaderError(f"{field} has a space, control or invisible character")
    return value


def validate_message_id(value: str, field: str = "Message-ID") -> str:
    """Return ``value`` if it is one ``<left@right>`` message id, else raise."""
    validate_header_value(value, field)
    if not _MSG_ID.fullmatch(value):
        raise UnsafeHeaderError(f"{field} is not a single <id@domain> message id")
    return value


def split_address(address: str) -> tuple[str, str]:
    """``local@domain`` -> ``(local, domain)`` for an address already validated."""
    local, _, domain = validate_address(address).rpartition("@")
    return local, domain
