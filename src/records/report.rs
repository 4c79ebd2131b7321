//! The class overview for a facilitator: across many session debriefs, per scenario the
//! number of sessions, the average total and step scores, how often each pitfall occurred,
//! and how the conversations ended.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::debrief::Debrief;

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
    /// One entry per scenario, sorted by id.
    pub scenarios: Vec<ScenarioReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioReport {
    pub id: String,
    pub title: String,
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
    /// Aggregates debriefs (unfinished ones count as sessions, not in the averages).
    pub fn build(debriefs: &[Debrief], skipped: Vec<String>) -> ClassReport {
        let mut by_scenario: BTreeMap<&str, Vec<&Debrief>> = BTreeMap::new();
        for d in debriefs {
            by_scenario.entry(&d.scenario.id).or_default().push(d);
        }
        let scenarios = by_scenario
            .into_values()
            .map(|group| scenario_report(&group))
            .collect();
        ClassReport {
            format: REPORT_FORMAT.to_string(),
            sessions: debriefs.len(),
            skipped,
            scenarios,
        }
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
        for sc in &self.scenarios {
            let _ = writeln!(s, "\n{} ({})", sc.title, sc.id);
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
        }
        s
    }
}

fn scenario_report(group: &[&Debrief]) -> ScenarioReport {
    let first = group[0];
    let finished: Vec<&&Debrief> = group.iter().filter(|d| d.finished).collect();
    let total: u64 = finished.iter().map(|d| u64::from(d.score)).sum();

    let steps = first
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let sum: u64 = finished
                .iter()
                .filter_map(|d| d.steps.get(i))
                .map(|s| u64::from(s.score))
                .sum();
            StepAverage {
                id: step.id.clone(),
                name: step.name.clone(),
                average: one_decimal(sum, finished.len()),
            }
        })
        .collect();

    // id -> (name, occurrences, sessions)
    let mut pitfalls: BTreeMap<&str, (&str, usize, usize)> = BTreeMap::new();
    for d in group {
        let mut seen_here: Vec<&str> = Vec::new();
        for p in &d.pitfalls {
            let entry = pitfalls.entry(&p.id).or_insert((&p.name, 0, 0));
            entry.1 += 1;
            if !seen_here.contains(&p.id.as_str()) {
                entry.2 += 1;
                seen_here.push(&p.id);
            }
        }
    }
    let mut pitfalls: Vec<PitfallCount> = pitfalls
        .into_iter()
        .map(|(id, (name, count, sessions))| PitfallCount {
            id: id.to_string(),
            name: name.to_string(),
            count,
            sessions,
            share: percent(sessions, group.len()),
        })
        .collect();
    pitfalls.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));

    let mut endings: BTreeMap<&str, (&str, &str, usize)> = BTreeMap::new();
    for d in &finished {
        if let Some(e) = &d.ending {
            endings.entry(&e.id).or_insert((&e.outcome, &e.title, 0)).2 += 1;
        }
    }
    let mut endings: Vec<EndingCount> = endings
        .into_iter()
        .map(|(id, (outcome, title, count))| EndingCount {
            id: id.to_string(),
            outcome: outcome.to_string(),
            title: title.to_string(),
            count,
            share: percent(count, finished.len()),
        })
        .collect();
    endings.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));

    ScenarioReport {
        id: first.scenario.id.clone(),
        title: first.scenario.title.clone(),
        sessions: group.len(),
        finished: finished.len(),
        average_score: one_decimal(total, finished.len()),
        steps,
        pitfalls,
        endings,
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
