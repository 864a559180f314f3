"""classify_reply: the labelled set, unit cases, and properties that must always hold."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mail.classify import classify_reply, quote_edit
from mail.reply import split_reply
from mail.tokens import normalize, tokenize

FIXTURES = Path(__file__).parents[1] / "fixtures"
SENT = {p.stem: p.read_text() for p in (FIXTURES / "emails" / "sent").glob("*.txt")}
ROWS = [
    json.loads(line) for line in (FIXTURES / "replies" / "labelled.jsonl").read_text().splitlines()
]


def _classify(row: dict[str, str]) -> str:
    new, quoted = split_reply(row["text"])
    sent = SENT.get(row.get("sent", ""))
    return classify_reply(new, quoted_text=quoted or None, sent_text=sent).label


def test_labelled_set() -> None:
    assert len(ROWS) >= 150
    results = [(row, _classify(row)) for row in ROWS]
    false_confirmations = [
        r["id"] for r, got in results if r["label"] == "clarification" and got == "confirmation"
    ]
    confirmations = [got for r, got in results if r["label"] == "confirmation"]
    recall = confirmations.count("confirmation") / len(confirmations)
    print(
        f"labelled set: N={len(ROWS)} confirmations={len(confirmations)} "
        f"false_confirmations={len(false_confirmations)} recall={recall:.3f}"
    )
    assert false_confirmations == []
    assert recall >= 0.85


@pytest.mark.parametrize(
    "text",
    [
        "Confirmed",
        "Yes, that's right",
        "Sounds good 👍",
        "👍",
        "✅",
        "Correct, thanks!",
        "OK",
        "Hi Anna,\n\nConfirmed.\n\nThanks,\nJohn",
        "Bestätigt",
        "Ja, korrekt",
        "D'accord",
        "C'est bon",
        "Confirmado",
        "De acuerdo",
        "Akkoord",
        "Va bene",
    ],
)
def test_confirmations(text: str) -> None:
    result = classify_reply(text)
    assert result.label == "confirmation", result.reason


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ok?",
        "Yes, but",
        "Confirmed, except the date",
        "Yes. Also, can we move it to July?",
        "Not quite",
        "No",
        "mostly",
        "Confirmed for 30 June",
        "Yeah right",
        "Sure...",
        "Thanks",
        "Confirmed\nJuly",
        "👎",
        "Confirmed - Not",
        "Hi Anna, confirmed. Thanks, But",
        "Zgadzam się",
    ],
)
def test_clarifications(text: str) -> None:
    result = classify_reply(text)
    assert result.label == "clarification", result.reason
    assert result.reason


def test_names_argument_allows_a_bare_signature_name() -> None:
    assert classify_reply("Confirmed\nJohn").label == "clarification"
    assert classify_reply("Confirmed\nJohn", names=["John Miller"]).label == "confirmation"


def test_quote_edit_detection() -> None:
    sent = "Dear John,\nIf I can deliver X by June the company will give me Y."
    assert quote_edit("If I can deliver X by June the company", sent) is None
    assert (
        quote_edit("Dear John, If I can deliver X by June the company will give me Y.", sent)
        is None
    )
    edit = quote_edit("If I can deliver X by August the company", sent)
    assert edit is not None
    assert "august" in edit
    removed = quote_edit("If I can deliver X the company will give me Y.", sent)
    assert removed is not None
    assert "removed" in removed
    result = classify_reply("Confirmed", quoted_text="X by August", sent_text=sent)
    assert result.label == "clarification"
    assert result.reason.startswith("edited the quoted summary")


HEDGES = [
    "?",
    "but",
    "aber",
    "mais",
    "pero",
    "except",
    "not",
    "no",
    "nicht",
    "pas",
    "sauf",
    "however",
    "unless",
    "if",
    "maar",
    "ma",
    "però",
    "außer",
    "sino",
]
AGREEING = [
    "Confirmed",
    "Yes",
    "Sounds good",
    "Correct",
    "👍",
    "Passt",
    "D'accord",
    "Perfecto",
    "OK",
]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(AGREEING),
    st.sampled_from(HEDGES),
    st.text(max_size=30),
    st.sampled_from([" ", ", ", "\n", ". "]),
)
def test_hedged_agreement_is_never_a_confirmation(
    agree: str, hedge: str, tail: str, sep: str
) -> None:
    text = f"{agree}{sep}{hedge} {tail}" if hedge != "?" else f"{agree}{hedge}{tail}"
    assert classify_reply(text).label == "clarification"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_question_mark_is_never_a_confirmation(text: str) -> None:
    assert classify_reply(text + "?").label == "clarification"
    assert classify_reply("Yes? " + text).label == "clarification"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["deliver", "x", "by", "june", "y", "the", "review"]), max_size=40),
    st.data(),
)
def test_an_unbroken_quote_is_never_an_edit(sent: list[str], data: st.DataObject) -> None:
    # quote_edit skips the diff for a quote that is one unbroken piece of the summary; the
    # diff itself must agree that such a quote edits nothing.
    start = data.draw(st.integers(0, len(sent)))
    end = data.draw(st.integers(start, len(sent)))
    quoted = sent[start:end]
    if quoted:
        assert quote_edit(" ".join(quoted), " ".join(sent)) is None


_PIECES = [*"ab Z9.,@:/<>`'-\n %€", "mailto:", "https://", "\u2019", "\ufb01", "é", "ß", "１", "月"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_no_digit_is_lost_by_the_tokenizer(text: str) -> None:
    # A number that vanished from the tokens could never be found new: every digit outside a
    # link or address must be in a token the classifier checks against the summary.
    text = normalize(text)
    tokens = tokenize(text)
    covered = {i for t in tokens for i in range(t.start, t.end)}
    links = {i for t in tokens if t.kind == "link" for i in range(t.start, t.end)}
    digits = {i for i, c in enumerate(text) if c.isdigit()} - links
    assert digits <= covered
    assert all(t.kind in ("number", "word") for t in tokens if any(c.isdigit() for c in t.text) and t.kind != "link")
