"""API: POST /v1/agreements under wrk (32 connections, 10 s, one uvicorn worker), beside a
bare FastAPI endpoint doing one ORM insert into the same kind of database; and GET
/v1/agreements with a large table, same load.

uvicorn runs as a subprocess (uvloop + httptools, no access log) with the app factory; the
database is SQLite (the default deployment). The load generator is wrk with a Lua script.

On a shared machine one 10-second run per side drifts with the neighbours' load, so POST runs
``PAIRS`` Accord/ceiling pairs back to back, alternating which goes first, and reports the
median of the pairs' ratios (and of each side's figures); GET runs ``PAIRS`` times and reports
the median. Each single run is the same as before: 32 connections for 10 s on a fresh server.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import (
    PYTHON,
    ROOT,
    database_url,
    emit,
    free_port,
    full_mode,
    log,
    make_user,
    median,
    result,
    size,
    wait_port,
    workdir,
)

BODY = {
    "title": "Q3 lead flow",
    "summary": "Dear Mike,\n\nWe agreed on 10 leads a week from you, and I close 1 deal in 10."
    "\n\nLet me know if I missed anything.",
    "counterparties": [{"email": "mike@partner.example", "name": "Mike"}],
    "respond_within": "5d",
}
DURATION = 10
CONNECTIONS = 32
PAIRS = 3
SERVERS = {  # side -> (uvicorn factory, path)
    "accord": ("bench.servers:accord_app", "/v1/agreements"),
    "bare": ("bench.servers:bare_app", "/insert"),
}


def _uvicorn(
    factory: str, env: dict[str, str], port: int, cwd: Path = ROOT
) -> subprocess.Popen[bytes]:
    """uvicorn serving ``factory`` of the checkout at ``cwd`` (uvicorn puts it first on
    ``sys.path``, so that checkout's ``app`` is served: ``bench.trees`` compares several)."""
    proc = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "uvicorn"),
            "--factory",
            factory,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--loop",
            "uvloop",
            "--http",
            "httptools",
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_port(port)
    return proc


def _wrk(url: str, script: Path, directory: Path) -> dict[str, Any]:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}s",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=DURATION + 60,
        check=True,
    ).stdout
    (directory / f"wrk-{script.stem}.txt").write_text(out)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", out, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    return {
        "req_per_s": rps,
        "requests": total,
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "p50_ms": _ms(pct["50"]),
        "p99_ms": _ms(pct["99"]),
    }


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()  # type: ignore[union-attr]
    return round(float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit], 2)


def _script(directory: Path, name: str, method: str, body: dict[str, Any] | None, key: str) -> Path:
    lines = [f'wrk.method = "{method}"', f'wrk.headers["Authorization"] = "Bearer {key}"']
    if body is not None:
        lines += [
            'wrk.headers["Content-Type"] = "application/json"',
            f"wrk.body = {json.dumps(json.dumps(body))}",
        ]
    path = directory / f"{name}.lua"
    path.write_text("\n".join(lines) + "\n")
    return path


def _run_server(
    factory: str, url_path: str, env: dict[str, str], script: Path, directory: Path
) -> dict[str, Any]:
    port = free_port()
    proc = _uvicorn(factory, env, port)
    try:
        return _wrk(f"http://127.0.0.1:{port}{url_path}", script, directory)
    finally:
        proc.terminate()
        proc.wait(20)


def _medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure's median over the runs, and the runs themselves."""
    keys = ("req_per_s", "p50_ms", "p99_ms")
    return {
        **{k: round(median([r[k] for r in runs]), 2) for k in keys},
        "requests": sum(r["requests"] for r in runs),
        "non_2xx": sum(r["non_2xx"] for r in runs),
        "runs": runs,
    }


def measure_post(kind: str, directory: Path) -> tuple[dict[str, Any], dict[str, Any], float]:
    from app.db import Database

    with database_url(kind, directory / kind, "api") as url:
        db = Database(url)
        _, key = make_user(db)
        db.dispose()
        env = {
            "ACCORD_DATABASE_URL": url,
            "ACCORD_DATA_DIR": str(directory / kind / "data"),
            "ACCORD_LOG_LEVEL": "WARNING",
            "ACCORD_TRACKING_ADDRESS": "track@accord.example.com",
        }
        post = _script(directory, f"post-{kind}", "POST", BODY, key)
        accord_runs, bare_runs, ratios = [], [], []
        for pair in range(PAIRS):
            order = ["accord", "bare"] if pair % 2 == 0 else ["bare", "accord"]
            runs = {side: _run_server(*SERVERS[side], env, post, directory) for side in order}
            accord_runs.append(runs["accord"])
            bare_runs.append(runs["bare"])
            ratios.append(runs["accord"]["req_per_s"] / runs["bare"]["req_per_s"])
            log(f"api: {kind} pair {pair + 1}: ratio {ratios[-1]:.3f}")
        return _medians(accord_runs), _medians(bare_runs), median(ratios)


def measure_get(count: int, directory: Path) -> dict[str, Any]:
    from app.db import Database
    from bench.loader import finish, load_agreements

    with database_url("sqlite", directory / "get", "get") as url:
        db = Database(url)
        owner, key = make_user(db)
        start = time.perf_counter()
        deadline = datetime.now(UTC) + timedelta(days=5)
        load_agreements(db, [owner], count, deadline=lambda i: deadline)
        finish(db)
        db.dispose()
        log(f"api: loaded {count} agreements in {time.perf_counter() - start:.1f} s")
        env = {
            "ACCORD_DATABASE_URL": url,
            "ACCORD_DATA_DIR": str(directory / "get" / "data"),
            "ACCORD_LOG_LEVEL": "WARNING",
        }
        get = _script(directory, "get", "GET", None, key)
        runs = [_run_server(*SERVERS["accord"], env, get, directory) for _ in range(PAIRS)]
        return _medians(runs)


def main(full: bool) -> dict[str, Any]:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    rows = size("api_rows", full, 100_000, 10_000)
    with workdir("api") as directory:
        for sub in ("sqlite", "postgresql", "get"):
            (directory / sub).mkdir()
        # BENCH_API_ONLY=post skips GET; post-sqlite / post-postgresql run one database's POST.
        only = os.environ.get("BENCH_API_ONLY", "")
        runs = {}
        if only in ("", "post", "post-sqlite"):
            runs["sqlite"] = measure_post("sqlite", directory)
        if full and only in ("", "post", "post-postgresql"):
            runs["postgresql"] = measure_post("postgresql", directory)
        listing = measure_get(rows, directory) if not only else {}
    ratios = {k: ratio for k, (_, _, ratio) in runs.items()}
    figures: dict[str, Any] = {}
    ceiling: dict[str, Any] = {
        "what": "bare FastAPI sync route, one ORM insert + commit via app.db.Database, "
        "same uvicorn settings, same wrk load and body",
        "pairs": PAIRS,
        "ratio_is": "median over the pairs of accord req/s / ceiling req/s",
    }
    for kind, (accord, bare, _) in runs.items():
        figures[f"post_{kind}"] = accord
        ceiling[kind] = bare
        figures[f"ratio_{kind}"] = round(ratios[kind], 3)
    figures["get_list"] = {"agreements_in_table": rows, **listing}
    return result(
        "api",
        {
            "connections": CONNECTIONS,
            "seconds": DURATION,
            "uvicorn_workers": 1,
            "get_rows": rows,
            "dbs": list(runs),
            "pairs": PAIRS,
        },
        figures,
        ceiling,
        ratio=min(ratios.values()),
        bar="POST >= 50% of the ceiling's req/s (p50/p99 reported); GET p99 reported",
        meets_bar=all(r >= 0.5 for r in ratios.values())
        and all(a["non_2xx"] == 0 for a, _, _ in runs.values()),
    )


if __name__ == "__main__":
    emit(main(full_mode(sys.argv[1:])))
