"""The models' tables, for statements written in SQLAlchemy Core (``messages_table.c.id``,
``bulk.insert(connection, outbox_table, rows)``): one handle per table, declared here once."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table

from app.models.agreements import Agreement, AgreementVersion, Counterparty
from app.models.aliases import CounterpartyAlias
from app.models.commitments import AgreementReview, Commitment
from app.models.events import Event
from app.models.messages import OutboxEntry, StoredMessage
from app.models.state import MailboxState
from app.models.users import AcceptedPhrase, User, UserAddress
from app.models.webhooks import WebhookDelivery, WebhookEndpoint


def table_of(model: Any) -> Table:
    """The table an ORM model is mapped to."""
    return cast(Table, model.__table__)


agreements_table = table_of(Agreement)
versions_table = table_of(AgreementVersion)
counterparties_table = table_of(Counterparty)
aliases_table = table_of(CounterpartyAlias)
commitments_table = table_of(Commitment)
reviews_table = table_of(AgreementReview)
events_table = table_of(Event)
messages_table = table_of(StoredMessage)
outbox_table = table_of(OutboxEntry)
users_table = table_of(User)
addresses_table = table_of(UserAddress)
phrases_table = table_of(AcceptedPhrase)
mailbox_state_table = table_of(MailboxState)
webhook_endpoints_table = table_of(WebhookEndpoint)
webhook_deliveries_table = table_of(WebhookDelivery)
