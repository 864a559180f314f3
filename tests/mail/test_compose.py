"""Outbound messages: golden renderings, header rules, and header injection on the wire."""

from __future__ import annotations

import asyncio
import email
import email.policy
import os
import re
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from mail.compose import (
    OutboundMessage,
    Party,
    _environment,
    _render,
    compose_notice,
    compose_owner_copy,
    compose_summary,
    deadline_in_words,
    summary_html,
    summary_text,
    template_names,
)
from mail.headers import UnsafeHeaderError
from mail.ids import new_message_id, new_token
from mail.smtp import SmtpSender, parse_smtp_url
from tests.servers.smtp import SmtpTestServer

GOLDEN = Path(__file__).parents[1] / "fixtures" / "golden"
UPDATE = os.environ.get("ACCORD_UPDATE_GOLDEN") == "1"
TRACK = "track@accord.example.com"
OWNER = Party("sam.taylor@example.com", "Sam Taylor")
JOHN = Party("john.boss@example.com", "John Carter")
MIKE = Party("mike@sales.example.net", "Mike Álvarez")
FIXED_DATE = datetime(2026, 1, 15, 16, 30, tzinfo=UTC)
INJECTION = "=?UTF-8?Q?=0A?=Bcc: attacker@example.com"

JOHN_SUMMARY = """\
Dear John,

It was a pleasure meeting with you today for my annual review. It is fun to see the growth the \
company and I have had the past year. Per our conversation I am excited to deliver X for the \
business and appreciate the opportunity to get Y when I deliver. My understanding is if I can \
deliver X by June that the company will give me Y at my semi-annual review.

This is exciting and I am going to be laser focused on hitting this goal before June. If there \
is anything that I missed of importance in this summary let me know. I am excited for this \
opportunity and look forward to crushing it.
"""

MIKE_SUMMARY = """\
Dear Mike,

Thank you for taking the time to meet today to discuss lead flow. I appreciate our candid \
conversation and feel like we made great progress in working together more efficiently. To \
summarize we agreed that the current lead flow is not what it should be, the target we both \
agreed to is 10 leads a week that you will provide and with that flow I am expected to close 1 \
deal or 10%.

Lead flow is such an important part of my success and I appreciate your willingness and desire \
to get to 10 per week by the end of the month. Let me know if I missed anything in my summary.
"""


def john_summary(**changes: object) -> OutboundMessage:
    args: dict[str, object] = {
        "owner": OWNER,
        "tracking_address": TRACK,
        "recipient": JOHN,
        "token": "bcad" * 8,
        "ref": "K7M2-Q9XD",
        "title": "Annual review: deliver X by June, Y at the semi-annual review",
        "summary": JOHN_SUMMARY,
        "deadline": datetime(2026, 1, 23, 17, 0, tzinfo=ZoneInfo("America/Chicago")),
        "recipient_tz": ZoneInfo("America/Chicago"),
        "message_id": "<2q3x5xvmkn4xbe7hqs7dpzpvtsidwzbn@accord.example.com>",
        "answer_url": "https://accord.example.com/answer/bcadbcadbcadbcadbcadbcadbcadbcad",
        "date": FIXED_DATE,
    }
    args.update(changes)
    return compose_summary(**args)  # type: ignore[arg-type]


def mike_summary() -> OutboundMessage:
    return compose_summary(
        owner=OWNER,
        tracking_address=TRACK,
        recipient=MIKE,
        token="m" * 16 + "k" * 16,
        ref="7RWT-3HNA",
        title="Lead flow: 10 leads a week, 1 close (10%)",
        summary=MIKE_SUMMARY,
        deadline=datetime(2026, 6, 5, 15, 0, tzinfo=UTC),
        recipient_tz=ZoneInfo("Europe/Berlin"),
        message_id="<mikemessage7rwt3hna@accord.example.com>",
        other_parties=[Party("dana@example.com", "Dana Lee")],
        date=FIXED_DATE,
    )


def parse(msg: OutboundMessage) -> EmailMessage:
    parsed = email.message_from_bytes(msg.data, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def from_(parsed: EmailMessage) -> tuple[str, str]:
    (address,) = parsed["From"].addresses
    return address.display_name, address.addr_spec


def text_of(msg: OutboundMessage) -> str:
    body = parse(msg).get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        assert UPDATE, f"{path} is missing; run with ACCORD_UPDATE_GOLDEN=1 to create it"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{name} changed; ACCORD_UPDATE_GOLDEN=1 regenerates it"


# --- golden files ------------------------------------------------------------------------


def test_golden_john() -> None:
    check_golden("summary_john.eml", john_summary().data)


def test_golden_mike() -> None:
    check_golden("summary_mike.eml", mike_summary().data)


def test_golden_owner_copy() -> None:
    msg = compose_owner_copy(
        owner=OWNER, tracking_address=TRACK, recipients=[MIKE, Party("dana@example.com")],
        ref="7RWT-3HNA", title="Lead flow: 10 leads a week, 1 close (10%)",
        summary=MIKE_SUMMARY, deadline=datetime(2026, 6, 5, 15, 0, tzinfo=UTC),
        owner_tz=ZoneInfo("America/New_York"), message_id="<ownercopy7rwt@accord.example.com>",
        agreement_url="https://accord.example.com/agreements/42", date=FIXED_DATE,
    )
    check_golden("owner_copy_mike.eml", msg.data)


# --- the summary's header rules ----------------------------------------------------------


def test_summary_headers() -> None:
    msg = john_summary()
    parsed = parse(msg)
    token = "bcadbcadbcadbcadbcadbcadbcadbcad"
    assert from_(parsed) == ("Sam Taylor via Accord", "track@accord.example.com")
    assert parsed["To"] == "John Carter <john.boss@example.com>"
    assert parsed["Reply-To"] == f"track+{token}@accord.example.com"
    assert parsed["Message-ID"] == msg.message_id
    assert "[K7M2-Q9XD]" in parsed["Subject"]
    assert parsed["Date"] == "Thu, 15 Jan 2026 16:30:00 +0000"
    assert parsed["MIME-Version"] == "1.0"
    assert parsed.get_content_type() == "multipart/alternative"
    assert parsed["Auto-Submitted"] is None  # the summary is the user's own words
    assert parsed["X-Auto-Response-Suppress"] is None
    assert parsed["Cc"] is None
    assert parsed["Bcc"] is None
    assert msg.envelope_from == f"track+bounce-{token}@accord.example.com"
    assert msg.recipients == ("john.boss@example.com",)
    assert b"\r\n" in msg.data
    assert b"\n" not in msg.data.replace(b"\r\n", b"")
    assert max(len(line) for line in msg.data.split(b"\r\n")) <= 78
    assert all(byte < 128 for byte in msg.data)


def test_summary_body_names_owner_and_ends_with_the_standard_request() -> None:
    text = text_of(john_summary())
    assert "Sam Taylor" in text
    request = (
        "If anything here is not how you understood it, reply to this email. If I hear nothing "
        "by Friday, 23 January 2026 at 17:00 (America/Chicago), I'll take this as our agreement."
    )
    assert request in text
    before_signature = text.split("\n-- \n")[0]
    assert "If I hear nothing" in before_signature.split("Confirm:")[0].strip().splitlines()[-1]
    assert "answer=confirm" in text
    assert "answer=clarify" in text


def test_one_message_per_recipient_with_distinct_tokens() -> None:
    parties = [JOHN, MIKE, Party("dana@example.com", "Dana Lee")]
    tokens = [new_token() for _ in parties]
    msgs = [
        john_summary(recipient=p, token=t, message_id=new_message_id("accord.example.com"),
                     other_parties=[o for o in parties if o != p])
        for p, t in zip(parties, tokens, strict=True)
    ]
    for msg, party, token in zip(msgs, parties, tokens, strict=True):
        assert msg.recipients == (party.email,)
        others = [t for t in tokens if t != token]
        assert token.encode() in msg.data
        assert not any(t.encode() in msg.data for t in others)
    assert len({m.message_id for m in msgs}) == 3


def test_html_part_escapes_the_summary() -> None:
    msg = john_summary(summary="<script>alert(1)</script> & <b>bold</b>\n\n- one\n- two")
    html = parse(msg).get_body(("html",))
    assert html is not None
    content = str(html.get_content())
    assert "<script>" not in content
    assert "&lt;script&gt;" in content
    assert "<ul><li>one</li><li>two</li></ul>" in content
    assert str(summary_html("a\nb")) == "<p>a<br>\nb</p>"


def reference_summary_html(summary: str) -> Markup:
    """summary_html as it was written with Markup.format, before it was made faster."""
    def block(lines: list[str]) -> Markup:
        if all(BULLET.match(line) for line in lines):
            items = Markup("").join(
                Markup("<li>{}</li>").format(BULLET.sub("", line)) for line in lines
            )
            return Markup("<ul>{}</ul>").format(items)
        return Markup("<p>{}</p>").format(Markup("<br>\n").join(escape(s.strip()) for s in lines))

    text = summary_text(summary)
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    return Markup("\n").join(block(b.split("\n")) for b in blocks)


BULLET = re.compile(r"^\s*[-*]\s+")


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from([*"ab <>&\"'-*\t\r\né", "- ", "* ", "\n\n", "\n- ", "\n  * "]),
                max_size=60).map("".join))
def test_summary_html_is_unchanged(summary: str) -> None:
    html = summary_html(summary)
    assert isinstance(html, Markup)
    assert html == reference_summary_html(summary)


def test_non_ascii_names_are_encoded() -> None:
    msg = john_summary(owner=Party("zoe@example.com", "Zoë Ørsted, PhD"),
                       recipient=Party("jo@example.org", "Jöhn \"JJ\" Cärter"))
    head = msg.data.split(b"\r\n\r\n")[0]
    assert b"=?utf-8?" in head
    parsed = parse(msg)
    assert parsed["From"].addresses[0].display_name == "Zoë Ørsted, PhD via Accord"
    assert parsed["To"].addresses[0].display_name == 'Jöhn "JJ" Cärter'
    assert parsed["To"].addresses[0].addr_spec == "jo@example.org"


def test_revised_version_threads_to_the_first() -> None:
    first = john_summary()
    second = john_summary(version=2, in_reply_to=first.message_id,
                          message_id="<v2abc@accord.example.com>")
    parsed = parse(second)
    assert parsed["In-Reply-To"] == first.message_id
    assert parsed["References"] == first.message_id
    assert "(v2)" in parsed["Subject"]
    assert "revised summary (version 2)" in text_of(second)


@pytest.mark.parametrize(
    ("deadline", "tz", "words"),
    [
        (datetime(2026, 6, 5, 15, 0, tzinfo=UTC), "Europe/Berlin",
         "Friday, 5 June 2026 at 17:00 (Europe/Berlin)"),
        (datetime(2026, 6, 5, 15, 0, tzinfo=UTC), "America/Los_Angeles",
         "Friday, 5 June 2026 at 08:00 (America/Los_Angeles)"),
        (datetime(2026, 6, 5, 15, 0, tzinfo=UTC), "Pacific/Auckland",
         "Saturday, 6 June 2026 at 03:00 (Pacific/Auckland)"),
        (datetime(2026, 1, 5, 15, 0, tzinfo=UTC), "Europe/Berlin",
         "Monday, 5 January 2026 at 16:00 (Europe/Berlin)"),
        (datetime(2026, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=-5))), "Asia/Kolkata",
         "Monday, 2 March 2026 at 10:00 (Asia/Kolkata)"),
    ],
)
def test_deadline_in_words(deadline: datetime, tz: str, words: str) -> None:
    assert deadline_in_words(deadline, ZoneInfo(tz)) == words


def test_naive_deadline_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        john_summary(deadline=datetime(2026, 6, 5, 17, 0))


@pytest.mark.parametrize(
    "changes",
    [
        {"recipient": Party("john@example.org, attacker@example.com", "John")},
        {"recipient": Party("John <john@example.org>")},
        {"recipient": Party("john@example.org\r\nBcc: attacker@example.com")},
        {"tracking_address": "track+x@accord.example.com"},
        {"token": "NOT-A-TOKEN"},
        {"message_id": "<a@b> <c@d>"},
        {"in_reply_to": "<x@y>\r\nBcc: a@b.c"},
        {"answer_url": "javascript:alert(1)"},
    ],
)
def test_invalid_inputs_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - UnsafeHeaderError is a ValueError too
        john_summary(**changes)


# --- header injection (CVE-2024-6923 shape) ----------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"title": INJECTION},
        {"title": f"Deal {INJECTION}"},
        {"owner": Party("sam@example.com", INJECTION)},
        {"recipient": Party("john@example.org", INJECTION)},
        {"other_parties": [Party("x@example.org", INJECTION)]},
        {"title": "Deal\nBcc: attacker@example.com"},
        {"title": "Deal\u2028Bcc: attacker@example.com"},
        {"ref": "K7M2\rBcc: attacker@example.com"},
    ],
)
def test_injection_payloads_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(UnsafeHeaderError):
        john_summary(**changes)


def test_injection_attempts_never_reach_the_wire(smtp_server: SmtpTestServer) -> None:
    """Whatever compose accepts goes out with exactly its own headers and recipient."""
    attempts = [
        {"title": "Deal =?UTF-8?Q?=0A?= Bcc: attacker@example.com"},  # not an encoded word
        {"title": "Deal ?= Bcc: attacker@example.com =?"},
        {"recipient": Party("john@example.org", "John =?UTF-8?Q?x?")},
        {"title": "Déal " + "x" * 90 + " Bcc: attacker@example.com"},
    ]
    sent: list[OutboundMessage] = []
    for changes in attempts:
        try:
            sent.append(john_summary(**changes))
        except UnsafeHeaderError:
            continue

    async def send_all() -> None:
        async with SmtpSender(parse_smtp_url(smtp_server.url)) as sender:
            for msg in sent:
                await sender.send(msg)

    asyncio.run(send_all())
    received = smtp_server.messages
    assert len(received) == len(sent) > 0
    for envelope, msg in zip(received, sent, strict=True):
        assert envelope.rcpt_tos == msg.recipients
        assert envelope.data == msg.data
        head = email.message_from_bytes(envelope.data, policy=email.policy.compat32)
        assert [k.lower() for k in head.keys()] == [  # noqa: SIM118 - duplicates matter
            "from", "to", "reply-to", "subject", "date", "message-id", "mime-version",
            "content-type",
        ]
        assert b"attacker@example.com>" not in envelope.data
        assert not any(line.lower().startswith(b"bcc:") for line in envelope.data.split(b"\r\n"))


# --- owner copy and notices --------------------------------------------------------------


def test_owner_copy_lists_everyone_and_leaks_no_token() -> None:
    tokens = [new_token(), new_token()]
    msg = compose_owner_copy(
        owner=OWNER, tracking_address=TRACK, recipients=[JOHN, MIKE], ref="K7M2-Q9XD",
        title="Deal", summary="We agreed.", deadline=datetime(2026, 6, 5, 15, 0, tzinfo=UTC),
        owner_tz=ZoneInfo("UTC"), message_id="<oc@accord.example.com>", date=FIXED_DATE,
    )
    parsed = parse(msg)
    assert msg.recipients == (OWNER.email,)
    assert parsed["Reply-To"] is None
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert not any(t.encode() in msg.data for t in tokens)
    text = text_of(msg)
    assert JOHN.email in text
    assert MIKE.email in text
    assert "We agreed." in text
    assert msg.envelope_from == "track+bounce@accord.example.com"


NOTICE_CONTEXTS: dict[str, dict[str, object]] = {
    "reminder": {"owner": OWNER, "title": "Deal", "summary_text": "We agreed.",
                 "summary_html": summary_html("We agreed."),
                 "deadline_words": "Friday, 5 June 2026 at 17:00 (Europe/Berlin)",
                 "answer_url": "https://accord.example.com/answer/x"},
    "deemed_notice": {"title": "Deal", "counterparty": JOHN,
                      "deadline_words": "Friday, 5 June 2026 at 17:00 (Europe/Berlin)",
                      "handoff": "Monday, 1 June 2026 at 09:00 (UTC): 250 2.0.0 Ok"},
    "owner_alert": {"headline": "John asked for a clarification.", "title": "Deal",
                    "counterparty": JOHN, "deciding_text": "Not <quite>.\nIt was July.",
                    "agreement_url": "https://accord.example.com/agreements/1"},
    "ack": {"title": "Deal", "recipients": [JOHN, MIKE],
            "deadline_words": "Friday, 5 June 2026 at 17:00 (Europe/Berlin)"},
}


@pytest.mark.parametrize("template", sorted(NOTICE_CONTEXTS))
def test_notices_are_marked_as_automatic(template: str) -> None:
    token = new_token()
    msg = compose_notice(
        kind=template, to=JOHN, tracking_address=TRACK, subject="About your deal",
        ref="K7M2-Q9XD", template=template, context=NOTICE_CONTEXTS[template],
        message_id=new_message_id("accord.example.com"), in_reply_to="<first@accord.example.com>",
        reply_token=token, extra_headers={"X-Accord-Agreement": "42"},
    )
    parsed = parse(msg)
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["X-Auto-Response-Suppress"] == "OOF, AutoReply"
    assert parsed["X-Accord-Kind"] == template
    assert parsed["X-Accord-Agreement"] == "42"
    assert parsed["Subject"] == "About your deal [K7M2-Q9XD]"
    assert parsed["Reply-To"] == f"track+{token}@accord.example.com"
    assert parsed["In-Reply-To"] == "<first@accord.example.com>"
    assert msg.envelope_from == f"track+bounce-{token}@accord.example.com"
    html = parse(msg).get_body(("html",))
    assert html is not None
    assert "<quite>" not in str(html.get_content())


def test_reminder_threads_to_the_summary_and_names_the_owner() -> None:
    summary = john_summary()
    msg = compose_notice(
        kind="reminder", to=JOHN, tracking_address=TRACK, subject="Reminder: Deal",
        ref="K7M2-Q9XD", template="reminder", context=NOTICE_CONTEXTS["reminder"],
        message_id="<rem@accord.example.com>", in_reply_to=summary.message_id,
        references=[summary.message_id], reply_token="bcad" * 8, on_behalf_of=OWNER.name,
    )
    parsed = parse(msg)
    assert parsed["References"] == summary.message_id
    assert from_(parsed) == ("Sam Taylor via Accord", "track@accord.example.com")
    assert "I'll take this as our agreement" in text_of(msg)


def test_notice_refuses_reserved_or_unsafe_extra_headers() -> None:
    for extra in ({"Bcc": "a@b.c"}, {"X-Ok": "v\r\nBcc: a@b.c"}, {"X Bad": "v"}):
        with pytest.raises(UnsafeHeaderError):
            compose_notice(kind="ack", to=OWNER, tracking_address=TRACK, subject="s", ref=None,
                           template="ack", context=NOTICE_CONTEXTS["ack"],
                           message_id="<n@accord.example.com>", extra_headers=extra)


def test_every_template_has_both_parts() -> None:
    assert {"summary", "owner_copy", "reminder", "deemed_notice", "owner_alert", "ack"} <= set(
        template_names()
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://accord.example/a/tok",
        "http://x",
        "http://x/",
        "HTTP://x/a",
        "http://x/a?",
        "http://x/a#",
        "http://x/a?b=1",
        "http://x/a#f",
        " http://x/a",
        "http://x\ty/a",
        "http://[::1]:8000/a",
    ],
)
def test_with_answer_adds_the_answer_as_urllib_would(url: str) -> None:
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    from mail.compose import with_answer

    parts = urlsplit(url)
    query = urlencode([*parse_qsl(parts.query), ("answer", "a b&c")])
    assert with_answer(url, "a b&c") == urlunsplit(parts._replace(query=query))


def test_rendering_gives_what_template_render_gives() -> None:
    env = _environment()
    source = "{% for n in range(2) %}{{ n }},{% endfor %}{{ who.label }}"  # range: a global
    template = env.from_string(source)
    context = {"who": OWNER}
    assert _render(template, context) == template.render(context) == "0,1,Sam Taylor"
    with pytest.raises(jinja2.UndefinedError):  # StrictUndefined, raised as jinja raises it
        _render(template, {})
    assert context == {"who": OWNER}  # the caller's mapping is left as it was
