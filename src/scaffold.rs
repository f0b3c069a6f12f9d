//! `dossier init` and `dossier new`: files from commented templates, and
//! the guard that keeps `--output` away from the site's own files.

use std::path::{Path, PathBuf};

pub enum Kind {
    Customer,
    Competitor,
}

const CONFIG: &str = include_str!("scaffold/dossier.yaml");
const COMPANY: &str = include_str!("scaffold/company.yaml");
const CUSTOMER: &str = include_str!("scaffold/customer.yaml");
const COMPETITOR: &str = include_str!("scaffold/competitor.yaml");

/// What `dossier init` writes besides the content: git ignores the
/// output, and the pull-request check.
const GITIGNORE: &str = "# Built by `dossier build`: not part of the sources\n/output/\n";
const WORKFLOW: &str = include_str!("scaffold/check.yml");
const VSCODE_EXTENSIONS: &str = "{\n  \"recommendations\": [\"redhat.vscode-yaml\"]\n}\n";

/// The languages of the built-in theme.
pub fn languages() -> Vec<String> {
    crate::render::theme::read_theme(Path::new(""), "default")
        .map(|t| crate::render::i18n::languages(&t))
        .unwrap_or_default()
}

/// Creates a new site in `dir`, its labels in `language`; refuses to touch
/// an existing site.
pub fn init(dir: &Path, language: &str) -> Result<String, String> {
    if dir.join("dossier.yaml").exists() || dir.join("content").exists() {
        return Err(format!(
            "{} already holds a site (dossier.yaml or content/ exists); nothing was changed",
            dir.display()
        ));
    }
    let known = languages();
    if !known.iter().any(|l| l == language) {
        let hint = crate::load::explain::closest(language, &known)
            .or_else(|| {
                known
                    .iter()
                    .find(|l| l.split('-').next() == language.split(['-', '_']).next())
                    .map(String::as_str)
            })
            .map_or(String::new(), |l| format!("did you mean `{l}`? "));
        return Err(format!(
            "unknown language `{language}`: {hint}the built-in theme has {}",
            known.join(", ")
        ));
    }
    let config = CONFIG.replacen("language: en  ", &format!("language: {language:<4}"), 1);
    let files = [
        ("dossier.yaml", with_modeline("dossier.yaml", &config)),
        (
            "content/company.yaml",
            with_modeline("content/company.yaml", COMPANY),
        ),
        (
            "content/customers/example-customer.yaml",
            with_modeline(
                "content/customers/example-customer.yaml",
                &fill(CUSTOMER, "Example Customer Ltd."),
            ),
        ),
        (
            "content/competitors/example-competitor.yaml",
            with_modeline(
                "content/competitors/example-competitor.yaml",
                &fill(COMPETITOR, "Example Competitor Group"),
            ),
        ),
        (".gitignore", GITIGNORE.to_string()),
        (".github/workflows/dossier-check.yml", WORKFLOW.to_string()),
        (".vscode/settings.json", crate::schema::vscode_settings()),
        (".vscode/extensions.json", VSCODE_EXTENSIONS.to_string()),
    ];
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    crate::schema::write(&dir.join(crate::schema::DIR))?;
    Ok(format!(
        "created a new site in {}\nnext: cd {} && dossier build, then open output/index.html",
        dir.display(),
        dir.display()
    ))
}

/// `text` with the line that tells the editor its schema, for the file
/// at `rel` (relative to the site root).
fn with_modeline(rel: &str, text: &str) -> String {
    let schema = match rel {
        "dossier.yaml" => "dossier.schema.json",
        "content/company.yaml" => "company.schema.json",
        r if r.starts_with("content/customers/") => "customer.schema.json",
        _ => "competitor.schema.json",
    };
    format!("{}{text}", crate::schema::modeline(schema, rel))
}

/// Creates `content/customers/<slug>.yaml` (or competitors) for `name`.
pub fn new_file(root: &Path, kind: Kind, name: &str) -> Result<String, String> {
    let slug = slug::slugify(name.trim());
    if slug.is_empty() || !crate::model::scalars::is_slug(&slug) {
        return Err(format!(
            "cannot derive a file name from `{name}`: give a name with letters or digits"
        ));
    }
    let (dir, template) = match kind {
        Kind::Customer => ("content/customers", CUSTOMER),
        Kind::Competitor => ("content/competitors", COMPETITOR),
    };
    let path = root.join(dir).join(format!("{slug}.yaml"));
    if path.exists() {
        return Err(format!(
            "{} already exists; nothing was changed",
            path.display()
        ));
    }
    let rel = format!("{dir}/{slug}.yaml");
    std::fs::create_dir_all(root.join(dir)).map_err(|e| format!("cannot create {dir}: {e}"))?;
    std::fs::write(&path, with_modeline(&rel, &fill(template, name.trim())))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let mut msg = format!("created {}", path.display());
    if !root.join(crate::schema::DIR).is_dir() {
        msg.push_str(
            "\nnote: run `dossier schema` once so that your editor can check this file as you type",
        );
    }
    Ok(msg)
}

/// The template with its name filled in, quoted for YAML.
fn fill(template: &str, name: &str) -> String {
    let quoted = serde_json::to_string(name).unwrap_or_else(|_| "\"\"".into());
    template.replace("\"{{NAME}}\"", &quoted)
}

/// The absolute form of `p`, resolving what exists of it.
fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut lexical = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::ParentDir => {
                lexical.pop();
            }
            std::path::Component::CurDir => {}
            c => lexical.push(c),
        }
    }
    let mut existing = lexical;
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    out.extend(rest.iter().rev());
    out
}

/// Refuses an output folder that is the site root, holds it, or lies in
/// the folders the site is made of.
pub fn check_output_location(root: &Path, output: &Path) -> Result<(), String> {
    let root = absolute(root);
    let out = absolute(output);
    if root.starts_with(&out) {
        return Err(format!(
            "refusing to build into {}: it is the site root or contains it, and the build would replace the site itself",
            output.display()
        ));
    }
    for protected in ["content", "themes", "templates", ".git"] {
        if out.starts_with(root.join(protected)) {
            return Err(format!(
                "refusing to build into {}: it is inside the site's {protected}/ folder",
                output.display()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_may_not_replace_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_location(root, &root.join("output")).is_ok());
        assert!(check_output_location(root, root).is_err());
        assert!(check_output_location(root, &root.join("content")).is_err());
        assert!(check_output_location(root, &root.join("content/x")).is_err());
        assert!(check_output_location(root, dir.path().parent().unwrap()).is_err());
        assert!(check_output_location(root, &root.join("output/../content")).is_err());
    }
}
