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
    # A blank line keeps the place where the answer stood (mail.classify checks it).
    assert quoted == "X by June\n\nY at review"


def test_long_text_after_dash_dash_is_kept() -> None:
    body = "Yes\n-- \n" + "\n".join(f"line {i}" for i in range(40))
    assert "line 39" in split_reply(body)[0]


@pytest.mark.parametrize(
    "text",
    [
        # The counterparty's hiding place: mail programs show what follows "-- ", and a
        # sentence there is not a signature.
        "Confirmed.\n\n-- \nExcept the bus is paid by the parents.",
        "Confirmed.\n-- \nDana Whitfield\nBut the trip moves to 19 June.",
        "Sounds good!\n--\nDana\nContoso Ltd.\nP.S. Mark cannot collect the forms.",
    ],
)
def test_a_sentence_after_dash_dash_is_not_cut_as_a_signature(text: str) -> None:
    new, _ = split_reply(text, NAMES)
    last = text.rsplit("\n", 1)[1]
    assert last in new, new


def test_a_signature_after_dash_dash_is_cut() -> None:
    body = (
        "All correct.\n\n-- \nDana Whitfield\nHead of Partnerships | Contoso Ltd.\n"
        "T: +44 20 7946 0321\nwww.contoso.example\n\nThis email and any attachments are "
        "confidential and intended solely for the addressee. If you are not the intended "
        "recipient, delete it."
    )
    assert split_reply(body, NAMES)[0] == "All correct."


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


SUMMARY = "> Dear Dana,\n> X by June"
NAMES = ["Dana Whitfield"]

# (text, new text): quote headers of other clients and languages, then what follows them.
HEADERS = [
    # Gmail wraps a long attribution after the "<".
    "On Tue, Jun 2, 2026 at 2:14 AM Sam Taylor via Accord <\ntrack@accord.example.com> wrote:",
    # Name first (German Gmail), date first (old Gmail), Russian and Japanese Gmail.
    "Sam Taylor <track@accord.example.com> schrieb am Di., 2. Juni 2026, 09:14:",
    "2016-10-24 15:36 GMT+02:00 Sam Taylor <track@accord.example.com>:",
    "вт, 2 июн. 2026 г. в 10:14, Sam Taylor via Accord <\ntrack@accord.example.com>:",
    "2026年6月2日(火) 15:14 Sam Taylor via Accord <track@accord.example.com>:",
    "Sam Taylor via Accord <track@accord.example.com> 于2026年6月2日周二 15:14写道：",
    "wt., 2 cze 2026 o 09:14 Sam Taylor via Accord <\ntrack@accord.example.com> napisał(a):",
    "W dniu 2.06.2026 o 09:14, Sam Taylor via Accord pisze:",
    "Il giorno mar 2 giu 2026 alle ore 09:14 Sam <track@accord.example.com> ha scritto:",
    "2 juni 2026 kl. 09:14 skrev Sam Taylor via Accord <track@accord.example.com>:",
    "Op 2 jun. 2026 om 09:14 heeft Sam Taylor het volgende geschreven:",
    "Am Dienstag, 2. Juni 2026 um 09:14:12 MESZ hat Sam Taylor Folgendes geschrieben:",
    "2026/06/02 15:14、Sam Taylor via Accord <track@accord.example.com>のメール:",
    "* Sam Taylor <track@accord.example.com> [2026-06-01 21:47]:",
    "Sam Taylor via Accord <track@accord.example.com> wrote on 01/06/2026 16:32:40:",
]

# Headers after which the quote is not marked with ">".
UNMARKED = [
    "-----Original Message-----\nFrom: Sam\nSent: Monday\nTo: Dana",
    "________________________________\nFrom: Sam Taylor\nSent: Tuesday, June 2, 2026 9:14 AM",
    "De : Sam Taylor <track@accord.example.com>\nEnvoyé : mardi 2 juin 2026 09:14\n"
    "À : Dana\nObjet : Résumé",
    "Envoyé le : mardi 2 juin 2026 09:14\nDe : Sam Taylor\nObjet : Résumé",
    "Från: Sam Taylor <track@accord.example.com>\nSkickat: den 2 juni 2026 09:14\n"
    "Till: Dana\nÄmne: Sammanfattning",
    "Fra: Sam Taylor <track@accord.example.com>\nSendt: 2. juni 2026 09:14\nTil: Dana\n"
    "Emne: Opsummering",
    "Od: Sam Taylor <track@accord.example.com>\nWysłano: wtorek, 2 czerwca 2026 09:14\n"
    "Do: Dana\nTemat: Podsumowanie",
    "Da: Sam Taylor <track@accord.example.com>\nInviato: martedì 2 giugno 2026 09:14\n"
    "A: Dana\nOggetto: Riepilogo",
    "От: Sam Taylor <track@accord.example.com>\nОтправлено: 2 июня 2026 г. 10:14\n"
    "Кому: Dana\nТема: Итоги",
    "差出人: Sam Taylor <track@accord.example.com>\n送信日時: 2026年6月2日 16:14\n"
    "宛先: Dana\n件名: まとめ",
    '------------------ 原始邮件 ------------------\n发件人: "Sam"<track@accord.example.com>;',
    "---- 回复的原邮件 ----\n| 发件人 | Sam Taylor<track@accord.example.com> |",
    "---- On Mon, 01 Jun 2026 16:32:40 +0100 Sam Taylor <track@accord.example.com> wrote ----",
    "-------- Ursprüngliche Nachricht --------\nVon: Sam Taylor\nDatum: 02.06.26 09:14",
    "-------- Original message --------\nFrom: Sam Taylor <track@accord.example.com>",
    "============ Forwarded message ============",
    'Gesendet: Dienstag, 02. Juni 2026 um 09:14 Uhr\nVon: "Sam Taylor" <track@accord.example.com>'
    "\nAn: dana@x.example\nBetreff: Lieferung",
    "  On Mon, Jun 1, 2026 at 10:32 AM, Sam Taylor<track@accord.example.com> wrote:   Hi Dana,",
]


@pytest.mark.parametrize("header", HEADERS)
def test_quote_headers_of_many_clients(header: str) -> None:
    assert split_reply(f"Agreed.\n\n{header}\n{SUMMARY}") == ("Agreed.", "Dear Dana,\nX by June")


@pytest.mark.parametrize("header", UNMARKED)
def test_unmarked_quote_after_a_header_is_quoted(header: str) -> None:
    new, quoted = split_reply(f"Agreed.\n\n{header}\n\nDear Dana,\nX by June")
    assert new == "Agreed."
    assert quoted.endswith("X by June")
    assert "Sam Taylor" not in quoted.replace("Hi Dana,", "")


def test_bottom_posted_answer() -> None:
    text = f"On Mon, Jun 1, 2026 at 9:14 AM Sam <s@x.example> wrote:\n{SUMMARY}\n\nAll correct.\n"
    assert split_reply(text + "\n-- \nSent from my Android device with K-9 Mail.") == (
        "All correct.",
        "Dear Dana,\nX by June",
    )


def test_interleaved_answers_in_order() -> None:
    text = (
        "On Mon, Sam <s@x.example> wrote:\n> - X by June\n\nYes.\n\n> - Y at review\n\n"
        "Only if Z too.\n\n> - Salary from August\n\nCorrect.\n\nDana"
    )
    new, quoted = split_reply(text, NAMES)
    assert new == "Yes.\n\nOnly if Z too.\n\nCorrect."
    assert quoted == "- X by June\n\n- Y at review\n\n- Salary from August"


def test_answers_marked_inside_an_unmarked_quote() -> None:
    text = (
        "Hi Sam,\n\nMy comments inline.\n\nDana\n\nFrom: Sam Taylor\nSent: Monday\nTo: Dana\n"
        "Subject: Summary\n\n* X by June.\n\n[DW] Agreed.\n\n* Y at review.\n\n"
        "DW: Only after Z.\n\nSam"
    )
    new, quoted = split_reply(text, NAMES)
    assert new == "Hi Sam,\n\nMy comments inline.\n\n[DW] Agreed.\n\nDW: Only after Z."
    assert "Agreed" not in quoted


@pytest.mark.parametrize(
    "footer",
    [
        "Sent from my iPhone",
        "Envoyé de mon iPhone",
        "Von meinem iPhone gesendet",
        "Enviado desde mi iPhone",
        "Enviado do meu iPhone",
        "Inviato da iPhone",
        "Verzonden vanaf mijn iPhone",
        "Verstuurd vanaf mijn iPad",
        "Sendt fra min iPad",
        "Skickat från min iPhone",
        "Wysłane z iPhone'a",
        "Отправлено с iPhone",
        "iPhoneから送信",
        "发自我的iPhone",
        "发自网易邮箱大师",
        "Get Outlook for iOS<https://aka.ms/o0ukef>",
        "Outlook für iOS herunterladen<https://aka.ms/o0ukef>",
        "Sent from Outlook for Android",
        "Sent from my Galaxy",
        "Sent from Yahoo Mail on Android",
        "Sent with Proton Mail secure email.",
        "Sent from my mobile - please excuse typos",
        "Diese Nachricht wurde von meinem Android-Gerät mit K-9 Mail gesendet.",
        "Отправлено из мобильной Почты Mail.ru",
    ],
)
def test_client_footers(footer: str) -> None:
    assert split_reply(f"Hi Sam,\n\nAll correct.\n\n{footer}") == ("Hi Sam,\n\nAll correct.", "")


@pytest.mark.parametrize(
    "signature",
    [
        "Thanks,\nDana",
        "Best regards,\n\nDana Whitfield\nHead of Partnerships\nContoso Ltd.\n"
        "T: +44 20 7946 0321 | M: +44 7700 900412\n5th Floor, 40 Gracechurch Street\n"
        "www.contoso.example\n\nThis email and any attachments are confidential and intended "
        "solely for the addressee. If you are not the intended recipient, delete it.",
        "Dana",
        "Dana Whitfield\nContoso Partners\n07700 900123",
        "Viele Grüße\nDana",
        "Mit freundlichen Grüßen\n\nDana Whitfield\nGeschäftsführerin",
        "Cordialement,\nDana",
        "Med vänlig hälsning\nDana",
        "С уважением,\nДана",
        "Pozdrawiam,\nDana Whitfield",
        "Un saludo,\nDana",
        "--------------------------------\nContoso Partners\nDana Whitfield\nTEL: 03-0000-0000",
    ],
)
def test_sign_offs_and_signature_blocks(signature: str) -> None:
    assert (
        split_reply(f"Hi Sam,\n\nAll correct.\n\n{signature}", NAMES)[0]
        == "Hi Sam,\n\nAll correct."
    )


@pytest.mark.parametrize(
    "text",
    [
        # A question or a P.S. after the sign-off is still what the person said.
        "Hi Sam,\n\nAll correct.\n\nBest,\nDana\n\nP.S. Can we move it to Friday?",
        "Thanks,\nthe date is wrong though: it is July.\nDana",
        "Hi Sam,\n\nConfirmed.\n\nThanks!",
        "On point 4, we agreed the discount could be revisited after 31 December.",
        "Regards,\nDana\nWhy is the price 11,20 and not 10,90?",
    ],
)
def test_what_a_person_said_is_kept(text: str) -> None:
    new, _ = split_reply(text, NAMES)
    kept = text.replace("\nDana\n", "\n").replace("\nDana", "").replace("Best,\n", "")
    for sentence in ("Friday?", "July.", "Thanks!", "31 December.", "not 10,90?"):
        if sentence in kept:
            assert sentence in new


def test_html_bottom_post_after_a_gmail_quote() -> None:
    html = (
        '<div class="gmail_quote"><div class="gmail_attr">On Mon, Jun 1, 2026 Sam wrote:</div>'
        "<blockquote>Dear Dana<br>X by June</blockquote></div><div>Confirmed.</div>"
    )
    assert split_reply(html_to_text(html)) == ("Confirmed.", "Dear Dana\nX by June")


def test_html_prefixed_quote_classes_and_signature() -> None:
    html = (
        "<div>Agreed.</div><div class='x_gmail_signature'>Dana Whitfield, CEO</div>"
        '<div class="ydp3f2a1b2cyahoo_quoted"><div>On Monday, Sam wrote:</div>'
        "<div>Dear Dana</div></div>"
    )
    assert split_reply(html_to_text(html)) == ("Agreed.", "Dear Dana")


@pytest.mark.parametrize(
    "footer",
    [
        "_______________________________________________\nPartners mailing list -- "
        "partners@lists.x.example\nTo unsubscribe send an email to partners-leave@lists.x.example",
        "-- \nYou received this message because you are subscribed to the Google Groups "
        '"Partners" group.\nTo unsubscribe from this group and stop receiving emails from it, '
        "send an email to partners+unsubscribe@x.example.",
        "ref:!00D5g0Q2niG.!5005g0i7HVhM:ref",
    ],
)
def test_list_and_crm_footers_are_neither_new_nor_quoted(footer: str) -> None:
    text = f"Agreed.\n\nOn Mon, Jun 1, 2026 Sam <s@x.example> wrote:\n{SUMMARY}\n\n{footer}"
    assert split_reply(text) == ("Agreed.", "Dear Dana,\nX by June")


def test_a_mailing_list_mentioned_by_the_person_stays() -> None:
    assert split_reply("Confirmed.\nPlease add Tom to the mailing list")[0].endswith("list")


def test_quoted_text_is_unquoted_after_a_separator() -> None:
    text = (
        "Confirmed.\n\n------- Original Message -------\n"
        f"On Monday, June 1st, 2026 at 09:14, Sam <s@x.example> wrote:\n\n{SUMMARY}"
    )
    assert split_reply(text) == ("Confirmed.", "Dear Dana,\nX by June")


def test_format_flowed_lines_are_joined() -> None:
    from mail.message import parse_message

    raw = (
        b"From: Dana <d@x.example>\nIn-Reply-To: <a@b>\n"
        b"Content-Type: text/plain; charset=utf-8; format=flowed; delsp=no\n\n"
        b"The delivery is too early. We can do \nthe 24th at the earliest.\n\n"
        b"-- \nDana\n"
    )
    assert parse_message(raw).reply_text == (
        "The delivery is too early. We can do the 24th at the earliest."
    )


def test_date_first_attribution_above_an_unmarked_quote() -> None:
    text = (
        'Confirmed.\n\n02.06.2026, 10:14, "Sam Taylor via Accord" <track@accord.example.com>:'
        "\nDear Dana,\nX by June"
    )
    assert split_reply(text) == ("Confirmed.", "Dear Dana,\nX by June")


def test_a_line_with_a_time_and_an_address_is_not_a_header_above_text() -> None:
    text = "Call me at 10:14 on 2 June, or write to ops@x.example:\nwe can fix it then."
    assert split_reply(text)[0] == text


@pytest.mark.parametrize("closing", ["— Dana", "Dana W.", "DANA"])
def test_name_sign_off_forms(closing: str) -> None:
    assert split_reply(f"All correct.\n\n{closing}", NAMES)[0] == "All correct."


def test_sign_off_name_from_the_address_when_there_is_no_display_name() -> None:
    from mail.message import parse_message

    raw = b"From: dana.whitfield@x.example\nIn-Reply-To: <a@b>\n\nAll correct.\n\nDana\n"
    assert parse_message(raw).reply_text == "All correct."
    single = b"From: yes@x.example\nIn-Reply-To: <a@b>\n\nAll correct.\n\nYes\n"
    assert parse_message(single).reply_text == "All correct.\n\nYes"
