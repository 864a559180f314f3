"""All of it put on one of the summary's values drops the others: "I pay everything on 10
May" where the summary has a deposit on signing and the balance on 10 May (found by a red team
that read the code, in French: "on paie tout le 10 mai"). "All included" restates a price,
and the summary's own words restate it.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

STAGES = """Hi Marc,

Here is what we agreed:

- You pay a deposit of £300 on signing, and the balance of £900 on 10 May.
- The assembly is on Saturday 10 May from 9:00.

Anna"""

ETAPES = """Bonjour Marc,

Voici ce que nous avons convenu :

- Vous payez un acompte de 300 € à la signature, et le solde de 900 € le 10 mai.
- Le montage a lieu le samedi 10 mai à partir de 9 h.

Anna"""

INCLUSIVE = """Hi Nadia,

- Fee £1,400 with everything included: PA, travel and two sets.
- Deposit £350 now, the rest on the night.

Tom"""

NAMES = ["Marc Dubois", "Anna Berg", "Nadia Rossi", "Tom Reed"]


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (STAGES, "Perfect, I pay everything on 10 May."),
        (STAGES, "Perfect, I pay it all on 10 May."),
        (STAGES, "Perfect, I'll pay the lot on 10 May."),
        (ETAPES, "Parfait, on paie tout le 10 mai."),
        (ETAPES, "Parfait, nous payons tout le 10 mai."),
    ],
)
def test_all_of_it_on_one_value_is_a_clarification(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("clarification: differs"), text


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (STAGES, "Perfect, I pay the balance on 10 May."),
        (ETAPES, "Parfait : 300 € à la signature, tout compris."),
        (INCLUSIVE, "Sounds good: £1,400 with everything included, £350 now."),
    ],
)
def test_all_included_and_the_summarys_own_words_restate_it(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("confirmation: "), text
