"""Deemed acceptance, reminders and digests: on time, exactly once, never wrong."""

from __future__ import annotations

import email
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email import policy
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.config import Settings
from app.db import Database, utcnow
from app.inbound.poller import poll_mailbox
from app.models import (
    Counterparty,
    DigestRun,
    Event,
    OutboxEntry,
    StoredMessage,
    User,
)
from app.outbound.delivery import deliver_all
from app.outbound.senders import inbox_box, sent_box
from app.timekeeping.digest import next_digest_time, unsubscribe_signature
from app.timekeeping.sweep import sweep
from mail.mailbox import DevMailbox
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_api_agreements import create


@pytest.fixture
def db(settings: Settings) -> Any:
    database = Database(settings.resolved_database_url)
    yield database
    database.dispose()


def at(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def poll_at(settings: Settings, db: Database, moment: datetime) -> Any:
    return poll_mailbox(
        settings, db, DevMailbox(inbox_box(settings)), owner="t", source="dev", now=at(moment)
    )


def sent_agreement(
    client: TestClient, account: Account, settings: Settings, db: Database, **overrides: Any
) -> tuple[dict[str, Any], datetime]:
    deadline = utcnow() + timedelta(hours=48)
    body = {"respond_within": None, "deadline": deadline.isoformat(), **overrides}
    agreement = create(client, account, **body)
    deliver_all(settings, db)
    return agreement, datetime.fromisoformat(agreement["deadline"])


def states(db: Database) -> dict[str, str]:
    with db.transaction() as session:
        return {c.email: c.status for c in session.scalars(select(Counterparty))}


def count(db: Database, stmt: Any) -> int:
    with db.transaction() as session:
        return int(session.scalar(stmt) or 0)


def outbox_kinds(db: Database) -> list[str]:
    with db.transaction() as session:
        return sorted(session.scalars(select(OutboxEntry.kind)))


def test_silence_is_deemed_once_only_after_the_mailbox_was_read(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    agreement, deadline = sent_agreement(client, account, settings, db)
    after = deadline + timedelta(minutes=1)
    assert sweep(settings, db, now=at(after)).deemed == 0  # no poll has covered the deadline
    poll_at(settings, db, deadline - timedelta(minutes=5))
    assert sweep(settings, db, now=at(after)).deemed == 0  # the last poll began too early
    poll_at(settings, db, after)
    assert sweep(settings, db, now=at(after)).deemed == 1
    assert sweep(settings, db, now=at(after + timedelta(hours=1))).deemed == 0
    assert states(db) == {"john@example.com": "deemed_accepted"}
    detail = client.get(f"/v1/agreements/{agreement['id']}", headers=account.auth).json()
    assert detail["status"] == "accepted"
    deemed = [e for e in detail["events"] if e["type"] == "deemed_accepted"]
    assert len(deemed) == 1
    data = deemed[0]["data"]
    assert data["handoff_reply"].startswith("250")
    assert any("no bounce" in c for c in data["conditions"])
    assert outbox_kinds(db).count("deemed_notice") == 1  # the owner's final notice only


def test_never_deemed_without_hand_off_or_after_a_bounce_away_or_reply(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    deadline = utcnow() + timedelta(hours=2)
    create(
        client,
        account,
        respond_within=None,
        deadline=deadline.isoformat(),
        counterparties=[{"email": "queued@example.com"}],
    )  # never delivered
    _agreement, _ = sent_agreement(
        client,
        account,
        settings,
        db,
        deadline=deadline.isoformat(),
        counterparties=[
            {"email": "away@example.com"},
            {"email": "asked@example.com"},
            {"email": "gone@example.com"},
        ],
    )
    with db.transaction() as session:
        session.query(Counterparty).filter(Counterparty.email == "queued@example.com").update(
            {"status": "pending"}
        )
    box = sent_box(settings)
    summaries = {}
    for uid in box.uids():
        raw = box.read(uid).raw
        to = str(email.message_from_bytes(raw, policy=policy.default)["To"])
        summaries[to] = raw
    with db.transaction() as session:
        env = {e.recipients[0]: e.envelope_from for e in session.scalars(select(OutboxEntry))}
    inbox = inbox_box(settings)
    inbox.append(mailfactory.out_of_office(summaries["away@example.com"]))
    inbox.append(mailfactory.reply(summaries["asked@example.com"], "Which June?"))
    inbox.append(mailfactory.dsn(summaries["gone@example.com"], env["gone@example.com"]))
    after = deadline + timedelta(minutes=1)
    poll_at(settings, db, after)
    assert sweep(settings, db, now=at(after)).deemed == 0
    assert states(db) == {
        "queued@example.com": "pending",
        "away@example.com": "away",
        "asked@example.com": "clarification_requested",
        "gone@example.com": "bounced",
    }


def test_withdrawn_agreements_are_not_deemed(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    agreement, deadline = sent_agreement(client, account, settings, db)
    client.post(f"/v1/agreements/{agreement['id']}/withdraw", headers=account.auth)
    after = deadline + timedelta(minutes=1)
    poll_at(settings, db, after)
    assert sweep(settings, db, now=at(after)).deemed == 0


def test_a_hard_bounce_after_deemed_acceptance_revokes_it(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    agreement, deadline = sent_agreement(
        client, account, settings, db, notify_counterparty_on_deemed=True
    )
    after = deadline + timedelta(minutes=1)
    poll_at(settings, db, after)
    sweep(settings, db, now=at(after))
    assert outbox_kinds(db).count("deemed_notice") == 2  # owner and, by policy, the counterparty
    summary = sent_box(settings).read(sent_box(settings).uids()[0]).raw
    with db.transaction() as session:
        envelope = session.scalar(
            select(OutboxEntry.envelope_from).where(OutboxEntry.kind == "summary")
        )
    inbox_box(settings).append(mailfactory.dsn(summary, envelope or ""))
    poll_at(settings, db, after + timedelta(hours=1))
    assert states(db) == {"john@example.com": "bounced"}
    detail = client.get(f"/v1/agreements/{agreement['id']}", headers=account.auth).json()
    bounced = [e for e in detail["events"] if e["type"] == "bounced"]
    assert bounced[0]["data"]["revokes_deemed_acceptance"] is True
    with db.transaction() as session:
        subjects = [
            e.message.subject
            for e in session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "owner_alert"))
        ]
    assert any("revoked" in (s or "") for s in subjects)


def test_one_reminder_24h_before_threaded_to_the_summary(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    _, deadline = sent_agreement(client, account, settings, db)
    assert sweep(settings, db, now=at(deadline - timedelta(hours=25))).reminders == 0
    due = deadline - timedelta(hours=23)
    assert sweep(settings, db, now=at(due)).reminders == 1
    assert sweep(settings, db, now=at(due + timedelta(minutes=5))).reminders == 0
    deliver_all(settings, db)
    with db.transaction() as session:
        summary_id = session.scalar(select(Counterparty.summary_message_id))
        token = session.scalar(select(Counterparty.token))
        raw = session.scalar(select(StoredMessage.raw).where(StoredMessage.kind == "reminder"))
    reminder = email.message_from_bytes(raw or b"", policy=policy.default)
    assert reminder["In-Reply-To"] == summary_id
    assert token in str(reminder["Reply-To"])
    assert reminder["Auto-Submitted"] == "auto-generated"


def test_no_reminders_when_the_policy_says_none_or_after_a_reply(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    _, deadline = sent_agreement(client, account, settings, db, reminders=[])
    assert sweep(settings, db, now=at(deadline - timedelta(hours=1))).reminders == 0


def test_after_downtime_only_the_latest_reminder_goes_out(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    _, deadline = sent_agreement(client, account, settings, db, reminders=["40h", "24h", "2h"])
    assert sweep(settings, db, now=at(deadline - timedelta(hours=1))).reminders == 1
    with db.transaction() as session:
        keys = list(
            session.scalars(select(OutboxEntry.dedupe_key).where(OutboxEntry.kind == "reminder"))
        )
    assert len(keys) == 1 and keys[0].endswith(":120")


def test_away_policy_extends_the_deadline(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    _, deadline = sent_agreement(client, account, settings, db, away_extension_days=3)
    summary = sent_box(settings).read(sent_box(settings).uids()[0]).raw
    inbox_box(settings).append(mailfactory.out_of_office(summary))
    poll_at(settings, db, utcnow())
    with db.transaction() as session:
        cp = session.scalar(select(Counterparty))
        assert cp is not None and cp.status == "sent"
        assert cp.deadline >= deadline + timedelta(days=3)
        types = list(session.scalars(select(Event.type).order_by(Event.seq)))
    assert types[-2:] == ["away", "extended"]


def test_owner_extends_an_away_counterparty(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    agreement, deadline = sent_agreement(client, account, settings, db)
    summary = sent_box(settings).read(sent_box(settings).uids()[0]).raw
    inbox_box(settings).append(mailfactory.out_of_office(summary))
    poll_at(settings, db, utcnow())
    assert states(db) == {"john@example.com": "away"}
    new = (deadline + timedelta(days=7)).isoformat()
    response = client.post(
        f"/v1/agreements/{agreement['id']}/counterparties/john@example.com/extend",
        json={"deadline": new},
        headers=account.auth,
    )
    assert response.status_code == 200, response.text
    assert states(db) == {"john@example.com": "sent"}
    past = client.post(
        f"/v1/agreements/{agreement['id']}/counterparties/john@example.com/extend",
        json={"deadline": "2001-01-01T00:00:00Z"},
        headers=account.auth,
    )
    assert past.status_code == 422


def test_digest_once_a_week_at_the_users_hour(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    sent_agreement(client, account, settings, db)
    with db.transaction() as session:
        user = session.scalar(select(User))
        assert user is not None
        slot = user.next_digest_at
        assert slot is not None
        local = slot.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Berlin"))
        assert (local.weekday(), local.hour, local.minute) == (0, 8, 0)
    assert sweep(settings, db, now=at(slot - timedelta(minutes=1))).digests == 0
    assert sweep(settings, db, now=at(slot + timedelta(hours=3))).digests == 1
    assert sweep(settings, db, now=at(slot + timedelta(hours=4))).digests == 0
    with db.transaction() as session:  # even if the schedule is reset, the week is done
        session.query(User).update({"next_digest_at": slot})
    assert sweep(settings, db, now=at(slot + timedelta(hours=5))).digests == 0
    assert count(db, select(func.count()).select_from(DigestRun)) == 1
    deliver_all(settings, db)
    with db.transaction() as session:
        raw = session.scalar(select(StoredMessage.raw).where(StoredMessage.kind == "digest"))
    digest = email.message_from_bytes(raw or b"", policy=policy.default)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/v1/digest/unsubscribe?" in str(digest["List-Unsubscribe"])
    body = digest.get_body(("plain",))
    assert body is not None and "Awaiting a reply (1)" in body.get_content()


def test_unsubscribe_needs_a_valid_signature(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    bad = client.post("/v1/digest/unsubscribe", params={"user": account.id, "sig": "x" * 64})
    assert bad.status_code == 404
    page = client.get(
        "/v1/digest/unsubscribe",
        params={"user": account.id, "sig": unsubscribe_signature(settings, account.id)},
    )
    assert page.status_code == 200 and "<form method=post>" in page.text
    ok = client.post(
        "/v1/digest/unsubscribe",
        params={"user": account.id, "sig": unsubscribe_signature(settings, account.id)},
    )
    assert ok.status_code == 200
    assert client.get("/v1/me", headers=account.auth).json()["digest_enabled"] is False


@pytest.mark.parametrize(
    ("tz", "after", "expected"),
    [
        (
            "Europe/Berlin",
            datetime(2026, 3, 28, 12, tzinfo=UTC),
            datetime(2026, 3, 30, 6, tzinfo=UTC),
        ),
        (
            "America/Santiago",
            datetime(2024, 9, 6, 12, tzinfo=UTC),
            datetime(2024, 9, 9, 11, tzinfo=UTC),
        ),
        (
            "Australia/Lord_Howe",
            datetime(2024, 4, 3, tzinfo=UTC),
            datetime(2024, 4, 7, 21, 30, tzinfo=UTC),
        ),
    ],
)
def test_next_digest_time_across_dst(tz: str, after: datetime, expected: datetime) -> None:
    user = User(email="x@example.org", name="X", timezone=tz, digest_weekday=0, digest_hour=8)
    assert next_digest_time(user, after=after) == expected


def test_a_long_unsubscribe_url_stays_a_url() -> None:
    from mail.compose import Party, compose_notice

    url = "https://accord.example.com/v1/digest/unsubscribe?user=" + "u" * 32 + "&sig=" + "s" * 64
    message = compose_notice(
        kind="digest",
        to=Party("anna@example.org", "Anna"),
        tracking_address="track@accord.example.com",
        subject="Your weekly Accord digest",
        ref=None,
        template="digest",
        context={
            "user": Party("anna@example.org"),
            "awaiting": [],
            "attention": [],
            "accepted": [],
            "bounced": [],
            "empty": True,
            "unsubscribe_url": url,
        },
        message_id="<d1@accord.example.com>",
        extra_headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    parsed = email.message_from_bytes(message.data, policy=policy.default)
    assert parsed["List-Unsubscribe"] == f"<{url}>"
    assert b"=?utf-8?" not in message.data.split(b"\r\n\r\n")[0]


def test_an_item_that_fails_is_rolled_back_alone_and_done_by_the_next_sweep(
    client: TestClient,
    account: Account,
    settings: Settings,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.timekeeping import deemed

    people = ["a@example.com", "b@example.com", "c@example.com"]
    _, deadline = sent_agreement(
        client, account, settings, db, counterparties=[{"email": p} for p in people]
    )
    after = deadline + timedelta(minutes=1)
    poll_at(settings, db, after)
    real = deemed._notify

    def notify(session: Any, settings: Settings, agreement: Any, cp: Any, now: Any) -> None:
        if cp.email == "b@example.com":
            raise RuntimeError("notice could not be composed")
        real(session, settings, agreement, cp, now)

    monkeypatch.setattr(deemed, "_notify", notify)
    report = sweep(settings, db, now=at(after))
    # The same group: two deemed with their events and notices, the third rolled back whole
    # (and tried once more in the sweep's next round, failing again).
    assert (report.deemed, report.failed) == (2, 2)
    assert states(db) == {
        "a@example.com": "deemed_accepted",
        "b@example.com": "sent",
        "c@example.com": "deemed_accepted",
    }
    assert count(db, select(func.count(Event.id)).where(Event.type == "deemed_accepted")) == 2
    monkeypatch.setattr(deemed, "_notify", real)
    assert sweep(settings, db, now=at(after)).deemed == 1
    assert set(states(db).values()) == {"deemed_accepted"}
    assert count(db, select(func.count(Event.id)).where(Event.type == "deemed_accepted")) == 3


def test_a_reply_to_the_digest_is_unrelated_to_the_agreements_it_lists(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    # The digest quotes every open agreement's ref and promises replies are not read: the
    # owner answering it (quoting it) must not put an agreement in needs_attention.
    agreement, _ = sent_agreement(client, account, settings, db)
    with db.transaction() as session:
        slot = session.scalar(select(User.next_digest_at))
    assert slot is not None
    assert sweep(settings, db, now=at(slot + timedelta(minutes=1))).digests == 1
    deliver_all(settings, db)
    with db.transaction() as session:
        raw = session.scalar(select(StoredMessage.raw).where(StoredMessage.kind == "digest"))
    assert raw is not None and f"[{agreement['ref']}]".encode() in raw
    inbox_box(settings).append(
        mailfactory.reply(
            raw,
            "Confirmed, thanks. Please chase John.",
            sender=account.email,
            to=settings.tracking_address,
        )
    )
    poll_at(settings, db, utcnow())
    detail = client.get(f"/v1/agreements/{agreement['id']}", headers=account.auth).json()
    assert detail["status"] == "awaiting_reply"
    assert [e["type"] for e in detail["events"] if e["type"].startswith("unverified")] == []
    assert "owner_alert" not in outbox_kinds(db)
    with db.transaction() as session:
        reply = session.scalar(select(StoredMessage).where(StoredMessage.direction == "in"))
        assert reply is not None
        assert (reply.status, reply.agreement_id) == ("ignored", None)
        assert "digest" in (reply.reason or "") and "not read" in (reply.reason or "")


def test_an_informational_recipient_is_asked_nothing_and_never_deemed(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    _agreement, deadline = sent_agreement(
        client,
        account,
        settings,
        db,
        counterparties=[{"email": "john@example.com"}],
        cc=[{"email": "boss@example.com", "informational": True}],
    )
    box = sent_box(settings)
    summaries = {}
    for uid in box.uids():
        raw = box.read(uid).raw
        message = email.message_from_bytes(raw, policy=policy.default)
        body = message.get_body(("plain",))
        assert body is not None
        summaries[str(message["To"])] = (body.get_content(), raw)
    john, _ = summaries["john@example.com"]
    boss, boss_raw = summaries["boss@example.com"]
    assert "I'll take this as our agreement" in john and "/a/" in john
    assert "I'll take this as our agreement" not in boss
    assert "silence" in boss and "no answer is needed" in boss
    assert b"/a/" not in boss_raw  # neither part carries an answer link
    after = deadline + timedelta(minutes=1)
    poll_at(settings, db, after)
    assert sweep(settings, db, now=at(after)).deemed == 1
    assert states(db) == {"john@example.com": "deemed_accepted", "boss@example.com": "sent"}
