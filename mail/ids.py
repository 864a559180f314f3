"""Identifiers that travel in mail: reply tokens, human refs and Message-IDs.

Tokens are the proof that a reply belongs to one counterparty of one agreement version, so
they carry 160 random bits (lower-case base32, no padding: safe in the local part of an
address). Refs are short and human-friendly; they are a hint, never proof.
"""

from __future__ import annotations

import base64
import re
import secrets

TOKEN_BYTES = 20  # 160 bits; SPEC asks for >= 128
TOKEN_RE = re.compile(r"^[a-z2-7]{32}$")
# Crockford-style alphabet without I, L, O, U: nothing to misread when typed from a subject.
REF_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REF_RE = re.compile(r"\b([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})\b")


def new_token() -> str:
    """A fresh reply token: 32 characters of lower-case base32 (160 bits)."""
    return base64.b32encode(secrets.token_bytes(TOKEN_BYTES)).decode("ascii").lower()


def is_token(value: str) -> bool:
    return bool(TOKEN_RE.match(value))


def new_ref() -> str:
    """A short human id such as ``K7M2-Q9XD`` (40 bits; unique per database, not secret)."""
    # Eight 5-bit groups of 40 random bits, one alphabet character each (32 of them): as
    # uniform as eight secrets.choice calls, which read the system's random source about
    # twice per character (a 6-bit draw, rejected half the time).
    bits = int.from_bytes(secrets.token_bytes(5))
    chars = "".join([REF_ALPHABET[(bits >> shift) & 31] for shift in range(35, -5, -5)])
    return f"{chars[:4]}-{chars[4:]}"


def find_refs(text: str) -> list[str]:
    """Every ref-shaped string in ``text``, in order of appearance, without duplicates."""
    seen: dict[str, None] = {}
    for match in REF_RE.finditer(text.upper()):
        seen.setdefault(match.group(1), None)
    return list(seen)


def new_message_id(domain: str) -> str:
    """A Message-ID on ``domain`` with 160 random bits, angle brackets included."""
    left = base64.b32encode(secrets.token_bytes(TOKEN_BYTES)).decode("ascii").lower()
    return f"<{left}@{domain}>"
