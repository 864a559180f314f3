"""The owner's capture attack, through a real Dovecot tracking mailbox: a summary whose To:
names victor@example.com, while the owner's server handed it to the tracking address only.

Victor never received it. He must never be deemed to have accepted unless Accord itself
handed him a notice (its SMTP server accepted it); without one the owner is asked at the
deadline, and whatever the owner then states is recorded as their word (``owner_attested``),
never as ``deemed_accepted``.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import Database, utcnow
from app.inbound.poller import poll_mailbox
from app.models import Counterparty, Event, OutboxEntry, StoredMessage
from app.outbound.delivery import deliver_all
from app.outbound.drafts import compose_drafts
from app.timekeeping.sweep import SweepReport, sweep
from mail.imap import ImapMailbox, parse_imap_url
from tests.app.conftest import Account
from tests.app.test_capture import AUTHSERV, reply_all, user_mail

pytestmark = pytest.mark.imap

VICTOR = "victor@example.com"


@pytest.fixture
def imap_settings(settings: Settings, imap_account: Any) -> Settings:
    return settings.model_copy(update={"imap_url": imap_account.url, "authserv_id": AUTHSERV})


@pytest.fixture
def db(imap_settings: Settings) -> Iterator[Database]:
    database = Database(imap_settings.resolved_database_url)
    yield database
    database.dispose()


@pytest.fixture
def anna(make_account: Callable[..., Account], client: TestClient) -> Account:
    return make_account(email="anna@example.org", name="Anna Berg", tz="Europe/Berlin")


def at(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def poll_at(settings: Settings, db: Database, moment: datetime) -> None:
    mailbox = ImapMailbox(parse_imap_url(settings.imap_url or ""))
    try:
        poll_mailbox(settings, db, mailbox, owner="test-worker", now=at(moment))
    finally:
        mailbox.close()


def captured(
    client: TestClient, anna: Account, imap_account: Any, settings: Settings, db: Database
) -> tuple[dict[str, Any], datetime]:
    """Anna's summary "to Victor", which reached only the tracking mailbox (Bcc), captured."""
    imap_account.append(user_mail(to=f"Victor Lang <{VICTOR}>", cc=None))
    poll_at(settings, db, utcnow())
    items = client.get("/v1/agreements", headers=anna.auth).json()["items"]
    assert len(items) == 1, items
    agreement: dict[str, Any] = client.get(
        f"/v1/agreements/{items[0]['id']}", headers=anna.auth
    ).json()
    assert [c["email"] for c in agreement["counterparties"]] == [VICTOR]
    return agreement, datetime.fromisoformat(agreement["deadline"])


def past_the_deadline(settings: Settings, db: Database) -> SweepReport:
    """Time passes: Victor's deadline is a minute ago, the mailbox was read through it, and
    the sweep runs."""
    now = utcnow()
    with db.transaction() as session:
        cp = session.scalars(select(Counterparty).where(Counterparty.email == VICTOR)).one()
        cp.deadline = now - timedelta(minutes=1)
    poll_at(settings, db, now)
    return sweep(settings, db, now=at(now))


def victor(db: Database) -> Counterparty:
    with db.transaction() as session:
        cp = session.scalars(select(Counterparty).where(Counterparty.email == VICTOR)).one()
        session.expunge(cp)
        return cp


def event_types(db: Database, agreement_id: str) -> list[str]:
    with db.transaction() as session:
        return list(
            session.scalars(
                select(Event.type).where(Event.agreement_id == agreement_id).order_by(Event.seq)
            )
        )


def outbox_to(db: Database, settings: Settings, address: str) -> list[tuple[str, bytes]]:
    with db.transaction() as session:
        compose_drafts(session, settings)
        return [
            (e.kind, e.message.raw or b"")
            for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.id))
            if address in e.recipients
        ]


def notices_off(client: TestClient, anna: Account) -> None:
    response = client.patch("/v1/me", json={"capture_notices": False}, headers=anna.auth)
    assert response.status_code == 200, response.text
    assert response.json()["capture_notices"] is False


def test_victor_named_only_in_to_is_never_deemed_when_notices_are_off(
    client: TestClient,
    anna: Account,
    imap_account: Any,
    imap_settings: Settings,
    db: Database,
) -> None:
    notices_off(client, anna)
    agreement, _ = captured(client, anna, imap_account, imap_settings, db)
    deliver_all(imap_settings, db)
    assert outbox_to(db, imap_settings, VICTOR) == []  # Accord never wrote to him
    assert victor(db).handoff_at is None

    # Before the deadline the owner cannot put words in his mouth either.
    early = client.post(
        f"/v1/agreements/{agreement['id']}/counterparties/{VICTOR}/attest",
        json={"note": "He agreed"},
        headers=anna.auth,
    )
    assert early.status_code == 409, early.text

    report = past_the_deadline(imap_settings, db)
    assert (report.deemed, report.owner_asked) == (0, 1)
    assert victor(db).status == "sent"
    types = event_types(db, agreement["id"])
    assert "deemed_accepted" not in types and types[-1] == "owner_asked"
    asked = [
        raw for kind, raw in outbox_to(db, imap_settings, anna.email) if kind == "attest_request"
    ]
    assert len(asked) == 1
    # Later sweeps neither deem him nor ask again.
    later = sweep(imap_settings, db, now=at(utcnow() + timedelta(days=30)))
    assert (later.deemed, later.owner_asked) == (0, 0)
    assert victor(db).status == "sent"
    assert event_types(db, agreement["id"]) == types


def test_the_owners_word_is_recorded_as_theirs_never_as_deemed_acceptance(
    client: TestClient,
    anna: Account,
    imap_account: Any,
    imap_settings: Settings,
    db: Database,
) -> None:
    notices_off(client, anna)
    agreement, _ = captured(client, anna, imap_account, imap_settings, db)
    past_the_deadline(imap_settings, db)
    attested = client.post(
        f"/v1/agreements/{agreement['id']}/counterparties/{VICTOR}/attest",
        json={"note": "He agreed on the phone"},
        headers=anna.auth,
    )
    assert attested.status_code == 200, attested.text
    again = client.post(
        f"/v1/agreements/{agreement['id']}/counterparties/{VICTOR}/attest",
        json={"note": "Twice"},
        headers=anna.auth,
    )
    assert again.status_code == 409

    detail = client.get(f"/v1/agreements/{agreement['id']}", headers=anna.auth).json()
    assert [(c["email"], c["status"]) for c in detail["counterparties"]] == [
        (VICTOR, "owner_attested")
    ]
    types = [e["type"] for e in detail["events"]]
    assert "deemed_accepted" not in types
    last = detail["events"][-1]
    assert last["type"] == "owner_attested" and last["actor"] == anna.email
    assert last["data"]["attested_by"] == "owner"
    assert last["data"]["note"] == "He agreed on the phone"

    bundle = client.get(f"/v1/agreements/{agreement['id']}/evidence", headers=anna.auth)
    assert bundle.status_code == 200
    with zipfile.ZipFile(io.BytesIO(bundle.content)) as archive:
        timeline = json.loads(archive.read("timeline.json"))
        page = archive.read("timeline.html").decode()
    bundled = [e["type"] for e in timeline["events"]]
    assert "owner_attested" in bundled and "deemed_accepted" not in bundled
    assert "Deemed accepted" not in page
    sign = [e for e in timeline["events"] if e["type"] == "owner_attested"]
    assert sign[0]["data"]["conditions"][-1] == "the owner states that the counterparty agreed"


def test_victor_is_never_deemed_while_accords_notice_is_undelivered(
    client: TestClient,
    anna: Account,
    imap_account: Any,
    imap_settings: Settings,
    db: Database,
) -> None:
    agreement, _ = captured(client, anna, imap_account, imap_settings, db)
    assert [k for k, _ in outbox_to(db, imap_settings, VICTOR)] == ["capture_notice"]
    # Nothing was delivered (the delivery worker is behind): no hand-off of Accord's own.
    report = past_the_deadline(imap_settings, db)
    assert report.deemed == 0
    assert victor(db).status == "sent" and victor(db).handoff_at is None
    assert "deemed_accepted" not in event_types(db, agreement["id"])


def test_victor_is_never_deemed_when_his_server_refuses_accords_notice(
    client: TestClient,
    anna: Account,
    imap_account: Any,
    imap_settings: Settings,
    db: Database,
    smtp_server: Any,
) -> None:
    settings = imap_settings.model_copy(update={"smtp_url": smtp_server.url})
    smtp_server.refuse_rcpt(VICTOR, 550, "5.1.1 no such user")
    agreement, _ = captured(client, anna, imap_account, settings, db)
    deliver_all(settings, db)
    assert victor(db).handoff_at is None
    alerts = [raw for kind, raw in outbox_to(db, settings, anna.email) if kind == "owner_alert"]
    assert any(b"cannot be deemed" in raw for raw in alerts)
    report = past_the_deadline(settings, db)
    assert report.deemed == 0
    assert victor(db).status == "sent"
    assert "deemed_accepted" not in event_types(db, agreement["id"])


def test_victor_is_deemed_only_after_accords_own_notice_was_accepted(
    client: TestClient,
    anna: Account,
    imap_account: Any,
    imap_settings: Settings,
    db: Database,
    smtp_server: Any,
) -> None:
    # The control for the tests above: with Accord's notice accepted for him, silence counts.
    settings = imap_settings.model_copy(update={"smtp_url": smtp_server.url})
    agreement, _ = captured(client, anna, imap_account, settings, db)
    deliver_all(settings, db)
    assert any(VICTOR in m.rcpt_tos for m in smtp_server.messages)
    handed = victor(db)
    assert handed.handoff_at is not None and handed.handoff_reply
    report = past_the_deadline(settings, db)
    assert report.deemed == 1
    assert victor(db).status == "deemed_accepted"
    detail = client.get(f"/v1/agreements/{agreement['id']}", headers=anna.auth).json()
    deemed = next(e for e in detail["events"] if e["type"] == "deemed_accepted")
    assert deemed["data"]["handoff_reply"] == handed.handoff_reply


def test_the_owner_cannot_attest_over_a_message_that_may_be_his_objection(
    client: TestClient,
    anna: Account,
    imap_account: Any,
    imap_settings: Settings,
    db: Database,
) -> None:
    """The owner's attack: Victor objects from another address in the thread (held for the
    owner's review), and the owner, past the deadline, records on their word that he agreed.
    The statement would say no reply from him reached Accord; it must wait for the review."""
    notices_off(client, anna)
    cc = "track@accord.example.com"
    original = user_mail(to=f"Victor Lang <{VICTOR}>", cc=cc, delivered_to=None)
    imap_account.append(original)
    poll_at(imap_settings, db, utcnow())
    [item] = client.get("/v1/agreements", headers=anna.auth).json()["items"]
    imap_account.append(
        reply_all(
            original,
            "No, that is not what we agreed: it was July, not June.\n\nVictor",
            sender="Victor Lang <victor.lang@gmail.example>",
            to="anna@example.org",
            cc=cc,
        )
    )
    past_the_deadline(imap_settings, db)
    with db.transaction() as session:
        held = session.scalars(
            select(StoredMessage).where(StoredMessage.status == "unverified")
        ).one()
        assert held.agreement_id == item["id"]
        held_id = held.id
    url = f"/v1/agreements/{item['id']}/counterparties/{VICTOR}/attest"

    refused = client.post(url, json={"note": "He agreed"}, headers=anna.auth)
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "review" in refused.json()["detail"]
    assert victor(db).status == "sent"
    assert "owner_attested" not in event_types(db, item["id"])

    # Once the owner has reviewed it (not his), their word may be recorded, and says so.
    dismissed = client.post(
        f"/v1/agreements/{item['id']}/messages/{held_id}/dismiss",
        json={"note": "a neighbour, not Victor"},
        headers=anna.auth,
    )
    assert dismissed.status_code == 200, dismissed.text
    attested = client.post(url, json={"note": "He agreed on the phone"}, headers=anna.auth)
    assert attested.status_code == 200, attested.text
    assert victor(db).status == "owner_attested"
