"""The end of what a person typed: sign-off, signature block, client and list footers.

A signature is only ever cut from the tail of a piece of new text, and only when every line
after the cut looks like a signature (names, titles, phone numbers, addresses, a legal notice),
never a sentence of its own: a P.S. or a question after "Best," stays. Cutting too little only
leaves a name in the new text; cutting too much could hide what the person asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

MAX_SIGNATURE_LINES = 25
_TAIL_LINES = 20

_DELIMITERS = ("-- ", "--")
# The patterns run on lower-cased lines (without re.IGNORECASE the engine can skip the
# positions where no alternative starts): they are written in lower case.

# Closings said on a line of their own, in the languages of the people who answer.
_VALEDICTIONS = (
    r"best|all the best|best regards|kind regards|warm regards|warmest regards|regards|"
    r"best wishes|many thanks|thanks|thank you|thanks again|thanks so much|thanks a lot|"
    r"thanks in advance|thank you in advance|thanks (and|&) (best |kind )?regards|"
    r"many thanks (and|&) (best |kind )?regards|thx|cheers|sincerely|yours sincerely|"
    r"sincerely yours|yours truly|yours faithfully|yours|respectfully|warmly|"
    r"talk soon|speak soon|take care|br|kr|rgds|with thanks|with best regards|"
    r"gruß|grüße|gruss|grüsse|viele grüße|beste grüße|liebe grüße|freundliche grüße|"
    r"mit freundlichen grüßen|mit freundlichem gruß|herzliche grüße|schöne grüße|lg|vg|mfg|"
    r"viele grüsse|beste grüsse|liebe grüsse|freundliche grüsse|mit freundlichen grüssen|"
    r"besten dank|vielen dank|danke|bis bald|"
    r"cordialement|bien cordialement|très cordialement|bien à vous|merci|merci beaucoup|"
    r"merci d'avance|salutations|sincères salutations|meilleures salutations|"
    r"salutations distinguées|amicalement|bien amicalement|bonne journée|belle journée|"
    r"bonne soirée|à bientôt|au plaisir|bises|"
    r"saludos|un saludo|saludos cordiales|atentamente|gracias|muchas gracias|un abrazo|"
    r"abrazos|abraços|abraço|atenciosamente|obrigado|obrigada|cumprimentos|att|"
    r"saluti|cordiali saluti|distinti saluti|un saluto|grazie|grazie mille|buona giornata|"
    r"groet|groeten|met vriendelijke groet|vriendelijke groet|met vriendelijke groeten|"
    r"hartelijke groet|bedankt|mvg|"
    r"pozdrawiam|z poważaniem|serdecznie pozdrawiam|pozdrowienia|dziękuję|"
    r"с уважением|спасибо|всего доброго|всего хорошего|с наилучшими пожеланиями|"
    r"hälsningar|hälsning|med vänliga hälsningar|vänliga hälsningar|med vänlig hälsning|"
    r"vänlig hälsning|bästa hälsningar|mvh|tack|hilsen|venlig hilsen|med venlig hilsen|"
    r"vennlig hilsen|med vennlig hilsen|de bedste hilsner|bedste hilsner|tak|takk|"
    r"terveisin|ystävällisin terveisin|s pozdravem|saygılarımla|"
    r"此致|敬礼|此致敬礼|祝好|谢谢|順頌商祺"
)
# "Best regards from Berlin", "Schöne Grüße aus Hamburg".
_FROM_PLACE = r"(?:\s+(?:from|aus|de|desde|da|van|från|fra|z|из)\s+\S+(?:\s+\S+)?)?"
_VALEDICTION = re.compile(rf"^\s*(?:{_VALEDICTIONS}){_FROM_PLACE}\s*([,，!.]?)\s*$")
_THANKS = re.compile(
    r"^\s*(thanks|thank you|many thanks|danke|merci|gracias|grazie|obrigad[oa]|спасибо|"
    r"dziękuję|bedankt|谢谢)"
)
# "Sent from my iPhone", "Get Outlook for iOS", "Envoyé de mon iPhone", "发自网易邮箱大师" …
_FOOTER_VERBS = (
    r"sent|sent from|sent with|sent via|sent using|envoy[ée]|enviado|inviato|verzonden|"
    r"verstuurd|gesendet|sendt|skickat|wysłane|wysłano|отправлено|lähetetty|odesláno|"
    r"gönderildi|get|download|herunterladen|téléchargez|scarica|descargar|obtener|baixe|"
    r"von meinem|outlook"
)
_FOOTER_APPS = (
    r"iphone|ipad|ipod|android|mobile|mobil|outlook|proton ?mail|samsung|galaxy|blackberry|"
    r"yahoo|gmail|aol|handy|smartphone|tablet|device|móvil|celular|cellulare|telefoon|"
    r"telefon|телефона?|смартфона?|мобильн\w*|mail\.ru|yandex|яндекс|k-9|fairemail|spark|"
    r"windows|ios|app|gmx|web\.de"
)
_FOOTER = re.compile(
    rf"^\s*(?:{_FOOTER_VERBS})\b.{{0,60}}?\b(?:{_FOOTER_APPS})\b.{{0,80}}$"
    r"|^\s*(?:发自|來自|从我的)\S{0,20}(?:iphone|ipad|邮箱|手机|郵件|mail).{0,20}$"
    r"|^\s*\S{0,20}(?:iphone|ipad|android)から送信\s*$"
    r"|^\s*sent from my \w[\w -]{0,40}$"
    rf"|^.{{0,60}}\b(?:{_FOOTER_APPS})\b.{{0,40}}\b(?:gesendet|verschickt|sent|envoy[ée])\W{{0,3}}$"
)
_SEPARATOR_LINE = re.compile(r"^\s*[-_=*~]{4,}\s*$")
_PS = re.compile(r"^\s*p\.?\s?s\b")
_DISCLAIMER = re.compile(
    r"confidential|intended (solely )?(for|recipient)|privileged|disclaimer|"
    r"vertraulich|empfänger|confidentiel|destinataire|confidencial|destinatario|"
    r"riservat|vertrouwelijk|poufn|конфиденциальн|機密|保密|registered in|"
    r"company no|handelsregister|geschäftsführer|aviso legal"
)
MAX_SIGNATURE_LINE = 120
MAX_FOOTER = 160
MAX_SIGNATURE_WORDS = 10
_ABBREVIATION = re.compile(r"(?:\.\w{1,4}\.|\b(?:ltd|inc|co|corp|llc|plc|gmbh|ag|bv|sa)\.)$", re.I)
_CONTACT = re.compile(r"@|https?://|www\.|\d[\d ()./-]{5,}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that limit or except a term; a signature has none ("Mon–Wed only", "Prices exclude VAT").
# Words that limit or except a term, or say what is in a price, when and who does it; a
# signature has none ("Mon–Wed only", "Prices exclude VAT", "Bebidas incluidas", "Deposit 50%
# upfront", "Start a week later", "Kaution erst nach Einzug").
_LIMITING = _words(
    """
    only except excluding exclude excludes excluded excl unless nur außer ausser sauf
    seulement uniquement salvo excepto sólo soltanto tranne apenas exceto alleen behalve
    tylko oprócz inklusive inkl inbegriffen upfront later earlier erst
    """
)
_LIMITING_RUNS = re.compile(
    r"\b(?:inclu|compris|in advance\b|by us\b|from us\b|up to\b|on signing\b)"
)
_DIGIT = re.compile(r"\d")
# Words for a period, after a number ("within 30 days", "2 Wochen").
_PERIODS = _words(
    """
    day days week weeks month months hour hours tag tage tagen woche wochen monat monate
    monaten stunde stunden jour jours semaine semaines mois heure heures días semanas
    meses horas giorni settimane mesi ore dias dagen weken maanden uur dni tygodni
    miesięcy godzin
    """
)
# Words that set a date before a date in figures ("from 8/2", "bis 08.02."): an address's
# "14/3" has none.
_FROM_BY = _words(
    """
    from by until till on before after due ab bis vom du au desde hasta dal entro vanaf
    tot od do
    """
)
_FROM_BY_STEMS = ("start", "begin")
# Portuguese weekdays without "-feira" are also ordinals and names ("Quinta do Lago").
_AMBIGUOUS_DAYS = frozenset(
    [
        "segunda",
        "segundas",
        "terça",
        "terças",
        "terca",
        "quarta",
        "quartas",
        "quinta",
        "quintas",
        "sexta",
        "sextas",
    ]
)


# The shapes of a term in figures, each anchored on a digit or a currency sign, so a line is
# read in one pass; the words beside them are looked up in sets (a regex alternation of every
# month and weekday name tried at each word cost 10 us a line, on every line of a signature).
_FIGURES = re.compile(
    r"\d{1,2}[:h]\d{2}\b|\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)"
    r"|[£€$¥]\s?\d|\d\s?(?:€|£|\$|eur\b|usd\b|gbp\b|zł|pln\b|chf\b)|\d\s?%"
)
_NUMBER_THEN_WORD = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th|er|\.|º)?\s*(?:de\s+)?([^\W\d_]+)")
_WORD_THEN_DAY = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:\b|[./])")
_WORDS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _calendar() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    from mail.restate import MONTHS, WEEKDAYS  # the one list of month and day names

    days = frozenset(d for d in WEEKDAYS if d not in _AMBIGUOUS_DAYS)
    # a month named alone ("end of February"): names of four letters or more ("may", "mar"
    # are words)
    return frozenset(MONTHS), frozenset(m for m in MONTHS if len(m) >= 4), days


def _term_in(part: str) -> bool:
    months, full_months, days = _calendar()
    found = set(_WORDS.findall(part))
    if not found.isdisjoint(_LIMITING) or not found.isdisjoint(days):
        return True
    if not found.isdisjoint(full_months) or _LIMITING_RUNS.search(part):
        return True
    if not _DIGIT.search(part):
        return False
    if _FIGURES.search(part):
        return True
    for _number, word in _NUMBER_THEN_WORD.findall(part):
        if word in months or word in _PERIODS:  # "8 February", "30 days"
            return True
    for word, _ in _WORD_THEN_DAY.findall(part):
        # "February 8"; "from 8/2", "bis 08.02."
        if word in months or word in _FROM_BY or word.startswith(_FROM_BY_STEMS):
            return True
    return False


# A company's legal line, whose share capital is an amount: "Cap. soc. € 500.000 i.v.", "SAS au
# capital de 2 500 000 € – RCS Lyon", "Stammkapital 25.000 €", "kapitał zakładowy".
_REGISTRATION = re.compile(
    r"capital|cap\. ?soc|stammkapital|kapitał|\brcs\b|p\. ?iva|siret|\bkvk\b|\bkrs\b|"
    r"registered (?:in|office)|company no|handelsregister|amtsgericht|\bhrb\b"
)


_SEGMENTS = re.compile(r"\s[·|•–—-]\s|\s{3,}")


@lru_cache(maxsize=1024)  # a line is asked about up to three times a message
def states_a_term(lowered: str) -> bool:
    """Whether a lower-cased line says what a deal is made of: a date, a weekday, a time of
    day, an amount of money, or a word that limits or excepts. A signature block or a client
    footer never does (a company's legal line aside), so such a line after a name ("Marek /
    Strip-out from 8 February") or on a footer ("Sent from my iPhone. Worktops by 12 March.")
    is what the person wrote."""
    # a company's legal line may carry a term in another segment ("Company no 0845512 · All
    # prices exclude VAT"): each segment is read on its own
    return any(
        _term_in(part) and not _REGISTRATION.search(part) and not _DISCLAIMER.search(part)
        for part in _SEGMENTS.split(lowered)
    )


def _is_valediction(lowered: str, followed: bool) -> bool:
    match = _VALEDICTION.match(lowered)
    if match is None or match.group(1) in ("!", "."):
        return False
    # "Thanks" alone at the very end is what the person said; followed by a name, a closing.
    return followed or match.group(1) == "," or not _THANKS.match(lowered)


_NAME_PUNCTUATION = ".,\"'()—–-"
MAX_NAME_LINE = 60


@lru_cache(maxsize=1024)
def _name_words(names: tuple[str, ...]) -> frozenset[str]:
    words = {w.strip(_NAME_PUNCTUATION).lower() for name in names for w in name.split()}
    return frozenset(w for w in words if w and not w.isdigit())


def _is_name(lowered: str, words: frozenset[str]) -> bool:
    """Only the sender's name ("Dana", "— Dana", "Dana W."), as a sign-off has it."""
    if not words or len(lowered) > MAX_NAME_LINE:
        return False
    parts = [part for part in (w.strip(_NAME_PUNCTUATION) for w in lowered.split()) if part]
    return (
        0 < len(parts) <= 4
        and all(p in words or (len(p) == 1 and p.isalpha()) for p in parts)
        and any(len(p) > 1 for p in parts)
    )


def _is_cut_point(text: str, lowered: str, words: frozenset[str], followed: bool) -> bool:
    if len(text) > MAX_FOOTER:
        return False
    if text[0] in "-_=*~":
        return bool(_SEPARATOR_LINE.match(text))
    return bool(
        _is_valediction(lowered, followed)
        or _is_name(lowered, words)
        or (_FOOTER.match(lowered) and not states_a_term(lowered))
    )


def _is_prose(text: str) -> bool:
    """A sentence someone wrote, as opposed to a name, title, phone or address line."""
    if text.endswith(("?", "!", "？", "！")):
        return True
    words = text.split()
    if text.endswith("。") or (_CJK.search(text) and text.endswith(("，", "、"))):
        return len(text) >= 6
    if text.endswith(".") and len(words) >= 3 and not _ABBREVIATION.search(text):
        return True
    if _CONTACT.search(text):
        return False
    if text[0].islower() and len(words) >= 2:
        return True
    return len(words) > MAX_SIGNATURE_WORDS


def _signature_like(text: str, lowered: str) -> bool:
    """A line that may sit in a signature block: not a sentence of its own."""
    if _PS.match(lowered):
        return False
    if len(text) > MAX_SIGNATURE_LINE or _is_prose(text):
        if _DISCLAIMER.search(lowered) and not _SEGMENTS.search(lowered):
            return True  # a notice's sentence: "intended only for the addressee" is no term
        if not (_DISCLAIMER.search(lowered) or _FOOTER.match(lowered)):
            return False
    # what looks like one but states a term is the person's ("Strip-out from 8 February";
    # "Company no 0845512 · All prices exclude VAT", read by segment)
    return not states_a_term(lowered)


def _drop_delimited(lines: list[str]) -> list[str]:
    """``lines`` without a signature below a "-- " line: only where every line below it looks
    like one, since mail programs show what follows the line, and a sentence there ("--
    / Except the bus is paid by the parents.") is what the person said."""
    for i, line in enumerate(lines):
        if line in _DELIMITERS and len(lines) - i <= MAX_SIGNATURE_LINES:
            below = [b.strip() for b in lines[i + 1 :] if b.strip()]
            if all(_signature_like(b, b.lower()) for b in below):
                return lines[:i]
            return lines[:i] + lines[i + 1 :]
    return lines


_LIST_FOOTER = re.compile(
    r"you received this message because you are subscribed|"
    r"to unsubscribe from this group|^ref:[!_][\w.!]{6,}:ref$"
)
_MAILMAN_FOOTER = re.compile(r"^\S.{0,60} mailing list\s*(--.*)?$")
_FOOTER_RULE = re.compile(r"^\s*(_{10,}|-{2,} ?)\s*$")
_LIST_FOOTER_LINES = 8


def _list_footer_at(lines: list[str], i: int) -> bool:
    line = lines[i].strip().lower()
    after_rule = i > 0 and lines[i - 1].strip().startswith("_" * 10)
    return bool(_LIST_FOOTER.search(line) or (after_rule and _MAILMAN_FOOTER.match(line)))


def strip_list_footer(lines: list[str]) -> list[str]:
    """``lines`` without the footer a mailing list (or a CRM) appends below everything."""
    for i in range(max(0, len(lines) - _LIST_FOOTER_LINES), len(lines)):
        if _list_footer_at(lines, i):
            above = i - 1 if i > 0 and _FOOTER_RULE.match(lines[i - 1]) else i
            return lines[:above]
    return lines


def strip_signature(lines: list[str], names: Sequence[str] = ()) -> list[str]:
    """``lines`` without the trailing sign-off, signature, and client or list footer."""
    lines = _drop_delimited(lines)
    words = _name_words(tuple(names))
    cut = len(lines)
    followed = False
    for i in range(len(lines) - 1, max(-1, len(lines) - _TAIL_LINES - 1), -1):
        text = lines[i].strip()
        if not text:
            continue
        lowered = text.lower()
        if _is_cut_point(text, lowered, words, followed):
            cut = i
        elif not _signature_like(text, lowered):
            break
        followed = True
    return lines[:cut]
