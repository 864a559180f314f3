"""Structured logs: one JSON object per line on stderr (or plain text when asked)."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str = "INFO", *, json_lines: bool = True) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter()
        if json_lines
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # Per-tick chatter from the scheduler and migration plumbing, and a line per SMTP/IMAP/HTTP
    # connection from the mail and HTTP libraries ("mail.log" is aiosmtpd's, not ours), drown
    # what matters: the state changes ``accord.state`` logs, one line each.
    for noisy in (
        "apscheduler",
        "alembic",
        "uvicorn.access",
        "mail.log",
        "aiosmtplib",
        "httpx",
        "httpcore",
        "imapclient",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
