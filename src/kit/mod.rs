//! The workshop kit: printable handouts for participants ([`handout`]) and facilitator
//! guides per scenario ([`guide`]), both built as a [`page::Page`] and rendered to
//! self-contained HTML (A4, print CSS) or Markdown.

pub mod guide;
pub mod handout;
pub mod page;
