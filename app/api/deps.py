"""Request dependencies: one session and transaction per request, the current user."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from app.api.ratelimit import limiter_of
from app.config import Settings
from app.db import Database
from app.errors import Unauthorized
from app.models import User
from app.users import service as users

_bearer = HTTPBearer(auto_error=False, description="An API key: `Bearer acc_...`")


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    database: Database = request.app.state.db
    return database


def get_session(db: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    """The request's session: committed when the handler returns, rolled back if it raises."""
    with db.transaction() as session:
        yield session


def get_user(
    request: Request,
    session: Annotated[Session, Depends(get_session, scope="function")],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("missing API key (Authorization: Bearer acc_...)")
    # Failed attempts are limited per client address (checked before the key is looked at).
    limiter, client = limiter_of(request.app.state), _client(request)
    limiter.check(client)
    try:
        return users.authenticate(session, secret=credentials.credentials)
    except Unauthorized:
        limiter.failed(client)
        raise


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


# scope="function": the transaction commits before the response is sent, so a client never
# sees a success that was not committed.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
UserDep = Annotated[User, Depends(get_user)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


# Integer ids in paths: anything outside a 64-bit row id is simply not found (a 422), never
# an overflow in the database driver.
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]
