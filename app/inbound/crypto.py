"""Encryption of stored mailbox credentials with a key derived from ``ACCORD_SECRET_KEY``.

Fernet (AES-128-CBC + HMAC-SHA256) authenticates as well as encrypts, so a row tampered with
in the database fails to decrypt instead of yielding a different password. The Fernet key is
derived with HKDF under its own label, so the same secret key can sign other things (digest
links) without the two uses ever sharing key material.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.config import Settings
from app.errors import Invalid

_LABEL = b"accord connected-mailbox credentials v1"


class SecretUnavailable(Exception):
    """A stored secret cannot be decrypted: the key changed or the row was altered."""


def _fernet(settings: Settings) -> Fernet:
    if not settings.secret_key:
        raise Invalid("set ACCORD_SECRET_KEY first: mailbox credentials are stored encrypted")
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_LABEL).derive(
        settings.secret_key.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def encrypt(settings: Settings, secret: str) -> bytes:
    return _fernet(settings).encrypt(secret.encode("utf-8"))


def decrypt(settings: Settings, token: bytes) -> str:
    try:
        return _fernet(settings).decrypt(bytes(token)).decode("utf-8")
    except (InvalidToken, Invalid) as exc:
        raise SecretUnavailable(
            "cannot decrypt the mailbox credentials (was ACCORD_SECRET_KEY changed?)"
        ) from exc
