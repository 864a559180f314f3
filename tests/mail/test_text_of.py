"""``text_of`` reads Accord's own messages without a MIME parse and gives the same text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from mail.compose import Party, compose_summary
from mail.ids import new_message_id, new_token
from mail.message import _own_plain_text, parse_message, text_of
from tests.app import mailfactory

SUMMARY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=600,
).filter(lambda s: s.strip())


def _summary(text: str) -> bytes:
    return compose_summary(
        owner=Party("anna@example.org", "Anna Berg"),
        tracking_address="track@accord.example.com",
        recipient=Party("mike@partner.example", "Mike"),
        token=new_token(),
        ref="AC-7KQ2",
        title="Q3 lead flow",
        summary=text,
        deadline=datetime.now(UTC) + timedelta(days=3),
        recipient_tz=ZoneInfo("Europe/Berlin"),
        message_id=new_message_id("accord.example.com"),
        date=datetime.now(UTC),
    ).data


@settings(max_examples=300, deadline=None)
@given(SUMMARY_TEXT)
def test_own_summaries_read_without_a_parse_match_the_parser(text: str) -> None:
    raw = _summary(text)
    fast = _own_plain_text(raw)
    assert fast is not None
    assert fast == parse_message(raw).text


def test_other_layouts_go_through_the_parser() -> None:
    reply = mailfactory.reply(_summary("If I deliver X by June, I get Y."), "Confirmed.")
    assert _own_plain_text(reply) is None
    assert text_of(reply) == parse_message(reply).text
    # A damaged copy of our own layout is not trusted to the shortcut.
    broken = _summary("Deliver X.").replace(b'charset="utf-8"', b'charset="latin-1"', 1)
    assert _own_plain_text(broken) is None
    assert text_of(broken) == parse_message(broken).text
