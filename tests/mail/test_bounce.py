"""Bounce parsing: RFC 3464 reports and the non-standard formats."""

from __future__ import annotations

import pytest

from mail.bounce import bounce_from_text, looks_like_bounce, parse_delivery_status
from mail.message import parse_message

TOKEN = "k7q2m4zx5n3r6t2w7y4a5b6c2d3e4f5g"


def test_delivery_status_per_recipient() -> None:
    text = (
        "Reporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; a@x.example\n"
        "Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 unknown\n"
        "\nFinal-Recipient: rfc822; b@x.example\nAction: delayed\nStatus: 4.4.7\n"
        "\nFinal-Recipient: rfc822; c@x.example\nAction: delivered\nStatus: 2.0.0\n"
    )
    a, b = parse_delivery_status([text])
    assert (a.recipient, a.status, a.permanent, a.action) == (
        "a@x.example",
        "5.1.1",
        True,
        "failed",
    )
    assert a.diagnostic == "smtp; 550 5.1.1 unknown"
    assert (b.recipient, b.status, b.permanent) == ("b@x.example", "4.4.7", False)


def test_non_standard_detection() -> None:
    assert looks_like_bounce(
        from_addr="mailer-daemon@x.example", subject="Undelivered Mail Returned to Sender", text=""
    )
    assert looks_like_bounce(
        from_addr="someone@x.example",
        subject="hi",
        text="This message was created automatically by mail delivery software.",
    )
    assert not looks_like_bounce(from_addr="john@x.example", subject="Undeliverable?", text="hi")


def test_text_bounce_status_and_recipient() -> None:
    info = bounce_from_text(
        "Delivery to the following recipient failed permanently:\n\n"
        "     bob@x.example\n\n550 5.2.2 mailbox full",
        subject="Delivery Status Notification (Failure)",
        ignore=set(),
    )
    assert (info.recipient, info.status, info.permanent) == ("bob@x.example", "5.2.2", True)


def test_delay_is_transient_without_status_code() -> None:
    info = bounce_from_text(
        "Delivery to the following recipient has been delayed:\n\n bob@x.example\n",
        subject="Delivery Status Notification (Delay)",
        ignore=set(),
    )
    assert (info.status, info.permanent) == ("4.0.0", False)


def test_bounce_to_bounce_address_from_daemon() -> None:
    raw = (
        f"From: MAILER-DAEMON@mx.example\nTo: track+bounce-{TOKEN}@accord.example.com\n"
        "Subject: Returned\n\nSorry.\n"
    ).encode()
    parsed = parse_message(raw, tracking_address="track@accord.example.com")
    assert parsed.kind == "bounce"
    assert parsed.bounce_token == TOKEN


def test_ooo_to_bounce_address_is_auto_reply() -> None:
    raw = (
        f"From: john@x.example\nTo: track+bounce-{TOKEN}@accord.example.com\n"
        "Auto-Submitted: auto-replied\nSubject: Out of office\n\nAway.\n"
    ).encode()
    parsed = parse_message(raw)
    assert parsed.kind == "auto_reply"
    assert parsed.out_of_office


def test_token_from_returned_headers_only() -> None:
    raw = (
        b"From: postmaster@mx.example\nTo: track@accord.example.com\n"
        b"Subject: Undeliverable: hi\nContent-Type: multipart/report; "
        b"report-type=delivery-status; boundary=B\n\n--B\nContent-Type: text/plain\n\nfailed\n"
        b"--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\n"
        b"Final-Recipient: rfc822; j@x.example\nAction: failed\nStatus: 5.0.0\n\n"
        b"--B\nContent-Type: text/rfc822-headers\n\nReply-To: <track+"
        + TOKEN.encode()
        + b"@accord.example.com>\nTo: j@x.example\n\n--B--\n"
    )
    parsed = parse_message(raw, tracking_address="track@accord.example.com")
    assert parsed.kind == "bounce"
    assert parsed.bounce_token == TOKEN
    assert parsed.bounces[0].recipient == "j@x.example"


TRACKING = "track@accord.example.com"
ORIGINAL = (
    'From: "Sam Taylor via Accord" <track@accord.example.com>\nTo: j@x.example\n'
    f"Reply-To: track+{TOKEN}@accord.example.com\nSubject: Summary [K7M2-Q9XD]\n"
    "Message-ID: <orig123@accord.example.com>\n"
)


def _bounce(headers: str, body: str) -> bytes:
    return (
        headers.strip() + "\nTo: track+bounce-" + TOKEN + "@accord.example.com\n\n" + body
    ).encode()


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        # From: <> only, a bare mailer-daemon, daemons under other names.
        (
            "From: <>\nSubject: Delivery report",
            "Your message to j@x.example could not be delivered.\n550 5.1.1 unknown",
        ),
        ("From: mailer-daemon\nSubject: failure", "j@x.example: user unknown"),
        (
            'From: "MDaemon at mail.x.example" <MDaemon@mail.x.example>\nSubject: Permanent Delivery Failure',
            "j@x.example: 550 5.1.1 no such user",
        ),
        (
            "From: Mail Administrator <admin@mail.x.example>\nSubject: Processing Error",
            "An error occurred. Recipient: j@x.example 550 5.1.1",
        ),
        (
            "From: sysadmin@gw1.x.example\nSubject: FAILED MAIL",
            "THE MAIL BELOW COULD NOT BE DELIVERED. RECIPIENT J@X.EXAMPLE IS NOT KNOWN.",
        ),
        (
            "From: postmaster@x.example\nSubject: Mail Delivery Problem",
            "Delivery to j@x.example failed.",
        ),
        (
            "From: MAILER-DAEMON@x.example\nSubject: Mail delivery failed: returning message to sender",
            "j@x.example\n  Unrouteable address",
        ),
        ("From: postmaster@x.example\nSubject: failed delivery", "j@x.example mailbox unavailable"),
        (
            "From: postmaster@x.example\nSubject: Email bounce notification",
            "j@x.example does not exist",
        ),
        (
            "From: MAILER-DAEMON@x.example\nSubject: failure notice",
            "Unable to deliver message to the following address(es).\n\n<j@x.example>:\nmailbox full (#5.2.2)",
        ),
        (
            "From: postmaster@biglobe.ne.jp\nSubject: =?UTF-8?B?6YWN5L+h5LiN6IO9?=",
            "以下のアドレスへのメールを配送できませんでした。\nj@x.example",
        ),
        (
            "From: 系统退信 <mailer-daemon@qq.com>\nSubject: 系统退信",
            "很抱歉您的邮件被退回来了……\n无法发送到 j@x.example",
        ),
    ],
)
def test_non_standard_bounces(headers: str, body: str) -> None:
    parsed = parse_message(_bounce(headers, body), tracking_address=TRACKING)
    assert parsed.kind == "bounce"
    assert parsed.bounces[0].recipient == "j@x.example"
    assert parsed.reply_text is None


def test_report_without_report_type_and_list_bounce_with_precedence_bulk() -> None:
    raw = (
        "From: LISTSERV <listserv@lists.x.example>\nPrecedence: bulk\n"
        "Subject: Delivery error\nContent-Type: multipart/report; boundary=B\n\n"
        "--B\nContent-Type: text/plain\n\nnot delivered\n--B\n"
        "Content-Type: message/delivery-status\n\nReporting-MTA: dns; lists.x.example\n"
        "Original-Envelope-Id: env-42\n\nFinal-Recipient: rfc822; MEMBERS@lists.x.example\n"
        "Action: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 5.7.1 not authorized\n"
        "\n--B\nContent-Type: message/rfc822\n\n" + ORIGINAL + "\nDear John\n--B--\n"
    )
    parsed = parse_message(_bounce("Return-Path: <>", "").replace(b"\n\n", b"\n") + raw.encode())
    assert parsed.kind == "bounce"
    (info,) = parsed.bounces
    assert (info.recipient, info.status, info.permanent) == (
        "members@lists.x.example",
        "5.7.1",
        True,
    )
    assert parsed.original_message_ids == ["<orig123@accord.example.com>"]
    assert parsed.original_envelope_id == "env-42"
    assert parsed.null_sender


def test_failed_action_is_permanent_even_with_a_4xx_status() -> None:
    (expired, delayed) = parse_delivery_status(
        [
            "Final-Recipient: rfc822; a@x.example\nAction: failed\nStatus: 4.4.1\n\n"
            "Final-Recipient: rfc822; b@x.example\nAction: delayed\nStatus: 4.4.1\n"
        ]
    )
    assert (expired.status, expired.permanent) == ("4.4.1", True)
    assert (delayed.status, delayed.permanent) == ("4.4.1", False)


def test_delayed_text_notice_is_not_permanent() -> None:
    raw = _bounce(
        "From: Mail Delivery System <Mailer-Daemon@x.example>\nReturn-Path: <>\n"
        "Subject: Warning: message 1u35KZ delayed 24 hours",
        "This message was created automatically by mail delivery software.\n"
        "A message that you sent has not yet been delivered to one or more of its recipients\n\n"
        "  j@x.example\n    451 4.3.2 System not accepting network messages\n",
    )
    (info,) = parse_message(raw).bounces
    assert (info.recipient, info.status, info.permanent) == ("j@x.example", "4.3.2", False)


def test_returned_message_ids_from_headers_part_or_text() -> None:
    headers_part = (
        "From: postmaster@x.example\nSubject: Undeliverable: hi\nContent-Type: multipart/report;"
        " report-type=delivery-status; boundary=B\n\n--B\nContent-Type: text/plain\n\nfailed\n"
        "--B\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; j@x.example\n"
        "Action: failed\nStatus: 5.1.1\n\n--B\nContent-Type: text/rfc822-headers\n\n"
        + ORIGINAL
        + "\n--B--\n"
    )
    assert parse_message(headers_part.encode()).original_message_ids == [
        "<orig123@accord.example.com>"
    ]
    text = _bounce(
        "From: MAILER-DAEMON@x.example\nSubject: FAILED MAIL",
        "THE MAIL BELOW COULD NOT BE DELIVERED: j@x.example\n\n"
        "----- ORIGINAL MESSAGE HEADER -----\n" + ORIGINAL,
    )
    assert parse_message(text).original_message_ids == ["<orig123@accord.example.com>"]


@pytest.mark.parametrize(
    ("headers", "null", "daemon"),
    [
        ("Return-Path: <>\nFrom: john@x.example", True, False),
        ("From: <>", True, False),
        ('From: "Courier mail server" <@>', True, True),
        ("From: MAILER-DAEMON@x.example", False, True),
        ("From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>", False, True),
        ("From: Postmaster <postmaster@x.example>", False, True),
        ("From: Microsoft Outlook <MicrosoftExchange329e71ec@x.example>", False, True),
        ("From: John <john@x.example>", False, False),
    ],
)
def test_sender_facts(headers: str, null: bool, daemon: bool) -> None:
    parsed = parse_message(f"{headers}\nSubject: hi\n\nhello".encode())
    assert (parsed.null_sender, parsed.daemon_sender) == (null, daemon)


def test_new_facts_have_defaults() -> None:
    parsed = parse_message(b"From: j@x.example\n\nhi")
    assert parsed.original_message_ids == []
    assert parsed.original_envelope_id is None


@pytest.mark.parametrize(
    "raw",
    [
        # A person forwarding a bounce inline, with a comment on top.
        "From: Ellie <ellie@x.example>\nSubject: Fwd: Undelivered Mail Returned to Sender\n"
        "In-Reply-To: <a@b>\n\nSam, FYI the copy to Marcus bounced. Use marcus@y.example.\n\n"
        "Begin forwarded message:\n\nFrom: MAILER-DAEMON@x.example\nSubject: Undelivered Mail\n\n"
        "This is the mail system at host mx.x.example.\n\nI'm sorry to have to inform you that "
        "your message could not be delivered to one or more recipients.\n",
        # ... or attached, report and all.
        "From: Ellie <ellie@x.example>\nSubject: Fwd: Delivery Status Notification (Failure)\n"
        "In-Reply-To: <a@b>\nContent-Type: multipart/mixed; boundary=O\n\n--O\n"
        "Content-Type: text/plain\n\nThis bounced, see attached. Agreed otherwise.\n--O\n"
        "Content-Type: message/rfc822\n\nFrom: mailer-daemon@googlemail.com\n"
        "Subject: Delivery Status Notification (Failure)\nContent-Type: multipart/report; "
        "report-type=delivery-status; boundary=B\n\n--B\nContent-Type: text/plain\n\nfailed\n"
        "--B\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; m@y.example\n"
        "Action: failed\nStatus: 5.1.1\n\n--B--\n--O--\n",
        # A person asking about a failure.
        "From: John <john@x.example>\nSubject: Re: Delivery failure?\nIn-Reply-To: <a@b>\n\n"
        "Your first email bounced: it could not be delivered to my old address. Agreed now.",
    ],
)
def test_people_talking_about_bounces_are_replies(raw: str) -> None:
    assert parse_message(raw.encode(), tracking_address=TRACKING).kind == "reply"


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        (
            "From: System Administrator <postmaster@x.example>\nSubject: Undeliverable: hi",
            "Your message did not reach some or all of the intended recipients.\n\n"
            "The following recipient(s) could not be reached:\n\n  j@x.example on 6/2/2026\n"
            "    #550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##",
            "5.1.1",
        ),
        (
            "From: Администратор <postmaster@x.example>\n"
            "Subject: =?UTF-8?B?0J3QtdC00L7RgdGC0LDQstC70Y/QtdC80L7QtSDRgdC+0L7QsdGJ0LXQvdC40LU=?=",
            "j@x.example: 550 5.1.1 нет такого пользователя",
            "5.1.1",
        ),
        (
            "From: MAILER-DAEMON@mx.x.example\nSubject: Delayed Mail (still being retried)",
            "Your message is delayed: j@x.example: 421 connection refused",
            "4.0.0",
        ),
        (
            "From: postmaster@x.example\nSubject: Your message",
            "The account j@x.example has been closed. Your message was not delivered.",
            "5.0.0",
        ),
    ],
)
def test_more_non_standard_bounces(headers: str, body: str, status: str) -> None:
    parsed = parse_message(_bounce(headers, body), tracking_address=TRACKING)
    assert parsed.kind == "bounce"
    (info,) = parsed.bounces
    assert (info.recipient, info.status) == ("j@x.example", status)
