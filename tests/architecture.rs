//! The pipeline stages depend only upstream (DESIGN.md): no cycle between
//! the top-level modules of `src/`. Read from the `crate::` paths of every
//! source file, so a new reference that closes a loop fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level module a file of `src/` belongs to (`None` for the roots).
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "main" | "lib")).then(|| name.to_string())
}

/// Every top-level module named after `crate::` in `code`, including the
/// members of a braced `use crate::{a, b::c}` group.
fn references(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut end = group.len();
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        end = j;
                        break;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            let mut depth = 0;
            let mut start = 0;
            let inner = &group[..end];
            for (j, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.insert(ident(inner[start..j].trim()));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
            out.insert(ident(inner[start..].trim()));
        } else {
            out.insert(ident(rest));
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.path().extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let Some(from) = module_of(e.path().strip_prefix(&src).unwrap()) else {
            continue;
        };
        // Test code may drive the whole pipeline to set up its fixtures:
        // only what ships counts (test files, and a file from its first
        // `#[cfg(test)]` on, are left out).
        let name = e.file_name().to_string_lossy();
        if name.ends_with("tests.rs") {
            continue;
        }
        let code = std::fs::read_to_string(e.path()).unwrap();
        let code = code.split("#[cfg(test)]").next().unwrap_or("");
        let deps = g.entry(from.clone()).or_default();
        deps.extend(references(code).into_iter().filter(|m| *m != from));
    }
    g
}

/// A cycle through `start`, as the list of modules along it.
fn cycle_from(
    g: &BTreeMap<String, BTreeSet<String>>,
    start: &str,
    at: &str,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    for next in g.get(at).into_iter().flatten() {
        if next == start {
            let mut c = path.clone();
            c.push(start.to_string());
            return Some(c);
        }
        if !path.contains(next) {
            path.push(next.clone());
            if let Some(c) = cycle_from(g, start, next, path) {
                return Some(c);
            }
            path.pop();
        }
    }
    None
}

#[test]
fn no_cycle_between_top_level_modules() {
    let g = graph();
    assert!(g.len() > 8, "read only {} modules", g.len());
    let cycles: Vec<String> = g
        .keys()
        .filter_map(|m| cycle_from(&g, m, m, &mut vec![m.clone()]))
        .map(|c| c.join(" -> "))
        .collect();
    assert!(
        cycles.is_empty(),
        "modules that depend on each other:\n{}",
        cycles.join("\n")
    );
}

#[test]
fn the_reference_reader_sees_groups_and_paths() {
    let r = references("use crate::{analysis::{self, X}, model};\nlet x = crate::build::timed();");
    let want: BTreeSet<String> = ["analysis", "model", "build"].map(String::from).into();
    assert_eq!(r, want);
}
