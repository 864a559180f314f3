"""The worker: APScheduler ticks the periodic jobs; the database decides who does what.

Each job opens its own sessions and isolates each item, so one bad item never stops the rest.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from apscheduler.schedulers.background import BackgroundScheduler

from app.config import Settings
from app.db import Database

log = logging.getLogger("accord.worker")

Job = Callable[[Settings, Database], object]


def scheduled_jobs(settings: Settings) -> list[tuple[str, Job, float]]:
    from app.jobs import tasks

    return [
        ("deliver", tasks.deliver_once, settings.deliver_interval_seconds),
        ("poll", tasks.poll_once, settings.poll_interval_seconds),
        ("sweep", tasks.sweep_once, settings.sweep_interval_seconds),
    ]


class Worker:
    def __init__(self, settings: Settings, database: Database) -> None:
        self.settings = settings
        self.database = database
        self.scheduler = BackgroundScheduler(timezone="UTC")
        self._stopped = threading.Event()

    def _guarded(self, name: str, job: Job) -> Callable[[], None]:
        def run() -> None:
            try:
                job(self.settings, self.database)
            except Exception:
                log.exception("job %s failed; it runs again at its next tick", name)

        return run

    def start(self) -> None:
        for name, job, interval in scheduled_jobs(self.settings):
            self.scheduler.add_job(
                self._guarded(name, job),
                "interval",
                seconds=interval,
                id=name,
                max_instances=1,
                coalesce=True,
                next_run_time=None,
            )
            self.scheduler.get_job(name).modify(next_run_time=_now())
        self.scheduler.start()
        log.info("worker started")

    def stop(self) -> None:
        self._stopped.set()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)

    def run_forever(self) -> None:
        self.start()
        try:
            self._stopped.wait()
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()


def _now():  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime.now(UTC)
