"""All ORM models; importing this package registers every table on ``Base.metadata``."""

from app.models.agreements import Agreement, AgreementVersion, Counterparty
from app.models.aliases import CounterpartyAlias
from app.models.commitments import AgreementReview, Commitment, FollowThroughPrefs
from app.models.connected import ConnectedMailbox
from app.models.events import Event
from app.models.messages import OutboxEntry, StoredMessage
from app.models.state import DigestRun, IdempotencyKey, InboundNonce, MailboxState
from app.models.timestamps import ChainTimestamp
from app.models.users import AcceptedPhrase, AddressClaim, ApiKey, User, UserAddress
from app.models.web import AuthFailures, LoginToken, WebSession
from app.models.webhooks import WebhookDelivery, WebhookEndpoint, WebhookSecret

__all__ = [
    "AcceptedPhrase",
    "AddressClaim",
    "Agreement",
    "AgreementReview",
    "AgreementVersion",
    "ApiKey",
    "AuthFailures",
    "ChainTimestamp",
    "Commitment",
    "ConnectedMailbox",
    "Counterparty",
    "CounterpartyAlias",
    "DigestRun",
    "Event",
    "FollowThroughPrefs",
    "IdempotencyKey",
    "InboundNonce",
    "LoginToken",
    "MailboxState",
    "OutboxEntry",
    "StoredMessage",
    "User",
    "UserAddress",
    "WebSession",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookSecret",
]
