"""A commitment's status, derived from the agreement's event log: the one function that
says it (SPEC §10: open | delivered | acknowledged | disputed | overdue | waived)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

DELIVERED = "commitment_delivered"
ACKNOWLEDGED = "commitment_acknowledged"
DISPUTED = "commitment_disputed"
WAIVED = "commitment_waived"
EVENT_TYPES = frozenset({DELIVERED, ACKNOWLEDGED, DISPUTED, WAIVED})


@dataclass
class Standing:
    """Where a commitment stands, and the events that say so (its evidence)."""

    status: str = "open"
    delivered_at: datetime | None = None
    note: str | None = None
    answers: dict[str, str] = field(default_factory=dict)  # counterparty -> ack | dispute
    evidence: list[Mapping[str, Any]] = field(default_factory=list)


def _get(event: Any, name: str) -> Any:
    return event.get(name) if isinstance(event, Mapping) else getattr(event, name)


def standing(
    commitment_id: str, due: datetime | None, events: Iterable[Any], *, now: datetime
) -> Standing:
    """The commitment's status from the events (rows or mappings with ``type``, ``at``,
    ``counterparty``, ``data``), in chain order. An open commitment past its date is
    ``overdue``; after delivery, any counterparty disputing it makes it ``disputed``,
    otherwise an acknowledgement makes it ``acknowledged``."""
    result = Standing()
    for event in events:
        kind, data = _get(event, "type"), _get(event, "data") or {}
        if kind not in EVENT_TYPES or data.get("commitment") != commitment_id:
            continue
        result.evidence.append(event)
        if kind == DELIVERED:
            result.delivered_at = _get(event, "at")
            result.note = data.get("note")
            result.answers = {}
        elif kind == WAIVED:
            result.note = data.get("note") or result.note
        elif kind in (ACKNOWLEDGED, DISPUTED):
            who = _get(event, "counterparty") or ""
            result.answers[who] = "dispute" if kind == DISPUTED else "ack"
        result.status = _status(kind, result)
    if result.status == "open" and due is not None and due < now:
        result.status = "overdue"
    return result


def _status(kind: str, result: Standing) -> str:
    if kind == WAIVED:
        return "waived"
    if result.status == "waived":
        return "waived"
    if "dispute" in result.answers.values():
        return "disputed"
    if result.answers:
        return "acknowledged"
    return "delivered"
