//! Printable one-page handouts for participants: the werkmodel with its nine pitfalls,
//! zorgvuldig begrenzen, klacht or bezwaar, aggression and the abusive caller, and the
//! ombudsvisie's vuistregels; each in Dutch and English.
//!
//! The content is data (`assets/handouts/{nl,en}/NAME.ron`, embedded in the binary), in
//! the shape of [`Handout`]. Steps and pitfall names are not written in the handout files:
//! a `Steps` section takes them from the rubric, and a `Pitfalls` section names each
//! pitfall by its rubric id, so a handout can never drift from what the debrief scores.

use serde::Deserialize;

use super::page::{Block, Page};
use crate::rubric::model::Rubric;
use crate::scenario::model::{Language, ModelId, Text};

/// The bundled handouts: (name, Dutch file, English file), in the order `--list` shows.
const BUNDLED: [(&str, &str, &str); 5] = [
    (
        "werkmodel",
        include_str!("../../assets/handouts/nl/werkmodel.ron"),
        include_str!("../../assets/handouts/en/werkmodel.ron"),
    ),
    (
        "begrenzen",
        include_str!("../../assets/handouts/nl/begrenzen.ron"),
        include_str!("../../assets/handouts/en/begrenzen.ron"),
    ),
    (
        "klacht-of-bezwaar",
        include_str!("../../assets/handouts/nl/klacht-of-bezwaar.ron"),
        include_str!("../../assets/handouts/en/klacht-of-bezwaar.ron"),
    ),
    (
        "agressie",
        include_str!("../../assets/handouts/nl/agressie.ron"),
        include_str!("../../assets/handouts/en/agressie.ron"),
    ),
    (
        "vuistregels",
        include_str!("../../assets/handouts/nl/vuistregels.ron"),
        include_str!("../../assets/handouts/en/vuistregels.ron"),
    ),
];

/// One handout file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handout {
    pub title: String,
    /// One line under the title: what the card is for.
    pub subtitle: String,
    pub sections: Vec<Section>,
    /// Where the facts come from, printed in small print at the foot.
    pub source: String,
}

/// A section of a handout.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Section {
    /// A heading and a paragraph.
    Text { heading: String, body: String },
    /// A bulleted list; `check: true` prints tick boxes (a checklist).
    List {
        heading: String,
        items: Vec<String>,
        #[serde(default)]
        check: bool,
    },
    /// Terms in bold with their explanation; `numbered` for steps in order.
    Terms {
        heading: String,
        entries: Vec<(String, String)>,
        #[serde(default)]
        numbered: bool,
    },
    /// A table.
    Table {
        heading: String,
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// The steps of a model with their summaries, from the rubric.
    Steps { heading: String, model: ModelId },
    /// The pitfalls, each named from the rubric by id, with a line that falls into it and
    /// a better line. `columns` heads the table: pitfall, example, better.
    Pitfalls {
        heading: String,
        columns: (String, String, String),
        lines: Vec<PitfallLine>,
    },
}

/// One pitfall with an example line and a better line.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PitfallLine {
    /// A pitfall id of the rubric, e.g. `excuses`.
    pub id: String,
    /// A line that falls into it.
    pub example: String,
    /// A better line in the same situation.
    pub better: String,
}

/// The names of the bundled handouts, in order.
pub fn names() -> impl Iterator<Item = &'static str> {
    BUNDLED.iter().map(|(name, _, _)| *name)
}

/// Parses a bundled handout. `None` for an unknown name; an `Err` only if a bundled file
/// is broken (a test keeps them whole).
pub fn load(name: &str, lang: Language) -> Option<Result<Handout, String>> {
    let (_, nl, en) = BUNDLED.iter().find(|(n, _, _)| *n == name)?;
    let source = match lang {
        Language::Nl => nl,
        Language::En => en,
    };
    Some(
        ron::from_str::<Handout>(source)
            .map_err(|err| format!("handout {name} ({}): {err}", lang.code())),
    )
}

fn text(t: &Text, lang: Language) -> &str {
    match lang {
        Language::Nl => &t.nl,
        Language::En => &t.en,
    }
}

/// Builds the page of a handout, taking steps and pitfall names from `rubric`. An unknown
/// model or pitfall id is an error naming it.
pub fn page(handout: &Handout, lang: Language, rubric: &Rubric) -> Result<Page, String> {
    let mut blocks = Vec::new();
    for section in &handout.sections {
        match section {
            Section::Text { heading, body } => {
                blocks.push(Block::Heading(heading.clone()));
                blocks.push(Block::Para(body.clone()));
            }
            Section::List {
                heading,
                items,
                check,
            } => {
                blocks.push(Block::Heading(heading.clone()));
                blocks.push(Block::Bullets {
                    items: items.clone(),
                    check: *check,
                });
            }
            Section::Terms {
                heading,
                entries,
                numbered,
            } => {
                blocks.push(Block::Heading(heading.clone()));
                blocks.push(if *numbered {
                    Block::Numbered(entries.clone())
                } else {
                    Block::Terms(entries.clone())
                });
            }
            Section::Table {
                heading,
                head,
                rows,
            } => {
                blocks.push(Block::Heading(heading.clone()));
                blocks.push(Block::Table {
                    head: head.clone(),
                    rows: rows.clone(),
                });
            }
            Section::Steps { heading, model } => {
                let m = rubric
                    .model(*model)
                    .ok_or_else(|| format!("the rubric has no model {}", model.id()))?;
                blocks.push(Block::Heading(heading.clone()));
                blocks.push(Block::Numbered(
                    m.steps
                        .iter()
                        .map(|s| {
                            (
                                format!("{}:", text(&s.name, lang)),
                                text(&s.summary, lang).to_string(),
                            )
                        })
                        .collect(),
                ));
            }
            Section::Pitfalls {
                heading,
                columns,
                lines,
            } => {
                let m = rubric
                    .model(ModelId::Klachtengesprek)
                    .ok_or("the rubric has no model klachtengesprek")?;
                let mut rows = Vec::new();
                for line in lines {
                    let p = m
                        .pitfalls
                        .iter()
                        .find(|p| p.id == line.id)
                        .ok_or_else(|| format!("unknown pitfall id {:?}", line.id))?;
                    rows.push(vec![
                        text(&p.name, lang).to_string(),
                        format!("“{}”", line.example),
                        format!("“{}”", line.better),
                    ]);
                }
                blocks.push(Block::Heading(heading.clone()));
                blocks.push(Block::Table {
                    head: vec![columns.0.clone(), columns.1.clone(), columns.2.clone()],
                    rows,
                });
            }
        }
    }
    blocks.push(Block::Note(handout.source.clone()));
    Ok(Page {
        lang: lang.code().to_string(),
        title: handout.title.clone(),
        subtitle: handout.subtitle.clone(),
        blocks,
        columns: true,
    })
}

/// Loads and builds a bundled handout's page.
pub fn bundled_page(name: &str, lang: Language, rubric: &Rubric) -> Option<Result<Page, String>> {
    Some(load(name, lang)?.and_then(|h| page(&h, lang, rubric)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kit::page::{html, markdown};

    const LANGS: [Language; 2] = [Language::Nl, Language::En];

    fn all() -> Vec<(&'static str, Language, Handout, Page)> {
        let rubric = Rubric::bundled();
        let mut out = Vec::new();
        for name in names() {
            for lang in LANGS {
                let h = load(name, lang).unwrap().unwrap();
                let p = page(&h, lang, rubric).unwrap();
                out.push((name, lang, h, p));
            }
        }
        out
    }

    #[test]
    fn there_are_five_handouts_and_unknown_names_are_none() {
        assert_eq!(
            names().collect::<Vec<_>>(),
            [
                "werkmodel",
                "begrenzen",
                "klacht-of-bezwaar",
                "agressie",
                "vuistregels"
            ]
        );
        assert!(load("nope", Language::Nl).is_none());
    }

    #[test]
    fn every_handout_renders_in_both_languages_and_formats_with_its_title_and_sections() {
        for (name, lang, h, p) in all() {
            let doc = html(&p);
            let md = markdown(&p);
            assert!(h.sections.len() >= 3, "{name} {lang:?}: too few sections");
            assert!(doc.contains(&format!("<html lang=\"{}\">", lang.code())));
            assert!(doc.contains(&format!("<h1>{}</h1>", crate::text::escape_html(&h.title))));
            assert!(md.starts_with(&format!("# {}\n", crate::debrief::export::md(&h.title))));
            let headings = h.sections.len();
            assert_eq!(doc.matches("<h2>").count(), headings, "{name} {lang:?}");
            assert_eq!(md.matches("\n## ").count(), headings, "{name} {lang:?}");
            assert!(
                !h.source.trim().is_empty(),
                "{name} {lang:?} names no source"
            );
            // Self-contained: nothing is fetched from elsewhere.
            for banned in [
                "http://", "https://", "src=", "<script", "<link", "@import", "url(",
            ] {
                assert!(!doc.contains(banned), "{name} {lang:?} contains {banned}");
            }
            assert!(doc.contains("@page{size:A4"));
        }
    }

    #[test]
    fn the_two_languages_have_the_same_shape() {
        for name in names() {
            let nl = load(name, Language::Nl).unwrap().unwrap();
            let en = load(name, Language::En).unwrap().unwrap();
            assert_eq!(nl.sections.len(), en.sections.len(), "{name}");
            for (a, b) in nl.sections.iter().zip(&en.sections) {
                assert_eq!(
                    std::mem::discriminant(a),
                    std::mem::discriminant(b),
                    "{name}: sections differ in kind"
                );
            }
        }
    }

    #[test]
    fn the_werkmodel_lists_the_rubrics_five_steps_and_nine_pitfalls_in_order() {
        let rubric = Rubric::bundled();
        let model = rubric.model(ModelId::Klachtengesprek).unwrap();
        assert_eq!(model.steps.len(), 5);
        assert_eq!(model.pitfalls.len(), 9);
        for lang in LANGS {
            let h = load("werkmodel", lang).unwrap().unwrap();
            assert!(h.sections.iter().any(|s| matches!(
                s,
                Section::Steps {
                    model: ModelId::Klachtengesprek,
                    ..
                }
            )));
            let lines = h
                .sections
                .iter()
                .find_map(|s| match s {
                    Section::Pitfalls { lines, .. } => Some(lines),
                    _ => None,
                })
                .expect("a pitfalls section");
            let ids: Vec<&str> = lines.iter().map(|l| l.id.as_str()).collect();
            let want: Vec<&str> = model.pitfalls.iter().map(|p| p.id.as_str()).collect();
            assert_eq!(ids, want, "{lang:?}");
            for l in lines {
                assert!(!l.example.trim().is_empty() && !l.better.trim().is_empty());
                assert_ne!(l.example, l.better);
            }
            let doc = html(&page(&h, lang, rubric).unwrap());
            for s in &model.steps {
                assert!(doc.contains(&crate::text::escape_html(text(&s.name, lang))));
            }
            for p in &model.pitfalls {
                assert!(doc.contains(&crate::text::escape_html(text(&p.name, lang))));
            }
        }
    }

    #[test]
    fn begrenzen_has_its_five_steps_and_a_checklist() {
        let rubric = Rubric::bundled();
        let steps = &rubric.model(ModelId::Begrenzen).unwrap().steps;
        assert_eq!(steps.len(), 5);
        for lang in LANGS {
            let h = load("begrenzen", lang).unwrap().unwrap();
            let p = page(&h, lang, rubric).unwrap();
            let numbered = p
                .blocks
                .iter()
                .find_map(|b| match b {
                    Block::Numbered(items) => Some(items.len()),
                    _ => None,
                })
                .unwrap();
            assert_eq!(numbered, 5);
            assert!(
                p.blocks.iter().any(
                    |b| matches!(b, Block::Bullets { check: true, items } if items.len() >= 6)
                )
            );
        }
    }

    #[test]
    fn the_terms_card_names_the_awb_terms() {
        for (lang, six, four) in [
            (Language::Nl, "zes weken", "vier weken"),
            (Language::En, "six weeks", "four weeks"),
        ] {
            let h = load("klacht-of-bezwaar", lang).unwrap().unwrap();
            let md = markdown(&page(&h, lang, Rubric::bundled()).unwrap());
            for needle in ["9:11", six, four, "9:12"] {
                assert!(md.contains(needle), "{lang:?} lacks {needle}");
            }
        }
    }

    #[test]
    fn an_unknown_pitfall_id_is_an_error_that_names_it() {
        let h = Handout {
            title: "t".into(),
            subtitle: String::new(),
            sections: vec![Section::Pitfalls {
                heading: "h".into(),
                columns: ("a".into(), "b".into(), "c".into()),
                lines: vec![PitfallLine {
                    id: "excuus".into(),
                    example: "x".into(),
                    better: "y".into(),
                }],
            }],
            source: "s".into(),
        };
        let err = page(&h, Language::Nl, Rubric::bundled()).unwrap_err();
        assert!(err.contains("excuus"));
    }

    #[test]
    fn unknown_fields_in_a_handout_are_errors() {
        let err = ron::from_str::<Handout>(
            "Handout(title: \"t\", subtitle: \"s\", sections: [Text(heading: \"h\", body: \"b\", extra: 1)], source: \"s\")",
        );
        assert!(err.is_err());
        let err = ron::from_str::<Handout>(
            "Handout(title: \"t\", subtitle: \"s\", sections: [], source: \"s\", colour: 1)",
        );
        assert!(err.is_err());
    }
}
