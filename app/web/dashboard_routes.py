"""The owner's dashboard under ``/app``: sign-in, agreements, actions, settings.

Handlers parse the form, call the domain function and redirect (POST/redirect/GET), so a
reload never repeats an action. Every POST carries a CSRF token (``Csrf``); every agreement is
looked up with the owner's id, so another user's agreement is a 404 like a missing one.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from app.agreements import repository, revisions, service
from app.api.deps import SessionDep, SettingsDep
from app.commitments.service import follow_through
from app.core.addresses import own_domains
from app.core.lifecycle import AgreementStatus, CpStatus
from app.core.record import active_counterparties, current_version, find_counterparty
from app.db import utcnow
from app.errors import Invalid
from app.evidence.api import bundle_download
from app.inbound import feedback
from app.inbound.pipeline import parse
from app.models import Agreement
from app.users import service as users
from app.web import forms, login, sessions, views
from app.web.commitment_forms import parse_commitments
from app.web.owner_forms import CounterpartyForm, LongText, NewAgreementForm, OwnerAction
from app.web.pages import (
    Csrf,
    FormText,
    MaybeUser,
    WebRoute,
    WebUser,
    end_session,
    redirect,
    render,
    start_session,
)
from app.webhooks import service as webhooks
from mail.redact import redact_text

router = APIRouter(prefix="/app", route_class=WebRoute, include_in_schema=False)

PAGE_SIZE = 25
NOTICES = {
    "created": "The agreement was created and its summary queued to every counterparty.",
    "withdrawn": "The agreement was withdrawn; queued mail was cancelled.",
    "extended": "The deadline was extended.",
    "attested": "Recorded as agreed on your word.",
    "marked": "Recorded: the reply was a confirmation, on your word.",
    "dismissed": "The message was dismissed: it changes nothing, and the record says so.",
    "reviewed": "The message was applied as the counterparty's answer.",
    "resolved": "The clarification was resolved: the counterparty is now confirmed.",
    "revised": "The revised summary was queued as a new version.",
    "settings": "Your settings were saved.",
    "revoked": "The API key was revoked.",
    "webhook_deleted": "The webhook was removed.",
    "commitments": "The commitments were added to the record (not to what was accepted).",
    "delivered": "The delivery was recorded.",
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _notice(done: str | None) -> str | None:
    return NOTICES.get(done or "")


# --- signing in ------------------------------------------------------------------------


@router.get("", response_class=RedirectResponse)
def home(request: Request, user: MaybeUser) -> Response:
    return redirect(request, "/app/agreements" if user else "/app/login")


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, user: MaybeUser) -> Response:
    if user is not None:
        return redirect(request, "/app/agreements")
    return render(request, "login.html", {"title": "Sign in"})


@router.post("/login", response_class=HTMLResponse, dependencies=[Csrf])
def login_request(
    request: Request, session: SessionDep, settings: SettingsDep, email: FormText = ""
) -> HTMLResponse:
    # The same page whether or not the address has an account (no account enumeration).
    login.request_link(session, settings, email=email, now=utcnow())
    return render(request, "login_sent.html", {"title": "Check your mail"})


@router.get("/login/{token}", response_class=HTMLResponse)
def login_confirm(
    request: Request, token: str, session: SessionDep, viewer: MaybeUser
) -> HTMLResponse:
    # A GET only shows a button: link scanners would otherwise use the link up.
    account = login.link_user(session, token=token, now=utcnow())
    context = {
        "title": "Sign in",
        "usable": account is not None,
        "token": token,
        "account": {"name": account.name, "email": account.email} if account else None,
        "switching": viewer is not None and account is not None and viewer.id != account.id,
    }
    return render(request, "login_confirm.html", context, status_code=200 if account else 400)


@router.post("/login/{token}", dependencies=[Csrf])
def login_consume(request: Request, token: str, session: SessionDep) -> Response:
    user = login.consume_link(session, token=token, now=utcnow())
    response = redirect(request, "/app/agreements")
    start_session(request, response, session, user)
    return response


def _signed_out(request: Request, session: SessionDep) -> Response:
    """To the sign-in page, this browser's session ended."""
    response = redirect(request, "/app/login")
    end_session(request, response, session)
    return response


@router.post("/logout", dependencies=[Csrf])
def logout(request: Request, session: SessionDep) -> Response:
    return _signed_out(request, session)


@router.post("/logout/everywhere", dependencies=[Csrf])
def logout_everywhere(request: Request, session: SessionDep, user: WebUser) -> Response:
    """End every session of this user: each browser, and any copy of a cookie."""
    sessions.end_all(session, user=user)
    return _signed_out(request, session)


# --- agreements ------------------------------------------------------------------------


@router.get("/agreements", response_class=HTMLResponse)
def agreements_list(
    request: Request,
    session: SessionDep,
    user: WebUser,
    status: str = "",
    q: str = "",
    counterparty: str = "",
    cursor: str = "",
    done: str | None = None,
) -> HTMLResponse:
    statuses = [s for s in status.split(",") if s in AgreementStatus.__members__.values()]
    flt = repository.ListFilter(
        status=statuses or None, text=q[:200] or None, counterparty=counterparty[:320] or None
    )
    rows, next_cursor = repository.list_owned(
        session, owner_id=user.id, flt=flt, limit=PAGE_SIZE, cursor=cursor[:500] or None
    )
    context = {
        "title": "Agreements",
        "agreements": rows,
        "current": {a.id: active_counterparties(a) for a in rows},
        "next_cursor": next_cursor,
        "filters": {"status": status, "q": q, "counterparty": counterparty},
        "statuses": list(AgreementStatus),
        "notice": _notice(done),
    }
    return render(request, "agreements.html", context)


@router.get("/agreements/new", response_class=HTMLResponse)
def new_agreement_form(request: Request, user: WebUser) -> HTMLResponse:
    context = {"title": "New agreement", "form": {"respond_within": user.default_respond_within}}
    return render(request, "new.html", context)


@router.post("/agreements", response_class=HTMLResponse, dependencies=[Csrf])
def create_agreement(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: WebUser,
    fields: NewAgreementForm,
) -> Response:
    now = utcnow()
    try:
        body = forms.agreement_create(
            user,
            title=fields.title,
            summary=fields.summary,
            parties=fields.counterparties,
            respond_within=fields.respond_within,
            deadline=fields.deadline,
        )
        terms = {
            "commitments": parse_commitments(fields.commitments),
            "review_at": fields.review_at or None,
        }
        body = body.model_copy(update=terms)
        plan = service.plan_from_request(user, body, now=now)
        # The address policy's refusal belongs on the form too (it writes nothing first).
        service.check_plan(plan, own_domains(settings))
    except Invalid as exc:
        context = {"title": "New agreement", "form": asdict(fields), "error": exc.detail}
        return render(request, "new.html", context, status_code=422)
    created = service.create_agreement(session, settings=settings, owner=user, plan=plan, now=now)
    return redirect(request, f"/app/agreements/{created.agreement['id']}?done=created")


@router.get("/agreements/{agreement_id}", response_class=HTMLResponse)
def agreement_page(
    request: Request,
    agreement_id: str,
    session: SessionDep,
    settings: SettingsDep,
    user: WebUser,
    done: str | None = None,
) -> HTMLResponse:
    agreement = repository.get_owned(session, owner_id=user.id, agreement_id=agreement_id)
    events = repository.events_of(session, agreement.id)
    messages = repository.messages_of(session, agreement.id)
    current = active_counterparties(agreement)
    context = {
        "title": agreement.title,
        "agreement": agreement,
        "version": current_version(agreement),
        "counterparties": current,
        "timeline": views.timeline(events, messages),
        "messages": messages,
        "resolvable": [c for c in current if c.status in revisions.RESOLVABLE],
        "attestable": [c for c in current if service.attestable(session, c, now=utcnow())],
        "markable": feedback.markable_replies(session, agreement),
        "unverified": [
            (m, redact_text(parse(settings, m.raw or b"").reply_text or "")[:2000])
            for m in messages
            if m.direction == "in" and m.status == "unverified"
        ],
        "extendable": [c for c in current if c.status in (CpStatus.SENT, CpStatus.AWAY)],
        "open": agreement.withdrawn_at is None,
        "notice": _notice(done),
        "follow_through": follow_through(session, agreement, now=utcnow(), events=events),
    }
    return render(request, "agreement.html", context)


@router.post("/agreements/{agreement_id}/withdraw", dependencies=[Csrf])
def withdraw(action: OwnerAction, reason: FormText = "") -> Response:
    service.withdraw(
        action.session, agreement=action.locked(), actor=action.actor, reason=reason.strip()
    )
    return action.done("withdrawn")


@router.post("/agreements/{agreement_id}/extend", dependencies=[Csrf])
def extend(
    action: OwnerAction,
    counterparty: FormText = "",
    respond_within: FormText = "",
    deadline: FormText = "",
) -> Response:
    agreement = action.locked()
    user = action.user
    now = utcnow()
    new_deadline, _ = forms.resolved_deadline(
        deadline, respond_within, user, now=now, required=True
    )
    if counterparty == "*":
        targets = [
            c
            for c in active_counterparties(agreement)
            if c.status in (CpStatus.SENT, CpStatus.AWAY)
        ]
        if not targets:
            raise Invalid("nobody is waiting: there is no deadline to extend")
    else:
        targets = [find_counterparty(agreement, counterparty)]
    for cp in targets:
        service.extend_deadline(
            action.session, counterparty=cp, deadline=new_deadline, actor=user.email, now=now
        )
    return action.done("extended")


@router.post("/agreements/{agreement_id}/resolve", dependencies=[Csrf])
def resolve(action: OwnerAction, form: CounterpartyForm) -> Response:
    revisions.resolve(
        action.session,
        agreement=action.locked(),
        email=form.counterparty,
        actor=action.actor,
        note=form.note,
    )
    return action.done("resolved")


@router.post("/agreements/{agreement_id}/attest", dependencies=[Csrf])
def attest(action: OwnerAction, form: CounterpartyForm) -> Response:
    cp = find_counterparty(action.locked(), form.counterparty)
    service.attest(
        action.session, counterparty=cp, actor=action.actor, note=form.note, now=utcnow()
    )
    return action.done("attested")


@router.get("/agreements/{agreement_id}/revise", response_class=HTMLResponse)
def revise_form(
    request: Request, agreement_id: str, session: SessionDep, user: WebUser
) -> HTMLResponse:
    agreement = repository.get_owned(session, owner_id=user.id, agreement_id=agreement_id)
    version = current_version(agreement)
    form = {
        "title": version.title,
        "summary": version.summary,
        "respond_within": user.default_respond_within,
    }
    return _revise_page(request, agreement, form)


def _revise_page(
    request: Request,
    agreement: Agreement,
    form: dict[str, str],
    *,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    context = {
        "title": f"Revise: {agreement.title}",
        "agreement": agreement,
        "form": form,
        "error": error,
    }
    return render(request, "revise.html", context, status_code=status_code)


@router.post("/agreements/{agreement_id}/revise", dependencies=[Csrf])
def revise(
    action: OwnerAction,
    settings: SettingsDep,
    title: FormText = "",
    summary: LongText = "",
    respond_within: FormText = "",
    deadline: FormText = "",
    note: FormText = "",
) -> Response:
    agreement = action.locked()
    user = action.user
    now = utcnow()
    try:
        if not summary.strip():
            raise Invalid("the summary must not be empty")
        new_deadline, within = forms.resolved_deadline(deadline, respond_within, user, now=now)
    except Invalid as exc:
        form = {
            "title": title,
            "summary": summary,
            "respond_within": respond_within,
            "deadline": deadline,
            "note": note,
        }
        return _revise_page(action.request, agreement, form, error=exc.detail, status_code=422)
    revisions.revise(
        action.session,
        settings=settings,
        agreement=agreement,
        actor=action.actor,
        summary=summary,
        title=title.strip() or None,
        deadline=new_deadline,
        respond_within=within,
        note=note.strip(),
        now=now,
    )
    return action.done("revised")


@router.get("/agreements/{agreement_id}/evidence")
def evidence(
    agreement_id: str, session: SessionDep, settings: SettingsDep, user: WebUser
) -> StreamingResponse:
    return bundle_download(session, settings, owner_id=user.id, agreement_id=agreement_id)


# --- settings --------------------------------------------------------------------------


class SettingsPage:
    """The signed-in owner's settings page: shown (again, with what a form made or why it
    was refused), or redirected to after a change with the word of its notice."""

    def __init__(self, request: Request, session: SessionDep, user: WebUser) -> None:
        self.request = request
        self.session = session
        self.user = user

    def show(
        self,
        *,
        new_key: str | None = None,
        new_secret: str | None = None,
        error: str | None = None,
        done: str | None = None,
        status_code: int = 200,
    ) -> HTMLResponse:
        session, user = self.session, self.user
        context = {
            "title": "Settings",
            "user": user,
            "addresses": sorted(a.email for a in user.addresses),
            "keys": users.list_keys(session, user=user),
            "now": utcnow(),
            "weekdays": list(enumerate(WEEKDAYS)),
            "new_key": new_key,
            "webhooks": webhooks.list_endpoints(session, user=user),
            "webhook_events": webhooks.WEBHOOK_EVENTS,
            "new_secret": new_secret,
            "error": error,
            "notice": _notice(done),
        }
        return render(self.request, "settings.html", context, status_code=status_code)

    def done(self, word: str) -> Response:
        """Back to the settings page, whose notice (``?done=``) says what was done."""
        return redirect(self.request, f"/app/settings?done={word}")


OwnerSettings = Annotated[SettingsPage, Depends()]


@router.get("/settings", response_class=HTMLResponse)
def settings_page(page: OwnerSettings, done: str | None = None) -> HTMLResponse:
    return page.show(done=done)


@router.post("/settings", dependencies=[Csrf])
def save_settings(
    page: OwnerSettings,
    timezone: FormText = "",
    digest_weekday: FormText = "",
    digest_hour: FormText = "",
    digest_enabled: FormText = "",
    capture_notices: FormText = "",
) -> Response:
    try:
        changes = forms.settings_changes(
            timezone=timezone,
            digest_weekday=digest_weekday,
            digest_hour=digest_hour,
            digest_enabled=digest_enabled == "on",
            capture_notices=capture_notices == "on",
        )
        users.update_user(page.session, user=page.user, changes=changes)
    except Invalid as exc:  # update_user checks before it changes anything
        return page.show(error=exc.detail, status_code=422)
    return page.done("settings")


@router.post("/settings/keys", response_class=HTMLResponse, dependencies=[Csrf])
def create_key(
    page: OwnerSettings, name: FormText = "", expires_in_days: FormText = ""
) -> HTMLResponse:
    try:
        days = int(expires_in_days) if expires_in_days.strip() else None
        expires_at = users.key_expiry(days=days, now=utcnow())
    except ValueError:
        return page.show(error="choose an expiry from the list", status_code=422)
    except Invalid as exc:
        return page.show(error=exc.detail, status_code=422)
    new = users.create_key(page.session, user=page.user, name=name.strip(), expires_at=expires_at)
    # Shown once, in this response only (no-store): only its hash is kept.
    return page.show(new_key=new.secret)


@router.post("/settings/keys/{key_id}/revoke", dependencies=[Csrf])
def revoke_key(key_id: str, page: OwnerSettings) -> Response:
    users.revoke_key(page.session, user=page.user, key_id=key_id)
    return page.done("revoked")


@router.post("/settings/webhooks", response_class=HTMLResponse, dependencies=[Csrf])
def create_webhook(
    page: OwnerSettings,
    settings: SettingsDep,
    url: FormText = "",
    description: FormText = "",
    events: Annotated[list[str], Form(max_length=50)] = [],  # noqa: B006 - FastAPI copies it
) -> HTMLResponse:
    try:
        _endpoint, secret = webhooks.create_endpoint(
            page.session,
            user=page.user,
            url=url.strip(),
            events=events,
            description=description.strip()[:200],
            allow_private=settings.webhook_allow_private,
        )
    except Invalid as exc:
        return page.show(error=exc.detail, status_code=422)
    # The signing secret is shown once, in this no-store response.
    return page.show(new_secret=secret)


@router.post("/settings/webhooks/{endpoint_id}/delete", dependencies=[Csrf])
def delete_webhook(endpoint_id: str, page: OwnerSettings) -> Response:
    webhooks.delete_endpoint(page.session, user=page.user, endpoint_id=endpoint_id)
    return page.done("webhook_deleted")
