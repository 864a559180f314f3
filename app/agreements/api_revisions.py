"""HTTP routes of the clarification loop: resolve a clarification, revise the summary."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from app.agreements import revisions, service
from app.agreements.api import agreement_change
from app.agreements.schemas import (
    AgreementOut,
    CommitmentIn,
    CounterpartyIn,
    HeaderText,
    check_distinct_addresses,
    check_not_blank,
    check_one_deadline,
)
from app.agreements.views import agreement_out
from app.api.deps import SessionDep, SettingsDep, UserDep
from app.api.idempotency import request_fingerprint, run_once
from app.commitments.terms import Terms, plan_terms
from app.core.record import active_counterparties, find_counterparty, lock_agreement
from app.db import utcnow
from app.models import Agreement, User

router = APIRouter(prefix="/v1/agreements", tags=["revisions"])

Note = Annotated[str, Field(max_length=2000)]


class ResolveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: Note


class ReviseIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "summary": "As discussed: 10 leads a week from you from July, and I close "
                    "1 deal in 10.",
                    "respond_within": "2bd",
                    "note": "Mike asked to start in July",
                }
            ]
        },
    )

    summary: Annotated[str, Field(min_length=1, max_length=100_000)]
    title: Annotated[HeaderText | None, Field(min_length=1, max_length=300)] = None
    deadline: AwareDatetime | None = None
    respond_within: Annotated[str | None, Field(max_length=32)] = None
    counterparties: Annotated[list[CounterpartyIn] | None, Field(min_length=1, max_length=50)] = (
        Field(default=None, description="Default: the current version's recipients (To and Cc).")
    )
    cc: Annotated[list[CounterpartyIn], Field(max_length=50)] = Field(
        default=[], description="Only with counterparties."
    )
    note: Note = ""
    commitments: Annotated[list[CommitmentIn] | None, Field(max_length=50)] = Field(
        default=None,
        description="The new version's commitments (default: the current version's, all of "
        "them, now listed in the summary).",
    )
    review_at: Annotated[str | None, Field(max_length=40)] = Field(
        default=None, description="Default: the current version's review date."
    )

    @model_validator(mode="after")
    def _consistent(self) -> ReviseIn:
        check_one_deadline(self.deadline, self.respond_within)
        check_not_blank(summary=self.summary, title=self.title)
        if self.cc and self.counterparties is None:
            raise ValueError("cc needs counterparties too (omit both to keep the recipients)")
        check_distinct_addresses(self.counterparties or [], self.cc)
        return self

    def parties(self) -> list[revisions.Party] | None:
        if self.counterparties is None:
            return None
        return [
            revisions.Party(c.email, c.name, role, c.informational, c.tz, c.language)
            for group, role in ((self.counterparties, "to"), (self.cc, "cc"))
            for c in group
        ]


@agreement_change(
    router,
    "/{agreement_id}/counterparties/{email}/resolve",
    summary="Settle a clarification (or an away hold): the counterparty becomes confirmed",
)
def resolve_counterparty(
    agreement_id: str, email: str, body: ResolveIn, session: SessionDep, user: UserDep
) -> AgreementOut:
    agreement = lock_agreement(session, agreement_id, owner_id=user.id)
    revisions.resolve(session, agreement=agreement, email=email, actor=user.email, note=body.note)
    return agreement_out(agreement)


@agreement_change(
    router,
    "/{agreement_id}/counterparties/{email}/attest",
    summary="Record on your word that a counterparty agreed, where Accord cannot deem it "
    "(a captured summary whose notices you turned off): shown as owner_attested",
)
def attest_counterparty(
    agreement_id: str, email: str, body: ResolveIn, session: SessionDep, user: UserDep
) -> AgreementOut:
    agreement = lock_agreement(session, agreement_id, owner_id=user.id)
    cp = find_counterparty(agreement, email)
    service.attest(session, counterparty=cp, actor=user.email, note=body.note, now=utcnow())
    return agreement_out(agreement)


@agreement_change(
    router,
    "/{agreement_id}/revise",
    summary="Send a revised summary as a new version; the current one is superseded",
)
def revise_agreement(
    agreement_id: str,
    body: ReviseIn,
    request: Request,
    session: SessionDep,
    user: UserDep,
    settings: SettingsDep,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
) -> JSONResponse:
    def work() -> AgreementOut:
        agreement = lock_agreement(session, agreement_id, owner_id=user.id)
        now = utcnow()
        revisions.revise(
            session,
            settings=settings,
            agreement=agreement,
            actor=user.email,
            summary=body.summary,
            title=body.title,
            deadline=_deadline(user, body, now),
            respond_within=body.respond_within,
            parties=body.parties(),
            note=body.note,
            now=now,
            terms=_terms(user, body, agreement),
        )
        return agreement_out(agreement)

    fingerprint = request_fingerprint("POST", request.url.path, body.model_dump(mode="json"))
    return run_once(
        session, user=user, key=idempotency_key, fingerprint=fingerprint, status_code=200, work=work
    )


def _terms(user: User, body: ReviseIn, agreement: Agreement) -> Terms | None:
    """The new version's terms as given, or None to carry the current ones over."""
    if body.commitments is None and body.review_at is None:
        return None
    parties = body.parties()
    emails = (
        [p.email for p in parties]
        if parties is not None
        else [c.email for c in active_counterparties(agreement)]
    )
    return plan_terms(
        [(c.by, c.what, c.due) for c in body.commitments or []],
        body.review_at,
        counterparties=emails,
        tz=user.timezone,
        day_end=user.business_day_end,
    )


def _deadline(user: User, body: ReviseIn, now: datetime) -> datetime:
    return service.resolve_deadline(
        user, deadline=body.deadline, respond_within=body.respond_within, now=now
    )
