//! The `optiviz` binary: a thin command line over the library.

mod cli;
mod cli_export;

fn main() {
    std::process::exit(cli::run());
}
