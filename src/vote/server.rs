//! The vote server: serves the phone page on one local address while the facilitator
//! has phone votes switched on, and counts one vote per phone per ballot.
//!
//! Threads: one accepts connections, a few workers serve them (one request each, then
//! the connection closes). Idle, all of them sleep in the kernel: no polling.
//!
//! Over 500 lines with its tests: the request parsing, limits and handlers
//! are one security boundary, read together.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::http::{self, Refusal, Request, RequestLimits, Response};
use super::page::{self, PageView, lang_tag};
use super::qr::QrMatrix;
use crate::scenario::model::Language;

/// The port tried first when none is asked for: easy to type, rarely taken.
pub const DEFAULT_PORT: u16 = 8047;

/// A token bucket: `burst` requests at once, refilled at `per_second`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub burst: u32,
    pub per_second: u32,
}

/// Everything the server can be set up with; [`VoteConfig::new`] gives the defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteConfig {
    /// The address to listen on: the laptop's LAN address, or loopback in tests.
    pub bind: IpAddr,
    /// `None`: [`DEFAULT_PORT`], or one the OS picks when that is taken. `Some(0)`: the OS
    /// picks. `Some(p)`: exactly `p`.
    pub port: Option<u16>,
    /// The page's language (the page links to the other one).
    pub lang: Language,
    pub request: RequestLimits,
    /// Per phone (cookie). Default: bursts of 20, 5 a second.
    pub per_phone: Option<Rate>,
    /// Per network address, before anything is read. Default: bursts of 120, 40 a second.
    pub per_address: Option<Rate>,
    /// The most phones (cookies) kept at once; more get 503 until some go quiet.
    pub max_phones: usize,
    /// Worker threads serving requests.
    pub workers: usize,
    /// A phone counts as connected while its last request is this recent (the page asks
    /// every 3 s).
    pub connected_window: Duration,
}

impl VoteConfig {
    pub fn new(bind: IpAddr, port: Option<u16>, lang: Language) -> VoteConfig {
        VoteConfig {
            bind,
            port,
            lang,
            request: RequestLimits::default(),
            per_phone: Some(Rate {
                burst: 20,
                per_second: 5,
            }),
            per_address: Some(Rate {
                burst: 120,
                per_second: 40,
            }),
            max_phones: 1000,
            workers: 4,
            connected_window: Duration::from_secs(30),
        }
    }
}

/// Why the server did not start.
#[derive(Debug, thiserror::Error)]
pub enum VoteError {
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: io::Error },
    #[error("the operating system gave no random numbers: {0}")]
    Random(String),
    #[error("cannot start the vote server's threads: {0}")]
    Thread(io::Error),
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(rate: Rate, now: Instant) -> Bucket {
        Bucket {
            tokens: f64::from(rate.burst),
            at: now,
        }
    }

    /// Takes one token if there is one.
    fn take(&mut self, rate: Rate, now: Instant) -> bool {
        let refill =
            now.saturating_duration_since(self.at).as_secs_f64() * f64::from(rate.per_second);
        self.tokens = (self.tokens + refill).min(f64::from(rate.burst));
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Takes a token from `key`'s bucket in `map`, keeping the map small: when it grows
/// past `cap`, buckets that have refilled completely are forgotten.
fn allow<K: std::hash::Hash + Eq + Copy>(
    map: &mut HashMap<K, Bucket>,
    key: K,
    rate: Option<Rate>,
    now: Instant,
    cap: usize,
) -> bool {
    let Some(rate) = rate else { return true };
    if map.len() >= cap {
        let full =
            Duration::from_secs_f64(f64::from(rate.burst) / f64::from(rate.per_second.max(1)));
        map.retain(|_, b| now.saturating_duration_since(b.at) < full);
    }
    map.entry(key)
        .or_insert_with(|| Bucket::full(rate, now))
        .take(rate, now)
}

/// A phone: a random 128-bit id in its cookie. Nothing else is known of it.
type PhoneId = u128;

#[derive(Debug, Default)]
struct State {
    turn: usize,
    options: Vec<String>,
    /// Goes up with every new question and every re-vote; a form carries it, so a vote
    /// from a page that is out of date is refused.
    ballot: u32,
    open: bool,
    /// This ballot's votes: phone → option (0-based).
    votes: HashMap<PhoneId, usize>,
    /// Phones and when they last asked anything.
    phones: HashMap<PhoneId, Instant>,
    by_address: HashMap<IpAddr, Bucket>,
    by_phone: HashMap<PhoneId, Bucket>,
}

type Waker = Arc<dyn Fn() + Send + Sync>;

struct Shared {
    config: VoteConfig,
    code: String,
    state: Mutex<State>,
    waker: Mutex<Option<Waker>>,
    stopping: AtomicBool,
    /// The connection each worker is serving, so that `stop` can cut it.
    active: Mutex<Vec<Option<TcpStream>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves plain counts behind: still usable.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn random_bytes<const N: usize>() -> Result<[u8; N], VoteError> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|e| VoteError::Random(e.to_string()))?;
    Ok(b)
}

fn parse_phone(cookie: Option<&str>) -> Option<PhoneId> {
    let c = cookie?;
    if c.len() != 32
        || !c
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return None;
    }
    u128::from_str_radix(c, 16).ok()
}

/// A small bilingual text for refusals.
fn refusal_text(status: u16) -> &'static str {
    match status {
        400 => "Onjuist verzoek. / Bad request.",
        403 => "Open eerst de stempagina. / Open the voting page first.",
        404 => "Niet gevonden: controleer de code. / Not found: check the code.",
        405 => "Niet toegestaan. / Not allowed.",
        408 => "Te langzaam. / Too slow.",
        411 => "Lengte ontbreekt. / Length required.",
        413 => "Te groot. / Too large.",
        414 => "Adres te lang. / Address too long.",
        429 => "Te veel verzoeken, probeer het zo weer. / Too many requests, try again shortly.",
        431 => "Kopregels te groot. / Headers too large.",
        503 => "Te druk, probeer het zo weer. / Too busy, try again shortly.",
        _ => "Fout. / Error.",
    }
}

fn refuse(status: u16) -> Response {
    Response::text(status, refusal_text(status))
}

fn query_lang(query: &str, default: Language) -> Language {
    query
        .split('&')
        .find_map(|kv| match kv {
            "l=nl" => Some(Language::Nl),
            "l=en" => Some(Language::En),
            _ => None,
        })
        .unwrap_or(default)
}

/// A vote form's fields: `ballot`, `option` and optionally `l`.
fn parse_vote(body: &[u8]) -> Option<(u32, usize, Option<Language>)> {
    let body = std::str::from_utf8(body).ok()?;
    let (mut ballot, mut option, mut lang) = (None, None, None);
    for pair in body.split('&') {
        let (k, v) = pair.split_once('=')?;
        match k {
            "ballot" if ballot.is_none() => ballot = Some(v.parse::<u32>().ok()?),
            "option" if option.is_none() => option = Some(v.parse::<usize>().ok()?),
            "l" => lang = Some(query_lang(&format!("l={v}"), Language::Nl)),
            _ => return None,
        }
    }
    Some((ballot?, option?, lang))
}

impl Shared {
    fn wake(&self) {
        let waker = lock(&self.waker).clone();
        if let Some(w) = waker {
            w();
        }
    }

    /// The phone behind a request, if its cookie is one this server gave out; counts it
    /// against the phone's rate. `Err` is the refusal.
    fn known_phone(
        &self,
        st: &mut State,
        req: &Request,
        now: Instant,
    ) -> Result<PhoneId, Response> {
        let id = parse_phone(req.cookie.as_deref())
            .filter(|id| st.phones.contains_key(id))
            .ok_or_else(|| refuse(403))?;
        if !allow(
            &mut st.by_phone,
            id,
            self.config.per_phone,
            now,
            self.config.max_phones,
        ) {
            return Err(refuse(429));
        }
        st.phones.insert(id, now);
        Ok(id)
    }

    fn respond(&self, req: &Request) -> Response {
        let path = req.path.strip_prefix('/').unwrap_or(&req.path);
        let (code, rest) = path.split_once('/').unwrap_or((path, ""));
        if code != self.code {
            return refuse(404);
        }
        let lang = query_lang(&req.query, self.config.lang);
        let now = Instant::now();
        match (req.method.as_str(), rest) {
            ("GET" | "HEAD", "") => self.page(req, lang, now),
            ("GET" | "HEAD", "state") => {
                let mut st = lock(&self.state);
                match self.known_phone(&mut st, req, now) {
                    Ok(_) => Response::text(200, page::state_line(st.ballot, st.open)),
                    Err(r) => r,
                }
            }
            ("POST", "vote") => self.vote(req, now),
            (_, "" | "state") => refuse(405).with("Allow", "GET, HEAD".into()),
            (_, "vote") => refuse(405).with("Allow", "POST".into()),
            _ => refuse(404),
        }
    }

    /// The page as `phone` sees it now.
    fn render(&self, st: &State, phone: PhoneId, lang: Language) -> String {
        page::render(&PageView {
            lang,
            code: &self.code,
            turn: st.turn,
            options: &st.options,
            ballot: st.ballot,
            open: st.open,
            mine: st.votes.get(&phone).map(|i| i + 1),
        })
    }

    fn page(&self, req: &Request, lang: Language, now: Instant) -> Response {
        let mut st = lock(&self.state);
        let mut new_cookie = None;
        let id = match self.known_phone(&mut st, req, now) {
            Ok(id) => id,
            Err(r) if r.status == 429 => return r,
            Err(_) => {
                if st.phones.len() >= self.config.max_phones {
                    let window = self.config.connected_window;
                    st.phones
                        .retain(|_, seen| now.saturating_duration_since(*seen) < window);
                    if st.phones.len() >= self.config.max_phones {
                        return refuse(503);
                    }
                }
                let id = match random_bytes::<16>() {
                    Ok(b) => u128::from_le_bytes(b),
                    Err(_) => return refuse(503),
                };
                st.phones.insert(id, now);
                new_cookie = Some(id);
                id
            }
        };
        let html = self.render(&st, id, lang);
        drop(st);
        let mut response = Response::html(200, html);
        if let Some(id) = new_cookie {
            response = response.with(
                "Set-Cookie",
                format!(
                    "kw={id:032x}; Path=/{}; HttpOnly; SameSite=Strict; Max-Age=43200",
                    self.code
                ),
            );
            self.wake();
        }
        response
    }

    fn vote(&self, req: &Request, now: Instant) -> Response {
        let mut st = lock(&self.state);
        let id = match self.known_phone(&mut st, req, now) {
            Ok(id) => id,
            Err(r) => return r,
        };
        let Some((ballot, option, lang)) = parse_vote(&req.body) else {
            return refuse(400);
        };
        if option == 0 || option > st.options.len() {
            return refuse(400);
        }
        let lang = lang.unwrap_or(self.config.lang);
        if ballot != st.ballot || !st.open {
            // The page was out of date: show the current one.
            return Response::html(409, self.render(&st, id, lang));
        }
        let before = st.votes.insert(id, option - 1);
        drop(st);
        if before != Some(option - 1) {
            self.wake();
        }
        Response::text(303, "").with("Location", format!("/{}?l={}", self.code, lang_tag(lang)))
    }

    /// Serves one connection: rate by address, read, answer, close.
    fn serve(&self, mut stream: TcpStream) {
        let now = Instant::now();
        if let Ok(peer) = stream.peer_addr() {
            let ok = {
                let mut st = lock(&self.state);
                allow(
                    &mut st.by_address,
                    peer.ip(),
                    self.config.per_address,
                    now,
                    4096,
                )
            };
            if !ok {
                let _ = refuse(429).send(&mut stream, false);
                http::linger_close(&mut stream);
                return;
            }
        }
        match http::read_request(&mut stream, &self.config.request) {
            Ok(req) => {
                let response = self.respond(&req);
                let _ = response.send(&mut stream, req.method == "HEAD");
            }
            Err(Refusal::Gone) => {}
            Err(Refusal::Status(status)) => {
                let _ = refuse(status).send(&mut stream, false);
                http::linger_close(&mut stream);
            }
        }
    }
}

fn worker(shared: Arc<Shared>, slot: usize, rx: Arc<Mutex<Receiver<TcpStream>>>) {
    loop {
        let next = lock(&rx).recv();
        let Ok(stream) = next else { return };
        if let Ok(clone) = stream.try_clone() {
            lock(&shared.active)[slot] = Some(clone);
        }
        if !shared.stopping.load(Ordering::SeqCst) {
            shared.serve(stream);
        }
        lock(&shared.active)[slot] = None;
    }
}

fn accept_loop(shared: Arc<Shared>, listener: TcpListener, tx: SyncSender<TcpStream>) {
    for conn in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            break;
        }
        match conn {
            Ok(stream) => match tx.try_send(stream) {
                Ok(()) => {}
                Err(TrySendError::Full(mut stream)) => {
                    let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
                    let _ = stream.write_all(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                }
                Err(TrySendError::Disconnected(_)) => break,
            },
            // Out of file descriptors, for example: breathe, then go on.
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// The running vote server. Every method takes `&self`, so the app can keep it in a
/// resource and call it each frame; [`VoteServer::set_waker`] tells the app when a phone
/// changed something, so it need not poll.
pub struct VoteServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    host: IpAddr,
    accept: Option<JoinHandle<()>>,
    workers: Vec<JoinHandle<()>>,
}

impl fmt::Debug for VoteServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VoteServer")
            .field("addr", &self.addr)
            .field("running", &self.accept.is_some())
            .finish_non_exhaustive()
    }
}

impl VoteServer {
    /// Starts serving on `bind` with the default limits. See [`VoteConfig::port`].
    pub fn start(bind: IpAddr, port: Option<u16>, lang: Language) -> Result<VoteServer, VoteError> {
        VoteServer::start_with(VoteConfig::new(bind, port, lang))
    }

    pub fn start_with(config: VoteConfig) -> Result<VoteServer, VoteError> {
        let listener = match config.port {
            Some(p) => bind(config.bind, p)?,
            None => bind(config.bind, DEFAULT_PORT).or_else(|_| bind(config.bind, 0))?,
        };
        let addr = listener.local_addr().map_err(VoteError::Thread)?;
        let code = format!("{:04}", u32::from_le_bytes(random_bytes::<4>()?) % 10_000);
        let host = super::net::url_host(config.bind);
        let workers = config.workers.max(1);
        let shared = Arc::new(Shared {
            code,
            state: Mutex::new(State::default()),
            waker: Mutex::new(None),
            stopping: AtomicBool::new(false),
            active: Mutex::new((0..workers).map(|_| None).collect()),
            config,
        });
        let (tx, rx) = mpsc::sync_channel::<TcpStream>(64);
        let rx = Arc::new(Mutex::new(rx));
        let mut server = VoteServer {
            shared: shared.clone(),
            addr,
            host,
            accept: None,
            workers: Vec::with_capacity(workers),
        };
        for slot in 0..workers {
            let (shared, rx) = (shared.clone(), rx.clone());
            let handle = std::thread::Builder::new()
                .name(format!("vote-worker-{slot}"))
                .spawn(move || worker(shared, slot, rx))
                .map_err(VoteError::Thread)?;
            server.workers.push(handle);
        }
        let accept = std::thread::Builder::new()
            .name("vote-accept".into())
            .spawn(move || accept_loop(shared, listener, tx))
            .map_err(VoteError::Thread)?;
        server.accept = Some(accept);
        Ok(server)
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The join code, four digits, part of every address the server answers.
    pub fn code(&self) -> &str {
        &self.shared.code
    }

    /// The page's address for the phones, e.g. `http://192.168.1.23:8047/4821`.
    pub fn url(&self) -> String {
        format!("http://{}", self.short_address())
    }

    /// The address to show under the QR code, without `http://`.
    pub fn short_address(&self) -> String {
        format!(
            "{}/{}",
            SocketAddr::new(self.host, self.addr.port()),
            self.shared.code
        )
    }

    /// The QR code of [`VoteServer::url`], for the app to paint.
    pub fn qr(&self) -> QrMatrix {
        QrMatrix::encode(&self.url()).unwrap_or(QrMatrix {
            width: 0,
            dark: Vec::new(),
        })
    }

    /// The QR code of [`VoteServer::url`] as SVG, `size` pixels square at least.
    pub fn qr_svg(&self, size: u32) -> String {
        QrMatrix::svg(&self.url(), size).unwrap_or_default()
    }

    /// Puts a new question to the phones: `turn` (1-based) and its options as displayed.
    /// Starts a new ballot: the votes so far are dropped, and voting is closed until
    /// [`VoteServer::open`].
    pub fn set_turn(&self, turn: usize, options: Vec<String>) {
        let mut st = lock(&self.shared.state);
        st.turn = turn;
        st.options = options;
        st.ballot = st.ballot.wrapping_add(1);
        st.open = false;
        st.votes.clear();
    }

    /// Starts a second ballot on the same question (vote, discuss, vote again): the
    /// votes so far are dropped (take [`VoteServer::tally`] first) and voting opens.
    pub fn revote(&self) {
        let mut st = lock(&self.shared.state);
        st.ballot = st.ballot.wrapping_add(1);
        st.votes.clear();
        st.open = true;
    }

    /// Opens voting on the current question.
    pub fn open(&self) {
        lock(&self.shared.state).open = true;
    }

    /// Closes voting; the tally stays until the next question.
    pub fn close(&self) {
        lock(&self.shared.state).open = false;
    }

    pub fn is_open(&self) -> bool {
        lock(&self.shared.state).open
    }

    /// The votes per option, in the order displayed (index 0 is option 1).
    pub fn tally(&self) -> Vec<u32> {
        let st = lock(&self.shared.state);
        let mut counts = vec![0u32; st.options.len()];
        for &option in st.votes.values() {
            if let Some(c) = counts.get_mut(option) {
                *c += 1;
            }
        }
        counts
    }

    /// Phones that asked anything in the last [`VoteConfig::connected_window`].
    pub fn phones_connected(&self) -> usize {
        let now = Instant::now();
        let window = self.shared.config.connected_window;
        let st = lock(&self.shared.state);
        st.phones
            .values()
            .filter(|seen| now.saturating_duration_since(**seen) < window)
            .count()
    }

    /// Called (on a server thread) whenever a phone arrives or a vote changes, for the
    /// app to request a redraw. Keep it short.
    pub fn set_waker(&self, waker: impl Fn() + Send + Sync + 'static) {
        *lock(&self.shared.waker) = Some(Arc::new(waker));
    }

    /// Whether the server still listens.
    pub fn is_running(&self) -> bool {
        self.accept.is_some()
    }

    /// Stops listening and serving; when it returns the port is free and every
    /// connection closed. The votes are dropped with the server. Safe to call twice.
    pub fn stop(&mut self) {
        let Some(accept) = self.accept.take() else {
            return;
        };
        self.shared.stopping.store(true, Ordering::SeqCst);
        // Wake the accept thread, which sees the flag and drops the listener.
        let target = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => {
                SocketAddr::from((Ipv4Addr::LOCALHOST, self.addr.port()))
            }
            IpAddr::V6(ip) if ip.is_unspecified() => {
                SocketAddr::from((Ipv6Addr::LOCALHOST, self.addr.port()))
            }
            _ => self.addr,
        };
        if TcpStream::connect_timeout(&target, Duration::from_millis(500)).is_ok() {
            let _ = accept.join();
        }
        for stream in lock(&self.shared.active).iter().flatten() {
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
        for handle in self.workers.drain(..) {
            let _ = handle.join();
        }
        let mut st = lock(&self.shared.state);
        st.votes.clear();
        st.phones.clear();
        st.by_address.clear();
        st.by_phone.clear();
    }
}

impl Drop for VoteServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, VoteError> {
    let addr = SocketAddr::new(ip, port);
    TcpListener::bind(addr).map_err(|source| VoteError::Bind { addr, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_its_burst_then_its_rate() {
        let rate = Rate {
            burst: 3,
            per_second: 2,
        };
        let t0 = Instant::now();
        let mut b = Bucket::full(rate, t0);
        assert!((0..3).all(|_| b.take(rate, t0)));
        assert!(!b.take(rate, t0));
        assert!(b.take(rate, t0 + Duration::from_millis(500)));
        assert!(!b.take(rate, t0 + Duration::from_millis(500)));
    }

    #[test]
    fn vote_forms_and_cookies_parse_strictly() {
        assert_eq!(parse_vote(b"ballot=3&option=2"), Some((3, 2, None)));
        assert_eq!(
            parse_vote(b"ballot=3&option=2&l=en"),
            Some((3, 2, Some(Language::En)))
        );
        assert_eq!(parse_vote(b"ballot=3"), None);
        assert_eq!(parse_vote(b"ballot=3&option=x"), None);
        assert_eq!(parse_vote(b"ballot=3&option=1&evil=1"), None);
        assert_eq!(parse_vote(b"ballot=3&option=1&option=2"), None);
        assert_eq!(parse_vote(&[0xff, 0xfe]), None);
        assert_eq!(
            parse_phone(Some("0000000000000000000000000000002a")),
            Some(42)
        );
        assert_eq!(parse_phone(Some("2a")), None);
        assert_eq!(parse_phone(Some("0000000000000000000000000000002A")), None);
    }
}
