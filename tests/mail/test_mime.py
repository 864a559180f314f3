"""mail.mime writes exactly what EmailMessage(policy=SMTP) wrote, and checks its own headers."""

from __future__ import annotations

import email
import email.policy
import os
from collections.abc import Sequence
from email import quoprimime
from email.headerregistry import Address
from email.message import EmailMessage

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mail.headers import UnsafeHeaderError, is_header_safe
from mail.mime import (
    build_alternative,
    check_header_block,
    fold_header,
    format_mailbox,
    qp_body_encode,
)

BOUNDARY = "=_accord_" + "0123456789abcdef" * 2
PROPERTY = settings(
    max_examples=int(os.environ.get("ACCORD_HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def reference_build(
    headers: Sequence[tuple[str, str | Address]], boundary: str, text: str, html: str
) -> bytes:
    """What mail/compose.py did before mail.mime: the stdlib's own rendering."""
    msg = EmailMessage(policy=email.policy.SMTP)
    for name, value in headers:
        msg[name] = value
    msg["MIME-Version"] = "1.0"
    msg["Content-Type"] = "multipart/alternative"
    msg.set_boundary(boundary)
    for content, subtype in ((text, "plain"), (html, "html")):
        part = EmailMessage(policy=email.policy.SMTP)
        part.set_content(content, subtype=subtype, cte="quoted-printable")
        del part["MIME-Version"]
        msg.attach(part)
    return msg.as_bytes()


def stdlib_fold(name: str, value: str) -> str:
    policy = email.policy.SMTP
    folded: str = policy.header_factory(name, value).fold(policy=policy)
    return folded


# Header text rich in what matters to folding and quoting: specials, quotes, backslashes,
# "=?", runs of spaces, long words, non-ASCII.
header_text = st.text(
    alphabet=st.sampled_from(list("aZ 09\"'(),.:;<>@[]\\=?_-éÖ漢😀")) | st.characters(),
    max_size=120,
).filter(is_header_safe)
ascii_word = st.text(alphabet=st.sampled_from(list("ab09.,:;\"'()<>@[]\\=?_-/%")), max_size=90)
ascii_phrase = st.lists(ascii_word, max_size=12).map(" ".join)
long_words = st.lists(st.text(alphabet="xyz", min_size=1, max_size=80), min_size=1, max_size=8).map(
    " ".join
)
body_text = st.text(
    alphabet=st.sampled_from(list("ab =\t\r\n.\u2028é漢")) | st.characters(), max_size=400
) | st.lists(st.text(alphabet="ab =", max_size=90), max_size=8).map("\n".join)
message_id = st.sampled_from(
    [
        "<a@b.c>",
        "<2q3x5xvmkn4xbe7hqs7dpzpvtsidwzbn@accord.example.com>",
        "<" + "x" * 80 + "@accord.example.com>",
    ]
)


@PROPERTY
@given(
    from_name=header_text | ascii_phrase,
    to_name=header_text | ascii_phrase,
    subject=header_text | ascii_phrase | long_words,
    reply_to=st.none() | st.just("track+" + "a" * 32 + "@accord.example.com"),
    mid=message_id,
    references=st.lists(message_id, max_size=5),
    extra=st.lists(
        st.tuples(
            st.sampled_from(["X-Accord-Kind", "X-Accord-Note", "Auto-Submitted", "X-" + "N" * 60]),
            header_text | ascii_phrase | long_words,
        ),
        max_size=3,
    ),
    text=body_text,
    html=body_text,
)
def test_same_bytes_as_email_message(
    from_name: str,
    to_name: str,
    subject: str,
    reply_to: str | None,
    mid: str,
    references: list[str],
    extra: list[tuple[str, str]],
    text: str,
    html: str,
) -> None:
    assume(BOUNDARY not in text + html)
    from_name, to_name = from_name.strip(), to_name.strip()
    ours: list[tuple[str, str]] = [
        ("From", format_mailbox(from_name, "track@accord.example.com")),
        ("To", format_mailbox(to_name, "john@example.org")),
    ]
    theirs: list[tuple[str, str | Address]] = [
        ("From", Address(display_name=from_name, addr_spec="track@accord.example.com")),
        ("To", Address(display_name=to_name, addr_spec="john@example.org")),
    ]
    rest = [("Subject", subject), ("Date", "Thu, 15 Jan 2026 16:30:00 +0000"), ("Message-ID", mid)]
    if reply_to:
        rest.insert(0, ("Reply-To", reply_to))
    if references:
        rest += [("In-Reply-To", references[-1]), ("References", " ".join(references))]
    rest += [(name, value) for name, value in dict(extra).items()]
    try:
        expected = reference_build([*theirs, *rest], BOUNDARY, text, html)
    except ValueError:  # e.g. a lone surrogate: refused before, must be refused now
        with pytest.raises(ValueError):  # noqa: PT011 - whatever the stdlib raised
            build_alternative([*ours, *rest], BOUNDARY, text, html)
        return
    assert build_alternative([*ours, *rest], BOUNDARY, text, html) == expected


@PROPERTY
@given(
    value=ascii_phrase | long_words | header_text,
    name=st.sampled_from(["Subject", "References", "X-Accord-Kind", "X-" + "N" * 68]),
)
def test_fold_header_matches_the_stdlib(value: str, name: str) -> None:
    try:
        expected = stdlib_fold(name, value)
    except ValueError:
        with pytest.raises(ValueError):  # noqa: PT011 - whatever the stdlib raised
            fold_header(name, value)
        return
    assert fold_header(name, value) == expected


@PROPERTY
@given(name=header_text | ascii_phrase)
def test_format_mailbox_matches_address(name: str) -> None:
    assume(not any("\ud800" <= c <= "\udfff" for c in name))
    assert format_mailbox(name, "a.b+c@example.org") == str(
        Address(display_name=name, addr_spec="a.b+c@example.org")
    )


@PROPERTY
@given(body=body_text, maxlinelen=st.sampled_from([4, 5, 76, 78]))
def test_qp_body_encode_matches_the_stdlib(body: str, maxlinelen: int) -> None:
    latin1 = body.encode("utf-8", "surrogatepass").decode("latin-1")
    assert qp_body_encode(latin1, maxlinelen) == quoprimime.body_encode(latin1, maxlinelen)
    assert qp_body_encode(body, maxlinelen) == quoprimime.body_encode(body, maxlinelen)


def test_long_subjects_fold_on_word_boundaries() -> None:
    subject = " ".join(["agreement"] * 30)
    folded = fold_header("Subject", subject)
    lines = folded.split("\r\n")
    assert lines[0].startswith("Subject: agreement")
    assert all(line.startswith(" ") for line in lines[1:-1])
    assert lines[-1] == ""
    assert max(len(line) for line in lines) <= 78
    assert folded == stdlib_fold("Subject", subject)


@pytest.mark.parametrize(
    ("block", "names"),
    [
        ("To: a@b.c\r\nBcc: x@y.z\r\n", ["To"]),  # a header nobody set
        ("To: a@b.c\r\n", ["To", "Subject"]),  # a header lost
        ("Subject: a\nBcc: x@y.z\r\n", ["Subject"]),  # bare LF
        ("Subject: a\rBcc: x@y.z\r\n", ["Subject"]),  # bare CR
        ("Subject: a\r\n\r\nBcc: x@y.z\r\n", ["Subject"]),  # empty line ends the headers
        (" continued\r\nSubject: a\r\n", ["Subject"]),  # continuation of nothing
        ("Subject: a\r\n   \r\n", ["Subject"]),  # blank continuation
        ("Subject: ä\r\n", ["Subject"]),  # not 7-bit
        ("Subject: a", ["Subject"]),  # unterminated
        ("Subject a\r\n", ["Subject"]),  # not a field
    ],
)
def test_header_block_check_refuses(block: str, names: list[str]) -> None:
    with pytest.raises(UnsafeHeaderError):
        check_header_block(block, names)


def test_header_block_check_accepts_folded_headers() -> None:
    check_header_block("Subject:\r\n long subject\r\nTo: a@b.c\r\n", ["Subject", "to"])


@pytest.mark.parametrize(
    "headers",
    [
        [("Subject", "a\r\nBcc: x@y.z")],
        [("Subject", "=?UTF-8?Q?=0A?=Bcc: x@y.z")],
        [("X-Note", "a\u2028b")],
    ],
)
def test_build_refuses_unsafe_values_itself(headers: list[tuple[str, str]]) -> None:
    with pytest.raises(UnsafeHeaderError):
        build_alternative(headers, BOUNDARY, "text", "<p>html</p>")


def test_build_refuses_a_body_containing_the_boundary() -> None:
    # compose picks a boundary absent from both parts, and quoted-printable turns the "=" of
    # "=_accord_" into "=3D"; this boundary has no "=" to show the last-resort check works.
    with pytest.raises(UnsafeHeaderError):
        build_alternative([("Subject", "s")], "plain_boundary", "x\n--plain_boundary\n", "h")


def test_utf8_headers_stay_utf8_and_only_those_named() -> None:
    headers = [("From", "Accord <track@accord.test>"), ("To", "Zoë <zoë@example.org>")]
    headers.append(("Subject", "Grüße"))
    data = build_alternative(headers, "=_accord_" + "0" * 32, "Hi", "<p>Hi</p>", utf8=["To"])
    head = data.split(b"\r\n\r\n", 1)[0].decode("utf-8")
    assert "\r\nTo: Zoë <zoë@example.org>\r\n" in head  # RFC 6532: no encoded word
    assert "Subject: =?utf-8?" in head  # a header not named stays 7-bit
    parsed = email.message_from_string(data.decode("utf-8"), policy=email.policy.SMTPUTF8)
    assert parsed["To"].addresses[0].addr_spec == "zoë@example.org"
