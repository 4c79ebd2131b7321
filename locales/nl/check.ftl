## src/scenario/load.rs: reading and parsing a scenario file

start-from-annotated-example-in-format-doc = begin met het voorbeeld met uitleg in { $FORMAT_DOC }
file-may-be-cut-off-check = misschien is het bestand afgebroken: controleer of elke `(`, `[`, `{"{"}` en `"` gesloten is
put-comma-after-each-field-list = zet een komma na elk veld, elk item in een lijst en elk paar in een map
file-is-empty = het bestand is leeg
file-holds-no-scenario-only-comments = het bestand bevat geen scenario, alleen commentaar
file-ends-before-scenario-is-complete = het bestand houdt op voordat het scenario compleet is ({ $nl })
id-is-already-used-at-line = `{ $id }` wordt al gebruikt op regel { $line }; elk id mag maar één keer voorkomen
this-ends-text-early-quote-inside = deze `"` beëindigt de tekst te vroeg; zet een \ voor een aanhalingsteken binnen een tekst
write-for-quote-inside-text-e = schrijf `\"` voor een aanhalingsteken binnen een tekst, bijvoorbeeld "Hij zei \"nee\"." (of gebruik andere aanhalingstekens, zoals ‘ en ’)
comma-is-missing-after-this-value = na deze waarde ontbreekt een komma
cannot-read-file-err = het bestand kan niet worden gelezen: { $err }
check-path-and-that-you-may = controleer het pad, en of u het bestand mag lezen
cannot-read-file-it-why = het bestand kan niet worden gelezen: het { $why_nl }
give-path-of-ordinary-scenario-file = geef het pad van een gewoon scenariobestand
file-is-not-utf-8-text = het bestand is geen UTF-8-tekst (ongeldige byte op positie { $valid })
save-file-as-utf-8-in = sla het bestand in uw editor op als UTF-8; is het misschien geen scenariobestand?
file-is-too-large-size-en-bytes = het bestand is te groot ({ $size_nl } bytes; hoogstens { $MAX_FILE_BYTES })
split-scenario-into-smaller-ones-is = splits het scenario in kleinere; is dit wel een scenariobestand?
this-value = deze waarde
backticked-name = `{ $o }`
msg-this-id-is-already-used = { $msg }: dit id wordt al gebruikt in deze map
give-every-node-and-ending-its = geef elke knoop en elk einde een eigen id; geef een van de twee een andere naam of haal er een weg
x-has-no-field-found = { $nl } heeft geen veld `{ $found }`
remove-this-field = haal dit veld weg
allowed-fields-x = toegestane velden: { $value }
x-is-missing-field-field = bij { $nl } ontbreekt het veld `{ $field }`
add-field-see-format-doc-for-what = voeg `{ $field }: ...` toe; in { $FORMAT_DOC } staat wat erin hoort
x-has-field-field-twice = { $nl } heeft het veld `{ $field }` twee keer
keep-one-of-two = houd er één van de twee over
found-is-not-valid-choice-for = `{ $found }` is geen geldige keuze voor { $nl }
use-one-of-x = gebruik een van deze: { $value }
expected-expected-here-found-found = hier hoort `{ $expected }(...)`, maar er staat `{ $found }(...)`
write-expected-instead-of-found = schrijf `{ $expected }(` in plaats van `{ $found }(`
expected-expected-found-found = verkeerd soort waarde (volgens ron: expected { $expected }, found { $found })
check-type-of-this-value-in = zoek in { $FORMAT_DOC } op wat voor waarde hier hoort
expected-expected-found-found-elements = verkeerd aantal waarden: { $found } (volgens ron: expected { $expected })
check-this-value-in-format-doc = vergelijk deze waarde met { $FORMAT_DOC }
ron-message = deze waarde klopt niet (volgens ron: { $msg })
check-this-value-against-format-doc = vergelijk deze waarde met { $FORMAT_DOC }
this-number-is-too-large-or = dit getal is te groot of te klein voor dit veld
moods-chances-and-thresholds-run-from = stemming, kansen en drempels lopen van 0 tot 100; veranderingen van de stemming van -128 tot 127
brackets-are-nested-more-than-max-depth = haakjes zijn meer dan { $MAX_DEPTH } niveaus diep genest
scenario-never-needs-this-much-nesting = een scenario heeft nooit zoveel niveaus nodig; maak de voorwaarden minder diep, of zoek een haakje dat niet gesloten wordt
invalid-utf-8-e = ongeldige UTF-8: { $e }
save-file-as-utf-8 = sla het bestand op als UTF-8
file-ends-in-middle-of-value = het bestand houdt midden in een waarde op
comment-is-never-closed = een commentaar met `/*` wordt nergens gesloten
close-comment-with = sluit het commentaar met `*/`
comment-runs-to-end-of-file = een commentaar met `//` loopt door tot het eind van het bestand, zonder nieuwe regel
end-file-with-newline = eindig het bestand met een nieuwe regel
there-is-more-text-after-end = na het eind van het scenario staat nog meer tekst
file-holds-one-scenario-remove-what = een bestand bevat één `Scenario(...)`; haal weg wat na de laatste `)` staat
expected-comma = hier hoort een komma
expected-colon = hier hoort een dubbele punt
write-name-value-fields-or-id = schrijf `naam: waarde` (velden) of `"id": Node(...)` (paren in een map)
text-is-not-closed = een tekst wordt niet gesloten
end-text-with-write-for-quote = sluit de tekst met `"`; schrijf `\"` voor een aanhalingsteken binnen een tekst
expected-text-in-double-quotes = hier hoort een tekst tussen dubbele aanhalingstekens
write-texts-and-ids-as = schrijf teksten en ids als "..."
expected-whole-number = hier hoort een heel getal
write-number-such-as-30-without = schrijf een getal zoals 30, zonder aanhalingstekens
expected-some-or-none = hier hoort `Some(...)` of `None`
wrap-optional-value-as-some-or = zet een waarde die niet verplicht is in `Some(...)`, of schrijf `None`
expected-true-or-false = hier hoort `true` of `false`
write-true-or-false-without-quotes = schrijf true of false, zonder aanhalingstekens
ron-syntax-error = fout in de opbouw van het bestand (volgens ron: { $other_2 })
compare-this-spot-with-example-in = vergelijk deze plek met het voorbeeld in { $FORMAT_DOC }

## src/scenario/check.rs: the checks of a loaded scenario

moods-run-from-0-to-100 = de stemming loopt van 0 tot 100
write-it-trainee-and-debrief-need = vul het in; de deelnemer en de nabespreking hebben het nodig
use-one-of-list = gebruik een van deze: { $list }
format-x-is-not-supported-this = format { $format } wordt niet ondersteund; deze versie leest format { $SCENARIO_FORMAT }
write-format-scenario-format-or-update-klachtwijs = schrijf `format: { $SCENARIO_FORMAT }` (of werk Klachtwijs bij)
scenario-id-x-may-only-hold = scenario-id "{ $id }" mag alleen a-z, 0-9 en '-' bevatten
use-lowercase-letters-digits-and-dashes = gebruik kleine letters, cijfers en streepjes, bijvoorbeeld "paspoort-pinnen"
difficulty-x-is-outside-1-5 = moeilijkheid { $difficulty } ligt niet tussen 1 en 5
use-1-gentle-to-5-hard = gebruik 1 (mild) tot en met 5 (zwaar)
minutes-must-be-at-least-1 = `minutes` moet minstens 1 zijn
estimate-how-long-one-play-through = schat hoeveel minuten één keer spelen duurt
axis-v-is-above-100 = { $axis_nl } ({ $axis }) { $v } is hoger dan 100
field-is-empty = `{ $field }` is leeg
write-it-trainees-read-it-before = vul het in; deelnemers lezen het voordat ze beginnen
rubric-has-no-model-x = de rubric heeft geen model `{ $id }`
add-model-to-rubric-or-pick = voeg het model toe aan de rubric, of kies een model dat erin staat
id-is-not-attention-point-of = "{ $id }" is geen aandachtspunt van het model `{ $id_2 }`
points-of-x-x = aandachtspunten van `{ $id }`: { $point_list }
id-is-not-pitfall = "{ $id }" is geen valkuil
node-id-id-may-only-hold = knoop-id "{ $id }" mag alleen letters, cijfers, '-' en '_' bevatten
rename-it-e-g-uitleg-regels = geef een andere naam, bijvoorbeeld "uitleg-regels"
id-is-already-used-at-line-2 = `{ $id }` wordt al gebruikt op regel { $line } (een knoop); elk id mag maar één keer voorkomen, ook tussen knopen en eindes
rename-node-or-ending = geef de knoop of het einde een andere naam
node-id-has-no-line-in = knoop "{ $id }" heeft geen zin in `says`
give-at-least-one-line-two = geef minstens één zin (twee of drie varianten zijn beter)
line-x-of-node-id-is = zin { $number } van knoop "{ $id }" is leeg
write-line-or-remove-it = schrijf de zin of haal hem weg
flare-chance-x-is-above-100 = de kans op opvlammen ({ $chance }) is hoger dan 100
chance-is-percentage-0-to-100 = een kans is een percentage, van 0 tot 100
node-id-has-neither-options-nor = knoop "{ $id }" heeft geen `options` en geen `select`
add-options-choice-or-select-some = voeg `options: [Choice(...), ...]` of `select: Some(Select(...))` toe
node-id-has-both-options-and = knoop "{ $id }" heeft zowel `options` als `select`
node-is-either-talk-turn-or = een knoop is een gespreksbeurt of een beurt met meerdere keuzes; maak er twee knopen van
node-id-has-x-options-give = knoop "{ $id }" heeft { $count } opties; geef er 2 tot en met 9
single-option-is-no-choice-more = met één optie valt er niets te kiezen; meer dan 9 kan niet met één toets
every-option-of-node-id-falls = elke optie van knoop "{ $id }" is een valkuil
give-trainee-at-least-one-good = geef de deelnemer minstens één goede uitweg
option-x-of-node-id-has = optie { $number } van knoop "{ $id }" heeft een lege `{ $field }`
select-of-node-id-has-empty = de `select` van knoop "{ $id }" heeft een lege `prompt`
say-what-to-select-e-g = zeg wat de deelnemer moet kiezen, bijvoorbeeld "Welke onderdelen horen in de brief?"
select-of-node-id-has-x = de `select` van knoop "{ $id }" heeft { $count } items; geef er 2 tot en met 20
checklist-needs-items-to-choose-from = een keuzelijst heeft items nodig om uit te kiezen, maar niet te veel om te lezen
every-item-of-select-of-node = elk item van de `select` van knoop "{ $id }" is een valkuil
include-items-that-do-belong = neem ook de items op die er wel bij horen
item-x-of-node-id-has = item { $number } van knoop "{ $id }" heeft een lege `{ $field }`
ending-id-id-may-only-hold = einde-id "{ $id }" mag alleen letters, cijfers, '-' en '_' bevatten
rename-it-e-g-opgelost = geef een andere naam, bijvoorbeeld "opgelost"
ending-id-has-empty-field = einde "{ $id }" heeft een lege `{ $field }`
write-it-trainee-reads-it-at = vul het in; de deelnemer leest het aan het eind
ending-id-names-step-step-which = einde "{ $id }" noemt de stap `{ $step }`, maar die heeft het model niet
node-id-wrong-fact-is-empty = knoop "{ $id }": een `wrong_fact` is leeg
write-correct-fact-in-one-sentence = schrijf het juiste feit in één zin; de nabespreking laat het zien
threshold-n-is-above-100-so = drempel { $n } is hoger dan 100, dus deze voorwaarde verandert nooit
x-of-node-id-goes-to = { $nl } van knoop "{ $id }" gaat naar "{ $to }", maar dat is geen knoop of einde
check-spelling-or-add-node-or = controleer de spelling, of voeg een knoop of einde met dit id toe
option-x = optie { $number }
branch-of-option-x = een vertakking van optie { $number }
select = de `select`
branch-of-select = een vertakking van de `select`
flare-of-node-id-goes-to = de opvlamming (`flare`) van knoop "{ $id }" gaat naar het einde "{ $to }"
flare-up-leads-to-node-where = een opvlamming leidt naar een knoop waar de deelnemer weer kan gaan luisteren
flare-of-node-id-goes-to-2 = de opvlamming (`flare`) van knoop "{ $id }" gaat naar "{ $to }", maar dat is geen knoop
check-spelling-or-add-node = controleer de spelling, of voeg de knoop toe
node-node-tests-flag-flag-but = knoop "{ $node }" kijkt naar de vlag "{ $flag }", maar geen antwoord zet die vlag
add-sets-flag-to-answer-that = zet `sets: ["{ $flag }"]` bij het antwoord dat de vlag moet zetten, of verbeter de spelling
start-x-is-ending-not-node = start "{ $start }" is een einde, geen knoop
start-at-node-where-complainant-speaks = begin bij de knoop waar de klager als eerste spreekt
start-x-is-no-node = start "{ $start }" is geen knoop
set-start-to-id-of-first = zet bij `start` het id van de eerste knoop
no-path-reaches-node-id = geen enkel pad komt bij knoop "{ $id }"
point-next-branch-or-flare-at = laat een `next`, vertakking of opvlamming ernaar wijzen, of haal de knoop weg
no-path-reaches-ending-id = geen enkel pad komt bij einde "{ $id }"
point-next-or-branch-at-it = laat een `next` of vertakking ernaar wijzen, of haal het einde weg
from-node-id-no-ending-can = vanuit knoop "{ $id }" is geen enkel einde te bereiken
give-one-of-its-paths-way = geef een van de paden een uitweg naar een einde; een lus mag, als hij kan eindigen
no-path-earns-step-x = geen enkel pad haalt de stap `{ $id }`
let-reachable-option-show-one-of = laat een bereikbare optie een van de aandachtspunten tonen: { $points }
pitfall-pit-is-used-but-no = de valkuil `{ $pit }` wordt gebruikt, maar geen enkel pad komt bij een antwoord met deze valkuil
make-node-with-it-reachable-or = maak de knoop met de valkuil bereikbaar, of haal de valkuil weg
no-play-earns-every-step-best = geen enkel gesprek haalt elke stap; het beste gesprek (score { $best_score }) mist { $missing }
add-path-on-which-every-step = maak een pad waarop elke stap van het model te laten zien is
no-play-shows-x-core-point = geen enkel gesprek toont `{ $id }`, een kernpunt van `{ $id_2 }`: die stap scoort daardoor nooit meer dan { $missing_core_cap }
let-reachable-option-show-it-conditions = laat een bereikbare optie het tonen (voorwaarden en vlaggen tellen mee)
best-play-score-x-ending-x = het beste gesprek (score { $score }, einde "{ $ending }") toont { $missing } van stap `{ $id }` niet
good-play-should-show-every-core = een goed gesprek toont elk kernpunt; zet ze op het beste pad, of zet ze bij `shows` van antwoorden die ze al tonen
x-ending-x-what-its-narrative = het einde "{ $id_2 }" ({ $id }) is te bereiken met een score van { $score }: het verhaal ervan past niet bij alle gesprekken die er uitkomen
route-plays-with-many-pitfalls-or = stuur gesprekken met veel valkuilen (of geen) naar een einde dat erbij past, bijvoorbeeld met een vlag of een voorwaarde op de stemming
play-can-reach-node-node-in = een gesprek kan knoop "{ $node }" bereiken in een toestand (stemming, vlaggen) van waaruit geen enkel einde te bereiken is
check-conditions-and-flags-of-branches = controleer de voorwaarden en vlaggen van de vertakkingen vanuit deze knoop, of voeg een `next` zonder voorwaarde toe
path-analysis-is-not-exact-x = de padanalyse is niet exact: { $nl }. De beste score is minstens { $best_score }, de slechtste hoogstens { $worst_score }
split-scenario-use-fewer-flags-or = splits het scenario, of gebruik minder vlaggen of minder items in een `select`
node-x-uses-id-x-which = knoop "{ $value }" gebruikt het id { $bad }, met een stuurteken erin
ids-are-plain-words-remove-line = een id is een gewoon woord: haal de regelovergang of het andere stuurteken weg

## src/scenario/check/lint.rs: lints (style, dead ends, flags)

option-x-2 = optie { $number }
options = opties
select-2 = de `select`
text-items = items
item-x-of-select-of-node = item { $number } van de `select` van knoop "{ $id }" hoort erbij (`belongs: true`), maar is ook de valkuil `{ $pit }`
trainee-who-picks-item-that-belongs = wie een item kiest dat erbij hoort, hoort geen punten te verliezen: zet `belongs: false` of haal de valkuil weg
x-x-and-x-of-node = { $what_nl } { $number } en { $number_2 } van knoop "{ $id }" hebben dezelfde tekst
trainee-sees-same-answer-twice-reword = de deelnemer ziet twee keer hetzelfde antwoord; schrijf er een anders of haal er een weg
condition-never-holds = { $part ->
    [alternative] een alternatief in de voorwaarde van vertakking { $number } van { $what_nl } in knoop "{ $id }" klopt nooit: { $why_nl }
   *[branch] vertakking { $number } van { $what_nl } in knoop "{ $id }" wordt nooit gekozen: { $why_nl }
}
condition-never-holds-fix = { $part ->
    [alternative] verbeter dat alternatief of haal het uit de `Any([...])`
   *[branch] verbeter de getallen of vlaggen van de voorwaarde, of haal de vertakking weg
}
empty-text = {""}
en-is-never-below-0 = { $nl } is nooit lager dan 0
en-never-reaches-x-mood-runs = { $nl } komt nooit op { $lo }; de stemming loopt van 0 tot 100
en-would-have-to-be-at = { $nl } zou minstens { $lo } en lager dan { $hi } moeten zijn
flag-f-would-have-to-be = de vlag `{ $f }` zou tegelijk gezet en niet gezet moeten zijn
any-has-no-alternatives-so-it = `Any([])` heeft geen alternatieven, dus hij klopt nooit

## src/scenario/check/tells.rs: tells (a scenario that gives its answers away)

best-option-is-longest-in-x = de beste optie is de langste in { $hits } van de { $counted } gespreksbeurten (bij toeval ongeveer { $p_sum }; p = { $p }): { $nodes }
trainees-can-pick-answer-by-its = deelnemers kunnen het antwoord kiezen op lengte; maak de goede opties korter of de andere langer (in knoop "{ $node }" heeft optie { $number } { $len } tekens, de op één na langste { $next })
only-good-options-use-x-x = alleen goede opties gebruiken { $words_nl }{ $more_nl }; geen andere optie doet dat
trainees-can-pick-answer-by-its-2 = deelnemers kunnen het antwoord kiezen op de woorden; gebruik "{ $top }" ook in een valkuil of een neutrale optie, of wissel de goede opties af (het staat in { $nodes })
good-q-of-good-good-options-end = { $good_q } van de { $good } goede opties eindigen op een vraagteken ({ $good_percent }%), maar slechts { $pit_q } van de { $pit } opties met een valkuil ({ $pit_percent }%)
trainees-can-pick-answer-by-its-3 = deelnemers kunnen het antwoord kiezen op het `?`; laat ook opties met een valkuil iets vragen (een gesloten of sturende vraag) en laat goede opties soms zonder vraagteken eindigen

## src/scenario/check/facilitator.rs: the facilitator's notes and norms

session-plan-takes-0-minutes = het sessieplan duurt 0 minuten
give-minutes-of-whole-session-play = geef de minuten van de hele sessie, spelen en bespreken samen
group-size-small-large-is-not = groepsgrootte ({ $small }, { $large }) is geen bereik dat bij 1 of hoger begint
write-smallest-and-largest-group-e = schrijf de kleinste en de grootste groep, bijvoorbeeld `group: (6, 16)`
session-plan-s-field-is-empty = `{ $field }` van het sessieplan is leeg
write-what-facilitator-says-in-two = schrijf in twee of drie zinnen wat de begeleider zegt
question-x = vraag { $number }
question-x-has-empty-question-or = vraag { $number } heeft een lege vraag of niets om naar te luisteren
write-question-and-at-least-one = schrijf de vraag en minstens één ding om naar te luisteren
contested-choice-x = omstreden keuze { $number }
contested-choice-x-does-not-say = omstreden keuze { $number } zegt niet waarom
say-where-trainers-disagree-and-why = zeg waarover trainers het oneens zijn, en waarom
link-x = koppeling { $number }
link-x-names-norm-norm-which = koppeling { $number } noemt de norm "{ $norm }", maar die staat niet op de lijst
use-vuistregel-vr-or-behoorlijkheidsnorm-bn = gebruik een id van een vuistregel (vr_…) of behoorlijkheidsnorm (bn_…) uit docs/scenario-format.md
link-x-names-no-norm-or = koppeling { $number } noemt geen norm of heeft een lege `note`
name-at-least-one-norm-and = noem minstens één norm en zeg in één zin hoe de keuze die laat zien
x-of-facilitator-layer-names-id = { $what_nl } van de begeleiderslaag noemt "{ $id }", maar dat is geen knoop of einde
check-spelling-against-node-ids = vergelijk de spelling met de ids van de knopen
option-n-of-node-does-not = optie { $n } van "{ $node }" bestaat niet: de knoop heeft er { $count }
node-is-ending-it-has-no = "{ $node }" is een einde; dat heeft geen optie { $n }
count-options-from-1-in-file = tel de opties vanaf 1 in de volgorde van het bestand; laat `option` weg om een einde of een hele knoop te koppelen

## src/scenario/check/suggest.rs: did you mean

did-you-mean = bedoelt u `{ $id }`? { $hint_nl }

## src/scenario/analysis.rs

more-than-64-flags-later-ones = meer dan 64 vlaggen: de latere tellen als nooit gezet
select-turn-has-more-than-exhaustive-items = een `select` heeft meer dan { $EXHAUSTIVE_ITEMS } items die ertoe doen; niet elke combinatie is geprobeerd
more-than-x-positions-node-mood = meer dan { $positions } posities (knoop, stemming, vlaggen): de rest is niet onderzocht
more-than-x-scoring-states-in = meer dan { $states } scoretoestanden in één zoektocht: beste en slechtste zijn wat gevonden is
rubric-cannot-be-used = de rubric is niet te gebruiken

## src/scenario/library.rs

skipped-why = overgeslagen: { $why_nl }
keep-scenarios-as-ordinary-files = bewaar scenario's als gewone bestanden
scenario-id-id-is-also-used = scenario-id "{ $id }" wordt ook gebruikt door { $first }
give-each-scenario-its-own-id = geef elk scenario een eigen `id`

## src/cli/check.rs

scenario-id-x-is-also-used = scenario-id `{ $id }` wordt ook gebruikt door { $first }
give-each-scenario-in-library-its = geef elk scenario in de bibliotheek een eigen id
checked-summary = { $files_nl } gecontroleerd: { $errors_nl }, { $warnings_nl }{ $notes_nl }
