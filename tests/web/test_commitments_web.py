"""The dashboard's follow-through: suggestions fill the form for the owner to check (nothing
is saved by suggesting), commitments sent with the summary, deliveries recorded."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from tests.app.conftest import Account
from tests.web.conftest import csrf_of, sign_in

SEED = (
    "Dear John,\n\nPer our conversation, if I can deliver X by June, the company will give me "
    "Y at my semi-annual review.\n\nIf there is anything that I missed, let me know."
)


def test_suggest_then_send_then_deliver(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    sign_in(web, database, account.email)
    form = web.get("/app/agreements/new")
    fields = {
        "csrf": csrf_of(form.text),
        "title": "X for Y",
        "summary": SEED,
        "counterparties": "John Smith <john@example.com>",
        "respond_within": "3d",
    }
    suggested = web.post("/app/agreements/suggest", data=fields)
    assert suggested.status_code == 200
    assert "Suggested from the summary" in suggested.text
    assert "&ldquo;by June&rdquo;" in suggested.text
    assert "at my semi-annual review" in suggested.text
    # Filled into the form, for the owner to edit; nothing was created by suggesting.
    assert (
        "me | deliver X | 2027-06-30" in suggested.text or "me | deliver X | 20" in suggested.text
    )
    assert web.get("/v1/agreements", headers=account.auth).json()["items"] == []

    created = web.post(
        "/app/agreements",
        data={
            **fields,
            "commitments": "me | Deliver X | 2027-06-30\n"
            "john@example.com | Give Y at the semi-annual review | 2027-07-15",
            "review_at": "2027-07-15",
        },
    )
    assert created.status_code == 200, created.text
    agreement_id = created.url.path.rsplit("/", 1)[1]
    page = web.get(f"/app/agreements/{agreement_id}")
    assert "Deliver X" in page.text and "Give Y at the semi-annual review" in page.text
    listed = web.get(f"/v1/agreements/{agreement_id}/commitments", headers=account.auth).json()
    assert [c["status"] for c in listed["commitments"]] == ["open", "open"]
    mine = listed["commitments"][0]["id"]

    done = web.post(
        f"/app/agreements/{agreement_id}/commitments/{mine}/deliver",
        data={"csrf": csrf_of(page.text), "note": "Sent the report", "notify": "1"},
    )
    assert done.status_code == 200 and "delivery was recorded" in done.text
    listed = web.get(f"/v1/agreements/{agreement_id}/commitments", headers=account.auth).json()
    assert listed["commitments"][0]["status"] == "delivered"
    assert listed["commitments"][0]["note"] == "Sent the report"


def test_bad_commitment_lines_are_shown_beside_the_form(
    web: TestClient, account: Account, database: Database
) -> None:
    sign_in(web, database, account.email)
    form = web.get("/app/agreements/new")
    bad = web.post(
        "/app/agreements",
        data={
            "csrf": csrf_of(form.text),
            "title": "T",
            "summary": "S",
            "counterparties": "john@example.com",
            "respond_within": "2d",
            "commitments": "just words",
        },
    )
    assert bad.status_code == 422 and "commitment line 1" in bad.text
    assert "just words" in bad.text


def test_the_owner_adds_dates_afterwards_from_the_agreement_page(
    web: TestClient, account: Account, database: Database, send: Any
) -> None:
    sign_in(web, database, account.email)
    sent = send(account)
    page = web.get(f"/app/agreements/{sent.id}")
    assert "No commitments recorded." in page.text
    added = web.post(
        f"/app/agreements/{sent.id}/commitments",
        data={
            "csrf": csrf_of(page.text),
            "commitments": "me | Send the lead list | 2027-01-15",
            "review_at": "2027-02-01",
        },
    )
    assert added.status_code == 200, added.text
    assert "added to the record (not to what was accepted)" in added.text
    assert "Send the lead list" in added.text and "added later, not in the summary" in added.text
    pack = web.get(f"/app/agreements/{sent.id}/review-pack")
    assert pack.status_code == 200 and pack.content.startswith(b"%PDF")


def test_suggestions_for_a_sent_summary_save_nothing_until_added(
    web: TestClient, account: Account, database: Database, send: Any
) -> None:
    sign_in(web, database, account.email)
    sent = send(account, summary="I send the lead list by 15 January 2027. Thanks!")
    page = web.get(f"/app/agreements/{sent.id}/commitments/suggest")
    assert page.status_code == 200
    assert "&ldquo;by 15 January 2027&rdquo;" in page.text
    assert "me | send the lead list | 2027-01-15" in page.text
    listed = web.get(f"/v1/agreements/{sent.id}/commitments", headers=account.auth).json()
    assert listed["commitments"] == []
