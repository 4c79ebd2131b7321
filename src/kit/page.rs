//! One printable page, rendered two ways: self-contained HTML with print CSS (A4) and
//! Markdown. Handouts and facilitator guides build a [`Page`]; every text in it goes
//! through the debrief export's escaping ([`escape_html`], [`crate::debrief::export::md`])
//! and the one sanitiser, so a text from a file can never open markup.

use std::fmt::Write as _;

use crate::debrief::export::md;
use crate::text::escape_html;

/// A block of a page, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading.
    Heading(String),
    /// A smaller heading inside a section.
    Sub(String),
    /// A paragraph.
    Para(String),
    /// A bulleted list; `check` draws a tick box before each item (a checklist).
    Bullets { items: Vec<String>, check: bool },
    /// A plain numbered list.
    Ordered(Vec<String>),
    /// A numbered list of a term in bold and its explanation.
    Numbered(Vec<(String, String)>),
    /// Terms in bold, each followed by its explanation.
    Terms(Vec<(String, String)>),
    /// A table with a header row.
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Small print: a source, a footnote.
    Note(String),
}

/// A page: a title, a line under it, and blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// ISO 639-1 code of the page's language.
    pub lang: String,
    pub title: String,
    pub subtitle: String,
    pub blocks: Vec<Block>,
    /// Print the page in two columns (a handout); a guide runs in one.
    pub columns: bool,
}

/// The print style: A4, small margins, two columns for handouts. Like the debrief's, it is
/// inline and refers to nothing outside the page.
const CSS: &str = "@page{size:A4;margin:11mm 12mm}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;color:#1a1a1a;line-height:1.32;max-width:52rem;margin:1.5rem auto;padding:0 1rem;font-size:10.5pt}
header{border-bottom:3px solid #1f5fbf;margin-bottom:.5rem;padding-bottom:.25rem}
h1{font-size:18pt;margin:0;color:#153f7f}.subtitle{margin:.1rem 0 0;color:#444;font-size:10.5pt}
h2{font-size:11.5pt;margin:.7rem 0 .25rem;color:#153f7f;border-bottom:1px solid #c9d6ea;break-after:avoid}
h3{font-size:10.5pt;margin:.5rem 0 .15rem;break-after:avoid}
p{margin:.2rem 0 .35rem}ul,ol{margin:.2rem 0 .35rem;padding-left:1.2rem}li{margin:.12rem 0}
ul.check{list-style:none;padding-left:.2rem}ul.check li::before{content:'\\2610\\00a0';font-size:1.05em}
dl{margin:.2rem 0 .35rem}dt{font-weight:700;margin-top:.25rem}dd{margin:0 0 0 .9rem}
table{border-collapse:collapse;width:100%;margin:.2rem 0 .4rem;font-size:.93em}
th,td{border-bottom:1px solid #d5d5d5;padding:.18rem .3rem;text-align:left;vertical-align:top}th{background:#eef3fa}
.note{color:#555;font-size:.82em;margin-top:.5rem}
.columns{column-gap:1.4rem}
.columns section{break-inside:avoid}section.wide{column-span:all}.columns section.wide th:first-child{width:19%}
@media print{body{margin:0;max-width:none;padding:0;font-size:9.5pt}.columns{column-count:2}h1{font-size:16pt}}";

/// One self-contained HTML page: inline CSS, no scripts, no external resources; every
/// text escaped.
pub fn html(page: &Page) -> String {
    let e = |t: &str| escape_html(t);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n<header><h1>{}</h1>",
        e(&page.lang),
        e(&page.title),
        e(&page.title)
    );
    if !page.subtitle.is_empty() {
        let _ = write!(s, "<p class=\"subtitle\">{}</p>", e(&page.subtitle));
    }
    s.push_str("</header>\n");
    s.push_str(if page.columns {
        "<main class=\"columns\">\n"
    } else {
        "<main>\n"
    });
    let mut open = false;
    for (i, block) in page.blocks.iter().enumerate() {
        if let Block::Heading(h) = block {
            if open {
                s.push_str("</section>\n");
            }
            // A table needs the page's width: its section spans both columns.
            let wide = page.blocks[i + 1..]
                .iter()
                .take_while(|b| !matches!(b, Block::Heading(_)))
                .any(|b| matches!(b, Block::Table { .. }));
            let class = if wide { " class=\"wide\"" } else { "" };
            let _ = writeln!(s, "<section{class}>\n<h2>{}</h2>", e(h));
            open = true;
            continue;
        }
        match block {
            Block::Heading(_) => {}
            Block::Sub(h) => {
                let _ = writeln!(s, "<h3>{}</h3>", e(h));
            }
            Block::Para(p) => {
                let _ = writeln!(s, "<p>{}</p>", e(p));
            }
            Block::Bullets { items, check } => {
                let _ = writeln!(s, "<ul{}>", if *check { " class=\"check\"" } else { "" });
                for item in items {
                    let _ = writeln!(s, "<li>{}</li>", e(item));
                }
                s.push_str("</ul>\n");
            }
            Block::Ordered(items) => {
                s.push_str("<ol>\n");
                for item in items {
                    let _ = writeln!(s, "<li>{}</li>", e(item));
                }
                s.push_str("</ol>\n");
            }
            Block::Numbered(items) => {
                s.push_str("<ol>\n");
                for (term, text) in items {
                    let _ = writeln!(s, "<li><strong>{}</strong> {}</li>", e(term), e(text));
                }
                s.push_str("</ol>\n");
            }
            Block::Terms(items) => {
                s.push_str("<dl>\n");
                for (term, text) in items {
                    let _ = writeln!(s, "<dt>{}</dt><dd>{}</dd>", e(term), e(text));
                }
                s.push_str("</dl>\n");
            }
            Block::Table { head, rows } => {
                s.push_str("<table>\n<tr>");
                for h in head {
                    let _ = write!(s, "<th>{}</th>", e(h));
                }
                s.push_str("</tr>\n");
                for row in rows {
                    s.push_str("<tr>");
                    for cell in row {
                        let _ = write!(s, "<td>{}</td>", e(cell));
                    }
                    s.push_str("</tr>\n");
                }
                s.push_str("</table>\n");
            }
            Block::Note(n) => {
                let _ = writeln!(s, "<p class=\"note\">{}</p>", e(n));
            }
        }
    }
    if open {
        s.push_str("</section>\n");
    }
    s.push_str("</main>\n</body>\n</html>\n");
    s
}

/// The page as Markdown; every text is escaped so that it cannot open markup or break a
/// table.
pub fn markdown(page: &Page) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", md(&page.title));
    if !page.subtitle.is_empty() {
        let _ = writeln!(s, "_{}_\n", md(&page.subtitle));
    }
    for block in &page.blocks {
        match block {
            Block::Heading(h) => {
                let _ = writeln!(s, "## {}\n", md(h));
            }
            Block::Sub(h) => {
                let _ = writeln!(s, "### {}\n", md(h));
            }
            Block::Para(p) => {
                let _ = writeln!(s, "{}\n", md(p));
            }
            Block::Bullets { items, check } => {
                for item in items {
                    let box_ = if *check { "[ ] " } else { "" };
                    let _ = writeln!(s, "- {box_}{}", md(item));
                }
                s.push('\n');
            }
            Block::Ordered(items) => {
                for (i, item) in items.iter().enumerate() {
                    let _ = writeln!(s, "{}. {}", i + 1, md(item));
                }
                s.push('\n');
            }
            Block::Numbered(items) => {
                for (i, (term, text)) in items.iter().enumerate() {
                    let _ = writeln!(s, "{}. **{}** {}", i + 1, md(term), md(text));
                }
                s.push('\n');
            }
            Block::Terms(items) => {
                for (term, text) in items {
                    let _ = writeln!(s, "- **{}** {}", md(term), md(text));
                }
                s.push('\n');
            }
            Block::Table { head, rows } => {
                let cells = |r: &[String]| r.iter().map(|c| md(c)).collect::<Vec<_>>().join(" | ");
                let _ = writeln!(s, "| {} |", cells(head));
                let _ = writeln!(s, "|{}", "---|".repeat(head.len()));
                for row in rows {
                    let _ = writeln!(s, "| {} |", cells(row));
                }
                s.push('\n');
            }
            Block::Note(n) => {
                let _ = writeln!(s, "_{}_\n", md(n));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Page {
        Page {
            lang: "nl".into(),
            title: text.into(),
            subtitle: text.into(),
            blocks: vec![
                Block::Heading(text.into()),
                Block::Para(text.into()),
                Block::Bullets {
                    items: vec![text.into()],
                    check: true,
                },
                Block::Table {
                    head: vec![text.into()],
                    rows: vec![vec![text.into()]],
                },
                Block::Terms(vec![(text.into(), text.into())]),
                Block::Note(text.into()),
            ],
            columns: true,
        }
    }

    #[test]
    fn markup_in_texts_is_escaped_in_both_formats() {
        let evil = "<script>alert('x')</script> | **b** \u{1b}[31m";
        let h = html(&page(evil));
        assert!(!h.contains("<script>"));
        assert!(!h.contains('\u{1b}'));
        assert!(h.contains("&lt;script&gt;"));
        let m = markdown(&page(evil));
        assert!(!m.contains("<script>"));
        assert!(!m.contains('\u{1b}'));
        assert!(m.contains("\\| \\*\\*b\\*\\*"));
    }

    #[test]
    fn sections_open_and_close_in_pairs() {
        let h = html(&page("x"));
        assert_eq!(
            h.matches("<section").count(),
            h.matches("</section>").count()
        );
        assert!(
            h.contains("<section class=\"wide\">"),
            "a table widens its section"
        );
        assert!(h.contains("size:A4"));
    }
}
