"""The bytes a seal signs are fixed by format accord-seal/1: seals given out in receipts and
footers must verify for as long as anyone keeps them, whatever the code's fields become."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.core.seal import Seal, check, seal

GOLDEN = (
    b'{"agreement_id":"a1","chain_head":"ff00","event_count":3,"format":"accord-seal/1",'
    b'"key_id":"k1","ref":"AB12-CD34","sealed_at":"2026-06-04T10:15:00Z"}'
)


def test_the_signed_statement_of_format_1_is_byte_for_byte_fixed() -> None:
    fixed = Seal("a1", "AB12-CD34", 3, "ff00", "2026-06-04T10:15:00Z", "k1", signature="")
    assert fixed.statement() == GOLDEN


def test_a_seal_signs_its_statement_and_checks() -> None:
    key = Ed25519PrivateKey.generate()
    made = seal(
        key,
        agreement_id="a1",
        ref="AB12-CD34",
        event_count=3,
        chain_head="ff00",
        at=datetime(2026, 6, 4, 10, 15, tzinfo=UTC),
    )
    key.public_key().verify(base64.b64decode(made.signature), made.statement())
    assert check(made, key.public_key()) is None
