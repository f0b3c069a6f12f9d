mod config;
mod load;
mod model;
fn main() {}
