"""Confirmation vs clarification, decided from evidence both ways (SPEC §5, issues 19, 19d).

A reply is a confirmation when it carries an agreement signal ("confirmed", "sounds good",
"no objections", 👍) and nothing that changes, questions, conditions or contradicts the
summary. Its text is read clause by clause (``mail.reading``) into:

- agreement phrases, and acknowledgements ("noted") that do not agree by themselves;
- neutral text: greetings, thanks, pleasantries, sign-offs, names, signature blocks, client
  footers, quote headers left in the text (``mail.layout``);
- restatement (``mail.restate``): passages copied from the summary, its words, and numbers,
  dates and amounts the summary contains (in any notation);
- risks, each of which makes the reply a clarification: a question, negation (other than the
  agreement idioms), reservation, condition, hedge, deferral, change, addition ("also", "by
  the way", "au fait"), a partial agreement, a doubtful emoji, a number or date the summary
  does not have, summary words put together differently from the summary, an edit of the
  quoted summary;
- text not understood.

Text not understood does not veto by itself when the reply agrees explicitly (an agreement
phrase, not only an emoji or an acknowledgement) and has no risk: a clause of it is let pass as
an aside when nothing in it could change the agreement. That is small talk, shown by a
pleasantry, thanks or a word of feeling in the clause ("Hope the kids enjoyed the trip"), a
wish, which may also name a place, a time or the summary's words ("Enjoy Lisbon next month",
"Good luck with the move"), or follow-through anchored on one of the summary's values ("see you
on 12 June then"); and the clause holds no agreement of its own (which might be about something
else), no link, no name, nobody and nothing of the writer's own ("my wife drives them"), no
number word, no word of the summary (talking about its terms in words that cannot be checked),
and no word that may carry a term: a request, obligation, offer, promise, plan, addition,
change, comparison, quantity, time, price or duty (``lexicon_broad.WATCH`` and ``PROMISE``, in
every language the lexicon knows). A clause about the writing of the reply itself, made only of
words for who typed or translated it, in which language and on what ("My daughter typed this
for me", "Sorry for replying in English"), passes too, and may name the writer's own people:
they wrote it, and do nothing in the deal. At most ``ASIDES_MAX`` words not understood pass in
all. Any other text not understood makes the reply a clarification: mistaking a clarification
for a confirmation is the worst error Accord can make. The reason names the words that decided,
for the owner, the asides let pass among them ("agreement: "Sounds good"; beside it, not read
as a change: "Hope the kids enjoyed the trip"; …").

The owner's feedback closes the loop: ``feedback_phrases`` gives the not-understood phrases
of a reply the owner marked as a confirmation (never of one with a risk), and
``classify_reply(..., accepted=...)`` then counts those phrases as agreement for that owner.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from mail import layout, lexicon
from mail.layout import Line, People
from mail.reading import Decided, Part, Reading, read_part
from mail.restate import Run, Summary, names_person, summary_of
from mail.tokens import Token, fold, normalize, tokenize

Label = Literal["confirmation", "clarification"]

# words not understood, in all, that may stand beside an agreement (``Reading.asides``): a
# line or two of small talk, not a paragraph we cannot read
ASIDES_MAX = 12
RESTATED_MIN = 2  # values an acknowledgement must read back to count as agreeing
QUOTE_MIN = 10  # tokens: a passage this long copied from the summary is a quote of it
_QUOTE_LINE = 20  # characters: a line this long found whole in the summary may be a quote
_SHORT_LINE = 6  # characters: a shorter line ("OK", "Yes.") is an answer, whatever it matches
_CONTENT = ("word", "number", "cjk")
_QUESTION = frozenset("?¿")
_SENTENCE_END = frozenset(".!?:;。！？")


@dataclass(frozen=True)
class Classification:
    label: Label
    reason: str


def classify_reply(
    text: str,
    *,
    quoted_text: str | None = None,
    sent_text: str | None = None,
    names: Iterable[str] = (),
    accepted: Collection[str] = (),
) -> Classification:
    """Confirmation only for a reply that agrees and changes nothing; clarification otherwise.

    ``sent_text`` is the summary as sent: edits of it in ``quoted_text`` and values the reply
    restates are checked against it. ``names`` (the sender's and the owner's) may appear
    anywhere. ``accepted`` are phrases this owner accepted earlier as agreement
    (``feedback_phrases``); they never outweigh a risk.
    """
    reading = _read(
        text, quoted_text, sent_text, names, stop_at_unknown=not accepted, accepted=accepted
    )
    return _verdict(reading, accepted)


def feedback_phrases(
    text: str,
    *,
    quoted_text: str | None = None,
    sent_text: str | None = None,
    names: Iterable[str] = (),
) -> list[str]:
    """The phrases of a reply the owner marked as a confirmation, to accept from then on.

    These are the pieces that kept it from being one: phrases not understood and mere
    acknowledgements. Empty when the reply carries any risk, so nothing risky is learned; and
    none from a clause that restates the summary's terms, whose other words describe them
    ("the mic … ready" of "We'll have the mic and the projector ready").
    """
    reading = _read(text, quoted_text, sent_text, names)
    if reading.edit or reading.risks or (reading.pointers and not _answered(reading)):
        return []
    unknown = {key for key, _ in reading.unknown if key not in reading.beside_terms}
    return sorted(unknown | set(reading.acks))


def quote_edit(quoted_text: str, sent_text: str) -> str | None:
    """How the quoted summary differs from what was sent, or None when it does not."""
    return _quoted(normalize(quoted_text), summary_of(sent_text))[0]


def _verdict(reading: Reading, accepted: Collection[str]) -> Classification:
    if reading.edit:
        return _clarify(reading.edit)
    if reading.risks:
        kind, fragment = reading.risks[0]
        return _clarify(f"{kind}: {_quote(fragment)}")
    if reading.pointers and not _answered(reading):
        return _clarify(
            f"points to answers in the quote that could not be read: {_quote(reading.pointers[0])}"
        )
    usable = set(accepted) - reading.refused
    learned = reading.learned + [key for key, _ in reading.unknown if key in usable]
    unknown = [fragment for key, fragment in reading.unknown if key not in usable]
    if (not reading.agree and not learned) or reading.aside_words > ASIDES_MAX:
        unknown += reading.asides  # asides pass only beside an explicit agreement, and few
    if unknown:
        return _clarify(f"not recognised as agreement: {_quote(unknown[0])}")
    learned += [ack for ack in reading.acks if ack in accepted]
    return _agreement(reading, learned)


def _answered(reading: Reading) -> bool:
    """Whether the answers a pointer ("see inline") sends the reader to were found and read."""
    return reading.answers_in_quote or reading.answers_below


def _agreement(reading: Reading, learned: list[str]) -> Classification:
    acks = [ack for ack in reading.acks if ack not in learned]
    # What the owner accepted does not stretch to an acknowledgement they did not: "ok"
    # accepted from "Ok, thanks!" leaves "ok, anotado" (ok, noted) a mere acknowledgement.
    if reading.agree or (learned and not acks):
        said = ", ".join(_quote(p) for p in reading.agree[:3])
        reason = f"agreement: {said}" if said else "agreement"
        if learned:
            reason += f"; accepted earlier by the owner: {_quote(learned[0])}"
        if reading.restated:
            reason += f"; restates {', '.join(_quote(r) for r in reading.restated[:3])}"
        if reading.asides:
            beside = ", ".join(_quote(a) for a in reading.asides[:3])
            reason += f"; beside it, not read as a change: {beside}"
        return Classification("confirmation", reason + "; nothing else changes the summary")
    if reading.weak and not acks:
        return Classification(
            "confirmation", f"agreement: {reading.weak[0]}; nothing else changes the summary"
        )
    if acks and len(reading.restated) >= RESTATED_MIN and not reading.asides:
        # "Vale: 300 € antes del 20/6, resto 600 el 8/7": the terms read back, each in its
        # place, after an "OK" are agreed to
        said = ", ".join(_quote(r) for r in reading.restated[:3])
        return Classification(
            "confirmation",
            f"acknowledges {_quote(acks[0])} and restates {said}; nothing else changes the summary",
        )
    if acks:
        return _clarify(f"acknowledges without agreeing: {_quote(acks[0])}")
    return _clarify("no agreement signal")


def _clarify(reason: str) -> Classification:
    return Classification("clarification", reason)


def _quote(fragment: str, limit: int = 120) -> str:
    fragment = " ".join(fragment.split())
    return f'"{fragment[:limit]}{"…" if len(fragment) > limit else ""}"'


# Reading ------------------------------------------------------------------------------------


def _read(
    text: str,
    quoted_text: str | None,
    sent_text: str | None,
    names: Iterable[str],
    *,
    stop_at_unknown: bool = False,
    accepted: Collection[str] = (),
) -> Reading:
    summary = summary_of(sent_text) if sent_text else None
    people = _people(tuple(names))
    reading = Reading(stop_at_unknown=stop_at_unknown, accepted=_safe_phrases(accepted))
    parts = [normalize(text or "")]
    if quoted_text and summary is not None:
        reading.edit, comments = _quoted(normalize(quoted_text), summary)
        parts += comments
        reading.answers_in_quote = bool(comments)
    try:
        for part in parts:
            if reading.edit:
                break  # decided: the rest could only add reasons nobody reads
            read_part(_part(part, summary, reading), summary, people, reading)
    except Decided:
        pass
    if reading.answers_below and quoted_text and not _breaks_between_sentences(quoted_text):
        reading.answers_below = False
    if summary is not None and not reading.edit and not reading.risks:
        left = summary.left_beside(reading.facts)
        if left is not None:
            reading.risks.append(("leaves out a value the summary gives with it", left))
    return reading


def _breaks_between_sentences(quoted: str) -> bool:
    """Whether every paragraph break of the quote (where interleaved answers stood, see
    ``mail.reply``) falls between two sentences: an answer in the middle of one may answer
    either half, so it does not count as an answer to a point. The greeting ("Dear Marco,")
    ends with a comma before its paragraph break."""
    lines = [line.strip() for line in quoted.split("\n")]
    written = [i for i, line in enumerate(lines) if line]
    for i, j in pairwise(written[1:] if written else []):
        if j > i + 1 and lines[i][-1] not in _SENTENCE_END and lines[j][:1].islower():
            return False
    return True


def _safe_phrases(accepted: Collection[str]) -> frozenset[tuple[str, ...]]:
    """The owner's accepted phrases as token texts, without any that holds a risk word in
    some language ("no", "but", "si"): those are read as the lexicon reads them."""
    if not accepted:
        return frozenset()
    return _safe_phrases_of(frozenset(accepted))


@lru_cache(maxsize=256)
def _safe_phrases_of(accepted: frozenset[str]) -> frozenset[tuple[str, ...]]:
    found = set()
    for phrase in accepted:
        words = tuple(t.text for t in tokenize(normalize(phrase)) if t.kind != "mark")
        if words and not any(_risky(word) for word in words):
            found.add(words)
    return frozenset(found)


def _risky(word: str) -> bool:
    meanings = lexicon.phrases().get((word,), ())
    return any(m.cls in lexicon.RISK_CLASSES for m in meanings) or word in _QUESTION


def _part(text: str, summary: Summary | None, reading: Reading) -> Part:
    """``text`` with quote headers and an unmarked quote of the summary set aside."""
    raw = text.split("\n")
    header = layout.quote_header_lines(raw)
    header_end = _block_end(header, raw) if header else None
    if summary is not None and header_end is not None:
        rest = "\n".join(raw[header_end:])
        if rest.strip() and summary.quotes_whole(rest):
            # The usual leftover of a quote reply extraction missed: a header, then the
            # summary unbroken. Neither is the writer's, and neither needs reading.
            text, header, header_end = "\n".join(raw[: min(header)]), set(), None
    tokens = tokenize(text)
    lines = _lines(text, tokens)
    skip = set(header)
    copied: set[int] = set()
    if summary is not None:
        edit, quote_lines, copied = _unmarked_quote(tokens, lines, summary, header_end)
        reading.edit = reading.edit or edit
        skip |= quote_lines
    body = [i for i, line in enumerate(lines) if i not in skip and not line.blank]
    return Part(text, tokens, lines, body, frozenset(copied))


def _block_end(header: set[int], lines: Sequence[str]) -> int:
    """The line after the first quote header block (blank lines inside it included)."""
    end = min(header)
    while end < len(lines) and (end in header or not lines[end].strip()):
        end += 1
    return end


@lru_cache(maxsize=1024)
def _people(names: tuple[str, ...]) -> People:
    words: list[str] = []
    cjk: list[str] = []
    initials: list[str] = []
    for name in names:
        latin: list[str] = []
        for piece in normalize(name).split():
            tokens = tokenize(piece)
            if tokens and all(t.kind == "cjk" for t in tokens):
                cjk.append("".join(t.text for t in tokens))
            latin += [t.text for t in tokens if t.kind == "word"]
        words += latin
        initials.append(fold("".join(w[0] for w in latin)))
    return People.of(words, cjk, initials)


def _lines(text: str, tokens: Sequence[Token]) -> list[Line]:
    lines: list[Line] = []
    start = 0
    for raw in text.split("\n"):
        lines.append(Line(raw, start))
        start += len(raw) + 1
    for token in tokens:
        lines[token.line].tokens.append(token)
    return lines


# The quoted summary and copies of it ----------------------------------------------------------


def _quoted(quoted: str, summary: Summary) -> tuple[str | None, list[str]]:
    """(edit, comments): how the quote changes the summary, and the writer's own lines in it
    (answers between its paragraphs, or under it)."""
    if summary.quotes_whole(quoted):
        return None, []
    tokens = tokenize(quoted)
    content = [i for i, t in enumerate(tokens) if t.kind in _CONTENT]
    words = [tokens[i].text for i in content]
    if not words:
        return None, []
    runs = summary.runs(words)
    if not runs:
        return f"edited the quoted summary: it is not the text sent, {_quote(quoted)}", []
    lines = _lines(quoted, tokens)
    edit, copied = _copy_edit(runs, tokens, content, lines, summary)
    own: list[str] = []
    for i, line in enumerate(lines):
        if i in copied or (i < min(copied, default=0) and layout.is_header(line)):
            continue
        # A signature delimiter counts once the writer has said something: the summary's own
        # "-- " before its footer must not make the answers under it read as a signature.
        if _said(line) or (own and layout.is_separator(line)):
            own.append(line.text)
    return edit, ["\n".join(own)] if own else []


def _said(line: Line) -> bool:
    """Whether a line outside the copied summary holds anything written: words, an emoji, a
    question mark. Lines of dashes and blank lines in a quote say nothing."""
    return any(t.kind != "mark" or t.text in _QUESTION for t in line.tokens)


def _copy_edit(
    runs: Sequence[Run],
    tokens: Sequence[Token],
    content: Sequence[int],
    lines: Sequence[Line],
    summary: Summary,
    *,
    opened: bool = False,
) -> tuple[str | None, set[int]]:
    """(edit, lines copied from the summary) for a passage quoted from it.

    A line mixing copied and other words is an edit typed into the quote; so is summary text
    left out between two copied pieces, and a line put into the middle of one of its
    sentences. Lines of the writer's own between its sentences or after it are answers.
    ``opened``: a quote header opened the quote, so what follows it up to the first copied
    line was typed into the quote too.
    """
    first = (
        runs[0]
        if opened
        else next((r for r in runs if _opens_line(r, tokens, content, lines)), runs[0])
    )
    start = 0 if opened else tokens[content[first.start]].line
    run_of = {id(tokens[content[k]]): run for run in runs for k in range(run.start, run.end)}
    copied: set[int] = set()
    previous: Run | None = None
    inserted: list[Line] = []
    for i, line in enumerate(lines):
        if i < start or (opened and not line.tokens):
            continue  # what precedes the quote proper is the writer's, or a header
        mine = [t for t in line.tokens if t.kind in _CONTENT and id(t) not in run_of]
        theirs = [run_of[id(t)] for t in line.tokens if id(t) in run_of]
        if theirs and mine:
            added = " ".join(t.text for t in mine)
            return f"edited the quoted summary: added {_quote(added)}", copied
        if theirs:
            copied.add(i)
            if inserted and (not previous or not _between_sentences(previous, theirs[0], summary)):
                return f"edited the quoted summary: added {_quote(inserted[0].text)}", copied
            previous, inserted = theirs[-1], []
        elif len(line.text.strip()) >= _SHORT_LINE and summary.quotes_whole(line.text):
            copied.add(i)  # a line of the summary too short to be found word by word
        elif _said(line) and (previous is not None or opened):
            inserted.append(line)
    return _left_out(runs, summary), copied


def _between_sentences(before: Run, after: Run, summary: Summary) -> bool:
    return after.s_start != before.s_end or summary.starts_sentence(after.s_start)


def _left_out(runs: Sequence[Run], summary: Summary) -> str | None:
    for before, after in pairwise(runs):
        if after.s_start > before.s_end:
            removed = " ".join(summary.words[before.s_end : after.s_start])
            return f"edited the quoted summary: removed {_quote(removed)}"
    return None


def _unmarked_quote(
    tokens: Sequence[Token], lines: Sequence[Line], summary: Summary, header_end: int | None
) -> tuple[str | None, set[int], set[int]]:
    """(edit, quote lines, copied tokens) for the summary copied into the new text.

    Reply extraction may leave a quote without quote marks in the new text: after a quote
    header naming the summary's sender, or else from the first long copied passage on. That
    region is read as a quote, with its edits; shorter copies before it are restatement.
    """
    opening = header_end
    if opening is None:
        opening = next(
            (
                i
                for i, line in enumerate(lines)
                if len(line.text) >= _QUOTE_LINE and summary.quotes_whole(line.text)
            ),
            None,
        )
        if opening is None:
            return None, set(), set()  # no line of it is the summary's: nothing was quoted
    rest = lines[opening:]
    if summary.quotes_whole("\n".join(line.text for line in rest)):
        # The usual case: the rest is the summary, unbroken; no need to compare word by word.
        return None, set(range(opening, len(lines))), set()
    content = [i for i, t in enumerate(tokens) if t.kind in _CONTENT]
    runs = summary.runs([tokens[i].text for i in content])
    copied = {content[k] for run in runs for k in range(run.start, run.end)}
    if header_end is not None:
        quote_runs = [r for r in runs if tokens[content[r.end - 1]].line >= header_end]
        start_line = header_end
    else:
        first = next((r for r in runs if _opens_quote(r, tokens, content, lines)), None)
        quote_runs = [r for r in runs if first and r.start >= first.start]
        start_line = tokens[content[first.start]].line if first else 0
    if not quote_runs:
        return None, set(), copied
    region = [
        line if i >= start_line else Line(line.text, line.start) for i, line in enumerate(lines)
    ]
    opened = header_end is not None
    edit, quote_lines = _copy_edit(quote_runs, tokens, content, region, summary, opened=opened)
    if edit is None and not opened:
        edit = _echoed(quote_lines, lines, summary)
    return edit, quote_lines, copied


def _echoed(quote_lines: set[int], lines: Sequence[Line], summary: Summary) -> str | None:
    """A line of the summary copied into the new text with no quote header before it, that
    says who does a term by a pronoun ("I have Arjun and Meera at our house; you have Ellie
    at yours"), in the writer's mouth hands each term to the other side: it is no quote the
    reply answers, but the writer's statement."""
    for i in sorted(quote_lines):
        tokens = lines[i].tokens
        if any(names_person(t.text, summary.lang) for t in tokens):
            return f"restates the summary's own words for who does what: {_quote(lines[i].text)}"
    return None


def _opens_quote(
    run: Run, tokens: Sequence[Token], content: Sequence[int], lines: Sequence[Line]
) -> bool:
    """A long copy starting a line: a quote, where a restatement starts with the writer's words."""
    return run.end - run.start >= QUOTE_MIN and _opens_line(run, tokens, content, lines)


def _opens_line(
    run: Run, tokens: Sequence[Token], content: Sequence[int], lines: Sequence[Line]
) -> bool:
    """Whether ``run`` starts at the beginning of a line (not after a header's label)."""
    first = tokens[content[run.start]]
    line_content = [t for t in lines[first.line].tokens if t.kind in _CONTENT]
    return bool(line_content) and line_content[0] is first


# Lines of the writer's own text ---------------------------------------------------------------
