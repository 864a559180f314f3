"""The evidence bundle of one agreement: a zip anyone can check offline (SPEC §7).

    messages/NNN-<direction>-<kind>.eml   every message as stored, its tokens made unreadable
    timeline.json                         the hash-chained events, versions, per-message facts
    timeline.html                         the same, readable and printable
    signature.json                        the chain head, sealed with the server's key
    signing-key.pem                       the public half of that key
    timestamp.tsr                         an RFC 3161 TimeStampResp of that seal, when a TSA
                                          is configured (manifest.json says why when not)
    manifest.json                         SHA-256 and size of every other file, the chain head

A message is exported as the copy ``mail.redact`` makes of its raw bytes: every reply,
bounce and answer token replaced by ``x`` of the same length, so the owner, who receives the
bundle, can never answer as a counterparty (SPEC §5); the event that recorded the message
holds the SHA-256 of both the raw bytes and this copy, so the copy is checked against the
chain. The zip is written to a spooled temporary file, one message at a time, so memory
stays bounded whatever the size of the record. ``app.evidence.verify`` checks a bundle with
nothing but the zip (and, to tie it to the server, its public key).
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from tempfile import SpooledTemporaryFile
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.chain import GENESIS, format_time
from app.core.events import event_record
from app.core.seal import public_pem, sign_manifest
from app.db import utcnow
from app.evidence.layout import (
    MANIFEST,
    MESSAGES_DIR,
    SIGNATURE,
    SIGNING_KEY,
    TIMELINE_HTML,
    TIMELINE_JSON,
)
from app.evidence.render import render_html, reply_excerpt
from app.evidence.timestamps import TSR, seal_for_bundle
from app.keys import signing_key
from app.models import Agreement, Event, OutboxEntry, StoredMessage
from app.outbound.drafts import DRAFT, compose_drafts
from mail.redact import redact, redact_text

FORMAT = "accord-evidence/1"
SPOOL_BYTES = 8 * 1024 * 1024
CHUNK = 64 * 1024

_SAFE = re.compile(r"[^a-z0-9_]+")


@dataclass
class _Zip:
    """A zip being written, with the digest of every member for the manifest."""

    archive: zipfile.ZipFile
    at: datetime
    files: list[dict[str, Any]] = field(default_factory=list)

    def add(self, name: str, data: bytes, *, at: datetime | None = None) -> str:
        digest = hashlib.sha256(data).hexdigest()
        stamp = (at or self.at).timetuple()[:6]
        info = zipfile.ZipInfo(name, date_time=(max(stamp[0], 1980), *stamp[1:]))
        info.compress_type = zipfile.ZIP_DEFLATED
        self.archive.writestr(info, data)
        self.files.append({"name": name, "sha256": digest, "size": len(data)})
        return digest


def message_file_name(index: int, row: StoredMessage) -> str:
    kind = _SAFE.sub("_", (row.kind or "unknown").lower()).strip("_") or "unknown"
    direction = "in" if row.direction == "in" else "out"
    return f"{MESSAGES_DIR}{index:03d}-{direction}-{kind}.eml"


def _time(at: datetime | None) -> str | None:
    return format_time(at) if at is not None else None


def _handoff(entry: OutboxEntry | None) -> dict[str, Any] | None:
    """What the SMTP server answered when the message was handed to it."""
    if entry is None:
        return None
    return {
        "outbox_status": entry.status,
        "envelope_from": redact_text(entry.envelope_from),
        "recipients": list(entry.recipients),
        "attempts": entry.attempts,
        "sent_at": _time(entry.sent_at),
        "result": entry.result,
        "last_error": entry.last_error,
    }


def _message_meta(
    row: StoredMessage, name: str, digest: str, emails: dict[int, str], entry: OutboxEntry | None
) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "file": name,
        "id": row.id,
        "message_id": row.message_id,
        "direction": row.direction,
        "source": row.source,
        "kind": row.kind,
        "status": row.status,
        "classification": row.classification,
        "reason": row.reason,
        "from": redact_text(row.from_addr) if row.from_addr else None,
        "subject": redact_text(row.subject) if row.subject else None,
        "counterparty": emails.get(row.counterparty_id) if row.counterparty_id else None,
        "received_at": _time(row.received_at),
        "internaldate": _time(row.internaldate),
        "processed_at": _time(row.processed_at),
        "size": row.size,
        "sha256": digest,
        "handoff": _handoff(entry),
    }
    meta["raw_sha256"] = row.sha256
    if row.copy_sha256 is not None and digest != row.copy_sha256:
        meta["stored_copy_sha256"] = row.copy_sha256  # the bytes changed since they were stored
    return meta


def _versions(agreement: Agreement) -> list[dict[str, Any]]:
    return [
        {
            "number": v.number,
            "status": v.status,
            "title": v.title,
            "summary": v.summary,
            "deadline": _time(v.deadline),
            "created_at": _time(v.created_at),
            "counterparties": [
                {
                    "email": c.email,
                    "name": c.name,
                    "role": c.role,
                    "informational": c.informational,
                    "status": c.status,
                    "status_at": _time(c.status_at),
                    "deadline": _time(c.deadline),
                    "summary_message_id": c.summary_message_id,
                    "handoff_at": _time(c.handoff_at),
                    "handoff_reply": c.handoff_reply,
                    "replied_at": _time(c.replied_at),
                }
                for c in agreement.counterparties
                if c.version_id == v.id
            ],
        }
        for v in agreement.versions
    ]


def _agreement_meta(agreement: Agreement) -> dict[str, Any]:
    return {
        "id": agreement.id,
        "ref": agreement.ref,
        "title": agreement.title,
        "status": agreement.status,
        "version": agreement.version,
        "deadline": _time(agreement.deadline),
        "created_at": _time(agreement.created_at),
        "withdrawn_at": _time(agreement.withdrawn_at),
        "source": agreement.source,
        "external_ref": agreement.external_ref,
        "owner": {
            "email": agreement.owner.email,
            "name": agreement.owner.name,
            "timezone": agreement.owner.timezone,
        },
    }


def _outbox_by_message(session: Session, agreement_id: str) -> dict[int, OutboxEntry]:
    stmt = (
        select(OutboxEntry)
        .join(StoredMessage, StoredMessage.id == OutboxEntry.message_row_id)
        .where(StoredMessage.agreement_id == agreement_id)
    )
    return {e.message_row_id: e for e in session.scalars(stmt)}


def _write_messages(
    session: Session, agreement: Agreement, out: _Zip
) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """Add every raw message, loading one message's bytes at a time."""
    rows = list(
        session.scalars(
            select(StoredMessage)
            .where(StoredMessage.agreement_id == agreement.id)
            .order_by(StoredMessage.id)
        )
    )
    outbox = _outbox_by_message(session, agreement.id)
    emails = {c.id: c.email for c in agreement.counterparties}
    metas: list[dict[str, Any]] = []
    excerpts: dict[int, str] = {}
    # A draft has no bytes; build_bundle composes them first, so only a draft that could
    # not be composed (its outbox row failed with the reason) is left out here.
    rows = [row for row in rows if row.status != DRAFT]
    for index, row in enumerate(rows, start=1):
        raw = session.scalar(select(StoredMessage.raw).where(StoredMessage.id == row.id)) or b""
        raw = redact(raw)
        name = message_file_name(index, row)
        digest = out.add(name, raw, at=row.received_at)
        metas.append(_message_meta(row, name, digest, emails, outbox.get(row.id)))
        if row.direction == "in":
            excerpt = reply_excerpt(raw)
            if excerpt:
                excerpts[row.id] = excerpt
        del raw
    return metas, excerpts


def timeline_data(
    agreement: Agreement,
    events: list[Event],
    messages: list[dict[str, Any]],
    generated_at: datetime,
) -> dict[str, Any]:
    records = [event_record(e) for e in events]
    return {
        "format": FORMAT,
        "generated_at": format_time(generated_at),
        "agreement": _agreement_meta(agreement),
        "versions": _versions(agreement),
        "chain_head": records[-1]["hash"] if records else GENESIS,
        "events": records,
        "messages": messages,
    }


def manifest_data(timeline: dict[str, Any], files: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "agreement_id": timeline["agreement"]["id"],
        "ref": timeline["agreement"]["ref"],
        "generated_at": timeline["generated_at"],
        "event_count": len(timeline["events"]),
        "chain_head": timeline["chain_head"],
        "files": list(files),
    }


def _json(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode()


def write_bundle(
    session: Session,
    agreement: Agreement,
    out: IO[bytes],
    settings: Settings,
    *,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Write the bundle of ``agreement`` to ``out``; returns the manifest."""
    now = now or utcnow()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        zipped = _Zip(archive, now)
        messages, excerpts = _write_messages(session, agreement, zipped)
        events = list(
            session.scalars(
                select(Event).where(Event.agreement_id == agreement.id).order_by(Event.seq)
            )
        )
        timeline = timeline_data(agreement, events, messages, now)
        zipped.add(TIMELINE_JSON, _json(timeline))
        zipped.add(TIMELINE_HTML, render_html(timeline, excerpts).encode())
        # What this bundle holds, not the agreement row: under READ COMMITTED an event may
        # have been added since the row was read.
        # With a TSA configured, its token of the seal is a file the manifest lists.
        stamped = seal_for_bundle(
            session,
            settings,
            signing_key(settings),
            agreement_id=agreement.id,
            ref=agreement.ref,
            event_count=len(events),
            chain_head=timeline["chain_head"],
            now=now,
        )
        sealed = stamped.seal
        if stamped.response is not None:
            zipped.add(TSR, stamped.response)
        zipped.add(SIGNING_KEY, public_pem(signing_key(settings).public_key()).encode())
        manifest = manifest_data(timeline, zipped.files)
        if stamped.entry is not None:
            manifest["timestamp"] = stamped.entry
        manifest_bytes = _json(manifest)
        zipped.add(MANIFEST, manifest_bytes)
        # Last, and outside the manifest: the seal of the chain head and the signature of
        # the manifest, hence of every file it lists.
        signed = sign_manifest(
            signing_key(settings), agreement_id=agreement.id, manifest=manifest_bytes
        )
        zipped.add(SIGNATURE, _json({**sealed.as_dict(), **signed}))
    return manifest


def build_bundle(
    session: Session, agreement: Agreement, settings: Settings, *, now: datetime | None = None
) -> SpooledTemporaryFile[bytes]:
    """The bundle in a spooled file (memory up to 8 MB, then disk), rewound for reading.

    Summaries still queued as drafts are composed and stored first (``app.outbound.drafts``),
    so the bundle holds the bytes that will be sent, as it does for everything else."""
    compose_drafts(session, settings, agreement_id=agreement.id)
    # Closed by iter_file once streamed (or below, on failure): no context manager fits.
    spool: SpooledTemporaryFile[bytes] = SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    try:
        write_bundle(session, agreement, spool, settings, now=now)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


def iter_file(handle: IO[bytes], chunk: int = CHUNK) -> Iterator[bytes]:
    """Stream ``handle`` in chunks and close it at the end (or when the client goes away)."""
    try:
        while data := handle.read(chunk):
            yield data
    finally:
        handle.close()


def bundle_name(agreement: Agreement) -> str:
    return f"accord-{agreement.ref}-evidence.zip"
