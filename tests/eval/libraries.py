"""Maintained libraries against Accord's own code, on the same corpora and scores.

``python -m tests.eval.libraries [--split dev|test]`` prints one JSON object: reply text
(``mail-parser-reply``, ``quotequail``) and bounce recipients (``flufl.bounce``, on all
bounces and on the non-standard ones, which carry no ``message/delivery-status`` part).
The libraries are not dependencies of Accord: ``pip install .[eval]`` brings them.
"""

from __future__ import annotations

import argparse
import email
import json
import sys
import warnings
from collections.abc import Callable
from typing import Any

import quotequail
from flufl.bounce import all_failures
from mailparser_reply import EmailReplyParser

from mail.message import _parse_tree
from mail.parse_body import collect_parts
from tests.eval.mail import MACHINES, REPLIES, Case, load, parse, reply_text_scores

LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pl", "ru", "ja", "zh", "sv", "da", "pt"]


def _mail_parser_reply(text: str) -> str:
    try:
        return str(EmailReplyParser(languages=LANGUAGES).parse_reply(text=text))
    except Exception:  # a library failing on a message scores as a miss
        return ""


def _quotequail(text: str) -> str:
    try:
        unwrapped = quotequail.unwrap(text)
        if unwrapped and unwrapped.get("text_top") is not None:
            return str(unwrapped["text_top"])
        return "\n".join(part for keep, part in quotequail.quote(text) if keep)
    except Exception:  # a library failing on a message scores as a miss
        return ""


def _reply_scores(cases: list[Case], extract: Callable[[Case], str | None]) -> dict[str, Any]:
    exact = lenient = 0
    for case in cases:
        hit, loose = reply_text_scores(extract(case), case)
        exact, lenient = exact + hit, lenient + loose
    return {"exact": round(exact / len(cases), 3), "lenient": round(lenient / len(cases), 3)}


def _flufl_recipients(raw: bytes) -> list[str]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            permanent, temporary = all_failures(email.message_from_bytes(raw))
    except Exception:  # a library failing on a message scores as a miss
        return []
    found = list(permanent) + list(temporary)
    return [(a.decode() if isinstance(a, bytes) else str(a)).lower() for a in found]


def _is_non_standard(raw: bytes) -> bool:
    return not collect_parts(_parse_tree(raw, 10_000_000)[0]).delivery_status


def _recipient_scores(cases: list[Case]) -> dict[str, Any]:
    def ours(case: Case) -> bool:
        bounces = parse(case.raw).bounces
        return bool(bounces) and bounces[0].recipient == case.expect["recipient"]

    def flufl(case: Case) -> bool:
        return _flufl_recipients(case.raw) == [case.expect["recipient"]]

    return {
        "bounces": len(cases),
        "accord": round(sum(map(ours, cases)) / len(cases), 3),
        "flufl.bounce": round(sum(map(flufl, cases)) / len(cases), 3),
    }


def compare(split: str) -> dict[str, Any]:
    replies = load(REPLIES, split)
    bounces = [c for c in load(MACHINES, split) if c.expect["kind"] == "bounce"]
    return {
        "split": split,
        "reply_text": {
            "accord": _reply_scores(replies, lambda c: parse(c.raw).reply_text),
            "mail-parser-reply": _reply_scores(
                replies, lambda c: _mail_parser_reply(parse(c.raw).text)
            ),
            "quotequail": _reply_scores(replies, lambda c: _quotequail(parse(c.raw).text)),
        },
        "bounce_recipient": _recipient_scores(bounces),
        "bounce_recipient_non_standard": _recipient_scores(
            [c for c in bounces if _is_non_standard(c.raw)]
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.eval.libraries", description=__doc__)
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    args = parser.parse_args(argv)
    json.dump(compare(args.split), sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
