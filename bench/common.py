"""Shared plumbing for the benchmarks: databases, settings, users, agreements, the JSON result.

Every benchmark is a module run as ``python -m bench.NAME [--full]`` that prints exactly one
JSON object on its last stdout line (progress goes to stderr). Setup is never timed.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import resource
import secrets
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

PG_ADMIN_URL = os.environ.get(
    "ACCORD_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def log(*parts: object) -> None:
    print("[bench]", *parts, file=sys.stderr, flush=True)


def full_mode(argv: list[str] | None = None) -> bool:
    return "--full" in (argv if argv is not None else sys.argv[1:])


def size(name: str, full: bool, full_value: int, small_value: int) -> int:
    """The size to run: BENCH_<NAME> overrides both defaults (for a partial --full run)."""
    override = os.environ.get(f"BENCH_{name.upper()}")
    return int(override) if override else (full_value if full else small_value)


def median(values: list[float]) -> float:
    return float(statistics.median(values))


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def current_rss_mb() -> float:
    return _status_mb("VmRSS")


def reset_peak_rss() -> None:
    """Start a new peak-RSS window (Linux: writing 5 to clear_refs resets VmHWM).

    ru_maxrss cannot be reset, and its peak is usually reached while importing, which would
    hide what the measured work itself needs.
    """
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def window_peak_rss_mb() -> float:
    """Peak RSS since the last ``reset_peak_rss`` (VmHWM)."""
    return _status_mb("VmHWM")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


def result(
    name: str,
    size: dict[str, Any],
    figures: dict[str, Any],
    ceiling: dict[str, Any],
    *,
    ratio: float | None,
    bar: str,
    meets_bar: bool | None,
) -> dict[str, Any]:
    return {
        "name": name,
        "size": size,
        "figures": figures,
        "ceiling": ceiling,
        "ratio": None if ratio is None else round(ratio, 3),
        "bar": bar,
        "meets_bar": meets_bar,
    }


def emit(obj: dict[str, Any]) -> None:
    print(json.dumps(obj, sort_keys=False), flush=True)


# --- databases ---------------------------------------------------------------------------


def _pg_url(name: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1) + (
        f"/{name}"
    )


@contextlib.contextmanager
def pg_database(label: str) -> Iterator[str]:
    """A throwaway ``accord_bench_*`` PostgreSQL database, migrated, dropped afterwards."""
    from app.migrate import upgrade

    name = f"accord_bench_{label}_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = _pg_url(name)
        upgrade(url)
        yield url
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def sqlite_database(directory: Path) -> Iterator[str]:
    from app.migrate import upgrade

    url = f"sqlite:///{directory / 'accord.db'}"
    upgrade(url)
    yield url


@contextlib.contextmanager
def database_copy(url: str, directory: Path, label: str) -> Iterator[str]:
    """A fresh copy of a loaded database (same rows), dropped afterwards: so a benchmark
    that consumes its data can be repeated on identical starting states."""
    if url.startswith("sqlite:///"):
        target = directory / f"copy-{label}.db"
        with (
            contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as source,
            contextlib.closing(sqlite3.connect(target)) as copy,
        ):
            source.backup(copy)
        try:
            yield f"sqlite:///{target}"
        finally:
            target.unlink(missing_ok=True)
        return
    original = url.rsplit("/", 1)[1]
    name = f"{original}_{label}"[:63]
    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{original}"')
    try:
        yield _pg_url(name)
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def database_url(kind: str, directory: Path, label: str) -> Iterator[str]:
    if kind == "postgresql":
        with pg_database(label) as url:
            yield url
    else:
        with sqlite_database(directory) as url:
            yield url


@contextlib.contextmanager
def workdir(prefix: str) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix=f"accord-bench-{prefix}-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def make_settings(url: str, data_dir: Path, **overrides: Any) -> Any:
    from app.config import Settings

    return Settings(
        database_url=url,
        data_dir=data_dir,
        tracking_address="track@accord.example.com",
        public_url="https://accord.example.com",
        inbound_secret="bench-secret",
        log_level="WARNING",
        _env_file=None,  # type: ignore[call-arg]
        **overrides,
    )


def make_user(db: Any, email: str = "anna@example.org", name: str = "Anna Berg") -> tuple[str, str]:
    """A user and an API key; returns (user_id, key)."""
    from app.users import service as users

    with db.transaction() as session:
        user = users.create_user(session, email=email, name=name, timezone="Europe/Berlin")
        key = users.create_key(session, user=user)
        return user.id, key.secret


SUMMARY = (
    "Dear {name},\n\nThanks for the call today. To summarize what we agreed:\n\n"
    "1. You send 10 qualified leads a week from the Q3 campaign, starting {week}.\n"
    "2. I follow up on each lead within two business days and report the outcome every Friday.\n"
    "3. If I close at least 1 deal in 10, the referral fee is 8% of the first-year contract; "
    "below that, we revisit the terms at the end of the quarter.\n"
    "4. Pricing above the standard discount needs your sign-off before I send a quote.\n\n"
    "If I missed anything or got something wrong, just reply to this email.\n\nBest,\nAnna"
)


def create_agreements(
    settings: Any, db: Any, user_id: str, count: int, *, per_transaction: int = 50
) -> None:
    """Agreements made the way the API makes them (service + outbox), in a few big commits."""
    from app.agreements import service
    from app.agreements.schemas import AgreementCreate
    from app.db import utcnow
    from app.models import User

    made = 0
    while made < count:
        with db.transaction() as session:
            owner = session.get(User, user_id)
            for _ in range(min(per_transaction, count - made)):
                made += 1
                data = AgreementCreate(
                    title=f"Q3 lead flow #{made}",
                    summary=SUMMARY.format(name=f"Mike {made}", week=f"week {made % 52 + 1}"),
                    counterparties=[
                        {"email": f"mike{made}@partner.example", "name": f"Mike {made}"}
                    ],
                    respond_within="5d",
                )
                now = utcnow()
                plan = service.plan_from_request(owner, data, now=now)
                service.create_agreement(
                    session, settings=settings, owner=owner, plan=plan, now=now
                )


def machine_info() -> dict[str, Any]:
    pg_version = None
    with contextlib.suppress(Exception), psycopg.connect(PG_ADMIN_URL, connect_timeout=3) as conn:
        row = conn.execute("SHOW server_version").fetchone()
        pg_version = row[0] if row else None
    dovecot = None
    with contextlib.suppress(Exception):
        dovecot = subprocess.run(
            ["dovecot", "--version"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
    wrk = shutil.which("wrk")
    load = os.getloadavg()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "host": socket.gethostname(),
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": pg_version,
        "dovecot": dovecot,
        "wrk": wrk is not None,
        "loadavg_at_start": [round(x, 2) for x in load],
    }


def _cpu_model() -> str | None:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return None


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def past(days: float) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


def run_child(args: list[str], timeout: float = 3600) -> dict[str, Any]:
    """Run ``python -m ...`` in a fresh process (clean RSS) and return its last JSON line."""
    proc = subprocess.run(
        [PYTHON, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{args} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    sys.stderr.write(proc.stderr)
    last = [line for line in proc.stdout.splitlines() if line.startswith("{")][-1]
    value: dict[str, Any] = json.loads(last)
    return value
