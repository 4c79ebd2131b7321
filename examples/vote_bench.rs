//! Votes per second the vote server takes on loopback: 200 phones join, then four client
//! threads cast a bounded number of votes (each a new connection, as every answer
//! closes it), changing their phones' votes round and round. Prints the rate.
//!
//! `cargo run --release --no-default-features --example vote_bench [VOTES]`

#[path = "../tests/phone/mod.rs"]
mod phone;

use std::net::{IpAddr, Ipv4Addr};
use std::time::Instant;

use klachtwijs::scenario::model::Language;
use klachtwijs::vote::{VoteConfig, VoteServer};
use phone::Phone;

fn main() {
    let votes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000)
        .clamp(100, 1_000_000);
    let mut config = VoteConfig::new(IpAddr::V4(Ipv4Addr::LOCALHOST), Some(0), Language::Nl);
    // One address and a machine-speed client: the limits would measure themselves.
    config.per_address = None;
    config.per_phone = None;
    let server = VoteServer::start_with(config).expect("server");
    let (addr, code) = (server.local_addr(), server.code().to_string());
    let phones: Vec<Phone> = (0..200)
        .map(|_| Phone::join(addr, &code).expect("join"))
        .collect();
    server.set_turn(1, (1..=4).map(|i| format!("option {i}")).collect());
    server.open();
    let ballot = phones[0].ballot().expect("page").expect("open");
    let clients = 4;
    let start = Instant::now();
    std::thread::scope(|s| {
        for c in 0..clients {
            let phones = &phones;
            s.spawn(move || {
                for n in (c..votes).step_by(clients) {
                    let status = phones[n % phones.len()]
                        .vote(ballot, n % 4 + 1)
                        .expect("vote");
                    assert_eq!(status, 303);
                }
            });
        }
    });
    let secs = start.elapsed().as_secs_f64();
    let tally = server.tally();
    assert_eq!(
        tally.iter().sum::<u32>(),
        200,
        "one vote per phone: {tally:?}"
    );
    println!(
        "{votes} votes from 200 phones on {clients} client threads in {secs:.2} s: {:.0} votes/s (tally {tally:?})",
        votes as f64 / secs
    );
}
