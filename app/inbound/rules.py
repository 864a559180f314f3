"""What both ways of applying an inbound message use: the authentication check and the
text of the summary a reply is classified against."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.models import StoredMessage
from mail.classify import Classification
from mail.message import ParsedMessage, text_of


def authentication_failure(settings: Settings, parsed: ParsedMessage) -> str | None:
    """Why our receiving server's Authentication-Results fail this message, if they do."""
    authserv = settings.authserv_id.strip().lower()
    if not authserv:
        return None
    for result in parsed.auth_results:
        if result.authserv_id.lower() != authserv:
            continue  # anyone can add the header; only our receiving server's counts
        failed = [m for m in ("dmarc", "dkim") if result.results.get(m) in {"fail", "permerror"}]
        if failed:
            return f"{' and '.join(failed).upper()} failed at {authserv}"
    return None


# The columns of an inbound message's row that processing sets, whichever way it went.
RESULT_COLUMNS = (
    "kind",
    "from_addr",
    "subject",
    "details",
    "status",
    "reason",
    "classification",
    "agreement_id",
    "counterparty_id",
    "processed_at",
)

# (agreement id, summary Message-ID) of one counterparty.
SummaryKey = tuple[str, str]

# Stored messages never change, so the text of a summary can be parsed once per process.
_SENT_TEXT: OrderedDict[SummaryKey, str | None] = OrderedDict()
_SENT_TEXT_MAX = 4096


def sent_text(
    session: Session | Connection, agreement_id: str, summary_message_id: str | None
) -> str | None:
    """The text part of the summary exactly as this counterparty received it."""
    if not summary_message_id:
        return None
    key = (agreement_id, summary_message_id)
    if key not in _SENT_TEXT:
        warm_sent_texts(session, [key])
    if key in _SENT_TEXT:
        _SENT_TEXT.move_to_end(key)
    return _SENT_TEXT.get(key)


def warm_sent_texts(session: Session | Connection, keys: Iterable[tuple[str, str | None]]) -> None:
    """Read the summaries that are not cached yet, in one query."""
    wanted = {(a, m) for a, m in keys if m} - _SENT_TEXT.keys()
    if not wanted:
        return
    # The agreement's own copy: Accord's outbound summary, or the user's captured message.
    rows = session.execute(
        select(StoredMessage.agreement_id, StoredMessage.message_id, StoredMessage.raw)
        .where(
            StoredMessage.message_id.in_({m for _, m in wanted}),
            StoredMessage.agreement_id.in_({a for a, _ in wanted}),
        )
        .order_by(StoredMessage.id)
    )
    for agreement_id, message_id, raw in rows:
        key = (agreement_id, message_id)
        # A draft (not composed, so not sent either) has no text yet: nothing to cache.
        if key in wanted and key not in _SENT_TEXT and raw is not None:
            _SENT_TEXT[key] = text_of(raw)
    while len(_SENT_TEXT) > _SENT_TEXT_MAX:
        _SENT_TEXT.popitem(last=False)


# What a reply's classification depends on besides the reply itself: the agreement and the
# Message-ID of the summary it answers (whose text it is compared with), the counterparty's
# name and the owner's name (allowed in greetings and sign-offs).
Inputs = tuple[str, str | None, str, str]


@dataclass(frozen=True)
class Verdict:
    """A reply classified ahead of applying it (by the ingest helper process), with the
    inputs it was classified from: it stands only while those are still the same."""

    inputs: Inputs
    classification: Classification
