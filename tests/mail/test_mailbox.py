"""DevMailbox: a DevBox folder read through the same protocol as an IMAP folder."""

from __future__ import annotations

import threading
import time
from datetime import UTC
from pathlib import Path

import pytest

from mail.devbox import DevBox
from mail.mailbox import DevMailbox, UidValidityChanged, batched


def fill(box: DevBox, count: int) -> None:
    for n in range(1, count + 1):
        box.append(f"Subject: {n}\r\n\r\nbody {n}\r\n".encode())


def test_open_on_an_empty_folder(tmp_path: Path) -> None:
    status = DevMailbox(DevBox(tmp_path / "inbox")).open()
    assert (status.uidnext, status.exists, status.can_idle) == (1, 0, False)
    assert status.uidvalidity > 0


def test_fetch_after_watermark_in_batches_oldest_first(tmp_path: Path) -> None:
    box = DevBox(tmp_path)
    fill(box, 5)
    with DevMailbox(box) as mailbox:
        batches = list(mailbox.fetch_after(1, batch_size=3))
    assert [[m.uid for m in batch] for batch in batches] == [[2, 3, 4], [5]]
    first = batches[0][0]
    assert first.raw == b"Subject: 2\r\n\r\nbody 2\r\n"
    assert first.size == len(first.raw)
    assert first.internaldate.tzinfo is UTC


def test_nothing_after_the_last_uid(tmp_path: Path) -> None:
    box = DevBox(tmp_path)
    fill(box, 2)
    assert list(DevMailbox(box).fetch_after(2)) == []


def test_uidvalidity_guard(tmp_path: Path) -> None:
    box = DevBox(tmp_path)
    fill(box, 1)
    mailbox = DevMailbox(box)
    validity = mailbox.open().uidvalidity
    assert len(next(mailbox.fetch_after(0, uidvalidity=validity))) == 1
    with pytest.raises(UidValidityChanged):
        list(mailbox.fetch_after(0, uidvalidity=validity + 1))


def test_wait_for_change_sees_a_new_message(tmp_path: Path) -> None:
    box = DevBox(tmp_path)
    mailbox = DevMailbox(box)
    mailbox.open()
    timer = threading.Timer(0.2, box.append, args=(b"Subject: late\r\n\r\n",))
    started = time.monotonic()
    timer.start()
    try:
        assert mailbox.wait_for_change(5) is True
    finally:
        timer.join()
    assert time.monotonic() - started < 2


def test_wait_for_change_times_out_when_nothing_comes(tmp_path: Path) -> None:
    box = DevBox(tmp_path)
    fill(box, 1)
    mailbox = DevMailbox(box)
    list(mailbox.fetch_after(0))
    started = time.monotonic()
    assert mailbox.wait_for_change(0.3) is False
    assert time.monotonic() - started >= 0.3


def test_mail_that_came_before_waiting_is_reported_at_once(tmp_path: Path) -> None:
    box = DevBox(tmp_path)
    mailbox = DevMailbox(box)
    mailbox.open()
    box.append(b"Subject: between\r\n\r\n")
    assert mailbox.wait_for_change(0) is True


def test_batched_rejects_zero() -> None:
    with pytest.raises(ValueError, match="batch_size"):
        list(batched([1], 0))
