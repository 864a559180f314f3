"""classify_reply: praise of the other person or of a thing the summary names (issue 19e).

"You're a star", "die Wohnung ist wirklich ein Traum", "The science museum is a real gem": a
clause that only says, with a verb "to be", that someone or something is good changes nothing.
What comes before the verb may only be the other person or words of the summary;
after it only words of praise (``lexicon_broad.FEELING`` and ``PRAISE``), words of degree and
one noun the praise describes. An agreement word used as praise there ("the museum is
perfect") is not the writer's agreement: the reply needs one of its own. Every example was
written for this file; none is copied from the evaluation corpora.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import chairs, trip


# The attacks first: praise that picks another thing, adds a person, a time or a condition.
@pytest.mark.parametrize(
    "text",
    [
        "Confirmed. The bus is great for 40 kids.",
        "Confirmed. The museum is a gem, but we go on 13 June.",
        "Agreed. The other museum is a gem.",
        "Agreed. The second bus is a dream.",
        "Agreed. The bigger bus is a dream.",
        "Agreed. My brother's bus is a gem.",
        "Agreed. The bus is a dream for my brother.",
        "Agreed. Friday is a dream.",
        "Agreed. Sarah is a star and collects the forms.",
        "Agreed. The new date is a gem.",
        "Agreed. Sarah is a star for the pickup.",
        "Agreed. The museum is a gem, the kids bring €10.",
        "The science museum is a real gem.",
        "You're a star.",
        "Agreed. The museum is a gem if it stays open.",
        "Agreed. The evening bus is a dream.",
        "Agreed. The bus is a dream, my husband drives it.",
        "Agreed. You're a star, my husband drives them there.",
        "Agreed. July is a dream.",
        "Agreed. The Hilton is a dream.",
        "Agreed. Tuesday is a dream.",
    ],
)
def test_praise_with_a_change_stays_a_clarification(text: str) -> None:
    assert trip(text).startswith("clarification"), trip(text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Passt. Die Stühle sind ein Traum, aber 50 wären besser."),
        ("de", "Passt. Die anderen Stühle sind ein Traum."),
        ("de", "Passt. Meine Stühle sind ein Traum."),
        ("de", "Passt. Die Stühle sind ein Traum für meinen Bruder."),
        ("fr", "D'accord. Les chaises sont un rêve, livrez-les lundi."),
        ("es", "De acuerdo. Las sillas son una maravilla para mi hermano."),
    ],
)
def test_praise_with_a_change_stays_a_clarification_elsewhere(lang: str, text: str) -> None:
    assert chairs(lang, text).startswith("clarification"), chairs(lang, text)


@pytest.mark.parametrize(
    "text",
    [
        "Confirmed, thanks. You're a star.",
        "All good. The science museum is a real gem.",
        "Agreed! Dana, you're a legend.",
        "Sounds good. The museum is really lovely.",
    ],
)
def test_praise_passes_beside_an_agreement(text: str) -> None:
    assert trip(text).startswith("confirmation"), trip(text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Passt alles. Die Stühle sind wirklich ein Traum."),
        ("fr", "D'accord pour moi. Les chaises sont vraiment un bijou."),
        ("es", "De acuerdo. Las sillas son una maravilla."),
    ],
)
def test_praise_passes_elsewhere(lang: str, text: str) -> None:
    assert chairs(lang, text).startswith("confirmation"), chairs(lang, text)
