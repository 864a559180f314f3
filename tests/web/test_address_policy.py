"""The dashboard applies the API's address policy (``app.core.addresses``): the new
agreement form refuses a special-use domain and a non-ASCII local part on the form itself,
and keeps an internationalised domain in IDNA."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from tests.app.conftest import Account
from tests.web.conftest import csrf_of, new_client, sign_in


def _create(web: TestClient, csrf: str, parties: str) -> Any:
    return web.post(
        "/app/agreements",
        data={
            "csrf": csrf,
            "title": "Launch plan",
            "summary": "You ship on Friday; I review on Monday.",
            "counterparties": parties,
            "respond_within": "2d",
        },
    )


def test_the_new_agreement_form_follows_the_address_policy(
    web: TestClient, account: Account, database: Database
) -> None:
    sign_in(web, database, account.email)
    csrf = csrf_of(web.get("/app/agreements/new").text)
    special = _create(web, csrf, "Mike <mike@example.test>")
    assert special.status_code == 422
    assert "ACCORD_INTERNAL_DOMAINS" in special.text
    local = _create(web, csrf, "zö@example.com")
    assert local.status_code == 422 and "SMTPUTF8" in local.text
    made = _create(web, csrf, "Z <z@exämple.com>")
    assert made.status_code == 200
    assert "z@xn--exmple-cua.com" in made.text


def test_with_smtputf8_the_form_takes_a_non_ascii_local_part(
    settings: Settings, account: Account, database: Database
) -> None:
    with new_client(settings) as off:
        sign_in(off, database, account.email)
        refused = _create(off, csrf_of(off.get("/app/agreements/new").text), "Zoë <zoë@a.com>")
        assert refused.status_code == 422 and "ACCORD_SMTPUTF8" in refused.text
    with new_client(settings.model_copy(update={"smtputf8": True})) as on:
        sign_in(on, database, account.email)
        made = _create(on, csrf_of(on.get("/app/agreements/new").text), "Zoë <Zoë@Exämple.com>")
        assert made.status_code == 200, made.text
        assert "zoë@xn--exmple-cua.com" in made.text
