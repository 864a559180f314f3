"""The fast path for plain mailboxes gives exactly what the stdlib address parser gives."""

from __future__ import annotations

import email.utils

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mail.parse_headers import _simple_mailbox, parse_addresses

# Characters that matter to address syntax, plus ordinary ones, so that generated values hit
# both the fast path and every way of falling off it.
ALPHABET = "aZ09 .'-_%+=@<>\",;:()\\[]\t=?"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_fast_path_agrees_with_the_stdlib(value: str) -> None:
    fast = _simple_mailbox(value)
    if fast is not None:
        assert [fast] == email.utils.getaddresses([value])


@settings(max_examples=500, deadline=None)
@given(
    st.from_regex(
        r'(("[a-zA-Z ,.()]{0,12}"|[a-zA-Z .\'-]{0,12}) ?<)?[a-z]{1,5}(\.[a-z]{1,3})?@[a-z]{1,5}(\.[a-z]{2,3})>?',
        fullmatch=True,
    )
)
def test_plain_mailboxes_agree_with_the_stdlib(value: str) -> None:
    fast = _simple_mailbox(value)
    if fast is not None:
        assert [fast] == email.utils.getaddresses([value])


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["Mike Partner <Mike@Partner.Example>"], [("Mike Partner", "mike@partner.example")]),
        (['"Berg, Anna" <anna@example.org>'], [("Berg, Anna", "anna@example.org")]),
        (["J.  Smith <j@x.example>"], [("J. Smith", "j@x.example")]),
        (["a@x.example, b@y.example"], [("", "a@x.example"), ("", "b@y.example")]),
        (["=?utf-8?q?Zo=C3=AB?= <z@x.example>"], [("Zoë", "z@x.example")]),
        (["a@x.example", "B <b@y.example>"], [("", "a@x.example"), ("B", "b@y.example")]),
        (["undisclosed-recipients:;"], []),
    ],
)
def test_parse_addresses(values: list[str], expected: list[tuple[str, str]]) -> None:
    assert parse_addresses(values) == expected
