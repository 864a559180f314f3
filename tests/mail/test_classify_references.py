"""classify_reply: formal confirmations whose object is the summary itself (issue 19e).

"I confirm the arrangements as set out in your email of 3 June", "hiermit bestätige ich die in
Ihrer E-Mail vom … zusammengefassten Vereinbarungen", "tels que récapitulés dans votre
courriel du …": the words that name the summary's mail, its contents as a whole ("the
arrangements", "die Vereinbarungen", "l'ensemble des termes") and the letter itself ("por
medio de la presente") add nothing to it (``lexicon_broad.REFERENCES``). Only the second
person names the summary's mail: "my email of 3 June" may hold other terms. Every example was
written for this file; none is copied from the evaluation corpora (tests/fixtures/eval/).
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import chairs, trip


# The attacks first: a reference to the summary with something beside it that changes it.
@pytest.mark.parametrize(
    "text",
    [
        "I confirm the arrangements as set out, except the date.",
        "I confirm the arrangements as set out in my email of 3 June.",
        "I confirm the arrangements set out in your email, with the bus at 9.",
        "I confirm the arrangements for the museum trip as set out, with Sarah collecting the "
        "forms.",
        "I confirm the new arrangements.",
        "I confirm the other arrangements set out in your email.",
        "I confirm the arrangements, subject to the head teacher's approval.",
        "I confirm the arrangements for the 14 June trip as set out.",
        "I confirm the arrangements 14 June.",
        "I confirm the arrangements as set out in your email of 3 June, but the bus costs €260.",
        "Thank you for your email of 3 June. I confirm the arrangements, and my husband collects "
        "the forms.",
        "I am writing to confirm that the terms set out therein are fine for the first week.",
        "I confirm the arrangements as set out in your email of 3 June 14:00.",
        "I confirm the arrangements for parking.",
        "I confirm the terms for parking.",
        "I confirm the arrangements for the weekend.",
        "I confirm acceptance of the new terms.",
        "I confirm acceptance of the school trip, except the bus.",
        "I confirm acceptance of the school trip on the terms set out in my email of 3 June.",
    ],
)
def test_a_reference_with_a_change_stays_a_clarification(text: str) -> None:
    assert trip(text).startswith("clarification"), trip(text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Hiermit bestätige ich die in meiner E-Mail vom 3. Juni genannten Vereinbarungen."),
        (
            "de",
            "Hiermit bestätige ich die in Ihrer E-Mail vom 3. Juni zusammengefassten "
            "Vereinbarungen, außer dem Preis.",
        ),
        ("fr", "Je vous confirme mon accord sur les termes de mon courriel du 3 juin."),
        (
            "fr",
            "Je vous confirme mon accord sur l'ensemble des termes tels que récapitulés dans "
            "votre courriel du 3 juin, sauf le prix.",
        ),
        (
            "es",
            "Por medio de la presente le confirmo mi conformidad con los términos recogidos en "
            "su correo de 3 de junio, salvo la fecha.",
        ),
        ("es", "Por medio de la presente le confirmo mi conformidad con los nuevos términos."),
        (
            "es",
            "Le confirmo la conformidad con los términos relativos a la entrega, salvo la fecha.",
        ),
        (
            "es",
            "Le confirmo la conformidad con los términos relativos a una entrega el 14 de junio.",
        ),
        (
            "it",
            "Con la presente confermo i termini riepilogati nella sua e-mail del 3 giugno, "
            "tranne il prezzo.",
        ),
    ],
)
def test_a_reference_with_a_change_stays_a_clarification_elsewhere(lang: str, text: str) -> None:
    assert chairs(lang, text).startswith("clarification"), chairs(lang, text)


@pytest.mark.parametrize(
    "text",
    [
        "Dear Alex,\n\nThank you for your email. I confirm the arrangements for the school "
        "trip as set out.\n\nYours sincerely,\nDana Smith",
        "Thank you for your email of 3 June. I confirm the arrangements set out therein.",
        "I am writing to confirm that the terms set out therein accurately reflect our agreement.",
        "I confirm the arrangements as set out in your email of 3 June.",
        "I confirm acceptance of the school trip on the terms set out in your email of 3 June.",
    ],
)
def test_a_formal_confirmation_of_the_summary_passes(text: str) -> None:
    assert trip(text).startswith("confirmation"), trip(text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "de",
            "Sehr geehrte Frau Schmidt,\n\nhiermit bestätige ich die in Ihrer E-Mail vom "
            "3. Juni zusammengefassten Vereinbarungen.\n\nMit freundlichen Grüßen",
        ),
        (
            "fr",
            "Madame,\n\nJe vous confirme mon accord sur l'ensemble des termes tels que "
            "récapitulés dans votre courriel du 3 juin.\n\nCordialement",
        ),
        (
            "es",
            "Estimada Sra. Schmidt:\n\nPor medio de la presente le confirmo mi conformidad "
            "con todos los términos recogidos en su correo de 3 de junio.\n\nAtentamente",
        ),
        (
            "es",
            "Por medio de la presente le confirmo, en nombre de la Asociación Vecinal, la "
            "conformidad con todos los términos recogidos en su correo de 3 de junio relativos "
            "a la entrega de las sillas.",
        ),
    ],
)
def test_a_formal_confirmation_of_the_summary_passes_elsewhere(lang: str, text: str) -> None:
    assert chairs(lang, text).startswith("confirmation"), chairs(lang, text)
