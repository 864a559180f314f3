"""Auto-replies (RFC 3834 and friends): they must never count as a counterparty's answer.

Header signals come first because they are what the sending software states about itself;
the localized out-of-office subjects catch the clients that state nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_OOO_SUBJECT = re.compile(
    r"^\s*("
    r"out of (the )?office|automatic reply|auto(matic)?[- ]?reply|autoreply|auto-response|"
    r"away from (the )?office|on vacation|vacation reply|"
    r"abwesenheitsnotiz|abwesenheit|automatische antwort|"
    r"r[ée]ponse automatique|absence du bureau|absent du bureau|"
    r"respuesta autom[áa]tica|fuera de la oficina|ausencia|"
    r"afwezig|automatisch antwoord|niet aanwezig|"
    r"risposta automatica|fuori sede|fuori ufficio|assente"
    r")\b",
    re.IGNORECASE,
)
_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}

Getter = Callable[[str], str | None]


def _auto_submitted(get: Getter) -> str | None:
    value = (get("Auto-Submitted") or "").strip().lower()
    if value and value.split(";")[0].strip() != "no":
        return f"auto-submitted: {value.split(';')[0].strip()}"
    return None


def _x_headers(get: Getter) -> str | None:
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply"):
        value = get(name)
        if value is not None and value.strip().lower() not in ("no", "false", "0"):
            return f"{name.lower()}: {value.strip().lower()[:40] or 'present'}"
    return None


def _precedence(get: Getter) -> str | None:
    value = (get("Precedence") or "").strip().lower()
    return f"precedence: {value}" if value in _PRECEDENCE else None


def _null_sender(get: Getter) -> str | None:
    value = get("Return-Path")
    if value is not None and value.replace(" ", "") == "<>":
        return "return-path: <>"
    return None


def subject_reason(subject: str) -> str | None:
    match = _OOO_SUBJECT.match(subject)
    return f"subject: {match.group(1).lower()}" if match else None


def auto_reply_reason(get: Getter, subject: str) -> str | None:
    """Which signal marks the message as an auto-reply, or None for a human-written one.

    ``get`` returns a decoded header value or None. X-Auto-Response-Suppress is deliberately
    not a signal: Outlook puts it on ordinary human messages too.
    """
    for check in (_auto_submitted, _x_headers, _precedence, _null_sender):
        reason = check(get)
        if reason:
            return reason
    return subject_reason(subject)


def is_out_of_office(subject: str, reason: str | None) -> bool:
    """An auto-reply that says the person is away (SPEC: holds deemed acceptance)."""
    if subject_reason(subject):
        return True
    return bool(reason and "auto-replied" in reason)
