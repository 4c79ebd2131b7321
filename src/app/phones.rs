//! Phone votes in classroom mode: switches [`VoteServer`] on and off (key P), puts each
//! turn's options to the phones once the room sees them, and brings the phones' tally
//! into [`Classroom`]. The server wakes the event loop when a phone arrives or a vote
//! changes, so the app still sleeps while nobody votes. It stops when the room's session
//! ends (back to the library or a new briefing) and with the app.
//!
//! `KLACHTWIJS_VOTE_BIND` (an IP address) and `KLACHTWIJS_VOTE_PORT` choose where it
//! listens; tests use loopback. Otherwise: the laptop's likely LAN address, port 8047.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Mutex;

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};

use super::catalog::Catalog;
use super::classroom::{Classroom, PresenterAction};
use super::conversation::{ActiveSession, PromptView};
use super::phone_panel::PhonePanel;
use super::settings::Settings;
use super::state::{AppSystems, PlayMode, Screen};
use crate::vote::{VoteServer, VoteSource, likely_lan_ipv4};

/// The vote server while phone votes are on, and what the phones were last asked.
#[derive(Resource, Default)]
pub struct PhoneVotes {
    server: Option<VoteServer>,
    /// The question the phones have: turn and options as displayed.
    asked: Option<(usize, Vec<String>)>,
    /// The server's tally last copied into the classroom: only a new one replaces the
    /// counts, so counts brought back by PageUp stay until a phone votes.
    seen_tally: Vec<u32>,
    /// Why the server did not start, for the projection.
    pub error: Option<String>,
}

impl PhoneVotes {
    pub fn is_running(&self) -> bool {
        self.server.as_ref().is_some_and(VoteServer::is_running)
    }

    /// The page's address, while the server runs.
    pub fn url(&self) -> Option<String> {
        self.server.as_ref().map(VoteServer::url)
    }

    fn stop(&mut self) {
        if let Some(mut server) = self.server.take() {
            server.stop();
        }
        self.asked = None;
        self.seen_tally.clear();
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PhoneVotes>()
        .add_systems(OnEnter(Screen::Library), stop)
        .add_systems(OnEnter(Screen::Briefing), stop)
        .add_systems(
            Update,
            (
                switch,
                // The question changes only with what `ask` reads; between changes the
                // conversation view it builds would be the same.
                (
                    ask.run_if(
                        resource_changed::<PhoneVotes>
                            .or_else(resource_changed::<ActiveSession>)
                            .or_else(resource_changed::<Classroom>)
                            .or_else(resource_changed::<PlayMode>)
                            .or_else(resource_changed::<Settings>)
                            .or_else(resource_changed::<Catalog>)
                            .or_else(state_changed::<Screen>),
                    ),
                    pull,
                )
                    .run_if(|p: Res<PhoneVotes>| p.is_running()),
            )
                .chain()
                .after(AppSystems::Apply)
                .before(AppSystems::After),
        );
}

fn stop(mut phones: ResMut<PhoneVotes>, mut classroom: ResMut<Classroom>) {
    phones.stop();
    phones.error = None;
    classroom.phones = None;
}

/// Where to listen: the environment's choice, else the LAN address, else loopback.
fn bind_address() -> (IpAddr, Option<u16>) {
    let env_ip = std::env::var("KLACHTWIJS_VOTE_BIND")
        .ok()
        .and_then(|v| v.parse::<IpAddr>().ok());
    let ip = env_ip
        .or_else(|| likely_lan_ipv4().map(IpAddr::V4))
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let port = std::env::var("KLACHTWIJS_VOTE_PORT")
        .ok()
        .and_then(|v| v.parse().ok());
    (ip, port)
}

/// Key P (or the strip's button): phone votes on or off. Also answers the re-vote and
/// "show the split" keys on the server's side.
fn switch(
    mut reader: MessageReader<PresenterAction>,
    mut phones: ResMut<PhoneVotes>,
    mut classroom: ResMut<Classroom>,
    settings: Res<Settings>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
) {
    for action in reader.read() {
        match action {
            PresenterAction::Phones if phones.is_running() => {
                phones.stop();
                classroom.phones = None;
                classroom.split_hidden = false;
            }
            PresenterAction::Phones => {
                let (ip, port) = bind_address();
                match VoteServer::start(ip, port, settings.language) {
                    Ok(server) => {
                        if let Some(proxy) = &proxy {
                            // The proxy is Send; the mutex makes the waker Sync.
                            let proxy = Mutex::new((***proxy).clone());
                            server.set_waker(move || {
                                if let Ok(p) = proxy.lock() {
                                    let _ = p.send_event(WinitUserEvent::WakeUp);
                                }
                            });
                        }
                        classroom.phones = Some(PhonePanel::of(&server));
                        classroom.phones_connected = 0;
                        classroom.split_hidden = classroom.votes.iter().all(|&v| v == 0);
                        phones.server = Some(server);
                        phones.error = None;
                    }
                    Err(err) => {
                        warn!("phone votes: {err}");
                        phones.error = Some(err.to_string());
                    }
                }
            }
            PresenterAction::Revote => {
                if let Some(server) = &phones.server {
                    server.revote();
                    server.open();
                }
                phones.seen_tally.clear();
            }
            PresenterAction::Split => {
                // The split on screen closes the vote; hidden again, it opens.
                if let Some(server) = &phones.server {
                    if classroom.split_hidden {
                        server.open();
                    } else {
                        server.close();
                    }
                }
            }
            _ => {}
        }
    }
}

/// Puts the turn's options to the phones once the room sees them (after the paper card);
/// a turn without options to vote on (a select turn, an ending) asks nothing.
fn ask(
    mut phones: ResMut<PhoneVotes>,
    current: Res<ActiveSession>,
    catalog: Res<Catalog>,
    settings: Res<Settings>,
    mode: Res<PlayMode>,
    classroom: Res<Classroom>,
    screen: Res<State<Screen>>,
) {
    let question = (*screen.get() == Screen::Conversation)
        .then(|| super::conversation::view(&current, &catalog.rubric, &settings, **mode))
        .flatten()
        .and_then(|view| match &view.prompt {
            PromptView::Options(options)
                if view.ending.is_none()
                    && (!view.write_on_paper || classroom.paper_done.contains(&view.turn)) =>
            {
                Some((view.turn, options.iter().map(|o| o.text.clone()).collect()))
            }
            _ => None,
        })
        .unwrap_or((0, Vec::new()));
    if phones.asked.as_ref() == Some(&question) {
        return;
    }
    if let Some(server) = &phones.server {
        let open = !question.1.is_empty();
        server.set_turn(question.0, question.1.clone());
        if open {
            server.open();
        }
    }
    phones.asked = Some(question);
    phones.seen_tally.clear();
}

/// Copies a new tally from the phones into the room's counts, and how many phones are
/// connected.
fn pull(mut phones: ResMut<PhoneVotes>, mut classroom: ResMut<Classroom>) {
    let Some(server) = &phones.server else { return };
    let tally = server.tally();
    let connected = server.phones_connected();
    if classroom.phones_connected != connected {
        classroom.phones_connected = connected;
    }
    if tally != phones.seen_tally {
        if tally.iter().any(|&v| v > 0) {
            classroom.votes = tally.clone();
            classroom.votes_from = Some(VoteSource::Phones);
            classroom.notice = None;
        }
        phones.seen_tally = tally;
    }
}
