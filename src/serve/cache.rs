//! What `serve` keeps between builds so an edit does not redo work that
//! did not change: the charts, by a hash of what they are drawn from.
//!
//! Charts are drawn by [`crate::chart::site_charts`] from the checked site
//! and its analysis; drawing is pure (same input, same bytes), so a chart
//! set whose input hashes the same as last time is taken from here instead
//! of being drawn again. Edits of templates, the theme or free pages keep
//! every chart. This module never draws anything itself and never changes
//! what a chart looks like.

use crate::analysis::Analysis;
use crate::model::Site;
use crate::render::pages::Charts;
use serde::Serialize;
use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;
use std::sync::Arc;

/// Charts of the last build with the hash of their input.
#[derive(Default)]
pub struct ChartCache {
    last: Option<(u64, Arc<Charts>)>,
    /// How many chart sets were reused and drawn, for the bench and tests.
    pub hits: usize,
    pub misses: usize,
}

impl ChartCache {
    /// The charts of `site`: reused when their input did not change since
    /// the previous call, else drawn with `draw` and kept.
    pub fn charts(&mut self, site: &Site, analysis: &Analysis, draw: impl FnOnce() -> Charts) -> Arc<Charts> {
        let key = input_hash(site, analysis);
        if let Some((k, charts)) = &self.last
            && *k == key
        {
            self.hits += 1;
            return charts.clone();
        }
        self.misses += 1;
        let charts = Arc::new(draw());
        self.last = Some((key, charts.clone()));
        charts
    }
}

/// A hash of everything a chart may be drawn from.
fn input_hash(site: &Site, analysis: &Analysis) -> u64 {
    let mut h = HashWriter(DefaultHasher::new());
    feed(&mut h, &site.config);
    feed(&mut h, &site.company);
    feed(&mut h, &site.customers);
    feed(&mut h, &site.competitors);
    feed(&mut h, &site.pages);
    feed(&mut h, analysis);
    h.0.finish()
}

fn feed(h: &mut HashWriter, value: &impl Serialize) {
    // A value that cannot be serialised still feeds a marker, so two
    // different inputs never both reduce to "nothing".
    if serde_json::to_writer(&mut *h, value).is_err() {
        h.0.write_u8(0xff);
    }
    h.0.write_u8(0);
}

/// Feeds serialised bytes straight into a hasher (no intermediate string).
struct HashWriter(DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
