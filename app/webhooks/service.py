"""Webhook endpoints and deliveries: rules and queries (no HTTP here)."""

from __future__ import annotations

import ipaddress
import json
import secrets
import socket
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import new_id, utcnow
from app.errors import Invalid, NotFound
from app.evidence.chain import format_time
from app.models import Agreement, Event, User
from app.models.webhooks import WebhookDelivery, WebhookEndpoint, WebhookSecret

# Event log types that become webhook events.
EVENT_TYPES = {
    "sent": "agreement.sent",
    "confirmed": "agreement.confirmed",
    "resolved": "agreement.confirmed",  # the owner confirmed it (e.g. after a call)
    "clarification_requested": "agreement.clarification_requested",
    "deemed_accepted": "agreement.deemed_accepted",
    "bounced": "agreement.bounced",
    "away": "agreement.away",
    "withdrawn": "agreement.withdrawn",
    "revised": "agreement.revised",
}
WEBHOOK_EVENTS = sorted(EVENT_TYPES.values())


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def check_destination(url: str, *, allow_private: bool) -> None:
    """Refuse URLs that are not http(s), and (unless allowed) private or loopback targets."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise Invalid("the webhook URL must be an absolute http(s) URL")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError as exc:
        raise Invalid(f"cannot resolve {parts.hostname}") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise Invalid(f"{parts.hostname} resolves to a non-public address ({address})")


def create_endpoint(
    session: Session,
    *,
    user: User,
    url: str,
    events: list[str],
    description: str,
    allow_private: bool,
) -> tuple[WebhookEndpoint, str]:
    unknown = set(events) - set(WEBHOOK_EVENTS)
    if unknown:
        raise Invalid(f"unknown events: {', '.join(sorted(unknown))}")
    check_destination(url, allow_private=allow_private)
    endpoint = WebhookEndpoint(
        user_id=user.id, url=url, events=sorted(set(events)), description=description
    )
    secret = new_secret()
    endpoint.secrets.append(WebhookSecret(secret=secret))
    session.add(endpoint)
    session.flush()
    return endpoint, secret


def get_endpoint(session: Session, *, user: User, endpoint_id: str) -> WebhookEndpoint:
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or endpoint.user_id != user.id or endpoint.disabled_at is not None:
        raise NotFound("no such webhook endpoint")
    return endpoint


def list_endpoints(session: Session, *, user: User) -> list[WebhookEndpoint]:
    stmt = select(WebhookEndpoint).where(
        WebhookEndpoint.user_id == user.id, WebhookEndpoint.disabled_at.is_(None)
    )
    return list(session.scalars(stmt.order_by(WebhookEndpoint.created_at)))


def delete_endpoint(session: Session, *, user: User, endpoint_id: str) -> None:
    get_endpoint(session, user=user, endpoint_id=endpoint_id).disabled_at = utcnow()


def rotate_secret(session: Session, *, endpoint: WebhookEndpoint) -> WebhookSecret:
    """Add a secret; the old ones keep signing until revoked, so receivers can switch over."""
    secret = WebhookSecret(secret=new_secret())
    endpoint.secrets.append(secret)
    session.flush()
    return secret


def revoke_secret(session: Session, *, endpoint: WebhookEndpoint, secret_id: str) -> None:
    active = [s for s in endpoint.secrets if s.revoked_at is None]
    target = next((s for s in active if s.id == secret_id), None)
    if target is None:
        raise NotFound("no such active secret")
    if len(active) == 1:
        raise Invalid("an endpoint needs one active secret; add a new one first")
    target.revoked_at = utcnow()


def _body(delivery_id: str, event_type: str, at: datetime, data: dict[str, Any]) -> str:
    return json.dumps(
        {"id": delivery_id, "type": event_type, "created_at": format_time(at), "data": data},
        separators=(",", ":"),
        ensure_ascii=False,
        sort_keys=True,
    )


def _subscribed(endpoint: WebhookEndpoint, event_type: str) -> bool:
    return not endpoint.events or event_type in endpoint.events


def enqueue_for_event(session: Session, *, agreement: Agreement, event: Event) -> int:
    """Queue one delivery per subscribed endpoint, in the event's own transaction."""
    event_type = EVENT_TYPES.get(event.type)
    if event_type is None:
        return 0
    # Asked once per owner per transaction (a batch of inbound messages is one), without
    # autoflush: asking whether anyone listens must not force the pending writes out.
    cache: dict[str, list[WebhookEndpoint]] = session.info.setdefault("webhook_endpoints", {})
    if agreement.owner_id not in cache:
        stmt = select(WebhookEndpoint).where(
            WebhookEndpoint.user_id == agreement.owner_id, WebhookEndpoint.disabled_at.is_(None)
        )
        with session.no_autoflush:
            cache[agreement.owner_id] = list(session.scalars(stmt))
    endpoints = [e for e in cache[agreement.owner_id] if _subscribed(e, event_type)]
    if not endpoints:
        return 0
    session.flush()  # the event needs its id for the delivery key
    data = {
        "agreement": {"id": agreement.id, "ref": agreement.ref, "title": agreement.title},
        "event": {
            "seq": event.seq,
            "type": event.type,
            "at": format_time(event.at),
            "actor": event.actor,
            "counterparty": event.counterparty,
            "message_id": event.message_id,
            "data": event.data,
            "hash": event.hash,
        },
    }
    for endpoint in endpoints:
        delivery_id = new_id()
        session.add(
            WebhookDelivery(
                id=delivery_id,
                endpoint_id=endpoint.id,
                event_key=f"event:{event.id}",
                event_type=event_type,
                body=_body(delivery_id, event_type, event.at, data),
                next_attempt_at=event.at,
            )
        )
    return len(endpoints)


def queue_test(session: Session, *, endpoint: WebhookEndpoint) -> WebhookDelivery:
    delivery_id = new_id()
    now = utcnow()
    delivery = WebhookDelivery(
        id=delivery_id,
        endpoint_id=endpoint.id,
        event_key=f"test:{delivery_id}",
        event_type="ping",
        body=_body(delivery_id, "ping", now, {"endpoint": endpoint.id}),
        next_attempt_at=now,
    )
    session.add(delivery)
    session.flush()
    return delivery


def deliveries(session: Session, *, endpoint: WebhookEndpoint, limit: int) -> list[WebhookDelivery]:
    stmt = (
        select(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint.id)
        .order_by(WebhookDelivery.created_at.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))
