//! Reading a site from disk: walking `content/`, parsing each file.
pub mod diagnostic;
pub mod yaml;
