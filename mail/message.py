"""Parse raw inbound bytes into a typed, immutable message: ids, threading, text, kind.

``parse_message`` never raises: the poller must be able to store and explain every message,
however broken (SPEC §9). It uses the ``compat32`` parser (about ten times faster than
``policy=default``) and decodes headers itself, see ``mail.parse_headers``.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import Message
from email.parser import BytesParser
from html import unescape
from typing import Any, Literal

from mail.autoreply import auto_reply_reason, is_out_of_office, text_reason
from mail.bounce import (
    BounceInfo,
    bounce_from_text,
    is_daemon,
    looks_like_bounce,
    original_envelope_id,
    parse_delivery_status,
    returned_message_ids,
)
from mail.html_text import html_to_text
from mail.ids import is_token
from mail.parse_body import Parts, collect_parts
from mail.parse_headers import (
    AuthResult,
    DkimTags,
    decode_header,
    normalize_addr,
    parse_addresses,
    parse_auth_results,
    parse_date,
    parse_msgids,
    raw_text,
    signature_tags,
)
from mail.reply import split_reply

Kind = Literal["reply", "auto_reply", "bounce", "capture", "unrelated"]

MAX_HEADERS = 2_000
_DELIVERED_TO = ("delivered-to", "x-original-to", "envelope-to", "x-envelope-to")
_PLUS_IN_TEXT = re.compile(r"([a-z0-9._%=\-]{1,64})\+(bounce-)?([a-z2-7]{32})@([a-z0-9.\-]{1,253})")


@dataclass(frozen=True)
class ParsedMessage:
    """What Accord needs to know about one inbound message."""

    message_id: str | None
    from_addr: str | None
    from_name: str | None
    to: list[str]
    cc: list[str]
    delivered_to: list[str]
    subject: str
    date: datetime | None
    in_reply_to: str | None
    references: list[str]
    text: str
    html: str | None
    kind: Kind
    token: str | None = None
    bounce_token: str | None = None
    tag: str | None = None
    auto_reply_reason: str | None = None
    out_of_office: bool = False
    addressed_to_tracking: bool = False
    bounces: list[BounceInfo] = field(default_factory=list)
    auth_results: list[AuthResult] = field(default_factory=list)
    reply_text: str | None = None
    quoted_text: str | None = None
    # The new text and quote as the HTML part has them, where a reply has both parts and the
    # HTML's new text says other words than the plain part's: mail programs show the HTML, so
    # a reply is read both ways (``mail.verdict``).
    html_reply_text: str | None = None
    html_quoted_text: str | None = None
    # What a bounce's authenticity rests on (SPEC §5): who sent it and what it returns.
    original_message_ids: list[str] = field(default_factory=list)
    original_envelope_id: str | None = None
    null_sender: bool = False
    daemon_sender: bool = False
    # The envelope sender as the delivering server wrote it (the topmost Return-Path): "" for
    # the null sender, None when there is none (e.g. a message posted over HTTP).
    return_path: str | None = None
    # The DKIM signatures the message carries (not verified here: ``mail.dkim`` does that).
    dkim_signatures: list[DkimTags] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    truncated: bool = False
    size: int = 0


@dataclass(frozen=True)
class _Plus:
    """The plus-address facts found among the recipients."""

    token: str | None = None
    bounce_token: str | None = None
    tag: str | None = None
    to_tracking: bool = False


class _Headers:
    """Raw header values by lower-cased name, in order; decoded on demand."""

    def __init__(self, message: Message) -> None:
        self.values: dict[str, list[str]] = {}
        for count, (name, value) in enumerate(message.raw_items()):
            if count >= MAX_HEADERS:
                break
            self.values.setdefault(str(name).strip().lower(), []).append(str(value))

    def all(self, name: str) -> list[str]:
        return self.values.get(name.lower(), [])

    def raw(self, name: str) -> str | None:
        found = self.values.get(name.lower())
        return found[0] if found else None

    def get(self, name: str) -> str | None:
        value = self.raw(name)
        return None if value is None else decode_header(value)


def _split_tracking(tracking_address: str | None) -> tuple[str, str] | None:
    addr = normalize_addr(tracking_address or "")
    if not addr:
        return None
    local, _, domain = addr.rpartition("@")
    return local.split("+", 1)[0], domain


def _classify_plus(addr: str, tracking: tuple[str, str] | None) -> tuple[str, str | None] | None:
    """('token'|'bounce'|'tag'|'bare', value) for a tracking-mailbox address, else None."""
    local, _, domain = addr.rpartition("@")
    base, plus, tag = local.partition("+")
    if tracking is not None and (base, domain) != tracking:
        return None
    if not plus:
        return ("bare", None) if tracking is not None else None
    if tag.startswith("bounce-") and is_token(tag[7:]):
        return "bounce", tag[7:]
    if is_token(tag):
        return "token", tag
    return ("tag", tag) if tracking is not None else None


def _plus_facts(addresses: list[str], tracking: tuple[str, str] | None) -> _Plus:
    found: dict[str, str | None] = {}
    to_tracking = False
    for addr in addresses:
        hit = _classify_plus(addr, tracking)
        if hit is None:
            continue
        kind, value = hit
        to_tracking = to_tracking or kind in ("bare", "tag")
        found.setdefault(kind, value)
    return _Plus(found.get("token"), found.get("bounce"), found.get("tag"), to_tracking)


def _token_in_text(text: str, tracking: tuple[str, str] | None) -> str | None:
    """A reply token inside a returned message: bounce addresses first, then Reply-To ones."""
    best: str | None = None
    for match in _PLUS_IN_TEXT.finditer(text.lower()[:200_000]):
        base, bounce, token, domain = match.groups()
        if tracking is not None and (base, domain) != tracking:
            continue
        if bounce:
            return token
        best = best or token
    return best


def _parse_tree(raw: bytes, max_bytes: int) -> tuple[Message, bool, list[str]]:
    truncated = len(raw) > max_bytes
    body = raw[:max_bytes] if truncated else raw
    defects: list[str] = ["message truncated for parsing"] if truncated else []
    try:
        message = BytesParser(policy=policy.compat32).parsebytes(body)
    except Exception as exc:  # any parser failure becomes an empty message
        defects.append(f"unparseable: {type(exc).__name__}")
        message = Message()
    defects.extend(type(d).__name__ for d in getattr(message, "defects", [])[:20])
    return message, truncated, defects


def _delivery_status(ctx: _Context) -> list[str]:
    """The reports a bounce is read from: its own, else one in a returned message."""
    return ctx.parts.delivery_status or ctx.parts.nested_delivery_status


def _bounces(ctx: _Context) -> list[BounceInfo]:
    infos = parse_delivery_status(_delivery_status(ctx))
    if infos:
        return infos
    ignore = {a for _, a in parse_addresses(ctx.headers.all("from") + ctx.headers.all("to"))}
    return [bounce_from_text(ctx.text, subject=ctx.subject, ignore=ignore)]


def _report_type(message: Message) -> str | None:
    try:
        # The parameter is looked up only for a report: get_param parses the whole
        # Content-Type header again, a visible share of parsing a backlog.
        if message.get_content_type() != "multipart/report":
            return None
        return str(message.get_param("report-type") or "").lower()
    except (ValueError, TypeError, AttributeError):
        return None


@dataclass(frozen=True)
class _Context:
    headers: _Headers
    parts: Parts
    plus: _Plus
    from_addr: str | None
    from_name: str | None
    subject: str
    text: str
    delivered_to: list[str]
    in_reply_to: str | None
    references: list[str]
    null_sender: bool
    daemon_sender: bool
    report_type: str | None


def _is_bounce(ctx: _Context, auto_reason: str | None) -> bool:
    if ctx.parts.delivery_status or ctx.report_type == "delivery-status":
        return True
    machine = ctx.null_sender or ctx.daemon_sender
    # A report inside an attached message is a bounce only when no person passed it on.
    if ctx.parts.nested_delivery_status and (machine or auto_reason):
        return True
    if looks_like_bounce(
        from_addr=ctx.from_addr, subject=ctx.subject, text=ctx.text, machine_sender=machine
    ):
        return True
    null_only = auto_reason in (None, "return-path: <>")
    return bool(ctx.plus.bounce_token) and null_only and (machine or auto_reason is not None)


def _machine_reason(ctx: _Context) -> str | None:
    reason = auto_reply_reason(ctx.headers.get, ctx.subject)
    if reason is None and (
        ctx.parts.disposition_notification or ctx.report_type == "disposition-notification"
    ):
        return "report: disposition-notification"
    return reason


def _kind(ctx: _Context, auto_reason: str | None) -> Kind:
    if auto_reason:
        return "auto_reply"
    if ctx.plus.token or ctx.in_reply_to or ctx.references:
        return "reply"
    if ctx.plus.to_tracking:
        return "capture"
    return "unrelated"


def _build_context(message: Message, parts: Parts, tracking: tuple[str, str] | None) -> _Context:
    headers = _Headers(message)
    recipients = [a for _, a in parse_addresses(headers.all("to") + headers.all("cc"))]
    delivered = _delivered_to(headers)
    senders = parse_addresses(headers.all("from"))
    from_addr, from_name = (senders[0][1], senders[0][0] or None) if senders else (None, None)
    # Without an address (``From: "Mail Delivery System" <@>``) the whole value names it.
    sender_name = from_name or (None if from_addr else headers.get("from"))
    text = parts.plain if parts.plain is not None else html_to_text(parts.html or "")
    in_reply_to = parse_msgids(headers.raw("in-reply-to"))
    return _Context(
        headers=headers,
        parts=parts,
        plus=_plus_facts(recipients + delivered, tracking),
        from_addr=from_addr,
        from_name=from_name,
        subject=headers.get("subject") or "",
        text=text,
        delivered_to=delivered,
        in_reply_to=in_reply_to[0] if in_reply_to else None,
        references=parse_msgids(" ".join(headers.all("references"))),
        null_sender=_is_null_sender(headers, from_addr),
        daemon_sender=is_daemon(from_addr, sender_name),
        report_type=_report_type(message),
    )


_NULL_FROM = re.compile(r'\s*("[^"]*"|[^<>"@]*)\s*(<\s*@?\s*>)?\s*')


def _is_null_sender(headers: _Headers, from_addr: str | None) -> bool:
    """Return-Path ``<>``, or a From that names no address (``From: <>``, ``<@>``)."""
    return_path = headers.raw("return-path")
    if return_path is not None and return_path.replace(" ", "").strip() == "<>":
        return True
    sender = headers.raw("from")
    return from_addr is None and sender is not None and bool(_NULL_FROM.fullmatch(sender))


def _return_path(headers: _Headers) -> str | None:
    value = headers.raw("return-path")
    if value is None:
        return None
    compact = value.replace(" ", "").strip()
    if compact in ("<>", "<@>", ""):
        return ""
    found = parse_addresses([value])
    return found[0][1].lower() if found else compact.strip("<>").lower()


def _delivered_to(headers: _Headers) -> list[str]:
    values = [v for name in _DELIVERED_TO for v in headers.all(name)]
    return list(dict.fromkeys(a for _, a in parse_addresses(values)))


def _addresses(headers: _Headers, name: str) -> list[str]:
    return [a for _, a in parse_addresses(headers.all(name))]


def _auth_results(headers: _Headers) -> list[AuthResult]:
    results = (parse_auth_results(v) for v in headers.all("authentication-results")[:20])
    return [r for r in results if r is not None]


def _bounce_token(ctx: _Context, tracking: tuple[str, str] | None) -> str | None:
    if ctx.plus.bounce_token:
        return ctx.plus.bounce_token
    returned = "\n".join(ctx.parts.returned_headers)
    return _token_in_text(returned, tracking) or _token_in_text(ctx.text, tracking)


@dataclass(frozen=True)
class _Reading:
    """How the message reads: its kind, why, and the person's own text."""

    kind: Kind
    auto_reason: str | None
    new_text: str | None
    quoted: str | None


def _sender_names(ctx: _Context) -> list[str]:
    """The sender's name, else the name in the address ("dana.whitfield@…", not "info@…"):
    a closing line with nothing but these is a sign-off."""
    if ctx.from_name:
        return [ctx.from_name]
    words = re.split(r"[._\-+]+", (ctx.from_addr or "").partition("@")[0])
    return [" ".join(words)] if len(words) >= 2 else []


def _read(ctx: _Context) -> _Reading:
    auto_reason = _machine_reason(ctx)
    if _is_bounce(ctx, auto_reason):
        return _Reading("bounce", None, None, None)
    new_text, quoted = split_reply(ctx.text, _sender_names(ctx))
    kind = _kind(ctx, auto_reason)
    if kind == "reply":
        # Only a message that would otherwise count as an answer is read for a notice.
        auto_reason = text_reason(new_text)
        kind = "auto_reply" if auto_reason else kind
    return _Reading(kind, auto_reason if kind == "auto_reply" else None, new_text, quoted)


_WORD = re.compile(r"[^\W_]+")
# Markup, and what a mail program does not show: scripts, styles, the head, comments.
_MARKUP = re.compile(r"<(script|style|head|title)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.S | re.I)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _html_reading(ctx: _Context, reading: _Reading) -> tuple[str | None, str | None]:
    """The new text and quote of a reply's HTML part, where it has a plain part too and the
    two new texts differ in their words (not only in spacing or marks); not where the HTML's
    new text is empty (its reply could not be told from its quote)."""
    if reading.kind != "reply" or ctx.parts.plain is None or not ctx.parts.html:
        return None, None
    # Most clients write both parts from one text: the same words in the same order say
    # nothing the plain part does not (and reading the HTML costs as much as the rest).
    if _words(unescape(_MARKUP.sub(" ", ctx.parts.html))) == _words(ctx.parts.plain):
        return None, None
    new_text, quoted = split_reply(html_to_text(ctx.parts.html), _sender_names(ctx))
    words = _words(new_text or "")
    # an HTML part whose new text could not be told from its quote says nothing more
    if not words or words == _words(reading.new_text or ""):
        return None, None
    return new_text, quoted


def _bounce_facts(ctx: _Context) -> dict[str, Any]:
    return {
        "bounces": _bounces(ctx),
        "original_message_ids": returned_message_ids(ctx.parts.returned_headers, ctx.text),
        "original_envelope_id": original_envelope_id(_delivery_status(ctx)),
    }


def _assemble(
    ctx: _Context,
    tracking: tuple[str, str] | None,
    *,
    defects: list[str],
    truncated: bool,
    size: int,
) -> ParsedMessage:
    reading = _read(ctx)
    bounce = reading.kind == "bounce"
    message_id = parse_msgids(ctx.headers.raw("message-id"))
    html_reply_text, html_quoted_text = _html_reading(ctx, reading)
    return ParsedMessage(
        message_id=message_id[0] if message_id else None,
        from_addr=ctx.from_addr,
        from_name=ctx.from_name,
        to=_addresses(ctx.headers, "to"),
        cc=_addresses(ctx.headers, "cc"),
        delivered_to=ctx.delivered_to,
        subject=ctx.subject,
        date=parse_date(ctx.headers.raw("date")),
        in_reply_to=ctx.in_reply_to,
        references=ctx.references,
        text=ctx.text,
        html=ctx.parts.html,
        kind=reading.kind,
        token=ctx.plus.token,
        bounce_token=_bounce_token(ctx, tracking) if bounce else ctx.plus.bounce_token,
        tag=ctx.plus.tag,
        auto_reply_reason=reading.auto_reason,
        out_of_office=reading.kind == "auto_reply"
        and is_out_of_office(ctx.subject, reading.auto_reason, reading.new_text or ""),
        addressed_to_tracking=ctx.plus.to_tracking,
        auth_results=_auth_results(ctx.headers),
        reply_text=reading.new_text,
        quoted_text=reading.quoted,
        html_reply_text=html_reply_text,
        html_quoted_text=html_quoted_text,
        null_sender=ctx.null_sender,
        daemon_sender=ctx.daemon_sender,
        return_path=_return_path(ctx.headers),
        dkim_signatures=signature_tags(ctx.headers.all("dkim-signature")),
        defects=defects,
        truncated=truncated,
        size=size,
        **(_bounce_facts(ctx) if bounce else {}),
    )


def parse_message(
    raw: bytes, *, tracking_address: str | None = None, max_bytes: int = 10_000_000
) -> ParsedMessage:
    """Parse one raw RFC 5322 message. Never raises; problems are listed in ``defects``."""
    message, truncated, defects = _parse_tree(bytes(raw), max_bytes)
    tracking = _split_tracking(tracking_address)
    try:
        parts = collect_parts(message)
        return _assemble(
            _build_context(message, parts, tracking),
            tracking,
            defects=defects + parts.defects,
            truncated=truncated,
            size=len(raw),
        )
    except Exception as exc:  # the poller must always get an answer
        return _broken(raw, truncated, [*defects, f"parse failed: {type(exc).__name__}"])


# The exact layout mail.mime.build_alternative writes for Accord's own messages.
_OWN_ALTERNATIVE = re.compile(
    rb'\r\nContent-Type: multipart/alternative;\r\n boundary="(=_accord_[0-9a-f]{32})"\r\n'
)
_OWN_PLAIN_HEAD = (
    b'Content-Type: text/plain; charset="utf-8"\r\n'
    b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
)


def _own_plain_text(raw: bytes) -> str | None:
    """The plain part of a message laid out as Accord composes them, without a MIME parse
    (the stdlib compiles a regex per boundary, so each summary would cost one); None for
    any other layout."""
    head_end = raw.find(b"\r\n\r\n")
    found = _OWN_ALTERNATIVE.search(raw, 0, head_end + 2) if head_end > 0 else None
    if found is None:
        return None
    delimiter = b"--" + found.group(1)
    opening = delimiter + b"\r\n" + _OWN_PLAIN_HEAD
    start = head_end + 4
    if not raw.startswith(opening, start):
        return None
    body_start = start + len(opening)
    end = raw.find(b"\r\n" + delimiter, body_start)
    if end < 0:
        return None
    try:
        return quopri.decodestring(raw[body_start:end]).decode("utf-8").replace("\x00", "")
    except (ValueError, UnicodeDecodeError):
        return None


def text_of(raw: bytes, *, max_bytes: int = 10_000_000) -> str:
    """The same ``text`` as ``parse_message(raw).text`` (plain part, else the HTML as text),
    without the header work: for re-reading a stored summary to compare a reply's quote."""
    own = _own_plain_text(raw) if len(raw) <= max_bytes else None
    if own is not None:
        return own
    message, _, _ = _parse_tree(bytes(raw), max_bytes)
    try:
        parts = collect_parts(message)
        return parts.plain if parts.plain is not None else html_to_text(parts.html or "")
    except Exception:  # as parse_message: a broken message has no text
        return ""


def _broken(raw: bytes, truncated: bool, defects: list[str]) -> ParsedMessage:
    return ParsedMessage(
        message_id=None,
        from_addr=None,
        from_name=None,
        to=[],
        cc=[],
        delivered_to=[],
        subject="",
        date=None,
        in_reply_to=None,
        references=[],
        text="",
        html=None,
        kind="unrelated",
        defects=defects,
        truncated=truncated,
        size=len(raw),
    )


__all__ = [
    "AuthResult",
    "BounceInfo",
    "Kind",
    "ParsedMessage",
    "parse_message",
    "raw_text",
    "text_of",
]
