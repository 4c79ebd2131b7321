//! The class overview for a facilitator: across many session debriefs, per scenario the
//! number of sessions, the average total and step scores, how often each pitfall occurred,
//! and how the conversations ended. Sessions are grouped by scenario id and the content
//! hash of the version they were played on; a group played on another version than the
//! one replayed against gets a warning. [`ReportBuilder`] folds one debrief at a time, so a
//! report over many records holds only the sums.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::debrief::{Debrief, RoomVote};

/// The value of the report's `format` field.
pub const REPORT_FORMAT: &str = "klachtwijs.report/1";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassReport {
    /// Always [`REPORT_FORMAT`].
    pub format: String,
    /// Sessions counted (finished or not).
    pub sessions: usize,
    /// Files that could not be read or replayed, with the reason.
    pub skipped: Vec<String>,
    /// Sessions played on another version of their scenario than the one replayed
    /// against: their scores are recomputed and may differ from what the trainee saw.
    pub warnings: Vec<String>,
    /// One entry per scenario, sorted by id.
    pub scenarios: Vec<ScenarioReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioReport {
    pub id: String,
    pub title: String,
    /// Content hash of the version these sessions were played on.
    pub hash: String,
    /// Content hash of the version they were replayed against (the file now).
    pub current_hash: String,
    /// Whether the two differ.
    pub changed: bool,
    pub sessions: usize,
    /// Sessions that reached an ending; only those count for the averages.
    pub finished: usize,
    /// Average total score of the finished sessions, one decimal.
    pub average_score: f64,
    /// Average step scores of the finished sessions, in the model's order.
    pub steps: Vec<StepAverage>,
    /// Pitfalls, most frequent first (then by id).
    pub pitfalls: Vec<PitfallCount>,
    /// Endings, most frequent first (then by id).
    pub endings: Vec<EndingCount>,
    /// Classroom sessions: the room's vote per turn beside what the debrief recommends,
    /// one list per session (in the order added). Absent when no room voted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rooms: Vec<Vec<RoomVote>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepAverage {
    pub id: String,
    pub name: String,
    pub average: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PitfallCount {
    pub id: String,
    pub name: String,
    /// Occurrences across all sessions.
    pub count: usize,
    /// Sessions in which it occurred at least once.
    pub sessions: usize,
    /// `sessions` as a percentage of the scenario's sessions, rounded.
    pub share: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndingCount {
    pub id: String,
    pub outcome: String,
    pub title: String,
    pub count: usize,
    /// Percentage of the finished sessions, rounded.
    pub share: u32,
}

fn one_decimal(sum: u64, n: usize) -> f64 {
    if n == 0 {
        return 0.0;
    }
    // Integer rounding keeps the output identical on every platform.
    let tenths = (sum * 10 + n as u64 / 2) / n as u64;
    tenths as f64 / 10.0
}

fn percent(part: usize, whole: usize) -> u32 {
    (part * 100 + whole / 2).checked_div(whole).unwrap_or(0) as u32
}

impl ClassReport {
    /// Aggregates debriefs (unfinished ones count as sessions, not in the averages),
    /// each taken as played on the version it was built from.
    pub fn build(debriefs: &[Debrief], skipped: Vec<String>) -> ClassReport {
        let mut builder = ReportBuilder::default();
        for d in debriefs {
            builder.add(d, &d.scenario.hash);
        }
        builder.skipped = skipped;
        builder.finish()
    }

    /// Pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// A plain-text overview.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} session{} in {} scenario{}",
            self.sessions,
            if self.sessions == 1 { "" } else { "s" },
            self.scenarios.len(),
            if self.scenarios.len() == 1 { "" } else { "s" }
        );
        for skipped in &self.skipped {
            let _ = writeln!(s, "skipped: {skipped}");
        }
        for warning in &self.warnings {
            let _ = writeln!(s, "warning: {warning}");
        }
        for sc in &self.scenarios {
            let _ = writeln!(
                s,
                "\n{} ({}){}",
                sc.title,
                sc.id,
                if sc.changed {
                    " [played on another version]"
                } else {
                    ""
                }
            );
            let _ = writeln!(
                s,
                "  sessions: {} ({} finished), average score: {:.1}",
                sc.sessions, sc.finished, sc.average_score
            );
            let _ = writeln!(s, "  steps:");
            for st in &sc.steps {
                let _ = writeln!(s, "    {:<32} {:>5.1}", st.name, st.average);
            }
            let _ = writeln!(s, "  pitfalls:");
            if sc.pitfalls.is_empty() {
                let _ = writeln!(s, "    none");
            }
            for p in &sc.pitfalls {
                let _ = writeln!(
                    s,
                    "    {:<32} {:>3}× in {} session{} ({}%)",
                    p.name,
                    p.count,
                    p.sessions,
                    if p.sessions == 1 { "" } else { "s" },
                    p.share
                );
            }
            let _ = writeln!(s, "  endings:");
            for e in &sc.endings {
                let _ = writeln!(
                    s,
                    "    {:<32} {:>3}× ({}%) {}",
                    e.id, e.count, e.share, e.outcome
                );
            }
            for (i, room) in sc.rooms.iter().enumerate() {
                let _ = writeln!(s, "  room {} (votes per option, majority, advice):", i + 1);
                for v in room {
                    let _ = writeln!(s, "    {}", room_vote_line(v));
                }
            }
        }
        s
    }
}

/// "turn 2: 6 5 7 0 -> 3 2 13 0, majority 3 (Rechtvaardigen), advice 1".
pub fn room_vote_line(v: &RoomVote) -> String {
    let counts = |c: &[u32]| crate::debrief::joined(c, " ");
    let numbers = |n: &[usize]| crate::debrief::joined(n, "+");
    let mut line = format!("turn {}: {}", v.turn, counts(&v.first));
    if let Some(second) = &v.second {
        line.push_str(&format!(" -> {}", counts(second)));
    }
    line.push_str(&format!(", majority {}", numbers(&v.majority)));
    if !v.majority_pitfalls.is_empty() {
        line.push_str(&format!(" ({})", v.majority_pitfalls.join(", ")));
    }
    line.push_str(&format!(", advice {}", numbers(&v.recommended)));
    line
}

/// The running sums of one (scenario, played version) group.
#[derive(Debug, Default)]
struct Group {
    title: String,
    current_hash: String,
    sessions: usize,
    finished: usize,
    total: u64,
    /// id, name, sum over finished sessions.
    steps: Vec<(String, String, u64)>,
    /// id -> (name, occurrences, sessions)
    pitfalls: BTreeMap<String, (String, usize, usize)>,
    /// id -> (outcome, title, count)
    endings: BTreeMap<String, (String, String, usize)>,
    rooms: Vec<Vec<RoomVote>>,
}

/// Folds debriefs into a [`ClassReport`] one at a time (memory: one [`Group`] per
/// scenario version, plus the skipped messages).
#[derive(Debug, Default)]
pub struct ReportBuilder {
    groups: BTreeMap<(String, String), Group>,
    sessions: usize,
    /// Files that could not be read or replayed.
    pub skipped: Vec<String>,
}

impl ReportBuilder {
    /// Adds one session; `played_hash` is the content hash recorded when it was played.
    pub fn add(&mut self, d: &Debrief, played_hash: &str) {
        self.sessions += 1;
        let g = self
            .groups
            .entry((d.scenario.id.clone(), played_hash.to_string()))
            .or_default();
        if g.sessions == 0 {
            g.title = d.scenario.title.clone();
            g.current_hash = d.scenario.hash.clone();
            g.steps = d
                .steps
                .iter()
                .map(|st| (st.id.clone(), st.name.clone(), 0))
                .collect();
        }
        g.sessions += 1;
        if !d.room_votes.is_empty() {
            g.rooms.push(d.room_votes.clone());
        }
        let mut seen_here: Vec<&str> = Vec::new();
        for p in &d.pitfalls {
            let entry = g
                .pitfalls
                .entry(p.id.clone())
                .or_insert_with(|| (p.name.clone(), 0, 0));
            entry.1 += 1;
            if !seen_here.contains(&p.id.as_str()) {
                entry.2 += 1;
                seen_here.push(&p.id);
            }
        }
        if !d.finished {
            return;
        }
        g.finished += 1;
        g.total += u64::from(d.score);
        for (sum, step) in g.steps.iter_mut().zip(&d.steps) {
            sum.2 += u64::from(step.score);
        }
        if let Some(e) = &d.ending {
            g.endings
                .entry(e.id.clone())
                .or_insert_with(|| (e.outcome.clone(), e.title.clone(), 0))
                .2 += 1;
        }
    }

    /// The report.
    pub fn finish(self) -> ClassReport {
        let mut warnings = Vec::new();
        let scenarios: Vec<ScenarioReport> = self
            .groups
            .into_iter()
            .map(|((id, hash), g)| {
                let changed = hash != g.current_hash;
                if changed {
                    warnings.push(format!(
                        "{} session{} of `{id}` {} played on another version of the scenario \
                         ({hash}); the scores are recomputed against the version found now \
                         ({}) and may differ from what the trainee saw",
                        g.sessions,
                        if g.sessions == 1 { "" } else { "s" },
                        if g.sessions == 1 { "was" } else { "were" },
                        g.current_hash
                    ));
                }
                scenario_report(id, hash, changed, g)
            })
            .collect();
        ClassReport {
            format: REPORT_FORMAT.to_string(),
            sessions: self.sessions,
            skipped: self.skipped,
            warnings,
            scenarios,
        }
    }
}

fn scenario_report(id: String, hash: String, changed: bool, g: Group) -> ScenarioReport {
    let steps = g
        .steps
        .into_iter()
        .map(|(id, name, sum)| StepAverage {
            id,
            name,
            average: one_decimal(sum, g.finished),
        })
        .collect();
    let mut pitfalls: Vec<PitfallCount> = g
        .pitfalls
        .into_iter()
        .map(|(id, (name, count, sessions))| PitfallCount {
            id,
            name,
            count,
            sessions,
            share: percent(sessions, g.sessions),
        })
        .collect();
    pitfalls.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
    let mut endings: Vec<EndingCount> = g
        .endings
        .into_iter()
        .map(|(id, (outcome, title, count))| EndingCount {
            id,
            outcome,
            title,
            count,
            share: percent(count, g.finished),
        })
        .collect();
    endings.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
    ScenarioReport {
        id,
        title: g.title,
        hash,
        current_hash: g.current_hash,
        changed,
        sessions: g.sessions,
        finished: g.finished,
        average_score: one_decimal(g.total, g.finished),
        steps,
        pitfalls,
        endings,
        rooms: g.rooms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_integer_based() {
        assert_eq!(one_decimal(0, 0), 0.0);
        assert_eq!(one_decimal(170, 2), 85.0);
        assert_eq!(one_decimal(100, 3), 33.3);
        assert_eq!(one_decimal(200, 3), 66.7);
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 0), 0);
    }
}
