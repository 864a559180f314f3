"""HTML bodies as plain text, with quoted parts marked the way plain-text clients mark them.

Clients wrap the quoted message in an element with a known class, id or name (Gmail
``gmail_quote``, Yahoo ``yahoo_quoted``, Apple ``blockquote type=cite``, GMX ``name=quote`` …),
often with a prefix added when the message is forwarded or re-quoted (``x_gmail_quote``,
``ydp…yahoo_quoted``). Text inside such an element becomes ``> `` lines; Outlook instead marks
only the header of the quoted part (``divRplyFwdMsg``), so everything after it is quoted.
Signature elements are left out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"}
    | {"blockquote", "hr", "pre", "section", "article", "header", "footer"}
)
_SKIP_TAGS = frozenset(("style", "script", "head", "title", "template"))
_VOID_TAGS = frozenset(("br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"))
# Class/id/name endings of an element that holds the quoted message.
_QUOTE_CONTAINERS = (
    "gmail_quote",
    "yahoo_quoted",
    "moz-cite-prefix",
    "protonmail_quote",
    "zmail_extra",
    "mail-quote-collapse",
    "isreplycontent",
    "sh-quoted-content",
    "quote",
)
# Endings of an element after which the rest of the message is the quoted one.
_QUOTE_STARTS = (
    "divrplyfwdmsg",
    "outlookmessageheader",
    "appendonsend",
    "mail-editor-reference-message-container",
)
_SIGNATURES = ("gmail_signature", "moz-signature", "signature")
_SPACE = re.compile(r"[ \t\r\n\u00a0]+")


def _marks(attrs: list[tuple[str, str | None]]) -> list[str]:
    return [
        token
        for key, value in attrs
        if key in ("class", "id", "name") and value
        for token in value.lower().split()
    ]


def _ends_with(tokens: list[str], endings: tuple[str, ...]) -> bool:
    return any(token.endswith(endings) for token in tokens)


class _TextExtractor(HTMLParser):
    """Renders HTML as text; quoted elements and what follows a quote start become '> '."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.open: dict[str, int] = {}
        self.quotes: list[tuple[str, int]] = []
        self.skips: list[tuple[str, int]] = []
        self.after_marker = False
        self.skip_depth = 0

    def _flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.current)).strip()
        self.current = []
        quoted = bool(self.quotes) or self.after_marker
        if text or (self.lines and self.lines[-1] != ""):
            self.lines.append("> " + text if quoted and text else text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _VOID_TAGS:
            return
        depth = self.open.get(tag, 0)
        self.open[tag] = depth + 1
        tokens = _marks(attrs)
        if tag == "blockquote" or _ends_with(tokens, _QUOTE_CONTAINERS):
            self._flush()
            self.quotes.append((tag, depth))
        if _ends_with(tokens, _SIGNATURES):
            self.skips.append((tag, depth))
        if _ends_with(tokens, _QUOTE_STARTS):
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
        if tag in _VOID_TAGS or not self.open.get(tag):
            return
        self.open[tag] -= 1
        depth = self.open[tag]
        while self.quotes and self.quotes[-1] == (tag, depth):
            self.quotes.pop()
        while self.skips and self.skips[-1] == (tag, depth):
            self.skips.pop()

    def handle_data(self, data: str) -> None:
        if not self.skip_depth and not self.skips:
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
