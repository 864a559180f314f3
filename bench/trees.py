"""POST /v1/agreements on SQLite, Accord and its ceiling, for several checkouts in the same hour.

    python -m bench.trees [--rounds N] [--seconds S] TREE [TREE ...]

Each TREE is a checkout of Accord (``git worktree add --detach /tmp/at-REV REV`` and a
``.venv`` link to this one's). Every round runs, for every tree and in alternating order,
its Accord server and its own bare ceiling (``bench.servers`` of that tree) on a fresh
database migrated by that tree, under the same wrk load as ``bench.api``. It prints each
side's median req/s and the ratios against the tree's own ceiling and against the first
tree's ceiling.

Why it exists: a ratio can move because the ceiling moved. The ceiling uses ``app.db`` of
its own tree; until ``60223bf`` that module numbered new rows in a ``before_flush`` hook, a
``SELECT max(id)`` before every ORM insert, which made the ceiling slower. Comparing the
trees' Accord rates in the same hour, and each against one fixed ceiling, separates the two.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from bench.api import BODY, SERVERS, _script, _uvicorn, _wrk
from bench.common import PYTHON, emit, free_port, log, median

_PREPARE = """
import sys
from app.db import Database
from app.migrate import upgrade
from bench.common import make_user
upgrade(sys.argv[1])
db = Database(sys.argv[1])
print(make_user(db)[1])
db.dispose()
"""


def _side(tree: Path, side: str, work: Path) -> float:
    url = f"sqlite:///{work / 'accord.db'}"
    key = subprocess.run(
        [PYTHON, "-c", _PREPARE, url], cwd=tree, capture_output=True, text=True, check=True
    ).stdout.split()[-1]
    env = {
        "ACCORD_DATABASE_URL": url,
        "ACCORD_DATA_DIR": str(work / "data"),
        "ACCORD_LOG_LEVEL": "WARNING",
        "ACCORD_TRACKING_ADDRESS": "track@accord.example.com",
    }
    factory, path = SERVERS[side]
    port = free_port()
    server = _uvicorn(factory, env, port, cwd=tree)
    try:
        run = _wrk(f"http://127.0.0.1:{port}{path}", _script(work, side, "POST", BODY, key), work)
    finally:
        server.terminate()
        server.wait(20)
    if run["non_2xx"]:
        raise SystemExit(f"{tree} {side}: {run['non_2xx']} failed requests")
    return float(run["req_per_s"])


def main(trees: list[Path], rounds: int) -> dict[str, Any]:
    rates: dict[tuple[str, str], list[float]] = {}
    sides = [(tree, side) for tree in trees for side in ("accord", "bare")]
    for number in range(rounds):
        for tree, side in sides if number % 2 == 0 else sides[::-1]:
            with tempfile.TemporaryDirectory(prefix="accord-bench-trees-") as work:
                rate = _side(tree, side, Path(work))
            rates.setdefault((str(tree), side), []).append(rate)
            log(f"trees: round {number + 1} {tree} {side}: {rate:.0f} req/s")
    fixed = median(rates[(str(trees[0]), "bare")])
    figures = {}
    for name in map(str, trees):
        accord, bare = median(rates[(name, "accord")]), median(rates[(name, "bare")])
        figures[name] = {
            "accord_req_per_s": round(accord, 1),
            "ceiling_req_per_s": round(bare, 1),
            "ratio_own_ceiling": round(accord / bare, 3),
            "ratio_first_tree_ceiling": round(accord / fixed, 3),
            "runs": {"accord": rates[(name, "accord")], "ceiling": rates[(name, "bare")]},
        }
    return {"benchmark": "trees", "rounds": rounds, "figures": figures}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    import bench.api

    bench.api.DURATION = args.seconds
    emit(main([tree.resolve() for tree in args.trees], args.rounds))
