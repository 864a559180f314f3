"""Commitments and dates a summary's text seems to hold ("if I deliver X by June", "at my
semi-annual review", "bis Ende März"), found with ``dateparser``, for the owner to accept
or edit in the dashboard. Only ever a suggestion: nothing here is written anywhere."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import dateparser

# A date follows one of these words: "by June", "until 30 June", "bis Ende März".
_LEAD = re.compile(
    r"\b(?P<lead>by|until|till|before|no later than|bis(?: zum| spätestens)?|spätestens)\s+"
    r"(?:the\s+)?(?P<end>end of\s+|ende\s+|the end of\s+)?",
    re.IGNORECASE,
)
_REVIEW = re.compile(
    r"\b(?:at|in|during|for|bei|im|beim|in meinem|zum)\s+(?:my|our|the|your|his|her|"
    r"meinem|unserem|dem|next|nächsten)?\s*(?:next\s+)?(?P<kind>[\w-]+\s+)?"
    r"(?P<word>review|appraisal|evaluation|mitarbeitergespräch|jahresgespräch|"
    r"leistungsbeurteilung)\b",
    re.IGNORECASE,
)
_CLAUSES = re.compile(
    r"(?<=[.;:!?])\s+|,\s*(?:and\s+|then\s+|und\s+|dann\s+)?|\s+(?:and then|then|dann)\s+"
    r"|\s+(?:and|und)\s+(?=(?:you|he|she|we|they|the|du|sie|er|wir|ich|i)\b)",
    re.IGNORECASE,
)
_STOP = frozenset({"and", "und", "or", "oder", "then", "dann", "if", "wenn"})
_OWNER = re.compile(r"^(?:if\s+|once\s+|when\s+|wenn\s+|falls\s+)?(?:i|ich)\b", re.IGNORECASE)
_LEADING = re.compile(
    r"^(?:(?:so\s+|and\s+|then\s+|if\s+|once\s+|when\s+|wenn\s+|falls\s+)*)"
    r"(?:(?:ich|i|you|we|wir|sie|du)\b)?\s*(?:(?:can|will|would|shall|kann|werde|wird)\b)?\s*",
    re.IGNORECASE,
)
_LANGUAGES = ["en", "de"]
MAX_WORDS = 4


@dataclass(frozen=True)
class Suggestion:
    by: str  # "owner" or a counterparty's address
    what: str
    due: date | None
    phrase: str  # the words the date (or review) was read from
    kind: str  # commitment | review


def _parse(text: str, now: datetime, *, end: bool) -> date | None:
    settings = {
        "PREFER_DATES_FROM": "future",
        "PREFER_DAY_OF_MONTH": "last" if end or not re.search(r"\d", text) else "first",
        "RELATIVE_BASE": now.replace(tzinfo=None),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    found = dateparser.parse(text, languages=_LANGUAGES, settings=settings)
    return found.date() if found else None


def _dated(clause: str, now: datetime) -> tuple[date, str, str] | None:
    """The first date after a lead word in ``clause``: (date, the phrase, the clause without
    it)."""
    for lead in _LEAD.finditer(clause):
        words = clause[lead.end() :].split()
        for n, word in enumerate(words):
            if word.lower().strip(".,;:!?") in _STOP:
                words = words[:n]
                break
        for count in range(min(MAX_WORDS, len(words)), 0, -1):
            candidate = " ".join(words[:count]).rstrip(".,;:!?")
            day = _parse(candidate, now, end=bool(lead["end"]))
            if day is not None:
                phrase = f"{clause[lead.start() : lead.end()]}{candidate}".strip()
                rest = clause.replace(phrase, "").strip(" ,.;")
                return day, phrase, rest
    return None


def _what(clause: str) -> str:
    text = _LEADING.sub("", clause.strip(" ,.;")).strip()
    return " ".join(text.split())[:300]


def suggest(summary: str, *, counterparty: str, now: datetime) -> list[Suggestion]:
    """What the summary seems to commit each side to, with dates where it names them. A
    clause whose subject is "I" is the owner's; any other is ``counterparty``'s."""
    found: list[Suggestion] = []
    review_seen = False
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", summary):
        for clause in _CLAUSES.split(sentence):
            clause = clause.strip()
            if not clause:
                continue
            by = "owner" if _OWNER.match(clause) else counterparty
            review = _REVIEW.search(clause)
            dated = _dated(clause, now)
            if dated is not None:
                day, phrase, rest = dated
                found.append(Suggestion(by, _what(rest), day, phrase, "commitment"))
            elif review is not None:
                found.append(Suggestion(by, _what(clause), None, review.group(0), "commitment"))
            if review is not None and not review_seen:
                review_seen = True
                found.append(Suggestion("owner", "Review", None, review.group(0), "review"))
    return found
