"""The counterparty's answer page: ``GET /a/{token}`` shows, ``POST /a/{token}`` records."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from app.api.deps import SessionDep, SettingsDep
from app.db import utcnow
from app.errors import Invalid
from app.models import Counterparty
from app.web import answers, security
from app.web.pages import CsrfFailed, FormText, WebRoute, check_origin, key_of, now_ts, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)


def _binding(token: str) -> str:
    return f"answer:{token}"


def _page(
    request: Request,
    cp: Counterparty,
    *,
    choice: str | None,
    error: str | None = None,
    text: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    agreement = cp.agreement
    context: dict[str, Any] = {
        "cp": cp,
        "agreement": agreement,
        "version": cp.version,
        "owner": agreement.owner,
        "state": answers.page_state(cp),
        "choice": choice if choice in ("confirm", "clarify") else None,
        "answer_csrf": security.form_token(
            key_of(request), _binding(cp.answer_token), now=now_ts()
        ),
        "error": error,
        "text": text,
    }
    return render(request, "answer.html", context, status_code=status_code, app_forms=False)


@router.get("/a/{token}", response_class=HTMLResponse)
def answer_page(
    request: Request, token: str, session: SessionDep, answer: str | None = None
) -> HTMLResponse:
    # Never records anything: mail scanners and link previews fetch this URL.
    cp = answers.find_by_token(session, token=token)
    return _page(request, cp, choice=answer)


@router.post("/a/{token}", response_class=HTMLResponse)
def answer_submit(
    request: Request,
    token: str,
    session: SessionDep,
    settings: SettingsDep,
    csrf: FormText = "",
    answer: FormText = "",
    text: Annotated[str, Form(max_length=20_000)] = "",
) -> HTMLResponse:
    check_origin(request)
    if not security.check_form_token(
        key_of(request), _binding(token), csrf, now=now_ts(), max_age=security.ANSWER_FORM_MAX_AGE
    ):
        raise CsrfFailed("this page expired; open the link from the email again")
    if answer not in ("confirm", "clarify"):
        raise Invalid("choose Confirm or Something's not right")
    try:
        recorded = answers.record_answer(
            session,
            settings,
            token=token,
            answer=answer,
            text=text,
            ip=request.client.host if request.client else None,
            user_agent=request.headers.get("user-agent"),
            now=utcnow(),
        )
    except answers.AnswerClosed:
        cp = answers.find_by_token(session, token=token)
        return _page(request, cp, choice=None, status_code=409)
    except Invalid as exc:
        cp = answers.find_by_token(session, token=token)
        return _page(request, cp, choice=answer, error=exc.detail, text=text, status_code=422)
    cp = recorded.counterparty
    context = {
        "cp": cp,
        "agreement": cp.agreement,
        "owner": cp.agreement.owner,
        "recorded": recorded,
    }
    return render(request, "answer_done.html", context, app_forms=False)
