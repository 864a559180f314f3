"""Senders for tests and development: no SMTP server needed, same ``Sender`` protocol."""

from __future__ import annotations

from collections import deque
from types import TracebackType
from typing import Self

from mail.compose import OutboundMessage
from mail.devbox import DevBox
from mail.smtp import DeliveryResult, PermanentSmtpError, SmtpError, TransientSmtpError

_OK: tuple[int, str] = (250, "2.1.5 Ok")


class RecordingSender:
    """Keeps every sent message in ``sent``; can be told to fail or refuse.

    ``fail_next(2)`` makes the next two sends raise a 451 TransientSmtpError;
    ``fail_next(1, permanent=True)`` a 554 PermanentSmtpError; ``refuse(addr)`` refuses one
    recipient with 550 (a partial refusal, or a PermanentSmtpError when nobody is left).
    A failed send records nothing, as a real server would not have the message.
    """

    def __init__(self) -> None:
        self.sent: list[OutboundMessage] = []
        self._failures: deque[SmtpError] = deque()
        self._refused: dict[str, tuple[int, str]] = {}
        self.entered = 0

    async def __aenter__(self) -> Self:
        self.entered += 1
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    def fail_next(self, times: int = 1, *, permanent: bool = False,
                  error: SmtpError | None = None) -> None:
        for _ in range(times):
            self._failures.append(error or _failure(permanent))

    def refuse(self, address: str, code: int = 550, text: str = "5.1.1 No such user") -> None:
        self._refused[address] = (code, text)

    async def send(self, message: OutboundMessage) -> DeliveryResult:
        if self._failures:
            raise self._failures.popleft()
        refused = {r: self._refused[r] for r in message.recipients if r in self._refused}
        accepted = {r: _OK for r in message.recipients if r not in refused}
        if not accepted:
            raise PermanentSmtpError("every recipient was refused", code=550, refused=refused)
        self.sent.append(message)
        return DeliveryResult(accepted, refused, (250, f"2.0.0 Ok: queued as REC{len(self.sent)}"))

    def to(self, address: str) -> list[OutboundMessage]:
        """Messages that went to ``address``."""
        return [m for m in self.sent if address in m.recipients]


def _failure(permanent: bool) -> SmtpError:
    if permanent:
        return PermanentSmtpError("554 5.7.1 Rejected (test)", code=554, text="5.7.1 Rejected")
    return TransientSmtpError("451 4.3.0 Try again (test)", code=451, text="4.3.0 Try again")


class DevBoxSender:
    """Writes each message's bytes, unchanged, into a DevBox: the development "sent" folder."""

    def __init__(self, box: DevBox) -> None:
        self.box = box

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    async def send(self, message: OutboundMessage) -> DeliveryResult:
        uid = self.box.append(message.data)
        accepted = {r: _OK for r in message.recipients}
        return DeliveryResult(accepted, {}, (250, f"2.0.0 stored in devbox uid {uid}"))
