"""What the owner's dashboard forms share.

The actions on one agreement, posted from its page: each is a POST (the route keeps its CSRF
check) that locks the owner's agreement, calls one domain function and redirects back to the
agreement's page with the word of its notice (POST/redirect/GET), so a reload repeats
nothing. The agreement is looked up with the owner's id: another user's agreement is a 404
like a missing one.

The new-agreement form, shown again as it was typed when it is refused or when the owner
asks for suggested commitments.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import Response

from app.api.deps import SessionDep
from app.core.record import lock_agreement
from app.db import utcnow
from app.inbound import review
from app.models import Agreement, StoredMessage
from app.web.pages import FormText, WebUser, redirect

LongText = Annotated[str, Form(max_length=100_000)]


class AgreementAction:
    """An action of the signed-in owner on the agreement the path names.

    Nothing is locked until the handler asks (``locked``), after the form has been read:
    a form FastAPI refuses locks nothing."""

    def __init__(
        self, request: Request, agreement_id: str, session: SessionDep, user: WebUser
    ) -> None:
        self.request = request
        self.agreement_id = agreement_id
        self.session = session
        self.user = user

    @property
    def actor(self) -> str:
        """Who the record says acted."""
        return self.user.email

    def locked(self) -> Agreement:
        """The owner's agreement, locked for the action."""
        return lock_agreement(self.session, self.agreement_id, owner_id=self.user.id)

    def locked_message(self, message_id: str) -> tuple[Agreement, StoredMessage]:
        """The owner's agreement, locked, and the inbound message of it the action is about."""
        return review.locked_message(
            self.session, owner_id=self.user.id, agreement_id=self.agreement_id, ref=message_id
        )

    def noted(self, message_id: str, act: review.NotedAction, note: str, word: str) -> Response:
        """The owner's word on one message of the agreement (``review.NotedAction``)."""
        agreement, message = self.locked_message(message_id)
        act(
            self.session,
            agreement=agreement,
            message=message,
            actor=self.actor,
            note=note.strip(),
            now=utcnow(),
        )
        return self.done(word)

    def done(self, word: str) -> Response:
        """Back to the agreement's page, whose notice (``?done=``) says what was done."""
        return redirect(self.request, f"/app/agreements/{self.agreement_id}?done={word}")


class CounterpartyNote:
    """The fields of the forms that act for one counterparty: whom, and the owner's note for
    the record (stripped)."""

    def __init__(self, counterparty: FormText = "", note: FormText = "") -> None:
        self.counterparty = counterparty
        self.note = note.strip()


@dataclass(frozen=True)
class NewAgreementFields:
    """The new-agreement form's fields, as the owner typed them (``asdict`` fills the form
    again with them)."""

    title: FormText = ""
    summary: LongText = ""
    counterparties: LongText = ""
    respond_within: FormText = ""
    deadline: FormText = ""
    commitments: LongText = ""
    review_at: FormText = ""


OwnerAction = Annotated[AgreementAction, Depends()]
CounterpartyForm = Annotated[CounterpartyNote, Depends()]
NewAgreementForm = Annotated[NewAgreementFields, Depends()]
