"""The transactional outbox against a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import email
import threading
from collections.abc import Callable
from datetime import timedelta
from email import policy
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.config import Settings
from app.db import Database, utcnow
from app.models import Counterparty, Event, OutboxEntry
from app.outbound.delivery import claim_batch, deliver_all, deliver_once
from mail.smtp import SmtpSender, parse_smtp_url
from tests.app.conftest import Account
from tests.app.test_api_agreements import create
from tests.servers.smtp import SmtpTestServer


@pytest.fixture
def smtp_settings(settings: Settings, smtp_url: str) -> Settings:
    return settings.model_copy(update={"smtp_url": smtp_url})


@pytest.fixture
def db(smtp_settings: Settings) -> Any:
    database = Database(smtp_settings.resolved_database_url)
    yield database
    database.dispose()


def later(minutes: int) -> Callable[[], Any]:
    return lambda: utcnow() + timedelta(minutes=minutes)


def statuses(db: Database) -> dict[str, str]:
    with db.transaction() as session:
        return {c.email: c.status for c in session.scalars(select(Counterparty))}


def test_each_counterparty_gets_its_own_copy(
    client: TestClient,
    account: Account,
    smtp_settings: Settings,
    db: Database,
    smtp_server: SmtpTestServer,
) -> None:
    created = create(
        client,
        account,
        counterparties=[
            {"email": "john@example.com", "name": "John"},
            {"email": "mary@example.com"},
        ],
    )
    report = deliver_all(smtp_settings, db)
    assert report.sent == 3 and report.failed == 0  # two summaries and the owner's copy
    by_rcpt = {m.rcpt_tos: m for m in smtp_server.messages}
    assert set(by_rcpt) == {("john@example.com",), ("mary@example.com",), ("anna@example.org",)}
    john = email.message_from_bytes(by_rcpt[("john@example.com",)].data, policy=policy.default)
    mary = email.message_from_bytes(by_rcpt[("mary@example.com",)].data, policy=policy.default)
    assert john["Message-ID"] != mary["Message-ID"]
    assert john["Message-ID"].endswith("@accord.example.com>")
    assert john["Reply-To"] != mary["Reply-To"]
    assert john["Reply-To"].startswith("track+")
    assert by_rcpt[("john@example.com",)].mail_from.startswith("track+bounce-")
    assert by_rcpt[("john@example.com",)].mail_from != by_rcpt[("mary@example.com",)].mail_from
    assert created["ref"] in john["Subject"]
    assert "mary@example.com" not in str(john["To"]) and "Auto-Submitted" not in john
    detail = client.get(f"/v1/agreements/{created['id']}", headers=account.auth).json()
    assert detail["status"] == "awaiting_reply"
    sent = [e for e in detail["events"] if e["type"] == "sent"]
    assert len(sent) == 2 and all(e["data"]["smtp_reply"].startswith("250") for e in sent)
    assert all(c["handoff_at"] for c in detail["counterparties"])


def test_server_down_then_back_delivers_once(
    client: TestClient,
    account: Account,
    smtp_settings: Settings,
    db: Database,
    smtp_server: SmtpTestServer,
) -> None:
    create(client, account)
    smtp_server.stop()
    down = deliver_once(smtp_settings, db)
    assert down.sent == 0 and down.retried == 2
    assert deliver_once(smtp_settings, db).handled == 0  # backing off, nothing due yet
    smtp_server.start()
    up = deliver_once(smtp_settings, db, now=later(90))
    assert up.sent == 2
    assert deliver_once(smtp_settings, db, now=later(600)).handled == 0
    assert len(smtp_server.messages) == 2
    assert statuses(db) == {"john@example.com": "sent"}


def test_temporary_failure_then_success(
    client: TestClient,
    account: Account,
    smtp_settings: Settings,
    db: Database,
    smtp_server: SmtpTestServer,
) -> None:
    create(client, account, counterparties=[{"email": "john@example.com"}])
    smtp_server.fail_data(times=1, code=451, text="4.3.0 try later")
    first = deliver_once(smtp_settings, db, batch_size=1)
    assert first.retried == 1
    deliver_all(smtp_settings, db)
    assert deliver_once(smtp_settings, db, now=later(90)).sent >= 1
    assert statuses(db) == {"john@example.com": "sent"}
    with db.transaction() as session:
        summary = session.scalar(select(OutboxEntry).where(OutboxEntry.kind == "summary"))
        assert summary is not None and summary.attempts == 2 and summary.status == "sent"
        assert "451" in (summary.last_error or "")


def test_permanent_failure_bounces_alerts_the_owner_and_never_retries(
    client: TestClient,
    account: Account,
    smtp_settings: Settings,
    db: Database,
    smtp_server: SmtpTestServer,
) -> None:
    created = create(client, account, counterparties=[{"email": "gone@example.com"}])
    smtp_server.refuse_rcpt("gone@example.com", 550, "5.1.1 No such user")
    deliver_all(smtp_settings, db)
    assert statuses(db) == {"gone@example.com": "bounced"}
    deliver_once(smtp_settings, db, now=later(24 * 60))
    rcpts = [m.rcpt_tos for m in smtp_server.messages]
    assert ("gone@example.com",) not in rcpts
    alerts = [m for m in smtp_server.messages if m.rcpt_tos == ("anna@example.org",)]
    subjects = [email.message_from_bytes(m.data, policy=policy.default)["Subject"] for m in alerts]
    assert any("could not be delivered" in s for s in subjects), subjects
    detail = client.get(f"/v1/agreements/{created['id']}", headers=account.auth).json()
    assert detail["status"] == "needs_attention"
    bounced = [e for e in detail["events"] if e["type"] == "bounced"]
    assert bounced and "550" in bounced[0]["data"]["reason"]


def test_crash_after_acceptance_resends_with_the_same_message_id(
    client: TestClient,
    account: Account,
    smtp_settings: Settings,
    db: Database,
    smtp_server: SmtpTestServer,
) -> None:
    import asyncio

    create(client, account, counterparties=[{"email": "john@example.com"}])
    batch = claim_batch(smtp_settings, db, owner="doomed", now=utcnow(), limit=10)

    async def send_and_crash() -> None:
        async with SmtpSender(parse_smtp_url(smtp_settings.smtp_url)) as sender:
            for _, message in batch:
                await sender.send(message)  # accepted ... and the process dies here

    asyncio.run(send_and_crash())
    assert deliver_once(smtp_settings, db).handled == 0  # the lease still holds
    recovered = deliver_once(smtp_settings, db, now=later(10))
    assert recovered.sent == 2
    ids_seen = [email.message_from_bytes(m.data)["Message-ID"] for m in smtp_server.messages]
    assert len(ids_seen) == 4 and len(set(ids_seen)) == 2  # duplicates share the Message-ID
    with db.transaction() as session:
        sent_events = session.scalar(select(func.count()).where(Event.type == "sent"))
        assert sent_events == 1


def test_withdrawn_before_delivery_sends_no_summary(
    client: TestClient,
    account: Account,
    smtp_settings: Settings,
    db: Database,
    smtp_server: SmtpTestServer,
) -> None:
    created = create(client, account)
    client.post(f"/v1/agreements/{created['id']}/withdraw", headers=account.auth)
    deliver_all(smtp_settings, db)
    assert [m.rcpt_tos for m in smtp_server.messages] == [("anna@example.org",)]


@pytest.mark.slow
def test_two_workers_on_postgresql_deliver_each_message_exactly_once(
    pg_url: str,
    tmp_path: Any,
    smtp_server: SmtpTestServer,
    smtp_url: str,
) -> None:
    from app.agreements import service
    from app.agreements.schemas import AgreementCreate
    from app.users import service as users

    settings = Settings(
        database_url=pg_url,
        data_dir=tmp_path,
        smtp_url=smtp_url,
        tracking_address="track@accord.example.com",
        _env_file=None,
    )  # type: ignore[call-arg]
    db = Database(pg_url)
    with db.transaction() as session:
        owner = users.create_user(session, email="anna@example.org", name="Anna")
        data = AgreementCreate(
            title="T",
            summary="S",
            respond_within="3d",
            counterparties=[{"email": f"cp{i}@example.com"} for i in range(50)],
        )
        for _ in range(10):
            plan = service.plan_from_request(owner, data, now=utcnow())
            service.create_agreement(
                session, settings=settings, owner=owner, plan=plan, now=utcnow()
            )
    with db.transaction() as session:
        total = session.scalar(select(func.count()).select_from(OutboxEntry))
    assert total == 510  # 500 summaries + 10 owner copies
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            while deliver_once(settings, db, owner=name, batch_size=20).handled:
                pass
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    ids = [email.message_from_bytes(m.data)["Message-ID"] for m in smtp_server.messages]
    assert len(ids) == 510 and len(set(ids)) == 510
    with db.transaction() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.status == "sent")
            )
            == 510
        )
        owners = set(session.scalars(select(OutboxEntry.lease_owner)))
    assert owners == {"w0", "w1"}  # both took part
    db.dispose()
