"""The owner's "it was a confirmation" (``app.inbound.feedback``), from the dashboard and
from the one-click link in an alert.

The alert's link (``/app/mark/<token>``, signed, valid 30 days) works without signing in,
like the counterparty's answer page: opening it records nothing (mail scanners and link
previews fetch every link); the page's button, a POST with a form token bound to the link,
does.
"""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.api.deps import SessionDep, SettingsDep
from app.core.record import lock_agreement
from app.db import utcnow
from app.errors import Conflict, InvalidTransition, NotFound
from app.inbound import feedback
from app.inbound.pipeline import parse
from app.keys import mark_token_row, mark_token_valid
from app.models import Agreement, StoredMessage
from app.web import security
from app.web.owner_forms import OwnerAction
from app.web.pages import (
    Csrf,
    CsrfFailed,
    FormText,
    WebRoute,
    check_origin,
    key_of,
    now_ts,
    render,
)
from mail.redact import redact_text

router = APIRouter(prefix="/app", route_class=WebRoute, include_in_schema=False)


@router.post("/agreements/{agreement_id}/messages/{message_id}/confirmation", dependencies=[Csrf])
def mark_from_dashboard(
    action: OwnerAction, message_id: str, settings: SettingsDep, note: FormText = ""
) -> Response:
    return action.noted(
        message_id, partial(feedback.mark_confirmation, settings=settings), note, "marked"
    )


def _linked(session: SessionDep, settings: SettingsDep, token: str) -> StoredMessage:
    """The reply a mark link names, if the link is genuine and still valid."""
    row_id = mark_token_row(token)
    message = session.get(StoredMessage, row_id) if row_id is not None else None
    if (
        message is None
        or message.agreement_id is None
        or not mark_token_valid(settings, token, agreement_id=message.agreement_id, now=utcnow())
    ):
        raise NotFound("this link is not valid (or more than 30 days old): use the dashboard")
    return message


def _binding(token: str) -> str:
    return f"mark:{token}"


def _page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    message: StoredMessage,
    token: str,
) -> HTMLResponse:
    agreement = session.get(Agreement, message.agreement_id)
    assert agreement is not None
    try:
        cp = feedback.markable(session, agreement, message)
        why_not = None
    except (Conflict, InvalidTransition) as exc:
        cp, why_not = None, exc.detail
    context = {
        "title": "Was it a confirmation?",
        "agreement": agreement,
        "cp": cp,
        "why_not": why_not,
        "reply_text": redact_text(parse(settings, message.raw or b"").reply_text or ""),
        "reason": redact_text(message.reason or ""),
        "token": token,
        "mark_csrf": security.form_token(key_of(request), _binding(token), now=now_ts()),
    }
    return render(request, "mark.html", context, app_forms=False)


@router.get("/mark/{token}", response_class=HTMLResponse)
def mark_page(
    request: Request, token: str, session: SessionDep, settings: SettingsDep
) -> HTMLResponse:
    return _page(request, session, settings, _linked(session, settings, token), token)


@router.post("/mark/{token}", response_class=HTMLResponse)
def mark_from_link(
    request: Request,
    token: str,
    session: SessionDep,
    settings: SettingsDep,
    csrf: FormText = "",
) -> HTMLResponse:
    check_origin(request)
    if not security.check_form_token(
        key_of(request), _binding(token), csrf, now=now_ts(), max_age=security.FORM_MAX_AGE
    ):
        raise CsrfFailed("this page expired; open the link from the email again")
    message = _linked(session, settings, token)
    agreement = lock_agreement(session, message.agreement_id or "")
    marked = feedback.mark_confirmation(
        session,
        settings,
        agreement=agreement,
        message=message,
        actor=agreement.owner.email,
        note="marked from the alert's link",
        now=utcnow(),
    )
    context = {"title": "Recorded", "agreement": agreement, "marked": marked}
    return render(request, "mark_done.html", context, app_forms=False)
