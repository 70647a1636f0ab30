//! The `optiviz` binary: the desktop app, or a thin command line over the library.

mod app;
mod cli;

fn main() {
    std::process::exit(cli::run());
}
