"""Reading what deciding a batch of inbound messages needs (``app.inbound.decide.Snapshot``),
and the summaries replies are compared with.

Every lookup is one statement for the whole batch: counterparties by token, stored messages
by thread id, agreements by ref (for messages neither names), then the agreements found
(``app.core.snapshot.load_agreements``, locked), and the registered users among the senders.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, select

from app.core.snapshot import load_agreements
from app.inbound.decide import (
    Inbound,
    Snapshot,
    ThreadHit,
    refs_of,
    returned_ids,
    thread_ids,
    token_of,
)
from app.models.tables import (
    addresses_table,
    agreements_table,
    counterparties_table,
    messages_table,
    users_table,
)
from mail.message import text_of

SummaryKey = tuple[str, str]  # (agreement id, the summary's Message-ID)


def _values(name: str) -> Any:
    return bindparam(name, expanding=True)


_TOKENS = select(
    counterparties_table.c.token,
    counterparties_table.c.bounce_token,
    counterparties_table.c.agreement_id,
).where(
    counterparties_table.c.token.in_(_values("reply"))
    | counterparties_table.c.bounce_token.in_(_values("bounce"))
)
_THREADS = (
    select(
        messages_table.c.message_id,
        messages_table.c.direction,
        messages_table.c.kind,
        messages_table.c.agreement_id,
        messages_table.c.counterparty_id,
        messages_table.c.details,
    )
    .where(
        messages_table.c.message_id.in_(_values("ids")),
        # What Accord sent about no agreement (a digest, a sign-in mail) is a hit too: a
        # reply to it must not fall through to the refs it quotes.
        messages_table.c.agreement_id.is_not(None) | (messages_table.c.direction == "out"),
    )
    .order_by(messages_table.c.id)
)
_REFS = select(agreements_table.c.ref, agreements_table.c.id).where(
    agreements_table.c.ref.in_(_values("refs"))
)
_SENDERS = (
    select(addresses_table.c.email)
    .join(users_table, users_table.c.id == addresses_table.c.user_id)
    .where(addresses_table.c.email.in_(_values("emails")), users_table.c.disabled_at.is_(None))
)
_SUMMARIES = (
    select(messages_table.c.agreement_id, messages_table.c.message_id, messages_table.c.raw)
    .where(
        messages_table.c.message_id.in_(_values("ids")),
        messages_table.c.agreement_id.in_(_values("agreements")),
        # A draft is not composed (nor sent) yet: it has no text to compare with.
        messages_table.c.raw.is_not(None),
    )
    .order_by(messages_table.c.id)
)


def load(
    connection: Connection,
    messages: Sequence[Inbound],
    *,
    lock: bool = True,
    agreement_ids: Collection[str] = (),
    tokens_only: bool = False,
) -> Snapshot:
    """The snapshot for ``messages`` (and ``agreement_ids``); with ``lock``, the agreements
    are locked for the rest of the transaction (PostgreSQL; SQLite serialises writers).
    ``tokens_only``: only the agreements the messages name by token (classifying ahead)."""
    snapshot = Snapshot()
    named = [n for m in messages if (n := token_of(m.parsed))]
    reply = sorted({token for token, via in named if via == "token"})
    bounce = sorted({token for token, via in named if via == "bounce_token"})
    found: set[str] = set(agreement_ids)
    token_agreements: dict[str, str] = {}  # a reply or bounce token -> its agreement
    if named:
        for token, bounce_token, agreement_id in connection.execute(
            _TOKENS, {"reply": reply or [""], "bounce": bounce or [""]}
        ):
            if token in reply:
                token_agreements[token] = agreement_id
            if bounce_token in bounce:
                token_agreements[bounce_token] = agreement_id
        found |= set(token_agreements.values())
    ids = sorted({i for m in messages for i in (*thread_ids(m.parsed), *returned_ids(m.parsed))})
    if ids and not tokens_only:
        for row in connection.execute(_THREADS, {"ids": ids}):
            if row.message_id not in snapshot.by_thread:
                snapshot.by_thread[row.message_id] = ThreadHit(
                    row.direction,
                    row.kind,
                    row.agreement_id,
                    row.counterparty_id,
                    (row.details or {}).get("commitment") if row.direction == "out" else None,
                )
                if row.agreement_id is not None:
                    found.add(row.agreement_id)
    refs = sorted({r for m in messages if _needs_ref(m, snapshot) for r in refs_of(m.parsed)})
    if refs and not tokens_only:
        snapshot.by_ref = dict(connection.execute(_REFS, {"refs": refs}).tuples().all())
        found |= set(snapshot.by_ref.values())
    snapshot.agreements = load_agreements(connection, found, lock=lock)
    for token, agreement_id in token_agreements.items():
        agreement = snapshot.agreements.get(agreement_id)
        party = (
            next((p for p in agreement.parties if token in (p.token, p.bounce_token)), None)
            if agreement
            else None
        )
        if party is not None:
            snapshot.by_token[token] = party
    senders = sorted({m.parsed.from_addr.lower() for m in messages if m.parsed.from_addr})
    if senders and not tokens_only:
        snapshot.users = frozenset(connection.execute(_SENDERS, {"emails": senders}).scalars())
    return snapshot


def _needs_ref(message: Inbound, snapshot: Snapshot) -> bool:
    """Whether matching this message may come to its ref (no token, no known thread)."""
    parsed = message.parsed
    if parsed.kind in ("capture", "unrelated"):
        return True
    if token_of(parsed):
        return False
    return not any(i in snapshot.by_thread for i in thread_ids(parsed))


def sent_texts(
    connection: Connection, wanted: Collection[tuple[str, str]]
) -> dict[SummaryKey, str]:
    """The text of each summary (agreement, Message-ID) as its counterparty received it:
    Accord's outbound summary, or the user's captured message. A draft (not composed, so
    not sent either) has none yet."""
    if not wanted:
        return {}
    params = {
        "ids": sorted({m for _, m in wanted}),
        "agreements": sorted({a for a, _ in wanted}),
    }
    found: dict[SummaryKey, str] = {}
    for agreement_id, message_id, raw in connection.execute(_SUMMARIES, params):
        key = (agreement_id, message_id)
        if key in wanted and key not in found:
            found[key] = text_of(raw)
    return found
