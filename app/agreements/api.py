"""HTTP routes for agreements: parse, call the service, return."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.types import DecoratedCallable
from sqlalchemy.orm import Session

from app.agreements import repository, service
from app.agreements.schemas import (
    AgreementCreate,
    AgreementDetail,
    AgreementList,
    AgreementOut,
    CommitmentOut,
    ExtendIn,
    IsoInstant,
    WithdrawIn,
)
from app.agreements.views import agreement_detail, agreement_out, listed_out, new_agreement_out
from app.api.deps import AsUserDep, PageSize, SessionDep, UserDep
from app.api.idempotency import request_fingerprint, run_once
from app.api.problems import PROBLEM
from app.api.routes import change
from app.commitments.service import follow_through
from app.config import Settings
from app.core.lifecycle import AgreementStatus
from app.core.record import find_counterparty, lock_agreement
from app.db import utcnow
from app.models import User

router = APIRouter(prefix="/v1/agreements", tags=["agreements"])


def agreement_change(
    router: APIRouter, path: str, *, summary: str, name: str | None = None
) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """Declare a POST that changes the owner's agreement and answers with its view."""
    return change(router, path, response_model=AgreementOut, summary=summary, name=name)


# The Idempotency-Key header is read from the request rather than declared as a parameter
# (documented here instead): each declared parameter or dependency is another step FastAPI
# takes on the event loop for every request, on the busiest route.
_IDEMPOTENCY_KEY = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Idempotency-Key"},
}


@router.post(
    "",
    status_code=201,
    response_model=AgreementOut,
    responses={409: PROBLEM, 422: PROBLEM, 401: PROBLEM},
    summary="Create an agreement and queue its summary to every counterparty",
    openapi_extra={"parameters": [_IDEMPOTENCY_KEY]},
)
async def create_agreement(
    body: AgreementCreate, request: Request, as_user: AsUserDep
) -> JSONResponse:
    settings: Settings = request.app.state.settings
    idempotency_key = request.headers.get("idempotency-key")
    # The fingerprint only matters for a retry's comparison: no key, nothing to compare.
    fingerprint = (
        ""
        if idempotency_key is None
        else request_fingerprint("POST", request.url.path, body.model_dump(mode="json"))
    )

    def create(session: Session, user: User) -> JSONResponse:
        def work() -> AgreementOut:
            now = utcnow()
            plan = service.plan_from_request(user, body, now=now)
            rows = service.create_agreement(
                session, settings=settings, owner=user, plan=plan, now=now
            )
            return new_agreement_out(rows)

        return run_once(
            session,
            user=user,
            key=idempotency_key,
            fingerprint=fingerprint,
            status_code=201,
            work=work,
        )

    return await as_user.run(create)


@router.get("", response_model=AgreementList, summary="List your agreements, newest first")
async def list_agreements(
    as_user: AsUserDep,
    status: Annotated[
        list[AgreementStatus] | None,
        Query(
            description="Any of the statuses an agreement can have. `superseded` is refused "
            "(422): a revision supersedes a version (`versions[].status`), never an agreement."
        ),
    ] = None,
    counterparty: str | None = None,
    created_from: IsoInstant | None = None,
    created_to: IsoInstant | None = None,
    deadline_from: IsoInstant | None = None,
    deadline_to: IsoInstant | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: PageSize = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Response:
    flt = repository.ListFilter(
        status=[str(s) for s in status] if status else None,
        counterparty=counterparty,
        created_from=created_from,
        created_to=created_to,
        deadline_from=deadline_from,
        deadline_to=deadline_to,
        text=q,
    )

    def page(session: Session, user: User) -> str:
        listed, next_cursor = repository.list_page(
            session, owner_id=user.id, flt=flt, limit=limit, cursor=cursor
        )
        items = [listed_out(item) for item in listed]
        return AgreementList.model_validate(
            {"items": items, "next_cursor": next_cursor}
        ).model_dump_json()

    # Serialised once by pydantic (the response_model above documents the shape).
    return Response(await as_user.run(page), media_type="application/json")


@router.get(
    "/{agreement_id}",
    response_model=AgreementDetail,
    responses={404: PROBLEM},
    summary="One agreement with its counterparties, events and messages",
)
def get_agreement(agreement_id: str, session: SessionDep, user: UserDep) -> AgreementDetail:
    agreement = repository.get_owned(session, owner_id=user.id, agreement_id=agreement_id)
    events = repository.events_of(session, agreement.id)
    detail = agreement_detail(agreement, events, repository.messages_of(session, agreement.id))
    terms = follow_through(session, agreement, now=utcnow(), events=events)
    detail.commitments = [CommitmentOut(**v.out()) for v in terms.commitments]
    detail.review_at = terms.review_at
    return detail


@agreement_change(
    router,
    "/{agreement_id}/withdraw",
    summary="Withdraw an agreement: no reminders, no deemed acceptance",
)
def withdraw_agreement(
    agreement_id: str, session: SessionDep, user: UserDep, body: WithdrawIn | None = None
) -> AgreementOut:
    agreement = lock_agreement(session, agreement_id, owner_id=user.id)
    service.withdraw(
        session, agreement=agreement, actor=user.email, reason=body.reason if body else ""
    )
    return agreement_out(agreement)


@agreement_change(
    router,
    "/{agreement_id}/counterparties/{email}/extend",
    summary="Give one counterparty more time (also lifts an out-of-office hold)",
)
def extend_counterparty(
    agreement_id: str, email: str, body: ExtendIn, session: SessionDep, user: UserDep
) -> AgreementOut:
    agreement = lock_agreement(session, agreement_id, owner_id=user.id)
    cp = find_counterparty(agreement, email)
    now = utcnow()
    deadline = service.resolve_deadline(
        user, deadline=body.deadline, respond_within=body.respond_within, now=now
    )
    service.extend_deadline(session, counterparty=cp, deadline=deadline, actor=user.email, now=now)
    return agreement_out(agreement)
