"""The owner's "it was a confirmation" (SPEC §5): recorded as the owner's word, from the API,
the dashboard and the alert's one-click link (which records nothing when opened), and the
wording it carried read as agreement in that owner's later replies only — never another
owner's, never beside a risk — on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import Database, utcnow
from app.keys import mark_token
from app.models import AcceptedPhrase, StoredMessage
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.web.conftest import csrf_of, sign_in
from tests.web.test_adversaries import (
    MIKE,
    outbound,
    receive,
    record_of,
    sent_to_mike,
    summary_of,
    text_of,
)

ODD = "Confirmed. Splendiferous."  # agreement, plus a word Accord does not know


def _reply(
    web: TestClient, account: Account, settings: Settings, database: Database, text: str
) -> tuple[dict[str, Any], StoredMessage]:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    stored = receive(settings, database, mailfactory.reply(summary, text))
    return agreement, stored


def _mark(web: TestClient, account: Account, agreement_id: str, row_id: int) -> Any:
    return web.post(
        f"/v1/agreements/{agreement_id}/messages/{row_id}/confirmation",
        json={"note": "he always writes like that"},
        headers=account.auth,
    )


def _events(web: TestClient, account: Account, agreement_id: str) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = web.get(
        f"/v1/agreements/{agreement_id}", headers=account.auth
    ).json()["events"]
    return events


def _phrases(database: Database) -> dict[str, set[str]]:
    with database.transaction() as session:
        found: dict[str, set[str]] = {}
        for row in session.scalars(select(AcceptedPhrase)):
            found.setdefault(row.owner_id, set()).add(row.phrase)
        return found


def test_marking_records_the_owners_word_and_learns_the_wording_for_that_owner_only(
    web: TestClient,
    account: Account,
    make_account: Callable[..., Account],
    settings: Settings,
    database: Database,
) -> None:
    agreement, stored = _reply(web, account, settings, database, ODD)
    assert (stored.status, stored.classification) == ("processed", "clarification")
    assert record_of(database, agreement["id"]).statuses == {MIKE: "clarification_requested"}
    receipts = len(outbound(database, settings, kind="receipt"))  # of his clarification

    response = _mark(web, account, agreement["id"], stored.id)
    assert response.status_code == 200, response.text
    assert {c["email"]: c["status"] for c in response.json()["counterparties"]} == {
        MIKE: "confirmed"
    }
    event = _events(web, account, agreement["id"])[-1]
    assert (event["type"], event["actor"]) == ("marked_confirmation", account.email)
    assert event["data"]["learned"] == ["splendiferous"]
    assert "Splendiferous" in event["data"]["classifier_said"]
    assert _phrases(database) == {account.id: {"splendiferous"}}
    # Marking is the owner's word, recorded as such; Mike's words now stand as a
    # confirmation, so he is told, in his summary's thread, and may answer.
    sent = outbound(database, settings, kind="receipt")
    assert len(sent) == receipts + 1
    _, recipients, raw = sent[-1]
    assert recipients == [MIKE]
    told = " ".join(text_of(raw).split())
    assert "read it as a confirmation, and it is now recorded as yours" in told
    assert "marked as a confirmation by" in told and "Splendiferous" in told
    # His answer to the receipt is an answer to the summary: an objection reopens it.
    objection = receive(
        settings, database, mailfactory.reply(raw, "No, I meant it as a question about Y.")
    )
    assert objection.classification == "clarification", objection.reason
    assert record_of(database, agreement["id"]).statuses == {MIKE: "clarification_requested"}
    assert _mark(web, account, agreement["id"], objection.id).status_code == 200
    # Once is enough: the reply is no longer a clarification to mark.
    assert _mark(web, account, agreement["id"], stored.id).status_code == 409

    # The same owner's next summary: the same wording now reads as agreement...
    _, again = _reply(web, account, settings, database, ODD)
    assert (again.classification, again.status) == ("confirmation", "processed"), again.reason
    assert "accepted earlier by the owner" in (again.reason or "")
    # ...never beside a risk...
    _, risky = _reply(web, account, settings, database, "Splendiferous. But can we make it July?")
    assert risky.classification == "clarification"
    # ...and never for another owner.
    other = make_account(email="olga@example.org", name="Olga")
    _, theirs = _reply(web, other, settings, database, ODD)
    assert theirs.classification == "clarification"


def test_nothing_is_learned_from_a_reply_with_a_risk(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, stored = _reply(
        web, account, settings, database, "Splendiferous, but can we make it 12 leads?"
    )
    response = _mark(web, account, agreement["id"], stored.id)
    assert response.status_code == 200, response.text  # the owner's word stands...
    assert _events(web, account, agreement["id"])[-1]["data"]["learned"] == []
    assert _phrases(database) == {}  # ...but teaches nothing


def test_only_the_latest_clarification_of_an_owners_own_agreement_can_be_marked(
    web: TestClient,
    account: Account,
    make_account: Callable[..., Account],
    settings: Settings,
    database: Database,
) -> None:
    agreement, first = _reply(web, account, settings, database, ODD)
    summary = summary_of(database, agreement["id"], MIKE)
    second = receive(settings, database, mailfactory.reply(summary, "And what about Q3?"))
    assert second.classification == "clarification"
    assert _mark(web, account, agreement["id"], first.id).status_code == 409  # not his latest
    stranger = make_account(email="eve@example.org", name="Eve")
    assert _mark(web, stranger, agreement["id"], second.id).status_code == 404
    _, confirmation = _reply(web, account, settings, database, "Confirmed.")
    assert confirmation.classification == "confirmation"
    response = _mark(web, account, confirmation.agreement_id or "", confirmation.id)
    assert response.status_code == 409
    assert response.headers["content-type"].startswith("application/problem+json")


def test_the_alerts_link_opens_a_page_that_records_only_when_its_button_is_pressed(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, _ = _reply(web, account, settings, database, ODD)
    [(_, to, alert)] = outbound(database, settings, kind="owner_alert")
    assert to == [account.email]
    match = re.search(r"https?://\S+/app/mark/(\S+)", text_of(alert))
    assert match, text_of(alert)
    path = f"/app/mark/{match.group(1)}"

    before = record_of(database, agreement["id"])
    page = web.get(path)  # no session: the owner clicks from their mail
    assert page.status_code == 200 and "It was a confirmation" in page.text
    assert "Splendiferous" in page.text
    assert record_of(database, agreement["id"]) == before  # a link preview changes nothing

    assert web.post(path, data={"csrf": "1.forged"}).status_code == 403
    done = web.post(path, data={"csrf": csrf_of(page.text)})
    assert done.status_code == 200 and "splendiferous" in done.text
    assert record_of(database, agreement["id"]).statuses == {MIKE: "confirmed"}
    again = web.get(path)
    assert "Nothing to mark" in again.text


def test_a_forged_altered_or_expired_link_is_refused(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, stored = _reply(web, account, settings, database, ODD)
    good = mark_token(
        settings, message_row_id=stored.id, agreement_id=agreement["id"], now=utcnow()
    )
    row, expires, signature = good.split(".")
    old = mark_token(
        settings,
        message_row_id=stored.id,
        agreement_id=agreement["id"],
        now=utcnow() - timedelta(days=31),
    )
    for bad in (
        f"{row}.{int(expires) + 86400}.{signature}",  # a later expiry
        f"{int(row) + 1}.{expires}.{signature}",  # another message
        f"{row}.{expires}.{'0' * len(signature)}",
        old,
        "x.y.z",
    ):
        assert web.get(f"/app/mark/{bad}").status_code == 404, bad
    assert web.get(f"/app/mark/{good}").status_code == 200
    assert record_of(database, agreement["id"]).statuses == {MIKE: "clarification_requested"}


def test_the_dashboard_offers_the_mark_and_records_it(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, stored = _reply(web, account, settings, database, ODD)
    sign_in(web, database, account.email)
    page = web.get(f"/app/agreements/{agreement['id']}")
    action = f"/app/agreements/{agreement['id']}/messages/{stored.id}/confirmation"
    assert action in page.text
    assert web.post(action, data={}).status_code == 403  # CSRF
    done = web.post(action, data={"csrf": csrf_of(page.text)}, follow_redirects=False)
    assert done.status_code == 303
    assert record_of(database, agreement["id"]).statuses == {MIKE: "confirmed"}
