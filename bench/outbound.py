"""Outbound: queued summaries delivered by ``deliver_all`` beside a raw aiosmtplib loop.

Setup: N agreements made through the service (each queues a summary for its counterparty and
a copy for the owner), SQLite. The SMTP server is an aiosmtpd sink in its own process.
Ceiling: the very bytes of the outbox, sent with aiosmtplib on one reused connection
(median of 3). End to end: ``app.outbound.delivery.deliver_all`` once (claim, load, send over
one connection per batch, record each result with its state change and event).
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


def main(full: bool) -> dict[str, Any]:
    from sqlalchemy import select

    from app.db import Database
    from app.models import OutboxEntry, StoredMessage
    from app.outbound.delivery import deliver_all

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
        with workdir("outbound") as directory, database_url("sqlite", directory, "out") as url:
            settings = make_settings(
                url, directory / "data", smtp_url=f"smtp://127.0.0.1:{port}?tls=none"
            )
            db = Database(url)
            start = time.perf_counter()
            user_id, _ = make_user(db)
            create_agreements(settings, db, user_id, count)
            with db.transaction() as session:
                rows = session.execute(
                    select(OutboxEntry.envelope_from, OutboxEntry.recipients, StoredMessage.raw)
                    .join(StoredMessage, StoredMessage.id == OutboxEntry.message_row_id)
                    .order_by(OutboxEntry.id)
                ).all()
            messages = [(r[0], list(r[1]), bytes(r[2])) for r in rows]
            log(f"outbound setup: {len(messages)} messages in {time.perf_counter() - start:.1f} s")
            raw_runs = [len(messages) / asyncio.run(_raw_loop(port, messages)) for _ in range(3)]
            start = time.perf_counter()
            report = deliver_all(settings, db, max_batches=10_000)
            seconds = time.perf_counter() - start
            db.dispose()
    finally:
        smtpd.terminate()
        smtpd.wait(10)
    if report.sent != len(messages):
        raise RuntimeError(f"delivered {report.sent} of {len(messages)}: {report.errors[:3]}")
    rate = report.sent / seconds
    ceiling = median(raw_runs)
    mean_kb = sum(len(m[2]) for m in messages) / len(messages) / 1024
    return result(
        "outbound",
        {
            "agreements": count,
            "messages": len(messages),
            "mean_kb": round(mean_kb, 2),
            "db": "sqlite",
        },
        {"msgs_per_s": round(rate, 1), "seconds": round(seconds, 2), "sent": report.sent},
        {
            "what": "aiosmtplib sendmail of the same stored bytes, one reused connection, "
            "median of 3",
            "msgs_per_s": round(ceiling, 1),
            "runs": [round(r, 1) for r in raw_runs],
        },
        ratio=rate / ceiling,
        bar=">= 60% of the ceiling's msgs/s",
        meets_bar=rate / ceiling >= 0.6,
    )


if __name__ == "__main__":
    emit(main(full_mode(sys.argv[1:])))
