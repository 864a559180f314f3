"""A quote header left in the reply text ("On …, Anna Berg via Accord <…> wrote:") is skipped
with the header fields around it, never with the writer's own lines above it: "PS: deposit on
completion, not in April", or a line with an address in it (found by a red team that read the
code). Written for this file."""

from __future__ import annotations

import pytest

from mail.classify import classify_reply

SUMMARY = """Hi Tom,

Here is what we agreed for the bathroom:

- Total price £6,200 including VAT: £1,500 deposit by 26 April, the rest on completion.
- Work runs from 08:00 to 17:00 on weekdays only.

Thanks,
Anna"""
QUOTE = "\n".join("> " + line for line in SUMMARY.splitlines())
HEADER = "On Tue, 13 Apr 2027 at 09:12, Anna Berg via Accord <track+k3n7@accord.example.com> wrote:"
NAMES = ["Tom Reed", "Anna Berg"]


def _label(new: str) -> str:
    return classify_reply(f"{new}{HEADER}\n{QUOTE}", sent_text=SUMMARY, names=NAMES).label


@pytest.mark.parametrize(
    "new",
    [
        "Agreed, thanks Anna.\nPS: deposit on completion, not in April.\n\n",
        "Agreed, thanks.\nInvoices come from accounts@reed.example, payable 60 days after.\n\n",
        "Agreed, thanks.\nDeposit on completion.\n",
    ],
)
def test_the_writers_lines_above_the_header_are_read(new: str) -> None:
    assert _label(new) == "clarification"


@pytest.mark.parametrize(
    "new",
    [
        "Agreed, thanks Anna.\n\n",
        "Agreed, thanks Anna.\n\n-----Original Message-----\n",
        "Agreed, thanks Anna.\n\n-------- Original Message --------\nSubject: Bathroom\n",
    ],
)
def test_the_header_and_its_fields_are_skipped(new: str) -> None:
    assert _label(new) == "confirmation"
