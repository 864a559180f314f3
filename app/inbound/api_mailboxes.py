"""HTTP routes for the current user's connected mailboxes (SPEC §3.2): Accord reads them
only for replies to tracked messages."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from app.api.deps import RowId, SessionDep, SettingsDep, UserDep
from app.api.problems import PROBLEM
from app.core.fields import FromRow
from app.inbound import connected
from app.models import ConnectedMailbox

router = APIRouter(prefix="/v1/me", tags=["users"])

Secret = Annotated[str, Field(min_length=1, max_length=4096)]


class MailboxIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: Annotated[str, Field(min_length=8, max_length=1000)] = Field(
        description="imap[s]://user@host[:port][/FOLDER][?tls=...&auth=login|xoauth2]"
    )
    password: Secret | None = None
    oauth2_token: Secret | None = Field(default=None, description="An OAuth2 access token")


class SecretIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    password: Secret | None = None
    oauth2_token: Secret | None = None


class MailboxOut(FromRow):
    """A connected mailbox; its secret is never returned."""

    id: int
    url: str
    auth: str
    created_at: datetime
    last_polled_at: datetime | None
    last_error: str | None


def mailbox_out(mailbox: ConnectedMailbox) -> MailboxOut:
    return MailboxOut.model_validate(mailbox)


@router.get(
    "/mailboxes",
    response_model=list[MailboxOut],
    summary="Your connected mailboxes (read only for replies to tracked messages)",
)
def list_mailboxes(session: SessionDep, user: UserDep) -> list[MailboxOut]:
    return [mailbox_out(m) for m in connected.list_mailboxes(session, user=user)]


@router.post(
    "/mailboxes",
    status_code=201,
    response_model=MailboxOut,
    responses={409: PROBLEM, 422: PROBLEM},
    summary="Connect a mailbox; the password or token is stored encrypted",
)
def connect_mailbox(
    body: MailboxIn, session: SessionDep, settings: SettingsDep, user: UserDep
) -> MailboxOut:
    mailbox = connected.connect_mailbox(
        session,
        settings,
        user=user,
        url=body.url,
        password=body.password,
        oauth2_token=body.oauth2_token,
    )
    return mailbox_out(mailbox)


@router.put(
    "/mailboxes/{mailbox_id}/secret",
    response_model=MailboxOut,
    responses={404: PROBLEM, 422: PROBLEM},
    summary="Replace the password or OAuth2 access token of a connected mailbox",
)
def replace_secret(
    mailbox_id: RowId, body: SecretIn, session: SessionDep, settings: SettingsDep, user: UserDep
) -> MailboxOut:
    mailbox = connected.replace_secret(
        session,
        settings,
        user=user,
        mailbox_id=mailbox_id,
        password=body.password,
        oauth2_token=body.oauth2_token,
    )
    return mailbox_out(mailbox)


@router.delete("/mailboxes/{mailbox_id}", status_code=204, responses={404: PROBLEM})
def remove_mailbox(mailbox_id: RowId, session: SessionDep, user: UserDep) -> Response:
    connected.remove_mailbox(session, user=user, mailbox_id=mailbox_id)
    return Response(status_code=204)
