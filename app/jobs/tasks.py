"""One run of each job; the CLI's ``--once`` commands and the worker call the same code."""

from __future__ import annotations

from app.config import Settings
from app.db import Database


def deliver_once(settings: Settings, database: Database) -> object:
    return None


def poll_once(settings: Settings, database: Database) -> object:
    return None


def sweep_once(settings: Settings, database: Database) -> object:
    return None
