"""Links that go into outbound mail, built from the public URL of the settings."""

from __future__ import annotations

from app.config import Settings


def agreement_link(settings: Settings, agreement_id: str) -> str:
    return f"{settings.public_url.rstrip('/')}/v1/agreements/{agreement_id}"


def answer_link(settings: Settings, token: str) -> str:
    """The counterparty's answer page (app.web): Confirm / Something's not right."""
    return f"{settings.public_url.rstrip('/')}/a/{token}"
