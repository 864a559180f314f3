"""Sealing a chain head: the server signs "agreement X's chain had N events ending in H at T"
with an Ed25519 key of its own (SPEC §7).

Whoever holds the public key (published at ``/v1/signing-key``, printed by ``accord keys
show``, included in every evidence bundle) can check a seal offline. A bundle whose messages
or events were rewritten, even with its chain recomputed, no longer ends at the sealed head;
a head can only be re-sealed with the server's private key. Receipts and deemed notices carry
a seal too, so the counterparty holds a witness copy of the record outside Accord.

The sealed statement is canonical JSON (sorted keys, compact, UTF-8), so it can be rebuilt
from ``signature.json`` and checked with any Ed25519 implementation.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.core.chain import format_time

FORMAT = "accord-seal/1"


@dataclass(frozen=True)
class Seal:
    """A signed chain head."""

    agreement_id: str
    ref: str
    event_count: int
    chain_head: str
    sealed_at: str  # UTC, as event times are written
    key_id: str
    signature: str  # base64 of the Ed25519 signature over ``statement``

    def statement(self) -> bytes:
        """What the signature covers: every field of ``as_dict`` but the algorithm and the
        signature itself, as canonical JSON."""
        body = {k: v for k, v in self.as_dict().items() if k not in ("algorithm", "signature")}
        return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "agreement_id": self.agreement_id,
            "ref": self.ref,
            "event_count": self.event_count,
            "chain_head": self.chain_head,
            "sealed_at": self.sealed_at,
            "key_id": self.key_id,
            "algorithm": "Ed25519",
            "signature": self.signature,
        }

    def line(self) -> str:
        """One line for a mail footer: everything the signature covers, and the signature, so
        the recipient's copy is a witness ``accord verify --witness`` can check by itself."""
        return (
            f"Accord seal: ref={self.ref} agreement={self.agreement_id} "
            f"events={self.event_count} head={self.chain_head} at={self.sealed_at} "
            f"key={self.key_id} sig={self.signature}"
        )


_LINE = re.compile(
    r"Accord seal: ref=(?P<ref>\S+) agreement=(?P<agreement>\S+) events=(?P<events>\d+) "
    r"head=(?P<head>[0-9a-f]{64}) at=(?P<at>\S+) key=(?P<key>[0-9a-f]{16}) "
    r"sig=(?P<sig>[A-Za-z0-9+/]{86}==)"
)


def from_lines(text: str) -> list[Seal]:
    """The seals (``Seal.line``) written anywhere in ``text``, e.g. a receipt as received."""
    # Mail clients may wrap a long footer line: rejoin what a wrap split.
    flat = re.sub(r"\s*\n[\s>]*", " ", text)
    return [
        Seal(
            agreement_id=m["agreement"],
            ref=m["ref"],
            event_count=int(m["events"]),
            chain_head=m["head"],
            sealed_at=m["at"],
            key_id=m["key"],
            signature=m["sig"],
        )
        for m in _LINE.finditer(flat)
    ]


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    """A short name of a public key: the first 16 hex digits of the SHA-256 of its bytes."""
    return hashlib.sha256(public_bytes(key)).hexdigest()[:16]


def public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def load_public_key(data: bytes) -> Ed25519PublicKey:
    """A public key from PEM, or from the base64 of its 32 raw bytes; ValueError otherwise."""
    text = data.strip()
    if text.startswith(b"-----BEGIN"):
        key = serialization.load_pem_public_key(text)
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("not an Ed25519 public key")
        return key
    try:
        raw = base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise ValueError("not a PEM or base64 Ed25519 public key") from exc
    return Ed25519PublicKey.from_public_bytes(raw)


def seal(
    key: Ed25519PrivateKey,
    *,
    agreement_id: str,
    ref: str,
    event_count: int,
    chain_head: str,
    at: datetime,
) -> Seal:
    kid = key_id(key.public_key())
    unsigned = Seal(agreement_id, ref, event_count, chain_head, format_time(at), kid, signature="")
    signature = base64.b64encode(key.sign(unsigned.statement())).decode("ascii")
    return replace(unsigned, signature=signature)


def check(seal_: Seal, key: Ed25519PublicKey) -> str | None:
    """Why ``seal_`` is not a signature of ``key`` over its statement, or None if it is."""
    if seal_.key_id != key_id(key):
        return f"sealed by key {seal_.key_id}, not by {key_id(key)}"
    try:
        key.verify(base64.b64decode(seal_.signature, validate=True), seal_.statement())
    except (InvalidSignature, ValueError):
        return "the signature does not match the sealed chain head"
    return None


MANIFEST_FORMAT = "accord-bundle/1"


def manifest_statement(*, agreement_id: str, manifest_sha256: str, key_id: str) -> bytes:
    body = {
        "format": MANIFEST_FORMAT,
        "agreement_id": agreement_id,
        "manifest_sha256": manifest_sha256,
        "key_id": key_id,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def sign_manifest(key: Ed25519PrivateKey, *, agreement_id: str, manifest: bytes) -> dict[str, str]:
    """The server's signature of a bundle's manifest.json bytes: every file the manifest
    lists (the readable timeline too, which the chain does not cover) is then the server's."""
    digest = hashlib.sha256(manifest).hexdigest()
    statement = manifest_statement(
        agreement_id=agreement_id, manifest_sha256=digest, key_id=key_id(key.public_key())
    )
    return {
        "manifest_sha256": digest,
        "manifest_signature": base64.b64encode(key.sign(statement)).decode("ascii"),
    }


def check_manifest(data: Any, manifest: bytes, key: Ed25519PublicKey) -> str | None:
    """Why ``data`` (signature.json) does not sign ``manifest`` with ``key``, or None."""
    digest = hashlib.sha256(manifest).hexdigest()
    if not isinstance(data, dict) or not data.get("manifest_signature"):
        return "no signature of the manifest"
    if data.get("manifest_sha256") != digest:
        return "signs another manifest.json than this one"
    statement = manifest_statement(
        agreement_id=str(data.get("agreement_id")), manifest_sha256=digest, key_id=key_id(key)
    )
    try:
        key.verify(base64.b64decode(str(data["manifest_signature"]), validate=True), statement)
    except (InvalidSignature, ValueError):
        return "the manifest's signature does not match"
    return None


def from_dict(data: Any) -> Seal:
    """A seal from ``signature.json``; ValueError when it is not one."""
    try:
        return Seal(
            agreement_id=str(data["agreement_id"]),
            ref=str(data["ref"]),
            event_count=int(data["event_count"]),
            chain_head=str(data["chain_head"]),
            sealed_at=str(data["sealed_at"]),
            key_id=str(data["key_id"]),
            signature=str(data["signature"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a seal ({exc})") from exc
