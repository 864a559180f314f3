"""The dashboard's follow-through: suggesting commitments from a summary's text (filled into
the form for the owner to accept or edit, never saved by themselves), adding commitments
afterwards, recording a delivery, downloading the review pack."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.api.deps import SessionDep, SettingsDep
from app.commitments import service
from app.commitments.api import pack_response
from app.commitments.suggest import suggest
from app.commitments.terms import plan_terms
from app.core.record import active_counterparties, current_version
from app.db import utcnow
from app.errors import DomainError
from app.web.commitment_forms import parse_commitments, suggestion_lines, suggestions_for
from app.web.owner_forms import LongText, NewAgreementForm, OwnerAction
from app.web.pages import Csrf, FormText, WebRoute, WebUser, render

router = APIRouter(prefix="/app", route_class=WebRoute, include_in_schema=False)


@router.post("/agreements/suggest", response_class=HTMLResponse, dependencies=[Csrf])
def suggest_commitments(request: Request, user: WebUser, fields: NewAgreementForm) -> HTMLResponse:
    """The new-agreement form again, with the commitments the summary seems to hold filled
    in and the phrases they were read from shown: the owner edits and sends, or not."""
    found = suggestions_for(fields.summary, fields.counterparties, utcnow())
    suggested = suggestion_lines(found)
    commitments = "\n".join(x for x in (fields.commitments.strip(), suggested) if x)
    form = asdict(fields) | {"commitments": commitments}
    context = {"title": "New agreement", "form": form, "suggestions": found}
    return render(request, "new.html", context)


@router.get("/agreements/{agreement_id}/commitments/suggest", response_class=HTMLResponse)
def suggest_for_agreement(
    request: Request, agreement_id: str, session: SessionDep, user: WebUser
) -> HTMLResponse:
    """Suggestions from an agreement's summary as sent (a captured mail, say), in the form
    that adds them to the record: the owner checks them and presses the button, or not."""
    agreement = service.owned(session, agreement_id, owner_id=user.id)
    summary = current_version(agreement).summary
    parties = [c for c in active_counterparties(agreement) if not c.informational]
    first = parties[0].email if parties else "counterparty"
    found = suggest(summary, counterparty=first, now=utcnow())
    context = {
        "title": f"Suggested commitments: {agreement.title}",
        "agreement": agreement,
        "suggestions": found,
        "lines": suggestion_lines(found),
    }
    return render(request, "commitments_suggest.html", context)


@router.post("/agreements/{agreement_id}/commitments", dependencies=[Csrf])
def add_commitments(
    action: OwnerAction, commitments: LongText = "", review_at: FormText = ""
) -> Response:
    agreement = action.locked()
    user = action.user
    terms = plan_terms(
        [(c.by, c.what, c.due) for c in parse_commitments(commitments)],
        review_at.strip() or None,
        counterparties=[c.email for c in active_counterparties(agreement)],
        tz=user.timezone,
        day_end=user.business_day_end,
    )
    service.add_commitments(
        action.session, agreement=agreement, terms=terms, actor=action.actor, now=utcnow()
    )
    return action.done("commitments")


@router.post("/agreements/{agreement_id}/commitments/{commitment_id}/deliver", dependencies=[Csrf])
def deliver(
    action: OwnerAction,
    commitment_id: str,
    settings: SettingsDep,
    note: LongText = "",
    notify: FormText = "",
) -> Response:
    service.deliver(
        action.session,
        settings=settings,
        agreement=action.locked(),
        commitment_id=commitment_id,
        note=note,
        notify=bool(notify),
        actor=action.actor,
        now=utcnow(),
    )
    return action.done("delivered")


@router.get("/agreements/{agreement_id}/review-pack")
def review_pack(
    agreement_id: str, session: SessionDep, settings: SettingsDep, user: WebUser
) -> Response:
    return pack_response(session, settings, service.owned(session, agreement_id, owner_id=user.id))


__all__ = ["DomainError", "router"]
