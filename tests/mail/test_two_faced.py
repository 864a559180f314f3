"""A reply whose plain-text and HTML parts say different things (the counterparty's attack).

A multipart/alternative reply carries the same text twice, and mail programs show the HTML.
Accord read the plain part alone: a counterparty could write "Confirmed." there and "Confirmed,
except the bus is paid by the parents." in the HTML, have Accord record a confirmation, and
later show the message as their client displayed it, a dispute. Where the two parts' new texts
say other words, the reply is a confirmation only when both read as one, and the reason says
which part decided.
"""

from __future__ import annotations

from email.message import EmailMessage
from html import escape

import pytest

from mail.message import parse_message
from mail.verdict import classify_message
from tests.mail.summaries import NAMES, TRIP

_ATTRIBUTION = "On Mon, 1 Jun 2026 at 10:00, Alex Brown <alex@example.com> wrote:"
_QUOTE = "\n".join("> " + line for line in TRIP.splitlines())


def _from_dana() -> EmailMessage:
    """The headers of Dana's reply to the summary, through her reply token."""
    msg = EmailMessage()
    msg["From"] = "Dana Smith <dana@example.com>"
    msg["To"] = "track+abcdefghijklmnopqrstuvwxyz234567@accord.example.com"
    msg["Subject"] = "Re: School trip"
    msg["Message-ID"] = "<reply.1@example.com>"
    msg["In-Reply-To"] = "<summary.1@accord.example.com>"
    return msg


def _message(body: str, html: str | None = None) -> bytes:
    """Dana's reply with this plain body and, given ``html``, an HTML part in Gmail's way."""
    msg = _from_dana()
    msg.set_content(body)
    if html is not None:
        lines = "<br>".join(escape(line) for line in TRIP.splitlines())
        msg.add_alternative(
            f'<div dir="ltr">{escape(html)}</div><br><div class="gmail_quote">'
            f'<div dir="ltr" class="gmail_attr">{escape(_ATTRIBUTION)}<br></div>'
            f'<blockquote class="gmail_quote">{lines}</blockquote></div>',
            subtype="html",
        )
    return bytes(msg)


def _reply(plain: str, html: str | None) -> bytes:
    return _message(f"{plain}\n\n{_ATTRIBUTION}\n{_QUOTE}\n", html)


def _verdict(plain: str, html: str | None) -> tuple[str, str]:
    parsed = parse_message(_reply(plain, html), tracking_address="track@accord.example.com")
    got = classify_message(parsed, sent_text=TRIP, names=NAMES)
    return got.label, got.reason


@pytest.mark.parametrize(
    ("plain", "html"),
    [
        ("Confirmed.", "Confirmed, except the bus is paid by the parents."),
        ("Sounds good!", "Sounds good, but the trip moves to 19 June."),
        ("Agreed.", "Not agreed: Mark cannot collect the forms."),
        ("Confirmed, except the bus is paid by the parents.", "Confirmed."),
    ],
)
def test_parts_that_say_different_things_are_a_clarification(plain: str, html: str) -> None:
    label, reason = _verdict(plain, html)
    assert label == "clarification", reason


def test_the_reason_says_the_html_part_decided() -> None:
    _, reason = _verdict("Confirmed.", "Confirmed, except the bus is paid by the parents.")
    assert reason.startswith("the HTML part of the message reads otherwise: "), reason
    assert "except" in reason


@pytest.mark.parametrize(
    ("plain", "html"),
    [
        ("Confirmed.", "Confirmed."),
        ("Confirmed.", None),
        ("Sounds good, thanks!", "Sounds good,   thanks!"),
        ("Confirmed.", "Agreed, all correct."),
    ],
)
def test_parts_that_both_agree_are_a_confirmation(plain: str, html: str | None) -> None:
    label, reason = _verdict(plain, html)
    assert label == "confirmation", reason


_DISPUTE = "Except the bus is paid by the parents."


@pytest.mark.parametrize(
    "body",
    [
        f"Confirmed.\n\n{_ATTRIBUTION}\n{_QUOTE}\n\n{_DISPUTE}\n",  # after the quote
        f"Confirmed.\n\n{_ATTRIBUTION}\n> {_DISPUTE}\n{_QUOTE}\n",  # a "quote" of their own
        f"Confirmed.\n\n-----Original Message-----\n{_DISPUTE}\n\n{_ATTRIBUTION}\n{_QUOTE}\n",
        f"Confirmed.\n\n{_ATTRIBUTION}\n"
        + _QUOTE.replace("paid by the school", "paid by the parents")
        + "\n",  # an edit inside the quoted summary
        f"Confirmed.\n\nDana Smith\nThis confirmation is not valid unless {_DISPUTE.lower()}\n",
    ],
)
def test_other_hiding_places_are_read(body: str) -> None:
    parsed = parse_message(_message(body), tracking_address="track@accord.example.com")
    got = classify_message(parsed, sent_text=TRIP, names=NAMES)
    assert got.label == "clarification", got.reason


def _mixed(first: str, image: bool, second: str) -> bytes:
    """A reply whose text comes in two inline parts, as Apple Mail writes text around an
    inline picture; mail programs show both."""
    msg = _from_dana()
    msg.set_content(first)
    msg.make_mixed()
    if image:
        picture = EmailMessage()
        picture.set_content(b"\x89PNG\r\n", maintype="image", subtype="png", disposition="inline")
        msg.attach(picture)
    more = EmailMessage()
    more.set_content(f"{second}\n\n{_ATTRIBUTION}\n{_QUOTE}\n")
    more["Content-Disposition"] = "inline"
    msg.attach(more)
    return bytes(msg)


@pytest.mark.parametrize("image", [False, True])
def test_a_second_inline_text_part_is_read(image: bool) -> None:
    raw = _mixed("Confirmed.", image, _DISPUTE)
    parsed = parse_message(raw, tracking_address="track@accord.example.com")
    got = classify_message(parsed, sent_text=TRIP, names=NAMES)
    assert got.label == "clarification", got.reason


def test_text_around_an_inline_picture_still_confirms() -> None:
    raw = _mixed("Confirmed, all correct.", True, "Thanks!")
    parsed = parse_message(raw, tracking_address="track@accord.example.com")
    got = classify_message(parsed, sent_text=TRIP, names=NAMES)
    assert got.label == "confirmation", got.reason
