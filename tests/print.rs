//! The example site on paper: Debian's headless Chromium prints pages to
//! PDF, and the page count is read from the PDF's page tree. A customer
//! dossier fits on 4 A4 pages and the dashboard on 6; every printed page
//! carries the customer's name and the `as_of` date in its header.

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
    let root = env!("CARGO_MANIFEST_DIR");
    let run = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root", root, "--output"])
        .arg(out.path().join("site"))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

/// Prints `page` to A4 PDF and returns the number of pages.
fn printed_pages(page: &Path, pdf: &Path) -> usize {
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
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
