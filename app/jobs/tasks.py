"""One run of each job; the CLI's ``--once`` commands and the worker call the same code."""

from __future__ import annotations

import threading

from app.config import Settings
from app.db import Database
from app.inbound.connected import poll_connected
from app.inbound.poller import poll_mailbox
from app.outbound.delivery import DeliveryReport, deliver_all, worker_name
from app.outbound.senders import inbox_box
from app.timekeeping.sweep import SweepReport, sweep
from app.webhooks.delivery import deliver_webhooks
from mail.imap import ImapMailbox, parse_imap_url
from mail.mailbox import DevMailbox, Mailbox


def tracking_mailbox(settings: Settings) -> tuple[Mailbox, str]:
    """The tracking mailbox: IMAP when configured, the development inbox otherwise."""
    if settings.imap_url:
        return ImapMailbox(parse_imap_url(settings.imap_url)), "imap"
    return DevMailbox(inbox_box(settings)), "dev"


def deliver_once(
    settings: Settings, database: Database, stopping: threading.Event | None = None
) -> DeliveryReport:
    report = deliver_all(settings, database, stopping=stopping)
    deliver_webhooks(settings, database)
    return report


def poll_once(settings: Settings, database: Database) -> dict[str, object]:
    """The tracking mailbox first, then every connected user mailbox."""
    mailbox, source = tracking_mailbox(settings)
    try:
        tracking = poll_mailbox(settings, database, mailbox, owner=worker_name(), source=source)
    finally:
        mailbox.close()
    return {"tracking": tracking, "connected": poll_connected(settings, database)}


def sweep_once(settings: Settings, database: Database) -> SweepReport:
    return sweep(settings, database)
