"""classify_reply in the languages ``mail.lexicon_broad`` reads beyond the eleven it was tuned
on: Finnish, Turkish, Romanian, Catalan, Czech, Hungarian, Greek, Russian and Ukrainian.

Every sentence was written for this file from how people answer a summary in each language;
none comes from the evaluation corpora (tests/fixtures/eval/). A plain yes must be read as one;
a yes with a reservation, a condition, a question, a change, a part left out, an addition or a
later answer must stay a clarification.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mail.classify import classify_reply

SENT = (Path(__file__).parents[1] / "fixtures" / "emails" / "sent" / "mike.txt").read_text()
NAMES = ["Mike Jones", "Anna Berger"]


def _label(text: str) -> str:
    result = classify_reply(text, sent_text=SENT, names=NAMES)
    return f"{result.label}: {result.reason}"


CONFIRMATIONS = {
    "es": [
        "Sin objeciones por nuestra parte. Está clavado.",
        "Tal y como dices, de acuerdo.",
    ],
    "fi": [
        "Kaikki on oikein, kiitos!",
        "Hei Anna, vahvistan. Kiitos yhteenvedosta! Terveisin Mike",
        "Olen samaa mieltä, ei lisättävää.",
        "Kyllä, kuten sovittiin. Hyvää viikonloppua!",
        "Sopii hyvin, kiitos paljon!",
        "Hyvä Anna,\n\nhyväksyn yhteenvedon. Ei huomautettavaa.\n\n"
        "Ystävällisin terveisin\nMike Jones",
    ],
    "tr": [
        "Evet, her şey doğru. Teşekkürler!",
        "Merhaba Anna, onaylıyorum. Saygılarımla, Mike",
        "Tamamdır, konuştuğumuz gibi. iyi çalışmalar!",
        "Katılıyorum, itirazım yok.",
        "Sorun yok, teşekkür ederim.",
        "Sayın Anna,\n\nözet için teşekkürler. Her şey doğru, onaylıyorum.\n\n"
        "Saygılarımla\nMike Jones",
    ],
    "ro": [
        "Da, sunt de acord. Mulțumesc!",
        "Bună ziua Anna,\n\nconfirm, totul este corect.\n\nCu stimă,\nMike Jones",
        "Perfect, nimic de adăugat. O zi bună!",
        "Totul e în regulă, mersi!",
        "Exact cum am stabilit. Mulțumesc pentru rezumat.",
        "Suntem de acord, fara obiectii.",
    ],
    "ca": [
        "Sí, d'acord. Gràcies!",
        "Hola Anna, tot correcte. Salutacions, Mike",
        "Estic d'acord, res a afegir.",
        "Perfecte, tal com vam acordar. Bon cap de setmana!",
        "Confirmo, moltes gràcies pel resum.",
        "Cap problema, endavant.",
    ],
    "cs": [
        "Ano, souhlasím. Děkuji!",
        "Dobrý den, vše v pořádku. S pozdravem, Mike",
        "Potvrzuji, nemám připomínky.",
        "Přesně tak, jak jsme se dohodli. Hezký víkend!",
        "Jasně, bez problému. Díky za shrnutí.",
        "Souhlasíme, nemáme co dodat.",
    ],
    "hu": [
        "Igen, rendben. Köszönöm!",
        "Kedves Anna, minden rendben, egyetértek. Üdvözlettel, Mike",
        "Megerősítem, nincs kifogásom.",
        "Pontosan így, ahogy megbeszéltük. Szép hétvégét!",
        "Elfogadom, köszönöm szépen az összefoglalót.",
        "Egyetértünk, nincs hozzáfűznivalóm.",
    ],
    "el": [
        "Ναι, συμφωνώ. Ευχαριστώ!",
        "Καλημέρα Anna, επιβεβαιώνω. Με εκτίμηση, Mike",
        "Επιβεβαιώνω, δεν έχω αντίρρηση.",
        "Συμφωνώ με όλα. Καλό σαββατοκύριακο!",
        "Συμφωνούμε απόλυτα, δεν έχουμε τίποτα να προσθέσουμε.",
        "Εντάξει, συμφωνώ, ευχαριστώ πολύ.",
    ],
    "ru": [
        "Согласен, всё верно. Спасибо!",
        "Добрый день! Подтверждаю. С уважением, Mike",
        "Да, всё правильно, замечаний нет.",
        "Как договаривались, возражений нет. Хороших выходных!",
        "Полностью согласны, добавить нечего.",
        "Отлично, большое спасибо!",
    ],
    "uk": [
        "Так, все вірно. Дякую!",
        "Добрий день! Підтверджую. З повагою, Mike",
        "Згоден, зауважень немає.",
        "Як домовлялися, заперечень немає. Гарних вихідних!",
        "Повністю згодні, нічого додати.",
        "Чудово, дуже дякую!",
    ],
    "ja": [
        "問題ございません。よろしくお願いいたします。",
        "内容に相違ございません。",
        "はい、その通りです。",
    ],
    "zh": [
        "没问题，谢谢！",
        "都对，确认无误。",
        "没问题，期待见面！",
    ],
}

CLARIFICATIONS = {
    "fi": [
        "Sopii, mutta tavoite on liian korkea.",
        "Kyllä, jos liidit tulevat ajoissa.",
        "Hyväksyn, kunhan saan liidit maanantaina.",
        "Vahvistan, paitsi sulkemisprosentin.",
        "Onko tavoite todella 10 liidiä viikossa",
        "Olen samaa mieltä, mutta siirretään aikaraja ensi kuuhun.",
        "Kaikki on oikein. Lisäksi haluaisin viikoittaisen palaverin.",
        "Palaan asiaan myöhemmin.",
        "Ehkä, katsotaan.",
        "En ole samaa mieltä.",
    ],
    "tr": [
        "Evet, ama hedef çok yüksek.",
        "Tamam, eğer müşteriler gelirse.",
        "Onaylıyorum, sadece kapanış oranı hariç.",
        "Hedef gerçekten haftada 10 mu",
        "Doğru, fakat tarihi değiştirelim.",
        "Kabul ediyorum. Ayrıca aylık bir toplantı ekleyelim.",
        "Daha sonra döneceğim.",
        "Belki, bakacağım.",
        "Hayır, bu doğru değil.",
    ],
    "ro": [
        "Da, dar ținta e prea mare.",
        "De acord, cu condiția să primesc lead-urile luni.",
        "Confirm, mai puțin rata de închidere.",
        "Chiar sunt 10 pe săptămână",
        "Sunt de acord, însă aș prefera 8 pe săptămână.",
        "Corect. În plus, aș vrea o ședință lunară.",
        "Revin mai târziu cu un răspuns.",
        "Poate, mă mai gândesc.",
        "Nu sunt de acord.",
    ],
    "ca": [
        "D'acord, però l'objectiu és massa alt.",
        "Sí, sempre que els leads arribin a temps.",
        "Tot correcte excepte la taxa de tancament.",
        "De veritat són 10 per setmana",
        "Estic d'acord, però prefereixo canviar la data.",
        "Correcte. També voldria afegir una reunió mensual.",
        "Ho miro i us diré més tard.",
        "Potser, ja ho veurem.",
        "No hi estic d'acord.",
    ],
    "cs": [
        "Souhlasím, ale cíl je příliš vysoký.",
        "Ano, pokud leady přijdou včas.",
        "Vše v pořádku kromě míry uzavření.",
        "Opravdu je to 10 týdně",
        "Potvrzuji, ale raději bych posunul termín.",
        "Souhlasím. Navíc bych chtěl měsíční schůzku.",
        "Ozvu se později.",
        "Možná, ještě se podívám.",
        "Nesouhlasím.",
    ],
    "hu": [
        "Egyetértek, viszont a cél túl magas.",
        "Rendben, ha a leadek időben jönnek.",
        "Minden rendben, kivéve a zárási arányt.",
        "Tényleg heti 10",
        "Elfogadom, de inkább módosítanám a határidőt.",
        "Rendben. Továbbá szeretnék egy havi megbeszélést.",
        "Később visszajelzek.",
        "Talán, még átgondolom.",
        "Nem értek egyet.",
    ],
    "el": [
        "Συμφωνώ, αλλά ο στόχος είναι πολύ υψηλός.",
        "Ναι, εφόσον τα leads έρχονται έγκαιρα.",
        "Συμφωνώ εκτός από το ποσοστό.",
        "Όλα σωστά;",
        "Σύμφωνοι;",
        "Είναι αλήθεια 10 την εβδομάδα;",
        "Επιβεβαιώνω, καμία αντίρρηση;",
        "Συμφωνώ, όμως προτιμώ να αλλάξουμε την ημερομηνία.",
        "Εντάξει. Επίσης θα ήθελα μια μηνιαία συνάντηση.",
        "Θα επανέλθω αργότερα.",
        "Ίσως, θα το σκεφτώ.",
        "Δεν συμφωνώ.",
    ],
    "ru": [
        "Согласен, но цель слишком высокая.",
        "Да, если лиды будут приходить вовремя.",
        "Всё верно, кроме процента закрытия.",
        "Действительно 10 в неделю",
        "Подтверждаю, однако лучше перенести срок.",
        "Согласен. Также хочу добавить ежемесячную встречу.",
        "Я вернусь к этому позже.",
        "Возможно, я подумаю.",
        "Нет, я не согласен.",
    ],
    "uk": [
        "Згоден, але ціль занадто висока.",
        "Так, якщо ліди надходитимуть вчасно.",
        "Все правильно, крім відсотка закриття.",
        "Справді 10 на тиждень",
        "Підтверджую, проте краще перенести термін.",
        "Згоден. Також хочу додати щомісячну зустріч.",
        "Я повернуся до цього пізніше.",
        "Можливо, я подумаю.",
        "Ні, я не згоден.",
    ],
}


@pytest.mark.parametrize("text", [text for texts in CONFIRMATIONS.values() for text in texts])
def test_a_plain_yes_in_each_language_is_a_confirmation(text: str) -> None:
    assert _label(text).startswith("confirmation"), _label(text)


@pytest.mark.parametrize("text", [text for texts in CLARIFICATIONS.values() for text in texts])
def test_a_qualified_yes_in_each_language_stays_a_clarification(text: str) -> None:
    assert _label(text).startswith("clarification"), _label(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sopii tarvitsen laskun",
        "Tamam lütfen gönderin",
        "De acord trebuie semnat",
        "D'acord necessito factura",
        "Souhlasím potřebuji fakturu",
        "Rendben ha kell",
        "Συμφωνώ θα πληρώσουμε",
        "Согласен нужно подписать",
        "Згоден треба підписати",
    ],
)
def test_words_not_understood_that_may_carry_a_term_do_not_pass_beside_a_yes(text: str) -> None:
    assert _label(text).startswith("clarification"), _label(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sopii heinäkuussa",
        "Sopii perjantaille",
        "Tamam temmuzda",
        "Tamam cumaya",
        "De acord din iulie",
        "D'acord al juliol",
        "Souhlasím v červenci",
        "Rendben júliusban",
        "Rendben péntekre",
        "Συμφωνώ τον Ιούλιο",
        "Согласен в июле",
        "Согласен на пятницу",
        "Згоден у липні",
    ],
)
def test_a_month_or_day_beside_a_yes_is_a_new_date(text: str) -> None:
    assert _label(text).startswith("clarification"), _label(text)


@pytest.mark.parametrize(
    "text",
    [
        "Souhlasím v určité míře",  # "určité" is one letter from "určitě" (certainly)
        "Rendben, rendbe tesszük a dátumot",  # "rendbe" is one letter from "rendben"
        "Συμφωνώ, ακριβός",  # "ακριβός" (expensive) is one letter from "ακριβώς"
        "Vahvista päivämäärä",  # an imperative, one letter from "vahvistan"
    ],
)
def test_a_word_one_letter_from_a_yes_is_not_taken_for_its_typo(text: str) -> None:
    assert _label(text).startswith("clarification"), _label(text)


@pytest.mark.parametrize("text", ["Όλα σωστά, ευχαριστώ!", "Σύμφωνοι. Καλό Σαββατοκύριακο!"])
def test_greek_agreement(text: str) -> None:
    assert _label(text).startswith("confirmation"), _label(text)


@pytest.mark.parametrize("text", ["Όλα σωστά;", "Σύμφωνοι; Ευχαριστώ", "Συμφωνώ, η τιμή ισχύει;"])
def test_greek_asks_with_a_semicolon(text: str) -> None:
    # The Greek question mark (U+037E) is ";" once normalised.
    assert _label(text).startswith("clarification: question"), _label(text)


def test_a_semicolon_elsewhere_is_no_question() -> None:
    assert _label("All correct; thanks").startswith("confirmation"), _label("All correct; thanks")
