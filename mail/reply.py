"""The new text of a reply: quoted history, quote headers, footers and signatures taken out.

Quoted lines are either marked (``>``, or HTML quotes rendered as ``>`` by
``mail.html_text``) or follow a quote header unmarked (Outlook, Yahoo, Zoho). Around marked
quotes the person may write above (top-posting), below (bottom-posting) or in between
(interleaved answers): every unmarked stretch is new text. After an unmarked quote starts,
only paragraphs opened with the person's answer marker (``[LC] …``) are theirs.

Everything not recognised as quote or signature stays in the new text. That is the safe
direction: text wrongly kept as "new" can only turn a confirmation into a clarification,
never the other way round.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mail.quotes import attribution_rest, quote_header_at
from mail.signature import strip_list_footer, strip_signature

_QUOTE_PREFIX = re.compile(r"^(\s*>)+ ?")
_ANSWER_MARK = re.compile(r"^\s*\[[A-Z]{2,3}\]\s")


def _unquote(line: str) -> str:
    return _QUOTE_PREFIX.sub("", line)


def _is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def _next_text(lines: list[str], start: int) -> str | None:
    return next((line for line in lines[start:] if line.strip()), None)


def _initials_mark(names: Sequence[str]) -> re.Pattern[str] | None:
    """How people mark answers inside a quote: "LC:", "[LC]" or "LC>" for Laura Chen."""
    for name in names:
        initials = "".join(word[0] for word in name.split() if word[:1].isalpha()).upper()
        if 2 <= len(initials) <= 3:
            return re.compile(rf"^\s*[\[(<]?{initials}[\])>:]\s")
    return None


def _answers_in_quote(lines: list[str], names: Sequence[str]) -> tuple[list[list[str]], list[str]]:
    """(answer paragraphs, quoted lines) of an unmarked quote."""
    own = _initials_mark(names)
    answers: list[list[str]] = []
    quoted: list[str] = []
    answering = False
    for line in lines:
        if not line.strip():
            answering = False
        elif _ANSWER_MARK.match(line) or (own is not None and own.match(line)):
            answering = True
            answers.append([])
        if answering:
            answers[-1].append(line)
        else:
            quoted.append(line)
    return answers, quoted


class _Split:
    """New-text pieces and quoted lines, filled by walking the reply line by line."""

    def __init__(self) -> None:
        self.pieces: list[list[str]] = [[]]
        self.quoted: list[str] = []

    def new_piece(self) -> None:
        if self.pieces[-1]:
            self.pieces.append([])

    def quote(self, line: str) -> None:
        if self.quoted and self.quoted[-1].strip() and any(x.strip() for x in self.pieces[-1]):
            # The writer's answer stood here: a blank line keeps the place, so that an answer
            # put into the middle of a sentence is not taken for one between two sentences.
            self.quoted.append("")
        self.new_piece()
        self.quoted.append(_unquote(line))


def _split(lines: list[str], names: Sequence[str]) -> _Split:
    split = _Split()
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_quoted(line):
            split.quote(line)
            i += 1
            continue
        span = quote_header_at(lines, i)
        if span is None:
            split.pieces[-1].append(line)
            i += 1
            continue
        rest = attribution_rest(line) if span == 1 else None
        following = _next_text(lines, i + span)
        if rest is None and following is not None and _is_quoted(following):
            split.new_piece()
            i += span
            continue
        answers, quoted = _answers_in_quote(([rest] if rest else []) + lines[i + span :], names)
        split.new_piece()
        split.quoted.extend(_unquote(line) for line in quoted)
        split.pieces.extend(answers)
        break
    return split


def _without_headers(lines: list[str]) -> list[str]:
    """Quoted lines minus nested quote headers, which were never part of the summary."""
    kept: list[str] = []
    i = 0
    while i < len(lines):
        span = quote_header_at(lines, i, inside_quote=True)
        if span is None:
            kept.append(lines[i])
        i += span or 1
    return kept


def _tidy(lines: list[str]) -> str:
    return "\n".join(lines).strip()


def split_reply(text: str, names: Sequence[str] = ()) -> tuple[str, str]:
    """(new text, quoted text): quoted history removed from the new text and unquoted.

    ``names`` are the sender's names: a closing line with only their name is a sign-off.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").split("\n")
    split = _split(strip_list_footer(lines), names)
    pieces = (_tidy(strip_signature(piece, names)) for piece in split.pieces)
    return "\n\n".join(piece for piece in pieces if piece), _tidy(_without_headers(split.quoted))
