"""The review pack (SPEC §10): one PDF to bring to the review — the agreement as it was sent,
how each counterparty accepted it (their reply quoted, or the exact conditions of deemed
acceptance), every commitment with its status and the evidence of its delivery, and the
signed chain head with how to check it.

Text is set in DejaVu Sans where the system has it (Debian: ``fonts-dejavu-core``), so names
and replies in Cyrillic, Greek and other scripts print as written; without it, ReportLab's
own Helvetica (Latin only) is used and the pack says so."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
from sqlalchemy.orm import Session

from app.commitments.service import FollowThrough, by_label, events_of, follow_through
from app.config import Settings
from app.core.deadlines import zone
from app.core.lifecycle import CpStatus
from app.core.record import active_counterparties, current_version
from app.core.seal import Seal
from app.keys import seal_head
from app.models import Agreement, Event
from mail.compose import day_in_words, deadline_in_words

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts/dejavu"),
)


@lru_cache(maxsize=1)
def fonts() -> tuple[str, str]:
    """(regular, bold) font names, registered with ReportLab once per process."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont("AccordSans", str(regular)))
            pdfmetrics.registerFont(TTFont("AccordSans-Bold", str(bold)))
            return "AccordSans", "AccordSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "body", parent=base["BodyText"], fontName=regular, fontSize=10, leading=14
    )
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontName=bold, fontSize=17),
        "h": ParagraphStyle("h", parent=base["Heading2"], fontName=bold, fontSize=13),
        "body": body,
        "quote": ParagraphStyle(
            "quote", parent=body, leftIndent=8 * mm, textColor="#333333", fontSize=9.5
        ),
        "mono": ParagraphStyle("mono", parent=body, fontSize=7.5, leading=10),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _accepted(
    events: Sequence[Event], agreement: Agreement, tz_name: str
) -> list[tuple[str, str, str | None]]:
    """(who, how and when, the words that decided it) for each deciding counterparty."""
    tz = zone(tz_name)
    rows = []
    for cp in active_counterparties(agreement):
        if cp.informational:
            continue
        last = next(
            (
                e
                for e in reversed(events)
                if e.counterparty_id == cp.id and (e.data or {}).get("to") == cp.status
            ),
            None,
        )
        data = (last.data if last is not None else None) or {}
        who = f"{cp.name} <{cp.email}>" if cp.name else cp.email
        when = deadline_in_words(cp.status_at, tz)
        if cp.status == CpStatus.CONFIRMED:
            words = data.get("reply_text") or data.get("note")
            via = (
                "by reply" if data.get("reply_text") else f"({last.type if last else 'confirmed'})"
            )
            rows.append((who, f"Confirmed {via} on {when}.", words))
        elif cp.status == CpStatus.DEEMED_ACCEPTED:
            conditions = data.get("conditions") or []
            text = f"Deemed accepted on {when}, because:\n" + "\n".join(
                f"  - {c}" for c in conditions
            )
            rows.append((who, text, None))
        elif cp.status == CpStatus.OWNER_ATTESTED:
            rows.append((who, f"Agreed on the owner's word, recorded {when}.", data.get("note")))
        else:
            label = str(cp.status).replace("_", " ")
            rows.append((who, f"Not accepted: {label} (since {when}).", None))
    return rows


def _evidence(view_events: Sequence[Any], tz_name: str) -> list[str]:
    tz = zone(tz_name)
    lines = []
    for e in view_events:
        data = e.data or {}
        when = deadline_in_words(e.at, tz)
        if e.type == "commitment_delivered":
            note = f": {data['note']}" if data.get("note") else ""
            told = ", ".join(data.get("notified") or []) or "no one"
            lines.append(f"Delivered {when}{note} (told: {told}; event #{e.seq})")
        elif e.type == "commitment_acknowledged":
            lines.append(
                f"Acknowledged by {e.counterparty} {when}: \u201c{data.get('reply_text', '')}\u201d"
                f" (event #{e.seq})"
            )
        elif e.type == "commitment_disputed":
            lines.append(
                f"Disputed by {e.counterparty} {when}: \u201c{data.get('reply_text', '')}\u201d"
                f" (event #{e.seq})"
            )
        elif e.type == "commitment_waived":
            lines.append(f"Waived {when}: {data.get('note') or ''} (event #{e.seq})")
    return lines


def review_pack(
    session: Session, settings: Settings, agreement: Agreement, *, now: datetime
) -> bytes:
    """The review pack of ``agreement`` as PDF bytes (the chain head is sealed ``now``)."""
    events = events_of(session, agreement.id)
    ft = follow_through(session, agreement, now=now, events=events)
    sealed = seal_head(settings, agreement, at=now)
    return render_pack(settings, agreement, events, ft, sealed, now=now)


def render_pack(
    settings: Settings,
    agreement: Agreement,
    events: Sequence[Event],
    ft: FollowThrough,
    sealed: Seal,
    *,
    now: datetime,
) -> bytes:
    s = _styles()
    owner = agreement.owner
    tz_name = owner.timezone
    tz = zone(tz_name)
    version = current_version(agreement)
    story: list[Any] = [
        _p(f"Review pack: {agreement.title}", s["title"]),
        _p(
            f"Reference {agreement.ref} · version {version.number} · "
            f"{owner.name} <{owner.email}> · prepared {deadline_in_words(now, tz)}",
            s["body"],
        ),
        Spacer(1, 4 * mm),
        _p("The agreement, as sent", s["h"]),
        _p(
            f"Sent {deadline_in_words(version.created_at, tz)}; replies were due by "
            f"{deadline_in_words(version.deadline, tz)}.",
            s["body"],
        ),
        Spacer(1, 2 * mm),
        _p(version.summary, s["quote"]),
    ]
    listed = [v for v in ft.commitments if v.row.in_summary]
    if listed or (ft.review_at and ft.review_in_summary):
        story.append(_p("Listed in the summary:", s["body"]))
        for v in listed:
            due = f" (by {day_in_words(v.row.due, tz)})" if v.row.due else ""
            story.append(_p(f"- {by_label(v.row, agreement)}: {v.row.what}{due}", s["quote"]))
        if ft.review_at and ft.review_in_summary:
            story.append(_p(f"- Review: {day_in_words(ft.review_at, tz)}", s["quote"]))
    story.append(_p("Who accepted it, how and when", s["h"]))
    for who, how, words in _accepted(events, agreement, tz_name):
        story.append(_p(f"{who}: {how}", s["body"]))
        if words:
            story.append(_p(f"\u201c{words}\u201d", s["quote"]))
    story.append(_p("Commitments", s["h"]))
    if not ft.commitments:
        story.append(_p("No commitments were recorded.", s["body"]))
    for v in ft.commitments:
        due = f", due {day_in_words(v.row.due, tz)}" if v.row.due else ""
        origin = "" if v.row.in_summary else " — added by the owner later, not in the summary"
        story.append(
            _p(
                f"{by_label(v.row, agreement)}: {v.row.what}{due}. Status: "
                f"{v.standing.status.upper()}{origin}",
                s["body"],
            )
        )
        for line in _evidence(v.standing.evidence, tz_name):
            story.append(_p(line, s["quote"]))
    if ft.review_at:
        story.append(_p(f"Review date: {day_in_words(ft.review_at, tz)}", s["body"]))
    base = settings.public_url.rstrip("/")
    story += [
        _p("The signed record", s["h"]),
        _p(
            f"The record of this agreement is a hash chain of {sealed.event_count} events "
            f"ending in {sealed.chain_head}, signed by this Accord server (key "
            f"{sealed.key_id}, Ed25519) at {sealed.sealed_at}:",
            s["body"],
        ),
        _p(sealed.line(), s["mono"]),
        _p(
            "To check it: download the evidence bundle (GET "
            f"{base}/v1/agreements/{agreement.id}/evidence), save the seal line above to a "
            "text file, and run: accord verify bundle.zip --key "
            f"{base}/.well-known/accord-signing-key.pem --witness seal.txt. It checks every "
            "message's bytes, the chain and the signature offline, and that the chain reaches "
            "the sealed head.",
            s["body"],
        ),
    ]
    if fonts()[0] == "Helvetica":
        story.append(
            _p("(Printed without DejaVu fonts: non-Latin text may be missing.)", s["body"])
        )
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        title=f"Review pack: {agreement.title}",
        author=owner.name or owner.email,
        subject=f"Accord {agreement.ref}",
        creator="Accord",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        invariant=1,
    )
    doc.build(story)
    return out.getvalue()
