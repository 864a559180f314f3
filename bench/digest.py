"""Weekly digests on PostgreSQL: U users with 20 agreements each, every digest due; one
``app.timekeeping.sweep.sweep`` builds and queues them all. Time and the process's peak RSS.

Each user's 20 agreements: 12 awaiting a reply (future deadline), 4 accepted this week,
2 needing attention (a clarification was asked), 2 accepted a month ago (not in the digest).
The sweep runs in a fresh child process so its peak RSS is the digest work's own.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import (
    current_rss_mb,
    database_url,
    emit,
    log,
    make_settings,
    reset_peak_rss,
    result,
    run_child,
    size,
    window_peak_rss_mb,
    workdir,
)

PER_USER = 20


def _status(i: int) -> tuple[str, str, datetime]:
    now = datetime.now(UTC)
    slot = (i // 1) % PER_USER
    if slot < 12:
        return "awaiting_reply", "sent", now - timedelta(days=10)
    if slot < 16:
        return "accepted", "confirmed", now - timedelta(days=2)
    if slot < 18:
        return "needs_attention", "clarification_requested", now - timedelta(days=1)
    return "accepted", "confirmed", now - timedelta(days=30)


def child(url: str, data_dir: str, users: int) -> dict[str, Any]:
    from sqlalchemy import func, select

    from app.db import Database
    from app.models import OutboxEntry
    from app.timekeeping.sweep import sweep

    db = Database(url)
    settings = make_settings(url, Path(data_dir))
    rss_before = current_rss_mb()
    reset_peak_rss()
    start = time.perf_counter()
    report = sweep(settings, db)
    seconds = time.perf_counter() - start
    with db.transaction() as session:
        queued = session.scalar(select(func.count()).where(OutboxEntry.kind == "digest"))
    db.dispose()
    return {
        "digests": report.digests,
        "queued": queued,
        "failed": report.failed,
        "seconds": seconds,
        "rss_before_mb": rss_before,
        "rss_peak_mb": window_peak_rss_mb(),
        "rss_now_mb": current_rss_mb(),
    }


def run(users: int) -> dict[str, Any]:
    from app.db import Database
    from bench.loader import finish, load_agreements, load_users

    with workdir("digest") as directory, database_url("postgresql", directory, "digest") as url:
        db = Database(url)
        start = time.perf_counter()
        now = datetime.now(UTC)
        owners = load_users(db, users, next_digest_at=now - timedelta(minutes=5))
        # Round-robin over owners: agreement i belongs to owner i % users and has slot
        # (i // users) % 20 within that owner's twenty.
        total = users * PER_USER
        load_agreements(
            db,
            owners,
            total,
            agreement_status=lambda i: _status(i // users)[0],
            cp_status=lambda i: _status(i // users)[1],
            updated_at=lambda i: _status(i // users)[2],
            deadline=lambda i: now + timedelta(days=3),
        )
        finish(db)
        db.dispose()
        log(f"digest setup users={users}: {time.perf_counter() - start:.1f} s")
        out = run_child(["-m", "bench.digest", "--child", url, str(directory / "data"), str(users)])
    if out["digests"] != users:
        raise RuntimeError(f"{out['digests']} digests for {users} users: {out}")
    return out


def main(full: bool, users: int | None = None) -> dict[str, Any]:
    users = users or size("digest_users", full, 10_000, 300)
    out = run(users)
    figures = {
        "digests": out["digests"],
        "seconds": round(out["seconds"], 2),
        "digests_per_s": round(out["digests"] / out["seconds"], 1),
        "worker_rss_before_mb": round(out["rss_before_mb"], 1),
        "worker_peak_rss_mb": round(out["rss_peak_mb"], 1),
        "worker_rss_after_mb": round(out["rss_now_mb"], 1),
        "rss_growth_mb": round(out["rss_peak_mb"] - out["rss_before_mb"], 1),
    }
    return result(
        "digest",
        {"users": users, "agreements_per_user": PER_USER, "db": "postgresql"},
        figures,
        {"what": "none: time and peak memory are reported as measured"},
        ratio=None,
        bar="time and peak memory reported (no ratio bar in the issue)",
        meets_bar=None,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--users", type=int)
    parser.add_argument("--child", nargs=3)
    ns = parser.parse_args()
    if ns.child:
        print(json.dumps(child(ns.child[0], ns.child[1], int(ns.child[2]))))
    else:
        emit(main(ns.full, ns.users))
