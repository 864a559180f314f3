"""Confirmation vs clarification, decided from evidence both ways (SPEC §5, issue 19).

A reply is a confirmation when it carries an agreement signal ("confirmed", "sounds good",
"no objections", 👍) and nothing that changes, questions, conditions or contradicts the
summary. Everything in its text must be accounted for:

- agreement phrases, and acknowledgements ("noted") that do not agree by themselves;
- neutral text: greetings, thanks, pleasantries, sign-offs, names, signature blocks, client
  footers, quote headers left in the text (``mail.layout``);
- restatement (``mail.restate``): passages copied from the summary, its words, and numbers,
  dates and amounts the summary contains (in any notation);
- risks, each of which makes the reply a clarification: a question, negation (other than the
  agreement idioms), reservation, condition, hedge, deferral, change, addition, a partial
  agreement, a doubtful emoji, a number or date the summary does not have, summary words put
  together differently from the summary, an edit of the quoted summary.

Anything else is not understood, and a reply with anything not understood is a
clarification: mistaking a clarification for a confirmation is the worst error Accord can
make. The reason names the words that decided, for the owner.

The owner's feedback closes the loop: ``feedback_phrases`` gives the not-understood phrases
of a reply the owner marked as a confirmation (never of one with a risk), and
``classify_reply(..., accepted=...)`` then counts those phrases as agreement for that owner.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from mail import layout, lexicon
from mail.layout import Line, People
from mail.restate import MONTHS, Run, Summary, summary_of
from mail.tokens import Token, fold, normalize, tokenize

Label = Literal["confirmation", "clarification"]

QUOTE_MIN = 10  # tokens: a passage this long copied from the summary is a quote of it
_CONTENT = ("word", "number", "cjk")
_BREAKS = frozenset(".!?¿;:,()[]|·•、。–—…")
_QUESTION = frozenset("?¿")
_SELF_INTRODUCTIONS = ("です", "でございます", "と申します")
_SAYING = frozenset(("agree", "weak", "ack", "greet", "thanks", "signoff"))
_LIST_JOINS = frozenset(("and", "und", "et", "y", "e", "en", "i", "och", "og", "og", "和", "及"))
_CHAIN_MIN = 4  # letters: shorter summary words are too common to place a restatement
_FUZZY_MIN = 5  # letters: shorter words are too alike for a typo to be guessed safely
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Classification:
    label: Label
    reason: str


@dataclass
class _Reading:
    """What one reply says, piece by piece."""

    agree: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    acks: list[str] = field(default_factory=list)
    risks: list[tuple[str, str]] = field(default_factory=list)
    unknown: list[tuple[str, str]] = field(default_factory=list)
    restated: list[str] = field(default_factory=list)
    restated_words: int = 0
    edit: str | None = None


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
    return _verdict(_read(text, quoted_text, sent_text, names), accepted)


def feedback_phrases(
    text: str,
    *,
    quoted_text: str | None = None,
    sent_text: str | None = None,
    names: Iterable[str] = (),
) -> list[str]:
    """The phrases of a reply the owner marked as a confirmation, to accept from then on.

    These are the pieces that kept it from being one: phrases not understood and mere
    acknowledgements. Empty when the reply carries any risk, so nothing risky is learned.
    """
    reading = _read(text, quoted_text, sent_text, names)
    if reading.edit or reading.risks:
        return []
    return sorted({key for key, _ in reading.unknown} | set(reading.acks))


def quote_edit(quoted_text: str, sent_text: str) -> str | None:
    """How the quoted summary differs from what was sent, or None when it does not."""
    return _quoted(normalize(quoted_text), summary_of(sent_text))[0]


def _verdict(reading: _Reading, accepted: Collection[str]) -> Classification:
    if reading.edit:
        return _clarify(reading.edit)
    if reading.risks:
        kind, fragment = reading.risks[0]
        return _clarify(f"{kind}: {_quote(fragment)}")
    learned = [key for key, _ in reading.unknown if key in accepted]
    unknown = [fragment for key, fragment in reading.unknown if key not in accepted]
    if unknown:
        return _clarify(f"not recognised as agreement: {_quote(unknown[0])}")
    learned += [ack for ack in reading.acks if ack in accepted]
    return _agreement(reading, learned)


def _agreement(reading: _Reading, learned: list[str]) -> Classification:
    acks = [ack for ack in reading.acks if ack not in learned]
    if reading.agree or learned:
        said = ", ".join(_quote(p) for p in reading.agree[:3])
        reason = f"agreement: {said}" if said else "agreement"
        if learned:
            reason += f"; accepted earlier by the owner: {_quote(learned[0])}"
        if reading.restated:
            reason += f"; restates {', '.join(_quote(r) for r in reading.restated[:3])}"
        return Classification("confirmation", reason + "; nothing else changes the summary")
    if reading.weak and not acks:
        return Classification(
            "confirmation", f"agreement: {reading.weak[0]}; nothing else changes the summary"
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
    text: str, quoted_text: str | None, sent_text: str | None, names: Iterable[str]
) -> _Reading:
    summary = summary_of(sent_text) if sent_text else None
    people = _people(names)
    reading = _Reading()
    own = normalize(text or "")
    parts = [own]
    if quoted_text and summary is not None:
        reading.edit, comments = _quoted(normalize(quoted_text), summary)
        parts += comments
    for part in parts:
        _read_part(part, summary, people, reading)
    return reading


def _people(names: Iterable[str]) -> People:
    words: list[str] = []
    cjk: list[str] = []
    for name in names:
        tokens = tokenize(normalize(name))
        words += [t.text for t in tokens if t.kind == "word"]
        cjk += [piece for piece in normalize(name).split() if any(t.kind == "cjk" for t in tokens)]
    return People.of(words, [c for c in cjk if all(tokenize(ch)[0].kind == "cjk" for ch in c)])


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
    tokens = tokenize(quoted)
    content = [i for i, t in enumerate(tokens) if t.kind in _CONTENT]
    words = [tokens[i].text for i in content]
    if not words or summary.contains_run(words):
        return None, []
    runs = summary.runs(words)
    if not runs:
        return f"the quoted text is not the summary as sent: {_quote(quoted)}", []
    lines = _lines(quoted, tokens)
    edit, copied = _copy_edit(runs, tokens, content, lines, summary)
    own = [
        line.text
        for i, line in enumerate(lines)
        if i not in copied and _said(line) and not (i < min(copied, default=0) and layout.is_header(line))
    ]
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
) -> tuple[str | None, set[int]]:
    """(edit, lines copied from the summary) for a passage quoted from it.

    A line mixing copied and other words is an edit typed into the quote; so is summary text
    left out between two copied pieces. Lines of the writer's own between or after the
    copied pieces are answers, not edits.
    """
    first = next((r for r in runs if r.end - r.start >= QUOTE_MIN), runs[0])
    in_run = {id(tokens[content[k]]) for run in runs for k in range(run.start, run.end)}
    copied: set[int] = set()
    for i, line in enumerate(lines):
        if i < tokens[content[first.start]].line:
            continue  # what precedes the quote proper is the writer's, or a header
        mine = [t for t in line.tokens if t.kind in _CONTENT and id(t) not in in_run]
        theirs = any(id(t) in in_run for t in line.tokens)
        if theirs and mine:
            return f"edited the quoted summary: added {_quote(' '.join(t.text for t in mine))}", copied
        if theirs:
            copied.add(i)
    return _left_out(runs, summary), copied


def _left_out(runs: Sequence[Run], summary: Summary) -> str | None:
    for before, after in zip(runs, runs[1:], strict=False):
        if after.s_start > before.s_end:
            removed = " ".join(summary.words[before.s_end : after.s_start])
            return f"edited the quoted summary: removed {_quote(removed)}"
    return None


def _unmarked_quote(
    tokens: Sequence[Token], lines: Sequence[Line], summary: Summary
) -> tuple[str | None, set[int], set[int]]:
    """(edit, quote lines, copied tokens) for the summary copied into the new text.

    Reply extraction may leave a quote without quote marks in the new text. From the first
    long copied passage on, the text is read as a quote; shorter copies before it are
    restatement.
    """
    content = [i for i, t in enumerate(tokens) if t.kind in _CONTENT]
    runs = summary.runs([tokens[i].text for i in content])
    copied = {content[k] for run in runs for k in range(run.start, run.end)}
    first = next((r for r in runs if _opens_quote(r, tokens, content, lines)), None)
    if first is None:
        return None, set(), copied
    start_line = tokens[content[first.start]].line
    quote_runs = [r for r in runs if r.start >= first.start]
    region = [line if i >= start_line else Line(line.text, line.start) for i, line in enumerate(lines)]
    edit, quote_lines = _copy_edit(quote_runs, tokens, content, region, summary)
    return edit, quote_lines, copied


def _opens_quote(run: Run, tokens: Sequence[Token], content: Sequence[int], lines: Sequence[Line]) -> bool:
    """A long copy starting a line: a quote, where a restatement starts with the writer's words."""
    first = tokens[content[run.start]]
    line_content = [t for t in lines[first.line].tokens if t.kind in _CONTENT]
    return run.end - run.start >= QUOTE_MIN and line_content[0] is first


# Lines of the writer's own text ---------------------------------------------------------------


def _read_part(text: str, summary: Summary | None, people: People, reading: _Reading) -> None:
    tokens = tokenize(text)
    lines = _lines(text, tokens)
    copied: set[int] = set()
    skip = layout.quote_header_lines(lines)
    if summary is not None:
        edit, quote_lines, copied = _unmarked_quote(tokens, lines, summary)
        reading.edit = reading.edit or edit
        skip |= quote_lines
    body = [i for i, line in enumerate(lines) if i not in skip and not line.blank]
    scanner = _Scanner(tokens, summary, people, copied, reading)
    scanner.read_lines([lines[i] for i in body])


class _Scanner:
    """Reads body lines clause by clause into a _Reading."""

    def __init__(
        self,
        tokens: Sequence[Token],
        summary: Summary | None,
        people: People,
        copied: set[int],
        reading: _Reading,
    ) -> None:
        self.tokens = list(tokens)
        self.position = {id(t): i for i, t in enumerate(tokens)}
        self.summary = summary
        self.people = people
        self.copied = copied
        self.reading = reading
        self.lang = _language(tokens)

    def read_lines(self, lines: Sequence[Line]) -> None:
        after_signoff = False
        signature = False
        for n, line in enumerate(lines):
            if n < _addressed(lines) or layout.is_footer(line):
                continue
            if layout.is_separator(line):
                signature = True
                continue
            classes = self._classes(line)
            if classes <= {"neutral"} and layout.is_name_line(
                line, self.people, after_signoff=after_signoff
            ):
                signature = True
                continue
            if signature and layout.is_signature_line(
                line, risky=bool(classes & lexicon.RISK_CLASSES), said=bool(classes & _SAYING)
            ):
                continue
            kinds = self._read_line(line, vocative=n == 0 and layout.is_vocative(line, self.people))
            after_signoff = bool(kinds & {"signoff", "thanks"}) and kinds <= {"signoff", "thanks", "name"}
            signature = signature or (after_signoff and "signoff" in kinds)

    def _classes(self, line: Line) -> set[str]:
        """The classes of the known phrases on ``line``."""
        found = set()
        i = 0
        while i < len(line.tokens):
            match = _match(line.tokens, i)
            if match:
                found.add(lexicon.meaning(match[0], self.lang).cls)
            i += match[1] if match else 1
        return found

    def _read_line(self, line: Line, *, vocative: bool) -> set[str]:
        """The kinds of the line's last clause, which say whether a name may follow."""
        kinds: set[str] = set()
        for clause in _clauses(line):
            kinds = _Clause(self, line, clause, vocative=vocative).read()
        return kinds


def _addressed(lines: Sequence[Line]) -> int:
    """How many opening lines address a Japanese letter ("株式会社ヒカリデザイン / 佐藤 健 様")."""
    for n, line in enumerate(lines[:3]):
        if layout.is_addressee_line(line):
            return n + 1
    return 0


class _Clause:
    """One clause: tokens between breaks of punctuation."""

    def __init__(self, scanner: _Scanner, line: Line, tokens: list[Token], *, vocative: bool):
        self.s = scanner
        self.line = line
        self.tokens = tokens
        self.vocative = vocative
        self.kinds: set[str] = set()
        self.pending: list[Token] = []
        self.unknown: list[tuple[str, str]] = []
        self.previous = ""
        self.last_restated: str | None = None

    @property
    def text(self) -> str:
        return self.line.text[self.tokens[0].start - self.line.start : self.tokens[-1].end - self.line.start]

    def read(self) -> set[str]:
        i = 0
        while i < len(self.tokens):
            i = self._step(i)
        self._flush_unknown()
        if not self._introduces():
            self.s.reading.unknown += self.unknown
        return self.kinds

    def _introduces(self) -> bool:
        """A Japanese letter's self-introduction ("みどり茶舗の田中です"): the writer's name and
        company, nothing about the summary."""
        text = "".join(t.text for t in self.tokens if t.kind == "cjk")
        return "name" in self.kinds and text.endswith(_SELF_INTRODUCTIONS)

    def _step(self, i: int) -> int:
        token = self.tokens[i]
        if token.kind in ("link", "mark"):
            if token.text in _QUESTION:
                self._risk("question", self._sentence())
            elif token.text == "…":
                self._risk("hedged", self._sentence())
            return i + 1
        if token.kind == "number":
            return self._number(i)
        if token.text in MONTHS and i + 1 < len(self.tokens) and self.tokens[i + 1].kind == "number":
            return i + 1  # a date's month, checked with its day
        found = _match(self.tokens, i)
        if found:
            self._phrase(found[0], i, found[1])
            return i + found[1]
        return self._other(i)

    def _phrase(self, phrase: lexicon.Phrase, i: int, span: int) -> None:
        meaning = lexicon.meaning(phrase, self.s.lang)
        words = " ".join(phrase)
        if meaning.cls in lexicon.RISK_CLASSES:
            self._risk(lexicon.RISKS[meaning.cls], self.text)
            return
        self._flush_unknown()
        if words in _LIST_JOINS:
            self.last_restated = None  # "X and Y": each item is placed on its own
        self._record(meaning.cls, self._original(i, span), words)

    def _record(self, cls: str, original: str, words: str) -> None:
        self.kinds.add(cls)
        self.previous = cls
        if cls == "agree":
            self.s.reading.agree.append(original)
        elif cls == "weak":
            self.s.reading.weak.append(original)
        elif cls == "ack":
            self.s.reading.acks.append(words)

    def _other(self, i: int) -> int:
        token = self.tokens[i]
        if token.kind == "cjk":
            name = self._cjk_name(i)
            if name:
                self._name()
                return i + name
        if token.kind == "word" and self._is_name(token):
            self._name()
            return i + 1
        if self._restates(i):
            return i + 1
        fuzzy = _fuzzy(token.text) if token.kind == "word" else None
        if fuzzy:
            self._phrase_fuzzy(fuzzy, token)
            return i + 1
        self.pending.append(token)
        return i + 1

    def _phrase_fuzzy(self, phrase: lexicon.Phrase, token: Token) -> None:
        meaning = lexicon.meaning(phrase, self.s.lang)
        self._flush_unknown()
        self._record(meaning.cls, self.line.text[token.start - self.line.start : token.end - self.line.start], phrase[0])

    def _name(self) -> None:
        self._flush_unknown()
        self.kinds.add("name")
        self.previous = "name"

    def _is_name(self, token: Token) -> bool:
        if token.text in layout.NOT_NAMES:
            return False
        if token.text in self.s.people.words:
            return True
        if not self.line.char(token).isupper():
            return False
        follows = self.previous in ("greet", "thanks", "signoff", "name")
        short = len([t for t in self.tokens if t.kind == "word"]) <= 3
        return follows or self.vocative or (short and self.s.people.knows(token.text))

    def _cjk_name(self, i: int) -> int:
        for name in self.s.people.cjk:
            chars = [t.text for t in self.tokens[i : i + len(name)]]
            if "".join(chars) == name:
                return len(name)
        return 0

    def _restates(self, i: int) -> bool:
        summary = self.s.summary
        token = self.tokens[i]
        if summary is None:
            return False
        index = self.s.position[id(token)]
        if index in self.s.copied:
            self._flush_unknown()
            self.last_restated = token.text
            return True
        word = token.text if token.text in summary.positions else _typo_of(token.text, summary)
        if word is None:
            return False
        self._flush_unknown()
        if len(word) >= _CHAIN_MIN:
            if self.last_restated and not summary.near(self.last_restated, word):
                self._risk("differs from the summary", self.text)
            self.last_restated = word
        self.s.reading.restated_words += 1
        return True

    def _number(self, i: int) -> int:
        summary = self.s.summary
        token = self.tokens[i]
        index = self.s.position[id(token)]
        known = index in self.s.copied or (summary is not None and summary.knows(self.s.tokens, index))
        if not known:
            self._risk("a number or date the summary does not have", self.text)
        else:
            self.s.reading.restated.append(token.text)
        self._flush_unknown()
        following = i + 1
        if following < len(self.tokens) and self.tokens[following].text in MONTHS:
            following += 1
        return following

    def _original(self, i: int, length: int) -> str:
        first, last = self.tokens[i], self.tokens[i + length - 1]
        return self.line.text[first.start - self.line.start : last.end - self.line.start]

    def _risk(self, kind: str, fragment: str) -> None:
        self.s.reading.risks.append((kind, fragment))

    def _sentence(self) -> str:
        return self.line.text.strip()

    def _flush_unknown(self) -> None:
        if self.pending:
            key = " ".join(t.text for t in self.pending)
            self.unknown.append((key, self.text))
            self.pending = []


def _clauses(line: Line) -> list[list[Token]]:
    clauses: list[list[Token]] = [[]]
    for token in line.tokens:
        clauses[-1].append(token)
        if token.kind == "mark" and token.text in _BREAKS | {"-"} and _breaks(line, token):
            clauses.append([])
    return [c for c in clauses if c]


def _breaks(line: Line, token: Token) -> bool:
    """A hyphen inside a word ("on-call") does not end a clause; a dash between words does."""
    if token.text != "-":
        return True
    before = token.start - line.start - 1
    return before < 0 or line.text[before].isspace()


def _match(tokens: Sequence[Token], i: int) -> tuple[lexicon.Phrase, int] | None:
    """The longest known phrase at ``tokens[i]`` and how many tokens it spans (hyphens and
    apostrophes between its words are skipped: "op- of aanmerkingen")."""
    if tokens[i].kind == "mark":
        return None
    span = [j for j in range(i, min(len(tokens), i + lexicon.LONGEST * 2)) if tokens[j].kind != "mark"]
    texts = [tokens[j].text for j in span]
    for key in (texts, [fold(t) for t in texts]):
        for phrase in lexicon.by_first_word().get(key[0], ()):
            n = len(phrase)
            if tuple(key[:n]) == phrase and _contiguous(tokens, i, span[n - 1] + 1):
                return phrase, span[n - 1] + 1 - i
    return None


def _contiguous(tokens: Sequence[Token], i: int, end: int) -> bool:
    """The phrase's words follow each other, with at most hyphens or apostrophes between."""
    return all(t.kind != "mark" or t.text in "-'" for t in tokens[i:end])


def _language(tokens: Sequence[Token]) -> str | None:
    """The language most of the reply's unambiguous known words belong to."""
    votes: dict[str, int] = {}
    phrases = lexicon.phrases()
    for token in tokens:
        meanings = phrases.get((token.text,)) or phrases.get((fold(token.text),))
        langs = {m.lang for m in meanings or () if m.lang != "*"}
        if len(langs) == 1:
            lang = langs.pop()
            votes[lang] = votes.get(lang, 0) + 1
    return max(votes, key=lambda k: votes[k]) if votes else None


def _fuzzy(word: str) -> lexicon.Phrase | None:
    """A one-word phrase ``word`` is a typo of ("corect", "thnks"). None when it is as close
    to a risk word: then it is simply not understood."""
    if len(word) < _FUZZY_MIN:
        return None
    found = [(w,) for w in _one_edit(word) if (w,) in lexicon.phrases()]
    best = min(found, key=lambda p: _rank(p)) if found else None
    if best is None or lexicon.phrases()[best][0].cls in lexicon.RISK_CLASSES:
        return None
    return best


def _rank(phrase: lexicon.Phrase) -> int:
    return lexicon.PRIORITY.index(lexicon.phrases()[phrase][0].cls)


def _one_edit(word: str) -> set[str]:
    letters = set(word) | set(_ALPHABET)
    deletes = {word[:i] + word[i + 1 :] for i in range(len(word))}
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    inserts = {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in letters}
    replaces = {word[:i] + c + word[i + 1 :] for i in range(len(word)) for c in letters}
    return deletes | swaps | inserts | replaces


def _typo_of(word: str, summary: Summary) -> str | None:
    """The summary word ``word`` is a typo of ("septmeber"), if any."""
    if len(word) < _FUZZY_MIN or not word.isalpha():
        return None
    return next((w for w in sorted(_one_edit(word)) if w in summary.positions), None)
