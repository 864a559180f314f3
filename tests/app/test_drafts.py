"""Summaries queued as drafts: composed once, when first needed, to what was queued."""

from __future__ import annotations

import email
import io
from datetime import datetime
from email import policy
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from app.config import Settings
from app.core.deadlines import zone
from app.db import Database
from app.evidence.verify import verify_bundle
from app.models import Agreement, Counterparty, OutboxEntry, StoredMessage, User
from app.outbound.calendar import Entry, calendar_bytes
from app.outbound.delivery import deliver_all
from app.outbound.drafts import Addressee, compose_drafts, version_drafts
from app.outbound.service import queue_owner_alert
from mail.compose import Party, compose_notice, compose_owner_copy, compose_summary
from tests.app.conftest import Account
from tests.app.test_api_agreements import create
from tests.app.test_outbox import db, smtp_settings  # noqa: F401 - fixtures
from tests.servers.smtp import SmtpTestServer

JOHN = {"email": "john@example.com", "name": "John"}
MARY = {"email": "mary@example.com"}


def _messages(database: Database, agreement_id: str) -> list[StoredMessage]:
    with database.transaction() as session:
        rows = session.scalars(
            select(StoredMessage)
            .where(StoredMessage.agreement_id == agreement_id)
            .order_by(StoredMessage.id)
        ).all()
        for row in rows:
            _ = row.raw  # deferred column, loaded while the session is open
        return list(rows)


def test_a_composed_draft_is_the_mail_that_was_queued(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    created = create(client, account, counterparties=[JOHN, MARY])
    drafts = _messages(database, created["id"])
    assert [(m.kind, m.status, m.raw) for m in drafts] == [
        ("summary", "draft", None),
        ("summary", "draft", None),
        ("owner_copy", "draft", None),
    ]
    with database.transaction() as session:
        assert compose_drafts(session, settings, agreement_id=created["id"]) == 3
        tokens = {
            c.email: (c.token, c.bounce_token, c.answer_token)
            for c in session.scalars(select(Counterparty))
        }
    composed = _messages(database, created["id"])
    assert [m.status for m in composed] == ["queued"] * 3
    created_at = datetime.fromisoformat(created["created_at"])
    deadline = datetime.fromisoformat(created["deadline"])
    anna = Party("anna@example.org", "Anna Berg")
    berlin = zone("Europe/Berlin")
    parties = [Party("john@example.com", "John"), Party("mary@example.com", "")]
    common: dict[str, Any] = {
        "owner": anna,
        "tracking_address": settings.tracking_address,
        "ref": created["ref"],
        "title": created["title"],
        "summary": created["summary"],
        "deadline": deadline,
        "date": created_at,
    }
    # Byte for byte what composing at creation would have given (and did, before drafts).
    for n, (message, party) in enumerate(zip(composed[:2], parties, strict=True)):
        token, bounce_token, answer_token = tokens[party.email]
        assert len({token, bounce_token, answer_token}) == 3  # three separate secrets
        expected = compose_summary(
            **common,
            recipient=party,
            token=token,
            bounce_token=bounce_token,
            recipient_tz=berlin,
            zone_is_theirs=False,  # no zone of theirs given: the owner's, with its offset
            message_id=message.message_id or "",
            other_parties=[p for p in parties if p != party],
            answer_url=f"{settings.public_url.rstrip('/')}/a/{answer_token}",
        )
        assert message.raw == expected.data, n
        assert message.sha256 is not None and message.size == len(expected.data)
        assert message.subject == expected.subject
    owner_copy = compose_owner_copy(
        **common,
        recipients=parties,
        owner_tz=berlin,
        message_id=composed[2].message_id or "",
        agreement_url=f"{settings.public_url.rstrip('/')}/app/agreements/{created['id']}",
        # The reply deadline as a calendar entry (SPEC §10), generated as of the draft's date.
        attachments=[
            (
                "reply-deadline.ics",
                "text/calendar",
                calendar_bytes(
                    [
                        Entry(
                            uid=f"deadline-{created['id']}-v1@{settings.message_id_domain}",
                            summary=f"Replies due: {created['title']} [{created['ref']}]",
                            start=deadline,
                            description="Silence by this time counts as agreement; Accord "
                            "records who answered.",
                            url=f"{settings.public_url.rstrip('/')}/app/agreements/{created['id']}",
                            alarm_minutes=0,
                        )
                    ],
                    stamp=created_at,
                ),
            )
        ],
    )
    assert composed[2].raw == owner_copy.data
    # The Message-IDs named since creation (counterparty, events) are the composed ones.
    detail = client.get(f"/v1/agreements/{created['id']}", headers=account.auth).json()
    queued = [e["message_id"] for e in detail["events"] if e["type"] == "queued"]
    assert queued == [m.message_id for m in composed[:2]]


def test_a_draft_is_composed_once_and_keeps_what_it_was_queued_with(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    created = create(client, account, counterparties=[JOHN])
    with database.transaction() as session:
        # The owner is renamed after queueing: the queued mail still says what it said.
        session.execute(update(User).values(name="Someone Else"))
    with database.transaction() as session:
        assert compose_drafts(session, settings) == 2
    first = [m.raw for m in _messages(database, created["id"])]
    assert all(raw and b"Anna Berg" in raw and b"Someone Else" not in raw for raw in first)
    with database.transaction() as session:
        assert compose_drafts(session, settings) == 0  # nothing left to compose
        assert compose_drafts(session, settings, agreement_id=created["id"]) == 0
    assert [m.raw for m in _messages(database, created["id"])] == first


def test_delivery_composes_then_sends_the_stored_bytes(
    client: TestClient,
    account: Account,
    smtp_settings: Settings,  # noqa: F811
    db: Database,  # noqa: F811
    smtp_server: SmtpTestServer,
) -> None:
    created = create(client, account, counterparties=[JOHN, MARY])
    report = deliver_all(smtp_settings, db)
    assert report.sent == 3 and report.failed == 0
    stored = {m.message_id: m.raw for m in _messages(db, created["id"])}
    assert len(smtp_server.messages) == 3
    for sent in smtp_server.messages:
        parsed = email.message_from_bytes(sent.data, policy=policy.default)
        # What went out is what is kept as evidence (the server adds no bytes here).
        assert stored[parsed["Message-ID"]] == sent.data
    assert {m.status for m in _messages(db, created["id"])} == {"sent"}


def test_a_draft_that_cannot_be_composed_fails_alone_and_the_owner_is_told(
    client: TestClient,
    account: Account,
    smtp_settings: Settings,  # noqa: F811
    db: Database,  # noqa: F811
    smtp_server: SmtpTestServer,
) -> None:
    broken = create(client, account, counterparties=[JOHN])
    fine = create(client, account, counterparties=[MARY])
    with db.transaction() as session:
        john = session.scalars(
            select(Counterparty).where(Counterparty.email == JOHN["email"])
        ).one()
        row = session.scalars(
            select(StoredMessage).where(StoredMessage.counterparty_id == john.id)
        ).one()
        # A version that does not exist: nothing to compose it from.
        row.details = {"draft": {**row.details["draft"], "version": 99}}
    report = deliver_all(smtp_settings, db)
    # The other agreement's two, the broken one's owner copy, then the alert about it.
    assert report.sent == 4 and report.failed == 0
    assert sorted(m.rcpt_tos for m in smtp_server.messages) == [
        ("anna@example.org",),
        ("anna@example.org",),
        ("anna@example.org",),
        ("mary@example.com",),
    ]
    with db.transaction() as session:
        entry = session.scalars(
            select(OutboxEntry).where(
                OutboxEntry.counterparty_id == john.id, OutboxEntry.kind == "summary"
            )
        ).one()
        assert entry.status == "failed"
        assert entry.last_error is not None and "cannot compose" in entry.last_error
        cps = {c.email: (c.status, c.handoff_at) for c in session.scalars(select(Counterparty))}
    # Never handed off: bounced (not delivered), so its silence can never become acceptance.
    assert cps["john@example.com"] == ("bounced", None)
    assert cps["mary@example.com"][0] == "sent"
    detail = client.get(f"/v1/agreements/{broken['id']}", headers=account.auth).json()
    bounced = [e for e in detail["events"] if e["type"] == "bounced"]
    assert [e["data"]["stage"] for e in bounced] == ["compose"]
    alert = next(m for m in smtp_server.messages if b"could not be delivered" in m.data)
    assert b"cannot compose the message" in alert.data
    assert deliver_all(smtp_settings, db).handled == 0  # nothing retried or stuck
    # The evidence bundle leaves out the bytes that do not exist and still verifies.
    zipped = client.get(f"/v1/agreements/{broken['id']}/evidence", headers=account.auth)
    assert zipped.status_code == 200
    assert verify_bundle(io.BytesIO(zipped.content)).ok
    detail = client.get(f"/v1/agreements/{fine['id']}", headers=account.auth).json()
    assert [c["status"] for c in detail["counterparties"]] == ["sent"]


def test_bad_input_is_refused_when_queued_not_at_delivery(settings: Settings) -> None:
    now = datetime.fromisoformat("2026-12-06T12:00:00+00:00")

    def drafts(owner_name: str, title: str, token: str) -> Any:
        return version_drafts(
            settings,
            agreement_id="a" * 32,
            ref="ABCD-EFGH",
            owner=Party("anna@example.org", owner_name),
            owner_timezone="Europe/Berlin",
            title=title,
            number=1,
            deadline=now,
            parties=[Party("john@example.com", "John")],
            addressed=[Addressee(0, 1, "john@example.com", "John", token, "b" * 32, now)],
            now=now,
        )

    assert len(drafts("Anna", "Q3 leads", "t" * 32)) == 2
    with pytest.raises(ValueError, match="line break"):
        drafts("Anna\r\nBcc: x@evil.example", "Q3 leads", "t" * 32)
    with pytest.raises(ValueError, match="title"):
        drafts("Anna", "", "t" * 32)
    with pytest.raises(ValueError, match="token"):
        drafts("Anna", "Q3 leads", "not a token!")


def test_an_owner_alert_draft_composes_to_the_alert_it_was_queued_as(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    created = create(client, account, counterparties=[JOHN])
    with database.transaction() as session:
        agreement = session.get(Agreement, created["id"])
        assert agreement is not None
        john = agreement.counterparties[0]
        entry = queue_owner_alert(
            session,
            settings=settings,
            agreement=agreement,
            headline="John asked for a clarification",
            counterparty=john,
            deciding_text="Only from March.",
        )
        row = entry.message
        assert (row.status, row.raw, row.subject) == (
            "draft",
            None,
            f"John asked for a clarification [{created['ref']}]",
        )
        thread = [john.summary_message_id or ""]
        message_id, queued_at, row_id = row.message_id or "", row.received_at, row.id
    with database.transaction() as session:
        assert compose_drafts(session, settings, message_rows=[row_id]) == 1
    expected = compose_notice(
        kind="owner_alert",
        to=Party("anna@example.org", "Anna Berg"),
        tracking_address=settings.tracking_address,
        subject="John asked for a clarification",
        ref=created["ref"],
        template="owner_alert",
        context={
            "headline": "John asked for a clarification",
            "title": created["title"],
            "counterparty": Party("john@example.com", "John"),
            "deciding_text": "Only from March.",
            "agreement_url": f"{settings.public_url.rstrip('/')}/app/agreements/{created['id']}",
        },
        message_id=message_id,
        in_reply_to=thread[0],
        references=thread,
        date=queued_at,
    )
    [alert] = [m for m in _messages(database, created["id"]) if m.id == row_id]
    assert alert.raw == expected.data and alert.status == "queued"
