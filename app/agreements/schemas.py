"""API shapes for agreements. Validation of user input happens here, at the boundary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    model_validator,
)

from app.commitments.schemas import CommitmentIn, CommitmentOut
from app.core.fields import Email, FromRow, HeaderText, IsoInstant, JsonObject

__all__ = ["CommitmentIn", "CommitmentOut", "Email", "HeaderText", "IsoInstant"]


def _iana_zone(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"unknown time zone {value!r}: use an IANA name like Europe/Berlin"
        ) from exc
    return value


# The checks an agreement's summary and its revisions share; each raises the ValueError that
# pydantic reports as the request's 422.


def check_one_deadline(deadline: datetime | None, respond_within: str | None) -> None:
    if deadline is not None and respond_within is not None:
        raise ValueError("give either deadline or respond_within, not both")


def check_not_blank(**texts: str | None) -> None:
    """Each text given (None: not given) must hold more than white space; the first that
    does not is named."""
    for name, text in texts.items():
        if text is not None and not text.strip():
            raise ValueError(f"{name} must not be blank")


def check_distinct_addresses(*groups: Sequence[CounterpartyIn]) -> None:
    emails = [c.email for group in groups for c in group]
    if len(set(emails)) != len(emails):
        raise ValueError("each counterparty address may appear only once")


class CounterpartyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: Email
    name: Annotated[HeaderText, Field(max_length=200)] = ""
    informational: StrictBool = False
    tz: Annotated[str | None, Field(max_length=64), AfterValidator(_iana_zone)] = Field(
        default=None,
        description="The recipient's IANA time zone: their deadline is written in it. "
        "Without it, the deadline is written in yours, with its UTC offset.",
    )
    language: Annotated[
        str | None, Field(max_length=35, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
    ] = Field(default=None, description="The recipient's language (BCP 47 tag, e.g. de-CH).")


class AgreementCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Q3 lead flow",
                    "summary": "To summarize, we agreed on 10 leads a week from you, and I "
                    "close 1 deal in 10. Let me know if I missed anything.",
                    "counterparties": [{"email": "mike@example.com", "name": "Mike"}],
                    "respond_within": "2bd",
                }
            ]
        },
    )

    title: Annotated[HeaderText, Field(min_length=1, max_length=300)]
    summary: Annotated[str, Field(min_length=1, max_length=100_000)]
    counterparties: Annotated[list[CounterpartyIn], Field(min_length=1, max_length=50)]
    cc: Annotated[list[CounterpartyIn], Field(max_length=50)] = []
    deadline: AwareDatetime | None = None
    respond_within: Annotated[str | None, Field(max_length=32)] = None
    reminders: Annotated[list[str] | None, Field(max_length=10)] = Field(
        default=None, description='Offsets before the deadline, e.g. ["24h"]; [] for none.'
    )
    notify_counterparty_on_deemed: StrictBool = False
    away_extension_days: Annotated[int | None, Field(ge=1, le=60)] = Field(
        default=None,
        description="When a counterparty's out-of-office notice arrives, extend their deadline "
        "by this many days instead of holding until you act.",
    )
    external_ref: Annotated[str | None, Field(max_length=200)] = None
    metadata: JsonObject = Field(
        default={}, description="Free JSON: at most 16 levels deep and 32,000 characters."
    )
    commitments: Annotated[list[CommitmentIn], Field(max_length=50)] = Field(
        default=[], description="What each side committed to, by when (SPEC §10)."
    )
    review_at: Annotated[str | None, Field(max_length=40)] = Field(
        default=None, description="When the review these commitments lead to takes place."
    )

    @model_validator(mode="after")
    def _one_deadline(self) -> AgreementCreate:
        check_one_deadline(self.deadline, self.respond_within)
        check_not_blank(title=self.title, summary=self.summary)
        check_distinct_addresses(self.counterparties, self.cc)
        return self


class CounterpartyOut(FromRow):
    email: str
    name: str
    status: str
    informational: bool
    role: str
    tz: str | None = None
    language: str | None = None
    status_at: datetime
    handoff_at: datetime | None
    replied_at: datetime | None


class EventOut(BaseModel):
    seq: int
    type: str
    at: str
    actor: str
    counterparty: str | None
    message_id: str | None
    data: dict[str, Any]
    prev_hash: str
    hash: str


class MessageOut(BaseModel):
    id: int
    direction: str
    kind: str | None
    message_id: str | None
    from_: str | None = Field(alias="from")
    subject: str | None
    status: str
    classification: str | None
    reason: str | None
    counterparty: str | None
    received_at: datetime
    internaldate: datetime | None
    # For a message awaiting the owner's review: POST .../messages/{id}/<action>.
    actions: list[str] = Field(
        default=[], description="dismiss | accept (as an alias) | answer (no alias)"
    )

    model_config = ConfigDict(populate_by_name=True)


class AgreementOut(BaseModel):
    id: str
    ref: str
    title: str
    summary: str
    status: str
    deadline: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int
    source: str
    external_ref: str | None
    metadata: dict[str, Any]
    reminders: list[str]
    counterparties: list[CounterpartyOut]
    withdrawn_at: datetime | None


class VersionOut(BaseModel):
    number: int
    status: str  # active | superseded
    title: str
    summary: str
    deadline: datetime
    created_at: datetime
    counterparties: list[CounterpartyOut]


class AgreementDetail(AgreementOut):
    events: list[EventOut]
    messages: list[MessageOut]
    versions: list[VersionOut] = []
    commitments: list[CommitmentOut] = []
    review_at: datetime | None = None


class AgreementList(BaseModel):
    items: list[AgreementOut]
    next_cursor: str | None


class ExtendIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    deadline: AwareDatetime | None = None
    respond_within: Annotated[str | None, Field(max_length=32)] = None

    @model_validator(mode="after")
    def _one(self) -> ExtendIn:
        if (self.deadline is None) == (self.respond_within is None):
            raise ValueError("give exactly one of deadline or respond_within")
        return self


class WithdrawIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: Annotated[str, Field(max_length=2000)] = ""
