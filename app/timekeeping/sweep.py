"""One sweep: deemed acceptance, reminders and digests that are due, each item on its own
savepoint, a group of items per transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.commitments import reminders as follow_up
from app.config import Settings
from app.db import Database, utcnow
from app.timekeeping import deemed, digest, reminders

log = logging.getLogger("accord.sweep")
BATCH = 500
GROUP = 25
MAX_ROUNDS = 10_000


@dataclass
class SweepReport:
    deemed: int = 0
    owner_asked: int = 0  # counterparties Accord cannot deem (see deemed.ask_owner)
    reminders: int = 0
    follow_through: int = 0  # commitment, review and overdue reminders to owners
    digests: int = 0
    failed: int = 0


# What finds a kind of due item (tuples of its arguments) and what handles one.
Find = Callable[[Session], Iterable[tuple[Any, ...]]]
Handle = Callable[..., bool]


def _each(database: Database, find: Find, handle: Handle, label: str) -> tuple[int, int]:
    """Run ``handle`` on every due item until none is left: ``GROUP`` items per transaction,
    each under its own savepoint, so an item that raises is rolled back alone and the others
    share one commit (a commit per item was about a third of an item's cost on PostgreSQL).
    Every handler re-checks its item under the agreement's lock, so an item whose group was
    lost to a crash is simply done again by the next sweep."""
    done = failed = 0
    for _ in range(MAX_ROUNDS):
        with database.transaction() as session:
            items = list(find(session))
        progress = 0
        for start in range(0, len(items), GROUP):
            group = items[start : start + GROUP]
            handled = errors = 0
            try:
                with database.transaction() as session:
                    for item in group:
                        try:
                            with session.begin_nested():
                                handled += bool(handle(session, *item))
                        except Exception:
                            errors += 1
                            log.exception("%s failed for %s; retried next sweep", label, item)
            except Exception:
                log.exception("%s: a group of %d could not be committed", label, len(group))
                failed += len(group)
                continue
            done += handled
            progress += handled
            failed += errors
        if progress == 0:
            break
    return done, failed


def sweep(
    settings: Settings, database: Database, *, now: Callable[[], datetime] = utcnow
) -> SweepReport:
    report = SweepReport()
    moment = now()

    def run(find: Find, handle: Handle, label: str) -> int:
        """``_each`` for one kind of item: how many were done; failures add to the report's."""
        done, failed = _each(database, find, handle, label)
        report.failed += failed
        return done

    def per_counterparty(handle: Callable[..., bool], **more: Any) -> Handle:
        """The handler of a deadline sweep's counterparty, called with what its finder
        yields (the counterparty's id and its agreement's)."""
        return lambda s, cp_id, agreement_id: handle(
            s, settings, cp_id=cp_id, agreement_id=agreement_id, now=moment, **more
        )

    with database.transaction() as session:
        synced = deemed.synced_through(session)
    if synced is not None:
        cutoff = min(moment, synced)
        report.deemed = run(
            lambda s: deemed.due_for_deemed(s, cutoff=cutoff, limit=BATCH),
            per_counterparty(deemed.deem, synced=synced),
            "deemed acceptance",
        )
        report.owner_asked = run(
            lambda s: deemed.due_for_owner(s, cutoff=cutoff, limit=BATCH),
            per_counterparty(deemed.ask_owner),
            "asking the owner",
        )
    report.reminders = run(
        lambda s: reminders.due_reminders(s, now=moment, limit=BATCH),
        per_counterparty(reminders.send_reminder),
        "reminder",
    )
    report.follow_through = run(
        lambda s: follow_up.candidates(s, now=moment, limit=BATCH),
        lambda s, agreement_id, what: follow_up.send(
            s, settings, agreement_id=agreement_id, what=what, now=moment
        ),
        "follow-through reminder",
    )
    report.digests = run(
        lambda s: [(u,) for u in digest.due_digests(s, now=moment, limit=BATCH)],
        lambda s, user_id: digest.send_digest(s, settings, user_id=user_id, now=moment),
        "digest",
    )
    return report
