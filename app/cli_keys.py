"""``accord api-key``: a user's API keys from the command line (create with an optional
expiry, list with last use), for operators who have no key at hand."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.cli import one_transaction, print_new_key
from app.cli_setup import existing_database
from app.config import Settings
from app.db import utcnow
from app.errors import NotFound

if TYPE_CHECKING:
    from app.models import User


def _when(moment: object) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment is not None else "never"


def _user(session: Session, email: str) -> User:
    from app.users import service

    user = service.find_user_by_email(session, email=email)
    if user is None:
        raise NotFound(f"no user with address {email}")
    return user


def cmd_key_create(args: argparse.Namespace, settings: Settings) -> int:
    from app.users import service

    with one_transaction(existing_database(settings)) as session:
        user = _user(session, args.email)
        expires_at = service.key_expiry(days=args.expires_in, now=utcnow())
        new = service.create_key(session, user=user, name=args.name, expires_at=expires_at)
        out = {
            "id": new.key.id,
            "prefix": new.key.prefix,
            "expires_at": expires_at.isoformat() if expires_at else None,
            "api_key": new.secret,
        }
    created = f"created key {out['prefix']}... for {args.email}, expires: {_when(expires_at)}"
    print_new_key(out, as_json=args.json, created=created)
    return 0


def cmd_key_list(args: argparse.Namespace, settings: Settings) -> int:
    from app.users import service

    now = utcnow()
    with one_transaction(existing_database(settings)) as session:
        user = _user(session, args.email)
        rows = [
            {
                "id": key.id,
                "name": key.name,
                "prefix": key.prefix,
                "created_at": key.created_at.isoformat(),
                "last_used_at": key.last_used_at.isoformat() if key.last_used_at else None,
                "expires_at": key.expires_at.isoformat() if key.expires_at else None,
                "status": service.key_state(key, now=now),
                "_last": _when(key.last_used_at),
                "_expires": _when(key.expires_at),
            }
            for key in service.list_keys(session, user=user)
        ]
    for row in rows:
        if args.json:
            print(json.dumps({k: v for k, v in row.items() if not k.startswith("_")}))
        else:
            print(
                f"{row['prefix']}...  {row['status']:<8}  last used {row['_last']:<16}  "
                f"expires {row['_expires']:<16}  {row['name']}"
            )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = sub.add_parser("api-key", help="a user's API keys").add_subparsers(
        dest="key_cmd", required=True
    )
    create = keys.add_parser("create", help="create an API key and print it once")
    create.add_argument("email", help="the user's address")
    create.add_argument("--name", default="created by CLI")
    create.add_argument(
        "--expires-in", type=int, metavar="DAYS", help="the key stops working after DAYS days"
    )
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=cmd_key_create)
    listing = keys.add_parser("list", help="the user's keys: status, last use, expiry")
    listing.add_argument("email")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(handler=cmd_key_list)
