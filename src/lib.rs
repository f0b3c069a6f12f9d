//! The `dossier` library: the whole pipeline (load, check, analyze, chart,
//! render, write), usable in-process by the command line, the tests and the
//! benches. Stages depend only upstream: `util` and `scalars` first, then `model`,
//! `config`, `load`, `check`, `analysis`, `chart`, `render`, `output`; the
//! commands `build`, `serve`, `history` and `scaffold` sit on top and call
//! the one orchestrator in `build`. `tests/architecture.rs` keeps it so.

pub mod analysis;
pub mod build;
pub mod chart;
pub mod check;
pub mod config;
pub mod history;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod scalars;
pub mod schema;
pub mod serve;
pub mod stablehash;
pub mod util;
