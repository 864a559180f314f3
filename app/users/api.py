"""HTTP routes for the current user, API keys and (admin) user administration."""

from __future__ import annotations

from fastapi import APIRouter

from app.api.auth import require_admin
from app.api.deps import SessionDep, SettingsDep, UserDep
from app.api.problems import PROBLEM
from app.core.addresses import own_domains
from app.db import utcnow
from app.models import ApiKey, User
from app.users import service
from app.users.schemas import (
    KeyCreate,
    KeyCreated,
    KeyOut,
    UserCreate,
    UserCreated,
    UserList,
    UserOut,
    UserUpdate,
)

router = APIRouter(prefix="/v1", tags=["users"])


def user_out(user: User) -> UserOut:
    return UserOut.model_validate(user)


def key_out(key: ApiKey) -> KeyOut:
    return KeyOut(
        id=key.id,
        name=key.name,
        prefix=key.prefix,
        created_at=key.created_at,
        last_used_at=key.last_used_at,
        revoked_at=key.revoked_at,
        expires_at=key.expires_at,
        status=service.key_state(key, now=utcnow()),
    )


@router.get("/me", response_model=UserOut, summary="The user this API key belongs to")
def me(user: UserDep) -> UserOut:
    return user_out(user)


@router.patch("/me", response_model=UserOut, responses={422: PROBLEM})
def update_me(body: UserUpdate, session: SessionDep, user: UserDep) -> UserOut:
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    return user_out(service.update_user(session, user=user, changes=changes))


@router.post("/api-keys", status_code=201, response_model=KeyCreated, responses={422: PROBLEM})
def create_key(session: SessionDep, user: UserDep, body: KeyCreate | None = None) -> KeyCreated:
    body = body or KeyCreate()
    expires_at = service.key_expiry(
        expires_at=body.expires_at, days=body.expires_in_days, now=utcnow()
    )
    new = service.create_key(session, user=user, name=body.name, expires_at=expires_at)
    return KeyCreated(**key_out(new.key).model_dump(), key=new.secret)


@router.get("/api-keys", response_model=list[KeyOut])
def list_keys(session: SessionDep, user: UserDep) -> list[KeyOut]:
    return [key_out(k) for k in service.list_keys(session, user=user)]


@router.delete("/api-keys/{key_id}", response_model=KeyOut, responses={404: PROBLEM})
def revoke_key(key_id: str, session: SessionDep, user: UserDep) -> KeyOut:
    return key_out(service.revoke_key(session, user=user, key_id=key_id))


@router.post(
    "/users",
    status_code=201,
    response_model=UserCreated,
    responses={403: PROBLEM, 409: PROBLEM, 422: PROBLEM},
    summary="Create a user (admin keys only); the new user's first API key is shown once",
)
def create_user(
    body: UserCreate, session: SessionDep, user: UserDep, settings: SettingsDep
) -> UserCreated:
    require_admin(user)
    created = service.create_user(
        session,
        email=body.email,
        name=body.name,
        timezone=body.timezone,
        is_admin=body.is_admin,
        internal=own_domains(settings),
    )
    new = service.create_key(session, user=created, name="first key")
    return UserCreated(**user_out(created).model_dump(), api_key=new.secret)


@router.get("/users", response_model=UserList, responses={403: PROBLEM})
def list_users(session: SessionDep, user: UserDep) -> UserList:
    require_admin(user)
    return UserList(items=[user_out(u) for u in service.list_users(session)])
