"""Agreements read by value, for paths that decide many changes at once and write them
together (a batch of inbound messages, a group of delivery results).

``load_agreements`` reads (and locks) agreements with their versions, counterparties,
aliases, owners' addresses and open reviews, a statement each for the whole group; deciding
code moves the snapshot's counterparties and collects events; ``save`` writes the moved
counterparties in one statement and the events, with each touched agreement's derived
status, through the one chain writer (``app.core.events``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import BindParameter, Connection, bindparam, func, select
from sqlalchemy.orm import Session

from app import bulk
from app.core.events import Head, NewEvent, append_events
from app.core.record import status_of
from app.models.tables import (
    addresses_table,
    agreements_table,
    aliases_table,
    counterparties_table,
    messages_table,
    phrases_table,
    users_table,
    versions_table,
)


@dataclass
class PartySnap:
    """A counterparty as read under its agreement's lock, then as the caller moved it."""

    id: int
    agreement_id: str
    version_id: int
    email: str
    name: str
    informational: bool
    status: str
    status_at: datetime
    deadline: datetime
    summary_message_id: str | None
    replied_at: datetime | None
    next_reminder_at: datetime | None
    handoff_at: datetime | None
    handoff_reply: str | None
    token: str
    bounce_token: str
    changed: bool = False


@dataclass
class AgreementSnap:
    id: str
    ref: str
    title: str
    owner_id: str
    owner_email: str
    owner_name: str
    owner_addresses: frozenset[str]
    withdrawn: bool
    current_version_id: int
    version_numbers: dict[int, int]  # version id -> number
    away_extension_days: int | None
    reminder_offsets: list[int]
    event_count: int
    event_head: str
    open_unverified: int = 0
    # Phrases the owner accepted as agreement (``app.inbound.feedback``): their replies only.
    owner_phrases: frozenset[str] = frozenset()
    parties: list[PartySnap] = field(default_factory=list)
    aliases: dict[str, int] = field(default_factory=dict)  # alias address -> party id

    def party(self, party_id: int) -> PartySnap:
        return next(p for p in self.parties if p.id == party_id)

    def by_sender(self, sender: str | None) -> PartySnap | None:
        """The current version's counterparty who sent this: by address, then by alias."""
        if not sender:
            return None
        sender = sender.lower()
        current = [p for p in self.parties if p.version_id == self.current_version_id]
        for party in current:
            if party.email == sender:
                return party
        aliased = self.aliases.get(sender)
        if aliased is None:
            return None
        email = self.party(aliased).email
        return next((p for p in current if p.email == email), None)

    def alias_of(self, sender: str) -> str | None:
        """The counterparty address the owner accepted ``sender`` as an alias of."""
        aliased = self.aliases.get(sender.lower())
        return self.party(aliased).email if aliased is not None else None

    def status(self) -> str:
        return str(
            status_of(
                self.parties,
                current_version_id=self.current_version_id,
                withdrawn=self.withdrawn,
                open_unverified=self.open_unverified > 0,
            )
        )


_IDS: BindParameter[Any] = bindparam("ids", expanding=True)

_AGREEMENTS = (
    select(
        agreements_table.c.id,
        agreements_table.c.ref,
        agreements_table.c.title,
        agreements_table.c.owner_id,
        agreements_table.c.withdrawn_at,
        agreements_table.c.version,
        agreements_table.c.away_extension_days,
        agreements_table.c.reminder_offsets,
        agreements_table.c.event_count,
        agreements_table.c.event_head,
        users_table.c.email,
        users_table.c.name,
    )
    .join(users_table, users_table.c.id == agreements_table.c.owner_id)
    .where(agreements_table.c.id.in_(_IDS))
    .order_by(agreements_table.c.id)  # locked in id order: two workers never wait in a cycle
)
_LOCKED_AGREEMENTS = _AGREEMENTS.with_for_update(of=agreements_table)
_VERSIONS = select(
    versions_table.c.id, versions_table.c.agreement_id, versions_table.c.number
).where(versions_table.c.agreement_id.in_(_IDS))
_PARTY_FIELDS = tuple(f for f in PartySnap.__dataclass_fields__ if f != "changed")
_PARTIES = (
    select(*[counterparties_table.c[name] for name in _PARTY_FIELDS])
    .where(counterparties_table.c.agreement_id.in_(_IDS))
    .order_by(counterparties_table.c.id)
)
_ALIASES = select(
    aliases_table.c.agreement_id, aliases_table.c.email, aliases_table.c.counterparty_id
).where(aliases_table.c.agreement_id.in_(_IDS))
_OWNER_ADDRESSES = select(addresses_table.c.user_id, addresses_table.c.email).where(
    addresses_table.c.user_id.in_(_IDS)
)
_OWNER_PHRASES = select(phrases_table.c.owner_id, phrases_table.c.phrase).where(
    phrases_table.c.owner_id.in_(_IDS)
)
_UNVERIFIED = (
    select(messages_table.c.agreement_id, func.count(messages_table.c.id))
    .where(messages_table.c.agreement_id.in_(_IDS), messages_table.c.status == "unverified")
    .group_by(messages_table.c.agreement_id)
)
# The columns of a counterparty that deciding may move.
_MOVABLE = (
    "status",
    "status_at",
    "replied_at",
    "deadline",
    "next_reminder_at",
    "handoff_at",
    "handoff_reply",
)


def load_agreements(
    connection: Connection, ids: Collection[str], *, lock: bool = True
) -> dict[str, AgreementSnap]:
    """The agreements ``ids`` by value; with ``lock``, locked for the rest of the transaction
    (PostgreSQL; SQLite serialises writers)."""
    if not ids:
        return {}
    params = {"ids": sorted(set(ids))}
    rows = connection.execute(_LOCKED_AGREEMENTS if lock else _AGREEMENTS, params).all()
    numbers: dict[str, dict[int, int]] = {}
    for version_id, agreement_id, number in connection.execute(_VERSIONS, params):
        numbers.setdefault(agreement_id, {})[version_id] = number
    owners = sorted({row.owner_id for row in rows})
    addresses: dict[str, set[str]] = {}
    for user_id, email in connection.execute(_OWNER_ADDRESSES, {"ids": owners}):
        addresses.setdefault(user_id, set()).add(email.lower())
    phrases: dict[str, set[str]] = {}
    for user_id, phrase in connection.execute(_OWNER_PHRASES, {"ids": owners}):
        phrases.setdefault(user_id, set()).add(phrase)
    found: dict[str, AgreementSnap] = {}
    for row in rows:
        versions = numbers.get(row.id, {})
        found[row.id] = AgreementSnap(
            id=row.id,
            ref=row.ref,
            title=row.title,
            owner_id=row.owner_id,
            owner_email=row.email,
            owner_name=row.name,
            owner_addresses=frozenset(addresses.get(row.owner_id, set()) | {row.email.lower()}),
            withdrawn=row.withdrawn_at is not None,
            current_version_id=next(v for v, n in versions.items() if n == row.version),
            version_numbers=versions,
            away_extension_days=row.away_extension_days,
            reminder_offsets=list(row.reminder_offsets or []),
            event_count=row.event_count,
            event_head=row.event_head,
            owner_phrases=frozenset(phrases.get(row.owner_id, ())),
        )
    for values in connection.execute(_PARTIES, params).tuples():
        party = PartySnap(*values)
        found[party.agreement_id].parties.append(party)
    for agreement_id, email, party_id in connection.execute(_ALIASES, params):
        found[agreement_id].aliases[email.lower()] = party_id
    for agreement_id, count in connection.execute(_UNVERIFIED, params):
        found[agreement_id].open_unverified = int(count)
    return found


def save(
    session: Session, agreements: Mapping[str, AgreementSnap], events: Sequence[NewEvent]
) -> None:
    """Write the counterparties the caller moved and append ``events``, with each touched
    agreement's status derived from the snapshot (the caller holds the locks)."""
    moved: list[dict[str, Any]] = []
    for agreement in agreements.values():
        for party in agreement.parties:
            if party.changed:
                moved.append({"id": party.id, **{c: getattr(party, c) for c in _MOVABLE}})
                party.changed = False
    bulk.update(session.connection(), counterparties_table, moved)
    if not events:
        return
    touched = {ev.agreement_id for ev in events}
    heads = {
        i: Head(i, a.owner_id, a.ref, a.title, a.event_count, a.event_head)
        for i, a in agreements.items()
        if i in touched
    }
    append_events(
        session, heads, events, values={i: {"status": agreements[i].status()} for i in touched}
    )
    for agreement_id, head in heads.items():
        agreements[agreement_id].event_count = head.event_count
        agreements[agreement_id].event_head = head.event_head
