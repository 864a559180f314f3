"""``bench/run``: every benchmark in its own process, one JSON line each, then results.json."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from typing import Any

from bench.common import PYTHON, ROOT, log, machine_info

BENCHMARKS = ["ingest", "api", "outbound", "sweep", "digest"]


def run(name: str, full: bool) -> dict[str, Any]:
    args = [PYTHON, "-m", f"bench.{name}"] + (["--full"] if full else [])
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    wall = round(time.perf_counter() - start, 1)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"name": name, "error": f"exit {proc.returncode}", "wall_seconds": wall}
    value: dict[str, Any] = json.loads(lines[-1])
    value["wall_seconds"] = wall
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="the issue's sizes")
    parser.add_argument("names", nargs="*", help=f"a subset of {', '.join(BENCHMARKS)}")
    ns = parser.parse_args()
    unknown = set(ns.names) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    machine = machine_info()
    overrides = {k: v for k, v in os.environ.items() if k.startswith("BENCH_")}
    results = []
    for name in ns.names or BENCHMARKS:
        log(f"running {name}{' --full' if ns.full else ''}")
        value = run(name, ns.full)
        print(json.dumps(value), flush=True)
        results.append(value)
    machine["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    command = "bench/run" + (" --full" if ns.full else "") + "".join(f" {n}" for n in ns.names)
    run_info = {
        "command": command,
        "full": ns.full,
        "size_overrides": overrides,
        "machine": machine,
    }
    for value in results:
        value["run"] = run_info
    path = ROOT / "bench" / "results.json"
    if ns.names and path.exists():
        # A subset replaces its own entries and keeps the others (each says which run it is).
        previous = json.loads(path.read_text())
        kept = [r for r in previous.get("results", []) if r.get("name") not in ns.names]
        results = sorted(kept + results, key=lambda r: BENCHMARKS.index(r["name"]))
    out = {"latest_command": command, "machine": machine, "results": results}
    path.write_text(json.dumps(out, indent=2) + "\n")
    if any("error" in r for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
