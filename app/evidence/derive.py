"""What the event chain says of an agreement's state, replayed from its events alone.

Used by ``accord verify`` to hold the readable parts of a bundle (the statuses and
classifications in timeline.json, hence timeline.html) to the chain: the operator holds the
signing key and can re-sign any file, but not the chain the counterparties' receipts witness.

Every counterparty starts ``pending`` when the ``created`` or ``revised`` event that lists it
is written; each move is an event naming the counterparty with ``from`` and ``to``
(``app.core.record.plan_move``). A counterparty belongs to the version its summary's
``queued`` event names, and a move naming that summary is of that version; any other move is
of the latest version that has the counterparty in the state the move starts from. The
agreement's status is then what ``app.core.record.status_of`` makes of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.lifecycle import AgreementStatus, CpStatus, can_move
from app.core.record import status_of

_STATES = frozenset(str(s) for s in CpStatus)


@dataclass(frozen=True)
class _Party:
    """A counterparty as ``status_of`` reads it (``app.core.record.Party``)."""

    id: int
    email: str
    name: str
    status: str
    informational: bool
    version_id: int
    summary_message_id: str | None = None


@dataclass
class Derived:
    """The state the chain leads to."""

    statuses: dict[tuple[int, str], str] = field(default_factory=dict)  # (version, email)
    informational: dict[tuple[int, str], bool] = field(default_factory=dict)
    version: int | None = None  # the current version
    withdrawn: bool = False
    # Per Message-ID: the classification its latest event recorded.
    classifications: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # moves that do not follow

    def agreement_status(self, *, open_unverified: bool) -> AgreementStatus:
        parties = [
            _Party(i, email, email, status, self.informational[(version, email)], version)
            for i, ((version, email), status) in enumerate(self.statuses.items())
        ]
        return status_of(
            parties,
            current_version_id=self.version,
            withdrawn=self.withdrawn,
            open_unverified=open_unverified,
        )


def derive(events: Sequence[Mapping[str, Any]]) -> Derived:
    """Replay ``events`` (timeline.json's, in order)."""
    derived = Derived()
    version_of_summary: dict[str, int] = {}
    for event in events:
        data = event.get("data")
        data = data if isinstance(data, dict) else {}
        kind, email, message_id = (
            event.get("type"),
            event.get("counterparty"),
            event.get("message_id"),
        )
        if kind in ("created", "revised") and isinstance(data.get("version"), int):
            _open_version(derived, data)
        elif kind == "withdrawn":
            derived.withdrawn = True
        elif kind == "queued" and email and message_id and isinstance(data.get("version"), int):
            version_of_summary[str(message_id)] = data["version"]
        if email and data.get("from") in _STATES and data.get("to") in _STATES:
            _move(derived, event, str(email), data, version_of_summary.get(str(message_id)))
        if message_id and isinstance(data.get("classification"), str):
            derived.classifications[str(message_id)] = data["classification"]
    return derived


def _open_version(derived: Derived, data: Mapping[str, Any]) -> None:
    version = data["version"]
    derived.version = version
    for party in data.get("counterparties") or []:
        if isinstance(party, dict) and isinstance(party.get("email"), str):
            key = (version, party["email"])
            derived.statuses[key] = str(CpStatus.PENDING)
            derived.informational[key] = bool(party.get("informational"))


def _move(
    derived: Derived,
    event: Mapping[str, Any],
    email: str,
    data: Mapping[str, Any],
    summary_version: int | None,
) -> None:
    start, to = data["from"], data["to"]
    versions = sorted((v for v, e in derived.statuses if e == email), reverse=True)
    if summary_version is not None:
        versions = [v for v in versions if v == summary_version]
    version = next((v for v in versions if derived.statuses[(v, email)] == start), None)
    if version is None or not can_move(CpStatus(start), CpStatus(to)):
        held = ", ".join(f"v{v} {derived.statuses[(v, email)]}" for v in versions) or "nothing"
        derived.problems.append(
            f"event {event.get('seq')} ({event.get('type')}) moves {email} from {start} to "
            f"{to}, but the events before it leave them at {held}"
        )
        if not versions:
            return
        version = versions[0]
    derived.statuses[(version, email)] = to
