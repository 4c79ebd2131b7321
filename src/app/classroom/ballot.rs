//! The room's ballot on the projection: each option's row (its number, text, what R
//! reveals, the votes as bars, the field for a typed hand count) and the line above the
//! options while a vote is hidden or repeated.

use bevy_egui::egui::{self, RichText};

use super::super::conversation::OptionReveal;
use super::super::widgets;
use super::Classroom;

/// What an option is, after the vote: its step and points, its pitfalls (in the pitfall
/// colour), and what it does to the mood.
pub(super) fn reveal_line(ui: &mut egui::Ui, reveal: &OptionReveal, k: f32) {
    ui.horizontal_wrapped(|ui| {
        let size = 20.0 * k;
        if let Some(step) = &reveal.step {
            ui.label(RichText::new(step).size(size).strong());
        }
        for point in &reveal.points {
            ui.label(RichText::new(format!("✔ {point}")).size(size));
        }
        for pitfall in &reveal.pitfalls {
            ui.label(
                RichText::new(format!("⚠ {pitfall}"))
                    .size(size)
                    .strong()
                    .color(widgets::PITFALL),
            );
        }
        ui.label(
            RichText::new(format!("· {}", reveal.mood))
                .size(size)
                .italics(),
        );
    });
}

/// Above the options while the split is hidden or a re-vote is open: how many have
/// voted, and which ballot this is.
pub(super) fn ballot_status(
    ui: &mut egui::Ui,
    s: &super::super::i18n::Strings,
    classroom: &Classroom,
    total: u32,
    k: f32,
) {
    let mut line = s.votes_cast(total);
    if classroom.first_ballot.is_some() {
        line = format!("{} · {line}", s.second_vote);
    }
    if classroom.split_hidden {
        line = format!("{line} · {}", s.split_hidden_note);
    }
    let label = ui.label(RichText::new(line).size(26.0 * k).strong());
    super::super::marks::mark(ui, "ballot_status", label.rect);
    ui.add_space(6.0 * k);
}

/// What happened on one option row.
pub(super) enum RowEvent {
    /// The room chose this option.
    Choose,
    Vote(u32),
}

/// The option with the most hands, if any votes were typed.
pub(super) fn highest(votes: &[u32], count: usize) -> Option<usize> {
    let (i, &max) = votes
        .iter()
        .take(count)
        .enumerate()
        .max_by_key(|(i, v)| (**v, std::cmp::Reverse(*i)))?;
    (max > 0).then_some(i)
}

/// One option on the projector, as [`option_row`] draws it.
pub(super) struct OptionRow<'a> {
    /// 0-based position.
    pub(super) i: usize,
    pub(super) text: &'a str,
    /// Shown after R.
    pub(super) reveal: Option<&'a OptionReveal>,
    /// The votes for it, `None` while the split is hidden.
    pub(super) hands: Option<u32>,
    pub(super) total: u32,
    /// Its votes and all votes in the first ballot, beside a re-vote.
    pub(super) first: Option<(u32, u32)>,
    /// The text on two rows at most (the tightest revealed layout).
    pub(super) folded: bool,
    /// Has the most hands.
    pub(super) leading: bool,
    pub(super) scale: f32,
}

/// One option on the projector: its number, its text, the hands for it as a bar, and a
/// field for the facilitator to type the count.
pub(super) fn option_row(ui: &mut egui::Ui, row: OptionRow) -> Option<RowEvent> {
    let OptionRow {
        i,
        text,
        reveal,
        hands,
        total,
        first,
        folded,
        leading,
        scale: k,
    } = row;
    let mut out = None;
    let stroke = if leading {
        egui::Stroke::new(4.0, ui.visuals().selection.bg_fill)
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    };
    egui::Frame::new()
        .stroke(stroke)
        .corner_radius(12.0)
        .inner_margin(egui::Margin::same((14.0 * k) as i8))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_top(|ui| {
                // Left: the number (a click chooses it) and under it the room's count.
                ui.vertical(|ui| {
                    let badge = ui.add(
                        egui::Button::new(
                            RichText::new(format!("{}", i + 1)).size(34.0 * k).strong(),
                        )
                        .min_size(egui::vec2(70.0, 52.0) * k),
                    );
                    if badge.clicked() {
                        out = Some(RowEvent::Choose);
                    }
                    if let Some(hands) = hands {
                        ui.add_space(4.0 * k);
                        out = count_field(ui, i, hands, k).or(out.take());
                    }
                });
                ui.add_space(10.0 * k);
                // Right: the text, what R reveals, and the hands as a bar.
                ui.vertical(|ui| {
                    ui.set_width(ui.available_width());
                    if folded {
                        let mut job = egui::text::LayoutJob::default();
                        RichText::new(text).size(27.0 * k).append_to(
                            &mut job,
                            ui.style(),
                            egui::FontSelection::Default,
                            egui::Align::Min,
                        );
                        job.wrap.max_rows = 2;
                        ui.add(egui::Label::new(job).wrap());
                    } else {
                        ui.label(RichText::new(text).size(27.0 * k));
                    }
                    if let Some(reveal) = reveal {
                        reveal_line(ui, reveal, k);
                    }
                    match (first, hands.filter(|_| total > 0)) {
                        // The first vote, dimmed, above the re-vote: how the room moved.
                        (Some((votes, all)), second) => {
                            ui.add_space(4.0 * k);
                            labelled_bar(ui, "1", votes, all, k, 0.45);
                            labelled_bar(ui, "2", second.unwrap_or(0), total, k, 1.0);
                        }
                        (None, Some(hands)) => {
                            ui.add_space(4.0 * k);
                            hands_bar(ui, hands, total, k);
                        }
                        (None, None) => {}
                    }
                });
            });
        });
    out
}

/// One ballot's votes for an option beside the other ballot's: "1: 4 ▬▬" and "2: 11 ▬▬▬▬".
fn labelled_bar(ui: &mut egui::Ui, ballot: &str, votes: u32, total: u32, k: f32, opacity: f32) {
    ui.horizontal(|ui| {
        ui.set_opacity(opacity.max(0.7));
        ui.label(
            RichText::new(format!("{ballot}: {votes:>2}"))
                .size(22.0 * k)
                .monospace(),
        );
        ui.set_opacity(opacity);
        hands_bar(ui, votes, total, k);
    });
}

/// The room's hands for one option as a bar across the text's width.
fn hands_bar(ui: &mut egui::Ui, hands: u32, total: u32, k: f32) {
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), 12.0 * k),
        egui::Sense::hover(),
    );
    let painter = ui.painter();
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    let mut bar = rect;
    bar.set_width(rect.width() * hands as f32 / total.max(1) as f32);
    painter.rect_filled(bar, 4.0, ui.visuals().selection.bg_fill);
    painter.rect_stroke(
        rect,
        4.0,
        ui.visuals().widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
}

/// The count of hands for option `i`, in a field the facilitator types in (Tab to it,
/// type, Enter), large enough to read from the back row.
fn count_field(ui: &mut egui::Ui, i: usize, hands: u32, k: f32) -> Option<RowEvent> {
    ui.style_mut().text_styles.insert(
        egui::TextStyle::Button,
        egui::FontId::proportional(30.0 * k),
    );
    let mut value = hands;
    let field = egui::DragValue::new(&mut value).range(0..=999).speed(0.2);
    // The same id in one column or two and revealed or not, so a count being typed keeps
    // its focus while the projection lays itself out again.
    let r = ui
        .scope_builder(
            egui::UiBuilder::new().id(egui::Id::new(("projection_vote", i))),
            |ui| ui.add_sized(egui::vec2(70.0, 44.0) * k, field),
        )
        .inner;
    super::super::marks::mark(ui, format!("vote:{}", i + 1), r.rect);
    // Only a new count counts: typing into the field reports a change for every key.
    (r.changed() && value != hands).then_some(RowEvent::Vote(value))
}
