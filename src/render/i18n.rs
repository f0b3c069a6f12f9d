//! Labels and fixed texts (playbooks, explanations) from the theme's
//! `i18n/<language>.yaml`. A language's file is laid over English, so a
//! partial translation falls back to English text rather than to nothing.

use super::theme::ThemeFiles;
use crate::load::{Diagnostic, yaml};
use serde_json::Value;

/// The languages the theme has labels for, sorted.
pub fn languages(theme: &ThemeFiles) -> Vec<String> {
    theme
        .under("i18n")
        .filter_map(|(p, _)| p.strip_suffix(".yaml"))
        .filter(|p| !p.contains('/'))
        .map(str::to_string)
        .collect()
}

/// The labels for `language`, merged over English.
pub fn labels(theme: &ThemeFiles, language: &str) -> Result<Value, Vec<Diagnostic>> {
    let mut base = read(theme, "en")?;
    if language != "en" {
        merge(&mut base, read(theme, language)?);
    }
    Ok(base)
}

fn read(theme: &ThemeFiles, language: &str) -> Result<Value, Vec<Diagnostic>> {
    let name = format!("i18n/{language}.yaml");
    let Some(bytes) = theme.files.get(&name) else {
        return Ok(Value::Object(Default::default()));
    };
    let path = format!("{}/{name}", theme.origin);
    let text = crate::load::decode(&path, Ok(bytes.clone())).map_err(|d| vec![d])?;
    yaml::parse::<Value>(&path, &text)
}

fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;
    use std::path::Path;

    /// Every key path of a label file (`labels.as_of`, `playbook.man.MAN.title`).
    fn paths(v: &Value, prefix: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    paths(v, &format!("{prefix}{k}."), out);
                }
            }
            _ => out.push(prefix.trim_end_matches('.').to_string()),
        }
    }

    fn read(dir: &Path, lang: &str) -> Value {
        let text = std::fs::read_to_string(dir.join(format!("{lang}.yaml"))).unwrap();
        serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{lang}.yaml: {e}"))
    }

    #[test]
    fn every_label_exists_in_every_language() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n");
        let mut english = Vec::new();
        paths(&read(&dir, "en"), "", &mut english);
        let mut languages: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| {
                e.ok()?
                    .file_name()
                    .to_str()?
                    .strip_suffix(".yaml")
                    .map(String::from)
            })
            .collect();
        languages.sort();
        for lang in ["zh-CN", "zh-TW", "de", "bg"] {
            assert!(languages.iter().any(|l| l == lang), "no {lang}.yaml");
        }
        for lang in languages.iter().filter(|l| *l != "en") {
            let mut theirs = Vec::new();
            paths(&read(&dir, lang), "", &mut theirs);
            let missing: Vec<&String> = english.iter().filter(|k| !theirs.contains(k)).collect();
            assert!(missing.is_empty(), "{lang}.yaml lacks {missing:?}");
            let extra: Vec<&String> = theirs.iter().filter(|k| !english.contains(k)).collect();
            assert!(
                extra.is_empty(),
                "{lang}.yaml has keys English lacks: {extra:?}"
            );
        }
    }
}
