"""Matching an inbound message to an agreement and counterparty (SPEC §5, in this order):
the token in a recipient address, In-Reply-To/References against stored Message-IDs, then
the ref in the subject or body (only together with a sender match)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from app.agreements.service import active_counterparties, lock_agreements
from app.db import transaction_memo
from app.inbound.outcomes import MachineNoticeReply, UnknownToken
from app.models import Agreement, Counterparty, CounterpartyAlias, StoredMessage
from mail.ids import find_refs
from mail.message import ParsedMessage

# Outbound kinds whose replies concern the agreement itself; any other is a machine notice.
CONVERSATION_KINDS = frozenset({"summary", "reminder", "owner_copy"})


@dataclass(frozen=True)
class Match:
    agreement: Agreement
    counterparty: Counterparty | None  # the one the token or thread names, if any
    via: str  # token | bounce_token | thread | ref


_MEMO_COUNTERPARTIES = "accord.counterparty_by_token"


def _by_token(session: Session, token: str) -> Counterparty | None:
    known = transaction_memo(session, _MEMO_COUNTERPARTIES)
    if token in known:
        found: Counterparty | None = known[token]
        return found
    return session.scalar(select(Counterparty).where(Counterparty.token == token))


def prefetch_tokens(session: Session, parsed: Iterable[ParsedMessage]) -> dict[str, Counterparty]:
    """Look up every token of a batch in one query and lock the agreements they name, in id
    order; returns token -> counterparty. Later ``match`` calls in this transaction use
    the result instead of a query each (tokens never change hands)."""
    tokens = {t for p in parsed for t in (p.token, p.bounce_token) if t}
    if not tokens:
        return {}
    found = {
        cp.token: cp
        for cp in session.scalars(select(Counterparty).where(Counterparty.token.in_(tokens)))
    }
    known = transaction_memo(session, _MEMO_COUNTERPARTIES)
    for token in tokens:
        known[token] = found.get(token)
    lock_agreements(session, {cp.agreement_id for cp in found.values()})
    return found


def _by_thread(session: Session, parsed: ParsedMessage) -> Match | None:
    ids = [i for i in [parsed.in_reply_to, *reversed(parsed.references)] if i]
    if not ids:
        return None
    rows = list(
        session.scalars(
            select(StoredMessage).where(
                StoredMessage.message_id.in_(ids[:50]), StoredMessage.agreement_id.is_not(None)
            )
        )
    )
    if not rows:
        return None
    # Prefer the message replied to directly, then the newest reference.
    order = {mid: i for i, mid in enumerate(ids)}
    rows.sort(key=lambda r: order.get(r.message_id or "", len(order)))
    row = rows[0]
    if row.direction == "out" and row.kind not in CONVERSATION_KINDS:
        raise MachineNoticeReply(f"reply to an Accord notice ({row.kind}); it changes nothing")
    agreement = session.get(Agreement, row.agreement_id)
    assert agreement is not None
    cp = session.get(Counterparty, row.counterparty_id) if row.counterparty_id else None
    if row.kind == "owner_copy":
        cp = None  # the owner's copy names everyone: decide by the sender
    return Match(agreement, cp, "thread")


def match_ref(session: Session, parsed: ParsedMessage) -> Match | None:
    for ref in find_refs(parsed.subject) + find_refs(parsed.text[:20_000]):
        agreement = session.scalar(select(Agreement).where(Agreement.ref == ref))
        if agreement is not None:
            return Match(agreement, None, "ref")
    return None


def match(session: Session, parsed: ParsedMessage) -> Match | None:
    for token, via in ((parsed.token, "token"), (parsed.bounce_token, "bounce_token")):
        if token:
            cp = _by_token(session, token)
            if cp is None:
                raise UnknownToken(f"no agreement has the token in {via.replace('_', ' ')}")
            return Match(cp.agreement, cp, via)
    return _by_thread(session, parsed) or match_ref(session, parsed)


def alias_target(agreement: Agreement, sender: str | None) -> str | None:
    """The counterparty address the owner accepted ``sender`` as an alias of, if any."""
    session = object_session(agreement)
    if not sender or session is None:
        return None
    return session.scalar(
        select(Counterparty.email)
        .join(CounterpartyAlias, CounterpartyAlias.counterparty_id == Counterparty.id)
        .where(
            CounterpartyAlias.agreement_id == agreement.id,
            CounterpartyAlias.email == sender.lower(),
        )
    )


def counterparty_by_sender(agreement: Agreement, sender: str | None) -> Counterparty | None:
    """The current version's counterparty who sent this: by address, then by accepted alias."""
    if not sender:
        return None
    current = active_counterparties(agreement)
    for cp in current:
        if cp.email == sender.lower():
            return cp
    email = alias_target(agreement, sender)
    return next((cp for cp in current if cp.email == email), None) if email else None
