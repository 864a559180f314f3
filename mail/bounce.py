"""Delivery failure notices: RFC 3464 reports and the common non-standard bounces.

A bounce must never be read as a reply (SPEC: a counterparty whose mail bounced is never
deemed to have accepted), so detection leans towards "bounce" for anything sent by a mail
system that talks about failed delivery.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class BounceInfo:
    """One failed (or delayed) recipient: ``status`` is an RFC 3463 code such as ``5.1.1``."""

    recipient: str | None
    status: str
    permanent: bool
    action: str | None = None
    diagnostic: str | None = None


_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_SMTP_CODE = re.compile(r"\b([45])\d\d\b")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-=]{1,64}@[A-Za-z0-9.\-]{1,253}\.[A-Za-z]{2,24}")
_FIELD = re.compile(r"^([A-Za-z\-]+):\s*(.*)$")

_DAEMON_SENDERS = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailer|bounce[s]?)@")
_FAILURE_SUBJECT = re.compile(
    r"undeliver|undelivered|delivery (status notification|failure|has failed)|"
    r"failure notice|returned mail|mail delivery (failed|failure|system)|"
    r"could not be delivered|delivery (delayed|report)|warning: message|"
    r"unzustellbar|non remis|non distribuable|no se puede entregar|onbestelbaar",
    re.IGNORECASE,
)
# Fingerprints of the bodies that Postfix, Exim, Exchange/Office 365, Gmail and qmail write.
_FAILURE_BODY = re.compile(
    r"I'm sorry to have to inform you that your message could not\s+be delivered|"
    r"This message was created automatically by mail delivery software|"
    r"Delivery has failed to these recipients or groups|"
    r"Your message to .{1,200}? couldn't be delivered|"
    r"Delivery to the following recipient(s)? failed permanently|"
    r"Your message wasn't delivered to|"
    r"This is the qmail-send program|"
    r"I'm afraid I wasn't able to deliver your message|"
    r"Delivery to the following recipient has been delayed|"
    r"Delivery incomplete|"
    r"The following message to <[^>]{1,200}> was undeliverable",
    re.IGNORECASE,
)
# One lower-case fragment that each alternative above cannot match without. Searching for
# these first is ~40x cheaper than running the alternation over every position of a reply,
# and a reply only pays for the full expression when one of them is present.
_FAILURE_BODY_HINTS = (
    "be delivered",
    "mail delivery software",
    "delivery has failed",
    "failed permanently",
    "wasn't delivered",
    "qmail-send",
    "able to deliver",
    "has been delayed",
    "delivery incomplete",
    "was undeliverable",
)
_DELAY = re.compile(
    r"\bdelayed\b|will (keep|continue) trying|will retry|has not yet been delivered|"
    r"Delivery incomplete|temporary (failure|problem)",
    re.IGNORECASE,
)


def _fields(block: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    last = ""
    for line in block.splitlines():
        if line[:1] in (" ", "\t") and last:
            fields[last] += " " + line.strip()
            continue
        match = _FIELD.match(line)
        if match:
            last = match.group(1).lower()
            fields.setdefault(last, match.group(2).strip())
    return fields


def _address_of(value: str | None) -> str | None:
    if not value:
        return None
    _, _, addr = value.rpartition(";")
    addr = addr.strip().strip("<>").strip().lower()
    return addr or None


def _recipient_block(fields: dict[str, str]) -> BounceInfo | None:
    recipient = _address_of(fields.get("final-recipient") or fields.get("original-recipient"))
    if recipient is None and "action" not in fields:
        return None
    action = fields.get("action", "").lower() or None
    match = _STATUS.search(fields.get("status", ""))
    status = match.group(0) if match else ("4.0.0" if action == "delayed" else "5.0.0")
    if action in ("delivered", "relayed", "expanded"):
        return None
    return BounceInfo(
        recipient=recipient,
        status=status,
        permanent=status.startswith("5") and action != "delayed",
        action=action,
        diagnostic=fields.get("diagnostic-code"),
    )


def parse_delivery_status(texts: list[str]) -> list[BounceInfo]:
    """Per-recipient results from ``message/delivery-status`` parts (RFC 3464)."""
    infos: list[BounceInfo] = []
    for text in texts:
        for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
            info = _recipient_block(_fields(block))
            if info is not None:
                infos.append(info)
    return infos


def looks_like_bounce(*, from_addr: str | None, subject: str, text: str) -> bool:
    """True for the non-standard bounces: a mail system telling of a failed delivery."""
    head = text[:20_000]
    lowered = head.lower()
    if any(hint in lowered for hint in _FAILURE_BODY_HINTS) and _FAILURE_BODY.search(head):
        return True
    daemon = bool(from_addr and _DAEMON_SENDERS.match(from_addr))
    return daemon and bool(_FAILURE_SUBJECT.search(subject))


def _status_from_text(text: str, delayed: bool) -> tuple[str, bool]:
    match = _STATUS.search(text)
    if match:
        return match.group(0), match.group(1) == "5" and not delayed
    smtp = _SMTP_CODE.search(text)
    if delayed or (smtp and smtp.group(1) == "4"):
        return "4.0.0", False
    return "5.0.0", True


def _failed_recipient(text: str, ignore: set[str]) -> str | None:
    for match in _EMAIL.finditer(text):
        addr = match.group(0).lower().strip(".")
        if addr not in ignore and not _DAEMON_SENDERS.match(addr):
            return addr
    return None


def bounce_from_text(text: str, *, subject: str, ignore: set[str]) -> BounceInfo:
    """Best-effort recipient and status from a human-readable bounce."""
    head = text[:20_000]
    cut = re.search(
        r"-{3,}.{0,40}(original message|copy of the message)|^Received:",
        head,
        re.IGNORECASE | re.MULTILINE,
    )
    body = head[: cut.start()] if cut else head
    delayed = bool(_DELAY.search(subject) or _DELAY.search(body))
    status, permanent = _status_from_text(body, delayed)
    diagnostic = _diagnostic(body)
    return BounceInfo(
        recipient=_failed_recipient(body, ignore),
        status=status,
        permanent=permanent,
        action="delayed" if delayed else "failed",
        diagnostic=diagnostic,
    )


def _diagnostic(body: str) -> str | None:
    for line in body.splitlines():
        if _STATUS.search(line) or _SMTP_CODE.search(line):
            return line.strip()[:500] or None
    return None
