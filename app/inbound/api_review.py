"""HTTP routes of the owner's review: dismiss a message that could not be verified, accept
it as an alias of a counterparty or as a counterparty's answer; mark a reply read as a
clarification as a confirmation."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from app.agreements.api import agreement_change
from app.agreements.schemas import AgreementOut
from app.agreements.views import agreement_out
from app.api.deps import SessionDep, SettingsDep, UserDep
from app.core.fields import Email
from app.db import utcnow
from app.inbound import feedback, review
from app.models import Agreement, StoredMessage, User

router = APIRouter(prefix="/v1/agreements", tags=["revisions"])


@dataclass(frozen=True)
class ReviewTarget:
    """The message a review route names on the owner's agreement, and the request's session
    and user: named only, so that a request refused for its body touches no row."""

    session: Session
    user: User
    agreement_id: str
    message_id: str

    def locked(self) -> tuple[Agreement, StoredMessage]:
        return review.locked_message(
            self.session, owner_id=self.user.id, agreement_id=self.agreement_id, ref=self.message_id
        )


async def _review_target(
    agreement_id: str, message_id: str, session: SessionDep, user: UserDep
) -> ReviewTarget:
    return ReviewTarget(session, user, agreement_id, message_id)


ReviewTargetDep = Annotated[ReviewTarget, Depends(_review_target)]


class AcceptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    counterparty: Email | None = Field(
        default=None, description="Who sent it, when the message did not name a counterparty."
    )
    note: Annotated[str, Field(max_length=2000)] = ""


def _accept_route(action: str, *, alias: bool, summary: str) -> None:
    """Declare the route that applies an unverified message as the counterparty's answer;
    with ``alias`` its sender is recorded as their alias too."""

    @agreement_change(
        router,
        f"/{{agreement_id}}/messages/{{message_id}}/{action}",
        summary=summary,
        name=f"{action}_message",
    )
    def accept(
        target: ReviewTargetDep, settings: SettingsDep, body: AcceptIn | None = None
    ) -> AgreementOut:
        agreement, message = target.locked()
        agreement = review.accept_message(
            target.session,
            settings=settings,
            agreement=agreement,
            message=message,
            actor=target.user.email,
            counterparty_email=body.counterparty if body else None,
            note=body.note if body else "",
            alias=alias,
        )
        return agreement_out(agreement)


_accept_route(
    "accept",
    alias=True,
    summary="Accept an unverified reply as an alias: record its sender as the counterparty's "
    "alias and apply it",
)
_accept_route(
    "answer",
    alias=False,
    summary="Treat an unverified message as the counterparty's answer, without taking its "
    "sender as their alias (e.g. a reply you forwarded yourself)",
)


class NoteIn(BaseModel):
    """The owner's optional note on a review action (dismiss, mark)."""

    model_config = ConfigDict(extra="forbid")
    note: Annotated[str, Field(max_length=2000)] = ""


def _noted(target: ReviewTarget, act: review.NotedAction, body: NoteIn | None) -> AgreementOut:
    agreement, message = target.locked()
    act(
        target.session,
        agreement=agreement,
        message=message,
        actor=target.user.email,
        note=body.note if body else "",
        now=utcnow(),
    )
    return agreement_out(agreement)


@agreement_change(
    router,
    "/{agreement_id}/messages/{message_id}/dismiss",
    summary="Dismiss an unverified message: it is nobody's answer and changes nothing; the "
    "agreement no longer needs your attention for it",
)
def dismiss_message(target: ReviewTargetDep, body: NoteIn | None = None) -> AgreementOut:
    return _noted(target, review.dismiss_message, body)


@agreement_change(
    router,
    "/{agreement_id}/messages/{message_id}/confirmation",
    summary="Mark a reply Accord read as a clarification as a confirmation: the counterparty "
    "is confirmed on your word, and its phrases count as agreement in your later replies",
)
def mark_confirmation(
    target: ReviewTargetDep, settings: SettingsDep, body: NoteIn | None = None
) -> AgreementOut:
    return _noted(target, partial(feedback.mark_confirmation, settings=settings), body)
