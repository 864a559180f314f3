"""Whether an inbound message's sender is who its From says (SPEC §5).

Two sources of evidence, both about the From domain:

- the receiving server's Authentication-Results, only from the configured authserv-id
  (``ACCORD_AUTHSERV_ID``) and only the topmost such header (a receiving server adds its own
  on top; one further down was written by whoever sent the message). Every result in it is
  read: any DKIM or DMARC fail, permerror or temperror is a failure, and only DMARC pass,
  or DKIM pass for a signing domain aligned with the From domain, is a pass. SPF alone is
  about the envelope, not From, and never counts;
- Accord's own DKIM check (``mail.dkim``): a valid signature of a domain aligned with From.

``Authenticity.verdict`` is ``pass``, ``fail`` or ``none``. A reply that names its
counterparty's token needs "not fail" (the token shows the summary reached that mailbox);
a reply matched only by thread or ref, the owner's "cancel" and a capture from a
registered address need "pass" (nothing else ties them to the person) — absent evidence is
never a pass.

A header is only the word of whoever put the message where Accord read it (``SERVER_SOURCES``):
a pass in Authentication-Results counts only for a message a receiving server delivered. In a
connected mailbox the owner can APPEND anything, a "pass" included, so there only Accord's own
DKIM check can pass. A token found there still counts as anywhere: no owner-facing surface
shows a live token (the owner's copy is redacted), so the owner cannot write one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.config import Settings
from mail.message import ParsedMessage
from mail.parse_headers import AuthResult

BAD = frozenset({"fail", "permerror", "temperror", "policy"})

# The sources (``StoredMessage.source``) whose topmost Authentication-Results the receiving
# server wrote:
# - ``imap``: the tracking mailbox, behind the operator's receiving server;
# - ``http``: ``POST /v1/inbound`` takes only bytes signed with ACCORD_INBOUND_SECRET, which the
#   operator gives to their receiving MTA (a pipe or the provider's webhook). That MTA adds its
#   header on top just as the tracking mailbox's server does, and whoever holds the secret could
#   equally APPEND to the tracking mailbox: the same operator, trusted the same way (what an
#   operator writes is caught by the receipts' seals, not here). Owners who are not the
#   operator cannot post there.
# Not ``connected`` (the owner's own folder: the owner can APPEND any header, and no server
# adds one above it), nor ``dev`` (the development SMTP server adds none), nor any other.
SERVER_SOURCES = frozenset({"imap", "http"})
Verdict = Literal["pass", "fail", "none"]


@dataclass(frozen=True)
class Authenticity:
    verdict: Verdict
    reason: str

    @property
    def passed(self) -> bool:
        return self.verdict == "pass"


def domain_of(address: str | None) -> str:
    return (address or "").rpartition("@")[2].strip().lower().rstrip(".")


def aligned(signer: str, from_domain: str) -> bool:
    """Relaxed alignment: the signing domain is the From domain or one of its parents
    (with at least two labels: a public suffix alone never aligns)."""
    signer = signer.strip().lower().rstrip(".")
    if not signer or not from_domain or signer.count(".") < 1:
        return False
    return from_domain == signer or from_domain.endswith("." + signer)


def _trusted(settings: Settings, parsed: ParsedMessage) -> AuthResult | None:
    authserv = settings.authserv_id.strip().lower()
    if not authserv:
        return None
    return next((r for r in parsed.auth_results if r.authserv_id.lower() == authserv), None)


def authenticity(
    settings: Settings,
    parsed: ParsedMessage,
    dkim_domains: tuple[str, ...] = (),
    *,
    source: str,
) -> Authenticity:
    """The evidence about ``parsed``'s From, stored from ``source``, and ``dkim_domains``
    (domains whose DKIM signatures Accord itself verified on the message)."""
    from_domain = domain_of(parsed.from_addr)
    trusted = _trusted(settings, parsed)
    if trusted is not None:
        # A failure counts from any source: whoever wrote it, it only holds the message for
        # the owner's review.
        bad = [c for c in trusted.checks if c.method in ("dkim", "dmarc") and c.result in BAD]
        if bad:
            said = ", ".join(f"{c.method.upper()} {c.result}" for c in bad)
            return Authenticity("fail", f"{said} at {trusted.authserv_id}")
        if source in SERVER_SOURCES and (passed := _server_pass(parsed, trusted, from_domain)):
            return passed
    for signer in dkim_domains:
        if aligned(signer, from_domain):
            return Authenticity("pass", f"a valid DKIM signature of {signer}, checked by Accord")
    if trusted is None:
        return Authenticity("none", "no authentication result for the sender's domain")
    if source not in SERVER_SOURCES:
        return Authenticity(
            "none",
            f"no valid DKIM signature of the sender's domain; the {trusted.authserv_id} result"
            f" of a {source} message is not believed (no receiving server wrote it)",
        )
    return Authenticity("none", f"no DMARC or aligned DKIM pass at {trusted.authserv_id}")


def _server_pass(
    parsed: ParsedMessage, trusted: AuthResult, from_domain: str
) -> Authenticity | None:
    for check in trusted.checks:
        # DMARC is about the From domain it names; a pass for another says nothing here.
        about = check.properties.get("header.from", from_domain).rstrip(".")
        if check.method == "dmarc" and check.result == "pass" and about == from_domain:
            return Authenticity("pass", f"DMARC pass at {trusted.authserv_id}")
    # A signature limited to the body's first bytes (l=) vouches for nothing added after them.
    partial = {t.domain for t in parsed.dkim_signatures if t.body_length is not None}
    for check in trusted.checks:
        signer = check.properties.get("header.d") or domain_of(check.properties.get("header.i"))
        if (
            check.method == "dkim"
            and check.result == "pass"
            and aligned(signer, from_domain)
            and signer not in partial
        ):
            return Authenticity("pass", f"DKIM pass for {signer} at {trusted.authserv_id}")
    return None


THREAD_HEADERS = ("in-reply-to", "references")


def unsigned_thread(parsed: ParsedMessage) -> str | None:
    """The thread header a matching signature leaves unsigned, if any.

    A DKIM-signed message can be sent again by anyone who holds it (the owner holds every
    reply the counterparty ever sent them), with thread headers of their choosing when the
    signature does not cover them. So when the From domain signs, a match by thread counts
    only if an aligned signature covers every thread header the message has. A message with
    no aligned signature at all passed DMARC by its sending server (SPF), which a replay
    from elsewhere cannot."""
    from_domain = domain_of(parsed.from_addr)
    signatures = [t for t in parsed.dkim_signatures if aligned(t.domain, from_domain)]
    if not signatures:
        return None
    present = [
        name
        for name, value in zip(THREAD_HEADERS, (parsed.in_reply_to, parsed.references), strict=True)
        if value
    ]
    if any(all(name in t.headers for name in present) for t in signatures):
        return None
    return next((n for n in present if not any(n in t.headers for t in signatures)), present[0])
