"""Domain errors. No HTTP here: app.api.problems maps each class to a problem+json response.

    DomainError
    ├── NotFound
    ├── Conflict
    │   └── InvalidTransition
    ├── Invalid                 (input that is well-formed but not acceptable)
    │   ├── InvalidDeadline
    │   └── InvalidTimeZone
    ├── Unauthorized
    │   └── KeyExpired
    └── Forbidden

Each class names its problem ``type`` and ``title`` in its header:
``class NotFound(DomainError, type="not-found", title="Not found")``.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    type: str = "about:blank"
    title: str = "Error"

    def __init_subclass__(cls, *, type: str = "", title: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.type = type or cls.type
        cls.title = title or cls.title

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(DomainError, type="not-found", title="Not found"): ...


class Conflict(DomainError, type="conflict", title="Conflict"): ...


class InvalidTransition(Conflict, type="invalid-transition", title="Invalid state transition"): ...


class Invalid(DomainError, type="invalid-input", title="Invalid input"): ...


class InvalidDeadline(Invalid, type="invalid-deadline", title="Invalid deadline"): ...


class InvalidTimeZone(Invalid, type="invalid-time-zone", title="Unknown time zone"): ...


class Unauthorized(DomainError, type="unauthorized", title="Unauthorized"): ...


class KeyExpired(Unauthorized, type="api-key-expired", title="API key expired"): ...


class Forbidden(DomainError, type="forbidden", title="Forbidden"): ...


class DevSmtpPortTaken(RuntimeError):
    """Not a domain error: the development SMTP port is held by another process (often
    another Accord), so this one cannot start (``app.jobs.worker.start_dev_smtp``)."""
