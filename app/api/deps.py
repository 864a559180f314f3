"""Request dependencies: one session and transaction per request, the current user.

Most routes take SessionDep and UserDep. The busiest ones (creating and listing agreements)
take AsUserDep instead, which does the same work in one trip to the thread pool.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Annotated, TypeVar

import anyio
from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from app.api import auth
from app.api.keycache import recent_keys_of
from app.api.ratelimit import FailedKey
from app.config import Settings
from app.db import Database
from app.errors import KeyExpired, Unauthorized
from app.models import User

T = TypeVar("T")

_bearer = HTTPBearer(auto_error=False, description="An API key: `Bearer acc_...`")


# The dependencies that do no I/O are ``async def``: FastAPI runs sync dependencies in its
# thread pool, and each of those hops costs more than the work itself.


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_database(request: Request) -> Database:
    database: Database = request.app.state.db
    return database


async def get_session(db: Annotated[Database, Depends(get_database)]) -> AsyncIterator[Session]:
    """The request's session: committed when the handler returns, rolled back if it raises.

    Opening the session and its transaction does no I/O (the connection is taken at the first
    statement), so it happens on the event loop; the commit or rollback runs in the thread
    pool like the handler.
    """
    transaction = db.transaction()
    session = transaction.__enter__()
    try:
        yield session
    except BaseException as exc:
        # Shielded: even a cancelled request must give its connection back.
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(transaction.__exit__, type(exc), exc, exc.__traceback__)
        raise
    await anyio.to_thread.run_sync(transaction.__exit__, None, None, None)


def get_user(
    request: Request,
    session: Annotated[Session, Depends(get_session, scope="function")],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    key = _KeyCheck.of(request, credentials)
    return key.authenticate(session)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@dataclass(frozen=True)
class _KeyCheck:
    """A presented API key and the address it came from (where a failure is counted)."""

    secret: str
    client: str

    @classmethod
    def of(cls, request: Request, credentials: HTTPAuthorizationCredentials | None) -> _KeyCheck:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise Unauthorized("missing API key (Authorization: Bearer acc_...)")
        return cls(credentials.credentials, _client(request))

    def authenticate(self, session: Session) -> User:
        # A valid key is always looked up and served: failures are limited (after this
        # request's transaction ends, app.api.ratelimit), never the key's owner.
        try:
            return auth.authenticate(session, secret=self.secret)
        except KeyExpired:
            raise  # a real key past its date, not a guess: said as such, not counted
        except Unauthorized as exc:
            raise FailedKey(exc.detail, client=self.client, secret=self.secret) from None

    def in_own_transaction(self, db: Database) -> None:
        with db.transaction() as session:
            self.authenticate(session)


@dataclass(frozen=True)
class AsUser:
    """A request's work as its user: authenticated, done and committed in one transaction
    and one trip to the thread pool.

    A sync route with SessionDep and UserDep takes three trips (the key lookup, the handler,
    the commit) and holds the database connection in between, while the request waits for
    the event loop to schedule its next step; with SQLite's single connection every request
    in flight queues behind those waits. ``run`` holds the connection only while its one
    thread runs. The key is checked inside that transaction, so revoking it or disabling its
    user refuses the very next request; ``get_as_user`` has already refused a missing or
    unknown key before the body was validated, as UserDep does (``app.api.keycache``).
    """

    db: Database
    key: _KeyCheck
    threads: anyio.CapacityLimiter

    async def run(self, work: Callable[[Session, User], T]) -> T:
        return await anyio.to_thread.run_sync(self._run, work, limiter=self.threads)

    def _run(self, work: Callable[[Session, User], T]) -> T:
        with self.db.transaction() as session:
            return work(session, self.key.authenticate(session))


async def get_as_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> AsUser:
    key = _KeyCheck.of(request, credentials)
    db = await get_database(request)
    recent = recent_keys_of(request.app.state)
    if key.secret not in recent:
        await anyio.to_thread.run_sync(key.in_own_transaction, db)
        recent.add(key.secret)
    return AsUser(db, key, _threads_for(request.app.state, db))


# Threads the busy routes use at once on a server database: enough that some are always
# waiting on the network while one runs Python, few enough that they do not queue for the GIL
# after every round trip (bench/api.py PostgreSQL POST, 32 connections: the default pool of
# 40 threads spent ~3.9-4.1 ms of CPU per request, 4 threads ~3.5 ms; req/s +5-10%).
SERVER_DB_THREADS = 4


def _threads_for(state: object, db: Database) -> anyio.CapacityLimiter:
    """SQLite has one connection (app.db): one thread at a time can use it, so the others
    wait on the event loop, not as threads blocked in the pool, whose every hand-over wakes a
    thread and moves the GIL (bench/api.py, three interleaved pairs: POST p99 ~450 -> ~300 ms,
    ratio to the ceiling 0.21 -> 0.25). Other databases get ``SERVER_DB_THREADS``."""
    limiter = getattr(state, "db_threads", None)
    if limiter is None:
        limiter = anyio.CapacityLimiter(1 if db.dialect == "sqlite" else SERVER_DB_THREADS)
        state.db_threads = limiter  # type: ignore[attr-defined]
    assert isinstance(limiter, anyio.CapacityLimiter)
    return limiter


# scope="function": the transaction commits before the response is sent, so a client never
# sees a success that was not committed.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
UserDep = Annotated[User, Depends(get_user)]
AsUserDep = Annotated[AsUser, Depends(get_as_user)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


# Integer ids in paths: anything outside a 64-bit row id is simply not found (a 422), never
# an overflow in the database driver.
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]

# How many items one page of a list holds (at most; the routes default to 50).
PageSize = Annotated[int, Query(ge=1, le=200)]
