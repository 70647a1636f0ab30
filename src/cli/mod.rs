//! The command line: one file per subcommand (`trace`, `list`, `train`,
//! `landscape`, `export`, `bench`, `sweep`, `tune`), the arguments and output helpers they share, and [`run`], which
//! parses the arguments, runs the subcommand (or opens the app) and turns
//! every error into one line on stderr and exit status 2, never a panic.

mod args;
mod bench;
mod export;
mod landscape;
mod list;
mod output;
mod sweep;
mod trace;
mod train;
mod tune;

use clap::{Parser, Subcommand};

use output::{is_broken_pipe, message, one_line, warn};

/// Watch gradient-descent optimizers race across loss surfaces.
#[derive(Debug, Parser)]
#[command(name = "optiviz", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Open the app with this scene file loaded.
    #[arg(long, value_name = "FILE.toml")]
    scene: Option<std::path::PathBuf>,
    /// Open the app in presentation mode (large fonts, thick lines).
    #[arg(long)]
    presentation: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run optimizers on a surface and print their trajectories.
    Trace(trace::TraceArgs),
    /// List surfaces, optimizers with their parameters, and schedules.
    List,
    /// Train a small network with several optimizers and print the losses per epoch.
    Train(train::TrainArgs),
    /// Train a small network, then print its loss over a plane through weight space with every run's path on it.
    Landscape(landscape::LandscapeArgs),
    /// Measure performance figures (best of several runs).
    Bench(bench::BenchArgs),
    /// Run optimizers at many learning rates and print each rate's final and best loss.
    Sweep(sweep::SweepArgs),
    /// Search each optimizer's learning rate fairly: every trial may spend --steps gradient evaluations; each rate is scored by the median over starts on a ring.
    Tune(tune::TuneArgs),
    /// Render a scene file to PNG or SVG figures, or its trajectories to CSV or JSON.
    Export(export::ExportArgs),
}

/// Runs the command line and returns the exit status.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => {
            // --help and --version
            let _ = error.print();
            return 0;
        }
        Err(error) => {
            warn(&one_line(&error.render().to_string()));
            return 2;
        }
    };
    let outcome = match cli.command {
        None => crate::app::run(cli.scene, cli.presentation),
        Some(Command::Trace(args)) => trace::run(args),
        Some(Command::List) => list::run(),
        Some(Command::Train(args)) => train::run(args),
        Some(Command::Landscape(args)) => landscape::run(args),
        Some(Command::Bench(args)) => bench::run(args),
        Some(Command::Export(args)) => export::run(args),
        Some(Command::Sweep(args)) => sweep::run(args),
        Some(Command::Tune(args)) => tune::run(args),
    };
    match outcome {
        Ok(()) => 0,
        Err(error) if is_broken_pipe(&error) => 0,
        Err(error) => {
            warn(&format!("error: {}", one_line(&message(&error))));
            2
        }
    }
}
