"""Check an evidence bundle offline, with nothing but the zip (``accord verify BUNDLE.zip``).

What is checked, in this order (every problem is reported; the first one names the verdict):
1. the zip opens, and no member name appears twice;
2. manifest.json is there and well-formed; every file it lists is in the zip with that
   SHA-256 and size, and every other member of the zip (but signature.json) is listed;
3. timeline.json's event chain holds (``app.core.chain.first_break``), belongs to the
   manifest's agreement, and ends at the manifest's chain head and event count;
4. every message listed in timeline.json is in the zip with the SHA-256 given there, and
   every file under messages/ is listed;
5. every event that recorded a message holds the SHA-256 of the very file bundled for it
   (the chain seals the bytes: an edited .eml fails here even with a matching manifest);
6. every version's summary in timeline.json has the SHA-256 its created/revised event recorded;
7. signature.json seals this bundle's chain head, and signs manifest.json (so every file it
   lists, the readable timeline.html too), with the server's Ed25519 key: the key
   given (``--key FILE|URL``), else the one in the bundle (then compare its key id with the
   one the server publishes at ``/v1/signing-key``). A chain recomputed after an edit ends
   at another head, which only the server's key could seal.
8. each witness given (``--witness FILE``: a receipt or deemed notice as the counterparty
   received it) carries a seal of that key, and this bundle's chain passes through the head
   it witnessed. The server's operator holds the key and could re-seal a rewritten chain;
   copies sealed earlier and held by the other party are what such a rewrite cannot reach.
9. when the manifest lists timestamp.tsr (an RFC 3161 TimeStampResp): its message imprint is
   the SHA-256 of the seal's statement, its nonce the one the manifest records, its TSTInfo
   the one the TSA's signed attributes digest, and the TSA's signature over them valid for
   the certificate in the token (a time-stamping certificate, valid at the time given), and
   the TSA's time no later than 10 minutes after the seal's own (a seal dated back); with
   ``--tsa-cert FILE`` that certificate must chain to the one given, else only its subject
   is reported. Without a timestamp, the manifest's reason (if any) is reported.
10. what timeline.json says of the state follows from its events (``app.evidence.derive``):
   each version's counterparties, each one's status and whether it is informational, the
   agreement's status (by ``app.core.record.status_of``), current version and withdrawal,
   and each message's classification where an event recorded it;
11. timeline.html is what timeline.json and the bundled messages render to
   (``app.evidence.render``, the renderer that wrote it): so it says nothing they do not. A
   bundle made by a version of Accord whose template differs fails here too: read its
   timeline.json and messages instead.

What is evidence and what is a view. Against the server's operator, who holds the signing key
and can re-sign any file (7), only what the witnesses tie to the chain (8) is evidence: the
events, and through them the summaries (6) and the bytes of every message that moved a state
(5). Checks 10 and 11 hold the readable parts to it. The rest of timeline.json is a
convenience view of the database that nothing in the chain restates, checked only by the
manifest's signature: times such as ``status_at`` and ``replied_at``, counterparties'
deadlines (the chain's ``created``, ``revised``, ``extended`` and ``deemed_accepted``
events hold them), hand-off replies and outbox states, versions' status, a message's
``status``, ``reason``, ``subject``, ``from`` and ``counterparty``, and the classification
of a message no event recorded (one that changed nothing). So is whether a message awaits
review, which alone can make the status ``needs_attention``: verify prints these as
convenience, and a reader who doubts one reads the event or the .eml it stands for.
"""

from __future__ import annotations

import email
import hashlib
import json
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import IO, Any

import jinja2

from app.core import seal, timestamp
from app.core.chain import GENESIS, first_break, format_time
from app.evidence.derive import derive
from app.evidence.layout import (
    MANIFEST,
    MESSAGES_DIR,
    SIGNATURE,
    SIGNING_KEY,
    TIMELINE_HTML,
    TIMELINE_JSON,
)
from app.evidence.render import render_html, reply_excerpt
from app.evidence.timestamps import TSR

CHUNK = 64 * 1024
# How much later than a seal's own time its TSA may have seen it (TSA timeout, clock skew).
SEAL_TO_STAMP = timedelta(minutes=10)
# What reading a damaged member can raise: bad CRC, bad deflate data, a truncated file.
DAMAGED = (zipfile.BadZipFile, zlib.error, OSError, EOFError)


class BundleError(Exception):
    """The bundle cannot be checked further (no zip, no manifest, no timeline)."""


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    key_id: str | None = None
    key_source: str | None = None  # "given" or "bundle"
    agreement_id: str | None = None
    ref: str | None = None
    files: int = 0
    events: int = 0
    messages: int = 0
    chain_head: str | None = None
    witnesses: int = 0
    # What the TSA's token says (tsa, gen_time, trusted), or why the bundle has none.
    timestamp: dict[str, Any] | None = None
    not_timestamped: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if not self.ok:
            return f"FAILED: {self.problems[0]}"
        sealed = f"sealed by key {self.key_id}"
        if self.key_source == "bundle":
            sealed += " (the key in the bundle: compare it with the server's /v1/signing-key)"
        if self.witnesses:
            sealed += f", agreeing with {self.witnesses} witness seal(s)"
        if self.timestamp:
            stamp = self.timestamp
            sealed += f"; timestamped by {stamp['tsa']} at {stamp['gen_time']}"
            if stamp["trusted"]:
                sealed += f" (its certificate chains to the given {stamp['trusted']})"
            else:
                sealed += " (the TSA's chain of trust was not checked: give --tsa-cert)"
        elif self.not_timestamped:
            sealed += f"; not timestamped ({self.not_timestamped})"
        return (
            f"OK: agreement {self.agreement_id} ({self.ref}): {self.files} files, "
            f"{self.messages} messages, {self.events} events, chain head {self.chain_head}, "
            f"{sealed}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "problems": self.problems,
            "agreement_id": self.agreement_id,
            "ref": self.ref,
            "files": self.files,
            "messages": self.messages,
            "events": self.events,
            "chain_head": self.chain_head,
            "key_id": self.key_id,
            "key_source": self.key_source,
            "witnesses": self.witnesses,
            "timestamp": self.timestamp,
            "not_timestamped": self.not_timestamped,
        }


def _digest(archive: zipfile.ZipFile, name: str) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    with archive.open(name) as member:
        while chunk := member.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return sha.hexdigest(), size


def _load_json(archive: zipfile.ZipFile, name: str) -> Any:
    try:
        return json.loads(archive.read(name))
    except KeyError as exc:
        raise BundleError(f"{name}: missing") from exc
    except (ValueError, *DAMAGED) as exc:
        raise BundleError(f"{name}: not readable JSON ({exc})") from exc


def _manifest_files(manifest: Any) -> list[dict[str, Any]]:
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, list) or not all(
        isinstance(f, dict) and isinstance(f.get("name"), str) for f in files
    ):
        raise BundleError(f"{MANIFEST}: no list of files")
    return files


def _check_files(archive: zipfile.ZipFile, manifest: Any, report: Report) -> dict[str, str]:
    """Every listed file against its digest; returns the digests computed from the zip."""
    listed = _manifest_files(manifest)
    present = set(archive.namelist())
    digests: dict[str, str] = {}
    for entry in listed:
        name = entry["name"]
        if name == MANIFEST:
            report.problems.append(f"{MANIFEST}: lists itself")
            continue
        if name not in present:
            report.problems.append(f"{name}: missing from the bundle")
            continue
        try:
            digest, size = _digest(archive, name)
        except DAMAGED as exc:
            report.problems.append(f"{name}: damaged ({exc})")
            continue
        digests[name] = digest
        if digest != entry.get("sha256"):
            report.problems.append(f"{name}: SHA-256 does not match the manifest")
        elif size != entry.get("size"):
            report.problems.append(f"{name}: size does not match the manifest")
    names = {entry["name"] for entry in listed}
    for name in sorted(present - names - {MANIFEST, SIGNATURE}):
        report.problems.append(f"{name}: in the bundle but not in the manifest")
    for name in (TIMELINE_JSON, TIMELINE_HTML):
        if name not in names:
            report.problems.append(f"{MANIFEST}: does not list {name}")
    report.files = len(digests)
    return digests


def _check_chain(timeline: Any, manifest: Any, report: Report) -> None:
    events = timeline.get("events") if isinstance(timeline, dict) else None
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        report.problems.append(f"{TIMELINE_JSON}: no list of events")
        return
    report.events = len(events)
    broken = first_break(events)
    if broken:
        report.problems.append(f"{TIMELINE_JSON}: {broken}")
    agreement = timeline.get("agreement")
    agreement = agreement if isinstance(agreement, dict) else {}
    agreement_id = manifest.get("agreement_id")
    if agreement.get("id") != agreement_id or agreement.get("ref") != manifest.get("ref"):
        report.problems.append(f"{MANIFEST}: agreement id or ref differs from {TIMELINE_JSON}")
    strangers = [e.get("seq") for e in events if e.get("agreement_id") != agreement_id]
    if strangers:
        report.problems.append(f"{TIMELINE_JSON}: event {strangers[0]} is of another agreement")
    head = str(events[-1].get("hash")) if events else GENESIS
    if manifest.get("chain_head") != head or timeline.get("chain_head") != head:
        report.problems.append(f"{MANIFEST}: chain head is not the last event's hash")
    if manifest.get("event_count") != len(events):
        said = manifest.get("event_count")
        report.problems.append(f"{MANIFEST}: says {said} events, {TIMELINE_JSON} has {len(events)}")
    report.chain_head = head


def _check_versions(timeline: Any, report: Report) -> None:
    """Each version's summary as the bundle shows it is the one its event recorded."""
    events = timeline.get("events") if isinstance(timeline, dict) else None
    versions = timeline.get("versions") if isinstance(timeline, dict) else None
    if not isinstance(events, list) or not isinstance(versions, list):
        return
    recorded: dict[Any, tuple[Any, Any]] = {}
    for event in events:
        data = event.get("data") if isinstance(event, dict) else None
        if event.get("type") in ("created", "revised") and isinstance(data, dict):
            recorded.setdefault(data.get("version"), (event.get("seq"), data.get("summary_sha256")))
    for version in versions:
        if not isinstance(version, dict):
            continue
        number = version.get("number")
        seq, digest = recorded.get(number, (None, None))
        text = version.get("summary")
        if seq is None or not isinstance(text, str):
            report.problems.append(f"{TIMELINE_JSON}: version {number} has no event recording it")
        elif hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
            report.problems.append(
                f"{TIMELINE_JSON}: version {number}'s summary is not the one event {seq} "
                "recorded (its SHA-256 differs)"
            )


def _check_derived(timeline: dict[str, Any], report: Report) -> None:
    """The state timeline.json shows is the one its events lead to."""
    events, versions = timeline.get("events"), timeline.get("versions")
    messages, agreement = timeline.get("messages"), timeline.get("agreement")
    if not (
        isinstance(events, list)
        and isinstance(versions, list)
        and isinstance(messages, list)
        and isinstance(agreement, dict)
    ):
        return  # reported by the checks of the chain and the messages
    derived = derive([e for e in events if isinstance(e, dict)])
    report.problems += [f"{TIMELINE_JSON}: {p}" for p in derived.problems]
    shown: set[tuple[Any, Any]] = set()
    for version in (v for v in versions if isinstance(v, dict)):
        for party in version.get("counterparties") or []:
            if isinstance(party, dict):
                shown.add((version.get("number"), party.get("email")))
                _check_party(derived.statuses, derived.informational, version, party, report)
    for number, address in sorted(set(derived.statuses) - shown):
        report.problems.append(
            f"{TIMELINE_JSON}: version {number} does not show {address}, whom its event lists"
        )
    awaiting = any(isinstance(m, dict) and m.get("status") == "unverified" for m in messages)
    status = derived.agreement_status(open_unverified=awaiting)
    if agreement.get("status") != status:
        report.problems.append(
            f"{TIMELINE_JSON}: the agreement is shown as {agreement.get('status')}, but its "
            f"events make it {status}"
        )
    if agreement.get("version") != derived.version:
        report.problems.append(
            f"{TIMELINE_JSON}: the current version is shown as {agreement.get('version')}, "
            f"but its events make it {derived.version}"
        )
    if bool(agreement.get("withdrawn_at")) != derived.withdrawn:
        said = "withdrawn" if derived.withdrawn else "not withdrawn"
        report.problems.append(f"{TIMELINE_JSON}: the agreement's events say it was {said}")
    for meta in (m for m in messages if isinstance(m, dict)):
        recorded = derived.classifications.get(str(meta.get("message_id")))
        if recorded and meta.get("classification") != recorded:
            report.problems.append(
                f"{TIMELINE_JSON}: {meta.get('file')} is shown as classified "
                f"{meta.get('classification')}, but the event that recorded it says {recorded}"
            )


def _check_party(
    statuses: dict[tuple[int, str], str],
    informational: dict[tuple[int, str], bool],
    version: dict[str, Any],
    party: dict[str, Any],
    report: Report,
) -> None:
    number, email = version.get("number"), party.get("email")
    key = (number, email)
    if key not in statuses:
        report.problems.append(
            f"{TIMELINE_JSON}: version {number} shows {email}, whom no event of it lists"
        )
        return
    if party.get("status") != statuses[key]:
        report.problems.append(
            f"{TIMELINE_JSON}: version {number} shows {email} as {party.get('status')}, "
            f"but the events make them {statuses[key]}"
        )
    if bool(party.get("informational")) != informational[key]:
        report.problems.append(
            f"{TIMELINE_JSON}: version {number} shows {email} as "
            f"{'' if party.get('informational') else 'not '}informational, unlike its event"
        )


def _check_html(archive: zipfile.ZipFile, timeline: dict[str, Any], report: Report) -> None:
    """timeline.html is what the checked timeline.json and messages render to."""
    try:
        bundled = archive.read(TIMELINE_HTML).decode("utf-8")
    except (KeyError, UnicodeDecodeError, *DAMAGED):
        return  # reported by the check of the files
    excerpts: dict[int, str] = {}
    for meta in timeline.get("messages") or []:
        if isinstance(meta, dict) and meta.get("direction") == "in":
            try:
                excerpt = reply_excerpt(archive.read(str(meta.get("file"))))
            except (KeyError, *DAMAGED):
                continue  # reported by the check of the messages
            if excerpt and isinstance(meta.get("id"), int):
                excerpts[meta["id"]] = excerpt
    try:
        rendered = render_html(timeline, excerpts)
    except (KeyError, TypeError, ValueError, AttributeError, jinja2.TemplateError) as exc:
        report.problems.append(f"{TIMELINE_HTML}: {TIMELINE_JSON} cannot be rendered ({exc!r})")
        return
    if rendered == bundled:
        return
    ours, theirs = rendered.splitlines(), bundled.splitlines()
    line = next(
        (i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b),
        min(len(ours), len(theirs)),
    )
    said = theirs[line].strip() if line < len(theirs) else "(the end)"
    should = ours[line].strip() if line < len(ours) else "(the end)"
    report.problems.append(
        f"{TIMELINE_HTML}: is not what {TIMELINE_JSON} and the messages render to; line "
        f"{line + 1} reads {said[:200]!r} where they give {should[:200]!r} (edited, or made "
        "by another version of Accord)"
    )


def _check_messages(
    archive: zipfile.ZipFile, timeline: Any, digests: dict[str, str], report: Report
) -> None:
    messages = timeline.get("messages") if isinstance(timeline, dict) else None
    if not isinstance(messages, list) or not all(isinstance(m, dict) for m in messages):
        report.problems.append(f"{TIMELINE_JSON}: no list of messages")
        return
    report.messages = len(messages)
    listed = set()
    present = set(archive.namelist())
    for meta in messages:
        name = str(meta.get("file"))
        listed.add(name)
        if name not in present:
            report.problems.append(f"{name}: listed in {TIMELINE_JSON} but missing")
            continue
        digest = digests.get(name)
        if digest is None:
            try:
                digest, _ = _digest(archive, name)
            except DAMAGED as exc:
                report.problems.append(f"{name}: damaged ({exc})")
                continue
        if digest != meta.get("sha256"):
            report.problems.append(f"{name}: SHA-256 does not match {TIMELINE_JSON}")
    for name in sorted(n for n in present if n.startswith(MESSAGES_DIR) and n not in listed):
        report.problems.append(f"{name}: not listed in {TIMELINE_JSON}")


def _check_sealed_bytes(timeline: Any, digests: dict[str, str], report: Report) -> None:
    """Each event that recorded a message names the SHA-256 of the copy bundled for it."""
    events = timeline.get("events") if isinstance(timeline, dict) else None
    messages = timeline.get("messages") if isinstance(timeline, dict) else None
    if not isinstance(events, list) or not isinstance(messages, list):
        return
    files_of: dict[str, list[str]] = {}
    for meta in messages:
        if isinstance(meta, dict) and meta.get("message_id"):
            files_of.setdefault(str(meta["message_id"]), []).append(str(meta.get("file")))
    for event in events:
        data = event.get("data") if isinstance(event, dict) else None
        recorded = data.get("copy_sha256") if isinstance(data, dict) else None
        if not recorded:
            continue
        files = files_of.get(str(event.get("message_id")), [])
        if not any(digests.get(name) == recorded for name in files):
            what = ", ".join(files) or f"message {event.get('message_id')}"
            report.problems.append(
                f"event {event.get('seq')} ({event.get('type')}): {what} is not the message "
                "it recorded (its SHA-256 differs from the one sealed in the chain)"
            )


def _check_seal(archive: zipfile.ZipFile, manifest: Any, key: bytes | None, report: Report) -> None:
    try:
        sealed = seal.from_dict(_load_json(archive, SIGNATURE))
    except (BundleError, ValueError) as exc:
        report.problems.append(f"{SIGNATURE}: {exc}")
        return
    source = "given"
    if key is None:
        source = "bundle"
        try:
            key = archive.read(SIGNING_KEY)
        except (KeyError, *DAMAGED):
            report.problems.append(f"{SIGNING_KEY}: missing (give the server's key with --key)")
            return
    try:
        public = seal.load_public_key(key)
    except ValueError as exc:
        report.problems.append(f"the {'given' if source == 'given' else 'bundled'} key: {exc}")
        return
    report.key_id, report.key_source = seal.key_id(public), source
    covers = (sealed.agreement_id, sealed.ref, sealed.event_count, sealed.chain_head)
    expected = (
        manifest.get("agreement_id"),
        manifest.get("ref"),
        report.events,
        report.chain_head,
    )
    if covers != expected:
        report.problems.append(
            f"{SIGNATURE}: seals chain head {sealed.chain_head} ({sealed.event_count} events), "
            f"not this bundle's {report.chain_head} ({report.events} events)"
        )
        return
    why = seal.check(sealed, public)
    if why:
        report.problems.append(f"{SIGNATURE}: {why}")
        return
    why = seal.check_manifest(_load_json(archive, SIGNATURE), archive.read(MANIFEST), public)
    if why:
        report.problems.append(f"{SIGNATURE}: {why}")


def _check_timestamp(
    archive: zipfile.ZipFile, manifest: Any, tsa_cert: bytes | None, report: Report
) -> None:
    entry = manifest.get("timestamp")
    if not isinstance(entry, dict) or not entry.get("file"):
        if TSR in archive.namelist():
            report.problems.append(f"{TSR}: in the bundle, but {MANIFEST} records no timestamp")
        why = entry.get("missing") if isinstance(entry, dict) else None
        report.not_timestamped = str(why or "the bundle names no time-stamping authority")
        if tsa_cert is not None:
            report.problems.append(
                f"--tsa-cert given, but the bundle has no timestamp ({report.not_timestamped})"
            )
        return
    if entry["file"] != TSR:
        report.problems.append(f"{MANIFEST}: names the timestamp {entry['file']}, not {TSR}")
        return
    try:
        data = archive.read(TSR)
        sealed = seal.from_dict(_load_json(archive, SIGNATURE))
    except (KeyError, BundleError, ValueError, *DAMAGED):
        if not any(p.startswith((f"{TSR}: ", f"{SIGNATURE}: ")) for p in report.problems):
            report.problems.append(f"{TSR}: missing from the bundle")
        return  # else reported by the checks of the files and of the seal
    trusted = []
    if tsa_cert is not None:
        try:
            trusted = timestamp.load_certificates(tsa_cert)
        except ValueError as exc:
            report.problems.append(f"the given --tsa-cert: not a certificate ({exc})")
            return
    nonce = entry.get("nonce")
    try:
        stamp = timestamp.check(
            data,
            imprint=timestamp.digest(sealed.statement()),
            nonce=int(nonce) if isinstance(nonce, str | int) else None,
            trusted=trusted,
        )
    except (timestamp.TimestampError, ValueError) as exc:
        report.problems.append(f"{TSR}: {exc}")
        return
    try:
        claimed = datetime.fromisoformat(sealed.sealed_at.replace("Z", "+00:00"))
    except ValueError:
        claimed = None
    # A seal is stamped right after it is made (within the TSA timeout); a seal much older
    # than its stamp was dated back, which is what the stamp is there to catch.
    if claimed is not None and stamp.gen_time - claimed > SEAL_TO_STAMP:
        report.problems.append(
            f"{TSR}: the TSA saw the seal at {format_time(stamp.gen_time)}, "
            f"{_span(stamp.gen_time - claimed)} after the time it claims "
            f"({sealed.sealed_at}): the seal was dated back"
        )
    report.timestamp = {
        "tsa": stamp.tsa,
        "gen_time": format_time(stamp.gen_time),
        "serial": str(stamp.serial),
        "policy": stamp.policy,
        "trusted": stamp.trusted,
        "sealed_at": sealed.sealed_at,
    }


def _span(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours / 24:.1f} days" if hours >= 48 else f"{hours:.1f} hours"


def witness_seals(data: bytes) -> list[seal.Seal]:
    """The seals in a witness file: a message as received (.eml: its text parts, decoded)
    or plain text."""
    message = email.message_from_bytes(data, policy=policy.default)
    texts = []
    if message.defects or not message.keys():
        texts.append(data.decode("utf-8", "replace"))
    else:
        for part in message.walk():
            if part.get_content_maintype() == "text" and isinstance(part, EmailMessage):
                try:
                    texts.append(str(part.get_content()))
                except (LookupError, ValueError):
                    texts.append(data.decode("utf-8", "replace"))
    return [found for text in texts for found in seal.from_lines(text)]


def _check_witnesses(
    timeline: Any, key: bytes | None, witnesses: list[tuple[str, bytes]], report: Report
) -> None:
    events = timeline.get("events") if isinstance(timeline, dict) else None
    if not isinstance(events, list):
        return
    try:
        public = seal.load_public_key(key) if key else None
    except ValueError:
        public = None  # reported by the bundle's own seal check
    for name, data in witnesses:
        seals = [s for s in witness_seals(data) if s.agreement_id == report.agreement_id]
        if not seals:
            report.problems.append(f"witness {name}: no seal of agreement {report.agreement_id}")
            continue
        for witnessed in seals:
            what = f"witness {name} (sealed {witnessed.sealed_at})"
            why = seal.check(witnessed, public) if public else "no key to check it with"
            if why:
                report.problems.append(f"{what}: {why}")
                continue
            n = witnessed.event_count
            held = events[n - 1].get("hash") if 0 < n <= len(events) else None
            if held != witnessed.chain_head:
                report.problems.append(
                    f"{what}: the record had {n} events ending in {witnessed.chain_head}; "
                    f"this bundle's event {n} is {held or 'missing'}: the chain was rewritten"
                )
                continue
            report.witnesses += 1


def _check(
    archive: zipfile.ZipFile,
    report: Report,
    key: bytes | None,
    witnesses: list[tuple[str, bytes]],
    tsa_cert: bytes | None = None,
) -> None:
    duplicates = [name for name, n in Counter(archive.namelist()).items() if n > 1]
    if duplicates:
        report.problems.append(f"{duplicates[0]}: appears more than once in the zip")
    manifest = _load_json(archive, MANIFEST)
    if not isinstance(manifest, dict):
        raise BundleError(f"{MANIFEST}: not a JSON object")
    report.agreement_id = manifest.get("agreement_id")
    report.ref = manifest.get("ref")
    digests = _check_files(archive, manifest, report)
    timeline = _load_json(archive, TIMELINE_JSON)
    if not isinstance(timeline, dict):
        raise BundleError(f"{TIMELINE_JSON}: not a JSON object")
    _check_chain(timeline, manifest, report)
    _check_messages(archive, timeline, digests, report)
    _check_sealed_bytes(timeline, digests, report)
    _check_versions(timeline, report)
    _check_seal(archive, manifest, key, report)
    _check_timestamp(archive, manifest, tsa_cert, report)
    if witnesses:
        if key is None:
            try:
                key = archive.read(SIGNING_KEY)
            except (KeyError, *DAMAGED):
                key = None
        _check_witnesses(timeline, key, witnesses, report)
    # Last: a broken chain or seal is the first thing to know of a bundle.
    _check_derived(timeline, report)
    _check_html(archive, timeline, report)


def verify_bundle(
    source: str | Path | IO[bytes],
    *,
    key: bytes | None = None,
    witnesses: list[tuple[str, bytes]] | None = None,
    tsa_cert: bytes | None = None,
) -> Report:
    """Check the bundle at ``source`` (a path or a binary file), its seal against ``key``
    (the server's public key, PEM or base64; default: the one in the bundle), and the
    ``witnesses`` (name, bytes) against it, and its timestamp (if any) against ``tsa_cert``
    (PEM or DER certificates of the TSA or its CA; default: only the token's own
    certificate); never raises for bad input."""
    report = Report()
    try:
        with zipfile.ZipFile(source) as archive:
            _check(archive, report, key, witnesses or [], tsa_cert)
    except BundleError as exc:
        report.problems.append(str(exc))
    except DAMAGED as exc:
        report.problems.append(f"not a readable zip file ({exc})")
    return report
