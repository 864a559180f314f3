"""One address policy for every way in (SPEC §9: a clear error, at creation, never later):
internationalised domains in IDNA, non-ASCII local parts refused with a 422, special-use
domains refused unless the operator names them internal — for the API, the dashboard's
agreement, BCC capture and ``accord user create`` alike."""

from __future__ import annotations

import email
from collections.abc import Callable
from email import policy
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.core.addresses import check_address, normalize_address
from app.db import Database
from app.errors import Invalid
from app.inbound.capture import counterparties_of
from app.main import create_app
from app.models import OutboxEntry
from app.outbound.delivery import deliver_all
from app.outbound.senders import sent_box
from tests.app.conftest import Account
from tests.app.test_api_agreements import body
from tests.app.test_cli import accord


@pytest.fixture
def db(settings: Settings) -> Any:
    database = Database(settings.resolved_database_url)
    yield database
    database.dispose()


def _post(client: TestClient, account: Account, address: str) -> Any:
    return client.post(
        "/v1/agreements", json=body(counterparties=[{"email": address}]), headers=account.auth
    )


def _delivered_to(settings: Settings, db: Database) -> list[tuple[str, str]]:
    deliver_all(settings, db)
    with db.transaction() as session:
        states = {e.recipients[0]: e.status for e in session.scalars(select(OutboxEntry))}
    box = sent_box(settings)
    sent = [
        parseaddr(str(email.message_from_bytes(box.read(uid).raw, policy=policy.default)["To"]))[1]
        for uid in box.uids()
    ]
    return sorted((to, states.get(to, "?")) for to in sent)


def test_an_internationalised_domain_is_kept_in_idna_and_mail_goes_out(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    created = _post(client, account, "Z@Exämple.com")
    assert created.status_code == 201, created.text
    assert [c["email"] for c in created.json()["counterparties"]] == ["z@xn--exmple-cua.com"]
    assert ("z@xn--exmple-cua.com", "sent") in _delivered_to(settings, db)


def test_a_non_ascii_local_part_is_a_422_problem_at_creation(
    client: TestClient, account: Account
) -> None:
    refused = _post(client, account, "zö@example.com")
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "SMTPUTF8" in refused.text


def test_a_user_with_an_internationalised_domain_can_create_agreements(
    client: TestClient,
    make_account: Callable[..., Account],
    settings: Settings,
    db: Database,
) -> None:
    owner = make_account(email="anna@bücher.example")
    assert owner.email == "anna@xn--bcher-kva.example"
    created = client.post("/v1/agreements", json=body(), headers=owner.auth)
    assert created.status_code == 201, created.text
    delivered = _delivered_to(settings, db)
    assert ("anna@xn--bcher-kva.example", "sent") in delivered  # the owner's copy
    assert all(state == "sent" for _, state in delivered)
    with pytest.raises(Invalid):
        make_account(email="änna@example.org")


def test_special_use_domains_are_refused_everywhere_unless_internal(
    client: TestClient, account: Account, settings: Settings
) -> None:
    refused = _post(client, account, "mike@example.test")
    assert refused.status_code == 422
    assert "ACCORD_INTERNAL_DOMAINS" in refused.text
    assert _post(client, account, "x@corp.local").status_code == 422
    raw = b"From: anna@example.org\r\nTo: mike@example.test, Jo <jo@example.com>\r\n\r\nHi\r\n"
    to, _, skipped = counterparties_of(settings, raw, set())
    assert ([c.email for c in to], skipped) == (["jo@example.com"], ["mike@example.test"])
    internal = settings.model_copy(update={"internal_domains": "example.test, corp.local"})
    with TestClient(create_app(internal)) as ours:
        assert _post(ours, account, "mike@example.test").status_code == 201
        assert _post(ours, account, "x@eu.corp.local").status_code == 201
    to, _, skipped = counterparties_of(internal, raw, set())
    assert (len(to), skipped) == (2, [])
    # The tracking address's own domain (the default is on .localhost) is always internal.
    assert check_address("me@accord.example.com", ()) == "me@accord.example.com"
    with pytest.raises(Invalid):
        check_address("me@accord.localhost", ())
    local = settings.model_copy(update={"tracking_address": "track@accord.localhost"})
    with TestClient(create_app(local)) as dev:
        assert _post(dev, account, "me@accord.localhost").status_code == 201


def test_accord_user_create_follows_the_same_policy(make_database_url: Any, tmp_path: Path) -> None:
    env = {
        "ACCORD_DATABASE_URL": make_database_url("sqlite"),
        "ACCORD_DATA_DIR": str(tmp_path),
        "ACCORD_LOG_JSON": "false",
    }
    accord("migrate", env=env)
    refused = accord("user", "create", "owner@example.test", "--name", "O", env=env, check=False)
    assert refused.returncode != 0 and "ACCORD_INTERNAL_DOMAINS" in refused.stderr
    bad = accord("user", "create", "öwner@example.org", "--name", "O", env=env, check=False)
    assert bad.returncode != 0 and "SMTPUTF8" in bad.stderr
    internal = {**env, "ACCORD_INTERNAL_DOMAINS": "example.test"}
    made = accord("user", "create", "owner@example.test", "--name", "O", "--json", env=internal)
    assert '"owner@example.test"' in made.stdout
    idn = accord("user", "create", "o@bücher.example", "--name", "O", "--json", env=env)
    assert '"o@xn--bcher-kva.example"' in idn.stdout


def test_normalising_is_stable() -> None:
    assert normalize_address(normalize_address("A@Bücher.Example")) == "a@xn--bcher-kva.example"
