//! The room's votes travel with a classroom session: into its record, back out of a
//! replay into the debrief, into the facilitator's HTML, Markdown and text exports, and
//! into the class overview beside what the debrief recommends.

use std::path::Path;
use std::sync::Arc;

use klachtwijs::debrief::export;
use klachtwijs::engine::Session;
use klachtwijs::records::report::ReportBuilder;
use klachtwijs::records::{self, Mode, Record, replay};
use klachtwijs::rubric::model::Rubric;
use klachtwijs::scenario;
use klachtwijs::vote::{Ballot, RoomVotes};

#[test]
fn a_classroom_record_keeps_the_room_votes_through_replay_exports_and_the_class_overview() {
    let bundled = scenario::bundled();
    let file = bundled
        .iter()
        .find(|b| b.path.ends_with("scheldende-beller.ron"))
        .expect("bundled");
    let scenario = Arc::new(scenario::load_str(file.text, Path::new(file.path)).unwrap());
    let rubric = Rubric::bundled();
    let mut session = Session::start(scenario.clone(), rubric, 7).unwrap();
    session.answer("2".parse().unwrap()).unwrap();
    session.answer("1".parse().unwrap()).unwrap();

    let mut room = RoomVotes::new();
    room.record_first(1, Ballot::phones(vec![3, 12, 2, 1]), true);
    room.record_second(1, Ballot::phones(vec![11, 4, 2, 1]));
    room.record_first(2, Ballot::hands(vec![9, 2, 1, 0]), false);

    let dir = tempfile::tempdir().unwrap();
    let (mut record, mut path) = (None, None);
    let notes = records::TurnNotes {
        room_votes: Some(&room),
        ..Default::default()
    };
    let saved = records::save_turn(
        dir.path(),
        &mut record,
        &mut path,
        &session,
        Mode::Classroom,
        notes,
    )
    .unwrap();
    let read: Record = records::load_record(&saved).unwrap();
    assert_eq!(
        read.room_votes.as_ref(),
        Some(&room),
        "the record keeps both ballots"
    );

    let replayed = replay::replay(&read, scenario.clone(), rubric, None).unwrap();
    let d = &replayed.played.debrief;
    assert_eq!(d.room_votes.len(), 2);
    let first = &d.room_votes[0];
    assert_eq!(first.turn, 1);
    assert_eq!(first.first, vec![3, 12, 2, 1]);
    assert_eq!(first.second.as_deref(), Some(&[11, 4, 2, 1][..]));
    assert_eq!(
        first.majority,
        vec![1],
        "the deciding ballot is the re-vote"
    );
    assert!(!first.recommended.is_empty());

    let html = export::html(d);
    assert!(html.contains("<h2>De stemmen van de zaal</h2>"), "{html}");
    assert!(html.contains("<td>3 · 12 · 2 · 1</td><td>11 · 4 · 2 · 1</td>"));
    let md = export::markdown(d);
    assert!(md.contains("## De stemmen van de zaal"));
    assert!(export::text(d).contains("De stemmen van de zaal:"));
    let json = export::json(d);
    assert!(json.contains("\"room_votes\""));

    let mut report = ReportBuilder::default();
    report.add(d, &read.hash);
    let report = report.finish();
    assert_eq!(report.scenarios[0].rooms, vec![d.room_votes.clone()]);
    assert!(report.to_text().contains("room 1 (votes per option"));

    // A solo session's debrief and record carry nothing of it.
    let solo = replay::play(scenario, rubric, 7, &["2".into()], None).unwrap();
    assert!(solo.debrief.room_votes.is_empty());
    assert!(!export::json(&solo.debrief).contains("room_votes"));
}
