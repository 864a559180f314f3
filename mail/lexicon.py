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

from dataclasses import dataclass
from functools import lru_cache

from mail.tokens import fold, normalize, tokenize

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
PRIORITY = [*RISKS, "pointer", "ack", "neutral", "pleasant", "greet", "thanks", "signoff", "weak", "agree"]

AGREE = {
    "en": """
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
keine änderungen
kein problem
keine fragen
von meiner seite passt alles
""",
    "fr": """
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

WEAK = {"*": "👍\n👌\n🙌\n✅\n✔\n☑\n🤝\n💯\n🆗"}

ACK = {
    "en": """
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
    "de": "ok\nokay\nzur kenntnis genommen\nerhalten\nverstanden\nnotiert\ngut\nna gut\nna schön",
    "fr": "ok\nbien reçu\nreçu\nnoté\nc'est noté\nbien noté\nc'est bien noté\ncompris",
    "es": "ok\nrecibido\nentendido\nanotado\nvale",
    "it": "ok\nricevuto\nok ricevuto\ncapito\npreso nota",
    "pt": "ok\nrecebido\nentendido\nanotado\npode ser",
    "nl": "ok\noké\nontvangen\ngenoteerd\nbegrepen\ngoed",
    "pl": "ok\nprzyjąłem\nprzyjęłam\notrzymałem\notrzymałam\nzrozumiałem\nniech będzie",
    "sv": "ok\nokej\ntoppen\nokej då\nnoterat\nmottaget\nuppfattat",
    "no": "ok\ngreit\nnotert\nmottatt\nforstått",
    "da": "ok\nnoteret\nmodtaget\nforstået",
    "ja": "はい\n承知しました\n承知いたしました\n内容承知いたしました\n了解しました\n了解です\n了解\n確認しました\n"
    "各項目について確認しました\n内容確認しました\n内容、確認しました\n受け取りました\nかしこまりました",
    "zh": "好的\n收到\n知道了\n了解\n明白\n好",
}

GREET = {
    "en": "hi\nhello\nhey\ndear\nhi there\ngood morning\ngood afternoon\ngood evening\nhiya",
    "de": "hallo\nhi\nliebe\nlieber\nsehr geehrte\nsehr geehrter\nmoin\nservus\nguten morgen\nguten tag",
    "fr": "bonjour\nbonsoir\nsalut\ncher\nchère\nmonsieur\nmadame\nmme",
    "es": "hola\nbuenos días\nbuenas tardes\nbuenas\nestimado\nestimada\nquerido\nquerida",
    "it": "ciao\nbuongiorno\nbuonasera\ngentile\ngentilissima\ngentilissimo\ncaro\ncara\nsalve\nssa",
    "pt": "olá\noi\nprezado\nprezada\nbom dia\nboa tarde\ncaro\ncara",
    "nl": "hoi\nhallo\nbeste\ngoedemorgen\ngoedemiddag\nhey",
    "pl": "cześć\nczesc\ndzień dobry\nwitam\nszanowny\nszanowna\nszanowni\nhej",
    "sv": "hej\nhejsan\ntjena\ngod morgon",
    "no": "hei\nhallo\ngod morgen",
    "da": "hej\nkære\ngod morgen",
    "ja": "様\nさん\n様へ\n御中\n殿\n各位",
    "zh": "你好\n您好\n各位",
}

THANKS = {
    "en": """
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
    "de": "danke\ndanke dir\ndanke ihnen\ndanke schön\ndankeschön\nvielen dank\nbesten dank\nherzlichen dank\nvielen dank für ihre zusammenfassung\ndanke für die zusammenfassung\nvielen dank für die zusammenfassung",
    "fr": "merci\nmerci beaucoup\nmerci bien\nmerci à vous\nmille mercis\nmerci pour le message\nmerci pour votre message\nmerci pour ce récapitulatif\nmerci pour le récapitulatif\nmerci pour le résumé",
    "es": "gracias\nmuchas gracias\nmil gracias",
    "it": "grazie\ngrazie mille\ngrazie ancora\nti ringrazio\nla ringrazio",
    "pt": "obrigado\nobrigada\nmuito obrigado\nmuito obrigada\nvaleu\nobrigado por mandar o resumo\nobrigada por mandar o resumo\npelo resumo",
    "nl": "bedankt\ndank je\ndank je wel\ndank u\ndank u wel\nthanks",
    "pl": "dzięki\ndziękuję\ndziękuje\ndziekuje\ndziękujemy\nserdecznie dziękuję",
    "sv": "tack\ntack så mycket\ntusen tack",
    "no": "takk\ntusen takk\ntakk skal du ha",
    "da": "tak\nmange tak\ntusind tak",
    "ja": "ありがとうございます\nありがとうございました\n誠にありがとうございました\nありがとう",
    "zh": "谢谢\n多谢\n感谢\n谢谢整理\n辛苦了",
}

SIGNOFF = {
    "en": """
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
    "de": "viele grüße\nbeste grüße\nliebe grüße\ngrüße\ngruß\ngruss\nmit freundlichen grüßen\n"
    "freundliche grüße\nschöne grüße\nlg\nvg\nmfg\nviele grüsse\nbeste grüsse\nschönen feierabend",
    "fr": "cordialement\nbien cordialement\nbien à vous\nbien à toi\nsalutations\namitiés\n"
    "bonne journée\nbonne soirée\nbonne fin de journée\nà bientôt\nveuillez agréer\n"
    "veuillez agréer monsieur mes salutations distinguées\nmes salutations distinguées",
    "es": "saludos\nun saludo\nsaludos cordiales\natentamente\nun abrazo\nabrazos",
    "it": "saluti\ncordiali saluti\ndistinti saluti\na presto\nun saluto\nbuona giornata",
    "pt": "abraço\nabraços\nabs\natenciosamente\ncumprimentos\nsaudações\natt",
    "nl": "groeten\ngroet\nmet vriendelijke groet\nvriendelijke groeten\nhartelijke groet\nmvg",
    "pl": "pozdrawiam\npozdrowienia\nz poważaniem\nserdecznie pozdrawiam",
    "sv": "hälsningar\nmvh\nvänliga hälsningar\nmed vänlig hälsning\nha det bra",
    "no": "hilsen\nmvh\nvennlig hilsen\nmed vennlig hilsen",
    "da": "hilsen\nmvh\nvenlig hilsen\nmed venlig hilsen",
    "ja": "よろしくお願いいたします\nよろしくお願いします\nよろしくお願い申し上げます\n"
    "今後ともどうぞよろしくお願い申し上げます\n今後ともよろしくお願いいたします\n"
    "引き続きよろしくお願いいたします\n以上\n以上です",
    "zh": "此致\n敬礼\n祝好\n顺祝商祺\n祝顺利",
}

NEUTRAL = {
    "en": """
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
too
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
    "pl": "to\njest\nwszystko\nbardzo\ni\nw\nna\nz\ndo\nmi\nmnie\nnam\nz mojej strony\nz naszej strony",
    "sv": "jag\nvi\ndu\nni\ndet\nden\nen\nett\noch\när\nför\nmed\npå\ntill\nallt\nmycket\nfrån min sida\nfrån vår sida",
    "no": "jeg\nvi\ndu\ndet\nden\nen\net\nog\ner\nfor\nmed\npå\ntil\nalt\nveldig",
    "da": "jeg\nvi\ndu\ndet\nden\nen\net\nog\ner\nfor\nmed\npå\ntil\nalt\nmeget",
    "ja": """
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
        "en": "no\nnope\nnot\nnever\nnothing\nnone\ndon't\ndont\ndoesn't\ndidn't\nisn't\naren't\nwasn't\n"
        "weren't\ncan't\ncannot\ncant\nwon't\nwouldn't\nshouldn't\ncouldn't\nhaven't\nhasn't\n"
        "disagree\nwrong\nincorrect\ninaccurate\nnot quite\nnot exactly\nnot really\nunable",
        "de": "nein\nnicht\nkein\nkeine\nkeinen\nkeiner\nnie\nniemals\nfalsch\nstimmt nicht",
        "fr": "non\nne\nn'est\nn'ai\nn'a\nn'y\npas\njamais\naucun\naucune\nfaux",
        "es": "no\nnunca\nninguno\nninguna\nincorrecto",
        "it": "no\nnon\nmai\nnessuno\nnessuna\nsbagliato",
        "pt": "não\nnao\nnunca\nnenhum\nnenhuma\nerrado",
        "nl": "nee\nniet\ngeen\nnooit",
        "pl": "nie\nnigdy\nżaden\nżadna",
        "sv": "nej\ninte\naldrig\ningen\ninget\ninga",
        "no": "nei\nikke\naldri\ningen\ningenting",
        "da": "nej\nikke\naldrig\ningen\nintet",
        "ja": "ません\nない\nず\nいいえ\n違います\n異なります\nしておりません\nていない",
        "zh": "不\n没\n没有\n不是\n未\n别\n不对\n不太对",
    },
    "contrast": {
        "en": "but\nhowever\nalthough\nthough\nexcept\nexcepting\napart from\nbesides\nother than\nyet\n"
        "still\nwhereas\nnevertheless",
        "de": "aber\njedoch\nallerdings\naußer\nausser\nbis auf\nsondern\ntrotzdem\ndoch",
        "fr": "mais\ncependant\ntoutefois\npourtant\nsauf\nsinon\nexcepté\nhormis",
        "es": "pero\nsino\nexcepto\nsalvo\nsin embargo\naunque\nmenos",
        "it": "ma\nperò\ntranne\ntuttavia\neccetto\nsalvo\nanche se",
        "pt": "mas\nporém\nexceto\ncontudo\nembora\nsalvo",
        "nl": "maar\nbehalve\nechter\nalleen",
        "pl": "ale\njednak\noprócz\npoza\nlecz\nz wyjątkiem",
        "sv": "men\nutom\nförutom\ndock\nbortsett",
        "no": "men\nunntatt\nbortsett\nlikevel",
        "da": "men\nundtagen\nbortset\ndog",
        "ja": "ただ\nただし\nしかし\nですが\nけれど\nけど\nものの\nを除き",
        "zh": "但\n但是\n不过\n只是\n除了\n然而\n可是",
    },
    "condition": {
        "en": "if\nunless\nprovided\nproviding\nassuming\nas long as\non condition\nsubject to\n"
        "conditional\ndepending\ndepends\nonce\nin case\nwhen\npending\nawaiting",
        "de": "wenn\nfalls\nsofern\nvorausgesetzt\nunter der bedingung\nsoweit\nvorbehaltlich",
        "fr": "si\nà condition\npourvu\nsous réserve\nà moins\nsous condition",
        "es": "siempre que\ncon tal\nsi\na menos\nsiempre y cuando\ncondición\npendiente",
        "it": "se\na condizione\npurché\nsempre che\nqualora\nin attesa",
        "pt": "se\ndesde que\ncontanto\ncaso\ncondição\npendente",
        "nl": "mits\nals\ntenzij\nindien\nop voorwaarde\nonder voorbehoud",
        "pl": "jeśli\njeżeli\npod warunkiem\no ile\ngdyby",
        "sv": "om\nförutsatt\nunder förutsättning\nsåvida\ni väntan på",
        "no": "hvis\nforutsatt\nsåfremt\ndersom",
        "da": "hvis\nforudsat\nsåfremt",
        "ja": "場合\nなら\n条件\n前提\n限り",
        "zh": "如果\n前提\n前提是\n条件\n只要\n若\n的话",
    },
    "hedge": {
        "en": "think\ni think\nguess\ni guess\nbelieve\ni believe\nassume\nsuppose\nmaybe\nperhaps\n"
        "probably\npossibly\nlikely\nshould\nshould be\nmight\nmay\ncould\nseems\nseem\nabout right\n"
        "roughly\nmore or less\nin principle\nin general\ngenerally\nbroadly\nmostly\nlargely\n"
        "almost\nnearly\nas far as i can see\nas far as i know\ni suppose\nsort of\nkind of\n"
        "whatever\nif you say so\napproximately\nbasically\nhopefully",
        "de": "glaube\nvielleicht\nwahrscheinlich\nmüsste\nsollte\ngrundsätzlich\nim prinzip\n"
        "eigentlich\nim großen und ganzen\nungefähr\nfast\nmeines erachtens\nwohl\nmeinetwegen",
        "fr": "peut-être\npeut être\nprobablement\nje pense\nje crois\nen principe\na priori\n"
        "normalement\ndevrait\nsemble\nà peu près\nplus ou moins\npresque",
        "es": "creo\nquizás\nquizá\ntal vez\nen principio\nprobablemente\ndebería\nparece\n"
        "más o menos\ncasi\ncomo veas\nsupongo",
        "it": "penso\ncredo\nforse\nprobabilmente\nin linea di massima\nin linea di principio\n"
        "sembra\nmi sembra\ndovrebbe\npiù o meno\nquasi\nin teoria",
        "pt": "acho\ntalvez\nprovavelmente\nem princípio\nem tese\ndeveria\nparece\nmais ou menos\n"
        "quase",
        "nl": "denk\nmisschien\nwaarschijnlijk\nin principe\nmoet kunnen\nzou\nlijkt\nongeveer\nbijna",
        "pl": "chyba\nmoże\nraczej\nw zasadzie\nmyślę\nprawie\nmniej więcej\nw sumie",
        "sv": "kanske\ntroligen\nnog\ni princip\ni stort\ntror\nborde\nungefär\nnästan",
        "no": "kanskje\nsannsynligvis\nnok\ni prinsippet\ntror\nburde\nomtrent\nnesten",
        "da": "måske\nsandsynligvis\nnok\ni princippet\ntror\nburde\ncirka\nnæsten",
        "ja": "おそらく\nたぶん\n多分\nと思います\nと思う\nかもしれ\n基本的に\nはず\nおおむね\nほぼ",
        "zh": "应该\n可能\n大概\n差不多\n吧\n也许\n原则上\n基本上\n好像\n似乎\n行吧",
    },
    "defer": {
        "en": "check\ncheck with\nget back\nget back to you\ncome back\nrevert\nlet me\nwill see\n"
        "run it by\nrun it past\nconsult\nask\ntomorrow\nnext week\nlater\nwait\n"
        "look at it\nthink about it\nthinking\nneed to\nhave to\npass it\nforwarding",
        "de": "klären\nabstimmen\nstimme das noch\nmelde mich\nprüfen\nschaue\nschaue ich mir\nmorgen\n"
        "nächste woche\nspäter\nrücksprache\nerst",
        "fr": "vérifier\nrevenir\nreviens\nje transmets\ntransmettre\ndemain\nplus tard\nconsulter",
        "es": "consultar\nconfirmar con\nrevisar\nmañana\nmás tarde\nte digo\nte confirmo",
        "it": "controllare\nverificare\nfaccio vedere\nfar vedere\ndomani\npiù tardi\nti faccio sapere",
        "pt": "verificar\nalinhar\nretorno\nte retorno\namanhã\ndepois\npreciso",
        "nl": "checken\ncheck\nterugkomen\nkom er\nvoorleggen\nleg het\nmorgen\nlater",
        "pl": "sprawdzę\nwrócę\nodezwę\njutro\npóźniej\nskonsultuję",
        "sv": "kolla\nåterkommer\nåterkomma\nstämmer av\nstämma av\nimorgon\nsenare\nspikar",
        "no": "sjekke\nsjekker\nkommer tilbake\ni morgen\nsenere",
        "da": "tjekke\ntjekker\nvender tilbage\ni morgen\nsenere",
        "ja": "確認して\n確認のうえ\n改めて\nご連絡いたします\n明日\n検討\n上長に",
        "zh": "确认一下\n回复你\n明天\n再说\n考虑\n商量\n老板\n等",
    },
    "change": {
        "en": "change\nchanges\nchanged\ncorrection\ncorrections\nedit\nedits\nedited\nfix\n"
        "adjust\nadjusted\nupdate\nupdated\ninstead\nrather\nactually\nrevise\nrephrase\nremove\n"
        "move\nmoved\nmarked\ninline\nbelow\ncorrect it\nplease correct\namend\nswap",
        "de": "korrektur\nändern\ngeändert\nänderung\nstatt\nanstatt\nangepasst\nkorrigiert\nunten",
        "fr": "correction\ncorrections\nmodifier\nmodifié\nau lieu\nplutôt\nchangement\nci-dessous",
        "es": "corrección\ncambiar\ncambio\nen lugar\nen vez\nmodificar\ncorregir\nabajo",
        "it": "correzione\nmodificare\nmodificato\ninvece\ncambiare\nsotto",
        "pt": "correção\nalterar\nmudou\nmudar\nem vez\najustar\nabaixo",
        "nl": "aanpassing\nwijzigen\ngewijzigd\nin plaats van\nhieronder\naangepast",
        "pl": "poprawka\npoprawką\nzmiana\nzamiast\npoprawki",
        "sv": "ändrat\nändra\nistället\nrättelse\nnedan",
        "no": "endret\nendre\ni stedet\nrettelse\nnedenfor",
        "da": "ændret\nændre\ni stedet\nrettelse\nnedenfor",
        "ja": "修正\n変更\nではなく\n訂正\n改め",
        "zh": "改\n修改\n更正\n而是\n变更\n调整\n改成",
    },
    "addition": {
        "en": "also\nplus\nadd\nadded\nadding\nadditionally\nas well\nin addition\nanother\nextra\n"
        "note that\nplease note\nmoreover\nfurthermore\none more thing",
        "de": "auch\nzusätzlich\naußerdem\nergänzen\nergänzung\nnoch",
        "fr": "aussi\négalement\najouter\najouterais\nen plus\nde plus",
        "es": "también\nademás\nañadir\nagregar",
        "it": "anche\ninoltre\naggiungere\naggiungerei",
        "pt": "também\nalém\nacrescentar",
        "nl": "ook\ndaarnaast\ntoevoegen\nbovendien",
        "pl": "też\nrównież\ndodać\ntakże\nponadto",
        "sv": "också\näven\nlägg till\nlägga till",
        "no": "også\nlegge til",
        "da": "også\ntilføje",
        "ja": "追加\nまた\nさらに",
        "zh": "另外\n还\n也\n追加\n补充\n此外",
    },
    "partial": {
        "en": "only\njust one thing\none thing\none point\none question\nrest\nthe rest\nfirst part\n"
        "partly\npartially\nin part\nfor now\nfor the moment\nbroadly yes\nquick one\nquick q",
        "de": "nur\nlediglich\nteilweise\nrest\nder rest\neinen punkt",
        "fr": "seulement\nuniquement\nle reste\nen partie\nun point",
        "es": "solo\nsólo\nsolamente\nel resto\nen parte\nuna cosa",
        "it": "solo\nsoltanto\nsolamente\nil resto\nin parte\nuna cosa",
        "pt": "só\napenas\no resto\nem parte",
        "nl": "slechts\nde rest\ngedeeltelijk\nop één ding na\nop een ding na\néén ding\néén punt",
        "pl": "tylko\nreszta\nczęściowo",
        "sv": "bara\nendast\nresten\ndelvis\nen sak",
        "no": "bare\nkun\nresten\ndelvis",
        "da": "kun\nbare\nresten\ndelvis",
        "ja": "だけ\nのみ\n一部\nその他",
        "zh": "只\n仅\n其他\n部分\n其余",
    },
    "doubt": {"*": "🙃\n😉\n🙄\n🤔\n🤷\n😒\n😏\n😕\n😐\n😑\n😬\n😤\n😠\n😡\n👎\n❌\n⚠\n😞\n😟\n🤨\n😳"},
}

# Words that send the reader to answers inside the quote ("see inline"): they are only as
# good as those answers, so they count only when answers were found there and read.
POINTER = {
    "en": "see inline\nsee below\nanswers inline\nanswers below\nreplies inline\npoint by point\n"
    "i checked point by point\ncomments inline\ninline",
    "de": "siehe unten\nsiehe inline\npunkt für punkt\nunten\nanbei",
    "fr": "voir ci-dessous\nci-dessous\npoint par point\nvoir plus bas",
    "es": "ver abajo\nabajo\npunto por punto",
    "it": "vedi sotto\nsotto\npunto per punto\nrispondo punto per punto\nin linea",
    "pt": "ver abaixo\nabaixo\nponto por ponto",
    "nl": "zie hieronder\nhieronder\npunt voor punt",
    "pl": "poniżej\npunkt po punkcie",
    "sv": "se nedan\nnedan\npunkt för punkt",
    "no": "se nedenfor\nnedenfor",
    "da": "se nedenfor\nnedenfor",
    "ja": "以下\n下記\n各項目について",
    "zh": "见下\n如下\n逐条",
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
    "de": "freut mich\nfreue mich\nviel erfolg\nviel glück\nschön\ntoll\nklasse\nbis bald\nschönes wochenende\nschönen tag",
    "fr": "bonne chance\nravi\nravie\nhâte\nplaisir\navec plaisir\nsuper\ngénial\nbelle\nbeau\nbonne semaine\nbon courage",
    "es": "suerte\nmucha suerte\nque vaya bien\ngenial\nestupendo\nprecioso\npreciosa\nbonito\nbonita\nencantado\nencantada\nhasta pronto\nnos vemos\na por ello",
    "it": "buona fortuna\nin bocca al lupo\nottimo\nbello\nbella\ncontento\ncontenta\nfelice\na presto\nbuon lavoro",
    "pt": "boa sorte\nótimo\nlegal\nfeliz\nbom trabalho\naté logo\nsucesso",
    "nl": "succes\nleuk\nfijn\nmooi\nzin in\ntot dan",
    "pl": "powodzenia\nświetnie\ncieszę się\ntrzymam kciuki",
    "sv": "lycka till\nkul\ntrevligt\nser fram emot",
    "no": "lykke til\ngleder meg\nhyggelig\nha en fin kveld\nha en fin dag",
    "da": "held og lykke\nglæder mig\nhyggeligt\nhav en god dag",
}

PLEASANT_EMOJI = "🙂😊😀😃😄😁😅😆😂🤣🙏💪🎉🥳❤😍🚀🍀🤞☺👋✨🔥👏🎊🥂😎"


@dataclass(frozen=True)
class Meaning:
    cls: str
    lang: str


Phrase = tuple[str, ...]


def _tables() -> list[tuple[str, dict[str, str]]]:
    tables = [("agree", AGREE), ("weak", WEAK), ("ack", ACK), ("greet", GREET)]
    tables += [("thanks", THANKS), ("signoff", SIGNOFF), ("neutral", NEUTRAL), ("pleasant", PLEASANT)]
    tables.append(("pointer", POINTER))
    tables += [(cls, table) for cls, table in RISK.items()]
    tables.append(("pleasant", {"*": "\n".join(PLEASANT_EMOJI)}))
    return tables


@lru_cache(maxsize=2)
def phrases(*, folded: bool = False) -> dict[Phrase, tuple[Meaning, ...]]:
    """Every phrase (as tokens) with its meanings; ``folded``: the same without accents, for
    replies typed without them ("esta bien"), used only where nothing matches as written."""
    found: dict[Phrase, set[Meaning]] = {}
    for cls, table in _tables():
        for lang, lines in table.items():
            for line in lines.strip().splitlines():
                key = tuple(t.text for t in tokenize(normalize(line.strip())) if t.kind != "mark")
                key = tuple(fold(w) for w in key) if folded else key
                found.setdefault(key, set()).add(Meaning(cls, lang))
    return {k: tuple(sorted(v, key=lambda m: PRIORITY.index(m.cls))) for k, v in found.items() if k}


@lru_cache(maxsize=2)
def by_first_word(*, folded: bool = False) -> dict[str, list[Phrase]]:
    """Phrases by their first token, longest first."""
    index: dict[str, list[Phrase]] = {}
    for phrase in phrases(folded=folded):
        index.setdefault(phrase[0], []).append(phrase)
    for found in index.values():
        found.sort(key=len, reverse=True)
    return index


def meaning(phrase: Phrase, lang: str | None) -> Meaning:
    """The meaning of ``phrase`` in ``lang``; its riskiest meaning when that does not settle it."""
    meanings = phrases().get(phrase) or phrases(folded=True)[phrase]
    for m in meanings:
        if m.lang == lang:
            return m
    return meanings[0]


RISK_CLASSES = frozenset(RISKS)
LONGEST = 40  # tokens: no phrase is longer (Japanese phrases count one token a character)
