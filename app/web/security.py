"""Secrets of the web side: CSRF form tokens, one-time sign-in and session tokens.

Everything is HMAC-SHA256 from the standard library (itsdangerous is not a dependency). Each
use signs under its own purpose label, so a value signed for one purpose (a session) can never
pass as another (a form token).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SESSION_MAX_AGE = 14 * 24 * 3600  # a session's life (app.web.sessions)
FORM_MAX_AGE = 24 * 3600
ANSWER_FORM_MAX_AGE = 7 * 24 * 3600


def sign(key: bytes, purpose: str, payload: str) -> str:
    message = f"{purpose}\x00{payload}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


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
