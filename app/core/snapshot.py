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
from typing import Any, cast

from sqlalchemy import BindParameter, Connection, Table, bindparam, func, select
from sqlalchemy.orm import Session

from app import bulk
from app.core.events import Head, NewEvent, append_events
from app.core.record import status_of
from app.models import (
    AcceptedPhrase,
    Agreement,
    AgreementVersion,
    Counterparty,
    CounterpartyAlias,
    StoredMessage,
    User,
    UserAddress,
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


_agreements = cast(Table, Agreement.__table__)
_versions = cast(Table, AgreementVersion.__table__)
_cps = cast(Table, Counterparty.__table__)
_aliases = cast(Table, CounterpartyAlias.__table__)
_messages = cast(Table, StoredMessage.__table__)
_users = cast(Table, User.__table__)
_addresses = cast(Table, UserAddress.__table__)
_phrases = cast(Table, AcceptedPhrase.__table__)
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)

_AGREEMENTS = (
    select(
        _agreements.c.id,
        _agreements.c.ref,
        _agreements.c.title,
        _agreements.c.owner_id,
        _agreements.c.withdrawn_at,
        _agreements.c.version,
        _agreements.c.away_extension_days,
        _agreements.c.reminder_offsets,
        _agreements.c.event_count,
        _agreements.c.event_head,
        _users.c.email,
        _users.c.name,
    )
    .join(_users, _users.c.id == _agreements.c.owner_id)
    .where(_agreements.c.id.in_(_IDS))
    .order_by(_agreements.c.id)  # locked in id order: two workers never wait in a cycle
)
_LOCKED_AGREEMENTS = _AGREEMENTS.with_for_update(of=_agreements)
_VERSIONS = select(_versions.c.id, _versions.c.agreement_id, _versions.c.number).where(
    _versions.c.agreement_id.in_(_IDS)
)
_PARTY_FIELDS = tuple(f for f in PartySnap.__dataclass_fields__ if f != "changed")
_PARTIES = (
    select(*[_cps.c[name] for name in _PARTY_FIELDS])
    .where(_cps.c.agreement_id.in_(_IDS))
    .order_by(_cps.c.id)
)
_ALIASES = select(_aliases.c.agreement_id, _aliases.c.email, _aliases.c.counterparty_id).where(
    _aliases.c.agreement_id.in_(_IDS)
)
_OWNER_ADDRESSES = select(_addresses.c.user_id, _addresses.c.email).where(
    _addresses.c.user_id.in_(_IDS)
)
_OWNER_PHRASES = select(_phrases.c.owner_id, _phrases.c.phrase).where(_phrases.c.owner_id.in_(_IDS))
_UNVERIFIED = (
    select(_messages.c.agreement_id, func.count(_messages.c.id))
    .where(_messages.c.agreement_id.in_(_IDS), _messages.c.status == "unverified")
    .group_by(_messages.c.agreement_id)
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
    bulk.update(session.connection(), _cps, moved)
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
