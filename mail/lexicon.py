"""The words and phrases the reply classifier knows, by what they signal.

Each table maps a language to phrases, one per line. A phrase is matched as a whole sequence
of tokens (``mail.tokens``), the longest first, so "no objections" (agreement) wins over "no"
(negation). A word that means different things in different languages ("si": yes in Spanish
and Italian, if in French) is read in the language the rest of the reply is written in, and
as its riskiest meaning when that is unclear.

Classes:
- ``agree``: the reply agrees ("confirmed", "sounds good", and negations that are agreement
  idioms: "no objections", "nothing to add"); ``weak``: an agreeing emoji, enough alone but
  not next to a mere acknowledgement ("Received 👍").
- ``ack``: acknowledges without agreeing ("noted", "got it", "received", a bare "ok").
- ``greet``, ``thanks``, ``signoff``, ``neutral``: greetings, thanks, sign-offs (a name may
  follow each) and the function words of ordinary sentences; ``pleasant``: pleasantries
  ("good luck", "looking forward"), which also mark a clause as small talk.
- ``pointer``: sends the reader to answers inside the quote ("see inline").
- risk classes, each of which makes a reply a clarification: ``negation``, ``contrast``,
  ``condition``, ``hedge``, ``defer``, ``change``, ``addition``, ``partial``, ``doubt``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from mail import lexicon_broad as broad
from mail.tokens import Token, fold, normalize, tokenize

RISKS = {
    "negation": "negation",
    "contrast": "reservation",
    "condition": "condition",
    "hedge": "hedged",
    "defer": "not decided yet",
    "change": "change",
    "addition": "adds to the summary",
    "partial": "partial agreement",
    "doubt": "doubtful tone",
}
# The order in which one phrase's meanings in several languages are taken when the reply's
# language does not settle it: the riskiest first.
PRIORITY = [
    *RISKS,
    "pointer",
    "ack",
    "neutral",
    "pleasant",
    "greet",
    "thanks",
    "signoff",
    "weak",
    "agree",
]

AGREE = {
    "en": """
correct in every respect
accurate in every respect
in every respect
couldn't have said it better myself
couldn't have said it better
could not have said it better
couldn't have put it better myself
that's grand
that's grand, all correct
that's everything
that is everything
that's what we shook on
what we shook on
on the terms set out below
on the terms set out above
on the terms set out in your email
on the terms set out in your message
the terms set out below
the terms set out above
as set out below
as set out above
as set out in your email
a fair summary
that's a fair summary
fair summary
that's how i remember it
that's how i remember it too
how i remember it
that's my recollection
that's my recollection too
as i remember it
the deal we made
that's the deal we made
what we decided
that's what we decided
agreed on all counts
all agreed
in agreement
we are in agreement
we're in agreement
i'm in agreement
confirmed on our end
confirmed on my end
all good on my end
all good on our end
all good here
all good from me
happy with all of that
happy with everything
happy with that
i'm fine with this
i'm fine with that
i'm fine with it
we're fine with this
fine with this
fine with that
fine with it
fine with all of it
looks fine
looks fine to me
looks accurate
looks spot on
we're good
we are good
all fine by me
absolutely right
quite right
exactly that
that's what we discussed
that's what we said
that's what we agreed on
what we discussed
what we agreed
reflects
reflects our conversation
reflects our discussion
this reflects our conversation
this reflects our discussion
reflects what we discussed
accurately
correctly
accurately reflects
matches
matches what we agreed
captures it
captures it well
summarised it well
summarized it well
you've summarised it well
you've summarized it well
nicely summarised
nicely summarized
well summarised
well summarized
no changes needed
no changes required
no edits needed
no amendments
nothing to correct
nothing to change
nothing further
nothing further from me
nothing else from me
no further comments
no further questions
i agree with the summary
i agree with everything
we agree with everything
agree with all of the above
i'm on board
on board
count me in
good to proceed
ok to proceed
okay to proceed
you have my approval
you have my agreement
approved from my side
approved from our side
yes
yep
yup
yeah
yess
yea
confirmed
confirm
confirming
i confirm
we confirm
i can confirm
i hereby confirm
i confirm the above
confirmed from our side
confirmed on my side
confirmed from my side
that's confirmed
agreed
agree
i agree
we agree
fully agree
fully agreed
agreed on all points
agreed on everything
agreed as written
approved
approved as written
approve
i approve
accepted
i accept
we accept
correct
that's correct
thats correct
that is correct
this is correct
this is corect
is correct
is accurate
all correct
that's all correct
thats all correct
everything is correct
everything's correct
correct on all counts
all accurate
accurate
that's accurate
an accurate summary
an accurate record
that's right
thats right
that is right
this is right
all right
that's it
thats it
this is it
that's the one
exactly
exactly right
spot on
precisely
absolutely
definitely
sounds good
sounds great
sounds right
sounds right to me
sounds good to me
sounds like a plan
sounds perfect
looks good
looks good to me
looks great
looks right
looks right to me
looks correct
lgtm
all good
all fine
all set
all clear
fine by me
fine with me
that's fine
thats fine
is fine
is fine too
are fine
that's fine by me
that works
that works for me
works for me
works for us
good to go
we're good to go
perfect
perfectly
excellent
deal
it's a deal
that's a deal
that's the deal
ship it
go ahead
please go ahead
green light
+1
we're aligned
we are aligned
aligned
on the same page
we're on the same page
that matches
this matches
matches my understanding
that matches my understanding
this matches our understanding
matches our understanding
matches what we discussed
this matches what we discussed
matches our chat
all matches our chat
that all matches our chat
matches our conversation
matches our call
as we talked about
all as we talked about
just as we talked about
that's my understanding
that's my understanding too
that's what we agreed
thats what we agreed
that's what we said
that's exactly what we agreed
thats exactly what we agreed
exactly what we agreed
exactly as we agreed
as we agreed
as agreed
as discussed
as we discussed
as described
as written
as scheduled
that's how we left it
that's how i understood it
reflects what we agreed
it reflects what we agreed
is as we agreed
couldn't have put it better
could not have put it better
you've captured it well
you captured it well
captured it well
nailed it
you nailed it
happy with that
happy with this
happy with it
i'm happy with that
we're happy with that
no objections
no objection
no objections from me
no objections from our side
no objections from my side
no objection from my side
nothing to add
nothing further to add
nothing to add from our side
nothing to add from my side
no changes
no changes from my side
no changes from our side
no complaints
no notes
no remarks
no comments
no issues
no issue
no problem
no dramas
no bother
no bother at all
sounds grand
that's grand
thats grand
that is grand
all grand
no problems
no concerns
no questions
no corrections
no edits
not a problem
i have nothing to add
we have nothing to add
nothing to change
all points confirmed
yes to all of it
we will proceed
we'll proceed
please proceed
let's proceed
i confirm the contents
i confirm all the points
all the points
all points
i confirm the above is an accurate record of our discussion
yes to all
signed off
sign off
""",
    "de": """
vollständig und korrekt
die angaben sind vollständig und korrekt
die angaben sind korrekt
die angaben stimmen
so machen wir das
so machen wir es
so machen wir's
das entspricht unserem gespräch
entspricht unserem gespräch
entspricht unserer vereinbarung
entspricht dem besprochenen
das entspricht dem besprochenen
so wie besprochen
das haben wir so besprochen
so haben wir es abgemacht
so ist es abgemacht
ich bestätige die zusammenfassung
bestätige die zusammenfassung
genau so haben wir es besprochen
so haben wir es besprochen
so war es besprochen
so ist es richtig
das ist so richtig
alles in ordnung
ist in ordnung
passt perfekt
passt genau
alles passt
keine einwände meinerseits
nichts einzuwenden
ich habe nichts einzuwenden
keine korrekturen
einverstanden mit allem
volle zustimmung
zustimmung
ich stimme zu
wir stimmen zu
ja
jawohl
jep
jo
bestätigt
bestätige
ich bestätige
wir bestätigen
hiermit bestätige ich
hiermit bestätigen wir
bestätigen wir die vereinbarung
die vereinbarung in allen punkten
in allen punkten
korrekt
richtig
das ist richtig
das ist korrekt
alles korrekt
alles richtig
stimmt
stimmt so
das stimmt
genau
genau so
genau so war es
passt
passt so
passt alles
passt für mich
das passt
alles klar
alles gut
alles bestens
einverstanden
ich bin einverstanden
wir sind einverstanden
in ordnung
geht klar
klingt gut
sieht gut aus
perfekt
super
prima
abgemacht
so machen wir es
so haben wir es besprochen
so haben wir es vereinbart
so ist es
wie besprochen
wie vereinbart
keine einwände
keine einwände von meiner seite
keine anmerkungen
nichts hinzuzufügen
nichts zu ergänzen
gibt es nichts zu ergänzen
es gibt nichts zu ergänzen
gibt es nichts hinzuzufügen
keine änderungen
kein problem
keine fragen
von meiner seite passt alles
""",
    "fr": """
c'est carré
cela correspond exactement à ma compréhension
cela correspond à ma compréhension
cela correspond à nos échanges
correspond à nos échanges
correspond bien à nos échanges
correspond à ma compréhension
correspond exactement à ma compréhension
correspond bien à ma compréhension
cela correspond exactement
conforme à nos échanges
conforme à ma compréhension
c'est conforme à ce que nous avons dit
conforme à ce que nous avons dit
conforme à ce que nous avons convenu
c'est bien ce qui a été convenu
ce qui a été convenu
c'est ce que nous avons dit
c'est ce que nous avons convenu
comme convenu
comme nous l'avons dit
comme nous l'avons convenu
rien à signaler
je suis d'accord
nous sommes d'accord
je suis d'accord avec tout
c'est juste
tout est juste
tout à fait exact
c'est tout à fait ça
ça me convient
cela me convient
ça nous convient
c'est ok pour moi
je valide le récapitulatif
bien d'accord
parfaitement d'accord
aucun problème
aucune correction
rien à corriger
oui
ouais
confirmé
confirmée
je confirme
je vous confirme
nous confirmons
je confirme l'ensemble des points
l'ensemble des points
d'accord
d'accord sur tout
tout à fait d'accord
ok pour moi
ok pour nous
c'est ok
c'est bon
c'est bon pour moi
c'est bon pour nous
tout est bon
tout est bon pour moi
c'est correct
c'est exact
tout est exact
tout est correct
tout est juste
exact
exactement
parfait
c'est parfait
entendu
très bien
ça marche
ca marche
ça me va
ca me va
ça nous va
tout à fait
validé
c'est validé
je valide
bon pour accord
c'est bien ça
c'est ça
c'est conforme
conforme
c'est conforme à notre échange
c'est conforme à nos échanges
c'est bien ce que nous avons convenu
c'est exactement ce que nous nous sommes dit
de votre message
de votre résumé
votre récapitulatif
aucune objection
aucune remarque
pas de remarque
pas de remarques
rien à ajouter
rien à redire
aucun souci
pas de souci
pas de problème
sans problème
""",
    "es": """
sin objeciones por nuestra parte
sin objeciones por mi parte
coincide con lo que entendí
coincide con lo que hablamos
coincide con lo acordado
coincide con mi entendimiento
queda todo como lo hablamos
todo como lo hablamos
así lo acordamos
eso es lo que hablamos
es lo que hablamos
es lo que acordamos
lo que acordamos
tal como lo acordamos
como acordamos
como lo hablamos
está todo bien
todo está bien
de acuerdo con el resumen
de acuerdo con todo lo anterior
estoy de acuerdo con todo
es así
es exactamente así
todo en orden
sin cambios
nada que corregir
me parece correcto
nos parece correcto
totalmente de acuerdo
correcto todo
sí
si
confirmado
confirmada
confirmo
confirmamos
de acuerdo
de acuerdo con todo
estoy de acuerdo
estamos de acuerdo
correcto
es correcto
todo correcto
está todo correcto
perfecto
todo perfecto
está bien
todo bien
me parece bien
nos parece bien
me parece perfecto
exacto
así es
está clavado
clavado
tal como dices
tal y como dices
conforme
claro
claro que sí
todo ok
ok por mi parte
así lo hablamos
es lo que hablamos
tal como lo hablamos
sin objeciones
ninguna objeción
nada que añadir
nada que objetar
perfecto así
así está bien
sin problema
ningún problema
""",
    "it": """
è quello che abbiamo concordato
quello che abbiamo concordato
come abbiamo detto
è quanto concordato
quanto concordato
come d'accordo
per me va bene
per noi va bene
tutto a posto
è tutto a posto
sono d'accordo su tutto
siamo d'accordo
è così
esattamente così
niente da correggere
nulla da correggere
nessuna modifica
approvo
confermo quanto sopra
sì
si
confermato
confermata
confermo
confermiamo
confermo tutto
con la presente confermo
con la presente confermiamo
con la presente confermo l'accordo
quanto riportato nel suo riepilogo
come da lei riepilogato
come da te riepilogato
come riepilogato
d'accordo
d'accordo su tutto
sono d'accordo
va bene
va benissimo
va bene così
va benissimo così
perfetto
corretto
è corretto
tutto corretto
è tutto corretto
esatto
esattamente
tutto ok
tutto bene
tutto giusto
giusto
confermo l'accordo
che corrisponde agli accordi presi
corrisponde agli accordi presi
come concordato
nessuna obiezione
nessun problema
nulla da aggiungere
niente da aggiungere
nessuna osservazione
""",
    "pt": """
sem qualquer objeção
confere
confere tudo
tudo confere
negócio fechado
foi isso que combinamos
isso que combinamos
é o que combinamos
o que combinamos
como combinado
conforme combinado
como combinamos
está tudo certo
tudo certo por aqui
concordo com tudo
estou de acordo com tudo
é isso aí
exatamente isso
nada a corrigir
sem alterações
sem ressalvas
aprovado por mim
de acordo com o resumo
tudo correto
sim
confirmado
confirmada
confirmo
confirmamos
de acordo
estou de acordo
concordo
correto
está correto
tudo certo
ta certo
tá certo
está certo
certinho
perfeito
combinado
fechado
aprovado
tudo ok
tudo bem
é isso
é isso mesmo
é isso mesmo que combinamos
isso mesmo
exatamente
reflete corretamente o que foi acordado
nada a acrescentar
sem objeções
nenhuma objeção
sem problemas
pode seguir
o resumo
que o resumo
em nossa reunião de hoje
na nossa reunião
""",
    "nl": """
zo gaan we het doen
zo doen we het
zo gaan we het doen dan
zo hebben we het besproken
zoals besproken
zoals afgesproken
dat hebben we afgesproken
klopt allemaal
alles klopt
dat is juist
juist
helemaal akkoord
akkoord met de samenvatting
ik ga akkoord met alles
niets op aan te merken
geen opmerkingen van mijn kant
prima zo
in orde
ja
akkoord
akkoord met alles
ik ga akkoord
klopt
dat klopt
klopt helemaal
bevestigd
ik bevestig
helemaal goed
in orde
afgesproken
prima
prima zo
perfect
correct
dat is correct
zo hebben we het afgesproken
zo is het
geen bezwaar
geen bezwaren
geen op of aanmerkingen
geen opmerkingen
niets toe te voegen
geen probleem
""",
    "pl": """
wszystko jak ustaliliśmy
jak ustaliliśmy
zgodne z moim rozumieniem
jest zgodne z moim rozumieniem
zgodne z moim rozumieniem ustaleń
zgodne z ustaleniami
dokładnie tak ustaliliśmy
tak jak rozmawialiśmy
tak jak ustaliliśmy
zgadzam się ze wszystkim
wszystko się zgadza
wszystko jest w porządku
jest w porządku
wszystko jasne i zgodne
zgodnie z ustaleniami
potwierdzam ustalenia
akceptuję wszystko
nie mam zastrzeżeń
bez zastrzeżeń
tak
potwierdzam
potwierdzam powyższe ustalenia
potwierdzam powyższe ustalenia w całości
potwierdzone
zgadza się
zgadzam się
zgoda
jasne
dokładnie
wszystko się zgadza
wszystko ok
w porządku
tak właśnie ustaliliśmy
tak ustaliliśmy
akceptuję
akceptujemy
nie mam uwag
bez uwag
brak uwag
nie mamy uwag
nie mam zastrzeżeń
""",
    "sv": """
det är som vi kom överens om
som vi kom överens om
vi kom överens om
som överenskommet
som vi sa
det är i sin ordning
i sin ordning
allt är korrekt
det är korrekt
det är rätt
stämmer precis
jag håller med
vi är överens om allt
inga ändringar
ja
japp
jajamän
bekräftat
bekräftar
jag bekräftar
stämmer
det stämmer
stämmer bra
allt stämmer
helt rätt
rätt
korrekt
godkänt
godkänner
överens
vi är överens
perfekt
låter bra
inga invändningar
inget att tillägga
inga synpunkter
""",
    "no": """
som avtalt
som vi ble enige om
det er i orden
i orden
det er korrekt
det er riktig
alt stemmer
jeg er enig
vi er enige
ingen endringer
ja
bekreftet
bekrefter
stemmer
det stemmer
stemmer bra
stemmer bra det
helt riktig
riktig
korrekt
godkjent
perfekt
høres bra ut
ingen innvendinger
ingenting å legge til
""",
    "da": """
ingen indvendinger herfra
ingen indvendinger fra min side
ingen indvendinger fra vores side
det er helt korrekt
helt korrekt
som aftalt
som vi aftalte
det er i orden
i orden
det er korrekt
alt er korrekt
det stemmer
jeg er enig
vi er enige
ingen ændringer
ja
bekræftet
bekræfter
det passer
passer
helt rigtigt
rigtigt
korrekt
godkendt
perfekt
lyder godt
ingen indvendinger
intet at tilføje
""",
    "ja": """
内容すべてokです
すべてokです
全部okです
内容すべてok
内容はすべて合意したとおりで問題ございません
合意したとおりで問題ございません
合意したとおりです
すべて問題ございません
すべて問題ありません
全て問題ございません
全て問題ありません
全部その通りです
全部その通りで大丈夫です
その通りで大丈夫です
記載の内容で相違ございません
内容で相違ございません
記載の内容で問題ございません
記載の内容で問題ありません
その内容で問題ありません
この内容で問題ございません
その内容で問題ございません
問題ございません
問題ありませんでした
相違ないです
相違ありませんでした
内容に相違ありません
内容に問題ございません
内容に問題ありません
異議ございません
了承です
合意です
この内容で進めてください
その内容で進めてください
了解です、その内容でokです
この内容でokです
この内容で問題ありません
その内容でokです
その内容で問題ありません
内容でokです
okです
問題ありません
問題ございません
問題ないです
問題ない
相違ありません
相違ございません
記載のとおりで相違ございません
合意します
合意いたします
上記内容にて合意いたします
合意とさせていただきます
本メールをもって合意とさせていただきます
異議ありません
異存ありません
異存ございません
承認します
了承しました
了承いたしました
その通りです
そのとおりです
間違いありません
大丈夫です
""",
    "zh": """
全部没问题
都没问题
全都没问题
都确认无误
我都确认无误
以上内容我都确认无误
确认以上内容
就按邮件里说的办
按邮件里说的办
按你说的办
就这么办
没有问题
确认没有问题
内容无误
无误
没有意见
没意见
完全正确
正确
对的
是的没错
没错
赞同
是的
对
确认
确认无误
没问题
没有问题
同意
我同意
可以
好的没问题
完全同意
就按这个执行
按邮件内容执行
按这个来
没有异议
没有补充
我们这边没有补充
无异议
一致
准确
""",
}

WEAK = {
    "*": """
👍
👌
🙌
✅
✔
☑
🤝
💯
🆗
""",
}

ACK = {
    "en": """
fair enough
ok
okay
okey
noted
ok noted
duly noted
received
well received
got it
understood
will do
sure
fine
cool
great
thanks received
message received
acknowledged
""",
    "de": """
ok
okay
zur kenntnis genommen
erhalten
verstanden
notiert
gut
na gut
na schön
""",
    "fr": """
ok
bien reçu
reçu
noté
c'est noté
bien noté
c'est bien noté
compris
""",
    "es": """
ok
recibido
entendido
anotado
vale
""",
    "it": """
ok
ricevuto
ok ricevuto
capito
preso nota
""",
    "pt": """
ok
recebido
entendido
anotado
pode ser
""",
    "nl": """
ok
oké
ontvangen
genoteerd
begrepen
goed
""",
    "pl": """
ok
przyjąłem
przyjęłam
otrzymałem
otrzymałam
zrozumiałem
niech będzie
""",
    "sv": """
ok
okej
toppen
okej då
noterat
mottaget
uppfattat
""",
    "no": """
ok
greit
notert
mottatt
forstått
""",
    "da": """
ok
noteret
modtaget
forstået
""",
    "ja": """
はい
承知しました
承知いたしました
内容承知いたしました
了解しました
了解です
了解
確認しました
各項目について確認しました
内容確認しました
内容、確認しました
受け取りました
かしこまりました
""",
    "zh": """
好的
收到
知道了
了解
明白
好
""",
}

GREET = {
    "en": """
hi
hello
hey
dear
hi there
good morning
good afternoon
good evening
hiya
""",
    "de": """
hallo
hi
liebe
lieber
sehr geehrte
sehr geehrter
moin
servus
guten morgen
guten tag
""",
    "fr": """
bonjour
bonsoir
salut
cher
chère
monsieur
madame
mme
""",
    "es": """
hola
buenos días
buenas tardes
buenas
estimado
estimada
querido
querida
""",
    "it": """
ciao
buongiorno
buonasera
gentile
gentilissima
gentilissimo
caro
cara
salve
ssa
""",
    "pt": """
olá
oi
prezado
prezada
bom dia
boa tarde
caro
cara
""",
    "nl": """
hoi
hallo
beste
goedemorgen
goedemiddag
hey
""",
    "pl": """
cześć
czesc
dzień dobry
witam
szanowny
szanowna
szanowni
hej
""",
    "sv": """
hej
hejsan
tjena
god morgon
""",
    "no": """
hei
hallo
god morgen
""",
    "da": """
hej
kære
god morgen
""",
    "ja": """
様
さん
様へ
御中
殿
各位
""",
    "zh": """
你好
您好
各位
""",
}

THANKS = {
    "en": """
thankyou
thankyou so much
for sending
for sending this
for sending it
for sending this over
for sending it over
for putting this together
for putting it together
for pulling this together
for writing this up
for writing it up
for organising this
for organizing this
for arranging this
for taking the time
for the productive session
for the productive meeting
for the productive call
thanks for sending
thank you for sending
thank you for sending this
thanks for sending this over
thanks for sorting this out
thanks for sorting all of this out
thanks for sorting it out
thanks for sorting everything out
thank you for sorting this out
thanks
thank you
thanks a lot
thanks so much
thank you so much
thank you very much
many thanks
much appreciated
appreciated
thx
thnks
thnx
ty
tks
cheers
thanks again
thanks for the summary
thanks for the write up
thanks for writing it up
thanks for writing this up
thanks for sending this
thanks for sending this through
thank you for the summary
thank you for preparing the summary
thanks for the recap
""",
    "de": """
danke
danke dir
danke ihnen
danke schön
dankeschön
vielen dank
vielen lieben dank
lieben dank
ganz lieben dank
besten dank
herzlichen dank
vielen dank für ihre zusammenfassung
danke für die zusammenfassung
vielen dank für die zusammenfassung
""",
    "fr": """
merci pour ce résumé
merci
merci beaucoup
merci bien
merci à vous
mille mercis
merci pour le message
merci pour votre message
merci pour ce récapitulatif
merci pour le récapitulatif
merci pour le résumé
""",
    "es": """
por la reunión
por el resumen
por el resumen tan claro
muchas gracias por la reunión
gracias por el resumen
gracias
muchas gracias
mil gracias
""",
    "it": """
grazie per il riepilogo
grazie
grazie mille
grazie ancora
ti ringrazio
la ringrazio
""",
    "pt": """
pela reunião
pelo resumo tão claro
muito obrigado pela reunião
muito obrigada pela reunião
obg
obrigado pelo resumo
obrigada pelo resumo
obrigado
obrigada
muito obrigado
muito obrigada
valeu
obrigado por mandar o resumo
obrigada por mandar o resumo
pelo resumo
""",
    "nl": """
bedankt voor de samenvatting
bedankt
dank je
dank je wel
dank u
dank u wel
thanks
""",
    "pl": """
dzięki za podsumowanie
dziękuję za podsumowanie
dzięki
dziękuję
dziękuje
dziekuje
dziękujemy
serdecznie dziękuję
""",
    "sv": """
tack för sammanfattningen
tack
tack så mycket
tusen tack
""",
    "no": """
takk for oppsummeringen
takk
tusen takk
takk skal du ha
""",
    "da": """
tak for opsummeringen
tak
mange tak
tusind tak
""",
    "ja": """
ご丁寧にまとめていただき
まとめていただき
おまとめいただき
おまとめいただきありがとうございます
ご連絡ありがとうございます
まとめていただきありがとうございます
取りまとめいただきありがとうございます
ご確認ありがとうございます
ありがとうございます
ありがとうございました
誠にありがとうございました
ありがとう
""",
    "zh": """
感谢安排
谢谢安排
感谢您的安排
谢谢你的安排
谢谢总结
谢谢你的总结
谢谢您的总结
谢谢
多谢
感谢
谢谢整理
辛苦了
""",
}

SIGNOFF = {
    "en": """
x
xx
xxx
best
best regards
kind regards
warm regards
warmest regards
regards
all the best
best wishes
br
brgds
rgds
sincerely
yours sincerely
yours
cheers
speak soon
""",
    "de": """
viele grüße
beste grüße
liebe grüße
grüße
gruß
gruss
mit freundlichen grüßen
freundliche grüße
schöne grüße
lg
vg
mfg
viele grüsse
beste grüsse
schönen feierabend
""",
    "fr": """
cordialement
bien cordialement
bien à vous
bien à toi
salutations
amitiés
bonne journée
bonne soirée
bonne fin de journée
à bientôt
veuillez agréer
veuillez agréer monsieur mes salutations distinguées
mes salutations distinguées
""",
    "es": """
saludos
un saludo
saludos cordiales
atentamente
un abrazo
abrazos
""",
    "it": """
saluti
cordiali saluti
distinti saluti
a presto
un saluto
buona giornata
""",
    "pt": """
abraço
abraços
abs
atenciosamente
cumprimentos
saudações
att
""",
    "nl": """
groeten
groet
met vriendelijke groet
vriendelijke groeten
hartelijke groet
mvg
""",
    "pl": """
pozdrawiam
pozdrowienia
z poważaniem
serdecznie pozdrawiam
""",
    "sv": """
hälsningar
mvh
vänliga hälsningar
med vänlig hälsning
ha det bra
""",
    "no": """
hilsen
mvh
vennlig hilsen
med vennlig hilsen
""",
    "da": """
hilsen
mvh
venlig hilsen
med venlig hilsen
""",
    "ja": """
よろしくお願いいたします
よろしくお願いします
よろしくお願い申し上げます
今後ともどうぞよろしくお願い申し上げます
今後ともよろしくお願いいたします
引き続きよろしくお願いいたします
以上
以上です
""",
    "zh": """
此致
敬礼
祝好
顺祝商祺
祝顺利
""",
}

# "below" and its kin point at the quoted summary ("the points below"); changes made there
# are found by comparing the quote with what was sent (``mail.classify.quote_edit``), and
# "see below" or "answers below" for answers in the quote is a pointer (POINTER). Words for
# comments or answers are watched (``lexicon_broad.WATCH``), so "Agreed, comments below" is
# not let pass as small talk.
NEUTRAL = {
    "en": """
my understanding
my understanding is
as i understand it
as i understand it then
to recap
quick recap
just to recap
to sum up
to summarise
to summarize
in my own words
in my words
in other words
just to say it back
to say it back
saying it back
reading it back
just so i've got it straight
so i've got it straight
so we're on the same page
just so we're on the same page
for the record
for my records
for our records
for the books
for our books
the sums on my side
worked it out
i worked it out
i.e.
once a day
once a week
once a month
once a year
once per week
once per month
ma'am
maam
sir
below
gone through it
i've gone through it
i have gone through it
read through it
i've read through it
looked through it
i've checked it
sorry for the slow reply
sorry for the late reply
sorry for the delay
sorry for the delayed reply
apologies for the delay
apologies for the late reply
on my end
on our end
from me
from my end
from our end
here
all of that
all of the above
everything above
on all counts
needed
summary
summarised
summarized
recap
write up
write-up
conversation
discussion
meeting
call
email
message
points
terms
details
the terms
each
every
per
allowed
included
i
me
my
we
us
our
you
your
it
its
it's
it is
this
this is
that
that's
thats
that is
they
they are
they're
these
those
the
a
an
to
of
in
on
at
for
with
by
from
as
into
about
is
are
was
were
be
been
am
i'm
we're
you're
i've
we've
you've
i'll
we'll
you'll
it'll
will
do
does
have
has
had
and
so
all
everything
both
here
there
now
you too
to you too
you both too
meet you too
see you too
great to meet you too
great to see you too
nice to meet you too
nice to see you too
good to meet you too
good to see you too
lovely to meet you too
lovely to see you too
very
really
indeed
totally
fully
completely
entirely
of course
well
oh
summary
your summary
the summary
the above
above
read it
i've read it
i've read it twice
talk soon
from my side
from our side
on my side
on our side
as above
cover
we cover
pay
pays
deliver
provide
bring
own
owns
keeps
run
runs
checked
i checked
prepare
we will prepare
we'll prepare
proceed
pick up
we'll pick up
we will pick up
expect
i'll expect
put
get
let's get
send
i'll send
we'll send
start
begin
set up
book
plan
arrange
handle
take care of
pass
share
file
remind
reminder
a reminder
calendar
diary
keep
hold
holding
count on
rely on
follow up
text
come round
come over
no pressure
for writing it up
for writing this up
for the write up
for the summary
for the quick summary
for the recap
for sending this
for sending it
for the call
for today
for the call today
for the call of today
for the meeting today
for the call this afternoon
for the call this morning
for your time today
for the time
for your message
for the message
of our discussion
our discussion
of your summary
your summary
the contents
please
hope
i hope
genuinely
""",
    "de": """
zur sicherheit
in meinen worten
in meinen eigenen worten
zusammengefasst
kurz zusammengefasst
ich fasse zusammen
ich fasse kurz zusammen
nochmal zur sicherheit
für unsere buchhaltung
für die buchhaltung
für meine unterlagen
das heißt
d.h.
unten
sorry für die späte antwort
entschuldige die späte antwort
entschuldigen sie die späte antwort
zusammenfassung
die zusammenfassung
ihre zusammenfassung
deine zusammenfassung
gespräch
unser gespräch
unseres gesprächs
besprechung
punkte
alle punkte
meinerseits
unsererseits
ich
haben
habe
hat
wird
werden
sein
jeden
jede
pro
wir
sie
es
das
der
die
den
dem
ein
eine
und
ist
sind
so
für
mit
von
zu
uns
mir
dir
ihnen
dich
alles
ganz
sehr
hier
wie
von meiner seite
von unserer seite
""",
    "fr": """
je récapitule
pour récapituler
en résumé
si je résume
pour être sûr
pour être sûre
en mes propres mots
avec mes mots
autrement dit
c'est-à-dire
pour mes comptes
pour la compta
donc
ci-dessous
désolé pour le retard
désolée pour le retard
pardon pour le retard
résumé
le résumé
récapitulatif
le récapitulatif
échange
notre échange
conversation
notre conversation
discussion
points
tous les points
chaque
tous les
chaque soir
par
je
j'ai
nous
vous
tu
c'est
ce
cela
ça
le
la
les
un
une
des
de
du
à
au
aux
en
et
est
pour
par
avec
sur
mon
ma
mes
notre
nos
votre
vos
tout
tous
toute
toutes
bien
très
de mon côté
de notre côté
pour nous
pour moi
""",
    "es": """
lo repaso
repaso
para repasar
resumiendo
en resumen
recapitulando
para que quede claro
para estar seguro
para estar segura
en mis palabras
con mis palabras
es decir
para la contabilidad
o sea
abajo
perdón por la demora
disculpa la demora
disculpe la demora
resumen
el resumen
conversación
nuestra conversación
reunión
la reunión
puntos
todos los puntos
cada
por persona
yo
nosotros
usted
lo
la
el
los
las
un
una
de
del
a
al
en
y
es
por
para
con
todo
toda
todos
muy
me
te
nos
mi
por nuestra parte
por mi parte
""",
    "it": """
riepilogo
riepilogo per sicurezza
per sicurezza
ricapitolando
riassumendo
in sintesi
con parole mie
cioè
per la contabilità
quindi
sotto
scusa il ritardo
scusate il ritardo
mi scusi per il ritardo
riepilogo
il riepilogo
conversazione
riunione
punti
tutti i punti
ogni
io
noi
lei
lo
la
il
gli
le
un
una
di
del
della
a
al
in
e
è
per
con
tutto
tutti
molto
mi
ci
anche per me
da parte mia
da parte nostra
""",
    "pt": """
recapitulando
resumindo
em resumo
só para confirmar
por minhas palavras
com as minhas palavras
ou seja
isto é
para a contabilidade
então
abaixo
desculpe a demora
desculpa a demora
resumo
conversa
nossa conversa
reunião
pontos
todos os pontos
cada
com
em
eu
nós
você
o
a
os
as
um
uma
de
do
da
em
no
na
e
é
para
por
com
tudo
muito
me
te
nos
meu
minha
nosso
nossa
""",
    "nl": """
even in mijn eigen woorden
in mijn eigen woorden
in mijn woorden
samengevat
kort samengevat
voor de zekerheid
oftewel
voor de boekhouding
voor mijn administratie
hieronder
sorry voor de late reactie
excuses voor de late reactie
samenvatting
de samenvatting
gesprek
ons gesprek
punten
alle punten
elke
per
ik
wij
we
jij
je
u
het
de
een
en
is
zijn
van
voor
met
op
aan
te
dat
dit
alles
heel
zo
""",
    "pl": """
powtórzę
podsumowując
w skrócie
dla pewności
moimi słowami
czyli
dla księgowości
czyli
poniżej
przepraszam za opóźnienie
przepraszam za zwłokę
podsumowanie
podsumowania
rozmowa
rozmowy
ustalenia
punkty
wszystkie punkty
to
jest
wszystko
bardzo
i
w
na
z
do
mi
mnie
nam
z mojej strony
z naszej strony
""",
    "sv": """
nedan
förlåt för sent svar
ursäkta sent svar
sammanfattningen
sammanfattning
samtalet
punkter
alla punkter
jag
vi
du
ni
det
den
en
ett
och
är
för
med
på
till
allt
mycket
från min sida
från vår sida
""",
    "no": """
nedenfor
beklager sent svar
oppsummeringen
oppsummering
samtalen
punkter
jeg
vi
du
det
den
en
et
og
er
for
med
på
til
alt
veldig
""",
    "da": """
nedenfor
undskyld det sene svar
opsummeringen
opsummering
samtalen
punkter
jeg
vi
du
det
den
en
et
og
er
for
med
på
til
alt
meget
""",
    "ja": """
記載いただいた内容にて
記載の内容にて
記載いただいた内容で
いただき
いただきます
いただきました
いただいた
いただけます
いたします
いたしました
ございます
ございました
ください
します
しました
ました
でした
ます
まず
返信が遅くなり申し訳ありません
ご返信が遅くなり申し訳ございません
平素より大変お世話になっております
平素より大変お世話になっております
いつもお世話になっております
お世話になっております
大変お世話になっております
本日はお打ち合わせのお時間をいただき
誠にありがとうございました
先日はお打ち合わせいただき
ご送付いただきました内容につき
ご送付いただきました決定事項につきまして
弊社にて確認いたしましたところ
ので
です
でございます
の
は
が
を
に
で
と
も
ね
よ
内容
上記
""",
    "zh": """
抱歉回复晚了
不好意思回复晚了
我们这边
我这边
的
了
我
我们
你
您
这个
邮件内容
加油
""",
}

RISK = {
    "negation": {
        "en": """
no
nope
not
never
nothing
none
don't
dont
doesn't
didn't
isn't
aren't
wasn't
weren't
can't
cannot
cant
won't
wouldn't
shouldn't
couldn't
haven't
hasn't
disagree
wrong
incorrect
inaccurate
not quite
not exactly
not really
unable
""",
        "de": """
nein
nicht
kein
keine
keinen
keiner
nie
niemals
falsch
stimmt nicht
""",
        "fr": """
non
ne
n'est
n'ai
n'a
n'y
pas
jamais
aucun
aucune
faux
""",
        "es": """
no
nunca
ninguno
ninguna
incorrecto
""",
        "it": """
no
non
mai
nessuno
nessuna
sbagliato
""",
        "pt": """
não
nao
nunca
nenhum
nenhuma
errado
""",
        "nl": """
nee
niet
geen
nooit
""",
        "pl": """
nie
nigdy
żaden
żadna
""",
        "sv": """
nej
inte
aldrig
ingen
inget
inga
""",
        "no": """
nei
ikke
aldri
ingen
ingenting
""",
        "da": """
nej
ikke
aldrig
ingen
intet
""",
        "ja": """
ません
ない
ず
いいえ
違います
異なります
しておりません
ていない
""",
        "zh": """
不
没
没有
不是
未
别
不对
不太对
""",
    },
    "contrast": {
        "en": """
but
however
although
though
except
excepting
apart from
besides
other than
yet
still
whereas
nevertheless
""",
        "de": """
aber
jedoch
allerdings
außer
ausser
bis auf
sondern
trotzdem
doch
""",
        "fr": """
mais
cependant
toutefois
pourtant
sauf
sinon
excepté
hormis
""",
        "es": """
pero
sino
excepto
salvo
sin embargo
aunque
menos
""",
        "it": """
ma
però
tranne
tuttavia
eccetto
salvo
anche se
""",
        "pt": """
mas
porém
exceto
contudo
embora
salvo
""",
        "nl": """
maar
behalve
echter
alleen
""",
        "pl": """
ale
jednak
oprócz
poza
lecz
z wyjątkiem
""",
        "sv": """
men
utom
förutom
dock
bortsett
""",
        "no": """
men
unntatt
bortsett
likevel
""",
        "da": """
men
undtagen
bortset
dog
""",
        "ja": """
ただ
ただし
しかし
ですが
けれど
けど
ものの
を除き
""",
        "zh": """
但
但是
不过
只是
除了
然而
可是
""",
    },
    "condition": {
        "en": """
barring
barring any
if all goes well
all going well
touch wood
if
unless
permitting
weather permitting
weather allowing
time permitting
all being well
god willing
provided
providing
assuming
as long as
on condition
subject to
conditional
depending
depends
once
in case
when
pending
awaiting
""",
        "de": """
wenn
falls
sofern
vorausgesetzt
unter der bedingung
soweit
vorbehaltlich
wetterabhängig
je nach wetter
""",
        "fr": """
si
à condition
pourvu
sous réserve
à moins
sous condition
selon la météo
météo permettant
""",
        "es": """
siempre que
con tal
si
a menos
siempre y cuando
condición
pendiente
""",
        "it": """
se
a condizione
purché
sempre che
tempo permettendo
meteo permettendo
qualora
in attesa
""",
        "pt": """
se
desde que
contanto
caso
condição
pendente
""",
        "nl": """
mits
als
tenzij
afhankelijk van het weer
indien
op voorwaarde
onder voorbehoud
""",
        "pl": """
jeśli
jeżeli
pod warunkiem
o ile
gdyby
""",
        "sv": """
om
förutsatt
under förutsättning
såvida
i väntan på
""",
        "no": """
hvis
forutsatt
såfremt
dersom
""",
        "da": """
hvis
forudsat
såfremt
""",
        "ja": """
場合
なら
条件
前提
限り
""",
        "zh": """
如果
前提
前提是
条件
只要
若
的话
""",
    },
    "hedge": {
        "en": """
as noted
informally
unofficially
interim
ad interim
short-term
short term
mutatis mutandis
orally
verbally
off the record
month to month
month-to-month
think
i think
guess
i guess
believe
i believe
assume
suppose
maybe
perhaps
probably
possibly
likely
should
should be
might
may
could
seems
seem
about right
roughly
more or less
in principle
in general
generally
broadly
mostly
largely
almost
nearly
as far as i can see
as far as i know
i suppose
sort of
kind of
whatever
if you say so
approximately
basically
hopefully
aim to
aiming to
aim for
we'll aim
try to
trying to
we'll try
i'll try
do our best
do my best
best efforts
ideally
realistically
target
targeting
pencilled
penciled
pencilled in
tentatively
tentative
provisionally
provisional
hope to
plan to
planning to
expect to
with luck
""",
        "de": """
wie vermerkt
informell
inoffiziell
mündlich
glaube
vielleicht
wahrscheinlich
müsste
sollte
grundsätzlich
im prinzip
eigentlich
im großen und ganzen
ungefähr
fast
meines erachtens
wohl
meinetwegen
ziel ist
versuchen
versuche
angepeilt
anpeilen
möglichst
nach möglichkeit
vorläufig
""",
        "fr": """
officieusement
oralement
informellement
peut-être
peut être
probablement
je pense
je crois
en principe
a priori
normalement
devrait
semble
à peu près
plus ou moins
presque
on vise
viser
visons
essayer
essaierons
on essaie
tenter
dans la mesure du possible
provisoirement
""",
        "es": """
informalmente
extraoficialmente
creo
quizás
quizá
tal vez
en principio
probablemente
debería
parece
más o menos
casi
como veas
supongo
intentaremos
intentar
procuraremos
procurar
en lo posible
provisionalmente
""",
        "it": """
informalmente
ufficiosamente
penso
credo
forse
probabilmente
in linea di massima
in linea di principio
sembra
mi sembra
dovrebbe
più o meno
quasi
in teoria
cercheremo
proveremo
puntiamo
per quanto possibile
provvisoriamente
""",
        "pt": """
informalmente
oficiosamente
acho
talvez
provavelmente
em princípio
em tese
deveria
parece
mais ou menos
quase
tentaremos
vamos tentar
tentar
na medida do possível
provisoriamente
""",
        "nl": """
informeel
mondeling
denk
misschien
waarschijnlijk
in principe
moet kunnen
zou
lijkt
ongeveer
bijna
proberen
we proberen
streven
streven naar
zo mogelijk
voorlopig
""",
        "pl": """
chyba
może
raczej
w zasadzie
myślę
prawie
mniej więcej
w sumie
postaramy się
spróbujemy
postaram się
spróbuję
""",
        "sv": """
kanske
troligen
nog
i princip
i stort
tror
borde
ungefär
nästan
""",
        "no": """
kanskje
sannsynligvis
nok
i prinsippet
tror
burde
omtrent
nesten
""",
        "da": """
måske
sandsynligvis
nok
i princippet
tror
burde
cirka
næsten
""",
        "ja": """
おそらく
たぶん
多分
と思います
と思う
かもしれ
基本的に
はず
おおむね
ほぼ
""",
        "zh": """
应该
可能
大概
差不多
吧
也许
原则上
基本上
好像
似乎
行吧
""",
    },
    "defer": {
        "en": """
check
check with
get back
get back to you
come back
revert
let me
will see
run it by
run it past
consult
ask
tomorrow
next week
later
wait
look at it
think about it
thinking
need to
have to
pass it
forwarding
""",
        "de": """
klären
abstimmen
stimme das noch
melde mich
prüfen
schaue
schaue ich mir
morgen
nächste woche
später
rücksprache
erst
""",
        "fr": """
vérifier
revenir
reviens
je transmets
transmettre
demain
plus tard
consulter
""",
        "es": """
consultar
confirmar con
revisar
mañana
más tarde
te digo
te confirmo
""",
        "it": """
controllare
verificare
faccio vedere
far vedere
domani
più tardi
ti faccio sapere
""",
        "pt": """
verificar
alinhar
retorno
te retorno
amanhã
depois
preciso
""",
        "nl": """
checken
check
terugkomen
kom er
voorleggen
leg het
morgen
later
""",
        "pl": """
sprawdzę
wrócę
odezwę
jutro
później
skonsultuję
""",
        "sv": """
kolla
återkommer
återkomma
stämmer av
stämma av
imorgon
senare
spikar
""",
        "no": """
sjekke
sjekker
kommer tilbake
i morgen
senere
""",
        "da": """
tjekke
tjekker
vender tilbage
i morgen
senere
""",
        "ja": """
確認して
確認のうえ
改めて
ご連絡いたします
明日
検討
上長に
""",
        "zh": """
确认一下
回复你
明天
再说
考虑
商量
老板
等
""",
    },
    "change": {
        "en": """
change
changes
changed
correction
corrections
edit
edits
edited
fix
adjust
adjusted
update
updated
instead
rather
actually
revise
rephrase
remove
move
moved
marked
inline
correct it
please correct
amend
swap
waived
waive
waiving
scrapped
cancelled
canceled
halved
doubled
discounted
written off
""",
        "de": """
korrektur
erlassen
gestrichen
storniert
ändern
geändert
änderung
statt
anstatt
angepasst
korrigiert
""",
        "fr": """
correction
corrections
modifier
modifié
au lieu
plutôt
changement
""",
        "es": """
corrección
cambiar
cambio
en lugar
en vez
modificar
corregir
""",
        "it": """
correzione
modificare
modificato
invece
cambiare
""",
        "pt": """
correção
alterar
mudou
mudar
em vez
ajustar
""",
        "nl": """
aanpassing
wijzigen
gewijzigd
in plaats van
aangepast
""",
        "pl": """
poprawka
poprawką
zmiana
zamiast
poprawki
""",
        "sv": """
ändrat
ändra
istället
rättelse
nedan
""",
        "no": """
endret
endre
i stedet
rettelse
nedenfor
""",
        "da": """
ændret
ændre
i stedet
rettelse
nedenfor
""",
        "ja": """
修正
変更
ではなく
訂正
改め
""",
        "zh": """
改
修改
更正
而是
变更
调整
改成
""",
    },
    "addition": {
        "en": """
too
on you
on us
on me
at your cost
at your expense
at our cost
you pay
you cover
also
plus
add
added
adding
additionally
as well
in addition
another
extra
note that
please note
moreover
furthermore
one more thing
""",
        "de": """
auch
zusätzlich
außerdem
ergänzen
ergänzung
noch
""",
        "fr": """
aussi
également
ajouter
ajouterais
en plus
de plus
""",
        "es": """
también
además
añadir
agregar
""",
        "it": """
anche
inoltre
aggiungere
aggiungerei
""",
        "pt": """
também
além
acrescentar
""",
        "nl": """
ook
daarnaast
toevoegen
bovendien
""",
        "pl": """
też
również
dodać
także
ponadto
""",
        "sv": """
också
även
lägg till
lägga till
""",
        "no": """
også
legge til
""",
        "da": """
også
tilføje
""",
        "ja": """
追加
また
さらに
""",
        "zh": """
另外
还
也
追加
补充
此外
""",
    },
    "partial": {
        "en": """
part
parts
part of
some of
most of
much of
half of
mostly right
only
just one thing
one thing
one point
one question
rest
the rest
first part
partly
partially
in part
for now
for the moment
broadly yes
quick one
quick q
""",
        "de": """
nur
lediglich
teilweise
rest
der rest
einen punkt
""",
        "fr": """
seulement
uniquement
le reste
en partie
un point
""",
        "es": """
solo
sólo
solamente
el resto
en parte
una cosa
""",
        "it": """
solo
soltanto
solamente
il resto
in parte
una cosa
""",
        "pt": """
só
apenas
o resto
em parte
""",
        "nl": """
slechts
de rest
gedeeltelijk
op één ding na
op een ding na
één ding
één punt
""",
        "pl": """
tylko
reszta
częściowo
""",
        "sv": """
bara
endast
resten
delvis
en sak
""",
        "no": """
bare
kun
resten
delvis
""",
        "da": """
kun
bare
resten
delvis
""",
        "ja": """
だけ
のみ
一部
その他
""",
        "zh": """
只
仅
其他
部分
其余
""",
    },
    "doubt": {
        "*": """
🙃
😉
🙄
🤔
🤷
😒
😏
😕
😐
😑
😬
😤
😠
😡
👎
❌
⚠
😞
😟
🤨
😳
""",
        # Sarcasm that says no with words of yes.
        "en": """
yeah right
as if
whatever
good luck with that
nice try
""",
    },
}

# Words that send the reader to answers inside the quote ("see inline"): they are only as
# good as those answers, so they count only when answers were found there and read.
POINTER = {
    "en": """
see inline
see below
answers inline
answers below
replies inline
point by point
i checked point by point
comments inline
inline
""",
    "de": """
siehe unten
siehe inline
punkt für punkt
anbei
""",
    "fr": """
voir ci-dessous
point par point
voir plus bas
""",
    "es": """
ver abajo
punto por punto
""",
    "it": """
vedi sotto
punto per punto
rispondo punto per punto
in linea
""",
    "pt": """
ver abaixo
ponto por ponto
""",
    "nl": """
zie hieronder
punt voor punt
""",
    "pl": """
punkt po punkcie
""",
    "sv": """
se nedan
punkt för punkt
""",
    "no": """
se nedenfor
""",
    "da": """
se nedenfor
""",
    "ja": """
以下
下記
各項目について
""",
    "zh": """
见下
如下
逐条
""",
}

PLEASANT = {
    "en": """
looking forward
look forward
looking forward to it
look forward to it
looking forward to working with you
we look forward to working with you
we are looking forward to working with you
looking forward to seeing
see you
see you then
see you soon
see you there
talk soon
good luck
best of luck
fingers crossed
let's do it
let's make it happen
let's go
go get it
great sync
great meeting
great work
good work
nice work
excellent work
great job
good job
nice job
well done
good meeting
good cooperation
have a nice day
have a good day
have a great day
have a nice week
have a good week
have a nice weekend
have a good weekend
have a great weekend
have a nice evening
enjoy your weekend
enjoy
glad
happy
pleased
excited
exciting
great
nice
lovely
wonderful
awesome
fantastic
brilliant
congratulations
congrats
well done
fun
smash it
you'll smash it
nail it
haha
hahaha
lol
""",
    "de": """
schöne woche noch
schönen abend noch
schönes wochenende noch
schönen tag noch
einen schönen abend noch
eine schöne woche noch
schönes wochenende
freut mich
freue mich
viel erfolg
viel glück
schön
toll
klasse
bis bald
schönes wochenende
schönen tag
""",
    "fr": """
bonne continuation
bon week-end
bon weekend
bonne chance
ravi
ravie
hâte
plaisir
avec plaisir
super
génial
belle
beau
bonne semaine
bon courage
""",
    "es": """
hablamos pronto
nos vemos pronto
seguimos en contacto
buen fin de semana
suerte
mucha suerte
que vaya bien
genial
estupendo
precioso
preciosa
bonito
bonita
encantado
encantada
hasta pronto
nos vemos
a por ello
""",
    "it": """
ci sentiamo presto
ci sentiamo
ci vediamo presto
buon fine settimana
buon weekend
buona fortuna
in bocca al lupo
ottimo
bello
bella
contento
contenta
felice
a presto
buon lavoro
""",
    "pt": """
bom fim de semana
boa sorte
ótimo
legal
feliz
bom trabalho
até logo
sucesso
""",
    "nl": """
fijne avond nog
fijne dag nog
fijn weekend nog
fijne avond
fijne dag
nog een fijne dag
fijne week nog
bedankt voor het prettige overleg
voor het prettige overleg
voor de duidelijke samenvatting
voor de samenvatting
bedankt voor de samenvatting
fijn weekend
prettig weekend
succes
leuk
fijn
mooi
zin in
tot dan
""",
    "pl": """
dziękuję za miłe spotkanie
za miłe spotkanie
dziękuję za spotkanie
za wczorajsze spotkanie
za szybkie podsumowanie
za tak szybkie podsumowanie
za podsumowanie
miłego weekendu
udanego weekendu
powodzenia
świetnie
cieszę się
trzymam kciuki
""",
    "sv": """
hörs
vi hörs
hörs snart
vi hörs snart
hörs då
trevlig helg
lycka till
kul
trevligt
ser fram emot
""",
    "no": """
god helg
lykke til
gleder meg
hyggelig
ha en fin kveld
ha en fin dag
""",
    "da": """
vi glæder os til samarbejdet
glæder os til samarbejdet
vi glæder os
vi ser frem til samarbejdet
ser frem til samarbejdet
god weekend
held og lykke
glæder mig
hyggeligt
hav en god dag
""",
}

PLEASANT_EMOJI = "🙂😊😀😃😄😁😅😆😂🤣🙏💪🎉🥳❤😍🚀🍀🤞☺👋✨🔥👏🎊🥂😎"
# Pictures of things (weather, animals, food, places, vehicles): they decorate, they do not
# answer ("Confirmed 🚗", "🐾✅"). Not faces, hands or signs, which can doubt or refuse
# (🤔 👎 🚫), nor clocks, calendars and money, which can name a term.
_DECORATION = [
    (0x1F300, 0x1F43F),  # weather, plants, food, drink, celebration, sport, buildings, animals
    (0x1F4A1, 0x1F4FF),  # objects: camera, books, parcels, phones
    (0x1F508, 0x1F53D),  # objects: speakers, bells, keys, tools
    (0x1F680, 0x1F6C5),  # transport and map
    (0x1F6E0, 0x1F6FC),  # tools, vehicles
    (0x1F950, 0x1F96F),  # food
    (0x1F980, 0x1F9AE),  # animals
]
_NOT_DECORATION = (
    "🏳🏦🎫🎟🎰"  # surrender, bank, tickets, betting: what a term may be about
    "🚩🚫🛑🚨🚧🚱🚳🚭🚯🚷🔞🔕🔇🔒🔓💢💣💤💥"  # warnings, prohibitions, locks, anger
    "💰💱💲💳💴💵💶💷💸💹📅📆📇📈📉📊📋📌📍📝✏"  # money, calendars, charts, notes
    "🔁🔂🔃🔄🔙🔚🔛🔜🔝🔀"  # arrows: again, back, soon
)
_WEAK_EMOJI = "".join(WEAK["*"].split())  # emoji that agree
DECORATION_EMOJI = "☀☁☂☃☔☕☘⚽⚾⛄⛅⛪⛲⛳⛵⛺✈" + "".join(
    char
    for low, high in _DECORATION
    for char in map(chr, range(low, high + 1))
    if char not in _NOT_DECORATION and char not in PLEASANT_EMOJI and char not in _WEAK_EMOJI
)


@dataclass(frozen=True)
class Meaning:
    cls: str
    lang: str


Phrase = tuple[str, ...]


def _tables() -> list[tuple[str, dict[str, str]]]:
    tables = [("agree", AGREE), ("weak", WEAK), ("ack", ACK), ("greet", GREET)]
    tables += [
        ("thanks", THANKS),
        ("signoff", SIGNOFF),
        ("neutral", NEUTRAL),
        ("pleasant", PLEASANT),
    ]
    tables.append(("pointer", POINTER))
    tables += [(cls, table) for cls, table in RISK.items()]
    tables.append(("pleasant", {"*": "\n".join(PLEASANT_EMOJI)}))
    tables.append(("neutral", {"*": "\n".join(DECORATION_EMOJI)}))
    tables.append(("neutral", {"*": broad.REFERENCES}))
    tables += [
        ("agree", broad.AGREE),
        ("ack", broad.ACK),
        ("greet", broad.GREET),
        ("thanks", broad.THANKS),
        ("signoff", broad.SIGNOFF),
        ("neutral", broad.NEUTRAL),
        ("pleasant", broad.PLEASANT),
    ]
    tables += [(cls, table) for cls, table in broad.RISK.items()]
    return tables


@lru_cache(maxsize=2)
def phrases(*, folded: bool = False) -> dict[Phrase, tuple[Meaning, ...]]:
    """Every phrase (as tokens) with its meanings; ``folded``: the same without accents, for
    replies typed without them ("esta bien"), used only where nothing matches as written."""
    found: dict[Phrase, set[Meaning]] = {}
    for cls, table in _tables():
        for lang, lines in table.items():
            for line in lines.strip().splitlines():
                key = _key(line)
                key = tuple(fold(w) for w in key) if folded else key
                found.setdefault(key, set()).add(Meaning(cls, lang))
    return {k: tuple(sorted(v, key=lambda m: PRIORITY.index(m.cls))) for k, v in found.items() if k}


@lru_cache(maxsize=2)
def by_first_word(*, folded: bool = False) -> dict[str, tuple[int, list[Phrase]]]:
    """Phrases by their first token, longest first, with the longest one's length."""
    return _by_first(phrases(folded=folded))


@lru_cache(maxsize=1)
def accented_by_first_word() -> dict[str, tuple[int, list[Phrase]]]:
    """``by_first_word(folded=True)`` restricted to the phrases that only exist without their
    accents (the folded form of a phrase with accents): the only ones a reply typed without
    accents can match beyond what it matches as written."""
    plain = phrases()
    return _by_first(phrase for phrase in phrases(folded=True) if phrase not in plain)


def _by_first(found: Iterable[Phrase]) -> dict[str, tuple[int, list[Phrase]]]:
    index: dict[str, list[Phrase]] = {}
    for phrase in found:
        index.setdefault(phrase[0], []).append(phrase)
    return {
        first: (max(map(len, group)), sorted(group, key=len, reverse=True))
        for first, group in index.items()
    }


def _key(line: str) -> Phrase:
    """A line of a table as the tokens it is matched by (marks left out)."""
    return tuple(t.text for t in tokenize(normalize(line.strip())) if t.kind != "mark")


def _phrases_of(lines: str) -> list[Phrase]:
    return [_key(line) for line in lines.strip().splitlines()]


@lru_cache(maxsize=1)
def past_times() -> dict[str, list[Phrase]]:
    """``lexicon_broad.PAST_TIMES`` as token phrases by first word, longest first."""
    return {first: found for first, (_, found) in _by_first(_phrases_of(broad.PAST_TIMES)).items()}


@lru_cache(maxsize=1)
def thanked_times() -> frozenset[Phrase]:
    """The past times that may say when a thing thanked for happened: no "today", no weekday
    (``lexicon_broad.NOT_THANKED_TIMES``)."""
    return frozenset(
        phrase
        for phrase in _phrases_of(broad.PAST_TIMES)
        if not any(word in broad.NOT_THANKED_TIMES for word in phrase)
    )


THANKED_FOR = broad.THANKED_FOR


CONVERSATION = broad.CONVERSATION
WATCH = broad.WATCH | broad.PAYMENT
WATCH_PAIRS = broad.WATCH_PAIRS
SCOPE = broad.SCOPE
WHOLE = broad.WHOLE
# What a clause anchored on a summary's value may not say in words not understood; the ways of
# paying and counting again (``PAYMENT``) it may not say at all.
VALUE_TERMS = broad.SCOPE | broad.PAYMENT
PAYMENT = broad.PAYMENT
PROMISE = broad.PROMISE
WATCH_OR_PROMISE = WATCH | PROMISE
FEELING = broad.FEELING
WISH_TIMES = broad.WISH_TIMES
WISH_WATCH = WATCH - WISH_TIMES  # what a wish may not hold ("Enjoy the extra van")
WRITING = broad.WRITING
COPULAS = broad.COPULAS
PRAISE_SUBJECTS = broad.PRAISE_SUBJECTS
PRAISING = broad.FEELING | broad.PRAISE  # what praise says after the verb "to be"
DEGREE = broad.DEGREE
ABOUT_WRITING = broad.WRITING | broad.ABOUT_WRITING | broad.HELPED
HELPED = broad.HELPED
REPLYING = broad.REPLYING
HELPED_ONE = broad.HELPED_ONE
LANGUAGES = broad.LANGUAGES


@lru_cache(maxsize=1)
def languages_of_words() -> dict[str, frozenset[str]]:
    """Each one-word phrase (as written and without accents) with the languages it belongs
    to: what ``mail.reading`` tells a reply's language by."""
    found: dict[str, set[str]] = {}
    for folded in (True, False):  # as written last: it wins where both forms exist
        for phrase, meanings in phrases(folded=folded).items():
            if len(phrase) == 1:
                found[phrase[0]] = {m.lang for m in meanings if m.lang != "*"}
    return {word: frozenset(langs) for word, langs in found.items()}


_LANGUAGE_SAMPLE = 150  # tokens: the opening of a text says what language it is in
_LANGUAGE_VOTES = 3  # different known words of one language to read ambiguous words in it


def language_of(
    tokens: Sequence[Token], expected: Callable[[], str | None] | None = None
) -> str | None:
    """The language of a text (a reply, a summary), by its known words that belong to one
    language only.

    Unclear (None) unless several different words agree: a word that is risky in some
    language ("no", "ma", "si") is then read as risky. Fewer words do where they are all of
    the ``expected`` language (a reply's summary's, asked only then: reading it costs).
    """
    languages = _word_languages()
    seen: dict[str, set[str]] = {}
    for token in tokens[:_LANGUAGE_SAMPLE]:
        if token.kind != "word":
            continue
        lang = languages.get(token.text)
        if lang is None:
            lang = languages.get(fold(token.text))
        if lang:  # one language only
            seen.setdefault(lang, set()).add(token.text)
    ranked = sorted(((len(w), lang) for lang, w in seen.items()), reverse=True)
    if not ranked:
        return None
    if ranked[0][0] < _LANGUAGE_VOTES:
        only = ranked[0][1] if len(ranked) == 1 else None
        return only if only is not None and expected is not None and expected() == only else None
    if len(ranked) > 1 and ranked[1][0] * 2 > ranked[0][0]:
        return None
    return ranked[0][1]


@lru_cache(maxsize=1)
def _word_languages() -> dict[str, str]:
    """Each known word with its one language, or "" for a word of several languages."""
    return {
        word: next(iter(langs)) if len(langs) == 1 else ""
        for word, langs in languages_of_words().items()
    }


# The last words of a reference that a date follows ("your email of", "Ihrer E-Mail vom").
_DATED = frozenset(("of", "dated", "vom", "du", "del", "de", "van"))


@lru_cache(maxsize=1)
def references() -> frozenset[Phrase]:
    """``lexicon_broad.REFERENCES`` that name the summary's mail by its date, as token phrases
    (without marks): the date after them is the mail's."""
    return frozenset(p for p in _phrases_of(broad.REFERENCES) if p and p[-1] in _DATED)


@lru_cache(maxsize=1)
def wishes() -> dict[str, tuple[int, list[Phrase]]]:
    """``lexicon_broad.WISHES`` as token phrases, by their first word."""
    return _by_first(_phrases_of(broad.WISHES))


@lru_cache(maxsize=1)
def one_word_typos() -> dict[str, list[str]]:
    """One-word phrases by each of their one-letter deletions, for finding typos of them."""
    return deletion_index(p[0] for p in phrases() if len(p) == 1 and len(p[0]) >= TYPO_MIN)


def deletion_index(words: Iterable[str]) -> dict[str, list[str]]:
    """Words by themselves and by each form with one letter left out: two words are one typo
    apart (a letter added, left out, changed or two swapped) when these forms meet."""
    index: dict[str, list[str]] = {}
    for word in words:
        for form in deletions(word):
            index.setdefault(form, []).append(word)
    return index


def deletions(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def meaning(phrase: Phrase, lang: str | None) -> Meaning:
    """The meaning of ``phrase`` in ``lang``; its riskiest meaning when that does not settle it."""
    meanings = phrases().get(phrase) or phrases(folded=True)[phrase]
    for m in meanings:
        if m.lang == lang:
            return m
    return meanings[0]


RISK_CLASSES = frozenset(RISKS)
TYPO_MIN = 5  # letters: shorter words are too alike for a typo to be guessed safely
