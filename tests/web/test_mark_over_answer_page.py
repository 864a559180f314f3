"""The owner marks only a counterparty's latest answer a confirmation, and "latest" is read
from the chain: an answer given on the answer page has no stored message, but it is an
answer all the same (red team of the record, finding 2). On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from app.models import StoredMessage
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.web.conftest import csrf_of, sign_in, tokens_of
from tests.web.test_adversaries import (
    MIKE,
    outbound,
    receive,
    record_of,
    sent_to_mike,
    summary_of,
    text_of,
)

UNSURE = "Looks fine, though let me check the numbers."
OBJECTION = "No: 5 leads a week, not 10."


def _mail_clarification(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> tuple[dict[str, Any], StoredMessage]:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    stored = receive(settings, database, mailfactory.reply(summary, UNSURE))
    assert (stored.status, stored.classification) == ("processed", "clarification")
    return agreement, stored


def _answer_on_page(web: TestClient, database: Database, agreement_id: str, text: str) -> None:
    token = tokens_of(database, agreement_id)[MIKE]
    page = web.get(f"/a/{token}")
    said = web.post(
        f"/a/{token}", data={"csrf": csrf_of(page.text), "answer": "clarify", "text": text}
    )
    assert said.status_code == 200, said.text


def _mark(web: TestClient, account: Account, agreement_id: str, row_id: int) -> Any:
    return web.post(
        f"/v1/agreements/{agreement_id}/messages/{row_id}/confirmation",
        json={"note": "he agreed"},
        headers=account.auth,
    )


def _mark_link(database: Database, settings: Settings) -> str:
    for _, _, raw in outbound(database, settings, kind="owner_alert"):
        found = re.search(r"https?://\S+/app/mark/(\S+)", text_of(raw))
        if found:
            return f"/app/mark/{found.group(1)}"
    raise AssertionError("no alert with a mark link")


def test_an_older_mail_reply_cannot_be_marked_over_a_later_answer_page_objection(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, first = _mail_clarification(web, account, settings, database)
    link = _mark_link(database, settings)
    opened = web.get(link)  # the owner opens the alert's link before Mike answers again
    assert "It was a confirmation" in opened.text
    _answer_on_page(web, database, agreement["id"], OBJECTION)
    before = record_of(database, agreement["id"])
    assert before.statuses == {MIKE: "clarification_requested"}

    # The API refuses, through the error path every refusal takes.
    marked = _mark(web, account, agreement["id"], first.id)
    assert marked.status_code == 409, marked.text
    assert marked.headers["content-type"].startswith("application/problem+json")
    assert "answered again since" in marked.json()["detail"]

    # The alert's one-click page now says why, and the button of the page opened before
    # records nothing.
    page = web.get(link)
    assert page.status_code == 200 and "answered again since" in page.text
    assert web.post(link, data={"csrf": csrf_of(opened.text)}).status_code == 409

    # The dashboard does not offer it.
    sign_in(web, database, account.email)
    shown = web.get(f"/app/agreements/{agreement['id']}")
    assert f"/messages/{first.id}/confirmation" not in shown.text

    assert record_of(database, agreement["id"]) == before


def test_a_mail_reply_after_an_answer_page_objection_can_still_be_marked(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    _answer_on_page(web, database, agreement["id"], OBJECTION)
    summary = summary_of(database, agreement["id"], MIKE)
    later = receive(settings, database, mailfactory.reply(summary, UNSURE))
    assert later.classification == "clarification"

    sign_in(web, database, account.email)
    shown = web.get(f"/app/agreements/{agreement['id']}")
    assert f"/messages/{later.id}/confirmation" in shown.text
    assert _mark(web, account, agreement["id"], later.id).status_code == 200
    assert record_of(database, agreement["id"]).statuses == {MIKE: "confirmed"}
