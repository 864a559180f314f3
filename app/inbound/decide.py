"""What an inbound message does to the record: one pure decision per message.

``route`` says where a parsed message goes (a counterparty's answer, a user's capture, the
owner's "cancel", or nowhere, with the reason) and ``decide`` what an answer does: the
counterparty's move and its event, the owner's alert, the message's own outcome. Both read
only values: the message, a ``Snapshot`` of the agreements it may concern (read under their
locks by ``app.inbound.load``) and the classifier's verdict. Every path applies messages
through them (the poller's batches, a single message over HTTP, the owner accepting a reply
they reviewed); paths differ only in how they load and write.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from app.core.chain import format_time
from app.core.deadlines import next_reminder
from app.core.events import SYSTEM, NewEvent
from app.core.lifecycle import CpStatus, can_move
from app.core.record import party_event, plan_move
from app.core.snapshot import AgreementSnap, PartySnap
from app.inbound import outcomes as o
from app.inbound.authn import Authenticity, unsigned_thread
from mail.classify import Classification
from mail.ids import find_refs
from mail.message import ParsedMessage
from mail.redact import redact_text
from mail.verdict import classify_message

EXCERPT = 2000
_CANCEL = re.compile(r"^\s*cancel[\s.!]*$", re.IGNORECASE)
# Outbound kinds whose replies concern the agreement itself; any other is a machine notice.
CONVERSATION_KINDS = frozenset({"summary", "reminder", "owner_copy"})


@dataclass(frozen=True)
class ThreadHit:
    """The stored message an inbound message replies to (the first of its thread ids that
    Accord knows)."""

    direction: str
    kind: str | None
    agreement_id: str | None  # None: a message Accord sent about no agreement (a digest)
    counterparty_id: int | None
    # A notice of a delivered commitment (SPEC §10): replies to it answer about that.
    commitment_id: str | None = None


# The events that record a counterparty's own answer and so set their state: "the answer on
# record". Not the owner's word (resolved, marked, attested) nor deemed acceptance: a reply
# that reached the mailbox before those still counts (SPEC §6).
ANSWER_EVENTS = frozenset({str(CpStatus.CONFIRMED), str(CpStatus.CLARIFICATION_REQUESTED)})
# The event of an answer that leaves the state as it stands (``kept_because``): on the
# record, with ``status_kept`` and ``kept_because``, for the owner to see beside the other.
KEPT = "answered"


class Recorded(Protocol):
    """An event as deciding reads it back: a ``NewEvent`` or a row of the chain."""

    @property
    def type(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def counterparty_id(self) -> int | None: ...
    @property
    def message_id(self) -> str | None: ...
    @property
    def message_row_id(self) -> int | None: ...
    @property
    def data(self) -> Mapping[str, Any] | None: ...


@dataclass
class History:
    """What the chain already holds of the counterparties' answers: the messages applied to
    each, and when the answer on record reached the mailbox. Read with the snapshot
    (``app.inbound.store.read_history``) and carried forward by ``apply``, one ``note`` for both."""

    # (Message-ID, counterparty id) -> (the row applied, the words its event recorded)
    applied: dict[tuple[str, int], tuple[int | None, str | None]] = field(default_factory=dict)
    answered: dict[int, datetime] = field(default_factory=dict)  # counterparty id -> arrival

    def note(self, event: Recorded) -> None:
        party = event.counterparty_id
        if party is None:
            return
        data = event.data or {}
        # A message held for review was not applied: the owner's acceptance applies it.
        if event.message_id and not event.type.startswith("unverified_"):
            key = (event.message_id, party)
            self.applied.setdefault(key, (event.message_row_id, data.get("reply_text")))
        if event.type in ANSWER_EVENTS:
            # A reply's own arrival (INTERNALDATE); a click on the answer page arrives as made.
            arrived = data.get("arrived_at")
            at = datetime.fromisoformat(arrived) if arrived else event.at
            self.answered[party] = max(at, self.answered.get(party, at))


@dataclass
class Snapshot:
    """What deciding a batch needs, read in one go (``app.inbound.load``): the agreements
    its messages name (by token, thread or ref), locked, and the registered users among
    its senders."""

    agreements: dict[str, AgreementSnap] = field(default_factory=dict)
    by_token: dict[str, PartySnap] = field(default_factory=dict)  # reply and bounce tokens
    by_thread: dict[str, ThreadHit] = field(default_factory=dict)  # message id -> hit
    by_ref: dict[str, str] = field(default_factory=dict)  # ref -> agreement id
    users: frozenset[str] = frozenset()  # addresses of active registered users
    history: History = field(default_factory=History)


@dataclass(frozen=True)
class Inbound:
    """The message being decided: parsed, with when it reached the mailbox."""

    row_id: int
    message_id: str | None
    parsed: ParsedMessage
    arrived_at: datetime


@dataclass(frozen=True)
class Match:
    agreement: AgreementSnap
    party: PartySnap | None  # the one the token or thread names, if any
    via: str  # token | bounce_token | thread | ref | owner_review
    # A bounce's returned Message-IDs that Accord knows: what it says it returns.
    originals: tuple[ThreadHit, ...] = ()
    # A reply to a delivery notice: (the commitment, the notice's Message-ID).
    commitment: tuple[str, str] | None = None


@dataclass(frozen=True)
class Change:
    """New values of a counterparty's row."""

    party_id: int
    status: str
    status_at: datetime
    replied_at: datetime | None
    deadline: datetime
    next_reminder_at: datetime | None


@dataclass(frozen=True)
class Alert:
    headline: str
    deciding_text: str
    party_id: int | None
    # A reply read as a clarification: the owner may say it was a confirmation, one click.
    markable: bool = False
    # Why the reply was not read as a confirmation, in the classifier's words: the words
    # that decided (issue 19), so the owner can judge at a glance.
    why: str | None = None


@dataclass(frozen=True)
class Decision:
    """What one message does: its own outcome, and any change to an agreement's record."""

    status: str  # processed | ignored | unverified | rejected
    reason: str | None = None
    classification: str | None = None
    agreement_id: str | None = None
    counterparty_id: int | None = None
    changes: tuple[Change, ...] = ()
    events: tuple[NewEvent, ...] = ()
    alert: Alert | None = None
    unverified: bool = False  # the message now awaits the owner's review
    # The answer recorded in a counterparty's name ("confirmed" | "clarification"): they
    # get a receipt of it (SPEC §5), so an answer they did not give does not go unseen.
    receipt: str | None = None


@dataclass(frozen=True)
class Capture:
    """A registered user's message to the tracking address: becomes an agreement."""


@dataclass(frozen=True)
class Cancel:
    """The owner answered a capture's acknowledgement with "cancel"."""

    agreement_id: str


Route = Match | Capture | Cancel | Decision

# Whether a message's sender is authenticated (``app.inbound.authn``); the flag asks for a
# pass (a check of Accord's own may run), else only whether anything says it failed.
Authentication = Callable[[Inbound, bool], Authenticity]

# The inputs a reply's classification depends on besides the reply itself: the agreement and
# the summary it answers (whose text it is compared with), the counterparty's name and the
# owner's name (allowed in greetings and sign-offs), and the phrases the owner accepted.
Inputs = tuple[str, str | None, str, str, frozenset[str]]
Verdicts = Callable[[Inbound, PartySnap, AgreementSnap], Classification]


def classifier_inputs(party: PartySnap, agreement: AgreementSnap) -> Inputs:
    return (
        agreement.id,
        party.summary_message_id,
        party.name,
        agreement.owner_name,
        agreement.owner_phrases,
    )


def token_of(parsed: ParsedMessage) -> tuple[str, str] | None:
    """The token the message names and where (a reply's Reply-To, or a bounce address)."""
    if parsed.token:
        return parsed.token, "token"
    if parsed.bounce_token:
        return parsed.bounce_token, "bounce_token"
    return None


def returned_ids(parsed: ParsedMessage) -> list[str]:
    """The Message-IDs a bounce says it returns (its returned headers, Original-Envelope-Id)."""
    if parsed.kind != "bounce":
        return []
    envelope = parsed.original_envelope_id
    named = [*parsed.original_message_ids, *([envelope] if envelope else [])]
    return [i if i.startswith("<") else f"<{i}>" for i in named][:20]


def thread_ids(parsed: ParsedMessage) -> list[str]:
    """The Message-IDs it replies to, the one replied to directly first."""
    return [i for i in [parsed.in_reply_to, *reversed(parsed.references)] if i][:50]


def refs_of(parsed: ParsedMessage) -> list[str]:
    return find_refs(parsed.subject) + find_refs(parsed.text[:20_000])


def _thread_hit(parsed: ParsedMessage, snapshot: Snapshot) -> ThreadHit | None:
    return next(
        (snapshot.by_thread[i] for i in thread_ids(parsed) if i in snapshot.by_thread), None
    )


def _by_ref(parsed: ParsedMessage, snapshot: Snapshot) -> Match | None:
    for ref in refs_of(parsed):
        agreement_id = snapshot.by_ref.get(ref)
        if agreement_id is not None:
            return Match(snapshot.agreements[agreement_id], None, "ref")
    return None


def _delivery_notice(parsed: ParsedMessage, snapshot: Snapshot) -> tuple[str, str] | None:
    """The commitment whose delivery notice the message replies to directly, with the
    notice's Message-ID."""
    if parsed.kind != "reply" or not parsed.in_reply_to:
        return None
    hit = snapshot.by_thread.get(parsed.in_reply_to)
    if hit is None or hit.direction != "out" or hit.commitment_id is None:
        return None
    return hit.commitment_id, parsed.in_reply_to


def _match(parsed: ParsedMessage, snapshot: Snapshot) -> Match | None:
    """By token, then thread, then ref (SPEC §5)."""
    named = token_of(parsed)
    notice = _delivery_notice(parsed, snapshot)
    if named is not None:
        token, via = named
        party = snapshot.by_token.get(token)
        if party is None:
            raise o.UnknownToken(f"no agreement has the token in {via.replace('_', ' ')}")
        return Match(snapshot.agreements[party.agreement_id], party, via, commitment=notice)
    hit = _thread_hit(parsed, snapshot)
    if hit is not None:
        if hit.agreement_id is None:
            # A digest or a sign-in mail quotes refs, yet answers none of them; the digest
            # promises that replies to it are not read, so its refs are not either.
            what = "bounce of" if parsed.kind == "bounce" else "reply to"
            raise o.Unrelated(
                f"{what} an Accord {hit.kind or 'message'} that belongs to no agreement; "
                "replies to it are not read"
            )
        if notice is not None:
            agreement = snapshot.agreements[hit.agreement_id]
            party = agreement.party(hit.counterparty_id) if hit.counterparty_id else None
            return Match(agreement, party, "thread", commitment=notice)
        if hit.direction == "out" and hit.kind not in CONVERSATION_KINDS:
            raise o.MachineNoticeReply(
                f"reply to an Accord notice ({hit.kind}); it changes nothing"
            )
        agreement = snapshot.agreements[hit.agreement_id]
        party = None
        if hit.counterparty_id is not None and hit.kind != "owner_copy":
            # The owner's copy names everyone: decide by the sender.
            party = agreement.party(hit.counterparty_id)
        return Match(agreement, party, "thread")
    return _by_ref(parsed, snapshot)


def _outcome(error: o.Outcome, match: Match | None = None) -> Decision:
    party = match.party if match else None
    return Decision(
        status=error.status,
        reason=error.reason,
        agreement_id=match.agreement.id if match else None,
        counterparty_id=party.id if party else None,
    )


def route(message: Inbound, snapshot: Snapshot, *, authentication: Authentication) -> Route:
    """Where a message goes: a ``Match`` to decide, a capture or cancel for their services,
    or the ``Decision`` that it changes nothing (with why)."""
    parsed = message.parsed
    kind = parsed.kind
    try:
        if kind == "reply" and not parsed.token:
            hit = _thread_hit(parsed, snapshot)
            if hit and hit.agreement_id and hit.direction == "out" and hit.kind == "ack":
                agreement = snapshot.agreements[hit.agreement_id]
                return _cancel(message, agreement, authentication)
        sender = (parsed.from_addr or "").lower()
        if kind in ("capture", "unrelated"):
            # A new message (no thread headers) that names a ref is a reply when its sender
            # is a counterparty of that agreement; otherwise it may be a user's BCC capture.
            found = _by_ref(parsed, snapshot)
            named = found and found.agreement.by_sender(sender)
            if kind == "capture" and not named:
                return Capture()
            if found is None:
                raise o.Unrelated("not a reply, auto-reply or bounce for any agreement")
        else:
            found = _match(parsed, snapshot)
            capturing = parsed.addressed_to_tracking and not parsed.token
            if found is None and kind == "reply" and capturing and sender in snapshot.users:
                # A summary written as a reply in another thread, copied to the tracking address.
                return Capture()
        if found is None:
            raise o.Unmatched("no token, known Message-ID or ref")
    except o.Outcome as outcome:
        return _outcome(outcome)
    if kind == "bounce":
        hits = (snapshot.by_thread.get(i) for i in returned_ids(parsed))
        return replace(found, originals=tuple(h for h in hits if h is not None))
    return found


def _cancel(
    message: Inbound,
    agreement: AgreementSnap,
    authentication: Authentication,
) -> Cancel | Decision:
    """Only "cancel" from the agreement's owner, authenticated, withdraws it."""
    parsed = message.parsed
    sender = (parsed.from_addr or "").lower()
    if sender not in agreement.owner_addresses:
        return _outcome(
            o.MachineNoticeReply("reply to a capture acknowledgement, not from its owner")
        )
    if not _CANCEL.match(parsed.reply_text or ""):
        return _outcome(
            o.MachineNoticeReply(
                'reply to the acknowledgement; only "cancel" from its owner changes anything'
            )
        )
    checked = authentication(message, True)
    if not checked.passed:
        return _outcome(o.CaptureAuthFailed(f"cancel refused: {checked.reason}"))
    if agreement.withdrawn:
        return replace(
            _outcome(o.NoStateChange("cancel: the agreement was already withdrawn")),
            agreement_id=agreement.id,
        )
    return Cancel(agreement.id)


def decide(
    message: Inbound,
    match: Match,
    *,
    now: datetime,
    verdicts: Verdicts,
    authentication: Authentication,
    history: History,
    trusted: PartySnap | None = None,
) -> Decision:
    """What a message matched to an agreement does, given what the chain holds already
    (``history``). ``trusted``: the owner vouched that this counterparty sent it (an
    unverified reply they reviewed), so the sender is not checked."""
    parsed = message.parsed
    kind = "reply" if parsed.kind in ("capture", "unrelated") else parsed.kind
    agreement = match.agreement
    try:
        if match.via == "thread" and kind == "reply" and _from_owner(parsed, agreement):
            # With the tracking address in Cc, the owner's own replies in the thread come here.
            raise o.NoStateChange("the owner's own message in a tracked thread; it changes nothing")
        if kind == "reply":
            return _reply(message, match, now, verdicts, authentication, trusted, history)
        if kind == "auto_reply":
            return _auto_reply(message, match, now, authentication, trusted, history)
        return _bounce(message, match, now, authentication, trusted, history)
    except o.Unverified as outcome:
        return _unverified(message, match, outcome, now)
    except o.Outcome as outcome:
        return _outcome(outcome, match)


def _from_owner(parsed: ParsedMessage, agreement: AgreementSnap) -> bool:
    sender = (parsed.from_addr or "").lower()
    return sender in agreement.owner_addresses and agreement.by_sender(sender) is None


def _verified_party(parsed: ParsedMessage, match: Match) -> PartySnap:
    sender = (parsed.from_addr or "").lower()
    named = match.party
    if named is not None and (
        named.email == sender or match.agreement.alias_of(sender) == named.email
    ):
        return named
    by_sender = match.agreement.by_sender(sender)
    if by_sender is not None and (named is None or match.via == "thread"):
        return by_sender
    who = named.email if named else "a counterparty"
    raise o.SenderMismatch(f"sent by {sender or 'an unknown sender'}, not by {who}")


def _closed(agreement: AgreementSnap, party: PartySnap) -> str | None:
    if agreement.withdrawn:
        return "the agreement was withdrawn"
    if party.version_id != agreement.current_version_id:
        number = agreement.version_numbers[party.version_id]
        return f"reply to version {number}, which was superseded"
    return None


def _check_open(agreement: AgreementSnap, party: PartySnap) -> None:
    if closed := _closed(agreement, party):
        raise o.AgreementClosed(closed)


def _check_new(
    message: Inbound, party: PartySnap, history: History, words: str | None = None
) -> None:
    """Refuse a message the chain already holds for ``party``: another copy under the same
    Message-ID with the same words (an MTA's re-delivery adds a Received header; a replay
    adds what it likes). Different words under a known Message-ID are not a copy: they are
    decided as a message of their own, so a forged "first copy" cannot silence the real one."""
    if not message.message_id:
        return
    applied = history.applied.get((message.message_id, party.id))
    if applied is not None and applied[0] != message.row_id and applied[1] == words:
        raise o.NoStateChange(
            f"duplicate Message-ID: already applied to {party.email} (message {applied[0]})"
        )


_ANSWER_LABELS = {
    CpStatus.CONFIRMED: "confirmation",
    CpStatus.CLARIFICATION_REQUESTED: "clarification",
}


def kept_because(
    current: CpStatus,
    target: CpStatus,
    *,
    arrived_at: datetime,
    answered_at: datetime | None = None,
    clicked: bool = False,
) -> str | None:
    """Why a counterparty's answer (``target``) leaves their state ``current`` as it stands,
    or None when it moves it. The one rule for a reply (``arrived_at`` the mailbox, after
    the answer on record reached it at ``answered_at``) and a click on the answer page
    (``clicked``). A kept answer is still recorded, as a ``KEPT`` event, and the owner is
    shown both."""
    if answered_at is not None and arrived_at < answered_at:
        # Mail is not always read in the order it came (a connected mailbox polled later,
        # an HTTP retry, an owner's review): what they said last stands.
        return (
            f"it reached the mailbox at {format_time(arrived_at)}, before the answer on "
            f"record ({format_time(answered_at)})"
        )
    if clicked and current == CpStatus.CLARIFICATION_REQUESTED and target == CpStatus.CONFIRMED:
        # A click never silently overrides what they wrote: the owner settles it
        # (``revisions.resolve``).
        return "a click does not override a written clarification"
    if not can_move(current, target):
        return f"a {_ANSWER_LABELS[target]} while {current}"
    return None


def _change(party: PartySnap, **values: Any) -> Change:
    fields = {
        "party_id": party.id,
        "status": party.status,
        "status_at": party.status_at,
        "replied_at": party.replied_at,
        "deadline": party.deadline,
        "next_reminder_at": party.next_reminder_at,
    }
    return Change(**{**fields, **values})


def _reply(
    message: Inbound,
    match: Match,
    now: datetime,
    verdicts: Verdicts,
    authentication: Authentication,
    trusted: PartySnap | None,
    history: History,
) -> Decision:
    party = _replying_party(message, match, authentication, trusted)
    parsed = message.parsed
    reply_text = redact_text(parsed.reply_text or "")[:EXCERPT]
    _check_new(message, party, history, reply_text)
    if match.commitment is not None:
        return _commitment_answer(message, match, party, now, verdicts)
    agreement = match.agreement
    verdict = verdicts(message, party, agreement)
    # The reason quotes the reply, which may quote the summary's links: never the tokens.
    verdict = replace(verdict, reason=redact_text(verdict.reason))
    confirmed = verdict.label == "confirmation"
    target = CpStatus.CONFIRMED if confirmed else CpStatus.CLARIFICATION_REQUESTED
    data = {
        "classification": verdict.label,
        "reason": verdict.reason,
        "reply_text": reply_text,
        "arrived_at": message.arrived_at.isoformat(),
        "before_deadline": message.arrived_at < party.deadline,
        "matched_by": match.via,
    }
    closed = _closed(agreement, party)
    kept = closed or kept_because(
        CpStatus(party.status),
        target,
        arrived_at=message.arrived_at,
        answered_at=history.answered.get(party.id),
    )
    if kept is not None:
        # Repeating what the record says needs no one's attention; anything else kept does.
        quiet = closed is None and party.status == target
        return _kept(message, agreement, party, verdict, data, kept, now, alert=not quiet)
    move = plan_move(
        agreement,
        party,
        target,
        actor=party.email,
        at=now,
        message=(message.message_id, message.row_id),
        data=data,
    )
    alert = None
    if not confirmed:
        alert = Alert(
            f"{party.name or party.email} asked for a clarification",
            parsed.reply_text or verdict.reason,
            party.id,
            markable=True,
            why=verdict.reason,
        )
    change = _change(
        party, status=str(target), status_at=now, replied_at=party.replied_at or message.arrived_at
    )
    return _applied(
        verdict,
        agreement,
        party,
        move.event,
        alert,
        receipt="confirmed" if confirmed else "clarification",
        changes=(change,),
    )


def _kept(
    message: Inbound,
    agreement: AgreementSnap,
    party: PartySnap,
    verdict: Classification,
    data: dict[str, Any],
    why: str,
    now: datetime,
    *,
    alert: bool,
) -> Decision:
    """A reply that leaves the state as it stands is still the counterparty's word: its
    event seals its bytes in the chain (so it cannot quietly go missing from the record or
    the bundle), and the message changes nothing else."""
    event = party_event(
        agreement,
        party,
        KEPT,
        actor=party.email,
        at=now,
        message=(message.message_id, message.row_id),
        data={**data, "via": "email", "status_kept": party.status, "kept_because": why},
    )
    who = party.name or party.email
    return Decision(
        status="ignored",
        reason=f"{verdict.label} recorded, state unchanged: {why}",
        classification=verdict.label,
        agreement_id=agreement.id,
        counterparty_id=party.id,
        events=(event,),
        alert=Alert(
            f"{who} replied, and the record stands as it was: {why}",
            message.parsed.reply_text or verdict.reason,
            party.id,
            why=verdict.reason,
        )
        if alert
        else None,
    )


def _applied(
    verdict: Classification,
    agreement: AgreementSnap,
    party: PartySnap,
    event: NewEvent,
    alert: Alert | None,
    *,
    receipt: str,
    changes: tuple[Change, ...] = (),
) -> Decision:
    """A counterparty's reply, classified, and what it does to the record (an answer to the
    summary or to a delivery notice)."""
    decision = _processed(agreement, party, changes, (event,), alert)
    return replace(decision, reason=verdict.reason, classification=verdict.label, receipt=receipt)


def _processed(
    agreement: AgreementSnap,
    party: PartySnap,
    changes: tuple[Change, ...],
    events: tuple[NewEvent, ...],
    alert: Alert | None,
) -> Decision:
    """A message that changes ``party``'s record (a reply, an out-of-office notice, a
    bounce): the changes, the events that record them and the owner's alert."""
    return Decision(
        status="processed",
        agreement_id=agreement.id,
        counterparty_id=party.id,
        changes=changes,
        events=events,
        alert=alert,
    )


def _replying_party(
    message: Inbound, match: Match, authentication: Authentication, trusted: PartySnap | None
) -> PartySnap:
    """The counterparty a reply is from, or the outcome that says it cannot be told."""
    if trusted is not None:
        return trusted
    parsed = message.parsed
    # A token shows the summary reached that mailbox; a thread or a ref alone does not
    # tie the sender to anyone, so only an authenticated sender moves a state then.
    by_token = match.via in ("token", "bounce_token")
    checked = authentication(message, not by_token)
    if checked.verdict == "fail":
        raise o.AuthenticationFailed(checked.reason)
    if not by_token and not checked.passed:
        raise o.Unauthenticated(
            f"matched by {match.via} only, and the sender is not authenticated ({checked.reason})"
        )
    if match.via == "thread" and (header := unsigned_thread(parsed)):
        raise o.Unauthenticated(
            f"matched by thread only, and the sender's DKIM signature does not cover "
            f"{header}: whoever re-sent the message could have set it"
        )
    return _verified_party(parsed, match)


def _commitment_answer(
    message: Inbound, match: Match, party: PartySnap, now: datetime, verdicts: Verdicts
) -> Decision:
    """A counterparty's reply to the notice that a commitment was delivered (SPEC §10): a
    confirmation acknowledges it; anything else a human wrote disputes it, and the owner is
    told. The counterparty's own state in the agreement does not move."""
    assert match.commitment is not None
    commitment_id, notice_id = match.commitment
    agreement = match.agreement
    if agreement.withdrawn:
        raise o.AgreementClosed("the agreement was withdrawn")
    # Classified against the notice it answers, as a reply to a summary is against that.
    verdict = verdicts(message, replace(party, summary_message_id=notice_id), agreement)
    verdict = replace(verdict, reason=redact_text(verdict.reason))
    acknowledged = verdict.label == "confirmation"
    reply_text = redact_text(message.parsed.reply_text or "")[:EXCERPT]
    event = party_event(
        agreement,
        party,
        "commitment_acknowledged" if acknowledged else "commitment_disputed",
        actor=party.email,
        at=now,
        message=(message.message_id, message.row_id),
        data={
            "commitment": commitment_id,
            "classification": verdict.label,
            "reason": verdict.reason,
            "reply_text": reply_text,
            "arrived_at": message.arrived_at.isoformat(),
            "matched_by": match.via,
        },
    )
    alert = None
    if not acknowledged:
        alert = Alert(
            f"{party.name or party.email} disputes a delivery",
            message.parsed.reply_text or verdict.reason,
            party.id,
        )
    receipt = "delivery_acknowledged" if acknowledged else "delivery_disputed"
    return _applied(verdict, agreement, party, event, alert, receipt=receipt)


def _auto_reply(
    message: Inbound,
    match: Match,
    now: datetime,
    authentication: Authentication,
    trusted: PartySnap | None,
    history: History,
) -> Decision:
    parsed = message.parsed
    agreement = match.agreement
    party = trusted or match.party or agreement.by_sender(parsed.from_addr)
    if party is None:
        raise o.NoStateChange("auto-reply for no particular counterparty")
    if parsed.out_of_office:
        # "Away" holds deemed acceptance and may move the deadline, so the notice must be
        # theirs as much as a reply must: the ref is in every subject, anyone can write one.
        party = _replying_party(message, match, authentication, trusted)
    _check_new(message, party, history)
    _check_open(agreement, party)
    try:
        if not parsed.out_of_office:
            raise o.NoStateChange(f"auto-reply ({parsed.auto_reply_reason}); changes nothing")
        if not can_move(CpStatus(party.status), CpStatus.AWAY):
            raise o.NoStateChange(f"out-of-office notice while {party.status}; state unchanged")
    except o.Outcome as outcome:
        return replace(_outcome(outcome, match), counterparty_id=party.id)
    away = plan_move(
        agreement,
        party,
        CpStatus.AWAY,
        actor=parsed.from_addr or party.email,
        at=now,
        message=(message.message_id, message.row_id),
        data={"auto_reply_reason": parsed.auto_reply_reason, "excerpt": parsed.text[:500]},
    )
    events = [away.event]
    change = _change(party, status=str(CpStatus.AWAY), status_at=now)
    days = agreement.away_extension_days
    headline = f"{party.name or party.email} is away: deemed acceptance is on hold"
    if days:
        # The policy lifts the hold at once with a later deadline, instead of waiting for
        # the owner to extend or accept.
        deadline = max(party.deadline, now) + timedelta(days=days)
        extended = plan_move(
            agreement,
            party,
            CpStatus.SENT,
            actor=SYSTEM,
            at=now,
            event_type="extended",
            current=str(CpStatus.AWAY),
            data=_extension(party.deadline, deadline),
        )
        events.append(extended.event)
        change = _change(
            party,
            status=str(CpStatus.SENT),
            status_at=now,
            deadline=deadline,
            next_reminder_at=next_reminder(agreement.reminder_offsets, deadline, after=now),
        )
        headline = f"{party.name or party.email} is away: deadline extended by {days} days"
    alert = Alert(headline, (parsed.reply_text or parsed.text)[:1000], party.id)
    return _processed(agreement, party, (change,), tuple(events), alert)


def _extension(old: datetime, new: datetime) -> dict[str, str]:
    return {"old_deadline": format_time(old), "new_deadline": format_time(new)}


# How long after Accord's hand-off a bounce is believed: real ones come within minutes to a
# few days (by default Postfix gives up on a queued message after 5 days, Exim after 4); a
# later one, or one that does not look like a bounce of what was sent, goes to the owner
# instead (SPEC §5).
BOUNCE_WINDOW = timedelta(days=7)


def bounce_doubts(message: Inbound, match: Match, authentication: Authentication) -> str | None:
    """Why a bounce cannot be believed of ``match.party``, or None when it looks like a real
    bounce of what Accord sent them: from the null sender or a mail system, naming the
    Message-ID of a message Accord sent to them, within ``BOUNCE_WINDOW`` of the hand-off,
    and with no authentication failure. Anyone can write a multipart/report to the bounce
    address (the counterparty sees it as the summary's Return-Path)."""
    parsed = message.parsed
    party = match.party
    assert party is not None
    if parsed.return_path:
        # Delivery reports are sent from the null envelope sender (RFC 5321 §4.5.5); the
        # delivering server wrote this one's, whatever its From says.
        return f"its envelope sender is {parsed.return_path}, not the null sender of a report"
    if not (parsed.null_sender or parsed.daemon_sender):
        return f"not from the null sender or a mail system ({parsed.from_addr or 'no From'})"
    checked = authentication(message, False)
    if checked.verdict == "fail":
        return f"its sender failed authentication ({checked.reason})"
    if not any(h.direction == "out" and h.counterparty_id == party.id for h in match.originals):
        return f"it does not return a message Accord sent to {party.email}"
    if party.handoff_at is None:
        return f"Accord has no hand-off to {party.email} for it to return"
    if message.arrived_at - party.handoff_at > BOUNCE_WINDOW:
        days = BOUNCE_WINDOW.days
        return f"it came more than {days} days after the hand-off ({format_time(party.handoff_at)})"
    return None


def _bounce(
    message: Inbound,
    match: Match,
    now: datetime,
    authentication: Authentication,
    trusted: PartySnap | None,
    history: History,
) -> Decision:
    parsed = message.parsed
    agreement = match.agreement
    party = trusted or match.party
    if party is None:
        raise o.NoStateChange("bounce for no particular counterparty")
    _check_new(message, party, history)
    _check_open(agreement, party)
    failures = [b for b in parsed.bounces if b.permanent]
    try:
        if not failures:
            statuses = ", ".join(b.status for b in parsed.bounces) or "no status"
            raise o.NoStateChange(f"delivery delayed or unclear ({statuses}); still waiting")
        if not can_move(CpStatus(party.status), CpStatus.BOUNCED):
            raise o.NoStateChange(f"bounce while {party.status}; state unchanged")
    except o.Outcome as outcome:
        return _outcome(outcome, match)
    if trusted is None and (doubt := bounce_doubts(message, match, authentication)):
        raise o.DoubtfulBounce(f"a bounce that may not be real: {doubt}")
    was_deemed = party.status == CpStatus.DEEMED_ACCEPTED
    first = failures[0]
    move = plan_move(
        agreement,
        party,
        CpStatus.BOUNCED,
        actor="mailer-daemon",
        at=now,
        message=(message.message_id, message.row_id),
        event_type="bounced",
        data={
            "stage": "dsn",
            "status": first.status,
            "diagnostic": (first.diagnostic or "")[:500],
            "revokes_deemed_acceptance": was_deemed,
        },
    )
    headline = (
        f"Deemed acceptance by {party.email} revoked: the summary bounced"
        if was_deemed
        else f"Your summary to {party.email} bounced"
    )
    change = _change(party, status=str(CpStatus.BOUNCED), status_at=now)
    alert = Alert(headline, f"{first.status} {first.diagnostic or ''}".strip(), party.id)
    return _processed(agreement, party, (change,), (move.event,), alert)


def _unverified(message: Inbound, match: Match, outcome: o.Unverified, now: datetime) -> Decision:
    parsed = message.parsed
    party = match.party
    bounce = isinstance(outcome, o.DoubtfulBounce)
    event = NewEvent(
        agreement_id=match.agreement.id,
        type="unverified_bounce" if bounce else "unverified_reply",
        actor=parsed.from_addr or "unknown",
        at=now,
        counterparty=party.email if party else None,
        counterparty_id=party.id if party else None,
        message_id=message.message_id,
        message_row_id=message.row_id,
        data={"reason": outcome.reason, "matched_by": match.via},
    )
    return Decision(
        status=outcome.status,
        reason=outcome.reason,
        agreement_id=match.agreement.id,
        counterparty_id=party.id if party else None,
        events=(event,),
        alert=Alert(
            f"A {'bounce' if bounce else 'reply'} needs your review: it could not be verified",
            f"{outcome.reason}\n\n{(parsed.reply_text or '')[:1000]}",
            party.id if party else None,
        ),
        unverified=True,
    )


def apply(decision: Decision, snapshot: Snapshot) -> None:
    """Carry a decision into the snapshot, so the batch's next message sees it."""
    if decision.agreement_id is None:
        return
    agreement = snapshot.agreements.get(decision.agreement_id)
    if agreement is None:
        return
    for event in decision.events:
        snapshot.history.note(event)
    for change in decision.changes:
        party = agreement.party(change.party_id)
        party.status = change.status
        party.status_at = change.status_at
        party.replied_at = change.replied_at
        party.deadline = change.deadline
        party.next_reminder_at = change.next_reminder_at
        party.changed = True
    if decision.unverified:
        agreement.open_unverified += 1


@dataclass(frozen=True)
class Verdict:
    """A reply classified ahead of deciding it (by the ingest helper process), with the
    inputs it was classified from: it stands only while those are still the same."""

    inputs: Inputs
    classification: Classification


def reading_inputs(
    parsed: ParsedMessage, *, party_name: str, owner_name: str, sent_text: str | None
) -> dict[str, Any]:
    """What the classifier reads a reply against, besides its new text: the quote, the
    summary as sent, and the names allowed in greetings and sign-offs."""
    return {
        "quoted_text": parsed.quoted_text,
        "sent_text": sent_text,
        "names": reading_names(parsed, party_name=party_name, owner_name=owner_name),
    }


def reading_names(parsed: ParsedMessage, *, party_name: str, owner_name: str) -> list[str]:
    """The names allowed in a reply's greetings and sign-offs."""
    return [n for n in (party_name, owner_name, parsed.from_name) if n]


def classify(
    message: Inbound, party: PartySnap, agreement: AgreementSnap, sent_text: str | None
) -> Classification:
    """The classifier's verdict on a reply as ``party``'s answer to their summary, whose text
    as it was sent is ``sent_text``."""
    parsed = message.parsed
    return classify_message(
        parsed,
        sent_text=sent_text,
        names=reading_names(parsed, party_name=party.name, owner_name=agreement.owner_name),
        accepted=agreement.owner_phrases,
    )
