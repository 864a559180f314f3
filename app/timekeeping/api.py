"""One-click digest unsubscribe (RFC 8058): signed links, no API key needed."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse

from app.api.deps import SessionDep, SettingsDep
from app.errors import NotFound
from app.models import User
from app.timekeeping.digest import unsubscribe_signature

router = APIRouter(prefix="/v1/digest", tags=["digest"])


def _signed_user(
    session: SessionDep,
    settings: SettingsDep,
    user: Annotated[str, Query(max_length=64)],
    sig: Annotated[str, Query(max_length=128)],
) -> User:
    """The user an unsubscribe link names, if its signature is theirs."""
    expected = unsubscribe_signature(settings, user)
    account = session.get(User, user)
    if account is None or not hmac.compare_digest(expected, sig):
        raise NotFound("unknown or invalid unsubscribe link")
    return account


SignedUser = Annotated[User, Depends(_signed_user)]


@router.post("/unsubscribe", summary="Stop the weekly digest (List-Unsubscribe-Post target)")
def unsubscribe(account: SignedUser) -> dict[str, str]:
    account.digest_enabled = False
    return {"status": "unsubscribed", "email": account.email}


@router.get(
    "/unsubscribe",
    response_class=HTMLResponse,
    summary="A page with the unsubscribe button (a GET never changes anything)",
)
def unsubscribe_page(_account: SignedUser) -> str:
    # A GET never changes anything: mail scanners fetch links. The button POSTs.
    return (
        "<!doctype html><meta charset=utf-8><title>Unsubscribe</title>"
        "<form method=post><p>Stop the weekly Accord digest?</p>"
        "<button type=submit>Unsubscribe</button></form>"
    )
