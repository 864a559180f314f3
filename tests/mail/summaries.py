"""Summaries the classifier's tests answer: a school trip in English and a delivery of chairs
in eight languages. Written for the tests; none is copied from the evaluation corpora."""

from __future__ import annotations

from collections.abc import Sequence

from mail.classify import classify_reply

TRIP = """Hi Dana,

Thanks for the call today. Here is what we agreed:

- The school trip to the science museum takes place on 12 June.
- Mark collects the signed forms by 5 June.
- The bus costs €240, paid by the school.
- Parents bring a packed lunch.

Best,
Alex"""
NAMES = ["Dana Smith", "Alex Brown"]

CHAIRS = {
    "de": "Hallo Jan,\n\ndanke für das Gespräch heute. Wir haben vereinbart:\n\n"
    "- Die Lieferung von 40 Stühlen erfolgt am 12. Juni.\n"
    "- Der Preis beträgt 3.200 €, zahlbar bei Lieferung.\n"
    "- Herr Weber nimmt die Ware entgegen.\n\nViele Grüße\nAnna",
    "fr": "Bonjour Paul,\n\nmerci pour l'échange d'aujourd'hui. Nous avons convenu :\n\n"
    "- La livraison de 40 chaises a lieu le 12 juin.\n"
    "- Le prix est de 3 200 €, payable à la livraison.\n"
    "- M. Martin réceptionne la marchandise.\n\nBien cordialement,\nAnna",
    "es": "Hola Pablo:\n\ngracias por la reunión de hoy. Acordamos:\n\n"
    "- La entrega de 40 sillas será el 12 de junio.\n"
    "- El precio es de 3.200 €, a pagar en la entrega.\n"
    "- El señor Ruiz recibe la mercancía.\n\nSaludos,\nAnna",
    "it": "Ciao Paolo,\n\ngrazie per la riunione di oggi. Abbiamo concordato:\n\n"
    "- La consegna di 40 sedie avviene il 12 giugno.\n"
    "- Il prezzo è di 3.200 €, da pagare alla consegna.\n"
    "- Il signor Rossi riceve la merce.\n\nCordiali saluti,\nAnna",
    "nl": "Hoi Jan,\n\nbedankt voor het gesprek van vandaag. We hebben afgesproken:\n\n"
    "- De levering van 40 stoelen is op 12 juni.\n"
    "- De prijs is € 3.200, te betalen bij levering.\n"
    "- Meneer de Vries neemt de goederen in ontvangst.\n\nGroeten,\nAnna",
    "pt": "Olá Paulo,\n\nobrigada pela reunião de hoje. Combinamos:\n\n"
    "- A entrega de 40 cadeiras será no dia 12 de junho.\n"
    "- O preço é de 3.200 €, a pagar na entrega.\n"
    "- O senhor Costa recebe a mercadoria.\n\nAbraço,\nAnna",
    "pl": "Cześć Janie,\n\ndziękuję za dzisiejszą rozmowę. Ustaliliśmy:\n\n"
    "- Dostawa 40 krzeseł nastąpi 12 czerwca.\n"
    "- Cena wynosi 3200 zł, płatne przy dostawie.\n"
    "- Pan Nowak odbiera towar.\n\nPozdrawiam,\nAnna",
    "sv": "Hej Jan,\n\ntack för samtalet idag. Vi kom överens om:\n\n"
    "- Leveransen av 40 stolar sker den 12 juni.\n"
    "- Priset är 3 200 €, betalas vid leverans.\n"
    "- Herr Lund tar emot varorna.\n\nHälsningar,\nAnna",
}


def answer(summary: str, text: str, names: Sequence[str] = NAMES) -> str:
    """The verdict on ``text`` as an answer to ``summary``: "label: reason"."""
    result = classify_reply(text, sent_text=summary, names=list(names))
    return f"{result.label}: {result.reason}"


def trip(text: str) -> str:
    """The verdict on ``text`` as an answer to TRIP."""
    return answer(TRIP, text)


def chairs(lang: str, text: str) -> str:
    """The verdict on ``text`` as an answer to the chairs summary in ``lang``."""
    return answer(CHAIRS[lang], text, ["Anna Schmidt"])
