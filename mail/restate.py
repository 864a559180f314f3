"""What a reply shares with the summary it answers: copied passages, words and values.

A reply may quote the summary without quote marks, restate its numbers and dates in another
notation ("680k", "30/09", "2.400 kg") or reuse its words. None of that is new content. A
number, date or amount the summary does not contain is, and so is a deletion inside a passage
copied from it.

Reusing the summary's own words is no proof of agreement either: "€240 paid by the parents"
takes every word from "€240, paid by the school" and "Parents bring a packed lunch". So the
summary also says where each word and value stands (its items and their parts), which
currency, rate and side ("by" or "from") each value has, and which pronouns do each item, for
``mail.reading`` to check that a restatement keeps them together.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TypeVar

from mail.compose import standard_request
from mail.lexicon import TYPO_MIN, deletions, language_of
from mail.tokens import Token, content_words, normalize, tokenize, wordset

SEED = 4  # tokens: shorter shared runs are coincidence, not a copied passage
_YEAR = re.compile(r"(?:19|20)\d\d")  # a year: it goes with its date, and may be left out
ROOT = 5  # letters two forms of one word share ("deliver", "delivery"; "bring", "bringing")
_STEM = 3  # letters that make two words the same unit: "min", "minutes"; "month", "monthly"
_RATE_STEM = 4  # letters that make two words the same thing counted by: "week", "weeks"
_RATE_SPAN = 9  # tokens after a summary's value in which it may be counted ("per month")
NEAR = 10  # tokens: two summary words restated together must stand this close in the summary
_CONTENT = ("word", "number", "cjk")
# Accord's own request paragraph and footer follow the owner's text; their dates (the
# deadline) and numbers are not terms of the agreement, so a reply cannot restate them.
_REQUEST = standard_request("").split(" If I hear")[0]

Fact = tuple[object, ...]
K = TypeVar("K")
T = TypeVar("T")


def phrases(text: str) -> frozenset[tuple[str, ...]]:
    """Phrases written as prose, separated by commas: "unless, as long as, salvo"."""
    return frozenset(tuple(p.split()) for p in text.split(",") if p.strip())


# Words before a value that make it a bound of its clause's term: "less than 24 hours'
# notice", "more than 2 days", "at least 4 weeks", "up to 10 kg" (``Summary.left_beside``).
_BOUND_WORDS = phrases(
    """
    less than, more than, fewer than, at least, at most, up to, over, under, within, beyond,
    minimum, maximum, min, max, weniger als, mehr als, mindestens, höchstens, bis zu,
    innerhalb, moins de, plus de, au moins, au plus, jusqu'à, menos de, más de, al menos,
    como máximo, como mínimo, hasta, meno di, più di, almeno, al massimo, fino a, entro,
    minder dan, meer dan, minstens, hoogstens, maximaal, binnen, mniej niż, więcej niż,
    co najmniej, maksymalnie, mais de, pelo menos, no máximo, no mínimo, até, mindre än,
    mer än, minst, högst, inom
    """
)


def by_word(table: dict[K, str]) -> dict[str, K]:
    """Each word of the tables written as prose ({1: "january jan januar"}) to its key."""
    return {word: key for key, words in table.items() for word in words.split()}


Place = tuple[int, int, int]  # (item, part of the item, clause) in the owner's text


@dataclass(frozen=True)
class Condition:
    """A condition in the owner's text: where what it says begins, and where that stands."""

    start: int
    places: frozenset[Place]
    # the clause of the term it holds for: the one after it where it opens its sentence ("If
    # it rains, you come on Sunday"), else the one before it ("…, unless we are away")
    main: int | None


Segment = tuple[int, int]  # (half of an item split by ";", task in it) in the owner's text

_MONTHS = {
    1: "january jan januar jänner janvier enero gennaio janeiro januari stycznia styczeń sty",
    2: "february feb februar février fevrier febrero febbraio fevereiro februari lutego luty lut",
    3: "march mar märz marz mars marzo março maart marca marzec marts",
    4: "april apr avril abril aprile kwietnia kwiecień kwi",
    5: "may mai mayo maggio maio mei maja maj",
    6: "june jun juni juin junio giugno junho czerwca czerwiec cze",
    7: "july jul juli juillet julio luglio julho lipca lipiec lip",
    8: "august aug août aout agosto augustus augusti sierpnia sierpień sie",
    9: "september sep sept septembre septiembre setiembre settembre setembro września wrzesień wrz",
    10: "october oct oktober octobre octubre ottobre outubro października październik paź okt",
    11: "november nov novembre noviembre novembro listopada listopad lis",
    12: "december dec dezember décembre decembre diciembre dicembre dezembro grudnia grudzień "
    "gru desember des",
}
MONTHS = by_word(_MONTHS)
# Currencies by family, as symbol, code or word beside an amount. "$" stands for several
# dollars and "kr" for three crowns: the family is what a reader tells apart at a glance, and
# "$240" for the summary's "€240" is another price.
_CURRENCIES = {
    "pound": "£ gbp pound pounds quid sterling sterline sterlina libra libras livre livres pfund "
    "pond ponden funt funtów funty",
    "euro": "€ eur euro euros evro evra ευρώ",
    "dollar": "$ dollar dollars dólar dólares dollaro dollari dollaren dolar dolary dolarów",
    "usd": "us$ usd",
    "cad": "c$ cad",
    "aud": "a$ aud",
    "real": "r$ brl reais",
    "yen": "¥ jpy yen 円",
    "yuan": "cny rmb yuan 元",
    "zloty": "pln zł zl złoty złotych zlotych",
    "franc": "chf franken franc francs franchi francos",
    "crown": "sek nok dkk kr kronor kroner kronen kč czk",
}
CURRENCIES = by_word(_CURRENCIES)
_DOLLARS = frozenset(("usd", "cad", "aud"))
# Words after an amount that say what it is counted by: "per night", "a month", "pro Tag",
# "par personne", "al mes", "each".
# "/" as in "£62/month".
RATES = wordset("per a an every each pro je par por al cada ogni na za x × times chaque jeweils /")
_STRICT_RATE_WORDS = wordset("per pro je par por each every cada ogni chaque jeweils") | {"/"}
_PER_NOUN = wordset("per pro je")
_WEEKDAY_NAMES = [
    "monday mondays montag montags lundi lundis lunes lunedì lunedi segunda segundas maandag "
    "maandagen poniedziałek poniedziałki måndag måndagar mandag mandager mandage",
    "tuesday tuesdays dienstag dienstags mardi mardis martes martedì martedi terça terças terca "
    "dinsdag dinsdagen wtorek wtorki tisdag tisdagar tirsdag tirsdager tirsdage",
    "wednesday wednesdays mittwoch mittwochs mercredi mercredis miércoles miercoles mercoledì "
    "mercoledi quarta quartas woensdag woensdagen środa środy środę onsdag onsdagar onsdager "
    "onsdage",
    "thursday thursdays donnerstag donnerstags jeudi jeudis jueves giovedì giovedi quinta "
    "quintas donderdag donderdagen czwartek czwartki torsdag torsdagar torsdager torsdage",
    "friday fridays freitag freitags vendredi vendredis viernes venerdì venerdi sexta sextas "
    "vrijdag vrijdagen piątek piątki fredag fredagar fredager fredage",
    "saturday saturdays samstag samstags samedi samedis sábado sábados sabato sabati zaterdag "
    "zaterdagen sobota soboty lördag lördagar lørdag lørdager lørdage",
    "sunday sundays sonntag sonntags dimanche dimanches domingo domingos domenica domeniche "
    "zondag zondagen niedziela niedziele söndag söndagar søndag søndager søndage",
]
_WEEKDAY_SHORT = [
    "mon mo lun seg ma pon mån man",
    "tue tues di mar ter wt tis tir",
    "wed mi mer mié mie qua wo śr ons",
    "thu thur thurs do jeu jue gio qui czw tor",
    "fri fr ven vie sex vr pt fre",
    "sat sa sam sáb sab za sob lör lør",
    "sun so dim dom zo nd nie sön søn",
]
WEEKDAYS = {name: day for day, names in enumerate(_WEEKDAY_NAMES) for name in names.split()}
_SHORT_DAYS: dict[str, set[int]] = {}
for _day, _names in enumerate(_WEEKDAY_SHORT):
    for _name in _names.split():
        _SHORT_DAYS.setdefault(_name, set()).add(_day)
_NUMBER_WORDS = {
    1: "one un une uno una um uma een één jeden jedna ett en",
    2: "two zwei deux dos due dois duas twee dwa dwie två to",
    3: "three drei trois tres tre três drie trzy",
    4: "four vier quatre cuatro quattro quatro cztery fyra fire",
    5: "five fünf cinq cinco cinque vijf pięć fem",
    6: "six sechs seis sei zes sześć sex seks",
    7: "seven sieben sept siete sette sete zeven siedem sju syv",
    8: "eight acht huit ocho otto oito osiem åtta otte",
    9: "nine neun neuf nueve nove negen dziewięć nio ni",
    10: "ten zehn dix diez dieci dez tien dziesięć tio ti",
    12: "twelve zwölf douze doce dodici doze twaalf dwanaście tolv",
}
NUMBER_WORDS = by_word(_NUMBER_WORDS)
# The number words a summary counts with: not those that are common words of other languages
# ("to" is Norwegian for two, "fire" Danish for four, "sei" Italian for "you are").
_COUNTING = {w for w in NUMBER_WORDS if len(w) > 2} - {"fire", "sei", "sex", "tio", "otto"}
_DATE_LINKS = frozenset(("of", "de", "di", "del", ".", "-", "den", "le", "el", "il", "o"))
# Articles that make a bare number a day of the month in Romance languages.
_DAY_ARTICLES = frozenset(("il", "le", "el", "dia"))
# Between the two days of a range ("6-7 March", "6 to 7 March", "6 au 7 mars"): the first
# day has the month of the second.
_RANGE_LINKS = frozenset(
    ("-", "–", "to", "and", "bis", "und", "au", "et", "al", "y", "a", "e", "tot", "en")
)
# German determiners: the word after one is a noun, which German writes capitalised, not a
# name ("die Kaution").
DE_DETERMINERS = wordset(
    """
    der die das den dem des ein eine einen einem einer eines mein meine meinen meinem meiner
    dein deine deinen deinem sein seine seinen seinem ihr ihre ihren ihrem unser unsere
    unseren unserem euer eure euren eurem diese dieser dieses diesen diesem jede jeder jedes
    jeden jedem
    """
)
# Articles and possessives: what follows one is a noun ("the remaining £280", "die Kaution").
DETERMINERS = DE_DETERMINERS | wordset(
    "the a an our your my their his her its this that these those all both each every "
    "le la les l' un une nos notre vos votre mes mon ma ses son sa leur leurs ces ce cette "
    "el los las lo unos unas nuestro nuestra nuestros nuestras su sus "
    "il gli i uno una nostro nostra nostri nostre "
    "o os as um uma nosso nossa "
    "de het een ons onze jullie mijn"
)
_SUBJECT_PRONOUNS = wordset(
    "he she they it er sie es il elle ils elles on él ella ellos ellas lui lei loro ele ela "
    "eles elas hij zij ze han hun de"
)
# Words that open a range of counts: "between 120 and 150", "entre duas e três".
_RANGE_OPENERS = wordset("between entre zwischen tussen tra fra mellan między")
# Languages whose clock runs to 24 hours: "7:00" without "pm" is the morning.
# What a term replaces follows these ("instead of the park", "au lieu du château").
_INSTEAD = wordset("instead statt anstatt anstelle anziché invece zamiast")
_INSTEAD_PAIRS = frozenset(
    (
        ("rather", "than"),
        ("plutôt", "que"),
        ("plutôt", "qu"),
        ("au", "lieu"),
        ("en", "lugar"),
        ("en", "vez"),
        ("em", "vez"),
        ("em", "lugar"),
        ("in", "plaats"),
    )
)
_INSTEAD_SPAN = 5  # tokens back from a word to the "instead of" that governs it
_ONLY_SPAN = 3  # tokens back from a word to the "only" that limits a term to it ("only on the")
_NEGATED_SPAN = 2  # tokens back from a word to the "no" that rules it out ("no pets at all")
CLOCK_24 = wordset("de fr es it pt nl pl sv no da fi cs hu ro ru uk el tr ca")
_TWENTY_FOUR = re.compile(r"(?:0\d|1[3-9]|2[0-3])[:.][0-5]\d")  # "08:00", "17:30"
# What joins the ends of a range without "between": "8:00 to 16:00", "das 8:00 às 16:00",
# "von 9 bis 17 Uhr", "13-24 September"; and the articles some languages put before the end.
_RANGE_TO = frozenset(
    ("-", "–", "to", "till", "until", "bis", "à", "a", "às", "al", "alle", "tot", "by", "x", "×")
)
# "or" between two values: the owner offers either ("o" only in Spanish and Italian, where it
# is no article).
_ORS = wordset("or ou oder of lub eller")
_WITH = wordset("with mit avec con com met z")
# Words that set something outside a price or a term.
_APART = wordset(
    "aparte extra extras separately separate apart excluded excluding exclusive zzgl "
    "zusätzlich exklusive escluso esclusi esclusa escluse osobno dodatkowo"
)
_ANDS = wordset("and und et y e en i och og oraz")
_OR_SPAN = 3  # words on either side of an "or" it may join
_CHAIN = 4  # letters: a shorter word is too common to tell what is joined
_ORS_ROMANCE = wordset("o")
_SENTENCE_MARKS = frozenset(".;:!?")
_BESIDE = 6  # tokens between an "or" or an "and" and the value it joins
_RANGE_FILLERS = wordset("as os las los le la les de del the")
_BETWEEN_ENDS = wordset("am pm a p m cm mm km ft")
# Kinds of day that make a count of days another term: "8 working days" is not "8 days".
_QUALIFIERS = wordset(
    "working business calendar clear ouvrés ouvrables ouvrable ouvré hábiles hábil laborables "
    "laborable lavorativi lavorativo úteis útil"
)
_QUALIFIER_SPAN = 3
# The owner's own line breaks stay in the summary as sent: each starts a new item.
_BOUNDARY = re.compile(r"[.!?:;。！？\n]")
_BULLET_LINE = re.compile(r"\s*(?:[-*•·\u2013\u2014]|\d{1,2}[.)])\s")
_NUMBER = re.compile(r"\d+(?:[.,/:'\u2019 \u00a0\u202f]\d+)*")
_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th|er|e|º|ª|°)")
_DAY_MONTH = re.compile(r"(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?")


@dataclass(frozen=True)
class Run:
    """Reply content tokens [start, end) copied from summary tokens [s_start, s_end)."""

    start: int
    end: int
    s_start: int
    s_end: int


@dataclass
class _Layout:
    """Where the owner's text has each word and value, and who its pronouns name."""

    words: dict[str, set[Place]] = field(default_factory=dict)
    values: dict[Fact, set[Place]] = field(default_factory=dict)
    persons: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    # who the verbs' endings name, where no pronoun does (Spanish "pagamos")
    verb_persons: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    doers: dict[int, set[str]] = field(default_factory=dict)  # names opening each clause
    conditional: set[int] = field(default_factory=set)  # items that set a condition
    # the halves of the items split by ";" each word stands in ("We send a packed lunch; the
    # club provides snacks"), each with the task of the half it is in ("Ian pays the deposit
    # and brings the balance on the night" gives Ian two)
    segments: dict[str, set[Segment]] = field(default_factory=dict)
    value_segments: dict[Fact, set[Segment]] = field(default_factory=dict)
    # the halves of items every ";" splits, as (item, half): "units fitted by Friday 19
    # February; worktops … fitted by 5 March" are two, whatever opens the second
    halves: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    value_halves: dict[Fact, set[tuple[int, int]]] = field(default_factory=dict)
    kinds: dict[int, set[str]] = field(default_factory=dict)  # of the values of each clause
    restricted: set[int] = field(default_factory=set)  # items that say "only"
    # the clauses of each item that open with a bare "if" ("If the heating has to be on, …")
    if_clauses: dict[int, set[int]] = field(default_factory=dict)
    token_places: list[Place] = field(default_factory=list)  # of each token of the text
    # the first words of the provisos of each item ("unless", "provided", "es")
    provisos: dict[int, set[str]] = field(default_factory=dict)
    # who the pronouns of each item name in any role ("paid to me", "your deposit")
    mentions: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    # whom each item hands a term to: "first", "second", or "third" for someone named
    # ("directly to Ballyvolane Skips", "an den Verein")
    receivers: dict[int, set[str]] = field(default_factory=dict)
    clause_receivers: dict[int, set[str]] = field(default_factory=dict)
    # what each value of each clause may stand for, and whether it bounds the clause's term
    # ("with less than 24 hours' notice"); no years
    clause_values: dict[int, list[tuple[str, frozenset[Fact], bool]]] = field(default_factory=dict)


class Summary:
    """The summary as sent, prepared for comparing replies with it.

    Each view is built the first time it is needed: most replies quote the summary whole and
    say "Confirmed", and need none of them.
    """

    def __init__(self, sent_text: str) -> None:
        self.text = normalize(sent_text)

    @cached_property
    def _tokens(self) -> list[Token]:
        return tokenize(self.text)

    @cached_property
    def lang(self) -> str | None:
        """The language the owner wrote in, where its words say so clearly."""
        return language_of(self._terms)

    @cached_property
    def _content(self) -> list[Token]:
        return [t for t in self._tokens if t.kind in _CONTENT]

    @cached_property
    def _terms(self) -> list[Token]:
        """The owner's text: Accord's request paragraph and footer left out."""
        end = self.text.find(_REQUEST)
        return tokenize(self.text if end < 0 else self.text[:end])

    @cached_property
    def words(self) -> list[str]:
        return content_words(self.text)

    @cached_property
    def _spelled(self) -> str:
        return " " + " ".join(t.text for t in self._terms if t.kind != "mark") + " "

    def says(self, words: Sequence[str]) -> bool:
        """Whether the owner's text has these words in a row (marks between them aside)."""
        return f" {' '.join(words)} " in self._spelled

    @cached_property
    def squashed(self) -> str:
        return squash(self.text)

    @cached_property
    def positions(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for i, word in enumerate(self.words):
            found.setdefault(word, []).append(i)
        return found

    @cached_property
    def _seeds(self) -> dict[tuple[str, ...], list[int]]:
        found: dict[tuple[str, ...], list[int]] = {}
        shifted = [self.words[k:] for k in range(SEED)]
        for i, seed in enumerate(zip(*shifted, strict=False)):
            found.setdefault(seed, []).append(i)
        return found

    @cached_property
    def _starts(self) -> list[bool]:
        content = self._content
        return [
            i == 0 or bool(_BOUNDARY.search(self.text[content[i - 1].end : t.start]))
            for i, t in enumerate(content)
        ]

    @cached_property
    def facts(self) -> frozenset[Fact]:
        terms = self._terms
        found = {f for i in range(len(terms)) for f in _facts(terms, i, lenient=True)}
        found |= {("num", float(NUMBER_WORDS[t.text])) for t in terms if t.text in _COUNTING}
        return frozenset(found)

    @cached_property
    def times(self) -> frozenset[Fact]:
        """The times of day the owner's text gives; in a language whose clock runs to 24
        hours, "9:30" is the morning only."""
        terms = self._terms
        found: set[Fact] = set()
        for i in range(len(terms)):
            times = {f for f in _facts(terms, i, lenient=True) if f[0] == "time"}
            found |= morning_only(times) if self.clock_24 else times
        return frozenset(found)

    @cached_property
    def clock_24(self) -> bool:
        """Whether the owner writes times on a 24-hour clock: in a language that does, or with
        an hour past noon or a leading zero ("08:00 to 17:00"), so that "10:00" is the
        morning and "10 in the evening" another time."""
        return self.lang in CLOCK_24 or any(
            t.kind == "number" and _TWENTY_FOUR.fullmatch(t.text) for t in self._terms
        )

    @cached_property
    def _qualified(self) -> frozenset[Fact]:
        """The values the owner's text counts only in a kind of day ("8 working days", "3
        jours ouvrés"): the same count of plain days is another term."""
        terms = self._terms
        qualified: set[Fact] = set()
        bare: set[Fact] = set()
        for i, token in enumerate(terms):
            if token.kind == "number":
                facts = _facts(terms, i, lenient=False)
                (qualified if qualified_after(terms, i) else bare).update(facts)
        return frozenset(qualified - bare)

    def qualified(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether the owner's text counts the value at ``tokens[i]`` only in a kind of day."""
        return not self._qualified.isdisjoint(_facts(tokens, i, lenient=False))

    @cached_property
    def _units(self) -> dict[Fact, set[str]]:
        return _units(self._terms)

    @cached_property
    def _layout(self) -> _Layout:
        """For each word and each value of the owner's text, where it stands: the item (a
        bullet, a numbered point or a sentence, ``_starts_item``: "The bus costs €240, paid by
        the school." and "Parents bring a packed lunch." are two terms, even on one line; the
        halves of a line joined by ";" are one), the part of the item ("£80 up front on 6
        September" and "the remaining £200 on 1 October": an item splits into parts at "and"
        only where each side has a value of its own, so "the guidelines and the API docs by
        10 June" is one part) and the clause (between commas, colons and semicolons); who the
        pronouns of each item and clause name; and which items hold a proviso."""
        terms = self._terms
        item = raw = clause = 0
        where: list[tuple[int, int, int]] = []  # (item, raw part, clause) of each token
        valued: set[int] = set()  # raw parts that hold a value
        # raw parts whose subject goes on into the next ("die Kaution beträgt 500 € und wird
        # bis zum 15. Juni überwiesen": the deposit is what is transferred by 15 June)
        carried: dict[int, int] = {}
        # the "and" of "between 10:00 AM and 11:00 AM" joins a range's ends, not two parts
        in_ranges = {
            k
            for i in range(len(terms))
            if (found := range_at(terms, i)) is not None
            for k in range(found[0] + 1, found[1])
        }
        if_at = -1  # where the clause's bare "if" is, while no comma has ended it
        for i, token in enumerate(terms):
            if token.text in _IFS:
                if_at = i
            if _starts_item(terms, i):
                item, raw, clause = item + 1, raw + 1, clause + 1
                if_at = i if token.text in _IFS else -1
            elif if_at >= 0 and i - if_at > _IF_WORDS_MIN and _opens_main_clause(terms, i):
                # "If the piles block more than 4 spaces we haul snow": the condition ends
                # where the term's subject begins, though no comma marks it
                clause, if_at = clause + 1, -1
            elif token.text in _PART_BREAKS and i not in in_ranges:
                raw += 1
                if not self._opens_subject(i + 1):
                    carried[raw - 1] = raw
            elif token.text in _CLAUSE_BREAKS and not american_date_comma(terms, i):
                clause, if_at = clause + 1, -1
            where.append((item, raw, clause))
            if token.kind == "number" or token.text in NUMBER_WORDS or token.text in _WHEN:
                valued.add(raw)
        part = _merged_parts([(a, b) for a, b, _ in where], valued)
        kinds = {i: value_kind(terms, i) for i, t in enumerate(terms) if t.kind == "number"}
        where = _value_clauses_joined(terms, where, kinds)
        layout = _Layout()
        segment = task = start = half = 0
        for i, token in enumerate(terms):
            place = (where[i][0], part[where[i][1]], where[i][2])
            layout.token_places.append(place)
            if i and where[i - 1][0] != place[0]:
                half = 0
            elif i and terms[i - 1].text == ";":
                half += 1
            if token.kind in _CONTENT:
                layout.halves.setdefault(token.text, set()).add((place[0], half))
            facts_here = _value_facts(terms, i)
            if (
                i == 0
                or where[i - 1][0] != place[0]
                or (terms[i - 1].text == ";" and self._opens_subject(i))
            ):
                segment += 1  # "…; au-delà, tu paies …" goes on with the half before it
                task, start = task + 1, i
            elif self._second_task(i - 1, start, where):
                task, start = task + 1, i
                # who does the first task does this one: "Ian pays … and brings …"
                for subject in terms[self._subject_start(where, i) : self._subject_end(where, i)]:
                    layout.segments.setdefault(subject.text, set()).add((segment, task))
            elif self._another_doer(i - 1, start):
                task, start = task + 1, i  # "Carlos at the start and Dee at the aid station"
            if token.kind == "word":
                layout.segments.setdefault(token.text, set()).add((segment, task))
            for fact in facts_here:
                layout.value_segments.setdefault(fact, set()).add((segment, task))
                layout.value_halves.setdefault(fact, set()).add((place[0], half))
                layout.values.setdefault(fact, set()).add(place)
            if token.kind == "number":
                layout.kinds.setdefault(place[2], set()).add(kinds[i])
                if not _YEAR.fullmatch(token.text):
                    facts = frozenset(facts_here)
                    bound = _bounds(terms, i)
                    layout.clause_values.setdefault(place[2], []).append((token.text, facts, bound))
            if token.kind in _CONTENT:
                layout.words.setdefault(token.text, set()).add(place)
                if where[i][1] in carried:
                    next_part = part[carried[where[i][1]]]
                    layout.words[token.text].add((place[0], next_part, place[2]))
            receiver = self._receiver_at(i) if token.text in _TO else None
            if receiver:
                layout.receivers.setdefault(place[0], set()).add(receiver)
            receiver = (
                receiver
                or clitic(terms, i, self.lang)
                or _PLURAL_CLITICS.get(self.lang or "", {}).get(token.text)
            )
            if receiver:
                layout.clause_receivers.setdefault(place[2], set()).add(receiver)
            capital = self.text[token.start].isupper()
            if capital and _names_a_doer(terms, i, where) and token.text in self.proper:
                layout.doers.setdefault(place[2], set()).add(token.text)  # "Dan clears …"
            hyphened = i + 1 < len(terms) and terms[i + 1].text == "-"  # "envio-te"
            person = _doer(terms, i, self.lang) if token.text in _PRONOUNS or hyphened else None
            verb = verb_person(terms, i, self.lang) if self.lang in _VERB_ENDINGS else None
            if verb:  # the doer is in the verb's ending: "pagamos"
                layout.verb_persons.setdefault(("item", place[0]), set()).add(verb)
                layout.verb_persons.setdefault(("clause", place[2]), set()).add(verb)
            if person:
                layout.persons.setdefault(("item", place[0]), set()).add(person)
                layout.persons.setdefault(("clause", place[2]), set()).add(person)
            mention = person or person_of(token.text, self.lang) or _mention(token.text, self.lang)
            if mention:
                layout.mentions.setdefault(("item", place[0]), set()).add(mention)
                layout.mentions.setdefault(("clause", place[2]), set()).add(mention)
            if condition_at(terms, i):
                layout.conditional.add(place[0])
                layout.provisos.setdefault(place[0], set()).add(token.text)
            if token.text in ONLY:
                layout.restricted.add(place[0])
            if token.text in _IFS and (
                i == 0 or where[i - 1][2] != where[i][2] or terms[i - 1].text in _BULLETS
            ):
                layout.if_clauses.setdefault(place[0], set()).add(place[2])
        return layout

    def _receiver_at(self, i: int) -> str | None:
        """Who the "to" at ``i`` of the owner's text hands a term to: a pronoun's side, or
        "third" for a name or a noun after an article ("to Ballyvolane Skips", "an den
        Verein", "à l'agence Horizon")."""
        terms = self._terms
        k = i + 1
        while k < len(terms) and terms[k].text in _RECEIVER_ARTICLES:
            k += 1
        if k >= len(terms) or terms[k].kind != "word":
            return None
        word = terms[k].text
        if word in _RECEIVERS:
            return _RECEIVERS[word]
        named = self.text[terms[k].start].isupper()
        # "to the school", "à l'agence": a noun after an article is someone else too
        return "third" if named or k > i + 1 or word.startswith(("l'", "d'")) else None

    def receivers(self, items: frozenset[int]) -> frozenset[str]:
        """Whom these items of the owner's text hand a term to by name or pronoun ("paid by
        you, directly to Ballyvolane Skips"); none where they do not say."""
        return frozenset(p for i in items for p in self._layout.receivers.get(i, ()))

    def clause_receivers(self, clauses: frozenset[int]) -> frozenset[str]:
        """Whom these clauses of the owner's text hand a term to, by name, by pronoun after
        "to", or by an object pronoun before the verb ("me haces un Bizum": "first")."""
        return frozenset(p for c in clauses for p in self._layout.clause_receivers.get(c, ()))

    def _opens_subject(self, i: int) -> bool:
        """Whether the owner's text at ``_terms[i]``, after an "and", names who or what the
        next part is about (an article, a pronoun, a name, a value) rather than going on with
        a verb whose subject came before."""
        if i >= len(self._terms):
            return True
        token = self._terms[i]
        return (
            token.kind != "word"
            or token.text in DETERMINERS
            or token.text in PERSONS
            or token.text in _SUBJECT_PRONOUNS
            or self.text[token.start].isupper()
        )

    def _second_task(self, i: int, start: int, where: Sequence[tuple[int, int, int]]) -> bool:
        """Whether the "and" at ``_terms[i]`` opens a second task of the subject before it:
        a verb and its object ("… pays the deposit and brings the balance", "… und bringt den
        Schlüssel", "… et récupères le vélo"), after a task of two words or more. Not things
        listed ("the nave and the side chapel"), nor a task that names the first's thing
        again ("removes the old cabinets and installs the new ones")."""
        terms = self._terms
        if (
            terms[i].text not in _TASK_JOINS
            or (terms[i].text == "en" and self.lang != "nl")  # French "en" is "in"
            or i + 2 >= len(terms)
            or i - start < 2
            or self._opens_subject(i + 1)
            or terms[i + 1].text in _NO_VERBS
            or not (
                terms[i + 2].kind == "number"
                or terms[i + 2].text in DETERMINERS
                or terms[i + 2].text in CURRENCIES
            )
        ):
            return False
        ends = next((k for k in range(i + 1, len(terms)) if where[k][2] != where[i][2]), len(terms))
        return not any(t.text in _ANAPHORS for t in terms[i + 1 : ends])

    def _another_doer(self, i: int, start: int) -> bool:
        """Whether the "and" at ``_terms[i]`` opens another person's term after a term of
        three words or more: "Carlos at the start and Dee at the aid station" (not "Carlos
        and Dee staff it")."""
        terms = self._terms
        if terms[i].text not in _TASK_JOINS or i + 1 >= len(terms) or i - start < _TERM_MIN:
            return False
        name = terms[i + 1]
        if name.text in self.proper and self.text[name.start].isupper():
            return True
        # "la primera mitad en español y la segunda en inglés": an article and what it names
        # begin a term of their own
        return name.text in DETERMINERS and i + 2 < len(terms) and terms[i + 2].text in _ORDINALS

    def _subject_start(self, where: Sequence[tuple[int, int, int]], i: int) -> int:
        """Where the item of ``_terms[i]`` begins, past its bullet."""
        k = i
        while k > 0 and where[k - 1][0] == where[i][0]:
            k -= 1
        while k < i and self._terms[k].kind != "word":
            k += 1
        return k

    def _subject_end(self, where: Sequence[tuple[int, int, int]], i: int) -> int:
        """Where the subject that opens the item of ``_terms[i]`` ends: its names, pronouns
        and articles, and the noun after an article ("Ian", "your crew", "Lea", "tu")."""
        k = self._subject_start(where, i)
        after_article = False
        while k < i:
            token = self._terms[k]
            if token.kind != "word":
                break
            if token.text in DETERMINERS:
                after_article = True
            elif (
                after_article
                or token.text in PERSONS
                or token.text in _SUBJECT_PRONOUNS
                or self.text[token.start].isupper()
            ):
                after_article = False
            else:
                break
            k += 1
        return k

    def conditional(self, items: frozenset[int]) -> bool:
        """Whether one of these items of the owner's text sets a condition or an exception
        ("…, unless the damage comes from a break-in", "salvo que haya daños")."""
        return not self._layout.conditional.isdisjoint(items)

    def provisos(self, items: frozenset[int] | None = None) -> frozenset[str]:
        """The first words of the provisos of these items of the owner's text, or of all."""
        table = self._layout.provisos
        keys = table if items is None else items
        return frozenset(w for item in keys for w in table.get(item, ()))

    def restricted(self, items: frozenset[int]) -> bool:
        """Whether one of these items of the owner's text limits its term with "only" ("numbers
        only on the shirts of the under-15s")."""
        return not self._layout.restricted.isdisjoint(items)

    def drops_if(self, items: frozenset[int], clauses: frozenset[int]) -> bool:
        """Whether words of these clauses restate what follows an "if" in one of these items
        without any word of the "if" clause itself: "we pay an extra £40" for "If the heating
        has to be on, we pay an extra £40"."""
        ifs = set().union(*(self._layout.if_clauses.get(item, ()) for item in items))
        return bool(ifs) and ifs.isdisjoint(clauses)

    @cached_property
    def proper(self) -> frozenset[str]:
        """Words the owner's text writes capitalised wherever they stand, once at least
        inside a sentence: names of people, pets and places ("Mark collects the forms")."""
        terms = self._terms
        upper: set[str] = set()
        lower: set[str] = set()
        for i, token in enumerate(terms):
            if token.kind != "word":
                continue
            if not self.text[token.start].isupper():
                lower.add(token.text)
            elif (
                i
                and terms[i - 1].line == token.line
                and not _ends_item(terms, i - 1)
                and terms[i - 1].text not in DE_DETERMINERS  # "die Kaution": a noun
            ):
                upper.add(token.text)
        return frozenset(upper - lower)

    def mentioned(self, items: frozenset[int], clauses: frozenset[int]) -> frozenset[str]:
        """Who the pronouns of these clauses of the owner's text name in any role ("first"
        for "paid to me", "second" for "your deposit"), or, when none is given, of these
        items."""
        where = [("clause", c) for c in clauses] or [("item", i) for i in items]
        return frozenset(p for key in where for p in self._layout.mentions.get(key, ()))

    def possessors(self, clauses: frozenset[int]) -> frozenset[str]:
        """Whose things these clauses of the owner's text name by a possessive ("pelo nosso
        engenheiro": "first"); not who receives ("due to us")."""
        terms, places = self._terms, self._layout.token_places
        return frozenset(
            who
            for i, token in enumerate(terms)
            if places[i][2] in clauses and (who := possessor(token.text, self.lang))
        )

    def persons(self, items: frozenset[int], clauses: frozenset[int]) -> frozenset[str]:
        """Who the pronouns name ("first": the owner's side, "we pay"; "second": the
        counterparty, "you collect") in these clauses of the owner's text, or, when none is
        given, in these items; where no pronoun names anyone there, who the verbs' endings
        name ("te pagamos")."""
        where = [("clause", c) for c in clauses] or [("item", i) for i in items]
        found = frozenset(p for key in where for p in self._layout.persons.get(key, ()))
        # only where no pronoun names anyone: a verb's ending is read less surely
        return found or frozenset(p for k in where for p in self._layout.verb_persons.get(k, ()))

    @cached_property
    def _ranges(self) -> list[tuple[frozenset[Fact], frozenset[Fact], bool]]:
        """The ranges the owner's text gives ("between 120 and 150", "das 8:00 às 16:00",
        "9:00 AM to 5:00 PM"): the readings of each end, and whether it opens with "between"
        (its ends alone fix what it leaves open)."""
        terms = self._terms
        found = []
        for i in range(len(terms)):
            ends = range_at(terms, i)
            if ends is not None:
                low, high, between = ends
                found.append((end_facts(terms, low), end_facts(terms, high), between))
        return found

    @cached_property
    def _range_ends(self) -> dict[Fact, frozenset[Fact]]:
        """The values the owner's text gives only as an end of a range opened by "between"
        ("between 120 and 150", "entre duas e três", "between 10:00 AM and 11:00 AM"), each
        with the other ends it was given with."""
        terms = self._terms
        ends: dict[Fact, set[Fact]] = {}
        in_range: set[int] = set()
        for i in range(len(terms)):
            found = range_at(terms, i)
            if found is None or not found[2]:
                continue
            low, high, _ = found
            for one, other in ((low, high), (high, low)):
                for fact in end_facts(terms, one):
                    ends.setdefault(fact, set()).update(end_facts(terms, other))
            in_range |= {low, high}
        if not ends:
            return {}
        elsewhere = {
            fact for i in range(len(terms)) if i not in in_range for fact in end_facts(terms, i)
        }
        return {v: frozenset(o) for v, o in ends.items() if v not in elsewhere}

    @property
    def has_ranges(self) -> bool:
        return bool(self._range_ends)

    def range_end(self, facts: set[Fact]) -> frozenset[Fact]:
        """The other ends of the range a value with these readings is only an end of in the
        owner's text, or none: "150" alone restates no "between 120 and 150"."""
        return frozenset(o for fact in facts for o in self._range_ends.get(fact, ()))

    @cached_property
    def _alternatives(self) -> list[tuple[frozenset[Fact], frozenset[Fact]]]:
        """The values the owner's text offers as alternatives ("from 8:00 to 16:00 or from
        14:00 to 22:00", "€7.50 an hour, or €300 a week"): the nearest value on each side of
        each "or"."""
        terms = self._terms
        ors = self.or_words(self.lang)
        found = []
        for i, token in enumerate(terms):
            if token.text in ors:
                before, after = value_beside(terms, i, -1), value_beside(terms, i, 1)
                if before and after:
                    found.append((before, after))
        return found

    def _joined_pairs(self, joins: frozenset[str]) -> frozenset[tuple[str, str]]:
        """Pairs of the owner's words on either side of one of ``joins``, within a few words
        ("ein Thema oder einen kurzen Text": ("thema", "text"))."""
        terms = [t for t in self._terms if t.kind in ("word", "number")]
        found: set[tuple[str, str]] = set()
        for k, token in enumerate(terms):
            if token.text in joins:
                before = terms[max(0, k - _OR_SPAN) : k]
                after = terms[k + 1 : k + 1 + _OR_SPAN]
                found |= {(a.text, b.text) for a in before for b in after}
        return frozenset(found)

    @cached_property
    def _or_pairs(self) -> frozenset[tuple[str, str]]:
        return self._joined_pairs(self.or_words(self.lang))

    @cached_property
    def _and_pairs(self) -> frozenset[tuple[str, str]]:
        return self._joined_pairs(_ANDS)

    def joins_alternatives(self, before: Sequence[str], after: Sequence[str]) -> bool:
        """Whether words the reply joins with "and" are alternatives in the owner's text: a
        word before the join and one after it stand on either side of an "or" there, and no
        "and" joins them so."""
        pairs = {(a, b) for a in before for b in after if len(a) >= _CHAIN and len(b) >= _CHAIN}
        return bool(pairs & self._or_pairs) and not (pairs & self._and_pairs)

    def or_words(self, lang: str | None) -> frozenset[str]:
        """The words for "or" in a text in ``lang`` (Spanish and Italian "o" only there)."""
        return _ORS | (_ORS_ROMANCE if lang in ("es", "it") else frozenset())

    @cached_property
    def _day_alternatives(self) -> frozenset[tuple[int, int]]:
        """The days of the week the owner's text offers as alternatives ("Tuesday or
        Friday"), both ways round."""
        terms, ors = self._terms, self.or_words(self.lang)
        found = set()
        for i in range(1, len(terms) - 1):
            if terms[i].text in ors:
                for a in weekday(terms, i - 1) or ():
                    for b in weekday(terms, i + 1) or ():
                        found |= {(a, b), (b, a)}
        return frozenset(found)

    def days_as_alternatives(self, one: set[int], other: set[int]) -> bool:
        """Whether the owner's text offers one of these days or the other."""
        return any((a, b) in self._day_alternatives for a in one for b in other)

    def alternatives(self, one: frozenset[Fact], other: frozenset[Fact]) -> bool:
        """Whether the owner's text offers these two values as alternatives."""
        return any(
            (not one.isdisjoint(a) and not other.isdisjoint(b))
            or (not one.isdisjoint(b) and not other.isdisjoint(a))
            for a, b in self._alternatives
        )

    def pairs_anew(self, low: set[Fact], high: set[Fact]) -> bool:
        """Whether a reply's range joins two ends of the owner's ranges that no range of it
        joins: "8:00 às 14:00" for "das 8:00 às 16:00 ou das 14:00 às 22:00"."""
        ranges = self._ranges
        ends = [fact for lo, hi, _ in ranges for fact in (*lo, *hi)]
        if not ranges or low.isdisjoint(ends) or high.isdisjoint(ends):
            return False
        return not any(not low.isdisjoint(lo) and not high.isdisjoint(hi) for lo, hi, _ in ranges)

    @cached_property
    def _recurrences(self) -> frozenset[str]:
        """What follows each word that makes a term recur in the owner's text ("half" of
        "every half hour", "other" of "every other Friday")."""
        terms = self._terms
        return frozenset(
            after
            for i, token in enumerate(terms)
            if token.text in RECURS and (after := recurrence(terms, i)) is not None
        )

    def conditions(self, phrase: tuple[str, ...]) -> list[Condition]:
        """Where the owner's text says this condition ("unless", "es sei denn"), each time:
        where what it says begins, and its place (where the phrase ends its clause, "es sei
        denn, die Wohnung …", the clause after it)."""
        terms = self._terms
        found: list[Condition] = []
        for i in range(len(terms) - len(phrase) + 1):
            if tuple(t.text for t in terms[i : i + len(phrase)]) != phrase:
                continue
            item, part, clause = self._layout.token_places[i]
            end = i + len(phrase)
            if end < len(terms) and terms[end].text in _CLAUSE_BREAKS:
                clause += 1  # "es sei denn, die Wohnung ist beschädigt"
            places = frozenset({(item, part, clause)})
            found.append(Condition(end, places, self._main_clause(i, clause)))
        return found

    def _main_clause(self, i: int, clause: int) -> int | None:
        """The clause of the term a condition at ``_terms[i]`` holds for (``Condition.main``),
        in its item, or None."""
        places = self._layout.token_places
        item = places[i][0]
        before = i - 1
        while before >= 0 and self._terms[before].text in _BULLETS:
            before -= 1
        opens = before < 0 or places[before][0] != item or self._terms[before].text in ".!?"
        if not opens and places[before][2] == places[i][2] and self._terms[before].kind != "mark":
            return places[i][2]  # "you pay the first £250 unless we are away"
        steps = range(i + 1, len(places)) if opens else range(before, -1, -1)
        for k in steps:
            if places[k][0] != item:
                return None
            if places[k][2] != clause and places[k][2] != places[i][2]:
                return places[k][2]
        return None

    def condition_terms(self, condition: Condition) -> tuple[frozenset[str], list[set[Fact]]]:
        """What the owner's text says after a condition's own words, to its clause's end:
        its words of four letters or more, and each of its values' readings ("damaged",
        "drive" of "if the car is damaged while you park in the drive")."""
        clauses = {(item, clause) for item, _, clause in condition.places}
        terms = self._terms
        words: set[str] = set()
        values: list[set[Fact]] = []
        for i in range(condition.start, len(terms)):
            item, _, clause = self._layout.token_places[i]
            if (item, clause) not in clauses:
                if words or values:
                    break
                continue  # the clause break after "es sei denn"
            token = terms[i]
            if (
                token.kind == "word"
                and len(token.text) >= _CONDITION_WORD
                and token.text not in _IFS
                and token.text not in MONTHS  # read with its date, a value
                and token.text not in PERSONS
            ):
                words.add(token.text)
            elif token.kind == "number":
                values.append(_facts(terms, i, lenient=True))
        return frozenset(words), values

    def recurs(self, after: str) -> bool:
        """Whether the owner's text makes a term recur with ``after`` ("every half …")."""
        return after in self._recurrences

    @cached_property
    def shared(self) -> frozenset[str]:
        """Words of what the owner's text shares out by a percentage ("15% of the ticket
        sales"): restated without a share, they are all of it."""
        terms = self._terms
        found: set[str] = set()
        for i in range(len(terms) - 2):
            if terms[i].kind == "number" and terms[i + 1].text == "%" and terms[i + 2].text in OF:
                after = [t for t in terms[i + 3 : i + 3 + _BASE_SPAN] if t.text not in DETERMINERS]
                for token in after:
                    if token.kind != "word" or token.text in OF:
                        break
                    found.add(token.text)
        return frozenset(found)

    def doers(self, clauses: frozenset[int]) -> frozenset[str]:
        """The names that open these clauses of the owner's text: who does their terms
        ("Dan clears the kitchen")."""
        return frozenset(d for c in clauses for d in self._layout.doers.get(c, ()))

    def places_of_word(self, word: str) -> frozenset[Place]:
        """Where the owner's text has ``word`` (nowhere for the request paragraph and
        footer)."""
        return frozenset(self._layout.words.get(word, ()))

    @cached_property
    def _bulleted(self) -> tuple[frozenset[str], list[frozenset[str]]]:
        """The words of the owner's text before its first bullet (what the summary is about:
        "Here is what we agreed about the room"), and those of each bullet; no bullets, no
        words."""
        end = self.text.find(_REQUEST)
        lines = (self.text if end < 0 else self.text[:end]).splitlines()
        first = next((k for k, line in enumerate(lines) if _BULLET_LINE.match(line)), None)
        if first is None:
            return frozenset(), []
        bullets: list[set[str]] = []
        for line in lines[first:]:
            if _BULLET_LINE.match(line):
                bullets.append(set())
            if bullets:
                bullets[-1].update(content_words(line))
        return frozenset(content_words("\n".join(lines[:first]))), [frozenset(b) for b in bullets]

    def part_named(self, words: Iterable[str]) -> bool:
        """Whether these words of the owner's text name some of its bulleted terms and not
        the whole: none is a word of the lines before the bullets, each is in a bullet, and
        not every bullet has one ("the rent", "the deposit" of a sublet's nine bullets)."""
        intro, bullets = self._bulleted
        named: set[int] = set()
        for word in words:
            found = {k for k, bullet in enumerate(bullets) if word in bullet}
            if word in intro or not found:
                return False
            named |= found
        return bool(named) and len(named) < len(bullets)

    def left_beside(self, restated: Sequence[frozenset[Fact]]) -> str | None:
        """A value of the owner's text that bounds a term ("with less than 24 hours'
        notice", ``_BOUND_WORDS``), in one clause with a value the reply restates, and that
        the reply never restates: "Cancellations are charged at 50%" for "A cleaning cancelled
        with less than 24 hours' notice is charged at 50%" drops the bound. Only where the
        restated value stands in one clause of the owner's text (a bound in a clause of its
        own, "…, die weniger als 24 Stunden vorher abgesagt wird, …", is not read yet)."""
        said = frozenset().union(*restated) if restated else frozenset()
        values = self._layout.clause_values
        for facts in restated:
            found = [c for c, held in values.items() if any(facts & f for _, f, _ in held)]
            if len(found) != 1:
                continue
            for written, other, bound in values[found[0]]:
                if bound and other and other.isdisjoint(said):
                    return written
        return None

    def has_other_value(self, clauses: frozenset[int], kind: str) -> bool:
        """Whether one of these clauses of the owner's text gives a value of this kind (a
        date, a time, a share or an amount): "$6,000 on Friday, November 12" has a date of its
        own, so "$6,000 by November 1" takes the deposit's."""
        return any(kind in self._layout.kinds.get(clause, ()) for clause in clauses)

    def segments_of_word(self, word: str) -> frozenset[Segment]:
        """The halves of items split by ";" the owner's text has ``word`` in, each with its
        task."""
        return frozenset(self._layout.segments.get(word, ()))

    def places_of_value(self, tokens: Sequence[Token], i: int) -> frozenset[Place]:
        """Where the owner's text has the value of the number at ``tokens[i]``."""
        return self._of_value(self._layout.values, tokens, i)

    def halves_of_word(self, word: str) -> frozenset[tuple[int, int]]:
        return frozenset(self._layout.halves.get(word, ()))

    def halves_of_value(self, tokens: Sequence[Token], i: int) -> frozenset[tuple[int, int]]:
        return self._of_value(self._layout.value_halves, tokens, i)

    def segments_of_value(self, tokens: Sequence[Token], i: int) -> frozenset[Segment]:
        """The halves of items split by ";" the owner's text has that value in, each with its
        task."""
        return self._of_value(self._layout.value_segments, tokens, i)

    @staticmethod
    def _of_value(table: dict[Fact, set[T]], tokens: Sequence[Token], i: int) -> frozenset[T]:
        values = _value_readings(tokens, i)
        return frozenset(x for fact in values for x in table.get(fact, ()))

    @cached_property
    def _currencies(self) -> dict[Fact, set[str]]:
        terms = self._terms
        found: dict[Fact, set[str]] = {}
        for i in range(len(terms)):
            family = currency(terms, i)
            if family:
                for fact in _facts(terms, i, lenient=True):
                    found.setdefault(fact, set()).add(family)
        return found

    @cached_property
    def _sides(self) -> dict[Fact, set[str]]:
        terms = self._terms
        found: dict[Fact, set[str]] = {}
        for i in range(len(terms)):
            written = side(terms, i) if terms[i].kind == "number" else None
            if written:
                for fact in _facts(terms, i, lenient=True):
                    found.setdefault(fact, set()).add(written)
        return found

    @cached_property
    def _rated(self) -> frozenset[Fact]:
        """The values the owner's text counts by something ("€95 per night", "2,400 kg of
        flour per month")."""
        terms = self._terms
        found: set[Fact] = set()
        for i in range(len(terms)):
            if any(t.text in RATES for t in terms[i + 1 : i + _RATE_SPAN]):
                found |= _value_facts(terms, i)
        return frozenset(found)

    @cached_property
    def _counted_by(self) -> dict[Fact, set[str]]:
        """For each value, the stems of what the summary counts it by: the words after a word
        of rate near it ("£38 per child per day"; not the "children" of "£760 in total for
        both children")."""
        terms = self._terms
        found: dict[Fact, set[str]] = {}
        for i in range(len(terms)):
            facts = _value_facts(terms, i)
            if not facts:
                continue
            stems = _rate_stems(terms, i)
            for fact in facts:
                found.setdefault(fact, set()).update(stems)
        return found

    def rated(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether the summary gives the value at ``tokens[i]`` only as a rate, a word of
        rate right after it ("0,80 € ogni 100 litri", "£16 per walk")."""
        values = _value_readings(tokens, i)
        return not self._strictly_rated.isdisjoint(values) and self._unrated.isdisjoint(values)

    @cached_property
    def _strictly_rated(self) -> frozenset[Fact]:
        return self._rates_after[0]

    @cached_property
    def _unrated(self) -> frozenset[Fact]:
        return self._rates_after[1]

    @cached_property
    def _rates_after(self) -> tuple[frozenset[Fact], frozenset[Fact]]:
        """The figures of the owner's text that a word of rate follows somewhere ("€95 per
        night"), and those it does not follow somewhere."""
        terms = self._terms
        rated: set[Fact] = set()
        plain: set[Fact] = set()
        for i, token in enumerate(terms):
            if token.kind != "number":
                continue
            after = [t.text for t in terms[i + 1 : i + 4] if t.text not in CURRENCIES]
            facts = {f for f in _facts(terms, i, lenient=False) if f[0] != "as written"}
            (rated if any(w in _STRICT_RATE_WORDS for w in after) else plain).update(facts)
        return frozenset(rated), frozenset(plain)

    def drops_a_rate(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether the reply counts the value at ``tokens[i]`` by some of what the summary
        counts it by and leaves the rest out: "3 uur per dag" for "3 uur per dag per
        persoon" makes a personal limit a shared one."""
        said = _counting_stems(tokens, i)
        if not said:
            return False
        values = _value_readings(tokens, i)
        theirs = set().union(*(self._strictly_counted_by.get(f, set()) for f in values))
        return said < theirs

    @cached_property
    def _strictly_counted_by(self) -> dict[Fact, set[str]]:
        """``_counted_by`` with the words that only count before a noun ("per", "pro", "je"),
        not those that are also prepositions ("a", "al", "na") or stand alone ("each")."""
        terms = self._terms
        found: dict[Fact, set[str]] = {}
        for i in range(len(terms)):
            for fact in _value_facts(terms, i):
                found.setdefault(fact, set()).update(_counting_stems(terms, i))
        return found

    def counted_by(self, tokens: Sequence[Token], i: int, noun: str) -> bool:
        """Whether the summary counts the value at ``tokens[i]`` by ``noun``: "£280 per
        week" restates no "£280 for the four weeks", "€95 per night per person" no "€95 per
        night" (nouns compared by four letters: "person" is no "per")."""
        values = _value_readings(tokens, i)
        return not self._rated.isdisjoint(values) and any(
            noun[:_RATE_STEM] in self._counted_by.get(f, ()) for f in values
        )

    def other_side(self, tokens: Sequence[Token], i: int, written: str) -> bool:
        """Whether the summary writes the date at ``tokens[i]`` only as the other side: "from
        5 June" for its "by 5 June" turns a deadline into a start, "until" for its "from" a
        start into an end."""
        values = _value_readings(tokens, i)
        sides = set().union(*(self._sides.get(f, set()) for f in values)) - {"point"}
        # A day ("on 5 June") may be read either way; a deadline and a start are two terms.
        return written != "point" and bool(sides) and written not in sides

    @cached_property
    def currency_families(self) -> frozenset[str]:
        return frozenset(f for families in self._currencies.values() for f in families)

    @cached_property
    def weekdays(self) -> frozenset[int]:
        terms = self._terms
        return frozenset(d for i in range(len(terms)) for d in weekday(terms, i) or ())

    @cached_property
    def _by_initial(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for word in sorted(self.positions):
            if len(word) >= TYPO_MIN:
                found.setdefault(word[0], []).append(word)
        return found

    @cached_property
    def _roots(self) -> frozenset[str]:
        return frozenset(w[:ROOT] for w in self.words if len(w) >= ROOT and w.isalpha())

    def shares_root(self, word: str) -> bool:
        """Whether ``word`` begins as a longer word of the summary does ("bringing", "bring";
        "Lieferung", "liefern"): the same word in another form, for a reader."""
        return len(word) >= ROOT and word[:ROOT] in self._roots

    def typo_of(self, word: str) -> str | None:
        """The summary word ``word`` is one typo away from, if any ("septmeber"); typos
        rarely touch a word's first letter, and comparing only words that share it is fast."""
        forms = deletions(word)
        for candidate in self._by_initial.get(word[0], ()):
            if abs(len(candidate) - len(word)) <= 1 and not forms.isdisjoint(deletions(candidate)):
                return candidate
        return None

    def starts_sentence(self, s: int) -> bool:
        """Whether summary word ``s`` begins a sentence or paragraph: where a reader answers
        between the lines of a quote, not in the middle of one."""
        return s >= len(self.words) or self._starts[s]

    def quotes_whole(self, quoted: str) -> bool:
        """Whether ``quoted`` (normalised) is one unbroken piece of the summary, letters and
        digits compared: what most replies quote, decided without reading it word by word."""
        squashed = squash(quoted)
        return bool(squashed) and squashed in self.squashed

    def runs(self, words: Sequence[str]) -> list[Run]:
        """Maximal passages of ``words`` copied from the summary, in reply order."""
        found: list[Run] = []
        i, after = 0, 0
        while i <= len(words) - SEED:
            starts = self._seeds.get(tuple(words[i : i + SEED]))
            if not starts:
                i += 1
                continue
            # The longest copy; among equals the one that continues the previous run.
            length, _, s = max((self._extent(words, i, s), -_distance(s, after), s) for s in starts)
            if _weight(words[i : i + length]) < SEED:
                i += 1
                continue
            found.append(Run(i, i + length, s, s + length))
            i, after = i + length, s + length
        return found

    def _extent(self, words: Sequence[str], i: int, s: int) -> int:
        length = SEED
        while i + length < len(words) and s + length < len(self.words):
            if words[i + length] != self.words[s + length]:
                break
            length += 1
        return length

    def near(self, a: str, b: str) -> bool:
        """Whether words ``a`` and ``b`` occur within NEAR tokens of each other."""
        right = self.positions.get(b, [])
        for p in self.positions.get(a, []):
            k = bisect.bisect_left(right, p - NEAR)
            if k < len(right) and right[k] <= p + NEAR:
                return True
        return False

    def same_unit(self, tokens: Sequence[Token], i: int, unit: str) -> bool:
        """Whether the summary writes the value at ``tokens[i]`` next to a word like ``unit``
        ("20 minutes", not the "15" of "12 h 15"): the same value with another unit is not a
        restatement of it."""
        values = _value_readings(tokens, i)
        return any(unit[:_STEM] in self._units.get(fact, ()) for fact in values)

    def other_currency(self, tokens: Sequence[Token], i: int, family: str) -> bool:
        """Whether the amount at ``tokens[i]``, written in ``family``, is in a currency the
        summary does not give that value ("$240" for "€240"), or, if the summary writes the
        value bare, one it names nowhere."""
        values = _value_readings(tokens, i)
        written = set().union(*(self._currencies.get(f, set()) for f in values))
        allowed = written or self.currency_families
        # "$" names no country: it stands for the dollar the summary names, and the summary's
        # "$" for US dollars; "CAD" for the summary's "$" is another currency.
        return not (
            family in allowed
            or (family == "dollar" and allowed & _DOLLARS)
            or (family == "usd" and "dollar" in allowed)
        )

    @cached_property
    def _month_parts(self) -> dict[tuple[str, int], frozenset[int]]:
        """The parts of months the owner's text names, each with the items it names them in:
        ("end", 9) for "by the end of September", ("end", 0) for "at the end of each
        month" (0: any month)."""
        terms, layout = self._terms, self._layout
        found: dict[tuple[str, int], set[int]] = {}
        for i, token in enumerate(terms):
            month = MONTHS.get(token.text, 0 if token.text in _MONTH_NOUNS else None)
            part = month_part(terms, i) if month is not None else None
            if part and month is not None:
                found.setdefault((part, month), set()).add(layout.token_places[i][0])
        return {key: frozenset(items) for key, items in found.items()}

    def names_month_part(self, part: str, month: int, items: frozenset[int] | None) -> bool:
        """Whether the owner's text names this part of ``month``, or of every month in one
        of ``items`` (the terms the reply's clause restates): "the first invoice at the end
        of October" for "we invoice you at the end of each month"."""
        every = self._month_parts.get((part, 0), frozenset())
        return (part, month) in self._month_parts or bool(items and not every.isdisjoint(items))

    @cached_property
    def _named_months(self) -> frozenset[int]:
        return frozenset(MONTHS[t.text] for t in self._terms if t.text in MONTHS)

    def names_month(self, month: int) -> bool:
        """Whether the owner's text names ``month``, with a day or without ("tot eind juni")."""
        return month in self._named_months or self.knows_month(month)

    @cached_property
    def date_order(self) -> str | None:
        """How the owner writes dates: "day" ("5 March") or "month" ("March 5") where they
        write them one way only; None where they write none or both."""
        terms = self._terms
        before = after = 0
        for i, token in enumerate(terms):
            if token.kind != "number" or not _is_day(token.text):
                continue
            if i + 1 < len(terms) and terms[i + 1].text in MONTHS:
                before += 1
            elif i and terms[i - 1].text in MONTHS:
                after += 1
        if before and not after:
            return "day"
        return "month" if after and not before else None

    def knows_month(self, month: int) -> bool:
        """Whether one of the summary's dates falls in ``month``."""
        return any(f[0] == "date" and f[2] == month for f in self.facts)

    def places_of_day(self, days: set[int]) -> frozenset[Place]:
        """Where the owner's text names one of these days of the week, in any of its forms
        ("vendredi", "tous les vendredis")."""
        layout = self._layout
        terms = self._terms
        return frozenset(
            place
            for i, token in enumerate(terms)
            if not (weekday(terms, i) or set()).isdisjoint(days)
            for place in layout.words.get(token.text, ())
        )

    @cached_property
    def _years(self) -> frozenset[int]:
        """The years the owner's dates may fall in: each year written and the next (a summary
        of December names January); where none is written, every year of this century in
        which the summary's own weekdays fall on their dates; none if it pairs none."""
        terms = self._terms
        written = {int(t.text) for t in terms if t.kind == "number" and _YEAR.fullmatch(t.text)}
        if written:
            return frozenset(y for year in written for y in (year, year + 1))
        paired = [
            (days, found)
            for i in range(len(terms))
            if (days := weekday(terms, i)) and (found := dated_day(terms, i))
        ]
        if not paired:
            return frozenset()
        return frozenset(
            year
            for year in range(2000, 2100)
            if all(_falls_on(year, date, days) for days, date in paired)
        )

    def day_fits(self, days: set[int], date: tuple[int, int]) -> bool:
        """Whether a weekday said with a date (day, month) falls on it in a year of the
        summary's: "samedi 10 mai" where 10 May is a Monday does not."""
        years = self._years
        return not years or any(_falls_on(year, date, days) for year in years)

    @cached_property
    def _term_indices(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for i, token in enumerate(self._terms):
            found.setdefault(token.text, []).append(i)
        return found

    def limited_to(self, word: str) -> bool:
        """Whether the owner's text names ``word`` right after an "only" ("smoking only on the
        balcony", "nur im Garten"): a term limited to it."""
        return word in self._limited

    @cached_property
    def _limited(self) -> frozenset[str]:
        terms = self._terms
        return frozenset(
            word
            for word, at in self._term_indices.items()
            if any(any(terms[k].text in ONLY for k in range(max(0, i - _ONLY_SPAN), i)) for i in at)
        )

    def only_negated(self, word: str) -> bool:
        """Whether the owner's text names ``word`` only right after a negation ("no weekends",
        "keine Haustiere", "pas de fumée"): what the summary rules out."""
        return word in self.ruled_out

    @cached_property
    def ruled_out(self) -> frozenset[str]:
        terms = self._terms
        return self._words_where(
            lambda i: any(
                negates(terms[k].text, self.lang) for k in range(max(0, i - _NEGATED_SPAN), i)
            )
        )

    def negated_between(self, words: Sequence[str], clauses: frozenset[int]) -> bool:
        """Whether the owner's text negates between these words, in one of these clauses:
        "die Katze bleibt nicht in der Wohnung" has "nicht" between "Katze" and "Wohnung";
        "the shot list and a family-photo list of no more than 12 groupings" has no "no"
        between "shot" and "list"."""
        terms, places = self._terms, self._layout.token_places
        for clause in clauses:
            at = sorted(
                i
                for word in words
                for i in self._term_indices.get(word, ())
                if places[i][2] == clause
            )
            if len(at) >= 2 and any(
                negates(terms[k].text, self.lang) for k in range(at[0] + 1, at[-1])
            ):
                return True
        return False

    def set_apart(self, word: str) -> bool:
        """Whether the owner's text names ``word`` as outside a price or a term ("bebidas
        aparte", "drinks extra", "Getränke nicht inbegriffen") and never with it ("con
        bebidas")."""
        if any(self.says([w, word]) for w in _WITH):
            return False
        clauses = {place[2] for place in self._layout.words.get(word, ())}
        places = self._layout.token_places
        return any(
            places[i][2] in clauses and token.text in _APART for i, token in enumerate(self._terms)
        )

    def replaced(self, word: str) -> bool:
        """Whether the owner's text names ``word`` only as what another thing replaces ("we
        use the sports hall instead of the park", "au lieu du château"): a reply that picks
        it turns the term round."""
        return word in self.replaced_words

    @cached_property
    def replaced_words(self) -> frozenset[str]:
        return self._words_where(self._after_instead)

    def _words_where(self, test: Callable[[int], bool]) -> frozenset[str]:
        """The words of the owner's text of which every occurrence passes ``test``."""
        return frozenset(
            word for word, at in self._term_indices.items() if at and all(test(i) for i in at)
        )

    def _after_instead(self, i: int) -> bool:
        terms = self._terms
        for k in range(i - 1, max(-1, i - _INSTEAD_SPAN), -1):
            if terms[k].kind == "mark":
                return False
            if terms[k].text in _INSTEAD or (
                k > 0 and (terms[k - 1].text, terms[k].text) in _INSTEAD_PAIRS
            ):
                return True
        return False

    @cached_property
    def _counts(self) -> dict[str, set[float]]:
        """For each noun the owner's text counts, by its stem, the numbers it counts it with
        ("three stages": "stag" → {3})."""
        terms = self._terms
        found: dict[str, set[float]] = {}
        for k in range(len(terms) - 1):
            token, noun = terms[k], terms[k + 1]
            if noun.kind != "word" or len(noun.text) < _STEM:
                continue
            if token.text in NUMBER_WORDS:
                value = float(NUMBER_WORDS[token.text])
            elif token.kind == "number" and token.text.isdigit():
                value = float(token.text)
            else:
                continue
            found.setdefault(noun.text[:_RATE_STEM], set()).add(value)
        return found

    def counts_otherwise(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether the number word at ``tokens[i]`` counts a noun the summary counts with
        other numbers only: "Two stages" for "in three stages", though "two" is the
        summary's ("two days")."""
        if i + 1 >= len(tokens) or tokens[i + 1].kind != "word":
            return False
        counted = self._counts.get(tokens[i + 1].text[:_RATE_STEM])
        return counted is not None and float(NUMBER_WORDS[tokens[i].text]) not in counted

    @cached_property
    def day_ranges(self) -> frozenset[tuple[int, int]]:
        """The ranges of weekdays the owner's text gives ("maandag t/m woensdag")."""
        terms = self._terms
        return frozenset(r for i in range(len(terms)) if (r := day_range(terms, i)))

    def knows_day(self, days: set[int]) -> bool:
        """Whether the summary names one of these days of the week."""
        return not self.weekdays.isdisjoint(days)

    def knows(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether the number at ``tokens[i]`` restates a value of the summary."""
        return not self.facts.isdisjoint(_facts(tokens, i, lenient=False))


def squash(text: str) -> str:
    """Lower-cased letters and digits of ``text`` only."""
    # str.isalnum is what the regex's \w tests, without the regex machinery (a third faster).
    return "".join(filter(str.isalnum, text)).lower()


def _weight(words: Sequence[str]) -> int:
    """Length in words; CJK characters count half, so that a copy must be a phrase, not a
    polite formula every letter shares ("いただきます")."""
    cjk = sum(1 for w in words if len(w) == 1 and not w.isascii() and w.isalpha() and _is_cjk(w))
    return len(words) - cjk + cjk // 3


def _is_cjk(char: str) -> bool:
    return (
        "\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
    )


def _units(tokens: Sequence[Token], stem: int = _STEM, after: int = 7) -> dict[Fact, set[str]]:
    """For each value of the summary, the stems of the words around it."""
    units: dict[Fact, set[str]] = {}
    for i in range(len(tokens)):
        facts = _value_facts(tokens, i)
        if not facts:
            continue
        following = []
        for t in tokens[i + 1 : i + after]:
            if t.text in (":", ";"):
                break  # "Total $12,400: labor $7,200": what follows names the next value
            following.append(t)
        around = [
            t.text[:stem] for t in [*tokens[max(0, i - 3) : i], *following] if t.kind == "word"
        ]
        for fact in facts:
            units.setdefault(fact, set()).update(around)
    return units


def _bounds(tokens: Sequence[Token], i: int) -> bool:
    """Whether a bound word stands right before the value at ``tokens[i]``."""
    words = [t.text for t in tokens[max(0, i - 2) : i]]
    return any(tuple(words[-n:]) in _BOUND_WORDS for n in (1, 2) if len(words) >= n)


def _value_facts(tokens: Sequence[Token], i: int) -> set[Fact]:
    """What the number or number word at ``tokens[i]`` may stand for, in a summary."""
    if tokens[i].kind == "number":
        return _facts(tokens, i, lenient=True)
    if tokens[i].text in NUMBER_WORDS:
        return {("num", float(NUMBER_WORDS[tokens[i].text]))}
    return set()


# Pronouns that say who does a term, by person: the owner writes "we pay" and "you collect";
# the counterparty answers "you pay" and "I collect" for the same terms. Pronouns that are
# words of another language too are left out ("je", "u", "ihr", "sie", "du"); "i" is read as
# English's only in replies not known to be in another language (see ``mail.reading``).
_PERSONS = {
    "first": "i we i'll we'll i'm we're i've we've i'd we'd ich wir j' nous yo nosotros "
    "nosotras io noi eu nós ik wij",
    "second": "you you'll you're you've you'd tu vous tú usted ustedes vosotros voi você vocês "
    "jij jullie",
}
PERSONS = by_word(_PERSONS)
# Pronouns of one language that are other words in others, read only where the text is known
# to be in that language: German "du" is French "of the", Dutch "je" French "I".
_PERSONS_OF = {
    "de": {"du": "second"},
    "fr": {"je": "first"},
    "nl": {"je": "second", "u": "second"},
    "sv": {"jag": "first", "vi": "first", "du": "second", "ni": "second"},
    "pl": {"ja": "first", "ty": "second", "wy": "second"},
    "no": {"jeg": "first", "vi": "first", "du": "second", "dere": "second"},
    "da": {"jeg": "first", "vi": "first", "du": "second", "i": "second"},
}


def person_of(word: str, lang: str | None) -> str | None:
    """Who the pronoun ``word`` names in a text in ``lang``: "first" or "second"."""
    return PERSONS.get(word) or _PERSONS_OF.get(lang or "", {}).get(word)


# Who does a term, after a word that names the doer: "paid by us", "packed lunch from us".
_DOERS = {
    "us": "first",
    "me": "first",
    "you": "second",
    "uns": "first",
    "nous": "first",
    # "feita por nós", "hecho por nosotros", "fatto da noi", "door ons", "przez nas"
    "nós": "first",
    "mim": "first",
    "vocês": "second",
    "nosotros": "first",
    "ustedes": "second",
    "noi": "first",
    "voi": "second",
    "ons": "first",
    "jullie": "second",
    "nas": "first",
    "mnie": "first",
    "was": "second",
}
_DOER_MARKS = wordset("by from von par door por da przez with mit avec met")


_PT_CLITICS = wordset("te lhe lhes lo la los las vos")


def _portuguese_first_person(tokens: Sequence[Token], i: int) -> bool:
    """A Portuguese verb in the first person with its object pronoun hyphened on, the
    subject left out: "Envio-te o ficheiro" is "I send you the file"."""
    if i + 2 >= len(tokens):
        return False
    verb, dash, clitic = tokens[i], tokens[i + 1], tokens[i + 2]
    return (
        verb.kind == "word"
        and len(verb.text) > _VERB_MIN
        and verb.text.endswith("o")
        and dash.text == "-"
        and verb.end == dash.start
        and dash.end == clitic.start
        and clitic.text in _PT_CLITICS
    )


# Every word ``_doer`` may read as a person, in any language.
# Pronouns in any role, for who a line names at all ("to me", "your", "vous me versez"), in
# the languages summaries are written in; words that are other words in another language
# ("ma" is Italian "but", "te" Dutch "to") only in their own.
_MENTIONS = by_word(
    {
        "first": "me my mine us our ours mir mich uns unser unsere unseren unserem unserer "
        "mein meine meinen meinem meiner moi notre nos mí nuestro nuestra nuestros nuestras "
        "mio mia miei mie nostro nostra nostri nostre mim meu minha meus minhas nosso nossa mig "
        "nossos nossas mij ons onze mijn",
        "second": "your yours dir dich dein deine deinen deinem deiner ihnen euch euer eure dig "
        "toi votre vos ti vuestro vuestra vuestros vuestras tuo tuoi vostro vostra vostri "
        "vostre teu tua teus tuas jou jouw",
    }
)
_MENTIONS_OF = {
    "fr": {
        "ma": "first",
        "mon": "first",
        "mes": "first",
        "me": "first",
        "m'": "first",
        "ta": "second",
        "ton": "second",
        "tes": "second",
        "te": "second",
        "t'": "second",
    },
    "es": {
        "mi": "first",
        "mis": "first",
        "me": "first",
        "nos": "first",
        "tu": "second",
        "tus": "second",
        "te": "second",
        "os": "second",
        "su": "second",
    },
    "it": {
        "mi": "first",
        "ci": "first",
        "ti": "second",
        "vi": "second",
        "tua": "second",
        "tue": "second",
        "suo": "second",
        "sua": "second",
    },
    "pt": {"te": "second", "lhe": "second", "seu": "second", "sua": "second"},
    "nl": {"je": "second", "u": "second", "uw": "second"},
    "pl": {
        "mi": "first",
        "mnie": "first",
        "nam": "first",
        "nas": "first",
        "mój": "first",
        "nasz": "first",
        "ci": "second",
        "cię": "second",
        "tobie": "second",
        "wam": "second",
        "was": "second",
        "twój": "second",
        "wasz": "second",
    },
}


def _mention(word: str, lang: str | None) -> str | None:
    return _MENTIONS.get(word) or _MENTIONS_OF.get(lang or "", {}).get(word)


# Whose a thing is, by a possessive: only words that are nothing else in their language
# ("ihr", "su", "seu" name a third person as well; "me", "te" receive).
_POSSESSIVES = wordset(
    """
    my mine our ours your yours mein meine meinen meinem meiner meins unser unsere unseren
    unserem unserer dein deine deinen deinem deiner euer eure euren eurem eurer notre nos
    votre vos mon ma mes ton ta tes mi mis tu tus nuestro nuestra nuestros nuestras vuestro
    vuestra vuestros vuestras mio mia miei mie nostro nostra nostri nostre tuo tua tuoi tue
    vostro vostra vostri vostre meu minha meus minhas nosso nossa nossos nossas teu teus
    tuas mijn onze jouw mój moja moje moi mojego mojej nasz nasza nasze naszego naszej twój
    twoja twoje twoi twojego twojej wasz wasza wasze waszego waszej
    """
)
_FRENCH_ONLY = frozenset(("nos", "vos"))
_POSSESSIVES_PL = by_word(
    {
        "first": "mój moja moje moi mojego mojej nasz nasza nasze naszego naszej",
        "second": "twój twoja twoje twoi twojego twojej wasz wasza wasze waszego waszej",
    }
)


def possessor(word: str, lang: str | None) -> str | None:
    """Whose ``word`` says a thing is, "first" or "second", if it is a possessive: "my",
    "yours", "vostro", "moje"."""
    if word not in _POSSESSIVES or (word in _FRENCH_ONLY and lang != "fr"):
        return None  # Spanish "nos vemos", "os/vos": pronouns; Portuguese "nos": "in the"
    return _mention(word, lang) or _POSSESSIVES_PL.get(word)


def names_person(word: str, lang: str | None) -> str | None:
    """Who ``word`` names in a text in ``lang`` in any role, "first" or "second": "I",
    "our", "mir", "te"."""
    return person_of(word, lang) or _mention(word, lang)


# What hands a term to someone: "to you", "an dich", "à vous", and, in English, a verb of
# giving before its receiver ("I'll pay you the €280").
_TO = wordset("to an à a aan till åt")
_GIVING = wordset(
    "pay paying pays paid send sending sends give giving gives hand hands transfer "
    "transfers wire owe refund return"
)
# Who a pronoun after such a word names, as the writer of the reply means it.
_RECEIVERS = by_word(
    {
        "first": "me us mich uns moi nous mí nosotros me noi mim nós mij ons mig oss",
        "second": "you dich dir euch sie ihnen toi vous ti usted ustedes vosotros te voi "
        "você vocês jou u jullie dig",
    }
)


_RECEIVER_ARTICLES = wordset("the den dem die der la le l' el los las il lo de het")


def receivers_of(tokens: Sequence[Token]) -> frozenset[str]:
    """Who the reply's ``tokens`` hand a term to: "first" for "to me", "second" for "to
    you" and "I'll pay you"."""
    found = set()
    for before, token in itertools.pairwise(tokens):
        person = _RECEIVERS.get(token.text)
        if person and (before.text in _TO or before.text in _GIVING):
            found.add(person)
    return frozenset(found)


# Object pronouns that stand before their verb and name one side, as the writer means it:
# Spanish "me haces un Bizum" (you pay me), Italian "ti mando", Portuguese "te envio", French
# "tu me verses". From the other side the same words name the other person, so a restatement
# that copies them hands the term over. Plurals are left out: "nos vemos", "ci vediamo" are
# both sides. Italian "me", "te", "ce" and "ve" are such pronouns only before another one
# ("ce lo confermate": you confirm it to us); alone they follow a preposition ("per te").
_CLITICS = {
    "es": {"me": "first", "te": "second"},
    "pt": {"me": "first", "te": "second"},
    "fr": {"me": "first", "m'": "first", "te": "second", "t'": "second"},
    "it": {"mi": "first", "ti": "second"},
}
_IT_PAIRED = {"me": "first", "ce": "first", "te": "second", "ve": "second"}
# In the owner's text the plurals count too ("Nos facturas … y te pagamos" hands terms both
# ways): a side named there only lets more restatements pass.
_PLURAL_CLITICS = {
    "es": {"nos": "first", "os": "second"},
    "pt": {"nos": "first", "vos": "second"},
    "fr": {"nous": "first", "vous": "second"},
    "it": {"ci": "first", "vi": "second"},
}
_IT_SECOND = wordset("lo la li le ne l'")


def clitics_of(tokens: Sequence[Token], lang: str | None) -> frozenset[str]:
    """Who the object pronouns before a verb in the reply's ``tokens`` name ("me haces un
    Bizum": "first")."""
    return frozenset(p for i in range(len(tokens)) if (p := clitic(tokens, i, lang)))


def clitic(tokens: Sequence[Token], i: int, lang: str | None) -> str | None:
    """Who the object pronoun at ``tokens[i]`` names, where the text is known to be in a
    language whose pronouns stand before the verb."""
    text = tokens[i].text
    person = _CLITICS.get(lang or "", {}).get(text)
    paired = lang == "it" and i + 1 < len(tokens) and tokens[i + 1].text in _IT_SECOND
    if person is None and paired and text in _IT_PAIRED:
        person = _IT_PAIRED[text]
    return person


_PRONOUNS = frozenset(PERSONS) | frozenset(_DOERS) | {w for t in _PERSONS_OF.values() for w in t}


def _doer(tokens: Sequence[Token], i: int, lang: str | None) -> str | None:
    """Who the pronoun at ``tokens[i]`` names as doing a term, or None."""
    text = tokens[i].text
    if i and tokens[i - 1].text in _DOER_MARKS and text in _DOERS:
        # English "was" after "by" is no Polish "you"
        return _DOERS[text] if text != "was" or lang == "pl" else None
    if lang in ("pt", None) and _portuguese_first_person(tokens, i):
        return "first"
    person = person_of(text, lang)
    if person is None:
        return verb_person(tokens, i, lang)
    return person if not _object_pronoun(tokens, i) else None


# Verb endings that say who does it without a pronoun, in the languages that leave the
# subject out: Spanish and Portuguese "pagamos" (we pay), Spanish "facturáis" (you invoice),
# Italian "paghiamo", Polish "wysyłasz" (you send), "płacimy" (we pay). Only endings few
# other words have: "-o" and "-as" are also nouns'.
_VERB_ENDINGS = {
    "es": (
        ("amos", "first"),
        ("emos", "first"),
        ("imos", "first"),
        ("áis", "second"),
        ("éis", "second"),
    ),
    "pt": (("amos", "first"), ("emos", "first"), ("imos", "first")),
    "it": (("iamo", "first"),),
    "pl": (
        ("asz", "second"),
        ("esz", "second"),
        ("isz", "second"),
        ("ysz", "second"),
        ("amy", "first"),
        ("emy", "first"),
        ("imy", "first"),
        ("ymy", "first"),
    ),
}
_VERB_MIN = 5  # letters: "somos", "vamos" and no shorter
# Words with those endings that are no verb of a term: adjectives ("próximos", "mínimos"),
# nouns ("primos", "ramos"), and verbs of both sides ("nos vemos", "quedamos").
_NOT_VERBS = wordset(
    "primos ramos gamos quedamos vemos vediamo sentiamo encontramos hablamos acordamos "
    "combinamos conversamos falamos hemos temos estamos somos siamo abbiamo andiamo"
)


def verb_person(tokens: Sequence[Token], i: int, lang: str | None) -> str | None:
    """Who the verb at ``tokens[i]`` names as doing it by its ending, in a text known to
    be in a language that leaves the subject out; not with a reflexive "nos", "ci" or "się"
    ("nos vemos", "spotykamy się": both of us)."""
    text = tokens[i].text
    endings = _VERB_ENDINGS.get(lang or "")
    if not endings or len(text) < _VERB_MIN or text in _NOT_VERBS or tokens[i].kind != "word":
        return None
    if i and tokens[i - 1].text in ("nos", "ci", "se"):
        return None
    if i + 1 < len(tokens) and tokens[i + 1].text == "się":
        return None  # "spotykamy się": we meet each other
    for ending, person in endings:
        accented = any(c in "áéíóú" for c in text[: -len(ending)])
        if text.endswith(ending) and not (ending.endswith("os") and accented):
            return person
    return None


# Verbs after which "we" is both sides, the conversation's: "what we agreed".
_BOTH_OF_US = wordset(
    "agreed discussed said talked spoke decided settled arranged covered went mentioned "
    "vereinbart besprochen convenu dit acordamos hablamos concordato detto combinamos "
    "afgesproken besproken"
)


# Words before "you" or "vous" that leave it the subject of what follows ("and you pay", "si
# vous payez"); after any other word it is an object ("thank you", "put you forward").
_BEFORE_SUBJECT = wordset(
    "and then so if when that but or also now yes ok okay great perfect fine agreed et puis "
    "donc si quand que mais ou"
)
# Verbs after a pronoun that do no term: the writer expects, hears, agrees ("I'll expect the
# dashboard", "we look forward to the files").
_NOT_DOING = wordset(
    "expect expecting receive get getting look looking await wait hear see need want like "
    "love hope think agree confirm understand know note accept appreciate am are have 've "
    "'m freue freuen"
)


_HAVE = wordset("have 've has")


def _object_pronoun(tokens: Sequence[Token], i: int) -> bool:
    """Whether the pronoun at ``i`` names no one who does a term: "thank you", "see you",
    "put you forward", "what we agreed", "I'll expect the dashboard"."""
    text = tokens[i].text
    before = tokens[i - 1] if i else None
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    objected = (
        text in ("you", "vous")
        and before is not None
        and before.kind == "word"
        and before.text not in _BEFORE_SUBJECT
    )
    # "we have the nave" holds it; "we have read it" does nothing
    holds = after in _HAVE and i + 2 < len(tokens) and tokens[i + 2].text in DETERMINERS
    return objected or after in _BOTH_OF_US or (after in _NOT_DOING and not holds)


def agents_of(tokens: Sequence[Token], lang: str | None = None) -> frozenset[str]:
    """Who ``tokens`` say does something by an agent phrase: "by us", "por nós", "da noi"."""
    return frozenset(
        person
        for i in range(1, len(tokens))
        if tokens[i - 1].text in _DOER_MARKS and (person := _doer(tokens, i, lang))
    )


def _rate_stems(tokens: Sequence[Token], i: int, rates: frozenset[str] = RATES) -> set[str]:
    """The stems of the nouns a word of rate puts after the value at ``tokens[i]``, in the
    tokens that follow it ("per child per day": "chil", "day")."""
    after = [t for t in tokens[i + 1 : i + _RATE_SPAN + 1] if t.kind != "mark" or t.text == "/"]
    return {
        noun.text[:_RATE_STEM]
        for rate, noun in itertools.pairwise(after)
        if rate.text in rates and noun.kind == "word"
    }


def _counting_stems(tokens: Sequence[Token], i: int) -> set[str]:
    """What the value at ``tokens[i]`` is strictly counted by: the nouns after "per" and its
    kin, and right after it a unit of time or a head counted by "a", "an", "al" or an elided
    article ("£15 an hour", "15 € l'ora a persona"); not the "each month" of "£95 a week by
    the 1st of each month"."""
    end = next(
        (k for k in range(i + 1, len(tokens)) if tokens[k].text in _CLAUSE_MARKS), len(tokens)
    )
    # within the value's clause: "… a persona, per un massimo di 6" counts by no "un"
    stems = _rate_stems(tokens[:end], i, _PER_NOUN)
    k = i + 1
    if k < len(tokens) and tokens[k].kind not in ("word", "number"):
        k += 1  # "15 € a persona"
    if k < len(tokens) and (unit := _elided_unit(tokens[k].text)):
        stems.add(unit)
        k += 1
    while k + 1 < len(tokens) and tokens[k].text in RATES and tokens[k + 1].kind == "word":
        stem = tokens[k + 1].text[:_RATE_STEM]
        if tokens[k].text not in _PER_NOUN and stem not in _COUNTING_UNITS:
            break
        stems.add(stem)
        k += 2
    return stems


def _elided_unit(text: str) -> str | None:
    """The unit of time of "l'ora", "all'ora", "l'heure" (article and noun are one token)."""
    article, _, unit = text.rpartition("'")
    return unit[:_RATE_STEM] if article in _ELIDED and unit[:_RATE_STEM] in _TIME_UNITS else None


def persons_of(tokens: Sequence[Token], lang: str | None = None) -> frozenset[str]:
    """Who the pronouns of ``tokens`` (in ``lang``) name, as ``Summary.persons`` does."""
    return frozenset(person for i in range(len(tokens)) if (person := _doer(tokens, i, lang)))


_ITEM_ENDS = frozenset(".!?。！？")
# What splits an item into parts: a list's "and" in the languages summaries are written in (not
# "y", "en" or "i": French and English words too).
_PART_BREAKS = frozenset(("and", "und", "et", "e", "och", "og", "oraz"))
_TASK_JOINS = _PART_BREAKS | {"y", "en"}
# Words that give a time without a number: a part of a line with one has a value of its own
# ("urgent tickets within 2 hours and other tickets by the next working day").
_WHEN = wordset(
    """
    tomorrow tonight midday noon midnight weekend fortnight working business morgen werktag
    werktags monatsende wochenende mittag lendemain ouvré ouvrés ouvrable ouvrables midi
    mañana hábil hábiles mediodía domani lavorativo lavorativi mezzogiorno werkdag werkdagen
    amanhã útil úteis
    """
) | frozenset(WEEKDAYS)
# Words that name a thing said before ("installs the new ones"): a task that has one is about
# the task before it.
_ANAPHORS = wordset("ones one them it those these same")
# Words that follow an "and" and are no verb: "and with that flow I close 1 deal".
_NO_VERBS = wordset(
    "with then also after before for in on at by from to so thus mit dann danach auch zu von "
    "avec puis ensuite aussi pour dans con luego después también para en poi anche per met dan "
    "ook voor com depois também"
)
_CLAUSE_BREAKS = frozenset((",", ";", ":"))
# What makes a term hold only with a proviso or an exception, in the languages summaries are
# written in ("unless", "salvo que", "if no damage"). Not a bare "if": "if I deliver X, I get Y"
# is restated as "X by June, Y" without dropping anything.
# The provisos such a bound keeps: what holds past it ("beyond that, you pay half").
_PAST_BOUND = phrases(
    "beyond that, beyond this, above that, over that, au - delà, darüber hinaus, más allá, "
    "oltre, para além, daarboven"
)
PAST_BOUND = frozenset(p[0] for p in _PAST_BOUND)
_CONDITIONS = (
    phrases(
        """
    unless, provided, providing, as long as, on condition, subject to, except, if no, if not,
    es sei denn, außer, sofern, vorausgesetzt, wenn kein, wenn keine, à condition, pourvu,
    sous réserve, à moins, sauf, siempre que, a menos, salvo, excepto, si no, a condizione,
    purché, a meno, tranne, se non, desde que, exceto, se não, mits, tenzij, behalve,
    op voorwaarde, chyba że, pod warunkiem, z wyjątkiem
    """
    )
    | _PAST_BOUND
)
# A bound said in a reply: with the summary's "included up to €40; beyond that, you pay half"
# the reply's "included up to €40" keeps the proviso (``condition_at(…, said=True)``).
_BOUNDS = phrases("up to, jusqu'à, bis zu, hasta, fino a, até, tot maximaal, maximaal")
BOUNDS_SAID = frozenset(b[0] for b in _BOUNDS)
# A bare "if" opening a clause, in the languages summaries are written in: restating only what
# follows it drops it (``Summary.drops_if``).
_IFS = wordset("if wenn falls si se als indien jeśli jeżeli om hvis")
_IF_WORDS_MIN = 2  # words of a condition before its main clause may begin ("if it rains")
# Subjects that open the main clause after an "if" clause written without a comma.
_MAIN_SUBJECTS = wordset("we you i they he she ich wir du sie nous vous je tu ik wij jij")


def _opens_main_clause(tokens: Sequence[Token], i: int) -> bool:
    """Whether a subject pronoun at ``i`` opens the main clause after a condition ("If the
    piles block more than 4 spaces we haul …"): not one that the condition's own verb takes
    as an object ("if it rains on us")."""
    before = tokens[i - 1]
    return (
        tokens[i].text in _MAIN_SUBJECTS
        and before.kind in ("word", "number")
        and (before.text not in _WITHIN_CONDITION)
    )


# Words after which a pronoun is still the condition's: its object ("if it rains on us") or
# the subject of a clause inside it ("if the car is damaged while you park").
_WITHIN_CONDITION = wordset(
    "to for with on at by from of about than and or if that give gives tell tells ask asks "
    "send sends pay pays let lets while whilst when whenever as because since until unless "
    "before after where though although once wenn während weil bevor nachdem dass quand "
    "pendant lorsque que cuando mientras mentre quando"
)


def condition_at(tokens: Sequence[Token], i: int, *, said: bool = False) -> bool:
    """Whether a proviso or an exception begins at ``tokens[i]`` ("unless", "salvo que"), or,
    where a reply has ``said`` it, a bound that keeps one ("up to €40")."""
    candidates = (_SAID_BY_FIRST if said else _CONDITIONS_BY_FIRST).get(tokens[i].text, [])
    return any(tuple(t.text for t in tokens[i : i + len(c)]) == c for c in candidates)


_CONDITIONS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _condition in _CONDITIONS:
    _CONDITIONS_BY_FIRST.setdefault(_condition[0], []).append(_condition)
_SAID_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _condition in _CONDITIONS | _BOUNDS:
    _SAID_BY_FIRST.setdefault(_condition[0], []).append(_condition)


def _merged_parts(where: Sequence[tuple[int, int]], valued: set[int]) -> dict[int, int]:
    """Each raw part of an item mapped to its part: one without a value joins the next part
    of its item, or the one before it when it is the item's last."""
    by_item: dict[int, list[int]] = {}
    for item, raw in where:
        parts = by_item.setdefault(item, [])
        if not parts or parts[-1] != raw:
            parts.append(raw)
    merged: dict[int, int] = {}
    for parts in by_item.values():
        pending: list[int] = []
        last = None
        for raw in parts:
            pending.append(raw)
            if raw in valued:
                merged.update(dict.fromkeys(pending, raw))
                pending, last = [], raw
        merged.update(dict.fromkeys(pending, last if last is not None else parts[0]))
    return merged


_BULLETS = frozenset(("-", "*", "•", "\u2013", "\u2014"))


def _starts_item(tokens: Sequence[Token], i: int) -> bool:
    """Whether ``tokens[i]`` begins a new item of the owner's text: after a sentence's end,
    on a line of its own after a blank line, a colon or a semicolon, or as a bullet or a
    numbered point; not where a paragraph only wraps ("… for Senior" / "Analyst at …")."""
    if i == 0:
        return False
    before, token = tokens[i - 1], tokens[i]
    if _ends_item(tokens, i - 1):
        return True
    if token.line == before.line:
        return False
    numbered = (
        token.kind == "number"
        and i + 1 < len(tokens)
        and tokens[i + 1].text in (".", ")")
        and tokens[i + 1].line == token.line
    )
    return (
        token.line - before.line > 1
        or before.text in (":", ";")
        or token.text in _BULLETS
        or numbered
    )


def _ends_item(tokens: Sequence[Token], i: int) -> bool:
    """Whether ``tokens[i]`` ends a sentence: a full stop, but not the one of a German or
    Polish date's day ("am 12. Juni") nor of a number ending the line's text."""
    if tokens[i].text not in _ITEM_ENDS:
        return False
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    return not (i and tokens[i - 1].kind == "number" and after is not None and after.text in MONTHS)


# Words before a date that make it an end ("by 5 June") or a start ("from 5 June").
_SIDES = {
    "end": "by before until till bis vor spätestens avant jusqu'au jusqu'à antes hasta entro "
    "prima fino uiterlijk voor do przed",
    "start": "from after since starting starts start beginning begins commencing ab seit nach "
    "dès après partir desde después dal dalla dopo vanaf na od po",
}
SIDES = by_word(_SIDES)
_SIDE_SKIP = frozenset(
    ("the", "le", "el", "il", "la", "de", "del", "dem", "den", "of", "am", "du", "zum", "al")
)
# Words before a date that make it a day ("on 12 June", "am 12. Juni", "le 12 juin").
_POINT = dict.fromkeys(("on", "am", "le", "el", "il", "op", "w", "dia", "no"), "point")


def side(tokens: Sequence[Token], i: int) -> str | None:
    """Whether the date at ``tokens[i]`` is written as an end ("by 5 June", "hasta el 5 de
    junio"), a start ("from 5 June", "ab dem 5. Juni") or a day ("on 5 June", "le 5 juin"):
    the word before it, past an article or a weekday."""
    point = None
    for j in range(i - 1, max(-1, i - 6), -1):
        text = tokens[j].text
        if text in SIDES:
            return SIDES[text]
        if j == i - 1 or point:
            point = point or _POINT.get(text)
        # "starting Friday, November 19": past the month and the weekday's comma
        weekday_comma = text == "," and j and tokens[j - 1].text in WEEKDAYS
        american = text in MONTHS and j == i - 1
        if not (weekday_comma or american) and (
            tokens[j].kind == "mark" or not (text in _SIDE_SKIP or text in WEEKDAYS)
        ):
            break
    return point


def currency(tokens: Sequence[Token], i: int) -> str | None:
    """The family of the currency written beside the number at ``tokens[i]`` ("£240",
    "240 euros", "EUR 240", "240gbp"), or None."""
    token = tokens[i]
    if token.kind != "number":
        return None
    attached = token.text.lstrip("0123456789.,'’ \u00a0\u202f")
    if attached in CURRENCIES:
        return CURRENCIES[attached]
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens) and tokens[j].kind != "number":
            family = CURRENCIES.get(tokens[j].text)
            if family:
                return family
    return None


def weekday(tokens: Sequence[Token], i: int) -> set[int] | None:
    """The day(s) of the week ``tokens[i]`` names: a day's name, or a short form in a list of
    days ("ma/wo/vr", "Mon, Wed"); None for anything else."""
    text = tokens[i].text
    if text in WEEKDAYS:
        return {WEEKDAYS[text]}
    if text in _SHORT_DAYS and _in_day_list(tokens, i):
        return _SHORT_DAYS[text]
    return None


def dated_day(tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """The date (day, month) the weekday at ``tokens[i]`` is said with: "Saturday 10 May",
    "samedi 10 mai", "Saturday, May 10", "Saturday the 10th of May"; None if none follows."""
    for j in range(i + 1, min(i + 5, len(tokens))):
        if tokens[j].kind == "number":
            dates = [(f[1], f[2]) for f in _facts(tokens, j, lenient=False) if f[0] == "date"]
            if len(dates) != 1:
                return None
            day, month = dates[0]
            return (day, month) if isinstance(day, int) and isinstance(month, int) else None
        if weekday(tokens, j) is not None:
            return None
    return None


def _falls_on(year: int, date: tuple[int, int], days: set[int]) -> bool:
    day, month = date
    try:
        return datetime.date(year, month, day).weekday() in days
    except ValueError:  # 29 February of a common year
        return False


_DAY_RANGE_LINKS = wordset("to till til until through thru tot bis au a al fino do - – —")


_NEGATORS = wordset(
    """
    not no never none nothing nicht kein keine keinen keiner keines nie niemals ne pas jamais
    aucun aucune rien nunca ningún ninguna ninguno nada non nessun nessuna nessuno niente
    nulla não nenhum nenhuma nada niet geen nooit niets nie żaden żadna żadne żadnych nic
    """
)


def negates(word: str, lang: str | None) -> bool:
    """Whether ``word`` negates in a text in ``lang``: "not", "nicht", "pas", "isn't"; not
    the Portuguese "no" ("in the")."""
    if word == "no" and lang == "pt":
        return False
    return word in _NEGATORS or word.endswith("n't")


def day_range(tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """The first and last weekday of a range that opens at ``tokens[i]``: "Monday to
    Thursday", "maandag t/m donderdag", "du lundi au mercredi"; None if none opens there."""
    first = weekday(tokens, i) if tokens[i].text in WEEKDAYS else None
    if not first:
        return None
    j = i + 1
    if [t.text for t in tokens[j : j + 3]] == ["t", "/", "m"]:  # Dutch "tot en met"
        j += 3
    elif j < len(tokens) and tokens[j].text in _DAY_RANGE_LINKS:
        j += 1
    else:
        return None
    last = weekday(tokens, j) if j < len(tokens) and tokens[j].text in WEEKDAYS else None
    return (min(first), min(last)) if last else None


def _in_day_list(tokens: Sequence[Token], i: int) -> bool:
    for step in (-2, 2):
        j = i + step
        if not 0 <= j < len(tokens) or tokens[(i + j) // 2].text not in ("/", ",", "-", "&"):
            continue
        if tokens[j].text in _SHORT_DAYS or tokens[j].text in WEEKDAYS:
            return True
    return False


def _distance(s: int, after: int) -> int:
    return s - after if s >= after else 10**6 + after - s


@lru_cache(maxsize=256)
def summary_of(sent_text: str) -> Summary:
    """The prepared summary; cached because every reply to one summary compares with it."""
    return Summary(sent_text)


def _facts(tokens: Sequence[Token], i: int, *, lenient: bool) -> set[Fact]:
    """What the number at ``tokens[i]`` may stand for.

    The summary's numbers get every reading (lenient); a reply's get only their most specific
    one, so that "29 July" cannot pass as the summary's "June 29" by its day alone.
    """
    token = tokens[i]
    if token.kind != "number":
        return set()
    month = _month_beside(tokens, i)
    found: set[Fact] = set()
    day_month = _DAY_MONTH.fullmatch(_digits(token.text))
    if month and _is_day(token.text):
        found.add(("date", int(_digits(token.text)), month))
        if lenient:
            found.add(("day", int(_digits(token.text))))
    elif _ORDINAL.fullmatch(token.text) or (_after_day_article(tokens, i) and _is_day(token.text)):
        found.add(("day", int(_digits(token.text))))
    elif _meridiem(tokens, i):
        found |= _times(tokens, i)  # "7.30pm" is no 30 July
    elif clock := _clock(tokens, i):
        found |= clock  # "18 h", "18h30", "18.30 Uhr"
    elif day_month and _valid_day_month(day_month) and not token.text.endswith("k"):
        found.update(_day_month(day_month))
    elif ":" in token.text:
        found |= _times(tokens, i)
    if found and not lenient:
        return found
    found.add(("as written", token.text))
    kind = "pct" if _next_mark(tokens, i) == "%" else "num"
    found.update((kind, value) for value in _values(token.text, tokens, i, lenient))
    if lenient and ":" in token.text:
        found.add(("num", int(_digits(token.text).partition(":")[0])))
    return found


def _value_readings(tokens: Sequence[Token], i: int) -> set[Fact]:
    """What the reply's number at ``tokens[i]`` stands for: its readings as a value, or, where
    it has none, the figure as written."""
    facts = _facts(tokens, i, lenient=False)
    return {f for f in facts if f[0] != "as written"} or facts


def qualified_after(tokens: Sequence[Token], i: int) -> bool:
    """Whether a kind of day follows the count at ``tokens[i]`` ("8 working days", "3 à 5
    jours ouvrés", "10 días hábiles")."""
    for token in tokens[i + 1 : i + 1 + _QUALIFIER_SPAN]:
        if token.kind == "mark" and (token.text in _SENTENCE_MARKS or token.text == ","):
            return False
        if token.text in _QUALIFIERS:
            return True
    return False


def morning_only(times: set[Fact]) -> set[Fact]:
    """Of a time read in both halves of the day ("7:00" as 7:00 and 19:00), the morning."""
    if len(times) == 2:
        return {min(times, key=lambda f: f[1])}  # type: ignore[arg-type,return-value]
    return times


def value_facts(tokens: Sequence[Token], i: int) -> set[Fact]:
    """What a reply's number at ``tokens[i]`` stands for: its most specific reading."""
    return _facts(tokens, i, lenient=False)


# A calculation written out: "13 weeks × £95 = £1,235", "40 x 55 = 2 200 € + 650 € = 2 850 €",
# "120 guests @ $8.50 = $1,020", "4 Tage à 65 € = 260 €" (an "at" or "à" is one only in a
# calculation that holds).
_MULTIPLY = frozenset(("×", "x", "*", "@", "at", "à"))
_ADD = frozenset(("+",))
_EQUALS = frozenset(("=",))
_OPERAND_WORDS_MAX = 2  # words a number may count between it and the operator ("13 weeks")
_ROUNDING = 0.011  # of a currency's hundredth: "£478.80" for 399 × 1.2


@dataclass(frozen=True)
class Calculation:
    """A calculation the reply writes out whose arithmetic holds: the numbers it starts
    from (``operands``), the results it works out on the way (``steps``, "2 200" in "40 x 55
    = 2 200 € + 650 € = 2 850 €") and its last result."""

    operands: tuple[int, ...]
    steps: tuple[int, ...]
    result: int


def calculation(tokens: Sequence[Token], i: int) -> Calculation | None:
    """The calculation that starts at the number ``tokens[i]``, as far as its arithmetic
    holds."""
    operands: list[int] = []
    steps: list[int] = []
    result = None
    terms = [[i]]  # products to add up, each a list of number positions
    j = i
    while True:
        op, following = _operator_after(tokens, j)
        if op is None or following is None:
            break
        if op in _EQUALS:
            if not _holds(tokens, terms, following):
                break
            if result is not None:
                steps.append(result)  # worked on further: "= 2 200 € + 650 € = 2 850 €"
            operands += [k for term in terms for k in term if k != result]
            result, terms = following, [[following]]
        elif op in _ADD:
            terms.append([following])
        else:
            terms[-1].append(following)
        j = following
    if result is None:
        return None
    return Calculation(tuple(operands), tuple(steps), result)


def _operator_after(tokens: Sequence[Token], i: int) -> tuple[str | None, int | None]:
    """The operator after the number at ``i`` (past its "%", currency and up to two words
    it counts) and the number after that operator (past a currency), if any."""
    k = i + 1
    words = 0
    while k < len(tokens) and tokens[k].kind in ("word", "mark"):
        text = tokens[k].text
        if text in _MULTIPLY or text in _ADD or text in _EQUALS:
            break
        if text == "%" or text in CURRENCIES or text == "/":
            k += 1
            continue
        if tokens[k].kind != "word" or words >= _OPERAND_WORDS_MAX:
            return None, None
        words += 1
        k += 1
    if k >= len(tokens):
        return None, None
    op = tokens[k].text
    if op not in _MULTIPLY and op not in _ADD and op not in _EQUALS:
        return None, None
    k += 1
    while k < len(tokens) and tokens[k].text in CURRENCIES:
        k += 1
    if k < len(tokens) and tokens[k].kind == "number":
        return op, k
    return None, None


def _holds(tokens: Sequence[Token], terms: list[list[int]], result: int) -> bool:
    """Whether the sum of the products of ``terms`` is the number at ``result``, in one of
    the ways each number may be read."""
    wanted = _values(tokens[result].text, tokens, result, lenient=False)
    totals = {0.0}
    for product in terms:
        values = {1.0}
        for k in product:
            readings = _values(tokens[k].text, tokens, k, lenient=False)
            if _next_mark(tokens, k) == "%":
                readings = {r / 100 for r in readings}
            values = {v * r for v in values for r in readings}
        totals = {t + v for t in totals for v in values}
    return any(abs(t - w) <= _ROUNDING for t in totals for w in wanted)


# Words for a part of a month, by the part they name ("the end of September", "fine marzo",
# "a finales de octubre", "Anfang Mai", "mid-June").
_MONTH_PARTS = by_word(
    {
        "end": "end ende fin finales final fine eind koniec końca late",
        "start": "beginning start early anfang début principios inicio inizio begin początek "
        "início",
        "middle": "mid middle mitte mediados metà half połowa meados",
    }
)
_MONTH_PART_SPAN = 3  # tokens from the part to its month: "the end of", "a finales de"
_MONTH_NOUNS = wordset("month monat mois mes mese maand miesiąca mês")


def month_part(tokens: Sequence[Token], i: int) -> str | None:
    """The part of the month at ``tokens[i]`` a word before it names ("end", "start",
    "middle"), or None."""
    for token in reversed(tokens[max(0, i - _MONTH_PART_SPAN) : i]):
        if token.text in _MONTH_PARTS:
            return _MONTH_PARTS[token.text]
        if token.kind == "number" or token.text in MONTHS or token.text in _MONTH_NOUNS:
            return None
    return None


def recurrence(tokens: Sequence[Token], i: int) -> str | None:
    """How often the word at ``tokens[i]`` ("every", "jeden", "tous", "twice") makes a term
    recur: the period or count after it, past an article ("half", "other", "friday", "2",
    "quinze"; "twice week" for "twice a week"), or None where it says no period ("every
    point", "once the balance is paid")."""
    k = i + 1
    while k < len(tokens) and (tokens[k].text in DETERMINERS or tokens[k].text in _PER):
        k += 1
    if k == len(tokens):
        return None
    token = tokens[k]
    if token.kind == "number" or token.text in _PERIODS:
        counted = tokens[i].text in _COUNTED
        return f"{tokens[i].text} {token.text}" if counted else token.text
    return None


def range_at(tokens: Sequence[Token], i: int) -> tuple[int, int, bool] | None:
    """The range whose first end is at ``tokens[i]``: the positions of its two ends, and
    whether "between" opens it ("between 120 and 150", "entre duas e três", "das 8:00 às
    16:00", "9:00 AM to 5:00 PM", "13-24"), or None."""
    if not is_end(tokens, i):
        return None
    between = any(t.text in _RANGE_OPENERS for t in tokens[max(0, i - 2) : i])
    k = i + 1
    while k < len(tokens) and tokens[k].kind == "word" and tokens[k].text in _BETWEEN_ENDS:
        k += 1  # "10:00 AM and 11:00 AM", "3 m by 4 m"
    if k < len(tokens) and tokens[k].text == ".":
        k += 1
    links = _RANGE_LINKS if between else _RANGE_TO
    if k + 1 >= len(tokens) or tokens[k].text not in links:
        return None
    k += 1
    while k < len(tokens) and tokens[k].text in _RANGE_FILLERS:
        k += 1  # "entre as 10:00 e as 11:00"
    if k < len(tokens) and is_end(tokens, k):
        return i, k, between
    return None


def value_beside(tokens: Sequence[Token], i: int, step: int) -> frozenset[Fact]:
    """The readings of the nearest value before (``step`` -1) or after (1) ``tokens[i]`` in
    its sentence, a few tokens away at most."""
    k = i + step
    while 0 <= k < len(tokens) and abs(k - i) <= _BESIDE:
        if tokens[k].text in _SENTENCE_MARKS:
            break
        if tokens[k].kind == "number":
            return end_facts(tokens, k)
        k += step
    return frozenset()


def is_end(tokens: Sequence[Token], i: int) -> bool:
    return tokens[i].kind == "number" or tokens[i].text in _COUNTING


def end_facts(tokens: Sequence[Token], i: int) -> frozenset[Fact]:
    """The readings of a range's end: a count, a time, a date or an amount."""
    if tokens[i].kind == "word":
        if tokens[i].text not in _COUNTING:
            return frozenset()
        return frozenset({("num", float(NUMBER_WORDS[tokens[i].text]))})
    return frozenset(f for f in _facts(tokens, i, lenient=False) if f[0] != "as written")


def value_kind(tokens: Sequence[Token], i: int) -> str:
    """What the number at ``tokens[i]`` gives: "date", "time", "pct", "money" (an amount
    with its currency), "year" (after a date's month) or "num"."""
    kinds = {fact[0] for fact in _facts(tokens, i, lenient=False)}
    for kind, names in (("date", {"date", "day"}), ("time", {"time"}), ("pct", {"pct"})):
        if kinds & names:
            return kind
    if currency(tokens, i):
        return "money"
    if i and (tokens[i - 1].text in MONTHS or tokens[i - 1].kind == "number"):
        return "year"
    return "num"


def _value_clauses_joined(
    tokens: Sequence[Token], where: list[tuple[int, int, int]], kinds: dict[int, str]
) -> list[tuple[int, int, int]]:
    """The clause of a value given on its own after a comma is the clause before it, in the
    same item: "saldo di 1.660 € a fine lavori, il 6 ottobre" is one term, and so is "von
    Freitag, 3. März"."""
    by_clause: dict[int, list[int]] = {}
    for i, (_, _, clause) in enumerate(where):
        by_clause.setdefault(clause, []).append(i)
    joined = list(where)
    for members in by_clause.values():
        first = members[0]
        words = [tokens[i] for i in members if tokens[i].kind == "word"]
        numbers = [i for i in members if tokens[i].kind == "number"]
        valued = bool(numbers) and all(kinds[i] in ("date", "time", "year") for i in numbers)
        before = first - 1  # a clause opens with the comma that ends the one before
        if (
            valued
            and before >= 0
            and tokens[first].text == ","
            and where[before][0] == where[first][0]
            and all(_only_dates_it(w.text) for w in words)
        ):
            previous = joined[before][2]
            for i in members:
                joined[i] = (where[i][0], where[i][1], previous)
    return joined


def _only_dates_it(word: str) -> bool:
    """A word of a clause that only gives a date or a time ("il 6 ottobre", "um 18 Uhr")."""
    return (
        word in MONTHS
        or word in WEEKDAYS
        or word in _POINT
        or word in SIDES
        or word in _DATE_WORDS
        or word in _SIDE_SKIP
    )


_DATE_WORDS = wordset("uhr h at à a alle às om o godz")
_HOUR_MARKS = frozenset(("h", "hs", "uhr", "uur"))
_LAST_HOUR, _NOON, _MINUTES = 24, 12, 60
# The half of the day said after an hour: "6 de la tarde" is 18:00, "6 de la mañana" 6:00.
_HALF_OF_DAY = {
    tuple(phrase.split()): half
    for half, phrases_ in (
        (
            "am",
            "in the morning, de la mañana, da manhã, du matin, di mattina, del mattino, "
            "morgens, vormittags, in der früh, 's ochtends, ochtends, rano",
        ),
        (
            "pm",
            "in the afternoon, in the evening, at night, de la tarde, de la noche, da tarde, "
            "da noite, du soir, de l'après-midi, de l' après - midi, di sera, del pomeriggio, "
            "di notte, abends, nachmittags, nachts, 's avonds, avonds, 's middags, middags, "
            "wieczorem, po południu",
        ),
    )
    for phrase in phrases_.split(",")
}


def _names_a_doer(tokens: Sequence[Token], i: int, where: Sequence[tuple[int, int, int]]) -> bool:
    """Whether ``tokens[i]`` may be a name that opens its clause before an English verb in
    the third person ("Dan clears the kitchen", "Ian pays the deposit"): who does its terms,
    if the owner writes it as a name (``Summary.proper``). Only so: a capitalised first word
    is as often a noun ("Slides due by 9 April")."""
    if i + 1 >= len(tokens) or not tokens[i + 1].text.endswith("s"):
        return False
    if tokens[i].kind != "word" or tokens[i].text in PERSONS:
        return False
    verb = tokens[i + 1]
    if verb.kind != "word" or len(verb.text) <= _VERB_MIN or not verb.text.endswith("s"):
        return False
    k = _before_role(tokens, i - 1)
    while k >= 0 and tokens[k].text in _BULLETS and where[k][2] == where[i][2]:
        k -= 1
    return k < 0 or where[k][2] != where[i][2] or tokens[k].text in _OPENS_A_DOER


def _before_role(tokens: Sequence[Token], k: int) -> int:
    """Where the text before a name at ``k + 1`` goes on, past the role that introduces it:
    "my groom Nadia", "our vet Dr Shah", "your brother Sam"."""
    start = k
    while k >= 0 and tokens[k].text in _TITLES:
        k -= 1
    role = 0
    while k >= 0 and tokens[k].kind == "word" and role < _ROLE_WORDS:
        if tokens[k].text in _OWNERS:
            return k - 1
        k, role = k - 1, role + 1
    return start


# "Only" and "all": a term the summary limits, restated for all, is widened.
ONLY = wordset(
    "only solely just nur lediglich seulement uniquement solo solamente sólo só apenas alleen "
    "enkel tylko endast kun"
)
# Words that make a term recur, and what may follow them to say how often ("every half
# hour", "every other Friday", "jeden zweiten Freitag", "tous les quinze jours").
_COUNTED = wordset("once twice thrice einmal zweimal dreimal raz")
RECURS = (
    wordset(
        "every each jeden jede jedes jeder chaque tous toutes cada todos todas ogni elke iedere om "
        "co"
    )
    | _COUNTED
)
_PER = wordset("per pro im w na")
_PERIODS = wordset(
    """
    daily weekly monthly täglich wöchentlich monatlich quotidien hebdomadaire diario semanal
    hour hours day days week weeks month months year years morning mornings evening evenings
    night nights weekend weekends fortnight half other second third alternate two three four
    stunde stunden tag tage woche wochen monat monate jahr morgen abend zweiten zweite
    dritten heure heures jour jours semaine semaines mois an ans année matin soir quinze deux
    trois hora horas día días semana semanas mes meses año mañana tarde noche dos tres ora ore
    giorno giorni settimana settimane mese mesi anno mattina sera due tre altro altra uur dag
    dagen week weken maand maanden jaar ochtend avond andere twee drie tydzień tygodnie
    tygodni tygodniu dzień dni miesiąc miesiące miesięcy miesiącu rok godzinę godziny drugi
    drugą dwa trzy semanas mês meses dia dias
    """
) | frozenset(WEEKDAYS)
_CLAUSE_MARKS = frozenset(",;.:!?")
_ELIDED = wordset("l all")  # articles elided before a unit: "l'ora", "all'ora", "l'heure"
# The units a rate counts time in, by their first letters (``_RATE_STEM``).
_TIME_UNITS = frozenset(
    w[:_RATE_STEM]
    for w in wordset(
        """
        hour day week month year night stunde tag woche monat jahr nacht heure jour semaine
        mois année nuit hora día semana mes año noche ora giorno settimana mese anno notte uur
        dag maand jaar dia mês ano noite godzina dzień tydzień miesiąc
        """
    )
)
# What else a price is counted by after "a": "15 € a persona", "£20 a head".
_COUNTING_UNITS = _TIME_UNITS | frozenset(
    w[:_RATE_STEM] for w in wordset("person persona personne pessoa persoon head cabeza tête")
)
EVERY = wordset(
    "all every each alle allen jede jeder jedes tous toutes tout todos todas cada tutti tutte "
    "ogni todos todas elke wszystkie wszystkich"
)
OF = wordset("of von vom der des de du del della dei da do dos das van z")
_BASE_SPAN = 4  # tokens after "15% of" that may name what is shared out
_VERB_MIN = 3  # letters: "is", "has" say nothing of who does a term
_ORDINALS = wordset(
    "first second third last other rest erste zweite dritte letzte andere première seconde "
    "deuxième dernière autre primera segunda tercera última otra primero segundo prima "
    "seconda terza ultima altra eerste tweede laatste andere primeira segunda última outra"
)
_TERM_MIN = 3  # tokens of a person's term before an "and" that opens another's
_CONDITION_WORD = 4  # letters: "full time" of "kept in full time" is part of a condition
_OWNERS = wordset("my our your his her their")
_TITLES = wordset("dr mr mrs ms miss prof")
_ROLE_WORDS = 2  # "my son", "our head groom"
_OPENS_A_DOER = _CLAUSE_BREAKS | {"and"}


def american_date_comma(tokens: Sequence[Token], i: int) -> bool:
    """Whether the comma at ``tokens[i]`` only parts a weekday from its date ("Friday,
    November 12"): no clause ends there."""
    return (
        tokens[i].text == ","
        and 0 < i < len(tokens) - 1
        and tokens[i - 1].text in WEEKDAYS
        and tokens[i + 1].text in MONTHS
    )


def _meridiem(tokens: Sequence[Token], i: int) -> str | None:
    """ "am" or "pm" written on or after the time at ``tokens[i]`` ("5pm", "5:00 p.m."), or
    the half of the day said in words ("6 de la tarde", "7 du soir", "6:30 in the morning",
    past an hour's mark: "9 uur 's avonds")."""
    suffix = tokens[i].text[len(_digits(tokens[i].text)) :].replace(".", "")
    if suffix in ("am", "pm"):
        return suffix
    after = [t.text for t in tokens[i + 1 : i + 4]]
    for mark in ("am", "pm"):
        if after[:1] == [mark] or after[:3] == [mark[0], ".", "m"]:
            return mark
    said = _half_of_day(tokens, i)[0]
    if said:
        return said
    # The first hour of a range takes the half of the day of its last: "7.30–9.30pm",
    # "between 10 and 11 am"; "11–2pm" begins in the morning.
    ends = range_at(tokens, i)
    last = _meridiem(tokens, ends[1]) if ends is not None else None
    if ends is None or last is None:
        return None
    first_hour, last_hour = _hour(tokens[i].text), _hour(tokens[ends[1]].text)
    if first_hour is not None and last_hour is not None and first_hour % 12 > last_hour % 12:
        return "am" if last == "pm" else "pm"
    return last


def _hour(text: str) -> int | None:
    hour = _digits(text).replace(".", ":").partition(":")[0]
    return int(hour) if hour.isdigit() else None


def _half_of_day(tokens: Sequence[Token], i: int) -> tuple[str | None, int]:
    """The half of the day said in words after the hour at ``tokens[i]`` ("6 de la tarde",
    "9 uur 's avonds"), and how many tokens after it say it (with the hour's mark)."""
    k = i + 1
    if k < len(tokens) and tokens[k].text in _HOUR_MARKS:
        k += 1
    words: list[str] = []
    for j in range(k, min(k + 6, len(tokens))):
        if tokens[j].text == "'":
            continue
        words.append(tokens[j].text)
        half = _HALF_OF_DAY.get(tuple(words))
        if half:
            return half, j - i
    return None, 0


def half_of_day_span(tokens: Sequence[Token], i: int) -> int:
    """How many tokens after the hour at ``tokens[i]`` say its half of the day in words."""
    return _half_of_day(tokens, i)[1]


def _clock(tokens: Sequence[Token], i: int) -> set[Fact]:
    """The time of day at ``tokens[i]`` written with an hour's mark ("18 h", "18h30",
    "18 h 30", "18 Uhr", "18.30 Uhr"), or nothing. An hour alone with "h" may be hours
    counted ("within 2 h"): it keeps that reading too."""
    token = tokens[i]
    digits = _digits(token.text)
    suffix = token.text[len(digits) :]
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if suffix not in _HOUR_MARKS and not (suffix == "" and after and after.text in _HOUR_MARKS):
        return set()
    hour_text, _, minute_text = digits.replace(":", ".").partition(".")
    if not hour_text.isdigit() or int(hour_text) > _LAST_HOUR:
        return set()
    minutes_at = i + 1 if suffix else i + 2
    if not minute_text and minutes_at < len(tokens):
        following = tokens[minutes_at]
        if following.kind == "number" and following.text.isdigit() and len(following.text) == 2:
            minute_text = following.text  # "18h30", "18 h 30"
    hour, minute = int(hour_text), int(minute_text or 0)
    if minute >= _MINUTES:
        return set()
    found: set[Fact] = {("time", hour, minute)}
    if hour < _NOON:
        found.add(("time", hour + _NOON, minute))
    if not minute_text and (suffix or (after is not None and after.text)) in ("h", "hs"):
        found.add(("num", float(hour)))
    return found


def _times(tokens: Sequence[Token], i: int) -> set[Fact]:
    """The time of day at ``tokens[i]``: "17:00", "5:00 p.m." and "5pm" are one; "5:00"
    without "am" or "pm" may be either half of the day, "5:00 a.m." only the morning."""
    hour_text, _, minute_text = _digits(tokens[i].text).replace(".", ":").partition(":")
    if not hour_text.isdigit():
        return set()
    hour, minute = int(hour_text), int(minute_text.split(":")[0] or 0)
    half = _meridiem(tokens, i)
    if half == "pm" and hour < 12:
        return {("time", hour + 12, minute)}
    if half == "am":
        return {("time", 0 if hour == 12 else hour, minute)}
    if hour < 12:
        return {("time", hour, minute), ("time", hour + 12, minute)}
    return {("time", hour, minute)}


def _digits(text: str) -> str:
    found = _NUMBER.match(text)
    return found.group() if found else ""


def _is_day(text: str) -> bool:
    digits = _digits(text)
    return digits.isdigit() and 1 <= int(digits) <= 31


def _valid_day_month(found: re.Match[str]) -> bool:
    return 1 <= int(found.group(1)) <= 31 and 1 <= int(found.group(2)) <= 31


def day_first(tokens: Sequence[Token], i: int) -> Fact | None:
    """The date the number at ``tokens[i]`` names read day first ("09/12": 9 December), if
    it is written as a day and a month: the only reading outside American English."""
    token = tokens[i]
    found = _DAY_MONTH.fullmatch(_digits(token.text)) if token.kind == "number" else None
    if found is None or token.text.endswith("k") or not _valid_day_month(found):
        return None
    day, month = int(found.group(1)), int(found.group(2))
    return ("date", day, month) if month <= 12 else None


def month_first(tokens: Sequence[Token], i: int) -> Fact | None:
    """The date the number at ``tokens[i]`` names read month first ("3/5": 5 March), if it is
    written as a month and a day."""
    token = tokens[i]
    found = _DAY_MONTH.fullmatch(_digits(token.text)) if token.kind == "number" else None
    if found is None or token.text.endswith("k") or not _valid_day_month(found):
        return None
    month, day = int(found.group(1)), int(found.group(2))
    return ("date", day, month) if month <= 12 else None


def _day_month(found: re.Match[str]) -> set[Fact]:
    a, b = int(found.group(1)), int(found.group(2))
    readings: set[Fact] = set()
    if b <= 12:
        readings.add(("date", a, b))
    if a <= 12:
        readings.add(("date", b, a))
    return readings


def _month_beside(tokens: Sequence[Token], i: int) -> int | None:
    for step in (1, -1):
        j = i + step
        if step == 1 and _range_to(tokens, i):
            j = i + 3
        while 0 <= j < len(tokens) and tokens[j].text in _DATE_LINKS:
            j += step
        same_line = 0 <= j < len(tokens) and tokens[j].line == tokens[i].line
        if same_line and tokens[j].text in MONTHS:
            return MONTHS[tokens[j].text]
    return _cjk_day_month(tokens, i)


def _after_day_article(tokens: Sequence[Token], i: int) -> bool:
    """Whether the number at ``tokens[i]`` names a day of the month by its article alone
    ("ci vediamo il 14", "le 15", "el 3"): a date, not a count or an hour."""
    return i > 0 and tokens[i - 1].text in _DAY_ARTICLES and tokens[i].text.isdigit()


def _range_to(tokens: Sequence[Token], i: int) -> bool:
    """Whether the day at ``tokens[i]`` opens a range of days on one line ("6-7 March")."""
    if i + 2 >= len(tokens) or tokens[i + 1].text not in _RANGE_LINKS:
        return False
    second = tokens[i + 2]
    return (
        _is_day(tokens[i].text)
        and second.kind == "number"
        and _is_day(second.text)
        and second.line == tokens[i].line
    )


def _cjk_day_month(tokens: Sequence[Token], i: int) -> int | None:
    """The month of ``<m>月<d>日`` when tokens[i] is its day."""
    if not (2 <= i < len(tokens) - 1 and tokens[i + 1].text in ("日", "号")):
        return None
    if tokens[i - 1].text != "月" or tokens[i - 2].kind != "number":
        return None
    month = _digits(tokens[i - 2].text)
    return int(month) if month.isdigit() and 1 <= int(month) <= 12 else None


def _next_mark(tokens: Sequence[Token], i: int) -> str | None:
    return tokens[i + 1].text if i + 1 < len(tokens) else None


def _values(text: str, tokens: Sequence[Token], i: int, lenient: bool) -> set[float]:
    """The values a number may have; "6k" and "3万" are scaled, and a reply's only so: its
    "€240k" is no restatement of the summary's "€240"."""
    digits = _digits(text)
    suffix = text[len(digits) :]
    values = _readings(digits)
    scale = {"k": 1_000, "m": 1_000_000}.get(suffix)
    if scale or (i + 1 < len(tokens) and tokens[i + 1].text == "万"):
        scaled = {v * (scale or 10_000) for v in values}
        values = values | scaled if lenient else scaled
    return values


def _readings(digits: str) -> set[float]:
    """Values of a written number: thousands separators or a decimal mark, either way."""
    groups = re.split(r"[.,'\u2019 \u00a0\u202f]", digits)
    if len(groups) == 1 or not all(g.isdigit() for g in groups):
        return {float(groups[0])} if groups[0].isdigit() else set()
    readings: set[float] = set()
    if all(len(g) == 3 for g in groups[1:]):
        readings.add(float("".join(groups)))
    if len(groups) == 2 and digits[len(groups[0])] in ".,":
        readings.add(float(f"{groups[0]}.{groups[1]}"))
    return readings
