//! JSON Schemas of the content files, for editors: VS Code's YAML
//! extension (yaml-language-server) completes fields and flags mistakes
//! while typing. They are generated from the model types, so a field
//! added to a type is in its schema without further work. Nothing here
//! reads or checks content; `load` and `check` remain the judges.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use std::path::{Path, PathBuf};

/// The folder of a site that holds the schemas.
pub const DIR: &str = "schemas";

/// One schema file: its name, what it describes, and the files it is for
/// (globs relative to the site root).
pub struct SchemaFile {
    pub name: &'static str,
    pub title: &'static str,
    pub globs: &'static [&'static str],
    make: fn() -> Schema,
}

fn generate<T: JsonSchema>() -> Schema {
    // Draft 7 is the one every YAML editor extension understands.
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Every schema, in a fixed order.
pub const FILES: [SchemaFile; 4] = [
    SchemaFile {
        name: "customer.schema.json",
        title: "A customer of dossier (content/customers/<slug>.yaml)",
        globs: &["content/customers/*.yaml", "content/customers/*.yml"],
        make: generate::<crate::model::Customer>,
    },
    SchemaFile {
        name: "competitor.schema.json",
        title: "A competitor of dossier (content/competitors/<slug>.yaml)",
        globs: &["content/competitors/*.yaml", "content/competitors/*.yml"],
        make: generate::<crate::model::Competitor>,
    },
    SchemaFile {
        name: "company.schema.json",
        title: "Our own company (content/company.yaml)",
        globs: &["content/company.yaml"],
        make: generate::<crate::model::Company>,
    },
    SchemaFile {
        name: "dossier.schema.json",
        title: "The site settings of dossier (dossier.yaml)",
        globs: &["dossier.yaml"],
        make: generate::<crate::config::Config>,
    },
];

impl SchemaFile {
    /// The schema as pretty JSON, with its title.
    pub fn json(&self) -> String {
        let mut schema = (self.make)();
        schema.insert("title".into(), self.title.into());
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Writes every schema into `dir`; returns the files written.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for f in &FILES {
        let path = dir.join(f.name);
        std::fs::write(&path, f.json())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// `.vscode/settings.json` mapping each schema to its files.
pub fn vscode_settings() -> String {
    let mut map = serde_json::Map::new();
    for f in &FILES {
        map.insert(format!("./{DIR}/{}", f.name), serde_json::json!(f.globs));
    }
    let settings = serde_json::json!({ "yaml.schemas": map });
    let mut text = serde_json::to_string_pretty(&settings).unwrap_or_default();
    text.push('\n');
    text
}

/// The first line of a new file: which schema the editor should use,
/// relative to a file at `rel` (for example `content/customers/x.yaml`).
pub fn modeline(schema: &str, rel: &str) -> String {
    let up = "../".repeat(rel.matches('/').count());
    format!("# yaml-language-server: $schema={up}{DIR}/{schema}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_describe_fields_and_list_enum_values() {
        let customer = FILES[0].json();
        let v: serde_json::Value = serde_json::from_str(&customer).unwrap();
        assert_eq!(
            v["additionalProperties"], false,
            "unknown fields are flagged"
        );
        assert!(customer.contains("\"prospect\""), "enum values are listed");
        assert!(customer.contains("a score from 1 to 5"), "{customer}");
        assert_eq!(
            modeline("customer.schema.json", "content/customers/a.yaml"),
            "# yaml-language-server: $schema=../../schemas/customer.schema.json\n"
        );
        assert!(vscode_settings().contains("\"./schemas/company.schema.json\""));
    }
}
