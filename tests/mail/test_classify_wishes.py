"""classify_reply: wishes, the summary's own mail named by its date, and days written with an
article or a dot ("il 14", "am 18. Mai").

A wish ("Good luck with the move", "Enjoy Lisbon next month") is about the other person's own
plans: a place, a word of the summary and words for when pass in it; numbers, dates, days and
every other watched word are read as anywhere. Written for this file; none is copied from the
evaluation corpora.
"""

from __future__ import annotations

import pytest

from mail.classify import classify_reply

SUMMARY = """Hi Sam,

Here is what we agreed for the office move:

- Crates delivered on Friday 5 March; the move itself on Saturday 13 March from 7:00.
- Six movers and two vans, fixed price £6,850, 30% on booking.
- The lift is booked from 6:00 to 18:00.

Best,
Priya

If anything here is not how you understood it, reply to this email. If I hear nothing by Friday, 26 February 2027 at 18:00 (Europe/London), I'll take this as our agreement."""
NAMES = ["Sam Reid", "Priya Raman"]


def _label(text: str) -> str:
    return classify_reply(text, sent_text=SUMMARY, names=NAMES).label


@pytest.mark.parametrize(
    "text",
    [
        "Looks right to me. Good luck with the last week in the old office!",
        "All correct. Enjoy Lisbon next month!",
        "Perfect, thanks. Have a great weekend in Brighton!",
        "Alles richtig. Viel Erfolg beim Umzug!",
        "Tout est correct. Bon courage pour le déménagement à Lyon !",
        "Todo correcto. ¡Mucha suerte con el concierto de Cádiz!",
        "Wszystko się zgadza. Życzę udanej przeprowadzki!",
        "Dear Priya, thank you for your email of 20 February. I confirm the arrangements.",
        "Helemaal goed. Fijne avond nog!",
        "📦✅",
    ],
)
def test_confirmations(text: str) -> None:
    assert _label(text) == "confirmation"


@pytest.mark.parametrize(
    "text",
    [
        # A wish does not hide a new date, day, amount, person of one's own or request.
        "All correct. Good luck with the big day on the 14th!",
        "All correct. Good luck with the big day on Sunday!",
        "Looks right. Enjoy the extra van, that's £7,200 then.",
        "All correct. Good luck with the big day, my brother drives the second van.",
        "Agreed. Enjoy the big day and please add the packing.",
        "All correct. Good luck with the big day instead of the crates.",
        # The date of someone else's mail is not the summary's.
        "I confirm the terms of my email of 20 February.",
        "Thank you for your email of 20 February. Crates on 14 March.",
        # A day by its article or its dot is a date.
        "Perfetto, allora ci vediamo il 14 alle sette!",
        "Einverstanden, Umzug am 14. März.",
        "Confirmed 💰",
        # Thanks for what the summary does not give take it for granted (a red team's).
        "Thanks again for the upgrade! All confirmed.",
        "All confirmed, and thanks for the free extras.",
        # Small talk that gives a thing to someone, or puts it in the deal (red team round 3).
        "Looks right. Lovely that the skip comes with it.",
        "Looks right, glad the scaffolding's down to you.",
        "Looks right. Love that the packing crates are yours.",
        "Alles richtig. Schön, dass die Entsorgung bei dir liegt.",
        "Todo correcto. Me alegra que el contenedor corra de tu cuenta.",
        "Helemaal goed. Fijn dat de container bij jou ligt.",
        # A wish with a deed of the writer's beside it ("no weekends" in the summary).
        "Looks right. Enjoy the weekend off while we crack on!",
        "Alles richtig. Schönes Wochenende, während wir weitermachen!",
    ],
)
def test_clarifications(text: str) -> None:
    assert _label(text) == "clarification"
