//! The live reload seen from a real browser: Debian's headless Chromium,
//! driven over the DevTools protocol (a websocket of JSON commands) by the
//! small client below. The page must reload by itself after an edit, show
//! the overlay after a bad edit without reloading, drop it when fixed, and
//! find the server again after a restart.

use super::client::{self, PATIENCE, Server};
use super::common::TestSite;
use super::{ACME, edit};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket, stream::MaybeTlsStream};

/// A headless Chromium with one page under our control.
struct Browser {
    child: Child,
    page: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch() -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium (apt-get install chromium)");
        let devtools = devtools_addr(&mut child);
        let page = connect_page(devtools);
        Browser {
            child,
            page,
            next_id: 0,
            _profile: profile,
        }
    }

    /// Sends a DevTools command and returns its result.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.try_call(method, params)
            .unwrap_or_else(|reply| panic!("{method}: {reply}"))
    }

    /// Sends a DevTools command; its result, or the whole reply when it
    /// is an error.
    fn try_call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let msg = json!({ "id": id, "method": method, "params": params }).to_string();
        self.page
            .send(Message::text(msg))
            .expect("send to chromium");
        loop {
            let msg = self.page.read().expect("read from chromium");
            let Ok(text) = msg.into_text() else { continue };
            let reply: Value = serde_json::from_str(text.as_str()).unwrap_or_default();
            if reply["id"] == id {
                if reply.get("error").is_some() {
                    return Err(reply);
                }
                return Ok(reply["result"].clone());
            }
        }
    }

    fn navigate(&mut self, url: &str) {
        self.call("Page.navigate", json!({ "url": url }));
    }

    /// Evaluates a JavaScript expression in the page.
    fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        r["result"]["value"].clone()
    }

    /// Polls `expression` until it is `true`.
    fn wait_until(&mut self, what: &str, expression: &str, server: &Server) {
        let start = Instant::now();
        // A page that reloads while it is asked answers "navigated": it is
        // asked again once the new page is there.
        let ask = |b: &mut Self| {
            b.try_call(
                "Runtime.evaluate",
                json!({ "expression": expression, "returnByValue": true }),
            )
            .map_or(Value::Null, |r| r["result"]["value"].clone())
        };
        while ask(self) != Value::Bool(true) {
            if start.elapsed() > PATIENCE {
                let text =
                    self.eval("document.documentElement ? document.documentElement.outerHTML : ''");
                panic!(
                    "timed out waiting for {what}; page:\n{text}\n--- server output:\n{}",
                    server.log()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Browser {
    /// Asks Chromium to quit, so it removes its temporary files, and kills
    /// it only if it does not.
    fn drop(&mut self) {
        let close = json!({ "id": 0, "method": "Browser.close" }).to_string();
        let _ = self.page.send(Message::text(close));
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromium() -> &'static str {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("the browser test needs Chromium: apt-get install chromium")
}

/// Reads `DevTools listening on ws://HOST:PORT/…` from Chromium's stderr.
fn devtools_addr(child: &mut Child) -> SocketAddr {
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("DevTools listening on ws://") {
                let _ = tx.send(rest.split('/').next().unwrap_or("").to_string());
            }
        }
    });
    let addr = rx
        .recv_timeout(PATIENCE)
        .expect("chromium printed its DevTools address");
    addr.parse().expect("a socket address")
}

/// Opens the websocket of the first page target.
fn connect_page(devtools: SocketAddr) -> WebSocket<MaybeTlsStream<TcpStream>> {
    let start = Instant::now();
    loop {
        let list: Value =
            serde_json::from_str(&client::get(devtools, "/json/list").body).unwrap_or_default();
        let url = list
            .as_array()
            .and_then(|targets| targets.iter().find(|t| t["type"] == "page"))
            .and_then(|t| t["webSocketDebuggerUrl"].as_str().map(str::to_string));
        if let Some(url) = url {
            return tungstenite::connect(url).expect("connect to the page").0;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "chromium has no page target: {list}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

const OVERLAY_SHOWN: &str = "(function () { var b = document.getElementById('dossier-live'); \
    return !!b && getComputedStyle(b).display !== 'none' && b.innerText.indexOf('acme.yaml:9:') >= 0; })()";
const OVERLAY_HIDDEN: &str = "(function () { var b = document.getElementById('dossier-live'); \
    return !!b && getComputedStyle(b).display === 'none'; })()";

fn shows(text: &str) -> String {
    format!("document.readyState === 'complete' && document.body.innerText.indexOf({text:?}) >= 0")
}

#[test]
fn the_browser_reloads_after_an_edit_and_shows_the_overlay_after_a_bad_one() {
    let site = TestSite::fixture("serve");
    let server = Server::start(site.root());
    let mut browser = Browser::launch();
    browser.navigate(&format!("http://{}/customers/acme/", server.addr));
    browser.wait_until("the page", &shows("Acme Industrial"), &server);
    browser.wait_until("the overlay to be hidden", OVERLAY_HIDDEN, &server);

    // A marker in the page's memory: gone after a reload, kept otherwise.
    browser.eval("window.__kept = true");
    edit(&site, ACME, "Acme Industrial", "Acme Reloaded");
    browser.wait_until(
        "the reload",
        &format!("{} && !window.__kept", shows("Acme Reloaded")),
        &server,
    );

    browser.eval("window.__kept = true");
    edit(&site, ACME, "financial: 8", "financial: 80");
    browser.wait_until(
        "the overlay",
        &format!("{OVERLAY_SHOWN} && window.__kept === true"),
        &server,
    );
    assert_eq!(
        browser.eval(&shows("Acme Reloaded")),
        Value::Bool(true),
        "the last good page stays"
    );

    edit(&site, ACME, "financial: 80", "financial: 9");
    browser.wait_until(
        "the fix",
        &format!("{OVERLAY_HIDDEN} && !window.__kept"),
        &server,
    );
}

#[test]
fn the_browser_finds_a_restarted_server() {
    let site = TestSite::fixture("serve");
    let server = Server::start(site.root());
    let port = server.addr.port();
    let mut browser = Browser::launch();
    browser.navigate(&format!("http://{}/customers/acme/", server.addr));
    browser.wait_until("the page", &shows("Acme Industrial"), &server);
    browser.eval("window.__kept = true");

    drop(server);
    edit(&site, ACME, "Acme Industrial", "Acme After Restart");
    let server = Server::start_on(site.root(), port);
    assert_eq!(server.addr.port(), port, "the port was free again");
    browser.wait_until(
        "the reload",
        &format!("{} && !window.__kept", shows("Acme After Restart")),
        &server,
    );
}
