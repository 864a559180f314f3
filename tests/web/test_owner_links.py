"""Owner-facing mail links to the dashboard page of the agreement, which a browser can open
(the API path answers a 401 JSON to a browser)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import Database
from app.models import Counterparty, StoredMessage, User
from app.outbound.delivery import deliver_all
from app.outbound.links import agreement_link
from app.timekeeping.sweep import sweep
from tests.app.conftest import Account
from tests.app.test_timekeeping import at, poll_at
from tests.web.conftest import Sent, sign_in, text_of

URL = re.compile(r"https?://\S+")


def test_every_owner_mail_links_to_the_dashboard_page(
    web: TestClient,
    account: Account,
    settings: Settings,
    database: Database,
    send: Callable[..., Sent],
) -> None:
    sent = send(
        account,
        counterparties=[{"email": "mike@example.com", "name": "Mike"}],
        respond_within=None,
        deadline=(datetime.now().astimezone() + timedelta(hours=48)).isoformat(),
    )
    with database.transaction() as session:
        user = session.scalar(select(User))
        assert user is not None and user.next_digest_at is not None
        slot = user.next_digest_at
        deadline = session.scalar(select(Counterparty.deadline))
    assert deadline is not None
    # Past both the deadline (deemed notice) and the digest slot (digest).
    later = max(slot, deadline) + timedelta(hours=1)
    poll_at(settings, database, later)
    report = sweep(settings, database, now=at(later))
    assert (report.deemed, report.digests) == (1, 1)
    deliver_all(settings, database)

    expected = f"https://accord.example.com/app/agreements/{sent.id}"
    assert agreement_link(settings, sent.id) == expected
    with database.transaction() as session:
        rows = session.execute(
            select(StoredMessage.kind, StoredMessage.raw).where(
                StoredMessage.kind.in_(["owner_copy", "deemed_notice", "digest"]),
                StoredMessage.direction == "out",
            )
        ).all()
    owner_mail = {kind: text_of(raw) for kind, raw in rows if b"anna@example.org" in raw}
    assert set(owner_mail) == {"owner_copy", "deemed_notice", "digest"}
    for kind, text in owner_mail.items():
        assert expected in text, kind
        assert "/v1/agreements" not in text, kind

    # Not signed in: the sign-in page, not a JSON error.
    path = urlsplit(expected).path
    anonymous = web.get(path, follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"].endswith("/app/login")
    sign_in(web, database, account.email)
    page = web.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Lead flow" in page.text
