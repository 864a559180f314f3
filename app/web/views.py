"""What the dashboard shows, as plain values: times in the reader's zone, countdowns, the
timeline of an agreement (every event with its message, classification and deciding text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.core.deadlines import zone
from app.db import utcnow
from app.errors import InvalidTimeZone
from app.models import Event, StoredMessage

STATUS_LABELS = {
    "queued": "Queued",
    "awaiting_reply": "Awaiting reply",
    "accepted": "Accepted",
    "needs_attention": "Needs attention",
    "withdrawn": "Withdrawn",
    "superseded": "Superseded",
    "pending": "Queued",
    "sent": "Sent, waiting",
    "confirmed": "Confirmed",
    "clarification_requested": "Asked for a clarification",
    "deemed_accepted": "Deemed accepted (no reply)",
    "bounced": "Bounced",
    "away": "Away (held)",
    "owner_attested": "Accepted on your word (no proof of delivery)",
}
# Event data keys worth showing, in this order, with their labels.
DETAIL_KEYS = (
    ("via", "via"),
    ("classification", "classification"),
    ("reason", "reason"),
    ("classifier_said", "Accord had read it as"),
    ("learned", "wording learned"),
    ("matched_by", "matched by"),
    ("before_deadline", "before the deadline"),
    ("old_deadline", "old deadline"),
    ("new_deadline", "new deadline"),
    ("deadline", "deadline"),
    ("version", "version"),
    ("auto_reply_reason", "auto-reply"),
    ("status", "status"),
    ("ip", "IP"),
    ("user_agent", "browser"),
)
# Event data keys holding words a person wrote: shown as quoted text.
TEXT_KEYS = ("reply_text", "text", "note", "excerpt", "diagnostic", "reason_text")


def utc_now() -> datetime:
    return utcnow()


def local_time(value: datetime | None, tz_name: str = "UTC") -> str:
    if value is None:
        return "—"
    try:
        tz = zone(tz_name)
    except InvalidTimeZone:
        tz = zone("UTC")
    return value.astimezone(tz).strftime("%a %d %b %Y, %H:%M %Z")


def countdown(deadline: datetime | None, now: datetime | None = None) -> str:
    if deadline is None:
        return "no deadline"
    now = now or utcnow()
    seconds = int((deadline - now).total_seconds())
    words = _span(abs(seconds))
    return f"in {words}" if seconds >= 0 else f"passed {words} ago"


def _span(seconds: int) -> str:
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{max(minutes, 1)} min"


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.replace("_", " "))


@dataclass
class TimelineRow:
    seq: int
    at: datetime
    type: str
    actor: str
    counterparty: str | None
    details: list[tuple[str, str]] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)
    message: StoredMessage | None = None


def _detail(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def timeline(events: list[Event], messages: list[StoredMessage]) -> list[TimelineRow]:
    by_row = {m.id: m for m in messages}
    rows = []
    for ev in events:
        data = ev.data or {}
        rows.append(
            TimelineRow(
                seq=ev.seq,
                at=ev.at,
                type=ev.type,
                actor=ev.actor,
                counterparty=ev.counterparty,
                details=[
                    (label, _detail(data[k]))
                    for k, label in DETAIL_KEYS
                    if data.get(k) not in (None, "", [])
                ],
                texts=[(k.replace("_", " "), str(data[k])) for k in TEXT_KEYS if data.get(k)],
                message=by_row.get(ev.message_row_id) if ev.message_row_id else None,
            )
        )
    return rows
