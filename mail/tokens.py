"""Tokens of reply and summary text, the same way for both, so that they can be compared.

A token is a lower-cased word (apostrophes kept: "that's", "d'accord"), a number with its
attached marks ("62,000", "30/09", "680k", "10%"), one CJK character (Chinese and Japanese are
not split into words; phrases of them are matched character by character), one emoji, or one
mark of punctuation that matters to the classifier. Links and addresses are one token each.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Kind = Literal["word", "number", "cjk", "emoji", "mark", "link"]

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u3005"
_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff"
_TOKEN = re.compile(
    r"(?P<link>https?://[^\s<>]+|www\.[^\s<>]+|<[^<>\s]*@[^<>\s]*>|<https?://[^<>\s]*>"
    r"|[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|example|io|co|eu|de|fr|es|it|pt|nl|pl|se|no|dk|jp|cn|uk|br)\b)"
    r"|(?P<currency>R\$|US\$|C\$|A\$)"
    r"|(?P<plus>\+1\b)"
    r"|(?P<number>(?>\d+(?:[.,/:'\u2019]\d+)*(?:[ \u00a0\u202f]\d{3}(?![.,]?\d))*)"
    rf"(?:[^\W\d_{_CJK}]|[º°ª])*)"
    rf"|(?P<cjk>[{_CJK}])"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*)"
    rf"|(?P<emoji>[{_EMOJI}])"
    r"|(?P<mark>\.{2,}|[?¿!.,;:()\[\]/|+&%€$£¥=\-\u2013\u2014\u2026\u3001\u3002\u00b7\u2022#*])",
)
_SKIN_TONES = re.compile("[\U0001f3fb-\U0001f3ff\ufe0f\u200d]")
_APOSTROPHES = re.compile("[\u2018\u2019\u02bc`´]")
_QUOTES = re.compile("[\u201c\u201d\u201e\u00ab\u00bb]")


@dataclass(frozen=True)
class Token:
    text: str
    kind: Kind
    start: int
    end: int
    line: int


def normalize(text: str) -> str:
    """NFKC (full-width forms, ligatures), one apostrophe, one double quote, no skin tones."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        text = _QUOTES.sub('"', _APOSTROPHES.sub("'", _SKIN_TONES.sub("", text)))
    return text.replace("`", "'")


def tokenize(text: str) -> list[Token]:
    """Tokens of already normalised ``text``; ``line`` counts newlines before each token."""
    tokens: list[Token] = []
    line = 0
    last = 0
    for match in _TOKEN.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        kind = match.lastgroup or "mark"
        value = match.group()
        if kind == "plus":
            kind = "word"
        elif kind == "currency":
            kind = "mark"
        elif kind == "mark" and value.startswith(".."):
            value = "…"
        tokens.append(Token(value.lower(), kind, match.start(), match.end(), line))  # type: ignore[arg-type]
    return tokens


def words(text: str) -> list[str]:
    """The lower-cased word, number and CJK tokens of ``text`` (no marks, links or emoji)."""
    return [t.text for t in tokenize(normalize(text)) if t.kind in ("word", "number", "cjk")]


def fold(word: str) -> str:
    """``word`` without accents, for matching replies typed without them ("si", "esta")."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: word lists written as prose."""
    return frozenset(text.split())
