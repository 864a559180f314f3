"""HTTP routes for follow-through: parse, call the service, return."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from app.api.deps import SessionDep, SettingsDep, UserDep
from app.api.problems import PROBLEM
from app.api.routes import change
from app.commitments import prefs, service
from app.commitments.calendar import feed
from app.commitments.pack import review_pack
from app.commitments.schemas import (
    AddCommitmentsIn,
    CommitmentOut,
    DeliverIn,
    FollowThroughOut,
    PrefsIn,
    PrefsOut,
    SuggestIn,
    Suggestion,
    SuggestOut,
    WaiveIn,
)
from app.commitments.suggest import suggest
from app.commitments.terms import plan_terms
from app.config import Settings
from app.core.record import active_counterparties, lock_agreement
from app.db import utcnow
from app.errors import NotFound
from app.models import Agreement, FollowThroughPrefs, User

router = APIRouter(prefix="/v1/agreements", tags=["follow-through"])


def follow_through_out(ft: service.FollowThrough) -> FollowThroughOut:
    return FollowThroughOut(
        commitments=[CommitmentOut(**v.out()) for v in ft.commitments], review_at=ft.review_at
    )


def _owned(session: SessionDep, agreement_id: str, owner_id: str) -> Agreement:
    return lock_agreement(session, agreement_id, owner_id=owner_id)


@router.get(
    "/{agreement_id}/commitments",
    response_model=FollowThroughOut,
    responses={404: PROBLEM},
    summary="The agreement's commitments, each with its status, and its review date",
)
def list_commitments(agreement_id: str, session: SessionDep, user: UserDep) -> FollowThroughOut:
    agreement = service.owned(session, agreement_id, owner_id=user.id)
    return follow_through_out(service.follow_through(session, agreement, now=utcnow()))


@router.post(
    "/{agreement_id}/commitments",
    response_model=FollowThroughOut,
    status_code=201,
    responses={404: PROBLEM, 409: PROBLEM, 422: PROBLEM},
    summary="Add commitments or the review date after the summary went out (not part of "
    "what was accepted; to change that, revise the agreement)",
)
def add_commitments(
    agreement_id: str, body: AddCommitmentsIn, session: SessionDep, user: UserDep
) -> FollowThroughOut:
    agreement = _owned(session, agreement_id, user.id)
    terms = plan_terms(
        [(c.by, c.what, c.due) for c in body.commitments],
        body.review_at,
        counterparties=[c.email for c in active_counterparties(agreement)],
        tz=user.timezone,
        day_end=user.business_day_end,
    )
    now = utcnow()
    service.add_commitments(session, agreement=agreement, terms=terms, actor=user.email, now=now)
    return follow_through_out(service.follow_through(session, agreement, now=now))


@change(
    router,
    "/{agreement_id}/commitments/{commitment_id}/deliver",
    response_model=CommitmentOut,
    summary="Record a delivery; with notify, tell each counterparty in the summary's thread",
)
def deliver(
    agreement_id: str,
    commitment_id: str,
    body: DeliverIn,
    session: SessionDep,
    user: UserDep,
    settings: SettingsDep,
) -> CommitmentOut:
    agreement = _owned(session, agreement_id, user.id)
    now = utcnow()
    service.deliver(
        session,
        settings=settings,
        agreement=agreement,
        commitment_id=commitment_id,
        note=body.note,
        notify=body.notify,
        actor=user.email,
        now=now,
    )
    return _one(session, agreement, commitment_id)


@change(
    router,
    "/{agreement_id}/commitments/{commitment_id}/waive",
    response_model=CommitmentOut,
    summary="Let a commitment go",
)
def waive(
    agreement_id: str, commitment_id: str, body: WaiveIn, session: SessionDep, user: UserDep
) -> CommitmentOut:
    agreement = _owned(session, agreement_id, user.id)
    service.waive(
        session,
        agreement=agreement,
        commitment_id=commitment_id,
        note=body.note,
        actor=user.email,
        now=utcnow(),
    )
    return _one(session, agreement, commitment_id)


@router.get(
    "/{agreement_id}/review-pack",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, 404: PROBLEM},
    summary="A PDF for the review: the agreement, who accepted it and how, every commitment "
    "with its evidence, and the signed chain head",
)
def get_review_pack(
    agreement_id: str, session: SessionDep, user: UserDep, settings: SettingsDep
) -> Response:
    return pack_response(session, settings, service.owned(session, agreement_id, owner_id=user.id))


def pack_response(session: SessionDep, settings: Settings, agreement: Agreement) -> Response:
    data = review_pack(session, settings, agreement, now=utcnow())
    name = f"review-pack-{agreement.ref}.pdf"
    return Response(
        data,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _one(session: SessionDep, agreement: Agreement, commitment_id: str) -> CommitmentOut:
    ft = service.follow_through(session, agreement, now=utcnow())
    found = next(v for v in ft.commitments if v.row.id == commitment_id)
    return CommitmentOut(**found.out())


me = APIRouter(prefix="/v1/me/follow-through", tags=["follow-through"])


def _prefs_out(settings: Settings, row: FollowThroughPrefs) -> PrefsOut:
    return PrefsOut(
        commitment_reminder_days=row.commitment_reminder_days,
        review_reminder_days=row.review_reminder_days,
        calendar_url=calendar_url(settings, row.calendar_token) if row.calendar_token else None,
    )


def _current_prefs(session: SessionDep, user: User, settings: Settings) -> PrefsOut:
    return _prefs_out(settings, prefs.row_of(session, user, now=utcnow()))


def calendar_url(settings: Settings, token: str) -> str:
    return f"{settings.public_url.rstrip('/')}/calendar/{token}.ics"


@me.get("", response_model=PrefsOut, summary="Your reminder offsets and calendar feed")
def get_prefs(session: SessionDep, user: UserDep, settings: SettingsDep) -> PrefsOut:
    return _current_prefs(session, user, settings)


@me.patch(
    "",
    response_model=PrefsOut,
    responses={422: PROBLEM},
    summary="Days before a commitment of yours is due, and before a review, to remind you",
)
def update_prefs(
    body: PrefsIn, session: SessionDep, user: UserDep, settings: SettingsDep
) -> PrefsOut:
    row = prefs.update(
        session,
        user,
        commitment_days=body.commitment_reminder_days,
        review_days=body.review_reminder_days,
        now=utcnow(),
    )
    return _prefs_out(settings, row)


@me.post(
    "/calendar",
    response_model=PrefsOut,
    summary="Make (or replace) your private calendar feed link; the old link stops working",
)
def new_calendar(session: SessionDep, user: UserDep, settings: SettingsDep) -> PrefsOut:
    prefs.new_calendar_token(session, user, now=utcnow())
    return _current_prefs(session, user, settings)


@me.delete("/calendar", response_model=PrefsOut, summary="Revoke your calendar feed link")
def revoke_calendar(session: SessionDep, user: UserDep, settings: SettingsDep) -> PrefsOut:
    prefs.revoke_calendar(session, user, now=utcnow())
    return _current_prefs(session, user, settings)


calendar = APIRouter(tags=["follow-through"])


@calendar.get(
    "/calendar/{token}.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, 404: PROBLEM},
    summary="A user's private calendar feed: due dates and review dates (the token is the key)",
)
def calendar_feed(token: str, session: SessionDep, settings: SettingsDep) -> Response:
    user = prefs.user_of_calendar(session, token)
    if user is None:
        raise NotFound("no such calendar (the link may have been replaced or revoked)")
    return Response(
        feed(session, settings, user, now=utcnow()),
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, max-age=300"},
    )


suggestions = APIRouter(prefix="/v1/commitments", tags=["follow-through"])


@suggestions.post(
    "/suggest",
    response_model=SuggestOut,
    responses={422: PROBLEM},
    summary="Commitments and dates a summary's text seems to hold, for you to accept or edit "
    "(nothing is saved)",
)
def suggest_commitments(body: SuggestIn, user: UserDep) -> SuggestOut:
    found = suggest(body.summary, counterparty=body.counterparty or "counterparty", now=utcnow())
    return SuggestOut(
        suggestions=[
            Suggestion(
                by=s.by,
                what=s.what,
                due=s.due.isoformat() if s.due else None,
                phrase=s.phrase,
                kind=s.kind,
            )
            for s in found
        ]
    )
