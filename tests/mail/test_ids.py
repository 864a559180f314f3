"""Identifiers that travel in mail: refs, tokens, Message-IDs."""

from __future__ import annotations

import pytest

from mail import ids


def test_a_ref_spells_its_40_bits_five_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    groups = [0, 1, 9, 10, 17, 18, 30, 31]
    bits = sum(g << (35 - 5 * n) for n, g in enumerate(groups))
    monkeypatch.setattr(ids.secrets, "token_bytes", lambda n: bits.to_bytes(n))
    assert ids.new_ref() == "019A-HJYZ"
    monkeypatch.setattr(ids.secrets, "token_bytes", lambda n: b"\xff" * n)
    assert ids.new_ref() == "ZZZZ-ZZZZ"


def test_refs_are_well_formed_and_found_again() -> None:
    refs = {ids.new_ref() for _ in range(2000)}
    assert len(refs) == 2000
    for ref in refs:
        assert ids.REF_RE.fullmatch(ref) and ids.find_refs(f"Re: Q3 [{ref}]") == [ref]
    used = {c for ref in refs for c in ref.replace("-", "")}
    assert used == set(ids.REF_ALPHABET)
