"""Where quoted history starts in a reply: attribution lines, header blocks, separators.

Mail clients announce a quote in one of three ways, in the language of their interface:
an attribution line ("On … X wrote:", "X <x@y> 于…写道：", "2016-10-24 15:36 GMT+02:00 X <x@y>:"),
possibly hard-wrapped over two or three lines; a block of header lines ("From: / Sent: / To: /
Subject:", "De : / Envoyé : …", "差出人: / 送信日時: …"); or a separator line
("-----Original Message-----", a line of underscores, "------ 原始邮件 ------",
"---- On … wrote ----"). The patterns below recognise the shape first and the words second,
so a language not listed is still found when its attribution names an address.
"""

from __future__ import annotations

import re

# Verbs (and their equivalents) that end an attribution line, in the languages clients use.
_VERBS = (
    r"wrote|writes|wrote on|schrieb|geschrieben|a [ée]crit|[ée]crit|escribi[óo]|escreveu|"
    r"schreef|geschreven|ha scritto|scrisse|skrev|kirjoitti|napisa[łl]\(?a?\)?|napisa[łl]a|"
    r"napisana przez|pisze|написал\(?а?\)?|написала|пишет|yazd[ıi]|napsal\(?a?\)?|napsala|"
    r"[íi]rta|a scris|έγραψε|写道|寫道|のメール|が書きました|님이 작성"
)
# Both run on lower-cased text: re.IGNORECASE would make every position a candidate.
_VERB_END = re.compile(rf"(?:{_VERBS})\s*[:：]?\s*$")
_VERB = re.compile(rf"(?<!\w)(?:{_VERBS})(?!\w)")
_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"[^\s<>@]+@[^\s<>]+")
_DATE_FIRST = re.compile(r"^\s*\d{1,4}[./\-年]\d{1,2}[./\-月]\d{1,4}")
# Words that open an attribution line ("On …", "Am …", "Le …", "El …", "Il giorno …").
_OPENERS = r"on|am|le|el|em|op|il|den|w dniu|dnia|il giorno|pe|dne"
_OPENING = re.compile(rf"^\s*(?:{_OPENERS})\s", re.IGNORECASE)
_OPENING_WORDS = frozenset(word.split()[0] for word in _OPENERS.split("|"))
# Yahoo puts the first quoted line on the attribution line: "On … X <x@y> wrote:   Hi Tony,".
_ATTRIBUTION_INLINE = re.compile(rf"^(.{{10,400}}?\b(?:{_VERBS})\s*:)\s+(\S.*)$", re.IGNORECASE)
MAX_ATTRIBUTION = 400
MAX_VERB = max(len(verb) for verb in _VERBS.split("|"))

_SEPARATOR = re.compile(r"^\s*[-=_*~]{2,}\s*(\S.{0,120}?)\s*[-=_*~]{2,}\s*$")
_SEPARATOR_WORDS = re.compile(
    r"original|message|forward|nachricht|ursprüngliche|mail|mensaje|messaggio|bericht|wiadomo|"
    r"сообщение|meddelande|meddelelse|melding|viesti|zpráva|mesaj|mensagem|邮件|郵件|メッセージ|"
    rf"{_VERBS}",
    re.IGNORECASE,
)
_RULE = re.compile(r"^\s*_{10,}\s*$")
_FORWARD_INTRO = re.compile(
    r"^\s*(begin forwarded message|anfang der weitergeleiteten nachricht|"
    r"d[ée]but du message r[ée]exp[ée]di[ée]|inicio del mensaje reenviado)\s*:\s*$",
    re.IGNORECASE,
)

MAX_LABEL = 25
_LABEL = r"\s*(?:\*|<b>)?\s*([^\s:：|*][^:：|*]{0,24}?)\s*(?:\*|</b>)?\s*[:：]"
_HEADER_LINE = re.compile(rf"^\s*\|?{_LABEL}")
_FROM_LABEL = re.compile(
    r"from|von|de|van|da|fra|från|od|от|від|差出人|发件人|寄件者|寄件人|mittente|remitente|"
    r"lähettäjä|kimden|gönderen|odesílatel|afzender|feladó|expéditeur|nadawca"
)
_OTHER_LABEL = re.compile(
    r"sent|sent on|date|to|cc|subject|reply-to|reply to|gesendet|datum|an|betreff|envoy[ée]|"
    r"envoy[ée] le|à|a|objet|enviado|enviado el|enviada|fecha|para|asunto|verzonden|aan|"
    r"onderwerp|inviato|oggetto|data|sendt|til|emne|skickat|till|ämne|wysłano|wysłane|do|"
    r"temat|kopia|отправлено|кому|тема|дата|копия|送信日時|宛先|件名|日付|发送时间|收件人|"
    r"主题|日期|時間|主旨|收件者|副本|抄送|lähetetty|vastaanottaja|aihe|päivämäärä|tarih|"
    r"konu|alıcı|odesláno|komu|předmět|kopie"
)


def _label(line: str) -> str | None:
    """Which label a quoted-header line such as "Von: …" has: "from", "other" or None."""
    match = _HEADER_LINE.match(line)
    if match is None:
        return None
    label = match.group(1).strip().lower()
    if _FROM_LABEL.fullmatch(label):
        return "from"
    return "other" if _OTHER_LABEL.fullmatch(label) else None


def _early_colon(stripped: str) -> bool:
    """A header line's label is short: its colon comes early in the line."""
    found = [at for at in (stripped.find(":"), stripped.find("：")) if at >= 0]
    return bool(found) and min(found) <= MAX_LABEL + 6


def _header_block(lines: list[str], i: int) -> int | None:
    """Length of a "From: / Sent: / To:" block starting at line ``i``, if one does."""
    first = _label(lines[i])
    if first is None:
        return None
    labels = [first]
    end = i + 1
    while end < len(lines) and end - i < 10:
        label = _label(lines[end])
        if label is None:
            if lines[end].strip() or end + 1 >= len(lines) or _label(lines[end + 1]) is None:
                break
        else:
            labels.append(label)
        end += 1
    return end - i if "from" in labels and len(labels) >= 2 else None


_HEADER_SHAPE = re.compile(r"^\s*\|?\s*\*?[^\s:：|*][^:：|*]{0,24}\*?\s*[:：|]")


def _header_shaped(lines: list[str], start: int) -> int:
    """How many lines from ``start`` look like "Label: value" (or "| label | value |")."""
    end = start
    while end < len(lines) and end - start < 10 and _HEADER_SHAPE.match(lines[end]):
        end += 1
    return end - start


def _is_separator(line: str) -> bool:
    if _RULE.match(line):
        return True
    match = _SEPARATOR.match(line)
    return bool(match and _SEPARATOR_WORDS.search(match.group(1)))


def _attribution(text: str) -> str | None:
    """How sure a line is an attribution: "strong" when it names itself (a verb, "On …"),
    "weak" when it only has the shape ("date, X <x@y>:"), None for any other line."""
    if len(text) > MAX_ATTRIBUTION or text.lstrip().startswith(">"):
        return None
    lowered = text.lower()
    opening = bool(_OPENING.match(text))
    digit = bool(_DIGIT.search(text))
    verb_end = bool(_VERB_END.search(lowered[-MAX_VERB - 4 :]))
    if not text.rstrip().endswith((":", "：")):
        strong = opening and digit and verb_end
    elif verb_end:
        strong = digit or opening or "@" in text
    else:
        strong = digit and (opening or "@" in text) and bool(_VERB.search(lowered))
    if strong:
        return "strong"
    weak = text.rstrip().endswith((":", "：")) and digit and _EMAIL.search(text)
    # "02.06.2026, 10:14, X <x@y>:" (Yandex and friends) names itself by its date-first shape.
    if weak and _DATE_FIRST.match(text) and "<" in text:
        return "strong"
    return "weak" if weak else None


def attribution_rest(line: str) -> str | None:
    """The quoted text Yahoo puts after the attribution on the same line, if any."""
    if not _OPENING.match(line):
        return None
    match = _ATTRIBUTION_INLINE.match(line)
    if match is None or not _DIGIT.search(match.group(1)):
        return None
    return match.group(2)


def _is_quoted_next(lines: list[str], start: int) -> bool:
    following = next((line for line in lines[start:] if line.strip()), "")
    return following.lstrip().startswith(">")


def _attribution_span(lines: list[str], i: int, inside_quote: bool) -> int | None:
    # A line that ends with its colon is whole; only one that does not can be wrapped.
    spans = (1,) if lines[i].rstrip().endswith((":", "：")) else (1, 2, 3)
    for span in spans:
        joined = " ".join(part.strip() for part in lines[i : i + span])
        strength = _attribution(joined)
        if strength == "strong":
            return span
        # An attribution without its verb ("date, X <x@y>:") is only trusted above a quote.
        if strength == "weak" and (inside_quote or _is_quoted_next(lines, i + span)):
            return span
        if i + span >= len(lines) or lines[i + span].lstrip().startswith(">"):
            break
    return None


def quote_header_at(lines: list[str], i: int, *, inside_quote: bool = False) -> int | None:
    """If a quote header starts at line ``i``, how many lines it spans.

    ``inside_quote``: the lines are already known to be quoted (nested headers).
    """
    line = lines[i]
    stripped = line.strip()
    if not stripped or stripped[0] == ">":
        return None
    if stripped[0] in "-=_*~" and _is_separator(line):
        return 1 + _header_shaped(lines, i + 1)
    colon = ":" in stripped or "：" in stripped
    opening = stripped.split(None, 1)[0].lower() in _OPENING_WORDS and bool(_OPENING.match(line))
    if not (colon or opening or "<" in stripped):
        return None
    if stripped[-1] in ":：" or opening or "<" in stripped:
        span = _attribution_span(lines, i, inside_quote)
        if span is not None:
            return span
    if opening and attribution_rest(line) is not None:
        return 1
    if _FORWARD_INTRO.match(line):
        return 1 + _header_shaped(lines, i + 1)
    return _header_block(lines, i) if colon and _early_colon(stripped) else None
