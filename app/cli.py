"""The ``accord`` command."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from app.cli_setup import NotSetUp, existing_database
from app.config import Settings, listening_on
from app.core.addresses import own_domains
from app.db import Database
from app.errors import DevSmtpPortTaken, DomainError
from app.files import private_dir
from app.logs import configure as configure_logs

Handler = Callable[[argparse.Namespace, Settings], int]
# Commands that run the service or its jobs log structured lines; the rest (parse, verify,
# user ...) print results for a person or a script and leave logging alone.
LOGGING_COMMANDS = frozenset({"serve", "worker", "migrate", "poll", "deliver", "sweep"})
# Long-running commands, which exit as soon as they stopped (see main).
SERVICE_COMMANDS = frozenset({"serve", "worker"})


def _database(settings: Settings) -> Database:
    """The database as ``migrate`` and ``serve`` see it: created when missing."""
    return Database(settings.resolved_database_url)


@contextmanager
def one_transaction(database: Database) -> Iterator[Session]:
    """A command's whole use of ``database``: one transaction, then its connections closed."""
    try:
        with database.transaction() as session:
            yield session
    finally:
        database.dispose()


def print_new_key(out: dict[str, Any], *, as_json: bool, created: str) -> None:
    """A command's report of the API key it made: ``out`` as JSON, or the line ``created``
    and the key, which is never shown again."""
    if as_json:
        print(json.dumps(out))
    else:
        print(created)
        print(f"API key (shown once, store it now): {out['api_key']}")


def cmd_migrate(_args: argparse.Namespace, settings: Settings) -> int:
    from app.migrate import upgrade

    upgrade(settings.resolved_database_url)
    print(f"database at head: {settings.resolved_database_url.split('@')[-1]}")
    return 0


# Longer than clients' and proxies' idle timeouts (see cmd_serve).
KEEP_ALIVE_SECONDS = 75


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from app.jobs.worker import check_dev_smtp_port
    from app.main import create_app
    from app.migrate import upgrade

    settings = listening_on(settings, host=args.host, port=args.port)
    if not args.no_worker:
        check_dev_smtp_port(settings)
    if not args.no_migrate:
        upgrade(settings.resolved_database_url)
    _first_user(settings)
    app = create_app(settings, run_worker=not args.no_worker)
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=settings.log_level.lower(),
        # Idle keep-alive connections are closed by the client or the proxy in front, never
        # by us first: uvicorn's default (5 s) equals common clients' own idle timeout, and a
        # request sent just as the server closes the connection fails with no response.
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        # Forwarded headers are believed only from ACCORD_TRUSTED_PROXIES (app.api.proxies);
        # uvicorn's own default believes any loopback peer.
        proxy_headers=False,
    )
    return 0


def cmd_worker(_args: argparse.Namespace, settings: Settings) -> int:
    import signal

    from app.jobs.worker import Worker

    private_dir(settings.data_dir)
    database = existing_database(settings)
    worker = Worker(settings, database)
    signal.signal(signal.SIGTERM, lambda *_: worker.request_stop())
    try:
        worker.run_forever()
    finally:
        database.dispose()
    return 0


def _first_user(settings: Settings) -> None:
    """On an empty database, create an admin and print their API key (shown once)."""
    from app.users import service

    with one_transaction(_database(settings)) as session:
        if service.list_users(session):
            return
        user = service.create_user(
            session,
            email=settings.bootstrap_email,
            name="Accord admin",
            is_admin=True,
            internal=own_domains(settings),
        )
        secret = service.create_key(session, user=user, name="first key").secret
    print(f"Created the first user {settings.bootstrap_email} (admin).", file=sys.stderr)
    print(f"API key (shown once, store it now): {secret}", file=sys.stderr)


def cmd_user_create(args: argparse.Namespace, settings: Settings) -> int:
    from app.users import service

    with one_transaction(existing_database(settings)) as session:
        user = service.create_user(
            session,
            email=args.email,
            name=args.name,
            timezone=args.tz,
            is_admin=args.admin,
            internal=own_domains(settings),
        )
        new = service.create_key(session, user=user, name="created by CLI")
        out = {"id": user.id, "email": user.email, "name": user.name, "api_key": new.secret}
    print_new_key(out, as_json=args.json, created=f"created user {out['email']} ({out['id']})")
    return 0


def cmd_user_list(_args: argparse.Namespace, settings: Settings) -> int:
    from app.users import service

    with one_transaction(existing_database(settings)) as session:
        for user in service.list_users(session):
            admin = " (admin)" if user.is_admin else ""
            print(f"{user.id}  {user.email}  {user.name}  {user.timezone}{admin}")
    return 0


def cmd_health(_args: argparse.Namespace, settings: Settings) -> int:
    from app.migrate import head_revision

    try:
        existing_database(settings).dispose()
    except NotSetUp as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"ok: database reachable, migrations at {head_revision()}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="accord", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the API (and the worker, unless --no-worker)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--no-worker", action="store_true", help="API only")
    serve.add_argument("--no-migrate", action="store_true", help="do not migrate at start")
    serve.set_defaults(handler=cmd_serve)

    sub.add_parser("worker", help="run the jobs only").set_defaults(handler=cmd_worker)
    sub.add_parser("migrate", help="upgrade the database").set_defaults(handler=cmd_migrate)
    sub.add_parser("health", help="check the database").set_defaults(handler=cmd_health)

    user = sub.add_parser("user", help="manage users").add_subparsers(
        dest="user_cmd", required=True
    )
    create = user.add_parser("create", help="create a user and print their first API key")
    create.add_argument("email")
    create.add_argument("--name", required=True)
    create.add_argument("--tz", default="UTC", help="IANA time zone, e.g. Europe/Berlin")
    create.add_argument("--admin", action="store_true")
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=cmd_user_create)
    user.add_parser("list", help="list users").set_defaults(handler=cmd_user_list)

    from app import cli_jobs, cli_keys

    cli_jobs.register(sub)
    cli_keys.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings()
        if args.command in LOGGING_COMMANDS:
            configure_logs(settings.log_level, json_lines=settings.log_json)
        handler: Handler = args.handler
        code = handler(args, settings)
        if args.command in SERVICE_COMMANDS:
            # Exit promptly: the interpreter's last garbage collections walk every object
            # the service ever made, about 2 s of a stop on a loaded 2-core machine (a stop
            # must take under 2 s); frozen objects are skipped, and nothing needs collecting.
            gc.freeze()
        return code
    except DomainError as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return 2
    except (DevSmtpPortTaken, NotSetUp) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `accord parse ... | head`: the reader left; that is not an error.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
