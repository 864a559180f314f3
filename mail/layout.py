"""Lines of a reply that are not the writer's words: quote headers, client footers, signatures.

Reply extraction (``mail.reply``) removes most of these. What it leaves behind reaches the
classifier, and must not count as content there: a quote header it did not recognise
(recognised here by the summary's own sender, "<owner> via Accord"), a mobile or app footer,
a separator line, a signature block (name, title, company, address, phone numbers,
registry numbers, a confidentiality notice). Each test below accepts only lines of that
shape, so a sentence that changes the summary cannot pass for one of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from mail.compose import ACCORD_NAME
from mail.restate import MONTHS, WEEKDAYS
from mail.signature import states_a_term
from mail.tokens import Token, fold, wordset

_VIA = f" via {ACCORD_NAME.lower()}"
_RULE = "[-\u2010-\u2015_=~*\u2500-\u257f]{2,}"  # a line drawn with dashes, underscores, box rules
_SEPARATOR = re.compile(rf"^\s*(?:{_RULE}.{{0,40}}?{_RULE}|{_RULE}|-- ?)\s*$")
_LINKISH = re.compile(r"@|://|www\.")
# Header fields a quote block may give before its "From:" line, in the clients' languages.
_FIELDS_ABOVE = wordset(
    """
    subject date sent from to cc reply-to betreff datum gesendet von an objet date envoyé de
    à asunto fecha enviado para oggetto data inviato da onderwerp verzonden van aan temat
    data wysłano od do ämne datum skickat från till emne dato sendt fra til assunto enviada
    主题 日期 发件人 件名 日付 差出人
    """
)
_HEADER_LINE = re.compile(r"^\s*\|?\s*[^\s:：|]{1,24}(?: [^\s:：|]{1,24}){0,2}\s*[:：|]")
_RELATIVE_DAYS = wordset(
    """
    today tomorrow tonight heute morgen demain mañana domani amanhã vandaag jutro idag imorgon
    """
)
NOT_NAMES = _RELATIVE_DAYS | frozenset(WEEKDAYS) | frozenset(MONTHS)
_HONORIFICS = wordset(
    """
    mr mrs ms miss dr prof frau herr monsieur madame mme mlle m sr sra señor señora don doña
    sig sig.ra signor signora dott dottoressa ssa ing avv pan pani dhr mevr san sama
    """
)
_DEVICES = wordset(
    """
    iphone iphone's iphone'a ipad android ios galaxy samsung smartphone outlook yahoo proton
    protonmail superhuman gmail blackberry huawei xiaomi pixel mobile k mail fairemail spark
    mailmaster
    """
)
_FOOTER_WORDS = _DEVICES | wordset(
    """
    sent from my via with get download for secure email e the app device phone please excuse
    brevity typos von meinem gesendet mit herunterladen envoyé envoye depuis de mon obtenir
    pour enviado desde mi do meu obter o para verzonden verstuurd vanaf mijn voor downloaden
    inviato da dal mio scarica per sendt fra min skickat från skaffa för hämta wysłane
    wysłano z mojego pobierz dla sent con com avec met on using obtenha baixe baixar descargar
    descarga télécharger téléchargez scarica scaricare hent last ned ladda ner mobil på
    """
)
_CJK_FOOTERS = (
    "发自我的iphone",
    "发自网易邮箱大师",
    "iphoneから送信",
    "送自我的iphone",
    "发自我的ipad",
)
_DISCLAIMER = re.compile(
    r"confidential|privileged|intended recipient|addressee|vertraulich|adressat|empfänger|"
    r"confidencial|destinat[aá]ri|riservat|confidentiel|destinataire|poufn|adresat|"
    r"personuppgifter|gdpr|dsgvo|rgpd|dataskydd|datenschutz|privacy|environment before|"
    r"umwelt|miljön|milieu|before printing|aviso legal|disclaimer|ambiente|stampare|imprimir|"
    r"imprimer|drucken|機密|保密|秘密|错收|误收",
    re.IGNORECASE,
)
_POSTSCRIPT = re.compile(
    r"(?:^|[\s.!?])(?:p\.\s?p?\.?\s?s\.|(?:pps|ps|nb|pd|p\.s|n\.b)\s*[:\-–])", re.I
)
_COMPANY = re.compile(
    r"\b(?:gmbh|ag|kg|ltd|limited|plc|inc|llc|s\.?a\.?|s\.?l\.?|s\.?r\.?l\.?|s\.?p\.?a\.?|b\.?v\.?|"
    r"n\.?v\.?|ab|asa|aps|a/s|sp\. z o\.o\.|oy|sas|sarl|corp|hrb|hra|kvk|cvr|p\.?\s?iva|vat|"
    r"ust-id|amtsgericht|sitz|rea|cnpj|nif|cif|krs|nip|regon|ltda|registered)\b|株式会社|有限公司",
    re.IGNORECASE,
)
_PHONE_WORDS = wordset(
    """
    tel phone mobile mob m t f fax cell cel kom tlf mobil telefone telefono teléfono tél
    handy direct office e mail p
    """
)
_PHONE_LABELS_CJK = ("电话", "手机", "傳真", "传真", "携帯", "電話")
_CJK_PUNCT = re.compile("[。！？]")
_SPACES = re.compile(r"\s+")
_ADDRESSEE_END = re.compile(r"(様|様へ|さん|御中|殿|先生)\s*$")
# A line's opening words up to a comma, colon or spaced dash.
_VOCATIVE = re.compile(r"^\s*([^,:，：]+?)\s*(?:[,:，：]|\s[-\u2013\u2014]\s)")


@dataclass
class Line:
    """One line of reply text with its tokens (those not copied from the summary)."""

    text: str
    start: int
    tokens: list[Token] = field(default_factory=list)

    def char(self, token: Token) -> str:
        """The first character of ``token`` as written (tokens themselves are lower-cased)."""
        return self.text[token.start - self.start]

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def word_tokens(self) -> list[Token]:
        return [t for t in self.tokens if t.kind in ("word", "cjk")]


@dataclass(frozen=True)
class People:
    """The names a reply may contain without saying anything: the sender's and owner's."""

    words: frozenset[str]
    cjk: tuple[str, ...]
    initials: frozenset[str] = frozenset()  # "tl" for Thierry Lefèbvre, who signs "TL"

    @classmethod
    def of(cls, words: Sequence[str], cjk: Sequence[str], initials: Sequence[str] = ()) -> People:
        # Each name also without its accents: "Inês" signs a mail whose From says "Ines".
        named = [w for w in words if len(w) > 1]
        return cls(
            frozenset(named + [fold(w) for w in named]),
            tuple(c for c in cjk if c),
            frozenset(i for i in initials if 2 <= len(i) <= 3),
        )

    def named(self, word: str) -> bool:
        """Whether ``word`` is one of the names, with or without its accents."""
        return word in self.words or fold(word) in self.words

    def knows(self, word: str) -> bool:
        """A name word, an initial or a short form of one ("Tomek" for Tomasz).

        Only for words written with a capital, where a name is expected.
        """
        if self.named(word):
            return True
        word = fold(word)
        if len(word) == 1:
            return any(w.startswith(word) for w in self.words)
        return len(word) >= 3 and any(w[:3] == word[:3] for w in self.words)


def is_separator(line: Line) -> bool:
    if not _SEPARATOR.match(line.text):
        return False  # most lines: decided without counting their words
    words = line.word_tokens
    latin = sum(t.kind == "word" for t in words)
    return latin <= 4 and len(words) - latin <= 8


def is_header(line: Line) -> bool:
    """A line shaped like a mail header ("Assunto: …", "| 日期 | …|") or a quote separator."""
    return _is_header_shaped(line.text)


def is_footer(line: Line) -> bool:
    """A mail client's or phone's footer ("Sent from my iPhone", "Envoyé depuis Yahoo Mail")."""
    if not line.text.isascii():
        squeezed = _SPACES.sub("", line.text.lower())
        if any(squeezed.startswith(f) for f in _CJK_FOOTERS):
            return len(squeezed) <= 20
    words = [t.text for t in line.tokens if t.kind == "word"]
    if not any(w in _DEVICES for w in words):
        return False  # every footer names the device or app
    k9 = "k-9" in line.text.lower()  # K-9 Mail's footer names the app with a digit
    other = [
        t
        for t in line.tokens
        if t.kind not in ("word", "link", "mark", *(("number",) if k9 else ()))
    ]
    return (
        bool(words)
        and not other
        and all(w in _FOOTER_WORDS for w in words)
        and any(w in _DEVICES for w in words)
    )


def quote_header_lines(lines: Sequence[str]) -> set[int]:
    """Lines of quote headers that name the summary's sender, and the header lines around them."""
    found: set[int] = set()
    for i, line in enumerate(lines):
        if _VIA in f" {line.lower()}":
            found.add(i)
            found.update(_header_neighbours(lines, i, -1))
            found.update(_header_neighbours(lines, i, 1))
    return found


def _header_neighbours(lines: Sequence[str], i: int, step: int) -> list[int]:
    found: list[int] = []
    j, blanks = i + step, 0
    while 0 <= j < len(lines) and blanks <= 2:
        line = lines[j]
        if not line.strip():
            blanks += 1
        elif _is_header_shaped(line) and (step > 0 or _header_above(line)):
            found.append(j)
            blanks = 0
        else:
            break
        j += step
    return found


def _header_above(text: str) -> bool:
    """Whether a header-shaped line above the one naming the summary's sender is a header:
    a rule, or a field a client writes before "From:" ("Subject:", "Date:" in Thunderbird's
    block). The writer's own "PS: deposit on completion" or a line with an address in it
    stands there too, and is theirs (a red team's)."""
    if _SEPARATOR.match(text):
        return True
    label = text.strip().lstrip("|").split(":", 1)[0].split("：", 1)[0].strip().lower()
    return label in _FIELDS_ABOVE


def _is_header_shaped(text: str) -> bool:
    return bool(
        _HEADER_LINE.match(text)
        or _SEPARATOR.match(text)
        or _LINKISH.search(text)
        or text.strip().endswith("|")
    )


def is_name_line(line: Line, people: People, *, after_signoff: bool) -> bool:
    """A line that only names someone: "Daniel", "/Mads", "J. Moreau", "- D", "张伟"."""
    words = line.word_tokens
    if _starts_with_name(line, people):
        return True
    if not words or any(t.kind in ("number", "emoji") for t in line.tokens):
        return False
    if all(t.kind == "cjk" for t in words):
        text = "".join(t.text for t in words)
        return 2 <= len(text) <= 4 and (after_signoff or any(text in c for c in people.cjk))
    if len(words) > 4 or any(t.text in NOT_NAMES for t in words):
        return False
    latin = [t for t in words if t.kind == "word"]
    if len(words) == 1 == len(latin) and _initials_of(line, latin[0], people):
        return True
    cjk = "".join(t.text for t in words if t.kind == "cjk")
    known_latin = bool(latin) and all(people.named(t.text) for t in latin)
    if cjk and cjk not in people.cjk and not (known_latin and len(cjk) <= 4):
        return False  # "Wei Zhang 张伟": a known name with its Chinese writing
    if all(people.knows(t.text) or t.text in _HONORIFICS for t in latin):
        return True
    return after_signoff and not cjk and all(line.char(t).isupper() for t in latin)


def _initials_of(line: Line, token: Token, people: People) -> bool:
    """Whether ``token`` is written in capitals as the initials of one of the names ("TL"
    under Thierry Lefèbvre's reply); "NO" would have to be someone's initials too, in
    capitals, and alone on its line."""
    written = line.text[token.start - line.start : token.end - line.start]
    return written.isupper() and fold(token.text) in people.initials


def _starts_with_name(line: Line, people: People) -> bool:
    """ "陈静 | 销售总监", "Wei Zhang 张伟": a known name opening a signature line."""
    head = re.split(r"\s*[|·•]\s*", line.text.strip(), maxsplit=1)
    if len(head) < 2 or not head[0]:
        return False
    name = head[0].replace(" ", "")
    return name in people.cjk or all(people.named(w.lower()) for w in head[0].split())


def is_signature_line(line: Line, *, risky: bool, said: bool) -> bool:
    """A line of a signature block: title, company, address, phone, link, notice.

    ``risky`` says whether the line holds a risk word, ``said`` whether it holds agreement,
    thanks or greetings: neither is a signature line, except in a confidentiality notice,
    whose boilerplate is full of "not" and "if".
    """
    text = line.text
    if _POSTSCRIPT.search(text):
        return False  # "PS: …" after the name is the writer's own, however it reads
    if _DISCLAIMER.search(text) and len(line.word_tokens) >= 6 and not states_a_term(text.lower()):
        # a notice's words ("milieu", "Empfänger") are in a PS that moves a date too
        return True
    if risky or said or "?" in text or any(t.text in NOT_NAMES for t in line.tokens):
        return False
    if states_a_term(text.lower()):
        return False  # "Strip-out from 8 February" under the name is the person's
    if is_separator(line) or _is_contact(line):
        return True
    if all(t.kind == "cjk" or t.kind in ("number", "mark", "link") for t in line.tokens):
        return not _CJK_PUNCT.search(text) and len(text.strip()) <= 40
    return _is_title_or_address(line)


def _is_contact(line: Line) -> bool:
    # "+1" is read as a word elsewhere (agreement); in a phone number it is a country code.
    words = [t.text for t in line.tokens if t.kind == "word" and t.text != "+1"]
    digits = sum(c.isdigit() for c in line.text)
    if any(t.kind == "link" for t in line.tokens) and all(w in _PHONE_WORDS for w in words):
        return True
    has_label = any(label in line.text for label in _PHONE_LABELS_CJK)
    return digits >= 7 and (all(w in _PHONE_WORDS for w in words) or has_label)


def _is_title_or_address(line: Line) -> bool:
    words = [t for t in line.tokens if t.kind == "word"]
    if not words:
        return False
    company = bool(_COMPANY.search(line.text))
    if sum(len(t.text) > 1 for t in words) > (14 if company else 6):
        return False
    capitalised = sum(line.char(t).isupper() for t in words if len(t.text) > 2)
    long_words = sum(len(t.text) > 2 for t in words)
    return company or capitalised * 2 >= long_words > 0


def is_addressee_line(line: Line) -> bool:
    """A Japanese letter's addressee line ("株式会社ヒカリデザイン", "佐藤 健 様")."""
    return bool(_ADDRESSEE_END.search(line.text))


def vocative_end(line: Line, people: People) -> int:
    """Where an opening that only addresses someone ends ("Priya,", "Anna - agreed",
    "王磊：", "Lin，你好："), as an offset into the text; 0 when the line has none."""
    opening = _VOCATIVE.match(line.text)
    if opening is None:
        return 0
    end = line.start + opening.end(1)
    head = [t for t in line.tokens if t.end <= end]
    words = [t for t in head if t.kind in ("word", "cjk")]
    if not words or any(t.kind in ("number", "emoji") for t in head):
        return 0
    latin = [t for t in words if t.kind == "word"]
    cjk = "".join(t.text for t in words if t.kind == "cjk").replace("你好", "").replace("您好", "")
    if cjk and not any(cjk in name for name in people.cjk):
        return 0
    named = all(
        people.knows(t.text) or t.text in _HONORIFICS or line.char(t).isupper() for t in latin
    )
    return end if len(latin) <= 3 and named else 0
