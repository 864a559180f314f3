"""Why an inbound message changed nothing: one class per reason, mapped to a stored status.

Outcome
├── Ignored          (status "ignored": nothing for anyone to do)
│   ├── Unrelated
│   ├── MachineNoticeReply   (a reply to a digest or alert never changes state)
│   ├── NoStateChange        (a delayed-delivery notice, a reply after a final state ...)
│   ├── AgreementClosed      (withdrawn or superseded)
│   ├── NotAUser             (a capture from an unregistered address: nothing answered)
│   └── DuplicateCapture     (another copy of a message captured already)
├── Unverified       (status "unverified": the owner reviews it)
│   ├── SenderMismatch
│   ├── AuthenticationFailed  (DKIM/DMARC failed)
│   ├── Unauthenticated       (matched by thread or ref alone, and no pass either)
│   └── DoubtfulBounce        (not from a mail system, not of what was sent, or late)
└── Rejected         (status "rejected": could not be used, kept with its reason)
    ├── UnknownToken
    ├── Unmatched
    ├── CaptureAuthFailed    (the receiving server says the sender did not authenticate)
    └── NothingToTrack       (a capture with no counterparty or no text)
"""

from __future__ import annotations


class Outcome(Exception):
    status = "processed"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Ignored(Outcome):
    status = "ignored"


class Unrelated(Ignored):
    pass


class MachineNoticeReply(Ignored):
    pass


class NoStateChange(Ignored):
    pass


class AgreementClosed(Ignored):
    pass


class Unverified(Outcome):
    status = "unverified"


class SenderMismatch(Unverified):
    pass


class AuthenticationFailed(Unverified):
    pass


class Unauthenticated(Unverified):
    pass


class DoubtfulBounce(Unverified):
    pass


class Rejected(Outcome):
    status = "rejected"


class UnknownToken(Rejected):
    pass


class Unmatched(Rejected):
    pass


class NotAUser(Ignored):
    """The sender is no registered user: nothing is created and nothing is answered."""


class DuplicateCapture(Ignored):
    """Another copy of the same message (same Message-ID) was captured already."""

    def __init__(self, reason: str, *, agreement_id: str) -> None:
        super().__init__(reason)
        self.agreement_id = agreement_id


class CaptureAuthFailed(Rejected):
    """The receiving server says the sender's domain did not authenticate the message."""


class NothingToTrack(Rejected):
    """No counterparty (only the user and the tracking address) or no text."""
