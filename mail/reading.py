"""Reading the writer's own lines of a reply, clause by clause, into what they say.

Each token is accounted for, in this order: a number or date (restated when the summary has
it, a risk when not), a known phrase (``mail.lexicon``), a name, a word of the summary
(restatement, which must keep the summary's word order roughly: "Mobile owns" is not a
restatement of "Platform owns … Mobile keeps"), a typo of a known word. What is left is not
understood. A clause whose words not understood cannot change the agreement (small talk with
a word of feeling, or follow-through anchored on one of the summary's values; see
``_Clause._is_aside``) is an aside; asides are allowed only beside an explicit agreement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from mail import layout, lexicon
from mail.layout import Line, People
from mail.restate import (
    BOUNDS_SAID,
    CLOCK_24,
    CURRENCIES,
    DE_DETERMINERS,
    DETERMINERS,
    EVERY,
    MONTHS,
    NUMBER_WORDS,
    OF,
    PAST_BOUND,
    PERSONS,
    RATES,
    RECURS,
    ROOT,
    WEEKDAYS,
    Condition,
    Fact,
    Place,
    Segment,
    Summary,
    agents_of,
    american_date_comma,
    calculation,
    clitics_of,
    condition_at,
    currency,
    dated_day,
    day_first,
    day_range,
    end_facts,
    half_of_day_span,
    is_end,
    month_first,
    month_part,
    morning_only,
    negates,
    person_of,
    persons_of,
    phrases,
    possessor,
    qualified_after,
    range_at,
    receivers_of,
    recurrence,
    side,
    value_beside,
    value_facts,
    value_kind,
    verb_person,
    weekday,
)
from mail.tokens import Token, fold, wordset

_BREAKS = frozenset(".!?¿;:,()[]|·•、。–—…")
_CLAUSE_BREAKS = _BREAKS | {"-"}
_LOCAL_CLASSES = frozenset(("neutral", "pleasant"))  # read only in their own language
_QUESTION = frozenset("?¿")
_SENTENCE_ENDS = frozenset(".!?;。！？")
_GREEK = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
_TOO = frozenset(("as well", "too"))
_POINT_OK = frozenset(("ok", "okay", "okey", "oké", "okej"))
_SAYING = frozenset(("agree", "weak", "ack", "greet", "thanks", "signoff", "pleasant"))
_CLOSING = frozenset(("signoff", "thanks", "neutral", "name"))
_SELF_INTRODUCTIONS = ("です", "でございます", "と申します")
_LIST_MARKS = frozenset("/|&·")
_LIST_JOINS = frozenset(("and", "und", "et", "y", "e", "en", "i", "och", "og", "和", "及", "+"))
# Joins that are another word in other languages, read as joins only in their own: French
# "en maths", English "e-mail", Spanish "a".
_JOIN_LANGUAGES = {"en": {"nl"}, "e": {"it", "pt"}, "i": {"pl", "ca"}, "y": {"es"}}
# What says what a value is for ("€240 for the bus"), and the words that may stand between
# it and the thing ("for our teachers'").
_FOR = wordset("for für pour para per voor för na")
# Words that put something inside a term ("lunch included"), and the roots by which a summary
# that says so itself is known.
_INCLUDED = wordset(
    "included includes including inclusive incl inkl inklusive inbegriffen eingeschlossen "
    "inclus incluse inclusa incluido incluida incluidos incluidas incluye incluyendo "
    "compreso compresa compresi inclusi incluído incluída incluídos inclui incluindo "
    "inclusief inbegrepen włącznie wliczone inkluderad inkluderat"
)
_COMPRIS = wordset("compris comprise comprises")
_CONTENT_KINDS = frozenset(("word", "number", "cjk"))  # as ``Summary.words`` has them
_ADDED_TO_SPAN = 4  # tokens before "plus" that may name the amount it adds to
_PLUS = wordset("plus + zzgl zuzüglich más più mais bovenop")
_LEFT_OUT_MAX = 8  # words of the summary left out between two copied pieces of a sentence
# and how many of four letters or more make a qualifier ("por causas ajenas a nosotros"), not
# a word trimmed ("all four regional teams" for "all four regional sales teams")
_LEFT_OUT_WORDS = 2
_TAXES = wordset("vat gst hst pst qst tax taxes mwst ust iva tva btw")
# A reply that replaces something itself ("instead of the park") or says it will not be.
_INSTEAD_WORDS = wordset(
    "instead statt anstatt anstelle anziché invece zamiast rather plutôt not no nicht kein "
    "keine pas sin senza sem niet geen nie"
)
# Before a tax: it comes on top of the price, or out of it ("+ VAT", "ex VAT", "hors TVA").
_TAX_OUT = wordset(
    "+ plus ex excl excluding exclusive exkl exklusive zzgl zuzüglich ohne hors sans sin más "
    "senza più esclusa escluso sem mais excl exclusief zonder bez netto net"
)
_UNDERSTOOD = wordset("c'est est ai j'ai as a avons avez ont bien tout rien mal pas trop très ")
_INCLUDED_ROOTS = ("inclu", "inkl", "inbeg", "compr", "włącz", "wlicz", "eingeschl")
_CJK_CONTEXT = 3  # characters after a CJK risk word that must also be the summary's
_TYPO_CLASSES = frozenset(("agree", "thanks"))
_STEM_MIN = 3  # letters: a shorter word after a number is no unit ("h", "x")
_CHAIN_MIN = 4  # letters: shorter summary words are too common to place a restatement
# After an amount, what follows a word of rate (``restate.RATES``: "per child", "a month") and
# words that share it out ("each", "x 2", "jeweils") must stand beside the value in the summary.
# Rates counted again further on ("€95 per night per person") are checked with these alone.
# What a copied negation must be followed by, as the summary has it: a number or a word of
# this many letters at most this many words on ("not in the hallway", "no more than 12").
_NEGATED_WORD = 5
_NEGATED_SPAN = 4
_STRICT_RATES = wordset("per pro je par por each every cada ogni chaque")
# Words after an amount that make it a total ("0,80 € in tutto" for "0,80 € ogni 100 litri").
_TOTALS = phrases(
    """
    in total, total, all in, altogether, in all, insgesamt, gesamt, en total, au total, in tutto,
    in totale, totale, no total, ao todo, in totaal, totaal, łącznie, razem, totalt, i alt,
    sammanlagt
    """
)
_TIMES = frozenset(("x", "×"))
# A value and the word beside it name one term; two values may be a range or a list of terms
# ("20th to 27th", "£4,500 / £7,900 / £6,000").
# What must stand in one part of an item of the summary when restated one after the other: a
# value and the word or person beside it, and two values ("runs from 19:30 to 22:30" takes
# its 22:30 from "…, and we are out of the building by 22:30").
_BOUND_IN_A_PART = ({"word", "value"}, {"person", "value"}, {"value"})
_PAIRED_KINDS = frozenset(("money", "date", "time"))  # values paired across the summary's clauses
_RATIO_WORDS = wordset("in of sur von su de cada na op z")
_CONDITION_TERMS = 2  # terms restated together that name a term of the summary, not a word


# Words that make an amount a bound or an estimate, right before it ("up to €240", "bis zu",
# "jusqu'à", "alrededor de") or, for any value, right after it ("or so", "at the earliest").
_BOUNDS_BEFORE = phrases(
    """
    up to, around, about, approx, approximately, roughly, circa, ca, nearly, almost, over,
    under, below, above, less than, more than, at least, at most, no more than, no less than,
    max, maximum, minimum, bis zu, etwa, ungefähr, rund, höchstens, mindestens, maximal, knapp,
    über, unter, jusqu'à, environ, près de, au moins, au plus, plus de, moins de, hasta, unos,
    unas, alrededor de, aproximadamente, como mínimo, como máximo, más de, menos de, fino a,
    almeno, al massimo, più di, meno di, até, cerca de, pelo menos, no máximo, mais de, tot,
    ongeveer, maximaal, minimaal, minstens, hooguit, meer dan, minder dan, do, około,
    maksymalnie, co najmniej, ponad, najwyżej, exactly, precisely, genau, exakt, exactement,
    exactamente, esattamente, exatamente, precies, dokładnie, minst, högst, mindst, højst,
    maks, cirka, ungefär, omkring, omtrent, rundt
    """
)
# The bounds of those that cap a value, as the summary's own cap may be restated.
_CAPS = phrases(
    """
    up to, at most, no more than, max, maximum, bis zu, höchstens, maximal, jusqu'à, au plus,
    hasta, como máximo, fino a, al massimo, até, no máximo, maximaal, hooguit, maksymalnie,
    najwyżej, tops, högst, højst, maks
    """
)
_BOUNDS_AFTER = phrases(
    """
    or so, ish, or more, or less, or later, at the earliest, at most, at least, tops,
    give or take, oder mehr, oder weniger, frühestens, höchstens, mindestens, ou plus, ou moins,
    au plus tôt, o más, o menos, o più, o meno, al più presto, ou mais, ou menos, of meer,
    of minder, op zijn vroegst, lub więcej, najwcześniej, minimum, maximum, maximal,
    minimal, au minimum, au maximum, au moins, au plus, como mínimo, como máximo,
    al menos, mínimo, máximo, al minimo, al massimo, almeno, minimo, massimo, no mínimo,
    no máximo, pelo menos, ao menos, minimaal, maximaal, minstens, hoogstens, ten minste,
    ten hoogste, maksymalnie, co najmniej, najwyżej, przynajmniej
    """
)
# Words with which a summary bounds a value itself ("capped at 30%", "höchstens 5"), compared
# by their first three letters as units are: none may share them with a common word ("place").
_BOUNDED = wordset("capped limit ceiling maximum höchstens máximo tetto maksymalnie")
# What joins a term to its value across a clause break: "forms: 12 June", "forms - 12 June",
# "forms, by 12 June", "Formulare, bis 12. Juni".
_GIVES = frozenset((":", "-", "\u2013", "\u2014"))
# How a term may have to be given: in writing, by email, signed.
_FORMS = wordset("schriftlich schriftelijk written signed unterschrieben signé firmado firmato")
_FORM_PAIRS = frozenset(
    (
        ("in", "writing"),
        ("by", "email"),
        ("by", "e-mail"),
        ("by", "letter"),
        ("par", "écrit"),
        ("por", "escrito"),
        ("per", "iscritto"),
        ("na", "piśmie"),
        ("por", "email"),
        ("per", "e-mail"),
        ("per", "mail"),
    )
)
# Prepositions by which an agreement says how far it goes (``_Clause._qualified_agreement``).
_QUALIFYING = wordset(
    "with in on as for under subject mit unter im als für avec sous dans en comme pour sur con "
    "bajo como para in sotto come per nella nel com sob como para met onder als op voor z w "
    "jako na pod à bij by"
)
# Words that tie a value to when, where or from what it runs (``_Clause._unread_anchor``).
# The verb by which a summary names the meeting's outcome ("what we agreed for the website").
_AGREED = wordset("agreed vereinbart convenu acordado acordamos concordato afgesproken combinamos")
_SUMS = wordset("total totale totaal")  # "£380 in total" sums, and ties it to nothing
_DOER_VERB_MIN = 3  # letters: "is", "has" say nothing of who does a term
# Languages whose verb in the third person ends in "s" or "t" ("collects", "holt", "betaalt").
_THIRD_PERSON_S_T = frozenset((None, "en", "de", "nl"))
_ANCHORS = wordset(
    "on at from of upon after before until till since in by via off through am ab nach vor bei "
    "seit von à dès après "
    "avant depuis lors tras después antes desde al alla dopo prima da dal após bij vanaf sinds "
    "voor po przed od przy na"
)
_POINTS_TO_VALUE = wordset(
    "by on at for until till from to before after in bis am ab vor nach le au avant après dès "
    "pour par el al antes para hasta desde entro il dal prima dopo op tot voor na vanaf do przed "
    "od po"
)
# Words after which a name at the end of a clause is who does or gets something ("paid by
# Dana", "sent to Mark"), not someone addressed.
_POINTS_TO_PERSON = wordset(
    "by to from with for of von an für mit zu par à pour avec de por para con a da per door "
    "aan voor met przez dla do od z"
)
_SHARES = wordset(
    "each apiece x × times twice double jeweils pro chacun chacune chaque cada ciascuno "
    "cadauno ciascuna elk każdy każda każde doppelt doble doppio"
)
_WRAPPED = 60  # characters: a longer line without final punctuation was wrapped by the client
_DE_ADJECTIVE_ENDINGS = ("e", "es", "en", "er", "em")
_DE_DEGREE = wordset("sehr so ganz besonders wirklich echt richtig ziemlich")
# First-person possessives by language ("my", "notre"); where the reply's language is not
# known, those that are not another language's common word ("mi" is Italian "me", "nos"
# Spanish "us", "ma" Italian "but").
_OWN = {
    "en": wordset("my our"),
    "de": wordset("mein meine meinen meinem meiner unser unsere unseren unserem unserer"),
    "fr": wordset("mon ma mes notre nos"),
    "es": wordset("mi mis nuestro nuestra nuestros nuestras"),
    "it": wordset("mio mia miei mie nostro nostra nostri nostre"),
    "pt": wordset("meu minha meus minhas nosso nossa nossos nossas"),
    "nl": wordset("mijn onze ons"),
    "pl": wordset("mój moja moje moi mojego mojej nasz nasza nasze nasi naszego naszej"),
    "sv": wordset("min mitt mina vår vårt våra"),
    "no": wordset("min mitt mine vår vårt våre"),
    "da": wordset("min mit mine vores"),
}
_OWN_ANY = frozenset().union(*_OWN.values()) - {"mi", "nos", "ma", "ons"}
# Words opening what a feeling is about: "glad that …", "freut mich, dass …", "ravi que …"
_COMPLEMENTS = wordset("that dass que che dat att at że")
_BE = frozenset(("am", "is", "are", "was", "were", "be", "been"))
_FOLLOW_THROUGH_MAX = 3  # words not understood in a clause anchored on a summary's value
_ASIDE_MAX = 8  # words not understood in one clause let pass beside an agreement
_WHY_MAX = 6  # words that say why a reply is in another language ("as I'm on a work trip")
_BESIDE_AGREEMENT_MAX = 2  # words not understood in the agreement's own clause
_THANKED_SPAN = 4  # tokens between "thanks for" and the past time of the thing thanked for
_GOES_ON_MAX = 3  # words not understood in ", and for …" after thanks
# What a deed thanked for may be done to without being a term of its own: the summary, the
# deal, the writer ("thanks for sorting this", "for putting it together", "for having me")
_SELF_OBJECTS = wordset(
    """
    this it that everything all me us so todo esto eso tutto questo tout ça cela ceci tudo isto
    alles das dit wszystko allt alt
    """
)
_STATES = frozenset(("being", "having"))
_DEED_BEFORE = frozenset(("por", "per", "para", "de", "d'", "pour", "pelo", "pela"))
_INFINITIVE_ENDINGS = ("ar", "er", "ir", "re", "ír")
_THAT_YOU = frozenset(
    (("dass", "du"), ("dass", "sie"), ("dass", "ihr"), ("que", "tu"), ("que", "vous"))
)
# Agreements of one language that are common words of others ("prima" is German and Dutch for
# "great", Italian for "before", Spanish and Portuguese for "cousin"): in a reply to a summary
# in those others, whose own language is not known to be another, they are words not read.
_FALSE_FRIENDS: dict[tuple[str, ...], frozenset[str]] = {
    ("prima",): frozenset(("it", "es", "pt")),
}
# "Both" and the same in the other languages the lexicon reads: a word that widens a term to
# two things ("Carlos staffs both"), unless it is said of people ("you both", "both of us").
# letters of a month's name read without its day: shorter ones are also words ("may", "sie")
_MONTH_NAME_MIN = 4
_POINTS_PAST = wordset("delà beyond above over oltre darüber daarboven más")
# "sei" (six; "you are") and "otto" (eight; a name) count after these ("di sei persone")
_ITALIAN_COUNTS = frozenset(("sei", "otto"))
_COUNT_BEFORE = wordset("di i le gli per con tra fra dei delle degli da a su in")
_WITH = wordset("with mit avec con com met z")
# All of something at once (``_Clause._takes_all``), and what makes it "all included" instead
# (with ``_INCLUDED``).
_ALL_OF_IT = wordset(
    "everything tout alles todo tutto tudo wszystko allt totalité intégralité gesamtbetrag"
)
_ALL_OF_IT_PAIRS = frozenset(
    (("it", "all"), ("the", "lot"), ("in", "full"), ("the", "whole"), ("en", "totalité"))
)
_ALL_IN = wordset("in compris compreso inklusive inbegriffen incluido incluso incluído")
_RELATIVES = wordset("which that who die das der que qui che cui który która które co welche")
_BEHALF = wordset("behalf namen nom nombre nome imieniu")  # "on behalf of", "au nom de"
_BOTH = wordset("both beide beiden beides ambos ambas entrambi entrambe")
_PEOPLE_OBJECTS = wordset("us you")
_PERFECT = wordset("hast hat habt haben bist seid sind warst wart war waren as avez es êtes")


class Decided(Exception):
    """Raised at the first risk (or piece not understood, see Reading.stop_at_unknown): the
    reply is a clarification, and that piece its reason."""


@dataclass
class Reading:
    """What one reply says, piece by piece."""

    agree: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    acks: list[str] = field(default_factory=list)
    risks: list[tuple[str, str]] = field(default_factory=list)
    unknown: list[tuple[str, str]] = field(default_factory=list)
    # Clauses whose words not understood cannot change the agreement (``_Clause._is_aside``),
    # and how many such words they hold: let pass beside an explicit agreement.
    asides: list[str] = field(default_factory=list)
    aside_words: int = 0
    pointers: list[str] = field(default_factory=list)
    answers_in_quote: bool = False
    # Answers under a pointer in the new text itself ("See inline" … "OK" … "Yes."): reply
    # extraction moves the writer's lines between the quote's paragraphs there.
    answers_below: bool = False
    restated: list[str] = field(default_factory=list)
    edit: str | None = None
    # Stop at the first piece not understood that is no aside: with no phrases accepted by
    # the owner to look it up in, it already decides, and the rest need not be read.
    stop_at_unknown: bool = False
    # Phrases the owner accepted as agreement (as token texts), read before anything else but
    # numbers and marks: a word taken for an addressee ("Splendiferous, thanks!") is one too.
    accepted: frozenset[tuple[str, ...]] = frozenset()
    learned: list[str] = field(default_factory=list)
    # Words not understood in a clause that also restates the summary's terms ("We'll have
    # the mic and the projector ready"): they describe the terms, so the owner's marking the
    # reply a confirmation must not teach them as agreement (``mail.classify.feedback_phrases``).
    beside_terms: set[str] = field(default_factory=set)
    # Accepted phrases found where they may not stand for agreement (``_Clause.read``).
    refused: set[str] = field(default_factory=set)
    # What each value the reply restates stands for (``Summary.left_beside``).
    facts: list[frozenset[Fact]] = field(default_factory=list)


@dataclass(frozen=True)
class Part:
    """One stretch of the writer's text with what is known about it before reading."""

    text: str
    tokens: Sequence[Token]
    lines: Sequence[Line]
    body: Sequence[int]  # indexes of the lines to read
    copied: frozenset[int]  # indexes of tokens copied from the summary


def read_part(part: Part, summary: Summary | None, people: People, reading: Reading) -> None:
    """Read the body lines of ``part`` into ``reading``."""
    _Scanner(part, summary, people, reading).read()


class _Scanner:
    def __init__(self, part: Part, summary: Summary | None, people: People, reading: Reading):
        self.part = part
        self.position = {id(t): i for i, t in enumerate(part.tokens)}
        self.summary = summary
        self.people = people
        self.reading = reading
        self.lang = lexicon.language_of(part.tokens, (lambda: summary.lang) if summary else None)
        self._line_classes: dict[int, set[str]] = {}

    @cached_property
    def provisos_said(self) -> frozenset[str]:
        """The first words of the provisos the reply says anywhere ("unless", "salvo"):
        restating a conditional term elsewhere in it then drops none of those."""
        tokens = self.part.tokens
        return frozenset(
            tokens[i].text for i in range(len(tokens)) if condition_at(tokens, i, said=True)
        )

    @cached_property
    def restated_clauses(self) -> frozenset[int]:
        """The clauses of the summary that words of the reply stand in, anywhere in it: "if
        X, Y" restated as "X by June, Y" restates the "if" clause in a clause of its own."""
        summary = self.summary
        if summary is None:
            return frozenset()
        return frozenset(
            clause
            for token in self.part.tokens
            if len(token.text) >= _CHAIN_MIN  # not "the", "de": they are in every clause
            for _, _, clause in summary.places_of_word(token.text)
        )

    def read(self) -> None:
        """Lines in order: client footers, separators, name lines and the signature block
        after them are set aside; the rest is read, a wrapped sentence as one."""
        lines = [self.part.lines[i] for i in self.part.body]
        skipped = _addressed(lines)
        self.first = lines[skipped] if len(lines) > skipped else None
        self.after_signoff = self.signature = False
        group: list[Line] = []
        for n in range(skipped, len(lines)):
            line = lines[n]
            if group and _continues(group[-1], line):
                group.append(line)
                continue
            self._read_group(group)
            group = []
            if layout.is_footer(line):
                continue
            if (
                layout.is_separator(line)
                or self._is_name_line(line, self.after_signoff)
                or self._opens_signature(lines, n)
            ):
                self.signature = True
            elif not (self.signature and self._is_signature(line)):
                group = [line]
        self._read_group(group)

    def _opens_signature(self, lines: Sequence[Line], n: int) -> bool:
        """A name the service was not given, opening a signature block after a blank line:
        two or three capitalised words no lexicon knows ("Jane Doe"), then title, company
        or contact lines, or nothing more."""
        line = lines[n]
        if not 2 <= len(line.tokens) <= 3 or n == 0 or _adjacent(lines[n - 1], line):
            return False
        words = line.tokens
        if not all(
            t.kind == "word" and line.char(t).isupper() and t.text not in layout.NOT_NAMES
            for t in words
        ):
            return False
        if self._line(line):
            return False
        rest = lines[n + 1 :]
        return all(self._is_signature(other) for other in rest) and (
            not rest or _adjacent(line, rest[0])
        )

    def _is_signature(self, line: Line) -> bool:
        classes = self._line(line)
        risky, said = bool(classes & lexicon.RISK_CLASSES), bool(classes & _SAYING)
        return layout.is_signature_line(line, risky=risky, said=said)

    def _read_group(self, group: list[Line]) -> None:
        if not group:
            return
        vocative = layout.vocative_end(group[0], self.people) if group[0] is self.first else 0
        tokens = [t for line in group for t in line.tokens]
        kinds: set[str] = set()
        said: set[str] = set()
        pointed, acks = bool(self.reading.pointers), len(self.reading.acks)
        cue = False  # a feeling the next clause may complete ("Freut mich, dass …")
        thanked = False  # thanks the next clause may go on with (", and for the tea")
        before: _Clause | None = None
        sentence: list[_Clause] = []
        # a condition said at the end of the clause before, and where the summary says it
        condition: tuple[tuple[str, ...], list[Condition]] | None = None
        for clause in _clauses(tokens, self.part.text):
            reader = _Clause(
                self,
                clause,
                vocative=vocative,
                cue_before=cue,
                thanks_before=thanked,
                condition=condition,
                before=before,
            )
            kinds = reader.read()
            reader._place_after(before)
            before = reader
            sentence.append(reader)
            condition = None
            if reader.condition_phrase is not None and not reader.condition_said:
                # "es sei denn, die Wohnung ist beschädigt"
                condition = (reader.condition_phrase, reader.conditions)
            if clause[-1].text in _SENTENCE_ENDS:
                self._check_conditions(sentence)
                sentence = []
            said |= kinds
            cue = clause[-1].text == "," and reader.small_talk()
            thanked = clause[-1].text == "," and "thanks" in kinds
        self._check_conditions(sentence)
        if pointed:
            self._answer(said, acks)
        # "Best regards," or "Thanks," may be followed by a name on the next line.
        self.after_signoff = bool(kinds & {"signoff", "thanks"}) and kinds <= _CLOSING
        self.signature = self.signature or (self.after_signoff and "signoff" in kinds)

    def _check_conditions(self, sentence: Sequence[_Clause]) -> None:
        """A condition of the summary restated holds for the term beside it: the one before
        it in its clause, else the clause before it, or after it where it opens the sentence.
        That term must stand in the clause the summary sets the condition for ("Agreed: £35
        per visit, unless it rains" moves the "unless" of another term; "Unless the field is
        shut, he stays in" for "…bring him in at 16:30, unless the field is shut; then he
        stays in" reverses it), and there must be one ("If the car is damaged.")."""
        with_terms = [c for c in sentence if c.clause_sets]
        for clause in sentence:
            if clause.condition is None or not clause.condition_said:
                continue
            mains = {d.main for d in clause.conditions if d.main is not None}
            terms = clause.terms_before_condition
            if not terms:
                k = with_terms.index(clause) if clause in with_terms else len(with_terms)
                before = [c for c in with_terms[:k] if c.condition is None]
                after = [c for c in with_terms[k + 1 :] if c.condition is None]
                beside = before[-1:] or after[:1]
                terms = beside[0].clause_sets if beside else []
            if not terms or any(s.isdisjoint(mains) for s in terms):
                self.reading.risks.append((lexicon.RISKS["condition"], clause.text))
                raise Decided

    def _answer(self, said: set[str], acks: int) -> None:
        """A paragraph under "see inline" / "point by point" answers one point: agreement,
        or a bare "OK", which answering a point accepts it."""
        new_acks = self.reading.acks[acks:]
        if said & {"agree", "weak"}:
            self.reading.answers_below = True
        elif new_acks and set(new_acks) <= _POINT_OK and said <= {"ack", "neutral", "name"}:
            del self.reading.acks[acks:]
            self.reading.agree += new_acks
            self.reading.answers_below = True

    def _is_name_line(self, line: Line, after_signoff: bool) -> bool:
        named = layout.is_name_line(line, self.people, after_signoff=after_signoff)
        return named and self._line(line) <= {"neutral"}

    def _line(self, line: Line) -> set[str]:
        if line.start not in self._line_classes:
            self._line_classes[line.start] = self._classes(line.tokens)
        return self._line_classes[line.start]

    def _classes(self, tokens: Sequence[Token]) -> set[str]:
        """The classes of the known phrases among ``tokens``."""
        found = set()
        i = 0
        while i < len(tokens):
            if _country_code(tokens, i):
                i += 1
                continue
            match = match_phrase(tokens, i)
            if match:
                found.add(lexicon.meaning(match[0], self.lang).cls)
            i += match[1] if match else 1
        return found


def _country_code(tokens: Sequence[Token], i: int) -> bool:
    """ "+1" opening a phone number ("+1 555 010 2030"), not a vote of agreement."""
    following = [t for t in tokens[i + 1 : i + 3] if t.text != "("][:1]
    return tokens[i].text == "+1" and bool(following) and following[0].kind == "number"


def _adjacent(previous: Line, line: Line) -> bool:
    """Whether ``line`` comes right after ``previous``, with no blank line between."""
    return line.start == previous.start + len(previous.text) + 1


def _continues(previous: Line, line: Line) -> bool:
    """Whether ``line`` carries on a sentence the client wrapped at the end of ``previous``."""
    if not _adjacent(previous, line):
        return False
    last = previous.tokens[-1] if previous.tokens else None
    ended = last is not None and last.kind == "mark" and last.text in _BREAKS
    return not ended and len(previous.text) >= _WRAPPED


def _addressed(lines: Sequence[Line]) -> int:
    """How many opening lines address a Japanese letter ("株式会社ヒカリデザイン / 佐藤 健 様")."""
    for n, line in enumerate(lines[:3]):
        if layout.is_addressee_line(line):
            return n + 1
    return 0


class _Clause:
    """One clause: the tokens between two breaks of punctuation."""

    def __init__(
        self,
        scanner: _Scanner,
        tokens: list[Token],
        *,
        vocative: int,
        cue_before: bool,
        thanks_before: bool = False,
        condition: tuple[tuple[str, ...], list[Condition]] | None = None,
        before: _Clause | None = None,
    ):
        self.s = scanner
        # A relative clause ("…, which I pay") says who does the term of the clause before:
        # its doer is read against that term's clauses (``_check_perspective``).
        self.term_before = (
            frozenset.intersection(*before.word_clauses)
            if before is not None
            and before.word_clauses
            and tokens
            and tokens[0].text in _RELATIVES
            else None
        )
        # The clause before thanked and ended on a comma: this one may go on with what else
        # the thanks are for (", and for the cup of tea").
        self.thanks_before = thanks_before
        # The clause before, if it ended on a comma with a feeling: this one may be what the
        # feeling is about, when it opens so ("…, dass", "…, that").
        self.cue_before = cue_before
        self.text_of_part = scanner.part.text
        self.tokens = tokens
        self.vocative = vocative  # where the opening that addresses someone ends
        self.kinds: set[str] = set()
        self.pending: list[Token] = []
        self.unknown: list[tuple[str, str]] = []
        self.previous = ""
        self.last_restated: str | None = None
        # The items of the summary (its lines and sentences) the last term restated in this
        # clause stands in: the next must share one ("forms by 12 June" joins two terms).
        self.last_items: frozenset[int] | None = None
        self.last_parts: dict[str, frozenset[int]] = {}
        # every item a term of the clause is in, since its last "and" (``_check_perspective``)
        self.all_items: frozenset[int] | None = None
        self.calculated: set[int] = set()  # numbers of a calculation that holds, not its result
        self.segment_start = 0  # where the clause's words after its last "and" begin
        self.last_segments: frozenset[Segment] | None = None  # of the last word placed
        self.joined_to: frozenset[Segment] | None = None  # the segments before the last "and"
        self.joined_items: frozenset[int] | None = None  # and the items
        self.last_word_places: frozenset[Place] | None = None  # of the last word placed
        self.added = False  # a term after an "and" that may only add to the terms before
        # the summary's clauses of the last value placed, and its kind (``_pair_values``)
        self.last_value: tuple[frozenset[int], str] | None = None
        self.last_clauses: frozenset[int] | None = None
        self.word_clauses: list[frozenset[int]] = []  # the summary's clauses of each word
        self.item_sets: list[frozenset[int]] = []  # the summary's items of each term placed
        self.last_kind = ""
        self.new_person = False  # a name the summary does not have, not addressed
        self.person_placed = False  # a name not addressed: someone who does something
        self.first_items: frozenset[int] | None = None
        self.first_parts: tuple[str, frozenset[int]] | None = None  # of the first term placed
        self.anchored = False  # the word being placed follows an anchor ("on completion")
        self.day_items: frozenset[int] | None = None  # the summary's items of the last weekday
        self.placed: set[str] = set()  # what was placed: "word", "value", "person"
        self.restates_words = False  # words of the summary (its values aside)
        self.restated_words: list[str] = []
        # the halves of the summary's items the words restated since the last value stand in
        self.word_halves: frozenset[tuple[int, int]] | None = None
        # for each phrase that agrees, whether it is copied from the summary with a word
        # beside it ("preço fechado": a fixed price, not "agreed")
        self.agreements: list[bool] = []
        self.restated_ids: set[int] = set()
        # What the reading held when the clause began: praise takes back its agreement words
        self.agree_before = len(scanner.reading.agree)
        self.acks_before = len(scanner.reading.acks)
        self.capital_unknown = False  # a capitalised word not understood: maybe a name
        self.loose: list[str] = []  # words read as function words or not understood
        self.linked = False
        self.unknown_ids: set[int] = set()
        self.restates_value = False  # a number, date or day of the summary
        self.too = False
        # An "and" after a restated term: a word not understood next adds to what it joins
        self.joined = False
        self.value_at: list[int] = []  # where the summary's values stand in the clause
        # Words not understood before the clause's agreement: what agrees may be something
        # else than the summary ("the hotel sounds good").
        self.unknown_before_agreement = False
        # A condition of the summary restated (``_condition_places``): where the summary
        # says it; what the clause says after it must stand there.
        self.condition_phrase: tuple[str, ...] | None = condition[0] if condition else None
        self.conditions: list[Condition] = condition[1] if condition else []
        self.condition = _places_of(self.conditions) if condition else None
        self.condition_said = False  # something of the condition was restated after it
        self.terms_before_condition: list[frozenset[int]] = []  # its clauses, of each term
        self.clause_sets: list[frozenset[int]] = []  # the summary's clauses of each term
        self.condition_from = 0  # where what the condition says begins in the clause
        self.condition_values: set[Fact] = set()

    @property
    def text(self) -> str:
        return self.text_of_part[self.tokens[0].start : self.tokens[-1].end]

    def char(self, token: Token) -> str:
        return self.text_of_part[token.start]

    def read(self) -> set[str]:
        learned_before = len(self.s.reading.learned)
        i = 0
        while i < len(self.tokens):
            i = self._step(i)
        self._flush_unknown()
        if len(self.s.reading.learned) > learned_before and (
            self._names_terms() or not self._adds_nothing([])
        ):
            # A phrase the owner accepted stands for agreement only on its own: beside the
            # summary's terms, a promise, a plan or a word that may carry a term it may be a
            # term said anew ("we'll have the mic ready" after "the mic and the projector …"
            # was accepted), so there it is read as not understood.
            refused = self.s.reading.learned[learned_before:]
            self.unknown += [(p, p) for p in refused]
            self.s.reading.refused.update(refused)
            del self.s.reading.learned[learned_before:]
        if self.condition is not None and self.unknown:
            self._risk(lexicon.RISKS["condition"], self.text)  # in words we cannot check
        if self.condition_said and self._narrows_condition():
            self._risk(lexicon.RISKS["condition"], self.text)
        self._check_perspective()
        self._check_possessors()
        self._check_receivers()
        self._check_condition()
        self._check_range()
        if (
            self._with_what_is_apart()
            or self._takes_all()
            or self._tax_taken_out()
            or self._picks_what_is_replaced()
        ):
            self._risk("differs from the summary", self.text)
        if self._widens_what_is_only():
            self._risk("differs from the summary", self.text)
        if self._drops_negation() or self._allows_what_is_ruled_out():
            self._risk("leaves out the summary's negation", self.text)
        if self._and_for_or():
            self._risk("differs from the summary", self.text)
        if self.agreements and self._agrees_to_a_part():
            self._risk(lexicon.RISKS["partial"], self.text)
        if self.added:
            # "je peux utiliser la chambre, le bureau et la cave" for "…; la cave reste fermée"
            self._risk(lexicon.RISKS["addition"], self.text)
        if self._drops_share():
            self._risk("a share the summary gives is left out", self.text)
        if self._leaves_out():
            self._risk("leaves out words of the summary's term", self.text)
        if self._includes_anew():
            self._risk(lexicon.RISKS["addition"], self.text)
        if any(self._given_for_another(i) for i in self.value_at):
            self._risk("a number the summary has for something else", self.text)
        if any(self._added_to_another(i) for i in self.value_at):
            self._risk("a number the summary has for something else", self.text)
        if self.restates_value and _watched(self.loose, lexicon.PAYMENT):
            # "£200 by 10 January and the same again by 9 February", "€240 in cash"
            self._risk(lexicon.RISKS["addition"], self.text)
        if self.too and not self.kinds & {"agree", "thanks"}:
            # "… is approved as well" agrees and "Cheers for the tea as well" thanks; alone,
            # "the van as well" adds.
            self._risk(lexicon.RISKS["addition"], self.text)
        if self._is_aside():
            self.s.reading.asides.append(self.text)
            self.s.reading.aside_words += sum(len(key.split()) for key, _ in self.unknown)
        elif not self._introduces():
            self.s.reading.unknown += self.unknown
            if self._names_terms():
                self.s.reading.beside_terms.update(key for key, _ in self.unknown)
            if self.unknown and self.s.reading.stop_at_unknown:
                raise Decided
        return self.kinds

    def _picks_what_is_replaced(self) -> bool:
        """Whether the clause picks what the summary replaces, without replacing it itself:
        "the park if the pitch is waterlogged" for "If the pitch is waterlogged, we use the
        sports hall instead of the park" (a red team's)."""
        summary = self.s.summary
        if summary is None or not summary.replaced_words:
            return False
        if any(t.text in _INSTEAD_WORDS for t in self.tokens):
            return False
        return any(
            t.kind == "word" and len(t.text) >= _CHAIN_MIN and summary.replaced(t.text)
            for t in self.tokens
        )

    def _tax_taken_out(self) -> bool:
        """Whether the clause adds a tax to, or takes it out of, a price the summary gives
        with the tax included: "£6,200 + VAT", "ex VAT", "+ IVA", "+ btw" for "£6,200
        including VAT" (a red team's)."""
        summary = self.s.summary
        if summary is None:
            return False
        for k, token in enumerate(self.tokens):
            if token.text not in _TAXES or not any(
                t.text in _TAX_OUT for t in self.tokens[max(0, k - 2) : k]
            ):
                continue
            words = summary.words
            if any(
                w.startswith(_INCLUDED_ROOTS) or (w in _WITH and q == p - 1)
                for p in summary.positions.get(token.text, ())
                for q, w in enumerate(words[max(0, p - 3) : p + 3], start=max(0, p - 3))
            ):
                return True  # "including VAT", "IVA incluida", "con IVA"
        return False

    def _takes_all(self) -> bool:
        """Whether the clause puts all of something on one of the summary's values: "I pay
        everything on 10 May" for a deposit on signing and the balance on 10 May, "on paie
        tout le 10 mai" (a red team's). "All in", "tutto compreso" and a word the summary
        itself uses restate it."""
        summary = self.s.summary
        if summary is None or not self.restates_value or "agree" in self.kinds:
            return False
        words = [t.text for t in self.tokens if t.kind == "word"]
        for k, word in enumerate(words):
            pair = (words[k - 1], word) if k else ("", word)
            if not (word in _ALL_OF_IT or pair in _ALL_OF_IT_PAIRS):
                continue
            after = words[k + 1] if k + 1 < len(words) else ""
            if word not in summary.positions and after not in _INCLUDED | _ALL_IN:
                return True
        return False

    def _with_what_is_apart(self) -> bool:
        """Whether the clause puts with a term what the summary sets apart from it: "menú a
        55 EUR por persona con bebidas" for "…, bebidas aparte" (found by a red team)."""
        summary = self.s.summary
        if summary is None:
            return False
        return any(
            before.text in _WITH
            and after.text in summary.positions
            and summary.set_apart(after.text)
            for before, after in pairwise(t for t in self.tokens if t.kind == "word")
        )

    def _drops_negation(self) -> bool:
        """Whether the clause restates a clause of the summary that holds a negation without
        one of its own: "die Katze bleibt in der Wohnung" for "die Katze bleibt nicht in der
        Wohnung", "off for more than two days" for "no more than two days" (found by a red
        team): the summary negates between the words restated, in the clause they share."""
        summary = self.s.summary
        if summary is None or not self.word_clauses:
            return False
        common = frozenset.intersection(*self.word_clauses)
        # every word of the summary's, also those read otherwise ("included")
        words = [t.text for t in self.tokens if t.kind == "word" and t.text in summary.positions]
        return (
            bool(common)
            and not any(negates(t.text, self.s.lang or summary.lang) for t in self.tokens)
            and summary.negated_between(words, common)
        )

    def _widens_what_is_only(self) -> bool:
        """Whether the clause joins to what the summary allows only somewhere a thing of
        another of its terms: "smoking on the balcony and in the room" for "smoking only on
        the balcony" (a red team's)."""
        summary = self.s.summary
        words = [t.text for t in self.tokens if t.kind == "word"]
        if summary is None or not any(w in _LIST_JOINS for w in words):
            return False
        if not any(summary.limited_to(w) for w in words):
            return False
        clauses = [
            frozenset(place[2] for place in summary.places_of_word(w))
            for w in self.restated_words
            if len(w) >= _CHAIN_MIN
        ]
        return len(clauses) > 1 and not frozenset.intersection(*clauses)

    def _allows_what_is_ruled_out(self) -> bool:
        """Whether the clause names, without a negation of its own, what the summary names
        only to rule it out: "on weekdays and weekends" for "weekdays only, no weekends" (a
        red team's)."""
        summary = self.s.summary
        if summary is None or not summary.ruled_out:
            return False
        lang = self.s.lang or summary.lang
        if any(negates(t.text, lang) for t in self.tokens):
            return False
        known = lexicon.phrases()
        return any(
            t.kind == "word"
            and len(t.text) >= _CHAIN_MIN
            and (t.text,) not in known  # "not what it should be" rules out no "what"
            and summary.only_negated(t.text)
            for t in self.tokens
        )

    def _and_for_or(self) -> bool:
        """Whether the clause joins with "and" what the summary offers as alternatives: "ein
        Thema und einen kurzen Text" for "ein Thema oder einen kurzen Text" makes a choice a
        duty (the other way round is read by ``Summary.alternatives`` and the joins)."""
        summary = self.s.summary
        if summary is None:
            return False
        words = [t.text for t in self.tokens if t.kind in ("word", "number")]
        return any(
            word in _LIST_JOINS
            and summary.joins_alternatives(words[max(0, k - 3) : k], words[k + 1 : k + 4])
            for k, word in enumerate(words)
        )

    def _agrees_to_a_part(self) -> bool:
        """Whether the clause's agreement is said of some of the summary's terms only, named
        by its words: "Agreed on the rent", "The deposit is fine", "No objections to the
        bike rule". The rest of the summary is then not agreed to."""
        summary = self.s.summary
        if summary is None or any(
            t.text in lexicon.WHOLE or t.text in _BEHALF for t in self.tokens
        ):
            # "all the terms"; "on behalf of the Parents Association" names who agrees
            return False
        if self.agreements and all(self.agreements):
            return False  # "o preço fechado é 1.350 €": the summary's own "fechado"
        words = [w for w in self.restated_words if len(w) >= _CHAIN_MIN]
        return bool(words) and summary.part_named(words)

    def _names_terms(self) -> bool:
        """Whether the clause restates any of the summary's terms: a word, value or person."""
        return bool(self.placed) or self.restates_value or self.restates_words

    def _introduces(self) -> bool:
        """A Japanese letter's self-introduction ("みどり茶舗の田中です"): the writer's name and
        company, nothing about the summary."""
        text = "".join(t.text for t in self.tokens if t.kind == "cjk")
        return "name" in self.kinds and text.endswith(_SELF_INTRODUCTIONS)

    def _is_aside(self) -> bool:
        """Words not understood that cannot change the agreement beside them, let pass only
        beside an explicit agreement (``mail.classify``). The clause's risks (a question, a
        negation, a number, date or day the summary does not have) were read, and decided,
        before this is asked. It must hold no weak agreement (an emoji), no emoji the
        lexicon does not know (🤔, 🚫, 💰), no link, no Chinese or Japanese (whose words
        cannot be told apart), no capitalised word not
        understood after its first ("Hope Sarah …"; in German, a noun after its article is
        none), no word not understood that may carry a term (``lexicon_broad.WATCH``: "need",
        "instead", "btw", "earlier", "price", "who", "send", "grandma" …) and no two words
        that oblige or offer ("have to", "happy to"). Then it is one of:

        - the agreement's own clause with at most two words not understood after it
          ("Ingen indvendinger herfra", "Ship it 🚢"; before it they may name what agrees
          instead of the summary: "the hotel sounds good"), which add nothing (below) and
          are no form of a summary word: more could qualify the yes in words not read, and the
          qualifiers the lexicon knows ("pending", "for now", "in principle", "except",
          "minus" and their kin in each language) were read as risks before;
        - follow-through on the summary's own terms, anchored on one of its values ("We'll
          pick up payments-primary from 1 July"): at most three words not understood, none
          setting which or how much of the value is meant ("first", "net");
        - a wish ("Good luck with the move", "Enjoy Lisbon next month",
          ``lexicon_broad.WISHES``): the other person's plans, so it may name a place, a
          summary word and a time (``WISH_TIMES``), with at most eight words not understood
          and otherwise as small talk (below);
        - small talk ("Hope the kids enjoyed the trip"): a clause that shows it (a pleasantry,
          thanks, or a word of feeling), with at most eight words not understood, none a
          number word, none a word of the summary (talking about the terms in words we cannot
          check: "My husband collects the forms") nor, unless a pleasantry wishes them well,
          a form of one ("bringing"); and, with the function words around them, no word that
          may carry a term or promise what comes next ("we'll", "va", "wird"), no English
          plan in the progressive ("the kids are coming"), and nobody and nothing of the
          writer's own in words not understood ("my wife drives them there").
        """
        unknown = [word for key, _ in self.unknown for word in key.split()]
        if unknown and self._about_the_writing(unknown):
            return True
        if unknown and self._praises(unknown):
            # "The museum is perfect" praises the museum: no agreement of the writer's.
            del self.s.reading.agree[self.agree_before :]
            del self.s.reading.acks[self.acks_before :]
            return True
        wish = self._wish()
        watch = lexicon.WISH_WATCH if wish else lexicon.WATCH
        if (
            not unknown
            or "weak" in self.kinds
            or self.linked
            or (self.capital_unknown and not wish)
            or any(t.kind == "cjk" for t in self.tokens)
            # An emoji the lexicon does not know may doubt, refuse or name a term (🤔 🚫 💰).
            or any(t.kind == "emoji" and id(t) in self.unknown_ids for t in self.tokens)
            or _watched(unknown, watch)
            or any(pair in lexicon.WATCH_PAIRS for pair in pairwise(self._words()))
        ):
            return False
        if wish and "agree" not in self.kinds:
            # "Good luck with the move", "Enjoy Lisbon next month": the other person's plans.
            return len(unknown) <= _ASIDE_MAX and self._adds_nothing(
                unknown, watch=lexicon.WISH_WATCH, restating=True
            )
        if "agree" in self.kinds:
            # A word or two around the agreement itself ("Ingen indvendinger herfra", "Ship
            # it 🚢"); more could qualify the yes in words not read ("Approved pending …" is a
            # condition the lexicon knows; what it does not know must stay this short).
            return (
                len(unknown) <= _BESIDE_AGREEMENT_MAX
                and not self.unknown_before_agreement
                and not self._scoped()
                and not self._qualified_agreement()
                and self._adds_nothing(unknown)
                and not self._about_terms(unknown)
            )
        if self.restates_value:
            # The function words around a value restate it with it ("chaque soir", "by 24 June")
            return (
                len(unknown) <= _FOLLOW_THROUGH_MAX
                and not _watched(self.loose, lexicon.VALUE_TERMS)
                and not self._new_number_word(unknown)
                and not self._unread_doer()
                and not self._unread_anchor()
            )
        return (
            self.small_talk()
            and not self._thanks_for_a_deed()
            and len(unknown) <= _ASIDE_MAX
            and self._adds_nothing(unknown)
            and not (self._about_terms(unknown) and "pleasant" not in self.kinds)
        )

    def _in_writing(self) -> bool:
        """Whether the clause asks for a form ("in writing", "schriftlich", "par écrit"): a
        term's, not the reply's (a red team's "two weeks' notice, in writing")."""
        words = self._words()
        return any(w in _FORMS for w in words) or any(
            pair in _FORM_PAIRS for pair in pairwise(words)
        )

    def _qualified_agreement(self) -> bool:
        """Whether words not understood follow a preposition after the agreement: "Agreed
        with reservations", "in substance", "on a trial basis", "avec réserves", "met
        voorbehoud" say how far it agrees (a red team's); "Ingen indvendinger herfra" does
        not."""
        return any(
            id(t) in self.unknown_ids and t.kind == "word" and self._follows(k, _QUALIFYING)
            for k, t in enumerate(self.tokens)
        )

    def _unread_anchor(self) -> bool:
        """Whether a word not understood follows a word that ties a value to a time, a place
        or an event ("deposit on signing", "back within 14 days of the inspection", "leaves
        at 07:30 from the church"): it says when, where or from what the value runs, which
        the summary may say otherwise (a red team's)."""
        return any(
            id(t) in self.unknown_ids
            and t.kind == "word"
            and t.text not in _SUMS
            and self._follows(k, _ANCHORS)
            for k, t in enumerate(self.tokens)
        )

    def _follows(self, k: int, words: frozenset[str]) -> bool:
        """Whether the token at ``k`` follows, past its articles, one of ``words`` (a word
        that is both, as the Portuguese article "as", counts as the latter)."""
        j = k - 1
        while j >= 0 and self.tokens[j].text in DETERMINERS and self.tokens[j].text not in words:
            j -= 1
        return j >= 0 and self.tokens[j].text in words

    def _unread_doer(self) -> bool:
        """Whether a word not understood names who does the term by its ending ("lo
        facciamo entro le 12:45", "Ritiriamo vassoi … alle 15:30") where the summary's line
        names no doer to check it against: then the clause is no follow-through."""
        summary = self.s.summary
        if summary is None:
            return False
        if self.all_items:
            common = (
                frozenset.intersection(*self.word_clauses) if self.word_clauses else frozenset()
            )
            if summary.persons(self.all_items, common):
                return False  # the doer was checked against the line's (``_check_perspective``)
        lang = self.s.lang or summary.lang
        return any(
            id(t) in self.unknown_ids and verb_person(self.tokens, k, lang)
            for k, t in enumerate(self.tokens)
        )

    def _new_number_word(self, unknown: Sequence[str]) -> bool:
        """Whether a number word not understood counts what the summary does not ("€240 in
        two payments"); "due set" may restate the summary's "two sets" in another language."""
        summary = self.s.summary
        return any(
            w in NUMBER_WORDS
            and (summary is None or ("num", float(NUMBER_WORDS[w])) not in summary.facts)
            for w in unknown
        )

    def _about_the_writing(self, unknown: Sequence[str]) -> bool:
        """Whether the clause speaks only of the writing of the reply: who typed it, in which
        language, with whose help or on which device ("My daughter typed this for me", "Sorry
        for replying in English", "mein Schwager schreibt für mich"). It shows it by a word of
        ``lexicon_broad.WRITING`` (a writing verb in a form that reports, a language, a
        translator) among its words not understood, and every other word not understood or
        taken from the summary is a name or of ``ABOUT_WRITING`` (who helped, the device, an
        apology, function words); no number, value or month, no weak agreement or emoji not known,
        no link, no Chinese or Japanese, no agreement after words not understood (the
        translator's "agrees" is not the writer's), and none of the function words around
        them may carry a term or promise ("from now on", "will"). The writer's own people
        may be named here: they wrote, and do nothing in the deal. Not where the deal is about
        writing (a writing word of the clause is the summary's, or a form of one: "translated
        by my colleague" of a translation), and helping (``HELPED``) only with a language,
        given to the writer ("helped me with the Greek"; not "my husband helps the crew")."""
        if (
            not any(_writing_word(word, lexicon.WRITING) for word in unknown)
            or self.restates_value
            or "weak" in self.kinds
            or self.linked
            or self.unknown_before_agreement
            or any(t.text in MONTHS for t in self.tokens)
            or any(t.kind in ("cjk", "emoji") and id(t) in self.unknown_ids for t in self.tokens)
            or self._in_writing()
        ):
            return False
        summary = self.s.summary
        if summary is not None and any(
            w in lexicon.WRITING
            and w not in lexicon.REPLYING
            and (w in summary.positions or summary.shares_root(w))
            for w in (*unknown, *self.restated_words)
        ):
            return False  # the deal is about writing: "translated by my colleague" is its term
        texts = [t.text for t in self.tokens]
        if any(w in lexicon.HELPED for w in texts) and not (
            any(w in lexicon.HELPED_ONE for w in texts)
            and any(_writing_word(w, lexicon.LANGUAGES) for w in texts)
        ):
            return False  # only help with a language, given to the writer
        names = {
            t.text
            for i, t in enumerate(self.tokens)
            if self.char(t).isupper()
            and (id(t) in self.unknown_ids or (i > 0 and id(t) in self.restated_ids))
            and not self._noun(i)
            and not _watched([t.text], lexicon.WATCH_OR_PROMISE)
        }
        others = [w for w in (*unknown, *self.restated_words) if w not in names]
        strays = [w for w in others if not _writing_word(w, lexicon.ABOUT_WRITING)]
        loose = [w for w in self.loose if w not in names]
        return (
            (not strays or self._why_this_language(strays))
            and not any(w in NUMBER_WORDS for w in unknown)
            and not _watched(
                [w for w in loose if not _writing_word(w, lexicon.ABOUT_WRITING)],
                lexicon.WATCH_OR_PROMISE,
            )
            and not any(pair in lexicon.WATCH_PAIRS for pair in pairwise(self._words()))
            and not _plans([w for w in loose if not _writing_word(w, lexicon.ABOUT_WRITING)])
        )

    def _why_this_language(self, strays: Sequence[str]) -> bool:
        """Whether the words of a clause about the reply's language that are not about
        writing say why it is in that language ("writing in English as I'm on a work trip",
        "escribo en español porque estoy practicando para el viaje"): a few, none of them the
        summary's or a form of one (the rest of the clause is checked as for any writing)."""
        summary = self.s.summary
        return (
            any(_writing_word(t.text, lexicon.LANGUAGES) for t in self.tokens)
            and len(strays) <= _WHY_MAX
            and not any(w in self.restated_words for w in strays)
            and not (summary is not None and any(summary.shares_root(w) for w in strays))
        )

    def _scoped(self) -> bool:
        """Whether a word not understood follows "for" (``lexicon_broad.THANKED_FOR``) in the
        agreement's clause: "I confirm the arrangements for parking" says what is agreed to,
        in words that may not be the summary's."""
        after = False
        for token in self.tokens:
            if token.text in lexicon.THANKED_FOR:
                after = True
            elif after and id(token) in self.unknown_ids:
                return True
        return False

    def _praises(self, unknown: Sequence[str]) -> bool:
        """Whether the clause only praises the other person or a thing of the summary with a
        verb "to be" ("You're a star", "die Wohnung ist wirklich ein Traum", "The museum is a
        real gem"). Before the verb: the other person, articles and demonstratives
        (``lexicon_broad.PRAISE_SUBJECTS``), names and words of the summary, nothing else (not
        "the other museum", "my brother's bus"); after it: words of praise (``FEELING``,
        ``PRAISE``), of degree (``DEGREE``) and articles, and at most one noun right after a
        word of praise ("a great building"). No number, value, month, link, emoji not known,
        Chinese or Japanese, nothing of the writer's own and no word that may carry a term.
        A name the service was not given is no subject of praise: "The Hilton is a dream" may
        name another place than the summary's.
        """
        if self.restates_value or not any(t.text in lexicon.COPULAS for t in self.tokens):
            return False
        words = [t for t in self.tokens if t.kind != "mark"]
        verb = next((k for k, t in enumerate(words) if t.text in lexicon.COPULAS), None)
        if (
            verb is None
            or self.linked
            or any(t.kind != "word" or t.text in MONTHS for t in words)
            or any(w in NUMBER_WORDS for w in unknown)
            or self._brings_own()
        ):
            return False
        for token in words[:verb]:
            if token.text in lexicon.PRAISE_SUBJECTS or id(token) in self.restated_ids:
                continue
            return False  # "the other museum", "The Hilton", "July": not what the summary has
        praised = described = False
        for token in words[verb + 1 :]:
            text = token.text
            if text in lexicon.PRAISING:
                praised, described = True, False
            elif text in lexicon.DEGREE or (text in lexicon.PRAISE_SUBJECTS and not praised):
                continue
            elif praised and not described and id(token) in self.unknown_ids:
                described = True  # the noun the praise describes: "a great building"
                if _watched([text], lexicon.WATCH_OR_PROMISE):
                    return False
            else:
                return False
        return praised

    def _wish(self) -> bool:
        """Whether the clause opens with a wish (``lexicon_broad.WISHES``), after an "and"."""
        words = self._words()
        if words and words[0] in _LIST_JOINS:
            words = words[1:]
        _, candidates = lexicon.wishes().get(words[0], (0, [])) if words else (0, [])
        return any(tuple(words[: len(w)]) == w for w in candidates)

    def _adds_nothing(
        self,
        unknown: Sequence[str],
        *,
        watch: frozenset[str] = lexicon.WATCH_OR_PROMISE,
        restating: bool = False,
    ) -> bool:
        """No summary words put together anew (unless ``restating`` may), no number word,
        nothing in ``watch`` (what may carry a term or promise what comes next), no plan, and
        nobody of the writer's own."""
        return (
            (restating or not self.restates_words)
            and not any(w in NUMBER_WORDS for w in unknown)
            and not _watched(self.loose, watch)
            and not _plans(self.loose)
            and not self._brings_own()
        )

    def _brings_own(self) -> bool:
        """Whether the writer brings someone or something of their own into the clause, in
        words not understood ("my wife drives them", "meine Frau", "notre voiture"): beside an
        agreement, that is who or what the arrangement would now involve."""
        own = _OWN.get(self.s.lang or "", _OWN_ANY)
        words = [t for t in self.tokens if t.kind == "word"]
        return any(
            first.text in own and id(second) in self.unknown_ids
            for first, second in pairwise(words)
        )

    def _about_terms(self, unknown: Sequence[str]) -> bool:
        """Whether a word not understood is a summary word in another form ("bringing" for
        "bring"): the clause may be about its terms. A pleasantry wishes well to them ("Good
        luck with the studying") rather than changing them."""
        summary = self.s.summary
        return summary is not None and any(summary.shares_root(word) for word in unknown)

    def _words(self) -> list[str]:
        return [t.text for t in self.tokens if t.kind == "word"]

    def small_talk(self) -> bool:
        """Whether the clause shows small talk: a pleasantry, thanks, a pleasant emoji, or a
        word of feeling or wishes (``lexicon_broad.FEELING``: "hope", "enjoyed", "ravis",
        "freuen"); or completes one before it ("Freut mich, dass wir das hinbekommen haben").
        A clause merely next to one does not borrow it: "Glad you liked it, my wife drives
        them there"."""
        words = self._words()
        completes = self.cue_before and bool(words) and words[0] in _COMPLEMENTS
        return (
            completes
            or self._goes_on_thanking(words)
            or bool(self.kinds & {"pleasant", "thanks"})
            or any(word in lexicon.FEELING for word in words)
        )

    def _thanks_for_a_deed(self) -> bool:
        """Whether the clause thanks for a deed, in words not understood, that has an object
        of its own: "thanks for covering the fuel", "for driving the kids there", "gracias
        por cubrir la gasolina", "danke, dass du das Benzin übernimmst" may be a new
        arrangement, where "for sorting this", "for putting it in writing", "for being so
        patient" and "dass du dir Zeit genommen hast" are about the summary, the person or
        the past."""
        words = self._words()
        if not ("thanks" in self.kinds or self._goes_on_thanking(words)):
            return False
        for k, token in enumerate(self.tokens):
            if id(token) not in self.unknown_ids:
                continue
            before = self.tokens[k - 1].text if k > 0 else ""
            english = token.text.endswith("ing") and token.text not in _STATES and before != "in"
            # "gracias por cubrir la gasolina", "grazie per coprire", "merci de prendre"
            romance = before in _DEED_BEFORE and token.text.endswith(_INFINITIVE_ENDINGS)
            if not (english or romance):
                continue
            following = [t.text for t in self.tokens[k + 1 : k + 2] if t.kind == "word"]
            if following and following[0] not in _SELF_OBJECTS:
                return True
        # "danke, dass du das Benzin übernimmst": a deed still to come; "dass du dir so viel
        # Zeit genommen hast" is past.
        return (
            any(w in _THAT_YOU for w in pairwise(words))
            and bool(self.unknown)
            and not any(w in _PERFECT for w in words)
        )

    def _goes_on_thanking(self, words: Sequence[str]) -> bool:
        """Whether the clause goes on with what the thanks before it are for: it opens with
        "and for" (``lexicon_broad.THANKED_FOR``, after a list join or not) and then a thing
        ("the cup of tea", "le café") or a deed in English "-ing" ("being so patient"), in at
        most three words not understood: ", and for safety wear helmets" is no thanks."""
        if not self.thanks_before:
            return False
        rest = list(words[1:] if words and words[0] in _LIST_JOINS else words)
        if len(rest) < 2 or rest[0] not in lexicon.THANKED_FOR:
            return False
        thing = rest[1] in lexicon.PRAISE_SUBJECTS or rest[1].endswith("ing")
        unknown = sum(len(key.split()) for key, _ in self.unknown)
        return thing and unknown <= _GOES_ON_MAX

    def _step(self, i: int) -> int:
        token = self.tokens[i]
        if token.text in RECURS and self.s.summary is not None:
            period = recurrence(self.tokens, i)
            if period is not None and not self.s.summary.recurs(period):
                # "every hour" for "every half hour", "every Friday" for "every other Friday"
                self._risk("a frequency the summary does not have", self.text)
        if self._or_between_days(i):
            # "ogni martedì o venerdì" for "ogni martedì e venerdì": one day, not both
            self._risk("differs from the summary", self.text)
        if token.text in PERSONS:
            # "… and we provide snacks": a term with its doer, not one more thing
            self.added, self.joined_to = False, None
        if token.kind in ("link", "mark"):
            self.linked = self.linked or token.kind == "link"
            if token.text in _QUESTION or (token.text == ";" and _GREEK.search(self.text)):
                # Greek asks with ";" (its question mark is the same character once
                # normalised): "Όλα σωστά;" is "All correct?".
                self._risk("question", self.text)
            elif token.text == "…":
                self._risk("hedged", self.text)
            elif token.text in _LIST_MARKS:
                self._list_join(i)  # "£4,500 / £7,900 / £6,000"
            return i + 1
        if token.kind == "number":
            return self._number(i)
        if token.text in _ITALIAN_COUNTS and self._counts(i):
            summary = self.s.summary
            if (
                summary is not None
                and ("num", float(NUMBER_WORDS[token.text])) not in summary.facts
            ):
                self._risk("a number or date the summary does not have", self.text)
        if self.s.reading.accepted:
            span = self._accepted(i)
            if span:
                return i + span
        if self._is_label(i):
            self._label(i)
            return i + 1
        if (
            token.text in MONTHS
            and i + 1 < len(self.tokens)
            and self.tokens[i + 1].kind == "number"
        ):
            return i + 1  # a date's month, checked with its day
        if (
            token.text in CURRENCIES
            and i + 1 < len(self.tokens)
            and self.tokens[i + 1].kind == "number"
        ):
            return i + 1  # "EUR 240": the amount's currency, checked with it
        if (
            token.text in MONTHS
            and len(token.text) >= _MONTH_NAME_MIN
            and self.s.summary
            and not self.s.summary.names_month(MONTHS[token.text])
        ):
            # "vanaf 8 februari tot eind juli" for "… tot eind juni": a month of its own
            self._risk("a date the summary does not have", self.text)
        if (
            token.text in MONTHS
            and self.s.summary
            and self.s.summary.knows_month(MONTHS[token.text])
        ):
            self._flush_unknown()
            part = month_part(self.tokens, i)
            summary = self.s.summary
            if part and not summary.names_month_part(part, MONTHS[token.text], self.all_items):
                # "by the end of September" for "by Friday 15 September"
                self._risk("a date the summary does not have", self.text)
            self.restates_value = True  # "See you in July": the summary's month
            return i + 1
        when = self._past_time(i)
        if when:
            return i + when
        days = weekday(self.s.part.tokens, self.s.position[id(token)])
        if days is not None:
            self._day(days, token)
            return i + 1
        found = match_phrase(self.tokens, i)
        if (
            found
            and not self._foreign_function_word(found[0])
            and not self._unit_after_rate(i, found[0])
        ):
            self._phrase(found[0], i, found[1])
            return i + found[1]
        return self._other(i)

    def _counts(self, i: int) -> bool:
        """Whether Italian "sei" or "otto" at ``i`` counts ("una squadra di sei persone")
        rather than saying "you are" or naming someone: after a preposition or an article,
        in an Italian reply (or one to an Italian summary)."""
        summary = self.s.summary
        lang = self.s.lang or (summary.lang if summary is not None else None)
        return lang == "it" and i > 0 and self.tokens[i - 1].text in _COUNT_BEFORE

    def _unit_after_rate(self, i: int, phrase: lexicon.Phrase) -> bool:
        """Whether the risk word at ``i`` is what an amount is counted by, as the summary has
        it: "42 € par personne" is no French "nobody"."""
        summary = self.s.summary
        return (
            i > 0
            and self.tokens[i - 1].text in RATES
            and lexicon.meaning(phrase, self.s.lang).cls in lexicon.RISK_CLASSES
            and summary is not None
            and self.tokens[i].text in summary.positions
        )

    def _past_time(self, i: int) -> int:
        """How many tokens from ``i`` say when the conversation took place ("what we
        discussed this morning", "wie heute besprochen"): only right after or right before a
        word for it; 0 otherwise."""
        after = i > 0 and self.tokens[i - 1].text in lexicon.CONVERSATION
        for phrase in lexicon.past_times().get(self.tokens[i].text, ()):
            n = len(phrase)
            if tuple(t.text for t in self.tokens[i : i + n]) != phrase:
                continue
            before = i + n < len(self.tokens) and self.tokens[i + n].text in lexicon.CONVERSATION
            if after or before or (phrase in lexicon.thanked_times() and self._thanked_for(i)):
                self._flush_unknown()
                return n
        return 0

    def _thanked_for(self, i: int) -> bool:
        """Whether the clause thanked for something right before ``i`` ("Thanks for the tour
        …", "obrigado pela reunião de …"): a thanks, then a word that introduces what it is
        for and at most a few words, none joining another thing to it, and no word of the
        summary but a word for the conversation: "Thanks for the rent this morning" says when
        a term was met."""
        if "thanks" not in self.kinds or any(
            word not in lexicon.CONVERSATION for word in self.restated_words
        ):
            return False
        start = max((k for k in range(i) if self.tokens[k].text in lexicon.THANKED_FOR), default=-1)
        # Right after what is thanked for ("for the tour this morning"), not after more that
        # is joined to it: "Thanks for the coffee and we start this afternoon".
        between = self.tokens[start + 1 : i]
        return (
            start >= 0
            and len(between) <= _THANKED_SPAN
            and not any(t.text in _LIST_JOINS for t in between)
        )

    def _foreign_function_word(self, phrase: lexicon.Phrase) -> bool:
        """A function word or pleasantry of another language than the reply's ("he" is
        Spanish for "I have", "legal" Portuguese for "nice"): in a reply whose language is
        known it says nothing, so it is read as any other word, and is not understood.
        Agreement, thanks and greetings travel between languages ("super", "merci"); risk
        words stay risks whatever the language."""
        lang = self.s.lang
        if self._false_friend(phrase):
            return True
        if lang is None:
            return False
        found = lexicon.meaning(phrase, lang)
        return found.cls in _LOCAL_CLASSES and found.lang not in (lang, "*")

    def _false_friend(self, phrase: lexicon.Phrase) -> bool:
        """Whether ``phrase`` is an agreement of another language that is a common word of
        the summary's, in a reply not known to be in another: Italian "prima" ("before")."""
        summary = self.s.summary
        return (
            phrase in _FALSE_FRIENDS
            and summary is not None
            and summary.lang in _FALSE_FRIENDS[phrase]
            and self.s.lang in (None, summary.lang)
        )

    def _copied_with_neighbour(self, i: int, count: int) -> bool:
        summary = self.s.summary
        if summary is None:
            return False
        words = [t.text for t in self.tokens[i : i + count]]
        if all(w in _AGREED for w in words):
            return False  # "what we agreed for the website" is the meeting's, no term
        before = [t.text for t in self.tokens[max(i - 1, 0) : i] if t.kind == "word"]
        after = [t.text for t in self.tokens[i + count : i + count + 1] if t.kind == "word"]
        return bool(
            (before and summary.says([*before, *words]))
            or (after and summary.says([*words, *after]))
        )

    def _copied(self, i: int, count: int) -> bool:
        """Whether the phrase of ``count`` words at ``i`` stands so in the summary with what
        it negates: the words after it up to a number or a longer word ("no more than 12",
        "not in the hallway"; not "not in the" of "not in the cellar")."""
        summary = self.s.summary
        words = [t for t in self.tokens[i:] if t.kind != "mark"][: count + _NEGATED_SPAN]
        for end in range(count, len(words)):
            if words[end].kind == "number" or len(words[end].text) >= _NEGATED_WORD:
                texts = [t.text for t in words[: end + 1]]
                return summary is not None and summary.says(texts)
        return False

    def _accepted(self, i: int) -> int:
        """How many tokens from ``i`` an owner's accepted phrase spans (the longest), or 0."""
        texts = [t.text for t in self.tokens[i:] if t.kind != "mark"]
        best = max(
            (len(p) for p in self.s.reading.accepted if tuple(texts[: len(p)]) == p), default=0
        )
        if not best:
            return 0
        span = _words_from(self.tokens, i, best)
        end = span[-1] + 1
        if not _contiguous(self.tokens, i, end):
            return 0
        self._flush_unknown()
        self.kinds.add("accepted")
        self.previous = "accepted"
        self.s.reading.learned.append(" ".join(texts[:best]))
        return end - i

    def _phrase(self, phrase: lexicon.Phrase, i: int, span: int) -> None:
        meaning = lexicon.meaning(phrase, self.s.lang)
        words = " ".join(phrase)
        opens_proviso = meaning.cls == "condition" or (
            meaning.cls in lexicon.RISK_CLASSES and condition_at(self.tokens, i)
        )  # "sauf si", "außer", "salvo que": read as reservations elsewhere
        if opens_proviso and self.condition is None:
            self.terms_before_condition = list(self.clause_sets)
            self.condition_phrase = tuple(phrase)
            self.condition_from = i + span
            self.condition = self._condition_places(phrase)
            if self.condition:
                self._flush_unknown()
                self.kinds.add("condition")
                return
        if meaning.cls in ("negation", "condition") and self._in_condition_as_written(phrase):
            # "si je ne peux pas venir" for "si tu ne peux pas venir", the "si" of "sauf si"
            self._flush_unknown()
            return
        if words == "um" and i + 1 < len(self.tokens) and self.tokens[i + 1].kind == "number":
            self._flush_unknown()  # German "um 9:00 Uhr" ("at"), no English "um"
            return
        if meaning.cls == "negation" and self._copied(i, len(phrase)):
            # "a family-photo list of no more than 12 groupings", "not in the hallway": the
            # summary's own negation, copied with the words it stands with (other risks are
            # not: "den Rest innerhalb von 7 Tagen" may take the rest of another payment)
            self._flush_unknown()
            return
        if meaning.cls in lexicon.RISK_CLASSES:
            if words in _TOO:
                self.too = True  # "… is approved as well": an addition only without agreement
            elif not self._quotes_cjk(i, span):
                self._risk(lexicon.RISKS[meaning.cls], self.text)
            return
        self._flush_unknown()
        if meaning.cls == "agree":
            self.agreements.append(self._copied_with_neighbour(i, span))
        if meaning.cls == "neutral":
            self.loose += phrase
        languages = _JOIN_LANGUAGES.get(words)
        if words in _LIST_JOINS and (
            languages is None or self.s.lang is None or self.s.lang in languages
        ):
            # English "I" is no Polish "i" unless the reply is known to be Polish; Spanish
            # "en" is no Dutch "and", and joins nothing
            self._list_join(i, sides=languages is None or self.s.lang in languages)
            self.joined = (self.restates_words or self.restates_value) and (
                languages is None or self.s.lang is None or self.s.lang in languages
            )
        elif words in PERSONS:
            self.joined = False  # "… and we start on the 1st": a clause of its own
        first, last = self.tokens[i], self.tokens[i + span - 1]
        self._record(meaning.cls, self.text_of_part[first.start : last.end], words)

    def _list_join(self, i: int, *, sides: bool = True) -> None:
        """ "X and Y", "X / Y": each item is placed on its own, and, where the join is one in
        the reply's language (``sides``), who does it is read on each side ("you send a packed
        lunch and we provide snacks")."""
        if sides:
            self._check_perspective(until=i)
            self._check_receivers(until=i)
            self.all_items, self.word_clauses, self.segment_start = None, [], i + 1
        # "the room, the office and the cellar": what follows may be one more thing for the
        # terms before it (``_segment``), unless it proves a term of its own
        self.joined_to, self.last_segments = self.last_segments, None
        self.joined_items = self.last_items
        self.last_word_places = self.word_halves = None
        self.last_restated = self.last_items = self.last_clauses = None
        self.last_value = None
        self.last_parts = {}

    def _quotes_cjk(self, i: int, span: int) -> bool:
        """Whether a Chinese or Japanese risk word is part of a phrase the summary itself
        has ("修正2回まで無料"): CJK replies restate the summary's wording character for
        character, where other languages reword it."""
        summary = self.s.summary
        end = min(len(self.tokens), i + span + _CJK_CONTEXT)
        piece = "".join(t.text for t in self.tokens[i:end] if t.kind in ("cjk", "number"))
        cjk = self.tokens[i].kind == "cjk"
        return cjk and summary is not None and len(piece) > span and piece in summary.squashed

    def _record(self, cls: str, original: str, words: str) -> None:
        self.kinds.add(cls)
        self.previous = cls
        if cls == "agree":
            self.unknown_before_agreement = self.unknown_before_agreement or bool(self.unknown)
            self.s.reading.agree.append(original)
        elif cls == "weak":
            self.s.reading.weak.append(original)
        elif cls == "ack":
            self.s.reading.acks.append(words)
        elif cls == "pointer":
            self.s.reading.pointers.append(original)

    def _other(self, i: int) -> int:
        token = self.tokens[i]
        if token.kind == "cjk":
            name = self._cjk_name(i)
            if name:
                self._name()
                return i + name
        # A typo of an agreement ("Confrimed,") is read before a capitalised word is guessed
        # to address someone; the names the service gave come first.
        typo = (
            _typo_of_phrase(token.text, self.s.lang)
            if token.kind == "word"
            and not self.s.people.named(token.text)
            and token.text not in lexicon.WRITING  # "Greek" is no typo of "great"
            and not self._false_friend((token.text,))
            else None
        )
        if typo and not self._summary_word(token):
            self._flush_unknown()
            self._record(
                lexicon.meaning(typo, self.s.lang).cls,
                self.text_of_part[token.start : token.end],
                typo[0],
            )
            return i + 1
        if token.kind == "word" and self._is_name(token):
            if not self._addressed(token):
                self._place_name(token)
            self._name()
            return i + 1
        summary = self.s.summary
        # "Mark", "Ian", "Biscuit": a name the summary has, someone who does something
        proper = summary is not None and token.text in summary.proper and self.char(token).isupper()
        # A short word is placed only after a person: "Mark pays for the bus", not "Tot 1
        # juli" (a Dutch "until" the summary happens to have).
        short_placed = proper or (
            self.person_placed
            and token.text not in NUMBER_WORDS
            and not match_phrase(self.tokens, i)
        )
        if self._restates(token, placed=short_placed, kind="person" if proper else "word"):
            self.person_placed = self.person_placed or proper
            self._place_person()
            if token.text in NUMBER_WORDS and self._bound_anew(i):
                # "up to one month's notice" for "at least one month's notice"
                self._risk(lexicon.RISKS["hedge"], self.text)
            if (
                token.text in NUMBER_WORDS
                and summary is not None
                and summary.counts_otherwise(self.tokens, i)
            ):
                self._risk("a number the summary has for something else", self.text)
            return i + 1
        if (
            token.kind == "word"
            and self.char(token).isupper()
            and (i > 0 or self._opens_with_a_doer())
            and not self._noun(i)
        ):
            self.capital_unknown = True
        if self.joined and token.kind == "word":
            # "under-16s and students free", "the forms and the permission slips": a term of
            # the summary widened by something it does not have
            self._risk(lexicon.RISKS["addition"], self.text)
        self.pending.append(token)
        self.unknown_ids.add(id(token))
        self.loose.append(token.text)
        return i + 1

    def _opens_with_a_doer(self) -> bool:
        """Whether the clause opens with a name before a verb in the third person ("Jack
        collects them from school", "Jana holt sie ab", "Jesse betaalt de huur"): someone
        the summary does not have, doing a term (a red team's). A capitalised first word is
        as often just the sentence's ("Quedamos atentos", "Sorry, …")."""
        words = [t for t in self.tokens[:3] if t.kind == "word"]
        if len(words) < 2 or words[0] is not self.tokens[0] or not words[0].text.isalpha():
            return False
        summary = self.s.summary
        if (self.s.lang or (summary.lang if summary else None)) not in _THIRD_PERSON_S_T:
            return False  # "Quedamos atentos": a verb of a language that names its doer
        verb = words[1].text
        return (
            self.tokens[1] is words[1] and len(verb) > _DOER_VERB_MIN and verb.endswith(("s", "t"))
        )

    def _noun(self, i: int) -> bool:
        """A German noun after its article or another determiner, perhaps with an adjective
        or two between ("die Kinder", "ein sehr konstruktives Treffen"): German writes every
        noun capitalised, and a name has no article."""
        if self.s.lang != "de":
            return False
        for token in reversed(self.tokens[max(0, i - 3) : i]):
            if token.text in DE_DETERMINERS:
                return True
            describes = token.text.endswith(_DE_ADJECTIVE_ENDINGS) or token.text in _DE_DEGREE
            if token.kind != "word" or self.char(token).isupper() or not describes:
                return False
        return False

    def _name(self) -> None:
        self._flush_unknown()
        self.kinds.add("name")
        self.previous = "name"

    def _is_name(self, token: Token) -> bool:
        if token.text in layout.NOT_NAMES:
            return False
        if self.s.people.named(token.text):
            return True
        if not self.char(token).isupper():
            return False
        short = len([t for t in self.tokens if t.kind == "word"]) <= 3
        return self._greeted(token) or (short and self.s.people.knows(token.text))

    def _greeted(self, token: Token) -> bool:
        """Whether the name at ``token`` follows a greeting, thanks, sign-off or another name,
        or opens the clause to address someone ("Dana, …")."""
        follows = self.previous in ("greet", "thanks", "signoff", "name")
        return follows or token.end <= self.vocative

    def _addressed(self, token: Token) -> bool:
        """Whether the name at ``token`` greets, thanks or signs ("Thanks Dana"), opens the
        clause to address someone ("Dana, …") or ends a phrase so ("… writing it down Olu!",
        "All good Jonas 😊"), unless it is what a word like "by" points to ("paid by Dana")."""
        if self._greeted(token):
            return True
        k = next(k for k, t in enumerate(self.tokens) if t is token)
        after = self.tokens[k + 1] if k + 1 < len(self.tokens) else None
        before = self.tokens[k - 1].text if k else ""
        closes = after is None or after.kind in ("mark", "emoji")
        return closes and before not in _POINTS_TO_PERSON

    def _place_name(self, token: Token) -> None:
        """A name that addresses nobody is someone who does something: where the summary has
        it, it is placed like any restated word (the counterparty's name in its greeting is
        no term, "Dana collects the forms" a new one); where it has not, it is a new person."""
        summary = self.s.summary
        self.person_placed = True
        if summary is not None and token.text in summary.positions:
            if self.s.position[id(token)] not in self.s.part.copied:
                self._place(summary.places_of_word(token.text), "person")
            return
        self.new_person = True
        self._place_person()

    def _place_person(self) -> None:
        """A person the summary does not name, in a clause that restates its terms, is who
        does them now: "Dana collects the signed forms" where the summary has Mark."""
        if self.new_person and self.restated_words:
            self._risk("differs from the summary", self.text)

    def _cjk_name(self, i: int) -> int:
        for name in self.s.people.cjk:
            chars = [t.text for t in self.tokens[i : i + len(name)]]
            if "".join(chars) == name:
                return len(name)
        return 0

    def _index(self, token: Token) -> int:
        return next(k for k, t in enumerate(self.tokens) if t is token)

    def _summary_word(self, token: Token) -> bool:
        """Whether ``token`` is a word of the summary as written ("thinks" is not "thanks")."""
        summary = self.s.summary
        copied = self.s.position[id(token)] in self.s.part.copied
        return copied or (summary is not None and token.text in summary.positions)

    def _restates(self, token: Token, *, placed: bool = True, kind: str = "word") -> bool:
        """Whether ``token`` is a word of the summary (or a typo of one), read as restating
        it; a word of four letters or more, or a shorter one if ``placed``, is then placed
        among the summary's items."""
        summary = self.s.summary
        if summary is None:
            return False
        copied = self.s.position[id(token)] in self.s.part.copied
        word = (
            token.text
            if copied or token.text in summary.positions
            else _typo_of(token.text, summary)
        )
        if word is None:
            return False
        self._flush_unknown()
        self.restates_words = True
        self.restated_words.append(token.text)
        self.restated_ids.add(id(token))
        if len(word) >= _CHAIN_MIN:
            if not copied and self.last_restated and not summary.near(self.last_restated, word):
                self._risk("differs from the summary", self.text)
            self.last_restated = word
        if not copied and (placed or len(word) >= _CHAIN_MIN):
            places = summary.places_of_word(word)
            if len(word) >= _CHAIN_MIN and word not in _POINTS_PAST:
                # "au-delà de 40 €" points back to the value of the half before: no term
                halves = summary.halves_of_word(word)
                self.word_halves = (
                    (self.word_halves & halves or halves) if self.word_halves else halves
                )
            # "on completion", "after the inspection": what a term runs to
            self.anchored = self._follows(self._index(token), _ANCHORS)
            self._place(places, kind)
            self.anchored = False
            self._segment(summary.segments_of_word(word), frozenset(p[0] for p in places))
            if len(word) >= _CHAIN_MIN:
                self._pair_word_after_value(places)
        return True

    def _pair_word_after_value(self, places: frozenset[Place]) -> None:
        """A word restated after a value, where the summary has the word only in another
        clause than the value and that clause gives a value of the same kind, joins the value
        to the other term: "Zahlung innerhalb von 7 Tagen nach Rechnungsdatum" for "innerhalb
        von 14 Tagen nach Rechnungsdatum, mit 2 % Skonto bei Zahlung innerhalb von 7 Tagen"."""
        summary = self.s.summary
        if summary is None or self.last_value is None or not places:
            return
        value_clauses, kind = self.last_value
        clauses = frozenset(clause for _, _, clause in places)
        if clauses.isdisjoint(value_clauses) and summary.has_other_value(clauses, kind):
            self._risk("differs from the summary", self.text)

    def _pair_values(self, places: frozenset[Place], kind: str) -> None:
        """An amount, a date or a time restated with one of another kind, from clauses of the
        summary apart, where one's clause gives a value of the other's kind itself, join values
        of two terms: "$6,000 by November 1" for "$3,000 deposit by November 1, $6,000 on
        Friday, November 12"; "20 February by 18:00" for "Drop-off Saturday 20 February around
        10:00; pick-up Saturday 27 February by 18:00"."""
        summary = self.s.summary
        clauses = frozenset(clause for _, _, clause in places)
        items = frozenset(item for item, _, _ in places)
        # the word's clauses in the value's items: "hours" of "10 hours per month …, at £3,200"
        # is not the "hours" of another line's "additional hours at £290"
        word_clauses = frozenset(
            clause for item, _, clause in self.last_word_places or () if item in items
        )
        if (
            summary is not None
            and word_clauses
            and word_clauses.isdisjoint(clauses)
            and summary.has_other_value(word_clauses, kind)
        ):
            # "la remise des clés le mardi 31 août" for "La remise des clés a lieu le jeudi
            # 1er juillet, l'état des lieux de sortie le mardi 31 août": the term has a date
            # of its own
            self._risk("differs from the summary", self.text)
        if self.last_value is not None and summary is not None and places:
            last_clauses, last_kind = self.last_value
            paired = kind != last_kind and {kind, last_kind} <= _PAIRED_KINDS
            if (paired and last_clauses.isdisjoint(clauses)) and (
                summary.has_other_value(last_clauses, kind)
                or summary.has_other_value(clauses, last_kind)
            ):
                self._risk("differs from the summary", self.text)
        if places:
            self.last_value = (clauses, kind)

    def _check_half(self, halves: frozenset[tuple[int, int]]) -> None:
        """A value restated after words of the summary must stand in a half of their item
        (split by ";") that has them: "Units fitted by 5 March" for "units fitted by Friday 19
        February; worktops templated … and fitted by 5 March" takes the worktops' date."""
        words, self.word_halves = self.word_halves, None
        if not words or not halves:
            return
        items = {item for item, _ in halves}
        theirs = {half for half in words if half[0] in items}
        if theirs and theirs.isdisjoint(halves):
            self._risk("differs from the summary", self.text)

    def _segment(self, segments: frozenset[Segment], items: frozenset[int]) -> None:
        """Words restated together must stand in one half of a line the summary splits with
        ";", and in one task of it: "the club provides a packed lunch" for "We send a packed
        lunch; the club provides snacks" moves the lunch, "Ian will bring the deposit on the
        night" for "Ian pays the deposit and brings the balance on the night" the deposit."""
        if self.last_segments is not None and self.last_segments.isdisjoint(segments):
            self._risk("differs from the summary", self.text)
        if self.last_segments is None and self.joined_to is not None:
            # the first term after an "and": from another half of the same line of the
            # summary, it is added to what came before unless a value or a doer follows ("the
            # museum trip, the forms and the packed lunch" lists lines of their own)
            halves = {half for half, _ in segments}
            self.added = all(half not in halves for half, _ in self.joined_to) and not (
                self.joined_items is None or self.joined_items.isdisjoint(items)
            )
        narrowed = segments & self.last_segments if self.last_segments is not None else segments
        self.last_segments = narrowed or segments

    def _place(self, places: frozenset[Place], kind: str) -> None:
        """A restated term must stand in the same item of the summary as the one restated
        before it in the clause: "€240 paid by the parents" takes the summary's "€240, paid by
        the school" and its "Parents bring a packed lunch" and makes a new term of them. A
        value must stand in the same part of the item as the word beside it: "£200 up front"
        takes the £80 of "£80 up front on 6 September and the remaining £200 on 1 October"."""
        if not places:
            return
        items = frozenset(item for item, _, _ in places)
        parts = frozenset(part for _, part, _ in places)
        clauses = frozenset(clause for _, _, clause in places)
        if self.condition is not None:
            # "if it rains on a Sunday" for "If it rains on a Saturday, … on the Sunday"
            if clauses.isdisjoint(clause for _, _, clause in self.condition):
                self._risk(lexicon.RISKS["condition"], self.text)
            self.condition_said = True
        if self.last_items is not None and self.last_items.isdisjoint(items):
            self._risk("differs from the summary", self.text)
        if any(
            {kind, other} in _BOUND_IN_A_PART and placed.isdisjoint(parts)
            for other, placed in self.last_parts.items()
        ):
            self._risk("differs from the summary", self.text)
        if (
            self.last_clauses is not None
            and (
                {kind, self.last_kind} == {"person", "word"}
                or (kind == self.last_kind == "word" and self.anchored)
            )
            and self.last_clauses.isdisjoint(clauses)
        ):
            # "Sofia brings the balance" for "Ian pays the deposit and brings the balance on
            # the night, and Sofia runs the ticket desk": who does it is in the same clause;
            # "deposit on completion" for "£1,500 deposit by 26 April, the rest on
            # completion": what a term runs to is in its clause (a red team's)
            self._risk("differs from the summary", self.text)
        if self.first_items is None:
            self.first_items, self.first_parts = items, (kind, parts)
        self.all_items = items | (self.all_items or frozenset())
        if kind in ("word", "person"):
            self.word_clauses.append(clauses)
            self.last_word_places = places
        self.item_sets.append(items)
        self.clause_sets.append(clauses)
        # the terms of a clause narrow its item: "Florian holt Bruno am Sonntag ab" names
        # Florian's item, though Bruno stands in every one
        narrowed_items = items & self.last_items if self.last_items is not None else items
        self.last_items, self.last_kind = narrowed_items or items, kind
        # the words of a term narrow where it stands: "other tickets" is the line's second
        # part, though "tickets" stands in both
        narrowed = parts & self.last_parts.get(kind, parts)
        self.last_parts[kind] = narrowed if kind == "word" and narrowed else parts
        self.last_clauses = clauses
        self.placed.add(kind)

    def _place_after(self, before: _Clause | None) -> None:
        """A clause that only gives a value or a person finishes the clause before it, if that
        one only named terms and this one opens with a word that points to a value or follows
        a colon or dash ("forms, by 12 June" and "the bus: Mark" are one term each; "two
        walks, €245 on pick-up" are two), or if the clause before ended on a weekday and a
        comma ("from 11:00 on Friday, October 8" is one)."""
        if (
            before is None
            or before.last_items is None
            or self.first_items is None
            or "word" in self.placed
        ):
            return
        words = [t for t in before.tokens if t.kind != "mark"]
        # "on Friday, October 8": the comma of a date written the American way
        date_goes_on = bool(words) and words[-1].text in WEEKDAYS and before.tokens[-1].text == ","
        joined = before.placed <= {"word", "person"} and (
            before.tokens[-1].text in _GIVES or self.tokens[0].text in _POINTS_TO_VALUE
        )
        if (date_goes_on or joined) and (
            not before.last_items.isdisjoint(self.first_items) and not self._other_part(before)
        ):
            return
        if date_goes_on or joined:
            self._risk("differs from the summary", f"{before.text} {self.text}")

    def _other_part(self, before: _Clause) -> bool:
        """Whether this clause's first term, a value, stands in another part of the summary's
        line than the words of the clause before name: "Worktops: 25 February" for "units
        fitted by 25 February and the worktops by 5 March" (a red team's swap across ":")."""
        if self.first_parts is None:
            return False
        kind, parts = self.first_parts
        theirs = before.last_parts.get("word")
        return kind == "value" and theirs is not None and theirs.isdisjoint(parts)

    def _number(self, i: int) -> int:
        if self._names_the_mail(i):
            return self._past_date(i)
        summary = self.s.summary
        token = self.tokens[i]
        if i not in self.calculated and summary is not None:
            worked = calculation(self.tokens, i)
            if worked is not None and all(self._given(k, summary) for k in worked.operands):
                self.calculated |= {*worked.operands, *worked.steps}
        if i in self.calculated:
            # a number the calculation starts from or works out on the way: its result is
            # the term restated, and is placed as any value
            self.s.reading.restated.append(token.text)
            self.restates_value = True
            self._flush_unknown()
            return self._past_number(i, currency(self.tokens, i))
        index = self.s.position[id(token)]
        copied = index in self.s.part.copied
        known = copied or (summary is not None and summary.knows(self.s.part.tokens, index))
        unit = self._unit(i)
        family = None if copied else currency(self.tokens, i)
        if not copied and self._bound(i):
            self._risk(lexicon.RISKS["hedge"], self.text)
        if not known or (not copied and summary and self._month_first(i, summary)):
            self._risk("a number or date the summary does not have", self.text)
        elif family and summary and summary.other_currency(self.s.part.tokens, index, family):
            self._risk("a currency the summary does not have for this amount", self.text)
        elif (
            not copied
            and summary
            and (written := side(self.s.part.tokens, index))
            and summary.other_side(self.s.part.tokens, index, written)
        ) or (not copied and summary and self._another_half_of_day(index, summary)):
            self._risk("differs from the summary", self.text)
        elif (
            not copied
            and summary
            and summary.qualified(self.s.part.tokens, index)
            and not qualified_after(self.s.part.tokens, index)
        ):
            # "the job takes 8 days" for "8 working days"
            self._risk("differs from the summary", self.text)
        elif (
            not copied
            and unit
            and unit not in CURRENCIES
            and summary
            and not summary.same_unit(self.s.part.tokens, index, unit)
        ) or (not copied and summary and self._rate_anew(i, summary, index)):
            self._risk("a number the summary has for something else", self.text)
        elif not copied and summary and summary.drops_a_rate(self.s.part.tokens, index):
            self._risk("leaves out what the summary counts it by", self.text)
        else:
            self.s.reading.restated.append(token.text)
            self.s.reading.facts.append(frozenset(value_facts(self.s.part.tokens, index)))
            self.restates_value = True
            self.value_at.append(i)
            if self.condition is not None:
                self.condition_values |= value_facts(self.s.part.tokens, index)
            if not copied and summary is not None:
                kind = "ratio" if self._denominator(i) else "value"
                places = summary.places_of_value(self.s.part.tokens, index)
                self._check_half(summary.halves_of_value(self.s.part.tokens, index))
                self._place(places, kind)
                items = frozenset(p[0] for p in places)
                self._segment(summary.segments_of_value(self.s.part.tokens, index), items)
                if kind == "value":
                    self._pair_values(places, value_kind(self.s.part.tokens, index))
                self.added = False  # "… and tickets at £12": a term of its own
        self._flush_unknown()
        return self._past_number(i, family)

    def _or_between_days(self, i: int) -> bool:
        """Whether ``tokens[i]`` is an "or" between two days of the week the summary has,
        which it does not offer as alternatives."""
        summary = self.s.summary
        if summary is None or not 0 < i < len(self.tokens) - 1:
            return False
        if self.tokens[i].text not in summary.or_words(self.s.lang or summary.lang):
            return False
        tokens, index = self.s.part.tokens, self.s.position[id(self.tokens[i])]
        one, other = weekday(tokens, index - 1), weekday(tokens, index + 1)
        return bool(
            one
            and other
            and summary.knows_day(one)
            and summary.knows_day(other)
            and not summary.days_as_alternatives(one, other)
        )

    def _month_first(self, i: int, summary: Summary) -> bool:
        """Whether the date at ``i`` restates the summary's only if read month first, in a
        reply or a summary in a language that writes the day first: "le 09/12" is 9
        December, not "dimanche 12 septembre"."""
        lang = self.s.lang or summary.lang
        # English writes either way; the summary's own dates say which way its writer reads
        # "3/5" ("5 March": the day first, so 3 May; "March 5": 5 March)
        order = "day" if lang not in (None, "en") else summary.date_order
        date = month_first(self.tokens, i) if order == "month" else day_first(self.tokens, i)
        return order is not None and date is not None and date not in summary.facts

    def _given(self, k: int, summary: Summary) -> bool:
        """Whether the number at ``k``, an operand of a calculation, is one of the summary's
        values, counting what the summary counts with it in its currency."""
        tokens, index = self.s.part.tokens, self.s.position[id(self.tokens[k])]
        if not summary.knows(tokens, index):
            return False
        family = currency(self.tokens, k)
        if family and summary.other_currency(tokens, index, family):
            return False
        unit = self._unit(k)
        return not unit or unit in CURRENCIES or summary.same_unit(tokens, index, unit)

    def _past_number(self, i: int, family: str | None) -> int:
        """Where reading goes on after the number at ``i``: past the half of the day, the
        month or the currency written after it."""
        following = i + 1 + half_of_day_span(self.tokens, i)  # "a las 9:30 de la mañana"
        if following < len(self.tokens) and self.tokens[following].text in MONTHS:
            following += 1
        elif family and following < len(self.tokens) and self.tokens[following].text in CURRENCIES:
            following += 1  # "240 euros": the amount's currency, checked with it
        return following

    def _another_half_of_day(self, index: int, summary: Summary) -> bool:
        """Whether a time the reply writes on a 24-hour clock ("7:00" in a Spanish reply, or
        one of unknown language to a Spanish summary) is in a half of the day the summary
        does not give it: "de 7:00 a 8:30" for "de 19:00 a 20:30"."""
        times = {f for f in value_facts(self.s.part.tokens, index) if f[0] == "time"}
        if not times:
            return False
        lang = self.s.lang or summary.lang
        said = morning_only(times) if lang in CLOCK_24 else times
        return said.isdisjoint(summary.times)

    def _check_condition(self) -> None:
        """A clause that restates a term the summary makes conditional, without the
        condition, drops it: "la fianza de 500 € se devuelve el 9 de julio" for "…, salvo que
        haya daños" (a condition said anywhere in the reply is read as a condition already,
        ``_Scanner.provisos_said``)."""
        summary = self.s.summary
        if summary is None or not self.item_sets or len(self.item_sets) < _CONDITION_TERMS:
            return
        common = frozenset.intersection(*self.item_sets)
        if common and summary.restricted(common) and any(t.text in EVERY for t in self.tokens):
            # "rugnummers op alle shirts" for "rugnummers alleen op de shirts van de O15"
            self._risk("widens a term the summary limits", self.text)
        said = self.s.provisos_said
        # a bound the reply restates ("até 15.000 €") keeps only what holds past it
        bounds = said & BOUNDS_SAID
        own = said - bounds
        if not common or (own and not own <= summary.provisos()):
            return  # a proviso in other words than the summary's ("salvo que" for "unless")
        # Each proviso of the term, and what follows its "if", must be said somewhere in the
        # reply: "Unless we are away, I come on the Sunday" for "If it rains on a Saturday,
        # you come on the Sunday, unless we are away" drops the rain; "O seguro cobre danos
        # até 15.000 €" for "…, exceto em objetos de vidro" drops the exception.
        required = summary.provisos(common) - said - (PAST_BOUND if bounds else frozenset())
        if required or summary.drops_if(common, self.s.restated_clauses):
            self._risk("drops a condition of the summary", self.text)

    def _condition_places(self, phrase: lexicon.Phrase) -> frozenset[Place] | None:
        """Where the summary says this condition in the same words ("if", "unless", "es sei
        denn"), or None: then it is the writer's own. The terms restated before it in the
        clause must be the ones the summary sets it for."""
        summary = self.s.summary
        self.conditions = summary.conditions(tuple(phrase)) if summary is not None else []
        found = _places_of(self.conditions)
        if found and any(
            items.isdisjoint(item for item, _, _ in found) for items in self.item_sets
        ):
            # "I pay the first £250 unless we are away": the summary's "unless" is another
            # term's
            self._risk(lexicon.RISKS["condition"], self.text)
        return found or None

    def _in_condition_as_written(self, phrase: lexicon.Phrase) -> bool:
        """Whether a negation or a second condition word stands in a condition restated where
        the summary's condition has the same words: "Si je ne peux pas venir" restates "Si tu
        ne peux pas venir", "sauf si" its "sauf si"."""
        summary = self.s.summary
        if summary is None or self.condition is None:
            return False
        clauses = {clause for _, _, clause in self.condition}
        return all(
            any(clause in clauses for _, _, clause in summary.places_of_word(word))
            for word in phrase
        )

    def _narrows_condition(self) -> bool:
        """Whether the condition restated leaves out a value or a word of four letters or
        more of the summary's: "if the car is damaged" for "If the car is damaged while you
        park in the drive" holds wherever it is parked, "salvo que haya daños" for "… daños en
        el equipo" for any damage."""
        summary = self.s.summary
        if summary is None or self.condition_phrase is None:
            return False
        said = {t.text[:ROOT] for t in self.tokens[self.condition_from :] if t.kind == "word"}
        for condition in self.conditions:
            words, values = summary.condition_terms(condition)
            missing = [w for w in words if w[:ROOT] not in said]
            if not missing and all(not v.isdisjoint(self.condition_values) for v in values):
                return False
        return True

    def _drops_share(self) -> bool:
        """Whether the clause restates what the summary shares out by a percentage, with no
        percentage: "the church keeps the ticket sales" for "You keep 15% of the ticket
        sales"."""
        summary = self.s.summary
        if summary is None or not self.restated_words or any(t.text == "%" for t in self.tokens):
            return False
        return any(w in summary.shared and len(w) >= _CHAIN_MIN for w in self.restated_words)

    def _leaves_out(self) -> bool:
        """Whether the clause copies two pieces of one sentence of the summary next to each
        other, with words of the summary's between them left out: "Cada hora de espera se
        cobra a 40 €" for "Cada hora de espera por causas ajenas a nosotros se cobra a 40 €"
        widens the term to every hour of waiting (``_LEFT_OUT_WORDS``)."""
        summary = self.s.summary
        if summary is None:
            return False
        words = [t.text for t in self.tokens if t.kind in _CONTENT_KINDS]
        for before, after in pairwise(summary.runs(words)):
            gap = summary.words[before.s_end : after.s_start]
            if (
                after.start == before.end
                and 0 < len(gap) <= _LEFT_OUT_MAX
                and not any(
                    summary.starts_sentence(k) for k in range(before.s_end, after.s_start + 1)
                )
                and sum(len(w) >= _CHAIN_MIN for w in gap) >= _LEFT_OUT_WORDS
            ):
                return True
        return False

    def _includes_anew(self) -> bool:
        """Whether the clause says something is included where the summary includes nothing
        in the terms it restates: "€240 for the bus, lunch included", "$4,800, HST in"."""
        summary = self.s.summary
        words = [t.text for t in self.tokens if t.kind not in ("mark", "emoji")]
        # "HST in", "GST inc": a tax inside the price
        taxed = words[-2:-1] in ([w] for w in _TAXES) and words[-1:] == ["in"]
        taxed = taxed or any(a in ("inc", "incl") and b in _TAXES for a, b in pairwise(words))
        # French "compris" includes after a noun ("vins compris"); after "c'est", "j'ai" or
        # "bien" it is "understood"
        french = any(
            w in _COMPRIS and before not in _UNDERSTOOD for before, w in pairwise(["", *words])
        )
        return (
            summary is not None
            and (
                french or taxed or any(w in _INCLUDED for w in words) or words[-2:] == ["all", "in"]
            )
            and not any(
                w.startswith(_INCLUDED_ROOTS) and self._in_these_terms(summary, w)
                for w in summary.positions
            )
        )

    def _in_these_terms(self, summary: Summary, word: str) -> bool:
        """Whether the summary says ``word`` in a term this clause restates, or anywhere
        when it restates none."""
        items = self.all_items
        return not items or any(place[0] in items for place in summary.places_of_word(word))

    def _added_to_another(self, i: int) -> bool:
        """Whether the percentage at ``i`` is added ("plus 13% HST", "+ 20 % MwSt.") to an
        amount the summary does not add it to: "4 instalments of $1,356, each plus 13% HST"
        for "$4,800 plus 13% HST ($624), so $5,424, paid in 4 instalments of $1,356"."""
        summary = self.s.summary
        if summary is None or i + 1 >= len(self.tokens) or self.tokens[i + 1].text != "%":
            return False
        if not any(t.text in _PLUS for t in self.tokens[max(0, i - _ADDED_TO_SPAN) : i]):
            return False
        # the amount before it, in this clause or the one before ("$1,356, each plus 13%")
        tokens, index = self.s.part.tokens, self.s.position[id(self.tokens[i])]
        before = tokens[max(0, index - 2 * _ADDED_TO_SPAN) : index]
        amounts = [t.text for t in before if t.kind == "number"]
        if not amounts:
            return False
        words = summary.words
        return not any(
            amounts[-1] in words[max(0, p - 2 * _ADDED_TO_SPAN) : p]
            for p in summary.positions.get(self.tokens[i].text, ())
        )

    def _given_for_another(self, i: int) -> bool:
        """Whether the value at ``i`` is said to be for something the summary does not have, or
        a share of it: "€240 for the guide" for "The bus costs €240", "15% of the profit"."""
        j = i + 1
        while j < len(self.tokens) and (
            self.tokens[j].text in CURRENCIES
            or self.tokens[j].text in MONTHS
            or self.tokens[j].kind == "number"
        ):
            j += 1
        share = j < len(self.tokens) and self.tokens[j].text == "%"
        j += share
        if j >= len(self.tokens) or not (
            self.tokens[j].text in _FOR or (share and self.tokens[j].text in OF)
        ):
            return False
        j += 1
        while j < len(self.tokens) and self.tokens[j].text in DETERMINERS:
            j += 1
        return j < len(self.tokens) and id(self.tokens[j]) in self.unknown_ids

    def _check_range(self) -> None:
        """A value the summary gives only as one end of a range, restated without another
        end, fixes what the summary leaves open: "chairs for 120" for "between 120 and 150",
        "duas chamadas" for "entre duas e três chamadas", "at 10:00 AM sharp" for "between
        10:00 AM and 11:00 AM". A range of the reply must be one of the summary's where its
        ends are the summary's: "8:00 às 14:00" for "das 8:00 às 16:00 ou das 14:00 às
        22:00" joins two shifts, and "… e das 14:00 às 22:00" agrees to both."""
        summary = self.s.summary
        if summary is None or not any(
            t.kind == "number" or t.text in NUMBER_WORDS for t in self.tokens
        ):
            return  # most clauses count nothing: the summary's ranges are not looked for
        tokens = self.tokens
        for i in range(len(tokens)):
            found = range_at(tokens, i)
            if found is not None and summary.pairs_anew(
                set(end_facts(tokens, found[0])), set(end_facts(tokens, found[1]))
            ):
                self._risk("differs from the summary", self.text)
        for i, token in enumerate(tokens):
            if token.text in _LIST_JOINS and summary.alternatives(
                value_beside(tokens, i, -1), value_beside(tokens, i, 1)
            ):
                # "from 8:00 to 16:00 and from 14:00 to 22:00" for "… or …": both agreed
                self._risk("differs from the summary", self.text)
        if not summary.has_ranges:
            return
        values = [set(end_facts(tokens, i)) for i in range(len(tokens)) if is_end(tokens, i)]
        said = set().union(*values) if values else set()
        if any((others := summary.range_end(v)) and others.isdisjoint(said) for v in values):
            self._risk("one end of a range the summary gives", self.text)

    def _check_perspective(self, until: int | None = None) -> None:
        """The reply speaks from the other side: its "I" or "we" is the summary's "you", its
        "you" the summary's "we". A clause that restates terms of items where the summary
        names only the other person for them hands those terms over: "I pay the deposit" for
        "We pay the deposit", "you collect the keys" for "You collect the keys"."""
        summary = self.s.summary
        if summary is None or "agree" in self.kinds:
            return  # "I confirm the retainer": the writer agrees, and does no term
        if self.all_items is None and not self.term_before:
            return
        items = self.all_items or frozenset()
        tokens = self.tokens[self.segment_start : until]
        if self.s.lang not in (None, "en"):
            tokens = [t for t in tokens if t.text != "i"]  # "and" in Polish and Catalan
        # a short reply's language may not be known; its verbs are then read as the
        # summary's language has them ("Nos facturáis", "os pagamos")
        said = persons_of(tokens, self.s.lang or summary.lang)
        if not said:
            return
        # The clause of the summary that has every word restated here, if one has
        # ("I keep the main key" for "You keep the spare key; I keep the main key").
        common = frozenset.intersection(*self.word_clauses) if self.word_clauses else frozenset()
        if self.term_before:
            common = (common & self.term_before) or self.term_before
        written = summary.persons(items, common)
        if not written and agents_of(tokens, self.s.lang or summary.lang):
            # said by whom ("feita por nós"): where no pronoun does the term there, whose
            # people do it ("feita pelo nosso engenheiro": ours) says the side
            written = summary.possessors(common)
        mirrored = {"first": "second", "second": "first"}
        if any(written and mirrored[p] not in written for p in said):
            self._risk("differs from the summary", self.text)
        others = [d for d in summary.doers(common) if not self.s.people.knows(d)]
        if not written and "first" in said and others:
            # "We clear the kitchen" where the summary has "Dan clears the kitchen", Dan
            # being neither the writer nor the owner
            self._risk("differs from the summary", self.text)

    def _check_possessors(self) -> None:
        """Whose a thing of the terms is turns round with the writer too: "at yours" for the
        summary's "at yours" moves the drop-off, "lease in my name" for "in my name" the
        lease, "a carico vostro" for "a carico nostro" the cost (found by a red team). A
        possessive of the reply must be, mirrored, one the summary's clause (or item) has."""
        summary = self.s.summary
        if summary is None or self.all_items is None:
            return  # beside an agreement too: "Lease in my name is fine"
        lang = self.s.lang or summary.lang
        said = {p for t in self.tokens if (p := possessor(t.text, lang))}
        if not said:
            return
        common = frozenset.intersection(*self.word_clauses) if self.word_clauses else frozenset()
        written = summary.mentioned(self.all_items, common)
        mirrored = {"first": "second", "second": "first"}
        if written and any(mirrored[p] not in written for p in said):
            self._risk("differs from the summary", self.text)

    def _check_receivers(self, until: int | None = None) -> None:
        """Who a term is handed to is part of it: "I pay the skip hire to you" for "paid by
        you, directly to Ballyvolane Skips" moves the payment to the owner. A receiver the
        reply names ("to you", "an dich", "I'll pay you") must be one the summary's lines
        for those terms name, seen from its side, where they name one; and "both" in a
        restatement ("Carlos staffs both") widens a term unless those lines say it."""
        summary = self.s.summary
        if summary is None or not self.all_items:
            return
        tokens = self.tokens[self.segment_start : until]
        mirrored = {"first": "second", "second": "first"}
        # a payment whose receiver the summary leaves unsaid goes to the other side: "I'll
        # get the deposit to you" restates "a $300 deposit by Friday"
        named = summary.receivers(self.all_items)
        if named and any(mirrored[p] not in named for p in receivers_of(tokens)):
            self._risk("differs from the summary", self.text)
        # an object pronoun before its verb ("me haces un Bizum") is read against the clause
        # that has every word restated, since a line often names both sides in other clauses
        common = frozenset.intersection(*self.word_clauses) if self.word_clauses else frozenset()
        named = summary.clause_receivers(common)
        said = clitics_of(tokens, self.s.lang or summary.lang)
        if named and any(mirrored[p] not in named for p in said):
            self._risk("differs from the summary", self.text)
        if self.restates_words and any(self._widens(k, tokens) for k in range(len(tokens))):
            self._risk(lexicon.RISKS["change"], self.text)

    def _widens(self, k: int, tokens: Sequence[Token]) -> bool:
        """Whether ``tokens[k]`` is a "both" of things the summary's lines for this clause
        do not call both: "Carlos staffs both", not "you both" or "both of us"."""
        if tokens[k].text not in _BOTH:
            return False
        before = tokens[k - 1].text if k else ""
        after = [t.text for t in tokens[k + 1 : k + 3]]
        if person_of(before, self.s.lang) or before in _PEOPLE_OBJECTS:
            return False  # "you both", "we're both happy"
        if after[:1] == ["of"] and after[1:] and after[1] in _PEOPLE_OBJECTS:
            return False  # "both of us"
        summary, items = self.s.summary, self.all_items or frozenset()
        places = summary.places_of_word(tokens[k].text) if summary else frozenset()
        return not any(place[0] in items for place in places)

    def _denominator(self, i: int) -> bool:
        """Whether the number at ``i`` counts out of what a number before it counts ("1 close
        in 10", "3 out of 4", "1 sur 10"): part of that value, not a term of its own."""
        before = self.tokens[max(0, i - 4) : i]
        return (
            len(before) >= 2
            and before[-1].text in _RATIO_WORDS
            and any(t.kind == "number" for t in before[:-1])
        )

    def _rate_anew(self, i: int, summary: Summary, index: int) -> bool:
        """Whether the amount at ``i`` is counted by something the summary does not count it
        by: "£280 per week" for its "£280 for the four weeks", or "€95 per night per person"
        for its "€95 per night"; or is a total of a rate: "0,80 € in tutto" for "0,80 € ogni
        100 litri"."""
        words = [t for t in self.tokens[i + 1 : i + 8] if t.kind != "mark"]
        texts = [w.text for w in words if w.text not in CURRENCIES]
        if any(tuple(texts[:n]) in _TOTALS for n in (1, 2)) and summary.rated(
            self.s.part.tokens, index
        ):
            return True  # a rate of the summary restated as a total
        for k, word in enumerate(words):
            if word.kind == "number":
                return False
            if word.text not in _STRICT_RATES and not (k == 0 and word.text in RATES):
                continue
            noun = words[k + 1] if k + 1 < len(words) and words[k + 1].kind == "word" else None
            if noun is None or noun.text in RATES or noun.text in MONTHS:
                continue
            if not summary.counted_by(self.s.part.tokens, index, noun.text):
                return True
        return False

    def _bound(self, i: int) -> bool:
        """Whether the number at ``i`` is given as a bound or an estimate: "up to €240",
        "around €240", "bis zu 3.200 €" (before an amount; before a date the same words mean
        "by"), "€240 or so", "12 June at the earliest", "240ish"."""
        token = self.tokens[i]
        if token.text.endswith("ish"):
            return True
        before = [t.text for t in self.tokens[max(0, i - 4) : i] if t.kind == "word"]
        before = [w for w in before if w not in CURRENCIES][-3:]
        is_date = any(t.text in MONTHS for t in self.tokens[i + 1 : i + 3]) or ":" in token.text
        after = [
            t.text
            for t in self.tokens[i + 1 : i + 6]
            if t.kind == "word" and t.text not in MONTHS and t.text not in CURRENCIES
        ]
        bounds = [tuple(before[-n:]) for n in (1, 2, 3) if not is_date]
        bounds = [b for b in bounds if b in _BOUNDS_BEFORE]
        bounds += [b for b in (tuple(after[:n]) for n in (1, 2, 3)) if b in _BOUNDS_AFTER]
        summary = self.s.summary
        index = self.s.position[id(token)]
        if not bounds or summary is None:
            return bool(bounds)
        # The summary's own bound restated, in its words or others ("up to 30%" for "capped
        # at 30%"), is no new one.
        tokens = self.s.part.tokens
        capped = any(summary.same_unit(tokens, index, w) for w in _BOUNDED)
        if capped and all(b in _CAPS for b in bounds):
            return False  # not "about €1,500" or "at least €1,500" for "a maximum of €1,500"
        return any(not all(summary.same_unit(tokens, index, w) for w in b) for b in bounds)

    def _bound_anew(self, i: int) -> bool:
        """Whether the number word at ``i`` is given a bound ("up to one month's notice",
        ``_BOUNDS_BEFORE``) that the owner's text does not give it in those words."""
        summary = self.s.summary
        before = [t.text for t in self.tokens[max(0, i - 3) : i] if t.kind == "word"]
        bounds = [tuple(before[-n:]) for n in (1, 2, 3) if len(before) >= n]
        bounds = [b for b in bounds if b in _BOUNDS_BEFORE]
        word = self.tokens[i].text
        return bool(bounds) and not (
            summary is not None and any(summary.says([*b, word]) for b in bounds)
        )

    def _names_the_mail(self, i: int) -> bool:
        """Whether the number at ``i`` opens the date of the summary's own mail, after "your
        email of" (``lexicon_broad.REFERENCES``)."""
        before = tuple(t.text for t in self.tokens[max(0, i - 8) : i] if t.kind != "mark")
        return any(before[-len(r) :] == r for r in lexicon.references())

    def _past_date(self, i: int) -> int:
        """Past the tokens of a date from ``i`` ("18. Mai 2027", "21 de setembro de 2027",
        "8/3/2027"): after its month only a year belongs to it, so a time that follows ("of 3
        June 14:00") is read as any other number."""
        self._flush_unknown()
        j = i
        month = False
        numbers = 0
        while j < len(self.tokens):
            token = self.tokens[j]
            if token.kind == "number":
                year = len(token.text) == 4 and token.text.isdigit()
                if numbers == 3 or (month and not year):
                    break
                numbers += 1
                j += 1
                if month:
                    break  # the year ends the date
            elif token.text in MONTHS and not month:
                month = True
                j += 1
            elif token.text in (".", "/", "-", "de", "of"):
                j += 1
            else:
                break
        return j

    def _is_label(self, i: int) -> bool:
        """A capital letter that names one of several options ("menú B", "Plan A")."""
        token = self.tokens[i]
        previous = self.tokens[i - 1] if i > 0 else None
        return (
            token.kind == "word"
            and len(token.text) == 1
            and token.text != "i"
            and self.char(token).isupper()
            and previous is not None
            and previous.kind == "word"
            and not self._hyphenated(i)
        )

    def _hyphenated(self, i: int) -> bool:
        """A letter opening a hyphenated word ("E-Mail", "T-Shirt"), not an option's name."""
        after = self.tokens[i + 1 : i + 3]
        return (
            len(after) == 2
            and after[0].text == "-"
            and after[1].kind == "word"
            and after[0].start == self.tokens[i].end
        )

    def _label(self, i: int) -> None:
        """The summary must name the same option after the same word, or it was changed."""
        summary = self.s.summary
        before, label = self.tokens[i - 1].text, self.tokens[i].text
        positions = summary.positions.get(label, []) if summary else []
        if summary is None or not any(p > 0 and summary.words[p - 1] == before for p in positions):
            self._risk("a label the summary does not have", self.text)
        self._flush_unknown()
        self.restates_value = True

    def _unit(self, i: int) -> str | None:
        """The word a number counts ("15 minutes"), when the next word is one; after a word
        of rate, what it is counted by ("€240 per child", "€240 a month"), and a word that
        shares the amount out stands for itself ("€240 each", "€240 x 2"): each is checked
        against the words beside the value in the summary."""
        words = [t for t in self.tokens[i + 1 : i + 4] if t.kind != "mark"]
        if not words:
            return None
        first = words[0]
        if first.text in _TIMES and len(words) > 1 and words[1].kind == "number":
            return None  # "£289 x 36": the count is a value of its own, placed beside this one
        if first.text in RATES:
            after = words[1] if len(words) > 1 and words[1].kind == "word" else None
            if after is not None and after.text not in MONTHS and after.text not in RATES:
                return after.text
            return first.text if first.text in _SHARES else None
        if first.text in _SHARES:
            return first.text
        known = match_phrase(self.tokens, self.tokens.index(first))
        plain = first.kind == "word" and len(first.text) >= _STEM_MIN
        if plain and not known and first.text not in MONTHS:
            return first.text
        return None

    def _day(self, days: set[int], token: Token) -> None:
        self._flush_unknown()
        summary = self.s.summary
        if summary is None or not summary.knows_day(days):
            self._risk("a day the summary does not have", self.text)
            return
        date = dated_day(self.s.part.tokens, self.s.position[id(token)])
        if date is not None and not summary.day_fits(days, date):
            self._risk("a weekday that does not fall on its date", self.text)
        stretch = day_range(self.s.part.tokens, self.s.position[id(token)])
        if stretch and summary.day_ranges and stretch not in summary.day_ranges:
            # "maandag t/m donderdag" for "maandag t/m woensdag": another day is taken
            self._risk("differs from the summary", self.text)
        self.restates_value = True
        if self.condition is not None:  # "if it rains on a Saturday"
            self.condition_values |= {("weekday", day) for day in days}
        places = summary.places_of_day(days)
        items = frozenset(place[0] for place in places)
        if self.day_items is not None and items and self.day_items.isdisjoint(items):
            # "Tuesdays and Fridays" where the Friday is the pay day's (a red team's): the
            # days of one clause name one term
            self._risk("differs from the summary", self.text)
        self.day_items = items or self.day_items
        if self.s.position[id(token)] not in self.s.part.copied:
            # a weekday is a value of its term: "setting up from 14:00 on Friday" where the
            # Friday is the deposit's
            self._place(places, "value")

    def _risk(self, kind: str, fragment: str) -> None:
        self.s.reading.risks.append((kind, fragment))
        raise Decided

    def _flush_unknown(self) -> None:
        if self.pending:
            key = " ".join(t.text for t in self.pending)
            self.unknown.append((key, self.text))
            self.pending = []


def _places_of(conditions: Sequence[Condition]) -> frozenset[Place]:
    return frozenset(place for condition in conditions for place in condition.places)


def _watched(words: Sequence[str], watch: frozenset[str]) -> bool:
    """Whether any of ``words`` (or a piece of one between apostrophes: "we'll", "l'ajout"),
    as written or without accents, is in ``watch``."""
    for word in words:
        if word in watch or fold(word) in watch:
            return True
        if "'" in word and any(p in watch for p in word.split("'") if p):
            return True
    return False


def _writing_word(word: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``word`` (or, with a possessive "'s" or a clitic, its stem: "daughter's",
    "l'anglais") is in ``vocabulary``, as written or without accents."""
    if word in vocabulary or fold(word) in vocabulary:
        return True
    if "'" in word:
        pieces = [p for p in word.split("'") if p and p != "s"]
        return bool(pieces) and all(p in vocabulary or fold(p) in vocabulary for p in pieces)
    return False


def _plans(words: Sequence[str]) -> bool:
    """English's present progressive after a form of "be" ("we're bringing", "the kids are
    coming"): an arrangement for what comes next, as a future would be; not a feeling ("we
    are looking forward", "I'm loving it")."""
    return any(
        after.endswith("ing")
        and after not in lexicon.FEELING
        and (before in _BE or before.endswith(("'m", "'re", "'s")))
        for before, after in pairwise(words)
    )


def _clauses(tokens: Sequence[Token], text: str) -> list[list[Token]]:
    clauses: list[list[Token]] = [[]]
    for k, token in enumerate(tokens):
        clauses[-1].append(token)
        if (
            token.kind == "mark"
            and token.text in _CLAUSE_BREAKS
            and _breaks(token, text)
            and not _ordinal_dot(tokens, k)
            and not american_date_comma(tokens, k)  # "on Friday, October 15"
        ):
            clauses.append([])
    return [c for c in clauses if c]


def _ordinal_dot(tokens: Sequence[Token], k: int) -> bool:
    """The dot of a day before its month ("am 18. Mai", "1. července"): no end of a clause."""
    return (
        tokens[k].text == "."
        and 0 < k < len(tokens) - 1
        and tokens[k - 1].kind == "number"
        and tokens[k - 1].end == tokens[k].start
        and tokens[k + 1].text in MONTHS
    )


def _breaks(token: Token, text: str) -> bool:
    """A hyphen inside a word ("on-call") does not end a clause; a dash between words does."""
    return token.text != "-" or token.start == 0 or text[token.start - 1].isspace()


def match_phrase(tokens: Sequence[Token], i: int) -> tuple[lexicon.Phrase, int] | None:
    """The longest known phrase at ``tokens[i]`` and how many tokens it spans (hyphens and
    apostrophes between its words are skipped: "op- of aanmerkingen")."""
    first = tokens[i]
    if first.kind == "mark":
        return None
    plain, folded, accented = _PHRASE_INDEX or _load_phrase_index()
    found = plain.get(first.text)
    hit = None if found is None else _longest(tokens, i, found, folded=False)
    found = (folded if hit is None else accented).get(fold(first.text))
    if found is None or (hit is not None and hit[1] >= found[0]):
        return hit
    # A longer phrase typed without its accents ("wszystko sie zgadza" after the one word
    # "wszystko"), unless a word of it is a risk as written: "si esta bien, firmamos" is
    # "if it is fine", not "sí, está bien".
    unaccented = _longest(tokens, i, found, folded=True)
    if unaccented is None or (hit is not None and unaccented[1] <= hit[1]):
        return hit
    if hit is not None and any(_risk_word(t.text) for t in tokens[i : i + unaccented[1]]):
        return hit
    return unaccented


def _risk_word(word: str) -> bool:
    meanings = lexicon.phrases().get((word,), ())
    return any(m.cls in lexicon.RISK_CLASSES for m in meanings)


def _longest(
    tokens: Sequence[Token], i: int, found: tuple[int, list[lexicon.Phrase]], *, folded: bool
) -> tuple[lexicon.Phrase, int] | None:
    longest, candidates = found
    if longest == 1:
        return candidates[0], 1  # one-word phrases only: the word itself
    span = _words_from(tokens, i, longest)
    if folded:
        key = tuple(fold(tokens[j].text) for j in span)
    else:
        key = tuple(tokens[j].text for j in span)
    for phrase in candidates:
        n = len(phrase)
        if key[:n] == phrase and _contiguous(tokens, i, span[n - 1] + 1):
            return phrase, span[n - 1] + 1 - i
    return None


# The lexicon's phrases by first word, as written and without accents, read once: looking
# them up through the cached functions costs more than the lookup itself.
_PHRASE_INDEX: list[dict[str, tuple[int, list[lexicon.Phrase]]]] = []


def _load_phrase_index() -> list[dict[str, tuple[int, list[lexicon.Phrase]]]]:
    _PHRASE_INDEX[:] = [
        lexicon.by_first_word(),
        lexicon.by_first_word(folded=True),
        lexicon.accented_by_first_word(),
    ]
    return _PHRASE_INDEX


def _words_from(tokens: Sequence[Token], i: int, count: int) -> list[int]:
    """Indexes of the next ``count`` tokens from ``i`` that are not marks."""
    span: list[int] = []
    j = i
    while j < len(tokens) and len(span) < count:
        if tokens[j].kind != "mark":
            span.append(j)
        j += 1
    return span


def _contiguous(tokens: Sequence[Token], i: int, end: int) -> bool:
    """The phrase's words follow each other, with at most hyphens or apostrophes between."""
    return all(t.kind != "mark" or t.text in "-'" for t in tokens[i:end])


def _typo_of_phrase(word: str, lang: str | None) -> lexicon.Phrase | None:
    """The agreement or thanks ``word`` is a typo of ("corect", "thanx"); None for a word as
    close to a risk word, or to a word of any other kind, which may be a word of its own.
    In a reply whose language is known, only words of that language are mistyped: French
    "passe" is a verb of its own, not German "passt"."""
    if len(word) < lexicon.TYPO_MIN:
        return None
    index = lexicon.one_word_typos()
    found = {(w,) for form in lexicon.deletions(word) for w in index.get(form, ())}
    if lang is not None:
        found = {p for p in found if any(m.lang in (lang, "*") for m in lexicon.phrases()[p])}
    if not found:
        return None
    best = min(found, key=lambda p: lexicon.PRIORITY.index(lexicon.phrases()[p][0].cls))
    # Only typos of agreement and thanks: a word one letter from a greeting or sign-off is as
    # likely a real word of its own ("gross" is not "Gruss").
    return best if lexicon.phrases()[best][0].cls in _TYPO_CLASSES else None


def _typo_of(word: str, summary: Summary) -> str | None:
    """The summary word ``word`` is a typo of ("septmeber"), if any."""
    if len(word) < lexicon.TYPO_MIN or not word.isalpha():
        return None
    return summary.typo_of(word)
