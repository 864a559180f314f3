"""Accord's own Prometheus metrics, read from the database at scrape time.

The worker may run in other processes (``accord worker``), so nothing here is a
process-local counter: each value is a query over what the database holds, and the
``_total`` counters only grow because rows are never deleted (SPEC: nothing is lost).
``/metrics`` (app.api.health) serves these beside the process metrics.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import datetime

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector, CollectorRegistry
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.lifecycle import CpStatus
from app.core.mailboxes import TRACKING
from app.db import Database, utcnow
from app.models import (
    Event,
    MailboxState,
    OutboxEntry,
    StoredMessage,
    User,
)
from app.models.webhooks import WebhookDelivery
from app.timekeeping import deemed

OUTBOX_WAITING = ("pending", "sending")


def _age(now: datetime, since: datetime | None) -> float:
    return max(0.0, (now - since).total_seconds()) if since is not None else 0.0


def outbox_metrics(session: Session, now: datetime) -> Iterator[Metric]:
    depth = GaugeMetricFamily(
        "accord_outbox_depth", "Outbound messages not yet handed off, by status", labels=["status"]
    )
    counts: dict[str, int] = {
        status: count
        for status, count in session.execute(
            select(OutboxEntry.status, func.count())
            .where(OutboxEntry.status.in_(OUTBOX_WAITING))
            .group_by(OutboxEntry.status)
        ).tuples()
    }
    for status in OUTBOX_WAITING:
        depth.add_metric([status], counts.get(status, 0))
    yield depth
    oldest = session.scalar(
        select(func.min(OutboxEntry.created_at)).where(OutboxEntry.status.in_(OUTBOX_WAITING))
    )
    yield GaugeMetricFamily(
        "accord_outbox_oldest_age_seconds",
        "Age of the oldest outbound message not yet handed off (0: none waiting)",
        value=_age(now, oldest),
    )
    failures = CounterMetricFamily(
        "accord_delivery_failures",
        "Outbound messages that failed for good (the recipient's server refused them), by kind",
        labels=["kind"],
    )
    for kind, count in session.execute(
        select(OutboxEntry.kind, func.count())
        .where(OutboxEntry.status == "failed")
        .group_by(OutboxEntry.kind)
    ).tuples():
        failures.add_metric([kind], count)
    yield failures


def mailbox_metrics(session: Session, now: datetime) -> Iterator[Metric]:
    last = GaugeMetricFamily(
        "accord_mailbox_last_success_timestamp_seconds",
        "Start of the last poll that read the mailbox completely (Unix time)",
        labels=["mailbox"],
    )
    lag = GaugeMetricFamily(
        "accord_mailbox_poll_lag_seconds",
        "Seconds since the start of the last complete poll (+Inf: never polled)",
        labels=["mailbox"],
    )
    failing = GaugeMetricFamily(
        "accord_mailbox_poll_failing",
        "1 when the last poll of the mailbox failed",
        labels=["mailbox"],
    )
    states = list(session.scalars(select(MailboxState).order_by(MailboxState.key)))
    if not any(state.key == TRACKING for state in states):
        lag.add_metric([TRACKING], math.inf)
    for state in states:
        if state.synced_through is not None:
            last.add_metric([state.key], state.synced_through.timestamp())
            lag.add_metric([state.key], _age(now, state.synced_through))
        else:
            lag.add_metric([state.key], math.inf)
        failing.add_metric([state.key], 1 if state.last_error else 0)
    yield last
    yield lag
    yield failing


def inbound_metrics(session: Session) -> Iterator[Metric]:
    ingested = CounterMetricFamily(
        "accord_messages_ingested",
        "Inbound messages stored, by kind (reply, bounce, capture ...) and outcome",
        labels=["kind", "outcome"],
    )
    for kind, status, count in session.execute(
        select(StoredMessage.kind, StoredMessage.status, func.count())
        .where(StoredMessage.direction == "in")
        .group_by(StoredMessage.kind, StoredMessage.status)
    ).tuples():
        ingested.add_metric([kind or "unknown", status], count)
    yield ingested
    deemed = session.scalar(
        select(func.count()).select_from(Event).where(Event.type == CpStatus.DEEMED_ACCEPTED)
    )
    yield CounterMetricFamily(
        "accord_deemed_acceptances",
        "Counterparties recorded as agreed by silence",
        value=deemed or 0,
    )


def webhook_metrics(session: Session, now: datetime) -> Iterator[Metric]:
    count, oldest = session.execute(
        select(func.count(), func.min(WebhookDelivery.created_at)).where(
            WebhookDelivery.status == "pending"
        )
    ).one()
    yield GaugeMetricFamily(
        "accord_webhook_backlog", "Webhook deliveries waiting to be sent or retried", value=count
    )
    yield GaugeMetricFamily(
        "accord_webhook_oldest_age_seconds",
        "Age of the oldest webhook delivery waiting (0: none)",
        value=_age(now, oldest),
    )


def sweep_lag(session: Session, now: datetime) -> float:
    """How long the oldest piece of work the sweep could already have done has waited: a
    digest whose slot passed, or a silent counterparty whose deadline a complete poll has
    passed (the sweep deems or asks the owner then). 0 when nothing is due."""
    synced = session.scalar(select(MailboxState.synced_through).where(MailboxState.key == TRACKING))
    due: list[datetime] = []
    digest = session.scalar(
        select(func.min(User.next_digest_at)).where(
            User.next_digest_at <= now, User.disabled_at.is_(None)
        )
    )
    if digest is not None:
        due.append(digest)
    if synced is not None:
        deadline = deemed.oldest_due(session, cutoff=min(now, synced))
        if deadline is not None:
            due.append(deadline)
    return _age(now, min(due)) if due else 0.0


class AccordCollector(Collector):
    def __init__(self, database: Database, now: datetime | None = None) -> None:
        self.database = database
        self.now = now

    def collect(self) -> Iterator[Metric]:
        now = self.now or utcnow()
        with self.database.transaction() as session:
            metrics = [
                *outbox_metrics(session, now),
                *mailbox_metrics(session, now),
                *inbound_metrics(session),
                *webhook_metrics(session, now),
                GaugeMetricFamily(
                    "accord_sweep_lag_seconds",
                    "Age of the oldest due deemed acceptance or digest the sweep has not done",
                    value=sweep_lag(session, now),
                ),
            ]
        yield from metrics


def accord_registry(database: Database) -> CollectorRegistry:
    """A registry of this scrape's Accord metrics (a new one each time: apps in one process,
    as in tests, each have their own database)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(AccordCollector(database))
    return registry
