"""All ORM models; importing this package registers every table on ``Base.metadata``."""

from app.models.agreements import Agreement, AgreementVersion, Counterparty
from app.models.aliases import CounterpartyAlias
from app.models.events import Event
from app.models.messages import OutboxEntry, StoredMessage
from app.models.state import DigestRun, IdempotencyKey, InboundNonce, MailboxState
from app.models.users import ApiKey, User, UserAddress

__all__ = [
    "Agreement",
    "AgreementVersion",
    "ApiKey",
    "Counterparty",
    "CounterpartyAlias",
    "DigestRun",
    "Event",
    "IdempotencyKey",
    "InboundNonce",
    "MailboxState",
    "OutboxEntry",
    "StoredMessage",
    "User",
    "UserAddress",
]
