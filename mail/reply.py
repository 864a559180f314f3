"""The new text of a reply: quoted history, mobile footers and signatures taken out.

Everything not recognised as quote or signature stays in the new text. That is the safe
direction: text wrongly kept as "new" can only turn a confirmation into a clarification,
never the other way round.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_WROTE = re.compile(
    r"^\s*(on|am|le|el|op|il|em|den)\s.{0,300}?"
    r"\b(wrote|writes|schrieb|a [ée]crit|escribi[óo]|schreef|ha scritto|escreveu|skrev)"
    r"(\s*:?|\s.{0,250}:)\s*$",
    re.IGNORECASE,
)
_ORIGINAL = re.compile(
    r"^\s*-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|"
    r"mensaje original|oorspronkelijk bericht|messaggio originale|forwarded message|"
    r"weitergeleitete nachricht|message transféré|mensaje reenviado)\s*-{2,}\s*$|"
    r"^\s*(begin forwarded message|anfang der weitergeleiteten nachricht)\s*:\s*$|"
    r"^\s*_{10,}\s*$",
    re.IGNORECASE,
)
_FROM = re.compile(r"^\s*\*?(from|von|de|van|da|von)\s?\*?\s?:\*?\s*\S", re.IGNORECASE)
_HEADER_LINE = re.compile(
    r"^\s*\*?(from|sent|date|to|cc|subject|von|gesendet|datum|an|betreff|de|envoy[ée]|"
    r"date|[àa]|objet|enviado|fecha|para|asunto|van|verzonden|aan|onderwerp|da|inviato|"
    r"oggetto|data)\s?\*?\s?:",
    re.IGNORECASE,
)
_SENT = re.compile(
    r"^\s*\*?(sent|date|gesendet|datum|envoy[ée]|enviado|fecha|verzonden|inviato|data)"
    r"\s?\*?\s?:",
    re.IGNORECASE,
)
_MOBILE = re.compile(
    r"^\s*(sent from my \w[\w ]{0,30}|sent from (mail|outlook) for \w+|"
    r"get outlook for (ios|android)|sent from outlook for (ios|android)|"
    r"sent from yahoo mail.{0,40}|sent from my samsung.{0,40}|"
    r"von meinem \w[\w ]{0,30} gesendet|gesendet von meinem \w[\w ]{0,30}|"
    r"envoy[ée] de mon \w[\w ]{0,30}|enviado desde mi \w[\w ]{0,30}|"
    r"verzonden vanaf mijn \w[\w ]{0,30}|inviato da[l]? \w[\w ]{0,30})\s*(<[^<>\s]*>)?\s*$",
    re.IGNORECASE,
)
# The first word _WROTE needs: a line that starts with anything else cannot begin a quote
# header, whatever follows it, so most lines skip the three joined-line matches.
_WROTE_START = re.compile(r"(on|am|le|el|op|il|em|den)(\s|$)", re.IGNORECASE)
_SIG_DELIMITER = re.compile(r"^-- ?$")
MAX_SIGNATURE_LINES = 25


def _quote_header_at(lines: list[str], i: int) -> int | None:
    """If a quote header starts at line ``i``, how many lines it spans."""
    line = lines[i]
    if _ORIGINAL.match(line):
        return 1
    first = line.strip()
    for span in (1, 2, 3) if not first or _WROTE_START.match(first) else ():
        joined = " ".join(part.strip() for part in lines[i : i + span])
        if _WROTE.match(joined) and (span == 1 or not lines[i].startswith(">")):
            return span
    if _FROM.match(line) and any(_SENT.match(x) for x in lines[i + 1 : i + 5]):
        return _header_block_length(lines, i)
    return None


def _header_block_length(lines: list[str], i: int) -> int:
    end = i + 1
    while end < len(lines) and _HEADER_LINE.match(lines[end]):
        end += 1
    return end - i


def _unquote(line: str) -> str:
    return re.sub(r"^(\s*>)+ ?", "", line)


def _drop_signature(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        if _SIG_DELIMITER.match(line) and len(lines) - i <= MAX_SIGNATURE_LINES:
            return lines[:i]
    return lines


def _split_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    new: list[str] = []
    quoted: list[str] = []
    i = 0
    while i < len(lines):
        span = _quote_header_at(lines, i)
        if span is not None:
            quoted.extend(_unquote(x) for x in lines[i + span :])
            break
        target = quoted if lines[i].lstrip().startswith(">") else new
        target.append(_unquote(lines[i]) if target is quoted else lines[i])
        i += 1
    return new, _without_headers(quoted)


def _without_headers(lines: list[str]) -> list[str]:
    """Quoted lines minus nested quote headers, which were never part of the summary."""
    kept: list[str] = []
    i = 0
    while i < len(lines):
        span = _quote_header_at(lines, i)
        if span is None:
            kept.append(lines[i])
        i += span or 1
    return kept


def _tidy(lines: list[str]) -> str:
    return "\n".join(lines).strip()


def split_reply(text: str) -> tuple[str, str]:
    """(new text, quoted text): quoted history removed from the new text and unquoted."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").split("\n")
    new, quoted = _split_lines(lines)
    new = [line for line in new if not _MOBILE.match(line)]
    return _tidy(_drop_signature(new)), _tidy(quoted)


_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "blockquote",
    "hr",
    "pre",
    "section",
    "article",
    "header",
    "footer",
}
_SKIP_TAGS = {"style", "script", "head", "title", "template"}
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"}
_QUOTE_MARKERS = {
    "gmail_quote",
    "divrplyfwdmsg",
    "moz-cite-prefix",
    "yahoo_quoted",
    "outlookmessageheader",
    "appendonsend",
    "mail-quote-collapse",
}


class _TextExtractor(HTMLParser):
    """Renders HTML as text; blockquotes and everything after a quote marker become '> '."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.quote_depth = 0
        self.after_marker = False
        self.skip_depth = 0

    def _flush(self) -> None:
        text = re.sub(r"[ \t\r\n\u00a0]+", " ", "".join(self.current)).strip()
        self.current = []
        quoted = self.quote_depth > 0 or self.after_marker
        if text or (self.lines and self.lines[-1] != ""):
            self.lines.append("> " + text if quoted and text else text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "blockquote":
            self.quote_depth += 1
        markers = " ".join(f"{v or ''}" for k, v in attrs if k in ("class", "id")).lower()
        if any(m in markers.split() or m == markers for m in _QUOTE_MARKERS):
            self._flush()
            self.after_marker = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag in _BLOCK_TAGS and tag not in _VOID_TAGS:
            self._flush()
        if tag == "blockquote":
            self.quote_depth = max(0, self.quote_depth - 1)

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.current.append(data)


def html_to_text(html: str) -> str:
    """Plain text of an HTML body; quoted parts come out as '> ' lines for split_reply."""
    parser = _TextExtractor()
    try:
        parser.feed(html.replace("\x00", ""))
        parser.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser is lenient
        pass
    parser._flush()
    return "\n".join(parser.lines).strip()
