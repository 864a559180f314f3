"""Secrets of the web side: the installation key, signed session cookies, CSRF form tokens,
one-time sign-in tokens.

Everything is HMAC-SHA256 from the standard library (itsdangerous is not a dependency). Each
use signs under its own purpose label, so a value signed for one purpose (a session) can never
pass as another (a form token).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

SESSION_MAX_AGE = 14 * 24 * 3600
FORM_MAX_AGE = 24 * 3600
ANSWER_FORM_MAX_AGE = 7 * 24 * 3600


def sign(key: bytes, purpose: str, payload: str) -> str:
    message = f"{purpose}\x00{payload}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# --- sessions --------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionData:
    user_id: str
    issued_at: int


def encode_session(key: bytes, data: SessionData) -> str:
    payload = _b64(json.dumps({"u": data.user_id, "iat": data.issued_at}).encode())
    return f"{payload}.{sign(key, 'session', payload)}"


def decode_session(key: bytes, value: str, *, now: int) -> SessionData | None:
    """The session in a cookie value, or None if it is forged, malformed or too old."""
    payload, _, signature = value.partition(".")
    if not payload or not hmac.compare_digest(sign(key, "session", payload), signature):
        return None
    try:
        raw = json.loads(_unb64(payload))
        data = SessionData(user_id=str(raw["u"]), issued_at=int(raw["iat"]))
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None
    if not 0 <= now - data.issued_at <= SESSION_MAX_AGE:
        return None
    return data


# --- form tokens (CSRF) ----------------------------------------------------------------


def form_token(key: bytes, binding: str, *, now: int) -> str:
    """A CSRF token: the time it was made and an HMAC of it with what it is bound to."""
    return f"{now}.{sign(key, 'form', f'{binding}|{now}')}"


def check_form_token(key: bytes, binding: str, token: str, *, now: int, max_age: int) -> bool:
    stamp, _, signature = token.partition(".")
    if not stamp.isdigit() or len(stamp) > 12:
        return False
    expected = sign(key, "form", f"{binding}|{stamp}")
    fresh = 0 <= now - int(stamp) <= max_age
    return hmac.compare_digest(expected, signature) and fresh


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


# --- one-time sign-in tokens -----------------------------------------------------------


def new_login_token() -> str:
    """160 random bits as lower-case base32 (32 characters, no padding)."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").lower()


def hash_token(token: str) -> str:
    # As for API keys: 160 random bits leave nothing to brute force, so a fast hash is right.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
