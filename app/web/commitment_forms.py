"""Commitments as the dashboard's forms take them: one a line, ``who | what | date``."""

from __future__ import annotations

from datetime import datetime

from pydantic import ValidationError

from app.commitments.schemas import CommitmentIn
from app.commitments.suggest import Suggestion, suggest
from app.errors import Invalid

MINE = frozenset({"me", "i", "owner", "ich"})


def parse_commitments(text: str) -> list[CommitmentIn]:
    """``me | Deliver X | 2027-06-30`` or ``john@example.com | Give Y | 2027-07-15``; the
    date may be left out."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) not in (2, 3) or not parts[1]:
            raise Invalid(f'commitment line {number}: write "who | what | 2027-06-30"')
        who = "owner" if parts[0].lower() in MINE else parts[0]
        try:
            found.append(
                CommitmentIn(
                    by=who, what=parts[1], due=(parts[2] if len(parts) == 3 else None) or None
                )
            )
        except ValidationError as exc:
            raise Invalid(f"commitment line {number}: {exc.errors()[0]['msg']}") from exc
    return found


def suggestion_lines(suggestions: list[Suggestion]) -> str:
    """Suggested commitments as lines of the form, for the owner to edit."""
    lines = []
    for s in suggestions:
        if s.kind != "commitment":
            continue
        who = "me" if s.by == "owner" else s.by
        lines.append(f"{who} | {s.what} | {s.due.isoformat() if s.due else ''}".rstrip(" |"))
    return "\n".join(lines)


def suggestions_for(summary: str, counterparties: str, now: datetime) -> list[Suggestion]:
    first = next(
        (w for w in counterparties.replace("<", " ").replace(">", " ").split() if "@" in w), ""
    )
    return suggest(summary, counterparty=first.lower() or "counterparty", now=now)
