"""Outbound: queued summaries delivered by ``deliver_all`` beside a raw aiosmtplib loop.

Setup: N agreements made through the service (each queues a summary for its counterparty and
a copy for the owner), SQLite. The SMTP server is an aiosmtpd sink in its own process.
Ceiling: the very bytes of the outbox, sent with aiosmtplib on one reused connection.
End to end: ``app.outbound.delivery.deliver_all`` (claim, compose the summaries queued as
drafts and store their bytes, send over one connection, record each result with its state
change and event).

Three runs, each on a fresh setup: the ceiling and Accord's run back to back (alternating
which goes first), so each pair sees the same load on a shared machine; each figure is the
median of its three runs. (Until 2026-11: one Accord run after three ceiling runs.)
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from typing import Any

from bench.common import (
    PYTHON,
    ROOT,
    create_agreements,
    database_url,
    emit,
    free_port,
    full_mode,
    log,
    make_settings,
    make_user,
    median,
    result,
    size,
    wait_port,
    workdir,
)


async def _raw_loop(port: int, messages: list[tuple[str, list[str], bytes]]) -> float:
    import aiosmtplib

    client = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False, use_tls=False)
    start = time.perf_counter()
    await client.connect()
    for sender, recipients, data in messages:
        await client.sendmail(sender, recipients, data)
    await client.quit()
    return time.perf_counter() - start


RUNS = 3


def _setup(settings: Any, db: Any, count: int) -> list[tuple[str, list[str], bytes]]:
    """N agreements through the service; returns the outbox's (from, to, bytes) in id order
    (the summaries stay drafts in the database: delivery composes them, timed)."""
    from sqlalchemy import select

    from app.models import OutboxEntry, StoredMessage
    from app.outbound.drafts import compose_drafts

    start = time.perf_counter()
    user_id, _ = make_user(db)
    create_agreements(settings, db, user_id, count)
    with db.sessions() as session:
        # The ceiling sends the bytes delivery will compose from the summaries' drafts; they
        # are composed here and rolled back, so the timed delivery composes them itself.
        compose_drafts(session, settings)
        rows = session.execute(
            select(OutboxEntry.envelope_from, OutboxEntry.recipients, StoredMessage.raw)
            .join(StoredMessage, StoredMessage.id == OutboxEntry.message_row_id)
            .order_by(OutboxEntry.id)
        ).all()
        session.rollback()
    messages = [(r[0], list(r[1]), bytes(r[2])) for r in rows]
    log(f"outbound setup: {len(messages)} messages in {time.perf_counter() - start:.1f} s")
    return messages


def _pair(port: int, count: int, run: int) -> tuple[float, float, int, float]:
    """One fresh setup, then its ceiling and Accord's run back to back (alternating which
    goes first), so both see the same load on this shared machine.

    Returns (Accord msgs/s, ceiling msgs/s, messages, mean KB).
    """
    from app.db import Database
    from app.outbound.delivery import deliver_all

    with workdir("outbound") as directory, database_url("sqlite", directory, "out") as url:
        settings = make_settings(
            url, directory / "data", smtp_url=f"smtp://127.0.0.1:{port}?tls=none"
        )
        db = Database(url)
        try:
            messages = _setup(settings, db, count)

            def accord() -> float:
                start = time.perf_counter()
                report = deliver_all(settings, db, max_batches=10_000)
                seconds = time.perf_counter() - start
                if report.sent != len(messages):
                    raise RuntimeError(
                        f"delivered {report.sent} of {len(messages)}: {report.errors[:3]}"
                    )
                return report.sent / seconds

            def ceiling() -> float:
                return len(messages) / asyncio.run(_raw_loop(port, messages))

            if run % 2 == 0:
                raw, rate = ceiling(), accord()
            else:
                rate, raw = accord(), ceiling()
        finally:
            db.dispose()
    mean_kb = sum(len(m[2]) for m in messages) / len(messages) / 1024
    log(f"outbound run {run + 1}: Accord {rate:.1f} msgs/s, ceiling {raw:.1f} msgs/s")
    return rate, raw, len(messages), mean_kb


def main(full: bool) -> dict[str, Any]:
    count = size("outbound_agreements", full, 2_000, 100)
    port = free_port()
    smtpd = subprocess.Popen(
        [PYTHON, "-m", "bench.servers", "smtp", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_port(port)
        pairs = [_pair(port, count, run) for run in range(RUNS)]
    finally:
        smtpd.terminate()
        smtpd.wait(10)
    rates = [p[0] for p in pairs]
    raw_runs = [p[1] for p in pairs]
    messages, mean_kb = pairs[0][2], pairs[0][3]
    rate, ceiling = median(rates), median(raw_runs)
    return result(
        "outbound",
        {
            "agreements": count,
            "messages": messages,
            "mean_kb": round(mean_kb, 2),
            "db": "sqlite",
        },
        {
            "msgs_per_s": round(rate, 1),
            "seconds": round(messages / rate, 2),
            "sent": messages,
            "what": f"deliver_all end to end, median of {RUNS} runs, each on a fresh setup",
            "runs": [round(r, 1) for r in rates],
        },
        {
            "what": "aiosmtplib sendmail of the same stored bytes, one reused connection, "
            f"median of {RUNS} (each run beside one of Accord's, on that run's bytes)",
            "msgs_per_s": round(ceiling, 1),
            "runs": [round(r, 1) for r in raw_runs],
            "pair_ratios": [round(a / c, 3) for a, c in zip(rates, raw_runs, strict=True)],
        },
        ratio=rate / ceiling,
        bar=">= 60% of the ceiling's msgs/s",
        meets_bar=rate / ceiling >= 0.6,
    )


if __name__ == "__main__":
    emit(main(full_mode(sys.argv[1:])))
