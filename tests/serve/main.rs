//! `dossier serve` as a user meets it: the real binary on a free port
//! against a temporary copy of `tests/sites/serve`, driven over HTTP (and,
//! in `browser.rs`, by a real headless Chromium). Every wait polls with a
//! timeout; nothing sleeps for a fixed time hoping the server is done.

#[path = "../common/mod.rs"]
mod common;

mod browser;
mod client;

use client::{Reply, Server};
use common::TestSite;

const ACME: &str = "content/customers/acme.yaml";
const BETA: &str = "content/customers/beta.yaml";

fn site() -> TestSite {
    TestSite::fixture("serve")
}

fn has_overlay(r: &Reply) -> bool {
    r.body.contains("id=\"dossier-live\"") && r.body.contains("display:block")
}

/// The same site with `from` replaced by `to` in one file.
fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    site.write(rel, text.replace(from, to));
}

#[test]
fn pages_are_served_with_their_content_types() {
    let site = site();
    let server = Server::start(site.root());
    let index = server.get("/");
    assert_eq!(index.status, 200);
    assert_eq!(
        index.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        index.body.contains("/__dossier/events"),
        "the live script is injected"
    );
    assert!(!has_overlay(&index));

    let page = server.get("/customers/acme/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Acme Industrial"));
    assert_eq!(server.get("/customers/acme/index.html").body, page.body);

    let folder = server.get("/customers/acme");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/customers/acme/"));

    for (path, ty) in [
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/data/analysis.json", "application/json; charset=utf-8"),
        (
            "/markdown/customers/acme.md",
            "text/markdown; charset=utf-8",
        ),
        ("/charts/pyramid.svg", "image/svg+xml; charset=utf-8"),
    ] {
        let r = server.get(path);
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, Some(ty)),
            "{path}"
        );
        assert!(
            !r.body.contains("__dossier"),
            "only HTML gets the script: {path}"
        );
    }

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        missing.body.contains("/__dossier/events"),
        "the 404 page is the site's, live"
    );
    assert!(!site.path("output").exists(), "serve never writes output/");
}

#[test]
fn an_edit_is_served_after_the_rebuild() {
    let site = site();
    let server = Server::start(site.root());
    let mut events = server.events();
    let first = events.next();
    assert_eq!(first["ok"], true);

    edit(&site, ACME, "Acme Industrial", "Acme Heavy Industries");
    let next = events.next();
    assert_eq!(next["ok"], true);
    assert_ne!(next["build"], first["build"], "a new build is announced");
    // The event comes only once the new site is in place.
    let page = server.get("/customers/acme/");
    assert!(page.body.contains("Acme Heavy Industries"), "{}", page.body);
    assert!(page.body.contains(next["build"].as_str().unwrap()));
}

#[test]
fn a_broken_file_shows_the_overlay_over_the_last_good_site_until_fixed() {
    let site = site();
    let server = Server::start(site.root());
    edit(&site, ACME, "financial: 8", "financial: 80");
    let page = server.wait_for("/customers/acme/", "the overlay", has_overlay);
    assert!(
        page.body.contains("Acme Industrial"),
        "the last good content stays"
    );
    assert_eq!(page.status, 200);

    // Each problem reads exactly as the terminal printed it, escaped.
    let log = server.wait_log("the error in the terminal", |l| l.contains("build failed"));
    let start = log
        .find("content/customers/acme.yaml:")
        .expect("the terminal names the file");
    let printed: String = log[start..]
        .lines()
        .take_while(|l| !l.starts_with("build failed"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        printed.contains("acme.yaml:9:"),
        "the line of the bad value: {printed}"
    );
    assert!(
        printed.contains("financial: 80"),
        "the source line: {printed}"
    );
    assert!(
        page.body.contains(&escape(&printed)),
        "overlay differs from the terminal:\n{printed}\n---\n{}",
        page.body
    );
    for path in ["/", "/no/such/page/"] {
        assert!(
            has_overlay(&server.get(path)),
            "every page shows it: {path}"
        );
    }

    edit(&site, ACME, "financial: 80", "financial: 9");
    let fixed = server.wait_for("/customers/acme/", "the overlay to go", |r| !has_overlay(r));
    assert!(!fixed.body.contains("financial: 80"));
    assert!(
        server.log().contains("build failed"),
        "and the server is still running"
    );
}

#[test]
fn customers_can_be_deleted_and_added() {
    let site = site();
    let server = Server::start(site.root());
    assert_eq!(server.get("/customers/beta/").status, 200);
    std::fs::remove_file(site.path("content/customers/beta.yaml")).unwrap();
    server.wait_for("/customers/beta/", "the deleted customer to go", |r| {
        r.status == 404
    });

    let gamma = std::fs::read_to_string(site.path(ACME))
        .unwrap()
        .replace("Acme Industrial", "Gamma Foods");
    site.write("content/customers/gamma.yaml", gamma);
    let page = server.wait_for("/customers/gamma/", "the new customer", |r| r.status == 200);
    assert!(page.body.contains("Gamma Foods"));
    let list = server.get("/customers/");
    assert!(
        list.body.contains("Gamma Foods") && !list.body.contains("Beta Logistics"),
        "{}",
        list.body
    );
}

#[test]
fn a_save_by_rename_is_one_rebuild() {
    let site = site();
    let server = Server::start(site.root());
    let builds = |log: &str| log.lines().filter(|l| l.starts_with("built ")).count();
    let before = builds(&server.log());
    // What many editors do: write a temporary file, then rename it over
    // the original; plus a backup file that is removed again.
    let text = std::fs::read_to_string(site.path(ACME))
        .unwrap()
        .replace("Acme Industrial", "Acme Renamed");
    site.write("content/customers/.acme.yaml.tmp", &text);
    site.write("content/customers/acme.yaml~", "backup");
    std::fs::rename(
        site.path("content/customers/.acme.yaml.tmp"),
        site.path(ACME),
    )
    .unwrap();
    std::fs::remove_file(site.path("content/customers/acme.yaml~")).unwrap();
    server.wait_for("/customers/acme/", "the renamed save", |r| {
        r.body.contains("Acme Renamed")
    });
    // A second, unrelated edit afterwards proves the watcher saw nothing more.
    edit(
        &site,
        "content/customers/beta.yaml",
        "Beta Logistics",
        "Beta Freight",
    );
    server.wait_for("/customers/beta/", "the next edit", |r| {
        r.body.contains("Beta Freight")
    });
    assert_eq!(builds(&server.log()), before + 2, "{}", server.log());
}

#[test]
fn the_server_starts_when_the_first_build_fails() {
    let site = site();
    edit(&site, ACME, "status: current", "status: bogus");
    let server = Server::start(site.root());
    let page = server.get("/customers/acme/");
    assert!(has_overlay(&page), "{}", page.body);
    assert!(
        page.body.contains("content/customers/acme.yaml:2:"),
        "{}",
        page.body
    );
    assert!(has_overlay(&server.get("/")));
    edit(&site, ACME, "status: bogus", "status: current");
    let page = server.wait_for("/customers/acme/", "the first good build", |r| {
        r.status == 200
    });
    assert!(page.body.contains("Acme Industrial") && !has_overlay(&page));
}

#[test]
fn a_template_error_is_shown_and_templates_are_reloaded() {
    let site = site();
    let server = Server::start(site.root());
    site.write("templates/md/index.md", "# {{ site.title }\n");
    let page = server.wait_for("/", "the template error", has_overlay);
    assert!(
        page.body.contains("templates/md/index.md:1:"),
        "{}",
        page.body
    );
    site.write("templates/md/index.md", "# {{ site.title }} (edited)\n");
    server.wait_for("/markdown/index.md", "the edited template", |r| {
        r.body.contains("(edited)")
    });
    assert!(!has_overlay(&server.get("/")));
}

#[test]
fn paths_outside_the_site_are_never_served() {
    let site = site();
    site.write("secret.txt", "TOP SECRET");
    let server = Server::start(site.root());
    let dir = site
        .root()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let tries = [
        "/../Cargo.toml".to_string(),
        "/%2e%2e/%2e%2e/etc/passwd".into(),
        "/%2E%2E/%2E%2E/%2E%2E/etc/passwd".into(),
        "/..%2f..%2fetc/passwd".into(),
        "/..%2F..%2F..%2Fetc%2Fpasswd".into(),
        "//etc/passwd".into(),
        "/%2fetc/passwd".into(),
        "/..\\..\\etc\\passwd".into(),
        "/%5c..%5c..%5cetc%5cpasswd".into(),
        "/customers/%00/index.html".into(),
        "/secret.txt".into(),
        "/dossier.yaml".into(),
        "/content/customers/acme.yaml".into(),
        format!("/../{dir}/secret.txt"),
        format!("/%2e%2e/{dir}/secret.txt"),
    ];
    for path in &tries {
        let r = server.get(path);
        assert!(matches!(r.status, 400 | 404), "{path}: {}", r.status);
        for leak in ["TOP SECRET", "root:x:0", "[package]", "Acme Industrial"] {
            assert!(!r.body.contains(leak), "{path} leaked {leak}");
        }
    }
    assert_eq!(server.get("/customers/acme/").status, 200, "still serving");
}

#[test]
fn build_output_has_no_live_script() {
    let site = site();
    site.build().ok();
    let files = common::files_under(&site.path("output"));
    assert!(files.iter().any(|(p, _)| p.ends_with(".html")));
    for (path, bytes) in files {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("__dossier") && !text.contains("dossier-live\""),
            "{path}"
        );
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = site();
    let mut server = Server::start(site.root());
    let status = server.interrupt();
    assert!(status.success(), "{status:?}\n{}", server.log());
    server.wait_log("the goodbye", |l| l.contains("stopped"));
}

/// The page without what `serve` adds to it (the overlay box and script).
fn strip_live(page: &str) -> String {
    match (
        page.find("<div id=\"dossier-live\""),
        page.rfind("</script>\n"),
    ) {
        (Some(a), Some(b)) if b > a => {
            format!("{}{}", &page[..a], &page[b + "</script>\n".len()..])
        }
        _ => page.to_string(),
    }
}

#[test]
fn after_edits_the_served_site_is_what_build_writes() {
    // Guards the caches: pages and charts reused from earlier builds must
    // be exactly what a fresh build makes.
    let site = site();
    let server = Server::start(site.root());
    // The value scorecard chart is named by its scores.
    assert_eq!(server.get("/charts/value/3-7-6-9.svg").status, 404);
    edit(&site, ACME, "financial: 8", "financial: 3");
    server.wait_for("/charts/value/3-7-6-9.svg", "the new chart", |r| {
        r.status == 200
    });
    // (file, text, its replacement, a page, what the page then shows)
    let edits = [
        (
            BETA,
            "Beta Logistics",
            "Beta Freight",
            "/customers/beta/",
            "Beta Freight",
        ),
        (
            ACME,
            "Acme Industrial",
            "Acme Last",
            "/customers/acme/",
            "Acme Last",
        ),
        // Edits of one file that change other pages: a competitor's name
        // shows in the dossiers of the customers it competes for; an owner
        // gets a page listing the customer; a second current customer
        // (edited last) moves the first one's ABC class and decile.
        (
            "content/competitors/rival-group.yaml",
            "Rival Group",
            "Rival Holdings",
            "/customers/acme/",
            "Rival Holdings",
        ),
        (
            ACME,
            "trust: value",
            "trust: value\nowner: Zhao Lei",
            "/owners/zhao-lei/",
            "Acme Last",
        ),
        (
            BETA,
            "status: prospect",
            "status: current\nmetrics:\n  - { period: \"2026\", revenue: 900000, profit: 90000 }",
            "/customers/beta/",
            "900,000",
        ),
    ];
    for (file, from, to, page, shows) in edits {
        edit(&site, file, from, to);
        server.wait_for(page, shows, |r| r.body.contains(shows));
    }

    site.build().ok();
    let files = common::files_under(&site.path("output"));
    assert!(
        files.iter().any(|(p, _)| p.ends_with(".svg")),
        "the site has charts"
    );
    for (path, bytes) in files
        .iter()
        .filter(|(p, _)| !p.starts_with('.') && !p.contains("/."))
    {
        let served = server.get(&format!("/{path}"));
        assert_eq!(served.status, 200, "{path}");
        let expected = String::from_utf8_lossy(bytes);
        assert_eq!(
            strip_live(&served.body),
            expected,
            "{path} differs from the build"
        );
    }
}

#[test]
fn a_request_naming_another_host_is_refused_against_dns_rebinding() {
    let site = site();
    let server = Server::start_with(site.root(), 0, &["--allow-host", "dossier.lan"]);
    let port = server.addr.port();
    let ask = |host: &str| {
        client::send(
            server.addr,
            &format!(
                "GET /data/analysis.json HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            ),
        )
    };
    let refused = ask(&format!("rebind.evil.example:{port}"));
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(!refused.body.contains("customers"), "{}", refused.body);
    assert!(refused.body.contains("--allow-host"), "{}", refused.body);
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("dossier.lan:{port}"),
    ] {
        assert_eq!(ask(&host).status, 200, "{host}");
    }
}

#[test]
fn a_method_that_is_not_served_is_answered_405_with_allow() {
    let site = site();
    let server = Server::start(site.root());
    let reply = client::send(
        server.addr,
        &format!(
            "POST / HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            server.addr
        ),
    );
    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("allow"), Some("GET, HEAD"));
}

#[test]
fn kept_alive_requests_are_answered_without_waiting_for_acks() {
    use std::io::Write;
    let site = site();
    let server = Server::start(site.root());
    let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
    stream.set_read_timeout(Some(client::PATIENCE)).unwrap();
    stream.set_nodelay(true).unwrap();
    let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
    let request = format!(
        "GET /assets/style.css HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    );
    // The first reply warms the server up.
    stream.write_all(request.as_bytes()).unwrap();
    assert_eq!(client::read_reply(&mut reader).status, 200);
    let start = std::time::Instant::now();
    for _ in 0..20 {
        stream.write_all(request.as_bytes()).unwrap();
        let reply = client::read_reply(&mut reader);
        assert_eq!(reply.status, 200);
        assert!(reply.body.len() > 100);
    }
    // With Nagle's algorithm each reply waits ~40 ms for a delayed ACK.
    let took = start.elapsed();
    assert!(
        took < std::time::Duration::from_millis(500),
        "20 kept-alive requests took {took:?}"
    );
}

#[test]
fn live_reload_connections_are_limited() {
    let site = site();
    let server = Server::start(site.root());
    let open: Vec<client::Events> = (0..32).map(|_| server.events()).collect();
    let reply = client::send(
        server.addr,
        &format!(
            "GET /__dossier/events HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            server.addr
        ),
    );
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert!(reply.header("retry-after").is_some());
    assert_eq!(server.get("/").status, 200, "pages are still served");
    drop(open);
    // Closed tabs free their places.
    let start = std::time::Instant::now();
    loop {
        use std::io::{BufRead, Write};
        let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
        stream.set_read_timeout(Some(client::PATIENCE)).unwrap();
        let request = format!(
            "GET /__dossier/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            server.addr
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut status = String::new();
        std::io::BufReader::new(stream)
            .read_line(&mut status)
            .unwrap();
        if status.contains(" 200 ") {
            break;
        }
        assert!(
            start.elapsed() < client::PATIENCE,
            "no slot freed: {status}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn a_new_spreadsheet_export_is_served_after_the_rebuild() {
    let site = site();
    let server = Server::start(site.root());
    let mut events = server.events();
    assert_eq!(events.next()["ok"], true);
    site.write(
        "content/data/sales.csv",
        "customer,period,revenue,profit\nacme,2027,\"777,777\",1\n",
    );
    assert_eq!(events.next()["ok"], true);
    let json = server.get("/data/analysis.json");
    let a: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(a["customers"]["acme"]["revenue"], 777777, "{}", json.body);
    // The workbook is made after the pages are served; asked for at once,
    // it comes when ready, with the new export's figures.
    let xlsx = server.get("/data/analysis.xlsx");
    assert_eq!(xlsx.status, 200);
    assert_eq!(
        xlsx.header("content-type"),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
    use calamine::{DataType, Reader};
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.bytes)).expect("a workbook");
    let sheet = book.sheet_names()[0].clone();
    let cells = book.worksheet_range(&sheet).expect("the customers sheet");
    assert!(
        cells
            .used_cells()
            .any(|(_, _, v)| v.as_f64() == Some(777_777.0)),
        "the workbook has the new revenue"
    );
}
