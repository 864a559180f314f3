"""Reading what deciding a batch of inbound messages needs (``app.inbound.decide.Snapshot``).

Every lookup is one statement for the whole batch: counterparties by token, stored messages
by thread id, agreements by ref (for messages neither names), then the agreements found
(``app.core.snapshot.load_agreements``, locked); the registered users among the senders;
and the text of each summary a reply may be compared with.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, select

from app.core.snapshot import load_agreements
from app.inbound.decide import (
    Inbound,
    Snapshot,
    ThreadHit,
    refs_of,
    thread_ids,
    token_of,
)
from app.models import (
    Agreement,
    AgreementVersion,
    Counterparty,
    CounterpartyAlias,
    StoredMessage,
    User,
    UserAddress,
)
from mail.message import text_of

_agreements = cast(Table, Agreement.__table__)
_versions = cast(Table, AgreementVersion.__table__)
_cps = cast(Table, Counterparty.__table__)
_aliases = cast(Table, CounterpartyAlias.__table__)
_messages = cast(Table, StoredMessage.__table__)
_users = cast(Table, User.__table__)
_addresses = cast(Table, UserAddress.__table__)


def _values(name: str) -> Any:
    return bindparam(name, expanding=True)


_TOKENS = select(_cps.c.token, _cps.c.agreement_id).where(_cps.c.token.in_(_values("tokens")))
_THREADS = (
    select(
        _messages.c.message_id,
        _messages.c.direction,
        _messages.c.kind,
        _messages.c.agreement_id,
        _messages.c.counterparty_id,
    )
    .where(_messages.c.message_id.in_(_values("ids")), _messages.c.agreement_id.is_not(None))
    .order_by(_messages.c.id)
)
_REFS = select(_agreements.c.ref, _agreements.c.id).where(_agreements.c.ref.in_(_values("refs")))
_SENDERS = (
    select(_addresses.c.email)
    .join(_users, _users.c.id == _addresses.c.user_id)
    .where(_addresses.c.email.in_(_values("emails")), _users.c.disabled_at.is_(None))
)
_SUMMARIES = (
    select(_messages.c.agreement_id, _messages.c.message_id, _messages.c.raw)
    .where(
        _messages.c.message_id.in_(_values("ids")),
        _messages.c.agreement_id.in_(_values("agreements")),
        # A draft is not composed (nor sent) yet: it has no text to compare with.
        _messages.c.raw.is_not(None),
    )
    .order_by(_messages.c.id)
)


def load(
    connection: Connection,
    messages: Sequence[Inbound],
    *,
    lock: bool = True,
    agreement_ids: Collection[str] = (),
) -> Snapshot:
    """The snapshot for ``messages`` (and ``agreement_ids``); with ``lock``, the agreements
    are locked for the rest of the transaction (PostgreSQL; SQLite serialises writers)."""
    snapshot = Snapshot()
    tokens = sorted({named[0] for m in messages if (named := token_of(m.parsed))})
    found: set[str] = set(agreement_ids)
    token_agreements: dict[str, str] = {}
    if tokens:
        token_agreements = dict(connection.execute(_TOKENS, {"tokens": tokens}).tuples().all())
        found |= set(token_agreements.values())
    ids = sorted({i for m in messages for i in thread_ids(m.parsed)})
    if ids:
        for row in connection.execute(_THREADS, {"ids": ids}):
            if row.message_id not in snapshot.by_thread:
                snapshot.by_thread[row.message_id] = ThreadHit(
                    row.direction, row.kind, row.agreement_id, row.counterparty_id
                )
                found.add(row.agreement_id)
    refs = sorted({r for m in messages if _needs_ref(m, snapshot) for r in refs_of(m.parsed)})
    if refs:
        snapshot.by_ref = dict(connection.execute(_REFS, {"refs": refs}).tuples().all())
        found |= set(snapshot.by_ref.values())
    snapshot.agreements = load_agreements(connection, found, lock=lock)
    for token, agreement_id in token_agreements.items():
        agreement = snapshot.agreements.get(agreement_id)
        party = (
            next((p for p in agreement.parties if p.token == token), None) if agreement else None
        )
        if party is not None:
            snapshot.by_token[token] = party
    senders = sorted({m.parsed.from_addr.lower() for m in messages if m.parsed.from_addr})
    if senders:
        snapshot.users = frozenset(connection.execute(_SENDERS, {"emails": senders}).scalars())
    _load_sent_texts(connection, snapshot, _summaries_replied_to(messages, snapshot))
    return snapshot


def _needs_ref(message: Inbound, snapshot: Snapshot) -> bool:
    """Whether matching this message may come to its ref (no token, no known thread)."""
    parsed = message.parsed
    if parsed.kind in ("capture", "unrelated"):
        return True
    if token_of(parsed):
        return False
    return not any(i in snapshot.by_thread for i in thread_ids(parsed))


def _summaries_replied_to(messages: Iterable[Inbound], snapshot: Snapshot) -> set[tuple[str, str]]:
    """(agreement, summary Message-ID) of each counterparty a reply of the batch may be
    classified as answering: the one its token or thread names, or its sender."""
    wanted = set()
    for message in messages:
        parsed = message.parsed
        if parsed.kind not in ("reply", "capture", "unrelated"):
            continue
        named = token_of(parsed)
        parties = [snapshot.by_token.get(named[0])] if named else []
        hit = next(
            (snapshot.by_thread[i] for i in thread_ids(parsed) if i in snapshot.by_thread), None
        )
        agreement_ids = {p.agreement_id for p in parties if p}
        if hit is not None:
            agreement_ids.add(hit.agreement_id)
        agreement_ids |= {snapshot.by_ref[r] for r in refs_of(parsed) if r in snapshot.by_ref}
        for agreement_id in agreement_ids:
            agreement = snapshot.agreements.get(agreement_id)
            if agreement is not None:
                parties.append(agreement.by_sender(parsed.from_addr))
                if (
                    hit is not None
                    and hit.counterparty_id is not None
                    and hit.agreement_id == agreement_id
                ):
                    parties.append(agreement.party(hit.counterparty_id))
        wanted |= {
            (p.agreement_id, p.summary_message_id) for p in parties if p and p.summary_message_id
        }
    return wanted


def _load_sent_texts(
    connection: Connection, snapshot: Snapshot, wanted: set[tuple[str, str]]
) -> None:
    if not wanted:
        return
    params = {
        "ids": sorted({m for _, m in wanted}),
        "agreements": sorted({a for a, _ in wanted}),
    }
    for agreement_id, message_id, raw in connection.execute(_SUMMARIES, params):
        key = (agreement_id, message_id)
        # The agreement's own copy: Accord's outbound summary, or the user's captured message.
        if key in wanted and key not in snapshot.sent_texts:
            snapshot.sent_texts[key] = text_of(raw)
