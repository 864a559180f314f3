"""Bounce parsing: RFC 3464 reports and the non-standard formats."""

from __future__ import annotations

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
