"""classify_reply: a yes with one more clause (thanks, looking forward, talk soon, a wish, a
restatement of the summary's own values) in the languages of issue 19, the kinds of reply the
issue names as missed, and the same yes with a clause that changes something. Written for this
file; none is copied from the evaluation corpora."""

from __future__ import annotations

import pytest

from mail.classify import classify_reply

SUMMARY = """Hi Mike,

Thanks for the meeting today. To summarize what we agreed:

- You send 10 qualified leads a week from the Q3 campaign, starting 6 July.
- I close at least 1 deal in 10; the referral fee is 8% of the first-year contract.
- We review the numbers on Friday 31 July.

Let me know if I missed anything.

Best,
Anna"""
NAMES = ["Mike Jones", "Anna Berg"]


def _label(text: str) -> str:
    return classify_reply(text, sent_text=SUMMARY, names=NAMES).label


@pytest.mark.parametrize(
    "text",
    [
        "Confirmed, thanks!",
        "Confirmed: 10 leads a week, 1 close.",
        "Looks good, looking forward to it.",
        "Agreed. Talk soon.",
        "Agreed - let's make it happen!",
        "No objections.",
        "No changes from my side.",
        "Nothing to add.",
        "No complaints here.",
        "+1",
        "👍",
        "Ship it.",
        "We're aligned.",
        "That matches my understanding.",
        "Couldn't have put it better.",
        "Couldn't have said it better myself.",
        "Sounds good to me. Have a great weekend!",
        "Yes, all correct. Thanks for writing it up.",
        "Perfect, thanks Anna. Speak next week.",
        "All good, cheers",
        "Spot on, thanks!",
        "That's right. See you on the 31st.",
        "Correct on all points.",
        "Yep, that's the deal.",
        "That's exactly what we agreed. Thanks for putting it in writing.",
        "Happy with all of that.",
        "I'm happy with this.",
        "Works for me!",
        "All fine by me.",
        "Fine by me, thanks.",
        "Sounds right. Thanks for the quick summary!",
        "That covers it.",
        "You've captured it well.",
        "Nicely summarised, agreed.",
        "Great summary - agreed on all points.",
        "Yes. Looking forward to working together.",
        "Agreed, and thanks again for your time today.",
        "Confirmed. Enjoy the rest of your week!",
        "Thanks Anna, all correct.",
        "Einverstanden, danke!",
        "Passt so, danke dir.",
        "C'est bon pour moi, merci.",
        "Parfait, rien à ajouter.",
        "De acuerdo, gracias.",
        "Todo correcto, ¡gracias!",
        "Va bene, grazie.",
        "Tutto ok per me.",
        "Tudo certo, obrigado.",
        "Akkoord, bedankt!",
        "Klopt helemaal.",
        "Zgadzam się, dzięki.",
        "問題ありません。",
        "没问题，谢谢。",
        "同意。",
        "好的，就这么定了。",
        "Alles korrekt, vielen Dank! Ich freue mich auf die Zusammenarbeit.",
        "Passt für mich. Bis bald!",
        "Einverstanden. Schönes Wochenende!",
        "Keine Einwände, danke für die Zusammenfassung.",
        "Tout est correct, merci ! Au plaisir de travailler ensemble.",
        "Ça me va. À bientôt !",
        "Rien à redire, merci pour le récapitulatif.",
        "Je confirme, bonne journée !",
        "Todo correcto. ¡Gracias y buen fin de semana!",
        "Me parece bien, hablamos pronto.",
        "Nada que añadir, gracias por el resumen.",
        "Confirmo, un saludo.",
        "Tutto corretto, grazie mille! A presto.",
        "Per me va bene, buona giornata.",
        "Nulla da aggiungere, grazie del riepilogo.",
        "Está tudo certo, obrigado! Até breve.",
        "Concordo, bom fim de semana!",
        "Nada a acrescentar, obrigado pelo resumo.",
        "Klopt, bedankt! Tot snel.",
        "Helemaal akkoord, fijn weekend!",
        "Niets aan toe te voegen, dank voor de samenvatting.",
        "Wszystko się zgadza, dzięki! Do usłyszenia.",
        "Potwierdzam, miłego dnia!",
        "Nie mam uwag, dziękuję za podsumowanie.",
        "問題ございません。引き続きよろしくお願いいたします。",
        "内容確認しました。問題ありません。ありがとうございます。",
        "没问题，谢谢！期待合作。",
        "确认无误，辛苦了。",
        "Thanks Anna, all correct.\n\nMike Jones\nHead of Partnerships\nAcme Corp\n+1 555 010 2030",
        "That all matches our chat.",
        "Cheers, all as we talked about.",
        "No dramas, nothing to add.",
        "Keine Einwände, von unserer Seite gibt es nichts zu ergänzen.",
        "Confere tudo, obrigado!",
        # "rest" and "part" are partial agreement only outside these wishes
        "Agreed, thanks. Have a great rest of your week!",
        "Sounds good. Enjoy the rest of the weekend.",
        "Yes, all correct. Looking forward to being part of it.",
        "Vielen lieben Dank, alles klar!",
        # Irish and British English: "grand" is fine, "no bother" no negation
        "Sounds grand, thanks.",
        "No bother at all, all correct.",
        # French "dont" is "of which", not a "don't" typed without its apostrophe
        "Je vous remercie pour ce récapitulatif, dont je confirme l'ensemble des points.",
    ],
)
def test_a_yes_with_one_more_clause_is_a_confirmation(text: str) -> None:
    assert _label(text) == "confirmation"


@pytest.mark.parametrize(
    "text",
    [
        "Confirmed: 12 leads a week, 1 close.",
        "Looks good, but the fee should be 10%.",
        "Agreed. Talk soon about the Q4 campaign.",
        "No objections, as long as the review moves to August.",
        "+1, starting 13 July instead.",
        "That matches my understanding, except the referral fee.",
        "Einverstanden, aber erst ab August.",
        "Tout est correct, sauf la date de la revue.",
        "Agreed. The rest of the week Anna takes the leads.",
        "Agreed, but part of the fee is paid in August.",
        "Agreed, but dont start before August.",
        "De acuerdo, hablamos de los detalles.",
        "Tutto corretto, ma il compenso è del 10%.",
        "Klopt, behalve de startdatum.",
        "Wszystko się zgadza, tylko prowizja to 10%.",
        "問題ございません。ただし、開始日は7月13日でお願いします。",
        "没问题，不过佣金是10%。",
    ],
)
def test_the_same_yes_with_a_change_is_a_clarification(text: str) -> None:
    assert _label(text) == "clarification"
