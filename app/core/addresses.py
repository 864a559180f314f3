"""The one address policy for every way an address comes in: the API, the dashboard, BCC
capture and ``accord user create``.

An address is kept as Accord will write it into a header and an SMTP envelope: NFC, lower
case, a dot-atom local part, and the domain in IDNA A-labels (``z@exämple.com`` becomes
``z@xn--exmple-cua.com``), so whatever is accepted here can be sent later. A non-ASCII local
part (``zoë@example.com``) can only be sent with SMTPUTF8 (RFC 6531), so it is accepted only
when the operator says the relay offers it (``ACCORD_SMTPUTF8``) and refused here, at
creation, otherwise, rather than failing at delivery. Its domain is still stored as
A-labels (valid in an SMTPUTF8 envelope and header too), so one address has one spelling
for matching replies whichever form it came in.

Special-use domains (RFC 6761 and friends: ``.test``, ``.local``, ``.localhost`` ...) reach
no one on the public internet, so they are refused unless the operator names them as their
own (``ACCORD_INTERNAL_DOMAINS``); the tracking address's domain always counts as internal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

import idna

from app.errors import Invalid
from mail.headers import MAX_ADDRESS_LENGTH, UnsafeHeaderError, validate_address

if TYPE_CHECKING:
    from app.config import Settings

# email-validator's list, and the names ICANN reserved for private use since.
SPECIAL_USE = frozenset(
    {"arpa", "invalid", "local", "localhost", "onion", "test", "internal", "alt", "home.arpa"}
)


def ascii_domain(domain: str) -> str:
    """The domain in IDNA A-labels, lower case; ValueError if it is no valid domain name."""
    domain = domain.strip().rstrip(".").lower()
    if domain.isascii():
        return domain
    try:
        return idna.encode(domain, uts46=True).decode("ascii").lower()
    except idna.IDNAError as exc:
        raise ValueError(f"{domain} is not a valid internationalised domain name ({exc})") from exc


class AddressPolicy(tuple[str, ...]):
    """The installation's own special-use domains (a tuple of A-labels, as every caller
    passes them on) and whether its relay takes SMTPUTF8, so a non-ASCII local part may be
    accepted (``ACCORD_SMTPUTF8``)."""

    smtputf8: bool

    def __new__(cls, domains: Iterable[str] = (), *, smtputf8: bool = False) -> AddressPolicy:
        policy = super().__new__(cls, domains)
        policy.smtputf8 = smtputf8
        return policy


def normalize_address(value: str) -> str:
    """``value`` as Accord stores and sends it, or ValueError saying why it cannot be used.

    A non-ASCII local part passes here (it is only syntax); whether the installation can
    send to it is ``check_address``'s question."""
    value = unicodedata.normalize("NFC", value.strip())
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain:
        raise ValueError("an email address needs a local part, an @ and a domain")
    address = f"{local.lower()}@{ascii_domain(domain)}"
    if len(address.encode()) > MAX_ADDRESS_LENGTH:
        raise ValueError(f"an email address has at most {MAX_ADDRESS_LENGTH} bytes")
    try:
        return validate_address(address, "email address", utf8_local=not local.isascii())
    except UnsafeHeaderError as exc:
        raise ValueError(f"{value}: {exc} (a dot-atom local part @ a domain name)") from exc


def internal_domains(configured: str, *own: str) -> tuple[str, ...]:
    """The operator's comma-separated internal domains and Accord's own, as A-labels."""
    names = [d for d in (*configured.split(","), *own) if d.strip()]
    return tuple(sorted({ascii_domain(d) for d in names}))


def own_domains(settings: Settings) -> AddressPolicy:
    """The domains this installation counts as internal (``ACCORD_INTERNAL_DOMAINS``, the
    tracking address's and the Message-ID domain), and whether it sends with SMTPUTF8."""
    domains = internal_domains(
        settings.internal_domains, settings.tracking_domain, settings.message_id_domain
    )
    return AddressPolicy(domains, smtputf8=settings.smtputf8)


def special_use(domain: str) -> str | None:
    """The special-use name ``domain`` falls under, if any."""
    labels = domain.lower().split(".")
    for n in (2, 1):
        suffix = ".".join(labels[-n:])
        if len(labels) >= n and suffix in SPECIAL_USE:
            return suffix
    return None


def check_address(value: str, internal: Iterable[str]) -> str:
    """The normalised address if the policy allows it, else Invalid (a 422). ``internal``:
    the installation's own domains, an ``AddressPolicy`` where SMTPUTF8 may be allowed."""
    try:
        address = normalize_address(value)
    except ValueError as exc:
        raise Invalid(str(exc)) from exc
    local, _, domain = address.rpartition("@")
    if not local.isascii() and not (isinstance(internal, AddressPolicy) and internal.smtputf8):
        raise Invalid(
            f"{address}: the part before the @ has non-ASCII characters, which only a mail "
            "relay offering SMTPUTF8 can send; if yours does, set ACCORD_SMTPUTF8=true "
            "(the domain may be internationalised either way)"
        )
    reserved = special_use(domain)
    if reserved and not any(domain == d or domain.endswith("." + d) for d in internal):
        raise Invalid(
            f"{address}: .{reserved} is a special-use domain that reaches no one on the "
            "internet; if it is one of your own, list it in ACCORD_INTERNAL_DOMAINS"
        )
    return address
