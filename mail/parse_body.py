"""Walk a parsed MIME tree, bounded, and pick the parts Accord reads.

Inbound mail is hostile input: the walk stops at a fixed depth and part count, never follows an
attachment, and decodes every payload with a charset fallback instead of trusting the label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from mail.parse_headers import bytes_to_text

MAX_DEPTH = 12
MAX_PARTS = 200
_DELIVERY_STATUS = ("message/delivery-status", "message/global-delivery-status")
_DISPOSITION = ("message/disposition-notification", "message/global-disposition-notification")
_RETURNED_HEADERS = ("text/rfc822-headers", "message/global-headers")


@dataclass
class Parts:
    """What the walk found: first readable bodies plus the pieces a bounce is made of."""

    plain: str | None = None
    html: str | None = None
    delivery_status: list[str] = field(default_factory=list)
    # Delivery reports inside an attached message: a person forwarding a bounce, usually.
    nested_delivery_status: list[str] = field(default_factory=list)
    disposition_notification: bool = False
    returned_headers: list[str] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    count: int = 0


def decode_payload(part: Message) -> str:
    try:
        data = part.get_payload(decode=True)
    except (ValueError, LookupError, TypeError, AssertionError):
        data = None
    if not isinstance(data, bytes):
        payload = part.get_payload()
        return payload.replace("\x00", "") if isinstance(payload, str) else ""
    try:
        charset = part.get_content_charset()
    except (ValueError, LookupError, TypeError):
        charset = None
    return bytes_to_text(data, charset).replace("\x00", "")


def _unflow(text: str, delsp: bool) -> str:
    """RFC 3676 ``format=flowed``: soft line breaks (a trailing space) joined back."""
    out: list[str] = []
    joining: tuple[int, list[str]] | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        body = line[depth:]
        body = body[1:] if body.startswith(" ") else body
        if joining is not None and joining[0] == depth:
            joining[1].append(body)
        else:
            if joining is not None:
                out.append(_flowed_line(*joining))
            joining = (depth, [body])
        if not body.endswith(" ") or body == "-- ":
            out.append(_flowed_line(*joining))
            joining = None
        elif delsp:
            joining[1][-1] = body[:-1]
    if joining is not None:
        out.append(_flowed_line(*joining))
    return "\n".join(out)


def _flowed_line(depth: int, pieces: list[str]) -> str:
    return (">" * depth + " " if depth else "") + "".join(pieces)


def _plain_text(part: Message, content_type: str) -> str:
    text = decode_payload(part)
    if "flowed" not in content_type.lower():
        return text
    try:
        delsp = str(part.get_param("delsp") or "").lower() == "yes"
    except (ValueError, TypeError):
        delsp = False
    return _unflow(text, delsp)


def _is_attachment(part: Message, content_type: str) -> bool:
    disposition = str(part.get("Content-Disposition", "")).lower()
    if disposition.startswith("attachment"):
        return True
    # get_param parses the whole header: only asked when a name could be there.
    return "name" in content_type.lower() and bool(part.get_param("name"))


def _content_type(part: Message) -> str:
    try:
        return part.get_content_type()
    except (ValueError, TypeError, AttributeError):
        return "text/plain"


def _headers_of(part: Message) -> str:
    return "\n".join(f"{k}: {v}" for k, v in part.items())


# The renderings of one text (a multipart/alternative): whether its plain one was read.
Renderings = list[bool]


def _wanted(ctype: str, found: Parts, renderings: Renderings | None) -> bool:
    return (
        (ctype == "text/plain" and not (renderings and renderings[0]))
        or (ctype == "text/html" and found.html is None)
        or ctype in _RETURNED_HEADERS
    )


def _take_text(part: Message, ctype: str, found: Parts, renderings: Renderings | None) -> None:
    if not _wanted(ctype, found, renderings):
        return
    content_type = str(part.get("Content-Type", ""))
    if _is_attachment(part, content_type):
        return
    if ctype == "text/plain" and renderings:
        renderings[0] = True
    if ctype == "text/plain" and found.plain is not None:
        # Inline text parts of a mixed message are all shown, one after the other ("Confirmed."
        # / a picture / "Except …"): they are all what the person wrote.
        found.plain += "\n\n" + _plain_text(part, content_type)
    elif ctype == "text/plain":
        found.plain = _plain_text(part, content_type)
    elif ctype == "text/html":
        found.html = decode_payload(part)
    else:
        found.returned_headers.append(decode_payload(part))


def _walk(
    part: Message,
    depth: int,
    found: Parts,
    in_returned: bool,
    renderings: Renderings | None = None,
) -> None:
    found.count += 1
    if found.count > MAX_PARTS or depth > MAX_DEPTH:
        found.defects.append("MIME tree too large: rest ignored")
        return
    ctype = _content_type(part)
    payload = part.get_payload()
    if ctype in _DELIVERY_STATUS:
        statuses = found.nested_delivery_status if in_returned else found.delivery_status
        statuses.append(_status_text(payload, part))
    elif ctype in _DISPOSITION:
        found.disposition_notification = found.disposition_notification or not in_returned
    elif isinstance(payload, list):
        _walk_children(part, payload, ctype, depth, found, in_returned)
    elif not in_returned:
        _take_text(part, ctype, found, renderings)
    elif ctype == "text/rfc822-headers":
        found.returned_headers.append(decode_payload(part))


def _walk_children(
    part: Message, children: list[Any], ctype: str, depth: int, found: Parts, returned: bool
) -> None:
    if ctype.startswith("message/"):
        # An attached or returned message: its headers matter for bounces, its text does not.
        for child in children[:1]:
            found.returned_headers.append(_headers_of(child))
            _walk(child, depth + 1, found, True)
        return
    # Of the renderings of one text (multipart/alternative) the first plain one is read.
    renderings: Renderings | None = [False] if ctype == "multipart/alternative" else None
    for child in children:
        if isinstance(child, Message):
            _walk(child, depth + 1, found, returned, renderings)


def _status_text(payload: object, part: Message) -> str:
    # compat32 parses message/delivery-status into a list of header blocks.
    if isinstance(payload, list):
        return "\n\n".join(_headers_of(block) for block in payload if isinstance(block, Message))
    return decode_payload(part)


def collect_parts(message: Message) -> Parts:
    found = Parts()
    try:
        _walk(message, 0, found, False)
    except (RecursionError, ValueError, TypeError, LookupError, AttributeError) as exc:
        found.defects.append(f"MIME walk stopped: {type(exc).__name__}")
    return found
