"""The one address policy (app.core.destinations) for webhooks and connected mailboxes:
addresses written in forms that reach private space are not public (issue 21, item 12)."""

from __future__ import annotations

import ipaddress

import pytest
from fastapi.testclient import TestClient

from app.core.destinations import is_public_address, pin_address
from app.errors import Invalid
from app.webhooks.service import check_destination
from tests.app.conftest import Account

PRIVATE_IN_DISGUISE = [
    "::127.0.0.1",  # IPv4-compatible (deprecated) loopback
    "::10.0.0.1",
    "::ffff:127.0.0.1",  # IPv4-mapped
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254 (cloud metadata)
    "64:ff9b:1::8.8.8.8",  # local-use NAT64 (RFC 8215)
    "fec0::1",  # site-local (deprecated, still routed inside some sites)
    "fedc::1",
    "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
    "ff0e::1",  # global-scope multicast
    "224.0.0.1",
]
PLAINLY_PRIVATE = ["127.0.0.1", "10.1.2.3", "169.254.169.254", "100.64.0.1", "::1", "fe80::1"]
PUBLIC = ["8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808", "::ffff:8.8.8.8"]


@pytest.mark.parametrize("address", PRIVATE_IN_DISGUISE + PLAINLY_PRIVATE)
def test_private_space_in_any_form_is_not_a_public_address(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))
    with pytest.raises(Invalid, match="non-public"):
        pin_address("host.test", 443, allow_private=False, resolve=lambda h, p: [address])
    assert pin_address("host.test", 443, allow_private=True, resolve=lambda h, p: [address])


@pytest.mark.parametrize("address", PRIVATE_IN_DISGUISE)
def test_webhook_urls_with_disguised_private_literals_are_refused(address: str) -> None:
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(Invalid, match="non-public"):
        check_destination(f"http://{host}:8080/hook", allow_private=False)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))
    host = f"[{address}]" if ":" in address else address
    check_destination(f"https://{host}/hook", allow_private=False)


def test_one_private_answer_among_public_ones_is_refused() -> None:
    with pytest.raises(Invalid, match="non-public"):
        pin_address("h.test", 80, allow_private=False, resolve=lambda h, p: ["8.8.8.8", "::1"])


def test_the_api_refuses_a_disguised_loopback_webhook(client: TestClient, account: Account) -> None:
    response = client.post(
        "/v1/webhooks", json={"url": "http://[::127.0.0.1]:6379/x"}, headers=account.auth
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "non-public" in response.json()["detail"]
