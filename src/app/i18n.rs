//! Every UI string of the app, read from `locales/nl/app.ftl` and `locales/en/app.ftl`
//! (see [`crate::locale`]). A struct whose fields are the message ids, so call sites read
//! `s.turn` as a field; a message missing in a file fails the tests, never the app.

use crate::locale::fluent_strings;
use crate::scenario::model::{Language, Text};

/// The UI strings and rubric texts in a [`Language`] (the one language type of the
/// product; the app adds what a screen needs of it).
pub trait UiLanguage {
    fn strings(self) -> &'static Strings;
    /// The text of a rubric entry in this language.
    fn pick(self, text: &Text) -> &str;
}

impl UiLanguage for Language {
    fn strings(self) -> &'static Strings {
        match self {
            Language::Nl => &NL,
            Language::En => &EN,
        }
    }

    fn pick(self, text: &Text) -> &str {
        text.get(self)
    }
}

impl Strings {
    /// The word for a finding's severity, as the author screen and the library show it.
    pub fn severity(&self, severity: crate::scenario::diagnostic::Severity) -> &'static str {
        use crate::scenario::diagnostic::Severity;
        let [error, warning, note] = self.severities;
        match severity {
            Severity::Error => error,
            Severity::Warning => warning,
            Severity::Note => note,
        }
    }
}

fluent_strings! {
    /// The UI strings of one language.
    #[derive(Debug)]
    pub struct Strings in "app" {
        texts {
            about_your_answer,
            all_difficulties,
            all_languages,
            all_models,
            anger,
            author,
            author_no_folder,
            author_watching,
            better,
            broken_files,
            class_overview,
            classroom,
            classroom_note,
            coach,
            conversation_over,
            debrief,
            diagnostics,
            difficulty,
            endings,
            exam,
            exam_note,
            export,
            facilitator,
            facilitator_intro,
            hide_scores,
            history,
            language,
            learning_goals,
            library,
            library_intro,
            library_title,
            minutes,
            mode,
            model_begrenzen,
            model_klachtengesprek,
            mood_curve,
            no_own_files,
            no_pitfalls,
            no_pitfalls_yet,
            flare_up,
            flare_up_hint,
            wrong_information,
            correct_fact,
            arithmetic,
            does_not_apply,
            no_records,
            no_scenarios,
            node,
            open,
            open_debrief,
            open_scenario,
            pause,
            paused,
            pitfall,
            pitfall_frequency,
            pitfalls,
            play_again,
            practice,
            practice_note,
            presenter_keys,
            privacy_note,
            pseudonym,
            pseudonym_hint,
            pseudonym_note,
            quit,
            quit_to_library,
            records_folder,
            reload_now,
            reloaded,
            analysing,
            resume,
            resume_prompt,
            reveal_scores,
            rubric_error,
            scenario,
            scores,
            scores_hidden,
            search,
            search_hint,
            select_help,
            sessions,
            settings,
            situation,
            start,
            start_here,
            step_averages,
            step_indicator,
            step_indicator_note,
            submit,
            test_from_here,
            text_size,
            theme,
            timer_reset,
            to_debrief,
            to_library,
            total,
            transcript,
            trust,
            try_again_from,
            turn,
            unfinished,
            average,
            finished_word,
            my_progress,
            reading_records,
            progress_intro,
            progress_skipped,
            no_progress_yet,
            steps_over_time,
            attempt,
            pitfalls_over_time,
            scenarios_word,
            trend_down,
            trend_same,
            trend_up,
            own_view_vs_score,
            no_self_assessment_yet,
            you_rated,
            measured,
            attempts_per_scenario,
            practise_next,
            practise_this,
            why_new,
            you_thought,
            pitfalls_not_named,
            pitfalls_feared,
            own_view_matches,
            own_view_first,
            how_it_went,
            rate_steps,
            which_pitfalls,
            show_my_scores,
            skip,
            say_it_first,
            say_it_first_note,
            own_words_prompt,
            own_words_show,
            own_words_not_scored,
            own_words_check,
            own_words_label,
            next_needs_votes,
            mood_calms,
            mood_angers,
            mood_more_trust,
            mood_less_trust,
            mood_same,
            discussion_question,
            paper_first,
            paper_first_note,
            paper_time_up,
            paper_show_options,
            listen_for,
            phones_on,
            phones_off,
            phones_scan,
            phones_none_yet,
            phones_loopback,
            show_split,
            hide_split,
            split_hidden_note,
            revote,
            revote_needs_votes,
            second_vote,
            next_needs_phone_votes,
            what_if_turn,
            what_if_option,
            what_if_back,
            what_if_play,
            agenda,
            agenda_note,
            agenda_split,
            agenda_majority,
            agenda_advice,
            agenda_moved,
            room_votes,
            page_down_to_library,
            votes_word,
            scenario_map,
            scenario_map_note,
            map_zoom_in,
            map_zoom_out,
            map_fit,
            map_best,
            map_worst,
            map_played,
            map_unreachable,
            map_in_file,
            map_keys,
            close,
            workshop_kit,
            write_handouts,
            handouts_written,
            participants,
            plan_questions,
            plan_before,
            plan_after,
            map_coverage,
            map_runs,
            new_scenario,
            new_scenario_id,
            new_scenario_written,
            start_over,
            resume_or_start_over,
            pause_keys,
            show_hint,
            show_hint_while_typing,
            exported_to,
            open_folder,
            unreadable,
            you_said,
            your_role,
        }
        lists {
            say_it_first_options: [say_it_first_first_play, say_it_first_always, say_it_first_never],
            map_arrows: [map_arrow_answer, map_arrow_mood, map_arrow_flag, map_arrow_flare_up],
            text_sizes: [text_size_normal, text_size_large, text_size_larger, text_size_largest],
            themes: [theme_light, theme_dark, theme_high_contrast],
            /// A finding's severity: error, warning, note.
            severities: [severity_error, severity_warning, severity_note],
        }
        formats {
            /// A number of turns, with the right plural.
            fn turn_count(count: usize);
            /// A number of sessions, with the right plural.
            fn session_count(count: usize);
            /// Why to practise a scenario: a pitfall fallen into `count` times.
            fn why_pitfall(name: &str, count: usize);
            /// Why to practise a scenario: the weakest step, with its mean.
            fn why_weak_step(name: &str, mean: u8);
            /// A number of votes cast, with the right plural.
            fn votes_cast(count: u32);
            /// A number of phones connected, with the right plural.
            fn phones_connected(count: usize);
        }
    }
}
