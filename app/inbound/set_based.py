"""Applying the common inbound messages with set-based statements.

Nearly all of an inbound batch is one of three cases: a reply, an out-of-office notice or a
permanent bounce that names its counterparty by token and can move it. The per-message path
(``app.inbound.pipeline``) spends most of its time loading and flushing ORM objects for
those. Here a run of them is decided in memory, from rows read once under the agreements'
locks, with the same rules (``can_move``, ``derive_status``, the classifier, the event
chain of ``app.evidence.bulk``) and the same results, then written with one statement per
table.

A run ends at the first message that is anything else: no token or an unknown one, another
sender, a withdrawn agreement or superseded version, a move the lifecycle forbids, an
agreement with an away policy, failed authentication. That message goes through the
per-message path, after the run is written, so the order of the batch is kept and every rule
outside the common case has a single writer. ``tests/app/test_inbound_set_based.py`` holds
the two paths to the same record.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import BindParameter, Connection, Table, Update, bindparam, select, update
from sqlalchemy.orm import Session, attributes

from app.agreements.lifecycle import CpStatus, can_move, derive_status
from app.config import Settings
from app.evidence.bulk import ChainHead, NewEvent, append_events, chain
from app.inbound import recordsets
from app.inbound.rules import (
    RESULT_COLUMNS,
    Verdict,
    authentication_failure,
    sent_text,
    warm_sent_texts,
)
from app.models import Agreement, AgreementVersion, Counterparty, StoredMessage, User
from app.models.webhooks import WebhookEndpoint
from app.outbound.drafts import owner_alert_draft
from app.outbound.service import store_drafts
from mail.classify import Classification
from mail.compose import Party
from mail.message import ParsedMessage

EXCERPT = 2000  # as app.inbound.pipeline

Classify = Callable[..., Classification]

_agreements = cast(Table, Agreement.__table__)
_versions = cast(Table, AgreementVersion.__table__)
_users = cast(Table, User.__table__)
_cps = cast(Table, Counterparty.__table__)
_messages = cast(Table, StoredMessage.__table__)
_endpoints = cast(Table, WebhookEndpoint.__table__)

_MESSAGE_UPDATE = (
    update(_messages)
    .where(_messages.c.id == bindparam("b_id"))
    .values({name: bindparam(f"b_{name}") for name in RESULT_COLUMNS})
)
_CP_UPDATE = (
    update(_cps)
    .where(_cps.c.id == bindparam("b_id"))
    .values(
        status=bindparam("b_status"),
        status_at=bindparam("b_status_at"),
        replied_at=bindparam("b_replied_at"),
    )
)


@dataclass
class _Cp:
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
    changed: bool = False


@dataclass
class _Agreement:
    id: str
    ref: str
    title: str
    withdrawn: bool
    away_extension_days: int | None
    current_version_id: int | None
    owner: Party
    head: ChainHead
    hooked: bool  # its owner has a webhook endpoint
    open_unverified: bool = False
    counterparties: list[_Cp] = field(default_factory=list)

    def status(self) -> str:
        deciding = [
            CpStatus(c.status)
            for c in self.counterparties
            if c.version_id == self.current_version_id and not c.informational
        ]
        return str(derive_status(deciding, open_unverified=self.open_unverified))


@dataclass
class _State:
    """The run's agreements and counterparties as read under their locks, then as moved."""

    agreements: dict[str, _Agreement]
    by_token: dict[str, _Cp]


@dataclass
class _Writes:
    messages: list[dict[str, Any]] = field(default_factory=list)
    events: list[NewEvent] = field(default_factory=list)
    alerts: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)


def _token_of(parsed: ParsedMessage) -> str | None:
    """The token this message would be matched by (``matching.match``), if it qualifies."""
    if parsed.kind == "reply":
        return parsed.token
    if parsed.kind in ("auto_reply", "bounce"):
        return parsed.token or parsed.bounce_token
    return None


def candidates(
    settings: Settings, rows: Sequence[StoredMessage], parsed: Mapping[int, ParsedMessage]
) -> int:
    """How many messages from the front of ``rows`` might be applied here (no queries)."""
    count = 0
    for row in rows:
        message = parsed[row.id]
        if _token_of(message) is None:
            break
        if message.kind == "reply" and authentication_failure(settings, message):
            break
        count += 1
    return count


def apply_run(
    session: Session,
    settings: Settings,
    rows: Sequence[StoredMessage],
    parsed: Mapping[int, ParsedMessage],
    now: Callable[[], datetime],
    classify: Classify,
    *,
    verdicts: Mapping[int, Verdict] | None = None,
) -> int:
    """Apply messages from the front of ``rows`` while each is a common case; returns how
    many were applied (their rows are ``processed``). The caller has flushed its session
    and runs this inside the batch's savepoint. ``verdicts`` are replies classified ahead:
    one is used where its inputs are what the locked rows say, else the reply is classified
    here."""
    count = candidates(settings, rows, parsed)
    if not count:
        return 0
    run = rows[:count]
    state = _load(session, [_token_of(parsed[r.id]) or "" for r in run])
    ahead = verdicts or {}
    if any(parsed[row.id].kind == "reply" and row.id not in ahead for row in run):
        warm_sent_texts(
            session, [(cp.agreement_id, cp.summary_message_id) for cp in state.by_token.values()]
        )
    writes = _Writes()
    applied = 0
    for row in run:
        message, verdict = parsed[row.id], ahead.get(row.id)
        if not _decide(session, settings, state, row, message, now(), writes, classify, verdict):
            break
        applied += 1
    if applied:
        _write(session, state, writes)
        _expire(session, [row.id for row in run[:applied]])
    return applied


_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_NAMED = select(_cps.c.agreement_id).where(_cps.c.token.in_(bindparam("tokens", expanding=True)))
_CURRENT_VERSION = (
    select(_versions.c.id)
    .where(
        _versions.c.agreement_id == _agreements.c.id,
        _versions.c.number == _agreements.c.version,
    )
    .scalar_subquery()
)
_HOOKED = (
    select(_endpoints.c.id)
    .where(_endpoints.c.user_id == _agreements.c.owner_id, _endpoints.c.disabled_at.is_(None))
    .exists()
)
_AGREEMENTS = (
    select(
        _agreements.c.id,
        _agreements.c.ref,
        _agreements.c.title,
        _agreements.c.withdrawn_at,
        _agreements.c.away_extension_days,
        _agreements.c.owner_id,
        _agreements.c.event_count,
        _agreements.c.event_head,
        _CURRENT_VERSION.label("current_version_id"),
        _users.c.email,
        _users.c.name,
        _HOOKED.label("hooked"),
    )
    .join(_users, _users.c.id == _agreements.c.owner_id)
    .where(_agreements.c.id.in_(_IDS))
    .order_by(_agreements.c.id)
    .with_for_update(of=_agreements)
)
_UNVERIFIED = (
    select(_messages.c.agreement_id)
    .where(_messages.c.agreement_id.in_(_IDS), _messages.c.status == "unverified")
    .group_by(_messages.c.agreement_id)
)
_COUNTERPARTIES = (
    select(
        _cps.c.id,
        _cps.c.agreement_id,
        _cps.c.version_id,
        _cps.c.email,
        _cps.c.name,
        _cps.c.informational,
        _cps.c.status,
        _cps.c.status_at,
        _cps.c.deadline,
        _cps.c.summary_message_id,
        _cps.c.replied_at,
        _cps.c.token,
    )
    .where(_cps.c.agreement_id.in_(_IDS))
    .order_by(_cps.c.id)
)


def _load(session: Session, tokens: list[str]) -> _State:
    """Read (and on PostgreSQL lock, in id order) the agreements the tokens name."""
    ids = sorted(set(session.execute(_NAMED, {"tokens": sorted(set(tokens))}).scalars()))
    rows = session.execute(_AGREEMENTS, {"ids": ids})
    agreements = {
        r.id: _Agreement(
            id=r.id,
            ref=r.ref,
            title=r.title,
            withdrawn=r.withdrawn_at is not None,
            away_extension_days=r.away_extension_days,
            current_version_id=r.current_version_id,
            owner=Party(r.email, r.name),
            head=ChainHead(r.id, r.owner_id, r.event_count, r.event_head),
            hooked=r.hooked,
        )
        for r in rows
    }
    for agreement_id in session.execute(_UNVERIFIED, {"ids": ids}).scalars():
        agreements[agreement_id].open_unverified = True
    cps = session.execute(_COUNTERPARTIES, {"ids": ids})
    by_token: dict[str, _Cp] = {}
    for *values, token in cps.tuples():
        cp = _Cp(*values)
        agreements[cp.agreement_id].counterparties.append(cp)
        by_token[token] = cp
    return _State(agreements, by_token)


def _decide(
    session: Session,
    settings: Settings,
    state: _State,
    row: StoredMessage,
    parsed: ParsedMessage,
    now: datetime,
    writes: _Writes,
    classify: Classify,
    ahead: Verdict | None,
) -> bool:
    """Apply one message to ``state`` and ``writes`` as the per-message path would, or
    return False (changing nothing) when it is not a common case."""
    cp = state.by_token.get(_token_of(parsed) or "")
    if cp is None:
        return False  # an unknown token: the per-message path records why
    agreement = state.agreements[cp.agreement_id]
    if agreement.withdrawn or cp.version_id != agreement.current_version_id:
        return False
    current = CpStatus(cp.status)
    arrived_at = row.internaldate or row.received_at
    classification, reason = row.classification, row.reason
    alert: tuple[str, str | None] | None
    if parsed.kind == "reply":
        if (parsed.from_addr or "").lower() != cp.email:
            return False  # an alias, another counterparty or a stranger
        inputs = (cp.agreement_id, cp.summary_message_id, cp.name, agreement.owner.name)
        if ahead is not None and ahead.inputs == inputs:
            verdict = ahead.classification
        else:
            verdict = classify(
                parsed.reply_text or "",
                quoted_text=parsed.quoted_text,
                sent_text=sent_text(session, cp.agreement_id, cp.summary_message_id),
                names=[n for n in (cp.name, agreement.owner.name, parsed.from_name) if n],
            )
        confirmed = verdict.label == "confirmation"
        target = CpStatus.CONFIRMED if confirmed else CpStatus.CLARIFICATION_REQUESTED
        if not can_move(current, target):
            return False
        classification, reason = verdict.label, verdict.reason
        event_type, actor = str(target), cp.email
        data: dict[str, Any] = {
            "classification": verdict.label,
            "reason": verdict.reason,
            "reply_text": (parsed.reply_text or "")[:EXCERPT],
            "arrived_at": arrived_at.isoformat(),
            "before_deadline": arrived_at < cp.deadline,
            "matched_by": "token" if parsed.token else "bounce_token",
        }
        cp.replied_at = cp.replied_at or arrived_at
        alert = (
            None
            if confirmed
            else (
                f"{cp.name or cp.email} asked for a clarification",
                parsed.reply_text or verdict.reason,
            )
        )
    elif parsed.kind == "auto_reply":
        target = CpStatus.AWAY
        if not parsed.out_of_office or agreement.away_extension_days:
            return False
        if not can_move(current, target):
            return False
        event_type, actor = str(target), parsed.from_addr or cp.email
        data = {"auto_reply_reason": parsed.auto_reply_reason, "excerpt": parsed.text[:500]}
        alert = (
            f"{cp.name or cp.email} is away: deemed acceptance is on hold",
            (parsed.reply_text or parsed.text)[:1000],
        )
    else:
        target = CpStatus.BOUNCED
        failures = [b for b in parsed.bounces if b.permanent]
        if not failures or not can_move(current, target):
            return False
        first = failures[0]
        was_deemed = current == CpStatus.DEEMED_ACCEPTED
        event_type, actor = "bounced", "mailer-daemon"
        data = {
            "stage": "dsn",
            "status": first.status,
            "diagnostic": (first.diagnostic or "")[:500],
            "revokes_deemed_acceptance": was_deemed,
        }
        alert = (
            f"Deemed acceptance by {cp.email} revoked: the summary bounced"
            if was_deemed
            else f"Your summary to {cp.email} bounced",
            f"{first.status} {first.diagnostic or ''}".strip(),
        )
    cp.status, cp.status_at, cp.changed = str(target), now, True
    writes.events.append(
        NewEvent(
            agreement_id=agreement.id,
            type=event_type,
            actor=actor,
            at=now,
            counterparty=cp.email,
            counterparty_id=cp.id,
            message_id=row.message_id,
            message_row_id=row.id,
            data={"from": str(current), "to": str(target), **data},
        )
    )
    if alert is not None:
        headline, deciding_text = alert
        writes.alerts.append(
            owner_alert_draft(
                settings,
                owner=agreement.owner,
                agreement_id=agreement.id,
                ref=agreement.ref,
                title=agreement.title,
                headline=headline,
                counterparty=Party(cp.email, cp.name),
                counterparty_id=cp.id,
                summary_message_id=cp.summary_message_id,
                deciding_text=deciding_text,
                now=now,
            )
        )
    writes.messages.append(
        {
            "b_id": row.id,
            "b_kind": parsed.kind,
            "b_from_addr": parsed.from_addr or row.from_addr,
            "b_subject": parsed.subject[:2000] or row.subject,
            "b_details": {
                **row.details,
                "defects": parsed.defects[:20],
                "truncated": parsed.truncated,
            },
            "b_status": "processed",
            "b_reason": reason,
            "b_classification": classification,
            "b_agreement_id": agreement.id,
            "b_counterparty_id": cp.id,
            "b_processed_at": now,
        }
    )
    return True


def _write(session: Session, state: _State, writes: _Writes) -> None:
    conn = session.connection()
    moved = [c for a in state.agreements.values() for c in a.counterparties if c.changed]
    touched = {ev.agreement_id for ev in writes.events}
    if conn.dialect.name == "postgresql" and not any(state.agreements[i].hooked for i in touched):
        # Webhook deliveries are queued through the ORM (app.evidence.bulk), so a run that
        # announces events takes the statement-per-table way below.
        _write_together(conn, state, writes, moved, touched)
        return
    _executemany(
        conn,
        _CP_UPDATE,
        [
            {
                "b_id": c.id,
                "b_status": c.status,
                "b_status_at": c.status_at,
                "b_replied_at": c.replied_at,
            }
            for c in moved
        ],
    )
    heads = {a.id: a.head for a in state.agreements.values()}
    append_events(
        session,
        heads,
        writes.events,
        agreement_values={i: {"status": state.agreements[i].status()} for i in touched},
    )
    store_drafts(session, writes.alerts)
    _executemany(conn, _MESSAGE_UPDATE, writes.messages)


_compiled: dict[tuple[Update, str], tuple[str, list[tuple[str, Callable[[Any], Any] | None]]]] = {}


def _executemany(conn: Connection, statement: Update, rows: list[dict[str, Any]]) -> None:
    """``conn.execute(statement, rows)``; on SQLite straight to the driver with the
    statement compiled once and each value through its column type's bind processor, as
    execute() would, without its per-row bookkeeping."""
    if not rows:
        return
    dialect = conn.dialect
    if dialect.name != "sqlite":
        conn.execute(statement, rows)
        return
    known = _compiled.get((statement, dialect.name))
    if known is None:
        compiled = statement.compile(dialect=dialect)
        assert compiled.positiontup is not None
        found: list[tuple[str, Callable[[Any], Any] | None]] = [
            (name, compiled.binds[name].type._cached_bind_processor(dialect))
            for name in compiled.positiontup
        ]
        known = (str(compiled), found)
        _compiled[(statement, dialect.name)] = known
    sql, processors = known
    conn.exec_driver_sql(
        sql,
        [tuple(row[n] if p is None else p(row[n]) for n, p in processors) for row in rows],
    )


def _write_together(
    conn: Connection, state: _State, writes: _Writes, moved: list[_Cp], touched: set[str]
) -> None:
    heads = {a.id: a.head for a in state.agreements.values()}
    events = chain(heads, writes.events)
    recordsets.write(
        conn,
        counterparties=[
            {"id": c.id, "status": c.status, "status_at": c.status_at, "replied_at": c.replied_at}
            for c in moved
        ],
        agreements=[
            {
                "id": i,
                "event_count": heads[i].event_count,
                "event_head": heads[i].event_head,
                "updated_at": heads[i].updated_at,
                "status": state.agreements[i].status(),
            }
            for i in sorted(touched)
        ],
        events=events,
        processed=[{k.removeprefix("b_"): v for k, v in m.items()} for m in writes.messages],
        alerts=writes.alerts,
    )


def _expire(session: Session, message_ids: list[int]) -> None:
    """ORM objects of what was just written (loaded earlier in this transaction) are stale:
    have them read again if anything uses them later."""
    done = set(message_ids)
    for obj in list(session.identity_map.values()):
        if isinstance(obj, StoredMessage):
            key = attributes.instance_state(obj).key
            stale = key is not None and key[1][0] in done
        else:
            stale = isinstance(obj, Agreement | Counterparty)
        if stale:
            session.expire(obj)
