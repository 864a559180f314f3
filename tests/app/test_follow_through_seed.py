"""The seed article's own example, end to end (SPEC §10): "if I can deliver X by June, the
company will give me Y at my semi-annual review" → commitments suggested → accepted by
silence → reminders before June → delivered, the manager told → "Great work, confirmed"
acknowledges it → the review pack holds all of it."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from pypdf import PdfReader

from app.config import Settings
from app.db import Database
from app.outbound.delivery import deliver_all
from app.timekeeping.sweep import sweep
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_commitment_reminders import reminders
from tests.app.test_commitments import outbox_of, text_of
from tests.app.test_revisions import detail, receive
from tests.app.test_timekeeping import at, poll_at, sent_agreement

MANAGER = "john@example.com"
SEED = (
    "Dear John,\n\nPer our conversation, if I can deliver X by June, the company will give me "
    "Y at my semi-annual review.\n\nIf there is anything that I missed, let me know."
)


def test_the_seed_example_from_summary_to_review_pack(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    # 1. Accord suggests what the summary commits each side to; the owner accepts, adding the
    #    review's date, which the summary does not name.
    suggested = client.post(
        "/v1/commitments/suggest",
        json={"summary": SEED, "counterparty": MANAGER},
        headers=account.auth,
    )
    assert suggested.status_code == 200, suggested.text
    found = suggested.json()["suggestions"]
    mine = next(s for s in found if s["by"] == "owner" and s["kind"] == "commitment")
    theirs = next(s for s in found if s["by"] == MANAGER)
    assert (mine["what"], mine["phrase"]) == ("deliver X", "by June")
    june = datetime.fromisoformat(mine["due"]).date()
    assert (june.month, june.day) == (6, 30)
    assert theirs["phrase"] == "at my semi-annual review" and theirs["due"] is None
    assert any(s["kind"] == "review" for s in found)
    review_day = june + timedelta(days=15)
    agreement, deadline = sent_agreement(
        client,
        account,
        settings,
        database,
        summary=SEED,
        commitments=[
            {"by": "owner", "what": mine["what"], "due": mine["due"]},
            {"by": MANAGER, "what": theirs["what"], "due": review_day.isoformat()},
        ],
        review_at=review_day.isoformat(),
    )

    # 2. The manager stays silent: accepted by silence, commitments and all.
    after = deadline + timedelta(minutes=5)
    poll_at(settings, database, after)
    assert sweep(settings, database, now=at(after)).deemed == 1
    assert detail(client, account, agreement["id"])["status"] == "accepted"

    # 3. Reminders before June: 14 and 2 days ahead, once each.
    due = datetime.fromisoformat(
        detail(client, account, agreement["id"])["commitments"][0]["due"]
    ).astimezone(UTC)
    assert sweep(settings, database, now=at(due - timedelta(days=13))).follow_through == 1
    assert sweep(settings, database, now=at(due - timedelta(days=13))).follow_through == 0
    assert sweep(settings, database, now=at(due - timedelta(days=1))).follow_through == 1
    assert [s for _, s, _ in reminders(database)] == [
        f"Due in 14 days: deliver X [{agreement['ref']}]",
        f"Due in 2 days: deliver X [{agreement['ref']}]",
    ]

    # 4. Delivered, and the manager is told in the summary's thread what is now due.
    commitment = detail(client, account, agreement["id"])["commitments"][0]
    response = client.post(
        f"/v1/agreements/{agreement['id']}/commitments/{commitment['id']}/deliver",
        json={"note": "X is live since 20 June; figures attached to the report.", "notify": True},
        headers=account.auth,
    )
    assert response.status_code == 200, response.text
    deliver_all(settings, database)
    [(to, notice)] = outbox_of(database, agreement["id"], "delivery_notice")
    assert to == MANAGER
    told = " ".join(text_of(notice).split())
    assert "You did not reply by" in told and "so it stands as agreed" in told
    assert "the company will give me Y at my semi-annual review" in told

    # 5. "Great work, confirmed" acknowledges the delivery.
    receive(settings, database, mailfactory.reply(notice, "Great work, confirmed"))
    record = detail(client, account, agreement["id"])
    assert record["commitments"][0]["status"] == "acknowledged"
    assert record["commitments"][1]["status"] == "open"

    # 6. The review pack has all of it.
    pack = client.get(f"/v1/agreements/{agreement['id']}/review-pack", headers=account.auth)
    assert pack.status_code == 200
    text = " ".join(
        " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pack.content)).pages).split()
    )
    assert "if I can deliver X by June, the company will give me Y" in text
    assert "Deemed accepted" in text and "no bounce was received" in text
    assert (
        f"deliver X, due {june.strftime('%A')}, 30 June {june.year}. Status: ACKNOWLEDGED" in text
    )
    assert "X is live since 20 June" in text
    assert "Acknowledged by john@example.com" in text and "Great work, confirmed" in text
    assert f"Review date: {review_day.strftime('%A')}" in text
    assert "Accord seal: ref=" in text and "accord verify bundle.zip" in text
