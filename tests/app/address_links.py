"""Confirming a sending address the way its owner does: the link from the mail Accord sent."""

from __future__ import annotations

import email
import email.policy
import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import Database
from app.models import StoredMessage

CONFIRM_LINK = re.compile(r"/app/addresses/confirm/([a-z2-7]{32})")
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


def confirm_links(settings: Settings, address: str) -> list[str]:
    """Tokens of the confirmation mails sent to ``address``, oldest first."""
    database = Database(settings.resolved_database_url)
    try:
        with database.transaction() as session:
            rows = session.scalars(
                select(StoredMessage)
                .where(StoredMessage.kind == "address_verify")
                .order_by(StoredMessage.id)
            ).all()
            found = []
            for row in rows:
                msg = email.message_from_bytes(row.raw, policy=email.policy.default)
                if str(msg["To"]).lower().strip("<>").endswith(address.lower()):
                    body = msg.get_body(("plain",))  # type: ignore[attr-defined]
                    found += CONFIRM_LINK.findall(str(body.get_content()))
            return found
    finally:
        database.dispose()


def confirm(client: TestClient, token: str) -> tuple[int, str]:
    """Open the link in a browser and press its button: (status, page)."""
    browser = TestClient(client.app, base_url="https://testserver")
    page = browser.get(f"/app/addresses/confirm/{token}")
    match = CSRF_FIELD.search(page.text)
    if match is None:
        return page.status_code, page.text
    done = browser.post(f"/app/addresses/confirm/{token}", data={"csrf": match.group(1)})
    return done.status_code, done.text


def add_confirmed(
    client: TestClient, settings: Settings, auth: dict[str, str], address: str
) -> None:
    asked = client.post("/v1/me/addresses", json={"email": address}, headers=auth)
    assert asked.status_code == 202, asked.text
    status, page = confirm(client, confirm_links(settings, address)[-1])
    assert status == 200, page
