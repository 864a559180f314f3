"""Links that go into outbound mail, built from the public URL of the settings."""

from __future__ import annotations

from datetime import datetime

from app.config import Settings
from app.keys import mark_token


def agreement_link(settings: Settings, agreement_id: str) -> str:
    """The owner's page for the agreement on the dashboard (``app.web``): every owner-facing
    mail links here. A browser opening the API path instead would get a 401 JSON; a person
    who is not signed in is sent to the sign-in page."""
    return f"{settings.public_url.rstrip('/')}/app/agreements/{agreement_id}"


def agreement_api_link(settings: Settings, agreement_id: str) -> str:
    """The agreement in the API, for mail that tells a script what to call (not a page)."""
    return f"{settings.public_url.rstrip('/')}/v1/agreements/{agreement_id}"


def answer_link(settings: Settings, token: str) -> str:
    """The counterparty's answer page (app.web): Confirm / Something's not right."""
    return f"{settings.public_url.rstrip('/')}/a/{token}"


def mark_link(settings: Settings, *, message_row_id: int, agreement_id: str, now: datetime) -> str:
    """The owner's one-click page to say a reply read as a clarification was a confirmation
    (``app.web.feedback_routes``)."""
    token = mark_token(settings, message_row_id=message_row_id, agreement_id=agreement_id, now=now)
    return f"{settings.public_url.rstrip('/')}/app/mark/{token}"
