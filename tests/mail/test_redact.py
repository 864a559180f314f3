"""mail.redact: no token survives in a copy, in any form it takes in mail, and the copy is the
original byte for byte elsewhere (same length), so its hash can be checked offline."""

from __future__ import annotations

import base64
import hashlib
import quopri
import re
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from mail.compose import Party, compose_summary
from mail.redact import _FORMS, _SOFT, _TOKEN, _blank, copy_digest, redact, redact_text

REPLY = "k7q2m4zx5n3r6t2w7y4a5b6c2d3e4f5g"
BOUNCE = "b2c3d4e5f6g7h2i3j4k5l6m7n2o3p4q5"
ANSWER = "a" * 31 + "z"


def _summary() -> bytes:
    return compose_summary(
        owner=Party("anna@example.org", "Anna Berg"),
        tracking_address="track@accord.example.com",
        recipient=Party("mike@example.com", "Mike"),
        token=REPLY,
        bounce_token=BOUNCE,
        ref="7RWT-3HNA",
        title="Lead flow: 10 leads a week, 1 close (10%)",
        summary="We agreed on 10 leads a week. " * 20,
        deadline=datetime(2026, 6, 5, 15, tzinfo=UTC),
        recipient_tz=ZoneInfo("Europe/Berlin"),
        message_id="<s1@accord.example.com>",
        answer_url=f"https://accord.example.com/a/{ANSWER}",
    ).data


def _same_but_tokens(original: bytes, copy: bytes) -> None:
    assert len(copy) == len(original)
    differing = [i for i, (a, b) in enumerate(zip(original, copy, strict=True)) if a != b]
    assert all(copy[i : i + 1] == b"x" for i in differing)


def _no_tokens(copy: bytes) -> None:
    flat = copy.replace(b"=\r\n", b"").replace(b"=\n", b"")
    for token in (REPLY, BOUNCE, ANSWER):
        assert token.encode() not in flat


def test_a_summary_keeps_no_token_in_headers_links_or_either_part() -> None:
    raw = _summary()
    assert REPLY.encode() in raw and ANSWER.encode() in raw.replace(b"=\r\n", b"")
    copy = redact(raw)
    _no_tokens(copy)
    _same_but_tokens(raw, copy)
    parsed = BytesParser(policy=policy.default).parsebytes(copy)
    assert parsed["Reply-To"] == "track+" + "x" * 32 + "@accord.example.com"
    body = parsed.get_body(("plain",))
    assert body is not None and "/a/" + "x" * 32 in str(body.get_content())


def test_the_copy_digest_is_the_hash_of_the_copy_not_of_the_original() -> None:
    # the chain records this one digest for mail in and out; a bundle's file must match it
    raw = _summary()
    assert copy_digest(raw) == hashlib.sha256(redact(raw)).hexdigest()
    assert copy_digest(raw) != hashlib.sha256(raw).hexdigest()
    assert copy_digest(b"no token here") == hashlib.sha256(b"no token here").hexdigest()


def test_a_reply_quoting_the_summary_in_base64_keeps_no_token() -> None:
    quoted = f"Confirmed.\n\n> Confirm: https://accord.example.com/a/{ANSWER}?answer=confirm\n"
    reply = EmailMessage()
    reply["From"] = "mike@example.com"
    reply["To"] = f"track+{REPLY}@accord.example.com"
    reply["Subject"] = "Re: Lead flow"
    reply.set_content(quoted * 10, cte="base64")
    raw = reply.as_bytes()
    copy = redact(raw)
    head, _ = raw.split(b"\n\n", 1)
    assert len(copy) == len(raw) and copy.startswith(head.replace(REPLY.encode(), b"x" * 32))
    assert [len(line) for line in copy.splitlines()] == [len(line) for line in raw.splitlines()]
    decoded = BytesParser(policy=policy.default).parsebytes(copy).get_body(("plain",))
    assert decoded is not None
    text = str(decoded.get_content())
    assert ANSWER not in text and text.count("/a/" + "x" * 32) == 10
    assert REPLY not in copy.decode()
    # The header is read in any letter case.
    named, shouted = b"Content-Transfer-Encoding: base64", b"CONTENT-TRANSFER-ENCODING: Base64"
    assert redact(raw.replace(named, shouted)) == copy.replace(named, shouted)


def test_text_and_messages_without_tokens_are_unchanged() -> None:
    assert redact_text(f"see /a/{ANSWER} and track+{REPLY}@x") == (
        f"see /a/{'x' * 32} and track+{'x' * 32}@x"
    )
    plain = b"Subject: hi\r\n\r\nA +1 from me, see /a/short and track+bounce@x.\r\n"
    assert redact(plain) == plain
    # A 33-letter run is not a token of ours: left alone.
    assert redact_text("/a/" + "a" * 33) == "/a/" + "a" * 33


@given(st.binary(max_size=400))
def test_redacting_any_bytes_keeps_their_length_and_never_raises(data: bytes) -> None:
    raw = b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(data) + data
    assert len(redact(raw)) == len(raw)


def test_every_form_a_mail_client_gives_a_token_is_hidden() -> None:
    up = REPLY.upper()
    forms = {
        "upper-case address": f"To: TRACK+{up}@ACCORD.EXAMPLE.COM\r\n",
        "safe link": f"https://x.safelinks.protection.outlook.com/?url=https%3A%2F%2Fa.example%2Fa%2F{ANSWER}&d=1\r\n",
        "qp-encoded slash": f"see https://a.example=2Fa=2F{ANSWER} now\r\n",
        "soft break in the link": f"https://a.example/=\r\na/{ANSWER}\r\n",
        "soft break in the tag": f"mailto:track+boun=\r\nce-{BOUNCE}@a.example\r\n",
        "encoded plus": f"mailto:track%2B{REPLY}%40a.example\r\n",
    }
    for name, text in forms.items():
        raw = ("Subject: x\r\n\r\n" + text).encode()
        copy = redact(raw)
        _same_but_tokens(raw, copy)
        flat = copy.replace(b"=\r\n", b"").lower()
        for token in (REPLY, BOUNCE, ANSWER):
            assert token.encode() not in flat, name
        decoded = quopri.decodestring(text.encode()).decode()  # as the reader sees it
        assert redact_text(decoded).lower().count("x" * 32) == 1, name


def test_other_long_words_are_left_alone() -> None:
    text = "Message-ID <" + REPLY + "@accord.example.com> and base32 " + BOUNCE + "\r\n"
    raw = ("Subject: x\r\n\r\n" + text).encode()
    assert redact(raw) == raw and redact_text(text) == text


_NEAR_PREFIXES = [b"+", b"%2B", b"=2b", b"+bounce-", b"=2BBOUNCE-", b"%2bBounce-", b"bounce-"]
_NEAR_PREFIXES += [b"/a/", b"%2fA%2F", b"=2Fa/", b"/a=2f", b"a/", b"/", b"%2", b"="]
_NEAR_TOKENS = [REPLY, REPLY.upper(), REPLY[:31], REPLY + "a", REPLY[:16]]


@st.composite
def _near_forms(draw: st.DrawFn) -> bytes:
    """Forms and near misses run together, with soft line breaks put anywhere."""
    parts = st.tuples(
        st.sampled_from(_NEAR_PREFIXES),
        st.sampled_from(_NEAR_TOKENS).map(str.encode),
        st.sampled_from([b"", b" ", b"x", b"@", b"=3D", b"=\r\n", b"\r\n"]),
    )
    data = b"".join(b"".join(part) for part in draw(st.lists(parts, max_size=4)))
    for at in sorted(draw(st.lists(st.integers(0, len(data)), max_size=3)), reverse=True):
        data = data[:at] + draw(st.sampled_from([b"=\r\n", b"=\n"])) + data[at:]
    return data


def _spaced(pieces: list[bytes]) -> bytes:
    return _SOFT.join(pieces)


def _form(plus_or_slash: tuple[bytes, ...], tail: bytes) -> bytes:
    first = rb"(?:" + b"|".join(plus_or_slash) + rb")"
    return _spaced([first, *(re.escape(bytes([c])) for c in tail)])


_SLASH, _PLUS = (rb"/", rb"%2f", rb"=2f"), (rb"\+", rb"%2b", rb"=2b")
# The forms written plainly (as mail.redact had them): tried at every position.
_PLAIN_FORMS = re.compile(
    rb"(?:"
    + b"|".join(
        [
            _form(_PLUS, b"bounce-"),
            _form(_PLUS, b""),
            _spaced([_form(_SLASH, b"a"), rb"(?:" + b"|".join(_SLASH) + rb")"]),
        ]
    )
    + rb")("
    + _TOKEN
    + rb")",
    re.IGNORECASE,
)


@settings(max_examples=500)
@given(_near_forms())
def test_the_scan_finds_what_the_forms_written_plainly_find(data: bytes) -> None:
    # _FORMS is written for speed (its first bytes as a class the engine skips to).
    assert _FORMS.sub(_blank, data) == _PLAIN_FORMS.sub(_blank, data)
