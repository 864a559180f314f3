"""Tokens of reply and summary text, the same way for both, so that they can be compared.

A token is a lower-cased word (apostrophes kept: "that's", "d'accord"), a number with its
attached marks ("62,000", "30/09", "680k", "10%"), one CJK character (Chinese and Japanese are
not split into words; phrases of them are matched character by character), one emoji, or one
mark of punctuation that matters to the classifier. Links and addresses are one token each.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal, NamedTuple

Kind = Literal["word", "number", "cjk", "emoji", "mark", "link"]

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u3005"
_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff"
_TLD = "com|org|net|example|io|co|eu|de|fr|es|it|pt|nl|pl|se|no|dk|jp|cn|uk|br"
_LINK = (
    r"(?P<link>https?://[^\s<>]+|www\.[^\s<>]+|<[^<>\s]*@[^<>\s]*>|<https?://[^<>\s]*>"
    r"|[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+"
    rf"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{_TLD})\b)|"
)
_REST = (
    r"(?P<currency>R\$|US\$|C\$|A\$)"
    r"|(?P<plus>\+1\b)"
    r"|(?P<number>(?>\d+(?:[.,/:'\u2019]\d+)*(?:[ \u00a0\u202f]\d{3}(?![.,]?\d))*)"
    rf"(?:[^\W\d_{_CJK}]|[º°ª])*)"
    rf"|(?P<cjk>[{_CJK}])"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*)"
    rf"|(?P<emoji>[{_EMOJI}])"
    r"|(?P<mark>\.{2,}|[?¿!.,;:()\[\]/|+&%€$£¥=×@\-\u2013\u2014\u2026\u3001\u3002\u00b7\u2022#*])"
)
_TOKEN = re.compile(_LINK + _REST)
# Most lines hold no link: trying the link patterns at every letter of them costs more than
# everything else together, so such lines go without.
_PLAIN = re.compile(_REST)
_MAY_LINK = re.compile(rf"@|://|www\.|\.(?:{_TLD})\b")
_KINDS: dict[str, Kind] = {
    "link": "link",
    "plus": "word",
    "number": "number",
    "cjk": "cjk",
    "word": "word",
    "emoji": "emoji",
    "mark": "mark",
    "currency": "mark",
}
_SKIN_TONES = re.compile("[\U0001f3fb-\U0001f3ff\ufe0f\u200d]")
_APOSTROPHES = re.compile("[\u2018\u2019\u02bc`´]")
_QUOTES = re.compile("[\u201c\u201d\u201e\u00ab\u00bb]")


class Token(NamedTuple):
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
    """Tokens of already normalised ``text``; ``line`` counts newlines before each token.

    Line by line, because no token spans a line break. Every reply and summary goes through
    here, so the loop builds its tuples directly.
    """
    tokens: list[Token] = []
    append, make, kinds = tokens.append, tuple.__new__, _KINDS
    offset = 0
    for line, part in enumerate(text.split("\n")):
        pattern = _TOKEN if _MAY_LINK.search(part) else _PLAIN
        for match in pattern.finditer(part):
            kind = kinds[match.lastgroup or "mark"]
            value = match.group()
            start, end = match.span()
            if kind == "mark" and value[:2] == "..":
                value = "…"
            append(make(Token, (value.lower(), kind, offset + start, offset + end, line)))
        offset += len(part) + 1
    return tokens


def content_words(text: str) -> list[str]:
    """The texts of the word, number and CJK tokens of ``text``, as ``tokenize`` gives them,
    without building tokens: the summary's words are compared with every reply."""
    found: list[str] = []
    for line in text.split("\n"):
        # findall gives each alternative's group: ([link,] currency, plus, number, cjk, word, …)
        if _MAY_LINK.search(line):
            groups = (g[2:6] for g in _TOKEN.findall(line))
        else:
            groups = (g[1:5] for g in _PLAIN.findall(line))
        found += [(p or n or c or w).lower() for p, n, c, w in groups if p or n or c or w]
    return found


@lru_cache(maxsize=4096)
def fold(word: str) -> str:
    """``word`` without accents, for matching replies typed without them ("si", "esta")."""
    if word.isascii() or any(c >= "\u3000" for c in word):
        return word  # kana lose their voicing marks to NFD: "ず" is not "す"
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: word lists written as prose."""
    return frozenset(text.split())
