//! A deliberately small HTTP/1.1 reader and writer for the vote page, on `std::net`.
//!
//! Why not a crate: the page needs four routes, one connection per request and hard
//! limits that hold *while* reading: a request line longer than the URL limit, a header
//! section longer than its limit or a body longer than its limit is refused before it is
//! buffered, and a client that sends too slowly is cut off at a deadline. The small
//! servers on crates.io read a header line to its end before anyone can look at it, and
//! have no read deadline, so a single phone could hold memory or a thread. Every
//! response closes the connection, so stopping the server leaves nothing open.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The limits a request must keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestLimits {
    /// Longest request target (path and query), in bytes.
    pub max_url: usize,
    /// Longest header section (request line and headers), in bytes.
    pub max_header: usize,
    /// Longest body, in bytes.
    pub max_body: usize,
    /// How long a whole request may take to arrive.
    pub deadline: Duration,
}

impl Default for RequestLimits {
    fn default() -> Self {
        RequestLimits {
            max_url: 1024,
            max_header: 4096,
            max_body: 256,
            deadline: Duration::from_secs(3),
        }
    }
}

/// A request as the vote routes need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    pub method: String,
    /// The path without the query, as sent (no decoding: the routes are plain ASCII).
    pub path: String,
    pub query: String,
    /// The value of the `kw` cookie, if sent.
    pub cookie: Option<String>,
    pub body: Vec<u8>,
}

/// Why a request was not read. `status` is the answer to send, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The client went away (or sent nothing): no answer.
    Gone,
    Status(u16),
}

fn find_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n").map(|p| p + 4)
}

/// Reads what has arrived into `buf`, waiting no longer than `deadline`.
fn read_more(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    deadline: Instant,
) -> Result<usize, Refusal> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(Refusal::Status(408));
    }
    stream
        .set_read_timeout(Some(left))
        .map_err(|_| Refusal::Gone)?;
    let mut chunk = [0u8; 1024];
    match stream.read(&mut chunk) {
        Ok(0) => Err(Refusal::Gone),
        Ok(n) => {
            buf.extend_from_slice(&chunk[..n]);
            Ok(n)
        }
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ) =>
        {
            Err(Refusal::Status(408))
        }
        Err(_) => Err(Refusal::Gone),
    }
}

/// Reads one request within `limits`.
pub(crate) fn read_request(
    stream: &mut TcpStream,
    limits: &RequestLimits,
) -> Result<Request, Refusal> {
    let deadline = Instant::now() + limits.deadline;
    let mut buf = Vec::with_capacity(1024);
    // "GET " + target + " HTTP/1.1\r\n": the request line may be this long.
    let max_line = limits.max_url + 32;
    let end = loop {
        if let Some(end) = find_end(&buf) {
            break end;
        }
        let line_open = !buf.windows(2).any(|w| w == b"\r\n");
        if line_open && buf.len() > max_line {
            return Err(Refusal::Status(414));
        }
        if buf.len() > limits.max_header {
            return Err(Refusal::Status(431));
        }
        if let Err(r) = read_more(stream, &mut buf, deadline) {
            // Nothing sent at all: a connection opened and closed (or a pre-connect).
            return Err(if buf.is_empty() { Refusal::Gone } else { r });
        }
    };
    if end > limits.max_header {
        return Err(Refusal::Status(431));
    }
    let head = std::str::from_utf8(&buf[..end - 4]).map_err(|_| Refusal::Status(400))?;
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::Status(400));
    };
    if target.len() > limits.max_url {
        return Err(Refusal::Status(414));
    }
    if !matches!(version, "HTTP/1.1" | "HTTP/1.0") {
        return Err(Refusal::Status(if version.starts_with("HTTP/") {
            505
        } else {
            400
        }));
    }
    if !target.starts_with('/') || !target.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Refusal::Status(400));
    }
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(Refusal::Status(400));
    }
    let mut length: Option<usize> = None;
    let mut cookie = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            return Err(Refusal::Status(400));
        };
        if name.is_empty() || name.bytes().any(|b| !b.is_ascii_graphic()) {
            return Err(Refusal::Status(400));
        }
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            let n: usize = value.parse().map_err(|_| Refusal::Status(400))?;
            if length.is_some_and(|l| l != n) {
                return Err(Refusal::Status(400));
            }
            length = Some(n);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            // Chunked bodies are not needed by the page, and not accepted.
            return Err(Refusal::Status(411));
        } else if name.eq_ignore_ascii_case("cookie") {
            for pair in value.split(';') {
                if let Some(v) = pair.trim().strip_prefix("kw=") {
                    cookie = Some(v.to_string());
                }
            }
        }
    }
    if method == "POST" && length.is_none() {
        return Err(Refusal::Status(411));
    }
    let length = length.unwrap_or(0);
    if length > limits.max_body {
        return Err(Refusal::Status(413));
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut request = Request {
        method: method.to_string(),
        path: path.to_string(),
        query: query.to_string(),
        cookie,
        body: Vec::new(),
    };
    while buf.len() < end + length {
        read_more(stream, &mut buf, deadline)?;
    }
    request.body = buf[end..end + length].to_vec();
    Ok(request)
}

/// The reason phrase of the statuses this server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        303 => "See Other",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Error",
    }
}

/// A response: status, content type, extra header lines and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(status: u16, body: impl Into<String>) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            headers: Vec::new(),
            body: body.into().into_bytes(),
        }
    }

    pub fn html(status: u16, body: String) -> Response {
        Response {
            status,
            content_type: "text/html; charset=utf-8",
            headers: Vec::new(),
            body: body.into_bytes(),
        }
    }

    pub fn with(mut self, name: &'static str, value: String) -> Response {
        self.headers.push((name, value));
        self
    }

    /// Writes the response and closes the connection. `head_only` leaves out the body.
    pub fn send(&self, stream: &mut TcpStream, head_only: bool) -> io::Result<()> {
        let mut out = Vec::with_capacity(512 + self.body.len());
        write!(
            out,
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\
             Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\
             Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; \
             script-src 'unsafe-inline'; connect-src 'self'; form-action 'self'\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        )?;
        for (name, value) in &self.headers {
            write!(out, "{name}: {value}\r\n")?;
        }
        out.extend_from_slice(b"\r\n");
        if !head_only {
            out.extend_from_slice(&self.body);
        }
        stream.set_write_timeout(Some(Duration::from_secs(2)))?;
        stream.write_all(&out)?;
        stream.flush()
    }
}

/// Closes a connection whose request was refused part-way: stops writing, then reads
/// and drops what the client may still be sending for a moment, so that the refusal
/// reaches it instead of a reset.
pub(crate) fn linger_close(stream: &mut TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut sink = [0u8; 4096];
    let mut left: usize = 64 * 1024;
    while left > 0 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    /// Sends `raw` to a fresh connection and reads it with `limits` on the other side.
    fn parse(raw: &[u8], limits: RequestLimits) -> Result<Request, Refusal> {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let raw = raw.to_vec();
        let (done, wait) = std::sync::mpsc::channel::<()>();
        let client = std::thread::spawn(move || {
            let mut s = TcpStream::connect(addr).unwrap();
            let _ = s.write_all(&raw);
            // Keep the connection open until the server has read.
            let _ = wait.recv_timeout(Duration::from_secs(5));
        });
        let (mut server, _) = listener.accept().unwrap();
        let r = read_request(&mut server, &limits);
        done.send(()).unwrap();
        client.join().unwrap();
        r
    }

    fn quick() -> RequestLimits {
        RequestLimits {
            deadline: Duration::from_millis(150),
            ..RequestLimits::default()
        }
    }

    #[test]
    fn reads_a_form_post_with_its_cookie() {
        let r = parse(
            b"POST /1234/vote?x=1 HTTP/1.1\r\nHost: a\r\nCookie: a=b; kw=00ff\r\nContent-Length: 17\r\n\r\nballot=1&option=2",
            quick(),
        )
        .unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(r.path, "/1234/vote");
        assert_eq!(r.query, "x=1");
        assert_eq!(r.cookie.as_deref(), Some("00ff"));
        assert_eq!(r.body, b"ballot=1&option=2");
    }

    #[test]
    fn refuses_what_breaks_the_limits_or_the_grammar() {
        let long_url = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(2000));
        assert_eq!(
            parse(long_url.as_bytes(), quick()),
            Err(Refusal::Status(414))
        );
        let long_head = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(5000));
        assert_eq!(
            parse(long_head.as_bytes(), quick()),
            Err(Refusal::Status(431))
        );
        let big = b"POST /1/vote HTTP/1.1\r\nContent-Length: 100000\r\n\r\n";
        assert_eq!(parse(big, quick()), Err(Refusal::Status(413)));
        assert_eq!(
            parse(b"GARBAGE\r\n\r\n", quick()),
            Err(Refusal::Status(400))
        );
        assert_eq!(
            parse(b"GET / HTTP/9\r\n\r\n", quick()),
            Err(Refusal::Status(505))
        );
        assert_eq!(
            parse(b"GET / HTTP/1.1\r\nno colon\r\n\r\n", quick()),
            Err(Refusal::Status(400))
        );
        let chunked = b"POST /1/vote HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        assert_eq!(parse(chunked, quick()), Err(Refusal::Status(411)));
        // A body shorter than announced, and a request that never ends: the deadline.
        let short = b"POST /1/vote HTTP/1.1\r\nContent-Length: 10\r\n\r\nab";
        assert_eq!(parse(short, quick()), Err(Refusal::Status(408)));
        assert_eq!(
            parse(b"GET / HTTP/1.1\r\n", quick()),
            Err(Refusal::Status(408))
        );
        assert_eq!(parse(b"", quick()), Err(Refusal::Gone));
    }
}
