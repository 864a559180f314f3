"""API keys: ``acc_`` + 32 base32 characters (160 random bits); only a SHA-256 is stored."""

from __future__ import annotations

import base64
import hashlib
import secrets

KEY_PREFIX = "acc_"
SHOWN_PREFIX_LEN = 12  # "acc_" + 8 characters: enough to tell keys apart in a list


def generate_key() -> str:
    return KEY_PREFIX + base64.b32encode(secrets.token_bytes(20)).decode("ascii").lower()


def hash_key(key: str) -> str:
    # A fast hash is right here: the key has 160 random bits, so there is nothing to brute
    # force, and lookup by digest means no secret is ever compared byte by byte.
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def shown_prefix(key: str) -> str:
    return key[:SHOWN_PREFIX_LEN]
