"""Form input of the dashboard, checked by the same schemas as the API.

A form error is a message for the person filling it in, shown beside the form they sent.
"""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import ValidationError

from app.agreements.schemas import AgreementCreate, CounterpartyIn
from app.agreements.service import resolve_deadline
from app.core.deadlines import zone
from app.errors import Invalid, InvalidDeadline
from app.models import User
from app.users.schemas import UserUpdate

# "Name <email>", "<email>" or a bare address; a name may be quoted.
_LINE = re.compile(r'^\s*(?:"?(?P<name>[^<>"]*?)"?\s*<(?P<angle>[^<>\s]+)>|(?P<bare>\S+))\s*$')
MAX_PARTIES = 50


def parse_parties(text: str) -> list[CounterpartyIn]:
    """Counterparties, one a line: ``Name <email>`` or ``email``."""
    parties = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            raise Invalid(f'line {number}: write "Name <email>" or just the address')
        email = match.group("angle") or match.group("bare") or ""
        try:
            parties.append(CounterpartyIn(email=email, name=(match.group("name") or "").strip()))
        except ValidationError as exc:
            raise Invalid(f"line {number}: {_first_error(exc)}") from exc
    if not parties:
        raise Invalid("add at least one counterparty")
    if len(parties) > MAX_PARTIES:
        raise Invalid(f"at most {MAX_PARTIES} counterparties")
    return parties


def local_deadline(value: str, owner: User) -> datetime | None:
    """A ``datetime-local`` input (no zone) read in the owner's time zone."""
    if not value.strip():
        return None
    try:
        naive = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidDeadline("the deadline is not a date and time") from exc
    if naive.tzinfo is not None:
        return naive
    return naive.replace(tzinfo=zone(owner.timezone))


def deadline_fields(
    deadline: str, respond_within: str, owner: User, *, required: bool = False
) -> tuple[datetime | None, str | None]:
    """A form's deadline: a date and time in the owner's zone or a time to respond, at most
    one of them (neither: the owner's default, unless one is ``required``)."""
    when = local_deadline(deadline, owner)
    within = respond_within.strip() or None
    if required and when is None and within is None:
        raise Invalid("give either a new deadline or a time to respond")
    if when is not None and within is not None:
        raise Invalid("give either a deadline or a time to respond, not both")
    return when, within


def resolved_deadline(
    deadline: str, respond_within: str, owner: User, *, now: datetime, required: bool = False
) -> tuple[datetime, str | None]:
    """A form's deadline (``deadline_fields``) as the API resolves one, with the time to
    respond it was given as, if it was."""
    when, within = deadline_fields(deadline, respond_within, owner, required=required)
    return resolve_deadline(owner, deadline=when, respond_within=within, now=now), within


def agreement_create(
    owner: User, *, title: str, summary: str, parties: str, respond_within: str, deadline: str
) -> AgreementCreate:
    counterparties = parse_parties(parties)
    when, within = deadline_fields(deadline, respond_within, owner)
    try:
        return AgreementCreate(
            title=title,
            summary=summary,
            counterparties=counterparties,
            deadline=when,
            respond_within=within,
        )
    except ValidationError as exc:
        raise Invalid(_first_error(exc)) from exc


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error.get("loc", ()) if p != "__root__")
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def settings_changes(
    *,
    timezone: str,
    digest_weekday: str,
    digest_hour: str,
    digest_enabled: bool,
    capture_notices: bool,
) -> dict[str, object]:
    """The settings form as changes for ``users.service.update_user``."""
    try:
        body = UserUpdate(
            timezone=timezone.strip() or None,
            digest_weekday=int(digest_weekday) if digest_weekday.strip() else None,
            digest_hour=int(digest_hour) if digest_hour.strip() else None,
            digest_enabled=digest_enabled,
            capture_notices=capture_notices,
        )
    except ValueError as exc:  # ValidationError is a ValueError; so is int("x")
        if isinstance(exc, ValidationError):
            raise Invalid(_first_error(exc)) from exc
        raise Invalid("digest day and hour must be numbers") from exc
    return body.model_dump(exclude_none=True)
