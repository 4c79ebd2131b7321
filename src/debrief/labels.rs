//! The fixed words of the debrief exports, in Dutch and English, read from
//! `locales/{nl,en}/debrief.ftl` (see [`crate::locale`]).

use crate::locale::fluent_strings;
use crate::scenario::model::Language;

fluent_strings! {
    /// Headings and phrases used by the Markdown, HTML and text exports.
    #[derive(Debug)]
    pub struct Labels in "debrief" {
        texts {
            debrief,
            scenario,
            seed,
            score,
            total,
            ending,
            unfinished,
            turn_limit,
            steps,
            step,
            earned_by,
            nothing_earned,
            turn,
            pitfalls,
            no_pitfalls,
            you_said,
            why,
            better,
            best_chosen,
            flares,
            flare_returned,
            flare_missed,
            mood,
            anger,
            /// "A test from node": the session started at a node other than the start.
            test_from,
            room_votes,
            flags,
            trust,
            start,
            transcript,
            complainant_thinks,
            emotion_flares,
            your_answer,
            not_chosen,
            shows,
            falls_into,
            belongs,
            does_not_belong,
            open_question,
            content_hash,
            answers,
            no_pitfalls_yet,
            here,
            arithmetic,
            weight,
            points,
            does_not_apply,
            missing_core,
            weighted_mean,
            wrong_information,
            flare_penalty,
            correct_fact,
            learning_none,
            learning_done,
            already_earned,
            narration,
            /// The flare return's evidence: back to the first step when the emotion flared.
            back_to_listening,
        }
        lists {
            room_columns: [
                room_column_turn,
                room_column_first_vote,
                room_column_second_vote,
                room_column_split,
                room_column_majority,
                room_column_advice,
            ],
        }
    }
}

/// The labels for a language code (`nl` or `en`); anything else gets Dutch.
pub fn for_code(code: &str) -> &'static Labels {
    if code == "en" { &EN } else { &NL }
}

/// The outcome of an ending in words (`resolved` → "opgelost"); unknown ids stay as they
/// are. The words are the scenario map's (`locales/LANG/map.ftl`).
pub fn outcome<'a>(code: &str, outcome: &'a str) -> &'a str {
    let lang = if code == "en" {
        Language::En
    } else {
        Language::Nl
    };
    let names = crate::scenario::map::words(lang).outcomes;
    crate::scenario::map::svg::OUTCOMES
        .iter()
        .zip(names)
        .find(|(o, _)| o.id() == outcome)
        .map_or(outcome, |(_, name)| name)
}
