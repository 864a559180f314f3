"""A sentence that tells of something past, beside an agreement: small talk that sets no term.

People wrap a yes in news ("We were on Hampstead Heath yesterday and he fell asleep in the
buggy by half two", "Der SC Freiburg hat am Samstag endlich mal wieder gewonnen", "wczoraj
Lazio wygrało 3:0"). Such a sentence is full of words, names, days and numbers the reader of
``mail.reading`` cannot place, and each of those would make the reply a clarification. What
sets it apart from a term is that it tells what already happened, and about something else
than the deal. So a sentence is read as a story only when all of this holds:

- it is in the summary's language (the summary's words below can only be recognised there)
  and has a verb in a past form of that language (a simple past, a past ending, a perfect)
  and a word placing it in time (a weekday, "yesterday", "last", a part of the day, "am
  Wochenende"): both, because either alone is common in terms ("we collect it on Saturday",
  "I've forwarded it to legal", "ist bezahlt");
- no word of it, but names and function words, is the summary's or a form of one: a past
  event about the deal's own things is a claim about the deal ("I sent the deposit to Gwen
  last week");
- nothing in it may carry a term: no condition, change, deferral, partial agreement or doubt
  the lexicon knows (a negation, contrast, hedge or addition tells of what happened), no
  agreement (read where it stands), no word of ``lexicon_broad.WATCH`` beyond words of time
  and degree and the writer's family, no promise or plan, no word for talking, deciding,
  writing, a message or a forward ("did you get my email on Sunday?", "I forwarded it to
  legal yesterday") or money changing hands, no "already", no amount, percentage, month or
  date, no link, no emoji that doubts, no Chinese or Japanese.

A story passes, like the asides of ``mail.reading``, only beside an explicit agreement, and at
most ``STORIES_MAX`` of them in one reply.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from mail import lexicon
from mail.restate import CURRENCIES, MONTHS, WEEKDAYS, Summary
from mail.tokens import Token, fold, wordset

STORIES_MAX = 3  # sentences: a story or two beside a yes, not a letter we cannot read
_WORDS_MAX = 40  # words of one sentence
_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pl", "pt")

# Words that place a sentence in time; weekdays (``restate.WEEKDAYS``) count too.
_WHEN = {
    "en": wordset(
        "yesterday last ago weekend morning afternoon evening night earlier lunchtime "
        "teatime overnight"
    ),
    "de": wordset(
        "gestern vorgestern letzte letzten letztes letzter neulich vorhin wochenende "
        "vormittag nachmittag abend nacht heute früh"
    ),
    "fr": wordset("hier avant-hier dernier dernière derniers week-end weekend matin soir nuit"),
    "es": wordset(
        "ayer anoche anteayer pasado pasada pasados finde fin semana tarde noche madrugada"
    ),
    "it": wordset(
        "ieri l'altro scorso scorsa scorsi weekend stamattina stamane stanotte ieri sera "
        "mattina pomeriggio notte"
    ),
    "nl": wordset(
        "gisteren gisteravond gistermiddag gisterochtend eergisteren vorige afgelopen weekend "
        "vanochtend vanmorgen vanmiddag vannacht avond nacht ochtend middag"
    ),
    "pl": wordset(
        "wczoraj przedwczoraj zeszły zeszłym zeszłej zeszłego ostatnio weekend rano wieczorem "
        "wieczór nocy niedzielę sobotę piątek czwartek środę wtorek poniedziałek"
    ),
    "pt": wordset("ontem anteontem passado passada fim semana manhã noite tarde madrugada"),
}

# Verbs in a past form that need no auxiliary, by language.
_PAST = {
    "en": wordset(
        """
        was were had did went came saw got took made won lost fell ate drank ran met sat slept
        left found gave felt kept bought caught spent began broke drove flew grew heard knew
        rode rang rose sang shook stood swam threw woke wore became became stuck hit
        """
    ),
    "de": wordset(
        """
        war waren warst hatte hatten hattest ging gingen kam kamen sah sahen fand fanden gab
        lag lagen saß saßen fiel fielen lief liefen fuhr fuhren gewann verlor regnete schneite
        stand standen schlief aß trank wurde wurden
        """
    ),
    "fr": wordset(
        "était étaient étais avait avaient avais faisait pleuvait neigeait fut allait venait"
    ),
    "es": wordset(
        """
        fue fui fuimos fueron estuve estuvo estuvimos estuvieron tuve tuvo tuvimos tuvieron
        hizo hice hicimos vino vine vinimos vi vio vimos era eran éramos estaba estábamos
        estaban había hacía llovió
        """
    ),
    "it": wordset(
        "era erano eravamo ero c'era faceva pioveva nevicava stava stavamo stavano avevamo "
        "aveva avevo andava"
    ),
    "nl": wordset(
        """
        was waren had hadden zag zagen kwam kwamen ging gingen viel vielen won verloor vond
        vonden deed deden liep liepen regende sneeuwde stond stonden sliep at dronk werd
        werden
        """
    ),
    "pl": wordset("był była było byli były byłem byłam byłeś byłaś byliśmy"),
    "pt": wordset(
        """
        foi fui fomos foram estive esteve estivemos estiveram tive teve tivemos tiveram fez
        fiz fizemos vi viu vimos era eram estava estávamos estavam tinha tínhamos choveu
        """
    ),
}
# Auxiliaries of a perfect ("to have", "to be"), and the past participles after them (a
# pattern, or a few irregular ones for the languages whose participles share no ending).
_HAVE = {
    "en": wordset("has have had 've"),
    "de": wordset("habe hast hat haben habt hatte hatten"),
    "fr": wordset("ai as a avons avez ont j'ai"),
    "es": wordset("he has ha hemos habéis han había habíamos habían"),
    "it": wordset("ho hai ha abbiamo avete hanno avevo aveva avevamo"),
    "nl": wordset("heb hebt heeft hebben had hadden"),
    "pt": wordset("tenho tem temos têm tinha tínhamos"),
}
_BE = {
    "en": wordset("'s"),
    "de": wordset("bin bist ist sind seid war waren"),
    "fr": wordset("suis es est sommes êtes sont"),
    "it": wordset("sono sei è siamo siete ero era"),
    "nl": wordset("ben bent is zijn was waren"),
}
_PARTICIPLE = {
    "en": re.compile(r"\w{2,}ed|been|gone|done|seen|had|got|gotten|made|taken|won|lost|come"),
    "de": re.compile(r"\w*ge\w{3,}(?:t|en)|\w{3,}iert|(?:er|ver|be|ent|zer)\w{3,}(?:t|en)"),
    "fr": re.compile(r"\w{2,}(?:é|ée|és|ées|i|ie|is|it|u|ue|us|ert|erte)|fait|été|eu|pu|vu"),
    "es": re.compile(r"\w{2,}(?:ado|ada|ados|adas|ido|ida|idos|idas)|hecho|visto|puesto|vuelto"),
    "it": re.compile(
        r"\w{2,}(?:ato|ata|ati|ate|uto|uta|uti|ute|ito|ita|iti|ite)"
        r"|fatto|fatta|preso|presa|messo|visto|vista|stato|stata|stati|rimasto|corso|vinto"
        r"|perso|letto|chiuso|aperto|successo|piovuto"
    ),
    "nl": re.compile(r"ge\w{3,}(?:d|t|en)"),
    "pt": re.compile(r"\w{2,}(?:ado|ada|ados|adas|ido|ida|idos|idas)|feito|visto|posto"),
}
# How many words before its participle a perfect's auxiliary may stand ("has just
# finished", "a encore volé"); German and Dutch put the participle at the end of the clause.
_PARTICIPLE_AFTER = {"en": 3, "fr": 3, "es": 2, "it": 3, "pt": 2}
# Simple past by its ending, where a language has endings no present or noun has.
_PAST_ENDING: dict[str, Callable[[str], bool]] = {
    "en": lambda w: len(w) > 4 and w.endswith("ed"),
    "es": lambda w: len(w) > 4 and w.endswith(("é", "ó", "aron", "ieron", "aste", "iste")),
    "pl": lambda w: len(w) > 4 and w.endswith(("łem", "łam", "łeś", "łaś", "liśmy", "ło", "ły")),
    "pt": lambda w: (
        len(w) > 4
        and w.endswith(("ei", "ou", "aram", "eram", "iram", "eu", "iu", "ava", "avam"))
        and not w.endswith(("arei", "erei", "irei", "estou"))
    ),
    "it": lambda w: len(w) > 5 and w.endswith(("ava", "avano", "eva", "evano")),
}
# Words before an English "-ed" that make it no past: a passive or adjective of now or later
# ("is booked", "will be covered", "to be confirmed").
_NOT_PAST_BEFORE = wordset("is are am be being get gets getting to will 're 'm")

# The risks of ``mail.lexicon`` a story may not hold: those that set or unsettle a term. A
# negation, a contrast, a hedge or an addition in a story is about what happened ("it rained,
# but …", "I think I gained five pounds", "we also went to the beach").
_RISKS = frozenset(("condition", "change", "defer", "partial", "doubt"))
# An agreement is read where it stands ("yes, that's what we shook on" is no story): the
# reply must agree outside its stories.
_NOT_IN_STORY = _RISKS | {"agree"}
# Words of ``lexicon_broad.WATCH`` a story may hold: words of time and degree a story needs,
# and the writer's family and friends (in the past they take on no task).
_SAFE = wordset(
    """
    last earlier today hour hours minute minutes every each any some several many few most
    more also too only just again now still over half since before after first same
    noch auch mehr nur heute letzte letzten stunde stunden minuten einige viele
    aussi plus dernier dernière seulement heure heures quelques beaucoup
    también más hora horas minutos antes después algunos muchos último última hoy
    anche più ore prima dopo ultimo ultima oggi molti
    ook meer vorige uur uren veel eerder
    też także więcej ostatni godzina godziny dziś dzisiaj kilka wiele
    também mais depois hoje alguns muitos
    grandma grandpa granny grandmother grandfather grandparents nan nana mother father mum mom
    dad sister brother aunt uncle cousin nephew niece wife husband partner spouse neighbour
    neighbor neighbours neighbors friend friends oma opa großmutter großvater großeltern mutter
    vater mama papa schwester bruder tante onkel cousine neffe nichte frau mann nachbar
    nachbarin freund freundin mamie papi grand-mère grand-père grands-parents mère père maman
    sœur frère oncle neveu nièce femme mari voisin voisine ami amie abuela abuelo abuelos madre
    padre mamá papá hermana hermano tía tío primo sobrino sobrina esposa esposo mujer marido
    vecino vecina amigo amiga nonna nonno nonni mamma papà sorella fratello zia zio cugino
    cugina nipote moglie marito vicino vicina amico amica avó avô avós mãe pai irmã irmão tia
    tio sobrinho sobrinha mulher vizinho vizinha grootouders moeder vader zus broer oom neef
    nicht vrouw buurman buurvrouw vriend vriendin babcia dziadek dziadkowie tata siostra brat
    ciocia wujek kuzyn kuzynka żona mąż sąsiad sąsiadka przyjaciel przyjaciółka
    """
)
# Words for a message or a call: "did you get my email on Sunday?" may point to changes
# written elsewhere.
_MESSAGES = wordset(
    """
    email e-mail mail emails mails message messages text texted voicemail call called phone
    phoned rang whatsapp sms note letter nachricht nachrichten anruf angerufen telefon
    telefoniert brief courriel appel appelé téléphone lettre texto correo mensaje mensajes
    llamada llamé teléfono carta messaggio messaggi chiamata chiamato telefono lettera bericht
    berichtje gebeld telefoon appje wiadomość wiadomości dzwoniłem dzwoniłam mensagem ligação
    liguei telefone forwarded passed shown showed copied cc'd cced weitergeleitet gezeigt
    transmis montré reenviado enviado mostrado inoltrato mostrato doorgestuurd laten
    przekazałem przekazałam pokazałem encaminhei mostrei
    """
)
# Words for saying, deciding and money changing hands: "Marta told me on Friday that …" and
# "we decided on Sunday …" report what may be a term, "I transferred the money to Andre
# yesterday" claims a payment.
_SAYING = wordset(
    """
    decided settled sorted organised organized beschlossen entschieden ausgemacht geregelt
    décidé organisé réglé decidimos decidí organizamos deciso decidito organizzato besloten
    geregeld zdecydowaliśmy ustaliłem ustaliłam resolvemos organizei
    said told tells says mentioned explained replied wrote sagte sagten erzählte erzählt
    meinte gemeint erklärt geschrieben dit dis raconté expliqué écrit dijo dije dijeron hablé
    habló comentó contó escribió disse dissero raccontato spiegato scritto zei zeiden verteld
    uitgelegd geschreven powiedział powiedziała powiedzieli mówił mówiła mówili pisał pisała
    falou falei contou escreveu
    money transferred transfered wired geld überwiesen argent viré versé dinero transferí
    ingresé soldi versato dinheiro transferi depositei pieniądze przelałem przelałam wpłaciłem
    wpłaciłam overgemaakt gestort
    """
)
# How paying begins in each language: any form of it in a story claims a payment ("Ontem o
# meu irmão pagou tudo", "hat schon bezahlt"), whatever the summary's own form of the verb.
_PAYING = (
    "pay",
    "paid",
    "pag",
    "paie",
    "payé",
    "zahl",
    "bezahl",
    "gezahl",
    "betaal",
    "płac",
    "zapłac",
)
_ALREADY = {
    "en": wordset("already"),
    "de": wordset("schon bereits"),
    "fr": wordset("déjà"),
    "es": wordset("ya"),
    "it": wordset("già"),
    "nl": wordset("al reeds"),
    "pl": wordset("już"),
    "pt": wordset("já"),
}


def past_story(
    tokens: Sequence[Token],
    text: str,
    summary: Summary | None,
    lang: str | None,
    known: Callable[[Token], bool],
    classes: Callable[[Sequence[Token]], set[str]],
) -> bool:
    """Whether ``tokens`` (one sentence, or its end after a clause break) tell of something
    past that is no term of ``summary`` (see the module's doc). ``known`` says whether a word
    is a name the reader was given or the summary's, which a story may name; ``classes`` gives
    the classes of the known phrases among tokens."""
    if summary is None:
        return False
    lang = lang or summary.lang  # a short reply shows no language of its own
    if lang not in _LANGUAGES or summary.lang not in (None, lang):
        return False
    words = [t for t in tokens if t.kind == "word"]
    if not words or len(words) > _WORDS_MAX:
        return False
    texts = [t.text for t in words]
    if not (_placed_in_time(texts, lang) and _told_in_past(texts, lang)):  # the cheaper first
        return False
    for k, token in enumerate(tokens):
        if token.kind in ("link", "cjk"):
            return False
        if token.kind == "mark" and (token.text in "%€$£¥" or token.text in CURRENCIES):
            return False
        if token.kind == "emoji" and not _pleasant(token.text):
            return False
        if token.kind == "number" and not _plain_number(tokens, k, text):
            return False
    if classes(tokens) & _NOT_IN_STORY:
        return False
    return not any(_may_carry_term(t, summary, lang, known) for t in words)


def _told_in_past(words: Sequence[str], lang: str) -> bool:
    """Whether a verb of ``words`` is in a past form: a simple past ("went", "war",
    "estuvimos"), an ending of one ("-ed", "-ó", "-ło"), or a perfect (an auxiliary, then a
    participle near it)."""
    simple, ending = _PAST.get(lang, frozenset()), _PAST_ENDING.get(lang)
    auxiliaries = _HAVE.get(lang, frozenset()) | _BE.get(lang, frozenset())
    participle = _PARTICIPLE.get(lang)
    for k, word in enumerate(words):
        if word in simple:
            return True
        if participle is not None and participle.fullmatch(word):
            before = words[max(0, k - _PARTICIPLE_AFTER.get(lang, k)) : k]
            if any(w in auxiliaries or w.endswith(("'ve", "'s")) for w in before):
                return True
        if ending is not None and ending(word) and (not k or words[k - 1] not in _NOT_PAST_BEFORE):
            return True
    return False


def _placed_in_time(words: Sequence[str], lang: str) -> bool:
    when = _WHEN.get(lang, frozenset())
    return any(w in when or w in WEEKDAYS or fold(w) in when for w in words)


def _pleasant(emoji: str) -> bool:
    """An emoji the lexicon knows and that doubts nothing (😄 👍 🙌; not 🤔)."""
    meanings = lexicon.phrases().get((emoji,), ())
    return bool(meanings) and not any(m.cls in lexicon.RISK_CLASSES for m in meanings)


def _plain_number(tokens: Sequence[Token], k: int, text: str) -> bool:
    """A number of the story ("at 7", "14 degrees", "3:0"), not a date or an amount."""
    token = tokens[k]
    if "/" in token.text or (token.text.count(".") == 1 and not token.text[-1].isdigit()):
        return False
    for near in tokens[max(0, k - 1) : k + 2]:
        if near.text in MONTHS or near.text in CURRENCIES or near.text == "%":
            return False
    return True


def _may_carry_term(
    token: Token, summary: Summary, lang: str, known: Callable[[Token], bool]
) -> bool:
    word = token.text
    pieces = [p for p in word.split("'") if p and p != "s"] if "'" in word else [word]
    for piece in pieces:
        if piece in _SAFE or piece in _WHEN[lang]:
            continue  # Italian "sera" (evening) is no French "sera" (will be)
        if (
            piece in lexicon.WATCH
            or piece in lexicon.PROMISE
            or piece in lexicon.CONVERSATION
            or piece in lexicon.PAYMENT
            or piece in _MESSAGES
            or piece in lexicon.WRITING
            or piece in _SAYING
            or piece.startswith(_PAYING)
            or _watched_verb(piece)
            or piece in _ALREADY[lang]
            or piece in MONTHS
        ):
            return True
    return not any(
        known(token)
        or _function_word(piece, lang)
        or not any(summary.owner_says(form) for form in _forms(piece, lang))
        for piece in pieces
    )


def _forms(word: str, lang: str) -> list[str]:
    """``word`` and the forms a summary may have of it where the root differs: a German or
    Dutch participle without its "ge" ("geliefert": "liefert", "abgeholt": "abholt";
    "geleverd": "leverd"), an English irregular past's present ("brought": "bring")."""
    forms = [word]
    if lang in ("de", "nl"):
        at = word.find("ge", 0, 6)
        if at >= 0 and len(word) - at > 5:
            forms.append(word[:at] + word[at + 2 :])
    elif lang == "en" and word in _PRESENT_OF:
        forms.append(_PRESENT_OF[word])
    return forms


_PRESENT_OF = dict(
    pair.split(":")
    for pair in wordset(
        """
        brought:bring bought:buy gave:give drove:drive left:leave met:meet took:take sent:send
        made:make kept:keep found:find built:build sold:sell told:tell got:get came:come
        went:go ran:run wrote:write fed:feed led:lead held:hold lent:lend spent:spend
        caught:catch taught:teach won:win rode:ride flew:fly dropped:drop picked:pick
        """
    )
)


def _watched_verb(word: str) -> bool:
    """An English past of a watched verb that ``WATCH`` does not list ("switched")."""
    if len(word) < 5 or not word.endswith("ed"):
        return False
    stems = (word[:-2], word[:-1], word[:-3] if word[-3] == word[-4] else "")
    return any(stem in lexicon.WATCH for stem in stems if stem)


def _function_word(word: str, lang: str) -> bool:
    return (
        word in _FUNCTION[lang]
        or word in _HAVE.get(lang, ())
        or word in _BE.get(lang, ())
        or word in _PAST[lang]
        or word in WEEKDAYS
        or word in _WHEN[lang]
    )


_FUNCTION = {
    "en": wordset(
        """
        the a an and or of to in on at by for with from up out off over into about as so
        we i you he she it they me him her us them my your his its our their this that these
        those there here was were is are be been has have had do did not all one just very
        what when then than too also after before back again still am pm
        """
    ),
    "de": wordset(
        """
        der die das den dem des ein eine einen einem einer und oder in im am an auf aus bei
        mit von vom zu zum zur für über nach vor ich du er sie es wir ihr mich mir dich dir
        uns euch sein seine ihre unser unsere hat habe haben ist sind war waren auch noch
        so sehr ganz mal wieder da dann als wie was sie nach mein meine meinen meiner seine
        seiner ihre ihrer beim vom
        """
    ),
    "fr": wordset(
        """
        le la les l'un un une des du de d'un et ou à au aux en dans sur sous avec pour par
        chez je tu il elle on nous vous ils elles me te se lui leur mon ma mes ton ta tes son
        sa ses notre nos votre vos ce cet cette ces est a ai avons ont été était très bien
        encore aussi tout toute tous comme
        """
    ),
    "es": wordset(
        """
        el la los las un una unos unas y o de del al a en con por para sobre yo tú él ella
        nosotros vosotros ellos ellas me te se nos os le les lo mi mis tu tus su sus nuestro
        nuestra es son fue era estaba muy bien también todo toda todos como que
        """
    ),
    "it": wordset(
        """
        il lo la i gli le un uno una e o di del della dei degli delle a al alla ai agli alle
        da dal dalla in nel nella nei con su sul sulla per tra fra io tu lui lei noi voi loro
        mi ti si ci vi mio mia miei mie tuo tua suo sua nostro nostra è sono era molto bene
        anche tutto tutti come che
        """
    ),
    "nl": wordset(
        """
        de het een en of van in op aan bij met voor naar uit over om ik jij je hij zij ze wij
        we jullie mij me hem haar ons mijn jouw zijn onze is was waren heb heeft hebben
        ook nog al heel erg wel dan als die dat
        """
    ),
    "pl": wordset(
        """
        i a w we na z ze do od o po przy dla u za ja ty on ona ono my wy oni one mnie mi cię
        ci go jej nas was ich mój moja moje twój twoja jego nasz nasza jest był była było
        bardzo też także już tak jak że to ten ta te
        """
    ),
    "pt": wordset(
        """
        o a os as um uma uns umas e ou de do da dos das no na nos nas em com por para ao à
        eu tu ele ela nós vós eles elas me te se lhe nos meu minha teu tua seu sua nosso
        nossa é são foi era muito bem também todo toda todos como que
        """
    ),
}
