"""What the owner's one click buys on the evaluation sets (issue 19 item 5), by simulation.

Each owner reads their replies in file order. A confirmation Accord did not recognise is marked
by the owner (one click), and the phrases it carried are learned for that owner
(``mail.classify.feedback_phrases``, capped as ``app.inbound.feedback`` caps them); every later
reply of that owner is classified with what they accepted so far. Reported: confirmations
recognised without and with what owners taught, the clicks it took, and every clarification
that learned phrases turned into a confirmation (none may be). No database.

``python -m tests.eval.feedback [--split dev|test] [--sets replies-o,replies-p]``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from typing import Any

from app.inbound.feedback import MAX_LEARNED, MAX_PHRASE
from mail.classify import classify_reply, feedback_phrases
from tests.eval.replies import SETS, load_cases, names, parse


def simulate(split: str | None, sets: tuple[str, ...]) -> dict[str, Any]:
    accepted: dict[str, set[str]] = defaultdict(set)
    confirmations = recognised = recognised_alone = clicks = 0
    taken: list[str] = []
    for case in load_cases(split, sets):
        parsed = parse(case)
        inputs = {
            "quoted_text": parsed.quoted_text,
            "sent_text": case.summary["sent_text"],
            "names": names(case, parsed),
        }
        text = parsed.reply_text or ""
        owner = case.summary["owner_email"]
        alone = classify_reply(text, **inputs).label == "confirmation"
        taught = classify_reply(text, accepted=frozenset(accepted[owner]), **inputs)
        if case.expected == "clarification":
            if taught.label == "confirmation" and not alone:
                taken.append(case.id)
            continue
        confirmations += 1
        recognised_alone += alone
        if taught.label == "confirmation":
            recognised += 1
            continue
        clicks += 1  # the owner marks it: its phrases are learned for their later replies
        learned = [p for p in feedback_phrases(text, **inputs) if len(p) <= MAX_PHRASE]
        accepted[owner].update(learned[:MAX_LEARNED])
    return {
        "split": split,
        "sets": list(sets),
        "owners": len(accepted),
        "confirmations": confirmations,
        "recognised_without_feedback": recognised_alone,
        "recognised_with_feedback": recognised,
        "owner_clicks": clicks,
        "clarifications_taken_through_feedback": taken,
    }


def _main(argv: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m tests.eval.feedback")
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated set names")
    args = parser.parse_args(argv)
    return simulate(args.split, tuple(args.sets.split(",")))


if __name__ == "__main__":
    json.dump(_main(sys.argv[1:]), sys.stdout, indent=1, ensure_ascii=False)
    print()
