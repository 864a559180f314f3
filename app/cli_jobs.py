"""``accord`` subcommands for operators: one-shot jobs, parsing and the dev mailbox."""

from __future__ import annotations

import argparse
import json
import sys

from app.config import Settings


def cmd_parse(args: argparse.Namespace, settings: Settings) -> int:
    from mail.inspect import describe_files

    tracking = settings.tracking_address if "ACCORD_TRACKING_ADDRESS" in _env() else None
    failed = False
    for result in describe_files(args.files, tracking_address=tracking):
        failed = failed or "error" in result
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
        else:
            print(f"{result['file']}: {result.get('kind')} {result.get('classification') or ''}")
    return 1 if failed else 0


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parse = sub.add_parser("parse", help="show what the pipeline sees in .eml files (no database)")
    parse.add_argument("files", nargs="+")
    parse.add_argument("--json", action="store_true", help="one JSON object per line")
    parse.set_defaults(handler=cmd_parse)
