"""Header validation, and a property test: no input gets a header into a composed message."""

from __future__ import annotations

import email
import email.policy
import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mail.compose import Party, compose_summary
from mail.headers import (
    UnsafeHeaderError,
    is_header_safe,
    split_address,
    validate_address,
    validate_header_value,
    validate_message_id,
)

EXPECTED = ["from", "to", "reply-to", "subject", "date", "message-id", "mime-version",
            "content-type"]


@pytest.mark.parametrize("value", ["Plain title", "Zoë Ørsted", "50% off? =?", "a=?b?c"])
def test_safe_values_pass(value: str) -> None:
    assert is_header_safe(value)
    assert validate_header_value(value) == value


@pytest.mark.parametrize(
    "value",
    ["a\r\nBcc: x@y.z", "a\nb", "a\rb", "tab\there", "nul\x00", "del\x7f", "c1\x85",
     "ls\u2028", "ps\u2029", "=?UTF-8?Q?=0A?=Bcc: attacker@example.com", "=?utf-8?b?QQ==?="],
)
def test_unsafe_values_fail(value: str) -> None:
    assert not is_header_safe(value)
    with pytest.raises(UnsafeHeaderError):
        validate_header_value(value, "Subject")


@pytest.mark.parametrize(
    "address",
    ["john@example.org", "j.o+tag@sub.example.co.uk", "o'neil@example.ie", "x_y-z@a-b.example"],
)
def test_plain_addresses_pass(address: str) -> None:
    assert validate_address(address) == address


@pytest.mark.parametrize(
    "address",
    ["", "john", "john@localhost", "a@b@c.d", "a,b@c.d", "a@b.c, d@e.f", "<a@b.c>",
     "John <a@b.c>", "a b@c.d", '"q"@c.d', "a..b@c.d", ".a@c.d", "a@-b.c", "jörg@example.de",
     "a@b.c\r\nBcc: x@y.z", "x" * 250 + "@b.cd"],
)
def test_other_addresses_fail(address: str) -> None:
    with pytest.raises(UnsafeHeaderError):
        validate_address(address)


def test_message_ids_and_split() -> None:
    assert validate_message_id("<abc.def@accord.example.com>")
    for bad in ("abc@d", "<a@b> <c@d>", "<a b@c>", "<a@b>\r\n"):
        with pytest.raises(UnsafeHeaderError):
            validate_message_id(bad)
    assert split_address("track@accord.example.com") == ("track", "accord.example.com")


# Printable text with the characters that matter for headers mixed in generously.
header_text = st.text(
    alphabet=st.sampled_from(list("aZ 09\"'(),.:;<>@[]\\=?_-éÖ漢😀\r\n\t\x00\u2028"))
    | st.characters(),
    max_size=120,
)


@settings(
    max_examples=int(os.environ.get("ACCORD_HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(title=header_text, owner_name=header_text, recipient_name=header_text)
def test_composed_headers_are_exactly_ours(title: str, owner_name: str,
                                           recipient_name: str) -> None:
    try:
        msg = compose_summary(
            owner=Party("owner@example.com", owner_name), tracking_address="t@accord.test",
            recipient=Party("r@example.org", recipient_name), token="a" * 32, ref="K7M2-Q9XD",
            title=title, summary="s", deadline=datetime(2026, 6, 5, tzinfo=UTC),
            recipient_tz=ZoneInfo("UTC"), message_id="<m@accord.test>",
        )
    except ValueError:  # UnsafeHeaderError included: refusing is an acceptable answer
        return
    compat = email.message_from_bytes(msg.data, policy=email.policy.compat32)
    assert [k.lower() for k in compat.keys()] == EXPECTED  # noqa: SIM118 - order/duplicates
    parsed = email.message_from_bytes(msg.data, policy=email.policy.default)
    assert [a.addr_spec for a in parsed["To"].addresses] == ["r@example.org"]
    assert parsed["Subject"] == f"{title.strip()} [K7M2-Q9XD]"
    # Python's parser inserts a space between adjacent encoded words that RFC 2047 says to
    # drop, so compare the name without its spaces.
    shown = parsed["To"].addresses[0].display_name
    assert shown.replace(" ", "") == recipient_name.strip().replace(" ", "")
