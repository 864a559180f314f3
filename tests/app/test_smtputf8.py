"""Counterparties with a non-ASCII local part (``zoë@example.com``): accepted only when the
operator says the relay offers SMTPUTF8 (``ACCORD_SMTPUTF8``), else a 422 at creation; sent
with SMTPUTF8 and UTF-8 headers (RFC 6531/6532) to a real SMTP server (aiosmtpd); a relay
that does not offer it after all bounces the counterparty with the reason, never deemed;
their reply matches them whatever spelling of the address it comes from."""

from __future__ import annotations

import email
import re
from collections.abc import Callable, Iterator
from email import policy
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.core.addresses import check_address, own_domains
from app.db import Database
from app.errors import Invalid
from app.inbound.capture import counterparties_of
from app.main import create_app
from app.models import Counterparty
from app.outbound.delivery import deliver_all
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_api_agreements import body
from tests.app.test_cli import accord
from tests.app.test_inbound_http import post
from tests.servers.smtp import SmtpTestServer

ZOE = "zoë@xn--exmple-cua.com"  # "Zoë@Exämple.com" as stored: NFC, lower case, A-labels


@pytest.fixture
def utf8_server(smtp_server_factory: Callable[..., SmtpTestServer]) -> SmtpTestServer:
    return smtp_server_factory(smtputf8=True)


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database(settings.resolved_database_url)
    yield database
    database.dispose()


def _on(settings: Settings, server: SmtpTestServer) -> Settings:
    return settings.model_copy(update={"smtputf8": True, "smtp_url": server.url})


def _create(client: TestClient, account: Account, address: str) -> Any:
    return client.post(
        "/v1/agreements",
        json=body(counterparties=[{"email": address, "name": "Zoë"}]),
        headers=account.auth,
    )


def _party(db: Database) -> Counterparty:
    with db.transaction() as session:
        party = session.scalar(select(Counterparty).where(Counterparty.email == ZOE))
        assert party is not None
        session.expunge(party)
        return party


def test_without_the_setting_a_non_ascii_local_part_is_a_422_naming_it(
    client: TestClient, account: Account
) -> None:
    refused = _create(client, account, "Zoë@Exämple.com")
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "ACCORD_SMTPUTF8" in refused.json()["detail"]


def test_the_one_policy_accepts_a_utf8_local_part_only_with_the_setting(
    settings: Settings,
) -> None:
    with pytest.raises(Invalid, match="ACCORD_SMTPUTF8"):
        check_address("用户@例子.广告", own_domains(settings))
    on = own_domains(settings.model_copy(update={"smtputf8": True}))
    assert check_address("用户@例子.广告", on) == "用户@xn--fsqu00a.xn--4rr70v"
    assert check_address("Zoe\u0308@Exämple.com", on) == ZOE
    assert check_address(check_address("İZoë@Exämple.com", on), on) == "i\u0307zoë@" + ZOE[4:]
    # Still one plain address: no spaces or invisible characters ride along.
    for bad in ("zo\u00a0ë@example.com", "zo\u200bë@example.com", "zoë <x>@example.com"):
        with pytest.raises(Invalid):
            check_address(bad, on)


def test_with_smtputf8_the_summary_arrives_with_the_utf8_address_and_the_reply_matches(
    settings: Settings, account: Account, db: Database, utf8_server: SmtpTestServer
) -> None:
    on = _on(settings, utf8_server)
    with TestClient(create_app(on)) as client:
        created = _create(client, account, "Zoe\u0308@Exämple.com")  # NFD on the way in
        assert created.status_code == 201, created.text
        assert [c["email"] for c in created.json()["counterparties"]] == [ZOE]
        report = deliver_all(on, db)
        assert report.sent == 2 and report.failed == 0  # the summary and the owner's copy
        (summary,) = [m for m in utf8_server.messages if m.rcpt_tos == (ZOE,)]
        assert summary.mail_from.startswith("track+bounce-")
        head = summary.data.split(b"\r\n\r\n", 1)[0]
        assert "To: Zoë <zoë@xn--exmple-cua.com>".encode() in head  # RFC 6532, no =?..?=
        parsed = email.message_from_bytes(summary.data, policy=policy.SMTPUTF8)
        reply_to = str(parsed["Reply-To"])
        assert re.fullmatch(r"track\+[a-z2-7]{32}@accord\.example\.com", reply_to), reply_to
        assert _party(db).status == "sent" and _party(db).handoff_at is not None

        # Zoë answers from another spelling of the same address: upper case, NFD, U-labels.
        raw = mailfactory.reply(summary.data, "Yes, agreed.", sender="Zoe <zz@example.com>")
        raw = raw.replace(b"zz@example.com", "ZOE\u0308@EXÄMPLE.com".encode())
        response = post(client, on, raw)
        assert response.status_code == 202, response.text
        detail = client.get(f"/v1/agreements/{created.json()['id']}", headers=account.auth).json()
        assert detail["counterparties"][0]["status"] == "confirmed", detail["events"][-3:]


def test_a_relay_without_smtputf8_bounces_the_counterparty_with_the_reason(
    settings: Settings, account: Account, db: Database, smtp_server: SmtpTestServer
) -> None:
    on = _on(settings, smtp_server)  # the operator said yes; the relay does not offer it
    with TestClient(create_app(on)) as client:
        created = _create(client, account, "Zoë@Exämple.com")
        assert created.status_code == 201, created.text
        report = deliver_all(on, db)
        assert report.failed == 1
        assert all(ZOE not in m.rcpt_tos for m in smtp_server.messages)
        party = _party(db)
        assert party.status == "bounced" and party.handoff_at is None  # never deemed
        detail = client.get(f"/v1/agreements/{created.json()['id']}", headers=account.auth).json()
        (bounced,) = [e for e in detail["events"] if e["type"] == "bounced"]
        assert "SMTPUTF8" in bounced["data"]["reason"] and ZOE in bounced["data"]["reason"]
        alerts = [m for m in smtp_server.messages if m.rcpt_tos == ("anna@example.org",)]
        subjects = [
            str(email.message_from_bytes(m.data, policy=policy.default)["Subject"]) for m in alerts
        ]
        assert any("could not be delivered" in s for s in subjects), subjects


def test_bcc_capture_and_accord_user_create_follow_the_setting(
    settings: Settings, make_database_url: Any, tmp_path: Path
) -> None:
    raw = "From: anna@example.org\r\nTo: Zoë <ZOË@exämple.com>\r\n\r\nHi\r\n".encode()
    to, _, skipped = counterparties_of(settings, raw, set())
    assert (to, skipped) == ([], [ZOE])
    on = settings.model_copy(update={"smtputf8": True})
    to, _, skipped = counterparties_of(on, raw, set())
    assert ([(c.email, c.name) for c in to], skipped) == ([(ZOE, "Zoë")], [])
    env = {
        "ACCORD_DATABASE_URL": make_database_url("sqlite"),
        "ACCORD_DATA_DIR": str(tmp_path),
        "ACCORD_LOG_JSON": "false",
    }
    accord("migrate", env=env)
    refused = accord("user", "create", "zoë@example.org", "--name", "Z", env=env, check=False)
    assert refused.returncode != 0 and "ACCORD_SMTPUTF8" in refused.stderr
    made = accord(
        "user",
        "create",
        "Zoë@example.org",
        "--name",
        "Z",
        "--json",
        env={**env, "ACCORD_SMTPUTF8": "true"},
    )
    assert '"zoë@example.org"' in made.stdout or '"zo\\u00eb@example.org"' in made.stdout
