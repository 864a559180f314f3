"""More of the words the reply classifier knows, written from how people say these things.

``mail.lexicon`` grew, phrase by phrase, from the replies the classifier was tuned on; this
module holds vocabulary written from general knowledge of each language instead, without any
reply at hand: the usual ways of saying yes, thanks, greetings, sign-offs and pleasantries,
the function words of ordinary sentences (pronouns, articles, prepositions, auxiliaries), and
on the risk side the usual words of conditions, reservations, negations, changes, additions,
hedges and deferrals. The tables have the shape of ``mail.lexicon``'s and are read with them.

What stays out of ``NEUTRAL`` on purpose: words that set a scope or a time ("only", "also",
"before", "until", "more", "next"), modal verbs that ask or prefer ("would", "could",
"should", "rather", "prefer", "want", "need"), and content words, which must either be the
summary's own or leave the reply not understood.

Finnish, Turkish, Romanian, Catalan, Czech, Hungarian, Greek, Russian and Ukrainian are read
from these tables alone, their risk words (with ``doubt``: the question words and particles
that ask without a question mark) written first, their months and weekdays as risks, and no
word of theirs that is, as written or without accents, another language's common word. What
they cannot say: Greek asks with ";", read as a semicolon, so no Greek agreement here is as
natural as a question ("Όλα σωστά;"); Turkish "de"/"da" and Hungarian "is", "ha", "de" are
other languages' function words. Korean is not read: its words carry their endings, too many
forms to list, and two words not understood may stand beside a yes.

``WATCH``, ``PROMISE``, ``FEELING`` (and ``WATCH_PAIRS``, ``SCOPE``) are not read as phrases:
they decide whether a clause not understood may stand beside an agreement as small talk or
follow-through (``mail.reading``).
"""

from __future__ import annotations

from mail.tokens import wordset

AGREE = {
    "en": """
as we said
everything as we said
exactly as we said
just as we said
no amendments required
clear summary
very clear summary
i hereby confirm my agreement
hereby confirm my agreement
i confirm acceptance
we confirm acceptance
confirm acceptance
i confirm my acceptance
we confirm our acceptance
confirm my acceptance
confirm our acceptance
confirm my agreement
i confirm my agreement
my agreement
i am pleased to confirm
i'm pleased to confirm
we are pleased to confirm
i acknowledge and accept
acknowledge and accept
i accept the terms as summarised
as summarised
as summarized
as outlined
as outlined above
as set out
as set out above
as set forth above
as stated
as stated above
yeah all good
sweet
sweet as
yeh
yah
happy with all of this
happy with all this
couldn't agree more
could not agree more
can't argue with that
cannot argue with that
can't argue with any of that
no arguments here
no argument from me
no argument here
no complaints here
no complaints from me
no complaints at all
i don't see any issues
i don't see any problems
don't see any issues
don't see any problems
i don't see any issue
i see no issues
i see no problems
see no issues
no reason to change anything
nothing i'd change
nothing i would change
nothing wrong
nothing wrong with it
nothing wrong with any of it
i have no issues with it
i have no issues with that
no issues with it
no issues with that
no issues with any of it
no problem with that
no problem with any of it
no problems with any of it
i have no problem with that
i have no problem with any of it
no objection to any of it
no objections to any of it
i don't have any objections
i don't have any concerns
i have no further comments
none from me
none here
zero changes
zero notes
nothing to flag
nothing to raise
nothing to report
no red flags
no further input from me
i wouldn't change a thing
wouldn't change a thing
wouldn't change anything
i wouldn't change anything
nothing to dispute
no disagreement
no disagreement here
no disagreements
can't fault it
can't find anything wrong
couldn't find anything wrong
didn't find anything to correct
i didn't find anything to correct
didn't spot anything
didn't spot any errors
no errors
no mistakes
no errors that i can see
nothing missing from my side
not a thing
i'd like to confirm
i would like to confirm
we'd like to confirm
we would like to confirm
i want to confirm
just wanted to confirm
i just wanted to confirm
happy to confirm that
i'd like to confirm that
i can confirm that
we can confirm
we can confirm that
i confirm that
yes please
yes indeed
yes absolutely
yes definitely
yes of course
yes all good
yes that's right
yes that's correct
yes that is correct
yes that's fine
yes confirmed
yep all good
yep that's right
yeah that's right
yeah all good
sure thing
for sure
certainly
absolutely right
absolutely agree
completely agree
totally agree
entirely agree
strongly agree
i fully agree
we fully agree
i completely agree
i totally agree
agree with all of it
agree with everything
agreed on all of it
agreed on all fronts
agreed on both counts
agreed on both
agreed with thanks
agreed and confirmed
confirmed and agreed
confirmed with thanks
all confirmed
fully confirmed
happy to confirm
i'm happy to confirm
we're happy to confirm
pleased to confirm
glad to confirm
this confirms
this email confirms
consider this confirmed
consider it confirmed
consider this my confirmation
consider this our confirmation
consider this my approval
consider this our approval
please take this as my confirmation
please take this as confirmation
please treat this as confirmation
please treat this as my confirmation
you have my confirmation
you have our confirmation
you have our approval
you have my sign off
you have my sign-off
approved on my side
approved on our side
approved by me
fully approved
approve as written
approved with thanks
that all matches
all matches
matches my notes
matches our notes
that matches my notes
this matches my notes
that matches our records
matches my recollection
that matches my recollection
that's consistent with my notes
consistent with my notes
consistent with our discussion
consistent with what we discussed
in line with what we discussed
in line with our discussion
in line with our conversation
exactly what we discussed
exactly what we said
exactly as discussed
exactly as agreed
exactly how i remember it
just as we discussed
just as we agreed
as per our discussion
as per our conversation
as per our call
as per our meeting
per our discussion
per our conversation
that's accurate
that is accurate
this is accurate
all accurate
100% accurate
entirely accurate
completely accurate
fully accurate
accurate summary
an accurate summary
a good summary
good summary
great summary
nice summary
perfect summary
excellent summary
a great summary
a perfect summary
great recap
good recap
a fair reflection
a fair reflection of our discussion
fairly reflects
reflects it well
reflects it accurately
captures it perfectly
captured it perfectly
you've captured it perfectly
you've captured everything
captures everything
covers everything
covers it
that covers it
that covers everything
that sums it up
sums it up
sums it up nicely
sums it up well
that's it exactly
that's exactly it
that's exactly right
that's spot on
spot on thanks
bang on
dead on
you got it
got it right
you've got it right
you got it right
you've got it
that's the plan
that's our plan
that is the plan
sounds like the plan
sounds good to us
sounds great to me
sounds great to us
sounds perfect to me
sounds fine
sounds fine to me
sounds right
sounds correct
sounds like a deal
sounds like a good plan
looks good to us
looks great to me
looks great to us
looks perfect
looks perfect to me
looks correct to me
looks accurate to me
looks all good
looks all right
all looks good
all looks good to me
all looks right
all looks correct
everything looks good
everything looks right
everything looks correct
everything looks fine
everything's fine
everything is fine
everything is in order
all in order
in order
all good here thanks
all good with me
all good by me
good by me
fine by us
fine with us
works for both of us
that works for us
that works fine
works fine
works perfectly
that works perfectly
works great
that works great
it works
it works for me
this works
this works for me
this works for us
suits me
suits us
that suits me
that suits us
suits me fine
happy with all of it
happy with all that
happy with the summary
happy with everything above
happy to go ahead
happy to proceed
we're happy to proceed
i'm happy to proceed
please go ahead
feel free to go ahead
go for it
let's go ahead
let's go with that
let's go with it
let's do that
let's do this
let's lock it in
lock it in
locked in
deal done
done deal
we have a deal
you have a deal
it's a deal then
deal then
agreed then
confirmed then
that's settled
all settled
we're settled
we're all set
we are all set
i'm all set
all set here
on the same page
we're on the same page here
i'm on the same page
we're in sync
in sync
fully aligned
we're fully aligned
we are fully aligned
completely aligned
aligned on all points
aligned on everything
all aligned
i'm aligned
that aligns with my understanding
aligns with my understanding
that aligns with our discussion
that's in line with my understanding
in line with my understanding
that reflects my understanding
reflects my understanding
that is my understanding
this is my understanding
that was my understanding too
that's our understanding
that is our understanding
matches my understanding exactly
that's how i see it too
that's how i understood it too
that's how i recall it
how i recall it
that's what i have too
that's what i have
i have the same
same here
same on my side
likewise
ditto
seconded
no objection from me
no objection here
no objections here
no objections at all
no objection at all
no objections whatsoever
no objections on my side
no objections on our side
no objections from us
no objection from us
no concerns from me
no concerns from my side
no concerns here
no concerns at all
no issues from me
no issues here
no issues at all
no issues on my side
no issues on our side
no problems here
no problem at all
no problems at all
no comments from me
no comments from my side
no further comments from me
no further comments from my side
no further remarks
no further notes
no further changes
no further edits
no further input
no further questions from me
no changes from me
no changes on my side
no changes on our side
no changes needed from my side
no corrections from me
no corrections needed
no corrections on my side
no amendments needed
no amendments from me
no edits from me
no notes from me
no notes from my side
no notes here
no additions
no additions from me
no additions from my side
no additions from our side
nothing to add here
nothing to add from me
nothing to add on my side
nothing to add on our side
nothing more to add
nothing else to add
nothing further to add from me
nothing to correct here
nothing to change here
nothing to amend
nothing missing
nothing is missing
nothing missed
you didn't miss anything
you haven't missed anything
you did not miss anything
nothing to add or change
can't think of anything to add
i can't think of anything to add
don't have anything to add
i don't have anything to add
i don't have anything to add
we don't have anything to add
don't have anything to change
i don't have any changes
we don't have any changes
i don't have any corrections
i have no changes
we have no changes
i have no corrections
i have no objections
we have no objections
i have no concerns
we have no concerns
i have nothing to change
no need to change anything
nothing needs changing
nothing needs to change
doesn't need any changes
needs no changes
all correct thanks
correct thanks
correct as written
correct on all points
correct in every point
correct in all points
correct across the board
right on all counts
right on all points
accurate on all counts
accurate on all points
that's all accurate
that's all right
that's all fine
all fine here
all fine with me
all fine thanks
fine on all points
fine with everything
fine with all of that
fine with the summary
fine with all points
good with everything
good with all of it
good with all of that
good with that
good with this
i'm good with that
i'm good with this
i'm good with everything
we're good with that
we're good with this
we're good with everything
good on my end
good on our end
good on my side
good on our side
good from my side
good from our side
good here
good for me
good for us
all good for me
all good for us
ok for me
ok by me
okay by me
ok with me
okay with me
ok with that
okay with that
i'm ok with that
i'm okay with that
we're ok with that
we're okay with that
ok with everything
ok on all points
ok to go ahead
okay to go ahead
ok to go
good to go from my side
good to go from our side
good to go here
green light from me
green light from my side
thumbs up
thumbs up from me
big thumbs up
two thumbs up
signed off from my side
signed off on my side
i sign off on this
we sign off on this
i'm signing off on this
approved and confirmed
yes to everything
yes on all points
yes on all counts
yes to all points
yes to all of the above
yes to all three
yes to both
both correct
both fine
both good
all three correct
all points correct
all points agreed
all points fine
every point is correct
each point is correct
everything correct
everything agreed
everything is agreed
everything is as we agreed
everything is as discussed
all as agreed
all as discussed
all as we discussed
all as per our discussion
as we discussed it
as we had discussed
as we've discussed
as we have discussed
as we'd agreed
as we had agreed
as we've agreed
as we have agreed
as per our agreement
as per our conversation today
what we talked about
that's what we talked about
that's exactly what we talked about
what we agreed on
that's the agreement
that's our agreement
that's the deal we agreed
i accept the terms
we accept the terms
i accept all points
terms accepted
accepted as written
accepted with thanks
acknowledged and agreed
noted and agreed
noted and confirmed
received and agreed
received and confirmed
read and agreed
read and approved
read and confirmed
reviewed and agreed
reviewed and approved
reviewed and confirmed
checked and confirmed
checked and agreed
all checked and correct
double-checked and all correct
verified
all verified
i'm in
we're in
i'm on board with this
on board with this
on board with that
on board with all of it
fully on board
we're on board
we are on board
count us in
works for me too
that works for me too
fine by me too
agreed too
me too
perfect thanks
perfect thank you
perfect for me
perfect for us
that's perfect
this is perfect
all perfect
excellent thanks
great thanks
great thank you
great stuff
brilliant thanks
lovely thanks
super thanks
wonderful thanks
fantastic thanks
awesome thanks
terrific
superb
splendid
fab
nice one
you're right
you are right
that's true
precisely so
exactly so
quite so
correctamundo
affirmative
roger
roger that
aye
yass
yesss
yessir
yes sir
yes ma'am
definitely agree
100% agree
i agree 100%
agree 100%
""",
    "de": """
hiermit bestätige ich die genannten punkte
bestätige ich die genannten punkte
meine zustimmung
ich gebe meine zustimmung
hiermit gebe ich meine zustimmung
dem ist nichts hinzuzufügen
da gibt es nichts hinzuzufügen
da ist nichts hinzuzufügen
dem habe ich nichts hinzuzufügen
nichts dagegen
ich habe nichts dagegen
habe nichts dagegen
wir haben nichts dagegen
keine fehler
keine fehler gefunden
keinerlei anmerkungen
keine änderungen notwendig
nichts zu meckern
nicht zu beanstanden
ohne einwände
ohne änderungen
ohne anmerkungen
keine rückfragen
keine weiteren rückfragen
von mir nichts weiter
kein einwand
ich sehe keine probleme
sehe keine probleme
ich sehe kein problem
keine probleme
wie heute besprochen
wie heute vereinbart
wie heute abgesprochen
wie gestern besprochen
wie gestern vereinbart
wie gestern abgesprochen
wie heute morgen besprochen
wie heute morgen vereinbart
wie heute morgen abgesprochen
wie eben besprochen
wie eben vereinbart
wie eben abgesprochen
wie vorhin besprochen
wie vorhin vereinbart
wie vorhin abgesprochen
wie telefonisch besprochen
wie telefonisch vereinbart
wie telefonisch abgesprochen
wie im gespräch besprochen
wie im gespräch vereinbart
wie im gespräch abgesprochen
so wie heute besprochen
so wie gestern besprochen
so wie vorhin besprochen
ich möchte bestätigen
möchte ich bestätigen
ich möchte hiermit bestätigen
möchte hiermit bestätigen
wir möchten bestätigen
ich möchte die zusammenfassung bestätigen
ja genau
ja richtig
ja korrekt
ja passt
ja das passt
ja das stimmt
ja das ist richtig
ja das ist korrekt
ja gerne
ja klar
ja sicher
na klar
klar
klar doch
sicher
sicherlich
selbstverständlich
natürlich
auf jeden fall
absolut
absolut richtig
völlig richtig
vollkommen richtig
ganz genau
ganz richtig
exakt
präzise
das passt so
das passt für mich
das passt für uns
passt für uns
passt mir
passt uns
passt bestens
passt wunderbar
passt gut
passt alles so
passt soweit alles
alles passt so
das passt mir
das passt uns
passt für mich so
geht in ordnung
das geht in ordnung
geht für mich in ordnung
geht so in ordnung
ist so in ordnung
alles in ordnung so
alles ok
alles okay
alles okay so
alles gut so
alles bestens so
alles klar so
alles prima
alles super
alles perfekt
alles stimmt
alles stimmt so
das stimmt so
stimmt genau
stimmt alles
stimmt so alles
das stimmt alles
das ist alles richtig
das ist alles korrekt
das ist so korrekt
das ist genau richtig
das ist genau so
genau so ist es
genau das
genau das haben wir besprochen
genau das haben wir vereinbart
genau so haben wir es vereinbart
genau so vereinbart
genau wie besprochen
genau wie vereinbart
so wie vereinbart
wie besprochen so
wie abgesprochen
so wie abgesprochen
so haben wir es abgesprochen
so haben wir das besprochen
so haben wir das vereinbart
so ist es vereinbart
so war es vereinbart
so ist es richtig zusammengefasst
richtig zusammengefasst
gut zusammengefasst
sehr gut zusammengefasst
perfekt zusammengefasst
korrekt zusammengefasst
treffend zusammengefasst
die zusammenfassung ist korrekt
die zusammenfassung ist richtig
die zusammenfassung stimmt
die zusammenfassung passt
zusammenfassung ist korrekt
zusammenfassung stimmt
zusammenfassung passt
deckt sich mit meinem verständnis
das deckt sich mit meinem verständnis
deckt sich mit unserem verständnis
das deckt sich mit unserem verständnis
deckt sich mit meinen notizen
das deckt sich mit meinen notizen
entspricht meinem verständnis
das entspricht meinem verständnis
entspricht unserem verständnis
entspricht dem vereinbarten
das entspricht dem vereinbarten
entspricht unserer absprache
das entspricht unserer absprache
entspricht unserem gespräch
so verstehe ich es auch
so habe ich es auch verstanden
so habe ich das auch verstanden
so habe ich es auch in erinnerung
so habe ich das auch in erinnerung
so sehe ich das auch
sehe ich genauso
sehe ich auch so
ich sehe das genauso
einverstanden mit allem
mit allem einverstanden
mit allem einverstanden danke
ich bin mit allem einverstanden
wir sind mit allem einverstanden
ich bin damit einverstanden
wir sind damit einverstanden
damit bin ich einverstanden
damit sind wir einverstanden
bin einverstanden
sind einverstanden
voll einverstanden
völlig einverstanden
absolut einverstanden
ich stimme allem zu
wir stimmen allem zu
ich stimme voll zu
ich stimme vollkommen zu
stimme zu
stimme voll zu
volle zustimmung von mir
zugestimmt
akzeptiert
ich akzeptiere
wir akzeptieren
angenommen
genehmigt
freigegeben
ich gebe frei
hiermit freigegeben
bestätigt danke
hiermit bestätigt
so bestätigt
gerne bestätigt
bestätige gerne
ich bestätige gerne
bestätige ich gerne
ich bestätige hiermit
wir bestätigen hiermit
bestätige hiermit
ich bestätige alles
ich kann das bestätigen
kann ich bestätigen
kann ich so bestätigen
das kann ich bestätigen
das kann ich so bestätigen
von meiner seite bestätigt
von unserer seite bestätigt
von meiner seite alles klar
von meiner seite alles gut
von meiner seite alles in ordnung
von unserer seite alles in ordnung
von unserer seite alles gut
von unserer seite alles klar
von unserer seite passt alles
meinerseits alles klar
meinerseits alles gut
meinerseits passt alles
meinerseits einverstanden
unsererseits einverstanden
für mich passt das
für mich passt alles
für mich ist das in ordnung
für mich ist alles in ordnung
für mich alles gut
für mich alles klar
für uns passt das
für uns passt alles
für uns ist das in ordnung
klingt gut für mich
klingt super
klingt prima
klingt perfekt
klingt sehr gut
hört sich gut an
hört sich gut an für mich
das hört sich gut an
klingt gut so
sieht gut aus für mich
sieht super aus
sieht alles gut aus
sieht richtig aus
sieht korrekt aus
liest sich gut
so machen wir es
so machen wir das
so machen wir's
machen wir so
machen wir es so
machen wir das so
gerne so
so ist es gut
so ist es richtig
gut so
ist gut so
abgemacht danke
deal
gebongt
geritzt
alles paletti
top
passt top
daumen hoch
keine einwände von mir
keine einwände unsererseits
keine einwände meinerseits
keine einwände von unserer seite
keinerlei einwände
keine bedenken
keine bedenken von meiner seite
keine bedenken meinerseits
keine anmerkungen von meiner seite
keine anmerkungen meinerseits
keine weiteren anmerkungen
keine weiteren fragen
keine fragen mehr
keine ergänzungen
keine ergänzungen von meiner seite
keine änderungen von meiner seite
keine änderungen nötig
keine änderungswünsche
keine korrekturen nötig
keine korrekturen von meiner seite
nichts zu ergänzen von meiner seite
nichts hinzuzufügen von meiner seite
nichts zu beanstanden
nichts auszusetzen
nichts zu korrigieren
nichts zu ändern
ich habe nichts zu ergänzen
ich habe nichts hinzuzufügen
wir haben nichts zu ergänzen
wir haben nichts hinzuzufügen
ich habe keine einwände
wir haben keine einwände
ich habe keine anmerkungen
ich habe keine änderungen
du hast nichts vergessen
sie haben nichts vergessen
nichts vergessen
vollständig und korrekt
vollständig und richtig
korrekt und vollständig
richtig und vollständig
""",
    "fr": """
je vous confirme mon accord
confirme mon accord
mon accord
je donne mon accord
nous donnons notre accord
notre accord sur l'ensemble des points
je n'ai rien à redire
rien à dire
je n'ai rien à dire
rien à objecter
je n'ai rien contre
aucune erreur
pas d'erreur
pas de correction
pas de corrections
aucune correction à apporter
rien à corriger de mon côté
pas de questions
aucune question
je n'ai pas de remarques
je n'ai aucune remarque
sans objection
sans remarque
sans modification
je n'y vois aucun problème
je n'y vois pas d'inconvénient
aucun inconvénient
pas d'inconvénient
ça ne pose aucun problème
cela ne pose aucun problème
pas de soucis
je n'ai rien à ajouter de plus
comme convenu aujourd'hui
comme convenu ce matin
comme convenu hier
comme convenu cet après-midi
comme convenu par téléphone
comme discuté aujourd'hui
comme discuté ce matin
comme discuté hier
c'est exactement ce qu'on a dit
c'est exactement ce qu'on s'est dit
c'est ce qu'on s'est dit
ce qu'on s'est dit
ce qu'on a dit
ce qu'on a convenu
c'est ce qu'on a convenu
c'est bien ce qu'on s'est dit
c'est exactement ce que nous avons convenu
c'est exactement ce que nous avons dit
je voudrais confirmer
je souhaite confirmer
je tiens à confirmer
nous souhaitons confirmer
je souhaiterais confirmer
oui c'est ça
oui c'est bien ça
oui c'est exact
oui c'est correct
oui c'est juste
oui tout à fait
oui bien sûr
oui parfait
oui d'accord
oui ça me va
oui ok
oui confirmé
oui je confirme
bien sûr
évidemment
absolument
tout à fait exact
tout à fait juste
tout à fait correct
parfaitement
exactement ça
c'est exactement ça
c'est tout à fait ça
c'est parfait
c'est parfait pour moi
c'est parfait pour nous
parfait pour moi
parfait pour nous
parfait merci
c'est bon pour nous
c'est bon de mon côté
c'est bon de notre côté
tout est bon de mon côté
tout est ok
tout est ok pour moi
tout est ok pour nous
tout me va
tout nous va
ça me convient parfaitement
cela me convient parfaitement
ça nous convient parfaitement
cela nous convient
ça me va très bien
ça me va parfaitement
ça nous va très bien
ça marche pour moi
ça marche pour nous
ça roule
c'est entendu
entendu pour moi
entendu merci
d'accord pour moi
d'accord pour nous
d'accord avec vous
d'accord avec toi
d'accord avec tout
d'accord sur l'ensemble
d'accord avec l'ensemble
d'accord avec le résumé
d'accord avec le récapitulatif
je suis tout à fait d'accord
nous sommes tout à fait d'accord
entièrement d'accord
totalement d'accord
complètement d'accord
pleinement d'accord
je suis entièrement d'accord
je suis d'accord avec l'ensemble
je suis d'accord avec le récapitulatif
je suis d'accord avec le résumé
nous sommes d'accord sur tout
je valide
je valide le tout
je valide l'ensemble
nous validons
validé de mon côté
validé de notre côté
validé pour moi
validé pour nous
c'est validé pour moi
c'est validé pour nous
validé merci
bon pour moi
bon pour nous
je confirme le tout
je confirme l'ensemble
je confirme ce récapitulatif
je confirme ce résumé
je confirme les termes
je vous le confirme
je te confirme
confirmé de mon côté
confirmé de notre côté
confirmé pour moi
confirmé merci
je confirme merci
c'est confirmé
bien confirmé
tout est confirmé
j'approuve
nous approuvons
approuvé
accepté
j'accepte
nous acceptons
c'est correct pour moi
c'est correct pour nous
c'est exact pour moi
c'est juste pour moi
c'est conforme pour moi
conforme à notre échange
conforme à nos échanges
conforme à notre discussion
conforme à ce que nous avons décidé
c'est bien ce que nous avons dit
c'est bien ce que nous avons décidé
c'est ce que nous avons décidé
c'est bien ce qu'on a dit
c'est ce qu'on a dit
c'est bien ce qu'on a convenu
comme on a dit
comme on l'a dit
comme discuté
comme nous l'avons discuté
comme nous en avons discuté
comme prévu
c'est bien résumé
bien résumé
très bien résumé
parfaitement résumé
résumé parfait
bon résumé
très bon résumé
excellent résumé
le résumé est correct
le résumé est exact
le récapitulatif est correct
le récapitulatif est exact
c'est aussi ma compréhension
c'est bien ma compréhension
c'est ainsi que je l'ai compris
c'est comme ça que je l'ai compris
c'est ce que j'ai compris
c'est bien ce que j'ai compris
je n'ai rien à ajouter
nous n'avons rien à ajouter
rien à ajouter de mon côté
rien à ajouter de notre côté
rien de plus
rien d'autre
rien à modifier
rien à changer
rien à redire de mon côté
pas de modification
aucune modification
aucune modification de mon côté
pas de changement
aucun changement
pas d'objection
aucune objection de mon côté
aucune objection de notre côté
je n'ai aucune objection
je n'ai pas d'objection
nous n'avons pas d'objection
aucune remarque de mon côté
pas de remarque de mon côté
pas de commentaire
aucun commentaire
aucun problème pour moi
aucun problème de mon côté
pas de problème pour moi
pas de souci pour moi
pas de souci de mon côté
aucun souci pour moi
vous n'avez rien oublié
tu n'as rien oublié
rien oublié
top
nickel
impeccable
super merci
parfait merci beaucoup
feu vert
banco
marché conclu
affaire conclue
""",
    "es": """
la conformidad con
conformidad con
nuestra conformidad con
confirmo mi conformidad
mi conformidad
doy mi conformidad
doy mi aprobación
presto mi conformidad
manifiesto mi conformidad
lo dejamos así
así lo dejamos
lo dejamos así entonces
lo dejamos como está
dejémoslo así
no hay nada que añadir
no hay nada que cambiar
no tengo nada que objetar
nada que decir
no tengo ninguna objeción
no hay objeciones
no veo ningún problema
no veo problema
sin ningún problema
sin errores
ningún error
no hay errores
no tengo comentarios
sin más comentarios
no tengo preguntas
sin preguntas
no hay cambios
como hablamos hoy
como hablamos ayer
como hablamos esta mañana
como hablamos esta tarde
como hablamos por teléfono
como acordamos hoy
como acordamos ayer
como acordamos esta mañana
como acordamos esta tarde
como acordamos por teléfono
como quedamos hoy
como quedamos ayer
como quedamos esta mañana
como quedamos esta tarde
como quedamos por teléfono
quisiera confirmar
me gustaría confirmar
quiero confirmar
queremos confirmar
sí claro
sí por supuesto
sí correcto
sí es correcto
sí todo bien
sí todo correcto
sí de acuerdo
sí perfecto
sí así es
sí exacto
sí confirmo
claro que sí
por supuesto
desde luego
efectivamente
exactamente
exactamente así
es exactamente eso
eso es
eso es todo
es eso
así es exactamente
tal cual
tal cual lo hablamos
tal cual lo acordamos
tal y como lo hablamos
tal y como lo acordamos
tal como quedamos
como quedamos
lo que quedamos
es lo que quedamos
quedamos así
quedamos así entonces
queda así
así queda
queda confirmado
quedo conforme
quedamos conformes
estoy conforme
estamos conformes
conforme con todo
conforme con el resumen
todo conforme
de acuerdo en todo
de acuerdo con el resumen
de acuerdo con lo acordado
de acuerdo con lo hablado
completamente de acuerdo
totalmente conforme
plenamente de acuerdo
estoy totalmente de acuerdo
estoy completamente de acuerdo
estamos totalmente de acuerdo
estoy de acuerdo con el resumen
estoy de acuerdo con lo acordado
confirmo lo acordado
confirmo lo hablado
confirmo todo
confirmo todo lo anterior
confirmo el resumen
confirmamos lo acordado
confirmamos todo
confirmado por mi parte
confirmado por nuestra parte
confirmado gracias
todo confirmado
aprobado
apruebo
aprobamos
acepto
aceptamos
aceptado
de mi parte todo bien
por mi parte todo bien
por mi parte todo correcto
por mi parte de acuerdo
por mi parte ok
por nuestra parte todo bien
por nuestra parte todo correcto
por nuestra parte de acuerdo
por mí perfecto
por mí bien
por mí está bien
por mí ok
por nosotros perfecto
para mí está bien
para mí perfecto
para nosotros está bien
me parece genial
me parece estupendo
me parece muy bien
me parece excelente
nos parece perfecto
nos parece genial
me vale
nos vale
me sirve
me viene bien
me va bien
me encaja
encaja
está perfecto
está perfecto así
está todo perfecto
todo perfecto así
todo está correcto
está todo correcto así
todo está en orden
todo en orden por mi parte
está bien así
muy bien
perfectamente
genial gracias
perfecto gracias
vale perfecto
vale de acuerdo
vale genial
ok perfecto
ok de acuerdo
adelante
adelante entonces
dale
venga
trato hecho
hecho
bien resumido
muy bien resumido
perfectamente resumido
buen resumen
el resumen es correcto
el resumen está bien
refleja lo que hablamos
refleja lo acordado
refleja bien lo que hablamos
coincide con lo que hablamos
coincide con lo acordado
coincide con mi entendimiento
así lo entendí yo también
así lo entiendo
lo entiendo igual
es lo que entendí
nada que agregar
nada más que añadir
nada más que agregar
no tengo nada que añadir
no tengo nada que agregar
no tenemos nada que añadir
nada que cambiar
nada que modificar
sin comentarios
sin observaciones
ninguna observación
sin cambios por mi parte
ningún cambio
sin objeciones por mi parte
ninguna objeción por mi parte
no tengo objeciones
no hay problema
ningún inconveniente
sin inconvenientes
no tengo inconveniente
no tenemos inconveniente
no te has olvidado de nada
no se te ha olvidado nada
""",
    "it": """
confermo il mio accordo
il mio accordo
do il mio accordo
su quanto riportato
quanto riportato
quanto sopra
quanto indicato
quanto esposto
va tutto bene
tutto va bene
va tutto benissimo
va tutto bene così
d'accordo su tutti i punti
non ho obiezioni
non ho osservazioni
nessun errore
non ci sono errori
non vedo problemi
niente da dire
nulla da dire
non ho domande
nessuna domanda
niente da obiettare
nulla da obiettare
non ho niente da obiettare
nessuna correzione
come concordato oggi
come concordato ieri
come concordato stamattina
come concordato al telefono
come detto oggi
come detto ieri
come detto stamattina
come detto al telefono
come discusso oggi
come discusso ieri
come discusso stamattina
come discusso al telefono
come d'accordo oggi
come d'accordo ieri
come d'accordo stamattina
come d'accordo al telefono
vorrei confermare
desidero confermare
volevo confermare
vorremmo confermare
sì esatto
sì certo
sì corretto
sì è corretto
sì tutto ok
sì tutto corretto
sì va bene
sì perfetto
sì confermo
sì d'accordo
certo
certamente
certo che sì
assolutamente
assolutamente sì
esattamente questo
è esattamente così
proprio così
è proprio così
giustissimo
correttissimo
perfettamente
perfetto così
perfetto grazie
va bene per me
va bene per noi
va benissimo per me
per me è ok
per me ok
per noi ok
per me è perfetto
per me perfetto
per me tutto ok
per me tutto bene
per noi tutto ok
per me va benissimo
per noi va benissimo
tutto ok per me
tutto ok per noi
tutto bene per me
tutto perfetto
tutto chiaro e corretto
tutto in ordine
è tutto in ordine
è tutto ok
è tutto perfetto
è tutto giusto
tutto confermato
confermo tutto quanto
confermo il tutto
confermo il riepilogo
confermo quanto detto
confermo quanto concordato
confermo quanto scritto
confermo quanto sopra riportato
confermato da parte mia
confermato da parte nostra
confermo da parte mia
confermiamo quanto concordato
ti confermo
le confermo
vi confermo
confermo grazie
approvato
approviamo
accetto
accettiamo
accettato
sono pienamente d'accordo
sono completamente d'accordo
sono totalmente d'accordo
completamente d'accordo
pienamente d'accordo
totalmente d'accordo
d'accordo con tutto
d'accordo con il riepilogo
siamo d'accordo su tutto
mi va bene
ci va bene
mi sta bene
ci sta bene
mi torna
torna tutto
tutto torna
mi trovo d'accordo
concordo
concordo su tutto
concordo pienamente
concordiamo
come concordato
come stabilito
come da accordi
come deciso
come detto
come ci siamo detti
è quello che ci siamo detti
è quanto ci siamo detti
è quello che abbiamo deciso
corrisponde a quanto detto
corrisponde a quanto concordato
corrisponde
coincide con quanto detto
rispecchia quanto detto
rispecchia quanto concordato
ben riassunto
riassunto perfetto
ottimo riepilogo
il riepilogo è corretto
riepilogo corretto
nulla da aggiungere da parte mia
niente da aggiungere da parte mia
non ho nulla da aggiungere
non ho niente da aggiungere
nulla da modificare
niente da modificare
nessuna modifica da parte mia
nessuna obiezione da parte mia
nessun problema da parte mia
nessun problema per me
nessuna osservazione da parte mia
nessun commento
via libera
procedi pure
procediamo
procediamo pure
si procede
affare fatto
andata
""",
    "pt": """
confirmo minha concordância
minha concordância
dou minha concordância
conforme descrito
conforme acima
não tenho objeções
não tenho nada a acrescentar
não vejo problema
não vejo nenhum problema
sem erros
nenhum erro
não tenho comentários
sem perguntas
não tenho dúvidas
sem dúvidas
nada a declarar
nada a opor
não tenho nada contra
como combinamos hoje
como combinamos ontem
como combinamos hoje de manhã
como combinamos por telefone
como conversamos hoje
como conversamos ontem
como conversamos hoje de manhã
como conversamos por telefone
como combinado hoje
como combinado ontem
como combinado hoje de manhã
como combinado por telefone
está tudo certo da minha parte
tudo certo por aqui
gostaria de confirmar
quero confirmar
queria confirmar
sim claro
sim correto
sim está correto
sim tudo certo
sim de acordo
sim perfeito
sim confirmo
sim é isso
claro que sim
com certeza
certamente
certo
exato
exatamente assim
é exatamente isso
é isso mesmo
isso mesmo obrigado
isso aí
perfeito obrigado
perfeito obrigada
perfeito para mim
perfeito para nós
tudo perfeito
tudo certo obrigado
tudo certo obrigada
tudo certo comigo
tudo certo da minha parte
tudo certo da nossa parte
tudo ok da minha parte
tudo bem da minha parte
tudo correto da minha parte
da minha parte tudo certo
da minha parte está tudo certo
da minha parte ok
da nossa parte tudo certo
por mim tudo certo
por mim está ótimo
por mim está bom
por mim ok
por mim tudo bem
por nós tudo certo
para mim está ótimo
para mim está bom
para mim está certo
para mim ok
está ótimo
está ótimo assim
está bom assim
está perfeito
está perfeito assim
está tudo ok
está tudo perfeito
está tudo correto
está tudo bem
está de acordo
está combinado
tá combinado
tá ótimo
tá perfeito
tá tudo certo
beleza
fechado então
combinado então
combinadíssimo
fechou
de acordo com tudo
totalmente de acordo
plenamente de acordo
completamente de acordo
estou totalmente de acordo
estamos de acordo
estamos totalmente de acordo
concordo plenamente
concordo totalmente
concordo com o resumo
concordamos
concordamos com tudo
confirmo tudo
confirmo o resumo
confirmo o que combinamos
confirmo o combinado
confirmo os termos
confirmamos o combinado
confirmado da minha parte
confirmado obrigado
confirmado obrigada
aprovo
aprovamos
aceito
aceitamos
aceito os termos
pode seguir assim
pode prosseguir
pode ir em frente
vamos em frente
podemos seguir
sigam
bem resumido
ótimo resumo
resumo perfeito
o resumo está correto
o resumo está certo
reflete o que combinamos
reflete bem o que conversamos
corresponde ao que combinamos
corresponde ao combinado
é o que conversamos
foi o que conversamos
foi isso que conversamos
como conversamos
conforme conversamos
conforme o combinado
como o combinado
nada a acrescentar da minha parte
nada a acrescentar da nossa parte
não tenho nada a acrescentar
nada a alterar
nada a mudar
sem correções
nenhuma correção
sem observações
nenhuma observação
sem comentários
nenhum problema
sem problema
sem objeção
""",
    "nl": """
hierbij bevestig ik mijn akkoord
bevestig ik mijn akkoord
mijn akkoord
ik geef mijn akkoord
ga akkoord
ga akkoord met alle punten
akkoord met alle punten
akkoord op alle punten
eens met alle punten
ik heb geen bezwaar
ik heb geen bezwaren
ik heb geen opmerkingen
geen vragen
ik heb geen vragen
geen fouten
geen fouten gevonden
daar is niets mis mee
niets mis mee
ik zie geen problemen
geen problemen
niks op aan te merken
zoals vandaag besproken
zoals vandaag afgesproken
zoals gisteren besproken
zoals gisteren afgesproken
zoals vanochtend besproken
zoals vanochtend afgesproken
zoals vanmiddag besproken
zoals vanmiddag afgesproken
zoals telefonisch besproken
zoals telefonisch afgesproken
ik wil graag bevestigen
wil graag bevestigen
ik wil bevestigen
graag bevestig ik
ja dat klopt
ja klopt
ja prima
ja akkoord
ja correct
ja helemaal goed
ja zeker
jazeker
jawel
zeker
zeker weten
natuurlijk
uiteraard
absoluut
precies
precies zo
precies goed
exact
klopt precies
dat klopt precies
dat klopt helemaal
klopt als een bus
dat is correct zo
dat is helemaal correct
dat is juist zo
helemaal juist
helemaal correct
alles is correct
alles correct
alles in orde
alles is in orde
in orde voor mij
prima voor mij
prima voor ons
prima zo voor mij
is prima
dat is prima
dat is goed
dat is goed zo
is goed
is goed zo
goed zo
helemaal prima
allemaal prima
allemaal goed
alles goed
alles prima
klinkt goed
klinkt prima
klinkt perfect
klinkt goed voor mij
ziet er goed uit
ziet er prima uit
lijkt me goed
lijkt me prima
akkoord van mijn kant
akkoord van onze kant
akkoord voor mij
akkoord voor ons
voor akkoord
ik ga akkoord
wij gaan akkoord
we gaan akkoord
ik ben akkoord
ik ga akkoord met de samenvatting
ik ga ermee akkoord
wij gaan ermee akkoord
ik ga overal mee akkoord
eens
helemaal eens
ik ben het eens
ik ben het ermee eens
ik ben het er helemaal mee eens
we zijn het eens
wij zijn het eens
we zijn het erover eens
mee eens
helemaal mee eens
bevestigd van mijn kant
ik bevestig de afspraken
ik bevestig hierbij
hierbij bevestig ik
bij deze bevestigd
bij deze akkoord
goedgekeurd
ik keur het goed
zo hebben we het afgesproken ja
zoals we hebben besproken
zoals we besproken hebben
zoals we afgesproken hebben
zoals we hebben afgesproken
zoals overeengekomen
precies wat we besproken hebben
precies wat we hebben besproken
precies wat we afgesproken hebben
dat is wat we besproken hebben
dat is wat we hebben afgesproken
dat is wat we afgesproken hebben
zo heb ik het ook begrepen
zo heb ik het ook onthouden
zo zie ik het ook
komt overeen met wat we besproken hebben
komt overeen met onze afspraken
goed samengevat
prima samengevat
mooi samengevat
keurig samengevat
de samenvatting klopt
samenvatting klopt
de samenvatting is correct
niets aan toe te voegen
niks aan toe te voegen
niets toe te voegen van mijn kant
ik heb niets toe te voegen
geen aanvullingen
geen wijzigingen
geen aanpassingen
geen opmerkingen verder
geen verdere opmerkingen
geen bezwaar van mijn kant
geen bezwaren van mijn kant
geen bezwaar van onze kant
geen punt
geen probleem hoor
deal
top
toppie
helemaal top
doen we
zo doen we het
afgesproken dan
""",
    "pl": """
potwierdzam zgodę
wyrażam zgodę
zgodę na powyższe ustalenia
potwierdzam zgodę na powyższe ustalenia
zgadzam się ze wszystkimi punktami
zgadzam się ze wszystkim co napisałaś
zgadzam się ze wszystkim co napisałeś
zgoda we wszystkich punktach
potwierdzam wszystkie ustalenia
potwierdzam wszystkie punkty
wszystkie ustalenia się zgadzają
nie widzę problemu
nie widzę problemów
nie ma problemu
żadnych uwag
nie mam nic przeciwko
nic dodać nic ująć
nie mam żadnych zastrzeżeń
brak zastrzeżeń
brak błędów
bez błędów
chciałbym potwierdzić
chciałabym potwierdzić
chcielibyśmy potwierdzić
tak zgadza się
tak potwierdzam
tak wszystko się zgadza
tak dokładnie
tak jest
oczywiście
oczywiście że tak
jasne że tak
pewnie
absolutnie
zdecydowanie
dokładnie tak
właśnie tak
zgadza się wszystko
wszystko się zgadza dzięki
wszystko pasuje
pasuje mi
pasuje nam
to mi pasuje
to nam pasuje
mi pasuje
nam pasuje
odpowiada mi
odpowiada nam
to mi odpowiada
wszystko ok z mojej strony
z mojej strony wszystko ok
z mojej strony wszystko jasne
z mojej strony bez uwag
z naszej strony bez uwag
z mojej strony potwierdzam
z naszej strony potwierdzam
wszystko w porządku z mojej strony
wszystko jest jasne
wszystko jasne
w porządku dzięki
jest ok
jest dobrze
wszystko dobrze
wszystko gra
super
świetnie dzięki
idealnie
bardzo dobrze
potwierdzam wszystko
potwierdzam ustalenia z rozmowy
potwierdzam podsumowanie
potwierdzam powyższe
potwierdzamy
potwierdzamy ustalenia
potwierdzone z mojej strony
akceptuję ustalenia
akceptuję podsumowanie
akceptujemy ustalenia
zatwierdzam
zatwierdzone
zgadzam się w całości
zgadzam się całkowicie
w pełni się zgadzam
całkowicie się zgadzam
zgadzamy się
zgoda na wszystko
zgodnie z rozmową
tak jak się umówiliśmy
jak się umówiliśmy
tak jak uzgodniliśmy
jak uzgodniliśmy
zgodnie z tym co ustaliliśmy
to jest to co ustaliliśmy
dokładnie to ustaliliśmy
dobre podsumowanie
świetne podsumowanie
trafne podsumowanie
podsumowanie jest poprawne
podsumowanie się zgadza
poprawnie
wszystko poprawnie
jest poprawnie
nie mam nic do dodania
nie mamy nic do dodania
nic do dodania
nie mam nic do zmiany
bez zmian
bez poprawek
nie mam żadnych uwag
nie mamy żadnych uwag
nie mam pytań
działamy
ruszamy
możemy działać
""",
    "sv": """
inget att invända
jag har inget att invända
inga problem
inga konstigheter
inga fel
inget att anmärka
jag har inga synpunkter
det stämmer bra
stämmer bra det
det är bra
det låter bra det
jag vill bekräfta
vill bekräfta
ja det stämmer
ja stämmer
ja precis
ja absolut
ja visst
javisst
absolut
precis
precis så
exakt
exakt så
helt korrekt
helt riktigt
stämmer helt
stämmer precis så
allt stämmer bra
det låter bra
låter helt rätt
låter perfekt
låter toppen
ser bra ut
ser bra ut för mig
ser rätt ut
helt okej för mig
okej för mig
funkar för mig
fungerar för mig
passar mig
passar bra
det passar bra
det passar mig
passar oss
jag godkänner
vi godkänner
godkänt från min sida
godkänt från vår sida
jag godtar
jag accepterar
vi accepterar
accepterat
bekräftar härmed
härmed bekräftat
jag bekräftar härmed
jag bekräftar sammanfattningen
bekräftat från min sida
bekräftat från vår sida
jag håller med om allt
håller med
håller helt med
jag håller helt med
vi håller med
helt överens
vi är helt överens
är överens
överens om allt
som vi kom överens
som vi pratade om
som vi diskuterade
som diskuterat
som avtalat
enligt överenskommelse
det var det vi kom överens om
det var det vi sa
det är vad vi kom överens om
så uppfattade jag det också
bra sammanfattning
bra sammanfattat
korrekt sammanfattat
sammanfattningen stämmer
sammanfattningen är korrekt
inget att lägga till
ingenting att tillägga
inget att tillägga från min sida
inga ändringar från min sida
inga kommentarer
inga invändningar från min sida
inga frågor
kör
kör på
vi kör
toppen tack
perfekt tack
""",
    "no": """
det stemmer helt
stemmer helt
det stemmer helt og holdent
ingen problemer
ingenting å innvende
jeg har ingen innvendinger
ingen feil
ingen spørsmål
jeg vil bekrefte
vil bekrefte
ja det stemmer
ja stemmer
ja helt riktig
ja absolutt
ja visst
absolutt
akkurat
nettopp
presis
helt korrekt
helt enig
enig
enig i alt
jeg er helt enig
vi er helt enige
enige
det høres bra ut
høres bra ut for meg
høres fint ut
ser bra ut
ser fint ut
ser riktig ut
passer bra
passer fint
det passer bra
det passer fint
passer for meg
passer for oss
fungerer for meg
greit for meg
greit for oss
helt greit
helt i orden
alt i orden
alt er i orden
alt ok
alt er ok
jeg godkjenner
vi godkjenner
godkjent fra min side
godkjent fra vår side
bekreftet fra min side
bekreftet fra vår side
jeg bekrefter
vi bekrefter
jeg bekrefter herved
herved bekreftet
jeg aksepterer
vi aksepterer
akseptert
som vi snakket om
som vi diskuterte
som diskutert
slik vi avtalte
slik vi ble enige om
det er det vi ble enige om
god oppsummering
fin oppsummering
oppsummeringen stemmer
oppsummeringen er riktig
ingenting å tilføye
ingenting å legge til fra min side
ingen kommentarer
ingen merknader
ingen endringer fra min side
ingen innvendinger fra min side
kjør
kjør på
topp
supert
flott
""",
    "da": """
det passer helt
passer helt
det stemmer helt
stemmer helt
ingen problemer
intet at indvende
jeg har ingen indvendinger
ingen fejl
ingen spørgsmål
jeg vil gerne bekræfte
vil gerne bekræfte
ja det passer
ja det er korrekt
ja helt enig
ja præcis
ja bestemt
ja selvfølgelig
selvfølgelig
absolut
præcis
præcis sådan
nemlig
helt enig
enig
enig i alt
jeg er helt enig
vi er helt enige
enige
det lyder godt
lyder fint
lyder rigtigt
ser godt ud
ser fint ud
ser rigtigt ud
det passer fint
passer fint
passer mig
passer os
passer godt
fungerer for mig
fint for mig
fint med mig
helt fint
helt i orden
alt i orden
alt er i orden
alt ok
alt er ok
det er fint
jeg godkender
vi godkender
godkendt fra min side
godkendt fra vores side
bekræftet fra min side
bekræftet fra vores side
jeg bekræfter
vi bekræfter
jeg bekræfter hermed
hermed bekræftet
jeg accepterer
vi accepterer
accepteret
som vi talte om
som vi drøftede
som drøftet
sådan som vi aftalte
det er det vi aftalte
god opsummering
fin opsummering
opsummeringen er korrekt
opsummeringen passer
intet at tilføje fra min side
ingen kommentarer
ingen bemærkninger
ingen ændringer fra min side
ingen indvendinger fra min side
kør
kør bare
super
fedt
top
""",
    "ja": """
異論はありません
異論はございません
訂正はありません
修正はありません
修正点はありません
修正点はございません
特に修正はありません
追加はありません
特にありません
質問はありません
不明点はありません
齟齬はありません
齟齬ございません
はい、問題ありません
はい問題ありません
はい、大丈夫です
はい大丈夫です
はい、その通りです
はい、相違ありません
はい、承知しました
はい、了解です
その内容で大丈夫です
この内容で大丈夫です
内容で大丈夫です
その内容で結構です
この内容で結構です
それで結構です
それで大丈夫です
それでお願いします
その内容でお願いします
この内容でお願いいたします
その内容でお願いいたします
上記の内容で問題ありません
上記内容で問題ありません
上記の内容で問題ございません
上記内容で問題ございません
上記の内容で相違ありません
上記内容で相違ございません
上記の内容で合意いたします
上記の内容に同意いたします
上記内容に同意します
内容に同意します
同意します
同意いたします
異論ありません
異論ございません
異議なしです
異存はございません
異存はありません
問題はございません
問題はありません
特に問題ありません
特に問題ございません
特に異論ございません
特に異論ありません
特にございません
全く問題ありません
まったく問題ありません
相違なしです
相違はございません
相違はありません
認識に相違ありません
認識に相違ございません
認識のとおりです
認識通りです
認識どおりです
記載の通りです
記載のとおりです
ご記載の通りです
ご記載のとおりです
ご認識のとおりです
ご認識の通りです
おっしゃる通りです
おっしゃるとおりです
仰る通りです
そのとおりで問題ありません
間違いございません
了承いたしました
了承です
了承しました
承認いたします
承認いたしました
合意しました
合意いたしました
確定でお願いします
確定です
それで進めてください
その内容で進めてください
この内容で進めていただいて問題ありません
進めていただいて構いません
進めてください
進めていただけますと幸いです
よろしいです
よいと思います
いいと思います
okです
ok です
大丈夫です！
異議はございません
異議はありません
問題なしです
問題ございませんので
相違ないです
""",
    "zh": """
没有意见
没有修改
没什么问题
没什么要补充的
没有要补充的
没有需要补充的
没有需要调整的
无需调整
没有疑问
无疑问
没有其他问题
好的没问题
好的，没问题
好的确认
好的同意
没问题的
都没问题
完全没问题
没有任何问题
没任何问题
一切没问题
全部正确
都对
都正确
都没错
完全对
说得对
是这样
是这样的
就是这样
对的没错
没错的
确认一下没问题
确认无误谢谢
确认同意
同意以上内容
同意上述内容
同意邮件内容
同意以上
我们同意
完全赞同
赞成
认可
我们认可
表示同意
没有异议的
我这边没有异议
我们这边没有异议
无异议谢谢
没有其他意见
没有意见的
我没有意见
没有补充
无补充
没有需要修改的
无需修改
不需要修改
就按这个来
按这个来吧
就按这个执行
按此执行
就按此执行
就这么定了
就这样定了
定了
就这样
就这样吧
可以的
可以可以
行
行的
没毛病
妥
好嘞
ok的
总结得很好
总结得很准确
总结准确
内容准确
内容正确
内容没问题
与我们讨论的一致
和我们讨论的一致
跟我们聊的一致
与沟通一致
和沟通的一致
""",
    "fi": """
kyllä
joo
juu
kyllä vain
kyllä kiitos
sovittu
sovitaan näin
sopii
sopii hyvin
sopii minulle
sopii meille
käy hyvin
käy minulle
käy meille
kaikki oikein
kaikki on oikein
on oikein
pitää paikkansa
kaikki pitää paikkansa
täsmälleen
juuri niin
juuri näin
aivan oikein
täsmää
kaikki täsmää
vahvistan
vahvistamme
vahvistettu
hyväksyn
hyväksymme
hyväksytty
olen samaa mieltä
olemme samaa mieltä
samaa mieltä
ei huomautettavaa
ei kommentoitavaa
ei lisättävää
ei mitään lisättävää
ei korjattavaa
ei vastaväitteitä
ei ongelmaa
ei ongelmia
ei mitään ongelmaa
kuten sovimme
kuten sovittiin
kuten keskustelimme
niin kuin sovittiin
näin sovittiin
hyvä yhteenveto
selkeä yhteenveto
erinomaista
täydellistä
hienoa
aivan niin
""",
    "tr": """
evet
tabii
tabii ki
elbette
kesinlikle
tamam
tamamdır
uygun
uygundur
bana uygun
bize uygun
doğru
doğrudur
hepsi doğru
her şey doğru
tamamen doğru
aynen
aynen öyle
kesinlikle doğru
onaylıyorum
onaylıyoruz
onaylandı
teyit ediyorum
teyit ederim
teyit ediyoruz
kabul ediyorum
kabul ediyoruz
katılıyorum
katılıyoruz
tamamen katılıyorum
mutabıkız
mutabakat
anlaştık
anlaştığımız gibi
konuştuğumuz gibi
görüştüğümüz gibi
sorun yok
hiçbir sorun yok
bir sorun yok
itirazım yok
itirazımız yok
eklenecek bir şey yok
ekleyecek bir şeyim yok
değişiklik yok
düzeltme yok
güzel özet
harika
mükemmel
süper
hiç sorun yok
""",
    "ro": """
da
sigur că da
desigur
bineînțeles
binențeles
bineinteles
de acord
sunt de acord
suntem de acord
total de acord
complet de acord
întru totul de acord
corect
totul corect
totul e corect
totul este corect
este corect
e corect
întocmai
confirmăm
confirmam
confirmat
aprob
aprobăm
aprobat
accept
acceptăm
în regulă
in regula
totul în regulă
totul in regula
e în regulă
e ok
e bine
este bine
totul e bine
bine
foarte bine
excelent
nicio problemă
nicio problema
nici o problemă
nicio obiecție
nicio obiectie
fără obiecții
fara obiectii
nimic de adăugat
nimic de adaugat
nimic de modificat
așa cum am discutat
asa cum am discutat
așa cum am stabilit
asa cum am stabilit
cum am stabilit
cum am convenit
am convenit
rezumat bun
totul e în regulă
totul este în regulă
totul e in regula
totul este in regula
totul e ok
totul este bine
""",
    "ca": """
d'acord amb tot
estic d'acord amb tot
d'acord
estic d'acord
hi estic d'acord
estem d'acord
hi estem d'acord
totalment d'acord
completament d'acord
correcte
tot correcte
és correcte
tot és correcte
tot bé
està bé
perfecte
exacte
exactament
confirmem
confirmat
aprovat
ho aprovo
accepto
acceptem
cap problema
cap objecció
sense objeccions
res a afegir
res a dir
res a canviar
tal com vam parlar
tal com vam acordar
com vam acordar
com vam parlar
endavant
molt bé
genial
bon resum
""",
    "cs": """
ano
jo
jasně
jistě
určitě
souhlasím
souhlasíme
plně souhlasím
naprosto souhlasím
potvrzuji
potvrzuju
potvrzujeme
potvrzeno
schvaluji
schvalujeme
schváleno
akceptuji
přijímám
přijímáme
v pořádku
vše v pořádku
všechno v pořádku
je to v pořádku
správně
vše správně
všechno správně
je to správně
přesně
přesně tak
přesně tak jak jsme se dohodli
přesně tak jak jsme se domluvili
vše sedí
všechno sedí
bez připomínek
žádné připomínky
nemám připomínky
nemáme připomínky
nemám námitky
nemáme námitky
bez námitek
žádné námitky
nemám co dodat
nemáme co dodat
není co dodat
žádný problém
bez problému
jak jsme se dohodli
jak jsme se domluvili
jak jsme se bavili
jak jsme mluvili
dohodnuto
domluveno
dobře
výborně
skvěle
perfektní
super
dobré shrnutí
""",
    "hu": """
igen
igen rendben
persze
hogyne
természetesen
rendben
minden rendben
rendben van
így rendben
egyetértek
egyetértünk
teljesen egyetértek
megerősítem
megerősítjük
jóváhagyom
jóváhagyjuk
jóváhagyva
elfogadom
elfogadjuk
helyes
minden helyes
így helyes
stimmel
minden stimmel
pontosan
pontosan így
így van
nincs észrevételem
nincs észrevételünk
nincs kifogásom
nincs kifogásunk
nincs hozzáfűznivalóm
nincs mit hozzáfűzni
nincs semmi probléma
semmi probléma
nincs probléma
ahogy megbeszéltük
ahogy egyeztettük
ahogy megállapodtunk
megállapodtunk
szuper
tökéletes
kiváló
nagyszerű
jó összefoglaló
""",
    "el": """
όλα σωστά
όλα είναι σωστά
σύμφωνοι
είμαστε σύμφωνοι
όλα εντάξει
ναι
ναι βέβαια
βεβαίως
βέβαια
φυσικά
συμφωνώ
συμφωνώ απόλυτα
συμφωνώ πλήρως
επιβεβαιώνω
επιβεβαιώνουμε
εγκρίνω
εγκρίνουμε
αποδέχομαι
αποδεχόμαστε
ακριβώς
ακριβώς έτσι
τέλεια
τέλειο
εξαιρετικά
δεν έχω αντίρρηση
δεν έχουμε αντίρρηση
δεν έχω αντιρρήσεις
δεν έχω τίποτα να προσθέσω
δεν έχουμε τίποτα να προσθέσουμε
δεν έχω σχόλια
καλή σύνοψη
συμφωνώ με όλα
συμφωνώ με όλα όπως συμφωνήσαμε
συμφωνούμε πλήρως
συμφωνούμε απόλυτα
""",
    "ru": """
да
да конечно
конечно
разумеется
согласен
согласна
согласны
полностью согласен
полностью согласна
полностью согласны
подтверждаю
подтверждаем
подтверждено
одобряю
одобряем
принимаю
принимаем
всё верно
все верно
всё правильно
все правильно
всё так
все так
всё в порядке
все в порядке
верно
правильно
точно
именно так
так и есть
совершенно верно
отлично
прекрасно
замечательно
хорошо
договорились
как договаривались
как мы договорились
как и договаривались
как обсуждали
как мы обсуждали
возражений нет
нет возражений
без возражений
замечаний нет
нет замечаний
без замечаний
добавить нечего
мне нечего добавить
нечего добавить
без проблем
никаких проблем
хорошее резюме
""",
    "uk": """
так
так звісно
звісно
звичайно
авжеж
згоден
згодна
згодні
повністю згоден
повністю згодна
повністю згодні
погоджуюсь
погоджуюся
погоджуємось
підтверджую
підтверджуємо
підтверджено
схвалюю
приймаю
приймаємо
все вірно
усе вірно
все правильно
усе правильно
все гаразд
усе гаразд
все так
гаразд
вірно
правильно
точно
саме так
відмінно
чудово
добре
домовились
домовилися
як домовлялися
як ми домовилися
як обговорювали
заперечень немає
немає заперечень
без заперечень
зауважень немає
немає зауважень
без зауважень
нічого додати
мені нічого додати
без проблем
жодних проблем
""",
}

ACK = {
    "en": """
kk
noted with thanks
noted thanks
got it thanks
received thanks
understood thanks
""",
    "fi": """
okei
selvä
selvä juttu
vastaanotettu
""",
    "tr": """
anlaşıldı
not aldım
not ettim
aldım
peki
""",
    "ro": """
am notat
am înțeles
am inteles
am primit
""",
    "ca": """
entesos
entès
rebut
anotat
""",
    "cs": """
beru na vědomí
bereme na vědomí
rozumím
přijato
obdrženo
""",
    "hu": """
okés
tudomásul vettem
megkaptam
értem
""",
    "el": """
εντάξει
οκ
ελήφθη
το έλαβα
σημειώθηκε
""",
    "ru": """
ок
окей
понял
поняла
поняли
принято
получил
получила
""",
    "uk": """
ок
окей
зрозумів
зрозуміла
зрозуміло
прийнято
отримав
отримала
""",
}

GREET = {
    "en": """
hi all
hi everyone
hi team
hello all
hello there
hey there
good day
greetings
dear all
to whom it may concern
""",
    "de": """
hallo zusammen
hallo in die runde
hi zusammen
liebe grüße zurück
guten abend
grüß gott
grüezi
grüß dich
""",
    "fr": """
bonjour à tous
bonjour à toutes
bonjour tout le monde
coucou
hello
""",
    "es": """
hola a todos
buenas noches
apreciado
apreciada
""",
    "it": """
buon pomeriggio
ciao a tutti
egregio
egregia
""",
    "pt": """
olá a todos
boa noite
e aí
""",
    "nl": """
geachte mevrouw
geachte heer
beste mevrouw
beste meneer
mevrouw
meneer
hallo allemaal
goedenavond
goedendag
geachte
lieve
beste allemaal
""",
    "pl": """
dzień dobry wszystkim
droga
drogi
witaj
witajcie
""",
    "sv": """
hallå
god eftermiddag
god kväll
""",
    "no": """
hei hei
heisann
god dag
kjære
""",
    "da": """
hej hej
goddag
hallo
""",
    "ja": """
お疲れ様です
お疲れさまです
おつかれさまです
お疲れ様でございます
こんにちは
こんばんは
おはようございます
""",
    "zh": """
hi
早上好
下午好
晚上好
""",
    "fi": """
moikka
terve
hyvä
hyvää huomenta
hyvää päivää
hyvää iltaa
arvoisa
""",
    "tr": """
merhaba
selam
selamlar
sayın
günaydın
iyi günler
iyi akşamlar
değerli
sevgili
""",
    "ro": """
bună
buna
bună ziua
buna ziua
bună dimineața
buna dimineata
salutare
stimate
stimată
dragă
draga
""",
    "ca": """
bon dia
bona tarda
bon vespre
benvolgut
benvolguda
estimat
""",
    "cs": """
dobrý den
ahoj
zdravím
vážený
vážená
vážení
milý
milá
""",
    "hu": """
szia
sziasztok
szervusz
jó napot
jó napot kívánok
jó reggelt
kedves
tisztelt
üdv
""",
    "el": """
γεια
γεια σας
γεια σου
καλημέρα
καλησπέρα
αγαπητέ
αγαπητή
αξιότιμε
αξιότιμη
""",
    "ru": """
здравствуйте
добрый день
доброе утро
добрый вечер
привет
уважаемый
уважаемая
дорогой
дорогая
""",
    "uk": """
вітаю
добрий день
доброго дня
доброго ранку
привіт
шановний
шановна
дорогий
дорога
""",
}

THANKS = {
    "en": """
ta
ta very much
cheers ta
thanks heaps for this
appreciate you sending it over
appreciate you sending this over
appreciate you sending it
appreciate the quick summary
appreciate the quick turnaround
thanks very much
thanks a million
thanks heaps
thanks loads
thanks everyone
thanks all
thanks team
thank you all
thank you again
thanks once again
thank you kindly
much obliged
many many thanks
big thanks
huge thanks
greatly appreciated
really appreciated
really appreciate it
much appreciated thanks
appreciate it
appreciate that
i appreciate it
we appreciate it
appreciate the summary
appreciate the recap
appreciate the write up
appreciate the write-up
appreciate you sending this
appreciate you writing this up
appreciate you writing it up
appreciate you putting this together
thanks for this
thank you for this
thanks for that
thanks for the email
thanks for your email
thank you for your email
thanks for the note
thanks for your note
thank you for your note
thanks for the update
thanks for the follow up
thanks for the follow-up
thanks for following up
thank you for following up
thanks for the quick follow up
thanks for the quick follow-up
thanks for the quick summary
thanks for the clear summary
thanks for the clear recap
thanks for the detailed summary
thanks for the helpful summary
thanks for the great summary
thanks for the nice summary
thanks for the overview
thanks for the recap email
thanks for summarising
thanks for summarizing
thank you for summarising
thank you for summarizing
thanks for summing it up
thanks for summing up
thanks for putting this together
thanks for putting it together
thank you for putting this together
thanks for pulling this together
thanks for writing this
thanks for sending it
thanks for sending this over
thanks for sending over the summary
thank you for sending this
thank you for sending the summary
thank you for the recap
thank you for the write-up
thank you for the write up
thanks for the call
thanks for the chat
thanks for the meeting
thanks for the discussion
thanks for the conversation
thanks for your time
thank you for your time
thanks for your time today
thank you for your time today
thanks for meeting
thanks for meeting with me
thanks for meeting today
thanks for taking the time
thank you for taking the time
thanks for the time today
thanks for your help
thank you for your help
thanks for all your help
thanks for your patience
thank you for your patience
thanks for your support
thanks for organising
thanks for organizing
thanks for the quick turnaround
thanks for being so quick
thanks for the prompt summary
thanks for the speedy summary
thanks for confirming
thank you for confirming
thanks for clarifying
""",
    "de": """
danke sehr
danke vielmals
vielen herzlichen dank
tausend dank
herzlichen dank dafür
vielen dank dafür
danke dafür
danke euch
danke für die mail
danke für die e-mail
danke für deine mail
danke für ihre mail
danke für ihre e-mail
vielen dank für ihre e-mail
vielen dank für die e-mail
vielen dank für ihre nachricht
danke für die nachricht
danke für die rückmeldung
danke für das gespräch
vielen dank für das gespräch
vielen dank für das angenehme gespräch
vielen dank für das nette gespräch
danke für das nette gespräch
danke für die schnelle zusammenfassung
vielen dank für die schnelle zusammenfassung
danke für die übersicht
danke für die mühe
vielen dank für die mühe
danke fürs zusammenfassen
danke für deine zusammenfassung
danke für ihre zusammenfassung
danke für die gute zusammenfassung
danke für ihre zeit
vielen dank für ihre zeit
danke für deine zeit
danke für die zeit
merci
""",
    "fr": """
merci à toi
merci infiniment
un grand merci
grand merci
merci encore
merci pour tout
merci pour cela
merci pour ça
merci pour ton message
merci pour ton mail
merci pour votre mail
merci pour votre e-mail
merci pour votre courriel
merci pour ce mail
merci pour ce message
merci pour ce compte rendu
merci pour le compte rendu
merci pour ce compte-rendu
merci pour le compte-rendu
merci pour la synthèse
merci pour cette synthèse
merci pour ce point
merci pour l'échange
merci pour notre échange
merci pour cet échange
merci pour la réunion
merci pour la discussion
merci pour votre temps
merci pour ton temps
merci de votre temps
merci pour le rendez-vous
merci pour le rdv
merci pour ce récap
merci pour le récap
merci pour ce retour
merci pour votre retour
merci pour le résumé clair
merci d'avoir résumé
merci de ce récapitulatif
merci du récapitulatif
merci du résumé
je vous remercie
je te remercie
nous vous remercions
merci de votre confiance
""",
    "es": """
gracias a ti
gracias a usted
gracias de nuevo
gracias otra vez
muchísimas gracias
mil gracias por el resumen
gracias por todo
gracias por esto
gracias por tu correo
gracias por su correo
gracias por el correo
gracias por el mensaje
gracias por tu mensaje
gracias por su mensaje
gracias por la reunión
gracias por la llamada
gracias por la conversación
gracias por tu tiempo
gracias por su tiempo
gracias por el tiempo
gracias por resumirlo
gracias por el resumen tan claro
gracias por enviarlo
gracias por enviar el resumen
gracias por mandarlo
gracias por mandar el resumen
gracias por la rapidez
muchas gracias por el resumen
te lo agradezco
se lo agradezco
os lo agradezco
le agradezco
te agradezco
agradecido
agradecida
""",
    "it": """
grazie a te
grazie a lei
grazie di tutto
grazie del riepilogo
grazie per il riassunto
grazie del riassunto
grazie per la sintesi
grazie per la mail
grazie per l'email
grazie della mail
grazie per il messaggio
grazie per la riunione
grazie per l'incontro
grazie per la chiamata
grazie per la disponibilità
grazie della disponibilità
grazie per il tempo
grazie per il tuo tempo
grazie per il suo tempo
grazie infinite
molte grazie
mille grazie
vi ringrazio
ti ringrazio molto
la ringrazio molto
la ringrazio per il riepilogo
""",
    "pt": """
muito obrigado pelo resumo
muito obrigada pelo resumo
obrigado mais uma vez
obrigada mais uma vez
obrigado por tudo
obrigada por tudo
obrigado pelo email
obrigada pelo email
obrigado pelo e-mail
obrigada pelo e-mail
obrigado pela mensagem
obrigada pela mensagem
obrigado pela reunião
obrigada pela reunião
obrigado pela conversa
obrigada pela conversa
obrigado pelo seu tempo
obrigada pelo seu tempo
obrigado pela agilidade
obrigada pela agilidade
agradeço
agradeço o resumo
agradecemos
muito grato
muito grata
valeu pelo resumo
""",
    "nl": """
bedankt voor je mail
bedankt voor uw mail
bedankt voor de mail
bedankt voor het bericht
bedankt voor je bericht
bedankt voor het gesprek
bedankt voor het overleg
bedankt voor je tijd
bedankt voor uw tijd
bedankt voor het overzicht
bedankt voor de snelle samenvatting
bedankt voor het samenvatten
dank voor de samenvatting
dank voor het overzicht
hartelijk dank
heel erg bedankt
heel hartelijk bedankt
dankjewel
dankuwel
bedankt hoor
merci
""",
    "pl": """
dziękuję bardzo
bardzo dziękuję
dzięki wielkie
wielkie dzięki
dziękuję za maila
dziękuję za wiadomość
dziękuję za rozmowę
dzięki za rozmowę
dziękuję za spotkanie
dzięki za spotkanie
dziękuję za czas
dziękuję za szybkie podsumowanie
dzięki za szybkie podsumowanie
dziękuję za przesłanie podsumowania
dzięki za przesłanie
""",
    "sv": """
tack ska du ha
tack snälla
stort tack
tack för mejlet
tack för mailet
tack för samtalet
tack för mötet
tack för din tid
tack för sammanfattningen och mötet
tack för en bra sammanfattning
tack för det
tackar
""",
    "no": """
tusen hjertelig takk
takk for det
takk for mailen
takk for e-posten
takk for samtalen
takk for møtet
takk for praten
takk for tiden
takk for en god oppsummering
mange takk
takker
""",
    "da": """
tak skal du have
tak for det
tak for mailen
tak for samtalen
tak for mødet
tak for snakken
tak for tiden
tak for en god opsummering
tusind tak for opsummeringen
takker
""",
    "ja": """
ありがとうございます！
いつもありがとうございます
ご丁寧にありがとうございます
おまとめいただきありがとうございます
まとめてくださりありがとうございます
早速のご連絡ありがとうございます
早々にありがとうございます
ご対応ありがとうございます
お時間をいただきありがとうございました
本日はありがとうございました
先日はありがとうございました
ありがとうございます。
どうもありがとうございます
助かります
""",
    "zh": """
谢谢你整理
谢谢您整理
谢谢你的总结
谢谢整理
感谢你整理
感谢您整理
感谢您的整理
感谢你的整理
感谢您的总结
感谢你的总结
感谢您的邮件
谢谢您的邮件
谢谢你的邮件
谢谢您的回复
谢谢你
谢谢您
非常感谢
十分感谢
感谢总结
感谢整理
感谢你的总结
感谢您的总结
谢谢整理总结
谢谢你的整理
谢谢您的整理
辛苦啦
辛苦你了
辛苦您了
麻烦了
""",
    "fi": """
kiitos
kiitoksia
kiitti
kiitos paljon
paljon kiitoksia
kiitos vielä
kiitos vielä kerran
kiitos yhteenvedosta
kiitos koosteesta
kiitos viestistä
kiitos tästä
kiitos kaikesta
""",
    "tr": """
teşekkürler
tesekkurler
teşekkür ederim
teşekkür ederiz
tesekkur ederim
çok teşekkürler
çok teşekkür ederim
sağ ol
sağolun
sağ olun
eyvallah
özet için teşekkürler
özet için teşekkür ederim
""",
    "ro": """
mulțumesc
multumesc
mulțumim
multumim
mersi
mulțumesc frumos
multumesc frumos
mulțumesc mult
multumesc mult
vă mulțumesc
va multumesc
mulțumesc pentru rezumat
multumesc pentru rezumat
""",
    "ca": """
gràcies
gracies
moltes gràcies
moltes gracies
mercès
gràcies pel resum
""",
    "cs": """
děkuji
děkuju
díky
děkujeme
moc děkuji
moc díky
mockrát děkuji
děkuji za shrnutí
díky za shrnutí
""",
    "hu": """
köszönöm
köszönjük
köszi
kösz
köszönöm szépen
nagyon köszönöm
köszönet
köszönöm az összefoglalót
""",
    "el": """
ευχαριστώ
ευχαριστούμε
ευχαριστώ πολύ
σας ευχαριστώ
ευχαριστώ για τη σύνοψη
""",
    "ru": """
спасибо
спасибо большое
большое спасибо
благодарю
благодарим
спасибо за резюме
спасибо за письмо
""",
    "uk": """
дякую
дякуємо
дуже дякую
щиро дякую
дякую за резюме
дякую за лист
""",
}

SIGNOFF = {
    "en": """
laters
cya
see ya
ttyl
best wishes to you
many thanks and best regards
thanks and regards
thanks and best regards
thanks and kind regards
thank you and best regards
thank you and kind regards
with thanks
with many thanks
with best regards
with kind regards
with warm regards
kindest regards
warm wishes
cheers for now
take care
talk later
speak later
catch you later
chat soon
speak to you soon
talk to you soon
bye
bye for now
have a good one
respectfully
sincerely yours
faithfully
yours faithfully
yours truly
very best
all best
best to you
thanks again and best regards
""",
    "de": """
herzliche grüße
herzliche grüsse
liebe grüsse
freundliche grüsse
mit freundlichen grüssen
mit besten grüßen
mit besten grüssen
mit herzlichen grüßen
mit lieben grüßen
viele liebe grüße
beste grüße und danke
gruß und dank
gruss und dank
danke und viele grüße
danke und beste grüße
danke und gruß
schöne grüsse
sonnige grüße
bis dann
bis später
tschüss
ciao
mfG
""",
    "fr": """
je vous prie d'agréer
je vous prie d'agréer l'expression de mes salutations distinguées
l'expression de mes salutations distinguées
l'expression de mes sentiments distingués
l'expression de mes salutations les meilleures
veuillez agréer l'expression de mes salutations distinguées
veuillez recevoir mes salutations distinguées
recevez mes salutations distinguées
bien amicalement
amicalement
cordialement à vous
très cordialement
sincères salutations
meilleures salutations
salutations distinguées
salutations cordiales
avec mes remerciements
avec nos remerciements
merci et bonne journée
merci et à bientôt
à plus
à plus tard
à très vite
à très bientôt
à la prochaine
bises
bisous
belle journée
bonne soirée à vous
""",
    "es": """
saludos cordiales desde
un cordial saludo
cordialmente
muchos saludos
un saludo cordial
un fuerte abrazo
besos
hasta luego
hasta la próxima
nos vemos pronto
que tengas buen día
que tenga buen día
buen día
gracias y saludos
gracias y un saludo
""",
    "it": """
cordialmente
un cordiale saluto
cari saluti
un caro saluto
saluti cordiali
un abbraccio
buona serata
a dopo
alla prossima
grazie e saluti
grazie e buona giornata
""",
    "pt": """
um abraço
grande abraço
beijos
bjs
até breve
até mais
cordialmente
saudações cordiais
obrigado e abraço
bom dia para você
boa semana
""",
    "nl": """
met vriendelijke groeten
hartelijke groeten
groetjes
gr
vriendelijke groet
met hartelijke groet
tot ziens
tot snel
tot later
""",
    "pl": """
pozdrawiam serdecznie
pozdrawiam cieplutko
z pozdrowieniami
łączę pozdrowienia
do usłyszenia
do zobaczenia
""",
    "sv": """
hälsningar från
bästa hälsningar
varma hälsningar
allt gott
vi hörs
ha det gott
""",
    "no": """
beste hilsen
hilsen fra
vennlig hilsen fra
ha det bra
ha det
vi snakkes
""",
    "da": """
bedste hilsner
venlig hilsen fra
kærlig hilsen
de bedste hilsner
ha det godt
vi ses
""",
    "ja": """
よろしくお願い致します
宜しくお願いいたします
宜しくお願い致します
宜しくお願いします
どうぞよろしくお願いいたします
どうぞよろしくお願いします
引き続きよろしくお願いします
引き続き宜しくお願いいたします
今後ともよろしくお願いします
以上、よろしくお願いいたします
以上よろしくお願いいたします
取り急ぎ
取り急ぎご連絡まで
取り急ぎお礼まで
""",
    "zh": """
此致敬礼
祝好！
祝一切顺利
祝工作顺利
祝商祺
顺颂商祺
顺祝
期待合作
合作愉快
再联系
保持联系
""",
    "fi": """
terveisin
ystävällisin terveisin
parhain terveisin
yst terv
""",
    "tr": """
saygılarımla
saygilarimla
iyi çalışmalar
sevgiler
""",
    "ro": """
cu stimă
cu stima
cu drag
toate cele bune
o zi bună
o zi buna
""",
    "ca": """
salutacions
cordialment
una abraçada
atentament
""",
    "cs": """
s pozdravem
s přátelským pozdravem
pozdrav
pozdravy
hezký den
""",
    "hu": """
üdvözlettel
üdvözlet
tisztelettel
baráti üdvözlettel
""",
    "el": """
με εκτίμηση
φιλικά
χαιρετισμούς
με φιλικούς χαιρετισμούς
""",
    "ru": """
с уважением
всего доброго
всего хорошего
с наилучшими пожеланиями
""",
    "uk": """
з повагою
всього доброго
всього найкращого
з найкращими побажаннями
""",
}

PLEASANT = {
    "en": """
can't wait
cannot wait
can't wait to see
couldn't be happier
could not be happier
can't complain
speak next week
talk next week
chat next week
catch up next week
see you next week
glad we could find a solution
glad we found a solution
glad we got this sorted
glad we sorted this
glad we sorted this out
glad we could agree
happy we could agree
a solution that works for both of us
how this turned out
how it turned out
makes life easy
makes life easier
really glad
so glad
touch base
let's touch base
catch up
let's catch up
keep in touch
let's keep in touch
stay in touch
let's stay in touch
speak then
talk then
looking forward to it
really looking forward to it
looking forward to getting started
looking forward to working together
looking forward to the next steps
looking forward to the next step
looking forward to seeing the results
looking forward to seeing you
look forward to working together
excited to get started
excited about this
great to work with you
great working with you
pleasure working with you
a pleasure as always
always a pleasure
it was a pleasure
it was great to meet you
great to meet you
nice to meet you
good to meet you
great chatting
great chatting today
great talking to you
good talking to you
great speaking with you
nice chatting
good chat
great chat
great call
good call
great conversation
productive meeting
productive call
productive conversation
enjoy the rest of your day
enjoy the rest of your week
enjoy the rest of your weekend
enjoy the rest of your evening
enjoy the rest of your holiday
enjoy the rest of the day
enjoy the rest of the week
enjoy the rest of the weekend
have a good rest of your day
have a good rest of your week
have a good rest of your weekend
have a good rest of the week
have a good rest of the weekend
have a great rest of your day
have a great rest of your week
have a great rest of your weekend
have a great rest of the week
have a great rest of the weekend
have a lovely rest of your day
have a lovely rest of your week
have a lovely rest of your weekend
have a lovely rest of the week
have a lovely rest of the weekend
have a nice rest of your day
have a nice rest of your week
have a nice rest of your weekend
have a nice rest of the week
have a nice rest of the weekend
looking forward to being part of it
looking forward to being part of this
enjoy the weekend
enjoy your day
enjoy your evening
enjoy your holiday
enjoy your holidays
enjoy your vacation
have a lovely day
have a lovely weekend
have a lovely evening
have a great week
have a great evening
have a nice one
have a good evening
have a good night
have a great one
have a wonderful day
have a wonderful weekend
happy friday
happy monday
hope you have a great weekend
hope you have a good weekend
hope you have a nice weekend
hope you're well
hope you are well
hope you're doing well
hope you are doing well
hope all is well
hope this helps
hope all's well
talk to you soon
talk to you later
speak to you later
speak soon
see you soon then
see you around
until next time
till next time
all the best with it
best of luck with it
good luck with it
here's to a great partnership
here's to a successful collaboration
win win
win-win
love it
love this
exciting times
great news
good news
happy days
yay
woohoo
hooray
cool stuff
great work
good work
nice work
great job
good job
nice job
well done on the summary
keep it up
keep up the good work
thanks for everything
""",
    "de": """
kann es kaum erwarten
kann es kaum abwarten
ich freue mich riesig
ich freue mich
wir freuen uns
freue mich drauf
freue mich darauf
ich freue mich darauf
ich freue mich auf die zusammenarbeit
wir freuen uns auf die zusammenarbeit
freue mich auf die zusammenarbeit
auf gute zusammenarbeit
auf eine gute zusammenarbeit
schönen abend
schönen abend noch
schönen tag noch
einen schönen tag
einen schönen tag noch
einen schönen abend
ein schönes wochenende
schönes wochenende noch
schöne woche
eine schöne woche
einen guten start in die woche
bis zum nächsten mal
hat mich gefreut
war ein gutes gespräch
gutes gespräch
angenehmes gespräch
super gespräch
prima gespräch
sehr gerne
gerne
gern
gerne wieder
cool
spitze
wunderbar
großartig
hervorragend
ausgezeichnet
sehr schön
sehr gut
freut mich sehr
haha
""",
    "fr": """
de rien
au plaisir
au plaisir de travailler avec vous
au plaisir de vous revoir
ravi de travailler avec vous
ravie de travailler avec vous
ravi de cette collaboration
ravie de cette collaboration
très heureux
très heureuse
heureux
heureuse
content
contente
bonne soirée
bonne fin de semaine
bonne fin de journée à vous
excellente journée
excellente soirée
excellent week-end
bon dimanche
bonnes vacances
hâte de commencer
hâte de travailler ensemble
j'ai hâte
merci et bonne continuation
c'était un plaisir
échange très agréable
très bon échange
bel échange
excellent
top
chouette
formidable
magnifique
haha
""",
    "es": """
no veo la hora
estoy deseando
de nada
un placer
ha sido un placer
fue un placer
un gusto
encantado de trabajar contigo
encantada de trabajar contigo
con ganas de empezar
tengo ganas de empezar
deseando empezar
qué bien
que bien
me alegro
me alegra
nos alegra
muy contento
muy contenta
feliz
buen finde
buena semana
que tengas un buen día
que tengas un buen fin de semana
que tenga un buen día
feliz fin de semana
buenas tardes
fenomenal
excelente
maravilloso
fantástico
increíble
jaja
jajaja
""",
    "it": """
di niente
di nulla
prego
un piacere
è stato un piacere
piacere mio
piacere di lavorare con te
non vedo l'ora
non vedo l'ora di iniziare
buona serata
buona settimana
buona giornata a te
buona giornata anche a te
buone vacanze
alla prossima
fantastico
benissimo
splendido
magnifico
eccellente
grande
mi fa piacere
ci fa piacere
sono contento
sono contenta
haha
ahah
ahahah
""",
    "pt": """
mal posso esperar
estou ansioso
estou ansiosa
de nada
um prazer
foi um prazer
prazer
ansioso para começar
ansiosa para começar
animado
animada
que bom
muito bom
excelente
maravilha
maravilhoso
show
top
incrível
boa semana
bom dia
boa tarde
ótimo fim de semana
bom descanso
até a próxima
até mais
fico feliz
ficamos felizes
kkk
haha
""",
    "nl": """
ik kan niet wachten
kan niet wachten
graag gedaan
met plezier
leuk om samen te werken
fijn om samen te werken
ik kijk ernaar uit
kijk ernaar uit
we kijken ernaar uit
ik heb er zin in
heb er zin in
fijne dag
fijne dag nog
fijne avond
fijne week
prettige dag
prettige dag nog
prettig weekend nog
fijn weekend nog
tot snel
goed gesprek
fijn gesprek
prettig gesprek
super
geweldig
uitstekend
heel fijn
heel goed
haha
""",
    "pl": """
nie mogę się doczekać
nie moge sie doczekac
miło było
miło mi
miłego dnia
miłego wieczoru
miłego tygodnia
dobrego dnia
dobrego weekendu
do zobaczenia wkrótce
do usłyszenia wkrótce
cieszę się na współpracę
cieszymy się
super sprawa
wspaniale
doskonale
fajnie
haha
""",
    "sv": """
längtar
jag längtar
ser verkligen fram emot
bra
jättebra
ha en bra dag
ha en fin dag
ha en trevlig dag
ha en bra helg
ha en fin helg
ha en skön helg
trevlig kväll
ha det så bra
ser fram emot samarbetet
ser fram emot det
kul att jobba med dig
bra möte
bra samtal
trevligt samtal
härligt
underbart
strålande
utmärkt
toppen
haha
""",
    "no": """
bra
kjempefint
ha en fin helg
ha en god helg
ha en god dag
ha en fortsatt fin dag
ha en fin uke
god kveld
gleder meg til samarbeidet
ser frem til det
ser frem til samarbeidet
hyggelig å snakke med deg
godt møte
fint møte
kjempebra
strålende
utmerket
haha
""",
    "da": """
godt
fint
god dag
hav en god weekend
hav en god aften
hav en fortsat god dag
god aften
ser frem til det
ser frem til samarbejdet
glæder mig til samarbejdet
hyggeligt at tale med dig
godt møde
fint møde
dejligt
fantastisk
fremragende
haha
""",
    "ja": """
当日を楽しみにしております
当日を楽しみにしています
当日楽しみにしております
今後ともよろしくお願いいたします
引き続きよろしくお願いいたします
楽しみにしております
楽しみにしています
お会いできるのを楽しみにしております
ご一緒できるのを楽しみにしております
良い週末をお過ごしください
よい週末をお過ごしください
素敵な週末を
お体にお気をつけください
お気をつけて
お気をつけてお越しください
良い旅を
良いご旅行を
楽しい旅を
お会いできるのを楽しみにしています
お目にかかれるのを楽しみにしております
""",
    "zh": """
期待合作
期待与您合作
期待后续合作
合作愉快！
祝顺利
周末愉快
工作顺利
辛苦啦
哈哈
祝旅途愉快
旅途愉快
一路顺风
一路平安
期待见面
期待见到您
期待见到你
期待下次见面
一切顺利
祝您一切顺利
祝工作顺利
""",
    "fi": """
hyvää päivänjatkoa
hyvää viikonloppua
hyvää matkaa
mukavaa viikonloppua
mukavaa päivää
nähdään
nähdään pian
puhutaan pian
kuulemiin
onnea
tsemppiä
odotan innolla
odotamme innolla
hienoa yhteistyötä
""",
    "tr": """
iyi hafta sonları
iyi yolculuklar
kolay gelsin
görüşmek üzere
yakında görüşürüz
sabırsızlıkla bekliyorum
bol şans
iyi tatiller
""",
    "ro": """
o zi frumoasă
o zi frumoasa
weekend plăcut
weekend placut
drum bun
o călătorie plăcută
pe curând
pe curand
numai bine
succes
aștept cu nerăbdare
""",
    "ca": """
bon cap de setmana
bona setmana
bon viatge
bona feina
fins aviat
molta sort
tinc ganes
""",
    "cs": """
hezký víkend
pěkný víkend
šťastnou cestu
těším se
těšíme se
brzy na viděnou
hodně štěstí
hezký zbytek dne
""",
    "hu": """
szép napot
jó hétvégét
szép hétvégét
jó utat
hamarosan találkozunk
sok sikert
alig várom
várom a találkozást
""",
    "el": """
καλή συνέχεια
καλή μέρα
καλό σαββατοκύριακο
καλό ταξίδι
τα λέμε σύντομα
τα λέμε
καλή επιτυχία
ανυπομονώ
""",
    "ru": """
хорошего дня
хороших выходных
удачи
счастливого пути
хорошей поездки
до встречи
до скорой встречи
на связи
""",
    "uk": """
гарного дня
гарних вихідних
успіхів
щасливої дороги
гарної поїздки
до зустрічі
на зв'язку
""",
}

NEUTRAL = {
    "en": """
the terms set out above
terms set out above
set out above
the terms outlined
the terms described
the terms above
further to our meeting
further to our conversation
further to our call
further to our discussion
following our meeting
following our conversation
following our call
following our discussion
mate
buddy
guys
folks
sorry it took me a while to reply
sorry it took me a while
sorry it took a while
sorry for the slow response
apologies for the slow response
sorry for the late response
apologies for the late response
sorry for the delay in replying
apologies for the delay in replying
apologies for the delay in getting back to you
sorry for the delay in getting back to you
sorry for not getting back sooner
sorry for not replying sooner
i'll let the team know
i'll let my team know
let the team know
i'll inform the team
i'll share it with the team
i'll share it with my team
i'll pass it on
i'll pass it on to the team
for my records
for our records
for their records
for the records
for the file
on file
a copy
keep a copy
saved a copy
i've saved a copy
forwarded
forwarded it
i've forwarded it
i have forwarded it
team
my team
our team
the team
hr
our hr team
finance team
our finance team
on that basis
on this basis
sending it over
sending this over
sending it
sending this
sending over
read it through
i've read it through
through
i've
i'd
we'd
you'd
i am
we are
you are
it was
that was
this was
there is
there are
here is
here's
there's
what
which
who
whom
whose
myself
ourselves
yourself
mine
ours
yours
them
their
theirs
an
any
some
such
same
own
upon
via
throughout
per the
re
regarding
concerning
as per
would like to
i would like to
we would like to
just wanted to
i just wanted to
wanted to
want to
just to
to say
to confirm
just to confirm
writing to confirm
i'm writing to confirm
i am writing to confirm
just confirming
quickly confirming
replying to confirm
reply to confirm
read
reviewed
i've reviewed
i have reviewed
we've reviewed
we have reviewed
having reviewed
i've looked
i've looked at it
i have looked at it
looked at it
gone through
went through it
i went through it
checked it
we checked it
i've checked
double-checked
double checked
had a look
i had a look
took a look
i took a look
had a read
looked over
looked it over
read it over
read over
thoroughly
carefully
again
quickly
promptly
so promptly
so quickly
so fast
quick
prompt
quick reply
the email
your email
the message
your message
your note
the note
the recap
your recap
the write-up
your write-up
the points
each point
every point
everything you wrote
what you wrote
what you've written
what you have written
you wrote
you've written
written
the details
all the details
the numbers
the figures
the dates
the plan
the agreement
agreement
our agreement
the deal
everything there
everything here
everything in it
all of it
all that
both of them
both points
all three
all three points
above
""",
    "de": """
genannten punkte
die genannten punkte
die in ihrer e-mail genannten punkte
in ihrer e-mail
in deiner e-mail
in ihrer mail
genannten
aufgeführten
die aufgeführten punkte
entschuldigung für die späte antwort
sorry für die verspätete antwort
entschuldige die verspätung
entschuldigen sie die verspätung
sorry für die verspätung
mich
uns
euch
sich
mein
meine
meinen
meinem
meiner
dein
deine
deinen
ihr
ihre
ihren
ihrem
unser
unsere
unseren
unserem
euer
eure
man
dies
diese
dieser
dieses
diesen
jenes
das hier
des
einen
einem
einer
eines
im
am
ins
zum
zur
beim
vom
an
auf
aus
bei
durch
über
um
dass
daß
war
waren
bin
bist
seid
hatte
hatten
habe ich
haben wir
hast
habt
würde
geworden
gelesen
durchgelesen
angeschaut
angesehen
geprüft
nachgelesen
noch einmal
nochmal
nochmals
gerade
eben
soeben
kurz
schnell
hiermit
hierzu
dazu
damit
dafür
daran
darüber
alle
allen
aller
beide
beides
beiden
jeweils
wieder
also
ach
oh
mail
e-mail
nachricht
zusammenfassung der besprechung
ihre nachricht
deine nachricht
ihre e-mail
deine e-mail
die punkte
die details
die vereinbarung
vereinbarung
unsere vereinbarung
absprache
unsere absprache
""",
    "fr": """
de votre courriel
votre courriel
madame
monsieur
désolé pour la réponse tardive
désolée pour la réponse tardive
pardon pour la réponse tardive
désolé du retard
désolée du retard
je l'ai
l'ai
que
qui
quoi
dont
ils
elles
on
leur
leurs
me
te
se
moi
toi
eux
son
sa
ses
ton
ta
tes
cette
cet
ces
celui
celle
ceci
dans
chez
suis
es
sommes
êtes
sont
était
étaient
ai
as
a
avons
avez
ont
avais
avait
été
fait
lu
relu
j'ai lu
j'ai relu
j'ai bien lu
bien relu
vérifié
j'ai vérifié
regardé
j'ai regardé
parcouru
j'ai parcouru
encore
là
ici
voici
voilà
ainsi
donc
alors
oui oui
mail
e-mail
courriel
message
votre message
ton message
votre mail
ton mail
compte rendu
compte-rendu
synthèse
récap
les points
l'ensemble
accord
notre accord
ce qui
ce que
""",
    "es": """
relativos al
relativos a
relativas al
relativas a
relativo al
relativo a
relativa al
relativa a
referentes al
referentes a
por la presente
los puntos indicados
los puntos mencionados
lo indicado
lo expuesto
lo anterior
indicados
mencionados
perdona la demora
perdón por el retraso
disculpa el retraso
siento la demora
siento el retraso
todas
todos ellos
nosotras
vosotros
vosotras
ustedes
le
les
se
mí
ti
conmigo
contigo
su
sus
tu
tus
mis
nuestro
nuestra
nuestros
nuestras
vuestro
vuestra
este
esta
esto
estos
estas
ese
esa
eso
esos
esas
aquí
ahí
allí
unos
unas
que
qué
quien
cual
lo que
sobre
soy
eres
somos
son
era
eran
fue
estoy
está
estamos
están
he
has
ha
hemos
han
había
leído
lo he leído
he leído
revisado
lo he revisado
he revisado
visto
lo he visto
ya
bien
muy bien todo
correo
el correo
tu correo
su correo
mensaje
tu mensaje
su mensaje
los detalles
el acuerdo
acuerdo
nuestro acuerdo
lo hablado
lo acordado
""",
    "it": """
con la presente
riportato
indicato
tutti i punti
su tutti i punti
scusa per il ritardo
scusate per il ritardo
mi scuso per il ritardo
voi
tu
te
ti
vi
ne
me
mio
mia
miei
mie
tuo
tua
suo
sua
nostro
nostra
nostri
nostre
vostro
vostra
questo
questa
questi
queste
quello
quella
quelli
che
chi
cui
quanto
dei
delle
degli
dello
al
allo
alla
ai
alle
dal
dalla
dai
nel
nella
nei
nelle
sul
sulla
sui
su
da
sono
sei
siamo
siete
era
erano
ho
hai
ha
abbiamo
avete
hanno
stato
stata
letto
ho letto
riletto
controllato
ho controllato
visto
ho visto
verificato
qui
qua
ecco
già
bene
ciò
mail
email
e-mail
messaggio
il messaggio
la mail
riassunto
il riassunto
sintesi
i dettagli
accordo
l'accordo
il nostro accordo
""",
    "pt": """
os termos descritos
termos descritos
pelo presente
por meio deste
descritos
desculpa pela demora
desculpe pela demora
perdão pela demora
todos
todas
da minha parte
da nossa parte
de minha parte
por aqui
por mim
vocês
vós
mim
ti
comigo
contigo
conosco
seu
sua
seus
suas
teu
tua
meus
minhas
nossos
nossas
este
esta
isto
estes
estas
esse
essa
isso
esses
essas
aquele
aquela
aqui
aí
lá
uns
umas
que
quem
qual
o que
dos
das
ao
aos
à
às
num
numa
nos
nas
pelo
pela
pelos
pelas
sobre
sou
és
somos
são
era
eram
foi
estou
está
estamos
estão
tenho
tem
temos
têm
li
lido
já li
revisei
verifiquei
conferi
olhei
vi
já
bem
email
e-mail
mensagem
sua mensagem
os detalhes
acordo
o acordo
nosso acordo
o combinado
""",
    "nl": """
de genoemde punten
genoemde punten
genoemde
hierbij
sorry voor de vertraging
excuses voor de vertraging
sorry voor mijn late reactie
alle
allemaal
van mijn kant
van onze kant
voor mij
voor ons
mij
me
mijn
ons
onze
jou
jouw
jullie
uw
zich
deze
die
dit
wat
wie
welke
der
des
het is
is het
in
uit
bij
naar
om
door
was
waren
ben
bent
zijn we
heb
hebt
heeft
hebben
had
hadden
wordt
worden
gelezen
doorgelezen
nagelezen
bekeken
gecontroleerd
gecheckt
nog eens
even
hier
daar
er
hoor
hè
wel
nou
mail
e-mail
bericht
je bericht
uw bericht
je mail
uw mail
overzicht
de punten
de details
afspraak
afspraken
de afspraken
onze afspraken
""",
    "pl": """
niniejszym
powyższe ustalenia
na powyższe
powyższe
ze
we
przepraszam za późną odpowiedź
sorry za opóźnienie
wszystkie
wszystkich
wszystkimi
wszystko to
ja
my
ty
wy
mój
moja
moje
moim
mojej
nasz
nasza
nasze
naszym
naszej
twój
twoja
twoje
pan
pani
państwo
się
sobie
mnie
nas
ciebie
tobie
wam
ten
ta
tamto
tego
tej
tym
te
co
który
która
które
że
od
dla
o
przy
przez
nad
pod
jestem
jesteśmy
są
był
była
było
mam
mamy
ma
przeczytałem
przeczytałam
sprawdziłem
sprawdziłam
przejrzałem
przejrzałam
już
tu
tutaj
właśnie
mail
maila
e-mail
wiadomość
wiadomości
szczegóły
ustaleń
""",
    "sv": """
ursäkta dröjsmålet
förlåt att jag svarar sent
alla
allihop
mig
mej
dig
dej
oss
er
min
mitt
mina
din
ditt
dina
vår
vårt
våra
er
ert
era
sin
sitt
sina
denna
detta
dessa
som
vad
vem
vilken
vilket
av
om det
i
från
hos
genom
var
varit
har
hade
läst
har läst
gått igenom
har gått igenom
kollat
kontrollerat
tittat
här
där
nu
ju
väl
mejl
mejlet
mail
mailet
meddelande
detaljerna
överenskommelsen
avtalet
""",
    "no": """
beklager at jeg svarer sent
beklager forsinkelsen
alle
alt sammen
fra min side
fra vår side
for meg
for oss
meg
deg
oss
dere
min
mitt
mine
din
ditt
dine
vår
vårt
våre
deres
sin
sitt
sine
denne
dette
disse
som
hva
hvem
av
i
fra
hos
gjennom
var
vært
har
hadde
lest
har lest
gått gjennom
har gått gjennom
sjekket
sett på
her
der
nå
jo
vel
mail
mailen
e-post
e-posten
melding
detaljene
avtalen
""",
    "da": """
undskyld forsinkelsen
beklager det sene svar
alle
alt sammen
fra min side
fra vores side
for mig
for os
mig
dig
os
jer
min
mit
mine
din
dit
dine
vores
jeres
sin
sit
sine
denne
dette
disse
som
hvad
hvem
af
i
fra
hos
gennem
var
været
har
havde
læst
har læst
gennemgået
har gennemgået
tjekket
kigget på
her
der
nu
jo
vel
mail
mailen
e-mail
besked
detaljerne
aftalen
""",
    "ja": """
拝見しました
拝見いたしました
拝読しました
拝読いたしました
内容を拝見しました
内容を拝見いたしました
内容を確認いたしました
内容確認いたしました
確認いたしました
確認しました
確認させていただきました
お送りいただいた
お送りいただきました
ご送付いただいた
いただいた内容
メール
ご連絡
ご連絡いただき
おまとめ
まとめ
議事録
打ち合わせ
お打ち合わせ
先ほど
先程
私
わたし
弊社
当社
こちら
こちらこそ
そちら
この
その
上記の
以下の
こと
件
について
につきまして
にて
として
より
から
まで
へ
や
など
なお
では
ですので
ため
いたしました
させていただきます
させていただきました
申し上げます
お願い
ご確認
""",
    "zh": """
你们
您们
我们的
你的
您的
我的
这
那
这些
那些
是
在
有
和
与
及
跟
对于
关于
就
都
已
已经
看过
看了
我看了
我已经看过了
仔细看了
核对了
确认过
邮件
总结
会议
讨论
上面
以上
上述
内容
事项
谈的
聊的
刚才
""",
    "fi": """
minä
mä
minulle
minusta
me
meille
meidän
sinä
te
teille
teidän
se
sen
tämä
tämän
tässä
ne
nämä
on
olen
olemme
ovat
oli
olivat
ja
että
yhteenveto
yhteenvedossa
yhteenvedon
viesti
viestissä
""",
    "tr": """
biz
bana
bize
benim
bizim
siz
size
sizin
bu
şu
o
bunu
bunlar
ve
ile
için
olarak
özet
özette
özetteki
özetiniz
""",
    "ro": """
tu
dumneavoastră
dvs
ea
ei
ele
acesta
aceasta
acest
această
asta
acestea
este
e
sunt
suntem
a
al
ale
cele
o
un
una
și
si
cu
pentru
la
de
din
în
in
pe
că
ca
rezumat
rezumatul
""",
    "ca": """
nosaltres
ens
tu
vosaltres
vostè
la
els
les
un
una
de
del
dels
que
i
a
al
en
amb
per
és
són
estic
estem
aquest
aquesta
això
resum
missatge
correu
pel
pels
""",
    "cs": """
my
mi
mě
nám
nás
vy
vám
vás
to
tohle
toto
tento
tato
je
jsou
jsem
jsme
a
v
ve
na
s
se
k
o
že
pro
shrnutí
zpráva
zprávu
e-mail
""",
    "hu": """
én
nekem
nekünk
ön
önök
te
ti
a
az
ez
ezt
ezzel
azt
és
hogy
vannak
vagyok
vagyunk
volt
összefoglaló
összefoglalót
összefoglalás
""",
    "el": """
εγώ
εμείς
μου
μας
εσείς
σας
το
τα
η
ο
οι
την
τον
της
του
των
και
είναι
είμαι
είμαστε
ότι
με
σε
στο
στη
στην
για
από
αυτό
αυτά
σύνοψη
μήνυμα
που
πως
""",
    "ru": """
я
мы
мне
нам
вы
вам
вас
это
этим
и
в
на
с
о
по
для
что
резюме
письмо
письме
""",
    "uk": """
я
ми
мені
нам
ви
вам
вас
це
цим
і
й
та
в
у
на
з
із
про
по
для
що
резюме
лист
листі
""",
}

# The risk side grows with the rest: every word that adds, narrows, conditions or postpones.
RISK = {
    "condition": {
        "en": """
conditionally
on the understanding that
with the caveat
caveat
caveats
only if
only when
as long as
so long as
on the condition
on condition that
provided that
providing that
given that
assuming that
contingent
contingent on
dependent on
depending on
subject to approval
if and only if
in the event
should you
unless otherwise
""",
        "de": """
nur wenn
nur falls
solange
sobald
unter vorbehalt
unter der voraussetzung
vorausgesetzt dass
abhängig von
je nach
es sei denn
im falle
""",
        "fr": """
seulement si
uniquement si
tant que
pourvu que
à condition que
sous réserve de
sous réserve que
dès que
lorsque
quand
en cas de
selon
à moins que
""",
        "es": """
solo si
sólo si
únicamente si
mientras
mientras que
con tal de que
a condición de que
siempre que
en caso de
cuando
en cuanto
dependiendo de
salvo que
a menos que
""",
        "it": """
solo se
soltanto se
purché
a patto che
a condizione che
sempre che
nel caso
in caso
quando
non appena
dipende
a seconda
salvo che
a meno che
""",
        "pt": """
só se
somente se
apenas se
contanto que
desde que
a menos que
quando
assim que
no caso
em caso de
dependendo
depende
""",
        "nl": """
alleen als
alleen indien
zolang
zodra
wanneer
afhankelijk van
in geval van
behalve als
""",
        "pl": """
tylko jeśli
tylko jeżeli
tylko pod warunkiem
o ile
dopóki
kiedy
gdy
jak tylko
w zależności
zależy
chyba że
w przypadku
""",
        "sv": """
bara om
endast om
så länge
så snart
när
beroende på
förutsatt att
såvida inte
ifall
""",
        "no": """
bare hvis
kun hvis
så lenge
så snart
når
avhengig av
forutsatt at
med mindre
""",
        "da": """
kun hvis
bare hvis
så længe
så snart
når
afhængig af
forudsat at
medmindre
""",
        "ja": """
であれば
でしたら
ならば
次第
を条件に
の条件で
場合には
限りは
""",
        "zh": """
假如
假设
要是
只有
除非
取决于
视情况
""",
        "fi": """
jos
jos vain
kunhan
mikäli
edellyttäen
edellyttäen että
sillä ehdolla
sillä edellytyksellä
ehdolla
ehdollisesti
vain jos
paitsi jos
riippuen
riippuu
kunnes
""",
        "tr": """
eğer
şayet
şartıyla
koşuluyla
kaydıyla
şart
şartı
koşul
koşulu
sadece eğer
yeter ki
olursa
olması halinde
durumunda
halinde
takdirde
bağlı
sürece
kadar
""",
        "ro": """
dacă
daca
cu condiția
cu conditia
condiția
conditia
doar dacă
numai dacă
cu excepția cazului
în cazul în care
în funcție de
depinde
atâta timp cât
până
pana
""",
        "ca": """
si
només si
sempre que
sempre i quan
a condició que
amb la condició
depenent
depèn
llevat que
fins
fins que
""",
        "cs": """
pokud
jestli
jestliže
když
kdyby
kdybychom
za předpokladu
s podmínkou
pod podmínkou
podmínka
podmínkou
pouze pokud
jen pokud
záleží
v závislosti
dokud
až
""",
        "hu": """
hogyha
amennyiben
feltéve
feltéve hogy
azzal a feltétellel
feltétellel
feltétel
csak ha
kivéve ha
függően
attól függ
amíg
míg
ha a
ha az
ha nem
ha lehet
ha minden
ha ez
ha ezt
ha így
ha igen
ha szükséges
ha megoldható
ha ön
ha önök
ha sikerül
ha időben
""",
        "el": """
αν
εάν
εφόσον
με την προϋπόθεση
υπό την προϋπόθεση
υπό τον όρο
με τον όρο
προϋπόθεση
μόνο αν
μόνο εάν
εκτός αν
εκτός εάν
ανάλογα
εξαρτάται
μέχρι
ώσπου
""",
        "ru": """
если
если только
при условии
при условии что
условие
только если
в случае
в зависимости
зависит
пока
до тех пор
кроме случая
""",
        "uk": """
якщо
якщо лише
за умови
за умови що
умова
лише якщо
тільки якщо
у разі
в разі
залежно
залежить
поки
доки
""",
    },
    "contrast": {
        "en": """
with one exception
exception
exceptions
minus
but only
but not
except for
with the exception of
save for
aside from
on the other hand
that said
having said that
even so
nonetheless
whereas
albeit
instead of
otherwise
""",
        "de": """
ausnahme
abgesehen von
mit ausnahme
ausgenommen
dagegen
hingegen
andererseits
wobei
obwohl
obgleich
dennoch
nur dass
""",
        "fr": """
exception
en revanche
par contre
néanmoins
quoique
bien que
malgré
à part
à l'exception
excepté pour
""",
        "es": """
a excepción
no obstante
en cambio
a pesar de
aparte de
con excepción
excepción
mientras que
""",
        "it": """
eccezione
invece
eppure
nonostante
tranne che
ad eccezione
a parte
comunque
sebbene
benché
mentre
""",
        "pt": """
exceção
tirando
entretanto
no entanto
todavia
apesar
além de
com exceção
exceto por
fora
ainda que
mesmo que
enquanto
""",
        "nl": """
uitzondering
afgezien van
behalve
uitgezonderd
met uitzondering
echter
toch
hoewel
ofschoon
ondanks
daarentegen
wel maar
""",
        "pl": """
wyjątek
natomiast
mimo
mimo że
chociaż
choć
aczkolwiek
z wyjątkiem
poza tym
a jednak
""",
        "sv": """
med undantag
fast
ändå
däremot
trots
även om
medan
undantag
""",
        "no": """
med unntak
bortsett fra
derimot
selv om
til tross
mens
unntak
""",
        "da": """
med undtagelse
bortset fra
derimod
selvom
selv om
trods
mens
undtagelse
""",
        "ja": """
ませんが
ございますが
ましたが
ですけど
ですけれども
恐れ入りますが
ものの
とはいえ
一方
以外
除いて
除き
""",
        "zh": """
而
虽然
尽管
除此之外
以外
例外
""",
        "fi": """
mutta
mut
kuitenkin
tosin
vaikka
silti
toisaalta
sen sijaan
ainoastaan
paitsi että
""",
        "tr": """
ama
fakat
ancak
lakin
yalnız
gerçi
rağmen
halbuki
oysa
buna rağmen
yine de
öte yandan
""",
        "ro": """
dar
însă
insa
totuși
totusi
deși
desi
cu toate acestea
în schimb
pe de altă parte
""",
        "ca": """
tanmateix
malgrat
malgrat que
encara que
tot i que
tot i així
no obstant
no obstant això
en canvi
sinó
""",
        "cs": """
avšak
však
ovšem
přece
i když
ačkoli
ačkoliv
jenže
naopak
na druhou stranu
""",
        "hu": """
de azért
de csak
de még
de nem
viszont
azonban
ám
mégis
habár
ugyanakkor
ellenben
""",
        "el": """
αλλά
αλλα
όμως
ωστόσο
παρόλα αυτά
αν και
παρότι
μολονότι
εντούτοις
αντίθετα
""",
        "ru": """
но
однако
хотя
зато
впрочем
тем не менее
всё же
все же
всё-таки
все-таки
а вот
с другой стороны
""",
        "uk": """
але
проте
однак
хоча
зате
втім
все ж
все-таки
з іншого боку
""",
    },
    "negation": {
        "en": """
no way
not sure
not yet
not agreed
doesn't match
does not match
don't think
do not
does not
did not
is not
are not
was not
were not
will not
would not
should not
could not
cannot agree
can't agree
not correct
not right
not accurate
not what
neither
nor
nobody
nowhere
hardly
barely
mistaken
mistake
misunderstanding
misunderstood
inaccuracy
error
errors
typo
reject
rejected
decline
declined
refuse
object
objection
disagreement
""",
        "de": """
nicht ganz
nicht richtig
nicht korrekt
nicht so
keinesfalls
keineswegs
auf keinen fall
ablehnen
abgelehnt
fehler
irrtum
missverständnis
weder
noch nicht
""",
        "fr": """
pas tout à fait
pas d'accord
pas correct
pas exact
nullement
rien
personne
ni
erreur
erreurs
malentendu
inexact
incorrect
refuse
refusé
""",
        "es": """
nada
nadie
ni
tampoco
error
errores
equivocado
equivocación
malentendido
inexacto
rechazo
rechazamos
""",
        "it": """
niente
nulla
nessun
né
neanche
nemmeno
errore
errori
equivoco
inesatto
non corretto
rifiuto
""",
        "pt": """
nada
ninguém
nem
tampouco
erro
erros
engano
equivocado
incorreto
inexato
recuso
""",
        "nl": """
niets
niemand
nergens
noch
fout
fouten
vergissing
misverstand
onjuist
incorrect
klopt niet
""",
        "pl": """
nic
nikt
ani
błąd
błędy
pomyłka
nieporozumienie
niepoprawnie
nieprawda
""",
        "sv": """
ingenting
ingen aning
varken
fel
felaktigt
missförstånd
stämmer inte
""",
        "no": """
verken
feil
feilaktig
misforståelse
stemmer ikke
""",
        "da": """
ingenting
hverken
fejl
forkert
misforståelse
passer ikke
stemmer ikke
""",
        "ja": """
ではありません
じゃない
できません
できかねます
かねます
いたしかねます
誤り
間違い
違う
ではない
""",
        "zh": """
不同意
不行
不能
不可以
不会
不太
错
错误
有误
有出入
""",
        "fi": """
ei
emme
ette
eivät
eikä
eikö
en ole
en voi
en pysty
en hyväksy
en ymmärrä
en tiedä
en usko
en halua
en ehdi
en ihan
en aivan
en oikein
ole samaa mieltä
ei ole
ei käy
ei sovi
ei pidä paikkaansa
ei täysin
ei aivan
ei ihan
ei vielä
ei kelpaa
en ole samaa mieltä
emme ole samaa mieltä
väärin
virhe
virheellinen
ei oikein
en hyväksy tätä
kieltäydyn
ikinä
koskaan
ei koskaan
mikään
""",
        "tr": """
değil
değiliz
değilim
hayır
yok
olmaz
olmuyor
uymuyor
katılmıyorum
katılmıyoruz
kabul etmiyorum
kabul etmiyoruz
onaylamıyorum
onaylamıyoruz
yanlış
hatalı
asla
hiç
hiçbir
hiçbir zaman
henüz değil
pek değil
tam değil
tam olarak değil
mümkün değil
""",
        "ro": """
nu
nici
niciodată
nicidecum
nu sunt de acord
nu suntem de acord
nu e corect
nu este corect
nu e chiar
nu chiar
nu tocmai
nu încă
greșit
gresit
eronat
incorect
deloc
refuz
respingem
""",
        "ca": """
no
tampoc
no estic d'acord
no hi estic d'acord
no és correcte
no del tot
encara no
incorrecte
erroni
""",
        "cs": """
ne
nejsem
nejsme
není
nejsou
nemůžu
nemohu
nemůžeme
nemám
nemáme
nesouhlasím
nesouhlasíme
nepotvrzuji
nepotvrzujeme
nesedí
nesouhlasí
neodpovídá
nikdy
žádný
špatně
chybně
ještě ne
ne úplně
ne zcela
""",
        "hu": """
ne
nincs
nincsen
nincsenek
soha
semmi
egyáltalán nem
nem értek egyet
nem értünk egyet
nem egészen
nem teljesen
még nem
hibás
helytelen
téves
tévedés
""",
        "el": """
δεν
δε
όχι
μην
μη
ποτέ
τίποτα
κανένας
καμία
διαφωνώ
διαφωνούμε
δεν συμφωνώ
δεν συμφωνούμε
δεν είναι σωστό
όχι ακριβώς
όχι ακόμα
όχι ακόμη
λάθος
λανθασμένο
""",
        "ru": """
не
нет
ни
никогда
ничего
нельзя
не согласен
не согласна
не согласны
не совсем
не вполне
не подтверждаю
пока нет
ещё нет
еще нет
неверно
неправильно
ошибка
""",
        "uk": """
не
ні
ніколи
нічого
нема
немає
не можна
не згоден
не згодна
не згодні
не зовсім
не підтверджую
поки ні
ще ні
невірно
неправильно
помилка
""",
    },
    "change": {
        "en": """
alter
altered
modify
modified
replace
replaced
revised
revision
postpone
postponed
push back
pushed back
bring forward
reschedule
rescheduled
switch
swap
different
differently
preferably
prefer
preferred
i'd prefer
we'd prefer
would prefer
would rather
i'd rather
we'd rather
would like
i'd like
we'd like
suggest
suggestion
propose
proposal
counter
counteroffer
renegotiate
tweak
tweaks
clarify
clarification
typo in
should read
should say
meant
i meant
""",
        "de": """
verschieben
verschoben
tauschen
ersetzen
ersetzt
bevorzugt
vorschlag
vorschlagen
schlage vor
möchte
möchten
würde gerne
wäre
anpassen
anpassung
abweichend
anders
klarstellung
präzisieren
""",
        "fr": """
changer
changé
remplacer
remplacé
décaler
décalé
reporter
reporté
préfère
préférerais
préférerions
plutôt que
proposer
propose
proposition
ajuster
ajustement
préciser
précision
voudrais
souhaiterais
souhaite
différent
autrement
""",
        "es": """
cambiado
reemplazar
sustituir
mover
aplazar
posponer
retrasar
adelantar
prefiero
preferiría
preferimos
propongo
propuesta
sugiero
ajuste
ajustar
aclarar
aclaración
precisar
quisiera
me gustaría
distinto
diferente
""",
        "it": """
cambiato
cambio
sostituire
spostare
spostato
rimandare
posticipare
anticipare
preferisco
preferirei
preferiremmo
propongo
proposta
suggerisco
aggiustare
chiarire
chiarimento
precisare
vorrei
vorremmo
diverso
diversamente
""",
        "pt": """
alterado
alteração
mudança
trocar
substituir
adiar
antecipar
prefiro
preferiria
preferimos
proponho
proposta
sugiro
sugestão
esclarecer
esclarecimento
gostaria
diferente
""",
        "nl": """
veranderen
verander
verplaatsen
verschuiven
uitstellen
vervangen
liever
voorkeur
voorstel
stel voor
stellen voor
zou graag
wil graag
willen graag
verduidelijking
anders
correctie
""",
        "pl": """
zmienić
zmieniony
przesunąć
przełożyć
zastąpić
wolałbym
wolałabym
wolelibyśmy
proponuję
propozycja
sugeruję
doprecyzować
chciałbym
chciałabym
inaczej
""",
        "sv": """
byta
flytta
skjuta upp
ersätta
hellre
föredrar
förslag
föreslår
justera
förtydliga
förtydligande
skulle vilja
annorlunda
korrigering
""",
        "no": """
endre
endring
flytte
utsette
erstatte
heller
foretrekker
forslag
foreslår
justere
presisere
ønsker
vil gjerne
annerledes
korrigering
""",
        "da": """
ændring
flytte
udskyde
erstatte
hellere
foretrækker
forslag
foreslår
justere
præcisere
ønsker
vil gerne
anderledes
korrektion
""",
        "ja": """
変えて
変更して
ずらして
延期
前倒し
増やして
減らして
ご提案
提案
希望
したいです
いただきたい
願います
お願いできますか
""",
        "zh": """
换成
改为
推迟
延后
提前
建议
希望
想要
最好
""",
        "fi": """
muuttaa
muutetaan
muuttaisin
muutos
muutoksia
muutosta
muutettava
korjaus
korjata
korjattava
siirtää
siirretään
siirtäisin
sijaan
mieluummin
mieluiten
ennemmin
parempi
vaihtaa
vaihdetaan
aikaisemmin
aiemmin
uusi
toinen
tammikuu
tammikuussa
tammikuuhun
tammikuun
tammikuulle
tammikuuta
helmikuu
helmikuussa
helmikuuhun
helmikuun
helmikuulle
helmikuuta
maaliskuu
maaliskuussa
maaliskuuhun
maaliskuun
maaliskuulle
maaliskuuta
huhtikuu
huhtikuussa
huhtikuuhun
huhtikuun
huhtikuulle
huhtikuuta
toukokuu
toukokuussa
toukokuuhun
toukokuun
toukokuulle
toukokuuta
kesäkuu
kesäkuussa
kesäkuuhun
kesäkuun
kesäkuulle
kesäkuuta
heinäkuu
heinäkuussa
heinäkuuhun
heinäkuun
heinäkuulle
heinäkuuta
elokuu
elokuussa
elokuuhun
elokuun
elokuulle
elokuuta
syyskuu
syyskuussa
syyskuuhun
syyskuun
syyskuulle
syyskuuta
lokakuu
lokakuussa
lokakuuhun
lokakuun
lokakuulle
lokakuuta
marraskuu
marraskuussa
marraskuuhun
marraskuun
marraskuulle
marraskuuta
joulukuu
joulukuussa
joulukuuhun
joulukuun
joulukuulle
joulukuuta
""",
        "tr": """
değiştir
değiştirelim
değiştirmek
değiştirmemiz
değişiklik
değişikliği
düzelt
düzeltelim
düzeltme
erteleyelim
ertelemek
ertele
taşıyalım
kaydıralım
yerine
tercihen
tercih
tercih ederim
daha iyi
daha erken
yeni
başka
farklı
ocak
şubat
mart
nisan
mayıs
haziran
temmuz
ağustos
eylül
ekim
kasım
aralık
ocakta
şubatta
martta
nisanda
mayısta
haziranda
temmuzda
ağustosta
eylülde
ekimde
kasımda
aralıkta
ocağa
şubata
marta
nisana
mayısa
hazirana
temmuza
ağustosa
eylüle
ekime
kasıma
aralığa
ocak'ta
şubat'ta
mart'ta
nisan'da
mayıs'ta
haziran'da
temmuz'da
ağustos'ta
eylül'de
ekim'de
kasım'da
aralık'ta
""",
        "ro": """
schimba
schimbăm
schimbam
schimbare
schimbări
modifica
modificăm
modificări
corectăm
corectura
corecție
amânăm
amanam
mutăm
mutam
în loc
in loc
în locul
mai degrabă
mai degraba
preferăm
preferam
mai bine
mai devreme
nouă
altul
ianuarie
februarie
martie
aprilie
iunie
iulie
septembrie
octombrie
noiembrie
decembrie
""",
        "ca": """
canviar
canviem
canvi
canvis
modifiquem
modificació
correcció
ajornar
ajornem
moure
moguem
en lloc de
en comptes de
millor
prefereixo
preferim
abans
nova
gener
febrer
maig
juny
juliol
agost
setembre
""",
        "cs": """
změnit
změňme
změna
změny
změnu
upravit
úprava
úpravu
opravit
oprava
opravu
posunout
posuňme
přesunout
odložit
místo
namísto
raději
radši
spíš
spíše
preferuji
lépe
dřív
nový
nová
nové
jiný
jiná
jiné
únor
březen
duben
květen
červen
červenec
srpen
září
říjen
listopad
prosinec
lednu
únoru
březnu
dubnu
květnu
červnu
červenci
srpnu
říjnu
listopadu
prosinci
ledna
února
března
dubna
května
června
července
srpna
října
prosince
""",
        "hu": """
módosítani
módosítsuk
módosítás
változtatni
változtassunk
változtatás
változás
javítani
javítás
áthelyezni
tegyük át
halasszuk
elhalasztani
helyett
inkább
jobb lenne
jobban
korábban
új
másik
más
március
április
május
június
augusztus
szeptember
januárban
februárban
márciusban
áprilisban
májusban
júniusban
júliusban
augusztusban
szeptemberben
októberben
novemberben
decemberben
januárig
februárig
márciusig
áprilisig
májusig
júniusig
júliusig
augusztusig
szeptemberig
októberig
novemberig
decemberig
rendbe
rendbe tesszük
rendbe hozzuk
""",
        "el": """
αλλαγή
αλλαγές
να αλλάξουμε
αλλάξουμε
αλλάξτε
τροποποίηση
διόρθωση
να μεταφέρουμε
μετάθεση
αναβολή
να αναβάλουμε
αντί
αντί για
προτιμώ
προτιμούμε
καλύτερα
νωρίτερα
νέο
νέα
άλλο
άλλη
ιανουάριος
φεβρουάριος
μάρτιος
απρίλιος
μάιος
ιούνιος
ιούλιος
αύγουστος
σεπτέμβριος
οκτώβριος
νοέμβριος
δεκέμβριος
ιανουάριο
φεβρουάριο
μάρτιο
απρίλιο
μάιο
ιούνιο
ιούλιο
αύγουστο
σεπτέμβριο
οκτώβριο
νοέμβριο
δεκέμβριο
ιανουαρίου
φεβρουαρίου
μαρτίου
απριλίου
μαΐου
ιουνίου
ιουλίου
αυγούστου
σεπτεμβρίου
οκτωβρίου
νοεμβρίου
δεκεμβρίου
""",
        "ru": """
изменить
изменим
изменение
изменения
поменять
поменяем
исправить
исправление
поправка
перенести
перенесём
перенесем
отложить
вместо
лучше
предпочитаю
предпочёл бы
предпочел бы
скорее
раньше
новый
новая
новое
другой
другая
другое
январь
февраль
март
апрель
май
июнь
июль
август
сентябрь
октябрь
ноябрь
декабрь
январе
феврале
марте
апреле
мае
июне
июле
августе
сентябре
октябре
ноябре
декабре
января
февраля
марта
апреля
мая
июня
июля
августа
сентября
октября
ноября
декабря
""",
        "uk": """
змінити
змінимо
зміна
зміни
поміняти
виправити
виправлення
перенести
перенесемо
відкласти
замість
краще
волію
скоріше
раніше
новий
нова
нове
інший
інша
інше
січень
лютий
березень
квітень
травень
червень
липень
серпень
вересень
жовтень
листопад
грудень
січні
лютому
березні
квітні
травні
червні
липні
серпні
вересні
жовтні
листопаді
грудні
січня
лютого
березня
квітня
травня
червня
липня
серпня
вересня
жовтня
листопада
грудня
""",
    },
    "addition": {
        "en": """
one addition
one more point
also please
by the way
ps
p s
pps
oh and
and another thing
in addition to
additional
also need
also want
we also
i also
one more
one other thing
another thing
on top of that
on top
along with
as well as
furthermore
besides that
bonus
cc
please cc
loop in
copy in
""",
        "de": """
übrigens
nebenbei bemerkt
ps
darüber hinaus
ebenfalls
weiterhin
zudem
ferner
noch etwas
eine sache noch
noch eine sache
plus
""",
        "fr": """
au fait
à propos
ps
en outre
par ailleurs
de surcroît
encore une chose
une chose encore
autre chose
en sus
""",
        "es": """
por cierto
a propósito
posdata
ps
asimismo
igualmente
otra cosa
una cosa más
por otro lado
""",
        "it": """
tra l'altro
a proposito
ps
inoltre
pure
altresì
un'altra cosa
un'ultima cosa
""",
        "pt": """
aliás
a propósito
por falar nisso
ps
ademais
igualmente
outra coisa
mais uma coisa
""",
        "nl": """
trouwens
overigens
ps
tevens
verder
nog iets
nog een ding
één ding nog
""",
        "pl": """
przy okazji
a propos
ps
oprócz tego
dodatkowo
jeszcze jedno
jeszcze jedna rzecz
""",
        "sv": """
förresten
ps
dessutom
vidare
en sak till
""",
        "no": """
forresten
ps
dessuten
i tillegg
en ting til
""",
        "da": """
forresten
i øvrigt
ps
desuden
derudover
en ting til
""",
        "ja": """
加えて
それから
あと
ほかに
他に
""",
        "zh": """
还有
再加
加上
以及
外加
""",
        "fi": """
myös
lisäksi
lisää
lisäisin
lisätään
sekä
muuten
ohimennen
vielä yksi
yksi asia
toinen asia
ja vielä
samoin
lisään
""",
        "tr": """
ayrıca
ayrica
ek olarak
ekstra
ilave
ilaveten
ekleyelim
eklemek
ekleme
artı
bir de
bir şey daha
unutmadan
bu arada
hem
""",
        "ro": """
de asemenea
în plus
in plus
suplimentar
adăugăm
adaugam
adăuga
adaug
încă ceva
inca ceva
apropo
și anume
totodată
""",
        "ca": """
també
a més
a més a més
addicionalment
per cert
una cosa més
afegir
afegiria
afegim
""",
        "cs": """
taky
též
navíc
kromě toho
dále
ještě jedna věc
ještě něco
mimochodem
mimo jiné
přidat
přidal
přidala
doplnit
doplnil
doplnila
doplňuji
""",
        "hu": """
továbbá
ezenkívül
ezen kívül
emellett
valamint
plusz
még egy
még egy dolog
egyébként
mellesleg
hozzátenném
hozzáadnám
kiegészítés
kiegészíteném
""",
        "el": """
επίσης
επιπλέον
επιπροσθέτως
ακόμα ένα
και κάτι ακόμα
παρεμπιπτόντως
συν
προσθέτω
να προσθέσω
να προσθέσουμε
""",
        "ru": """
также
тоже
кроме того
к тому же
плюс
кстати
ещё одно
еще одно
ещё один момент
дополнительно
добавить
добавлю
добавим
""",
        "uk": """
також
теж
крім того
до того ж
плюс
до речі
ще одне
ще один момент
додатково
додати
додам
додамо
""",
    },
    "hedge": {
        "en": """
in theory
theoretically
overall
at first glance
at a glance
on the face of it
presuming
i'd say
i would say
i'd think
i reckon
reckon
i feel
i suppose so
apparently
supposedly
presumably
tentatively
tentative
provisionally
provisional
for the most part
on the whole
more or less right
largely right
pretty much
i think so
fairly
somewhat
ish
as far as i remember
as far as i recall
if i remember correctly
if i recall correctly
iirc
afaik
not 100%
unsure
uncertain
doubt
doubtful
hmm
hm
erm
um
""",
        "de": """
im grunde
auf den ersten blick
theoretisch
denke ich
ich denke
ich glaube schon
glaube ich
vermutlich
anscheinend
offenbar
eher
ziemlich
weitgehend
größtenteils
im wesentlichen
im groben
vorläufig
unsicher
hm
hmm
naja
na ja
""",
        "fr": """
à première vue
en théorie
théoriquement
il me semble
sans doute
apparemment
vraisemblablement
à peu de choses près
globalement
en gros
dans l'ensemble
grosso modo
plutôt
provisoirement
je suppose
hum
bof
""",
        "es": """
a primera vista
en teoría
me parece que
seguramente
aparentemente
a grandes rasgos
en general
en líneas generales
básicamente
más bien
provisionalmente
no estoy seguro
no estoy segura
hmm
bueno
""",
        "it": """
a prima vista
mi pare
probabile
apparentemente
a grandi linee
in generale
grosso modo
sostanzialmente
piuttosto
provvisoriamente
non sono sicuro
non sono sicura
mah
boh
""",
        "pt": """
em geral
à primeira vista
em teoria
me parece
aparentemente
de modo geral
em linhas gerais
basicamente
mais ou menos certo
provisoriamente
não tenho certeza
hum
""",
        "nl": """
op het eerste gezicht
in theorie
over het algemeen
volgens mij
denk ik
vermoedelijk
blijkbaar
grotendeels
in grote lijnen
eigenlijk
voorlopig
niet zeker
hmm
nou ja
""",
        "pl": """
ogólnie
na pierwszy rzut oka
teoretycznie
w teorii
wydaje mi się
wydaje się
prawdopodobnie
zasadniczo
generalnie
w większości
na razie
tymczasowo
nie jestem pewien
nie jestem pewna
hmm
""",
        "sv": """
på ett ungefär
vid första anblick
teoretiskt
antagligen
förmodligen
verkar
i stort sett
i huvudsak
preliminärt
inte säker
hmm
""",
        "no": """
ved første øyekast
teoretisk
antagelig
visstnok
virker
stort sett
i hovedsak
foreløpig
usikker
hmm
""",
        "da": """
i det store hele
ved første øjekast
teoretisk
formentlig
vistnok
virker
stort set
i hovedsagen
foreløbig
usikker
hmm
""",
        "ja": """
と思われます
かと思います
だと思います
気がします
ようです
みたいです
一応
とりあえず
暫定
""",
        "zh": """
我觉得
我认为
估计
大致
大体
暂时
暂定
不确定
嗯
""",
        "fi": """
ehkä
kai
kaiketi
luultavasti
todennäköisesti
mahdollisesti
luulen
luulisin
uskoisin
taitaa
taitaa olla
tuntuu
vaikuttaa
oletan
noin
suunnilleen
arviolta
suurin piirtein
periaatteessa
lähes
melkein
tavallaan
jotenkin
jokseenkin
""",
        "tr": """
belki
galiba
sanırım
sanirim
herhalde
muhtemelen
büyük ihtimalle
olabilir
gibi
gibi görünüyor
düşünüyorum
bence
tahminen
yaklaşık
aşağı yukarı
kabaca
neredeyse
prensipte
ilke olarak
""",
        "ro": """
poate
probabil
posibil
cred
cred că
bănuiesc
presupun
mi se pare
pare
aproximativ
cam
circa
vreo
în principiu
oarecum
aproape
""",
        "ca": """
potser
possiblement
crec
crec que
em sembla
sembla
suposo
aproximadament
més o menys
gairebé
en principi
""",
        "cs": """
možná
asi
snad
pravděpodobně
nejspíš
patrně
myslím
myslím že
předpokládám
zdá se
zhruba
přibližně
cca
víceméně
skoro
téměř
v zásadě
do jisté míry
v určité míře
určité
určitý
určitá
určitou
určitých
jisté
jistý
jistá
""",
        "hu": """
talán
valószínűleg
esetleg
szerintem
azt hiszem
úgy gondolom
úgy tűnik
nagyjából
körülbelül
kb
kábé
majdnem
szinte
elvileg
elvben
""",
        "el": """
ίσως
μάλλον
πιθανόν
πιθανώς
νομίζω
νομίζω ότι
πιστεύω
υποθέτω
φαίνεται
περίπου
σχεδόν
κατά προσέγγιση
καταρχήν
κατ' αρχήν
""",
        "ru": """
возможно
может быть
может
наверное
наверно
вероятно
видимо
думаю
я думаю
кажется
по-моему
полагаю
примерно
около
приблизительно
почти
в принципе
вроде
""",
        "uk": """
можливо
може
мабуть
напевно
ймовірно
думаю
я думаю
здається
по-моєму
припускаю
приблизно
близько
майже
в принципі
начебто
""",
    },
    "defer": {
        "en": """
get back to you on
circle back
come back to you
will revert
hold off
hold on
on hold
not yet
give me
give me a day
give me a few days
need some time
need more time
need to check
need to confirm
need to discuss
need to review
will review
will check
will confirm
will let you know
let you know
i'll let you know
i'll confirm
i'll check
discuss internally
check internally
with my team
with my boss
with my manager
with legal
with finance
with hr
sleep on it
mull it over
review it
over the weekend
early next week
end of the week
by tomorrow
asap
""",
        "de": """
ich melde mich
melde mich noch
gebe bescheid
gebe ihnen bescheid
gebe dir bescheid
muss noch
müssen noch
intern
intern abstimmen
rücksprache halten
mit meinem chef
mit meiner chefin
übermorgen
nächsten woche
in ruhe
""",
        "fr": """
je reviens vers vous
je reviens vers toi
je vous reviens
je te reviens
je vous tiens au courant
je te tiens au courant
je vous redis
je te redis
en interne
avec ma direction
avec mon chef
avec ma cheffe
la semaine prochaine
après-demain
""",
        "es": """
te aviso
le aviso
te digo algo
le digo algo
te comento
le comento
lo consulto
lo reviso
internamente
con mi jefe
con mi jefa
la semana que viene
la próxima semana
pasado mañana
""",
        "it": """
ti faccio sapere
le faccio sapere
vi faccio sapere
ti aggiorno
la aggiorno
ci sentiamo
internamente
con il mio capo
la settimana prossima
dopodomani
""",
        "pt": """
te aviso
te falo
vou ver
vou verificar
vou conferir
internamente
com meu chefe
com minha chefe
semana que vem
próxima semana
depois de amanhã
""",
        "nl": """
laat het je weten
laat het weten
ik laat het weten
ik kom erop terug
kom erop terug
intern
met mijn baas
met mijn manager
volgende week
overmorgen
""",
        "pl": """
dam znać
dam ci znać
dam panu znać
dam pani znać
odezwę się
wewnętrznie
z szefem
z szefową
w przyszłym tygodniu
pojutrze
""",
        "sv": """
hör av mig
jag hör av mig
meddelar
internt
med min chef
nästa vecka
i övermorgon
""",
        "no": """
gir beskjed
jeg gir beskjed
tar kontakt
internt
med sjefen min
neste uke
i overmorgen
""",
        "da": """
giver besked
jeg giver besked
vender tilbage
internt
med min chef
næste uge
i overmorgen
""",
        "ja": """
社内で
社内確認
確認いたします
確認します
確認の上
追ってご連絡
追って
後ほど
来週
少々お待ちください
お待ちください
""",
        "zh": """
稍后
回头
晚点
下周
内部
我再看看
我再确认
请稍等
等我
""",
        "fi": """
myöhemmin
myöhään
vielä
vielä ei
palaan
palaan asiaan
palaamme
katson
katsotaan
tarkistan
tarkistamme
selvitän
mietin
harkitsen
kommentoin myöhemmin
odottakaa
hetki
huomenna
ensi viikolla
ensi kuussa
myöhemmin tällä viikolla
maanantaina
tiistaina
keskiviikkona
torstaina
perjantaina
lauantaina
sunnuntaina
toistaiseksi
maanantai
tiistai
keskiviikko
torstai
perjantai
lauantai
sunnuntai
maanantaille
tiistaille
keskiviikolle
torstaille
perjantaille
lauantaille
sunnuntaille
maanantaihin
tiistaihin
keskiviikkoon
torstaihin
perjantaihin
""",
        "tr": """
sonra
daha sonra
sonradan
henüz
bakacağım
bakıp
kontrol edeceğim
kontrol edip
dönüş yapacağım
döneceğim
döneriz
bilgi vereceğim
düşüneyim
düşünüp
bekleyin
yarın
gelecek hafta
haftaya
pazartesi
salı
çarşamba
perşembe
cuma
cumartesi
pazar
şimdilik
pazartesiye
salıya
çarşambaya
perşembeye
cumaya
cumartesiye
pazara
pazartesi'ye
cuma'ya
pazartesiden
cumadan
""",
        "ro": """
mai târziu
mai tarziu
ulterior
încă
inca
revin
revenim
revin cu
verific
verificăm
mă uit
ma uit
mă gândesc
ma gandesc
vă anunț
va anunt
aștept
mâine
maine
săptămâna viitoare
saptamana viitoare
luni
marți
marti
miercuri
joi
vineri
sâmbătă
duminică
deocamdată
deocamdata
""",
        "ca": """
més tard
després
més endavant
encara
ja et diré
ja us diré
us diré
ho reviso
ho miro
ho comprovo
hi pensaré
us confirmo més tard
demà
la setmana que ve
la setmana vinent
dilluns
dimarts
dimecres
dijous
divendres
dissabte
diumenge
de moment
""",
        "cs": """
později
potom
ještě
zatím
ozvu se
ozveme se
dám vědět
dáme vědět
podívám se
prověřím
zkontroluji
zkontroluju
rozmyslím
počkejte
zítra
příští týden
pondělí
úterý
středa
čtvrtek
pátek
sobota
neděle
v pondělí
v úterý
ve středu
ve čtvrtek
v pátek
středu
sobotu
neděli
pondělka
úterka
středy
čtvrtka
pátku
soboty
""",
        "hu": """
később
majd
még
visszajelzek
visszajelzünk
jelentkezem
átnézem
megnézem
ellenőrzöm
átgondolom
várjon
holnap
jövő héten
hétfő
hétfőn
kedd
kedden
szerda
szerdán
csütörtök
csütörtökön
péntek
pénteken
szombat
vasárnap
egyelőre
hétfőre
keddre
szerdára
csütörtökre
péntekre
szombatra
vasárnapra
hétfőig
keddig
szerdáig
csütörtökig
péntekig
""",
        "el": """
αργότερα
μετά
ακόμα
ακόμη
θα σας ενημερώσω
θα επανέλθω
θα το κοιτάξω
θα το ελέγξω
θα το σκεφτώ
περιμένετε
αύριο
την επόμενη εβδομάδα
δευτέρα
τρίτη
τετάρτη
πέμπτη
παρασκευή
σάββατο
κυριακή
προς το παρόν
δευτέρας
τρίτης
τετάρτης
πέμπτης
παρασκευής
σαββάτου
κυριακής
""",
        "ru": """
позже
потом
позднее
ещё
еще
пока что
вернусь
отпишусь
уточню
проверю
посмотрю
подумаю
сообщу
подождите
завтра
на следующей неделе
в понедельник
во вторник
в среду
в четверг
в пятницу
понедельник
вторник
среда
четверг
пятница
суббота
воскресенье
среду
пятницу
субботу
понедельника
вторника
среды
четверга
пятницы
субботы
воскресенья
""",
        "uk": """
пізніше
потім
ще
поки що
повернуся
повідомлю
уточню
перевірю
подивлюся
подумаю
зачекайте
завтра
наступного тижня
у понеділок
в понеділок
у вівторок
у середу
у четвер
у п'ятницю
понеділок
вівторок
середа
четвер
п'ятниця
субота
неділя
середу
п'ятницю
суботу
неділю
понеділка
вівторка
середи
четверга
п'ятниці
суботи
неділі
""",
    },
    "partial": {
        "en": """
for the time being
so far
initially
mostly agree
mostly agreed
partly agree
partially agree
most of it
almost all
nearly all
all but
except one
but one
one exception
a couple of things
a few things
couple of points
few points
a few points
one small thing
one small point
a small thing
small thing
minor point
one minor point
just one
""",
        "de": """
vorerst
bis auf weiteres
fürs erste
größtenteils einverstanden
bis auf einen punkt
bis auf eine sache
eine kleinigkeit
kleinigkeit
ein paar punkte
einige punkte
zum teil
fast alles
""",
        "fr": """
pour l'instant
pour le moment
dans un premier temps
en grande partie
presque tout
à une chose près
à un détail près
un détail
petit détail
quelques points
certains points
""",
        "es": """
por ahora
por el momento
de momento
en un primer momento
en su mayoría
casi todo
un detalle
pequeño detalle
algunos puntos
un par de cosas
""",
        "it": """
per ora
per il momento
in un primo momento
in gran parte
quasi tutto
un dettaglio
piccolo dettaglio
alcuni punti
un paio di cose
""",
        "pt": """
por enquanto
por ora
num primeiro momento
em grande parte
quase tudo
um detalhe
pequeno detalhe
alguns pontos
algumas coisas
""",
        "nl": """
voor nu
voorlopig even
in eerste instantie
grotendeels akkoord
bijna alles
een detail
klein detail
een paar punten
enkele punten
""",
        "pl": """
wstępnie
w większości
prawie wszystko
jeden szczegół
drobiazg
kilka punktów
""",
        "sv": """
tills vidare
för tillfället
tillsvidare
nästan allt
en detalj
liten detalj
några punkter
""",
        "no": """
inntil videre
i første omgang
nesten alt
en detalj
liten detalj
noen punkter
""",
        "da": """
indtil videre
i første omgang
næsten alt
en detalje
lille detalje
nogle punkter
""",
        "ja": """
一点
一点だけ
一部だけ
ほぼ
大体
""",
        "zh": """
大部分
基本同意
一点
有一点
个别
""",
        "fi": """
paitsi
lukuun ottamatta
pääosin
pääasiassa
enimmäkseen
osittain
osin
suurimmaksi osaksi
muuten kyllä
melkein kaikki
toistaiseksi
alustavasti
vain
pelkästään
""",
        "tr": """
hariç
dışında
disinda
haricinde
çoğunlukla
büyük ölçüde
kısmen
kismen
genel olarak
şimdilik
geçici olarak
ön onay
sadece
yalnızca
sırf
""",
        "ro": """
cu excepția
cu exceptia
în afară de
in afara de
exceptând
mai puțin
majoritatea
în mare parte
parțial
partial
în general
provizoriu
doar
numai
decât
""",
        "ca": """
excepte
tret de
llevat de
majoritàriament
en general
en gran part
parcialment
només
sols
sols que
""",
        "cs": """
kromě
vyjma
s výjimkou
většinou
převážně
z větší části
částečně
pouze
jen
jenom
předběžně
""",
        "hu": """
kivéve
kivételével
csak
csupán
kizárólag
többnyire
nagyrészt
nagyobbrészt
részben
általában
ideiglenesen
""",
        "el": """
εκτός από
εκτός
εξαιρουμένου
μόνο
μόνον
κυρίως
ως επί το πλείστον
εν μέρει
μερικώς
γενικά
προσωρινά
""",
        "ru": """
кроме
за исключением
только
лишь
в основном
частично
в целом
большей частью
предварительно
""",
        "uk": """
крім
окрім
за винятком
тільки
лише
здебільшого
в основному
частково
в цілому
попередньо
""",
    },
    "doubt": {
        "fi": """
onko
oletko
oletteko
olisiko
voisitteko
voitteko
voisiko
voiko
pitäisikö
tarvitseeko
kuka
milloin
miksi
miten
missä
todellako
oikeasti
oletko varma
vahvista
vahvistakaa
hyväksy
hyväksykää
""",
        "tr": """
mı
mu
mü
mısınız
misiniz
musunuz
müsünüz
emin misiniz
emin misin
gerçekten
cidden
ne zaman
neden
niye
kim
nasıl
nerede
hangi
""",
        "ro": """
chiar
serios
sunteți sigur
sunteti sigur
când
cand
de ce
cine
cum
unde
oare
""",
        "ca": """
de veritat
n'estàs segur
n'esteu segurs
quan
per què
""",
        "cs": """
opravdu
vážně
fakt
jste si jistý
jste si jistá
jste si jisti
kdy
proč
kdo
kde
""",
        "hu": """
tényleg
valóban
komolyan
biztos benne
mikor
miért
ki
hogyan
hol
vajon
""",
        "el": """
αλήθεια
σοβαρά
είστε σίγουρος
είστε σίγουροι
είστε σίγουρη
πότε
γιατί
ποιος
ποια
ποιο
πώς
πού
τι
μήπως
ακριβός
ακριβό
ακριβή
ακριβά
ακριβές
""",
        "ru": """
правда
неужели
разве
действительно
серьёзно
серьезно
вы уверены
уверены
когда
почему
зачем
кто
как
где
ли
""",
        "uk": """
справді
дійсно
невже
хіба
серйозно
ви впевнені
впевнені
коли
чому
навіщо
хто
як
де
чи
""",
    },
}


# When the conversation the summary records took place: harmless right after a word for that
# conversation ("what we discussed this morning", "das Gespräch von heute"), and a new date
# anywhere else ("we start this afternoon").
CONVERSATION = wordset(
    """
    discussed agreed talked said spoke met call meeting chat conversation discussion sync
    session workshop catch-up sitzung séance sesión sessione sessão sessie
    besprochen vereinbart abgesprochen gesagt gespräch telefonat treffen besprechung termin
    dit convenu discuté parlé échange réunion appel rendez-vous
    hablamos acordamos hablado acordado quedamos dijimos reunión llamada conversación
    detto concordato parlato discusso riunione chiamata incontro
    combinamos conversamos falamos reunião conversa ligação
    besproken afgesproken gezegd gesprek overleg vergadering
    ustaliliśmy rozmawialiśmy rozmowa spotkanie
    sa pratade diskuterade samtalet mötet
    sa snakket diskuterte samtalen møtet
    sagde talte aftalte samtalen mødet
    """
)
PAST_TIMES = """
today
this morning
this afternoon
this evening
earlier
earlier today
yesterday
last week
on friday
on monday
on tuesday
on wednesday
on thursday
heute
heute morgen
heute vormittag
heute nachmittag
gestern
letzte woche
am montag
aujourd'hui
ce matin
cet après-midi
hier
la semaine dernière
hoy
esta mañana
esta tarde
ayer
la semana pasada
oggi
stamattina
stamane
questa mattina
oggi pomeriggio
ieri
la settimana scorsa
hoje
hoje de manhã
hoje à tarde
ontem
semana passada
vandaag
vanochtend
vanmiddag
gisteren
vorige week
dzisiaj
dziś
rano
wczoraj
w zeszłym tygodniu
idag
i dag
i morse
i går
igår
förra veckan
forrige uke
i formiddag
"""

# What introduces the thing thanked for ("thanks for …", "merci pour …", "obrigado pela …"):
# after it, a past time of PAST_TIMES says when that thing happened ("for the tour this
# morning"), as it does next to a word for the conversation. Not "today" nor a weekday, which
# may be a term's day ("Thanks, keys today then").
THANKED_FOR = wordset("for für pour por per pela pelo pelas pelos voor za för")
NOT_THANKED_TIMES = wordset(
    """
    today heute aujourd'hui hoy oggi hoje vandaag dzisiaj dziś idag dag on am friday monday
    tuesday wednesday thursday montag
    """
)


# Praise with a verb "to be" ("You're a star", "die Wohnung ist wirklich ein Traum", "The
# museum is a real gem"): the verbs, the words that may stand before one (the other person,
# articles and demonstratives, beside names and words of the summary), the nouns of praise
# (its adjectives are in FEELING) and the words of degree around them (``mail.reading``).
COPULAS = wordset(
    """
    is are was were you're ist sind war waren est sont était étaient c'est es son era eran
    está están estaba estaban è sono erano é são foi eram zijn waren jest są był była było
    byli är var er
    """
)
PRAISE_SUBJECTS = wordset(
    """
    you the this that these those your a an die der das den dem des ein eine einen einem
    einer diese dieser dieses ihre ihr eure euer deine dein le la les l' un une ce cette ces
    votre vos ton ta tes el los las una este esta estos estas su sus tu tus il lo gli i uno
    questo questa questi queste vostro vostra vostri vostre suo sua tuo tua o os as um uma
    estes estas seu seus suas teu de het een deze dit jullie uw je jouw wasz wasza wasze twój
    twoja twoje den det en ett din ditt dina
    """
)
PRAISE = wordset(
    """
    star stars dream gem treasure legend hero heroes lifesaver champ rockstar traum schatz
    held juwel perle rêve bijou trésor perle merveille sueño joya maravilla tesoro sogno
    gioiello tesoro perla meraviglia sonho joia tesouro maravilha droom parel schat juweel
    marzenie skarb perła cudo dröm pärla skatt drøm perle
    """
)
DEGREE = wordset(
    """
    really so very truly absolutely quite real true total wirklich echt sehr so total einfach
    ganz richtig wahrer wahres wahre très vraiment si tellement vrai vraie véritable muy
    realmente tan verdadero verdadera auténtico auténtica molto davvero così veramente proprio
    vero vera muito mesmo tão verdadeiro verdadeira heel erg zo werkelijk echte naprawdę
    bardzo taki prawdziwy prawdziwa verkligen väldigt så riktig virkelig veldig meget ægte
    """
)


# Endings of a Romance past participle and its other genders and numbers: "pagado" is
# written "pagados" and "pagada" too, "payé" "payés", "pagato" "pagati".
_PARTICIPLE_FORMS = {
    "ado": ("ada", "ados", "adas"),
    "ido": ("ida", "idos", "idas"),
    "ato": ("ata", "ati", "ate"),
    "ito": ("ita", "iti", "ite"),
    "uto": ("uta", "uti", "ute"),
    "é": ("ée", "és", "ées"),
}


def _participles(text: str) -> frozenset[str]:
    """The words of ``text`` with every form of the past participles among them."""
    words = set(text.split())
    for word in list(words):
        for ending, forms in _PARTICIPLE_FORMS.items():
            if word.endswith(ending) and len(word) > len(ending) + 2:
                words.update(word[: -len(ending)] + form for form in forms)
    return frozenset(words)


# Words that, in a clause the classifier does not otherwise understand, may carry a term: the clause
# could ask, oblige, promise, add, change, compare, count, time or assign something, so it is not
# let pass as small talk beside an agreement ("Sounds good. We'll need the van earlier"). None of
# them is a risk by itself ("We will see you there" agrees): they only keep text that is not
# understood from being tolerated. Written per language from general knowledge: modal and future
# verbs, requests, additions, changes, comparisons, quantities, times, duties, the verbs of
# receiving (a payment restated as received, "Recebo os outros 125 €", turns round who pays), the
# question words that ask without a question mark, and the grown-ups a reply may bring along
# ("grandma joins us", "die Oma fährt mit"; children, the subject of most small talk, are not among
# them). The languages read beyond the first eleven (Finnish to Ukrainian) have their own words here
# too, with their words for times ("viikko", "hafta"). Their conjunctions that are another
# language's common word are not here, nor among the risks: Hungarian "ha" ("if"; Swedish "have",
# Spanish and Italian "has"), Turkish "de"/"da" ("too") and Hungarian "is" ("also"); a short clause
# with them beside an agreement is still let pass, unless another word of it is watched.
WATCH = _participles(
    """
    comments notes remarks answers replies edits thoughts feedback kommentare anmerkungen
    antworten bemerkungen commentaires remarques réponses comentarios respuestas observaciones
    commenti risposte osservazioni comentários respostas observações opmerkingen antwoorden
    uwagi odpowiedzi komentarze kommentarer svar synpunkter bemærkninger merknader
    you'll volontiers volentieri chętnie gärna gjerne need needs needed needing must mustn got
    gotta should shouldn would wouldn could couldn can cannot may might ought require requires
    required requirement necessary mandatory essential won want wants wanted let lets please
    kindly pls plz request requested ask asked asking assume assuming suppose provided unless
    until whether either also too plus btw ps besides moreover furthermore additionally addition
    additional extra another further more less fewer most least else added add adding include
    includes including included exclude excluding except instead rather prefer preferred
    preference better worse worst change changes changed changing switch swap move moved moving
    replace replaced shift shifted push pushed postpone postponed delay delayed reschedule
    cancel cancelled canceled drop dropped update updated adjust adjusted revise revised amend
    amended correct correction mistake wrong typo missing missed forgot forget new different
    other alternative alternatively separate separately only just solely earlier later sooner
    soon now asap urgent urgently immediately today tonight tomorrow next last hour hours minute
    minutes deadline date dates times schedule scheduled every each any some several many few
    half double twice triple whole partial max maximum minimum approximately roughly almost
    nearly price cost costs fee fees rate budget discount free charge charged pay paid payment
    halves halve split splitting shared sharing teilen halbe halbieren partager
    partageons medias dividir dividimos dividiamo dividere helft delen połowę dzielimy
    invoice deposit refund euro euros dollar dollars pound pounds percent quote quotation take
    takes taking took taken over handle handles handling responsible responsibility lead leads
    owner owns own assign assigned send sending sent bring deliver delivery provide share book
    booked order ordered sign signed arrange organise organize prepare review check confirm tell
    remind who when where why whose whom wonder wondering curious clarify clarification problem
    issue issues concern concerns worried unfortunately though anyway regarding re brauchen
    braucht brauche benötigen benötigt müssen muss musst müsste sollen soll sollte sollten würde
    würden könnte könnten kann können darf dürfen möchte möchten wollen bitte gerne
    vorausgesetzt sofern solange bis ob entweder auch zusätzlich außerdem ausserdem übrigens
    weitere weiteren weiterer noch mehr weniger meisten sonst statt stattdessen anstatt lieber
    besser schlechter ändern geändert änderung verschieben verschoben tauschen ersetzen absagen
    streichen korrigieren korrektur fehler falsch fehlt vergessen neu neue neuen neuer anders
    andere anderen anderer alternativ separat nur lediglich bloß früher später bald jetzt sofort
    dringend heute morgen nächste nächsten nächster letzte letzten stunde stunden minuten frist
    termin datum jede jeden jeder einige viele wenige halb doppelt ganze maximal minimal
    ungefähr etwa circa ca fast preis kosten gebühr rabatt kostenlos gratis zahlen bezahlt
    zahlung rechnung anzahlung übernehmen übernimmt übernehme zuständig verantwortlich leiten
    leitet schicken schicke senden sende liefern lieferung buchen bestellen unterschreiben
    vorbereiten prüfen bestätigen wer wann wo warum frage bedenken leider allerdings jedoch
    trotzdem betreff besoin faut faudrait falloir doit doivent devons devez devrait devraient
    pourrait pourraient pourrions peut peux pouvez pouvons voudrais voudrions voulons veux
    souhaite souhaitons aimerions aimerais prière veuillez svp stp demande sauf tant jusqu
    jusque si soit aussi également supplémentaire supplémentaires autre autres ailleurs ajouter
    ajouté ajout inclure inclus compris exclu hors plutôt préfère préférons préférerais mieux
    pire changer changé changement déplacer déplacé décaler décalé remplacer reporter reporté
    annuler annulé modifier modifié modification corriger erreur faux oubli oublié manque
    nouveau nouvelle nouveaux différent différente seulement uniquement juste tôt tard bientôt
    maintenant immédiatement aujourd'hui demain prochain prochaine dernier dernière heure heures
    délai chaque quelques plusieurs beaucoup peu moitié environ presque prix coût frais tarif
    remise gratuit payer payé paiement facture acompte prendre prend reprend responsable gérer
    gère envoyer envoie envoyé livrer livraison fournir appeler réserver commander signer
    préparer vérifier confirmer quand où pourquoi comment question problème souci inquiet
    malheureusement cependant toutefois concernant necesito necesitamos necesita necesitan falta
    hace hay tengo tenemos tiene tienen debo debemos debe deben debería deberíamos podría
    podríamos puede pueden podemos puedo quiero queremos quisiera quisiéramos gustaría favor
    ruego solicito supongo salvo hasta mientras también además más otro otra otros otras
    adicional añadir incluir incluido excluir excepto mejor peor prefiero preferimos preferiría
    cambiar cambio cambiado mover movido pasar sustituir reemplazar aplazar retrasar posponer
    cancelar anular modificar corregir error equivocado olvidé olvidado nuevo nueva nuevos
    diferente distinto distinta sólo solo solamente únicamente antes después pronto ahora
    inmediatamente urgente hoy mañana próximo próxima último última hora horas minutos plazo
    fecha cada algunos varios muchos pocos mitad doble aproximadamente casi precio coste costo
    tarifa descuento pagar pago pagado factura anticipo encargo encarga encargará llevar lleva
    enviar envío mandar entregar entrega proporcionar llamar reservar pedir pedido firmar
    preparar revisar confirmar quién cuándo dónde cómo pregunta problema duda preocupa
    lamentablemente desgraciadamente embargo respecto bisogno bisogna serve servono devo
    dobbiamo deve devono dovrebbe dovremmo potrebbe potremmo può possono possiamo posso voglio
    vogliamo vorrei vorremmo prego chiedo chiediamo richiesta suppongo finché fino sia anche
    inoltre più altro altra altri altre aggiuntivo aggiuntiva aggiungere includere incluso
    escludere eccetto invece piuttosto meglio peggio preferisco preferiamo preferirei cambiare
    cambiato spostare spostato sostituire rinviare rimandare posticipare annullare modificare
    correggere errore sbagliato dimenticato manca nuovo nuova nuovi diversa diverso soltanto
    prima dopo presto subito ora adesso oggi domani prossimo prossima ultimo ultima ore minuti
    scadenza data ogni tutte alcuni parecchi molti pochi metà doppio quasi prezzo tariffa sconto
    gratuito pagare pagamento pagato fattura acconto occupa occuperà responsabile gestire
    gestisce inviare invio mandare consegnare consegna fornire chiamare prenotare ordinare
    firmare preparare verificare controllare confermare chi quando dove perché domanda dubbio
    purtroppo tuttavia riguardo preciso precisamos precisa precisam devemos devem deveria
    deveríamos poderia poderíamos pode podem quero gostaria gostaríamos peço pedimos suponho até
    enquanto seja também além mais outro outra outros outras acrescentar incluído exceto vez
    melhor pior prefiro preferia mudar mudança mudado trocar substituir adiar atrasar alterar
    alteração corrigir erro errado esqueci esquecido novo nova novos só somente apenas depois
    logo agora imediatamente hoje amanhã prazo alguns vários muitos poucos metade dobro quase
    preço custo taxa desconto grátis fatura sinal responsável cuida cuidar envio fornecer ligar
    encomendar assinar verificar quem onde porquê pergunta dúvida infelizmente contudo
    entretanto nodig moet moeten moest zou zouden kan kunnen kunt mag mogen wil willen wilt
    graag verzoek vraag veronderstel tenzij totdat tot ook bovendien daarnaast meer minder ander
    toevoegen inclusief exclusief behalve liever beter slechter veranderen wijzigen wijziging
    verplaatsen verschuiven vervangen uitstellen annuleren aanpassen corrigeren fout vergeten
    nieuw nieuwe verschillend alleen slechts eerder straks nu meteen direct vandaag volgende
    vorige uur uren elke sommige enkele veel weinig dubbel ongeveer bijna prijs tarief korting
    betalen betaling betaald factuur aanbetaling neemt overnemen verantwoordelijk sturen stuur
    versturen leveren levering bellen boeken tekenen voorbereiden controleren bevestigen wanneer
    waar waarom hoe probleem zorg helaas echter betreft potrzebuję potrzebujemy potrzeba trzeba
    muszę musimy musi muszą powinien powinna powinniśmy mógłby moglibyśmy może mogą możemy mogę
    chcę chcemy chciałbym chcielibyśmy proszę prosimy zakładam chyba jeśli jeżeli czy albo też
    także również dodatkowo ponadto więcej mniej inny inna inne dodać włącznie oprócz zamiast
    raczej wolę wolimy lepiej gorzej zmienić zmiana przesunąć przełożyć zastąpić odwołać
    anulować poprawić błąd pomyłka zapomniałem brakuje nowy nowa nowe tylko jedynie wcześniej
    później wkrótce teraz natychmiast pilne dzisiaj dziś jutro następny następna przyszły
    ostatni godzina godziny minut każdy kilka wiele mało połowa podwójnie około prawie cena
    koszt opłata rabat zniżka bezpłatnie zapłacić płatność faktura zaliczka przejmuje
    odpowiedzialny wysłać wyślę dostarczyć dostawa zadzwonić zarezerwować zamówić podpisać
    przygotować sprawdzić potwierdzić kto kiedy gdzie dlaczego pytanie niestety jednak dotyczy
    behöver behövs måste borde skulle kunde får vill snälla vänligen ber antar förutsatt såvida
    tills antingen också även dessutom mer mindre annan annat andra lägga inklusive exklusive
    utom istället hellre föredrar bättre sämre ändra ändring flytta byta ersätta skjuta ställa
    avboka justera rätta fel glömt saknas ny nytt nya olika bara endast tidigare senare snart
    genast omedelbart brådskande idag imorgon nästa förra timme timmar minuter varje några flera
    många få hälften dubbelt ungefär cirka nästan pris kostnad avgift betala betalning
    handpenning tar ansvarig ansvar skicka leverera leverans ringa boka beställa underteckna
    förbereda kontrollera bekräfta vem när varför fråga tyvärr dock angående trenger trengs må
    bør kunne vil vennligst forutsatt hvis enten også dessuten ekstra annen annet andre legge
    inkludert unntatt istedenfor heller foretrekker bedre verre endre endring flytte bytte
    erstatte utsette avlyse justere rette feil glemt mangler nye forskjellig bare kun tidligere
    senere nå haster imorgen neste forrige timer minutter dato hver noen flere mange halvparten
    dobbelt omtrent nesten gebyr betale depositum ansvarlig levere ringe booke bestille signere
    forberede sjekke bekrefte hvem når hvorfor hvordan spørsmål dessverre imidlertid behøver
    venligst beder antager forudsat medmindre indtil desuden mere anden andet tilføje undtagen
    stedet hellere foretrækker værre ændre ændring udskyde aflyse fejl nyt forskellig blot næste
    nogle halvdelen omkring næsten omkostning tager underskrive tjekke bekræfte hvornår
    spørgsmål desværre dog after annual annuale annually annuel anual après avant before between
    binnen biweekly codziennie dagelijks daglig dagligen daily depuis desde diario diário efter
    entro etter fortnightly före før giornaliero hebdomadaire hourly innan innen innerhalb inom
    jaarlijks jährlich maandelijks meno menos mensal mensile mensual mensuel miesięcznie moins
    monatlich monthly månadsvis månedlig nach po prior przed quarterly quotidien rocznie seit
    semanal settimanale since sinds tygodniowo täglich ukentlig veckovis vor weekly wekelijks
    within wöchentlich yearly årlig årligen grandma grandpa granny grandmother grandfather
    grandparents nan nana mother father mum mom dad sister brother aunt uncle cousin nephew
    niece wife husband partner spouse neighbour neighbor neighbours neighbors friend friends
    colleague colleagues boss nanny babysitter driver assistant oma opa großmutter großvater
    großeltern mutter vater mama papa schwester bruder tante onkel cousine neffe nichte frau
    mann partnerin nachbar nachbarin freund freundin kollege kollegin chef chefin fahrer
    assistentin mamie papi grand-mère grand-père grands-parents mère père maman sœur frère oncle
    neveu nièce femme mari compagnon compagne voisin voisine ami amie collègue patron chauffeur
    abuela abuelo abuelos madre padre mamá papá hermana hermano tía tío primo sobrino sobrina
    esposa esposo mujer marido pareja vecino vecina amigo amiga compañero compañera jefe jefa
    conductor chófer nonna nonno nonni mamma papà sorella fratello zia zio cugino cugina nipote
    moglie marito compagno compagna vicino vicina amico amica collega capo autista avó avô avós
    mãe pai irmã irmão tia tio sobrinho sobrinha mulher companheiro companheira vizinho vizinha
    colega chefe motorista grootouders moeder vader zus broer oom neef nicht vrouw buurman
    buurvrouw vriend vriendin baas babcia dziadek dziadkowie tata siostra brat ciocia wujek
    kuzyn kuzynka żona mąż partnerka sąsiad sąsiadka przyjaciel przyjaciółka kolega koleżanka
    szef kierowca mormor farmor morfar farfar pappa syster bror moster faster morbror farbror
    kusin fru sambo granne vän kollega chaufför bestemor bestefar mor søster fetter kusine kone
    samboer nabo venn venninne sjef sjåfør bedstemor bedstefar fætter mand kæreste ven veninde
    chauffør upgrade upgrades upgraded bonus freebie extras voucher vouchers rebate waiver
    loan earliest soonest frühestens frühestmöglich week upfront up-front beforehand yours rates
    dabei while whilst während pendant mientras mentre terwijl enquanto podczas
    tarvitsen tarvitsemme tarvitaan tarvitsee täytyy pitäisi pitäisikö haluan haluaisin
    haluaisimme haluamme voisin voisimme voisitte voimme voin saanko saisinko pyydän
    pyytäisin lähetän lähetä maksaa maksu hinta hinnan lasku laskun kustannus kustannukset
    budjetti sopimus allekirjoitan tilaan varaan hoidan hoitaa vastaa vastuussa vaimo
    vaimoni mieheni kollega pomo ystävä äiti isä lazım gerek gerekiyor gerekli ihtiyacım
    ihtiyacımız istiyorum isterim isteriz istiyoruz lütfen rica gönder göndereceğim gönderin
    ödeme fiyat ücret fatura maliyet bütçe imza sözleşme rezervasyon eşim kocam karım
    arkadaşım meslektaşım patronum annem babam trebuie trebui vreau vrem aș ați putea putem
    pot poți puteți rog trimit trimiteți plată preț factură buget contract semnez rezerv
    soția soțul colegul șeful necessito necessitem cal caldria puc podem podríeu voldria
    voldríem vull volem plau sisplau envio enviar pagament preu factura pressupost contracte
    signar reservar dona marit potřebuji potřebujeme musím musíme musí měl měli bych bychom
    chci chceme chtěl chtěla mohu můžu můžeme mohli mohl mohla prosím pošlu poslat platba
    cena faktura náklady rozpočet smlouva podepíšu rezervace manželka manžel kolegyně šéf
    máma táta kell kellene szükséges szeretnék szeretnénk szeretném akarok akarunk tudnánk
    tudna lehetne kérem kérnék kérjük küldöm küldje fizetés ár díj számla költség
    költségvetés szerződés aláírom foglalás feleségem férjem kollégám főnököm anyám apám
    χρειάζομαι χρειαζόμαστε πρέπει θέλω θέλουμε ήθελα θα μπορώ μπορούμε μπορείτε μπορούσατε
    παρακαλώ στείλω στείλετε πληρωμή τιμή κόστος τιμολόγιο προϋπολογισμός σύμβαση υπογράψω
    κράτηση σύζυγος συνάδελφος προϊστάμενος μητέρα πατέρας нужно надо нужен нужна необходимо
    должен должны должна хочу хотим хотел хотела хотелось могу можем можете могли бы прошу
    пожалуйста пришлю отправлю оплата цена стоимость счёт счет бюджет договор подпишу бронь
    жена муж коллега начальник мама папа будет будем буду потрібно треба потрібен потрібна
    необхідно мушу мусимо повинен повинні хотів хотіла хотілося можемо надішлю відправлю
    ціна вартість рахунок договір підпишу бронювання дружина чоловік керівник тато будемо
    viikko viikon viikolla viikossa viikoksi kuukausi kuukauden kuussa päivä päivänä
    päivämäärä aikaraja määräaika tunti tunnin nyt heti pian hafta haftada haftaya haftalık
    ay ayda aylık gün günü günde tarih tarihi saat süre şimdi hemen yakında săptămână
    săptămâna săptămâni lună luna zi ziua data termen termenul oră acum imediat curând
    setmana dia termini hora ara aviat týden týdně týdnu měsíc měsíčně datum termín hodina
    teď hned brzy hét héten hetente hónap havonta nap napon dátum határidő óra most azonnal
    hamarosan εβδομάδα εβδομάδας μήνα μήνας ημέρα μέρα ημερομηνία προθεσμία ώρα τώρα αμέσως
    σύντομα неделя неделю неделе месяц месяца день дня дата срок час сейчас сразу скоро
    тиждень тижня тижні місяць місяця термін година зараз одразу
    receive receives erhalte erhältst erhält erhaltet erhalten bekomme
    bekommst bekommt bekommen reçois reçoit recevons recevez reçoivent recevoir recibo
    recibes recibe recibimos recibís reciben recibir recibido ricevo ricevi riceve riceviamo
    ricevete ricevono ricevere ricevuto recebo recebes recebe recebemos recebem receber
    recebido ontvang ontvangt ontvangen krijg krijgt krijgen otrzymuję otrzymasz otrzyma
    otrzymamy dostaję dostajesz dostanę dostaniesz erhåller modtager
    """
)
# Words that set which or how much of a value is meant ("the first instalment", "net",
# "incl."): beside one of the summary's values they may change it; in small talk that names
# none they do not ("looking forward to the first screens").
# Words that name the whole of what was agreed, or all of it: an agreement said of them is
# no agreement with a part ("I confirm the arrangement as set out", "todos los términos").
# Not the singular "acuerdo", "accord", "accordo", "acordo": "de acuerdo" is the agreement.
WHOLE = wordset(
    "all everything every whole entire arrangement arrangements agreement agreements terms "
    "conditions points details plan deal summary "
    "alle alles gesamte ganze vereinbarung vereinbarungen absprachen bedingungen punkte "
    "tout tous toute toutes ensemble accords termes conditions points modalités "
    "todo todos toda todas acuerdos términos condiciones puntos "
    "tutto tutti tutte accordi termini condizioni punti "
    "tudo todos todas acordos termos condições pontos "
    "alle alles afspraken afspraak voorwaarden punten "
    "wszystko wszystkie całość ustalenia warunki punkty"
)
SCOPE = wordset(
    "first previous following net gross incl excl higher lower pair couple together combined "
    "altogether zusammen ensemble juntos juntas insieme samen razem "
    # the tax basis of an amount ("9 600 zł brutto" for "netto")
    "netto brutto neto bruto lordo nett ht ttc warm kalt warmmiete kaltmiete "
    # an alternative to the value ("50/50 or by mileage")
    "or oder ou oppure lub albo eller"
)
# How or when an amount is paid ("€240 in cash", "by card", "in instalments", "in advance"),
# or that it goes twice ("both ways", "the same again"): after one of the summary's values, a
# term of its own.
PAYMENT = wordset(
    """
    cash card cards credit debit instalment instalments installment installments advance
    account cheque check paypal venmo transfer transfers bar barzahlung karte raten vorkasse
    überweisung espèces carte chèque virement avance échéances efectivo tarjeta plazos
    adelantado transferencia contanti carta rate anticipo bonifico dinheiro cartão prestações
    adiantado transferência contant pinnen termijnen vooruit overschrijving gotówka gotówką
    karta kartą raty przelew przelewem góry both beide beiden ambos ambas entrambi entrambe
    oba obie again same nochmal nochmals erneut dasselbe gleiche encore même otra vez mismo
    misma nuovo stesso stessa opnieuw zelfde hetzelfde znowu ponownie
    """
)
# Two words that oblige where neither does alone ("we have to move it").
WATCH_PAIRS = frozenset(
    (
        ("have", "to"),
        ("has", "to"),
        ("had", "to"),
        ("got", "to"),
        ("hay", "que"),
        ("tengo", "que"),
        ("tenemos", "que"),
        ("tenho", "que"),
        ("temos", "que"),
        ("tem", "que"),
        ("happy", "to"),  # an offer: "happy to drive them"
        ("glad", "to"),
        ("willing", "to"),
        ("ready", "to"),
        ("able", "to"),
        ("con", "gusto"),
        ("com", "prazer"),
        # who a thing falls to, or what it comes with ("glad the scaffolding's down to you",
        # "Schön, dass die Entsorgung bei dir liegt"): a term said as small talk
        ("down", "to"),
        ("your", "side"),
        ("our", "side"),
        ("my", "side"),
        ("on", "you"),
        ("on", "us"),
        ("comes", "with"),
        ("come", "with"),
        ("bei", "dir"),
        ("bei", "ihnen"),
        ("bei", "euch"),
        ("bei", "uns"),
        ("bei", "mir"),
        ("tu", "cuenta"),
        ("su", "cuenta"),
        ("vuestra", "cuenta"),
        ("nuestra", "cuenta"),
        ("bij", "jou"),
        ("bij", "jullie"),
        ("bij", "ons"),
        ("bij", "mij"),
        ("ta", "charge"),
        ("votre", "charge"),
        ("notre", "charge"),
        ("tuo", "carico"),
        ("vostro", "carico"),
        ("nostro", "carico"),
    )
)
# Words that promise or plan what comes next ("we'll", "I expect", "wird", "vamos"): beside an
# agreement, small talk in the future may set a term ("We'll bring the kids"); a restatement
# of the summary's own value may ("We'll deliver on 30 June") — see ``mail.reading``.
PROMISE = wordset(
    """
    will ll shall going gonna plan plans planning planned intend intends expect expecting
    promise promised wird werden werde wirst erwarte verspreche va vais allons vont allez ferai
    ferons fera sera seront attends promets voy vamos haré haremos hará será serán prometo andrà
    farò faremo farà sarà saranno aspetto prometto vou vai vão farei faremos fará serão zal
    zullen ga gaan verwacht beloof będzie będą będę będziemy oczekuję obiecuję ska kommer
    förväntar lovar skal forventer lover
    """
)


# Words of feeling, wishes, praise, thanks and farewell, and the usual topics of small talk
# (in forms ``PLEASANT`` and ``THANKS`` may not hold): how small talk shows itself ("Hope the
# kids enjoyed the trip", "Die Kinder freuen sich", "thx for writing it up"). Words not
# understood are let pass beside an agreement only in a clause with one of these or with a
# pleasantry; without one, a clause we cannot read may as well be an arrangement ("My wife
# drives them there").
FEELING = wordset(
    """
    hope hoping hoped enjoy enjoyed enjoying enjoys love loved loving loves like liked excited
    exciting thrilled delighted pleased glad happy proud fun lovely wonderful amazing fantastic
    brilliant awesome beautiful nice great cool excellent grateful thankful appreciate
    appreciated luck lucky welcome miss missed smile laugh relieved impressed congrats
    congratulations cheers wish wishes wishing sorry pity shame sad sadly touched fingers
    crossed exhausted tired busy crazy hectic sunny weather holiday holidays vacation trip
    birthday hoffe hoffen hoffentlich freue freuen freut gefreut froh glücklich schön schöne
    schönen toll tolle super prima klasse großartig wunderbar herrlich spaß genießen genossen
    liebe lieben geliebt begeistert stolz dankbar glück gratuliere glückwunsch glückwünsche
    schade leider müde urlaub ferien wetter geburtstag espère espérons j'espère heureux heureuse
    heureuses ravi ravie ravis ravies content contente contents contentes plaisir adore adoré
    aimé aime génial géniale magnifique merveilleux superbe formidable fier fière reconnaissant
    chance félicitations bravo dommage fatigué vacances météo anniversaire espero esperamos
    ojalá feliz felices contento contenta contentos contentas encantado encantada encantados
    encantadas encanta encantó gusta gustó genial precioso preciosa maravilloso maravillosa
    estupendo estupenda orgulloso agradecido agradecida suerte felicidades enhorabuena pena
    cansado vacaciones tiempo cumpleaños spero speriamo felice felici contenti entusiasta
    entusiasti piace piaciuto bellissimo bellissima splendido splendida fantastico fantastica
    meraviglioso orgoglioso grato grata fortuna auguri complimenti peccato stanco vacanze
    compleanno felizes adorei adoraram adoro gostei gostaram ótimo ótima lindo linda maravilhoso
    maravilhosa incrível orgulhoso sorte parabéns férias aniversário hoop hopen hopelijk blij
    blije leuk leuke fijn fijne genoten genieten geweldig prachtig mooi trots dankbaar succes
    gefeliciteerd jammer moe vakantie verjaardag nadzieję cieszę cieszymy zadowolony zadowolona
    szczęśliwy świetnie wspaniale pięknie dumny wdzięczny powodzenia gratulacje szkoda zmęczony
    wakacje urodziny hoppas glada kul roligt trevligt underbart härligt fantastiskt stolt
    tacksam lycka grattis synd trött semester födelsedag håper glade gøy hyggelig flott
    fantastisk herlig takknemlig lykke gratulerer sliten ferie bursdag håber sjovt dejligt
    hyggeligt herligt taknemmelig held tillykke ærgerligt træt fødselsdag wonderfully adored
    delight delightful gladly joy enjoyable memorable blast safe travels bless pleasure pleasant
    kind kindly sweet charming splendid superb terrific fab fabulous stunning gorgeous cute
    happier excitement ecstatic overjoyed relaxing relaxed rest recover recovery feel better
    freuten freude schöner schönsten wunderschön spitze begeisterte glücklicher erholsam
    erholung besserung lieb nett netten herzlich herzlichen enchanté enchantée enchantés adorée
    adorés joie agréable sympa chouette géniaux merveilleuse fiers fières reposez repos
    rétablissement encantaron disfrutado disfrutaron disfruten disfrutes disfruta disfrutad
    alegra alegro alegramos alegría ilusión ilusionados ilusionado ilusionada emocionado
    emocionados emocionada bonito bonita preciosos fantástico fantástica maravillosos orgullosos
    descansa descansad piaciuta piaciuti felicissimo felicissima contentissimo entusiaste
    divertiti divertito divertita divertente gioia piacere bellissimi stupendo stupenda
    meravigliosa orgogliosi riposati adorou gostou amei amaram amou alegria prazer divertiram
    divertido divertida maravilhosos incríveis orgulhosos descanse genoot heerlijk heerlijke
    geniet fantastisch geweldige prachtige plezier gezellig gezellige enthousiast mooie
    zachwycony zachwycona zachwycone zachwyceni zadowoleni zadowolone szczęśliwi szczęśliwa
    cieszą cieszy fajnie fajny fajna fajne świetny świetna wspaniały wspaniała radość
    przyjemność odpoczynku jättekul jättebra rolig roliga gladde älskade älskar gillade gillar
    tyckte trivdes njöt njut njuta härlig härliga underbar underbara fin fint fina trevlig
    vilsam morsomt kos koselig koste elsket elsker likte nøt nyt nydelig fantastiske herlige
    flotte fine hyggelige sjov sjove elskede nød nyd dejlig dejlige skønt skøn flot helpful
    useful productive constructive valuable insightful dank wünsche wünschen angenehm angenehme
    angenehmen erholsames erholsamen konstruktiv konstruktives konstruktive produktiv hilfreich
    heldere helder prettig prettige forward looking thx thanks thank thankyou danke merci
    gracias grazie obrigado obrigada dzięki dziękuję tack takk tak regards greetings grüße gruß
    salutations saludos saluti cumprimentos groeten pozdrawiam pozdrowienia hälsningar hilsen
    hilsner hâte ganas good gut bon bonne bueno buena buono buona bom boa goed goede dobry dobra
    dobre bra god godt cooperation collaboration
    """
)


# How a wish opens ("Good luck with …", "Enjoy …", "Bon courage pour …"): what follows is the
# other person's own plans, which a wish cannot change. In such a clause a place or a name
# ("Enjoy Lisbon"), a word of the summary ("Good luck with the move") and words for when
# ("next week", ``WISH_TIMES``) are let pass; numbers, dates, days, risks and every other
# watched word are read as anywhere else.
WISHES = """
good luck
wish
wishing
wishing you
i wish you
we wish you
życzę
życzymy
wünsche euch
wünsche dir
wünsche ihnen
ich wünsche euch
je vous souhaite
je te souhaite
te deseo
os deseo
ti auguro
vi auguro
ik wens je
ik wens jullie
best of luck
enjoy
have a great
have a good
have a nice
have a lovely
have fun
safe travels
safe trip
bon courage
bonne chance
profite
profitez
bon voyage
bonnes vacances
mucha suerte
suerte
disfruta
disfrutad
disfrutes
que disfrutes
buen viaje
boa sorte
aproveita
aproveite
boa viagem
in bocca al lupo
buona fortuna
goditi
buon viaggio
buone vacanze
viel erfolg
viel glück
viel spaß
ich wünsche dir
ich wünsch dir
ich wünsche ihnen
wir wünschen
genieß
genieße
gute reise
veel succes
veel plezier
geniet
goede reis
powodzenia
miłego
udanego
lycka till
ha det så kul
held og lykke
lykke til
god tur
"""
WISH_TIMES = wordset(
    """
    next last this week weeks weekend month year today tonight tomorrow new semana finde
    fin próxima próximo settimana prossima prossimo semaine prochaine prochain woche
    wochenende nächste nächsten neue neuen volgende nieuwe tydzień przyszły nästa vecka helg
    neste uke næste uge nouveau nouvelle nouvel nuevo nueva nuovo nuova novo nova
    """
)


# How a reply names the summary's own mail by its date ("your email of 8 March", "Ihrer E-Mail
# vom 18. Mai", "votre courriel du 29 mars"): the date that follows is the mail's, not a term.
# Only the second person: "my email of 3 March" may be other terms altogether. Then the other
# ways a formal reply names the summary, its contents as a whole, or the letter itself
# ("the arrangements set out therein", "die in Ihrer E-Mail zusammengefassten Vereinbarungen",
# "tels que récapitulés", "por medio de la presente"): neutral, and a date follows only the
# first kind (``lexicon.references``: those ending on "of", "vom", "du" …).
REFERENCES = """
your email of
your email dated
your e-mail of
your e-mail dated
your mail of
your message of
your letter of
ihrer e-mail vom
ihrer mail vom
ihrer nachricht vom
deiner e-mail vom
deiner mail vom
deiner nachricht vom
votre courriel du
votre e-mail du
votre mail du
votre message du
ton mail du
ton message du
su correo del
su correo electrónico del
su e-mail del
su mensaje del
tu correo del
tu mensaje del
sua e-mail del
la sua e-mail del
sua mail del
la sua mail del
il suo messaggio del
seu e-mail de
seu email de
sua mensagem de
uw e-mail van
uw mail van
uw bericht van
je e-mail van
je mail van
in your email of
in your email dated
su correo de
su correo electrónico de
su mensaje de
en su correo de
en su correo del
nella sua e-mail del
nella sua mail del
no seu e-mail de
no seu email de
na sua mensagem de
in uw e-mail van
in uw mail van
the arrangements
arrangements
the arrangements set out
set out therein
set out in your email
as set out in your email
as set out in your message
as summarised in your email
as summarized in your email
as summarised
as summarized
die vereinbarungen
vereinbarungen
zusammengefassten
zusammengefassten vereinbarungen
genannten vereinbarungen
l'ensemble des termes
les termes
termes
tels que récapitulés
tel que récapitulé
récapitulés
récapitulées
los términos
todos los términos
términos
recogidos
recogidos en su correo
por medio de la presente
por medio del presente
por la presente
par la présente
i termini
termini
riepilogati
riassunti
os termos
termos
resumidos
de afspraken
afspraken
samengevat
zoals samengevat
"""


# Words about the writing of the reply itself: who typed it, in which language, through
# which translator or device ("My daughter typed this for me", "Sorry for replying in
# English", "mein Schwager schreibt für mich", "mi hija me lo ha escrito", "On behalf of
# Brewline Coffee Co."). WRITING are the words that show a clause is about that (writing verbs
# in the forms that report, not the imperative or infinitive that would ask: "write to my
# husband"; languages, not "Dutch", which also splits a bill; translators; whose name the
# reply is written in);
# ABOUT_WRITING the other words such a clause may hold: who helped, the device, an apology
# for the language, and the function words around them. A clause whose words not understood
# are all of these says nothing about the agreement (``mail.reading``).
WRITING = wordset(
    """
    typed typing types wrote written writing writes replying answering responding translated
    translating translator translation dictated dictating english german french spanish
    italian portuguese polish swedish norwegian danish finnish turkish romanian catalan
    czech hungarian greek russian ukrainian chinese japanese mandarin
    geschrieben schreibt schreibe schreibend tippt getippt übersetzt übersetzung übersetzer
    übersetzerin diktiert englisch deutsch französisch spanisch italienisch portugiesisch
    niederländisch holländisch polnisch schwedisch norwegisch dänisch finnisch türkisch
    rumänisch tschechisch ungarisch griechisch russisch ukrainisch chinesisch japanisch
    écrit écrite écrits écrivant tapé tapée traduit traduite traduction traducteur traductrice
    dicté anglais allemand français espagnol italien portugais néerlandais polonais suédois
    norvégien danois finnois turc roumain tchèque hongrois grec russe ukrainien chinois japonais
    escrito escrita escribo escribiendo escribió tecleado traducido traducida traductor
    traductora traducción dictado inglés alemán francés español italiano portugués holandés
    neerlandés polaco sueco noruego danés finlandés turco rumano checo húngaro griego ruso
    ucraniano chino japonés
    scritto scritta scrivo scrivendo digitato tradotto tradotta traduttore traduttrice
    traduzione dettato inglese tedesco francese spagnolo portoghese olandese polacco svedese
    norvegese danese finlandese rumeno ceco ungherese cinese giapponese
    escrevo escrevendo escreveu tradutor tradutora traduzido traduzida tradução ditado inglês
    alemão francês espanhol português polonês sueco norueguês dinamarquês finlandês romeno
    tcheco húngaro grego russo ucraniano chinês japonês
    geschreven getypt typt vertaald vertaling vertaler vertaalster gedicteerd engels duits
    frans spaans italiaans portugees nederlands pools zweeds noors deens fins turks roemeens
    tsjechisch hongaars grieks russisch oekraïens chinees japans
    behalf namen nom nombre nome namens imieniu vegne
    napisał napisała napisali napisane piszę przetłumaczył przetłumaczyła przetłumaczone
    tłumacz tłumaczka angielsku angielski polsku niemiecku francusku hiszpańsku włosku
    skrivit skrev skrevet översatt översättning översättare oversat oversatt oversætter
    oversetter engelska svenska tyska danska norska engelsk dansk norsk svensk tysk danske
    norske svenske
    """
)
ABOUT_WRITING = wordset(
    """
    me mir mich moi mi lo le la ha hat has have had by from for per pour por para voor dla
    för til the this it it's is was were in auf en em im na z via with mit avec con com met
    through over shoulder reading up down all desde aus depuis vanuit från fra
    mr mrs ms miss dr herr frau m mme monsieur madame sr sra señor señora sig signor signora
    dhr mevrouw pan pani
    partner wife husband daughter son mother father mum mom dad law brother sister cousin
    niece nephew grandson granddaughter friend colleague colleagues assistant secretary crew
    team office neighbour neighbor technician member members daughter's son's wife's
    husband's partner's
    sohn tochter frau mann mutter vater schwager schwägerin schwester bruder kollege kollegin
    freund freundin nachbar nachbarin assistent assistentin sekretärin
    fils fille femme mari mère père frère sœur collègue ami amie voisin voisine assistante
    secrétaire
    hijo hija esposa marido madre padre hermano hermana cuñado cuñada compañero compañera
    colega técnico amigo amiga vecino vecina
    figlio figlia moglie marito fratello sorella cognato cognata collega amico amica vicino
    vicina
    filho filha mãe pai irmão irmã cunhado cunhada amigo amiga vizinho vizinha
    zoon dochter vrouw man moeder vader broer zus zwager vriend vriendin buurman buurvrouw
    syn córka żona mąż mama tata brat siostra szwagier kolega koleżanka ekipy ekipa
    son dotter fru mamma pappa bror syster kollega kollegaen datter sønn søn kone mand mann
    phone mobile laptop computer tablet keyboard autocorrect app translate telefon handy
    tastatur téléphone portable clavier ordinateur teléfono móvil portátil teclado telefono
    cellulare tastiera telemóvel telemovel celular computador telefoon toetsenbord
    sorry apologies apologise apologize excuse mistakes errors typos any spelling grammar
    entschuldigung entschuldige fehler désolé désolée excusez fautes perdón disculpa disculpe
    disculpas errores scusa scusate scusi errori desculpa desculpe erros excuses fouten
    przepraszam błędy ursäkta undskyld beklager
    """
)
# Replying, which every summary asks for in its footer ("reply to this email"): a word of the
# summary that says nothing about what the deal is about.
REPLYING = wordset("replying answering responding antworte réponds respondo contesto rispondo")
# Helping, the one deed of someone else's such a clause may tell, only with a language and
# the writer as the one helped ("my mother-in-law helped me with the Greek", "hat mir beim
# Türkisch geholfen"): "my husband helps the crew" is a new arrangement.
HELPED = wordset(
    """
    help helped helping helps geholfen hilft aidé aidée ayudado ayudó ayudada aiutato aiutata
    ajudou ajudado ajudada geholpen hielp pomógł pomogła hjälpte hjalp hjulpet hjälpt
    """
)
HELPED_ONE = wordset("me mir mich moi m'a mi me mij mnie mig meg")
LANGUAGES = wordset(
    """
    english german french spanish italian portuguese polish swedish norwegian danish
    finnish turkish romanian catalan czech hungarian greek russian ukrainian chinese japanese
    englisch deutsch französisch spanisch italienisch portugiesisch niederländisch polnisch
    schwedisch norwegisch dänisch türkisch griechisch russisch chinesisch japanisch anglais
    allemand français espagnol italien portugais néerlandais polonais grec turc russe chinois
    japonais inglés alemán francés español italiano portugués holandés polaco griego turco
    ruso chino japonés inglese tedesco francese spagnolo portoghese olandese polacco greco
    cinese giapponese inglês alemão francês espanhol português grego engels duits frans spaans
    italiaans portugees nederlands pools grieks turks angielski angielsku niemiecku polsku
    engelska svenska tyska engelsk dansk norsk svensk tysk
    """
)
