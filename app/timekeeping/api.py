"""One-click digest unsubscribe (RFC 8058): signed links, no API key needed."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from app.api.deps import SessionDep, SettingsDep
from app.errors import NotFound
from app.models import User
from app.timekeeping.digest import unsubscribe_signature

router = APIRouter(prefix="/v1/digest", tags=["digest"])


def _user(session: SessionDep, settings: SettingsDep, user_id: str, sig: str) -> User:
    expected = unsubscribe_signature(settings, user_id)
    user = session.get(User, user_id)
    if user is None or not hmac.compare_digest(expected, sig):
        raise NotFound("unknown or invalid unsubscribe link")
    return user


@router.post("/unsubscribe", summary="Stop the weekly digest (List-Unsubscribe-Post target)")
def unsubscribe(
    session: SessionDep,
    settings: SettingsDep,
    user: Annotated[str, Query(max_length=64)],
    sig: Annotated[str, Query(max_length=128)],
) -> dict[str, str]:
    account = _user(session, settings, user, sig)
    account.digest_enabled = False
    return {"status": "unsubscribed", "email": account.email}


@router.get(
    "/unsubscribe",
    response_class=HTMLResponse,
    summary="A page with the unsubscribe button (a GET never changes anything)",
)
def unsubscribe_page(
    session: SessionDep,
    settings: SettingsDep,
    user: Annotated[str, Query(max_length=64)],
    sig: Annotated[str, Query(max_length=128)],
) -> str:
    # A GET never changes anything: mail scanners fetch links. The button POSTs.
    _user(session, settings, user, sig)
    return (
        "<!doctype html><meta charset=utf-8><title>Unsubscribe</title>"
        "<form method=post><p>Stop the weekly Accord digest?</p>"
        "<button type=submit>Unsubscribe</button></form>"
    )
