"""split_reply and html_to_text across client quoting styles."""

from __future__ import annotations

import pytest

from mail.html_text import html_to_text
from mail.reply import split_reply

CASES = [
    (
        "Confirmed.\n\nOn Mon, Jun 1, 2026 at 9:14 AM Anna <a@x.example> wrote:\n"
        "> Dear John,\n> X by June",
        "Confirmed.",
        "Dear John,\nX by June",
    ),
    (
        "Yes\n\nOn Mon, Jun 1, 2026 at 9:14 AM Anna Berger via Accord <\n"
        "track+abc@x.example> wrote:\n\n> Dear John",
        "Yes",
        "Dear John",
    ),
    (
        "Correct.\n\nOn 1 Jun 2026, at 09:14, Anna <a@x.example> wrote:\n\n> Dear John",
        "Correct.",
        "Dear John",
    ),
    (
        "Yes, that's right.\n\n________________________________\nFrom: Anna <a@x.example>\n"
        "Sent: Monday, June 1, 2026 9:14 AM\nTo: John\nSubject: Summary\n\nDear John,\nX by June",
        "Yes, that's right.",
        "Dear John,\nX by June",
    ),
    (
        "Agreed\n\n-----Original Message-----\nFrom: Anna\nSent: Monday\nTo: John\n\nDear John",
        "Agreed",
        "Dear John",
    ),
    (
        "Passt.\n\nAm Mo., 1. Juni 2026 um 09:14 Uhr schrieb Anna <a@x.example>:\n> Lieber John",
        "Passt.",
        "Lieber John",
    ),
    (
        "Passt.\n\nVon: Anna <a@x.example>\nGesendet: Montag, 1. Juni 2026 09:14\nAn: John\n"
        "Betreff: Zusammenfassung\n\nLieber John",
        "Passt.",
        "Lieber John",
    ),
    (
        "Parfait.\n\nLe lun. 1 juin 2026 à 09:14, Anna <a@x.example> a écrit :\n> Cher John",
        "Parfait.",
        "Cher John",
    ),
    (
        "Parfait.\n\nDe : Anna <a@x.example>\nEnvoyé : lundi 1 juin 2026 09:14\nÀ : John\n"
        "Objet : Résumé\n\nCher John",
        "Parfait.",
        "Cher John",
    ),
    (
        "Vale.\n\nEl lun, 1 jun 2026 a las 9:14, Anna (<a@x.example>) escribió:\n> Hola",
        "Vale.",
        "Hola",
    ),
    (
        "Vale.\n\nDe: Anna <a@x.example>\nEnviado: lunes, 1 de junio\nPara: John\n"
        "Asunto: R\n\nHola",
        "Vale.",
        "Hola",
    ),
    (
        "Yes\n\nSent from my iPhone\n\n> On Jun 1, 2026, at 09:14, Anna wrote:\n> Dear John",
        "Yes",
        "Dear John",
    ),
    ("Agreed.\n\nGet Outlook for Android", "Agreed.", ""),
    ("Confirmed\n\n-- \nJohn Miller\nVP Sales", "Confirmed", ""),
]


@pytest.mark.parametrize(("text", "new", "quoted"), CASES)
def test_split_reply(text: str, new: str, quoted: str) -> None:
    assert split_reply(text) == (new, quoted)


def test_interleaved_text_stays_new() -> None:
    new, quoted = split_reply("> X by June\nNo, by July.\n> Y at review")
    assert new == "No, by July."
    assert quoted == "X by June\nY at review"


def test_long_text_after_dash_dash_is_kept() -> None:
    body = "Yes\n-- \n" + "\n".join(f"line {i}" for i in range(40))
    assert "line 39" in split_reply(body)[0]


def test_html_to_text_quotes_blockquote_and_markers() -> None:
    html = (
        '<div dir="ltr">Agreed <b>fully</b></div><div class="gmail_quote">'
        '<div class="gmail_attr">On Mon, Anna wrote:<br></div><blockquote>Dear John'
        "<br>X by June</blockquote></div><style>p{}</style>"
    )
    assert split_reply(html_to_text(html)) == ("Agreed fully", "Dear John\nX by June")


def test_html_to_text_outlook_divrplyfwdmsg() -> None:
    html = (
        '<div>Sounds good.</div><hr><div id="divRplyFwdMsg"><b>From:</b> Anna<br>'
        "<b>Sent:</b> Monday</div><div>Dear John</div>"
    )
    new, quoted = split_reply(html_to_text(html))
    assert new == "Sounds good."
    assert "Dear John" in quoted


def test_html_to_text_moz_cite_prefix_and_entities() -> None:
    html = (
        '<p>Yes &amp; thanks</p><div class="moz-cite-prefix">On 01.06.26 Anna wrote:</div>'
        '<blockquote type="cite">Dear&nbsp;John</blockquote>'
    )
    assert split_reply(html_to_text(html)) == ("Yes & thanks", "Dear John")


def test_broken_html_does_not_raise() -> None:
    html_to_text("<div><blockquote><p>unclosed <b>tags &bogus; <script>x</scr")
