//! A tiny HTTP client that plays a phone against the vote server, over real sockets.
//! Shared by `tests/vote_server.rs` and `examples/vote_bench.rs`.

#![allow(dead_code)]

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// An answer: status, headers (names lower-cased) and body.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `raw` as it is and reads the answer to the end (the server closes).
pub fn send_raw(addr: SocketAddr, raw: &[u8]) -> io::Result<Reply> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    s.write_all(raw)?;
    let mut out = Vec::new();
    s.read_to_end(&mut out)?;
    let text = String::from_utf8_lossy(&out);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| io::Error::other(format!("no header end in {text:?}")))?;
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| io::Error::other("no status"))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Ok(Reply {
        status,
        headers,
        body: body.to_string(),
    })
}

pub fn get(addr: SocketAddr, path: &str, cookie: Option<&str>) -> io::Result<Reply> {
    let cookie = cookie.map_or(String::new(), |c| format!("Cookie: kw={c}\r\n"));
    send_raw(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: phone\r\n{cookie}\r\n").as_bytes(),
    )
}

pub fn post(addr: SocketAddr, path: &str, cookie: Option<&str>, body: &str) -> io::Result<Reply> {
    let cookie = cookie.map_or(String::new(), |c| format!("Cookie: kw={c}\r\n"));
    send_raw(
        addr,
        format!(
            "POST {path} HTTP/1.1\r\nHost: phone\r\n{cookie}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
}

/// A phone that opened the page: its cookie.
#[derive(Debug, Clone)]
pub struct Phone {
    pub addr: SocketAddr,
    pub code: String,
    pub cookie: String,
}

impl Phone {
    /// Opens the page and keeps the cookie it is given.
    pub fn join(addr: SocketAddr, code: &str) -> io::Result<Phone> {
        let r = get(addr, &format!("/{code}"), None)?;
        let cookie = r
            .header("set-cookie")
            .and_then(|c| c.strip_prefix("kw="))
            .and_then(|c| c.split(';').next())
            .ok_or_else(|| io::Error::other(format!("no cookie: {} {:?}", r.status, r.headers)))?
            .to_string();
        Ok(Phone {
            addr,
            code: code.to_string(),
            cookie,
        })
    }

    pub fn page(&self) -> io::Result<Reply> {
        get(self.addr, &format!("/{}", self.code), Some(&self.cookie))
    }

    /// The ballot number in the page's form, if voting is open.
    pub fn ballot(&self) -> io::Result<Option<u32>> {
        let page = self.page()?;
        if page.status != 200 {
            return Err(io::Error::other(format!("page: {}", page.status)));
        }
        Ok(page
            .body
            .split("name=ballot value=")
            .nth(1)
            .and_then(|rest| rest.split('>').next())
            .and_then(|n| n.parse().ok()))
    }

    /// Votes for `option` (1-based) on `ballot`: the status.
    pub fn vote(&self, ballot: u32, option: usize) -> io::Result<u16> {
        let body = format!("ballot={ballot}&option={option}");
        Ok(post(
            self.addr,
            &format!("/{}/vote", self.code),
            Some(&self.cookie),
            &body,
        )?
        .status)
    }
}
