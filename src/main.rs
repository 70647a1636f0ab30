//! The `optiviz` binary: a thin command line over the library.

mod cli;
mod cli_train;

fn main() {
    std::process::exit(cli::run());
}
