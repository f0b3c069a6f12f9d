//! The example site in a real browser, opened from disk: Debian's headless
//! Chromium prints pages to PDF (the page count is read from the PDF's
//! page tree: a customer dossier fits on 4 A4 pages and the dashboard on
//! 6, every printed page headed with the customer's name and `as_of`),
//! runs the search box and the sortable table, and lays pages out at a
//! phone's width, where nothing may stick out of the screen.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> &'static str {
    if Path::new("/usr/bin/chromium").exists() {
        "/usr/bin/chromium"
    } else {
        "chromium"
    }
}

/// The example site, built into a temporary folder.
fn example() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    build(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &out.path().join("site"),
    );
    out
}

/// Builds the site at `root` into `output`.
fn build(root: &Path, output: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--quiet", "--root"])
        .arg(root)
        .arg("--output")
        .arg(output)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Chromium's command line with our flags, for `page` opened from disk.
fn chromium_on(profile: &Path) -> Command {
    let mut c = Command::new(chromium());
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// The DOM of `page` after `script` ran on load, at `width` pixels.
fn dom_after(page: &Path, script: &str, width: u32) -> String {
    let html = std::fs::read_to_string(page).unwrap();
    let probe = page.with_file_name("probe.html");
    std::fs::write(
        &probe,
        format!(
            "{html}<script>window.addEventListener(\"load\", function () {{ {script} }});</script>"
        ),
    )
    .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = chromium_on(profile.path())
        .args(["--virtual-time-budget=3000", "--dump-dom"])
        .arg(format!("--window-size={width},900"))
        .arg(format!("file://{}", probe.display()))
        .output()
        .expect("start chromium (apt-get install chromium)");
    std::fs::remove_file(&probe).unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Prints `page` to A4 PDF and returns the number of pages.
fn printed_pages(page: &Path, pdf: &Path) -> usize {
    let profile = tempfile::tempdir().unwrap();
    let status = chromium_on(profile.path())
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("start chromium (apt-get install chromium)");
    assert!(
        status.status.success(),
        "chromium failed on {}",
        page.display()
    );
    let bytes = std::fs::read(pdf).unwrap();
    page_count(&bytes).unwrap_or_else(|| panic!("no page tree in {}", pdf.display()))
}

/// The page count of the PDF's root page tree: the largest `/Count` of a
/// `/Type /Pages` dictionary (Chromium writes the tree uncompressed).
fn page_count(pdf: &[u8]) -> Option<usize> {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Count")
        .filter_map(|(i, _)| {
            let rest = text[i + 6..].trim_start();
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .max()
}

/// The largest customer pages (most content), where a page budget is tight.
fn largest_customers(site: &Path, n: usize) -> Vec<PathBuf> {
    let mut pages: Vec<(u64, PathBuf)> = std::fs::read_dir(site.join("customers"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path().join("index.html"))
        .filter(|p| p.exists())
        .map(|p| (std::fs::metadata(&p).unwrap().len(), p))
        .collect();
    pages.sort();
    pages.into_iter().rev().take(n).map(|(_, p)| p).collect()
}

#[test]
fn a_dossier_prints_on_four_pages_and_the_dashboard_on_six() {
    let out = example();
    let site = out.path().join("site");
    let pdf = out.path().join("page.pdf");
    let dashboard = printed_pages(&site.join("index.html"), &pdf);
    assert!(dashboard <= 6, "the dashboard prints on {dashboard} pages");
    assert!(
        dashboard >= 2,
        "the dashboard lost content: {dashboard} page(s)"
    );
    for page in largest_customers(&site, 3) {
        let n = printed_pages(&page, &pdf);
        assert!(n <= 4, "{} prints on {n} pages", page.display());
        // The running header: the customer's name and the as_of date.
        let html = std::fs::read_to_string(&page).unwrap();
        let head = html.split("@top-left").nth(1).expect("a print header");
        assert!(head.contains("as of 2026-11-22"), "{head}");
    }
}

#[test]
fn the_page_count_is_read_from_the_page_tree() {
    let pdf = b"1 0 obj <</Type /Pages /Kids [3 0 R 4 0 R] /Count 2>> endobj 5 0 obj <</Type /Pages /Count 12>>";
    assert_eq!(page_count(pdf), Some(12));
    assert_eq!(page_count(b"%PDF-1.4 nothing"), None);
}

#[test]
fn search_finds_customers_and_columns_sort_from_disk() {
    let out = example();
    let table = out.path().join("site/customers/index.html");
    // Search "hebei", then sort by latest revenue twice (highest first).
    let dom = dom_after(
        &table,
        "var i = document.getElementById('site-search'); i.value = 'hebei'; \
         i.dispatchEvent(new Event('input')); \
         var b = document.querySelectorAll('#customer-table th')[11].querySelector('button'); \
         b.click(); b.click(); \
         var r = [].map.call(document.querySelectorAll('#customer-table tbody tr td:nth-child(12)'), \
           function (td) { return td.getAttribute('data-sort'); }); \
         document.body.setAttribute('data-order', r.join('|'));",
        1280,
    );
    let results = dom
        .split("class=\"search-results\"")
        .nth(1)
        .expect("a result list");
    let results = &results[..results.find("</ul>").unwrap()];
    assert!(
        results.contains("hebei-hengtong-autoparts/index.html"),
        "{results}"
    );
    assert!(!results.contains("nordic-dairy"), "{results}");
    let order = dom.split("data-order=\"").nth(1).unwrap();
    let order: Vec<f64> = order[..order.find('"').unwrap()]
        .split('|')
        .filter(|v| !v.is_empty())
        .map(|v| v.parse().unwrap())
        .collect();
    assert!(order.len() > 5);
    assert!(order.windows(2).all(|w| w[0] >= w[1]), "{order:?}");
}

#[test]
fn nothing_sticks_out_of_a_phone_screen() {
    let out = example();
    let site = out.path().join("site");
    // Every element's right edge, unless it sits in a box that scrolls
    // sideways (a wide table or chart, with its scroll cue).
    let script = "var bad = []; document.querySelectorAll('main *').forEach(function (e) { \
        for (var p = e.parentElement; p; p = p.parentElement) { \
          var o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return; } \
        var r = e.getBoundingClientRect(); \
        if (r.width > 0 && r.right > document.documentElement.clientWidth + 1) bad.push(e.tagName + ' ' + (e.textContent || '').slice(0, 40)); }); \
        document.body.setAttribute('data-overflow', bad.length + ': ' + bad.slice(0, 5).join(' / '));";
    let mut pages = vec![site.join("index.html"), site.join("customers/index.html")];
    pages.extend(largest_customers(&site, 2));
    for page in pages {
        let dom = dom_after(&page, script, 390);
        let found = dom.split("data-overflow=\"").nth(1).expect("the probe ran");
        let found = &found[..found.find('"').unwrap()];
        assert!(found.starts_with("0:"), "{}: {found}", page.display());
    }
}

/// The example site with `paginate_by: 2`: its customer table runs over
/// several pages.
fn paginated_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = dir.path().join("src");
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let entry = entry.unwrap();
        let to = site.join(entry.path().strip_prefix(root).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let config = std::fs::read_to_string(root.join("dossier.yaml")).unwrap();
    assert!(
        !config.contains("paginate_by"),
        "the example sets its own page size"
    );
    std::fs::write(
        site.join("dossier.yaml"),
        format!("{config}\npaginate_by: 2\n"),
    )
    .unwrap();
    build(&site, &dir.path().join("site"));
    dir
}

#[test]
fn the_page_numbers_of_a_long_table_stand_apart() {
    let out = paginated_example();
    let page = out.path().join("site/customers/index-2.html");
    // The gap between each link of the pager and the next on its line.
    let script = "var gaps = []; document.querySelectorAll('nav.pager').forEach(function (nav) { \
        var items = Array.prototype.slice.call(nav.children); \
        for (var i = 1; i < items.length; i++) { \
          var a = items[i - 1].getBoundingClientRect(), b = items[i].getBoundingClientRect(); \
          if (Math.abs(a.top - b.top) < 2) gaps.push(Math.round(b.left - a.right)); } }); \
        document.body.setAttribute('data-gaps', gaps.join(' '));";
    for width in [390, 1280] {
        let dom = dom_after(&page, script, width);
        let found = dom.split("data-gaps=\"").nth(1).expect("the probe ran");
        let gaps: Vec<i64> = found[..found.find('"').unwrap()]
            .split_whitespace()
            .map(|g| g.parse().unwrap())
            .collect();
        assert!(
            gaps.len() >= 3,
            "a pager with several links at {width} px: {gaps:?}"
        );
        // "1 2 3", not "123": at least a quarter of a character apart.
        assert!(
            gaps.iter().all(|&g| g >= 4),
            "page links run together at {width} px: gaps {gaps:?}"
        );
    }
}
