"""The owner's review of a message Accord could not verify (``app.inbound.review``), from
the agreement's page: dismiss it, accept its sender as the counterparty's alias, or treat it
as the counterparty's answer."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from app.api.deps import SettingsDep
from app.config import Settings
from app.db import utcnow
from app.inbound import review
from app.web.owner_forms import AgreementAction, CounterpartyForm, CounterpartyNote, OwnerAction
from app.web.pages import Csrf, FormText, WebRoute

router = APIRouter(prefix="/app", route_class=WebRoute, include_in_schema=False)

_PATH = "/agreements/{agreement_id}/messages/{message_id}"


@router.post(f"{_PATH}/dismiss", dependencies=[Csrf])
def dismiss(action: OwnerAction, message_id: str, note: FormText = "") -> Response:
    return action.noted(message_id, review.dismiss_message, note, "dismissed")


def _accept(
    action: AgreementAction,
    message_id: str,
    settings: Settings,
    form: CounterpartyNote,
    *,
    alias: bool,
) -> Response:
    agreement, message = action.locked_message(message_id)
    review.accept_message(
        action.session,
        settings=settings,
        agreement=agreement,
        message=message,
        actor=action.actor,
        counterparty_email=form.counterparty.strip() or None,
        note=form.note,
        alias=alias,
        now=utcnow(),
    )
    return action.done("reviewed")


@router.post(f"{_PATH}/accept", dependencies=[Csrf])
def accept_as_alias(
    action: OwnerAction, message_id: str, settings: SettingsDep, form: CounterpartyForm
) -> Response:
    return _accept(action, message_id, settings, form, alias=True)


@router.post(f"{_PATH}/answer", dependencies=[Csrf])
def treat_as_answer(
    action: OwnerAction, message_id: str, settings: SettingsDep, form: CounterpartyForm
) -> Response:
    return _accept(action, message_id, settings, form, alias=False)
