"""Who is paid or handed something is a term too: a reply that restates a term "to you" or
"to me" where the summary gives that term to someone else moves it.

"I pay the skip hire to you directly" for "The skip hire is paid by you, directly to
Ballyvolane Skips" passed as a confirmation: its doer was right (the writer is the summary's
"you"), and who receives a payment was not read. A pronoun after "to" (or after a verb of
giving: "I'll pay you the €280") names the side it is handed to; where the summary's line
names whom it goes to, it must be that side, and where it names no one the payment goes to
the other side ("I'll get the deposit to you"). And "Carlos staffs both" for "Carlos staffs
the gate on Saturday and Dee staffs the aid station on Sunday" gives Carlos Dee's task in one
word: "both" in a restatement, where the summary's line does not say it, widens a term.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

WALL = """Hi Aoife,

Here is what we agreed for the block wall and shed base:

- The price is €6,400 plus 13.5% VAT, for 8 working days from Monday 13 September.
- The skip hire (€280) is paid by you, directly to Ballyvolane Skips.
- You pay the deposit of €1,000 to me by Friday 10 September.
- Carlos staffs the gate on Saturday and Dee staffs the aid station on Sunday.
- A deposit of €300 by Friday 24 September holds the dates.

Thanks,
Declan"""

FETE = """Hallo Jonas,

hier ist, was wir vereinbart haben:

- Die Kaution von 200 € überweist du an den Verein bis zum 1. März.
- Die Miete von 50 € zahlst du an mich am Freitag, 5. März.

Viele Grüße
Lea"""

FRAIS = """Bonjour Paul,

Voici ce que nous avons convenu :

- Le ménage (120 €) est payé par vous directement à l'agence Horizon.
- Vous me versez l'acompte de 300 € le 10 avril.

Bien cordialement,
Claire"""


def verdict(summary: str, text: str) -> str:
    return answer(summary, text, ["Aoife Brennan", "Declan Moore", "Jonas Weber", "Lea Braun"])


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (WALL, "Agreed. I pay the skip hire to you directly."),
        (WALL, "Agreed, I'll pay the skip hire to you."),
        (WALL, "All correct. I'll pay you the skip hire, €280."),
        (WALL, "Agreed. Carlos staffs both."),
        (WALL, "Sounds good, Dee covers both."),
        (WALL, "Agreed, Carlos staffs both of them."),
        (WALL, "Agreed: Dee staffs both stations."),
        (WALL, "Fine by me, skip hire paid to you."),
        (FETE, "Passt, die Kaution überweise ich an dich bis zum 1. März."),
        (FRAIS, "D'accord, je vous paie le ménage directement."),
        (FRAIS, "Parfait, le ménage est payé par moi directement à vous."),
    ],
)
def test_a_term_handed_to_another_side_is_a_clarification(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("clarification:"), verdict(summary, text)


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (WALL, "Agreed. I pay the skip hire directly to Ballyvolane Skips."),
        (WALL, "Agreed, and I'll pay the deposit of €1,000 to you by Friday 10 September."),
        (WALL, "Agreed, I'll pay you the deposit of €1,000 by Friday 10 September."),
        (WALL, "Agreed, thanks to you both."),
        (WALL, "Agreed, and we're both happy with the price."),
        (WALL, "Perfect. I'll get the €300 deposit to you by Friday 24 September."),
        (FETE, "Passt, die Miete von 50 € zahle ich an dich am Freitag."),
        (FRAIS, "D'accord, je vous verse l'acompte de 300 € le 10 avril."),
        (WALL, "Agreed."),
    ],
)
def test_the_same_receiver_restated_is_no_change(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("confirmation:"), verdict(summary, text)
