"""Which sender the worker uses: SMTP when configured, the development mailbox otherwise."""

from __future__ import annotations

from app.config import Settings
from mail.devbox import DevBox
from mail.smtp import Sender, SmtpSender, parse_smtp_url
from mail.testing import DevBoxSender


def sent_box(settings: Settings) -> DevBox:
    return DevBox(settings.devbox_dir / "sent")


def inbox_box(settings: Settings) -> DevBox:
    return DevBox(settings.devbox_dir / "inbox")


def build_sender(settings: Settings) -> Sender:
    if settings.smtp_url:
        return SmtpSender(parse_smtp_url(settings.smtp_url))
    return DevBoxSender(sent_box(settings))
