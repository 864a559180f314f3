"""``accord`` subcommands for operators and scripts: one-shot jobs, parsing, the dev mailbox."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

import httpx

from app.cli_setup import existing_database
from app.config import Settings
from app.db import Database


def _plain(value: object) -> Any:
    """Reports (dataclasses, possibly inside dicts and lists) as JSON values, all the way
    down: a nested report must not come out as its Python repr."""
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    return value


def _print_report(name: str, report: object) -> None:
    data = _plain(report)
    print(
        json.dumps(
            {"job": name, **(data if isinstance(data, dict) else {"result": data})}, default=str
        )
    )


def _run_job(name: str, settings: Settings) -> int:
    from app.jobs import tasks

    jobs: dict[str, Callable[[Settings, Database], object]] = {
        "poll": tasks.poll_once,
        "deliver": tasks.deliver_once,
        "sweep": tasks.sweep_once,
    }
    job = jobs[name]
    database = existing_database(settings)
    try:
        _print_report(name, job(settings, database))
    finally:
        database.dispose()
    return 0


def cmd_job(args: argparse.Namespace, settings: Settings) -> int:
    if not args.once:
        print(f"use `accord {args.command} --once`, or `accord worker` to run it continuously")
        return 2
    return _run_job(args.command, settings)


def cmd_parse(args: argparse.Namespace, settings: Settings) -> int:
    from mail.inspect import describe_files

    failed = False
    # The worker's own settings (defaults included), so the output is what the worker sees.
    results = describe_files(
        args.files,
        tracking_address=settings.tracking_address,
        max_bytes=settings.max_message_bytes,
    )
    for result in results:
        failed = failed or "error" in result
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
        else:
            line = f"{result['file']}: {result.get('kind') or result.get('error')}"
            if result.get("classification"):
                line += f" ({result['classification']})"
            print(line)
    return 1 if failed else 0


def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    from app.db import utcnow
    from app.errors import NotFound
    from app.timekeeping.digest import build_digest, digest_context
    from app.users.service import find_user_by_email
    from mail.compose import render

    if not args.preview:
        print("use `accord digest --preview --user EMAIL` (digests are sent by the sweep)")
        return 2
    database = existing_database(settings)
    try:
        with database.transaction() as session:
            user = find_user_by_email(session, email=args.user)
            if user is None:
                raise NotFound(f"no user with address {args.user}")
            digest = build_digest(session, settings, user, now=utcnow())
            context = {**digest_context(settings, digest), "subject": "Your weekly Accord digest"}
            text, _html = render("digest", context)
    finally:
        database.dispose()
    print(text)
    return 0


def cmd_mail(args: argparse.Namespace, settings: Settings) -> int:
    """List or show messages in the development mailbox (outbound 'sent', inbound 'inbox')."""
    from email import policy
    from email.parser import BytesHeaderParser

    from app.cli_setup import NotSetUp, existing_devbox
    from mail.devbox import DevBox
    from mail.readable import readable

    box = DevBox(existing_devbox(settings, args.folder))
    if args.uid is not None:
        if args.uid not in box.uids():
            raise NotSetUp(f"no message {args.uid} in {box.path} (`accord mail {args.folder}`)")
        raw = box.read(args.uid).raw
        if args.raw:
            sys.stdout.buffer.write(raw)
        else:
            print(readable(raw), end="")
        return 0
    uids = box.uids()
    if not uids:
        print(f"no messages in {box.path}", file=sys.stderr)
    for uid in uids:
        message = box.read(uid)
        headers = BytesHeaderParser(policy=policy.default).parsebytes(message.raw)
        print(
            f"{uid:>5}  {message.received_at:%Y-%m-%d %H:%M}  {headers['To']!s:<36}  "
            f"{headers['Subject']}"
        )
    return 0


def cmd_verify(args: argparse.Namespace, _settings: Settings) -> int:
    """Check an evidence bundle offline: only the zip is read (no database, no settings),
    and the server's public key when ``--key`` names a file or a URL."""
    from app.evidence.verify import verify_bundle

    key = None
    if args.key:
        try:
            key = _read_key(args.key)
        except (OSError, httpx.HTTPError) as exc:
            print(f"FAILED: cannot read the key {args.key}: {exc}", file=sys.stderr)
            return 1
    witnesses = []
    for path in args.witness or []:
        try:
            witnesses.append((path, Path(path).read_bytes()))
        except OSError as exc:
            print(f"FAILED: cannot read the witness {path}: {exc}", file=sys.stderr)
            return 1
    tsa_cert = None
    if args.tsa_cert:
        try:
            tsa_cert = Path(args.tsa_cert).read_bytes()
        except OSError as exc:
            print(f"FAILED: cannot read the TSA certificate: {exc}", file=sys.stderr)
            return 1
    report = verify_bundle(args.bundle, key=key, witnesses=witnesses, tsa_cert=tsa_cert)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    elif report.ok:
        print(report.summary())
    else:
        print(report.summary(), file=sys.stderr)
        for problem in report.problems[1:]:
            print(f"  also: {problem}", file=sys.stderr)
    return 0 if report.ok else 1


def _read_key(where: str) -> bytes:
    if where.startswith(("https://", "http://")):
        response = httpx.get(where, timeout=10, follow_redirects=True)
        response.raise_for_status()
        body = response.content
        if response.headers.get("content-type", "").startswith("application/json"):
            body = response.json()["public_key_pem"].encode("ascii")
        return body
    return Path(where).read_bytes()


def cmd_keys(args: argparse.Namespace, settings: Settings) -> int:
    """The public key that seals chain heads (the private key never leaves the server)."""
    from app.cli_setup import WHERE, NotSetUp
    from app.core.seal import key_id, public_pem
    from app.keys import SIGNING_KEY_FILE, signing_key

    stored = (settings.data_dir / SIGNING_KEY_FILE).resolve()
    if not settings.signing_key and not stored.is_file():
        # Making one here would print a key that seals nothing.
        raise NotSetUp(
            f"no signing key at {stored} (the server makes it on first start): {WHERE}, "
            "or ACCORD_SIGNING_KEY"
        )
    public = signing_key(settings).public_key()
    if args.json:
        print(
            json.dumps(
                {
                    "algorithm": "Ed25519",
                    "key_id": key_id(public),
                    "public_key_pem": public_pem(public),
                }
            )
        )
    else:
        print(f"Ed25519 key {key_id(public)}")
        print(public_pem(public), end="")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name, text in (
        ("poll", "read the tracking mailbox"),
        ("deliver", "send what the outbox holds"),
        ("sweep", "deadlines, reminders and digests that are due"),
    ):
        job = sub.add_parser(name, help=text)
        job.add_argument("--once", action="store_true", help="one run, then exit")
        job.set_defaults(handler=cmd_job)

    parse = sub.add_parser("parse", help="show what the pipeline sees in .eml files (no database)")
    parse.add_argument("files", nargs="+")
    parse.add_argument("--json", action="store_true", help="one JSON object per line")
    parse.set_defaults(handler=cmd_parse)
    verify = sub.add_parser("verify", help="check an evidence bundle offline (no database)")
    verify.add_argument("bundle", help="the zip from GET /v1/agreements/{id}/evidence")
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    verify.add_argument(
        "--key",
        metavar="FILE|URL",
        help="the server's public key (PEM), e.g. "
        "https://accord.example.com/.well-known/accord-signing-key.pem",
    )
    verify.add_argument(
        "--witness",
        metavar="FILE",
        action="append",
        help="a receipt or deemed notice as received (.eml or text), whose seal line the "
        "bundle's chain must pass through (repeatable)",
    )
    verify.add_argument(
        "--tsa-cert",
        metavar="FILE",
        help="the RFC 3161 time-stamping authority's certificate or its CA (PEM or DER): the "
        "bundle's timestamp must chain to it (without it, the TSA is only named)",
    )
    verify.set_defaults(handler=cmd_verify)
    keys = sub.add_parser("keys", help="the public key that seals chain heads")
    keys.add_argument("action", choices=["show"])
    keys.add_argument("--json", action="store_true")
    keys.set_defaults(handler=cmd_keys)

    digest = sub.add_parser("digest", help="preview a user's weekly digest")
    digest.add_argument("--preview", action="store_true")
    digest.add_argument("--user", required=True, metavar="EMAIL")
    digest.set_defaults(handler=cmd_digest)

    mail = sub.add_parser("mail", help="the development mailbox (when no SMTP/IMAP is set)")
    mail.add_argument("folder", choices=["sent", "inbox"], nargs="?", default="sent")
    mail.add_argument("uid", type=int, nargs="?", help="show this message, decoded")
    mail.add_argument("--raw", action="store_true", help="the message's bytes as stored")
    mail.set_defaults(handler=cmd_mail)
