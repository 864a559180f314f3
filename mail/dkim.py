"""Accord's own DKIM check (RFC 6376), for when the receiving server's word is not there.

``verified_domains`` returns the domains (``d=``) of the message's valid signatures. The DNS
lookup of each signing key is a function the caller may pass (``dns(name) -> TXT bytes``),
so tests run offline with keys of their own; by default dkimpy asks DNS (dnspython).
Nothing here raises for a broken or hostile message: a signature that cannot be checked is
simply not valid.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import dkim

DnsLookup = Callable[..., bytes | None]

_SIGNATURE = b"dkim-signature:"
_quiet = logging.getLogger("accord.dkim")
_quiet.addHandler(logging.NullHandler())
_quiet.propagate = False


def verified_domains(raw: bytes, *, dns: DnsLookup | None = None) -> tuple[str, ...]:
    """The ``d=`` domains (lower case) of the valid DKIM signatures of ``raw``."""
    if _SIGNATURE not in raw[:256_000].lower():
        return ()
    try:
        checker = dkim.DKIM(raw, logger=_quiet, minkey=1024)
        count = sum(1 for name, _ in checker.headers if name.lower() == b"dkim-signature")
    except Exception:  # a message dkimpy cannot read has no signature we can vouch for
        return ()
    domains = []
    for index in range(count):
        try:
            valid = checker.verify(idx=index, dnsfunc=dns) if dns else checker.verify(idx=index)
            # l= signs only the first bytes of the body: anything after them is anyone's.
            valid = valid and b"l" not in checker.signature_fields
            valid = valid and not _testing(checker, dns)
        except Exception:  # a bad key, a DNS failure, a malformed tag: not valid
            valid = False
        if valid and checker.domain:
            domains.append(checker.domain.decode("ascii", "replace").lower())
    return tuple(dict.fromkeys(domains))


def _testing(checker: dkim.DKIM, dns: DnsLookup | None) -> bool:
    """Whether the signing key is published in testing mode (``t=y``), which RFC 6376 §3.6.1
    says to treat as unsigned mail."""
    fields = checker.signature_fields
    name = fields[b"s"] + b"._domainkey." + fields[b"d"] + b"."
    record = (dns or dkim.dnsplug.get_txt)(name)
    if not record:
        return True  # the key that verified a moment ago is gone: nothing to vouch for
    for tag in record.split(b";"):
        key, _, value = tag.strip().partition(b"=")
        if key.strip() == b"t" and b"y" in value.replace(b" ", b"").split(b":"):
            return True
    return False
