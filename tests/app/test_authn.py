"""Who sent it: ``app.inbound.authn`` and Accord's own DKIM check (``mail.dkim``), as pure
functions, against a stranger who forges the counterparty's From.

Only the topmost Authentication-Results header of our authserv-id counts; any DKIM or DMARC
fail (permerror, temperror, policy) in it is a fail; only DMARC pass, or DKIM pass for a
domain aligned with From, is a pass; SPF alone never is. Accord's own DKIM check passes only
a valid signature of a domain aligned with From, over the bytes as they arrived.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

import dkim
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from app.config import Settings
from app.inbound.authn import Authenticity, aligned, authenticity
from mail.dkim import verified_domains
from mail.message import parse_message

AUTHSERV = "mx.accord.example.com"
TRACKING = "track@accord.example.com"
MIKE = "mike@example.com"


def settings_for(authserv: str = AUTHSERV) -> Settings:
    return Settings(
        database_url="sqlite://",
        tracking_address=TRACKING,
        authserv_id=authserv,
        _env_file=None,  # type: ignore[call-arg]
    )


def message(*results: str, sender: str = f"Mike <{MIKE}>", extra: str = "") -> bytes:
    """A reply from ``sender`` as delivered, with ``results`` as Authentication-Results
    headers, the first on top."""
    headers = "".join(f"Authentication-Results: {r}\r\n" for r in results)
    return (
        f"{headers}{extra}From: {sender}\r\nTo: Accord <{TRACKING}>\r\n"
        "Subject: Re: Lead flow [ABCD-1234]\r\nMessage-ID: <reply-1@example.com>\r\n"
        "Date: Mon, 1 Jun 2026 10:00:00 +0000\r\nIn-Reply-To: <summary-1@accord.example.com>\r\n"
        "\r\nConfirmed, thanks!\r\n\r\nMike\r\n"
    ).encode()


def verdict_of(
    raw: bytes,
    *,
    authserv: str = AUTHSERV,
    dkim_domains: tuple[str, ...] = (),
    source: str = "imap",
) -> Authenticity:
    parsed = parse_message(raw, tracking_address=TRACKING)
    return authenticity(settings_for(authserv), parsed, dkim_domains, source=source)


# --- the receiving server's word -------------------------------------------------------------


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        ([f"{AUTHSERV}; dmarc=pass header.from=example.com"], "pass"),
        ([f"{AUTHSERV}; dkim=pass header.d=example.com"], "pass"),
        ([f"{AUTHSERV}; dkim=pass header.i=@example.com"], "pass"),
        ([f'{AUTHSERV} 1; dkim=pass (2048-bit key) header.d="EXAMPLE.COM"'], "pass"),
        # A forged result below our server's own topmost header changes nothing either way.
        (
            [
                f"{AUTHSERV}; dkim=pass header.d=example.com",
                f"{AUTHSERV}; dkim=fail header.d=example.com; dmarc=fail",
            ],
            "pass",
        ),
    ],
    ids=["dmarc-pass", "aligned-dkim-d", "aligned-dkim-i", "quoted-upper-case", "fail-below"],
)
def test_our_servers_pass_for_the_from_domain_is_a_pass(results: list[str], expected: str) -> None:
    checked = verdict_of(message(*results))
    assert checked.verdict == expected, checked.reason
    assert checked.passed
    assert AUTHSERV in checked.reason


def test_a_parent_domains_dkim_pass_aligns_with_a_subdomain_sender() -> None:
    raw = message(f"{AUTHSERV}; dkim=pass header.d=example.com", sender="mike@mail.example.com")
    assert verdict_of(raw).verdict == "pass"


@pytest.mark.parametrize(
    "results",
    [
        # Another server's word, however good, is anyone's word.
        [
            "mx.elsewhere.example; dkim=pass header.d=example.com;"
            " dmarc=pass header.from=example.com"
        ],
        # Our id with something added before or after it is not our id.
        [f"{AUTHSERV}.evil.example; dmarc=pass header.from=example.com"],
        [f"evil-{AUTHSERV}; dmarc=pass header.from=example.com"],
        [f"evil.{AUTHSERV}; dmarc=pass header.from=example.com"],
        # A pass claimed in our name below the header our server adds on top.
        [
            f"{AUTHSERV}; dkim=none; dmarc=none header.from=example.com",
            f"{AUTHSERV}; dkim=pass header.d=example.com; dmarc=pass header.from=example.com",
        ],
        # Our server said nothing about DKIM or DMARC: a forged pass further down is not it.
        [
            f"{AUTHSERV}; spf=neutral smtp.mailfrom=example.com",
            f"{AUTHSERV}; dmarc=pass header.from=example.com",
        ],
        # Our DKIM pass, for a domain that is not the From domain (or not a domain at all).
        [f"{AUTHSERV}; dkim=pass header.d=evil.example"],
        [f"{AUTHSERV}; dkim=pass header.d=com"],
        [f"{AUTHSERV}; dkim=pass header.d=ample.com"],
        [f"{AUTHSERV}; dkim=pass header.d=mail.example.com"],  # a child never covers its parent
        [f"{AUTHSERV}; dkim=pass"],  # no signing domain named
        # SPF is about the envelope sender, never about From.
        [f"{AUTHSERV}; spf=pass smtp.mailfrom=example.com"],
        [f"{AUTHSERV}; spf=pass smtp.mailfrom=example.com; dkim=none; dmarc=none"],
        # What a comment says is not a result.
        [f"{AUTHSERV}; dkim=none (dkim=pass header.d=example.com) header.d=example.com"],
        [f"{AUTHSERV}; dkim=pass header.d=evil.example (header.d=example.com)"],
        # A DMARC pass for another From domain than the one Accord reads is not about Mike.
        [f"{AUTHSERV}; dmarc=pass header.from=evil.example"],
    ],
    ids=[
        "other-authserv",
        "our-id-as-prefix",
        "our-id-with-a-prefix",
        "a-subdomain-of-our-id",
        "ours-below-our-topmost",
        "ours-below-our-topmost-without-dkim",
        "unaligned-dkim",
        "public-suffix-dkim",
        "look-alike-dkim",
        "child-domain-dkim",
        "dkim-without-domain",
        "spf-only",
        "spf-pass-dkim-none",
        "pass-in-a-comment",
        "aligned-domain-in-a-comment",
        "dmarc-pass-for-another-header-from",
    ],
)
def test_a_forged_or_misread_pass_is_never_a_pass(results: list[str]) -> None:
    checked = verdict_of(message(*results))
    assert checked.verdict == "none", checked.reason
    assert not checked.passed


@pytest.mark.parametrize(
    "results",
    [
        [f"{AUTHSERV}; dkim=pass header.d=example.com; dkim=fail header.d=example.com"],
        [f"{AUTHSERV}; dkim=fail header.d=evil.example; dkim=pass header.d=example.com"],
        [f"{AUTHSERV}; dmarc=pass header.from=example.com; dkim=fail header.d=example.com"],
        [f"{AUTHSERV}; dkim=pass header.d=example.com; dmarc=fail header.from=example.com"],
        [f"{AUTHSERV}; dkim=temperror header.d=example.com; dmarc=pass"],
        [f"{AUTHSERV}; dkim=permerror header.d=example.com"],
        [f"{AUTHSERV}; dmarc=permerror header.from=example.com"],
        [f"{AUTHSERV}; dkim=policy header.d=example.com; dmarc=pass"],
        # Our topmost header fails: a forged pass below it does not rescue it.
        [
            f"{AUTHSERV}; dmarc=fail (p=reject) header.from=example.com",
            f"{AUTHSERV}; dkim=pass header.d=example.com; dmarc=pass header.from=example.com",
        ],
        # Nor does another server's pass above it.
        [
            "mx.elsewhere.example; dkim=pass header.d=example.com; dmarc=pass",
            f"{AUTHSERV}; dkim=fail header.d=example.com",
        ],
    ],
    ids=[
        "aligned-pass-and-a-fail",
        "fail-then-aligned-pass",
        "dmarc-pass-dkim-fail",
        "dkim-pass-dmarc-fail",
        "temperror",
        "dkim-permerror",
        "dmarc-permerror",
        "policy",
        "topmost-fail-forged-pass-below",
        "other-pass-above-our-fail",
    ],
)
def test_any_dkim_or_dmarc_failure_at_our_server_is_a_fail(results: list[str]) -> None:
    checked = verdict_of(message(*results))
    assert checked.verdict == "fail", checked.reason
    assert AUTHSERV in checked.reason


def test_a_fail_outweighs_a_dkim_signature_accord_verified_itself() -> None:
    raw = message(f"{AUTHSERV}; dmarc=fail header.from=example.com")
    assert verdict_of(raw, dkim_domains=("example.com",)).verdict == "fail"


def test_without_an_authserv_id_no_header_counts_at_all() -> None:
    for result in ("pass", "fail"):
        raw = message(f"{AUTHSERV}; dkim={result} header.d=example.com; dmarc={result}")
        checked = verdict_of(raw, authserv="")
        assert checked.verdict == "none", (result, checked.reason)
        assert not checked.passed


@pytest.mark.parametrize("source", ["connected", "dev", "capture"])
def test_a_pass_written_where_no_receiving_server_wrote_it_is_not_a_pass(source: str) -> None:
    """The owner APPENDs to their connected mailbox whatever headers they like; the
    development SMTP server adds none. Only Accord's own DKIM check passes there, and a
    failure still fails (it only holds the message for the owner)."""
    ours = f"{AUTHSERV}; dkim=pass header.d=example.com; dmarc=pass header.from=example.com"
    checked = verdict_of(message(ours), source=source)
    assert checked.verdict == "none" and "not believed" in checked.reason, checked
    assert verdict_of(message(ours), source="http").passed
    own = verdict_of(message(ours), source=source, dkim_domains=("example.com",))
    assert own.passed and "checked by Accord" in own.reason
    failed = verdict_of(message(f"{AUTHSERV}; dkim=fail header.d=example.com"), source=source)
    assert failed.verdict == "fail"


def test_no_evidence_is_never_a_pass() -> None:
    for authserv in ("", AUTHSERV):
        checked = verdict_of(message(), authserv=authserv)
        assert (checked.verdict, checked.passed) == ("none", False)


@pytest.mark.parametrize(
    ("signer", "from_domain", "expected"),
    [
        ("example.com", "example.com", True),
        ("example.com", "mail.example.com", True),
        ("EXAMPLE.COM.", "example.com", True),
        ("mail.example.com", "example.com", False),
        ("ample.com", "example.com", False),
        ("com", "example.com", False),
        ("", "example.com", False),
        ("example.com", "", False),
        ("example.com", "example.com.evil.example", False),
    ],
)
def test_alignment_is_the_from_domain_or_a_parent(
    signer: str, from_domain: str, expected: bool
) -> None:
    assert aligned(signer, from_domain) is expected


# --- Accord's own DKIM check -------------------------------------------------------------------


class Signer:
    """A domain's DKIM key and the DNS that publishes it, offline."""

    def __init__(self) -> None:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
        der = key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        self.public = base64.b64encode(der).decode("ascii")
        self.records: dict[str, bytes] = {}

    def publish(self, domain: str, selector: str = "sel", flags: str = "") -> None:
        self.records[f"{selector}._domainkey.{domain}."] = (
            f"v=DKIM1; k=rsa;{flags} p={self.public}".encode()
        )

    def lookup(self, name: bytes | str, timeout: int = 5) -> bytes | None:
        key = name.decode() if isinstance(name, bytes) else name
        return self.records.get(key if key.endswith(".") else key + ".")

    def sign(self, raw: bytes, domain: str, *, length: bool = False) -> bytes:
        signature: bytes = dkim.sign(
            raw,
            b"sel",
            domain.encode(),
            self.pem,
            # As Gmail signs: the thread headers too, where the message has them.
            include_headers=[
                b"from",
                b"to",
                b"subject",
                b"date",
                b"message-id",
                b"in-reply-to",
                b"references",
            ],
            length=length,
        )
        return signature + raw


@pytest.fixture(scope="module")
def signer() -> Signer:
    made = Signer()
    made.publish("example.com")
    made.publish("evil.example")
    return made


def unsigned(sender: str = f"Mike <{MIKE}>") -> bytes:
    return message(sender=sender)


def own_check(raw: bytes, lookup: Callable[..., bytes | None]) -> Authenticity:
    return verdict_of(raw, dkim_domains=verified_domains(raw, dns=lookup))


def test_a_signature_that_verifies_for_the_from_domain_is_a_pass(signer: Signer) -> None:
    raw = signer.sign(unsigned(), "example.com")
    assert verified_domains(raw, dns=signer.lookup) == ("example.com",)
    checked = own_check(raw, signer.lookup)
    assert checked.verdict == "pass", checked.reason
    assert "checked by Accord" in checked.reason


def test_a_valid_signature_of_another_domain_is_not_a_pass(signer: Signer) -> None:
    raw = signer.sign(unsigned(), "evil.example")
    assert verified_domains(raw, dns=signer.lookup) == ("evil.example",)
    checked = own_check(raw, signer.lookup)
    assert checked.verdict == "none", checked.reason


@pytest.mark.parametrize(
    "tamper",
    [
        lambda raw: raw.replace(b"Confirmed, thanks!", b"Confirmed, 99 leads!"),
        lambda raw: raw.replace(b"Subject: Re: Lead flow", b"Subject: Re: Lead floe"),
        lambda raw: raw.replace(b"From: Mike <mike@", b"From: Mike <mikey@"),
    ],
    ids=["body", "subject", "from"],
)
def test_a_message_changed_after_signing_is_not_a_pass(
    signer: Signer, tamper: Callable[[bytes], bytes]
) -> None:
    raw = signer.sign(unsigned(), "example.com")
    forged = tamper(raw)
    assert forged != raw
    assert verified_domains(forged, dns=signer.lookup) == ()
    assert own_check(forged, signer.lookup).verdict == "none"


def test_text_appended_beyond_a_signed_body_length_is_not_a_pass(signer: Signer) -> None:
    # A signature with l= covers only the first bytes of the body: whatever is appended after
    # them (here, a new answer above nothing) was never signed by the domain.
    raw = signer.sign(unsigned(), "example.com", length=True)
    forged = raw + b"\r\nActually: 99 leads a week, confirmed.\r\n"
    checked = own_check(forged, signer.lookup)
    assert checked.verdict == "none", checked.reason


def test_a_from_header_added_above_a_signed_one_is_not_a_pass(signer: Signer) -> None:
    # Someone with any message example.com signed (a colleague's, a newsletter) adds a From of
    # Mike's on top: the signature still verifies over the From further down.
    colleague = signer.sign(unsigned(sender="Alice <alice@example.com>"), "example.com")
    forged = f"From: Mike <{MIKE}>\r\n".encode() + colleague
    assert parse_message(forged, tracking_address=TRACKING).from_addr == MIKE
    checked = own_check(forged, signer.lookup)
    assert checked.verdict == "none", checked.reason


def test_a_key_in_testing_mode_is_not_a_pass(signer: Signer) -> None:
    # RFC 6376 3.6.1: a domain testing DKIM (t=y) must be treated like unsigned mail.
    testing = Signer()
    testing.publish("example.com", flags=" t=y;")
    raw = testing.sign(unsigned(), "example.com")
    checked = own_check(raw, testing.lookup)
    assert checked.verdict == "none", checked.reason


def test_a_signature_whose_key_cannot_be_found_is_not_a_pass(signer: Signer) -> None:
    raw = signer.sign(unsigned(), "example.com")

    def no_dns(name: bytes | str, timeout: int = 5) -> bytes | None:
        return None

    def broken_dns(name: bytes | str, timeout: int = 5) -> bytes | None:
        raise OSError("SERVFAIL")

    def wrong_key(name: bytes | str, timeout: int = 5) -> bytes | None:
        other = Signer()
        return f"v=DKIM1; k=rsa; p={other.public}".encode()

    for lookup in (no_dns, broken_dns, wrong_key):
        assert verified_domains(raw, dns=lookup) == (), lookup.__name__
        assert own_check(raw, lookup).verdict == "none", lookup.__name__
