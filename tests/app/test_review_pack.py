"""The review pack (SPEC §10): a PDF with the agreement as sent, each acceptance (the reply
quoted, or the conditions of deemed acceptance), every commitment with its evidence and the
signed chain head; read back as text (pypdf) and rendered to an image (pypdfium2)."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pypdfium2
from fastapi.testclient import TestClient
from pypdf import PdfReader

from app.config import Settings
from app.core.seal import check, from_lines, load_public_key
from app.db import Database
from app.outbound.delivery import deliver_all
from app.timekeeping.sweep import sweep
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_commitments import JOHN, TERMS, outbox_of
from tests.app.test_revisions import receive, summaries
from tests.app.test_timekeeping import at, poll_at, sent_agreement

MARIA = "maria@example.com"


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_review_pack_holds_the_whole_story(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, deadline = sent_agreement(
        client,
        account,
        settings,
        database,
        counterparties=[
            {"email": JOHN, "name": "John Smith"},
            {"email": MARIA, "name": "Мария Иванова"},
        ],
        **TERMS,
    )
    sums = summaries(database, agreement["id"])
    receive(settings, database, mailfactory.reply(sums[JOHN], "Confirmed, thanks."))
    after = deadline + timedelta(minutes=5)
    poll_at(settings, database, after)
    assert sweep(settings, database, now=at(after)).deemed == 1  # Maria stayed silent
    mine = client.get(f"/v1/agreements/{agreement['id']}/commitments", headers=account.auth).json()[
        "commitments"
    ][0]
    client.post(
        f"/v1/agreements/{agreement['id']}/commitments/{mine['id']}/deliver",
        json={"note": "Report X sent on 1 June (Отчёт X)", "notify": True},
        headers=account.auth,
    )
    deliver_all(settings, database)
    notice = next(
        raw for to, raw in outbox_of(database, agreement["id"], "delivery_notice") if to == JOHN
    )
    receive(settings, database, mailfactory.reply(notice, "Great work, confirmed"))

    response = client.get(f"/v1/agreements/{agreement['id']}/review-pack", headers=account.auth)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    flat = " ".join(text.split())

    assert f"Review pack: {agreement['title']}" in flat
    assert "if I deliver X by June, the company will give me Y" in flat  # the text as sent
    assert "Anna Berg: Deliver X (by Wednesday, 30 June 2027)" in flat
    assert "John Smith <john@example.com>: Confirmed by reply" in flat
    assert "Confirmed, thanks." in flat  # the reply quoted, Cyrillic intact
    assert "Мария Иванова <maria@example.com>: Deemed accepted" in flat
    assert "no reply from maria@example.com reached the mailbox by the deadline" in flat
    assert "the mail server accepted the summary for maria@example.com" in flat
    assert "Deliver X, due Wednesday, 30 June 2027. Status: ACKNOWLEDGED" in flat
    assert "Report X sent on 1 June (Отчёт X)" in flat  # Cyrillic as written
    assert "Acknowledged by john@example.com" in flat and "Great work, confirmed" in flat
    assert "Give Y at the semi-annual review, due Thursday, 15 July 2027. Status: OPEN" in flat
    assert "Review date: Thursday, 15 July 2027" in flat
    assert "accord verify bundle.zip" in flat

    # The seal printed in the pack is the server's signature over the chain head as it stands.
    [sealed] = from_lines(re.sub(r"\s+", " ", text))
    found = client.get(f"/v1/agreements/{agreement['id']}", headers=account.auth).json()
    assert sealed.chain_head == found["events"][-1]["hash"]
    assert sealed.event_count == len(found["events"])
    key = load_public_key(client.get("/.well-known/accord-signing-key.pem").content)
    assert check(sealed, key) is None

    # And it renders: page one as an image, with ink on it.
    pdf = pypdfium2.PdfDocument(response.content)
    image = pdf[0].render(scale=1).to_pil().convert("L")
    assert image.size[0] > 500 and image.size[1] > 700
    dark = sum(image.histogram()[:128])  # pixels darker than mid-grey
    assert dark > 2000


def test_review_pack_is_the_owners_only(
    client: TestClient, account: Account, make_account: object
) -> None:
    from tests.app.test_api_agreements import create

    agreement = create(client, account, **TERMS)
    other = make_account(email="eve@example.org", name="Eve")  # type: ignore[operator]
    response = client.get(f"/v1/agreements/{agreement['id']}/review-pack", headers=other.auth)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
