"""The one address policy for every way an address comes in: the API, the dashboard, BCC
capture and ``accord user create``.

An address is kept as Accord will write it into a header and an SMTP envelope: lower case,
an ASCII dot-atom local part, and the domain in IDNA A-labels (``z@exämple.com`` becomes
``z@xn--exmple-cua.com``), so whatever is accepted here can be sent later. A non-ASCII local
part would need SMTPUTF8 end to end, which Accord does not speak: it is refused here, at
creation, rather than failing at delivery.

Special-use domains (RFC 6761 and friends: ``.test``, ``.local``, ``.localhost`` ...) reach
no one on the public internet, so they are refused unless the operator names them as their
own (``ACCORD_INTERNAL_DOMAINS``); the tracking address's domain always counts as internal.
"""

from __future__ import annotations

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


def normalize_address(value: str) -> str:
    """``value`` as Accord stores and sends it, or ValueError saying why it cannot be used."""
    value = value.strip()
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain:
        raise ValueError("an email address needs a local part, an @ and a domain")
    if not local.isascii():
        raise ValueError(
            f"{value}: the part before the @ has non-ASCII characters, which need SMTPUTF8; "
            "Accord sends only to ASCII local parts (the domain may be internationalised)"
        )
    address = f"{local.lower()}@{ascii_domain(domain)}"
    if len(address) > MAX_ADDRESS_LENGTH:
        raise ValueError(f"an email address has at most {MAX_ADDRESS_LENGTH} characters")
    try:
        return validate_address(address, "email address")
    except UnsafeHeaderError as exc:
        raise ValueError(f"{value}: {exc} (a dot-atom local part @ a domain name)") from exc


def internal_domains(configured: str, *own: str) -> tuple[str, ...]:
    """The operator's comma-separated internal domains and Accord's own, as A-labels."""
    names = [d for d in (*configured.split(","), *own) if d.strip()]
    return tuple(sorted({ascii_domain(d) for d in names}))


def own_domains(settings: Settings) -> tuple[str, ...]:
    """The domains this installation counts as internal (``ACCORD_INTERNAL_DOMAINS``, the
    tracking address's and the Message-ID domain)."""
    return internal_domains(
        settings.internal_domains, settings.tracking_domain, settings.message_id_domain
    )


def special_use(domain: str) -> str | None:
    """The special-use name ``domain`` falls under, if any."""
    labels = domain.lower().split(".")
    for n in (2, 1):
        suffix = ".".join(labels[-n:])
        if len(labels) >= n and suffix in SPECIAL_USE:
            return suffix
    return None


def check_address(value: str, internal: Iterable[str]) -> str:
    """The normalised address if the policy allows it, else Invalid (a 422)."""
    try:
        address = normalize_address(value)
    except ValueError as exc:
        raise Invalid(str(exc)) from exc
    domain = address.rpartition("@")[2]
    reserved = special_use(domain)
    if reserved and not any(domain == d or domain.endswith("." + d) for d in internal):
        raise Invalid(
            f"{address}: .{reserved} is a special-use domain that reaches no one on the "
            "internet; if it is one of your own, list it in ACCORD_INTERNAL_DOMAINS"
        )
    return address
