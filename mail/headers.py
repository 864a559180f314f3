"""Header safety: no CR, LF or other control character may reach a header, whatever the input.

CPython 3.11's ``email`` package has had header-injection bugs (CVE-2024-6923: an encoded word
such as ``=?UTF-8?Q?=0A?=`` decoded into a real line break), so Accord validates every value
it puts into a header itself, before the ``email`` package sees it.
"""

from __future__ import annotations

import re

# C0 controls (incl. TAB, CR, LF, NUL), DEL, C1 controls, and the Unicode line/paragraph
# separators that some MUAs treat as line breaks.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Encoded words are how the CVE smuggled a newline; user input never needs to contain one.
_ENCODED_WORD = re.compile(r"=\?[^?]*\?[bBqQ]\?[^?]*\?=")


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
