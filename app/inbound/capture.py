"""BCC capture: a summary a user wrote in their own mail client (SPEC §3.2)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.config import Settings
from app.inbound.outcomes import Rejected
from app.models import StoredMessage
from mail.message import ParsedMessage


def capture(
    session: Session,
    settings: Settings,
    row: StoredMessage,
    parsed: ParsedMessage,
    *,
    now: datetime,
) -> None:
    raise Rejected("BCC capture is not enabled in this version; the message is kept")
