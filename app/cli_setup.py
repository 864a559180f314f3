"""What a CLI command needs before it runs, checked without creating anything: a database
that exists and is migrated, a development mailbox that exists. Run from the wrong
directory, a command says what is missing and where it looked."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url

from app.config import Settings
from app.db import Database


class NotSetUp(Exception):
    """Something the command reads is not there; the message says what and how to fix it."""


WHERE = (
    "run the command from the directory where `accord serve` runs (it reads ./data and "
    "./.env), or set ACCORD_DATA_DIR / ACCORD_DATABASE_URL"
)


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).resolve()


def existing_database(settings: Settings) -> Database:
    """The database, migrated to head; ``NotSetUp`` (and nothing created) otherwise."""
    from app.migrate import current_revision, head_revision

    url = settings.resolved_database_url
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        raise NotSetUp(f"no database at {path}: {WHERE}; or run `accord migrate` to create one")
    database = Database(url)
    try:
        current, head = current_revision(database.engine), head_revision()
    except Exception as exc:
        database.dispose()
        raise NotSetUp(f"database unreachable ({type(exc).__name__}: {exc})") from exc
    if current != head:
        database.dispose()
        where = path or url.split("@")[-1]
        state = "has no Accord tables" if current is None else f"is at revision {current}"
        raise NotSetUp(f"the database at {where} {state}, expected {head}: run `accord migrate`")
    return database


def existing_devbox(settings: Settings, folder: str) -> Path:
    """The development mailbox folder (``sent`` or ``inbox``) that exists."""
    path = (settings.devbox_dir / folder).resolve()
    server = settings.smtp_url if folder == "sent" else settings.imap_url
    if server:
        setting = "ACCORD_SMTP_URL" if folder == "sent" else "ACCORD_IMAP_URL"
        raise NotSetUp(f"{setting} is set: there is no development mailbox '{folder}'")
    if not path.is_dir():
        raise NotSetUp(f"no development mailbox at {path}: {WHERE}")
    return path
