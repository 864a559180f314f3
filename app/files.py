"""Files that hold secrets: the data directory is 0700 and what Accord writes there 0600.

The SQLite database holds reply tokens, webhook secrets and sign-in sessions; the key files
sign and seal. None of it is for other local users, whatever the process umask says.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def _tighten(path: Path, mode: int) -> None:
    """Drop group and other bits from a path this process owns (an older install's 0644
    database, a data dir made by hand); paths of another owner are left as they are."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
        path.chmod(mode)


def private_dir(path: Path) -> Path:
    """``path`` as a directory only its owner can enter (made if missing)."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    _tighten(path, DIR_MODE)
    return path


def private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if missing, else tighten it to 0600.

    SQLite creates its ``-wal`` and ``-shm`` files with the database file's mode, so making
    the database file first is enough for them too."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        _tighten(path, FILE_MODE)
        for suffix in ("-wal", "-shm", "-journal"):
            _tighten(path.with_name(path.name + suffix), FILE_MODE)
