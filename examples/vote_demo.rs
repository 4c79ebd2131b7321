//! Serves the phone page on loopback for a while, with a question open, so that a browser
//! can look at it (the screenshot in `docs/phone-votes.md` comes from headless Chromium):
//!
//! `cargo run --no-default-features --example vote_demo [SECONDS] [nl|en]`
//!
//! Prints the address, then the tally every second; stops by itself.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use klachtwijs::scenario::model::Language;
use klachtwijs::vote::VoteServer;

fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(20)
        .min(600);
    let lang = match args.next().as_deref() {
        Some("en") => Language::En,
        _ => Language::Nl,
    };
    let server = VoteServer::start(IpAddr::V4(Ipv4Addr::LOCALHOST), None, lang).expect("server");
    server.set_turn(
        3,
        vec![
            "Ik hoor dat u hier echt klaar mee bent. Wat is er precies gebeurd?".into(),
            "Daar ga ik niet over, dat moet u bij de afdeling Afval melden.".into(),
            "De vuilniswagen komt altijd op dinsdag, dat staat op de afvalkalender.".into(),
            "Vervelend. Ik zorg dat de container morgen nog wordt geleegd.".into(),
        ],
    );
    server.open();
    println!("{}", server.url());
    for _ in 0..seconds {
        std::thread::sleep(Duration::from_secs(1));
        println!(
            "tally {:?}, phones {}",
            server.tally(),
            server.phones_connected()
        );
    }
}
