"""A restated term joined by "and" to something the summary does not have widens it.

"Tickets £12, under-16s and students free" for "Tickets are £12, under-16s free"; "15% of the
ticket sales and of the raffle takings"; "Mark collects the signed forms and the permission
slips". Each passed as a confirmation before: a value restated let a few words not understood
pass beside it as follow-through. Terms of the summary joined to each other pass, and so do
words the lexicon knows after the "and" ("and thanks").
"""

from __future__ import annotations

import pytest

from mail.classify import classify_reply
from tests.mail.summaries import answer, trip

CONCERT = """Dear Rachel,

Here is what we agreed for the spring concert:

- We have the nave and the side chapel from 14:00 for setting up.
- You keep 15% of the ticket sales for the church roof fund. Tickets are £12, under-16s free.
- We pay a £100 deposit by Friday 26 March.

With best wishes,
Gwen"""


def concert(text: str) -> str:
    return answer(CONCERT, text, ["Gwen Harris", "Rachel Moss"])


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, tickets £12, under-16s and students free.",
        "Agreed. 15% of the ticket sales and of the raffle takings to the roof fund.",
        "Agreed, tickets £12 and programmes free.",
        "Agreed, the nave, the side chapel and the vestry from 14:00.",
    ],
)
def test_an_and_that_widens_a_term_is_a_clarification(text: str) -> None:
    assert concert(text).startswith("clarification: adds to the summary"), concert(text)


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, Mark collects the signed forms and the permission slips by 5 June.",
        "Agreed, the trip and the picnic on 12 June.",
        "Agreed, the bus costs €240 and the museum entry too.",
    ],
)
def test_the_same_in_the_trip(text: str) -> None:
    assert trip(text).startswith("clarification:"), trip(text)


@pytest.mark.parametrize(
    "text",
    [
        "Agreed: the nave and the side chapel from 14:00.",
        "Agreed, £100 deposit by 26 March and thanks again.",
        "Agreed, 15% of the ticket sales for the roof fund and tickets at £12.",
    ],
)
def test_terms_of_the_summary_joined_pass(text: str) -> None:
    assert concert(text).startswith("confirmation:"), concert(text)


@pytest.mark.parametrize(
    "text",
    [
        "Agreed: €240 for the coach.",
        "Agreed, €240 for the guide.",
        "Agreed, €240 for our teachers' tickets.",
        "Agreed, 12 June for the picnic.",
    ],
)
def test_a_value_given_for_something_the_summary_does_not_have(text: str) -> None:
    """The summary's "The bus costs €240": "€240 for the guide" spends it on something else."""
    assert trip(text).startswith("clarification:"), trip(text)


@pytest.mark.parametrize(
    "text", ["Agreed: €240 for the bus.", "Agreed, 12 June for the trip to the museum."]
)
def test_a_value_given_for_its_own_term_passes(text: str) -> None:
    assert trip(text).startswith("confirmation:"), trip(text)


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, €240 for the bus, lunch included.",
        "Agreed, the bus costs €240 including the lunches.",
        "Agreed, €240 inkl. Mittagessen.",
    ],
)
def test_an_inclusion_the_summary_does_not_make_adds_to_it(text: str) -> None:
    assert trip(text).startswith("clarification:"), trip(text)


def test_an_inclusion_the_summary_makes_may_be_restated() -> None:
    summary = "Hi Marek,\n\n- Total price £18,400 including VAT, paid in three stages.\n\nHannah"
    result = classify_reply("Confirmed, £18,400 including VAT.", sent_text=summary)
    assert result.label == "confirmation", result.reason


SUBLET = """Bonjour Julien,

- Tu peux utiliser la chambre et le bureau ; la cave reste fermée.
- Tu arroses les plantes deux fois par semaine.

Bien à toi,
Camille"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Parfait, j'utilise la chambre, le bureau et la cave.", "clarification"),
        ("Parfait, la chambre et le bureau, la cave reste fermée.", "confirmation"),
        ("Parfait, la chambre et le bureau, et les plantes deux fois par semaine.", "confirmation"),
    ],
)
def test_a_thing_joined_from_another_half_of_the_line_is_added(text: str, label: str) -> None:
    """ "la cave" joined to "la chambre, le bureau" gives what the summary keeps closed; a
    term with its own doer or value after the "and" is a term of its own."""
    result = classify_reply(text, sent_text=SUBLET, names=["Julien Roy", "Camille Petit"])
    assert result.label == label, result.reason


def test_lines_of_their_own_may_be_listed_with_and() -> None:
    text = "Confirmed: the museum trip, the signed forms and the packed lunch."
    assert trip(text).startswith("confirmation:"), trip(text)


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, the onboarding fee of €600 is waived.",
        "Agreed, the onboarding fee of €600 is cancelled.",
        "Agreed, the onboarding fee of €600, halved.",
    ],
)
def test_a_fee_waived_or_cut_is_a_change(text: str) -> None:
    summary = (
        "Hi Aidan,\n\n- A one-off onboarding fee of €600 is invoiced with the first quarter.\n"
    )
    assert answer(summary, text).startswith("clarification:"), answer(summary, text)


BAPTISM = """Bonjour Marc,

- Repas à 42 € par personne, soit 2 520 € pour les 60 invités.
- Apéritif offert par le domaine ; les vins sont à notre charge.

Bien à vous,
Claire"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Parfait, 42 € par personne, vins compris.", "clarification"),
        ("Parfait, repas à 42 € par personne.", "confirmation"),
        ("Parfait, c'est compris : 42 € par personne.", "confirmation"),
    ],
)
def test_french_compris_and_personne(text: str, label: str) -> None:
    """ "vins compris" puts the wine in the price; "c'est compris" is "understood"; "par
    personne" counts the price and is no "nobody"."""
    assert answer(BAPTISM, text, ["Marc Dubois", "Claire Martin"]).startswith(label)


def test_a_term_the_summary_limits_restated_for_all_is_widened() -> None:
    summary = (
        "Hoi Bram,\n\n- Rugnummers alleen op de shirts van de O15 en de O17, à € 4 per shirt."
        "\n- Jij levert op zaterdag 12 juni.\n\nGroet,\nSanne"
    )
    widened = answer(summary, "Akkoord: rugnummers op alle shirts, à € 4.")
    assert widened.startswith("clarification: widens"), widened
    kept = answer(summary, "Akkoord: rugnummers op de shirts van de O15 en de O17, à € 4.")
    assert kept.startswith("confirmation:"), kept


ROOM = """Hi Tom,

- You rent the room from 1 September 2027 for 12 months.
- No pets; smoking only on the balcony.

Anna"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a place of another term joined to what the summary allows only on the balcony
        # (red team round 4)
        ("Agreed, smoking on the balcony and in the room.", "clarification"),
        ("Agreed, smoking on the balcony.", "confirmation"),
    ],
)
def test_what_the_summary_allows_only_somewhere_is_not_widened(text: str, label: str) -> None:
    result = classify_reply(text, sent_text=ROOM, names=["Tom Reed", "Anna Berg"])
    assert result.label == label, result
