"""timeline.html from timeline.json and the bundled messages: one renderer, used to write a
bundle (``app.evidence.bundle``) and to check one (``app.evidence.verify`` renders it again
from the checked data and compares, so the readable view cannot say what the record does
not)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2

from mail.message import parse_message

REPLY_EXCERPT = 4000


def reply_excerpt(copy: bytes) -> str | None:
    """The new text of an inbound message, as the timeline shows it (read from the bundled,
    redacted copy: no token in it)."""
    parsed = parse_message(copy)
    text = parsed.reply_text if parsed.reply_text is not None else parsed.text
    return text[:REPLY_EXCERPT] if text else None


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(timeline: dict[str, Any], excerpts: dict[int, str]) -> str:
    """timeline.html of ``timeline`` (timeline.json's data), with ``excerpts`` (the new text
    of each inbound message, by its ``id``)."""
    owner_tz = _zone(timeline["agreement"]["owner"]["timezone"])

    def local(value: str | None) -> str:
        if not value:
            return ""
        at = datetime.fromisoformat(value.replace("Z", "+00:00"))
        here = at.astimezone(owner_tz)
        return f"{here:%Y-%m-%d %H:%M} {here.tzname()} ({at:%Y-%m-%d %H:%M:%S} UTC)"

    env = _environment()
    env.filters["local"] = local
    env.filters["without"] = lambda data, *keys: {k: v for k, v in data.items() if k not in keys}
    by_message_id: dict[str, dict[str, Any]] = {}
    for meta in timeline["messages"]:
        if meta["message_id"]:
            by_message_id.setdefault(meta["message_id"], meta)
    return env.get_template("timeline.html").render(
        t=timeline,
        agreement=timeline["agreement"],
        by_message_id=by_message_id,
        excerpts=excerpts,
        sent=[m for m in timeline["messages"] if m["direction"] == "out"],
        received=[m for m in timeline["messages"] if m["direction"] == "in"],
    )


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return ZoneInfo("UTC")
