"""Delivery failure notices: RFC 3464 reports and the common non-standard bounces.

A bounce must never be read as a reply (SPEC: a counterparty whose mail bounced is never
deemed to have accepted), so detection leans towards "bounce" for anything sent by a mail
system that talks about failed delivery. What it must not do is take a person for a mail
system: a forwarded bounce with a comment on top is a reply, so the wording of a bounce
only counts on its own when the message is not a forward.
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


_STATUS = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)")
_SMTP_CODE = re.compile(r"(?<!\d)([45])\d\d(?!\d|\.\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-=]{1,64}@[A-Za-z0-9.\-]{1,253}\.[A-Za-z]{2,24}")
_FIELD = re.compile(r"^([A-Za-z\-]+):\s*(.*)$")
_MESSAGE_ID_LINE = re.compile(r"^\s*message-id:\s*(<[^<>\s]{1,500}>)", re.IGNORECASE | re.MULTILINE)

# Who sends bounces: the null sender, and mail systems under their many names.
_DAEMON_LOCAL = re.compile(
    r"^(mailer[-_.]?daemon|mail[-_.]?daemon|postmaster|mdaemon|mailer|bounces?|"
    r"mail[-_.]?delivery|mail[-_.]?admin|sysadmin|admin|root|listserv|ndr|"
    r"mail[-_.]?gateway|gateway|mailgw|microsoftexchange[0-9a-f]*)(?:[-+.][^@]*)?@",
    re.IGNORECASE,
)
# Run on the lower-cased name: re.IGNORECASE would make every position a candidate.
_DAEMON_NAME = re.compile(
    r"mailer[- ]?daemon|mail[- ]?delivery|postmaster|mdaemon|mail administrator|"
    r"system administrator|delivery (status|subsystem|notification)|mail system|"
    r"microsoft (outlook|exchange)|mail (gateway|server)|list server|系统退信|系统退盘|退信"
)
_FAILURE_SUBJECT = re.compile(
    r"undeliver|undelivered|delivery (status notification|failure|has failed|failed|problem|"
    r"error|delayed|report|notification)|failure notice|returned mail|returning|returned to "
    r"sender|mail delivery (failed|failure|system|problem|error)|could not be delivered|"
    r"failed (mail|delivery)|delivery failed|message (not delivered|delayed|blocked)|"
    r"processing error|bounce notification|unable to deliver|warning: (message|could not)|"
    r"nondeliverable|non-delivery|delivery notification|non remis|non distribuable|"
    r"unzustellbar|nicht zustellbar|zustellung fehlgeschlagen|no se puede entregar|"
    r"no entregado|onbestelbaar|non consegnat|не доставлен|недоставл|delayed mail|"
    r"退信|投递失败|发送失败|投递通知|未送達|配信不能|送信エラー|エラーメール",
    re.IGNORECASE,
)
# Fingerprints of the bodies that MTAs write; each alone says "this is a bounce".
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
    r"The following message to <[^>]{1,200}> was undeliverable|"
    r"This is the mail system at host|"
    r"The original message was received at .{0,120}\n.{0,200}\n+\s*-+ The following addresses|"
    r"Unable to deliver message to the following address|"
    r"did not reach some or all of the intended recipients",
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
    "mail system at host",
    "the following addresses",
    "intended recipients",
)
# Weaker wording, which counts when the null sender or a mail system sends it.
_FAILURE_WORDS = re.compile(
    r"could not be (delivered|distributed)|couldn't be delivered|not been delivered|"
    r"undeliver|delivery (to|of) .{0,80}(failed|delayed)|failed (recipient|delivery)|"
    r"permanent (error|failure)|temporary (error|failure|problem)|user unknown|"
    r"unknown (user|recipient)|no such (user|mailbox)|mailbox (unavailable|full|is full)|"
    r"does not exist|address rejected|recipient address|delivery problems?|not delivered|"
    r"retry queue|will (keep|continue) (trying|retrying)|unable to deliver|"
    r"(account|mailbox|address) (has been |was |is )?(closed|deactivated|disabled|suspended)|"
    r"配送できませんでした|配信できませんでした|送信できませんでした|宛先不明|届きませんでした|"
    r"退信|退回|无法投递|无法发送|投递失败|未能投递|暂时未能投递|收件人不存在|"
    r"не может быть доставлено|не доставлено|недоставл|не удалось доставить|"
    r"konnte nicht zugestellt|unzustellbar|n'a pas pu être (remis|distribué)|"
    r"no se (pudo|ha podido) entregar|non è stato possibile consegnare",
    re.IGNORECASE,
)
_DELAY = re.compile(
    r"\bdelayed\b|will (keep|continue) (trying|retrying)|will (be )?retr(y|ied)|"
    r"has not yet been delivered|not been delivered yet|delivery incomplete|"
    r"temporary (failure|problem|error)|transient|retry queue|延迟|暂时|遅延",
    re.IGNORECASE,
)
# Subjects of a person answering or passing a message on, never of a mail system's notice.
_PERSON_SUBJECT = re.compile(
    r"^\s*(re|aw|sv|antw|odp|vs|ynt|r|ref|rif|res|fwd?|fw|wg|tr|rv|enc|i|vb|doorst|pd|"
    r"továbbítás|回复|答复|回覆|返信|转发|轉寄|転送|пересл|ответ)\s*(\[\d+\])?\s*[:：]",
    re.IGNORECASE,
)


def is_daemon(addr: str | None, name: str | None) -> bool:
    """The sender is a mail system (MAILER-DAEMON, postmaster, "Mail Delivery System" …)."""
    return bool(
        (addr and _DAEMON_LOCAL.match(addr)) or (name and _DAEMON_NAME.search(name.lower()))
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


def _specific_status(status: str, diagnostic: str) -> str:
    """A class-only status ("5.0.0") made specific by the diagnostic ("550 5.1.1")."""
    if not status.endswith(".0.0"):
        return status
    detail = _STATUS.search(diagnostic)
    return detail.group(0) if detail and detail.group(1) == status[0] else status


def _recipient_block(fields: dict[str, str]) -> BounceInfo | None:
    recipient = _address_of(fields.get("final-recipient") or fields.get("original-recipient"))
    if recipient is None and "action" not in fields:
        return None
    action = fields.get("action", "").lower().split(" ")[0] or None
    if action in ("delivered", "relayed", "expanded"):
        return None
    match = _STATUS.search(fields.get("status", ""))
    status = match.group(0) if match else ("4.0.0" if action == "delayed" else "5.0.0")
    status = _specific_status(status, fields.get("diagnostic-code", ""))
    return BounceInfo(
        recipient=recipient,
        status=status,
        # A failed action is final even when the MTA kept a 4.x.x status (queue expiry).
        permanent=action == "failed" or (status.startswith("5") and action != "delayed"),
        action=action,
        diagnostic=fields.get("diagnostic-code"),
    )


def _blocks(texts: list[str]) -> list[dict[str, str]]:
    return [
        _fields(block)
        for text in texts
        for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    ]


def parse_delivery_status(texts: list[str]) -> list[BounceInfo]:
    """Per-recipient results from ``message/delivery-status`` parts (RFC 3464)."""
    infos = (_recipient_block(fields) for fields in _blocks(texts))
    return [info for info in infos if info is not None]


def original_envelope_id(texts: list[str]) -> str | None:
    """The ``Original-Envelope-Id`` of a delivery report (the ENVID Accord handed off)."""
    for fields in _blocks(texts):
        if fields.get("original-envelope-id"):
            return fields["original-envelope-id"].strip()
    return None


def returned_message_ids(returned_headers: list[str], text: str) -> list[str]:
    """Message-IDs of the returned message: its header part, else a header line in the text."""
    found = [m for block in returned_headers for m in _MESSAGE_ID_LINE.findall(block)]
    found = found or _MESSAGE_ID_LINE.findall(text[:100_000])
    return list(dict.fromkeys(found))


def looks_like_bounce(
    *, from_addr: str | None, subject: str, text: str, machine_sender: bool = False
) -> bool:
    """True for the non-standard bounces: a mail system telling of a failed delivery.

    ``machine_sender``: the null sender or a mail daemon sent it (see ``is_daemon``).
    """
    machine = machine_sender or is_daemon(from_addr, None)
    if _PERSON_SUBJECT.match(subject) and not machine:
        return False
    head = text[:20_000]
    lowered = head.lower()
    if any(hint in lowered for hint in _FAILURE_BODY_HINTS) and _FAILURE_BODY.search(head):
        return True
    if not machine:
        return False
    return bool(_FAILURE_SUBJECT.search(subject) or _FAILURE_WORDS.search(head[:5_000]))


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
        if addr not in ignore and not _DAEMON_LOCAL.match(addr):
            return addr
    return None


_ORIGINAL_CUT = re.compile(
    r"-{3,}.{0,40}(original message|copy of the message|original message header)|"
    r"^Received:|^Return-Path:",
    re.IGNORECASE | re.MULTILINE,
)


def bounce_from_text(text: str, *, subject: str, ignore: set[str]) -> BounceInfo:
    """Best-effort recipient and status from a human-readable bounce."""
    head = text[:20_000]
    cut = _ORIGINAL_CUT.search(head)
    body = head[: cut.start()] if cut else head
    delayed = bool(_DELAY.search(subject) or _DELAY.search(body))
    status, permanent = _status_from_text(body, delayed)
    return BounceInfo(
        recipient=_failed_recipient(body, ignore),
        status=status,
        permanent=permanent,
        action="delayed" if delayed else "failed",
        diagnostic=_diagnostic(body),
    )


def _diagnostic(body: str) -> str | None:
    for line in body.splitlines():
        if _STATUS.search(line) or _SMTP_CODE.search(line):
            return line.strip()[:500] or None
    return None
