"""HTTP routes of the owner's review: dismiss a message that could not be verified, accept
it as an alias of a counterparty or as a counterparty's answer; mark a reply read as a
clarification as a confirmation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from app.agreements.schemas import AgreementOut
from app.agreements.views import agreement_out
from app.api.deps import SessionDep, SettingsDep, UserDep
from app.api.problems import PROBLEM
from app.core.fields import Email
from app.db import utcnow
from app.inbound import feedback, review

router = APIRouter(prefix="/v1/agreements", tags=["revisions"])


class AcceptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    counterparty: Email | None = Field(
        default=None, description="Who sent it, when the message did not name a counterparty."
    )
    note: Annotated[str, Field(max_length=2000)] = ""


@router.post(
    "/{agreement_id}/messages/{message_id}/accept",
    response_model=AgreementOut,
    responses={404: PROBLEM, 409: PROBLEM, 422: PROBLEM},
    summary="Accept an unverified reply as an alias: record its sender as the counterparty's "
    "alias and apply it",
)
def accept_message(
    agreement_id: str,
    message_id: str,
    session: SessionDep,
    user: UserDep,
    settings: SettingsDep,
    body: AcceptIn | None = None,
) -> AgreementOut:
    return _accept(agreement_id, message_id, session, user, settings, body, alias=True)


@router.post(
    "/{agreement_id}/messages/{message_id}/answer",
    response_model=AgreementOut,
    responses={404: PROBLEM, 409: PROBLEM, 422: PROBLEM},
    summary="Treat an unverified message as the counterparty's answer, without taking its "
    "sender as their alias (e.g. a reply you forwarded yourself)",
)
def answer_message(
    agreement_id: str,
    message_id: str,
    session: SessionDep,
    user: UserDep,
    settings: SettingsDep,
    body: AcceptIn | None = None,
) -> AgreementOut:
    return _accept(agreement_id, message_id, session, user, settings, body, alias=False)


def _accept(
    agreement_id: str,
    message_id: str,
    session: SessionDep,
    user: UserDep,
    settings: SettingsDep,
    body: AcceptIn | None,
    *,
    alias: bool,
) -> AgreementOut:
    agreement, message = review.locked_message(
        session, owner_id=user.id, agreement_id=agreement_id, ref=message_id
    )
    agreement = review.accept_message(
        session,
        settings=settings,
        agreement=agreement,
        message=message,
        actor=user.email,
        counterparty_email=body.counterparty if body else None,
        note=body.note if body else "",
        alias=alias,
    )
    return agreement_out(agreement)


class NoteIn(BaseModel):
    """The owner's optional note on a review action (dismiss, mark)."""

    model_config = ConfigDict(extra="forbid")
    note: Annotated[str, Field(max_length=2000)] = ""


@router.post(
    "/{agreement_id}/messages/{message_id}/dismiss",
    response_model=AgreementOut,
    responses={404: PROBLEM, 409: PROBLEM, 422: PROBLEM},
    summary="Dismiss an unverified message: it is nobody's answer and changes nothing; the "
    "agreement no longer needs your attention for it",
)
def dismiss_message(
    agreement_id: str,
    message_id: str,
    session: SessionDep,
    user: UserDep,
    body: NoteIn | None = None,
) -> AgreementOut:
    agreement, message = review.locked_message(
        session, owner_id=user.id, agreement_id=agreement_id, ref=message_id
    )
    agreement = review.dismiss_message(
        session,
        agreement=agreement,
        message=message,
        actor=user.email,
        note=body.note if body else "",
        now=utcnow(),
    )
    return agreement_out(agreement)


@router.post(
    "/{agreement_id}/messages/{message_id}/confirmation",
    response_model=AgreementOut,
    responses={404: PROBLEM, 409: PROBLEM, 422: PROBLEM},
    summary="Mark a reply Accord read as a clarification as a confirmation: the counterparty "
    "is confirmed on your word, and its phrases count as agreement in your later replies",
)
def mark_confirmation(
    agreement_id: str,
    message_id: str,
    session: SessionDep,
    user: UserDep,
    settings: SettingsDep,
    body: NoteIn | None = None,
) -> AgreementOut:
    agreement, message = review.locked_message(
        session, owner_id=user.id, agreement_id=agreement_id, ref=message_id
    )
    feedback.mark_confirmation(
        session,
        settings,
        agreement=agreement,
        message=message,
        actor=user.email,
        note=body.note if body else "",
        now=utcnow(),
    )
    return agreement_out(agreement)
