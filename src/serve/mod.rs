//! `dossier serve`: the live preview. Builds the site into memory (never
//! into `output/`), serves it over HTTP, rebuilds on every change of its
//! sources and tells the browsers, which reload or show what is wrong.
//!
//! The parts, each in its own module:
//! - `rebuild.rs` builds into memory, keeping parsed templates and charts
//!   (`cache.rs`) between builds;
//! - `watch.rs` turns file events into batches of changed paths;
//! - `live.rs` holds the served snapshot, the overlay and the event stream;
//! - `http.rs` answers requests from the snapshot.
//!
//! This file only wires them together: one thread watches, one builds, a
//! few answer requests (plus one per open event stream); the main thread
//! waits for Ctrl-C. Content never stops the server: a failed build keeps
//! the last good site and shows its problems in the browser.

mod cache;
mod http;
mod live;
mod rebuild;
mod watch;

use crate::load::Diagnostic;
use live::{Hub, Snapshot};
use rebuild::{Outcome, Rebuilder};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{SystemTime, UNIX_EPOCH};

/// Threads answering ordinary requests (event streams get their own).
const WORKERS: usize = 4;
/// How many ports after the asked one are tried when it is taken.
const PORT_TRIES: u16 = 50;

pub struct Options {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
    /// Host names answered besides localhost and IP addresses.
    pub allow_hosts: Vec<String>,
}

/// Runs the server until Ctrl-C. An error is a usage or environment
/// problem (no free port, no file watching), never a content one.
pub fn run(opts: Options) -> Result<(), String> {
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| format!("cannot open {}: {e}", opts.root.display()))?;
    let listener = bind(opts.bind, opts.port)?;
    let url = url(listener.local_addr().map_err(|e| e.to_string())?);
    let server = tiny_http::Server::from_listener(listener, None).map_err(|e| e.to_string())?;

    // Watching starts before the first build reads anything: between
    // builds only the files the watcher reports are read again, so an
    // edit made while the first build runs must be reported too.
    let (changes_tx, changes_rx) = channel();
    watch::spawn(&root, changes_tx).map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    let ids = BuildIds::new();
    let mut rebuilder = Rebuilder::new(root.clone());
    let first = rebuilder.build(&[]);
    let mut printed = Vec::new();
    let (snapshot, text) = report(first, None, &ids, &[], &mut printed);
    eprint!("{text}");
    let first_build = snapshot.build.clone();
    let hub = Arc::new(Hub::new(snapshot));
    // The data exports of each build are made on their own thread, after
    // its pages are served (see `finish`).
    let (jobs, jobs_rx) = channel::<Job>();
    spawn("data files", move || {
        jobs_rx.into_iter().for_each(|job| job())
    })?;
    finish(&mut rebuilder, &hub, &first_build, &jobs);

    let builder_hub = hub.clone();
    spawn("rebuild", move || {
        rebuild_loop(&changes_rx, rebuilder, &builder_hub, &ids, printed, &jobs)
    })?;
    let gate = Arc::new(http::Gate::new(opts.bind, opts.allow_hosts));
    serve_http(Arc::new(server), &hub, &gate)?;

    println!("serving {} at {url} (Ctrl-C to stop)", root.display());
    if opts.open {
        open_browser(&url);
    }
    wait_for_ctrl_c()?;
    println!("stopped");
    Ok(())
}

/// Binds `port`, or the next free one when it is taken (`0`: any port).
fn bind(ip: IpAddr, port: u16) -> Result<TcpListener, String> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES)
    };
    let mut tried = port;
    loop {
        match TcpListener::bind((ip, tried)) {
            Ok(l) => {
                no_delay(&l);
                return Ok(l);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && tried < last => tried += 1,
            Err(e) => {
                return Err(format!(
                    "cannot listen on {}: {e}",
                    SocketAddr::new(ip, tried)
                ));
            }
        }
    }
}

/// Sends small writes at once on every connection: without it a reply
/// written as headers then body waits for the browser's delayed ACK
/// (about 40 ms per request on a kept-alive connection). Linux gives an
/// accepted connection the listener's setting; elsewhere this does nothing.
fn no_delay(listener: &TcpListener) {
    #[cfg(target_os = "linux")]
    let _ = rustix::net::sockopt::set_tcp_nodelay(listener, true);
    #[cfg(not(target_os = "linux"))]
    let _ = listener;
}

/// The address to print; a wildcard bind is reachable on loopback.
fn url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

fn spawn(name: &str, f: impl FnOnce() + Send + 'static) -> Result<(), String> {
    std::thread::Builder::new()
        .name(name.into())
        .spawn(f)
        .map(drop)
        .map_err(|e| format!("cannot start a thread: {e}"))
}

fn serve_http(
    server: Arc<tiny_http::Server>,
    hub: &Arc<Hub>,
    gate: &Arc<http::Gate>,
) -> Result<(), String> {
    for _ in 0..WORKERS {
        let (server, hub, gate) = (server.clone(), hub.clone(), gate.clone());
        spawn("http", move || {
            for request in server.incoming_requests() {
                let request = match gate.admit(request) {
                    Some(r) => r,
                    None => continue,
                };
                if http::is_event_stream(&request) {
                    let Some(slot) = gate.stream_slot() else {
                        http::refuse_stream(request);
                        continue;
                    };
                    let hub = hub.clone();
                    let _ = spawn("events", move || {
                        let _slot = slot;
                        http::handle(request, &hub);
                    });
                } else {
                    http::handle(request, &hub);
                }
            }
        })?;
    }
    Ok(())
}

/// Rebuilds after each batch of changes (batches that arrived during a
/// build are merged into one) and publishes the result.
fn rebuild_loop(
    changes: &Receiver<Vec<String>>,
    mut rebuilder: Rebuilder,
    hub: &Arc<Hub>,
    ids: &BuildIds,
    mut printed: Vec<Diagnostic>,
    jobs: &Sender<Job>,
) {
    while let Ok(mut changed) = changes.recv() {
        while let Ok(more) = changes.try_recv() {
            changed.extend(more);
        }
        changed.sort();
        changed.dedup();
        let outcome = rebuilder.build(&changed);
        let previous = hub.current();
        let (snapshot, text) = report(outcome, Some(&previous), ids, &changed, &mut printed);
        // The browsers first: the terminal can wait a few milliseconds.
        let build = snapshot.build.clone();
        hub.publish(snapshot);
        eprint!("{text}");
        finish(&mut rebuilder, hub, &build, jobs);
    }
}

/// Work for the data-files thread.
type Job = Box<dyn FnOnce() + Send>;

/// Has the files the build left for after its pages (the data exports)
/// made on the data-files thread and added to the site being served; a
/// request for one waits until then. A build already replaced by a newer
/// one is skipped.
fn finish(rebuilder: &mut Rebuilder, hub: &Arc<Hub>, build: &str, jobs: &Sender<Job>) {
    let Some(make) = rebuilder.later() else {
        return;
    };
    let (hub, build) = (hub.clone(), build.to_string());
    let job: Job = Box::new(move || {
        if hub.current().build != build {
            return;
        }
        match make() {
            Ok(later) => hub.complete(&build, later),
            Err(d) => {
                eprint!("{d}");
                hub.complete(&build, Vec::new());
            }
        }
    });
    // Should that thread be gone, the files are made here.
    if let Err(std::sync::mpsc::SendError(job)) = jobs.send(job) {
        job();
    }
}

/// Turns a build into the snapshot to serve (the new site, or the last
/// good one with the problems) and the text to print, as `build` prints
/// it. Warnings already printed for the previous build are not repeated.
fn report(
    outcome: Outcome,
    previous: Option<&Snapshot>,
    ids: &BuildIds,
    changed: &[String],
    printed: &mut Vec<Diagnostic>,
) -> (Snapshot, String) {
    let mut text = String::new();
    let repeated = outcome.files.is_some() && outcome.diagnostics == *printed;
    if !repeated {
        outcome
            .diagnostics
            .iter()
            .for_each(|d| text.push_str(&d.to_string()));
    }
    let cause = match changed {
        [] => String::new(),
        [one] => format!(" after a change to {one}"),
        [first, rest @ ..] => format!(" after changes to {first} and {} other file(s)", rest.len()),
    };
    let snapshot = match outcome.files {
        Some((files, s)) => {
            let again = if repeated && s.warnings > 0 {
                " (as before)"
            } else {
                ""
            };
            text.push_str(&format!(
                "built {} pages for {} customers and {} competitors in {} ms{cause}, {} warning(s){again}\n",
                s.pages,
                s.customers,
                s.competitors,
                s.elapsed.as_millis(),
                s.warnings
            ));
            *printed = outcome.diagnostics;
            Snapshot {
                build: ids.next(),
                files: Some(files),
                problems: Vec::new(),
                pending: outcome.later,
            }
        }
        None => {
            let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
            let kept = if previous.is_some_and(|p| p.files.is_some()) {
                "serving the last good site"
            } else {
                "nothing to serve yet"
            };
            text.push_str(&format!(
                "build failed{cause}: {errors} error(s); {kept}, with the problems shown in the browser\n"
            ));
            printed.clear();
            Snapshot {
                build: previous.map_or_else(|| ids.next(), |p| p.build.clone()),
                files: previous.and_then(|p| p.files.clone()),
                problems: outcome.diagnostics,
                // The last good site's data files may still be on their way.
                pending: previous.map(|p| p.pending.clone()).unwrap_or_default(),
            }
        }
    };
    (snapshot, text)
}

/// Names builds uniquely across restarts of the server, so a page left
/// open from a previous run reloads once the new run has a site.
struct BuildIds {
    run: u128,
    next: std::sync::atomic::AtomicU64,
}

impl BuildIds {
    fn new() -> BuildIds {
        let run = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        BuildIds {
            run,
            next: std::sync::atomic::AtomicU64::new(1),
        }
    }

    fn next(&self) -> String {
        let n = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        format!("{:x}-{n}", self.run)
    }
}

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(program)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        eprintln!("warning: cannot open a browser ({program}): {e}; open {url} yourself");
    }
}

fn wait_for_ctrl_c() -> Result<(), String> {
    let (tx, rx) = channel();
    ctrlc::set_handler(move || {
        let _ = tx.send(());
    })
    .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;
    let _ = rx.recv();
    Ok(())
}
