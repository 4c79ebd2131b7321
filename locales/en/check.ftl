## src/scenario/load.rs: reading and parsing a scenario file

start-from-annotated-example-in-format-doc = start from the annotated example in { $FORMAT_DOC }
file-may-be-cut-off-check = the file may be cut off: check that every `(`, `[`, `{"{"}` and `"` is closed
put-comma-after-each-field-list = put a comma after each field, list item and map entry
file-is-empty = the file is empty
file-holds-no-scenario-only-comments = the file holds no scenario, only comments
file-ends-before-scenario-is-complete = the file ends before the scenario is complete ({ $en })
id-is-already-used-at-line = `{ $id }` is already used at line { $line }; ids must be unique
this-ends-text-early-quote-inside = this `"` ends the text early; a quote inside a text must be escaped
write-for-quote-inside-text-e = write `\"` for a quote inside a text, e.g. "Hij zei \"nee\"." (or use other quote marks, such as ‘ and ’)
comma-is-missing-after-this-value = a comma is missing after this value
cannot-read-file-err = cannot read the file: { $err }
check-path-and-that-you-may = check the path and that you may read the file
cannot-read-file-it-why = cannot read the file: it { $why }
give-path-of-ordinary-scenario-file = give the path of an ordinary scenario file
file-is-not-utf-8-text = the file is not UTF-8 text (invalid byte at offset { $valid })
save-file-as-utf-8-in = save the file as UTF-8 in your editor; is it perhaps not a scenario file?
file-is-too-large-size-en-bytes = the file is too large ({ $size_en } bytes; at most { $MAX_FILE_BYTES })
split-scenario-into-smaller-ones-is = split the scenario into smaller ones; is this really a scenario file?
this-value = this value
backticked-name = `{ $o }`
msg-this-id-is-already-used = { $msg }: this id is already used in this map
give-every-node-and-ending-its = give every node and ending its own id; rename or remove one of the two
x-has-no-field-found = { $en } has no field `{ $found }`
remove-this-field = remove this field
allowed-fields-x = allowed fields: { $value }
x-is-missing-field-field = { $en } is missing the field `{ $field }`
add-field-see-format-doc-for-what = add `{ $field }: ...`; see { $FORMAT_DOC } for what it holds
x-has-field-field-twice = { $en } has the field `{ $field }` twice
keep-one-of-two = keep one of the two
found-is-not-valid-choice-for = `{ $found }` is not a valid choice for { $en }
use-one-of-x = use one of: { $value }
expected-expected-here-found-found = expected `{ $expected }(...)` here, found `{ $found }(...)`
write-expected-instead-of-found = write `{ $expected }(` instead of `{ $found }(`
expected-expected-found-found = expected { $expected }, found { $found }
check-type-of-this-value-in = check the type of this value in { $FORMAT_DOC }
expected-expected-found-found-elements = expected { $expected }, found { $found } elements
check-this-value-in-format-doc = check this value in { $FORMAT_DOC }
ron-message = { $msg }
check-this-value-against-format-doc = check this value against { $FORMAT_DOC }
this-number-is-too-large-or = this number is too large or too small for its field
moods-chances-and-thresholds-run-from = moods, chances and thresholds run from 0 to 100; mood shifts from -128 to 127
brackets-are-nested-more-than-max-depth = brackets are nested more than { $MAX_DEPTH } levels deep
scenario-never-needs-this-much-nesting = a scenario never needs this much nesting; flatten the conditions or check for a runaway bracket
invalid-utf-8-e = invalid UTF-8: { $e }
save-file-as-utf-8 = save the file as UTF-8
file-ends-in-middle-of-value = the file ends in the middle of a value
comment-is-never-closed = a `/*` comment is never closed
close-comment-with = close the comment with `*/`
comment-runs-to-end-of-file = a `//` comment runs to the end of the file without a newline
end-file-with-newline = end the file with a newline
there-is-more-text-after-end = there is more text after the end of the scenario
file-holds-one-scenario-remove-what = a file holds one `Scenario(...)`; remove what follows its closing `)`
expected-comma = expected a comma
expected-colon = expected a colon
write-name-value-fields-or-id = write `name: value` (fields) or `"id": Node(...)` (map entries)
text-is-not-closed = a text is not closed
end-text-with-write-for-quote = end the text with `"`; write `\"` for a quote inside a text
expected-text-in-double-quotes = expected a text in double quotes
write-texts-and-ids-as = write texts and ids as "..."
expected-whole-number = expected a whole number
write-number-such-as-30-without = write a number such as 30, without quotes
expected-some-or-none = expected `Some(...)` or `None`
wrap-optional-value-as-some-or = wrap an optional value as `Some(...)`, or write `None`
expected-true-or-false = expected `true` or `false`
write-true-or-false-without-quotes = write true or false, without quotes
ron-syntax-error = { $other }
compare-this-spot-with-example-in = compare this spot with the example in { $FORMAT_DOC }

## src/scenario/check.rs: the checks of a loaded scenario

moods-run-from-0-to-100 = moods run from 0 to 100
write-it-trainee-and-debrief-need = write it; the trainee and the debrief need it
use-one-of-list = use one of: { $list }
format-x-is-not-supported-this = format { $format } is not supported; this version reads format { $SCENARIO_FORMAT }
write-format-scenario-format-or-update-klachtwijs = write `format: { $SCENARIO_FORMAT }` (or update Klachtwijs)
scenario-id-x-may-only-hold = scenario id "{ $id }" may only hold a-z, 0-9 and '-'
use-lowercase-letters-digits-and-dashes = use lowercase letters, digits and dashes, e.g. "paspoort-pinnen"
difficulty-x-is-outside-1-5 = difficulty { $difficulty } is outside 1..=5
use-1-gentle-to-5-hard = use 1 (gentle) to 5 (hard)
minutes-must-be-at-least-1 = minutes must be at least 1
estimate-how-long-one-play-through = estimate how long one play-through takes
axis-v-is-above-100 = { $axis } { $v } is above 100
field-is-empty = `{ $field }` is empty
write-it-trainees-read-it-before = write it; trainees read it before they start
rubric-has-no-model-x = the rubric has no model `{ $id }`
add-model-to-rubric-or-pick = add the model to the rubric, or pick a model it has
id-is-not-attention-point-of = "{ $id }" is not an attention point of the model `{ $id_2 }`
points-of-x-x = points of `{ $id }`: { $point_list }
id-is-not-pitfall = "{ $id }" is not a pitfall
node-id-id-may-only-hold = node id "{ $id }" may only hold letters, digits, '-' and '_'
rename-it-e-g-uitleg-regels = rename it, e.g. "uitleg-regels"
id-is-already-used-at-line-2 = `{ $id }` is already used at line { $line } (a node); ids must be unique, and nodes and endings share one set of ids
rename-node-or-ending = rename the node or the ending
node-id-has-no-line-in = node "{ $id }" has no line in `says`
give-at-least-one-line-two = give at least one line (two or three variants are better)
line-x-of-node-id-is = line { $number } of node "{ $id }" is empty
write-line-or-remove-it = write the line or remove it
flare-chance-x-is-above-100 = flare chance { $chance } is above 100
chance-is-percentage-0-to-100 = a chance is a percentage, 0 to 100
node-id-has-neither-options-nor = node "{ $id }" has neither `options` nor `select`
add-options-choice-or-select-some = add `options: [Choice(...), ...]` or `select: Some(Select(...))`
node-id-has-both-options-and = node "{ $id }" has both `options` and `select`
node-is-either-talk-turn-or = a node is either a talk turn or a multi-select turn; split it in two
node-id-has-x-options-give = node "{ $id }" has { $count } options; give 2 to 9
single-option-is-no-choice-more = a single option is no choice; more than 9 cannot be picked with one key
every-option-of-node-id-falls = every option of node "{ $id }" falls into a pitfall
give-trainee-at-least-one-good = give the trainee at least one good way out
option-x-of-node-id-has = option { $number } of node "{ $id }" has an empty `{ $field }`
select-of-node-id-has-empty = the select of node "{ $id }" has an empty prompt
say-what-to-select-e-g = say what to select, e.g. "Welke onderdelen horen in de brief?"
select-of-node-id-has-x = the select of node "{ $id }" has { $count } items; give 2 to 20
checklist-needs-items-to-choose-from = a checklist needs items to choose from, but not too many to read
every-item-of-select-of-node = every item of the select of node "{ $id }" falls into a pitfall
include-items-that-do-belong = include the items that do belong
item-x-of-node-id-has = item { $number } of node "{ $id }" has an empty `{ $field }`
ending-id-id-may-only-hold = ending id "{ $id }" may only hold letters, digits, '-' and '_'
rename-it-e-g-opgelost = rename it, e.g. "opgelost"
ending-id-has-empty-field = ending "{ $id }" has an empty `{ $field }`
write-it-trainee-reads-it-at = write it; the trainee reads it at the end
ending-id-names-step-step-which = ending "{ $id }" names the step `{ $step }`, which the model does not have
node-id-wrong-fact-is-empty = node "{ $id }": a `wrong_fact` is empty
write-correct-fact-in-one-sentence = write the correct fact in one sentence; the debrief shows it
threshold-n-is-above-100-so = threshold { $n } is above 100, so this condition never changes
x-of-node-id-goes-to = { $en } of node "{ $id }" goes to "{ $to }", which is no node or ending
check-spelling-or-add-node-or = check the spelling, or add a node or ending with this id
option-x = option { $number }
branch-of-option-x = a branch of option { $number }
select = the select
branch-of-select = a branch of the select
flare-of-node-id-goes-to = the flare of node "{ $id }" goes to the ending "{ $to }"
flare-up-leads-to-node-where = a flare-up leads to a node where the trainee can go back to listening
flare-of-node-id-goes-to-2 = the flare of node "{ $id }" goes to "{ $to }", which is no node
check-spelling-or-add-node = check the spelling, or add the node
node-node-tests-flag-flag-but = node "{ $node }" tests the flag "{ $flag }", but no answer sets it
add-sets-flag-to-answer-that = add `sets: ["{ $flag }"]` to the answer that should set it, or fix the spelling
start-x-is-ending-not-node = start "{ $start }" is an ending, not a node
start-at-node-where-complainant-speaks = start at the node where the complainant speaks first
start-x-is-no-node = start "{ $start }" is no node
set-start-to-id-of-first = set `start` to the id of the first node
no-path-reaches-node-id = no path reaches node "{ $id }"
point-next-branch-or-flare-at = point a `next`, branch or flare at it, or remove it
no-path-reaches-ending-id = no path reaches ending "{ $id }"
point-next-or-branch-at-it = point a `next` or branch at it, or remove it
from-node-id-no-ending-can = from node "{ $id }" no ending can be reached
give-one-of-its-paths-way = give one of its paths a way out to an ending; loops are fine if they can end
no-path-earns-step-x = no path earns the step `{ $id }`
let-reachable-option-show-one-of = let a reachable option show one of its points: { $points }
pitfall-pit-is-used-but-no = the pitfall `{ $pit }` is used, but no path reaches an answer with it
make-node-with-it-reachable-or = make the node with it reachable, or remove the pitfall
no-play-earns-every-step-best = no play earns every step; the best play (score { $best_score }) misses { $missing }
add-path-on-which-every-step = add a path on which every step of the model can be shown
no-play-shows-x-core-point = no play shows `{ $id }`, a core point of `{ $id_2 }`: that step can never score more than { $missing_core_cap }
let-reachable-option-show-it-conditions = let a reachable option show it (conditions and flags count)
best-play-score-x-ending-x = the best play (score { $score }, ending "{ $ending }") does not show { $missing } of step `{ $id }`
good-play-should-show-every-core = a good play should show every core point; add them on the best path, or tag them
x-ending-x-what-its-narrative = the { $id } ending "{ $id_2 }" { $what }: its narrative cannot fit all the plays that reach it
route-plays-with-many-pitfalls-or = route plays with many pitfalls (or none) to an ending that fits them, e.g. with a flag or a mood condition
play-can-reach-node-node-in = a play can reach node "{ $node }" in a state (mood, flags) from which no ending can be reached
check-conditions-and-flags-of-branches = check the conditions and flags of the branches out of it, or add an unconditional `next`
path-analysis-is-not-exact-x = the path analysis is not exact: { $en }. The best score is at least { $best_score }, the worst at most { $worst_score }
split-scenario-use-fewer-flags-or = split the scenario, use fewer flags, or fewer items in a select turn
node-x-uses-id-x-which = node "{ $value }" uses the id { $bad }, which holds a control character
ids-are-plain-words-remove-line = ids are plain words: remove the line break or other control character

## src/scenario/check/lint.rs: lints (style, dead ends, flags)

option-x-2 = option { $number }
options = options
select-2 = the select
text-items = items
item-x-of-select-of-node = item { $number } of the select of node "{ $id }" belongs (`belongs: true`) but falls into the pitfall `{ $pit }`
trainee-who-picks-item-that-belongs = a trainee who picks an item that belongs should not lose points: set `belongs: false` or remove the pitfall
x-x-and-x-of-node = { $what_en } { $number } and { $number_2 } of node "{ $id }" have the same text
trainee-sees-same-answer-twice-reword = the trainee sees the same answer twice; reword one or remove it
condition-never-holds = { $part ->
    [alternative] an alternative in the condition of branch { $number } of { $what_en } in node "{ $id }" can never hold: { $why_en }
   *[branch] branch { $number } of { $what_en } in node "{ $id }" can never be taken: { $why_en }
}
condition-never-holds-fix = { $part ->
    [alternative] fix that alternative or remove it from the `Any([...])`
   *[branch] fix the numbers or flags of the condition, or remove the branch
}
empty-text = {""}
en-is-never-below-0 = { $en } is never below 0
en-never-reaches-x-mood-runs = { $en } never reaches { $lo }; the mood runs from 0 to 100
en-would-have-to-be-at = { $en } would have to be at least { $lo } and below { $hi }
flag-f-would-have-to-be = the flag `{ $f }` would have to be both set and not set
any-has-no-alternatives-so-it = `Any([])` has no alternatives, so it never holds

## src/scenario/check/tells.rs: tells (a scenario that gives its answers away)

best-option-is-longest-in-x = the best option is the longest in { $hits } of { $counted } talk turns (by chance about { $p_sum }; p = { $p }): { $nodes }
trainees-can-pick-answer-by-its = trainees can pick the answer by its length; shorten the good options or lengthen the others (in node "{ $node }" option { $number } has { $len } characters, the next longest { $next })
only-good-options-use-x-x = only good options use { $words }{ $more_en }; no other option does
trainees-can-pick-answer-by-its-2 = trainees can pick the answer by its words; use "{ $top }" in a pitfall or neutral option too, or vary the good ones (it appears in { $nodes })
good-q-of-good-good-options-end = { $good_q } of { $good } good options end in a question mark ({ $good_percent }%), but only { $pit_q } of { $pit } pitfall options ({ $pit_percent }%)
trainees-can-pick-answer-by-its-3 = trainees can pick the answer by its `?`; let some pitfall options ask (a closed or leading question) and some good options end without one

## src/scenario/check/facilitator.rs: the facilitator's notes and norms

session-plan-takes-0-minutes = the session plan takes 0 minutes
give-minutes-of-whole-session-play = give the minutes of the whole session, play and discussion together
group-size-small-large-is-not = group size ({ $small }, { $large }) is not a range of at least 1
write-smallest-and-largest-group-e = write the smallest and the largest group, e.g. `group: (6, 16)`
session-plan-s-field-is-empty = the session plan's `{ $field }` is empty
write-what-facilitator-says-in-two = write what the facilitator says, in two or three sentences
question-x = question { $number }
question-x-has-empty-question-or = question { $number } has an empty question or nothing to listen for
write-question-and-at-least-one = write the question and at least one thing to listen for
contested-choice-x = contested choice { $number }
contested-choice-x-does-not-say = contested choice { $number } does not say why
say-where-trainers-disagree-and-why = say where trainers disagree, and why
link-x = link { $number }
link-x-names-norm-norm-which = link { $number } names the norm "{ $norm }", which is not on the list
use-vuistregel-vr-or-behoorlijkheidsnorm-bn = use a vuistregel (vr_…) or behoorlijkheidsnorm (bn_…) id from docs/scenario-format.md
link-x-names-no-norm-or = link { $number } names no norm or has an empty note
name-at-least-one-norm-and = name at least one norm and say in one line how the choice shows it
x-of-facilitator-layer-names-id = { $what_en } of the facilitator layer names "{ $id }", which is no node or ending
check-spelling-against-node-ids = check the spelling against the node ids
option-n-of-node-does-not = option { $n } of "{ $node }" does not exist: it has { $count }
node-is-ending-it-has-no = "{ $node }" is an ending; it has no option { $n }
count-options-from-1-in-file = count the options from 1 in file order; leave `option` out to link an ending or a whole node

## src/scenario/check/suggest.rs: did you mean

did-you-mean = did you mean `{ $id }`? { $hint_en }

## src/scenario/analysis.rs

more-than-64-flags-later-ones = more than 64 flags: the later ones count as never set
select-turn-has-more-than-exhaustive-items = a select turn has more than { $EXHAUSTIVE_ITEMS } items that matter; not every combination was tried
more-than-x-positions-node-mood = more than { $positions } positions (node, mood, flags): the rest was not explored
more-than-x-scoring-states-in = more than { $states } scoring states in one search: best and worst are what was found
rubric-cannot-be-used = the rubric cannot be used

## src/scenario/library.rs

skipped-why = skipped: { $why }
keep-scenarios-as-ordinary-files = keep scenarios as ordinary files
scenario-id-id-is-also-used = scenario id "{ $id }" is also used by { $first }
give-each-scenario-its-own-id = give each scenario its own `id`

## src/cli/check.rs

scenario-id-x-is-also-used = scenario id `{ $id }` is also used by { $first }
give-each-scenario-in-library-its = give each scenario in the library its own id
checked-summary = checked { $files }: { $errors }, { $warnings }{ $notes_en }
