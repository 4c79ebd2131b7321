//! The command line (`klachtwijs check|play|explore|replay|report`), a thin shell over the
//! engine. Contract: DESIGN.md. Exit codes: 0 fine, 1 the input has errors, 2 usage or I/O.

mod check;
mod colour;
mod explore;
mod guide;
mod handout;
mod library;
mod map;
mod play;
mod records_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::scenario::model::Language;
use clap::{Parser, Subcommand, ValueEnum};

/// A complaint-conversation trainer for Dutch public organisations.
#[derive(Debug, Parser)]
#[command(
    name = "klachtwijs",
    version,
    about,
    long_about = None,
    after_help = "Without a command, klachtwijs opens the desktop app.\n\
                  Exit codes: 0 fine, 1 the scenario or input has errors, 2 usage or I/O problem."
)]
pub struct Cli {
    /// An extra folder of scenarios (repeatable); searched recursively for `*.ron`.
    #[arg(long = "scenarios", value_name = "DIR", global = true)]
    pub scenarios: Vec<PathBuf>,
    /// Use this rubric instead of the bundled one.
    #[arg(long, value_name = "FILE", global = true)]
    pub rubric: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate scenario files or folders (default: the bundled library).
    Check(CheckArgs),
    /// Play a scenario in the terminal and print the debrief.
    Play(PlayArgs),
    /// Seeded random play-throughs: node, step, pitfall and ending coverage.
    Explore(ExploreArgs),
    /// Draw the scenario map (rows from the start to the endings) as SVG or JSON.
    Map(MapArgs),
    /// Write a small complete scenario to start from, every field explained.
    New(NewArgs),
    /// Rebuild the debrief of a saved session record.
    Replay(ReplayArgs),
    /// Class overview across many session records.
    Report(ReportArgs),
    /// Print a one-page handout for participants (HTML for print, or Markdown).
    Handout(handout::HandoutArgs),
    /// Print the facilitator guide of a scenario: plan, conversation, questions, answer key.
    Guide(guide::GuideArgs),
    /// Save screenshots of the app's screens (needs the app feature).
    #[cfg(feature = "app")]
    Screenshots {
        /// Folder to write the PNG files to.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

/// Output format of `check`, `explore` and `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

/// Output format of a debrief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DebriefFormat {
    Text,
    Json,
    Md,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Scenario files or folders; default: the bundled library.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Add path analysis per scenario (best and worst score, reachable steps …).
    #[arg(long)]
    pub stats: bool,
    /// Language of the messages, hints and summary line. English by default, as other
    /// tools parse it; the line format, the severity words and the JSON field names are
    /// the same in both.
    #[arg(long, value_enum, default_value_t = Language::En)]
    pub lang: Language,
}

#[derive(Debug, clap::Args)]
pub struct PlayArgs {
    /// A scenario file or a scenario id from the library.
    pub scenario: String,
    /// Seed for line variants, option order and chance events.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The answers as displayed, e.g. `2,1,1+3` (`+` joins items of a multi-select turn).
    #[arg(long, value_name = "LIST", conflicts_with = "random")]
    pub choices: Option<String>,
    /// Pick every answer at random (seeded).
    #[arg(long, conflicts_with = "path")]
    pub random: bool,
    /// Play the best or the worst way through (exact, from the path analysis), for this
    /// seed's option order and flare-ups.
    #[arg(long, value_enum, conflicts_with = "choices")]
    pub path: Option<PathArg>,
    #[command(flatten)]
    pub debrief: DebriefOutput,
    /// Do not save a session record.
    #[arg(long)]
    pub no_record: bool,
}

/// Which extreme `play --path` follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PathArg {
    Best,
    Worst,
}

#[derive(Debug, clap::Args)]
pub struct ExploreArgs {
    /// A scenario file or a scenario id from the library.
    pub scenario: String,
    /// Number of play-throughs.
    #[arg(long, default_value_t = 1000)]
    pub runs: u32,
    /// First seed; run `i` uses seed + i.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, clap::Args)]
pub struct MapArgs {
    /// A scenario file or a scenario id from the library.
    pub scenario: String,
    /// Write the map to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// SVG (a standalone drawing) or JSON (the view model the app draws).
    #[arg(long, value_enum, default_value_t = MapFormat::Svg)]
    pub format: MapFormat,
    /// Which play of the exact analysis to highlight (`none` skips the analysis).
    #[arg(long, value_enum, default_value_t = MapPathArg::Best)]
    pub path: MapPathArg,
    /// Language of the legend and step names (default: the scenario's language).
    #[arg(long, value_enum)]
    pub lang: Option<Language>,
    /// Print the layout time to standard error.
    #[arg(long)]
    pub timing: bool,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The new scenario's id (a-z, 0-9 and -).
    pub id: String,
    /// The conversation model that scores it.
    #[arg(long, value_enum, default_value_t = ModelArg::Klachtengesprek)]
    pub model: ModelArg,
    /// The language of its texts and comments.
    #[arg(long, value_enum, default_value_t = Language::Nl)]
    pub lang: Language,
    /// Write it to this file (never over an existing one) instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// The model of `new`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelArg {
    Klachtengesprek,
    Begrenzen,
}

/// Output format of `map`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MapFormat {
    Svg,
    Json,
}

/// Which witness play `map` highlights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MapPathArg {
    Best,
    Worst,
    Both,
    None,
}

/// Where a debrief goes and how it is written: `play` and `replay` share these options.
#[derive(Debug, clap::Args)]
pub struct DebriefOutput {
    /// Format of the debrief: plain text, JSON (`klachtwijs.debrief/2`), Markdown or a
    /// printable HTML page.
    #[arg(long, value_enum, default_value_t = DebriefFormat::Text)]
    pub format: DebriefFormat,
    /// Write the debrief to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Language of the debrief's rubric texts (default: the scenario's language).
    #[arg(long, value_enum)]
    pub lang: Option<Language>,
}

#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// A session record (`*.json`).
    pub record: PathBuf,
    #[command(flatten)]
    pub debrief: DebriefOutput,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Session records or folders of them.
    #[arg(value_name = "RECORD_OR_FOLDER", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// A failure that ends a command: a message for the user and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    /// Usage or I/O problem: exit code 2.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
        }
    }

    /// The input itself has errors: exit code 1.
    pub fn input(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
}

/// The result of a command: the exit code on success (check may "succeed" with 1).
pub type ExitResult = Result<u8, Failure>;

/// Writes to standard output, with control characters from data escaped
/// ([`crate::text::block`]). A write error (a full disk, `> /dev/full`) is a failure with
/// exit code 2; a closed pipe (`| head`) too, without a message, as the reader is gone.
pub fn say(text: &str) -> Result<(), Failure> {
    say_sanitised(&crate::text::block(text))
}

/// As [`say`] for text whose parts from files are sanitised already, and which may hold
/// our own colour escapes (`check`'s findings).
pub fn say_sanitised(text: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
    written.map_err(|err| Failure {
        code: 2,
        message: if err.kind() == std::io::ErrorKind::BrokenPipe {
            String::new()
        } else {
            format!("cannot write to standard output: {err}")
        },
    })
}

/// Writes a line to standard error (control characters escaped), ignoring errors.
pub fn warn(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{}", crate::text::block(text));
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version exit 0; usage errors exit 2 (clap's own convention).
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    run(cli)
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    let Some(command) = cli.command else {
        return no_subcommand(cli.scenarios, cli.rubric);
    };
    let ctx = library::Context {
        extra_dirs: cli.scenarios,
        rubric_path: cli.rubric,
    };
    let result = match command {
        Command::Check(args) => check::run(&ctx, &args),
        Command::Play(args) => play::run(&ctx, &args),
        Command::Explore(args) => explore::run(&ctx, &args),
        Command::Map(args) => map::run(&ctx, &args),
        Command::New(args) => new(&args),
        Command::Replay(args) => records_cmd::replay(&ctx, &args),
        Command::Report(args) => records_cmd::report(&ctx, &args),
        Command::Handout(args) => handout::run(&ctx, &args),
        Command::Guide(args) => guide::run(&ctx, &args),
        #[cfg(feature = "app")]
        Command::Screenshots { out } => {
            return crate::app::screenshots(
                &out,
                crate::app::AppConfig {
                    extra_scenario_dirs: ctx.extra_dirs,
                    rubric_path: ctx.rubric_path,
                },
            );
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            if !failure.message.is_empty() {
                warn(&format!("klachtwijs: {}", failure.message));
            }
            ExitCode::from(failure.code)
        }
    }
}

/// `klachtwijs new`: the template ([`crate::scenario::template`]).
fn new(args: &NewArgs) -> ExitResult {
    use crate::scenario::model::ModelId;
    let valid = !args.id.is_empty()
        && args
            .id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid {
        return Err(Failure::usage(format!(
            "`{}` is not a scenario id: use a-z, 0-9 and -",
            crate::text::line(&args.id)
        )));
    }
    let model = match args.model {
        ModelArg::Klachtengesprek => ModelId::Klachtengesprek,
        ModelArg::Begrenzen => ModelId::Begrenzen,
    };
    let lang = args.lang;
    let text = crate::scenario::template::template(&args.id, model, lang);
    if let Some(out) = &args.out
        && std::fs::symlink_metadata(out).is_ok()
    {
        return Err(Failure::usage(format!(
            "--out {}: already exists; choose a new file",
            crate::text::line(&out.display().to_string())
        )));
    }
    play::write_text(&text, args.out.as_deref(), &[])?;
    Ok(0)
}

#[cfg(feature = "app")]
fn no_subcommand(extra_scenario_dirs: Vec<PathBuf>, rubric_path: Option<PathBuf>) -> ExitCode {
    crate::app::run(crate::app::AppConfig {
        extra_scenario_dirs,
        rubric_path,
    })
}

#[cfg(not(feature = "app"))]
fn no_subcommand(_extra: Vec<PathBuf>, _rubric: Option<PathBuf>) -> ExitCode {
    warn(
        "klachtwijs: this build has no desktop app (built without the `app` feature).\n\
         Use a subcommand: check, play, explore, replay or report. See `klachtwijs --help`.",
    );
    ExitCode::from(2)
}
