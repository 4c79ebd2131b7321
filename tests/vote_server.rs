//! The vote server over real HTTP on loopback: 200 phones over 5 turns, every vote
//! counted once; refusals for a missing code, oversized and malformed requests that
//! change nothing; and a port that is free again after `stop()`.

mod phone;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use klachtwijs::scenario::model::Language;
use klachtwijs::vote::{Rate, VoteConfig, VoteServer};
use phone::{Phone, get, post, send_raw};

const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// A server on loopback with an OS-chosen port. All test phones share one address, so
/// the per-address limit is off; a phone here does in a second what a real one does in
/// a workshop, so its burst is larger than the default.
fn server() -> VoteServer {
    let mut config = VoteConfig::new(LOOPBACK, Some(0), Language::Nl);
    config.per_address = None;
    config.per_phone = Some(Rate {
        burst: 60,
        per_second: 5,
    });
    VoteServer::start_with(config).expect("the server starts on loopback")
}

fn options() -> Vec<String> {
    [
        "Ik hoor dat u boos bent.",
        "Dat is niet mijn afdeling.",
        "Wat is er gebeurd?",
        "Regels zijn regels.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Runs `f` for every phone on four client threads.
fn each_phone(phones: &[Phone], f: impl Fn(usize, &Phone) + Sync) {
    std::thread::scope(|s| {
        for (part, chunk) in phones.chunks(phones.len().div_ceil(4)).enumerate() {
            let f = &f;
            let base = part * phones.len().div_ceil(4);
            s.spawn(move || {
                for (i, phone) in chunk.iter().enumerate() {
                    f(base + i, phone);
                }
            });
        }
    });
}

#[test]
fn two_hundred_phones_over_five_turns_every_vote_counted_once() {
    let vote = server();
    let (addr, code) = (vote.local_addr(), vote.code().to_string());
    assert_eq!(
        vote.url(),
        format!("http://127.0.0.1:{}/{code}", addr.port())
    );
    let phones: Vec<Phone> = (0..200)
        .map(|_| Phone::join(addr, &code).expect("join"))
        .collect();
    let distinct: std::collections::BTreeSet<_> = phones.iter().map(|p| &p.cookie).collect();
    assert_eq!(distinct.len(), 200, "every phone gets its own cookie");
    assert_eq!(vote.phones_connected(), 200);

    for turn in 1..=5usize {
        vote.set_turn(turn, options());
        // Closed until opened: a page without a form.
        assert_eq!(phones[0].ballot().unwrap(), None);
        vote.open();
        let choice = |i: usize| (i * 7 + turn) % 4 + 1;
        each_phone(&phones, |i, p| {
            let ballot = p.ballot().unwrap().expect("voting is open");
            assert_eq!(p.vote(ballot, choice(i)).unwrap(), 303);
        });
        let mut expected = vec![0u32; 4];
        for i in 0..200 {
            expected[choice(i) - 1] += 1;
        }
        assert_eq!(vote.tally(), expected, "turn {turn}: one vote per phone");
        assert_eq!(vote.tally().iter().sum::<u32>(), 200);

        // Every fifth phone changes its mind: the vote is replaced, not added.
        let ballot = phones[0].ballot().unwrap().unwrap();
        each_phone(&phones, |i, p| {
            if i % 5 == 0 {
                assert_eq!(p.vote(ballot, 4).unwrap(), 303);
                // Voting the same again changes nothing either.
                assert_eq!(p.vote(ballot, 4).unwrap(), 303);
            }
        });
        for i in (0..200).step_by(5) {
            expected[choice(i) - 1] -= 1;
            expected[3] += 1;
        }
        assert_eq!(vote.tally(), expected, "turn {turn}: changed votes replace");
        // The phone sees its own vote.
        assert!(phones[0].page().unwrap().body.contains("Uw stem: 4"));

        // After the vote closes, a vote is refused and nothing moves.
        vote.close();
        assert_eq!(phones[1].vote(ballot, 1).unwrap(), 409);
        assert_eq!(vote.tally(), expected);
    }

    // A vote from a page of an earlier question does not count on the next one.
    let old = {
        vote.open();
        phones[0].ballot().unwrap().unwrap()
    };
    vote.set_turn(6, options());
    vote.open();
    assert_eq!(phones[0].vote(old, 1).unwrap(), 409);
    assert_eq!(vote.tally(), vec![0; 4]);
    // A re-vote starts from zero on the same question.
    let ballot = phones[0].ballot().unwrap().unwrap();
    assert_eq!(phones[0].vote(ballot, 2).unwrap(), 303);
    vote.revote();
    assert_eq!(vote.tally(), vec![0; 4]);
    assert_eq!(phones[0].vote(ballot, 2).unwrap(), 409);
}

#[test]
fn requests_without_the_join_code_are_refused() {
    let vote = server();
    let (addr, code) = (vote.local_addr(), vote.code().to_string());
    let wrong = if code == "0000" { "0001" } else { "0000" };
    let phone = Phone::join(addr, &code).unwrap();
    vote.set_turn(1, options());
    vote.open();
    let ballot = phone.ballot().unwrap().unwrap();
    let body = format!("ballot={ballot}&option=1");

    assert_eq!(get(addr, "/", None).unwrap().status, 404);
    assert_eq!(get(addr, &format!("/{wrong}"), None).unwrap().status, 404);
    assert_eq!(get(addr, "/vote", Some(&phone.cookie)).unwrap().status, 404);
    assert_eq!(
        post(addr, &format!("/{wrong}/vote"), Some(&phone.cookie), &body)
            .unwrap()
            .status,
        404
    );
    assert_eq!(
        post(addr, "/vote", Some(&phone.cookie), &body)
            .unwrap()
            .status,
        404
    );
    // The right code without a cookie the server gave out.
    assert_eq!(
        post(addr, &format!("/{code}/vote"), None, &body)
            .unwrap()
            .status,
        403
    );
    let forged = "0123456789abcdef0123456789abcdef";
    assert_eq!(
        post(addr, &format!("/{code}/vote"), Some(forged), &body)
            .unwrap()
            .status,
        403
    );
    assert_eq!(
        get(addr, &format!("/{code}/state"), Some(forged))
            .unwrap()
            .status,
        403
    );
    assert_eq!(vote.tally(), vec![0; 4]);
    // With both, it counts.
    assert_eq!(phone.vote(ballot, 1).unwrap(), 303);
    assert_eq!(vote.tally(), vec![1, 0, 0, 0]);
}

#[test]
fn oversized_and_malformed_requests_get_4xx_and_change_nothing() {
    let vote = server();
    let (addr, code) = (vote.local_addr(), vote.code().to_string());
    let phone = Phone::join(addr, &code).unwrap();
    vote.set_turn(1, options());
    vote.open();
    let ballot = phone.ballot().unwrap().unwrap();
    assert_eq!(phone.vote(ballot, 2).unwrap(), 303);
    let before = vote.tally();
    let path = format!("/{code}/vote");
    let c = &phone.cookie;
    let big_body = format!("ballot={ballot}&option=1&{}", "x".repeat(10_000));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("oversized body", format!("POST {path} HTTP/1.1\r\nCookie: kw={c}\r\nContent-Length: {}\r\n\r\n{big_body}", big_body.len()).into_bytes()),
        ("body just over the limit", format!("POST {path} HTTP/1.1\r\nCookie: kw={c}\r\nContent-Length: 257\r\n\r\n{}", "a".repeat(257)).into_bytes()),
        ("long url", format!("GET /{code}?{} HTTP/1.1\r\nCookie: kw={c}\r\n\r\n", "a".repeat(1100)).into_bytes()),
        ("huge header", format!("POST {path} HTTP/1.1\r\nCookie: kw={c}\r\nX-Pad: {}\r\nContent-Length: 0\r\n\r\n", "p".repeat(8000)).into_bytes()),
        ("garbage", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n".to_vec()),
        ("no version", format!("POST {path}\r\n\r\n").into_bytes()),
        ("chunked", format!("POST {path} HTTP/1.1\r\nCookie: kw={c}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n").into_bytes()),
        ("no length", format!("POST {path} HTTP/1.1\r\nCookie: kw={c}\r\n\r\n").into_bytes()),
        ("bad length", format!("POST {path} HTTP/1.1\r\nCookie: kw={c}\r\nContent-Length: -3\r\n\r\n").into_bytes()),
    ];
    for (what, raw) in cases {
        let reply = send_raw(addr, &raw).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(
            (400..500).contains(&reply.status),
            "{what}: {}",
            reply.status
        );
        assert_eq!(vote.tally(), before, "{what} changed the tally");
    }
    for body in [
        String::new(),
        format!("ballot={ballot}"),
        format!("ballot={ballot}&option=0"),
        format!("ballot={ballot}&option=5"),
        format!("ballot={ballot}&option=1e3"),
        format!("ballot={ballot}&option=1&option=3"),
        "ballot=x&option=1".to_string(),
        format!("ballot={ballot}&option=1&name=Piet"),
        "%%%%".to_string(),
    ] {
        let reply = post(addr, &path, Some(c), &body).unwrap();
        assert_eq!(reply.status, 400, "{body:?}");
        assert_eq!(vote.tally(), before, "{body:?} changed the tally");
    }
    assert_eq!(get(addr, &path, Some(c)).unwrap().status, 405);
    assert_eq!(
        send_raw(addr, format!("DELETE /{code} HTTP/1.1\r\n\r\n").as_bytes())
            .unwrap()
            .status,
        405
    );
    // The phone's vote is still option 2.
    assert!(phone.page().unwrap().body.contains("Uw stem: 2"));
}

#[test]
fn a_phone_that_asks_too_often_is_slowed_down_without_a_change() {
    let mut config = VoteConfig::new(LOOPBACK, Some(0), Language::En);
    config.per_phone = Some(Rate {
        burst: 4,
        per_second: 1,
    });
    config.per_address = Some(Rate {
        burst: 30,
        per_second: 1,
    });
    let vote = VoteServer::start_with(config).unwrap();
    let (addr, code) = (vote.local_addr(), vote.code().to_string());
    let phone = Phone::join(addr, &code).unwrap();
    vote.set_turn(1, options());
    vote.open();
    let ballot = phone.ballot().unwrap().unwrap();
    assert_eq!(phone.vote(ballot, 3).unwrap(), 303);
    let statuses: Vec<u16> = (0..6).map(|_| phone.vote(ballot, 1).unwrap()).collect();
    assert!(statuses.contains(&429), "{statuses:?}");
    let counted = vote.tally();
    // The burst let at most two more votes through (4 tokens: the page, the vote, two).
    assert!(
        counted == vec![0, 0, 1, 0] || counted == vec![1, 0, 0, 0],
        "{counted:?}"
    );
    // The address limit: many new phones from one address in a burst.
    let refused = (0..40)
        .map(|_| get(addr, &format!("/{code}"), None).unwrap().status)
        .filter(|&s| s == 429)
        .count();
    assert!(refused > 0);
}

#[test]
fn the_app_is_woken_when_a_phone_arrives_or_votes() {
    let vote = server();
    let woken = Arc::new(AtomicUsize::new(0));
    let w = woken.clone();
    vote.set_waker(move || {
        w.fetch_add(1, Ordering::SeqCst);
    });
    let phone = Phone::join(vote.local_addr(), vote.code()).unwrap();
    assert_eq!(woken.load(Ordering::SeqCst), 1);
    vote.set_turn(1, options());
    vote.open();
    let ballot = phone.ballot().unwrap().unwrap();
    phone.vote(ballot, 1).unwrap();
    phone.vote(ballot, 1).unwrap();
    assert_eq!(
        woken.load(Ordering::SeqCst),
        2,
        "the same vote twice wakes once"
    );
}

#[test]
fn after_stop_the_port_refuses_connections_and_is_free() {
    let mut vote = server();
    let addr = vote.local_addr();
    let phone = Phone::join(addr, vote.code()).unwrap();
    // A slow client in the middle of a request does not hold the stop up.
    let mut slow = TcpStream::connect(addr).unwrap();
    std::io::Write::write_all(&mut slow, b"GET /").unwrap();
    std::thread::sleep(Duration::from_millis(50));
    let t = std::time::Instant::now();
    vote.stop();
    assert!(
        t.elapsed() < Duration::from_secs(2),
        "stop took {:?}",
        t.elapsed()
    );
    assert!(!vote.is_running());
    assert!(
        TcpStream::connect(addr).is_err(),
        "nothing listens any more"
    );
    assert!(phone.page().is_err());
    // The port can be taken again at once.
    drop(TcpListener::bind(addr).expect("the port is free"));
    vote.stop();

    // Dropping the server stops it too.
    let dropped = server();
    let addr: SocketAddr = dropped.local_addr();
    drop(dropped);
    assert!(TcpStream::connect(addr).is_err());
}
