"""Build outbound messages as the exact bytes that are stored and later sent.

Every message is rendered once, stored by the caller (outbox) and sent byte for byte, so a
retry resends the same Message-ID and content. Header values are validated here with
``mail.headers`` before anything is written: Python 3.11's header folding has had injection
bugs. ``mail.mime`` then writes the bytes (as ``EmailMessage`` with ``policy.SMTP`` would,
at a fraction of the cost) and checks the header block line by line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import jinja2
from markupsafe import Markup, escape

from mail.headers import (
    UnsafeHeaderError,
    split_address,
    validate_address,
    validate_header_value,
    validate_message_id,
)
from mail.ids import is_token
from mail.mime import build_alternative, format_mailbox, with_attachments

TEMPLATES_DIR = Path(__file__).parent / "templates"
ACCORD_NAME = "Accord"
# Headers a caller may not set through ``extra_headers``: they define who gets what.
_RESERVED = frozenset(
    h.lower()
    for h in (
        "From",
        "To",
        "Cc",
        "Bcc",
        "Reply-To",
        "Sender",
        "Subject",
        "Date",
        "Message-ID",
        "In-Reply-To",
        "References",
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding",
        "Auto-Submitted",
        "X-Auto-Response-Suppress",
        "Return-Path",
        "X-Accord-Kind",
    )
)
_FIELD_NAME = re.compile(r"[A-Za-z0-9-]{1,76}")
_KIND = re.compile(r"[a-z][a-z0-9_]{0,39}")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_BULLET = re.compile(r"^\s*[-*]\s+")
MAX_TITLE_LENGTH = 200


@dataclass(frozen=True)
class Party:
    email: str
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or self.email


@dataclass(frozen=True)
class OutboundMessage:
    message_id: str
    envelope_from: str
    recipients: tuple[str, ...]
    data: bytes
    subject: str

    @property
    def needs_smtputf8(self) -> bool:
        """An address with a UTF-8 local part in the envelope or a header (RFC 6531/6532):
        only a server offering SMTPUTF8 may be given this message. (Bodies are always
        7-bit, so 8-bit data means a UTF-8 header.)"""
        return not (
            self.envelope_from.isascii()
            and all(r.isascii() for r in self.recipients)
            and self.data.isascii()
        )


# --- wording -----------------------------------------------------------------------------


# Cached: a new agreement's summaries and its owner copy word the same deadline.
@lru_cache(maxsize=64)
def deadline_in_words(deadline: datetime, tz: ZoneInfo) -> str:
    """``Friday, 5 June 2026 at 17:00 (Europe/Berlin)`` — English, independent of locale."""
    if deadline.tzinfo is None or deadline.utcoffset() is None:
        raise ValueError("deadline must be timezone-aware")
    local = deadline.astimezone(tz)
    day = f"{_WEEKDAYS[local.weekday()]}, {local.day} {_MONTHS[local.month - 1]} {local.year}"
    return f"{day} at {local:%H:%M} ({tz.key})"


INFORMATIONAL_NOTE = (
    "You receive this for your information only: no answer is needed from you, "
    "and nothing is read into your silence."
)


def deadline_with_offset(deadline: datetime, tz: ZoneInfo) -> str:
    """``Friday, 5 June 2026 at 17:00 CEST (UTC+02:00, Europe/Berlin)``: for a reader whose
    own zone Accord does not know, the time cannot be misread anywhere."""
    if deadline.tzinfo is None or deadline.utcoffset() is None:
        raise ValueError("deadline must be timezone-aware")
    local = deadline.astimezone(tz)
    day = f"{_WEEKDAYS[local.weekday()]}, {local.day} {_MONTHS[local.month - 1]} {local.year}"
    offset = local.strftime("%z")
    utc = f"UTC{offset[:3]}:{offset[3:]}"
    abbreviation = local.tzname() or ""
    named = f" {abbreviation}" if abbreviation and abbreviation[0].isalpha() else ""
    return f"{day} at {local:%H:%M}{named} ({utc}, {tz.key})"


def recipient_deadline(deadline: datetime, tz: ZoneInfo, *, zone_is_theirs: bool) -> str:
    """The deadline in the recipient's words: in their own zone when it is known, else in
    ``tz`` (the owner's) with its UTC offset."""
    if zone_is_theirs:
        return deadline_in_words(deadline, tz)
    return deadline_with_offset(deadline, tz)


def day_in_words(moment: datetime, tz: ZoneInfo) -> str:
    """``Wednesday, 30 June 2027`` — the day a commitment or a review falls on, in ``tz``."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("moment must be timezone-aware")
    local = moment.astimezone(tz)
    return f"{_WEEKDAYS[local.weekday()]}, {local.day} {_MONTHS[local.month - 1]} {local.year}"


@dataclass(frozen=True)
class Term:
    """A commitment as a summary lists it: who (a name, or "You" for the reader), what, and
    the day it is due (words), if any."""

    who: str
    what: str
    due_words: str | None


def terms_for(
    commitments: Sequence[tuple[str, str, datetime | None]],
    *,
    owner: Party,
    reader: str,
    parties: Sequence[Party],
    tz: ZoneInfo,
) -> list[Term]:
    """Each (by, what, due) in the reader's words: their own commitments as "You", the
    owner's by the owner's name, a counterparty's by theirs."""
    names = {p.email.lower(): p.label for p in parties}
    terms = []
    for by, what, due in commitments:
        address = owner.email.lower() if by == "owner" else by.lower()
        who = (
            "You"
            if address == reader.lower()
            else (owner.label if by == "owner" else names.get(address, by))
        )
        terms.append(Term(who, what, day_in_words(due, tz) if due else None))
    return terms


def standard_request(deadline_words: str) -> str:
    return (
        "If anything here is not how you understood it, reply to this email. "
        f"If I hear nothing by {deadline_words}, I'll take this as our agreement."
    )


def summary_text(summary: str) -> str:
    """The summary as plain text: LF line ends, no trailing blanks, no outer blank lines."""
    unified = summary.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in unified.split("\n")]
    return "\n".join(lines).strip("\n")


def summary_html(summary: str) -> Markup:
    """Paragraphs, line breaks and ``-``/``*`` bullet lists; every character escaped."""
    blocks = [b for b in re.split(r"\n\s*\n", summary_text(summary)) if b.strip()]
    # Safe: every piece of user text in the blocks went through escape().
    return Markup("\n".join([_html_block(block.split("\n")) for block in blocks]))  # noqa: S704


def _html_block(lines: list[str]) -> str:
    # Plain concatenation of escape() results: Markup.format gives the same text but goes
    # through string.Formatter, which was a visible share of composing a summary.
    if all(_BULLET.match(line) for line in lines):
        items = "".join([f"<li>{escape(_BULLET.sub('', line))}</li>" for line in lines])
        return f"<ul>{items}</ul>"
    return "<p>" + "<br>\n".join([str(escape(s.strip())) for s in lines]) + "</p>"


# --- templates ---------------------------------------------------------------------------


def with_answer(url: str, answer: str) -> str:
    """``url`` with ``answer=<answer>`` added to its query string."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("answer_url must be an absolute http(s) URL")
    if url == f"{parts.scheme}://{parts.netloc}{parts.path}":
        # The usual case (no query or fragment yet): what the general path below gives.
        return f"{url}?{_answer_query(answer)}"
    query = urlencode([*parse_qsl(parts.query), ("answer", answer)])
    return urlunsplit(parts._replace(query=query))


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates ship with the package and never change under a running process; this
        # skips a stat() of each template (and _layout) on every render.
        auto_reload=False,
    )
    env.filters["with_answer"] = with_answer
    return env


def render(template: str, context: Mapping[str, object]) -> tuple[str, str]:
    """Render ``<template>.txt.j2`` and ``<template>.html.j2`` with the same context."""
    text, html = _templates(template)
    return _render(text, context), _render(html, context)


def _render(template: jinja2.Template, context: Mapping[str, object]) -> str:
    # What Template.render does, with the template's globals (the environment's: range,
    # dict, ...) copied into the context here: Template.render copies them out of a ChainMap
    # for every render, which cost about as much as rendering these short templates.
    variables = {**_globals_of(template), **context}
    try:
        return template.environment.concat(  # type: ignore[attr-defined,no-any-return]
            template.root_render_func(template.new_context(variables, shared=True))
        )
    except Exception:
        template.environment.handle_exception()


@lru_cache(maxsize=128)
def _globals_of(template: jinja2.Template) -> dict[str, object]:
    return dict(template.globals)


@lru_cache(maxsize=64)
def _templates(template: str) -> tuple[jinja2.Template, jinja2.Template]:
    # The environment's own cache takes a lock and a few lookups per call; templates never
    # change under a running process (auto_reload=False), so each pair is looked up once.
    env = _environment()
    return env.get_template(f"{template}.txt.j2"), env.get_template(f"{template}.html.j2")


def template_names() -> list[str]:
    """Templates that have both parts: adding a notice is adding such a pair."""
    texts = {p.name.removesuffix(".txt.j2") for p in TEMPLATES_DIR.glob("*.txt.j2")}
    htmls = {p.name.removesuffix(".html.j2") for p in TEMPLATES_DIR.glob("*.html.j2")}
    return sorted(n for n in texts & htmls if not n.startswith("_"))


@lru_cache(maxsize=16)
def _answer_query(answer: str) -> str:
    return urlencode([("answer", answer)])


# --- addresses ---------------------------------------------------------------------------


def token_address(tracking_address: str, token: str) -> str:
    """``track+<token>@domain``: where replies for one counterparty arrive."""
    local, domain = _tracking_parts(tracking_address)
    return validate_address(f"{local}+{_checked_token(token)}@{domain}", "Reply-To")


def bounce_address(tracking_address: str, token: str | None = None) -> str:
    """Envelope sender: bounces and auto-replies name the token they are about."""
    local, domain = _tracking_parts(tracking_address)
    suffix = f"bounce-{_checked_token(token)}" if token else "bounce"
    return validate_address(f"{local}+{suffix}@{domain}", "envelope sender")


def _tracking_parts(tracking_address: str) -> tuple[str, str]:
    local, domain = split_address(tracking_address)
    if "+" in local:
        # The +suffix is ours (token, bounce, deadline shortcut): a second one is ambiguous.
        raise ValueError("tracking address must not already contain a + suffix")
    return local, domain


def _checked_token(token: str) -> str:
    if not is_token(token):
        raise ValueError("token must be 32 characters of lower-case base32")
    return token


@dataclass(frozen=True)
class _Mailbox:
    display_name: str
    addr_spec: str

    def __str__(self) -> str:
        return format_mailbox(self.display_name, self.addr_spec)


def _mailbox(party: Party, field: str) -> _Mailbox:
    # A UTF-8 local part was allowed by the address policy (ACCORD_SMTPUTF8); the header is
    # then written in UTF-8 and the message sent with SMTPUTF8.
    validate_address(party.email, f"{field} address", utf8_local=True)
    validate_header_value(party.name, f"{field} name")
    return _Mailbox(display_name=party.name.strip(), addr_spec=party.email)


def _accord_from(tracking_address: str, on_behalf_of: str | None) -> _Mailbox:
    name = f"{on_behalf_of} via {ACCORD_NAME}" if on_behalf_of else ACCORD_NAME
    return _mailbox(Party(tracking_address, name), "From")


# --- message assembly --------------------------------------------------------------------


@dataclass(frozen=True)
class _Envelope:
    """Everything that goes into headers, validated before any of it is used."""

    from_: _Mailbox
    to: _Mailbox
    subject: str
    message_id: str
    date: datetime
    reply_to: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()


def _subject(title: str, ref: str | None, version: int = 1) -> str:
    validate_header_value(title, "title")
    if not title.strip() or len(title) > MAX_TITLE_LENGTH:
        raise ValueError(f"title must be 1..{MAX_TITLE_LENGTH} characters")
    subject = title.strip()
    if version > 1:
        subject = f"{subject} (v{version})"
    if ref:
        validate_header_value(ref, "ref")
        if f"[{ref}]" not in subject:
            subject = f"{subject} [{ref}]"
    return subject


def _threading(
    in_reply_to: str | None, references: Sequence[str]
) -> tuple[str | None, tuple[str, ...]]:
    refs = tuple(validate_message_id(r, "References") for r in references)
    if in_reply_to is not None:
        validate_message_id(in_reply_to, "In-Reply-To")
        if in_reply_to not in refs:
            refs = (*refs, in_reply_to)
    return in_reply_to, refs


def _checked_date(date: datetime | None) -> datetime:
    date = date or datetime.now(UTC)
    if date.tzinfo is None:
        raise ValueError("date must be timezone-aware")
    return date.astimezone(UTC)


def _build(env: _Envelope, text: str, html: str) -> bytes:
    headers = [("From", str(env.from_)), ("To", str(env.to))]
    if env.reply_to:
        headers.append(("Reply-To", env.reply_to))
    headers += [
        ("Subject", env.subject),
        ("Date", format_datetime(env.date)),
        ("Message-ID", env.message_id),
    ]
    if env.in_reply_to:
        headers.append(("In-Reply-To", env.in_reply_to))
    if env.references:
        headers.append(("References", " ".join(env.references)))
    headers += env.extra
    utf8 = [
        name
        for name, mailbox in (("From", env.from_), ("To", env.to))
        if not mailbox.addr_spec.isascii()
    ]
    boundary = _boundary(env.message_id, text + html)
    return build_alternative(headers, boundary, text, html, utf8=utf8)


def _boundary(message_id: str, body: str) -> str:
    # Derived from the Message-ID so a re-render (golden files, retries) is byte-identical.
    salt = 0
    while True:
        digest = hashlib.sha256(f"{message_id}/{salt}".encode()).hexdigest()[:32]
        boundary = f"=_accord_{digest}"
        if boundary not in body:
            return boundary
        salt += 1


def _outbound(
    env: _Envelope,
    envelope_from: str,
    text: str,
    html: str,
    attachments: Sequence[tuple[str, str, bytes]] = (),
) -> OutboundMessage:
    data = _build(env, text, html)
    if attachments:
        data = with_attachments(data, attachments)
    return OutboundMessage(
        message_id=env.message_id,
        envelope_from=envelope_from,
        recipients=(env.to.addr_spec,),
        data=data,
        subject=env.subject,
    )


# --- public builders ---------------------------------------------------------------------


def compose_summary(
    *,
    owner: Party,
    tracking_address: str,
    recipient: Party,
    token: str,
    ref: str,
    title: str,
    summary: str,
    deadline: datetime,
    recipient_tz: ZoneInfo,
    message_id: str,
    bounce_token: str | None = None,
    other_parties: Sequence[Party] = (),
    answer_url: str | None = None,
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
    version: int = 1,
    date: datetime | None = None,
    informational: bool = False,
    zone_is_theirs: bool = True,
    commitments: Sequence[tuple[str, str, datetime | None]] = (),
    review_at: datetime | None = None,
) -> OutboundMessage:
    """The summary for one counterparty, with that counterparty's token in Reply-To and no
    one else's; bounces come back to ``bounce_token`` (a separate secret; by default the
    reply token). An ``informational`` recipient is asked for nothing: no answer links, and
    no word that their silence is agreement."""
    _mailbox(owner, "owner")
    for other in other_parties:
        _mailbox(other, "other party")
    thread = _threading(in_reply_to, references)
    env = _Envelope(
        from_=_accord_from(tracking_address, owner.label),
        to=_mailbox(recipient, "To"),
        subject=_subject(title, ref, version),
        message_id=validate_message_id(message_id),
        date=_checked_date(date),
        reply_to=token_address(tracking_address, token),
        in_reply_to=thread[0],
        references=thread[1],
    )
    deadline_words = recipient_deadline(deadline, recipient_tz, zone_is_theirs=zone_is_theirs)
    context = {
        "owner": owner,
        "recipient": recipient,
        "title": title.strip(),
        "ref": ref,
        "version": version,
        "summary_text": summary_text(summary),
        "summary_html": summary_html(summary),
        "deadline_words": deadline_words,
        "request": INFORMATIONAL_NOTE if informational else standard_request(deadline_words),
        "other_parties": list(other_parties),
        "answer_url": None if informational else answer_url,
        "terms": terms_for(
            commitments,
            owner=owner,
            reader=recipient.email,
            parties=[recipient, *other_parties],
            tz=recipient_tz,
        ),
        "review_words": day_in_words(review_at, recipient_tz) if review_at else None,
    }
    text, html = render("summary", context)
    return _outbound(env, bounce_address(tracking_address, bounce_token or token), text, html)


def check_version_mail(
    *,
    owner: Party,
    tracking_address: str,
    recipients: Sequence[Party],
    tokens: Sequence[str],
    ref: str,
    title: str,
    version: int,
    message_ids: Sequence[str],
    date: datetime,
) -> str:
    """Check what ``compose_summary`` (one per token) and ``compose_owner_copy`` would check
    before rendering, without rendering; returns their subject.

    A caller that composes these later (an outbound draft, composed at delivery) calls this
    when it queues them, so bad input is refused then, not found by the delivery worker.
    """
    _mailbox(owner, "owner")
    for party in recipients:
        _mailbox(party, "recipient")
    for token in tokens:
        token_address(tracking_address, token)
        bounce_address(tracking_address, token)
    bounce_address(tracking_address)
    _accord_from(tracking_address, owner.label)
    for message_id in message_ids:
        validate_message_id(message_id)
    _checked_date(date)
    return _subject(title, ref, version)


def check_notice_mail(
    *,
    to: Party,
    tracking_address: str,
    subject: str,
    ref: str | None,
    message_id: str,
    thread: Sequence[str],
    date: datetime,
) -> str:
    """Check what ``compose_notice`` would check of a notice without a reply token or extra
    headers, without rendering it; returns its subject (see ``check_version_mail``)."""
    _mailbox(to, "To")
    _threading(thread[-1] if thread else None, thread)
    _accord_from(tracking_address, None)
    bounce_address(tracking_address)
    validate_message_id(message_id)
    _checked_date(date)
    return _subject(subject, ref)


def compose_owner_copy(
    *,
    owner: Party,
    tracking_address: str,
    recipients: Sequence[Party],
    ref: str,
    title: str,
    summary: str,
    deadline: datetime,
    owner_tz: ZoneInfo,
    message_id: str,
    agreement_url: str | None = None,
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
    version: int = 1,
    date: datetime | None = None,
    commitments: Sequence[tuple[str, str, datetime | None]] = (),
    review_at: datetime | None = None,
    attachments: Sequence[tuple[str, str, bytes]] = (),
) -> OutboundMessage:
    """The owner's one copy of what went out: every recipient listed, no token anywhere."""
    for party in recipients:
        _mailbox(party, "recipient")
    thread = _threading(in_reply_to, references)
    env = _Envelope(
        from_=_accord_from(tracking_address, None),
        to=_mailbox(owner, "To"),
        subject=_subject(title, ref, version),
        message_id=validate_message_id(message_id),
        date=_checked_date(date),
        in_reply_to=thread[0],
        references=thread[1],
        extra=_machine_headers("owner_copy"),
    )
    deadline_words = deadline_in_words(deadline, owner_tz)
    context = {
        "owner": owner,
        "recipients": list(recipients),
        "title": title.strip(),
        "ref": ref,
        "version": version,
        "summary_text": summary_text(summary),
        "summary_html": summary_html(summary),
        "deadline_words": deadline_words,
        "request": standard_request(deadline_words),
        "agreement_url": agreement_url,
        "terms": terms_for(
            commitments, owner=owner, reader=owner.email, parties=recipients, tz=owner_tz
        ),
        "review_words": day_in_words(review_at, owner_tz) if review_at else None,
    }
    text, html = render("owner_copy", context)
    return _outbound(env, bounce_address(tracking_address), text, html, attachments)


def compose_notice(
    *,
    kind: str,
    to: Party,
    tracking_address: str,
    subject: str,
    ref: str | None,
    template: str,
    context: Mapping[str, object],
    message_id: str,
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
    reply_token: str | None = None,
    bounce_token: str | None = None,
    extra_headers: Mapping[str, str] | None = None,
    on_behalf_of: str | None = None,
    date: datetime | None = None,
) -> OutboundMessage:
    """A machine notice rendered from ``templates/<template>.{txt,html}.j2``.

    ``on_behalf_of`` names the owner in From (``"<name> via Accord"``) for notices that go to
    a counterparty; ``reply_token`` puts that counterparty's token in Reply-To and
    ``bounce_token`` theirs in the envelope sender (by default the reply token).
    """
    if not _KIND.fullmatch(kind):
        raise ValueError("kind must be a short lower_snake_case word")
    thread = _threading(in_reply_to, references)
    if on_behalf_of is not None:
        validate_header_value(on_behalf_of, "on_behalf_of")
    env = _Envelope(
        from_=_accord_from(tracking_address, on_behalf_of),
        to=_mailbox(to, "To"),
        subject=_subject(subject, ref),
        message_id=validate_message_id(message_id),
        date=_checked_date(date),
        reply_to=token_address(tracking_address, reply_token) if reply_token else None,
        in_reply_to=thread[0],
        references=thread[1],
        extra=_machine_headers(kind) + _extra(extra_headers or {}),
    )
    full_context = {"to": to, "ref": ref, "subject": env.subject, **context}
    text, html = render(template, full_context)
    envelope = bounce_address(tracking_address, bounce_token or reply_token)
    return _outbound(env, envelope, text, html)


def _machine_headers(kind: str) -> tuple[tuple[str, str], ...]:
    # RFC 3834 marks it as not written by a person; the Microsoft header asks Exchange not
    # to answer it with out-of-office or other automatic replies.
    return (
        ("Auto-Submitted", "auto-generated"),
        ("X-Auto-Response-Suppress", "OOF, AutoReply"),
        ("X-Accord-Kind", kind),
    )


def _extra(headers: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    checked = []
    for name, value in headers.items():
        if not _FIELD_NAME.fullmatch(name) or name.lower() in _RESERVED:
            raise UnsafeHeaderError(f"header name {name!r} is not allowed here")
        checked.append((name, validate_header_value(value, name)))
    return tuple(checked)
