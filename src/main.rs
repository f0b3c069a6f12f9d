mod analysis;
mod check;
mod config;
mod load;
mod model;
fn main() {}
