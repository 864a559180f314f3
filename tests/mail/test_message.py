"""parse_message: headers, tokens, kinds, and never raising on hostile input."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mail.message import parse_message

EMAILS = Path(__file__).parents[1] / "fixtures" / "emails"
FIXTURES = sorted(EMAILS.glob("*.eml"))
TOKEN = "k7q2m4zx5n3r6t2w7y4a5b6c2d3e4f5g"
TRACKING = "track@accord.example.com"


def _msg(headers: str, body: str = "Hello") -> bytes:
    return (headers.strip() + "\n\n" + body).encode("utf-8")


def test_headers_are_decoded_and_lower_cased() -> None:
    raw = _msg(
        "From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <J.Mueller@Beispiel.DE>\n"
        "To: a@x.example, B <B@Y.example>\nCc: c@z.example\n"
        "Subject: =?utf-8?B?w4RuZGVydW5n?= [K7M2-Q9XD]\n"
        "Date: Mon, 1 Jun 2026 10:02:11 +0200\nMessage-ID: <abc@x>\n"
        "References: <r1@x>\n <r2@x>\nIn-Reply-To: <r2@x>\n"
    )
    parsed = parse_message(raw)
    assert parsed.from_addr == "j.mueller@beispiel.de"
    assert parsed.from_name == "Jürgen Müller"
    assert parsed.to == ["a@x.example", "b@y.example"]
    assert parsed.cc == ["c@z.example"]
    assert parsed.subject == "Änderung [K7M2-Q9XD]"
    assert parsed.date is not None
    assert parsed.date.utcoffset() is not None
    assert (parsed.message_id, parsed.in_reply_to) == ("<abc@x>", "<r2@x>")
    assert parsed.references == ["<r1@x>", "<r2@x>"]


def test_encoded_newline_never_reaches_subject() -> None:
    parsed = parse_message(_msg("Subject: =?UTF-8?Q?=0A?=Bcc: evil@x\nFrom: a@b.example"))
    assert "\n" not in parsed.subject
    assert "\r" not in parsed.subject
    assert parsed.subject == "Bcc: evil@x"


def test_token_in_recipient() -> None:
    parsed = parse_message(_msg(f"To: track+{TOKEN}@accord.example.com\nFrom: j@x.example"))
    assert parsed.token == TOKEN
    assert parsed.kind == "reply"


def test_token_of_other_mailbox_ignored_when_tracking_given() -> None:
    raw = _msg(f"To: other+{TOKEN}@elsewhere.example\nFrom: j@x.example")
    assert parse_message(raw).token == TOKEN
    parsed = parse_message(raw, tracking_address=TRACKING)
    assert parsed.token is None
    assert parsed.kind == "unrelated"


def test_token_from_delivered_to_only() -> None:
    raw = _msg(
        f"To: someone@x.example\nX-Original-To: track+{TOKEN}@accord.example.com\nFrom: j@x.example"
    )
    parsed = parse_message(raw, tracking_address=TRACKING)
    assert parsed.token == TOKEN
    assert parsed.delivered_to == [f"track+{TOKEN}@accord.example.com"]


def test_capture_tags() -> None:
    for tag in ("3d", "2bd", "fri", "2026-06-30"):
        raw = _msg(
            "From: anna@co.example\nTo: john@x.example\n"
            f"Delivered-To: track+{tag}@accord.example.com"
        )
        parsed = parse_message(raw, tracking_address=TRACKING)
        assert (parsed.kind, parsed.tag) == ("capture", tag)


def test_capture_needs_tracking_address() -> None:
    raw = _msg(
        "From: anna@co.example\nTo: john@x.example\nDelivered-To: track+3d@accord.example.com"
    )
    assert parse_message(raw).kind == "unrelated"


def test_x_auto_response_suppress_alone_is_not_auto_reply() -> None:
    raw = _msg("From: j@x.example\nX-Auto-Response-Suppress: All\nIn-Reply-To: <a@b>")
    assert parse_message(raw).kind == "reply"


def test_auto_reply_signals() -> None:
    cases = {
        "Auto-Submitted: auto-replied": "auto-submitted: auto-replied",
        "X-Autoreply: yes": "x-autoreply: yes",
        "Precedence: bulk": "precedence: bulk",
        "Return-Path: <>": "return-path: <>",
        "Subject: Réponse automatique : absent": "subject: réponse automatique",
        "Subject: Respuesta automática: Resumen": "subject: respuesta automática",
        "Subject: Afwezig": "subject: afwezig",
    }
    for header, reason in cases.items():
        parsed = parse_message(_msg(f"From: j@x.example\nIn-Reply-To: <a@b>\n{header}"))
        assert (parsed.kind, parsed.auto_reply_reason) == ("auto_reply", reason), header


def test_auto_submitted_no_is_human() -> None:
    assert (
        parse_message(_msg("From: j@x.example\nAuto-Submitted: no\nIn-Reply-To: <a@b>")).kind
        == "reply"
    )


def test_auth_results() -> None:
    raw = _msg(
        "From: j@x.example\nAuthentication-Results: mx.accord.example; dkim=pass "
        "header.d=x.example; spf=pass (sender ok) smtp.mailfrom=x.example; dmarc=fail"
    )
    (result,) = parse_message(raw).auth_results
    assert result.authserv_id == "mx.accord.example"
    assert result.results == {"dkim": "pass", "spf": "pass", "dmarc": "fail"}


def test_html_only_body_becomes_text() -> None:
    raw = _msg(
        "From: j@x.example\nContent-Type: text/html; charset=utf-8",
        "<p>Agreed</p><blockquote>old text</blockquote>",
    )
    parsed = parse_message(raw)
    assert parsed.reply_text == "Agreed"
    assert parsed.quoted_text == "old text"
    assert parsed.html is not None


def test_truncation() -> None:
    raw = _msg("From: j@x.example\nSubject: big", "x" * 5_000)
    parsed = parse_message(raw, max_bytes=1_000)
    assert parsed.truncated
    assert parsed.size == len(raw)
    assert not parse_message(raw).truncated


def test_huge_message_is_bounded() -> None:
    raw = _msg("From: j@x.example\nContent-Type: text/plain", "line of text\n" * 4_000_000)
    start = time.perf_counter()
    parsed = parse_message(raw, max_bytes=2_000_000)
    assert parsed.truncated
    assert time.perf_counter() - start < 5


def test_header_bomb_and_deep_nesting() -> None:
    bomb = "".join(f"X-H{i}: {'a' * 50}\n" for i in range(50_000))
    assert parse_message(_msg("From: j@x.example\n" + bomb)).from_addr == "j@x.example"
    nested = "Content-Type: multipart/mixed; boundary=b0\n\n"
    for depth in range(1, 300):
        nested += f"--b{depth - 1}\nContent-Type: multipart/mixed; boundary=b{depth}\n\n"
    parsed = parse_message(("From: j@x.example\n" + nested).encode())
    assert parsed.from_addr == "j@x.example"


def test_garbage_never_raises() -> None:
    for raw in (
        b"",
        b"\x00" * 100,
        b"\xff\xfe\xfd",
        b"From:\n\n",
        b"Content-Type: multipart/mixed\n\n--",
    ):
        parse_message(raw)


@settings(max_examples=150, deadline=1_000, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3_000))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    parsed = parse_message(raw, tracking_address=TRACKING)
    assert "\n" not in parsed.subject
    assert "\r" not in parsed.subject


@settings(max_examples=150, deadline=2_000, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(FIXTURES),
    st.lists(st.tuples(st.integers(0, 20_000), st.binary(min_size=0, max_size=8)), max_size=6),
)
def test_mutated_fixtures_never_raise(path: Path, edits: list[tuple[int, bytes]]) -> None:
    raw = bytearray(path.read_bytes())
    for offset, data in edits:
        pos = offset % (len(raw) + 1)
        raw[pos : pos + len(data)] = data
    start = time.perf_counter()
    parse_message(bytes(raw), tracking_address=TRACKING)
    assert time.perf_counter() - start < 1
