"""The operator (self-hosted: holds the signing key) leaves the chain alone and rewrites what
a reader reads: the statuses and classifications in timeline.json, and timeline.html. Jane's
clarification becomes a confirmation. Re-signed with the server's key, the witnesses (which
check only the chain) agree; ``accord verify`` must still refuse it, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from app.keys import signing_key
from tests.app.conftest import Account
from tests.web.test_adversaries import (
    JANE,
    Members,
    confirmed_and_asked,
    rerender,
    resign,
    verify,
)


@pytest.fixture
def signed(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> tuple[Members, bytes, list[tuple[str, bytes]]]:
    """Mike confirmed, Jane asked for a clarification: the bundle, the server's public key,
    and both receipts as they received them."""
    _, files, server_key, sent = confirmed_and_asked(web, account, settings, database)
    receipts = [(f"receipt-{i}.eml", raw) for i, (_, raw) in enumerate(sent)]
    assert len(receipts) == 2
    assert verify(files, key=server_key, witnesses=receipts).ok
    return files, server_key, receipts


def everyone_agreed(files: Members) -> dict[str, object]:
    timeline = json.loads(files["timeline.json"])
    timeline["agreement"]["status"] = "accepted"
    for version in timeline["versions"]:
        for party in version["counterparties"]:
            party["status"] = "confirmed"
    for meta in timeline["messages"]:
        if meta["classification"] == "clarification":
            meta["classification"] = "confirmation"
    return timeline


def test_rewritten_statuses_and_page_resigned_by_the_operator_are_refused(
    signed: tuple[Members, bytes, list[tuple[str, bytes]]], settings: Settings
) -> None:
    files, server_key, receipts = signed
    html = files["timeline.html"].decode()
    assert "clarification_requested" in html and "needs_attention" in html
    html = html.replace("clarification_requested", "confirmed").replace(
        "needs_attention", "accepted"
    )
    html = html.replace("Only from March.", "Confirmed.")
    timeline = everyone_agreed(files)
    forged = {
        **files,
        "timeline.json": json.dumps(timeline).encode(),
        "timeline.html": html.encode(),
    }
    forged = resign(forged, signing_key(settings), replace_key=False)

    report = verify(forged, key=server_key, witnesses=receipts)

    assert not report.ok, report.summary()
    assert report.witnesses == 4  # the chain itself was not touched
    problems = "\n".join(report.problems)
    assert (
        f"shows {JANE} as confirmed, but the events make them clarification_requested" in problems
    )
    assert "the agreement is shown as accepted, but its events make it needs_attention" in problems
    assert "classified confirmation, but the event that recorded it says clarification" in problems
    assert "timeline.html: is not what timeline.json and the messages render to" in problems


def test_a_page_rendered_from_the_rewritten_timeline_is_refused_by_the_chain(
    signed: tuple[Members, bytes, list[tuple[str, bytes]]], settings: Settings
) -> None:
    """The operator renders timeline.html from the rewritten timeline.json with Accord's own
    renderer: the page matches, timeline.json still contradicts the chain."""
    files, server_key, receipts = signed
    forged = rerender({**files, "timeline.json": json.dumps(everyone_agreed(files)).encode()})
    forged = resign(forged, signing_key(settings), replace_key=False)

    report = verify(forged, key=server_key, witnesses=receipts)

    assert not report.ok
    assert all(p.startswith("timeline.json: ") for p in report.problems), report.problems
    assert report.summary().startswith(f"FAILED: timeline.json: version 1 shows {JANE}")


def test_only_the_page_rewritten_is_refused(
    signed: tuple[Members, bytes, list[tuple[str, bytes]]], settings: Settings
) -> None:
    files, server_key, receipts = signed
    page = files["timeline.html"].replace(b"Only from March.", b"Confirmed.")
    forged = resign({**files, "timeline.html": page}, signing_key(settings), replace_key=False)

    report = verify(forged, key=server_key, witnesses=receipts)

    assert [p.split(";")[0] for p in report.problems] == [
        "timeline.html: is not what timeline.json and the messages render to"
    ]
    assert "Confirmed." in report.problems[0] and "Only from March." in report.problems[0]
