"""Hostile mail (issue 9 point 2): malformed MIME, wrong charsets, deep nesting, header bombs,
50 MB messages and NUL bytes through ``mail.message.parse_message`` and the ingest (store raw,
then process) — no crash, bounded time, every message kept with a status and a reason; and
spoofed replies never change state."""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from sqlalchemy import select

from app.config import Settings
from app.db import Database
from app.inbound.pipeline import process_pending
from app.inbound.store import store_raw
from app.models import Counterparty, Event, StoredMessage
from app.outbound.delivery import deliver_all
from app.outbound.senders import sent_box
from mail.message import ParsedMessage, parse_message
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_api_agreements import create

HANG_GUARD = 30.0  # seconds per message: a hang guard (shared CI machines), not a perf target
TRACKING = "track@accord.example.com"
MB = 1024 * 1024


def _nested(depth: int) -> bytes:
    head = b"From: a@example.com\r\nSubject: nest\r\nMIME-Version: 1.0\r\n"
    parts = [head]
    for level in range(depth):
        parts.append(
            b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (level, level)
        )
    parts.append(b"Content-Type: text/plain\r\n\r\ndeep\r\n")
    for level in reversed(range(depth)):
        parts.append(b"--b%d--\r\n" % level)
    return b"".join(parts)


def _big(size: int) -> bytes:
    head = (
        b"From: big@example.com\r\nTo: track+aaaa@accord.example.com\r\nSubject: big\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="z"\r\n\r\n'
        b"--z\r\nContent-Type: text/plain\r\n\r\nConfirmed\r\n--z\r\n"
        b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    )
    line = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n"
    return head + line * (size // len(line)) + b"--z--\r\n"


def corpus() -> Iterator[tuple[str, Callable[[], bytes]]]:
    """Generated at test time (nothing large is committed)."""
    yield "empty", lambda: b""
    yield "only-crlf", lambda: b"\r\n\r\n"
    yield "garbage", lambda: bytes(range(256)) * 64
    yield (
        "nul-bytes",
        lambda: b"From: a\x00b@example.com\r\nSubject: x\x00y\r\n\r\nbody\x00\x00Confirmed\x00\r\n",
    )
    yield (
        "8bit-headers",
        lambda: "From: Jörg <jörg@exämple.com>\r\nSubject: Grüße ✓\r\n\r\nJa".encode(),
    )
    yield (
        "unknown-charset",
        lambda: (
            b"From: a@example.com\r\nContent-Type: text/plain; "
            b"charset=x-no-such\r\n\r\n\xff\xfe\xfd yes"
        ),
    )
    yield (
        "lying-charset",
        lambda: (
            b"From: a@example.com\r\nContent-Type: text/plain; "
            b"charset=utf-8\r\n\r\nGr\xfc\xdfe, einverstanden"
        ),
    )
    yield (
        "utf7-charset",
        lambda: (
            b"From: a@example.com\r\nContent-Type: text/plain; "
            b"charset=utf-7\r\n\r\n+AGEAYgBj-+ZeVnLIqe-"
        ),
    )
    yield (
        "bad-encoded-words",
        lambda: (
            b"From: =?utf-8?B?####?= <a@example.com>\r\n"
            b"Subject: =?x-bad?Q?=ZZ=?= =?utf-8?Q?=0A?=Bcc: e@x\r\n\r\nx"
        ),
    )
    yield (
        "bad-base64",
        lambda: (
            b"From: a@example.com\r\nContent-Transfer-Encoding: base64\r\n"
            b"\r\n!!!!not base64@@@@====\r\n"
        ),
    )
    yield (
        "bad-qp",
        lambda: (
            b"From: a@example.com\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=\r\n="
        ),
    )
    yield (
        "no-boundary",
        lambda: b"From: a@example.com\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\n\r\nhi\r\n",
    )
    yield (
        "unterminated",
        lambda: (
            b"From: a@example.com\r\nContent-Type: multipart/alternative;"
            b' boundary="q"\r\n\r\n--q\r\nContent-Type: text/html\r\n\r\n'
            b"<p>yes<div><div><table>"
        ),
    )
    yield "nested-100", lambda: _nested(100)
    yield "nested-2000", lambda: _nested(2000)
    yield (
        "header-bomb-count",
        lambda: b"From: a@example.com\r\n" + b"X-Bomb: 1\r\n" * 200_000 + b"\r\nbody",
    )
    yield (
        "header-bomb-length",
        lambda: b"From: a@example.com\r\nSubject: " + b"A" * 8 * MB + b"\r\n\r\nbody",
    )
    yield (
        "header-bomb-folded",
        lambda: b"From: a@example.com\r\nReferences: " + b"<x@y>\r\n " * 100_000 + b"\r\n\r\nb",
    )
    yield (
        "encoded-word-bomb",
        lambda: (
            b"From: a@example.com\r\nSubject: " + b"=?utf-8?q?=C3=A4?= " * 50_000 + b"\r\n\r\nb"
        ),
    )
    yield (
        "html-bomb",
        lambda: (
            b"From: a@example.com\r\nContent-Type: text/html\r\n\r\n" + b"<div>" * 200_000 + b"ok"
        ),
    )
    yield (
        "dsn-malformed",
        lambda: (
            b"From: MAILER-DAEMON@x\r\nContent-Type: multipart/report; "
            b'report-type=delivery-status; boundary="d"\r\n\r\n--d\r\n'
            b"Content-Type: message/delivery-status\r\n\r\nStatus: 9.9\r\n"
            b"Final-Recipient: \x00\r\n--d--"
        ),
    )
    yield (
        "message-rfc822-loop",
        lambda: b"From: a@example.com\r\nContent-Type: message/rfc822\r\n\r\n" * 500 + b"x",
    )
    yield "50mb", lambda: _big(50 * MB)


CORPUS = list(corpus())


@pytest.mark.parametrize(("name", "make"), CORPUS, ids=[c[0] for c in CORPUS])
def test_the_parser_survives_the_fuzz_corpus(name: str, make: Callable[[], bytes]) -> None:
    raw = make()
    started = time.monotonic()
    parsed = parse_message(raw, tracking_address=TRACKING, max_bytes=25_000_000)
    elapsed = time.monotonic() - started
    assert isinstance(parsed, ParsedMessage)
    assert parsed.kind in {"reply", "auto_reply", "bounce", "capture", "unrelated"}
    assert elapsed < HANG_GUARD, f"{name}: {elapsed:.1f} s"
    if len(raw) > 25_000_000:
        assert parsed.truncated


@pytest.mark.slow
def test_the_ingest_keeps_every_hostile_message_with_a_reason(
    settings: Settings, database: Database
) -> None:
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    timings: dict[str, float] = {}
    for name, make in CORPUS:
        raw = make()
        started = time.monotonic()
        with database.transaction() as session:
            row = store_raw(session, raw=raw, source="http", details={"case": name})
        assert row is not None or name in {"empty"}, name
        report = process_pending(settings, database)
        timings[name] = time.monotonic() - started
        assert timings[name] < HANG_GUARD, (name, timings[name])
        assert report.total <= 1
    with database.transaction() as session:
        rows = list(session.scalars(select(StoredMessage).where(StoredMessage.direction == "in")))
        kept = {r.details.get("case"): (r.status, r.reason, r.size) for r in rows}
        assert session.scalars(select(Event.id).where(Event.type != "created")).first() is None
    assert set(kept) == {name for name, _ in CORPUS}
    for name, (status, reason, _size) in kept.items():
        assert status not in {"received", "processed"}, (name, status)
        assert reason, name
    assert kept["50mb"][2] > 50 * MB - 100  # kept byte for byte, though parsed only in part
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert grown_mb < 1500, f"peak memory grew by {grown_mb:.0f} MB"
    slowest = max(timings, key=lambda n: timings[n])
    print(
        f"\nhostile ingest: {len(CORPUS)} cases; slowest {slowest} {timings[slowest]:.2f} s; "
        f"peak RSS growth {grown_mb:.0f} MB"
    )


# --- property-based: anything at all, and mail-shaped things with hostile pieces ---

header_names = st.sampled_from(
    [
        "From",
        "To",
        "Cc",
        "Subject",
        "Message-ID",
        "In-Reply-To",
        "References",
        "Content-Type",
        "Content-Transfer-Encoding",
        "Auto-Submitted",
        "Delivered-To",
        "Authentication-Results",
        "Return-Path",
        "X-Autoreply",
        "Precedence",
    ]
)
hostile_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=200) | st.sampled_from(
    [
        "=?utf-8?q?=0A?=Bcc: x@y",
        "multipart/mixed; boundary=",
        "=?bad?B?@@?=",
        "\x00",
        "track+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@accord.example.com",
        "<>",
        "auto-replied",
        "text/plain; charset=x-unknown",
        "base64",
        "quoted-printable",
        "multipart/report",
    ]
)
charsets = st.sampled_from(
    [
        "utf-8",
        "latin-1",
        "x-unknown",
        "utf-16",
        "utf-7",
        "",
        "gb2312",
        "us-ascii\x00",
        "iso-2022-jp",
    ]
)


@st.composite
def mail_like(draw: st.DrawFn) -> bytes:
    headers = draw(st.lists(st.tuples(header_names, hostile_text), max_size=12))
    charset = draw(charsets)
    depth = draw(st.integers(0, 30))
    body = draw(st.binary(max_size=2000))
    encoding = draw(st.sampled_from(["utf-8", "latin-1", "utf-16"]))
    head = b"".join(f"{k}: {v}\r\n".encode(encoding, "replace") for k, v in headers)
    boundary = b"".join(
        b'Content-Type: multipart/mixed; boundary="p%d"\r\n\r\n--p%d\r\n' % (n, n)
        for n in range(depth)
    )
    leaf = f"Content-Type: text/plain; charset={charset}\r\n\r\n".encode("utf-8", "replace")
    return head + boundary + leaf + body


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000) | mail_like())
def test_parse_message_never_raises_and_always_classifies(raw: bytes) -> None:
    started = time.monotonic()
    parsed = parse_message(raw, tracking_address=TRACKING)
    assert time.monotonic() - started < HANG_GUARD
    assert parsed.kind in {"reply", "auto_reply", "bounce", "capture", "unrelated"}
    assert "\r" not in parsed.subject and "\n" not in parsed.subject


# --- spoofed replies never change state ---


@pytest.fixture
def summary(
    client: object, account: Account, settings: Settings, database: Database
) -> tuple[bytes, str]:
    from fastapi.testclient import TestClient

    assert isinstance(client, TestClient)
    create(client, account, counterparties=[{"email": "john@example.com", "name": "John"}])
    deliver_all(settings, database)
    box = sent_box(settings)
    raws = [box.read(uid).raw for uid in box.uids()]
    raw = next(
        r
        for r in raws
        if b"\r\nTo: John <john@example.com>" in r or b"\nTo: John <john@example.com>" in r
    )
    with database.transaction() as session:
        token = session.scalar(select(Counterparty.token))
    assert token
    return raw, token


def _ingest(settings: Settings, database: Database, raw: bytes) -> StoredMessage:
    with database.transaction() as session:
        row = store_raw(session, raw=raw, source="http")
        assert row is not None
        row_id = row.id
    process_pending(settings, database)
    with database.transaction() as session:
        stored = session.get(StoredMessage, row_id)
        assert stored is not None
        session.expunge(stored)
        return stored


def _state(database: Database) -> tuple[str, list[str]]:
    with database.transaction() as session:
        cp = session.scalars(select(Counterparty)).one()
        types = list(session.scalars(select(Event.type).order_by(Event.seq)))
        return cp.status, types


def _forged(summary: bytes, **kw: str) -> bytes:
    return mailfactory.reply(summary, "Confirmed, all good.", **kw)  # type: ignore[arg-type]


def test_spoofed_replies_never_change_state(
    settings: Settings, database: Database, summary: tuple[bytes, str]
) -> None:
    raw, token = summary
    before = _state(database)
    assert before[0] == "sent"
    forged_token = "a" * 32 if token != "a" * 32 else "b" * 32
    to_forged = f"track+{forged_token}@accord.example.com"
    cases = {
        "right token, wrong sender": _forged(raw, sender="mallory@evil.example"),
        "right sender, forged token": _forged(raw, to=to_forged, thread=False),
        "right sender, forged token, thread headers": _forged(raw, to=to_forged),
        "right sender, forged token, no ref": mailfactory.reply(
            raw, "Confirmed", to=to_forged, thread=False
        ).replace(b"Re: ", b"Re: x", 1),
    }
    outcomes = {}
    for name, message in cases.items():
        stored = _ingest(settings, database, message)
        outcomes[name] = (stored.status, stored.reason)
        assert stored.status in {"unverified", "rejected"}, (name, stored.status, stored.reason)
        assert stored.reason, name
        assert _state(database)[0] == "sent", name
    # DMARC failure reported by our own receiving server: unverified, whatever the token.
    settings.authserv_id = "mx.accord.example.com"
    dmarc = _forged(
        raw,
        headers={
            "Authentication-Results": "mx.accord.example.com; "
            "dkim=fail header.d=example.com; dmarc=fail "
            "header.from=example.com"
        },
    )
    stored = _ingest(settings, database, dmarc)
    assert stored.status == "unverified" and "DMARC" in (stored.reason or "")
    # A "pass" from an authserv-id we do not trust is ignored, not believed.
    other = _forged(raw, headers={"Authentication-Results": "evil.example; dmarc=pass"})
    assert _ingest(settings, database, other).status == "processed"
    assert _state(database)[0] == "confirmed"
    print(f"\nspoofed: {outcomes}; {datetime.now(UTC):%H:%M:%S}")
