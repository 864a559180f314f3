"""What the summary offers as alternatives, restated joined by "and", becomes a duty: "ein
Thema und einen kurzen Text" for "ein Thema oder einen kurzen Text" (found by a red team that
read the code). Joining with "or" what the summary joins with "and" was read before
(``test_classify_alternatives``).
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

LESEKREIS = """Hallo Claire,

wir haben vereinbart:

- Wir treffen uns jeden ersten Mittwoch im Café Liebig.
- Jede Person bringt abwechselnd ein Thema oder einen kurzen Text mit.
- Getränke und Kuchen zahlt jede Person selbst.

Viele Grüße
Jonas"""

NAMES = ["Claire Dubois", "Jonas Weber"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Alles klar, jede Person bringt abwechselnd ein Thema und einen kurzen Text mit.",
            "clarification",
        ),
        (
            "Alles klar, jede Person bringt abwechselnd ein Thema oder einen kurzen Text mit.",
            "confirmation",
        ),
        ("Alles klar, Getränke und Kuchen zahlt jede Person selbst.", "confirmation"),
    ],
)
def test_alternatives_joined_by_and_are_a_change(text: str, label: str) -> None:
    assert answer(LESEKREIS, text, NAMES).startswith(label), answer(LESEKREIS, text, NAMES)
