"""The owner's review of a message Accord could not verify (``app.inbound.review``), from
the agreement's page: dismiss it, accept its sender as the counterparty's alias, or treat it
as the counterparty's answer."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.api.deps import SessionDep, SettingsDep
from app.db import utcnow
from app.inbound import review
from app.web.pages import Csrf, FormText, WebRoute, WebUser, redirect

router = APIRouter(prefix="/app", route_class=WebRoute, include_in_schema=False)

_PATH = "/agreements/{agreement_id}/messages/{message_id}"


@router.post(f"{_PATH}/dismiss", dependencies=[Csrf])
def dismiss(
    request: Request,
    agreement_id: str,
    message_id: str,
    session: SessionDep,
    user: WebUser,
    note: FormText = "",
) -> Response:
    agreement, message = review.locked_message(
        session, owner_id=user.id, agreement_id=agreement_id, ref=message_id
    )
    review.dismiss_message(
        session,
        agreement=agreement,
        message=message,
        actor=user.email,
        note=note.strip(),
        now=utcnow(),
    )
    return redirect(request, f"/app/agreements/{agreement_id}?done=dismissed")


def _accept(
    request: Request,
    agreement_id: str,
    message_id: str,
    session: SessionDep,
    settings: SettingsDep,
    user: WebUser,
    counterparty: str,
    note: str,
    *,
    alias: bool,
) -> Response:
    agreement, message = review.locked_message(
        session, owner_id=user.id, agreement_id=agreement_id, ref=message_id
    )
    review.accept_message(
        session,
        settings=settings,
        agreement=agreement,
        message=message,
        actor=user.email,
        counterparty_email=counterparty.strip() or None,
        note=note.strip(),
        alias=alias,
        now=utcnow(),
    )
    return redirect(request, f"/app/agreements/{agreement_id}?done=reviewed")


@router.post(f"{_PATH}/accept", dependencies=[Csrf])
def accept_as_alias(
    request: Request,
    agreement_id: str,
    message_id: str,
    session: SessionDep,
    settings: SettingsDep,
    user: WebUser,
    counterparty: FormText = "",
    note: FormText = "",
) -> Response:
    return _accept(
        request,
        agreement_id,
        message_id,
        session,
        settings,
        user,
        counterparty,
        note,
        alias=True,
    )


@router.post(f"{_PATH}/answer", dependencies=[Csrf])
def treat_as_answer(
    request: Request,
    agreement_id: str,
    message_id: str,
    session: SessionDep,
    settings: SettingsDep,
    user: WebUser,
    counterparty: FormText = "",
    note: FormText = "",
) -> Response:
    return _accept(
        request,
        agreement_id,
        message_id,
        session,
        settings,
        user,
        counterparty,
        note,
        alias=False,
    )
