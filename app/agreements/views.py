"""ORM rows -> API shapes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import Row

from app.agreements.repository import Listed
from app.agreements.schemas import (
    AgreementDetail,
    AgreementOut,
    CounterpartyOut,
    EventOut,
    MessageOut,
    VersionOut,
)
from app.agreements.service import NewRows
from app.core.deadlines import format_offset
from app.core.events import event_record
from app.core.record import active_counterparties
from app.models import Agreement, AgreementVersion, Counterparty, Event, StoredMessage
from mail.redact import redact_text

# What an AgreementOut repeats of the agreement's columns under their own names.
_SAME_NAMES = (
    "id",
    "ref",
    "title",
    "status",
    "deadline",
    "created_at",
    "updated_at",
    "version",
    "source",
    "external_ref",
)


def _agreement_out(
    column: Callable[[str], Any],
    *,
    summary: str,
    withdrawn_at: datetime | None,
    counterparties: list[CounterpartyOut],
) -> AgreementOut:
    """An agreement whose columns ``column`` reads by name (from a loaded row or from the
    values just written), with its current summary."""
    return AgreementOut(
        **{name: column(name) for name in _SAME_NAMES},
        summary=summary,
        metadata=column("meta"),
        reminders=[format_offset(m) for m in column("reminder_offsets")],
        withdrawn_at=withdrawn_at,
        counterparties=counterparties,
    )


def agreement_out(agreement: Agreement) -> AgreementOut:
    current = next(v for v in agreement.versions if v.number == agreement.version)
    return _agreement_out(
        partial(getattr, agreement),
        summary=current.summary,
        withdrawn_at=agreement.withdrawn_at,
        counterparties=[counterparty_out(c) for c in active_counterparties(agreement)],
    )


def new_agreement_out(rows: NewRows) -> AgreementOut:
    """``agreement_out`` of an agreement just written from ``rows`` (nothing loaded)."""
    return _agreement_out(
        rows.agreement.__getitem__,
        summary=rows.version["summary"],
        withdrawn_at=None,
        counterparties=[
            CounterpartyOut(
                email=c["email"],
                name=c["name"],
                status=c["status"],
                informational=c["informational"],
                role=c["role"],
                tz=c["tz"],
                language=c["language"],
                status_at=c["status_at"],
                handoff_at=None,
                replied_at=None,
            )
            for c in rows.counterparties
        ],
    )


def listed_out(listed: Listed) -> dict[str, Any]:
    """A list page's agreement (``repository.list_page``) in the shape ``agreement_out``
    gives a loaded one, as a dict for ``AgreementOut`` to validate (pydantic builds models
    from dicts faster than Python code can). The page's columns carry the response's names."""
    item = listed.row._asdict()
    del item["version_id"]
    item["reminders"] = [format_offset(m) for m in item.pop("reminder_offsets")]
    item["counterparties"] = [_listed_counterparty(c) for c in listed.counterparties]
    return item


def _listed_counterparty(row: Row[Any]) -> dict[str, Any]:
    item = row._asdict()
    del item["version_id"]
    return item


def counterparty_out(c: Counterparty) -> CounterpartyOut:
    return CounterpartyOut.model_validate(c)


def version_out(agreement: Agreement, version: AgreementVersion) -> VersionOut:
    return VersionOut(
        number=version.number,
        status=version.status,
        title=version.title,
        summary=version.summary,
        deadline=version.deadline,
        created_at=version.created_at,
        counterparties=[
            counterparty_out(c) for c in agreement.counterparties if c.version_id == version.id
        ],
    )


# What the owner may do with a message awaiting their review (``app.inbound.review``), by
# the path segment of its route: POST /v1/agreements/{id}/messages/{message}/<action>.
REVIEW_ACTIONS = ("dismiss", "accept", "answer")


def review_actions(message: StoredMessage) -> list[str]:
    return list(REVIEW_ACTIONS) if message.status == "unverified" else []


def message_out(message: StoredMessage, counterparty: str | None) -> MessageOut:
    return MessageOut(
        id=message.id,
        direction=message.direction,
        kind=message.kind,
        message_id=message.message_id,
        **{"from": redact_text(message.from_addr) if message.from_addr else None},
        subject=redact_text(message.subject) if message.subject else None,
        status=message.status,
        classification=message.classification,
        reason=message.reason,
        counterparty=counterparty,
        received_at=message.received_at,
        internaldate=message.internaldate,
        actions=review_actions(message),
    )


def agreement_detail(
    agreement: Agreement, events: list[Event], messages: list[StoredMessage]
) -> AgreementDetail:
    emails = {c.id: c.email for c in agreement.counterparties}
    return AgreementDetail(
        **agreement_out(agreement).model_dump(),
        events=[EventOut(**event_record(e)) for e in events],
        messages=[
            message_out(m, emails.get(m.counterparty_id) if m.counterparty_id else None)
            for m in messages
        ],
        versions=[version_out(agreement, v) for v in agreement.versions],
    )
