"""BCC capture: a summary a user wrote in their own mail client (SPEC §3.2).

The user sends the summary from their own mail client with the tracking address in Bcc or Cc.
The copy that reaches the tracking mailbox becomes an agreement with the other To/Cc
recipients as counterparties, the subject as title and the text, verbatim, as the summary.

Who may capture: only a registered user, from one of their registered addresses, and never
when the sender fails authentication; with ``ACCORD_AUTHSERV_ID`` set, only when it passes
(``app.inbound.authn``). Anything else is kept with its reason and answered with nothing at
all: an automatic answer to a forged sender would be backscatter.

Hand-off and deemed acceptance (SPEC §6): the summary went out through the user's own mail
server, and its To/Cc headers can name anyone, so the capture proves no hand-off to anybody.
Each counterparty becomes ``sent`` without one. With the user's ``capture_notices`` on (the
default), Accord sends each counterparty a short notice in the user's thread, with their own
tokens; its SMTP acceptance is the hand-off, and the usual rules follow. With notices off
nobody is ever deemed: at the deadline the owner is asked, and may attest
(``owner_attested``). What Accord cannot see: a bounce of the user's own mail goes to the
user's envelope sender, and a reply that does not reach the tracking mailbox (reply instead
of reply-all, Bcc capture) is seen only through a connected mailbox. The acknowledgement
tells the user so.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agreements import service as agreements
from app.agreements.schemas import CounterpartyIn
from app.agreements.service import withdraw
from app.commitments.terms import terms_in_text
from app.config import Settings
from app.core import deadlines
from app.core.addresses import check_address, own_domains
from app.core.chain import format_time
from app.core.events import SYSTEM, append_event, append_events, head_of
from app.core.lifecycle import CpStatus
from app.core.record import lock_agreement, transition
from app.errors import Invalid, InvalidDeadline
from app.inbound import outcomes as o
from app.inbound.authn import Authenticity
from app.inbound.decide import Inbound
from app.models import Agreement, ConnectedMailbox, StoredMessage, User
from app.outbound import service as outbox
from app.outbound.drafts import Addressee, capture_notice_draft
from app.outbound.links import agreement_api_link
from app.users.addresses import find_sender, user_addresses
from mail.compose import Party, deadline_in_words
from mail.headers import is_header_safe, validate_message_id
from mail.message import ParsedMessage
from mail.parse_headers import clean_line, decode_header, parse_addresses

MAX_COUNTERPARTIES = 50
MAX_TITLE = 180  # the acknowledgement's subject adds "Tracking: " within the 200 allowed
FALLBACK_SPEC = "3bd"


@dataclass(frozen=True)
class DeadlineChoice:
    deadline: datetime
    spec: str
    note: str | None  # why the address tag was not used, for the acknowledgement


def _is_tracking(settings: Settings, address: str) -> bool:
    local, _, domain = address.lower().rpartition("@")
    return domain == settings.tracking_domain and local.split("+", 1)[0] == settings.tracking_local


def choose_deadline(
    owner: User, tag: str | None, *, start: datetime, now: datetime
) -> DeadlineChoice:
    """The deadline the address tag asks for (``+3d``, ``+2bd``, ``+fri``, ``+2026-06-30``),
    else the owner's default; an unusable tag is reported, never fatal."""
    tz = deadlines.zone(owner.timezone)
    end_of_day = deadlines.parse_clock(owner.business_day_end)
    note = None
    if tag:
        try:
            at = deadlines.resolve(tag, now=start, tz=tz, end_of_day=end_of_day)
            return DeadlineChoice(deadlines.check_future(at, now=now), tag, None)
        except InvalidDeadline as exc:
            note = f'The address tag "+{tag[:40]}" is not a deadline Accord understands ({exc}).'
    for spec in (owner.default_respond_within, FALLBACK_SPEC):
        try:
            at = deadlines.resolve(spec, now=now, tz=tz, end_of_day=end_of_day)
            return DeadlineChoice(deadlines.check_future(at, now=now), spec, note)
        except InvalidDeadline:
            continue
    raise AssertionError("the fallback deadline spec always resolves")


def _header_pairs(raw: bytes, name: str) -> list[tuple[str, str]]:
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0][:256_000]
    headers = BytesHeaderParser(policy=compat32).parsebytes(head)
    # Raw values, not get_all's: an SMTPUTF8 header (zoë@...) would come back as U+FFFD.
    values = [str(v) for k, v in headers.raw_items() if k.lower() == name.lower()]
    return parse_addresses(values)


def _party(name: str, address: str, internal: Collection[str]) -> CounterpartyIn | None:
    """The recipient as a counterparty, if the address policy (the API's) allows it."""
    display = clean_line(decode_header(name))[:200]
    try:
        email = check_address(address, internal)
        return CounterpartyIn(email=email, name=display if is_header_safe(display) else "")
    except (Invalid, ValueError, ValidationError):
        return None


def counterparties_of(
    settings: Settings, raw: bytes, own: set[str]
) -> tuple[list[CounterpartyIn], list[CounterpartyIn], list[str]]:
    """To and Cc recipients minus the tracking address and the user's own addresses;
    the third list names recipients that are not usable addresses."""
    seen: set[str] = set()
    lists: dict[str, list[CounterpartyIn]] = {"to": [], "cc": []}
    skipped: list[str] = []
    internal = own_domains(settings)
    for field in ("to", "cc"):
        for name, address in _header_pairs(raw, field):
            if address in seen or address in own or _is_tracking(settings, address):
                continue
            seen.add(address)
            party = _party(name, address, internal)
            if party is None:
                skipped.append(address[:320])
            else:
                lists[field].append(party)
    return lists["to"], lists["cc"], skipped


def _title(subject: str) -> str:
    title = clean_line(subject).replace("=?", "= ?")[:MAX_TITLE].strip()
    return title or "(no subject)"


def _already_captured(session: Session, row_id: int, message_id: str | None) -> str | None:
    if not message_id:
        return None
    stmt = select(StoredMessage.agreement_id).where(
        StoredMessage.direction == "in",
        StoredMessage.message_id == message_id,
        StoredMessage.kind == "capture",
        StoredMessage.agreement_id.is_not(None),
        StoredMessage.id != row_id,
    )
    return session.scalar(stmt.limit(1))


def _handoff_reply(settings: Settings, parsed: ParsedMessage, tracking_visible: bool) -> str:
    how = "in Cc" if tracking_visible else "in Bcc"
    return (
        f"captured: the owner's own message {parsed.message_id or '(no Message-ID)'} was sent "
        f"by the owner's mail server to its recipients and, {how}, to {settings.tracking_address}"
    )


def capture(
    session: Session,
    settings: Settings,
    message: Inbound,
    checked: Authenticity,
    *,
    now: datetime,
) -> str:
    """Turn a registered user's message to the tracking address into a tracked agreement;
    returns its id, or raises the outcome that says why not."""
    parsed = message.parsed
    user = find_sender(session, parsed.from_addr)
    if user is None:
        raise o.NotAUser(
            f"{parsed.from_addr or 'an unknown sender'} is not a registered user's address:"
            " nothing created, nothing sent"
        )
    # Capturing makes Accord write to the recipients: the sender must be who From says. A
    # failure never captures; with ACCORD_AUTHSERV_ID set, only a pass does.
    if checked.verdict == "fail" or (settings.authserv_id and not checked.passed):
        raise o.CaptureAuthFailed(f"not authenticated ({checked.reason}): nothing created")
    # One capture per user at a time: two copies of one message, processed by two workers,
    # must still make one agreement.
    session.get(User, user.id, with_for_update=True)
    if existing := _already_captured(session, message.row_id, parsed.message_id):
        raise o.DuplicateCapture(
            f"this message was already captured as agreement {existing}", agreement_id=existing
        )
    row = session.get(StoredMessage, message.row_id)
    assert row is not None
    to, cc, skipped = counterparties_of(settings, row.raw or b"", user_addresses(user))
    if not to and not cc:
        raise o.NothingToTrack("no recipients other than you and the tracking address")
    if len(to) + len(cc) > MAX_COUNTERPARTIES:
        raise o.NothingToTrack(f"more than {MAX_COUNTERPARTIES} recipients")
    if not parsed.text.strip():
        raise o.NothingToTrack("the message has no text to track")
    arrived = message.arrived_at
    choice = choose_deadline(user, parsed.tag, start=arrived, now=now)
    tracking_visible = any(_is_tracking(settings, a) for a in parsed.to + parsed.cc)
    plan = agreements.NewAgreement(
        title=_title(parsed.subject),
        # Verbatim; only the wire's CRLF line ends become \n, as in summaries from the API.
        summary=parsed.text.replace("\r\n", "\n"),
        counterparties=to,
        cc=cc,
        deadline=choice.deadline,
        respond_within=choice.spec,
        reminder_offsets=[],
        metadata={"capture_message_id": parsed.message_id, "tracking_visible": tracking_visible},
        source="capture",
        # "Due: 2027-06-30" / "Review: 2027-07-15" lines: the recipients read them in the mail.
        terms=terms_in_text(
            parsed.text,
            title=_title(parsed.subject),
            counterparties=[c.email for c in to + cc],
            tz=user.timezone,
            day_end=user.business_day_end,
        ),
    )
    created = agreements.create_agreement(
        session, settings=settings, owner=user, plan=plan, now=now, send_summaries=False
    )
    agreement = lock_agreement(session, created.agreement["id"])
    append_event(
        session,
        agreement=agreement,
        type="captured",
        actor=parsed.from_addr or user.email,
        message=row,
        at=now,
        data={
            "arrived_at": format_time(arrived),
            "tracking_visible": tracking_visible,
            "deadline_tag": parsed.tag,
            "deadline_note": choice.note,
            "skipped_recipients": skipped,
        },
    )
    _hand_off(session, settings, agreement, row, parsed, arrived, now, tracking_visible)
    if user.capture_notices:
        _notify(session, settings, agreement, user, parsed, arrived, now)
    _acknowledge(session, settings, agreement, user, parsed, choice, tracking_visible, now)
    return agreement.id


def _hand_off(
    session: Session,
    settings: Settings,
    agreement: Agreement,
    row: StoredMessage,
    parsed: ParsedMessage,
    arrived: datetime,
    now: datetime,
    tracking_visible: bool,
) -> None:
    """The owner's own mail server sent the summary: each counterparty is ``sent``, but with
    no hand-off of Accord's own, which only a notice of Accord's can give (``_notify``)."""
    how = _handoff_reply(settings, parsed, tracking_visible)
    for cp in agreement.counterparties:
        cp.summary_message_id = parsed.message_id
        transition(
            session,
            counterparty=cp,
            to=CpStatus.SENT,
            actor=SYSTEM,
            message=row,
            at=now,
            data={"handoff": "capture", "sent_by_owner": how, "recipient": cp.email},
        )


def _notify(
    session: Session,
    settings: Settings,
    agreement: Agreement,
    user: User,
    parsed: ParsedMessage,
    arrived: datetime,
    now: datetime,
) -> None:
    """Each counterparty's notice with their reply token, queued (``queued`` events): when
    its mail server accepts it, that is the hand-off deemed acceptance needs."""
    owner = Party(user.email, user.name)
    thread = _thread(parsed.message_id)
    notices = [
        capture_notice_draft(
            settings,
            agreement_id=agreement.id,
            ref=agreement.ref,
            title=agreement.title,
            owner=owner,
            owner_timezone=user.timezone,
            to=Addressee(0, cp.id, cp.email, cp.name, cp.token, cp.bounce_token, cp.deadline),
            captured_message_id=next(iter(thread), None),
            captured_at=arrived,
            now=now,
        )
        for cp in agreement.counterparties
        if not cp.informational
    ]
    ids = outbox.store_drafts(session, notices)
    events = []
    for (stored, queued), (message_row_id, outbox_id) in zip(notices, ids, strict=True):
        stored["id"], queued["id"] = message_row_id, outbox_id
        cp = next(c for c in agreement.counterparties if c.id == stored["counterparty_id"])
        party = {"id": cp.id, "email": cp.email}
        events.append(outbox.queued_event(agreement.version, party, stored, queued, now))
    append_events(session, {agreement.id: head_of(agreement)}, events)


def _thread(message_id: str | None) -> list[str]:
    try:
        return [validate_message_id(message_id)] if message_id else []
    except ValueError:
        return []


def _acknowledge(
    session: Session,
    settings: Settings,
    agreement: Agreement,
    user: User,
    parsed: ParsedMessage,
    choice: DeadlineChoice,
    tracking_visible: bool,
    now: datetime,
) -> None:
    sender = parsed.from_addr or user.email
    has_mailbox = session.scalar(
        select(ConnectedMailbox.id).where(ConnectedMailbox.user_id == user.id).limit(1)
    )
    url = outbox.agreement_url(settings, agreement)
    outbox.queue_notice(
        session,
        settings=settings,
        kind="ack",
        to=Party(sender, user.name),
        subject=f"Tracking: {agreement.title}",
        context={
            "title": agreement.title,
            "recipients": [Party(c.email, c.name) for c in agreement.counterparties],
            "deadline_words": deadline_in_words(choice.deadline, deadlines.zone(user.timezone)),
            "agreement_url": url,
            "withdraw_url": f"{agreement_api_link(settings, agreement.id)}/withdraw",
            "tag_note": choice.note,
            "default_spec": choice.spec if choice.note else None,
            "tracking_visible": tracking_visible,
            "connected_mailbox": has_mailbox is not None,
            "tracking_address": settings.tracking_address,
        },
        agreement=agreement,
        thread=_thread(parsed.message_id),
        dedupe_key=f"ack:{agreement.id}",
        now=now,
    )


# --- "cancel" in reply to the acknowledgement ---------------------------------------------


def cancel(
    session: Session, settings: Settings, agreement_id: str, message: Inbound, *, now: datetime
) -> None:
    """Withdraw a captured agreement because its owner answered the acknowledgement with
    "cancel" (``app.inbound.decide.route`` checked who and what); the event names the
    message that asked for it."""
    agreement = lock_agreement(session, agreement_id)
    withdraw(
        session,
        agreement=agreement,
        actor=(message.parsed.from_addr or "").lower(),
        reason='the owner replied "cancel" to the acknowledgement',
        message=session.get(StoredMessage, message.row_id),
        at=now,
    )
    outbox.queue_owner_alert(
        session,
        settings=settings,
        agreement=agreement,
        headline=f"Tracking cancelled: {agreement.title}"[:150],
        deciding_text='You replied "cancel" to the acknowledgement: nothing more is tracked.',
        dedupe_key=f"cancelled:{agreement.id}",
        now=now,
    )
