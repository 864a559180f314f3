"""Webhook endpoints and deliveries: rules and queries (no HTTP here)."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.announce import EVENT_TYPES, WEBHOOK_EVENTS, delivery_body
from app.core.destinations import Resolver, pin_address, system_resolver
from app.db import new_id, utcnow
from app.errors import Invalid, NotFound
from app.models import User
from app.models.webhooks import WebhookDelivery, WebhookEndpoint, WebhookSecret

__all__ = ["EVENT_TYPES", "WEBHOOK_EVENTS"]


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def _host_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise Invalid("the webhook URL must be an absolute http(s) URL")
    try:
        return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Invalid("the webhook URL has an invalid port") from None


def check_destination(url: str, *, allow_private: bool) -> None:
    """Refuse URLs that are not http(s), and (unless allowed) private or loopback targets."""
    host, port = _host_port(url)
    if not allow_private:
        pin_address(host, port, allow_private=False)


def pin_destination(url: str, *, allow_private: bool, resolve: Resolver = system_resolver) -> str:
    """The one address a delivery to ``url`` connects to, checked by the same policy."""
    host, port = _host_port(url)
    return pin_address(host, port, allow_private=allow_private, resolve=resolve)


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


def queue_test(session: Session, *, endpoint: WebhookEndpoint) -> WebhookDelivery:
    delivery_id = new_id()
    now = utcnow()
    delivery = WebhookDelivery(
        id=delivery_id,
        endpoint_id=endpoint.id,
        event_key=f"test:{delivery_id}",
        event_type="ping",
        body=delivery_body(delivery_id, "ping", now, {"endpoint": endpoint.id}),
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
