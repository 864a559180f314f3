"""A line that states a term is never cut as a signature or a client footer: a date, a
weekday, a time, an amount or a limiting word ("only", "except") under the writer's name or
on the "Sent from my iPhone" line is shown by every mail program as what the person wrote
("Sounds good. / Marek / Strip-out from 8 February"; found by a red team that read the code).
A company's legal line with its share capital stays a signature line.
"""

from __future__ import annotations

import pytest

from mail.reply import split_reply
from tests.mail.summaries import trip

NAMES = ["Dana Whitfield"]


@pytest.mark.parametrize(
    "text",
    [
        "Sounds good.\n\nDana\nTrip on 19 June",
        "Agreed.\nDana\n(bus €280)",
        "All good.\n\nDana Whitfield\nContoso Ltd\nLunch only",
        "Sounds good, thanks!\n\nBest,\nDana\nForms by Monday",
        "Agreed.\n\nDana\nMob 07700 900123 — forms by 9 June",
        "All good!\n\nSent from my Samsung Galaxy smartphone — trip on 19 June",
        "Confirmed.\n\nSent from my iPhone. Forms by 9 June.",
        "All good!\n\nDana\n\nSent from my iPhone\nTrip moved to 19 June as discussed",
        # a second red team: terms in other shapes
        "Sounds good.\n\nDana\nForms from 8/6",
        "Sounds good.\n\nDana\nTrip end of June",
        "Agreed.\n\nDana\nForms a week later",
        "Sounds good.\n\nDana\nBus 50% upfront",
        "Agreed.\n\nBest,\nDana\nContoso – Payment within 30 days of invoice",
        "Agreed.\n\nDana\nLunch included",
        "Agreed.\n\nSent from my iPhone, start 8/6",
        "Agreed.\n\nDana Whitfield\nContoso Ltd · Company no 0845512 · All prices exclude VAT",
        # a third: a PS with a word of a legal notice in it ("privacy", "milieu", "Empfänger")
        "Agreed, thanks.\n\nBest,\nDana\n\nP.S. For privacy reasons, bus in cash",
        "Agreed.\n\nDana\n\nPS: graag de bus contant, beter voor het milieu",
        "Agreed.\n\nDana\n\nPS: Die Formulare bitte an meinen Bruder als Empfänger",
    ],
)
def test_a_term_under_the_name_or_on_the_footer_is_read(text: str) -> None:
    new, _ = split_reply(text, NAMES)
    last = text.rsplit("\n", 1)[1].split("— ")[-1].split(". ")[-1].split(", ")[-1]
    assert last.split(" · ")[-1] in new, new
    assert trip(text).startswith("clarification: "), trip(text)


@pytest.mark.parametrize(
    ("text", "new"),
    [
        ("Sounds good.\n\nDana", "Sounds good."),
        ("All good!\n\nSent from my Samsung Galaxy smartphone", "All good!"),
        (
            "Agreed.\n\nBest regards,\nDana Whitfield\nHead of Partnerships | Contoso Ltd\n"
            "T: +44 20 7946 0321\nwww.contoso.example",
            "Agreed.",
        ),
        (
            "Confirmed.\n\nDana Whitfield\nContoso S.r.l. – P.IVA 02871640136 – "
            "Cap. soc. € 500.000 i.v.",
            "Confirmed.",
        ),
        (
            "Confirmed.\n\nDana Whitfield\nThis email is intended only for the addressee. "
            "If you are not the intended recipient, delete it.",
            "Confirmed.",
        ),
    ],
)
def test_a_signature_without_terms_is_still_cut(text: str, new: str) -> None:
    assert split_reply(text, NAMES)[0] == new
    assert trip(text).startswith("confirmation: "), trip(text)
