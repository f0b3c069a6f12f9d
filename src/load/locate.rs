//! Finding the line and column of a value in a file that already parsed.
//!
//! serde_yaml keeps no positions for valid values, so problems found after
//! parsing (duplicate names, dangling references) re-parse only the
//! offending file with marked-yaml, which keeps marks, and walk to the value.

use marked_yaml::Node;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Line and column (1-based) of the value at `path`; the key's position for
/// a mapping entry. Falls back to the deepest node found, then to 1:1.
pub fn locate(text: &str, path: &[Seg]) -> (usize, usize) {
    if let [Seg::Key(key)] = path
        && let Some(found) = top_level_key(text, key)
    {
        return found;
    }
    let Ok(root) = marked_yaml::parse_yaml(0, text) else {
        return (1, 1);
    };
    let mut node = &root;
    let mut best = (1, 1);
    for seg in path {
        let next = match (seg, node) {
            (Seg::Key(k), Node::Mapping(m)) => {
                m.iter()
                    .find(|(key, _)| key.as_str() == *k)
                    .map(|(key, v)| {
                        if let Some(s) = key.span().start() {
                            best = (s.line(), s.column());
                        }
                        v
                    })
            }
            (Seg::Index(i), Node::Sequence(s)) => s.get(*i).inspect(|v| {
                if let Some(s) = v.span().start() {
                    best = (s.line(), s.column());
                }
            }),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    best
}

/// A fast path for the common case, a top-level key of a block mapping
/// (warnings name one for thousands of files): a scan of the lines, no
/// parse. `None` when the document is not a plain block mapping.
fn top_level_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let first = text
        .lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("---"))?;
    if first.starts_with('{')
        || first.starts_with('-')
        || first.starts_with('?')
        || text.contains('&')
    {
        return None;
    }
    let found = text.lines().enumerate().find(|(_, l)| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    });
    Some(found.map_or((1, 1), |(i, _)| (i + 1, 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_list_items() {
        let src = "name: A\ndeal:\n  competitors:\n    - x\n    - nope\n";
        assert_eq!(locate(src, &[Seg::Key("name")]), (1, 1));
        let p = [Seg::Key("deal"), Seg::Key("competitors"), Seg::Index(1)];
        assert_eq!(locate(src, &p), (5, 7));
        assert_eq!(locate(src, &[Seg::Key("missing")]), (1, 1));
        assert_eq!(locate("[", &[Seg::Key("a")]), (1, 1));
        assert_eq!(
            locate(
                "# c\nname: A\nstatus_x: 1\nstatus : b\n",
                &[Seg::Key("status")]
            ),
            (4, 1)
        );
        assert_eq!(
            locate("{ name: A, status: b }", &[Seg::Key("status")]),
            (1, 12)
        );
    }
}
