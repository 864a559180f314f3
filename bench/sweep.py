"""Deadline sweep on PostgreSQL: the same number of due items in a large and a 10x smaller
table; one ``app.timekeeping.sweep.sweep`` each. Cost should follow the due items, not the
table, so the two times should be about equal (the large table is the "figure", the small one
the "ceiling").

Setup (untimed): users, agreements, versions and counterparties bulk-loaded with COPY;
counterparties ``sent`` with a recorded hand-off; every ``table // due``-th one has its
deadline in the past, the rest in the future; the tracking mailbox is synced through now.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.common import database_url, emit, full_mode, log, make_settings, result, size, workdir


def _explain(db: Any, cutoff: datetime) -> list[str]:
    from sqlalchemy import text

    from app.timekeeping import deemed
    from app.timekeeping.deemed import due_for_deemed  # noqa: F401  (the query explained)

    stmt = None
    captured: list[Any] = []

    class _Capture:
        def execute(self, statement: Any) -> list[Any]:
            captured.append(statement)
            return []

    deemed.due_for_deemed(_Capture(), cutoff=cutoff, limit=500)  # type: ignore[arg-type]
    stmt = captured[0]
    compiled = stmt.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True})
    with db.engine.connect() as conn:
        rows = conn.execute(text(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {compiled}"))
        return [r[0] for r in rows]


def run_one(table: int, due: int) -> dict[str, Any]:
    from app.db import Database
    from app.models import MailboxState
    from app.timekeeping.sweep import sweep
    from bench.loader import finish, load_agreements, load_users

    with workdir("sweep") as directory, database_url("postgresql", directory, "sweep") as url:
        db = Database(url)
        now = datetime.now(UTC)
        start = time.perf_counter()
        owners = load_users(db, max(1, table // 1000), next_digest_at=now + timedelta(days=3))
        step = table // due
        past = now - timedelta(hours=1)
        future = now + timedelta(days=5)
        load_agreements(db, owners, table, deadline=lambda i: past if i % step == 0 else future)
        with db.transaction() as session:
            session.add(MailboxState(key="tracking", last_uid=0, synced_through=now))
        finish(db)
        log(f"sweep setup table={table} due={due}: {time.perf_counter() - start:.1f} s")
        settings = make_settings(url, directory / "data")
        plan = _explain(db, now)
        start = time.perf_counter()
        report = sweep(settings, db)
        seconds = time.perf_counter() - start
        db.dispose()
    if report.deemed != due:
        raise RuntimeError(f"deemed {report.deemed} of {due} ({report})")
    return {
        "table": table,
        "due": due,
        "deemed": report.deemed,
        "failed": report.failed,
        "seconds": round(seconds, 2),
        "due_per_s": round(due / seconds, 1),
        "explain_due_query": plan,
    }


def main(full: bool) -> dict[str, Any]:
    big = size("sweep_table", full, 1_000_000, 100_000)
    small = big // 10
    due = size("sweep_due", full, big // 100, 200)
    large = run_one(big, due)
    smaller = run_one(small, due)
    ratio = large["seconds"] / smaller["seconds"]
    index_used = any(
        "ix_counterparties_status_deadline" in line for line in large["explain_due_query"]
    )
    return result(
        "sweep",
        {"tables": [big, small], "due": due, "db": "postgresql"},
        large,
        {"what": "the same sweep with the same due items in a 10x smaller table", **smaller},
        ratio=ratio,
        bar="the two sweeps take about the same time (ratio <= 1.5) and the due query uses "
        "ix_counterparties_status_deadline",
        meets_bar=ratio <= 1.5 and index_used,
    )


if __name__ == "__main__":
    emit(main(full_mode(sys.argv[1:])))
