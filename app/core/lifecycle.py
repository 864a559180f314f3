"""The lifecycle of SPEC §2 as data: counterparty states, allowed moves, derived status."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class CpStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    CONFIRMED = "confirmed"
    CLARIFICATION_REQUESTED = "clarification_requested"
    DEEMED_ACCEPTED = "deemed_accepted"
    BOUNCED = "bounced"
    AWAY = "away"
    # The owner's word that a counterparty agreed, where Accord cannot prove the summary
    # reached them (a capture whose notices the owner turned off): never ``deemed_accepted``.
    OWNER_ATTESTED = "owner_attested"


class AgreementStatus(StrEnum):
    """What ``derive_status`` can return. SPEC §2 also names ``superseded``, but a revision
    is a new version of the same agreement ("v2 supersedes v1, keeps the history"): it is a
    version that is superseded (``AgreementVersion.status``), never an agreement, so the
    value is not offered where it could never match (README, API)."""

    QUEUED = "queued"
    AWAITING_REPLY = "awaiting_reply"
    ACCEPTED = "accepted"
    NEEDS_ATTENTION = "needs_attention"
    WITHDRAWN = "withdrawn"


S = CpStatus
# Each move records an event. Notes on the less obvious ones:
# - deemed_accepted -> confirmed / clarification_requested: a reply that reached the mailbox
#   before the deadline but was processed after it wins (SPEC §6), and a later human reply
#   is never ignored.
# - deemed_accepted -> bounced: a hard bounce after deemed acceptance revokes it.
# - away -> sent: the owner (or the policy) extends the deadline and lifts the hold.
# - sent -> owner_attested: see OWNER_ATTESTED; a later reply or bounce still counts.
TRANSITIONS: dict[CpStatus, frozenset[CpStatus]] = {
    S.PENDING: frozenset({S.SENT, S.BOUNCED}),
    S.SENT: frozenset(
        {
            S.CONFIRMED,
            S.CLARIFICATION_REQUESTED,
            S.DEEMED_ACCEPTED,
            S.BOUNCED,
            S.AWAY,
            S.OWNER_ATTESTED,
        }
    ),
    S.OWNER_ATTESTED: frozenset({S.CONFIRMED, S.CLARIFICATION_REQUESTED, S.BOUNCED}),
    S.AWAY: frozenset(
        {S.SENT, S.CONFIRMED, S.CLARIFICATION_REQUESTED, S.DEEMED_ACCEPTED, S.BOUNCED}
    ),
    S.CLARIFICATION_REQUESTED: frozenset({S.CONFIRMED, S.CLARIFICATION_REQUESTED}),
    S.CONFIRMED: frozenset({S.CLARIFICATION_REQUESTED}),
    S.DEEMED_ACCEPTED: frozenset({S.CONFIRMED, S.CLARIFICATION_REQUESTED, S.BOUNCED}),
    S.BOUNCED: frozenset(),
}

ATTENTION = frozenset({S.CLARIFICATION_REQUESTED, S.BOUNCED, S.AWAY})
ACCEPTING = frozenset({S.CONFIRMED, S.DEEMED_ACCEPTED, S.OWNER_ATTESTED})


def can_move(current: CpStatus, new: CpStatus) -> bool:
    return new in TRANSITIONS[current]


def derive_status(
    states: Iterable[CpStatus], *, withdrawn: bool = False, open_unverified: bool = False
) -> AgreementStatus:
    """The agreement's status follows from its (non-informational) counterparties' states."""
    if withdrawn:
        return AgreementStatus.WITHDRAWN
    states = list(states)
    if open_unverified or any(s in ATTENTION for s in states):
        return AgreementStatus.NEEDS_ATTENTION
    if states and all(s in ACCEPTING for s in states):
        return AgreementStatus.ACCEPTED
    if not states or all(s == S.PENDING for s in states):
        return AgreementStatus.QUEUED
    return AgreementStatus.AWAITING_REPLY
