"""The classifier on replies written independently of it (tests/fixtures/eval/README.md).

``dev`` is where the classifier was tuned: it must meet the bars of issue 19. ``test`` was
never looked at while tuning: no clarification may pass as a confirmation there either (a
safety gate, which holds since issue 19c); its recognition rate is reported by
``python -m tests.eval.replies --split test``, not asserted.
"""

from __future__ import annotations

import pytest

from tests.eval.feedback import simulate
from tests.eval.replies import SETS, TUNED, load_cases, parse, report

# replies-g to -n (clarifications made of the summary's own words, names, numbers and
# pronouns, recombined, or a quiet change of frequency, unit, tax, duration or who pays) are
# where the zero bar does not hold yet: the test parts of g, h and i are reported, not
# asserted, and the dev replies still taken are listed, each a kind the rules cannot read yet
# (tests/fixtures/eval/README.md says which); any other taken fails.
RECOMBINED = SETS[SETS.index("replies-g") :]  # g and every set written after it
GATED = tuple(name for name in SETS if name not in RECOMBINED)
RECOMBINED_DEV_KNOWN = {
    "m0252",  # Italian imperatives ("apri", "chiudi") echoed: the person is in the verb
}


def test_every_reply_becomes_a_message_the_pipeline_parses_as_a_reply() -> None:
    cases = load_cases()
    assert len(cases) == 5741
    kinds = {parse(case).kind for case in cases}
    assert kinds == {"reply"}


def test_dev_split_meets_the_bars() -> None:
    """The recognition bar holds where the classifier was tuned; no set's development part
    may have a clarification taken for a confirmation."""
    tuned = report("dev", sets=TUNED)
    assert tuned["recognised_fraction"] >= 0.90, tuned["missed_confirmation_ids"]
    assert report("dev", sets=GATED)["false_confirmation_ids"] == []
    recombined = report("dev", sets=RECOMBINED)["false_confirmation_ids"]
    assert set(recombined) <= RECOMBINED_DEV_KNOWN, recombined


@pytest.mark.slow
@pytest.mark.parametrize("split", ["dev", "test"])
def test_what_owners_teach_takes_no_clarification(split: str) -> None:
    """Owners mark every confirmation Accord missed, in order; what they teach must never
    turn a later clarification into a confirmation (``tests.eval.feedback``)."""
    assert simulate(split, SETS)["clarifications_taken_through_feedback"] == []


@pytest.mark.slow
def test_test_split_takes_no_clarification_for_a_confirmation() -> None:
    result = report("test", sets=GATED)
    assert result["clarifications_as_confirmations"] == 0
