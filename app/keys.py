"""The server's keys: the installation key, which signs sessions, form tokens and
unsubscribe links (``ACCORD_SECRET_KEY``, or a random key made once under the data dir), and
the Ed25519 key that seals chain heads (``ACCORD_SIGNING_KEY``, or one made the same way).

A key must be stable across restarts and must not be guessable, so it is random and
persisted with mode 0600 rather than derived from anything in the configuration.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.config import Settings
from app.core.record import AgreementLike
from app.core.seal import Seal, seal
from app.files import private_dir

KEY_FILE = "web-secret.key"

_lock = threading.Lock()
_cache: dict[tuple[str, ...], bytes] = {}


def installation_key(settings: Settings) -> bytes:
    """``settings.secret_key``, or a random key made once and kept under the data directory.

    A derived key must be stable across restarts (or every session and open form dies) and
    must not be guessable, so it is random and persisted with mode 0600 rather than derived
    from anything in the configuration.
    """
    if settings.secret_key:
        return settings.secret_key.encode("utf-8")
    path = (settings.data_dir / KEY_FILE).resolve()
    cache_key = ("file", str(path))
    with _lock:
        if cache_key not in _cache:
            _cache[cache_key] = _load_or_create(path)
        return _cache[cache_key]


def _made_once(path: Path, make: Callable[[], bytes]) -> bytes:
    """The content of a private file (mode 0600) made once: ``make()``, written now if the
    file is not there, else what is there (another process, a CLI one-shot or a second
    replica on the same disk, may have made it first)."""
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    content = make()
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    return content


def _load_or_create(path: Path) -> bytes:
    content = _made_once(path, lambda: (secrets.token_hex(32) + "\n").encode("ascii"))
    key = content.decode("ascii").strip()
    if len(key) < 32:
        raise RuntimeError(f"{path} holds no usable key; delete it to make a new one")
    return key.encode("ascii")


SIGNING_KEY_FILE = "signing-ed25519.pem"


def signing_key(settings: Settings) -> Ed25519PrivateKey:
    """The server's Ed25519 key that seals chain heads (``app.core.seal``):
    ``ACCORD_SIGNING_KEY`` (a PEM private key), or one made once under the data directory
    (mode 0600). Whoever holds it can seal any chain head, so it never leaves the server;
    its public half is published."""
    if settings.signing_key:
        return _private_key(settings.signing_key.encode("ascii"))
    # Every recorded answer is sealed (its receipt carries the seal), so the file is found
    # and read once per data directory, not per seal: resolving the path and parsing the PEM
    # cost more than signing.
    where = ("signing", os.getcwd(), str(settings.data_dir))
    with _lock:
        if where not in _cache:
            path = (settings.data_dir / SIGNING_KEY_FILE).resolve()
            _cache[where] = _load_or_create_signing(path)
        pem = _cache[where]
    return _private_key(pem)


_parsed: dict[bytes, Ed25519PrivateKey] = {}


def _private_key(pem: bytes) -> Ed25519PrivateKey:
    key = _parsed.get(pem)
    if key is None:
        loaded = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(loaded, Ed25519PrivateKey):
            raise RuntimeError("the signing key is not an Ed25519 private key")
        key = _parsed[pem] = loaded
    return key


def _load_or_create_signing(path: Path) -> bytes:
    return _made_once(
        path,
        lambda: Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


def seal_head(settings: Settings, agreement: AgreementLike, *, at: datetime) -> Seal:
    """The server's seal of ``agreement``'s chain head as it stands (``app.core.seal``)."""
    return seal(
        signing_key(settings),
        agreement_id=agreement.id,
        ref=agreement.ref,
        event_count=agreement.event_count,
        chain_head=agreement.event_head,
        at=at,
    )


# --- the owner's one-click mark in an alert ---------------------------------------------

MARK_MAX_AGE = timedelta(days=30)


def _mark_signature(settings: Settings, row_id: int, agreement_id: str, expires: int) -> str:
    message = f"mark\x00{row_id}.{agreement_id}.{expires}".encode()
    return hmac.new(installation_key(settings), message, hashlib.sha256).hexdigest()[:40]


def mark_token(settings: Settings, *, message_row_id: int, agreement_id: str, now: datetime) -> str:
    """The token of an alert's "it was a confirmation" link for one reply: it opens a page
    that records nothing by itself (mail scanners fetch links), valid ``MARK_MAX_AGE``."""
    expires = int((now + MARK_MAX_AGE).timestamp())
    signature = _mark_signature(settings, message_row_id, agreement_id, expires)
    return f"{message_row_id}.{expires}.{signature}"


def mark_token_row(token: str) -> int | None:
    """The reply a mark token names (not yet checked: ``mark_token_valid``)."""
    row, _, rest = token.partition(".")
    return int(row) if row.isdigit() and len(row) < 19 and rest else None


def mark_token_valid(settings: Settings, token: str, *, agreement_id: str, now: datetime) -> bool:
    row, expires, signature = [*token.split("."), "", ""][:3]
    if not (row.isdigit() and expires.isdigit() and len(expires) < 12):
        return False
    expected = _mark_signature(settings, int(row), agreement_id, int(expires))
    return hmac.compare_digest(expected, signature) and now.timestamp() <= int(expires)
