"""Evaluation of ``parse_message`` on the independent mail corpora (no database).

``python -m tests.eval.mail [--split dev|test] [--failures] [--speed]`` prints one JSON object:
per split, reply text extracted as expected (``tests/fixtures/eval/mail-replies``), bounces and
auto-replies recognised and their details, human replies taken for machines
(``tests/fixtures/eval/mail-machines`` and every human reply of both corpora), and the agreement
of the project's own corpus (``tests/fixtures/emails``) with its ``expected.json``.

Tune only on ``dev``; ``test`` is held out. ``--failures`` names the files that missed, so it is
meant for ``dev`` only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mail.inspect import describe
from mail.message import ParsedMessage, parse_message

FIXTURES = Path(__file__).parents[1] / "fixtures"
REPLIES = FIXTURES / "eval" / "mail-replies"
MACHINES = FIXTURES / "eval" / "mail-machines"
OWN = FIXTURES / "emails"
TRACKING = "track@accord.example.com"
MACHINE_KINDS = ("bounce", "auto_reply")


@dataclass(frozen=True)
class Case:
    """One labelled message of a corpus."""

    name: str
    raw: bytes
    entry: dict[str, Any]

    @property
    def expect(self) -> dict[str, Any]:
        expect: dict[str, Any] = self.entry["expect"]
        return expect


def load(corpus: Path, split: str | None = None) -> list[Case]:
    """The cases of one corpus, optionally only one split."""
    cases = []
    for line in (corpus / "manifest.jsonl").read_text().splitlines():
        entry = json.loads(line)
        if split is None or entry["split"] == split:
            raw = (corpus / entry["file"]).read_bytes()
            cases.append(Case(entry["file"], raw, entry))
    return cases


def parse(raw: bytes) -> ParsedMessage:
    return parse_message(raw, tracking_address=TRACKING)


def _failed(parsed: ParsedMessage) -> bool:
    """parse_message caught an exception of its own code and gave up on the message."""
    return any(defect.startswith("parse failed") for defect in parsed.defects)


def normalize(text: str | None) -> str:
    """The comparison the corpus README recommends: CRLF, trailing spaces, NBSP, blank runs."""
    text = (text or "").replace("\r\n", "\n").replace("\u00a0", " ").replace("\u202f", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def collapse(text: str | None) -> str:
    return " ".join((text or "").split())


def reply_text_scores(got: str | None, case: Case) -> tuple[bool, bool]:
    """(exact, lenient): lenient collapses all whitespace and also accepts the sign-off."""
    want = case.expect["reply_text"]
    exact = normalize(got) == normalize(want)
    accepted = [want]
    if case.entry.get("signoff"):
        accepted.append(want + "\n\n" + case.entry["signoff"])
    lenient = collapse(got) in {collapse(a) for a in accepted}
    return exact, lenient


def _ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def score_replies(cases: list[Case], failures: bool) -> dict[str, Any]:
    exact = lenient = 0
    missed: list[str] = []
    machines: list[str] = []
    failed = 0
    for case in cases:
        parsed = parse(case.raw)
        failed += _failed(parsed)
        if parsed.kind in MACHINE_KINDS:
            machines.append(case.name)
        hit, loose = reply_text_scores(parsed.reply_text, case)
        exact += hit
        lenient += loose
        if not hit:
            missed.append(case.name)
    result: dict[str, Any] = {
        "messages": len(cases),
        "reply_text_exact": _ratio(exact, len(cases)),
        "reply_text_lenient": _ratio(lenient, len(cases)),
        "humans_as_machines": len(machines),
        "humans_as_machines_files": machines,
        "parse_failures": failed,
    }
    if failures:
        result["reply_text_missed"] = missed
    return result


def _bounce_details(parsed: ParsedMessage, expect: dict[str, Any]) -> dict[str, bool]:
    first = parsed.bounces[0] if parsed.bounces else None
    return {
        "recipient": first is not None and first.recipient == expect["recipient"],
        "status": first is not None and first.status == expect["status"],
        "permanent": first is not None and first.permanent == expect["permanent"],
    }


@dataclass
class _Tally:
    total: int = 0
    hits: int = 0

    def add(self, hit: bool) -> None:
        self.total += 1
        self.hits += hit

    @property
    def ratio(self) -> float | None:
        return _ratio(self.hits, self.total)


def score_machines(cases: list[Case], failures: bool) -> dict[str, Any]:
    tallies = {
        name: _Tally()
        for name in (
            "bounce",
            "recipient",
            "status",
            "permanent",
            "auto_reply",
            "out_of_office",
        )
    }
    machines: list[str] = []
    missed: dict[str, list[str]] = {name: [] for name in tallies}
    humans = failed = 0
    for case in cases:
        parsed = parse(case.raw)
        failed += _failed(parsed)
        expect = case.expect
        checks: dict[str, bool] = {}
        if expect["kind"] == "bounce":
            checks["bounce"] = parsed.kind == "bounce"
            checks.update(_bounce_details(parsed, expect))
        elif expect["kind"] == "auto_reply":
            checks["auto_reply"] = parsed.kind == "auto_reply"
            checks["out_of_office"] = checks["auto_reply"] and (
                parsed.out_of_office == expect["out_of_office"]
            )
        else:
            humans += 1
            if parsed.kind in MACHINE_KINDS:
                machines.append(case.name)
        for name, hit in checks.items():
            tallies[name].add(hit)
            if not hit:
                missed[name].append(case.name)
    result: dict[str, Any] = {
        "bounces": tallies["bounce"].total,
        "bounces_recognised": tallies["bounce"].ratio,
        "bounce_recipient": tallies["recipient"].ratio,
        "bounce_status": tallies["status"].ratio,
        "bounce_permanent": tallies["permanent"].ratio,
        "auto_replies": tallies["auto_reply"].total,
        "auto_replies_recognised": tallies["auto_reply"].ratio,
        "out_of_office": tallies["out_of_office"].ratio,
        "humans": humans,
        "humans_as_machines": len(machines),
        "humans_as_machines_files": machines,
        "parse_failures": failed,
    }
    if failures:
        result["missed"] = {name: files for name, files in missed.items() if files}
    return result


def score_own_corpus() -> dict[str, Any]:
    """``tests/fixtures/emails`` against its expected.json (kind and bounce)."""
    expected: dict[str, dict[str, Any]] = json.loads((OWN / "expected.json").read_text())
    wrong: list[str] = []
    for name, want in sorted(expected.items()):
        out = describe((OWN / name).read_bytes(), file=name, tracking_address=TRACKING)
        if any(out[key] != want[key] for key in ("kind", "bounce") if key in want):
            wrong.append(name)
    return {
        "messages": len(expected),
        "agree": _ratio(len(expected) - len(wrong), len(expected)),
        "disagree_files": wrong,
    }


def evaluate(split: str, failures: bool = False) -> dict[str, Any]:
    """Every figure of one split."""
    replies = score_replies(load(REPLIES, split), failures)
    machines = score_machines(load(MACHINES, split), failures)
    return {
        "split": split,
        "replies": replies,
        "machines": machines,
        "humans_as_machines": replies["humans_as_machines"] + machines["humans_as_machines"],
    }


def _all_raw() -> Iterator[bytes]:
    for corpus in (REPLIES, MACHINES):
        for case in load(corpus):
            yield case.raw
    for path in sorted(OWN.glob("*.eml")):
        yield path.read_bytes()


def speed(rounds: int = 5) -> dict[str, Any]:
    """``parse_message`` throughput over all three corpora: the best of ``rounds`` passes."""
    raws = list(_all_raw())
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for raw in raws:
            parse(raw)
        best = min(best, time.perf_counter() - start)
    return {"messages": len(raws), "msgs_per_s": round(len(raws) / best)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.eval.mail", description=__doc__)
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--failures", action="store_true", help="name the files that missed")
    parser.add_argument("--speed", action="store_true", help="also measure parse_message")
    args = parser.parse_args(argv)
    report = evaluate(args.split, args.failures)
    report["own_corpus"] = score_own_corpus()
    if args.speed:
        report["speed"] = speed()
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
