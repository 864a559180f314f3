"""One decision per inbound message (app.inbound.decide), whatever the batch: a backlog of
every kind of message (replies, clarifications, out-of-office notices with and without an
away policy, bounces, unverified senders, withdrawn agreements, informational recipients,
garbage) leaves the same record (outcomes, counterparty and agreement states, the event
chain, owner alerts, webhook deliveries) decided in one batch as one message at a time, and
a batch that fails part-way leaves nothing behind and is redone message by message, on
SQLite and PostgreSQL."""

from __future__ import annotations

import email
import re
from collections.abc import Iterator
from email import policy
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.core.chain import first_break
from app.core.events import event_record
from app.db import Database
from app.inbound import pipeline
from app.inbound.decide import Verdict
from app.inbound.pipeline import process_pending
from app.inbound.prepare import prepare_all
from app.inbound.store import store_raw
from app.models import Agreement, Counterparty, Event, OutboxEntry, StoredMessage, User
from app.models.webhooks import WebhookDelivery
from app.outbound.drafts import compose_drafts
from app.webhooks import service as webhooks
from mail.classify import Classification
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_api_agreements import create
from tests.app.test_inbound_batch import _summaries

NAMES = ["john", "mary", "omar", "lena", "ivan", "rosa"]

# A summary as Accord sends it (tracking address with a token in Reply-To), for unit tests.
_SUMMARY_FOR_UNIT = (
    b"From: Anna <anna@example.org>\r\nTo: John <john@example.com>\r\n"
    b"Reply-To: track+abcdefghijklmnopqrstuvwxyz234567@accord.example.com\r\n"
    b"Subject: Lead flow [ABCD-EFGH]\r\nMessage-ID: <s1@accord.example.com>\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\nWe agreed on 10 leads a week.\r\n"
)


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database(settings.resolved_database_url)
    yield database
    database.dispose()


def _people(tag: str) -> list[str]:
    return [f"{n}{tag}@example.com" for n in NAMES]


def _envelope(db: Database, recipient: str) -> str:
    """The envelope sender the summary to ``recipient`` went out with (its bounce address)."""
    with db.transaction() as session:
        entries = session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "summary"))
        return next(e.envelope_from for e in entries if e.recipients == [recipient])


def _mix(
    client: TestClient, account: Account, settings: Settings, db: Database, tag: str
) -> tuple[list[str], list[bytes]]:
    """Agreements for one owner and a backlog that exercises both paths, in the order a
    mailbox could hold it; returns the agreement ids and the raw messages."""
    john, mary, omar, lena, ivan, rosa = people = _people(tag)
    main = create(
        client,
        account,
        counterparties=[
            {"email": p, "name": n.title()} for p, n in zip(people, NAMES, strict=True)
        ],
        cc=[{"email": f"hr{tag}@example.com", "informational": True}],
    )
    away = create(client, account, counterparties=[{"email": f"kim{tag}@example.com"}])
    closed = create(client, account, counterparties=[{"email": f"ola{tag}@example.com"}])
    solo = create(client, account, counterparties=[{"email": f"una{tag}@example.com"}])
    with db.transaction() as session:
        policy_row = session.get(Agreement, away["id"])
        assert policy_row is not None
        policy_row.away_extension_days = 7
    s = _summaries(settings, db, main["id"])
    for other in (away, closed, solo):
        s |= _summaries(settings, db, other["id"])
    assert client.post(f"/v1/agreements/{closed['id']}/withdraw", headers=account.auth).is_success
    hr, una = f"hr{tag}@example.com", f"una{tag}@example.com"
    edited = mailfactory.summary_text(s[ivan]).replace("leads", "qualified leads", 1)
    raws = [
        mailfactory.reply(s[john], "Confirmed, thanks."),
        mailfactory.reply(s[mary], "Is it 10% or 8%?"),
        mailfactory.out_of_office(s[omar]),
        mailfactory.dsn(s[lena], _envelope(db, lena)),
        mailfactory.reply(s[rosa], "Yes, agreed.", sender=f"eve{tag}@evil.example"),
        mailfactory.reply(s[john], "Yes, agreed!"),  # confirmed already: nothing changes
        mailfactory.reply(s[ivan], "Looks good.", quote=edited),
        b"\x00\x01 not an email at all \xff\xfe" + tag.encode(),
        mailfactory.reply(s[omar], "Back now. Confirmed."),  # away -> confirmed
        mailfactory.dsn(s[rosa], _envelope(db, rosa), status="4.4.1"),  # delayed only
        # A bounce forged by its recipient (not from a mail system): kept for review.
        mailfactory.dsn(s[rosa], _envelope(db, rosa)).replace(
            b"Return-Path: <>\r\nFrom: MAILER-DAEMON@mx.example.com (Mail Delivery System)",
            f"From: {rosa}".encode(),
        ),
        mailfactory.reply(s[f"ola{tag}@example.com"], "Agreed."),  # withdrawn agreement
        mailfactory.out_of_office(s[f"kim{tag}@example.com"]),  # away policy: per message
        mailfactory.reply(s[hr], "Fine by me."),  # informational
        mailfactory.reply(s[rosa], "Confirmed."),
        mailfactory.reply(s[mary], "Sorry, all correct. Confirmed."),  # after a clarification
        # An unverified reply keeps the agreement open for review after the confirmation.
        mailfactory.reply(s[una], "Confirmed.", sender=f"mallory{tag}@evil.example"),
        mailfactory.reply(s[una], "Confirmed."),
    ]
    return [main["id"], away["id"], closed["id"], solo["id"]], raws


def _store(db: Database, raws: list[bytes]) -> None:
    with db.transaction() as session:
        for raw in raws:
            store_raw(session, raw=raw, source="test")


def _norm(value: Any, names: dict[str, str]) -> Any:
    """The record with what differs between the two backlogs taken out: the tag in
    addresses, the agreements' ids and refs, and values that are fresh per run."""
    if isinstance(value, dict):
        return {k: _norm(v, names) for k, v in value.items() if k not in _FRESH}
    if isinstance(value, list | tuple):
        return [_norm(v, names) for v in value]
    if isinstance(value, str):
        for old, new in names.items():
            value = value.replace(old, new)
    return value


# Values that differ between two runs by construction: times, generated ids and hashes.
_FRESH = {
    "arrived_at",
    "before_deadline",
    "at",
    "hash",
    "prev_hash",
    "message_id",
    "message_sha256",
    "copy_sha256",
    "outbox_id",
    "smtp_reply",
}


def _record(db: Database, settings: Settings, agreement_ids: list[str], tag: str) -> dict[str, Any]:
    with db.transaction() as session:
        # Owner alerts are queued as drafts: compare the mail they are composed into.
        compose_drafts(session, settings)
        messages = session.scalars(
            select(StoredMessage)
            .where(StoredMessage.direction == "in", StoredMessage.agreement_id.in_(agreement_ids))
            .order_by(StoredMessage.id)
        ).all()
        agreements = [session.get(Agreement, i) for i in agreement_ids]
        record: dict[str, Any] = {"messages": [], "agreements": []}
        for m in messages:
            cp = session.get(Counterparty, m.counterparty_id) if m.counterparty_id else None
            record["messages"].append(
                {
                    "status": m.status,
                    "kind": m.kind,
                    "classification": m.classification,
                    "reason": m.reason,
                    "from": m.from_addr,
                    "subject": m.subject,
                    "details": m.details,
                    "counterparty": cp.email if cp else None,
                    "agreement": agreement_ids.index(m.agreement_id),
                    "processed": m.processed_at is not None,
                }
            )
        for agreement in agreements:
            assert agreement is not None
            events = session.scalars(
                select(Event).where(Event.agreement_id == agreement.id).order_by(Event.seq)
            ).all()
            assert first_break([event_record(e) for e in events]) is None
            assert agreement.event_count == len(events)
            assert agreement.event_head == events[-1].hash
            cps = session.scalars(
                select(Counterparty)
                .where(Counterparty.agreement_id == agreement.id)
                .order_by(Counterparty.id)
            ).all()
            by_id = {m.id: m for m in messages}
            alerts = session.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.agreement_id == agreement.id, OutboxEntry.kind == "owner_alert")
                .order_by(OutboxEntry.id)
            ).all()
            hooks = session.scalars(
                select(WebhookDelivery.event_type).where(
                    WebhookDelivery.body.contains(agreement.id)
                )
            ).all()
            record["agreements"].append(
                {
                    "status": agreement.status,
                    "updated_is_last_event": agreement.updated_at == events[-1].at,
                    "events": [
                        {
                            **event_record(e),
                            "message": messages.index(by_id[e.message_row_id])
                            if e.message_row_id in by_id
                            else None,
                        }
                        for e in events
                    ],
                    "counterparties": [
                        {
                            "email": c.email,
                            "status": c.status,
                            # replied_at is when the first reply arrived (its row's time)
                            "replied_with": [
                                i
                                for i, m in enumerate(messages)
                                if c.replied_at is not None and m.received_at == c.replied_at
                            ],
                            "status_at_is_an_event": c.status_at in {e.at for e in events},
                        }
                        for c in cps
                    ],
                    "alerts": [_alert(a) for a in alerts],
                    "webhooks": sorted(hooks),
                }
            )
        names = {f"{tag}@": "@"} if tag else {}
        for n, a in enumerate(agreements):
            assert a is not None
            names |= {a.id: f"<agreement {n}>", a.ref: f"<ref {n}>"}
        return _norm(record, names)


def _first_difference(got: Any, expected: Any, path: str = "") -> str | None:
    """Where two records first differ, for a readable failure."""
    if isinstance(got, dict) and isinstance(expected, dict):
        for key in sorted(set(got) | set(expected), key=str):
            found = _first_difference(got.get(key), expected.get(key), f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(got, list) and isinstance(expected, list):
        for i, (g, e) in enumerate(zip(got, expected, strict=False)):
            found = _first_difference(g, e, f"{path}[{i}]")
            if found:
                return found
        if len(got) != len(expected):
            return f"{path}: {len(got)} items, expected {len(expected)}"
        return None
    return None if got == expected else f"{path}: {got!r}, expected {expected!r}"


def _alert(entry: OutboxEntry) -> dict[str, Any]:
    msg = email.message_from_bytes(entry.message.raw, policy=policy.default)
    body = msg.get_body(("plain",))
    assert body is not None
    references = str(msg["References"] or "")
    return {
        "recipients": entry.recipients,
        "subject": str(msg["Subject"]),
        "threaded": bool(references) and references == str(msg["In-Reply-To"] or ""),
        # The one-click mark link is signed per message row and time: its token is fresh.
        "text": re.sub(r"/app/mark/\S+", "/app/mark/<token>", str(body.get_content())),
        "counterparty": entry.counterparty_id is not None,
    }


def _hook(db: Database, account: Account) -> None:
    with db.transaction() as session:
        user = session.scalar(select(User).where(User.email == account.email))
        assert user is not None
        webhooks.create_endpoint(
            session,
            user=user,
            url="http://127.0.0.1:9/hook",
            events=list(webhooks.WEBHOOK_EVENTS),
            description="",
            allow_private=True,
        )


@pytest.mark.parametrize("hooked", [True, False], ids=["webhook", "no-webhook"])
def test_a_batch_decides_as_one_message_at_a_time_would(
    client: TestClient,
    account: Account,
    settings: Settings,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    hooked: bool,
) -> None:
    if hooked:
        _hook(db, account)
    loads: list[int] = []
    real = pipeline.load

    def counting(connection: Any, messages: Any, **kwargs: Any) -> Any:
        loads.append(len(messages))
        return real(connection, messages, **kwargs)

    monkeypatch.setattr(pipeline, "load", counting)

    first, raws = _mix(client, account, settings, db, "")
    _store(db, raws)
    alone = process_pending(settings, db, batch_size=1)
    assert loads == [1] * len(raws)

    loads.clear()
    second, raws = _mix(client, account, settings, db, "x")
    _store(db, raws)
    together = process_pending(settings, db, batch_size=50)
    assert together.by_status == alone.by_status
    assert loads == [len(raws)]  # one read for the whole batch

    expected, got = _record(db, settings, first, ""), _record(db, settings, second, "x")
    assert _first_difference(got, expected) is None
    statuses = [m["status"] for m in got["messages"]]
    assert statuses.count("processed") >= 9 and "unverified" in statuses, statuses
    types = [e["type"] for e in got["agreements"][0]["events"]]
    assert {"confirmed", "clarification_requested", "away", "bounced"} <= set(types)
    assert "unverified_bounce" in types  # the forged one
    assert bool(got["agreements"][0]["webhooks"]) == hooked
    assert got["agreements"][3]["status"] == "needs_attention"
    away = [e["type"] for e in got["agreements"][1]["events"]]
    assert away[-2:] == ["away", "extended"]  # the away policy lifted the hold at once


def test_a_batch_that_fails_part_way_leaves_nothing_and_is_redone_message_by_message(
    client: TestClient,
    account: Account,
    settings: Settings,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids, raws = _mix(client, account, settings, db, "")
    calls = []
    real = pipeline.store_drafts

    def failing_once(*args: Any, **kwargs: Any) -> Any:
        # After the batch's counterparties, events and agreement heads were written.
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the database went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "store_drafts", failing_once)
    _store(db, raws)
    report = process_pending(settings, db)
    assert len(calls) > 1, "the batch was not redone"
    monkeypatch.undo()

    # The same record as a backlog whose batch never failed.
    other, raws = _mix(client, account, settings, db, "x")
    _store(db, raws)
    assert process_pending(settings, db).by_status == report.by_status
    expected, got = _record(db, settings, other, "x"), _record(db, settings, ids, "")
    assert _first_difference(got, expected) is None


@pytest.mark.parametrize("stale", [False, True])
def test_a_verdict_made_ahead_stands_only_while_its_inputs_do(
    client: TestClient, account: Account, settings: Settings, db: Database, stale: bool
) -> None:
    john = "john@example.com"
    agreement = create(client, account, counterparties=[{"email": john, "name": "John"}])
    summary = _summaries(settings, db, agreement["id"])[john]
    _store(db, [mailfactory.reply(summary, "Confirmed.")])
    with db.transaction() as session:
        row_id = session.scalars(
            select(StoredMessage.id).where(StoredMessage.status == "received")
        ).one()
        cp = session.scalars(select(Counterparty).where(Counterparty.email == john)).one()
        owner = session.scalars(select(User).where(User.email == account.email)).one()
        inputs = (cp.agreement_id, cp.summary_message_id, cp.name, owner.name, frozenset[str]())
        if stale:  # renamed after the helper classified: the names the verdict saw are gone
            cp.name = "Johnny"
    # A verdict no classifier would give, to see whether it was used.
    planted = Classification("clarification", "planted by the test")
    process_pending(settings, db, verdicts={row_id: Verdict(inputs, planted)})
    with db.transaction() as session:
        row = session.get(StoredMessage, row_id)
        assert row is not None and row.status == "processed"
        if stale:
            assert (row.classification, row.reason) == (
                "confirmation",
                'agreement: "Confirmed"; nothing else changes the summary',
            )
        else:
            assert (row.classification, row.reason) == ("clarification", "planted by the test")


def test_the_helper_prepares_a_batch_without_verdicts_when_it_cannot_read(
    tmp_path: Any,
) -> None:
    raw = mailfactory.reply(_SUMMARY_FOR_UNIT, "Confirmed.")
    unreadable = f"sqlite:///{tmp_path}/no/such/dir/accord.db"
    [ready] = prepare_all([raw], "track@accord.example.com", 10_000_000, unreadable)
    assert ready.verdict is None and ready.parsed.kind == "reply"
    assert ready.parsed.token == "abcdefghijklmnopqrstuvwxyz234567"  # so the helper tried
