"""The event hash chain: each event's hash covers its content and the previous hash.

The canonical form is deliberately simple (sorted-key compact JSON, UTF-8) so that anyone
can recompute it offline from timeline.json without Accord's code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = (
    "agreement_id",
    "seq",
    "type",
    "at",
    "actor",
    "counterparty",
    "message_id",
    "data",
    "prev_hash",
)


def format_time(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def canonical(record: Mapping[str, Any]) -> bytes:
    body = {name: record.get(name) for name in HASHED_FIELDS}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(record: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(record)).hexdigest()


def link(
    *,
    agreement_id: str,
    seq: int,
    type: str,
    at: datetime,
    actor: str,
    counterparty: str | None,
    counterparty_id: int | None,
    message_id: str | None,
    message_row_id: int | None,
    data: Mapping[str, Any] | None,
    prev_hash: str,
) -> dict[str, Any]:
    """The next event's row (the columns of ``events``): its content, ``prev_hash`` and the
    hash over both. Every way of appending events builds them here, so they all chain alike."""
    record: dict[str, Any] = {
        "agreement_id": agreement_id,
        "seq": seq,
        "type": type,
        "at": format_time(at),
        "actor": actor,
        "counterparty": counterparty,
        "message_id": message_id,
        "data": dict(data or {}),
        "prev_hash": prev_hash,
    }
    return {
        **record,
        "at": at,
        "counterparty_id": counterparty_id,
        "message_row_id": message_row_id,
        "hash": event_hash(record),
    }


def first_break(records: Iterable[Mapping[str, Any]]) -> str | None:
    """Describe the first event whose hash or link is wrong, or None if the chain holds."""
    prev = GENESIS
    for expected_seq, record in enumerate(records, start=1):
        if record.get("seq") != expected_seq:
            return f"event {expected_seq}: found seq {record.get('seq')} (missing or reordered)"
        if record.get("prev_hash") != prev:
            return f"event {expected_seq}: prev_hash does not match the previous event"
        if event_hash(record) != record.get("hash"):
            return f"event {expected_seq}: hash does not match its content"
        prev = str(record["hash"])
    return None
