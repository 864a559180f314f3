"""Build inbound test messages (replies, auto-replies, bounces) to a summary Accord sent."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from html import escape


def _summary(raw: bytes) -> EmailMessage:
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def summary_text(raw: bytes) -> str:
    body = _summary(raw).get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def reply(
    summary: bytes,
    text: str,
    *,
    sender: str | None = None,
    quote: str | None = None,
    to: str | None = None,
    headers: dict[str, str] | None = None,
    thread: bool = True,
    html: str | None = None,
) -> bytes:
    """A plain-text reply in Gmail's style: new text, an attribution line, the quoted summary;
    with ``html``, also an HTML part whose new text is that."""
    original = _summary(summary)
    msg = EmailMessage()
    msg["From"] = sender or str(original["To"])
    msg["To"] = to or str(original["Reply-To"])
    msg["Subject"] = "Re: " + str(original["Subject"])
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = make_msgid(domain="example.com")
    if thread:
        msg["In-Reply-To"] = str(original["Message-ID"])
        msg["References"] = str(original["Message-ID"])
    for name, value in (headers or {}).items():
        msg[name] = value
    quoted = quote if quote is not None else summary_text(summary)
    attribution = "On Mon, 1 Jun 2026 at 10:00, Accord <track@accord.example.com> wrote:"
    body = (
        text + "\n\n" + attribution + "\n" + "\n".join("> " + line for line in quoted.splitlines())
    )
    msg.set_content(body + "\n")
    if html is not None:
        lines = "<br>".join(escape(line) for line in quoted.splitlines())
        msg.add_alternative(
            f'<div dir="ltr">{escape(html)}</div><br><div class="gmail_quote">'
            f"<div>{escape(attribution)}</div><blockquote>{lines}</blockquote></div>",
            subtype="html",
        )
    return msg.as_bytes(policy=policy.SMTP)


def out_of_office(summary: bytes) -> bytes:
    original = _summary(summary)
    msg = EmailMessage()
    msg["From"] = str(original["To"])
    msg["To"] = str(original["Reply-To"])
    msg["Subject"] = "Automatic reply: " + str(original["Subject"])
    msg["Auto-Submitted"] = "auto-replied"
    msg["X-Auto-Response-Suppress"] = "All"
    msg["In-Reply-To"] = str(original["Message-ID"])
    msg["Message-ID"] = make_msgid(domain="example.com")
    msg.set_content("I am out of the office until 30 June with limited access to email.\n")
    return msg.as_bytes(policy=policy.SMTP)


def dsn(summary: bytes, envelope_from: str, *, status: str = "5.1.1") -> bytes:
    """An RFC 3464 report as Postfix writes it, sent to the summary's envelope sender."""
    original = _summary(summary)
    recipient = str(original["To"]).split("<")[-1].rstrip(">")
    action = "failed" if status.startswith("5") else "delayed"
    headers = "".join(
        f"{k}: {original[k]}\r\n" for k in ("From", "To", "Subject", "Message-ID", "Date")
    )
    boundary = "dsn-boundary-1"
    return (
        # The delivery agent writes the envelope sender as Return-Path: a DSN's is null.
        f"Return-Path: <>\r\n"
        f"From: MAILER-DAEMON@mx.example.com (Mail Delivery System)\r\n"
        f"To: {envelope_from}\r\n"
        f"Subject: Undelivered Mail Returned to Sender\r\n"
        f"Auto-Submitted: auto-replied\r\n"
        f"Message-ID: {make_msgid(domain='mx.example.com')}\r\n"
        f"MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"\r\n'
        f"\r\n--{boundary}\r\nContent-Type: text/plain\r\n\r\n"
        f"I'm sorry to have to inform you that your message could not be delivered.\r\n"
        f"\r\n--{boundary}\r\nContent-Type: message/delivery-status\r\n\r\n"
        f"Reporting-MTA: dns; mx.example.com\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: {action}\r\nStatus: {status}\r\n"
        f"Diagnostic-Code: smtp; 550 {status} <{recipient}>: Recipient address rejected\r\n"
        f"\r\n--{boundary}\r\nContent-Type: text/rfc822-headers\r\n\r\n{headers}"
        f"\r\n--{boundary}--\r\n"
    ).encode()


def authenticated(raw: bytes, authserv: str, *, result: str = "pass") -> bytes:
    """``raw`` as the receiving server ``authserv`` delivers it: its Authentication-Results for
    the From domain on top (DKIM and DMARC both ``result``)."""
    sender = _summary(raw)["From"]
    domain = str(sender.addresses[0].domain if sender.addresses else "")
    header = (
        f"Authentication-Results: {authserv}; dkim={result} header.d={domain};"
        f" dmarc={result} header.from={domain}\r\n"
    )
    return header.encode() + raw
