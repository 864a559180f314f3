"""Which events of the chain are announced to webhooks, and queuing those announcements.

An announcement is a ``webhook_deliveries`` row per subscribed endpoint, written in the same
transaction as the event (``app.core.events.append_events`` calls ``announce``); sending them
is ``app.webhooks.delivery``'s job.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select

from app import bulk
from app.core.chain import format_time
from app.db import new_id
from app.models.tables import webhook_deliveries_table, webhook_endpoints_table

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.core.events import Head

# Event log types that become webhook events.
EVENT_TYPES = {
    "sent": "agreement.sent",
    "confirmed": "agreement.confirmed",
    "resolved": "agreement.confirmed",  # the owner confirmed it (e.g. after a call)
    "marked_confirmation": "agreement.confirmed",  # the owner read a reply as agreement
    "clarification_requested": "agreement.clarification_requested",
    "deemed_accepted": "agreement.deemed_accepted",
    "owner_attested": "agreement.owner_attested",
    "bounced": "agreement.bounced",
    "away": "agreement.away",
    "withdrawn": "agreement.withdrawn",
    "revised": "agreement.revised",
    "commitment_delivered": "commitment.delivered",
    "commitment_acknowledged": "commitment.acknowledged",
    "commitment_disputed": "commitment.disputed",
}
WEBHOOK_EVENTS = sorted(set(EVENT_TYPES.values()))

_LISTENING = select(
    webhook_endpoints_table.c.id,
    webhook_endpoints_table.c.user_id,
    webhook_endpoints_table.c.events,
).where(
    webhook_endpoints_table.c.user_id.in_(bindparam("owners", expanding=True)),
    webhook_endpoints_table.c.disabled_at.is_(None),
)


def delivery_body(delivery_id: str, event_type: str, at: datetime, data: Mapping[str, Any]) -> str:
    return json.dumps(
        {"id": delivery_id, "type": event_type, "created_at": format_time(at), "data": data},
        separators=(",", ":"),
        ensure_ascii=False,
        sort_keys=True,
    )


def announce(session: Session, heads: Mapping[str, Head], rows: Sequence[Mapping[str, Any]]) -> int:
    """Queue one delivery per subscribed endpoint for each announced event of ``rows``
    (written by ``append_events``); returns how many were queued."""
    announced = [row for row in rows if row["type"] in EVENT_TYPES]
    if not announced:
        return 0
    owners = sorted({heads[row["agreement_id"]].owner_id for row in announced})
    connection = session.connection()
    endpoints: dict[str, list[tuple[str, list[str]]]] = {}
    for endpoint_id, user_id, events in connection.execute(_LISTENING, {"owners": owners}):
        endpoints.setdefault(user_id, []).append((endpoint_id, list(events or [])))
    deliveries = []
    for row in announced:
        head = heads[row["agreement_id"]]
        event_type = EVENT_TYPES[row["type"]]
        data = {
            "agreement": {"id": head.agreement_id, "ref": head.ref, "title": head.title},
            "event": {
                "seq": row["seq"],
                "type": row["type"],
                "at": format_time(row["at"]),
                "actor": row["actor"],
                "counterparty": row["counterparty"],
                "message_id": row["message_id"],
                "data": row["data"],
                "hash": row["hash"],
            },
        }
        for endpoint_id, subscribed in endpoints.get(head.owner_id, []):
            if subscribed and event_type not in subscribed:
                continue
            delivery_id = new_id()
            deliveries.append(
                {
                    "id": delivery_id,
                    "endpoint_id": endpoint_id,
                    # The event's place in its chain names it: unique, and known before insert.
                    "event_key": f"event:{row['agreement_id']}:{row['seq']}",
                    "event_type": event_type,
                    "body": delivery_body(delivery_id, event_type, row["at"], data),
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": row["at"],
                    "log": [],
                    "created_at": row["at"],
                }
            )
    bulk.insert(connection, webhook_deliveries_table, deliveries)
    return len(deliveries)
