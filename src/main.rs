//! The `optiviz` binary: the desktop app, or a thin command line over the library.

mod app;
mod cli;
mod cli_bench;
mod cli_export;
mod cli_train;

fn main() {
    std::process::exit(cli::run());
}
