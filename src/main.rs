//! The `optiviz` binary: the desktop app, or a thin command line over the library.

mod app;
mod cli;
mod heap;

fn main() {
    heap::keep_freed_memory();
    std::process::exit(cli::run());
}
