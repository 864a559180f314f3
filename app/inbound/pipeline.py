"""The inbound pipeline: parse, match, verify, classify and apply one stored message.

A message's status moves from ``received`` in the same transaction as the state change it
causes, so it is applied exactly once. Messages are taken in batches, one transaction per
batch: the batch is tried under one savepoint, and if a message raises it is done again with
a savepoint per message, so that message's own changes are rolled back and it is kept as
``failed`` with the error, never dropped. Within a batch, runs of common messages (a reply,
out-of-office notice or bounce naming its counterparty by token) are applied set-based by
``app.inbound.set_based`` with the same rules; every other message is processed here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, undefer
from sqlalchemy.orm.attributes import flag_modified

from app.agreements import service as agreements
from app.agreements.lifecycle import CpStatus, can_move
from app.config import Settings
from app.db import Database, utcnow
from app.evidence.log import SYSTEM, append_event
from app.inbound import outcomes as o
from app.inbound.capture import cancel_by_reply, capture, is_capture_sender
from app.inbound.matching import (
    Match,
    alias_target,
    counterparty_by_sender,
    match,
    match_ref,
    prefetch_tokens,
)
from app.inbound.rules import (
    RESULT_COLUMNS,
    Verdict,
    authentication_failure,
    sent_text,
    warm_sent_texts,
)
from app.inbound.set_based import apply_run
from app.models import Agreement, Counterparty, StoredMessage
from app.outbound import service as outbox
from app.timekeeping.extend import extend_deadline
from mail.classify import classify_reply
from mail.message import ParsedMessage, parse_message

log = logging.getLogger("accord.inbound")
EXCERPT = 2000


@dataclass
class ProcessReport:
    by_status: dict[str, int] = field(default_factory=dict)

    def add(self, status: str) -> None:
        self.by_status[status] = self.by_status.get(status, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass
class Context:
    session: Session
    settings: Settings
    row: StoredMessage
    parsed: ParsedMessage
    now: datetime

    @property
    def arrived_at(self) -> datetime:
        """When the message reached the mailbox (IMAP INTERNALDATE), else when we got it."""
        return self.row.internaldate or self.row.received_at


def _check_authentication(ctx: Context) -> None:
    failure = authentication_failure(ctx.settings, ctx.parsed)
    if failure:
        raise o.AuthenticationFailed(failure)


def _verified_counterparty(ctx: Context, found: Match) -> Counterparty:
    sender = (ctx.parsed.from_addr or "").lower()
    cp = found.counterparty
    if cp is not None and (cp.email == sender or alias_target(found.agreement, sender) == cp.email):
        return cp
    by_sender = counterparty_by_sender(found.agreement, sender)
    if by_sender is not None and (cp is None or found.via == "thread"):
        return by_sender
    named = cp.email if cp else "a counterparty"
    raise o.SenderMismatch(f"sent by {sender or 'an unknown sender'}, not by {named}")


def _check_open(found: Match, cp: Counterparty | None) -> None:
    if found.agreement.withdrawn_at is not None:
        raise o.AgreementClosed("the agreement was withdrawn")
    if cp is not None and cp.version.number != found.agreement.version:
        raise o.AgreementClosed(f"reply to version {cp.version.number}, which was superseded")


def _apply_reply(ctx: Context, found: Match) -> None:
    _check_authentication(ctx)
    apply_reply_as(ctx, found, _verified_counterparty(ctx, found))


def apply_reply_as(ctx: Context, found: Match, cp: Counterparty) -> None:
    """Classify the reply and move ``cp``: the sender was verified, or the owner accepted it."""
    _check_open(found, cp)
    owner = found.agreement.owner
    verdict = classify_reply(
        ctx.parsed.reply_text or "",
        quoted_text=ctx.parsed.quoted_text,
        sent_text=sent_text(ctx.session, cp.agreement_id, cp.summary_message_id),
        names=[n for n in (cp.name, owner.name, ctx.parsed.from_name) if n],
    )
    ctx.row.classification = verdict.label
    ctx.row.reason = verdict.reason
    confirmed = verdict.label == "confirmation"
    target = CpStatus.CONFIRMED if confirmed else CpStatus.CLARIFICATION_REQUESTED
    current = CpStatus(cp.status)
    if not can_move(current, target):
        raise o.NoStateChange(f"{verdict.label} while {current}: recorded, state unchanged")
    before_deadline = ctx.arrived_at < cp.deadline
    cp.replied_at = cp.replied_at or ctx.arrived_at
    agreements.transition(
        ctx.session,
        counterparty=cp,
        to=target,
        actor=cp.email,
        message=ctx.row,
        at=ctx.now,
        data={
            "classification": verdict.label,
            "reason": verdict.reason,
            "reply_text": (ctx.parsed.reply_text or "")[:EXCERPT],
            "arrived_at": ctx.arrived_at.isoformat(),
            "before_deadline": before_deadline,
            "matched_by": found.via,
        },
    )
    if target == CpStatus.CLARIFICATION_REQUESTED:
        outbox.queue_owner_alert(
            ctx.session,
            settings=ctx.settings,
            agreement=found.agreement,
            headline=f"{cp.name or cp.email} asked for a clarification",
            counterparty=cp,
            deciding_text=ctx.parsed.reply_text or verdict.reason,
            now=ctx.now,
            flush=False,
        )


def _apply_auto_reply(ctx: Context, found: Match) -> None:
    cp = found.counterparty or counterparty_by_sender(found.agreement, ctx.parsed.from_addr)
    if cp is None:
        raise o.NoStateChange("auto-reply for no particular counterparty")
    _check_open(found, cp)
    ctx.row.counterparty_id = cp.id
    if not ctx.parsed.out_of_office:
        raise o.NoStateChange(f"auto-reply ({ctx.parsed.auto_reply_reason}); changes nothing")
    if not can_move(CpStatus(cp.status), CpStatus.AWAY):
        raise o.NoStateChange(f"out-of-office notice while {cp.status}; state unchanged")
    agreements.transition(
        ctx.session,
        counterparty=cp,
        to=CpStatus.AWAY,
        actor=ctx.parsed.from_addr or cp.email,
        message=ctx.row,
        at=ctx.now,
        data={"auto_reply_reason": ctx.parsed.auto_reply_reason, "excerpt": ctx.parsed.text[:500]},
    )
    policy_days = found.agreement.away_extension_days
    if policy_days:
        # The policy lifts the hold at once with a later deadline, instead of waiting for the
        # owner to extend or accept.
        extend_deadline(
            ctx.session,
            counterparty=cp,
            deadline=max(cp.deadline, ctx.now) + timedelta(days=policy_days),
            actor=SYSTEM,
            now=ctx.now,
        )
    outbox.queue_owner_alert(
        ctx.session,
        settings=ctx.settings,
        agreement=found.agreement,
        headline=f"{cp.name or cp.email} is away: deemed acceptance is on hold"
        if not policy_days
        else f"{cp.name or cp.email} is away: deadline extended by {policy_days} days",
        counterparty=cp,
        deciding_text=(ctx.parsed.reply_text or ctx.parsed.text)[:1000],
        now=ctx.now,
        flush=False,
    )


def _apply_bounce(ctx: Context, found: Match) -> None:
    cp = found.counterparty
    if cp is None:
        raise o.NoStateChange("bounce for no particular counterparty")
    _check_open(found, cp)
    ctx.row.counterparty_id = cp.id
    failures = [b for b in ctx.parsed.bounces if b.permanent]
    if not failures:
        statuses = ", ".join(b.status for b in ctx.parsed.bounces) or "no status"
        raise o.NoStateChange(f"delivery delayed or unclear ({statuses}); still waiting")
    if not can_move(CpStatus(cp.status), CpStatus.BOUNCED):
        raise o.NoStateChange(f"bounce while {cp.status}; state unchanged")
    was_deemed = cp.status == CpStatus.DEEMED_ACCEPTED
    first = failures[0]
    agreements.transition(
        ctx.session,
        counterparty=cp,
        to=CpStatus.BOUNCED,
        actor="mailer-daemon",
        message=ctx.row,
        at=ctx.now,
        event_type="bounced",
        data={
            "stage": "dsn",
            "status": first.status,
            "diagnostic": (first.diagnostic or "")[:500],
            "revokes_deemed_acceptance": was_deemed,
        },
    )
    headline = (
        f"Deemed acceptance by {cp.email} revoked: the summary bounced"
        if was_deemed
        else f"Your summary to {cp.email} bounced"
    )
    outbox.queue_owner_alert(
        ctx.session,
        settings=ctx.settings,
        agreement=found.agreement,
        headline=headline,
        counterparty=cp,
        deciding_text=f"{first.status} {first.diagnostic or ''}".strip(),
        now=ctx.now,
        flush=False,
    )


APPLY: dict[str, Callable[[Context, Match], None]] = {
    "reply": _apply_reply,
    "auto_reply": _apply_auto_reply,
    "bounce": _apply_bounce,
}


def _record_unverified(ctx: Context, found: Match, outcome: o.Unverified) -> None:
    agreement = agreements.lock_agreement(ctx.session, found.agreement.id)
    cp = found.counterparty
    append_event(
        ctx.session,
        agreement=agreement,
        type="unverified_reply",
        actor=ctx.parsed.from_addr or "unknown",
        counterparty=cp,
        message=ctx.row,
        at=ctx.now,
        data={"reason": outcome.reason, "matched_by": found.via},
    )
    ctx.session.flush()
    agreements.refresh_status(ctx.session, agreement)
    outbox.queue_owner_alert(
        ctx.session,
        settings=ctx.settings,
        agreement=agreement,
        headline="A reply needs your review: it could not be verified",
        counterparty=cp,
        deciding_text=f"{outcome.reason}\n\n{(ctx.parsed.reply_text or '')[:1000]}",
        now=ctx.now,
        flush=False,
    )


def _route(ctx: Context) -> None:
    kind = ctx.parsed.kind
    found: Match | None
    # Acknowledgements carry no token, so only token-less replies can answer one.
    if (
        kind == "reply"
        and not ctx.parsed.token
        and cancel_by_reply(ctx.session, ctx.settings, ctx.row, ctx.parsed, now=ctx.now)
    ):
        return
    if kind in ("capture", "unrelated"):
        # A new message (no thread headers) that names a ref is a reply when its sender is
        # a counterparty of that agreement; otherwise it may be a user's BCC capture.
        found = match_ref(ctx.session, ctx.parsed)
        named = found and counterparty_by_sender(found.agreement, ctx.parsed.from_addr)
        if kind == "capture" and not named:
            capture(ctx.session, ctx.settings, ctx.row, ctx.parsed, now=ctx.now)
            return
        if found is None:
            raise o.Unrelated("not a reply, auto-reply or bounce for any agreement")
        kind = "reply"
    else:
        found = match(ctx.session, ctx.parsed)
        if found is None and kind == "reply" and is_capture_sender(ctx.session, ctx.parsed):
            # A summary written as a reply in some other thread, copied to the tracking address.
            capture(ctx.session, ctx.settings, ctx.row, ctx.parsed, now=ctx.now)
            return
    if found is None:
        raise o.Unmatched("no token, known Message-ID or ref")
    agreements.lock_agreement(ctx.session, found.agreement.id)
    ctx.row.agreement_id = found.agreement.id
    ctx.row.counterparty_id = found.counterparty.id if found.counterparty else None
    if found.via == "thread" and kind == "reply" and _from_owner(ctx, found):
        # With the tracking address in Cc, the owner's own replies in the thread come here too.
        raise o.NoStateChange("the owner's own message in a tracked thread; it changes nothing")
    try:
        APPLY[kind](ctx, found)
        _uniform_updates(found.agreement)
    except o.Unverified as outcome:
        ctx.row.status = outcome.status
        ctx.row.reason = outcome.reason
        agreements.note_unverified(ctx.session, found.agreement.id)
        _record_unverified(ctx, found, outcome)
        raise


def _from_owner(ctx: Context, found: Match) -> bool:
    sender = (ctx.parsed.from_addr or "").lower()
    owner_addresses = {a.email for a in found.agreement.owner.addresses}
    return sender in owner_addresses and counterparty_by_sender(found.agreement, sender) is None


def _parse(settings: Settings, row: StoredMessage) -> ParsedMessage:
    # Inbound rows always have their bytes (only outbound drafts have none).
    return parse_message(
        row.raw or b"",
        tracking_address=settings.tracking_address,
        max_bytes=settings.max_message_bytes,
    )


def process_row(
    session: Session,
    settings: Settings,
    row: StoredMessage,
    *,
    now: datetime,
    parsed: ParsedMessage | None = None,
) -> str:
    """Process one ``received`` message in the caller's transaction; returns its new status."""
    parsed = parsed or _parse(settings, row)
    row.kind = parsed.kind
    row.from_addr = parsed.from_addr or row.from_addr
    row.subject = parsed.subject[:2000] or row.subject
    row.details = {**row.details, "defects": parsed.defects[:20], "truncated": parsed.truncated}
    ctx = Context(session, settings, row, parsed, now)
    try:
        # Lookups here read committed rows, so they need not flush this message's pending
        # writes first; autoflush before every query was the pipeline's largest cost.
        with session.no_autoflush:
            _route(ctx)
        row.status = "processed"
    except o.Outcome as outcome:
        row.status = outcome.status
        row.reason = outcome.reason
    row.processed_at = now
    # Write the same columns for every message, changed or not: rows whose UPDATEs name
    # the same columns go to the database as one executemany per batch instead of a
    # statement per run of alike outcomes.
    for column in RESULT_COLUMNS:
        flag_modified(row, column)
    return row.status


def _uniform_updates(agreement: Agreement) -> None:
    """As for messages (see ``process_row``): a changed counterparty writes these columns
    whether or not this outcome touched them, so its UPDATE joins the batch's executemany."""
    for cp in agreement.counterparties:
        if inspect(cp).modified:
            for column in ("status", "status_at", "replied_at"):
                flag_modified(cp, column)


def _next_received(
    session: Session, limit: int, parsed: Mapping[int, ParsedMessage]
) -> list[StoredMessage]:
    """The next batch of ``received`` rows, locked; their raw bytes are read only for rows
    that were not parsed already (after a restart, or a message not from the poller)."""
    stmt = (
        select(StoredMessage)
        .where(StoredMessage.direction == "in", StoredMessage.status == "received")
        .order_by(StoredMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list(session.scalars(stmt))
    unparsed = [row.id for row in rows if row.id not in parsed]
    if unparsed:
        # Fills in the deferred column of the rows just loaded, in one query.
        session.scalars(
            select(StoredMessage)
            .where(StoredMessage.id.in_(unparsed))
            .options(undefer(StoredMessage.raw))
        ).all()
    return rows


def _process_isolated(
    session: Session,
    settings: Settings,
    row: StoredMessage,
    now: datetime,
    parsed: ParsedMessage | None = None,
) -> str:
    """Process one message under a savepoint: if it raises, only its own changes roll back
    and it is kept as ``failed`` with the error, while the rest of the batch goes on."""
    row_id = row.id
    try:
        with session.begin_nested():
            return process_row(session, settings, row, now=now, parsed=parsed)
    except Exception as exc:
        log.exception("inbound message %s failed; kept as failed", row_id)
        failed = session.get(StoredMessage, row_id)
        assert failed is not None
        failed.status = "failed"
        failed.reason = f"{type(exc).__name__}: {exc}"[:2000]
        failed.processed_at = now
        return "failed"


def _process_batch(
    session: Session,
    settings: Settings,
    rows: list[StoredMessage],
    now: Callable[[], datetime],
    ready: Mapping[int, ParsedMessage],
    set_based: bool,
    verdicts: Mapping[int, Verdict],
) -> list[str]:
    """Process a batch under one savepoint, in order.

    With ``set_based``, runs of common messages are applied by ``app.inbound.set_based`` and
    each other message here, after the run before it is written. Otherwise every message
    is processed here, with the lookups done once for the whole batch: routing reads
    committed rows without flushing (see ``process_row``), so the batch's pending changes
    are flushed before a message that could read one: one whose agreement an earlier
    message of the batch touched, or one routed by thread, ref or capture.
    """
    parsed = {row.id: ready.get(row.id) or _parse(settings, row) for row in rows}
    if set_based:
        return _process_runs(session, settings, rows, now, parsed, verdicts)
    by_token = prefetch_tokens(session, parsed.values())
    warm_sent_texts(session, [(cp.agreement_id, cp.summary_message_id) for cp in by_token.values()])
    agreements.count_open_unverified(session, {cp.agreement_id for cp in by_token.values()})
    statuses: list[str] = []
    touched: set[str] = set()
    with session.begin_nested():
        for row in rows:
            message = parsed[row.id]
            named = by_token.get(message.token or message.bounce_token or "")
            if named is None or named.agreement_id in touched:
                session.flush()
                touched.clear()
            statuses.append(process_row(session, settings, row, now=now(), parsed=message))
            if row.agreement_id:
                touched.add(row.agreement_id)
    return statuses


def _process_runs(
    session: Session,
    settings: Settings,
    rows: list[StoredMessage],
    now: Callable[[], datetime],
    parsed: Mapping[int, ParsedMessage],
    verdicts: Mapping[int, Verdict],
) -> list[str]:
    statuses: list[str] = []
    with session.begin_nested():
        while len(statuses) < len(rows):
            rest = rows[len(statuses) :]
            # Everything before this point is written, so both paths read the same state.
            session.flush()
            # classify_reply is looked up here, at call time, as process_row does.
            applied = apply_run(
                session, settings, rest, parsed, now, classify_reply, verdicts=verdicts
            )
            statuses += ["processed"] * applied
            if applied < len(rest):
                row = rest[applied]
                status = process_row(session, settings, row, now=now(), parsed=parsed[row.id])
                statuses.append(status)
    return statuses


def process_pending(
    settings: Settings,
    database: Database,
    *,
    limit: int = 10_000,
    batch_size: int = 100,
    now: Callable[[], datetime] = utcnow,
    parsed: Mapping[int, ParsedMessage] | None = None,
    set_based: bool = True,
    verdicts: Mapping[int, Verdict] | None = None,
) -> ProcessReport:
    """Process stored messages oldest first, a batch per transaction.

    ``parsed`` holds parse results computed already (by the poller's preparer), by row id;
    other rows are parsed here. ``verdicts`` holds replies classified ahead (see
    ``app.inbound.prepare``), which the set-based path uses where their inputs still hold.

    A crash rolls back the whole batch, whose rows simply wait as ``received``. A batch is
    first tried under one savepoint; if any message raises, that savepoint is rolled back
    and the batch is done again with a savepoint per message, so the one that raises is set
    aside as ``failed`` without stopping the others.
    """
    report = ProcessReport()
    while report.total < limit:
        with database.transaction() as session:
            rows = _next_received(session, min(batch_size, limit - report.total), parsed or {})
            try:
                statuses = _process_batch(
                    session, settings, rows, now, parsed or {}, set_based, verdicts or {}
                )
            except Exception:
                log.warning(
                    "a message of this batch failed; redoing it message by message", exc_info=True
                )
                # The batch's counts included changes that were just rolled back.
                agreements.forget_open_unverified(session)
                statuses = [
                    _process_isolated(session, settings, row, now(), (parsed or {}).get(row.id))
                    for row in rows
                ]
            for status in statuses:
                report.add(status)
        if not rows:
            break
    return report


__all__ = ["Agreement", "ProcessReport", "process_pending", "process_row"]
