"""Auto-replies: headers, localized subjects, notices known by their wording, and the people
who must never be taken for one."""

from __future__ import annotations

import pytest

from mail.message import parse_message

SUMMARY = "\n\n> Dear Dana,\n> X by June\n"


def _parse(headers: str, body: str) -> tuple[str, str | None, bool]:
    raw = f"From: Dana <dana@x.example>\nIn-Reply-To: <s@accord.example.com>\n{headers}\n\n{body}"
    parsed = parse_message(raw.encode())
    return parsed.kind, parsed.auto_reply_reason, parsed.out_of_office


@pytest.mark.parametrize(
    "subject",
    [
        "AUTO: Dana Whitfield is out of the office (returning 06/15/2026)",
        "Auto: Summary [K7M2-Q9XD]",
        "Automātiskā atbilde: Summary",
        "Automatinis atsakymas: Summary",
        "Automatická odpověď: Summary",
        "Automaattinen vastaus: Summary",
        "Otomatik yanıt: Summary",
        "自動応答: Summary",
        "自动回复: Summary",
        "Automatiskt svar: Summary",
        "Automatisk svar: Summary",
        "Automatyczna odpowiedź: Summary",
        "Resposta automática: Summary",
        "Автоматический ответ: Summary",
        "Abwesenheitsnotiz: Summary",
        "Out of Office: Summary",
    ],
)
def test_localized_subjects(subject: str) -> None:
    kind, reason, _ = _parse(f"Subject: {subject}", "I am away until 15 June.")
    assert kind == "auto_reply"
    assert reason is not None and reason.startswith("subject: ")


@pytest.mark.parametrize(
    "body",
    [
        "I am out of the office until 15 June with limited access to email. For anything urgent "
        "please contact Priya.",
        "Guten Tag,\n\nich bin bis zum 12. Juni 2026 nicht im Büro. Ihre E-Mail wird nicht "
        "weitergeleitet. In dringenden Fällen erreichen Sie uns unter 030 555 0123.",
        "Bonjour,\n\nJe suis absente jusqu'au 15 juin. En cas d'urgence, contactez Marc.",
        "Estoy fuera de la oficina hasta el 15 de junio, sin acceso al correo.",
    ],
)
def test_body_only_out_of_office(body: str) -> None:
    assert _parse("Subject: Re: Summary", body + SUMMARY)[::2] == ("auto_reply", True)


def test_self_declared_notice_without_headers_is_not_out_of_office() -> None:
    body = (
        "Thank you for contacting us. We have received your request and created ticket "
        "#4821. This is an automatic reply."
    )
    assert _parse("Subject: Ticket received", body)[::2] == ("auto_reply", False)


@pytest.mark.parametrize(
    ("headers", "body", "away"),
    [
        (
            "Auto-Submitted: auto-replied\nSubject: Automatic reply: Summary",
            "I'm on parental leave until 1 September and won't be reading email.",
            True,
        ),
        (
            "Auto-Submitted: auto-generated\nSubject: Automatic reply: Summary",
            "Alex Rowan has left Pellucid Capital. This mailbox is not read.",
            False,
        ),
        (
            "Auto-Submitted: auto-replied\nSubject: My email address has changed",
            "I no longer use this address. Please write to kiri@tane.example.",
            False,
        ),
        (
            "Auto-Submitted: auto-generated\nSubject: Request received: Summary",
            "We've created ticket #15497 and a member of our team will get back to you.",
            False,
        ),
        (
            "Precedence: bulk\nSubject: Auto-response for your message to the Board mailing list",
            "Board members read this list weekly; someone will answer within seven days.",
            False,
        ),
        (
            "Auto-Submitted: auto-generated\nSubject: Automatisk svar: Summary",
            "Jeg er på ferie til og med den 15. juni 2026 og læser ikke mails i perioden.",
            True,
        ),
        (
            "Auto-Submitted: auto-generated\nSubject: Otomatik yanıt: Summary",
            "15 Haziran 2026 tarihine kadar ofis dışındayım.",
            True,
        ),
    ],
)
def test_out_of_office_is_about_being_away(headers: str, body: str, away: bool) -> None:
    kind, _, out_of_office = _parse(headers, body)
    assert (kind, out_of_office) == ("auto_reply", away)


def test_read_receipt_is_an_auto_reply() -> None:
    raw = (
        "From: Helen <h@x.example>\nSubject: Read: Summary\nIn-Reply-To: <s@a.example>\n"
        "Content-Type: multipart/report; report-type=disposition-notification; boundary=B\n\n"
        "--B\nContent-Type: text/plain\n\nYour message was read on Friday.\n--B\n"
        "Content-Type: message/disposition-notification\n\nReporting-UA: x; Outlook\n"
        "Final-Recipient: rfc822;h@x.example\nDisposition: manual-action/MDN-sent-manually; "
        "displayed\n\n--B--\n"
    )
    parsed = parse_message(raw.encode())
    assert (parsed.kind, parsed.out_of_office) == ("auto_reply", False)
    assert parsed.auto_reply_reason == "report: disposition-notification"


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        ("Subject: Re: Summary", "Back from vacation — confirmed!"),
        (
            "Subject: Re: Summary",
            "Sorry for the slow reply, I was out of the office all of last "
            "week. Yes, that's right.",
        ),
        (
            "Subject: Re: Summary (out of office next week)",
            "Confirmed. I'm out of office next week, so any follow-up should go to Dana.",
        ),
        ("Subject: AW: Summary", "Bin wieder aus dem Urlaub zurück – passt so."),
        ("Subject: Re: Summary", "I'm away until Friday: can we move the deadline to 20 June?"),
        ("X-Auto-Response-Suppress: All\nSubject: RE: Summary", "Thank you, agreed."),
        (
            "Precedence: list\nList-Id: <partners.x.example>\nSubject: [Partners] Re: Summary",
            "Speaking for the partners group: yes, that works.",
        ),
        ("Auto-Submitted: no\nSubject: Re: Summary", "All fine on our end."),
        (
            "Disposition-Notification-To: <d@x.example>\nSubject: RE: Summary",
            "We do not agree with point 2.",
        ),
        ("Subject: Re: Summary", "Please ignore my auto-reply, I'm back. Correct as written."),
        ("Subject: Re: Summary", "More details next week when I'm back in the office."),
        ("Subject: Re: Summary", "The invoice is automatically generated, so its number differs."),
        ("Subject: Re: Summary", "I'm out of the office this week. The price is 10,90, not 11,20."),
    ],
)
def test_people_are_never_taken_for_machines(headers: str, body: str) -> None:
    assert _parse(headers, body + SUMMARY)[0] == "reply"


@pytest.mark.parametrize(
    "body",
    [
        "Dear Sam,\n\nWe would like to acknowledge that we have received your request and a "
        "ticket has been created. A support representative will review it within 24 hours.",
        "Thank you for contacting us. Your case number 00001234 has been created.",
        "I will not be reading my mail for a while. Your mail will be read when I return.",
    ],
)
def test_notices_without_headers(body: str) -> None:
    assert _parse("Subject: Re: Summary", body)[0] == "auto_reply"


@pytest.mark.parametrize(
    "body",
    [
        "Hi Sam, I have received your request and forwarded it to billing; ticket #123.",
        "I was on vacation until yesterday, sorry. We will send the contract on 15 June.",
    ],
)
def test_agents_and_returning_people_are_replies(body: str) -> None:
    assert _parse("Subject: Re: Summary", body + SUMMARY)[0] == "reply"


def test_automatic_reply_subject_without_telling_words_is_out_of_office() -> None:
    headers = "Auto-Submitted: auto-generated\nSubject: Automatická odpověď: Summary"
    assert _parse(headers, "Děkuji za zprávu.")[::2] == ("auto_reply", True)
