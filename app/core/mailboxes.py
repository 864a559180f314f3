"""The keys that polling progress (``mailbox_state``) is stored under."""

from __future__ import annotations

TRACKING = "tracking"  # the tracking mailbox (or the development inbox)


def connected_key(mailbox_id: int) -> str:
    """A user's connected mailbox."""
    return f"connected:{mailbox_id}"
