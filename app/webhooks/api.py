"""HTTP routes for webhook endpoints, their secrets and their delivery log."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from app.api.deps import PageSize, SessionDep, SettingsDep, UserDep
from app.api.problems import PROBLEM
from app.core.fields import FromRow
from app.models.webhooks import WebhookDelivery, WebhookEndpoint
from app.webhooks import service
from app.webhooks.service import WEBHOOK_EVENTS

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])


class EndpointIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"url": "https://tools.example.com/accord", "events": ["agreement.confirmed"]}
            ]
        },
    )
    url: Annotated[str, Field(min_length=8, max_length=2000)]
    events: list[str] = Field(default=[], description=f"Empty for all of: {WEBHOOK_EVENTS}")
    description: Annotated[str, Field(max_length=200)] = ""


class SecretOut(FromRow):
    id: str
    created_at: datetime
    revoked_at: datetime | None


class EndpointOut(FromRow):
    id: str
    url: str
    events: list[str]
    description: str
    created_at: datetime
    secrets: list[SecretOut]


class EndpointCreated(EndpointOut):
    secret: str = Field(description="The signing secret; shown once.")


class NewSecret(SecretOut):
    secret: str = Field(description="Shown once. The old secrets keep signing until revoked.")


class DeliveryOut(FromRow):
    id: str
    event_type: str
    status: str
    attempts: int
    last_status: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    next_attempt_at: datetime
    log: list[dict[str, Any]]


def _out(endpoint: WebhookEndpoint) -> EndpointOut:
    return EndpointOut.model_validate(endpoint)


def _delivery(d: WebhookDelivery) -> DeliveryOut:
    return DeliveryOut.model_validate(d)


@router.post("", status_code=201, response_model=EndpointCreated, responses={422: PROBLEM})
def create_endpoint(
    body: EndpointIn, session: SessionDep, user: UserDep, settings: SettingsDep
) -> EndpointCreated:
    endpoint, secret = service.create_endpoint(
        session,
        user=user,
        url=body.url,
        events=body.events,
        description=body.description,
        allow_private=settings.webhook_allow_private,
    )
    return EndpointCreated(**_out(endpoint).model_dump(), secret=secret)


@router.get("", response_model=list[EndpointOut])
def list_endpoints(session: SessionDep, user: UserDep) -> list[EndpointOut]:
    return [_out(e) for e in service.list_endpoints(session, user=user)]


@router.delete("/{endpoint_id}", status_code=204, responses={404: PROBLEM})
def delete_endpoint(endpoint_id: str, session: SessionDep, user: UserDep) -> None:
    service.delete_endpoint(session, user=user, endpoint_id=endpoint_id)


@router.post(
    "/{endpoint_id}/secrets",
    status_code=201,
    response_model=NewSecret,
    responses={404: PROBLEM},
    summary="Add a signing secret (rotation)",
)
def add_secret(endpoint_id: str, session: SessionDep, user: UserDep) -> NewSecret:
    endpoint = service.get_endpoint(session, user=user, endpoint_id=endpoint_id)
    secret = service.rotate_secret(session, endpoint=endpoint)
    return NewSecret(
        id=secret.id, created_at=secret.created_at, revoked_at=None, secret=secret.secret
    )


@router.delete(
    "/{endpoint_id}/secrets/{secret_id}", status_code=204, responses={404: PROBLEM, 422: PROBLEM}
)
def revoke_secret(endpoint_id: str, secret_id: str, session: SessionDep, user: UserDep) -> None:
    endpoint = service.get_endpoint(session, user=user, endpoint_id=endpoint_id)
    service.revoke_secret(session, endpoint=endpoint, secret_id=secret_id)


@router.get(
    "/{endpoint_id}/deliveries",
    response_model=list[DeliveryOut],
    responses={404: PROBLEM},
    summary="The delivery log, newest first",
)
def list_deliveries(
    endpoint_id: str,
    session: SessionDep,
    user: UserDep,
    limit: PageSize = 50,
) -> list[DeliveryOut]:
    endpoint = service.get_endpoint(session, user=user, endpoint_id=endpoint_id)
    return [_delivery(d) for d in service.deliveries(session, endpoint=endpoint, limit=limit)]


@router.post(
    "/{endpoint_id}/test",
    status_code=202,
    response_model=DeliveryOut,
    responses={404: PROBLEM},
    summary="Queue a signed ping to this endpoint",
)
def test_endpoint(endpoint_id: str, session: SessionDep, user: UserDep) -> DeliveryOut:
    endpoint = service.get_endpoint(session, user=user, endpoint_id=endpoint_id)
    return _delivery(service.queue_test(session, endpoint=endpoint))
