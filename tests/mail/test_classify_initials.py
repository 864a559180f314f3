"""A reply signed with the initials of the sender's name ("TL" under Thierry Lefèbvre's
reply) is signed, not saying something the classifier cannot read. Written for this file."""

from __future__ import annotations

import pytest

from mail.classify import classify_reply

SUMMARY = """Bonjour Thierry,

- Tuiles 40 m² à 55 €, faîtage 650 €, total 2 850 € TTC.
- Acompte de 30 % à la signature.

Anna"""
NAMES = ["Thierry Lefèbvre", "Anna Berg", "Nadia Okafor"]


def _label(text: str) -> str:
    return classify_reply(text, sent_text=SUMMARY, names=NAMES).label


@pytest.mark.parametrize(
    "text",
    ["OK pour moi.\n\nTL", "OK pour moi, total 2 850 € TTC.\n\nTL", "Parfait.\n\nAB"],
)
def test_initials_of_a_name_sign_the_reply(text: str) -> None:
    assert _label(text) == "confirmation"


@pytest.mark.parametrize(
    "text",
    [
        "OK pour moi.\n\nTX",  # nobody's initials
        "OK pour moi.\n\ntl",  # not written as initials
        "OK pour moi.\n\nTL 3 000 €",  # more than initials on the line
    ],
)
def test_other_letters_are_still_read(text: str) -> None:
    assert _label(text) == "clarification"
