//! Parsed files and located positions kept from one build to the next
//! (by `serve`, through [`Source::memo`](super::Source::memo)): an edit
//! of one customer then parses that one file again, not a thousand.
//!
//! Each entry is keyed by the file's path and remembers a hash of the text
//! it was made from, so a changed file is always parsed anew; only the
//! latest version of each file is kept. Nothing here reads a file or
//! decides anything about its content.

use super::locate::{Seg, locate};
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// What was made from a text, with the hash of that text.
type Parsed = (u64, Arc<dyn Any + Send + Sync>);
type Located = (u64, (usize, usize));

#[derive(Default)]
pub struct Memo {
    /// (path, type parsed into) → (text hash, value).
    parsed: Mutex<HashMap<(String, TypeId), Parsed>>,
    /// (path, where in the document) → (text hash, line and column).
    located: Mutex<HashMap<(String, String), Located>>,
    /// (path, type of the result) → (the value checked, a key of what
    /// else the check read, its result).
    checked: Mutex<HashMap<(String, TypeId), Checked>>,
}

type Checked = (Arc<dyn Any + Send + Sync>, u64, Arc<dyn Any + Send + Sync>);

impl Memo {
    /// The value parsed from `text` at `path` last time, if the text is
    /// the same; else parses it with `parse` and keeps a successful result.
    pub fn parse<T, E>(
        &self,
        path: &str,
        text: &str,
        parse: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E>
    where
        T: Clone + Send + Sync + 'static,
    {
        let hash = hash(text);
        let key = (path.to_string(), TypeId::of::<T>());
        if let Some((h, value)) = lock(&self.parsed).get(&key)
            && *h == hash
            && let Some(v) = value.downcast_ref::<T>()
        {
            return Ok(v.clone());
        }
        let value = parse()?;
        lock(&self.parsed).insert(key, (hash, Arc::new(value.clone())));
        Ok(value)
    }

    /// What `check` found in `value` (parsed from the file at `path`)
    /// last time, when it is the very same value (a file not parsed again)
    /// and `key` (a hash of everything else the check read) is the same;
    /// else runs `check` and keeps what it found.
    pub fn checked<T, R>(
        &self,
        path: &str,
        value: &Arc<T>,
        key: u64,
        check: impl FnOnce() -> R,
    ) -> R
    where
        T: Send + Sync + 'static,
        R: Clone + Send + Sync + 'static,
    {
        let at = (path.to_string(), TypeId::of::<R>());
        if let Some((v, k, found)) = lock(&self.checked).get(&at)
            && *k == key
            && v.clone()
                .downcast::<T>()
                .is_ok_and(|v| Arc::ptr_eq(&v, value))
            && let Some(found) = found.downcast_ref::<R>()
        {
            return found.clone();
        }
        let found = check();
        let kept: Arc<dyn Any + Send + Sync> = value.clone();
        lock(&self.checked).insert(at, (kept, key, Arc::new(found.clone())));
        found
    }

    /// Keeps only what was made from the files whose path passes `keep`
    /// (`serve` drops what it kept of deleted files).
    pub fn retain(&self, keep: impl Fn(&str) -> bool) {
        lock(&self.parsed).retain(|(path, _), _| keep(path));
        lock(&self.located).retain(|(path, _), _| keep(path));
        lock(&self.checked).retain(|(path, _), _| keep(path));
    }

    /// How many files something is kept for.
    #[cfg(test)]
    pub fn files(&self) -> usize {
        let mut paths: std::collections::HashSet<String> = Default::default();
        paths.extend(lock(&self.parsed).keys().map(|k| k.0.clone()));
        paths.extend(lock(&self.located).keys().map(|k| k.0.clone()));
        paths.extend(lock(&self.checked).keys().map(|k| k.0.clone()));
        paths.len()
    }

    /// [`locate`], remembered for the same text and path.
    pub fn locate(&self, path: &str, text: &str, at: &[Seg]) -> (usize, usize) {
        let hash = hash(text);
        let key = (path.to_string(), format!("{at:?}"));
        if let Some((h, found)) = lock(&self.located).get(&key)
            && *h == hash
        {
            return *found;
        }
        let found = locate(text, at);
        lock(&self.located).insert(key, (hash, found));
        found
    }
}

fn hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_parsed_again_only_when_its_text_changed() {
        let memo = Memo::default();
        let calls = std::cell::Cell::new(0);
        let parse = |t: &str| {
            calls.set(calls.get() + 1);
            Ok::<String, ()>(t.to_uppercase())
        };
        assert_eq!(
            memo.parse("a.yaml", "x", || parse("x")),
            Ok("X".to_string())
        );
        assert_eq!(
            memo.parse("a.yaml", "x", || parse("x")),
            Ok("X".to_string())
        );
        assert_eq!(calls.get(), 1);
        assert_eq!(
            memo.parse("a.yaml", "y", || parse("y")),
            Ok("Y".to_string())
        );
        assert_eq!(
            memo.parse("b.yaml", "y", || parse("y")),
            Ok("Y".to_string())
        );
        assert_eq!(calls.get(), 3);
        // Failures are not remembered.
        assert_eq!(memo.parse::<String, ()>("c.yaml", "z", || Err(())), Err(()));
        assert_eq!(
            memo.parse("c.yaml", "z", || parse("z")),
            Ok("Z".to_string())
        );
    }

    #[test]
    fn problems_are_kept_for_the_same_value_and_key_only() {
        let memo = Memo::default();
        let calls = std::cell::Cell::new(0);
        let check = |n: &str| {
            calls.set(calls.get() + 1);
            vec![crate::load::Diagnostic::file_error("a.yaml", n.to_string())]
        };
        let value = Arc::new(1u8);
        let first = memo.checked("a.yaml", &value, 7, || check("one"));
        assert_eq!(memo.checked("a.yaml", &value, 7, || check("two")), first);
        assert_eq!(calls.get(), 1);
        // Another key (the competitors or settings changed), another
        // value (the file was parsed again, even to an equal value).
        assert_ne!(memo.checked("a.yaml", &value, 8, || check("three")), first);
        let equal = Arc::new(1u8);
        assert_ne!(memo.checked("a.yaml", &equal, 8, || check("four")), first);
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn positions_follow_the_text() {
        let memo = Memo::default();
        let at = [Seg::Key("b")];
        assert_eq!(memo.locate("a.yaml", "a: 1\nb: 2\n", &at), (2, 1));
        assert_eq!(memo.locate("a.yaml", "b: 2\n", &at), (1, 1));
        assert_eq!(memo.locate("a.yaml", "a: 1\n\nb: 2\n", &at), (3, 1));
    }
}
