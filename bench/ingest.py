"""Ingest: realistic replies in a real Dovecot, polled end to end, beside raw fetch + parse.

Setup (untimed, in this process): a migrated database with N agreements whose summaries were
"delivered" (RecordingSender, so every counterparty is ``sent`` and has a hand-off), and a fresh
Dovecot account holding one reply per agreement: confirmations, clarifications, out-of-office
notices and DSN bounces, 2-6 KB with quoted history, built against the real summaries so they
match tokens and change state.

Measured, each in a fresh child process (so its peak RSS is the worker's own):
- ceiling: imapclient ``UID FETCH BODY.PEEK[]`` in batches of 200 + stdlib
  ``BytesParser(policy=email.policy.default).parsebytes`` of each message;
- end to end: ``app.inbound.poller.poll_mailbox`` (fetch, store raw, parse, match, classify,
  apply, queue owner alerts), on SQLite and on PostgreSQL, each run on a fresh copy of the
  loaded database.
Three ceiling runs and three end-to-end runs alternate, so both see the same machine; the
figures are medians.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench.common import (
    ROOT,
    SUMMARY,
    current_rss_mb,
    database_copy,
    database_url,
    emit,
    log,
    make_settings,
    make_user,
    median,
    peak_rss_mb,
    reset_peak_rss,
    result,
    run_child,
    size,
    window_peak_rss_mb,
    workdir,
)

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CONFIRMATIONS = [
    "Sounds good, confirmed.",
    "Yes, agreed.",
    "Confirmed.",
    "Looks good to me, confirmed.",
    "Yes, confirmed. Thanks Anna.",
]
CLARIFICATIONS = [
    "Mostly right, but point 3 should say 10%, not 8%. Can you fix that?",
    "Not quite: the leads start in October, not this week. Please correct it.",
    "I don't agree with point 4, sign-off was only for discounts above 20%.",
]
SIGNATURE = (
    "\n--\nMike Partner | Head of Partnerships | Partner Example Ltd\n"
    "+44 20 7946 0000 | https://partner.example\n"
    "This e-mail and any attachments are confidential and intended solely for the addressee. "
    "If you have received it in error, please notify the sender and delete it. " * 2
)
DISCLAIMER = (
    "\nPartner Example Ltd is registered in England and Wales under number 01234567, "
    "registered office 1 Example Street, London. We process personal data in line with our "
    "privacy notice at https://partner.example/privacy. Please consider the environment "
    "before printing this e-mail. Messages may be monitored for compliance purposes.\n"
) * 8


def build_replies(
    summaries: list[tuple[bytes, str]], seed: int = 7
) -> tuple[list[bytes], dict[str, int]]:
    """One inbound message per summary; the mix is 55/20/15/10 (confirm/clarify/OOO/bounce)."""
    from tests.app import mailfactory

    rng = random.Random(seed)
    out: list[bytes] = []
    mix = {"confirmation": 0, "clarification": 0, "auto_reply": 0, "bounce": 0}
    for summary, envelope_from in summaries:
        roll = rng.random()
        if roll < 0.55:
            kind = "confirmation"
            text = rng.choice(CONFIRMATIONS) + _signature(rng)
            out.append(mailfactory.reply(summary, text))
        elif roll < 0.75:
            kind = "clarification"
            text = rng.choice(CLARIFICATIONS) + _signature(rng)
            out.append(mailfactory.reply(summary, text))
        elif roll < 0.90:
            kind = "auto_reply"
            out.append(_padded_ooo(mailfactory.out_of_office(summary), rng))
        else:
            kind = "bounce"
            out.append(_padded_dsn(mailfactory.dsn(summary, envelope_from), summary))
        mix[kind] += 1
    return out, mix


def _signature(rng: random.Random) -> str:
    # Corporate signatures and disclaimers make up most of a real reply's own text; with the
    # quoted summary and headers this gives 2-6 KB.
    return SIGNATURE + DISCLAIMER[: rng.randint(0, len(DISCLAIMER))]


def _padded_ooo(raw: bytes, rng: random.Random) -> bytes:
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(msg, EmailMessage)
    text = (
        "Thank you for your message. I am out of the office until 30 June with limited access "
        "to email. For urgent matters please contact partners@partner.example.\n"
        + SIGNATURE
        * rng.randint(2, 5)
    )
    msg.set_content(text)
    return msg.as_bytes(policy=policy.SMTP)


def _padded_dsn(raw: bytes, summary: bytes) -> bytes:
    # Real MTAs often return the full original message; ours returns its headers, so pad
    # the human-readable part to a realistic size instead.
    text = b"I'm sorry to have to inform you that your message could not be delivered."
    filler = (
        text
        + b"\r\n\r\n"
        + b"For further assistance, please contact <postmaster@mx.example.com>. " * 30
    )
    return raw.replace(text, filler, 1)


class Dataset:
    """Summaries as Accord composes them, the replies to them, and a mailbox holding those.

    Built once per size and loaded identically into SQLite and PostgreSQL: agreement ``i``
    has the token and Message-ID its summary and replies carry.
    """

    def __init__(self, count: int, dovecot: Any, label: str) -> None:
        from bench.loader import _ref
        from mail.compose import Party, compose_summary
        from mail.ids import new_message_id, new_token
        from tests.servers.dovecot import ImapAccount

        start = time.perf_counter()
        self.count = count
        self.tokens = [new_token() for _ in range(count)]
        self.deadline = datetime.now(UTC) + timedelta(days=5)
        self.summaries: list[tuple[str, bytes, str, str]] = []
        for i, token in enumerate(self.tokens):
            message = compose_summary(
                owner=Party("anna@example.org", "Anna Berg"),
                tracking_address="track@accord.example.com",
                recipient=Party(f"mike{i}@partner.example", f"Mike {i}"),
                token=token,
                ref=_ref(i),
                title=f"Q3 lead flow #{i}",
                summary=SUMMARY.format(name="Mike", week="week 40"),
                deadline=self.deadline,
                recipient_tz=ZoneInfo("Europe/Berlin"),
                message_id=new_message_id("accord.example.com"),
                date=datetime.now(UTC) - timedelta(days=1),
            )
            self.summaries.append(
                (message.message_id, message.data, message.envelope_from, message.subject)
            )
        replies, self.mix = build_replies([(raw, env) for _, raw, env, _ in self.summaries])
        sizes = [len(r) / 1024 for r in replies]
        self.size_kb = {
            "mean": round(sum(sizes) / len(sizes), 2),
            "min": round(min(sizes), 2),
            "max": round(max(sizes), 2),
        }
        user = f"bench{label}{count}"
        self.account = ImapAccount(dovecot, user, dovecot.password_for(user))
        self.account.append_many(replies)
        log(f"ingest dataset n={count}: {time.perf_counter() - start:.1f} s")

    def load(self, db: Any) -> None:
        """The agreements (counterparties ``sent``, hand-off recorded) and their summaries."""
        from bench.loader import finish, load_agreements, load_summaries

        owner_id, _ = make_user(db)
        load_agreements(
            db,
            [owner_id],
            self.count,
            deadline=lambda i: self.deadline,
            tokens=self.tokens,
            message_ids=[s[0] for s in self.summaries],
            # When the summaries are dated: their bounces come within the week in which
            # Accord believes a bounce (app.inbound.decide.BOUNCE_WINDOW), as real ones do.
            handed_off=timedelta(days=1),
        )
        load_summaries(db, self.summaries)
        finish(db)


# --- child processes ---------------------------------------------------------------------


def child_ceiling(imap_url: str) -> dict[str, Any]:
    from imapclient import IMAPClient

    from mail.imap import parse_imap_url

    cfg = parse_imap_url(imap_url)
    parser = BytesParser(policy=policy.default)
    client = IMAPClient(cfg.host, cfg.port, ssl=False, timeout=60)
    client.login(cfg.user, cfg.password)
    client.select_folder("INBOX", readonly=True)
    uids = sorted(client.search(["ALL"]))
    fetch_s = parse_s = 0.0
    count = 0
    for i in range(0, len(uids), 200):
        t0 = time.perf_counter()
        data = client.fetch(uids[i : i + 200], [b"BODY.PEEK[]"])
        t1 = time.perf_counter()
        for item in data.values():
            parser.parsebytes(item[b"BODY[]"])
            count += 1
        parse_s += time.perf_counter() - t1
        fetch_s += t1 - t0
    client.logout()
    return {"messages": count, "fetch_s": fetch_s, "parse_s": parse_s, "rss_mb": peak_rss_mb()}


def child_e2e(db_url: str, imap_url: str, data_dir: str) -> dict[str, Any]:
    from app.db import Database
    from app.inbound.poller import poll_mailbox
    from app.inbound.prepare import helper_pool
    from mail.imap import ImapMailbox, parse_imap_url

    settings = make_settings(db_url, Path(data_dir), imap_url=imap_url)
    db = Database(db_url)
    # As in a running worker, whose mailbox loop starts the helper when it starts.
    helper_pool()[1].result(timeout=60)
    rss_before = current_rss_mb()
    reset_peak_rss()
    mailbox = ImapMailbox(parse_imap_url(imap_url))
    start, cpu_start = time.perf_counter(), time.process_time()
    try:
        report = poll_mailbox(settings, db, mailbox, owner="bench-worker")
    finally:
        mailbox.close()
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    db.dispose()
    helper = _helper_peak_rss_mb()
    return {
        "seconds": seconds,
        "poller_cpu_s": cpu_seconds,
        "fetched": report.fetched,
        "stored": report.stored,
        "by_status": report.processed.by_status,
        "rss_before_mb": rss_before,
        "rss_peak_mb": window_peak_rss_mb(),
        "rss_now_mb": current_rss_mb(),
        "helper_used": helper is not None,
        "helper_batches": report.helper_batches,
        "helper_peak_rss_mb": helper or 0.0,
    }


def _helper_peak_rss_mb() -> float | None:
    """Peak RSS of the ingest helper process (app.inbound.prepare), if the poll started one."""
    from app.inbound import prepare

    if prepare._pool is None:
        return None
    pool = prepare._pool[0]
    peak = 0.0
    for pid in list(pool._processes or {}):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]) / 1024)
    return peak


def _child(args: list[str]) -> dict[str, Any]:
    return run_child(["-m", "bench.ingest", "--child", *args])


def measure(kind: str, data: Dataset, repeats: int) -> dict[str, Any]:
    """``repeats`` pairs of (ceiling, end to end), interleaved so that both see the same
    machine; each end-to-end run polls a fresh copy of the same loaded database."""
    from app.db import Database

    with workdir(f"ingest-{kind}") as directory, database_url(kind, directory, "ingest") as db_url:
        db = Database(db_url)
        try:
            data.load(db)
        finally:
            db.dispose()
        url = data.account.url
        ceiling_runs: list[dict[str, Any]] = []
        e2e_runs: list[dict[str, Any]] = []
        for i in range(repeats):
            ceiling_runs.append(_child(["ceiling", url]))
            with database_copy(db_url, directory, f"run{i}") as run_url:
                e2e = _child(["e2e", run_url, url, str(directory / f"data{i}")])
            if e2e["fetched"] != data.count:
                raise RuntimeError(f"the poll fetched {e2e['fetched']} of {data.count}: {e2e}")
            e2e_runs.append(e2e)
        ceiling_rates = [c["messages"] / (c["fetch_s"] + c["parse_s"]) for c in ceiling_runs]
        fetch_rates = [c["messages"] / c["fetch_s"] for c in ceiling_runs]
        e2e_rates = [data.count / e["seconds"] for e in e2e_runs]
        middle = sorted(e2e_runs, key=lambda e: e["seconds"])[len(e2e_runs) // 2]
        return {
            "db": kind,
            "messages": data.count,
            "mix": data.mix,
            "size_kb": data.size_kb,
            "e2e_msgs_per_s": round(median(e2e_rates), 1),
            "e2e_runs": [round(r, 1) for r in e2e_rates],
            "e2e_seconds": round(middle["seconds"], 2),
            "by_status": middle["by_status"],
            "worker_rss_before_poll_mb": round(middle["rss_before_mb"], 1),
            "worker_peak_rss_mb": round(max(e["rss_peak_mb"] for e in e2e_runs), 1),
            "worker_rss_after_poll_mb": round(middle["rss_now_mb"], 1),
            "helper_process_used": all(e["helper_used"] for e in e2e_runs),
            "helper_peak_rss_mb": round(max(e["helper_peak_rss_mb"] for e in e2e_runs), 1),
            "ceiling_msgs_per_s": round(median(ceiling_rates), 1),
            "ceiling_runs": [round(r, 1) for r in ceiling_rates],
            "fetch_only_msgs_per_s": round(median(fetch_rates), 1),
            "ceiling_peak_rss_mb": round(max(c["rss_mb"] for c in ceiling_runs), 1),
        }


def main(full: bool) -> dict[str, Any]:
    from tests.servers.dovecot import DovecotServer, _dovecot_binary

    big = size("ingest_messages", full, 10_000, 120)
    small = big // 4
    binary = _dovecot_binary()
    if binary is None:
        raise SystemExit("Dovecot is not installed: apt-get install -y dovecot-imapd")
    with workdir("dovecot") as directory:
        server = DovecotServer(binary, directory)
        server.start()
        try:
            big_data = Dataset(big, server, "big")
            runs = {
                "sqlite": measure("sqlite", big_data, 3),
                "postgresql": measure("postgresql", big_data, 3),
            }
            del big_data
            runs["sqlite_small"] = measure("sqlite", Dataset(small, server, "small"), 3)
        finally:
            server.stop()
    ratios = {
        k: runs[k]["e2e_msgs_per_s"] / runs[k]["ceiling_msgs_per_s"]
        for k in ("sqlite", "postgresql")
    }
    # The worker's memory is the poller's and its helper's together.
    rss_small = sum(runs["sqlite_small"][k] for k in ("worker_peak_rss_mb", "helper_peak_rss_mb"))
    rss_big = sum(runs["sqlite"][k] for k in ("worker_peak_rss_mb", "helper_peak_rss_mb"))
    figures = {
        "sqlite_msgs_per_s": runs["sqlite"]["e2e_msgs_per_s"],
        "postgresql_msgs_per_s": runs["postgresql"]["e2e_msgs_per_s"],
        "ratio_sqlite": round(ratios["sqlite"], 3),
        "ratio_postgresql": round(ratios["postgresql"], 3),
        "peak_rss_mb_poller_plus_helper": {str(small): rss_small, str(big): rss_big},
        "rss_growth_mb": round(rss_big - rss_small, 1),
        "runs": runs,
    }
    ceiling = {
        "what": "imapclient UID FETCH BODY.PEEK[] in batches of 200 + "
        "BytesParser(policy=email.policy.default).parsebytes, same mailbox, median of 3 "
        "runs interleaved with the 3 end-to-end runs (each on a fresh copy of the database)",
        "sqlite_run_msgs_per_s": runs["sqlite"]["ceiling_msgs_per_s"],
        "postgresql_run_msgs_per_s": runs["postgresql"]["ceiling_msgs_per_s"],
        "fetch_only_msgs_per_s": runs["sqlite"]["fetch_only_msgs_per_s"],
    }
    # Flat: the larger mailbox may not cost more than 15% (or 10 MB) more RSS than the smaller.
    flat = rss_big - rss_small <= max(10.0, 0.15 * rss_small)
    return result(
        "ingest",
        {"messages": big, "memory_sizes": [small, big]},
        figures,
        ceiling,
        ratio=min(ratios.values()),
        bar="end-to-end >= 50% of ceiling msgs/s on SQLite and PostgreSQL; worker RSS flat",
        meets_bar=all(r >= 0.5 for r in ratios.values()) and flat,
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--child", nargs="+")
    ns = parser.parse_args()
    if ns.child:
        mode, *rest = ns.child
        emit(child_ceiling(*rest) if mode == "ceiling" else child_e2e(*rest))
    else:
        emit(main(ns.full))
