"""Auto-replies (RFC 3834 and friends): they must never count as a counterparty's answer.

Header signals come first because they are what the sending software states about itself;
the localized subjects catch the clients that state nothing, and the wording of the text
catches the notices typed into a mail rule ("I am out of the office until 15 June …").

The opposite error matters more: a person's reply taken for a machine is an answer lost.
So the wording of the text only counts when it is a notice and nothing else: a reply that
also agrees, confirms or asks ("Back from vacation — confirmed!") stays a reply, and
``Precedence: list`` or ``X-Auto-Response-Suppress`` alone mark nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Subjects that automatic answers put first, in the languages of the clients that send them.
_AUTO_SUBJECT_WORDS = (
    r"automatic reply|auto(matic)?[- ]?(reply|response|answer)|autoreply|autoresponse|"
    r"AUTO|Auto|automated (reply|response)|"
    r"automatische antwort|automatische rückantwort|r[ée]ponse automatique|"
    r"respuesta autom[áa]tica|resposta autom[áa]tica|risposta automatica|"
    r"automatisch antwoord|automatiskt svar|automatisk svar|autosvar|automaattinen vastaus|"
    r"automatyczna odpowied[źz]|automatick[áa] odpov[ěe]ď|automatick[áa] odpove[ďd]|"
    r"automatikus v[áa]lasz|r[ăa]spuns automat|otomatik (yan[ıi]t|cevap)|"
    r"autom[āa]tisk[āa] atbilde|automatinis atsakymas|automaatne vastus|"
    r"автоматический ответ|автоответ|автоматична відповідь|αυτόματη απάντηση|"
    r"自動応答|自動返信|自动回复|自動回覆|自动答复|자동 ?회신|자동 ?응답|תשובה אוטומטית|رد تلقائي|"
    r"स्वचालित उत्तर"
)
_OOO_SUBJECT_WORDS = (
    r"out of (the )?office|away from (the )?office|on vacation|vacation (reply|response|"
    r"notice|message)|on (annual |parental )?leave|on holiday|holiday notice|"
    r"abwesenheitsnotiz|abwesenheit|abwesend|nicht im b[üu]ro|"
    r"absence du bureau|absente? du bureau|message d'absence|absence|"
    r"fuera de la oficina|ausencia|ausente|fora do escrit[óo]rio|"
    r"fuori sede|fuori ufficio|assente|assenza|afwezig|niet aanwezig|afwezigheidsbericht|"
    r"fr[åa]nvaro|fr[åa]nvarande|frav[æa]rende|frav[æa]r|poissa|lomalla|"
    r"nieobecno[śs][ćc]|poza biurem|mimo kancel[áa][řr]|nep[řr][íi]tomnost|"
    r"ofis d[ıi][şs][ıi]nda|promb[ūu]tn[ēe]|nav birojā|n[ėe]ra biure|"
    r"нет на месте|вне офиса|в отпуске|отсутств|不在|休暇|外出|休假|不在办公室|부재중"
)
_SUBJECT = re.compile(
    rf"^\s*(\[[^\]]{{0,80}}\]\s*)?(?P<word>{_OOO_SUBJECT_WORDS}|{_AUTO_SUBJECT_WORDS})"
    r"(?P<end>\s*[:：\-(]|\s*$|\s+\S)",
    re.IGNORECASE,
)
_OOO_SUBJECT = re.compile(rf"^(?:{_OOO_SUBJECT_WORDS})$")
_CASE_SENSITIVE = ("AUTO", "Auto")

# The patterns below are lower case and run on lower-cased text: with re.IGNORECASE the
# engine cannot skip the positions where no alternative can start, which made them 3-5x
# slower, and text_reason runs for every reply.

# A person away now and back later, as out-of-office notices say it.
_AWAY = re.compile(
    r"out of (the )?office|away from (the )?office|on (annual |parental |maternity |"
    r"paternity |sick |study )?leave|annual leave|parental leave|on (vacation|holiday)|"
    r"\b(i'?m|i am|we are|we're) (currently )?(away|travelling|traveling|at a conference|"
    r"closed|on a business trip|out)\b|closed for|limited access to (e-?mail|my e-?mail|email)|"
    r"(no|without) (e-?mail|email) access|not (be )?(checking|reading) (my )?(e-?)?mail|"
    r"reading (e-?)?mail only occasionally|(when|once) i('m| am)? (return|back)|"
    r"on my return|upon my return|"
    r"nicht im b[üu]ro|abwesend|im urlaub|au[ßs]er haus|nicht erreichbar|dienstreise|"
    r"elternzeit|wieder (im b[üu]ro|erreichbar|da)|"
    r"absente?\b|en cong[ée]s?|en vacances|hors du bureau|de retour le|acc[èe]s limit[ée]|"
    r"fuera de la oficina|de vacaciones|ausente|sin acceso al correo|estar[ée] de vuelta|"
    r"fuori (sede|ufficio)|in ferie|assente|rientrer[òo]|accesso limitato|"
    r"fora do escrit[óo]rio|de f[ée]rias|afwezig|vakantie|niet op kantoor|"
    r"p[åa] semester|tj[äa]nstledig|fr[åa]nvarande|\bborta\b|p[åa] ferie|frav[æa]rende|"
    r"lomalla|poissa|na urlopie|poza biurem|nieobecn|przebywam na|mimo kancel[áa][řr]|"
    r"na dovolen[ée]|nep[řr][íi]tomn|ofis d[ıi][şs][ıi]nda|izinde|tatilde|"
    r"atva[ļl]in[āa]jum[āa]|promb[ūu]tn[ēe]|atostogose|в отпуске|вне офиса|нет на месте|"
    r"отсутству|в командировке|不在|休暇|出張|休假|不在办公室|出差|年假|अवकाश|छुट्टी"
)
# Notices of someone gone for good, sent through the same mechanism: not "away".
_GONE = re.compile(
    r"no longer (with|work|employed|at|in use|use|using|monitored|active|available|part)|"
    r"(has|have) left|left the (company|organi[sz]ation|firm)|not (being )?monitored|"
    r"(mailbox|address|account) is (not|no longer) (monitored|read|in use|active)|"
    r"this mailbox is not|address has changed|(my|our) (new|e-?mail) address (is|has)|"
    r"unattended|is not (read|answered|checked)|"
    r"nicht mehr (bei|im unternehmen|f[üu]r|t[äa]tig)|hat (das unternehmen|uns) verlassen|"
    r"ne fait plus partie|ya no (trabaja|forma parte)|non fa pi[ùu] parte"
)
# Acknowledgements, tickets, list and verification notices: automatic, not "away".
_ACK = re.compile(
    r"\bticket\b|ticketnummer|case (number|#|id)|request (number|#|id)|"
    r"(your|a) (request|enquiry|inquiry|message|e-?mail) (has been|was|is) "
    r"(received|created|logged)|we(('ve| have) received| received) your|"
    r"mailing list|moderat|approved senders|verify your|"
    r"ist bei uns eingegangen|hemos recibido|nous avons bien re[çc]u|abbiamo ricevuto|"
    r"was read on|deleted without being read|read receipt|return receipt"
)
# What a mail rule says of itself; a person does not write this about their own reply.
_SELF_DECLARED = re.compile(
    r"this is an? (automatic|automated|auto-generated) (reply|response|message|notification|"
    r"acknowledge?ment|e-?mail)|this (message|e-?mail|reply|response) (is|was|has been) "
    r"(sent |generated )?automatically|do not reply to this (automatic |automated )?"
    r"(message|e-?mail)|bitte antworten sie nicht auf diese (automatische )?nachricht|"
    r"diese (nachricht|e-?mail) wurde automatisch|ceci est une? (r[ée]ponse|message) "
    r"automatique|este es un mensaje autom[áa]tico|mensaje generado autom[áa]ticamente|"
    r"questo [èe] un messaggio automatico|dit is een automatisch|これは自動|自動送信されて|"
    r"系统自动发送|此邮件为自动"
)
# What only a notice adds to "I am away": who to ask meanwhile, that mail waits or is not
# read or forwarded. A person mentioning a trip ("more next week when I'm back") does not.
_NOTICE_DETAIL = re.compile(
    r"urgen|contact|reach|limited access|no access|(no|without) (e-?mail|email) access|"
    r"not (be )?(checking|reading)|not been forwarded|not be forwarded|will not be forwarded|"
    r"will (respond|reply|answer|get back|read)[^.]{0,40}(return|back)|"
    r"dringend|erreichen|weitergeleitet|kein(en)? zugriff|urgence|contacter|acc[èe]s limit|"
    r"transmis|contactar|escriba|sin acceso|urgenz|contattare|accesso limitato|kontakt|"
    r"pilnych|dost[ęe]pu|срочн|обращайтесь|緊急|至急|紧急|联系"
)
# The away statement comes first in a notice: "I am out of the office until …".
MAX_AWAY_OFFSET = 300
# Words of an answer: a reply that also says them is a person's reply.
_ANSWER = re.compile(
    r"\b(confirm\w*|agree\w*|correct|approved?|yes|ok(ay)?|fine|sounds good|go ahead|"
    r"that'?s right|bestätig\w*|einverstanden|passt|richtig|d'accord|confirm[eé]|oui|"
    r"de acuerdo|confirmo|correcto|s[íi]|va bene|confermo|akkoord|klopt|zgadza|"
    r"potwierdzam|подтвержда\w*|верно|согласен|согласна)\b|确认|確認|同意|没问题|問題ありません|"
    r"\?"
)
# A person back from being away, or telling about it: not a notice of being away now.
_RETURNED = re.compile(
    r"\b((i|we) (was|were)|i'?m back|i am back|back from|returned|ignore)\b|"
    r"wieder (da|zur[üu]ck)|"
    r"zur[üu]ck aus|de retour|je suis rentr|volv[íi]|acabo de volver|sono tornat|ben terug|"
    r"jestem z powrotem|вернул"
)
# An acknowledgement: a request, ticket or case received or created, in a team's voice.
_TICKET_ACK = re.compile(
    r"(we('ve| have)? (received|created|opened|logged)|(has|have) been (created|received|"
    r"logged|opened)|ist (bei uns )?eingegangen|nous avons (bien )?re[çc]u|hemos recibido|"
    r"abbiamo ricevuto).{0,120}?(ticket|case|request|anfrage|demande|solicitud|richiesta|#\d)|"
    r"(ticket|case|request|anfrage|demande|solicitud|richiesta)\b.{0,60}?(has been|was|is) "
    r"(created|received|logged|opened)"
)
_FIRST_PERSON = re.compile(r"\bi\b|\bi'(ve|ll|m|d)\b")
MAX_NOTICE_CHARS = 1_500
_PRECEDENCE = {"bulk", "junk", "auto_reply"}
_X_HEADERS = (
    "X-Autoreply",
    "X-Autorespond",
    "X-Autoresponder",
    "X-Auto-Reply",
    "X-Autogenerated",
    "X-Auto-Generated",
    "X-AutoReply-From",
    "X-Mail-Autoreply",
)

Getter = Callable[[str], str | None]


def _auto_submitted(get: Getter) -> str | None:
    value = (get("Auto-Submitted") or "").strip().lower()
    if value and value.split(";")[0].strip() != "no":
        return f"auto-submitted: {value.split(';')[0].strip()}"
    return None


def _x_headers(get: Getter) -> str | None:
    for name in _X_HEADERS:
        value = get(name)
        if value is not None and value.strip().lower() not in ("no", "false", "0"):
            return f"{name.lower()}: {value.strip().lower()[:40] or 'present'}"
    return None


def _precedence(get: Getter) -> str | None:
    # "list" is what mailing lists put on every post, people's included: not a signal.
    value = (get("Precedence") or "").strip().lower()
    return f"precedence: {value}" if value in _PRECEDENCE else None


def _null_sender(get: Getter) -> str | None:
    value = get("Return-Path")
    if value is not None and value.replace(" ", "") == "<>":
        return "return-path: <>"
    return None


def _subject_word(subject: str) -> str | None:
    match = _SUBJECT.match(subject)
    if match is None:
        return None
    word = match.group("word")
    # "AUTO:" (Notes) and "Auto:" (Sieve) are prefixes; "auto" in a sentence is not one.
    prefix = word in _CASE_SENSITIVE and match.group("end").strip() == ":"
    if word.lower() == "auto" and not prefix:
        return None
    return word.lower()


def subject_reason(subject: str) -> str | None:
    word = _subject_word(subject)
    return f"subject: {word}" if word else None


def auto_reply_reason(get: Getter, subject: str) -> str | None:
    """Which header or subject marks the message as an auto-reply, or None.

    ``get`` returns a decoded header value or None. X-Auto-Response-Suppress is deliberately
    not a signal: Outlook puts it on ordinary human messages too.
    """
    for check in (_auto_submitted, _x_headers, _precedence, _null_sender):
        reason = check(get)
        if reason:
            return reason
    return subject_reason(subject)


def text_reason(new_text: str) -> str | None:
    """An automatic notice recognised by its wording alone (no header says so), or None."""
    text = new_text[:MAX_NOTICE_CHARS].lower()
    if not text or len(new_text) > MAX_NOTICE_CHARS or _ANSWER.search(text):
        return None
    if _SELF_DECLARED.search(text):
        return "text: automatic notice"
    if _TICKET_ACK.search(text) and not _FIRST_PERSON.search(text):
        return "text: acknowledgement"
    away = _AWAY.search(text)
    if away and away.start() <= MAX_AWAY_OFFSET and _NOTICE_DETAIL.search(text):
        return None if _RETURNED.search(text) else "text: out of office"
    return None


def is_out_of_office(subject: str, reason: str | None, text: str) -> bool:
    """An auto-reply that says the person is away (SPEC: holds deemed acceptance).

    ``text`` is the auto-reply's own text. Someone who has left, a ticket acknowledgement
    or a list notice is not "away", whatever mechanism sent it.
    """
    head = text[:MAX_NOTICE_CHARS].lower()
    if _GONE.search(head):
        return False
    word = _subject_word(subject)
    if (word and _OOO_SUBJECT.match(word)) or _AWAY.search(head):
        return True
    if _ACK.search(head) or _ACK.search(subject.lower()):
        return False
    # An "Automatic reply" with no words to go by: the out-of-office mechanism sent it.
    return bool(word) or bool(reason and "auto-replied" in reason)
