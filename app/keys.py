"""The installation key: ``ACCORD_SECRET_KEY``, or a random key made once under the data dir.

It signs sessions, form tokens and unsubscribe links. A derived key must be stable across
restarts and must not be guessable, so it is random and persisted with mode 0600 rather than
derived from anything in the configuration.
"""

from __future__ import annotations

import os
import secrets
import threading
from pathlib import Path

from app.config import Settings

KEY_FILE = "web-secret.key"

_lock = threading.Lock()
_cache: dict[tuple[str, str], bytes] = {}


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


def _load_or_create(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Another process (a CLI one-shot, a second replica on the same disk) made it first.
        key = path.read_text("ascii").strip()
        if len(key) < 32:
            raise RuntimeError(f"{path} holds no usable key; delete it to make a new one") from None
        return key.encode("ascii")
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key.encode("ascii")
