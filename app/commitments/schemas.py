"""API shapes for follow-through (SPEC §10)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool


class CommitmentIn(BaseModel):
    """A commitment the summary lists: ``by`` is "owner" or a counterparty's address; ``due``
    an ISO date (the end of that business day in the owner's time zone) or date-time."""

    model_config = ConfigDict(extra="forbid")

    by: Annotated[str, Field(min_length=1, max_length=320)] = "owner"
    what: Annotated[str, Field(min_length=1, max_length=2000)]
    due: Annotated[str | None, Field(max_length=40)] = None


class CommitmentOut(BaseModel):
    id: str
    by: str
    what: str
    due: datetime | None
    status: str  # open | delivered | acknowledged | disputed | overdue | waived
    delivered_at: datetime | None
    note: str | None
    in_summary: bool = Field(
        description="Listed in the summary the counterparties accepted (false: added later)."
    )
    version: int
    answers: dict[str, str] = Field(
        default={}, description="Each counterparty's answer to the delivery: ack | dispute."
    )


class FollowThroughOut(BaseModel):
    commitments: list[CommitmentOut]
    review_at: datetime | None


class AddCommitmentsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    commitments: Annotated[list[CommitmentIn], Field(max_length=50)] = []
    review_at: Annotated[str | None, Field(max_length=40)] = None


class DeliverIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: Annotated[str, Field(max_length=5000)] = ""
    notify: StrictBool = False


class WaiveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: Annotated[str, Field(max_length=2000)] = ""


class SuggestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    summary: Annotated[str, Field(min_length=1, max_length=100_000)]
    counterparty: Annotated[str | None, Field(max_length=320)] = Field(
        default=None, description="Whose the commitments not written as yours are"
    )


class Suggestion(BaseModel):
    by: str
    what: str
    due: str | None = Field(description="ISO date, for the owner to accept or edit")
    phrase: str = Field(description="The words in the summary the date was read from")
    kind: str = Field(description="commitment | review")


class SuggestOut(BaseModel):
    suggestions: list[Suggestion]


class PrefsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    commitment_reminder_days: Annotated[
        list[Annotated[int, Field(ge=1, le=60)]] | None, Field(max_length=5)
    ] = None
    review_reminder_days: Annotated[
        list[Annotated[int, Field(ge=1, le=60)]] | None, Field(max_length=5)
    ] = None


class PrefsOut(BaseModel):
    commitment_reminder_days: list[int]
    review_reminder_days: list[int]
    calendar_url: str | None = Field(
        description="Your private calendar feed (.ics); anyone with the link can read it."
    )
