"""``accord parse``: what the pipeline sees in a message, without a database (SPEC §5).

Uses exactly the functions the service uses (``parse_message`` and ``classify_message``), so the
output is evidence of what the service would decide, not a second opinion.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mail.ids import find_refs
from mail.message import ParsedMessage, parse_message
from mail.verdict import classify_message


def _ref(parsed: ParsedMessage) -> str | None:
    refs = find_refs(parsed.subject) or find_refs(parsed.text[:100_000])
    return refs[0] if refs else None


def _classification(parsed: ParsedMessage, sent_text: str | None) -> str | None:
    if parsed.kind != "reply":
        return None
    result = classify_message(
        parsed, sent_text=sent_text, names=[parsed.from_name] if parsed.from_name else ()
    )
    return result.label


def _bounce(parsed: ParsedMessage) -> dict[str, Any] | None:
    if not parsed.bounces:
        return None
    first = parsed.bounces[0]
    return {"recipient": first.recipient, "status": first.status, "permanent": first.permanent}


# Kinds whose text a person wrote: bounces and auto-replies are written by software.
_HUMAN_KINDS = ("reply", "capture", "unrelated")


def describe(
    raw: bytes,
    *,
    file: str | None = None,
    tracking_address: str | None = None,
    sent_text: str | None = None,
    max_bytes: int = 10_000_000,
) -> dict[str, Any]:
    """The SPEC §5 ``accord parse --json`` object for one raw message, plus what a bounce's
    authenticity rests on (``null_sender``, ``daemon_sender``, ``original_message_ids``,
    ``original_envelope_id``) and whether an auto-reply says the person is away.

    Without ``sent_text`` (no database) edits inside the quoted summary cannot be seen.
    """
    parsed = parse_message(raw, tracking_address=tracking_address, max_bytes=max_bytes)
    return {
        "file": file,
        "kind": parsed.kind,
        "message_id": parsed.message_id,
        "from": parsed.from_addr,
        "token": parsed.token or parsed.bounce_token,
        "ref": _ref(parsed),
        "in_reply_to": parsed.in_reply_to,
        "references": parsed.references,
        "reply_text": parsed.reply_text if parsed.kind in _HUMAN_KINDS else None,
        "classification": _classification(parsed, sent_text),
        "bounce": _bounce(parsed),
        "auto_reply_reason": parsed.auto_reply_reason,
        "out_of_office": parsed.out_of_office,
        "null_sender": parsed.null_sender,
        "daemon_sender": parsed.daemon_sender,
        "original_message_ids": parsed.original_message_ids,
        "original_envelope_id": parsed.original_envelope_id,
    }


def describe_files(
    paths: Iterable[str | Path],
    *,
    tracking_address: str | None = None,
    max_bytes: int = 10_000_000,
) -> Iterator[dict[str, Any]]:
    """One object per file; a file that cannot be read yields ``{"file", "error"}``."""
    for path in paths:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            yield {"file": str(path), "error": f"{type(exc).__name__}: {exc.strerror or exc}"}
            continue
        yield describe(raw, file=str(path), tracking_address=tracking_address, max_bytes=max_bytes)
