"""The development mailbox over HTTP (only when no SMTP/IMAP server is configured).

It holds every user's mail, so only admin keys may read it.
"""

from __future__ import annotations

from email import policy
from email.parser import BytesHeaderParser
from typing import Literal

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel

from app.api.auth import require_admin
from app.api.deps import RowId, SettingsDep, UserDep
from app.api.problems import PROBLEM
from app.errors import NotFound
from app.outbound.senders import inbox_box, sent_box
from mail.devbox import DevBox

router = APIRouter(prefix="/v1/dev/mailbox", tags=["development mailbox"])
Folder = Literal["sent", "inbox"]


class DevMessageOut(BaseModel):
    uid: int
    received_at: str
    to: str
    from_: str
    subject: str
    message_id: str


def _box(settings: SettingsDep, folder: Folder) -> DevBox:
    if (settings.smtp_url and folder == "sent") or (settings.imap_url and folder == "inbox"):
        raise NotFound("the development mailbox is off: a real mail server is configured")
    return sent_box(settings) if folder == "sent" else inbox_box(settings)


@router.get("/{folder}", response_model=list[DevMessageOut], responses={403: PROBLEM, 404: PROBLEM})
def list_messages(folder: Folder, settings: SettingsDep, user: UserDep) -> list[DevMessageOut]:
    require_admin(user)
    box = _box(settings, folder)
    out = []
    for uid in box.uids():
        message = box.read(uid)
        headers = BytesHeaderParser(policy=policy.default).parsebytes(message.raw)
        out.append(
            DevMessageOut(
                uid=uid,
                received_at=message.received_at.isoformat(),
                to=str(headers["To"] or ""),
                from_=str(headers["From"] or ""),
                subject=str(headers["Subject"] or ""),
                message_id=str(headers["Message-ID"] or ""),
            )
        )
    return out


@router.get(
    "/{folder}/{uid}",
    response_class=Response,
    responses={200: {"content": {"message/rfc822": {}}}, 403: PROBLEM, 404: PROBLEM},
)
def read_message(folder: Folder, uid: RowId, settings: SettingsDep, user: UserDep) -> Response:
    require_admin(user)
    box = _box(settings, folder)
    if uid not in box.uids():
        raise NotFound("no such message")
    return Response(box.read(uid).raw, media_type="message/rfc822")
