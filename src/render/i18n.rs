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
