"""Sending webhook deliveries: claim due rows, POST them signed, record, retry for 3 days."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from sqlalchemy import and_, or_, select, update

from app.config import Settings
from app.core.destinations import Resolver, system_resolver
from app.db import Database, utcnow
from app.errors import Invalid
from app.models.webhooks import WebhookDelivery, WebhookEndpoint
from app.webhooks.service import pin_destination
from app.webhooks.signing import signature_header
from app.webhooks.transport import pinned_transport

log = logging.getLogger("accord.webhooks")
LEASE = timedelta(minutes=2)
GIVE_UP_AFTER = timedelta(days=3)
TIMEOUT = 10.0
# What is kept of a failed delivery's answer: read at most EXCERPT_READ bytes, show fewer.
EXCERPT_READ = 2048
EXCERPT_CHARS = 200


@dataclass
class WebhookReport:
    delivered: int = 0
    retried: int = 0
    failed: int = 0


def backoff(attempts: int) -> timedelta:
    delay = min(6 * 3600.0, 15.0 * 2 ** max(0, attempts - 1))
    return timedelta(seconds=delay * random.uniform(0.5, 1.0))


def _claim(database: Database, now: datetime, limit: int) -> list[str]:
    with database.transaction() as session:
        due = or_(
            and_(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now),
            and_(WebhookDelivery.status == "sending", WebhookDelivery.lease_until < now),
        )
        ids = list(
            session.scalars(
                select(WebhookDelivery.id)
                .where(due)
                .order_by(WebhookDelivery.next_attempt_at)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        if ids:
            session.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.id.in_(ids))
                .values(
                    status="sending", lease_until=now + LEASE, attempts=WebhookDelivery.attempts + 1
                )
            )
        return ids


def _post(
    settings: Settings,
    delivery: WebhookDelivery,
    endpoint: WebhookEndpoint,
    resolve: Resolver,
    timeout: float,
) -> tuple[int | None, str | None]:
    secrets = [s.secret for s in endpoint.secrets if s.revoked_at is None]
    body = delivery.body.encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Accord-Webhooks/1",
        "Accord-Event": delivery.event_type,
        "Accord-Delivery": delivery.id,
        "Accord-Signature": signature_header(secrets, body, int(time.time())),
    }
    try:
        address = pin_destination(
            endpoint.url, allow_private=settings.webhook_allow_private, resolve=resolve
        )
        with (
            httpx.Client(
                transport=pinned_transport(address),
                timeout=timeout,
                follow_redirects=False,
                trust_env=False,
            ) as client,
            client.stream("POST", endpoint.url, content=body, headers=headers) as response,
        ):
            if response.is_success:
                return response.status_code, None
            return response.status_code, excerpt(_read_some(response, EXCERPT_READ))
    except Invalid as exc:
        return None, exc.detail[:500]
    except httpx.HTTPError as exc:
        return None, type(exc).__name__


def _read_some(response: httpx.Response, limit: int) -> bytes:
    """At most ``limit`` bytes of the body: a receiver's error page is not ours to store."""
    read = b""
    for chunk in response.iter_bytes():
        read += chunk
        if len(read) >= limit:
            break
    return read[:limit]


def excerpt(raw: bytes, length: int = EXCERPT_CHARS) -> str:
    """A short, printable excerpt of a failed delivery's answer: what a user needs to see the
    receiver's complaint, not a channel to read arbitrary responses through."""
    text = raw.decode("utf-8", "replace")
    text = "".join(c if c.isprintable() else " " for c in text)
    text = " ".join(text.split())
    return text[:length] + ("..." if len(text) > length else "")


def _record(
    database: Database, delivery_id: str, status: int | None, error: str | None, now: datetime
) -> str:
    with database.transaction() as session:
        delivery = session.get(WebhookDelivery, delivery_id, with_for_update=True)
        if delivery is None or delivery.status != "sending":
            return "skipped"
        delivery.last_status = status
        delivery.last_error = error
        delivery.lease_until = None
        delivery.log = [*delivery.log, {"at": now.isoformat(), "status": status, "error": error}][
            -20:
        ]
        if status is not None and 200 <= status < 300:
            delivery.status = "delivered"
            delivery.delivered_at = now
            return "delivered"
        if now - delivery.created_at > GIVE_UP_AFTER:
            delivery.status = "failed"
            return "failed"
        delivery.status = "pending"
        delivery.next_attempt_at = now + backoff(delivery.attempts)
        return "retried"


def deliver_webhooks(
    settings: Settings,
    database: Database,
    *,
    limit: int = 100,
    now: Callable[[], datetime] = utcnow,
    resolve: Resolver = system_resolver,
    timeout: float = TIMEOUT,
) -> WebhookReport:
    """Deliver due webhooks; each connects to the one address its host was checked at."""
    report = WebhookReport()
    for delivery_id in _claim(database, now(), limit):
        with database.transaction() as session:
            delivery = session.get(WebhookDelivery, delivery_id)
            assert delivery is not None
            endpoint = session.get(WebhookEndpoint, delivery.endpoint_id)
            assert endpoint is not None
            _ = list(endpoint.secrets)
        status, error = _post(settings, delivery, endpoint, resolve, timeout)
        outcome = _record(database, delivery_id, status, error, now())
        if outcome in ("delivered", "retried", "failed"):
            setattr(report, outcome, getattr(report, outcome) + 1)
    return report
