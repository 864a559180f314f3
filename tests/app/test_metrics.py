"""/metrics carries Accord's own metrics beside the process ones, read from the database."""

from __future__ import annotations

import math
from datetime import timedelta

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select, update

from app.config import Settings
from app.db import Database, utcnow
from app.models import OutboxEntry, User
from app.models.webhooks import WebhookDelivery, WebhookEndpoint
from app.outbound.senders import inbox_box, sent_box
from app.timekeeping.sweep import sweep
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_api_agreements import create
from tests.app.test_timekeeping import at, db, poll_at, sent_agreement

__all__ = ["db"]


def scrape(client: TestClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def test_metrics_cover_outbox_polls_ingest_deemed_failures_webhooks_and_sweep(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    before = scrape(client)
    assert ("process_cpu_seconds_total", ()) in before  # the process metrics stay
    assert before[("accord_outbox_depth", (("status", "pending"),))] == 0
    assert before[("accord_outbox_oldest_age_seconds", ())] == 0
    assert math.isinf(before[("accord_mailbox_poll_lag_seconds", (("mailbox", "tracking"),))])
    assert before[("accord_sweep_lag_seconds", ())] == 0
    assert before[("accord_deemed_acceptances_total", ())] == 0

    create(client, account)  # a summary and the owner's copy, queued
    with db.transaction() as session:
        session.execute(update(OutboxEntry).values(created_at=utcnow() - timedelta(minutes=10)))
    queued = scrape(client)
    assert queued[("accord_outbox_depth", (("status", "pending"),))] == 2
    assert 590 < queued[("accord_outbox_oldest_age_seconds", ())] < 700

    agreement, _ = sent_agreement(
        client, account, settings, db, counterparties=[{"email": "mike@example.com"}]
    )
    box = sent_box(settings)
    summary = next(
        box.read(uid).raw for uid in box.uids() if b"To: mike@example.com" in box.read(uid).raw
    )
    inbox_box(settings).append(mailfactory.reply(summary, "Sounds good!"))
    inbox_box(settings).append(b"From: x@example.org\r\nTo: y@example.org\r\n\r\nhello\r\n")
    poll_at(settings, db, utcnow())
    polled = scrape(client)
    lag = polled[("accord_mailbox_poll_lag_seconds", (("mailbox", "tracking"),))]
    assert 0 <= lag < 60
    last = polled[("accord_mailbox_last_success_timestamp_seconds", (("mailbox", "tracking"),))]
    assert abs(last - utcnow().timestamp()) < 60
    ingested = {
        labels: value
        for (name, labels), value in polled.items()
        if name == "accord_messages_ingested_total"
    }
    assert ingested[(("kind", "reply"), ("outcome", "processed"))] == 1
    assert sum(ingested.values()) == 2

    # A silent counterparty past a deadline that a complete poll has passed: the sweep is
    # behind until it runs; then the acceptance is counted.
    silent, _ = sent_agreement(
        client, account, settings, db, counterparties=[{"email": "jane@example.com"}]
    )
    with db.transaction() as session:
        from app.models import Counterparty

        session.execute(
            update(Counterparty)
            .where(Counterparty.email == "jane@example.com")
            .values(deadline=utcnow() - timedelta(minutes=5))
        )
    poll_at(settings, db, utcnow())
    behind = scrape(client)[("accord_sweep_lag_seconds", ())]
    assert 290 < behind < 400
    sweep(settings, db, now=at(utcnow()))
    swept = scrape(client)
    assert swept[("accord_sweep_lag_seconds", ())] == 0
    assert swept[("accord_deemed_acceptances_total", ())] == 1

    # A digest slot that passed without a sweep counts as sweep lag too.
    with db.transaction() as session:
        session.execute(update(User).values(next_digest_at=utcnow() - timedelta(hours=1)))
    assert 3500 < scrape(client)[("accord_sweep_lag_seconds", ())] < 3700

    with db.transaction() as session:
        row = session.scalars(select(OutboxEntry).order_by(OutboxEntry.id)).first()
        assert row is not None
        row.status = "failed"
        endpoint = WebhookEndpoint(user_id=account.id, url="https://hooks.example.com/x")
        session.add(endpoint)
        session.flush()
        session.add(
            WebhookDelivery(
                endpoint_id=endpoint.id,
                event_key="k",
                event_type="agreement.sent",
                body="{}",
                created_at=utcnow() - timedelta(minutes=3),
            )
        )
    last_scrape = scrape(client)
    assert sum(v for (n, _), v in last_scrape.items() if n == "accord_delivery_failures_total") == 1
    assert last_scrape[("accord_webhook_backlog", ())] == 1
    assert 170 < last_scrape[("accord_webhook_oldest_age_seconds", ())] < 300
    assert agreement["id"] != silent["id"]
