"""classify_reply: the labelled set, unit cases, and properties that must always hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mail.classify import classify_reply, feedback_phrases, quote_edit
from mail.reply import split_reply
from mail.tokens import content_words, normalize, tokenize

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
        "Hi Anna,\n\nConfirmed.\n\nThanks,\nJohn",
        "Bestätigt",
        "Ja, korrekt",
        "D'accord",
        "C'est bon",
        "Confirmado",
        "De acuerdo",
        "Akkoord",
        "Va bene",
        "Zgadzam się",
        "No objections from my side",
        "Nothing to add, thanks!",
        "Sounds good, looking forward to it. Talk soon",
        "确认无误。",
        "相違ございません。",
        "Passt, danke!\n\nVon meinem iPhone gesendet",
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
        "OK",
        "Noted, thanks",
        "Received 👍",
        "Sounds about right",
        "In principle yes",
        "Agreed, provided the licences are approved",
        "Let me check and get back to you",
        "No, that's not what we said",
        "Agreed. I'll ask Hao and Mei to join",
        "Approved pending review.",
        "See below.",
        "同意，前提是回款率不低于80%。",
    ],
)
def test_clarifications(text: str) -> None:
    result = classify_reply(text)
    assert result.label == "clarification", result.reason
    assert result.reason


def test_names_argument_allows_a_bare_signature_name() -> None:
    assert classify_reply("Confirmed\nJohn").label == "clarification"
    assert classify_reply("Confirmed\nJohn", names=["John Miller"]).label == "confirmation"


def test_signature_block_and_client_footer_are_not_content() -> None:
    text = (
        "Confirmed 👍\n\nMike Alvarez\nDemand Generation Manager | Brightlane\n"
        "m: (312) 555-0187\nbrightlane.example.com\n\nThis email and any attachments are "
        "confidential. If you are not the intended recipient, please delete it.\n\n"
        "Sent from my iPhone"
    )
    assert classify_reply(text, names=["Mike Alvarez"]).label == "confirmation"
    # A line after the signature that says something is read, not skipped.
    changed = text.replace("Sent from my iPhone", "PS: but only 8 leads until August")
    assert classify_reply(changed, names=["Mike Alvarez"]).label == "clarification"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Confirmed: 10 leads a week, and I expect 1 deal in 10.", "confirmation"),
        ("Yes, 10 leads a week, 1 close in 10 (10%). Thanks!", "confirmation"),
        ("Confirmed: 12 leads a week.", "clarification"),
        ("Confirmed, 10 leads a week by Friday, June 12.", "clarification"),
        ("Agreed, 10 deals a week.", "clarification"),
        ("Agreed, 10 minutes a week.", "clarification"),
        ("Sounds good, talk soon!", "confirmation"),
        ("Sounds good, see you Monday!", "clarification"),
    ],
)
def test_numbers_dates_and_days_must_be_the_summarys(text: str, label: str) -> None:
    # mike.txt: 10 leads a week, 1 deal or 10%, answer by Friday, June 5.
    result = classify_reply(text, sent_text=SENT["mike"])
    assert result.label == label, result.reason


def test_reason_names_the_deciding_words() -> None:
    assert classify_reply("Sounds good!").reason.startswith('agreement: "Sounds good"')
    assert classify_reply("Sure, can we make it July?").reason == (
        'question: "can we make it July?"'
    )
    assert classify_reply("Agreed, provided HR signs off").reason.startswith("condition: ")


def test_feedback_phrases_are_learned_for_later_replies() -> None:
    reply = "Grand so, go raibh maith agat"
    assert classify_reply(reply).label == "clarification"
    learned = feedback_phrases(reply)
    assert learned == ["go raibh maith agat", "grand"]
    later = classify_reply("Grand so!", accepted=learned)
    assert later.label == "confirmation"
    assert "accepted earlier by the owner" in later.reason
    # Learned phrases never outweigh a risk, and nothing risky is ever learned.
    assert classify_reply("Grand so, but not until July", accepted=learned).label == "clarification"
    assert feedback_phrases("Grand so, but not until July") == []
    assert feedback_phrases("Noted?") == []
    assert feedback_phrases("Noted, thanks") == ["noted"]
    assert classify_reply("Noted, thanks", accepted=["noted"]).label == "confirmation"


MIC = """Hi Mei,

Here is what we agreed for the talk:

- The talk is on Thursday 14 March at 18:00.
- You provide the microphone and the projector, provided we bring our own laptop.

Best,
Tom"""


def test_feedback_learns_no_word_that_describes_a_term() -> None:
    # The owner marks a restatement in other words a confirmation; "mic" and "ready" describe
    # the term it restates, and a later "we'll have the mic ready for you" (the projector
    # dropped) must not pass on them.
    names = ["Mei Chen", "Tom Hall"]
    marked = "Sounds right. We'll have the mic and the projector ready, provided you bring your own laptop."
    assert classify_reply(marked, sent_text=MIC, names=names).label == "clarification"
    learned = feedback_phrases(marked, sent_text=MIC, names=names)
    assert "mic" not in learned and "ready" not in learned
    later = "Happy with that, we'll have the mic ready for you."
    assert classify_reply(later, sent_text=MIC, names=names, accepted=learned).label == (
        "clarification"
    )


def test_an_accepted_phrase_beside_a_promise_or_a_term_is_not_agreement() -> None:
    # Phrases learned before this rule may be such words: where they stand beside a promise,
    # a plan, a watched word or the summary's terms, they are not read as agreement.
    names = ["Mei Chen", "Tom Hall"]
    accepted = ["mic", "ready"]
    for later in (
        "Happy with that, we'll have the mic ready for you.",
        "Happy with that, the mic ready and the projector too.",
    ):
        verdict = classify_reply(later, sent_text=MIC, names=names, accepted=accepted)
        assert verdict.label == "clarification", (later, verdict)
    assert classify_reply("Grand so!", accepted=["grand"]).label == "confirmation"


def test_an_accepted_acknowledgement_does_not_stretch_to_another() -> None:
    # The owner marked "Ok, thanks!" a confirmation: "ok" is theirs. A later "ok, noted" from
    # anyone is still an acknowledgement without agreement.
    learned = feedback_phrases("Ok, thanks!")
    assert learned == ["ok"]
    assert classify_reply("Ok!", accepted=learned).label == "confirmation"
    for later in ("ok, noted", "ok, anotado", "Ok, zur Kenntnis genommen"):
        assert classify_reply(later, accepted=learned).label == "clarification", later


def test_feedback_phrases_never_come_from_an_edited_quote() -> None:
    sent = "Dear John,\nIf I can deliver X by June the company will give me Y."
    quoted = "Dear John,\nIf I can deliver X by August the company will give me Y."
    assert feedback_phrases("Grand so", quoted_text=quoted, sent_text=sent) == []


def test_interleaved_answers_are_read_and_edits_inside_sentences_are_not_answers() -> None:
    sent = "Dear John,\n\nYou deliver X by June.\n\nThe company gives you Y at the review.\n"
    between = (
        "Dear John,\n\nYou deliver X by June.\n\nYes.\n\nThe company gives you Y at the review."
    )
    assert classify_reply("", quoted_text=between, sent_text=sent).label == "confirmation"
    no = between.replace("Yes.", "No, by July.")
    assert classify_reply("", quoted_text=no, sent_text=sent).label == "clarification"
    inside = (
        "Dear John,\n\nYou deliver X\n\nYes\n\nby June.\n\nThe company gives you Y at the review."
    )
    assert classify_reply("", quoted_text=inside, sent_text=sent).label == "clarification"


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=300),
    st.text(max_size=200),
    st.text(max_size=200),
    st.lists(st.text(max_size=20)),
)
def test_never_raises(text: str, quoted: str, sent: str, names: list[str]) -> None:
    for result in (
        classify_reply(text, quoted_text=quoted, sent_text=sent or None, names=names),
        classify_reply(text + "\n" + sent, quoted_text=sent, sent_text=sent or None),
    ):
        assert result.label in ("confirmation", "clarification")
        assert result.reason


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
_FRENCH_POSSESSIVES = frozenset(("mon", "ma", "mes", "ton", "ta", "tes"))
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
    if hedge != "?":
        # "no errors", "no objections": a negation that agrees is an idiom of agreement
        assume(classify_reply(f"{hedge} {tail}").label != "confirmation")
        # a tail of another language's words makes the hedge one of them: "ma MON:MES:NOTE"
        # is French "my", not Italian "but" (words are read in the reply's language)
        assume(not any(w in _FRENCH_POSSESSIVES for w in tail.lower().replace(":", " ").split()))
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
    # The summary's words are taken by a faster path that must agree with the tokens.
    assert content_words(text) == [t.text for t in tokens if t.kind in ("word", "number", "cjk")]
    assert all(
        t.kind in ("number", "word")
        for t in tokens
        if any(c.isdigit() for c in t.text) and t.kind != "link"
    )
