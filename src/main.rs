mod analysis;
mod chart;
mod check;
mod config;
mod load;
mod model;
fn main() {}
