"""Applying stored inbound messages: parse, load, route, decide, write.

A message's status moves from ``received`` in the same transaction as the change it causes,
so it is applied exactly once. Messages are taken oldest first in batches, one transaction
per batch. A batch is read in one go (``app.inbound.load``), each message is routed and
decided in order on that snapshot (``app.inbound.decide``; each decision carried into the
snapshot for the next), and the batch's changes are written with one statement per table:
counterparties, the chain (``app.core.events``), owner alerts, the messages' own outcomes.
A capture or a "cancel" goes to its service (``app.inbound.capture``) after what came before
it is written, and the rest of the batch is read again.

If anything raises, the batch's savepoint is rolled back and the batch is done again one
message at a time, each under its own savepoint, through the same code: the message that
raises is kept as ``failed`` with the error, never dropped, and the others go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session

from app import bulk
from app.config import Settings
from app.core.events import NewEvent
from app.core.snapshot import AgreementSnap, PartySnap, save
from app.db import Database, utcnow
from app.inbound import capture
from app.inbound import outcomes as o
from app.inbound.authn import Authenticity, authenticity
from app.inbound.decide import (
    Authentication,
    Cancel,
    Capture,
    Decision,
    Inbound,
    Match,
    Snapshot,
    Verdict,
    Verdicts,
    apply,
    classifier_inputs,
    classify,
    decide,
    route,
)
from app.inbound.load import SummaryKey, load, sent_texts
from app.inbound.store import read_history
from app.keys import seal_head
from app.models import StoredMessage
from app.models.tables import messages_table
from app.outbound.drafts import alert_about, receipt_draft
from app.outbound.service import store_drafts
from mail.classify import Classification
from mail.dkim import DnsLookup, verified_domains
from mail.message import ParsedMessage, parse_message

log = logging.getLogger("accord.inbound")


# The columns of an inbound message's row that processing sets, whichever way it went.
RESULT_COLUMNS = (
    "kind",
    "from_addr",
    "subject",
    "details",
    "status",
    "reason",
    "classification",
    "agreement_id",
    "counterparty_id",
    "processed_at",
)
_RECEIVED = (
    select(
        messages_table.c.id,
        messages_table.c.message_id,
        messages_table.c.internaldate,
        messages_table.c.received_at,
        messages_table.c.from_addr,
        messages_table.c.subject,
        messages_table.c.details,
        messages_table.c.source,
    )
    .where(messages_table.c.direction == "in", messages_table.c.status == "received")
    .order_by(messages_table.c.id)
    .limit(bindparam("limit"))
    .with_for_update(skip_locked=True)
)
_RAW = select(messages_table.c.id, messages_table.c.raw).where(
    messages_table.c.id.in_(bindparam("ids", expanding=True))
)


@dataclass
class ProcessReport:
    by_status: dict[str, int] = field(default_factory=dict)

    def add(self, status: str) -> None:
        self.by_status[status] = self.by_status.get(status, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass(frozen=True)
class Received:
    """A stored message waiting to be applied, as read with its row lock."""

    row: Row[Any]
    message: Inbound


def parse(settings: Settings, raw: bytes) -> ParsedMessage:
    return parse_message(
        raw, tracking_address=settings.tracking_address, max_bytes=settings.max_message_bytes
    )


def _next_received(
    session: Session, settings: Settings, limit: int, parsed: Mapping[int, ParsedMessage]
) -> list[Received]:
    """The next ``received`` rows, locked; the raw bytes are read only of rows not parsed
    already (after a restart, or a message the poller did not prepare)."""
    connection = session.connection()
    rows = connection.execute(_RECEIVED, {"limit": limit}).all()
    unparsed = [row.id for row in rows if row.id not in parsed]
    raws = dict(connection.execute(_RAW, {"ids": unparsed}).tuples().all()) if unparsed else {}
    return [
        Received(
            row,
            Inbound(
                row.id,
                row.message_id,
                parsed.get(row.id) or parse(settings, raws.get(row.id) or b""),
                row.internaldate or row.received_at,
            ),
        )
        for row in rows
    ]


@dataclass
class _Writes:
    """What a run of decided messages writes, in order."""

    results: list[dict[str, Any]] = field(default_factory=list)
    events: list[NewEvent] = field(default_factory=list)
    alerts: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    receipts: list[tuple[Decision, str | None, datetime]] = field(default_factory=list)


def _authentication(
    session: Session, settings: Settings, dns: DnsLookup | None, sources: Mapping[int, str]
) -> Authentication:
    """Authenticity for ``decide``: the receiving server's word, and when a pass is needed
    and it gives none, Accord's own DKIM check of the stored bytes (once per message).
    ``sources`` holds each message's ``source``, by row id: it decides whose word a header is."""
    checked: dict[int, Authenticity] = {}

    def authentication(message: Inbound, need_pass: bool) -> Authenticity:
        source = sources[message.row_id]
        found = authenticity(settings, message.parsed, source=source)
        if found.verdict != "none" or not need_pass:
            return found
        if message.row_id not in checked:
            raw = session.scalar(
                select(messages_table.c.raw).where(messages_table.c.id == message.row_id)
            )
            domains = verified_domains(raw or b"", dns=dns)
            checked[message.row_id] = authenticity(settings, message.parsed, domains, source=source)
        return checked[message.row_id]

    return authentication


@dataclass(frozen=True)
class _Run:
    """What every batch of one ``process_pending`` call shares."""

    settings: Settings
    now: Callable[[], datetime]
    ahead: Mapping[int, Verdict]  # replies classified ahead, by row id
    dns: DnsLookup | None  # the DNS lookup of DKIM keys (None: dkimpy's own)


def _apply(session: Session, run: _Run, batch: Sequence[Received]) -> list[str]:
    """Apply ``batch`` in order; returns each message's new status."""
    settings, now, ahead = run.settings, run.now, run.ahead
    statuses: list[str] = []
    sources = {r.message.row_id: r.row.source for r in batch}
    authentication = _authentication(session, settings, run.dns, sources)
    while len(statuses) < len(batch):
        rest = batch[len(statuses) :]
        snapshot = load(session.connection(), [r.message for r in rest])
        snapshot.history = read_history(
            session.connection(), snapshot.agreements, [r.message.message_id for r in rest]
        )
        verdict_of = _verdicts(session, ahead, _summaries_named(rest, snapshot, ahead))
        writes = _Writes()
        service: tuple[Received, Capture | Cancel] | None = None
        for received in rest:
            moment = now()
            message = received.message
            where = route(message, snapshot, authentication=authentication)
            if isinstance(where, Capture | Cancel):
                service = (received, where)
                break
            if isinstance(where, Match):
                where = decide(
                    message,
                    where,
                    now=moment,
                    verdicts=verdict_of,
                    authentication=authentication,
                    history=snapshot.history,
                )
            apply(where, snapshot)
            _note(settings, writes, snapshot, where, moment)
            writes.results.append(_result(received, where, moment))
            statuses.append(where.status)
        _write(session, settings, snapshot, writes)
        if service is not None:
            received, action = service
            decision = _run_service(session, settings, received, action, now(), authentication)
            captured = isinstance(action, Capture) and decision.status == "processed"
            kind = "capture" if captured else None
            _write_results(session, [_result(received, decision, now(), kind=kind)])
            statuses.append(decision.status)
    return statuses


def _summaries_named(
    batch: Sequence[Received], snapshot: Snapshot, ahead: Mapping[int, Verdict]
) -> list[SummaryKey]:
    """The summaries the batch's replies not classified ahead name by token: read in one go."""
    keys = []
    for received in batch:
        parsed = received.message.parsed
        party = snapshot.by_token.get(parsed.token or "")
        if parsed.kind == "reply" and party and received.row.id not in ahead:
            keys.append((party.agreement_id, party.summary_message_id or ""))
    return keys


def _verdicts(
    session: Session, ahead: Mapping[int, Verdict], preload: Sequence[SummaryKey]
) -> Verdicts:
    """The classifier's verdicts for a batch: one made ahead (by the ingest helper) where
    its inputs still hold, else made now, against the summary it answers (those of
    ``preload`` read at once, any other when first needed)."""
    texts: dict[SummaryKey, str | None] = dict.fromkeys(preload)
    texts |= sent_texts(session.connection(), preload)

    def verdict(message: Inbound, party: PartySnap, agreement: AgreementSnap) -> Classification:
        early = ahead.get(message.row_id)
        if early is not None and early.inputs == classifier_inputs(party, agreement):
            return early.classification
        key = (agreement.id, party.summary_message_id or "")
        if key not in texts:
            texts[key] = sent_texts(session.connection(), [key]).get(key)
        return classify(message, party, agreement, texts[key])

    return verdict


def _run_service(
    session: Session,
    settings: Settings,
    received: Received,
    action: Capture | Cancel,
    now: datetime,
    authentication: Authentication,
) -> Decision:
    message = received.message
    try:
        if isinstance(action, Capture):
            checked = authentication(message, bool(settings.authserv_id))
            agreement_id = capture.capture(session, settings, message, checked, now=now)
            return Decision("processed", agreement_id=agreement_id)
        capture.cancel(session, settings, action.agreement_id, message, now=now)
        return Decision("processed", classification="cancel", agreement_id=action.agreement_id)
    except o.Outcome as outcome:
        return Decision(
            outcome.status, outcome.reason, agreement_id=getattr(outcome, "agreement_id", None)
        )


def _note(
    settings: Settings, writes: _Writes, snapshot: Snapshot, decision: Decision, now: datetime
) -> None:
    """Add a decision's events and owner alert to what the run writes."""
    if not decision.events:
        return
    assert decision.agreement_id is not None
    writes.events += decision.events
    if decision.receipt is not None:
        recorded = (decision.events[0].data or {}).get("reply_text")
        writes.receipts.append((decision, recorded, now))
    alert = decision.alert
    if alert is None:
        return
    agreement = snapshot.agreements[decision.agreement_id]
    party: PartySnap | None = agreement.party(alert.party_id) if alert.party_id else None
    writes.alerts.append(
        alert_about(
            settings,
            agreement,
            party,
            headline=alert.headline,
            deciding_text=alert.deciding_text,
            now=now,
            mark_row_id=decision.events[0].message_row_id if alert.markable else None,
            why=alert.why,
        )
    )


def _result(
    received: Received, decision: Decision, now: datetime, *, kind: str | None = None
) -> dict[str, Any]:
    """The message's row as ``decision`` leaves it (``RESULT_COLUMNS``)."""
    row, parsed = received.row, received.message.parsed
    return {
        "id": row.id,
        "kind": kind or parsed.kind,
        "from_addr": parsed.from_addr or row.from_addr,
        "subject": parsed.subject[:2000] or row.subject,
        "details": {
            **(row.details or {}),
            "defects": parsed.defects[:20],
            "truncated": parsed.truncated,
        },
        "status": decision.status,
        "reason": decision.reason,
        "classification": decision.classification,
        "agreement_id": decision.agreement_id,
        "counterparty_id": decision.counterparty_id,
        "processed_at": now,
    }


def _write(session: Session, settings: Settings, snapshot: Snapshot, writes: _Writes) -> None:
    save(session, snapshot.agreements, writes.events)
    store_drafts(session, writes.alerts + _receipts(settings, snapshot, writes.receipts))
    _write_results(session, writes.results)


def _receipts(
    settings: Settings, snapshot: Snapshot, answers: list[tuple[Decision, str | None, datetime]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Each answer's receipt, with its agreement's chain head as written, sealed."""
    seals: dict[str, str] = {}
    drafts = []
    for decision, text, now in answers:
        agreement = snapshot.agreements[decision.agreement_id or ""]
        if agreement.id not in seals:
            seals[agreement.id] = seal_head(settings, agreement, at=now).line()
        party = agreement.party(decision.counterparty_id or 0)
        drafts.append(
            receipt_draft(
                settings,
                agreement,
                party,
                answer=decision.receipt or "",
                via="email",
                text=text,
                seal_line=seals[agreement.id],
                now=now,
            )
        )
    return drafts


def _write_results(session: Session, results: list[dict[str, Any]]) -> None:
    bulk.update(session.connection(), messages_table, results)


def _apply_alone(session: Session, run: _Run, received: Received) -> str:
    """Apply one message under a savepoint: if it raises, only its own changes roll back
    and it is kept as ``failed`` with the error."""
    try:
        with session.begin_nested():
            (status,) = _apply(session, run, [received])
            return status
    except Exception as exc:
        log.exception("inbound message %s failed; kept as failed", received.row.id)
        failed = Decision("failed", f"{type(exc).__name__}: {exc}"[:2000])
        _write_results(session, [_result(received, failed, run.now())])
        return "failed"


def process_pending(
    settings: Settings,
    database: Database,
    *,
    limit: int = 10_000,
    batch_size: int = 100,
    now: Callable[[], datetime] = utcnow,
    parsed: Mapping[int, ParsedMessage] | None = None,
    verdicts: Mapping[int, Verdict] | None = None,
    dns: DnsLookup | None = None,
) -> ProcessReport:
    """Apply stored messages oldest first, a batch per transaction.

    ``parsed`` holds parse results computed already (by the poller's preparer), by row id;
    other rows are parsed here. ``verdicts`` holds replies classified ahead (see
    ``app.inbound.prepare``), used where their inputs still hold. ``dns`` looks up DKIM
    keys for Accord's own check (``mail.dkim``; tests pass their own). A crash rolls back
    the batch, whose rows simply wait as ``received``.
    """
    report = ProcessReport()
    ready = parsed or {}
    run = _Run(settings, now, verdicts or {}, dns)
    while report.total < limit:
        with database.transaction() as session:
            batch = _next_received(session, settings, min(batch_size, limit - report.total), ready)
            try:
                with session.begin_nested():
                    statuses = _apply(session, run, batch)
            except Exception:
                log.warning(
                    "a message of this batch failed; redoing it message by message", exc_info=True
                )
                statuses = [_apply_alone(session, run, r) for r in batch]
            for status in statuses:
                report.add(status)
        if not batch:
            break
    return report


def reapply(
    session: Session,
    settings: Settings,
    *,
    row: StoredMessage,
    agreement_id: str,
    party_id: int,
    now: datetime,
) -> Decision:
    """Decide a stored reply again as ``party_id``'s answer, because the owner vouched for
    its sender (``app.inbound.review``), and write what it does to the agreement; the
    caller records the message's own new state."""
    raw = row.raw or b""
    message = Inbound(
        row.id, row.message_id, parse(settings, raw), row.internaldate or row.received_at
    )
    snapshot = load(session.connection(), [message], agreement_ids=[agreement_id])
    snapshot.history = read_history(session.connection(), [agreement_id], [row.message_id])
    agreement = snapshot.agreements[agreement_id]
    party = agreement.party(party_id)
    decision = decide(
        message,
        Match(agreement, party, "owner_review"),
        now=now,
        verdicts=_verdicts(session, {}, []),
        # trusted: not asked
        authentication=_authentication(session, settings, None, {row.id: row.source}),
        history=snapshot.history,
        trusted=party,
    )
    apply(decision, snapshot)
    writes = _Writes()
    _note(settings, writes, snapshot, decision, now)
    _write(session, settings, snapshot, writes)
    return decision


__all__ = ["ProcessReport", "process_pending"]
