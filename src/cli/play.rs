//! `klachtwijs play`: interactive in a terminal (or over piped stdin), or driven by
//! `--choices` / `--random`; prints the debrief and saves a session record.

use std::fs;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use super::library::{Context, Loaded};
use super::{DebriefFormat, DebriefOutput, ExitResult, Failure, PlayArgs, say, warn};
use crate::debrief::{self, Debrief};
use crate::engine::{Answer, PromptKind, Session};
use crate::locale::fluent_strings;
use crate::records::{self, Autosave, Mode, replay};
use crate::scenario::model::Language;

pub use crate::engine::random::{answer_rng, random_answer};

/// Writes the debrief in the asked format to `--out` or standard output. `--out` is
/// written atomically (a temporary file, then a rename) and may not name one of `inputs`
/// (the scenario played, the record replayed): those are refused, never truncated.
pub fn emit(debrief: &Debrief, output: &DebriefOutput, inputs: &[&Path]) -> Result<(), Failure> {
    let text = match output.format {
        DebriefFormat::Text => debrief::export::text(debrief),
        DebriefFormat::Json => debrief::export::json(debrief),
        DebriefFormat::Md => debrief::export::markdown(debrief),
        DebriefFormat::Html => debrief::export::html(debrief),
    };
    write_text(&text, output.out.as_deref(), inputs)
}

/// Writes `text` to `out` (atomically; refusing a folder or one of `inputs`) or to
/// standard output.
pub fn write_text(text: &str, out: Option<&Path>, inputs: &[&Path]) -> Result<(), Failure> {
    match out {
        Some(path) => {
            let shown = crate::text::line(&path.display().to_string()).into_owned();
            if let Some(input) = inputs.iter().find(|input| same_file(path, input)) {
                return Err(Failure::usage(format!(
                    "--out {shown}: refused: that is the input {}; choose another file",
                    crate::text::line(&input.display().to_string())
                )));
            }
            if path.is_dir() {
                return Err(Failure::usage(format!("--out {shown}: is a folder")));
            }
            records::atomic::replace(path, crate::text::block(text).as_bytes())
                .map_err(|err| Failure::usage(format!("--out {shown}: cannot write: {err}")))
        }
        None => say(text),
    }
}

/// Whether two paths name the same existing file (same device and inode on Unix).
fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        fs::canonicalize(a).ok() == fs::canonicalize(b).ok()
    }
}

/// Saves the record after every turn; a failing disk is reported once and never stops
/// the conversation.
struct Recorder {
    autosave: Autosave,
    warned: bool,
}

impl Recorder {
    fn new(loaded: &Loaded, seed: u64) -> Option<Recorder> {
        let Some(dir) = records::default_dir() else {
            warn("klachtwijs: note: no data folder found; this session is not saved");
            return None;
        };
        // An absolute path, for the reader's information (replay finds scenarios by id).
        let path = loaded
            .path
            .as_ref()
            .map(|p| fs::canonicalize(p).unwrap_or_else(|_| p.clone()));
        Some(Recorder {
            autosave: Autosave::new(&dir, &loaded.scenario, path, seed, Mode::Practice),
            warned: false,
        })
    }

    fn save(&mut self, session: &Session) {
        if let Err(err) = self.autosave.save(session)
            && !self.warned
        {
            warn(&format!(
                "klachtwijs: note: the session record could not be saved: {err}"
            ));
            self.warned = true;
        }
    }
}

pub fn run(ctx: &Context, args: &PlayArgs) -> ExitResult {
    let rubric = ctx.rubric()?;
    let loaded = ctx.scenario(&args.scenario)?;
    let mut session = Session::start(loaded.scenario.clone(), &rubric, args.seed)
        .map_err(|err| Failure::input(format!("{}: {err}", args.scenario)))?;
    let mut recorder = if args.no_record {
        None
    } else {
        Recorder::new(&loaded, args.seed)
    };
    let lang = args.debrief.lang.unwrap_or(loaded.scenario.language);

    if let Some(list) = &args.choices {
        play_choices(&mut session, list)?;
    } else if let Some(path) = args.path {
        play_path(&mut session, &loaded, &rubric, path, args.seed);
    } else if args.random {
        let mut rng = answer_rng(args.seed);
        while let Some(prompt) = session.prompt() {
            let answer = random_answer(&prompt, &mut rng);
            // A random answer is always in range; a refusal would only end the loop.
            if session.answer(answer).is_err() {
                break;
            }
        }
    } else {
        // The conversation goes to stdout unless stdout carries a machine format.
        let to_stdout = args.debrief.format == DebriefFormat::Text || args.debrief.out.is_some();
        let out: Box<dyn Write> = if to_stdout {
            Box::new(io::stdout())
        } else {
            Box::new(io::stderr())
        };
        interactive(
            &mut session,
            lang,
            io::stdin().lock(),
            out,
            recorder.as_mut(),
        );
    }
    if let Some(recorder) = recorder.as_mut() {
        recorder.save(&session);
    }
    let debrief = debrief::build_in(&session, &rubric, lang);
    let mut inputs: Vec<&Path> = loaded.path.iter().map(PathBuf::as_path).collect();
    if let Some(saved) = recorder.as_ref().and_then(|r| r.autosave.path()) {
        inputs.push(saved);
    }
    emit(&debrief, &args.debrief, &inputs)?;
    Ok(0)
}

/// Plays `--path best|worst`: the analysis's witness when this seed's flare-ups and option
/// order let the session follow it, else, turn by turn, the answer that keeps the best
/// (worst) still within reach. Says on standard error which answers were given, and
/// which seed follows the witness when this one does not.
fn play_path(
    session: &mut Session,
    loaded: &Loaded,
    rubric: &crate::rubric::model::Rubric,
    path: super::PathArg,
    seed: u64,
) {
    use crate::scenario::analysis::{self, Goal};
    let (goal, name) = match path {
        super::PathArg::Best => (Goal::Best, "best"),
        super::PathArg::Worst => (Goal::Worst, "worst"),
    };
    let stats = rubric
        .model(loaded.scenario.model)
        .map(|model| analysis::analyze(&loaded.scenario, model));
    let witness = stats.as_ref().and_then(|s| match goal {
        Goal::Best => s.best.clone(),
        Goal::Worst => s.worst.clone(),
    });
    let followed = witness
        .as_ref()
        .and_then(|w| crate::engine::follow_path(&loaded.scenario, rubric, &w.path, seed));
    let answers = match followed {
        Some(answers) => {
            for answer in &answers {
                if session.answer(answer.clone()).is_err() {
                    break;
                }
            }
            answers
        }
        None => crate::engine::play_extreme(session, goal),
    };
    let list: Vec<String> = answers.iter().map(ToString::to_string).collect();
    super::warn(&format!(
        "--path {name}: --seed {seed} --choices {}",
        list.join(",")
    ));
    if let Some(w) = witness.as_ref().filter(|w| session.score() != w.score) {
        let prepared =
            crate::engine::Prepared::new(std::sync::Arc::clone(&loaded.scenario), rubric);
        let other = (prepared.ok())
            .and_then(|p| crate::engine::seed_for_path(&p, &w.path, 1..=1000))
            .map(|(s, a)| {
                let list: Vec<String> = a.iter().map(ToString::to_string).collect();
                format!("; --seed {s} --choices {} follows it", list.join(","))
            })
            .unwrap_or_default();
        super::warn(&format!(
            "with seed {seed} the flare-ups fall differently: this play scores {}, the {name} play scores {}{other}",
            session.score(),
            w.score
        ));
    }
}

/// Applies `--choices`; a choice that does not parse or fit is a usage error (exit 2).
fn play_choices(session: &mut Session, list: &str) -> Result<(), Failure> {
    let pieces: Vec<&str> = if list.trim().is_empty() {
        Vec::new()
    } else {
        list.split(',').collect()
    };
    for (i, piece) in pieces.iter().enumerate() {
        let n = i + 1;
        if session.is_over() {
            return Err(Failure::usage(format!(
                "--choices: choice {n} (`{}`): the conversation already ended after {} choice{}",
                crate::text::line(piece.trim()),
                i,
                if i == 1 { "" } else { "s" }
            )));
        }
        let answer: Answer = replay::parse_for(session, piece).map_err(|message| {
            Failure::usage(format!(
                "--choices: choice {n} (`{}`): {message}",
                crate::text::line(piece.trim())
            ))
        })?;
        let answer = replay::fit_answer(session, answer);
        session.answer(answer).map_err(|err| {
            Failure::usage(format!(
                "--choices: choice {n} (`{}`) does not fit turn {n}: {err}",
                crate::text::line(piece.trim())
            ))
        })?;
    }
    Ok(())
}

fluent_strings! {
    /// Words of the interactive conversation (`locales/LANG/play.ftl`).
    struct Words in "play" {
        texts {
            choose,
            choose_items,
            invalid,
            flared,
            stopped,
            hint,
            no_hint,
            help,
        }
    }
}

fn words(lang: Language) -> &'static Words {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

/// Plays by reading one answer per line; stops at an ending or at end of input.
fn interactive(
    session: &mut Session,
    lang: Language,
    mut input: impl BufRead,
    mut out: impl Write,
    mut recorder: Option<&mut Recorder>,
) {
    let w = words(lang);
    let who = printable(&session.scenario().complainant.name).into_owned();
    let scenario = session.scenario().clone();
    // Output errors (a closed pipe) end the conversation quietly.
    let _ = writeln!(
        out,
        "{}\n\n{}\n{}\n\n({})\n",
        printable(&scenario.title),
        printable(&scenario.briefing),
        printable(&scenario.role),
        w.help
    );
    while let Some(prompt) = session.prompt() {
        if prompt.flared {
            let _ = writeln!(out, "{}", w.flared);
        }
        let _ = writeln!(out, "{who}: \"{}\"\n", printable(prompt.line));
        let (count, ask) = match &prompt.kind {
            PromptKind::Options(options) => {
                for o in options {
                    let _ = writeln!(out, "  {}. {}", o.position, printable(&o.choice.text));
                }
                (options.len(), w.choose)
            }
            PromptKind::Select { prompt, items } => {
                let _ = writeln!(out, "{}", printable(prompt));
                for i in items {
                    let _ = writeln!(out, "  {}. {}", i.position, printable(&i.item.text));
                }
                (items.len(), w.choose_items)
            }
        };
        let answer = loop {
            let _ = write!(out, "{ask} (1-{count}): ");
            let _ = out.flush();
            let mut line = String::new();
            match input.read_line(&mut line) {
                Ok(0) | Err(_) => {
                    let _ = writeln!(out, "\n{}", w.stopped);
                    return;
                }
                Ok(_) => {}
            }
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if line == "?" {
                match prompt.hint {
                    Some(hint) => {
                        let _ = writeln!(out, "{}: {}", w.hint, printable(hint));
                    }
                    None => {
                        let _ = writeln!(out, "{}", w.no_hint);
                    }
                }
                continue;
            }
            match replay::parse_for(session, line) {
                Ok(answer) => break answer,
                Err(message) => {
                    let _ = writeln!(out, "{}: {message}", w.invalid);
                }
            }
        };
        let answer = replay::fit_answer(session, answer);
        match session.answer(answer) {
            Ok(_) => {
                let _ = writeln!(out);
                if let Some(r) = recorder.as_deref_mut() {
                    r.save(session);
                }
            }
            Err(err) => {
                let _ = writeln!(out, "{}: {err}", w.invalid);
            }
        }
    }
    if let Some(id) = session.ending()
        && let Some(ending) = scenario.endings.get(id)
    {
        if let Some(says) = &ending.says {
            let _ = writeln!(out, "{who}: \"{}\"\n", printable(says));
        }
        let _ = writeln!(
            out,
            "{}\n{}\n",
            printable(&ending.title),
            printable(&ending.narrative)
        );
    }
}

/// Scenario text with control characters escaped, so a file cannot steer the terminal.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::block(text)
}
