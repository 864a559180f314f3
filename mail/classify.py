"""Confirmation vs clarification, deliberately lopsided.

Reading a clarification as a confirmation is the worst error Accord can make (SPEC §5), so a
reply is a confirmation only when every piece of its new text is on an allowlist of plain
agreement phrases, greetings, thanks, sign-offs and names. Anything unknown, any question,
hedge, negation, number or edit of the quoted summary makes it a clarification, and the
reason names the piece of text that decided it, for the owner to see.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Label = Literal["confirmation", "clarification"]


@dataclass(frozen=True)
class Classification:
    label: Label
    reason: str


def _phrases(*items: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(item.split()) for item in items)


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


AGREE = _phrases(
    # English
    "yes",
    "yep",
    "yup",
    "yeah",
    "confirmed",
    "confirm",
    "i confirm",
    "i can confirm",
    "confirmed on my side",
    "correct",
    "that's correct",
    "that is correct",
    "this is correct",
    "all correct",
    "that's right",
    "that is right",
    "this is right",
    "agreed",
    "i agree",
    "we agree",
    "fully agreed",
    "agreed on all points",
    "agree",
    "sounds good",
    "sounds great",
    "sounds good to me",
    "sounds like a plan",
    "looks good",
    "looks good to me",
    "looks great",
    "lgtm",
    "all good",
    "perfect",
    "great",
    "ok",
    "okay",
    "ok for me",
    "fine",
    "that's fine",
    "fine by me",
    "works for me",
    "that works",
    "approved",
    "accepted",
    "i accept",
    "absolutely",
    "exactly",
    "accurate",
    "that's accurate",
    "spot on",
    "of course",
    "deal",
    "it's a deal",
    "that's what we agreed",
    "that's my understanding too",
    "thumbsup",
    "checkmark",
    "okhand",
    # German
    "ja",
    "jawohl",
    "bestätigt",
    "ich bestätige",
    "bestätige",
    "korrekt",
    "richtig",
    "das ist richtig",
    "das ist korrekt",
    "stimmt",
    "das stimmt",
    "stimmt so",
    "passt",
    "passt so",
    "passt für mich",
    "alles klar",
    "alles gut",
    "alles korrekt",
    "einverstanden",
    "genau",
    "perfekt",
    "in ordnung",
    "super",
    "klingt gut",
    "sieht gut aus",
    "prima",
    "abgemacht",
    # French
    "oui",
    "confirmé",
    "confirmée",
    "je confirme",
    "d'accord",
    "ok pour moi",
    "c'est bon",
    "c'est bon pour moi",
    "c'est correct",
    "c'est exact",
    "exact",
    "exactement",
    "parfait",
    "entendu",
    "très bien",
    "ça marche",
    "ca marche",
    "ça me va",
    "tout à fait",
    "validé",
    "c'est bien ça",
    "c'est ça",
    "tout est correct",
    # Spanish
    "sí",
    "confirmado",
    "confirmada",
    "confirmo",
    "de acuerdo",
    "correcto",
    "es correcto",
    "todo correcto",
    "perfecto",
    "vale",
    "está bien",
    "me parece bien",
    "todo bien",
    "exacto",
    "así es",
    "conforme",
    "claro",
    "claro que sí",
    # Dutch
    "akkoord",
    "klopt",
    "dat klopt",
    "bevestigd",
    "helemaal goed",
    "in orde",
    "afgesproken",
    "ik ga akkoord",
    "goed",
    "prima zo",
    # Italian / Portuguese
    "sì",
    "confermato",
    "confermo",
    "d'accordo",
    "va bene",
    "perfetto",
    "corretto",
    "esatto",
    "tutto ok",
    "tutto bene",
    "tutto corretto",
    "sim",
    "de acordo",
    "correto",
    "perfeito",
    "combinado",
    "está certo",
)
COURTESY = _phrases(
    "thanks",
    "thank you",
    "thanks a lot",
    "many thanks",
    "thank you very much",
    "thanks so much",
    "thx",
    "ty",
    "cheers",
    "best",
    "best regards",
    "kind regards",
    "regards",
    "warm regards",
    "all the best",
    "br",
    "have a nice day",
    "have a good day",
    "have a great day",
    "have a great weekend",
    "have a nice weekend",
    "smile",
    "danke",
    "vielen dank",
    "danke schön",
    "dankeschön",
    "besten dank",
    "viele grüße",
    "beste grüße",
    "liebe grüße",
    "grüße",
    "gruß",
    "mit freundlichen grüßen",
    "freundliche grüße",
    "lg",
    "vg",
    "mfg",
    "merci",
    "merci beaucoup",
    "cordialement",
    "bien cordialement",
    "bien à vous",
    "bonne journée",
    "salutations",
    "gracias",
    "muchas gracias",
    "saludos",
    "un saludo",
    "atentamente",
    "bedankt",
    "dank je",
    "dank je wel",
    "dank u",
    "groeten",
    "met vriendelijke groet",
    "vriendelijke groeten",
    "grazie",
    "grazie mille",
    "saluti",
    "cordiali saluti",
    "obrigado",
    "obrigada",
)
GREETINGS = _phrases(
    "hi",
    "hello",
    "hey",
    "dear",
    "hi there",
    "good morning",
    "good afternoon",
    "hallo",
    "guten morgen",
    "guten tag",
    "liebe",
    "lieber",
    "sehr geehrte",
    "sehr geehrter",
    "moin",
    "servus",
    "bonjour",
    "salut",
    "cher",
    "chère",
    "bonsoir",
    "hola",
    "buenos días",
    "buenas tardes",
    "estimado",
    "estimada",
    "querido",
    "querida",
    "hoi",
    "beste",
    "goedemorgen",
    "ciao",
    "buongiorno",
    "gentile",
    "caro",
    "cara",
    "olá",
    "oi",
)
_ADDRESSEES = {
    "all",
    "team",
    "everyone",
    "there",
    "folks",
    "zusammen",
    "tous",
    "todos",
    "alle",
    "a",
    "à",
    "y",
    "und",
    "et",
    "and",
    "frau",
    "herr",
    "mr",
    "mrs",
    "ms",
}
# Capitalised words that look like a signature name but carry a condition.
_NOT_NAMES = _wordset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight next week
januar februar märz mai juni juli oktober dezember montag dienstag mittwoch donnerstag
freitag samstag sonntag morgen heute janvier février mars avril juin juillet août
septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche
demain enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre
diciembre lunes martes miércoles jueves viernes sábado domingo mañana hoy
""")
_MAX_PHRASE = max(len(p) for p in AGREE | COURTESY | GREETINGS)

# Words that turn an agreement into something else; checked on the whole text as a safety net
# in case an allowlisted phrase ever sits next to them.
_HEDGES = _wordset("""
but however although though except excepting apart besides unless if only not no nope never
don't doesn't isn't aren't wasn't can't cannot won't wouldn't shouldn't didn't
mostly partly partially almost nearly mainly roughly maybe perhaps probably possibly
think guess assume suppose wait hold hmm question change changes correction actually wrong
incorrect disagree typo instead rather later missed missing forgot update revise clarify
whatever yet still n'est n'ai n'a n'y n'était
aber nicht kein keine keinen nein doch außer ausser jedoch sondern nur falls wenn vielleicht
eigentlich fast teilweise allerdings trotzdem bitte
mais pas ne sauf sinon seulement cependant toutefois si non peut-être presque pourtant
pero sino excepto salvo solo sólo aunque quizás quizá casi tal
nee niet geen behalve alleen tenzij misschien bijna maar
ma però tranne tuttavia forse quasi
""")

_EMOJI = [
    (re.compile("\U0001f44d[\U0001f3fb-\U0001f3ff]?"), " thumbsup "),
    (re.compile("[\u2705\u2714\u2611]"), " checkmark "),
    (re.compile("\U0001f44c[\U0001f3fb-\U0001f3ff]?"), " okhand "),
    (re.compile("[\U0001f642\U0001f60a\U0001f600\U0001f603\U0001f604\U0001f64f\u263a]"), " smile "),
]
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_SEPARATORS = re.compile(r"[\n.,;!:()\-\u2013\u2014/*_\"]+")
_ALLOWED_CHARS = re.compile(r"^[\w\s.,;!:()\-\u2013\u2014/*_\"'~]*$")
_DASH_NAME = re.compile(r"(?:^|\s)[-\u2013\u2014~]\s*[A-Z][\w'.]*(?:\s+[A-Z][\w'.]*)?\s*$")
_URL = re.compile(r"https?://\S+|mailto:\S+|\S+@\S+|<[^>\s]*>")
MAX_CONFIRMATION_CHARS = 300


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\ufe0f", "").replace("\u200d", "")
    text = re.sub("[\u2018\u2019\u02bc`´]", "'", text)
    return re.sub("[\u201c\u201d\u201e\u00ab\u00bb]", '"', text)


def _clarify(reason: str) -> Classification:
    return Classification("clarification", reason)


def _quote(fragment: str, limit: int = 120) -> str:
    fragment = " ".join(fragment.split())
    return f'"{fragment[:limit]}{"…" if len(fragment) > limit else ""}"'


_WORDS = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    # Both shortcuts give the same words as the general path: NFKC leaves ASCII as it is
    # (the backtick is its only character _normalize changes), and _URL can only match
    # where one of these four marks is. They matter because the quoted summary of every
    # reply comes through here.
    text = text.replace("`", "'") if text.isascii() else _normalize(text)
    if "@" in text or "://" in text or "<" in text or "mailto:" in text:
        text = _URL.sub(" ", text)
    return _WORDS.findall(text.lower())


def quote_edit(quoted_text: str, sent_text: str) -> str | None:
    """How the quoted summary differs from what was sent, or None when it does not."""
    sent, quoted = _words(sent_text), _words(quoted_text)
    if not quoted:
        return None
    if f" {' '.join(quoted)} " in f" {' '.join(sent)} ":
        # Quoted whole or in one unbroken piece: the diff below could only find deletions
        # at the ends, which it accepts, so skip it (most replies quote the summary as is).
        return None
    return _diff_edit(sent, quoted)


def _diff_edit(sent: list[str], quoted: list[str]) -> str | None:
    ops = difflib.SequenceMatcher(None, sent, quoted, autojunk=False).get_opcodes()
    equal = [op for op in ops if op[0] == "equal"]
    first, last = (equal[0][1], equal[-1][2]) if equal else (0, 0)
    for tag, i1, i2, j1, j2 in ops:
        if tag in ("insert", "replace"):
            return f"edited the quoted summary: added {_quote(' '.join(quoted[j1:j2]))}"
        if tag == "delete" and first < i1 and i2 < last:
            return f"edited the quoted summary: removed {_quote(' '.join(sent[i1:i2]))}"
    return None


def _red_flag(text: str) -> str | None:
    if "?" in text or "¿" in text:
        return "asks a question"
    if "..." in text or "…" in text:
        return "trails off (…)"
    if re.search(r"\d", text):
        return "mentions a number or date"
    if len(text) > MAX_CONFIRMATION_CHARS:
        return "too long to be a plain agreement"
    if not _ALLOWED_CHARS.match(text):
        odd = next(c for c in text if not _ALLOWED_CHARS.match(c))
        return f"contains an unrecognised symbol {odd!r}"
    hedges = [w for w in _WORD.findall(text.lower()) if w in _HEDGES]
    return f"contains {hedges[0]!r}" if hedges else None


@dataclass
class _Cover:
    """A segment split into known phrases; names only count right after a greeting or thanks."""

    agree: bool = False
    ok: bool = True
    last: str = ""


def _cover(words: list[str], original: list[str], names: set[str], prev: str) -> _Cover:
    result = _Cover()
    i = 0
    while i < len(words):
        step, kind = _match_phrase(words, i)
        if step:
            result.agree = result.agree or kind == "agree"
            i, prev = i + step, kind
            continue
        if _is_name(words[i], original[i], prev, names):
            i, prev = i + 1, "name"
            continue
        result.ok = False
        return result
    result.last = prev
    return result


def _match_phrase(words: list[str], i: int) -> tuple[int, str]:
    for size in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
        chunk = tuple(words[i : i + size])
        for kind, table in (("agree", AGREE), ("courtesy", COURTESY), ("greeting", GREETINGS)):
            if chunk in table:
                return size, kind
    return 0, ""


def _is_name(word: str, original: str, prev: str, names: set[str]) -> bool:
    if word in _NOT_NAMES:
        return False
    if word in names:
        return True
    after_greeting = prev in ("greeting", "courtesy", "name")
    return after_greeting and (original[:1].isupper() or word in _ADDRESSEES)


def _segments(text: str) -> list[str]:
    return [s.strip() for s in _SEPARATORS.split(text) if s.strip()]


def _name_words(names: Iterable[str]) -> set[str]:
    return {w.lower() for name in names for w in _WORD.findall(_normalize(name))}


def _judge_text(text: str, names: set[str]) -> Classification:
    agree_seen: list[str] = []
    prev = ""
    for segment in _segments(text):
        original = _WORD.findall(segment)
        cover = _cover([w.lower() for w in original], original, names, prev)
        if not cover.ok:
            return _clarify(f"not a plain agreement: {_quote(segment)}")
        if cover.agree:
            agree_seen.append(segment)
        # A sign-off ("Thanks,") may be followed by a name on the next line, not by more text.
        prev = cover.last if cover.last in ("greeting", "courtesy", "name") else ""
    if not agree_seen:
        return _clarify("no agreement phrase in the new text")
    return Classification("confirmation", f"plain agreement: {_quote(' / '.join(agree_seen))}")


def classify_reply(
    new_text: str,
    *,
    quoted_text: str | None = None,
    sent_text: str | None = None,
    names: Iterable[str] = (),
) -> Classification:
    """Confirmation only for a plain, unconditional agreement; clarification otherwise.

    ``names`` (the sender's and owner's names) may stand alone on a line, e.g. a bare "John"
    under "Confirmed"; without it only names right after a greeting or thanks are ignored.
    """
    if quoted_text and sent_text:
        edit = quote_edit(quoted_text, sent_text)
        if edit:
            return _clarify(edit)
    text = _normalize(new_text or "").strip()
    if not text:
        return _clarify("no new text")
    for pattern, token in _EMOJI:
        text = pattern.sub(token, text)
    flag = _red_flag(text)
    if flag:
        return _clarify(f"{flag}: {_quote(new_text)}")
    return _judge_text(_DASH_NAME.sub("", text).strip(), _name_words(names))
