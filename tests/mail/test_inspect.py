"""Every fixture in tests/fixtures/emails/ against expected.json, through ``describe``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mail.classify import classify_reply
from mail.inspect import describe, describe_files
from mail.message import parse_message

EMAILS = Path(__file__).parents[1] / "fixtures" / "emails"
EXPECTED: dict[str, dict[str, object]] = json.loads((EMAILS / "expected.json").read_text())
TRACKING = "track@accord.example.com"
KEYS = {
    "file",
    "kind",
    "message_id",
    "from",
    "token",
    "ref",
    "in_reply_to",
    "references",
    "reply_text",
    "classification",
    "bounce",
    "auto_reply_reason",
    "out_of_office",
    "null_sender",
    "daemon_sender",
    "original_message_ids",
    "original_envelope_id",
}


def _sent(name: str) -> str:
    return (EMAILS / "sent" / f"{name}.txt").read_text()


def test_corpus_is_big_enough() -> None:
    assert len(EXPECTED) >= 30
    assert sorted(EXPECTED) == sorted(p.name for p in EMAILS.glob("*.eml"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name: str) -> None:
    expected = EXPECTED[name]
    out = describe((EMAILS / name).read_bytes(), file=name, tracking_address=TRACKING)
    assert set(out) == KEYS
    for key in ("kind", "classification", "token", "auto_reply_reason", "bounce"):
        if key in expected:
            assert out[key] == expected[key], key
    if out["kind"] != "reply":
        assert out["classification"] is None
    if out["kind"] in ("bounce", "auto_reply"):
        assert out["reply_text"] is None


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "sent" in e))
def test_fixture_with_sent_text(name: str) -> None:
    expected = EXPECTED[name]
    parsed = parse_message((EMAILS / name).read_bytes(), tracking_address=TRACKING)
    result = classify_reply(
        parsed.reply_text or "",
        quoted_text=parsed.quoted_text,
        sent_text=_sent(str(expected["sent"])),
        names=[parsed.from_name or ""],
    )
    want = expected.get("classification_with_sent", expected["classification"])
    assert result.label == want, result.reason


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "tag" in e))
def test_capture_tag(name: str) -> None:
    parsed = parse_message((EMAILS / name).read_bytes(), tracking_address=TRACKING)
    assert parsed.tag == EXPECTED[name]["tag"]


def test_describe_reports_ref_and_threading() -> None:
    out = describe((EMAILS / "01_gmail_confirmed.eml").read_bytes(), file="x")
    assert out["ref"] == "K7M2-Q9XD"
    assert out["in_reply_to"] == "<q3vn5ckd7kz2mfl4e2hm6w2xbqjc2a7p@accord.example.com>"
    assert out["reply_text"] == "Confirmed, thanks!"
    assert out["from"] == "john.miller@example.org"


def test_describe_gives_reply_text_of_unrelated_and_captured_mail() -> None:
    for name in ("38_stranger_unrelated.eml", "35_bcc_capture.eml"):
        out = describe((EMAILS / name).read_bytes(), file=name, tracking_address=TRACKING)
        assert out["kind"] != "reply"
        assert out["reply_text"], name


def test_describe_bounce_facts() -> None:
    raw = (EMAILS / "26_dsn_postfix_5_1_1.eml").read_bytes()
    out = describe(raw, tracking_address=TRACKING)
    assert out["kind"] == "bounce"
    assert out["null_sender"] or out["daemon_sender"]
    assert out["original_message_ids"]
    json.dumps(out)


def test_describe_inline_edit_needs_sent_text() -> None:
    raw = (EMAILS / "14_inline_edit_in_quote.eml").read_bytes()
    assert describe(raw, sent_text=_sent("john"))["classification"] == "clarification"


def test_describe_files_never_raises(tmp_path: Path) -> None:
    good = tmp_path / "a.eml"
    good.write_bytes(b"Subject: hi\n\nhello")
    out = list(describe_files([good, tmp_path / "missing.eml", tmp_path]))
    assert out[0]["kind"] == "unrelated"
    assert "error" in out[1]
    assert out[1]["file"].endswith("missing.eml")
    assert "error" in out[2]
    json.dumps(out)
