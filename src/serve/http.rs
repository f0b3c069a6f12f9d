//! The HTTP side of `serve`: from a request line to a file of the
//! in-memory site, with its content type.
//!
//! Files come only from the built site held in memory, never from the
//! disk, and a request path is still checked segment by segment after
//! percent-decoding, so `..`, `%2e%2e`, `//`, backslashes and NUL are
//! refused before any lookup. A folder path serves its `index.html`;
//! there is no directory listing. This module does not build or watch.

use super::live::{self, EVENTS_PATH, Hub, Snapshot};
use crate::output::is_safe_relative;
use std::io::Cursor;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// What a request path names, once checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site, by output path (`""` is the site root).
    File(String),
    /// The live-reload event stream.
    Events,
}

/// Why a path was refused.
#[derive(Debug, PartialEq, Eq)]
pub struct BadPath;

/// Checks and decodes the path of a request URL (query and fragment
/// dropped) into a path relative to the site root.
pub fn resolve(url: &str) -> Result<Target, BadPath> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let rest = path.strip_prefix('/').ok_or(BadPath)?;
    let decoded = percent_decode(rest)?;
    if decoded == EVENTS_PATH {
        return Ok(Target::Events);
    }
    if decoded.is_empty() {
        return Ok(Target::File(String::new()));
    }
    if decoded.contains(['\\', '\0']) || decoded.starts_with('/') {
        return Err(BadPath);
    }
    let trimmed = decoded.strip_suffix('/').unwrap_or(&decoded);
    let segments_ok = trimmed
        .split('/')
        .all(|s| !s.is_empty() && s != "." && s != ".." && !s.contains(':'));
    if !segments_ok || !is_safe_relative(trimmed) {
        return Err(BadPath);
    }
    Ok(Target::File(decoded))
}

/// Decodes `%XX` escapes; refuses malformed ones and non-UTF-8 results.
fn percent_decode(s: &str) -> Result<String, BadPath> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(BadPath)?;
            let hex = std::str::from_utf8(hex).map_err(|_| BadPath)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| BadPath)?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| BadPath)
}

/// Encodes a site path for a `Location` header (ASCII only).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The content type of an output file, by extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

fn is_html(path: &str) -> bool {
    content_type(path).starts_with("text/html")
}

/// Answers one request. The event stream keeps the calling thread until
/// the browser goes away, so the caller gives it a thread of its own.
pub fn handle(request: Request, hub: &Hub) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let reply =
            text(405, "only GET and HEAD are served\n").with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(reply);
        return;
    }
    match resolve(request.url()) {
        Err(BadPath) => {
            let _ = request.respond(text(400, "bad request path\n"));
        }
        Ok(Target::Events) => {
            let mut out = request.into_writer();
            let _ = hub.stream_events(&mut *out);
        }
        Ok(Target::File(path)) => {
            let key = file_key(&path);
            let snapshot = hub.current_for(&key, LATER_WAIT);
            let _ = request.respond(file_response(&key, &snapshot));
        }
    }
}

/// How long a request for a file made after the pages (the workbook)
/// waits for it before it is answered from the site as it is.
const LATER_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// The most live-reload streams open at once: each holds two threads
/// until its browser tab closes.
pub const MAX_EVENT_STREAMS: usize = 32;

/// What every request passes first: the `Host` it names, and a bound on
/// the open event streams.
///
/// A page on any web site can point a name it controls at 127.0.0.1 (DNS
/// rebinding) and then read this server as if it were its own. Such a
/// request names that site in `Host`, so only these are answered: an IP
/// address (the bind address or loopback; any, when bound to all
/// interfaces), `localhost`, the names given with `--allow-host`, and
/// requests without `Host` (no browser sends one).
pub struct Gate {
    bind: IpAddr,
    allowed: Vec<String>,
    streams: Arc<AtomicUsize>,
}

/// One open event stream, counted until dropped.
pub struct StreamSlot(Arc<AtomicUsize>);

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Gate {
    pub fn new(bind: IpAddr, allowed: Vec<String>) -> Gate {
        Gate {
            bind,
            allowed: allowed.iter().map(|h| host_name(h)).collect(),
            streams: Arc::default(),
        }
    }

    /// The request, or `None` when it was answered 403 for its `Host`.
    pub fn admit(&self, request: Request) -> Option<Request> {
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_string());
        match host {
            Some(host) if !self.allows(&host) => {
                let message = format!(
                    "this server answers only for localhost and IP addresses; to open it as {0}, start it with --allow-host {0}\n",
                    host_name(&host)
                );
                let _ = request.respond(text(403, &message));
                None
            }
            _ => Some(request),
        }
    }

    fn allows(&self, host: &str) -> bool {
        let name = host_name(host);
        if name == "localhost" || self.allowed.contains(&name) {
            return true;
        }
        match name.trim_matches(['[', ']']).parse::<IpAddr>() {
            Ok(ip) => self.bind.is_unspecified() || ip == self.bind || ip.is_loopback(),
            Err(_) => false,
        }
    }

    /// A place for one more event stream, if there is one.
    pub fn stream_slot(&self) -> Option<StreamSlot> {
        let taken = self.streams.fetch_add(1, Ordering::SeqCst);
        let slot = StreamSlot(self.streams.clone());
        (taken < MAX_EVENT_STREAMS).then_some(slot)
    }
}

/// The host of a `Host` value, without port or final dot, in lower case:
/// `Example.COM.:1111` → `example.com`, `[::1]:80` → `[::1]`.
fn host_name(host: &str) -> String {
    let host = host.trim();
    let name = if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or(host)
    } else {
        host.split(':').next().unwrap_or(host)
    };
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// Answers an event stream over [`MAX_EVENT_STREAMS`]: the browser's
/// `EventSource` tries again later by itself.
pub fn refuse_stream(request: Request) {
    let reply = text(503, "too many live-reload connections; close some tabs\n")
        .with_header(header("Retry-After", "5"));
    let _ = request.respond(reply);
}

/// True when the request is for the event stream (which never ends).
pub fn is_event_stream(request: &Request) -> bool {
    matches!(resolve(request.url()), Ok(Target::Events))
}

type Reply = Response<Cursor<Arc<[u8]>>>;

/// The output file a site path names: a folder's `index.html`.
fn file_key(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The response for the output file `key` ([`file_key`]): the file, a
/// redirect from a folder without its `/`, the overlay page while nothing
/// was built, or 404.
fn file_response(key: &str, snapshot: &Snapshot) -> Reply {
    let Some(files) = &snapshot.files else {
        return if is_html(key) || !key.contains('.') {
            body(503, "index.html", live::overlay_page(snapshot).into())
        } else {
            text(404, "not found (the site has not been built yet)\n")
        };
    };
    if let Some(bytes) = files.get(key) {
        let bytes = if is_html(key) {
            live::inject(bytes, snapshot).into()
        } else {
            bytes.clone()
        };
        return body(200, key, bytes);
    }
    if files.contains_key(&format!("{key}/index.html")) {
        let mut r = text(301, "moved\n");
        r.add_header(header("Location", &format!("/{}/", percent_encode(key))));
        return r;
    }
    match files.get("404.html") {
        Some(page) => body(404, "404.html", live::inject(page, snapshot).into()),
        None => text(404, "not found\n"),
    }
}

fn body(status: u16, path: &str, bytes: Arc<[u8]>) -> Reply {
    let length = bytes.len();
    Response::new(
        StatusCode(status),
        Vec::new(),
        Cursor::new(bytes),
        Some(length),
        None,
    )
    .with_header(header("Content-Type", content_type(path)))
    .with_header(header("Cache-Control", "no-store"))
    .with_header(header("X-Content-Type-Options", "nosniff"))
}

fn text(status: u16, message: &str) -> Reply {
    body(status, "message.txt", message.as_bytes().into())
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values are ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(p: &str) -> Result<Target, BadPath> {
        Ok(Target::File(p.to_string()))
    }

    #[test]
    fn site_paths_are_decoded() {
        assert_eq!(resolve("/"), file(""));
        assert_eq!(resolve("/customers/acme/?x=1#top"), file("customers/acme/"));
        assert_eq!(resolve("/assets/style.css"), file("assets/style.css"));
        assert_eq!(resolve("/pages/caf%C3%A9"), file("pages/café"));
        assert_eq!(resolve("/__dossier/events"), Ok(Target::Events));
    }

    #[test]
    fn paths_leaving_the_site_are_refused() {
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E/x",
            "/..%2f..%2fetc/passwd",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/a/./b",
            "/a//b",
            "/..\\..\\etc\\passwd",
            "/a%5c..%5cb",
            "/a%00b",
            "/c:/windows",
            "/%zz",
            "/%c3",
            "relative",
            "",
        ] {
            assert_eq!(resolve(bad), Err(BadPath), "{bad}");
        }
    }

    #[test]
    fn only_local_hosts_ip_addresses_and_allowed_names_are_answered() {
        let local = Gate::new("127.0.0.1".parse().unwrap(), vec!["Dossier.Lan".into()]);
        for ok in [
            "localhost",
            "localhost:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
            "dossier.lan:1111",
            "DOSSIER.LAN.",
        ] {
            assert!(local.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "localhost.evil.example",
            "10.0.0.5:1111",
            "",
            "127.0.0.1.evil.example",
        ] {
            assert!(!local.allows(bad), "{bad}");
        }
        let all = Gate::new("0.0.0.0".parse().unwrap(), Vec::new());
        assert!(all.allows("192.168.1.20:1111"));
        assert!(!all.allows("rebind.evil.example:1111"));
    }

    #[test]
    fn event_streams_are_limited() {
        let gate = Gate::new("127.0.0.1".parse().unwrap(), Vec::new());
        let slots: Vec<StreamSlot> = (0..MAX_EVENT_STREAMS)
            .map(|_| gate.stream_slot().unwrap())
            .collect();
        assert!(gate.stream_slot().is_none());
        drop(slots);
        assert!(gate.stream_slot().is_some());
    }

    #[test]
    fn content_types_name_their_charset() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.md"), "text/markdown; charset=utf-8");
        assert_eq!(content_type("c.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(
            content_type("data/analysis.json"),
            "application/json; charset=utf-8"
        );
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
