"""Whether a message's sender authenticated, by our receiving server's word."""

from __future__ import annotations

from app.config import Settings
from mail.message import ParsedMessage


def authentication_failure(settings: Settings, parsed: ParsedMessage) -> str | None:
    """Why our receiving server's Authentication-Results fail this message, if they do."""
    authserv = settings.authserv_id.strip().lower()
    if not authserv:
        return None
    for result in parsed.auth_results:
        if result.authserv_id.lower() != authserv:
            continue  # anyone can add the header; only our receiving server's counts
        failed = [m for m in ("dmarc", "dkim") if result.results.get(m) in {"fail", "permerror"}]
        if failed:
            return f"{' and '.join(failed).upper()} failed at {authserv}"
    return None
