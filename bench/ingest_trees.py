"""Ingest on SQLite for several checkouts in the same hour, with CPU per message and per phase.

    python -m bench.ingest_trees [--messages N] [--rounds R] [--phase MODULE.NAME ...] TREE ...

Each TREE is a checkout of Accord (``git worktree add --detach /tmp/at-REV REV`` and a
``.venv`` link to this one's). One Dovecot mailbox holds N benchmark replies (``bench.ingest``
of this checkout builds them); each tree migrates and loads its own database with its own
code, then every round polls a fresh copy of it once per tree, in alternating order, in a
child process with the ingest helper on, as ``bench.ingest`` does. It prints, per tree, the
median msgs/s and the CPU milliseconds per message of the poller and of its helper process,
and of each ``--phase`` (a function looked up by name in its module, timed with
``time.process_time`` around every call; a name a tree lacks is skipped).

Why it exists: the rate is a sum of many small costs shared by three processes on two cores.
CPU time per message and per phase, measured side by side, says which of them changed.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import os
import pickle
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import PYTHON, database_copy, emit, log, median, workdir


def _helper_cpu_s() -> float:
    """CPU seconds used so far by the ingest helper processes of this worker."""
    from app.inbound import prepare

    if prepare._pool is None:
        return 0.0
    total = 0.0
    for pid in list(prepare._pool[0]._processes or {}):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _timed(phases: list[str], spent: dict[str, float]) -> None:
    for name in phases:
        module_name, attribute = name.rsplit(".", 1)
        try:
            module = importlib.import_module(module_name)
            original = getattr(module, attribute)
        except (ImportError, AttributeError):
            continue

        def timer(original: Callable[..., Any] = original, name: str = name) -> Callable[..., Any]:
            @functools.wraps(original)
            def call(*args: Any, **kwargs: Any) -> Any:
                start = time.process_time()
                try:
                    return original(*args, **kwargs)
                finally:
                    spent[name] = spent.get(name, 0.0) + time.process_time() - start

            return call

        setattr(module, attribute, timer())


def child_poll(db_url: str, imap_url: str, data_dir: str, phases: list[str]) -> dict[str, Any]:
    from app.db import Database
    from app.inbound.poller import poll_mailbox
    from app.inbound.prepare import helper_pool
    from bench.common import make_settings
    from mail.imap import ImapMailbox, parse_imap_url

    spent: dict[str, float] = {}
    _timed(phases, spent)
    settings = make_settings(db_url, Path(data_dir), imap_url=imap_url)
    db = Database(db_url)
    helper_pool()[1].result(timeout=60)
    helper_before = _helper_cpu_s()
    mailbox = ImapMailbox(parse_imap_url(imap_url))
    start, cpu_start = time.perf_counter(), time.process_time()
    try:
        report = poll_mailbox(settings, db, mailbox, owner="bench-trees")
    finally:
        mailbox.close()
    return {
        "seconds": time.perf_counter() - start,
        "poller": time.process_time() - cpu_start,
        "helper": _helper_cpu_s() - helper_before,
        "fetched": report.fetched,
        "phases": spent,
    }


def child_load(url: str, data_file: str) -> dict[str, Any]:
    from types import SimpleNamespace

    from app.db import Database
    from app.migrate import upgrade
    from bench.ingest import Dataset

    with open(data_file, "rb") as handle:
        data = pickle.load(handle)
    upgrade(url)
    db = Database(url)
    try:
        Dataset.load(SimpleNamespace(**data), db)  # type: ignore[arg-type]
    finally:
        db.dispose()
    return {"loaded": data["count"]}


def _child(tree: Path, *args: str) -> dict[str, Any]:
    # This file by path (an older tree has no copy of it), everything else from the tree.
    done = subprocess.run(
        [PYTHON, __file__, "--child", *args],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"{tree}: {done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main(trees: list[Path], messages: int, rounds: int, phases: list[str]) -> dict[str, Any]:
    from bench.ingest import Dataset
    from tests.servers.dovecot import DovecotServer, _dovecot_binary

    binary = _dovecot_binary()
    if binary is None:
        raise SystemExit("Dovecot is not installed: apt-get install -y dovecot-imapd")
    runs: dict[str, list[dict[str, Any]]] = {str(t): [] for t in trees}
    with workdir("ingest-trees") as directory:
        server = DovecotServer(binary, directory)
        server.start()
        try:
            data = Dataset(messages, server, "trees")
            data_file = directory / "data.pickle"
            fields = ("count", "deadline", "tokens", "summaries")
            with open(data_file, "wb") as handle:
                pickle.dump({name: getattr(data, name) for name in fields}, handle)
            urls = {}
            for number, tree in enumerate(trees):
                urls[tree] = f"sqlite:///{directory / f'tree{number}.db'}"
                _child(tree, "load", urls[tree], str(data_file))
            for number in range(rounds):
                for tree in trees if number % 2 == 0 else trees[::-1]:
                    label = f"r{number}t{trees.index(tree)}"
                    with database_copy(urls[tree], directory, label) as url:
                        run = _child(
                            tree, "poll", url, data.account.url, str(directory / label), *phases
                        )
                    if run["fetched"] != messages:
                        raise SystemExit(f"{tree} fetched {run['fetched']} of {messages}")
                    runs[str(tree)].append(run)
                    log(f"ingest-trees: round {number + 1} {tree}: {run['seconds']:.2f} s")
        finally:
            server.stop()

    def per_message(values: list[float]) -> float:
        return round(median(values) / messages * 1000, 3)

    figures = {}
    for name, tree_runs in runs.items():
        figures[name] = {
            "msgs_per_s": round(messages / median([r["seconds"] for r in tree_runs]), 1),
            "runs_msgs_per_s": [round(messages / r["seconds"], 1) for r in tree_runs],
            "poller_cpu_ms_per_msg": per_message([r["poller"] for r in tree_runs]),
            "helper_cpu_ms_per_msg": per_message([r["helper"] for r in tree_runs]),
            "phases_cpu_ms_per_msg": {
                phase: per_message([r["phases"].get(phase, 0.0) for r in tree_runs])
                for phase in phases
                if any(phase in r["phases"] for r in tree_runs)
            },
        }
    return {"benchmark": "ingest_trees", "messages": messages, "rounds": rounds, "figures": figures}


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        mode, *rest = sys.argv[2:]
        if mode == "load":
            emit(child_load(*rest))
        else:
            db_url, imap_url, data_dir, *phase_names = rest
            emit(child_poll(db_url, imap_url, data_dir, phase_names))
        sys.exit(0)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs="+", type=Path)
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--phase", action="append", default=[])
    args = parser.parse_args()
    emit(main([t.resolve() for t in args.trees], args.messages, args.rounds, args.phase))
