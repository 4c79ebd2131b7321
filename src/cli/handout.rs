//! `klachtwijs handout NAME [--format html|md] [--lang nl|en] [--out FILE]` and
//! `klachtwijs handout --list`: the printable handouts of [`crate::kit::handout`].

use std::path::PathBuf;

use clap::ValueEnum;

use super::library::Context;
use super::play::write_text;
use super::{ExitResult, Failure, say};
use crate::kit::{handout, page};
use crate::scenario::model::Language;

/// Output format of a handout or a guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PageFormat {
    Html,
    Md,
}

impl PageFormat {
    /// Renders a page in this format.
    pub fn render(self, p: &page::Page) -> String {
        match self {
            PageFormat::Html => page::html(p),
            PageFormat::Md => page::markdown(p),
        }
    }
}

/// The output options that `handout` and `guide` share.
#[derive(Debug, clap::Args)]
pub struct PageArgs {
    /// Output format: a printable HTML page (A4) or Markdown.
    #[arg(long, value_enum, default_value_t = PageFormat::Html)]
    pub format: PageFormat,
    /// Language (default: Dutch for a handout, the scenario's own for a guide).
    #[arg(long, value_enum)]
    pub lang: Option<Language>,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct HandoutArgs {
    /// The handout's name (see `--list`).
    #[arg(value_name = "NAME", required_unless_present = "list")]
    pub name: Option<String>,
    /// List the handouts and exit.
    #[arg(long, conflicts_with_all = ["format", "out"])]
    pub list: bool,
    #[command(flatten)]
    pub page: PageArgs,
}

pub fn run(ctx: &Context, args: &HandoutArgs) -> ExitResult {
    let lang = args.page.lang.unwrap_or(Language::Nl);
    let rubric = ctx.rubric()?;
    if args.list {
        let mut text = String::new();
        for name in handout::names() {
            let title = match handout::load(name, lang) {
                Some(Ok(h)) => h.title,
                _ => String::new(),
            };
            text.push_str(&format!("{name:<18} {title}\n"));
        }
        say(&text)?;
        return Ok(0);
    }
    let name = args.name.as_deref().unwrap_or_default();
    let page = handout::bundled_page(name, lang, &rubric)
        .ok_or_else(|| {
            Failure::usage(format!(
                "no handout {:?}; there are: {}",
                crate::text::line(name),
                handout::names().collect::<Vec<_>>().join(", ")
            ))
        })?
        .map_err(Failure::input)?;
    write_text(
        &args.page.format.render(&page),
        args.page.out.as_deref(),
        &[],
    )?;
    Ok(0)
}
