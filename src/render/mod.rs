//! Rendering: Tera 2 templates of the theme turn the site and its analysis
//! into pages (HTML and their Markdown copies). Templates only format;
//! every number they show was computed in `analysis`.

pub mod dossier;
pub mod engine;
pub mod i18n;
/// Markdown to sanitised HTML sits at the top of the crate: `check` needs it
/// too (images in notes), upstream of rendering.
pub use crate::markdown;
pub mod pages;
#[cfg(test)]
pub mod reader_tests;
#[cfg(test)]
pub mod reader_walk;
pub mod search;
pub mod territories;
pub mod theme;
pub mod views;
pub mod xlsx;
