//! A `dossier serve` child process on a free port, and just enough of an
//! HTTP client (std only) to talk to it: plain GETs with the exact bytes
//! of the path, and a reader for the server-sent event stream. Shared by
//! the integration tests and `benches/serve.rs`.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a test waits for something the server should do.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    /// Everything the server printed, stdout and stderr interleaved.
    log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `dossier serve` on any free port; returns once it serves.
    pub fn start(root: &Path) -> Server {
        Self::start_on(root, 0)
    }

    /// Starts `dossier serve` on `port` (0: any free port).
    pub fn start_on(root: &Path, port: u16) -> Server {
        Self::start_with(root, port, &[])
    }

    /// Starts `dossier serve` on `port` with more arguments.
    pub fn start_with(root: &Path, port: u16, args: &[&str]) -> Server {
        // DOSSIER_BIN: measure another build of the binary (the bench).
        let binary = std::env::var("DOSSIER_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_dossier").to_string());
        let mut child = Command::new(binary)
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(root)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start dossier serve");
        let log = Arc::new(Mutex::new(String::new()));
        pump(child.stderr.take().unwrap(), log.clone());
        pump(child.stdout.take().unwrap(), log.clone());
        let start = Instant::now();
        let addr = loop {
            let text = log.lock().unwrap().clone();
            if let Some(addr) = text.lines().find_map(serving_addr) {
                break addr;
            }
            if start.elapsed() > PATIENCE || child.try_wait().unwrap().is_some() {
                let _ = child.kill();
                panic!("dossier serve did not start:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        Server { child, addr, log }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    pub fn get(&self, path: &str) -> Reply {
        get(self.addr, path)
    }

    /// Polls `path` until `done` holds for the reply; panics after
    /// [`PATIENCE`] with the last reply and the server's output.
    pub fn wait_for(&self, path: &str, what: &str, done: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            let reply = self.get(path);
            if done(&reply) {
                return reply;
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "timed out waiting for {what} at {path}; last reply {}:\n{}\n--- server output:\n{}",
                    reply.status,
                    reply.body,
                    self.log()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Polls the server's output until `done` holds.
    pub fn wait_log(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let log = self.log();
            if done(&log) {
                return log;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "timed out waiting for {what}; server output:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends SIGINT (what Ctrl-C sends) and waits for the server to exit.
    pub fn interrupt(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        // The shell's own `kill`: no extra package needed.
        let sent = Command::new("sh")
            .args(["-c", &format!("kill -INT {pid}")])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -INT {pid}");
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "the server did not stop on SIGINT"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn events(&self) -> Events {
        Events::open(self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn pump(from: impl Read + Send + 'static, into: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines().map_while(Result::ok) {
            let mut log = into.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
}

/// `serving <root> at http://127.0.0.1:PORT/ (…)` → the address.
fn serving_addr(line: &str) -> Option<SocketAddr> {
    let rest = line.strip_prefix("serving ")?;
    let url = rest.split(" at http://").nth(1)?;
    url.split('/').next()?.parse().ok()
}

/// A response: status, headers (names lowercased), body as text.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The body's bytes, for files that are not text (the workbook).
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `GET <path>` with `path` exactly as given (no normalisation).
pub fn get(addr: SocketAddr, path: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect to dossier serve");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // Read until the body is complete (by Content-Length), or the end:
    // not every server closes the connection when asked to.
    let mut raw = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
        }
        if is_complete(&raw) {
            break;
        }
    }
    parse_reply(&raw)
}

/// Sends `request` as it is on a new connection and reads one reply.
pub fn send(addr: SocketAddr, request: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect to dossier serve");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    read_reply(&mut BufReader::new(stream))
}

/// Reads one reply (headers, then Content-Length bytes) from a
/// connection that may carry more replies after it.
pub fn read_reply(reader: &mut BufReader<TcpStream>) -> Reply {
    let mut raw = Vec::new();
    loop {
        let before = raw.len();
        if reader.read_until(b'\n', &mut raw).unwrap_or(0) == 0 {
            return parse_reply(&raw);
        }
        if &raw[before..] == b"\r\n" {
            break;
        }
    }
    let head = String::from_utf8_lossy(&raw).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_ok() {
        raw.extend_from_slice(&body);
    }
    parse_reply(&raw)
}

/// True when `raw` holds the headers and as many body bytes as they announce.
fn is_complete(raw: &[u8]) -> bool {
    let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    length.is_some_and(|n| raw.len() >= end + 4 + n)
}

fn parse_reply(raw: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let bytes = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or_else(Vec::new, |end| raw[end + 4..].to_vec());
    Reply {
        status,
        headers,
        body: body.to_string(),
        bytes,
    }
}

/// The server-sent event stream of the live reload.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    pub fn open(addr: SocketAddr) -> Events {
        let mut stream = TcpStream::connect(addr).expect("connect to the event stream");
        write!(
            stream,
            "GET /__dossier/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        loop {
            line.clear();
            reader.read_line(&mut line).expect("event stream headers");
            if line.trim().is_empty() {
                break;
            }
        }
        Events { reader }
    }

    /// The next `data:` payload, parsed as JSON.
    pub fn next(&mut self) -> serde_json::Value {
        let mut line = String::new();
        loop {
            line.clear();
            let n = self
                .reader
                .read_line(&mut line)
                .expect("an event before the timeout");
            assert!(n > 0, "the event stream ended");
            if let Some(data) = line.strip_prefix("data: ") {
                return serde_json::from_str(data.trim()).expect("event data is JSON");
            }
        }
    }
}
