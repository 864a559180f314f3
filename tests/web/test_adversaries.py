"""Attacks on the record, end to end, on SQLite and PostgreSQL: each adversary tries to bend it.

- the owner (who sends the summary): looks for a live token on every surface they can read,
  forges the counterparty's reply, replays the counterparty's signed mail into the thread,
  attests where Accord could deem, and rewrites the evidence bundle (up to re-sealing it with
  the server's real key, as the operator of a self-hosted server can);
- the counterparty: revokes a deemed acceptance with a forged bounce, overrides a written
  clarification with a click;
- a stranger: forges the counterparty's reply (ref or thread only, with and without forged
  Authentication-Results or DKIM signatures) and the owner's "cancel" of a captured agreement.

Each test asserts that the attack was refused and that nothing was lost: the message is kept
with a reason, the earlier state and events are intact.
"""

from __future__ import annotations

import email
import hashlib
import html
import io
import json
import re
import urllib.parse
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.cli import main
from app.config import Settings
from app.core import seal
from app.core.chain import GENESIS, event_hash
from app.core.deadlines import MIN_NOTICE
from app.db import Database, utcnow
from app.evidence.render import render_html, reply_excerpt
from app.evidence.verify import verify_bundle
from app.inbound.pipeline import process_pending
from app.inbound.store import store_raw
from app.keys import signing_key
from app.models import Counterparty, Event, OutboxEntry, StoredMessage, User, WebhookDelivery
from app.outbound.delivery import deliver_all
from app.outbound.drafts import compose_drafts
from app.timekeeping.digest import send_digest
from app.timekeeping.sweep import sweep
from mail.dkim import DnsLookup
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_api_agreements import create
from tests.app.test_authn import Signer
from tests.app.test_timekeeping import at, poll_at
from tests.web.conftest import Sent, csrf_of, sign_in

AUTHSERV = "mx.accord.example.com"
TRACKING = "track@accord.example.com"
MIKE = "mike@example.com"
JANE = "jane@example.com"
SUMMARY = "We agreed on 10 leads a week from you.\n\nLet me know if I missed anything."


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The shared settings, with webhooks allowed to a local target (whose payloads are read
    from the database, never sent)."""
    return settings.model_copy(update={"webhook_allow_private": True})


# --- helpers ----------------------------------------------------------------------------------


def with_authserv(settings: Settings) -> Settings:
    return settings.model_copy(update={"authserv_id": AUTHSERV})


def receive(
    settings: Settings,
    database: Database,
    raw: bytes,
    *,
    dns: DnsLookup | None = None,
    arrived: datetime | None = None,
) -> StoredMessage:
    """Store one raw message as the mailbox delivered it (at ``arrived``) and run the
    pipeline (at that moment); returns its row as processed."""
    with database.transaction() as session:
        row = store_raw(session, raw=raw, source="http", internaldate=arrived)
        assert row is not None
        row_id = row.id
    if arrived is None:
        process_pending(settings, database, dns=dns)
    else:
        process_pending(settings, database, dns=dns, now=lambda: arrived)
    with database.transaction() as session:
        stored = session.get(StoredMessage, row_id)
        assert stored is not None
        session.expunge(stored)
        return stored


@dataclass(frozen=True)
class Record:
    """What the record of an agreement holds, to compare before and after an attack."""

    statuses: dict[str, str]
    events: list[tuple[int, str, str]]  # (seq, type, hash)


def last_event(database: Database, agreement_id: str) -> Event:
    """The newest event of an agreement's chain."""
    with database.transaction() as session:
        event = session.scalars(
            select(Event).where(Event.agreement_id == agreement_id).order_by(Event.seq.desc())
        ).first()
        assert event is not None
        session.expunge(event)
        return event


def record_of(database: Database, agreement_id: str) -> Record:
    with database.transaction() as session:
        parties = session.scalars(
            select(Counterparty)
            .where(Counterparty.agreement_id == agreement_id)
            .order_by(Counterparty.id)
        )
        statuses = {c.email: c.status for c in parties}
        events = [
            (e.seq, e.type, e.hash)
            for e in session.scalars(
                select(Event).where(Event.agreement_id == agreement_id).order_by(Event.seq)
            )
        ]
        return Record(statuses, events)


def assert_intact(before: Record, after: Record) -> list[str]:
    """The statuses are unchanged and the earlier events are all still there, unchanged;
    returns the types of the events added."""
    assert after.statuses == before.statuses
    assert after.events[: len(before.events)] == before.events
    return [t for _, t, _ in after.events[len(before.events) :]]


def outbound(
    database: Database, settings: Settings, *, kind: str | None = None
) -> list[tuple[str, list[str], bytes]]:
    """Every outbound message as (kind, recipients, bytes), composed as delivery would."""
    with database.transaction() as session:
        compose_drafts(session, settings)
        stmt = select(OutboxEntry).order_by(OutboxEntry.id)
        if kind is not None:
            stmt = stmt.where(OutboxEntry.kind == kind)
        return [(e.kind, list(e.recipients), e.message.raw or b"") for e in session.scalars(stmt)]


def summary_of(database: Database, agreement_id: str, recipient: str) -> bytes:
    with database.transaction() as session:
        entry = session.scalars(
            select(OutboxEntry).where(
                OutboxEntry.agreement_id == agreement_id, OutboxEntry.kind == "summary"
            )
        ).all()
        raws = [e.message.raw for e in entry if e.recipients == [recipient]]
        assert raws and raws[-1] is not None
        return raws[-1]


def envelope_of(database: Database, agreement_id: str, recipient: str) -> str:
    with database.transaction() as session:
        entries = session.scalars(
            select(OutboxEntry).where(
                OutboxEntry.agreement_id == agreement_id, OutboxEntry.kind == "summary"
            )
        ).all()
        return next(e.envelope_from for e in entries if e.recipients == [recipient])


def header_of(raw: bytes, name: str) -> str:
    return str(email.message_from_bytes(raw, policy=policy.default)[name] or "")


def text_of(raw: bytes) -> str:
    msg = email.message_from_bytes(raw, policy=policy.default)
    body = msg.get_body(("plain",))  # type: ignore[attr-defined]
    assert body is not None
    return str(body.get_content())


def plain_reply(
    *,
    sender: str,
    to: str,
    subject: str,
    text: str,
    in_reply_to: str | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    msg = EmailMessage()
    for name, value in (headers or {}).items():
        msg[name] = value
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = make_msgid(domain="example.com")
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg.set_content(text + "\n")
    return msg.as_bytes(policy=policy.SMTP)


def sent_to_mike(
    web: TestClient, account: Account, settings: Settings, database: Database, **overrides: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Lead flow",
        "summary": SUMMARY,
        "counterparties": [{"email": MIKE, "name": "Mike"}],
        **overrides,
    }
    agreement = create(web, account, **body)
    deliver_all(settings, database)
    return agreement


def unverified_alerts(database: Database, settings: Settings) -> list[str]:
    return [
        header_of(raw, "Subject")
        for _, _, raw in outbound(database, settings, kind="owner_alert")
        if "review" in header_of(raw, "Subject")
    ]


# --- the owner: a live token on any surface ------------------------------------------------------


def readable_forms(blob: bytes) -> list[str]:
    """Every way a reader may see ``blob``: its bytes, without quoted-printable soft breaks,
    each MIME part decoded (base64, quoted-printable), URL-decoded and HTML-unescaped."""
    texts = [blob.decode("utf-8", "replace")]
    texts.append(re.sub(rb"=\r?\n", b"", blob).decode("utf-8", "replace"))
    try:
        message = email.message_from_bytes(blob, policy=policy.compat32)
        for part in message.walk():
            if part.is_multipart():
                continue
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                texts.append(payload.decode("utf-8", "replace"))
    except Exception:  # not a message: the plain forms above are what there is
        pass
    more = []
    for text in texts:
        more.append(urllib.parse.unquote(text))
        more.append(html.unescape(text))
        more.append(html.unescape(urllib.parse.unquote(text)))
    return [t.lower() for t in texts + more]


def secrets_of(database: Database) -> dict[str, str]:
    """Every counterparty's three secrets, named."""
    found: dict[str, str] = {}
    with database.transaction() as session:
        for cp in session.scalars(select(Counterparty)):
            found[f"{cp.email} reply token"] = cp.token
            found[f"{cp.email} bounce token"] = cp.bounce_token
            found[f"{cp.email} answer token"] = cp.answer_token
    return found


def leaks(surfaces: dict[str, bytes], secrets: dict[str, str]) -> list[str]:
    """Where a secret can be read, each with what stands before it."""
    found = []
    for where, blob in surfaces.items():
        forms = readable_forms(blob)
        for what, token in secrets.items():
            for form in forms:
                at = form.find(token.lower())
                if at >= 0:
                    found.append(f"{what} in {where}: ...{form[max(0, at - 50) : at]!r}")
                    break
    return found


def zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def owner_surfaces(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> dict[str, bytes]:
    """Everything the owner can read: the API, the dashboard, the evidence bundles, the mail
    Accord sent them, the webhook payloads."""
    surfaces: dict[str, bytes] = {}
    listed = web.get("/v1/agreements", headers=account.auth)
    assert listed.status_code == 200
    surfaces["GET /v1/agreements"] = listed.content
    ids = [a["id"] for a in listed.json()["items"]]
    assert ids
    sign_in(web, database, account.email)
    surfaces["GET /app/agreements"] = web.get("/app/agreements").content
    for agreement_id in ids:
        for url in (f"/v1/agreements/{agreement_id}", f"/app/agreements/{agreement_id}"):
            page = web.get(url, headers=account.auth if url.startswith("/v1") else None)
            assert page.status_code == 200, url
            surfaces[f"GET {url}"] = page.content
        for url in (
            f"/v1/agreements/{agreement_id}/evidence",
            f"/app/agreements/{agreement_id}/evidence",
        ):
            bundle = web.get(url, headers=account.auth if url.startswith("/v1") else None)
            assert bundle.status_code == 200, url
            surfaces[f"GET {url}"] = bundle.content
            for name, data in zip_members(bundle.content).items():
                surfaces[f"{url} {name}"] = data
    with database.transaction() as session:
        compose_drafts(session, settings)
        for entry in session.scalars(select(OutboxEntry).order_by(OutboxEntry.id)):
            if account.email in [r.lower() for r in entry.recipients]:
                raw = entry.message.raw
                assert raw is not None, entry.kind
                surfaces[f"mail to the owner #{entry.id} ({entry.kind})"] = raw
        for delivery in session.scalars(select(WebhookDelivery)):
            surfaces[f"webhook {delivery.event_type} {delivery.id}"] = delivery.body.encode()
    return surfaces


def capture_mail(
    *,
    sender: str = "Anna Berg <anna@example.org>",
    to: str = "Victor Lang <victor@example.com>",
    subject: str = "Budget for the pilot",
    text: str = "Victor,\n\nAs agreed: 10 leads a week, the pilot budget is yours.\n\nAnna\n",
    headers: dict[str, str] | None = None,
) -> bytes:
    """The user's own summary as it reached the tracking mailbox in Bcc."""
    msg = EmailMessage()
    msg["Delivered-To"] = TRACKING
    msg["X-Original-To"] = TRACKING
    for name, value in (headers or {}).items():
        msg[name] = value
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = make_msgid(domain="example.org")
    msg.set_content(text)
    return msg.as_bytes(policy=policy.SMTP)


def html_reply(summary: bytes, *, sender: str, new_text: str) -> bytes:
    """A reply from a mail client that writes HTML in base64 and quotes the whole summary,
    its links included (what a counterparty's reply really looks like)."""
    original = email.message_from_bytes(summary, policy=policy.default)
    quoted = html.escape(text_of(summary)).replace("\n", "<br>\n")
    links = re.findall(r"https://\S+/a/[a-z2-7]{32}\?answer=\w+", text_of(summary))
    anchors = "".join(f'<a href="{u}">{u}</a><br>\n' for u in links)
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = str(original["Reply-To"])
    msg["Subject"] = "Re: " + str(original["Subject"])
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = make_msgid(domain="example.com")
    msg["In-Reply-To"] = str(original["Message-ID"])
    msg["References"] = str(original["Message-ID"])
    msg.set_content(new_text + "\n\n> " + text_of(summary).replace("\n", "\n> "))
    msg.add_alternative(
        f"<p>{html.escape(new_text)}</p><blockquote>{quoted}{anchors}</blockquote>",
        subtype="html",
        cte="base64",
    )
    return msg.as_bytes(policy=policy.SMTP)


def test_owner_cannot_find_a_live_token_on_any_surface(
    web: TestClient,
    send: Callable[..., Sent],
    account: Account,
    database: Database,
    settings: Settings,
) -> None:
    hook = web.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/hook"}, headers=account.auth)
    assert hook.status_code == 201, hook.text

    # Agreement 1: Mike writes a clarification that quotes his links, then a forwarding
    # alias of his sends the whole summary back (held for review); Jane confirms on the page.
    first = send(account, summary=SUMMARY)
    mike_summary = summary_of(database, first.id, MIKE)
    pasted = re.findall(r"https://\S+/a/[a-z2-7]{32}\?answer=\w+", text_of(mike_summary))
    assert pasted
    clarification = html_reply(
        mike_summary,
        sender=f"Mike <{MIKE}>",
        new_text=f"Only from March. The button {pasted[0]} did not work; "
        f"I also wrote to {header_of(mike_summary, 'Reply-To')}.",
    )
    assert receive(settings, database, clarification).status == "processed"
    forwarded = html_reply(
        mike_summary, sender="Mike Private <mike.private@example.net>", new_text="Fine by me."
    )
    assert receive(settings, database, forwarded).status == "unverified"
    page = web.get(f"/a/{first.tokens[JANE]}")
    answered = web.post(
        f"/a/{first.tokens[JANE]}", data={"csrf": csrf_of(page.text), "answer": "confirm"}
    )
    assert answered.status_code == 200

    # Agreement 2: Bob stays silent (deemed, notified), then a genuine bounce revokes it.
    deadline = utcnow() + timedelta(hours=2)
    second = create(
        web,
        account,
        title="Silent Bob",
        summary=SUMMARY,
        counterparties=[{"email": "bob@example.com", "name": "Bob"}],
        respond_within=None,
        deadline=deadline.isoformat(),
        notify_counterparty_on_deemed=True,
    )
    deliver_all(settings, database)
    after = deadline + timedelta(minutes=1)
    poll_at(settings, database, after)
    assert sweep(settings, database, now=at(after)).deemed == 1
    bob_summary = summary_of(database, second["id"], "bob@example.com")
    bounce = genuine_dsn(bob_summary, envelope_of(database, second["id"], "bob@example.com"))
    receive(settings, database, bounce)

    # Agreement 3: a capture; Accord notifies Victor with his own tokens and acknowledges.
    assert receive(settings, database, capture_mail()).status == "processed"

    with database.transaction() as session:
        user = session.get(User, account.id)
        assert user is not None and user.next_digest_at is not None
        assert send_digest(
            session, settings, user_id=account.id, now=user.next_digest_at + timedelta(minutes=1)
        )
    deliver_all(settings, database)

    surfaces = owner_surfaces(web, account, database, settings)
    kinds = {name.split("(")[-1].rstrip(")") for name in surfaces if name.startswith("mail to")}
    assert {"owner_copy", "owner_alert", "deemed_notice", "ack", "digest"} <= kinds, kinds
    assert any(name.startswith("webhook ") for name in surfaces)
    assert any(name.endswith("-in-reply.eml") for name in surfaces)
    secrets = secrets_of(database)
    assert len(secrets) == 3 * 4  # Mike, Jane, Bob, Victor
    # The surfaces do show what the tokens stood in: the same forms, made unreadable.
    assert any(b"/a/" + b"x" * 32 in data for data in surfaces.values())
    found = leaks(surfaces, secrets)
    assert found == [], "\n".join(found)


def _soft_break_in_link(summary: bytes) -> bytes:
    """The answer link in a quoted-printable HTML part whose soft line break falls inside
    ``/a/`` (every encoder breaks at 76 columns, wherever that is)."""
    link = re.findall(r"https://\S+/a/[a-z2-7]{32}\?answer=confirm", text_of(summary))[0]
    head, _, tail = link.partition("/a/")
    body = (
        f'<p>Agreed.</p><blockquote><a href=3D"{head}/=\r\na/{tail}">Confirm</a></blockquote>\r\n'
    )
    return _multipart_reply(summary, body, "quoted-printable")


def _safelinks(summary: bytes) -> bytes:
    """The answer link as Outlook's Safe Links rewrites every link of a quoted message."""
    link = re.findall(r"https://\S+/a/[a-z2-7]{32}\?answer=confirm", text_of(summary))[0]
    wrapped = (
        "https://eur01.safelinks.protection.outlook.com/?url="
        + urllib.parse.quote(link, safe="")
        + "&amp;data=05%7C01%7C&amp;reserved=0"
    )
    body = f'<p>Agreed.</p><blockquote><a href="{wrapped}">Confirm</a></blockquote>\r\n'
    return _multipart_reply(summary, body, "7bit")


def _upper_case_address(summary: bytes) -> bytes:
    """A reply whose client wrote the reply address in capitals (Accord matches it all
    the same: addresses are read case-insensitively)."""
    raw = mailfactory.reply(summary, "Only from March, not February.")
    to = header_of(raw, "To")
    return raw.replace(f"To: {to}".encode(), f"To: {to.upper()}".encode())


def _multipart_reply(summary: bytes, html_body: str, cte: str) -> bytes:
    original = email.message_from_bytes(summary, policy=policy.default)
    boundary = "b-7f3a"
    return (
        f"From: Mike <{MIKE}>\r\nTo: {original['Reply-To']}\r\n"
        f"Subject: Re: {original['Subject']}\r\nDate: {format_datetime(utcnow())}\r\n"
        f"Message-ID: {make_msgid(domain='example.com')}\r\n"
        f"In-Reply-To: {original['Message-ID']}\r\nReferences: {original['Message-ID']}\r\n"
        f'MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="{boundary}"\r\n'
        f"\r\n--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Only from March, not February.\r\n"
        f"\r\n--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: {cte}\r\n\r\n{html_body}"
        f"\r\n--{boundary}--\r\n"
    ).encode()


@pytest.mark.parametrize(
    "rewrite",
    [_soft_break_in_link, _safelinks, _upper_case_address],
    ids=["qp-soft-break-inside-the-link", "outlook-safe-links", "upper-case-reply-address"],
)
def test_owner_cannot_read_a_token_the_counterpartys_mail_client_rewrote(
    web: TestClient,
    account: Account,
    database: Database,
    settings: Settings,
    rewrite: Callable[[bytes], bytes],
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    stored = receive(settings, database, rewrite(summary_of(database, agreement["id"], MIKE)))
    assert stored.agreement_id == agreement["id"]
    assert record_of(database, agreement["id"]).statuses == {MIKE: "clarification_requested"}
    surfaces = owner_surfaces(web, account, database, settings)
    assert any(name.endswith("-in-reply.eml") for name in surfaces)
    found = leaks(surfaces, secrets_of(database))
    assert found == [], "\n".join(found)


# --- the owner: forging the counterparty's answer -------------------------------------------------


def test_owners_forged_reply_is_held_and_accepting_it_receipts_the_recorded_address(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    [(_, _, owner_copy)] = [
        m for m in outbound(database, settings, kind="owner_copy") if m[1] == [account.email]
    ]
    before = record_of(database, agreement["id"])
    # The owner writes "Mike's" confirmation from an address of their choosing, in reply to
    # the copy they received (whose Message-ID they know); no token, no authentication.
    forged = plain_reply(
        sender="Mike <mike.private@example.net>",
        to=TRACKING,
        subject=f"Re: {header_of(owner_copy, 'Subject')}",
        text="Confirmed, thanks!",
        in_reply_to=header_of(owner_copy, "Message-ID"),
        headers={"Reply-To": "mike.private@example.net"},
    )
    stored = receive(settings, database, forged)
    assert stored.status == "unverified" and stored.reason
    assert assert_intact(before, record_of(database, agreement["id"])) == ["unverified_reply"]
    assert not [m for m in outbound(database, settings, kind="receipt")]
    assert unverified_alerts(database, settings)

    # The owner vouches for it: the record says so, and Mike, at the address he was sent the
    # summary at, gets a sealed receipt of what was recorded in his name.
    accepted = web.post(
        f"/v1/agreements/{agreement['id']}/messages/{stored.id}/accept",
        json={"counterparty": MIKE},
        headers=account.auth,
    )
    assert accepted.status_code == 200, accepted.text
    after = record_of(database, agreement["id"])
    assert after.statuses == {MIKE: "confirmed"}
    added = [t for _, t, _ in after.events[len(before.events) :]]
    assert added == ["unverified_reply", "unverified_accepted", "confirmed"]
    detail = web.get(f"/v1/agreements/{agreement['id']}", headers=account.auth).json()
    vouched = next(e for e in detail["events"] if e["type"] == "unverified_accepted")
    assert vouched["actor"] == account.email
    confirmed = detail["events"][-1]
    assert confirmed["data"]["matched_by"] == "owner_review"
    receipts = outbound(database, settings, kind="receipt")
    assert [r for _, r, _ in receipts] == [[MIKE]]
    text = text_of(receipts[0][2])
    [sealed] = seal.from_lines(text)
    assert seal.check(sealed, signing_key(settings).public_key()) is None
    assert sealed.chain_head == confirmed["hash"]


def test_owner_replaying_the_counterpartys_signed_mail_into_the_thread_moves_nothing(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    # The owner holds a message Mike really sent and example.com really signed ("Sounds good!"
    # about lunch). Its signature does not cover In-Reply-To or References, so the owner adds
    # them, pointing at the summary's thread, and hands it to the tracking mailbox.
    agreement = sent_to_mike(web, account, settings, database)
    [(_, _, owner_copy)] = outbound(database, settings, kind="owner_copy")
    signer = Signer()
    signer.publish("example.com")
    lunch = plain_reply(
        sender=f"Mike <{MIKE}>", to=account.email, subject="Lunch on Friday?", text="Sounds good!"
    )
    genuine = signer.sign(lunch, "example.com")
    thread = header_of(owner_copy, "Message-ID")
    replayed = f"In-Reply-To: {thread}\r\nReferences: {thread}\r\n".encode() + genuine
    before = record_of(database, agreement["id"])
    stored = receive(settings, database, replayed, dns=signer.lookup)
    assert stored.status == "unverified", (stored.status, stored.reason)
    assert stored.reason
    assert assert_intact(before, record_of(database, agreement["id"])) == ["unverified_reply"]


def test_owner_cannot_attest_where_accord_can_deem(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    deadline = utcnow() + timedelta(hours=2)
    agreement = sent_to_mike(
        web, account, settings, database, respond_within=None, deadline=deadline.isoformat()
    )
    url = f"/v1/agreements/{agreement['id']}/counterparties/{MIKE}/attest"
    before = record_of(database, agreement["id"])
    early = web.post(url, json={"note": "He agreed on the phone"}, headers=account.auth)
    assert early.status_code == 409, early.text
    # Past the deadline, silence is Accord's to judge (it handed the summary off itself).
    with database.transaction() as session:
        cp = session.scalars(select(Counterparty).where(Counterparty.email == MIKE)).one()
        assert cp.handoff_at is not None
        cp.deadline = utcnow() - timedelta(minutes=1)
    late = web.post(url, json={"note": "He agreed on the phone"}, headers=account.auth)
    assert late.status_code == 409, late.text
    assert late.json()["type"].endswith("/invalid-transition")
    assert assert_intact(before, record_of(database, agreement["id"])) == []


def test_a_summary_handed_off_after_its_deadline_is_not_deemed_at_once(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    # The owner sets a deadline too close to be met, or the mail server was down until past
    # it: the summary reaches Mike only after the deadline. He had no time to answer, so his
    # silence cannot be agreement yet.
    deadline = utcnow() + timedelta(hours=2)
    agreement = create(
        web,
        account,
        title="Lead flow",
        summary=SUMMARY,
        counterparties=[{"email": MIKE, "name": "Mike"}],
        respond_within=None,
        deadline=deadline.isoformat(),
    )
    with database.transaction() as session:  # time passes; nothing was delivered
        cp = session.scalars(select(Counterparty).where(Counterparty.email == MIKE)).one()
        cp.deadline = utcnow() - timedelta(minutes=5)
    deliver_all(settings, database)
    with database.transaction() as session:
        cp = session.scalars(select(Counterparty).where(Counterparty.email == MIKE)).one()
        # Mike keeps time to answer from the hand-off, recorded as an extension.
        assert cp.handoff_at is not None and cp.deadline >= cp.handoff_at + MIN_NOTICE
        handoff, deadline = cp.handoff_at, cp.deadline
    now = utcnow() + timedelta(minutes=1)
    poll_at(settings, database, now)
    assert sweep(settings, database, now=at(now)).deemed == 0
    assert record_of(database, agreement["id"]).statuses == {MIKE: "sent"}
    events = web.get(f"/v1/agreements/{agreement['id']}", headers=account.auth).json()["events"]
    extended = [e for e in events if e["type"] == "extended"]
    assert len(extended) == 1 and extended[0]["actor"] == "system"
    assert "accepted it only at" in extended[0]["data"]["reason"]
    later = deadline + timedelta(minutes=1)
    assert later > handoff + MIN_NOTICE
    poll_at(settings, database, later)
    assert sweep(settings, database, now=at(later)).deemed == 1


def test_a_deadline_too_close_to_read_the_summary_is_refused(
    web: TestClient, account: Account
) -> None:
    soon = utcnow() + MIN_NOTICE - timedelta(minutes=1)
    response = web.post(
        "/v1/agreements",
        json={
            "title": "Lead flow",
            "summary": SUMMARY,
            "counterparties": [{"email": MIKE}],
            "deadline": soon.isoformat(),
        },
        headers=account.auth,
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "time to read" in response.json()["detail"]


# --- the counterparty ---------------------------------------------------------------------------


def genuine_dsn(summary: bytes, envelope_from: str, *, status: str = "5.1.1") -> bytes:
    """A bounce as the delivery agent writes it: from the null sender (Return-Path: <>),
    by the mailer daemon, returning the summary's headers (its Message-ID among them)."""
    return b"Return-Path: <>\r\n" + mailfactory.dsn(summary, envelope_from, status=status)


def forged_dsn(
    summary: bytes,
    envelope_from: str,
    *,
    sender: str = "MAILER-DAEMON@mx.example.com",
    return_path: str = "<>",
    message_id: str | None = "summary",
    headers: str = "",
) -> bytes:
    """A multipart/report with 5.1.1 for the summary's recipient, as anyone can write one:
    ``message_id`` "summary" returns the summary's own, None returns none, else that one."""
    original = email.message_from_bytes(summary, policy=policy.default)
    recipient = str(original["To"]).split("<")[-1].rstrip(">")
    returned = {k: str(original[k]) for k in ("From", "To", "Subject", "Date")}
    if message_id == "summary":
        returned["Message-ID"] = str(original["Message-ID"])
    elif message_id is not None:
        returned["Message-ID"] = message_id
    block = "".join(f"{k}: {v}\r\n" for k, v in returned.items())
    boundary = "dsn-forged-1"
    return (
        f"{headers}Return-Path: {return_path}\r\n"
        f"From: {sender}\r\nTo: {envelope_from}\r\n"
        f"Subject: Undelivered Mail Returned to Sender\r\nAuto-Submitted: auto-replied\r\n"
        f"Message-ID: {make_msgid(domain='mx.example.com')}\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"\r\n'
        f"\r\n--{boundary}\r\nContent-Type: text/plain\r\n\r\n"
        f"I'm sorry to have to inform you that your message could not be delivered.\r\n"
        f"\r\n--{boundary}\r\nContent-Type: message/delivery-status\r\n\r\n"
        f"Reporting-MTA: dns; mx.example.com\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 <{recipient}>: Recipient address rejected\r\n"
        f"\r\n--{boundary}\r\nContent-Type: text/rfc822-headers\r\n\r\n{block}"
        f"\r\n--{boundary}--\r\n"
    ).encode()


@dataclass
class Deemed:
    agreement: dict[str, Any]
    summary: bytes
    envelope: str  # track+bounce-<bounce_token>@...: the Return-Path Mike saw
    handoff_at: datetime
    after: datetime


@pytest.fixture
def deemed(web: TestClient, account: Account, database: Database, settings: Settings) -> Deemed:
    """Mike stayed silent past the deadline: deemed to have accepted, and told so."""
    deadline = utcnow() + timedelta(hours=2)
    agreement = sent_to_mike(
        web,
        account,
        settings,
        database,
        respond_within=None,
        deadline=deadline.isoformat(),
        notify_counterparty_on_deemed=True,
    )
    after = deadline + timedelta(minutes=1)
    poll_at(settings, database, after)
    assert sweep(settings, database, now=at(after)).deemed == 1
    with database.transaction() as session:
        cp = session.scalars(select(Counterparty).where(Counterparty.email == MIKE)).one()
        assert cp.status == "deemed_accepted" and cp.handoff_at is not None
        handoff = cp.handoff_at
    summary = summary_of(database, agreement["id"], MIKE)
    envelope = envelope_of(database, agreement["id"], MIKE)
    assert envelope.startswith("track+bounce-")
    return Deemed(agreement, summary, envelope, handoff, after)


def _from_mike(d: Deemed) -> bytes:
    return forged_dsn(d.summary, d.envelope, sender=f"Mike <{MIKE}>", return_path=f"<{MIKE}>")


def _from_mike_as_daemon(d: Deemed) -> bytes:
    # He calls himself the mailer daemon; his own server writes his envelope sender.
    return forged_dsn(d.summary, d.envelope, return_path=f"<{MIKE}>")


def _to_the_reply_address(d: Deemed) -> bytes:
    reply_to = header_of(d.summary, "Reply-To")
    return forged_dsn(d.summary, reply_to, sender=f"Mike <{MIKE}>", return_path=f"<{MIKE}>")


def _without_message_id(d: Deemed) -> bytes:
    return forged_dsn(d.summary, d.envelope, message_id=None)


def _another_message_id(d: Deemed) -> bytes:
    return forged_dsn(d.summary, d.envelope, message_id="<lunch-plans@example.com>")


def _dmarc_fail(d: Deemed) -> bytes:
    verdict = (
        f"Authentication-Results: {AUTHSERV}; dkim=fail header.d=mx.example.com;"
        " dmarc=fail (p=reject) header.from=mx.example.com\r\n"
    )
    return forged_dsn(d.summary, d.envelope, headers=verdict)


FORGED_BOUNCES: dict[str, Callable[[Deemed], bytes]] = {
    "from-the-counterparty": _from_mike,
    "counterparty-posing-as-mailer-daemon": _from_mike_as_daemon,
    "to-the-reply-address": _to_the_reply_address,
    "without-the-original-message-id": _without_message_id,
    "naming-another-message-id": _another_message_id,
    "dmarc-fail-at-our-server": _dmarc_fail,
}


@pytest.mark.parametrize("variant", sorted(FORGED_BOUNCES))
def test_forged_bounce_after_deemed_acceptance_leaves_it_deemed(
    variant: str, deemed: Deemed, database: Database, settings: Settings
) -> None:
    agreement_id = deemed.agreement["id"]
    before = record_of(database, agreement_id)
    assert before.statuses == {MIKE: "deemed_accepted"}
    alerts = len(outbound(database, settings, kind="owner_alert"))
    raw = FORGED_BOUNCES[variant](deemed)
    stored = receive(
        with_authserv(settings), database, raw, arrived=deemed.after + timedelta(hours=1)
    )
    assert stored.status == "unverified", (stored.status, stored.reason)
    assert stored.reason
    assert stored.agreement_id == agreement_id
    added = assert_intact(before, record_of(database, agreement_id))
    assert "bounced" not in added
    assert len(outbound(database, settings, kind="owner_alert")) == alerts + 1  # to review


def test_a_bounce_eight_days_after_the_hand_off_leaves_it_deemed(
    deemed: Deemed, database: Database, settings: Settings
) -> None:
    agreement_id = deemed.agreement["id"]
    before = record_of(database, agreement_id)
    alerts = len(outbound(database, settings, kind="owner_alert"))
    late = deemed.handoff_at + timedelta(days=8)
    stored = receive(settings, database, genuine_dsn(deemed.summary, deemed.envelope), arrived=late)
    assert stored.status == "unverified", (stored.status, stored.reason)
    assert stored.reason
    added = assert_intact(before, record_of(database, agreement_id))
    assert "bounced" not in added
    assert len(outbound(database, settings, kind="owner_alert")) == alerts + 1  # to review


def test_a_genuine_bounce_within_seven_days_revokes_the_deemed_acceptance(
    deemed: Deemed, database: Database, settings: Settings, web: TestClient, account: Account
) -> None:
    agreement_id = deemed.agreement["id"]
    before = record_of(database, agreement_id)
    arrived = deemed.handoff_at + timedelta(days=3)
    stored = receive(
        with_authserv(settings),
        database,
        genuine_dsn(deemed.summary, deemed.envelope),
        arrived=arrived,
    )
    assert stored.status == "processed", stored.reason
    after = record_of(database, agreement_id)
    assert after.statuses == {MIKE: "bounced"}
    assert after.events[: len(before.events)] == before.events
    detail = web.get(f"/v1/agreements/{agreement_id}", headers=account.auth).json()
    bounced = detail["events"][-1]
    assert bounced["type"] == "bounced"
    assert bounced["data"]["revokes_deemed_acceptance"] is True
    subjects = [
        header_of(raw, "Subject") for _, _, raw in outbound(database, settings, kind="owner_alert")
    ]
    assert any("revoked" in s for s in subjects), subjects


def test_a_click_never_overrides_a_written_clarification(
    web: TestClient,
    send: Callable[..., Sent],
    account: Account,
    database: Database,
    settings: Settings,
) -> None:
    sent = send(account, summary=SUMMARY)
    summary = summary_of(database, sent.id, MIKE)
    receive(settings, database, mailfactory.reply(summary, "Only from March, not February."))
    before = record_of(database, sent.id)
    assert before.statuses[MIKE] == "clarification_requested"
    page = web.get(f"/a/{sent.tokens[MIKE]}")
    clicked = web.post(
        f"/a/{sent.tokens[MIKE]}", data={"csrf": csrf_of(page.text), "answer": "confirm"}
    )
    assert clicked.status_code == 200, clicked.text
    assert assert_intact(before, record_of(database, sent.id)) == ["answered"]
    detail = web.get(f"/v1/agreements/{sent.id}", headers=account.auth).json()
    assert detail["status"] == "needs_attention"
    answered = detail["events"][-1]
    assert answered["data"]["status_kept"] == "clarification_requested"
    assert answered["data"]["via"] == "answer_page"
    alerts = [
        header_of(raw, "Subject") for _, _, raw in outbound(database, settings, kind="owner_alert")
    ]
    assert any("review both" in s for s in alerts), alerts
    receipts = [(to, raw) for _, to, raw in outbound(database, settings, kind="receipt")]
    assert [to for to, _ in receipts] == [[MIKE], [MIKE]]  # one per answer, both to Mike
    [sealed] = seal.from_lines(text_of(receipts[-1][1]))
    assert sealed.chain_head == answered["hash"] and sealed.event_count == answered["seq"]


# --- strangers ----------------------------------------------------------------------------------


def _ref_only(summary: bytes, ref: str) -> bytes:
    return plain_reply(
        sender=f"Mike <{MIKE}>", to=TRACKING, subject=f"Lead flow [{ref}]", text="Confirmed."
    )


def _thread_only(summary: bytes, ref: str) -> bytes:
    return mailfactory.reply(summary, "Confirmed, thanks!", to=TRACKING)


SPOOFS = {"ref-only": _ref_only, "thread-only": _thread_only}


@pytest.mark.parametrize("authserv", [False, True], ids=["no-authserv", "authserv"])
@pytest.mark.parametrize("spoof", sorted(SPOOFS))
def test_stranger_spoofing_the_counterparty_without_a_token_moves_nothing(
    spoof: str,
    authserv: bool,
    web: TestClient,
    account: Account,
    database: Database,
    settings: Settings,
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    raw = SPOOFS[spoof](summary, agreement["ref"])
    assert b"track+" not in raw  # no token anywhere
    before = record_of(database, agreement["id"])
    pipeline = with_authserv(settings) if authserv else settings
    stored = receive(pipeline, database, raw)
    assert stored.status == "unverified", (stored.status, stored.reason)
    assert stored.reason and "authenticated" in stored.reason
    assert stored.agreement_id == agreement["id"]
    assert assert_intact(before, record_of(database, agreement["id"])) == ["unverified_reply"]
    assert unverified_alerts(database, settings)
    assert outbound(database, settings, kind="receipt") == []


def _ar(value: str) -> str:
    return f"Authentication-Results: {value}\r\n"


FORGED_RESULTS = {
    "another-authservs-pass": _ar(
        "mx.elsewhere.example; dkim=pass header.d=example.com; dmarc=pass header.from=example.com"
    ),
    "ours-below-our-topmost": _ar(f"{AUTHSERV}; dkim=none; dmarc=none header.from=example.com")
    + _ar(f"{AUTHSERV}; dkim=pass header.d=example.com; dmarc=pass header.from=example.com"),
    "our-dkim-pass-unaligned": _ar(f"{AUTHSERV}; dkim=pass header.d=evil.example"),
    "spf-pass-only": _ar(f"{AUTHSERV}; spf=pass smtp.mailfrom=example.com"),
    "aligned-dkim-pass-and-a-dkim-fail": _ar(
        f"{AUTHSERV}; dkim=pass header.d=example.com; dkim=fail header.d=example.com"
    ),
    "our-dmarc-fail": _ar(f"{AUTHSERV}; dkim=fail header.d=example.com; dmarc=fail"),
}


@pytest.mark.parametrize("forged", sorted(FORGED_RESULTS))
def test_stranger_with_forged_authentication_results_moves_nothing(
    forged: str, web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    raw = FORGED_RESULTS[forged].encode() + _thread_only(summary, agreement["ref"])
    before = record_of(database, agreement["id"])
    stored = receive(with_authserv(settings), database, raw)
    assert stored.status == "unverified", (stored.status, stored.reason)
    assert stored.reason
    assert assert_intact(before, record_of(database, agreement["id"])) == ["unverified_reply"]
    assert outbound(database, settings, kind="receipt") == []


def test_the_counterparty_authenticated_by_our_server_is_matched_by_thread(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    # The control for the two tests above: the same message, our server's pass on top.
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    raw = mailfactory.authenticated(_thread_only(summary, agreement["ref"]), AUTHSERV)
    stored = receive(with_authserv(settings), database, raw)
    assert stored.status == "processed", stored.reason
    assert record_of(database, agreement["id"]).statuses == {MIKE: "confirmed"}
    assert [to for _, to, _ in outbound(database, settings, kind="receipt")] == [[MIKE]]


@pytest.mark.parametrize(
    ("signing", "tamper", "moves"),
    [
        ("example.com", False, True),
        ("evil.example", False, False),
        ("example.com", True, False),
    ],
    ids=["signed-for-the-from-domain", "signed-for-another-domain", "body-changed-after-signing"],
)
def test_only_a_dkim_signature_accord_verifies_for_the_from_domain_authenticates(
    signing: str,
    tamper: bool,
    moves: bool,
    web: TestClient,
    account: Account,
    database: Database,
    settings: Settings,
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    signer = Signer()
    signer.publish("example.com")
    signer.publish("evil.example")
    raw = signer.sign(_thread_only(summary, agreement["ref"]), signing)
    if tamper:
        raw = raw.replace(b"Confirmed, thanks!", b"Confirmed, 99 leads!")
    before = record_of(database, agreement["id"])
    stored = receive(settings, database, raw, dns=signer.lookup)
    if moves:
        assert stored.status == "processed", stored.reason
        assert record_of(database, agreement["id"]).statuses == {MIKE: "confirmed"}
        return
    assert stored.status == "unverified", (stored.status, stored.reason)
    assert stored.reason and "authenticated" in stored.reason
    assert assert_intact(before, record_of(database, agreement["id"])) == ["unverified_reply"]


@dataclass
class Captured:
    agreement_id: str
    ack: bytes


@pytest.fixture
def captured(account: Account, database: Database, settings: Settings) -> Captured:
    """Anna's own summary to Victor, captured (our server vouched for her)."""
    raw = mailfactory.authenticated(capture_mail(), AUTHSERV)
    stored = receive(with_authserv(settings), database, raw)
    assert stored.status == "processed", stored.reason
    assert stored.agreement_id is not None
    [(_, to, ack)] = outbound(database, settings, kind="ack")
    assert to == [account.email]
    return Captured(stored.agreement_id, ack)


def _cancel(ack: bytes, *, sender: str = "Anna Berg <anna@example.org>") -> bytes:
    return mailfactory.reply(ack, "cancel", sender=sender, to=f"Accord <{TRACKING}>")


CANCELS: dict[str, Callable[[bytes], bytes]] = {
    "unauthenticated": lambda ack: _cancel(ack),
    "our-dmarc-fail": lambda ack: mailfactory.authenticated(_cancel(ack), AUTHSERV, result="fail"),
    "another-authservs-pass": lambda ack: mailfactory.authenticated(
        _cancel(ack), "mx.elsewhere.example"
    ),
    "ours-below-our-topmost": lambda ack: mailfactory.authenticated(
        mailfactory.authenticated(_cancel(ack), AUTHSERV), AUTHSERV, result="none"
    ),
}


@pytest.mark.parametrize("authserv", [False, True], ids=["no-authserv", "authserv"])
@pytest.mark.parametrize("variant", sorted(CANCELS))
def test_a_forged_cancel_of_a_captured_agreement_is_refused(
    variant: str,
    authserv: bool,
    captured: Captured,
    web: TestClient,
    account: Account,
    database: Database,
    settings: Settings,
) -> None:
    before = record_of(database, captured.agreement_id)
    pipeline = with_authserv(settings) if authserv else settings
    stored = receive(pipeline, database, CANCELS[variant](captured.ack))
    assert stored.status == "rejected", (stored.status, stored.reason)
    assert stored.reason and "cancel refused" in stored.reason
    assert assert_intact(before, record_of(database, captured.agreement_id)) == []
    detail = web.get(f"/v1/agreements/{captured.agreement_id}", headers=account.auth).json()
    assert detail["status"] != "withdrawn" and detail["withdrawn_at"] is None


def test_the_owners_authenticated_cancel_withdraws(
    captured: Captured, web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    # The control for the test above.
    raw = mailfactory.authenticated(_cancel(captured.ack), AUTHSERV)
    stored = receive(with_authserv(settings), database, raw)
    assert stored.status == "processed", stored.reason
    detail = web.get(f"/v1/agreements/{captured.agreement_id}", headers=account.auth).json()
    assert detail["status"] == "withdrawn"


# --- the owner and the operator: rewriting the evidence ----------------------------------------

Members = dict[str, bytes]
SUMMARY_FILE = "messages/001-out-summary.eml"


def rezip(files: Members) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def remanifest(files: Members, chain_head: str | None = None) -> Members:
    """The manifest made to match every file (and the chain head, when given); the
    signature.json that signed the old one is left as it was."""
    manifest = json.loads(files["manifest.json"])
    manifest["files"] = [
        {"name": n, "sha256": sha(d), "size": len(d)}
        for n, d in files.items()
        if n not in ("manifest.json", "signature.json")
    ]
    if chain_head is not None:
        manifest["chain_head"] = chain_head
    return {**files, "manifest.json": json.dumps(manifest).encode()}


def rerender(files: Members) -> Members:
    """timeline.html made again from timeline.json and the messages, with Accord's own
    renderer, as an operator who rewrites timeline.json would."""
    timeline = json.loads(files["timeline.json"])
    excerpts = {
        meta["id"]: excerpt
        for meta in timeline["messages"]
        if meta["direction"] == "in" and (excerpt := reply_excerpt(files[meta["file"]]))
    }
    return {**files, "timeline.html": render_html(timeline, excerpts).encode()}


def edit_message(files: Members, *, rechain: bool) -> Members:
    """ "10 leads" becomes "99 leads" in the summary; its SHA-256 updated in timeline.json
    and the manifest, and with ``rechain`` in every event that sealed it, the whole chain
    recomputed and its head moved in timeline.json and the manifest; timeline.html rendered
    again from them."""
    old = files[SUMMARY_FILE]
    new = old.replace(b"10 leads", b"99 leads")
    assert new != old and len(new) == len(old)
    timeline = json.loads(files["timeline.json"])
    for meta in timeline["messages"]:
        if meta["file"] == SUMMARY_FILE:
            meta["sha256"] = sha(new)
    head = None
    if rechain:
        head = GENESIS
        sealed = 0
        for event in timeline["events"]:
            data = event.get("data") or {}
            if data.get("copy_sha256") == sha(old):
                data["copy_sha256"] = sha(new)
                sealed += 1
            event["prev_hash"] = head
            event["hash"] = event_hash(event)
            head = event["hash"]
        assert sealed  # the summary was sealed in the chain, and now says 99
        timeline["chain_head"] = head
    files = {**files, SUMMARY_FILE: new, "timeline.json": json.dumps(timeline).encode()}
    return remanifest(rerender(files), head)


def resign(files: Members, key: Ed25519PrivateKey, *, replace_key: bool) -> Members:
    """signature.json made again with ``key``: the bundle's chain head sealed and its
    manifest (rebuilt first) signed (and, with ``replace_key``, signing-key.pem replaced by
    its public half)."""
    timeline = json.loads(files["timeline.json"])
    manifest = json.loads(files["manifest.json"])
    sealed = seal.seal(
        key,
        agreement_id=manifest["agreement_id"],
        ref=manifest["ref"],
        event_count=len(timeline["events"]),
        chain_head=timeline["chain_head"],
        at=utcnow(),
    )
    if replace_key:
        files = {**files, "signing-key.pem": seal.public_pem(key.public_key()).encode()}
    files = remanifest(files)
    signed = seal.sign_manifest(
        key, agreement_id=manifest["agreement_id"], manifest=files["manifest.json"]
    )
    return {**files, "signature.json": json.dumps({**sealed.as_dict(), **signed}).encode()}


def verify(
    files: Members, *, key: bytes | None = None, witnesses: list[tuple[str, bytes]] | None = None
) -> Any:
    return verify_bundle(io.BytesIO(rezip(files)), key=key, witnesses=witnesses)


@dataclass
class Bundle:
    agreement_id: str
    files: Members
    server_key: bytes  # the server's public key, PEM
    receipt: bytes  # Mike's receipt as he received it


def confirmed_and_asked(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> tuple[str, Members, bytes, list[tuple[list[str], bytes]]]:
    """Mike confirms, then Jane asks for a clarification: the agreement's id, its bundle as
    the owner downloads it, the server's public key, and each receipt sent (to whom, as
    received)."""
    agreement = sent_to_mike(
        web,
        account,
        settings,
        database,
        counterparties=[{"email": MIKE, "name": "Mike"}, {"email": JANE, "name": "Jane"}],
    )
    for who, text in ((MIKE, "Confirmed!"), (JANE, "Only from March.")):
        receive(
            settings, database, mailfactory.reply(summary_of(database, agreement["id"], who), text)
        )
    deliver_all(settings, database)
    receipts = [(to, raw) for _, to, raw in outbound(database, settings, kind="receipt")]
    response = web.get(f"/v1/agreements/{agreement['id']}/evidence", headers=account.auth)
    assert response.status_code == 200
    server_key = seal.public_pem(signing_key(settings).public_key()).encode()
    return agreement["id"], zip_members(response.content), server_key, receipts


@pytest.fixture
def bundle(web: TestClient, account: Account, database: Database, settings: Settings) -> Bundle:
    """Mike's confirmation recorded (he holds its sealed receipt), then a clarification of
    Jane's, and the bundle as the owner downloads it."""
    agreement_id, files, server_key, receipts = confirmed_and_asked(
        web, account, settings, database
    )
    mikes = [raw for to, raw in receipts if to == [MIKE]]
    assert len(mikes) == 1
    assert b"10 leads" in files[SUMMARY_FILE]
    assert verify(files, key=server_key, witnesses=[("receipt.eml", mikes[0])]).ok
    return Bundle(agreement_id, files, server_key, mikes[0])


def test_an_edited_summary_with_updated_digests_is_refused_at_the_sealed_bytes(
    bundle: Bundle,
) -> None:
    forged = edit_message(bundle.files, rechain=False)
    report = verify(forged)
    assert not report.ok
    first = report.problems[0]
    assert SUMMARY_FILE in first and "sealed in the chain" in first, report.problems


def test_an_edited_summary_with_a_recomputed_chain_is_refused_at_the_seal(bundle: Bundle) -> None:
    forged = edit_message(bundle.files, rechain=True)
    report = verify(forged)
    assert not report.ok
    first = report.problems[0]
    assert first.startswith("signature.json: seals chain head"), report.problems
    assert json.loads(forged["timeline.json"])["chain_head"] in first
    # The same with the server's key given: refused just the same.
    assert verify(forged, key=bundle.server_key).problems[0].startswith("signature.json")


def test_a_rewrite_resealed_with_another_key_is_refused_by_the_servers_key(
    bundle: Bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    impostor = Ed25519PrivateKey.generate()
    forged = resign(edit_message(bundle.files, rechain=True), impostor, replace_key=True)
    server_id = seal.key_id(seal.load_public_key(bundle.server_key))
    impostor_id = seal.key_id(impostor.public_key())
    assert impostor_id != server_id

    refused = verify(forged, key=bundle.server_key)
    assert not refused.ok
    assert refused.problems[0] == (
        f"signature.json: sealed by key {impostor_id}, not by {server_id}"
    ), refused.problems

    # Without --key the bundle checks out against its own key: the report must name that key,
    # so that it can be compared with the one the server publishes.
    alone = verify(forged)
    assert alone.key_id == impostor_id and alone.key_source == "bundle"
    assert impostor_id in alone.summary() and "/v1/signing-key" in alone.summary()

    path, key_file = tmp_path / "forged.zip", tmp_path / "server.pem"
    path.write_bytes(rezip(forged))
    key_file.write_bytes(bundle.server_key)
    assert main(["verify", str(path), "--key", str(key_file)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"FAILED: signature.json: sealed by key {impostor_id}")
    assert main(["verify", str(path)]) == 0
    out = capsys.readouterr().out
    assert impostor_id in out and "compare it with the server's /v1/signing-key" in out
    assert server_id not in out


def test_operators_reseal_with_the_real_key_is_refused_by_the_counterpartys_receipt(
    bundle: Bundle, settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The operator of a self-hosted server holds its private key: the rewritten bundle seals
    # and checks out against the published key...
    forged = resign(
        edit_message(bundle.files, rechain=True), signing_key(settings), replace_key=False
    )
    assert verify(forged, key=bundle.server_key).ok
    # ...but not against the receipt Mike holds, sealed before the rewrite.
    report = verify(forged, key=bundle.server_key, witnesses=[("receipt.eml", bundle.receipt)])
    assert not report.ok
    first = report.problems[0]
    assert first.startswith("witness receipt.eml") and "the chain was rewritten" in first, first
    path, witness = tmp_path / "forged.zip", tmp_path / "mike-receipt.eml"
    path.write_bytes(rezip(forged))
    witness.write_bytes(bundle.receipt)
    assert main(["verify", str(path), "--witness", str(witness)]) == 1
    assert "the chain was rewritten" in capsys.readouterr().err


def test_operators_truncated_and_resealed_record_is_refused_by_the_receipt(
    bundle: Bundle, settings: Settings
) -> None:
    # The operator drops everything from Mike's confirmation on, and re-seals the rest.
    timeline = json.loads(bundle.files["timeline.json"])
    confirmed = next(e["seq"] for e in timeline["events"] if e["type"] == "confirmed")
    timeline["events"] = [e for e in timeline["events"] if e["seq"] < confirmed]
    timeline["chain_head"] = timeline["events"][-1]["hash"]
    manifest = json.loads(bundle.files["manifest.json"])
    manifest["event_count"] = len(timeline["events"])
    files = {
        **bundle.files,
        "timeline.json": json.dumps(timeline).encode(),
        "manifest.json": json.dumps(manifest).encode(),
    }
    kept = {m["file"] for m in timeline["messages"]}
    files = {n: d for n, d in files.items() if not n.startswith("messages/") or n in kept}
    forged = resign(
        remanifest(files, timeline["chain_head"]), signing_key(settings), replace_key=False
    )
    report = verify(forged, key=bundle.server_key, witnesses=[("receipt.eml", bundle.receipt)])
    assert not report.ok
    assert report.problems[0].startswith("witness receipt.eml"), report.problems
    assert "missing" in report.problems[0]


def test_operators_reseal_is_refused_by_the_counterpartys_deemed_notice(
    deemed: Deemed,
    web: TestClient,
    account: Account,
    database: Database,
    settings: Settings,
) -> None:
    notices = [
        raw for _, to, raw in outbound(database, settings, kind="deemed_notice") if to == [MIKE]
    ]
    assert len(notices) == 1
    response = web.get(f"/v1/agreements/{deemed.agreement['id']}/evidence", headers=account.auth)
    files = zip_members(response.content)
    server_key = seal.public_pem(signing_key(settings).public_key()).encode()
    witness = [("deemed-notice.eml", notices[0])]
    assert verify(files, key=server_key, witnesses=witness).ok
    forged = resign(edit_message(files, rechain=True), signing_key(settings), replace_key=False)
    assert verify(forged, key=server_key).ok
    report = verify(forged, key=server_key, witnesses=witness)
    assert not report.ok
    assert report.problems[0].startswith("witness deemed-notice.eml"), report.problems
    assert "the chain was rewritten" in report.problems[0]


def test_a_summary_rewritten_in_the_readable_timeline_is_refused(bundle: Bundle) -> None:
    # timeline.json's versions and timeline.html are what a reader reads; the "created" event
    # sealed the summary's SHA-256. Rewriting them (and the manifest, which nobody signs)
    # must not give a bundle that verifies.
    timeline = json.loads(bundle.files["timeline.json"])
    created = timeline["events"][0]
    assert created["type"] == "created" and created["data"]["summary_sha256"]
    for version in timeline["versions"]:
        version["summary"] = version["summary"].replace("10 leads", "99 leads")
    page = bundle.files["timeline.html"].replace(b"10 leads", b"99 leads")
    assert page != bundle.files["timeline.html"]
    for files in (
        {**bundle.files, "timeline.json": json.dumps(timeline).encode()},
        {**bundle.files, "timeline.html": page},
    ):
        report = verify(remanifest(files), key=bundle.server_key)
        assert not report.ok, "a rewritten summary verified"
