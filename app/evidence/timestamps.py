"""The seal of a bundle's chain head, timestamped by the configured TSA (``ACCORD_TSA_URL``).

The TSA is asked while the bundle is built, inside the request's transaction, so the call has
a short overall deadline (``ACCORD_TSA_TIMEOUT_SECONDS``) and every failure (down, slow,
refusing, answering nonsense) only leaves the bundle without a timestamp, with the reason in
its manifest. A granted stamp is stored (``ChainTimestamp``): a later bundle of the same
chain head reuses the earliest one, re-sealed at the same instant (Ed25519 is
deterministic), so an unchanged record costs the TSA one request, and its stamp is the oldest
proof of that head.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.core import timestamp
from app.core.chain import format_time
from app.core.seal import Seal, key_id, seal
from app.models import ChainTimestamp

log = logging.getLogger("accord.evidence")

TSR = "timestamp.tsr"
MAX_RESPONSE = 1_000_000


@dataclass(frozen=True)
class Sealed:
    """The seal for a bundle, the TSA's response (DER) if any, and the manifest's entry."""

    seal: Seal
    response: bytes | None = None
    entry: dict[str, Any] | None = None


def seal_for_bundle(
    session: Session,
    settings: Settings,
    key: Ed25519PrivateKey,
    *,
    agreement_id: str,
    ref: str,
    event_count: int,
    chain_head: str,
    now: datetime,
) -> Sealed:
    """Seal the head; with a TSA configured, timestamp it too (or say why it is not)."""
    head: dict[str, Any] = {"agreement_id": agreement_id, "ref": ref, "event_count": event_count}
    if not settings.tsa_url:
        return Sealed(seal(key, **head, chain_head=chain_head, at=now))
    reused = _stored_stamp(session, key, head, chain_head)
    if reused is not None:
        return reused
    sealed = seal(key, **head, chain_head=chain_head, at=now)
    url = public_url(settings.tsa_url)
    imprint = timestamp.digest(sealed.statement())
    nonce = timestamp.new_nonce()
    try:
        response = fetch(
            settings.tsa_url, timestamp.request(imprint, nonce), settings.tsa_timeout_seconds
        )
        stamp = timestamp.check(response, imprint=imprint, nonce=nonce)
    except timestamp.TimestampError as exc:
        log.warning("no timestamp for agreement %s: %s", agreement_id, exc)
        return Sealed(sealed, None, {"file": None, "tsa_url": url, "missing": str(exc)})
    session.add(
        ChainTimestamp(
            agreement_id=agreement_id,
            event_count=event_count,
            chain_head=chain_head,
            sealed_at=sealed.sealed_at,
            key_id=sealed.key_id,
            statement_sha256=imprint.hex(),
            tsa_url=url,
            nonce=str(nonce),
            response=response,
            gen_time=stamp.gen_time,
        )
    )
    return Sealed(sealed, response, _entry(url, nonce, imprint, stamp))


def _stored_stamp(
    session: Session, key: Ed25519PrivateKey, head: dict[str, Any], chain_head: str
) -> Sealed | None:
    rows = session.scalars(
        select(ChainTimestamp)
        .where(
            ChainTimestamp.agreement_id == head["agreement_id"],
            ChainTimestamp.event_count == head["event_count"],
            ChainTimestamp.chain_head == chain_head,
            ChainTimestamp.key_id == key_id(key.public_key()),
        )
        .order_by(ChainTimestamp.id)
    )
    for row in rows:
        at = datetime.fromisoformat(row.sealed_at.replace("Z", "+00:00"))
        sealed = seal(key, **head, chain_head=chain_head, at=at)
        imprint = timestamp.digest(sealed.statement())
        if sealed.sealed_at != row.sealed_at or imprint.hex() != row.statement_sha256:
            continue
        try:
            stamp = timestamp.check(row.response, imprint=imprint, nonce=int(row.nonce))
        except timestamp.TimestampError as exc:
            log.warning("stored timestamp %s is not usable: %s", row.id, exc)
            continue
        return Sealed(sealed, row.response, _entry(row.tsa_url, int(row.nonce), imprint, stamp))
    return None


def _entry(url: str, nonce: int, imprint: bytes, stamp: timestamp.Stamp) -> dict[str, Any]:
    return {
        "file": TSR,
        "tsa_url": url,
        "tsa": stamp.tsa,
        "gen_time": format_time(stamp.gen_time),
        "statement_sha256": imprint.hex(),
        "nonce": str(nonce),  # a string: JSON readers may hold 64-bit integers as doubles
    }


def public_url(url: str) -> str:
    """``url`` without user and password, fit for a manifest."""
    try:
        return str(httpx.URL(url).copy_with(username=None, password=None))
    except (httpx.InvalidURL, TypeError):
        return "(an invalid URL)"


def fetch(url: str, query: bytes, timeout: float) -> bytes:
    """POST a TimeStampReq to the TSA; its answer within ``timeout`` seconds overall, or
    TimestampError saying what went wrong."""
    deadline = time.monotonic() + timeout
    shown = public_url(url)
    body = bytearray()
    try:
        with httpx.stream(
            "POST",
            url,
            content=query,
            headers={"Content-Type": timestamp.QUERY_TYPE, "Accept": timestamp.REPLY_TYPE},
            timeout=timeout,
        ) as response:
            if response.status_code != 200:
                raise timestamp.TimestampError(
                    f"the TSA at {shown} answered HTTP {response.status_code}"
                )
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_RESPONSE:
                    raise timestamp.TimestampError(f"the TSA at {shown} answered over 1 MB")
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("overall deadline")
    except httpx.TimeoutException as exc:
        raise timestamp.TimestampError(
            f"the TSA at {shown} did not answer within {timeout:g} s"
        ) from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise timestamp.TimestampError(
            f"the TSA at {shown} could not be reached ({type(exc).__name__}: {exc})"
        ) from exc
    return bytes(body)
