"""A message as a person reads it: the headers that matter and the decoded text, for
``accord mail`` (the raw bytes, quoted-printable and all, stay one ``--raw`` away)."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import cast

from mail.html_text import html_to_text

SHOWN_HEADERS = (
    "From",
    "To",
    "Cc",
    "Reply-To",
    "Subject",
    "Date",
    "Message-ID",
    "In-Reply-To",
    "List-Unsubscribe",
)


def readable(raw: bytes) -> str:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    lines = [f"{name}: {message[name]}" for name in SHOWN_HEADERS if message[name] is not None]
    body = message.get_body(("plain", "html"))
    if body is None:
        text = "(no text part)"
    else:
        content = str(cast(EmailMessage, body).get_content())
        text = html_to_text(content) if body.get_content_type() == "text/html" else content
    attachments = [
        part.get_filename() or part.get_content_type() for part in message.iter_attachments()
    ]
    out = "\n".join(lines) + "\n\n" + text.replace("\r\n", "\n").rstrip("\n") + "\n"
    if attachments:
        out += "\nAttachments: " + ", ".join(attachments) + "\n"
    return out
