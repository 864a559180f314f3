"""A reply's verdict over every text its reader may have seen.

A multipart/alternative reply says its text twice, and mail programs show the HTML part while
Accord reads the plain one. A counterparty could agree in one and dispute in the other, then
repudiate the confirmation Accord recorded. Where the two parts' new texts differ in words
(``ParsedMessage.html_reply_text``), the reply is a confirmation only when both read as one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from mail.classify import Classification, classify_reply
from mail.message import ParsedMessage

HTML_DIFFERS = "the HTML part of the message reads otherwise: "


def classify_message(
    parsed: ParsedMessage,
    *,
    sent_text: str | None,
    names: Iterable[str] = (),
    accepted: Collection[str] = (),
) -> Classification:
    """``classify_reply`` on the reply's new text, and on its HTML part's where that says
    other words: a clarification in either decides."""
    names = list(names)
    plain = classify_reply(
        parsed.reply_text or "",
        quoted_text=parsed.quoted_text,
        sent_text=sent_text,
        names=names,
        accepted=accepted,
    )
    if parsed.html_reply_text is None or plain.label != "confirmation":
        return plain
    html = classify_reply(
        parsed.html_reply_text,
        quoted_text=parsed.html_quoted_text,
        sent_text=sent_text,
        names=names,
        accepted=accepted,
    )
    if html.label == "confirmation":
        return plain
    return Classification("clarification", HTML_DIFFERS + html.reason)
