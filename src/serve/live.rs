//! Live reload: the state the browser follows, and what it is told.
//!
//! [`Hub`] holds the site being served as one immutable [`Snapshot`],
//! replaced whole after every build, so a request sees either the old site
//! or the new one, never a mix. Every page the server sends (never a file
//! `build` writes) gets the overlay box and a small script injected; the
//! script listens to server-sent events on [`EVENTS_PATH`] and reloads once
//! a new site is in place, or fills the overlay with the problems of a
//! failed build. This module does not route requests (see `http.rs`).

use crate::load::Diagnostic;
use std::io::{self, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The endpoint of the event stream.
pub const EVENTS_PATH: &str = "__dossier/events";

/// A built site: output path to bytes (shared, so a page reused from the
/// previous build is not copied).
/// (foldhash: the paths of 10,000 customers' pages are looked up and
/// stored on every rebuild, and std's SipHash cost more than the lookups.)
pub type Files = foldhash::HashMap<String, Arc<[u8]>>;

/// What the server serves at one moment.
pub struct Snapshot {
    /// Names the last good site; a page built from another one reloads.
    pub build: String,
    /// The last good site; `None` until a build succeeds.
    pub files: Option<Arc<Files>>,
    /// The problems of the latest build when it failed, else empty.
    pub problems: Vec<Diagnostic>,
    /// Files the build makes after its pages (the workbook), not in
    /// `files` yet: a request for one waits for them.
    pub pending: Vec<String>,
}

impl Snapshot {
    /// The state as the event stream sends it (one line of JSON).
    fn event(&self) -> String {
        let ok = self.problems.is_empty() && self.files.is_some();
        serde_json::json!({ "build": self.build, "ok": ok, "overlay": overlay_body(self) })
            .to_string()
    }
}

/// The current snapshot, and a signal for whoever waits for the next one.
pub struct Hub {
    current: Mutex<Arc<Snapshot>>,
    changed: Condvar,
}

impl Hub {
    pub fn new(first: Snapshot) -> Hub {
        Hub {
            current: Mutex::new(Arc::new(first)),
            changed: Condvar::new(),
        }
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.current
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Replaces the snapshot and wakes every event stream.
    pub fn publish(&self, next: Snapshot) {
        *self.current.lock().unwrap_or_else(|p| p.into_inner()) = Arc::new(next);
        self.changed.notify_all();
    }

    /// Adds the files made after the pages to the current snapshot, which
    /// keeps its build (browsers do not reload for them); `build` names
    /// the build they belong to, and nothing changes if a newer one is
    /// already served.
    pub fn complete(&self, build: &str, later: Vec<(String, Arc<[u8]>)>) {
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        if current.build != build || current.pending.is_empty() {
            return;
        }
        let mut files: Files = current.files.as_deref().cloned().unwrap_or_default();
        files.extend(later);
        *current = Arc::new(Snapshot {
            build: current.build.clone(),
            files: Some(Arc::new(files)),
            problems: current.problems.clone(),
            pending: Vec::new(),
        });
        drop(current);
        self.changed.notify_all();
    }

    /// The snapshot to answer a request for `path` from: the current one,
    /// or, while `path` is among the files still being made, the one that
    /// has them (waiting at most `timeout`).
    pub fn current_for(&self, path: &str, timeout: Duration) -> Arc<Snapshot> {
        let mut snapshot = self.current();
        let deadline = std::time::Instant::now() + timeout;
        while snapshot.pending.iter().any(|p| p == path) {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.wait_change(&snapshot, left) {
                Some(next) => snapshot = next,
                None => break,
            }
        }
        snapshot
    }

    /// Waits until the snapshot is no longer `seen`, or `timeout` passes;
    /// returns the new one if it changed.
    fn wait_change(&self, seen: &Arc<Snapshot>, timeout: Duration) -> Option<Arc<Snapshot>> {
        let guard = self.current.lock().unwrap_or_else(|p| p.into_inner());
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |cur| Arc::ptr_eq(cur, seen))
            .unwrap_or_else(|p| p.into_inner());
        (!Arc::ptr_eq(&guard, seen)).then(|| guard.clone())
    }

    /// Streams the state to one browser until it goes away: the current
    /// state at once, then every change, and a comment every few seconds
    /// so a closed connection is noticed.
    pub fn stream_events(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
              Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n\
              retry: 500\n\n",
        )?;
        let mut seen = self.current();
        let mut sent = seen.event();
        write!(out, "data: {sent}\n\n")?;
        out.flush()?;
        loop {
            match self.wait_change(&seen, Duration::from_secs(10)) {
                Some(next) => {
                    seen = next;
                    // The data files joining the same build change nothing
                    // a browser shows: no event for them.
                    let event = seen.event();
                    if event == sent {
                        continue;
                    }
                    sent = event;
                    write!(out, "data: {sent}\n\n")?;
                }
                None => out.write_all(b": keep-alive\n\n")?,
            }
            out.flush()?;
        }
    }
}

/// `page` with the overlay box and the live script added before
/// `</body>` (or at the end when there is none).
pub fn inject(page: &[u8], snapshot: &Snapshot) -> Vec<u8> {
    let extra = live_block(snapshot);
    let at = find_body_end(page).unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + extra.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// The page served for every HTML path while no build has succeeded yet.
pub fn overlay_page(snapshot: &Snapshot) -> Vec<u8> {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>dossier: the site could not be built</title>\n</head>\n<body>\n{}</body>\n</html>\n",
        live_block(snapshot)
    )
    .into_bytes()
}

fn find_body_end(page: &[u8]) -> Option<usize> {
    const TAG: &[u8] = b"</body>";
    page.windows(TAG.len())
        .rposition(|w| w.eq_ignore_ascii_case(TAG))
}

/// The overlay box (hidden when there is nothing to show) and the script.
fn live_block(snapshot: &Snapshot) -> String {
    let body = overlay_body(snapshot);
    let display = if body.is_empty() { "none" } else { "block" };
    let build = serde_json::to_string(&snapshot.build).unwrap_or_default();
    format!(
        "<div id=\"dossier-live\" role=\"alert\" style=\"display:{display};{BOX_STYLE}\">{body}</div>\n\
         <script>{}</script>\n",
        SCRIPT.replace("\"__BUILD__\"", &build)
    )
}

const BOX_STYLE: &str = "position:fixed;left:0;right:0;top:0;z-index:2147483647;max-height:70vh;\
    overflow:auto;margin:0;padding:1em 1.25em;background:#fff4f2;color:#1f1f1f;\
    border-bottom:4px solid #c0392b;box-shadow:0 4px 16px rgba(0,0,0,.25);\
    font:15px/1.4 system-ui,sans-serif;text-align:left";

/// Reconnects by itself (EventSource retries; a stream that was closed
/// for good is opened again), so it survives a restart of the server.
const SCRIPT: &str = r#"
(function () {
  var build = "__BUILD__";
  var box = document.getElementById("dossier-live");
  function connect() {
    var events = new EventSource("/__dossier/events");
    events.onmessage = function (e) {
      var state = JSON.parse(e.data);
      if (state.ok && state.build !== build) {
        events.close();
        location.reload();
        return;
      }
      box.innerHTML = state.overlay;
      box.style.display = state.overlay ? "block" : "none";
    };
    events.onerror = function () {
      if (events.readyState === EventSource.CLOSED) {
        setTimeout(connect, 1000);
      }
    };
  }
  connect();
})();
"#;

/// The inside of the overlay: each problem as the terminal prints it.
fn overlay_body(snapshot: &Snapshot) -> String {
    if snapshot.problems.is_empty() && snapshot.files.is_some() {
        return String::new();
    }
    let errors = snapshot.problems.iter().filter(|d| d.is_error()).count();
    let shown = if snapshot.files.is_some() {
        "the browser shows the last good version of the site"
    } else {
        "no version of the site could be built yet"
    };
    let mut text = String::new();
    for d in &snapshot.problems {
        text.push_str(&d.to_string());
    }
    format!(
        "<p style=\"margin:0 0 .5em;font-weight:bold;color:#c0392b\">dossier: the site could not be rebuilt: \
         {errors} error(s); {shown}.</p>\n<pre style=\"margin:0 0 .5em;white-space:pre-wrap;\
         font:13px/1.45 ui-monospace,Menlo,Consolas,monospace\">{}</pre>\n\
         <p style=\"margin:0;font-size:13px\">This box goes away by itself once the files are fixed.</p>",
        crate::util::escape_html(&text)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(problems: Vec<Diagnostic>) -> Snapshot {
        Snapshot {
            build: "b1".into(),
            files: Some(Arc::new(Files::default())),
            problems,
            pending: Vec::new(),
        }
    }

    #[test]
    fn the_script_goes_before_the_closing_body_tag() {
        let page = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(page, &snapshot(vec![]))).unwrap();
        assert!(
            out.starts_with("<html><body><p>x</p><div id=\"dossier-live\""),
            "{out}"
        );
        assert!(out.ends_with("</script>\n</BODY></html>"), "{out}");
        assert!(out.contains("var build = \"b1\";"), "{out}");
        assert!(out.contains("display:none"), "{out}");
    }

    #[test]
    fn the_overlay_shows_each_problem_escaped() {
        let d = Diagnostic::error(
            "content/customers/a.yaml",
            "name: <A>\n",
            1,
            7,
            "bad <thing>",
        );
        let out = String::from_utf8(inject(b"<body></body>", &snapshot(vec![d]))).unwrap();
        assert!(
            out.contains("error: bad &lt;thing&gt;\n --&gt; content/customers/a.yaml:1:7"),
            "{out}"
        );
        assert!(out.contains("1 | name: &lt;A&gt;"), "{out}");
        assert!(out.contains("display:block"), "{out}");
    }

    #[test]
    fn events_carry_the_state_on_one_line() {
        let d = Diagnostic::file_error("dossier.yaml", "broken\nacross lines");
        let e = snapshot(vec![d]).event();
        assert!(!e.contains('\n'));
        let v: serde_json::Value = serde_json::from_str(&e).unwrap();
        assert_eq!(v["ok"], false);
        assert!(
            v["overlay"]
                .as_str()
                .unwrap()
                .contains("error: broken\nacross lines\n --&gt; dossier.yaml")
        );
    }
}
