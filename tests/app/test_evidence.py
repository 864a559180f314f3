"""The evidence bundle (GET /v1/agreements/{id}/evidence) and `accord verify`, on SQLite and
PostgreSQL: what the zip holds, and that every kind of tampering is caught offline."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.cli import main
from app.config import Settings
from app.core.chain import event_hash
from app.core.events import append_event
from app.db import Database
from app.evidence import bundle
from app.evidence.verify import verify_bundle
from app.models import Agreement, Counterparty, StoredMessage
from app.outbound.senders import sent_box
from mail.redact import redact
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_revisions import JOHN, MARY, detail, receive, sent_agreement

Members = dict[str, bytes]


def download(client: TestClient, account: Account, agreement_id: str) -> bytes:
    response = client.get(f"/v1/agreements/{agreement_id}/evidence", headers=account.auth)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert "attachment" in response.headers["content-disposition"]
    return response.content


def members(data: bytes) -> Members:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(files: Members) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def reseal(files: Members) -> Members:
    """Recompute the manifest's digests: a tamperer who also fixes the manifest."""
    manifest = json.loads(files["manifest.json"])
    manifest["files"] = [
        {"name": n, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
        for n, d in files.items()
        if n not in ("manifest.json", "signature.json")
    ]
    return {**files, "manifest.json": json.dumps(manifest).encode()}


def edit_timeline(files: Members, change: Callable[[dict[str, Any]], None]) -> Members:
    timeline = json.loads(files["timeline.json"])
    change(timeline)
    return {**files, "timeline.json": json.dumps(timeline).encode()}


def edit_manifest(files: Members, change: Callable[[dict[str, Any]], None]) -> Members:
    manifest = json.loads(files["manifest.json"])
    change(manifest)
    return {**files, "manifest.json": json.dumps(manifest).encode()}


def flip(data: bytes, at: int | None = None) -> bytes:
    i = len(data) // 2 if at is None else at
    return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1 :]


@pytest.fixture
def record(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> dict[str, Any]:
    """An agreement sent to two people: a clarification from one, a confirmation from the other."""
    agreement, sums = sent_agreement(
        client,
        account,
        settings,
        database,
        counterparties=[{"email": JOHN, "name": "John Smith"}, {"email": MARY, "name": "Mary"}],
    )
    clarification = mailfactory.reply(
        sums[JOHN], "Y <b>only</b> if the budget allows & HR agrees.\n\nJohn"
    )
    confirmation = mailfactory.reply(sums[MARY], "Confirmed, thanks!")
    receive(settings, database, clarification)
    receive(settings, database, confirmation)
    return {"agreement": agreement, "summaries": sums, "inbound": [clarification, confirmation]}


def test_bundle_holds_every_message_the_timeline_and_a_manifest(
    client: TestClient,
    account: Account,
    settings: Settings,
    database: Database,
    record: dict[str, Any],
) -> None:
    agreement = record["agreement"]
    files = members(download(client, account, agreement["id"]))
    d = detail(client, account, agreement["id"])

    names = sorted(files)
    eml = [n for n in names if n.startswith("messages/")]
    assert names == sorted(
        [
            *eml,
            "manifest.json",
            "signature.json",
            "signing-key.pem",
            "timeline.html",
            "timeline.json",
        ]
    )
    assert len(eml) == len(d["messages"])
    assert [n.split("/", 1)[1] for n in eml[:3]] == [
        "001-out-summary.eml",
        "002-out-summary.eml",
        "003-out-owner_copy.eml",
    ]
    inbound = [files[n] for n in eml if "-in-" in n]
    # As received, byte for byte, but for the tokens (the owner must not hold them).
    assert inbound == [redact(raw) for raw in record["inbound"]]
    assert all(len(a) == len(b) for a, b in zip(inbound, record["inbound"], strict=True))
    handed = {
        mailfactory._summary(raw)["To"].addresses[0].addr_spec: raw
        for raw in (sent_box(settings).read(uid).raw for uid in sent_box(settings).uids())
    }
    summary = files["messages/001-out-summary.eml"]
    assert summary == redact(handed[JOHN])  # as handed to SMTP, tokens unreadable
    assert handed[JOHN] == record["summaries"][JOHN]
    unfolded = summary.replace(b"=\r\n", b"")
    with database.transaction() as session:
        john = session.scalars(select(Counterparty).where(Counterparty.email == JOHN)).one()
        for token in (john.token, john.answer_token):  # the bounce token is in the envelope
            assert token.encode() in handed[JOHN].replace(b"=\r\n", b"")
        for token in (john.token, john.bounce_token, john.answer_token):
            assert token.encode() not in unfolded

    timeline = json.loads(files["timeline.json"])
    assert timeline["events"] == [{"agreement_id": agreement["id"], **e} for e in d["events"]]
    assert timeline["chain_head"] == d["events"][-1]["hash"]
    by_file = {m["file"]: m for m in timeline["messages"]}
    first = by_file["messages/001-out-summary.eml"]
    assert first["sha256"] == hashlib.sha256(files["messages/001-out-summary.eml"]).hexdigest()
    assert first["raw_sha256"] == hashlib.sha256(handed[JOHN]).hexdigest()
    sent_event = next(e for e in d["events"] if e["type"] == "sent" and e["counterparty"] == JOHN)
    assert sent_event["data"]["copy_sha256"] == first["sha256"]  # the chain seals the copy
    assert sent_event["data"]["message_sha256"] == first["raw_sha256"]
    assert (first["direction"], first["kind"], first["status"]) == ("out", "summary", "sent")
    assert first["handoff"]["result"]["reply"][0] == 250
    assert first["handoff"]["recipients"] == [JOHN]
    replies = [m for m in timeline["messages"] if m["direction"] == "in"]
    assert [(m["classification"], m["counterparty"]) for m in replies] == [
        ("clarification", JOHN),
        ("confirmation", MARY),
    ]
    assert all(m["reason"] and m["message_id"] for m in replies)
    assert [v["number"] for v in timeline["versions"]] == [1]

    manifest = json.loads(files["manifest.json"])
    assert manifest["agreement_id"] == agreement["id"]
    assert manifest["ref"] == agreement["ref"]
    assert manifest["chain_head"] == timeline["chain_head"]
    assert manifest["event_count"] == len(d["events"])
    assert {f["name"]: f["sha256"] for f in manifest["files"]} == {
        n: hashlib.sha256(data).hexdigest()
        for n, data in files.items()
        if n not in ("manifest.json", "signature.json")  # the signature signs the manifest
    }


def test_timeline_html_is_readable_and_escaped(
    client: TestClient, account: Account, record: dict[str, Any]
) -> None:
    agreement = record["agreement"]
    html = members(download(client, account, agreement["id"]))["timeline.html"].decode()
    assert agreement["title"] in html and agreement["ref"] in html
    assert "Y &lt;b&gt;only&lt;/b&gt; if the budget allows &amp; HR agrees." in html
    assert "<b>only</b>" not in html
    assert "clarification" in html and "confirmation" in html
    assert "250 2.0.0 stored in devbox" in html  # the SMTP hand-off reply
    assert "@media print" in html
    assert JOHN in html and MARY in html


def test_deemed_acceptance_shows_its_conditions(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement = sent_agreement(client, account, settings, database)[0]
    with database.transaction() as session:
        row = session.get(Agreement, agreement["id"], with_for_update=True)
        assert row is not None
        cp = session.scalar(select(Counterparty).where(Counterparty.agreement_id == row.id))
        append_event(
            session,
            agreement=row,
            type="deemed_accepted",
            actor="system",
            counterparty=cp,
            data={
                "handoff_reply": "250 2.0.0 Ok: queued as 4F9",
                "handoff_at": "2026-06-01T08:00:00.000000Z",
                "conditions": ["no bounce was received", "no reply <by> the deadline"],
            },
        )
    files = members(download(client, account, agreement["id"]))
    html = files["timeline.html"].decode()
    assert "Deemed accepted" in html
    assert "250 2.0.0 Ok: queued as 4F9" in html
    assert "<li>no bounce was received</li>" in html
    assert "no reply &lt;by&gt; the deadline" in html
    assert verify_bundle(io.BytesIO(rezip(files))).ok


def test_evidence_is_owner_only(
    client: TestClient, account: Account, make_account: Any, record: dict[str, Any]
) -> None:
    other = make_account(email="eve@example.org")
    url = f"/v1/agreements/{record['agreement']['id']}/evidence"
    for response in (
        client.get(url, headers=other.auth),
        client.get("/v1/agreements/nope/evidence", headers=account.auth),
    ):
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
    assert client.get(url).status_code == 401


def test_large_bundles_spill_to_disk_and_stream(
    client: TestClient,
    account: Account,
    database: Database,
    record: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings,
) -> None:
    monkeypatch.setattr(bundle, "SPOOL_BYTES", 1024)
    monkeypatch.setattr(bundle, "CHUNK", 512)
    with database.transaction() as session:
        agreement = session.get(Agreement, record["agreement"]["id"])
        assert agreement is not None
        spool = bundle.build_bundle(session, agreement, settings)
        assert spool._rolled  # on disk, not in memory
        chunks = list(bundle.iter_file(spool, 512))
    assert spool.closed
    assert verify_bundle(io.BytesIO(b"".join(chunks))).ok


# accord verify ---------------------------------------------------------------------------------


@pytest.fixture
def good(client: TestClient, account: Account, record: dict[str, Any]) -> Members:
    return members(download(client, account, record["agreement"]["id"]))


def test_verify_accepts_an_untouched_bundle(
    good: Members, tmp_path: Path, capsys: pytest.CaptureFixture[str], record: dict[str, Any]
) -> None:
    path = tmp_path / "bundle.zip"
    path.write_bytes(rezip(good))
    assert main(["verify", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK") and record["agreement"]["id"] in out
    assert main(["verify", "--json", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["problems"] == []
    assert report["chain_head"] == json.loads(good["manifest.json"])["chain_head"]


def test_a_changed_byte_in_any_file_is_caught(good: Members) -> None:
    for name in good:
        report = verify_bundle(io.BytesIO(rezip({**good, name: flip(good[name])})))
        assert not report.ok, name
        # A changed digest in the manifest shows as the file it describes not matching it.
        named = "manifest" if name == "manifest.json" else name
        assert named in report.problems[0], (name, report.problems)


def test_a_changed_byte_in_the_zip_itself_is_caught(good: Members) -> None:
    data = rezip(good)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("messages/001-out-summary.eml")
    # Inside the member's compressed data: past its local header (30 bytes + name + extra).
    at = info.header_offset + 30 + len(info.filename) + 4
    report = verify_bundle(io.BytesIO(flip(data, at)))
    assert not report.ok
    assert "messages/001-out-summary.eml" in report.problems[0]


def _drop_event(seq: int) -> Callable[[dict[str, Any]], None]:
    def change(timeline: dict[str, Any]) -> None:
        timeline["events"] = [e for e in timeline["events"] if e["seq"] != seq]

    return change


def _swap_events(timeline: dict[str, Any]) -> None:
    events = timeline["events"]
    events[1], events[2] = events[2], events[1]


def _rewrite_reply_text(timeline: dict[str, Any]) -> None:
    event = next(e for e in timeline["events"] if e["type"] == "clarification_requested")
    event["type"] = "confirmed"


def _rehash_after_edit(timeline: dict[str, Any]) -> None:
    """Edit an event and recompute its own hash: the next event's link still breaks."""
    event = next(e for e in timeline["events"] if e["type"] == "clarification_requested")
    event["type"] = "confirmed"
    event["hash"] = event_hash(event)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_drop_event(2), "event 2"),
        (_drop_event(1), "event 1"),
        (_swap_events, "event 2"),
        (_rewrite_reply_text, "hash does not match"),
        (_rehash_after_edit, "prev_hash"),
    ],
    ids=["removed", "first-removed", "reordered", "edited", "edited-and-rehashed"],
)
def test_events_removed_reordered_or_edited_are_caught_even_with_a_resealed_manifest(
    good: Members, change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    naive = edit_timeline(good, change)
    report = verify_bundle(io.BytesIO(rezip(naive)))
    assert (
        not report.ok and report.problems[0] == "timeline.json: SHA-256 does not match the manifest"
    )
    resealed = verify_bundle(io.BytesIO(rezip(reseal(naive))))
    assert not resealed.ok
    assert resealed.problems[0].startswith("timeline.json: ")
    assert expected in resealed.problems[0]


def test_the_last_event_removed_is_caught_by_the_chain_head(good: Members) -> None:
    def drop_last(timeline: dict[str, Any]) -> None:
        timeline["events"].pop()
        timeline["chain_head"] = timeline["events"][-1]["hash"]

    report = verify_bundle(io.BytesIO(rezip(reseal(edit_timeline(good, drop_last)))))
    assert not report.ok
    assert "chain head" in report.problems[0]


@pytest.mark.parametrize("name", ["messages/004-in-reply.eml", "timeline.html", "timeline.json"])
def test_a_missing_file_is_caught(good: Members, name: str) -> None:
    assert name in good
    report = verify_bundle(io.BytesIO(rezip({n: d for n, d in good.items() if n != name})))
    assert not report.ok
    assert report.problems[0] == f"{name}: missing from the bundle"


def test_a_missing_message_is_caught_even_when_the_manifest_is_resealed(good: Members) -> None:
    name = "messages/004-in-reply.eml"
    report = verify_bundle(io.BytesIO(rezip(reseal({n: d for n, d in good.items() if n != name}))))
    assert not report.ok
    assert report.problems[0] == f"{name}: listed in timeline.json but missing"


def test_a_replaced_message_is_caught_even_when_the_manifest_is_resealed(good: Members) -> None:
    name = "messages/004-in-reply.eml"
    forged = good[name].replace(b"only", b"gladly")
    report = verify_bundle(io.BytesIO(rezip(reseal({**good, name: forged}))))
    assert not report.ok
    assert report.problems[0] == f"{name}: SHA-256 does not match timeline.json"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda m: m["files"][0].update(sha256="0" * 64), "SHA-256 does not match the manifest"),
        (lambda m: m["files"].pop(0), "in the bundle but not in the manifest"),
        (lambda m: m.update(chain_head="f" * 64), "chain head"),
        (lambda m: m.update(agreement_id="someone-else"), "agreement id"),
        (lambda m: m.update(event_count=1), "events"),
        (lambda m: m.pop("files"), "no list of files"),
    ],
    ids=["digest", "unlisted", "chain-head", "agreement", "event-count", "no-files"],
)
def test_a_tampered_manifest_is_caught(
    good: Members, change: Callable[[dict[str, Any]], Any], expected: str
) -> None:
    report = verify_bundle(io.BytesIO(rezip(edit_manifest(good, change))))
    assert not report.ok
    assert expected in report.problems[0], report.problems


def test_extra_and_duplicate_members_are_caught(good: Members) -> None:
    extra = verify_bundle(io.BytesIO(rezip({**good, "messages/999-in-reply.eml": b"forged"})))
    assert not extra.ok and "999-in-reply.eml" in extra.problems[0]
    data = io.BytesIO(rezip(good))
    with zipfile.ZipFile(data, "a") as archive, pytest.warns(UserWarning, match="Duplicate"):
        archive.writestr("timeline.json", b"{}")
    duplicate = verify_bundle(io.BytesIO(data.getvalue()))
    assert not duplicate.ok and "timeline.json: appears more than once" in duplicate.problems[0]


def test_verify_cli_names_the_first_broken_item(
    good: Members, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tampered.zip"
    path.write_bytes(rezip({**good, "timeline.html": flip(good["timeline.html"])}))
    assert main(["verify", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("FAILED: timeline.html: SHA-256 does not match the manifest")
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    assert main(["verify", str(junk)]) == 1
    assert "not a readable zip" in capsys.readouterr().err
    assert main(["verify", str(tmp_path / "absent.zip")]) == 1


def test_bundle_file_names_come_from_direction_and_kind() -> None:
    row = StoredMessage(direction="in", kind="auto_reply")
    assert bundle.message_file_name(7, row) == "messages/007-in-auto_reply.eml"
    assert bundle.message_file_name(12, StoredMessage(direction="out", kind=None)) == (
        "messages/012-out-unknown.eml"
    )
    assert bundle.message_file_name(1, StoredMessage(direction="in", kind="../x")) == (
        "messages/001-in-x.eml"
    )
