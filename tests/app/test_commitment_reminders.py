"""Follow-through reminders to the owner (SPEC §10): before their commitments are due and
before the review, and once for a counterparty's commitment past its date; each sent once,
across sweeps and across concurrent workers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import Database
from app.models import OutboxEntry, StoredMessage
from app.timekeeping.sweep import sweep
from tests.app.conftest import Account
from tests.app.test_api_agreements import create
from tests.app.test_commitments import TERMS, text_of

DUE = datetime(2027, 6, 30, 15, 0, tzinfo=UTC)  # 17:00 in Berlin
REVIEW = datetime(2027, 7, 15, 15, 0, tzinfo=UTC)


def at(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


def reminders(database: Database) -> list[tuple[str, str, str]]:
    with database.transaction() as session:
        rows = session.execute(
            select(OutboxEntry.dedupe_key, StoredMessage.subject, StoredMessage.raw)
            .join(StoredMessage, StoredMessage.id == OutboxEntry.message_row_id)
            .where(OutboxEntry.kind == "commitment_reminder")
            .order_by(OutboxEntry.id)
        ).all()
        return [(r[0], r[1], text_of(r[2])) for r in rows]


def test_owner_reminders_review_and_overdue_each_once(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    create(client, account, **TERMS)
    assert sweep(settings, database, now=at(DUE - timedelta(days=20))).follow_through == 0
    assert sweep(settings, database, now=at(DUE - timedelta(days=13))).follow_through == 1
    assert sweep(settings, database, now=at(DUE - timedelta(days=12))).follow_through == 0
    assert sweep(settings, database, now=at(DUE - timedelta(days=1))).follow_through == 1
    assert sweep(settings, database, now=at(DUE - timedelta(hours=1))).follow_through == 0
    assert sweep(settings, database, now=at(REVIEW - timedelta(days=6))).follow_through == 1
    # John's commitment (due with the review) is flagged once it is past its date.
    assert sweep(settings, database, now=at(REVIEW + timedelta(hours=1))).follow_through == 1
    assert sweep(settings, database, now=at(REVIEW + timedelta(days=3))).follow_through == 0

    sent = reminders(database)
    assert [key.split(":")[0] for key, _, _ in sent] == [
        "ft-due",
        "ft-due",
        "ft-review",
        "ft-overdue",
    ]
    assert [key.rsplit(":", 1)[1] for key, _, _ in sent[:3]] == ["14d", "2d", "7d"]
    _, subject, text = sent[0]
    assert subject.startswith("Due in 14 days: Deliver X")
    assert "Deliver X (due Wednesday, 30 June 2027)" in text
    assert "https://accord.example.com/app/agreements/" in text
    assert "/review-pack" in text
    assert sent[2][1].startswith("Your review is in 7 days")
    assert sent[3][1].startswith("Overdue from john@example.com: Give Y")


def test_per_user_offsets_and_no_reminder_once_delivered(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    response = client.patch(
        "/v1/me/follow-through",
        json={"commitment_reminder_days": [5], "review_reminder_days": [1]},
        headers=account.auth,
    )
    assert response.status_code == 200, response.text
    assert response.json()["commitment_reminder_days"] == [5]
    agreement = create(client, account, **TERMS)
    assert sweep(settings, database, now=at(DUE - timedelta(days=13))).follow_through == 0
    assert sweep(settings, database, now=at(DUE - timedelta(days=4))).follow_through == 1
    commitments = client.get(
        f"/v1/agreements/{agreement['id']}/commitments", headers=account.auth
    ).json()["commitments"]
    mine = commitments[0]["id"]
    client.post(
        f"/v1/agreements/{agreement['id']}/commitments/{mine}/deliver",
        json={"note": "done"},
        headers=account.auth,
    )
    # Delivered: no 2-day reminder would come even with that offset.
    client.patch(
        "/v1/me/follow-through", json={"commitment_reminder_days": [5, 2]}, headers=account.auth
    )
    assert sweep(settings, database, now=at(DUE - timedelta(days=1))).follow_through == 0


def test_concurrent_sweeps_send_each_reminder_once(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    for _ in range(3):
        create(client, account, **TERMS)
    moment = DUE - timedelta(days=13)
    results: list[Any] = []
    barrier = threading.Barrier(3)

    def run() -> None:
        replica = Database(settings.resolved_database_url)
        try:
            barrier.wait()
            results.append(sweep(settings, replica, now=at(moment)).follow_through)
        except Exception as exc:  # a replica's failure is the test's failure
            results.append(exc)
        finally:
            replica.dispose()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(isinstance(r, int) for r in results), results
    assert len(reminders(database)) == 3
    assert sum(results) == 3


def test_the_weekly_digest_lists_due_soon_and_overdue(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    from app.models import User
    from app.timekeeping.digest import build_digest, digest_context
    from mail.compose import render

    create(client, account, **TERMS)
    with database.transaction() as session:
        user = session.get(User, account.id)
        assert user is not None
        digest = build_digest(session, settings, user, now=DUE - timedelta(days=3))
        assert [i.detail for i in digest.due_soon] == [
            "Deliver X (you, due Wednesday, 30 June 2027)"
        ]
        assert digest.overdue == []
        later = build_digest(session, settings, user, now=REVIEW + timedelta(days=1))
        text, html = render("digest", {"subject": "Digest", **digest_context(settings, later)})
    assert [i.detail for i in later.overdue] == [
        "Deliver X (you, due Wednesday, 30 June 2027)",
        "Give Y at the semi-annual review (john@example.com, due Thursday, 15 July 2027)",
    ]
    assert "Overdue (2):" in text and "Due soon" not in text
    assert "Overdue (2)" in html
