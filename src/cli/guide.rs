//! `klachtwijs guide SCENARIO [--format html|md] [--lang nl|en] [--out FILE]`: the
//! facilitator guide of [`crate::kit::guide`].

use super::handout::PageArgs;
use super::library::Context;
use super::play::write_text;
use super::{ExitResult, Failure};
use crate::kit::guide;

#[derive(Debug, clap::Args)]
pub struct GuideArgs {
    /// A scenario file or a scenario id from the library.
    pub scenario: String,
    #[command(flatten)]
    pub page: PageArgs,
}

pub fn run(ctx: &Context, args: &GuideArgs) -> ExitResult {
    let rubric = ctx.rubric()?;
    let loaded = ctx.scenario(&args.scenario)?;
    let lang = args.page.lang.unwrap_or(loaded.scenario.language);
    let page = guide::page(&loaded.scenario, &rubric, lang).map_err(Failure::input)?;
    let inputs: Vec<&std::path::Path> = loaded.path.as_deref().into_iter().collect();
    write_text(
        &args.page.format.render(&page),
        args.page.out.as_deref(),
        &inputs,
    )?;
    Ok(0)
}
