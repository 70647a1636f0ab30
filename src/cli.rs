//! The command line: `optiviz trace`, `optiviz list`. Every bad input ends in
//! a one-line message on stderr and exit status 2, never a panic.

use std::io::{self, BufWriter, Write};
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use optiviz::optim::OPTIMIZERS;
use optiviz::params::{Kind, ParamKind, Scale};
use optiviz::schedule::SCHEDULE_KINDS;
use optiviz::memory::{self, MemoryError};
use optiviz::sim::{GradientNoise, RunSpec, Simulation, Trajectory, MAX_RUNS};
use optiviz::surface::SURFACE_KINDS;
use optiviz::trace::{self, RunRecord, TraceRecord};
use optiviz::{OptimizerConfig, Schedule, SurfaceConfig};

/// The most steps one trace may ask for.
const MAX_STEPS: usize = 10_000_000;

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
    Trace(TraceArgs),
    /// List surfaces, optimizers with their parameters, and schedules.
    List,
    /// Train a small network with several optimizers and print the losses per epoch.
    Train(crate::cli_train::TrainArgs),
    /// Measure performance figures (best of several runs).
    Bench(crate::cli_bench::BenchArgs),
    /// Render a scene file to PNG or SVG figures, or its trajectories to CSV or JSON.
    Export(crate::cli_export::ExportArgs),
}

#[derive(Debug, clap::Args)]
struct TraceArgs {
    /// Surface spec, e.g. rosenbrock, bowl:kappa=50,angle=-20, expr:f=x^2+3*sin(y).
    #[arg(long, value_name = "SPEC")]
    surface: SurfaceConfig,
    /// Start point X,Y (e.g. -1.5,2.5).
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true, value_parser = parse_start)]
    start: [f64; 2],
    /// Optimizer spec, e.g. adam:lr=0.01,beta1=0.8; repeat for a race.
    #[arg(long = "optimizer", value_name = "SPEC", required = true)]
    optimizers: Vec<OptimizerConfig>,
    /// Learning-rate schedule for every optimizer, e.g. cosine:t_max=1000.
    #[arg(long, value_name = "SPEC", default_value = "constant")]
    schedule: Schedule,
    /// Number of steps (1 to 10,000,000).
    #[arg(long, value_parser = parse_steps)]
    steps: usize,
    /// Standard deviation of Gaussian noise added to each gradient component.
    #[arg(long, value_name = "SIGMA", allow_hyphen_values = true, value_parser = parse_noise)]
    noise: Option<f64>,
    /// Seed of the noise generator.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum Format {
    Csv,
    Json,
}

fn parse_start(text: &str) -> Result<[f64; 2], String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let numbers: Option<Vec<f64>> = parts.iter().map(|p| p.parse::<f64>().ok().filter(|v| v.is_finite())).collect();
    match numbers.as_deref() {
        Some(&[x, y]) => Ok([x, y]),
        _ => Err("expected two finite numbers X,Y such as -1,1".to_owned()),
    }
}

fn parse_steps(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_STEPS).contains(&n) => Ok(n),
        Ok(n) if n > MAX_STEPS => Err(format!("at most {MAX_STEPS} steps")),
        _ => Err(format!("expected a whole number of steps from 1 to {MAX_STEPS}")),
    }
}

fn parse_noise(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err("expected a finite number ≥ 0".to_owned()),
    }
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
        Some(Command::Trace(args)) => run_trace(args),
        Some(Command::List) => print_list(&mut io::stdout().lock()).context("writing the list"),
        Some(Command::Train(args)) => crate::cli_train::run(args),
        Some(Command::Bench(args)) => crate::cli_bench::run(args),
        Some(Command::Export(args)) => crate::cli_export::run(args),
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

/// clap's message without its usage block, folded onto one line.
fn one_line(rendered: &str) -> String {
    rendered
        .lines()
        .map(str::trim)
        .take_while(|line| !line.starts_with("Usage:") && !line.starts_with("For more information"))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The error and its causes joined by ": ", leaving out a cause whose text
/// the message before it already quotes (many errors name their source).
fn message(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let part = cause.to_string();
        if !text.contains(&part) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&part);
        }
    }
    text
}

/// Whether `error` comes from writing to a closed pipe (`optiviz trace |
/// head`): the reader has all it wanted, so the command ends quietly with
/// status 0, whichever format it was writing.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let io_kind = cause.downcast_ref::<io::Error>().map(io::Error::kind);
        let json_kind = cause.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind);
        io_kind.or(json_kind) == Some(io::ErrorKind::BrokenPipe)
    })
}

/// Writes `lines` to standard output; a failed write (a full disk, a closed
/// pipe) is returned as an error, never a panic.
pub(crate) fn print_lines(lines: impl IntoIterator<Item = impl std::fmt::Display>) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    for line in lines {
        writeln!(out, "{line}").context("writing to standard output")?;
    }
    out.flush().context("writing to standard output")
}

/// Writes one line to standard error. If even that fails there is nowhere
/// left to report it, so the failure is ignored rather than a panic.
pub(crate) fn warn(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// Refuses more optimizers than one race or training may hold.
pub(crate) fn check_run_count(optimizers: &[OptimizerConfig]) -> anyhow::Result<()> {
    if optimizers.len() > MAX_RUNS {
        anyhow::bail!("at most {MAX_RUNS} --optimizer flags; {} were given", optimizers.len());
    }
    Ok(())
}

fn run_trace(args: TraceArgs) -> anyhow::Result<()> {
    check_run_count(&args.optimizers)?;
    let surface: Arc<dyn optiviz::Surface> = Arc::from(args.surface.build()?);
    let noise = args.noise.map(|sigma| GradientNoise { sigma, seed: args.seed });
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let simulate = |optimizer: &OptimizerConfig| {
        let spec = RunSpec { optimizer: optimizer.clone(), schedule: args.schedule };
        let mut sim = Simulation::new(surface.clone(), args.start, vec![spec], noise);
        sim.reserve(args.steps)?;
        sim.advance_to(args.steps);
        Ok::<_, MemoryError>(sim)
    };
    let report = |index: usize, sim: &Simulation| {
        let run = &sim.runs()[0];
        if let Some((step, cause)) = run.diverged() {
            warn(&format!("{} (run {index}) diverged at step {step}: {cause}", run.spec().optimizer.label()));
        }
    };
    match args.format {
        Format::Csv => {
            writeln!(out, "{}", trace::CSV_HEADER).context("writing the trace")?;
            for (index, optimizer) in args.optimizers.iter().enumerate() {
                let sim = simulate(optimizer)?;
                report(index, &sim);
                trace::write_csv_rows(&mut out, index, &sim.runs()[0]).context("writing the trace")?;
            }
        }
        Format::Json => {
            // Every run is held until the document is written.
            let bytes = memory::times(args.optimizers.len(), memory::times(args.steps + 1, Trajectory::BYTES_PER_STEP));
            memory::check(bytes, || format!("{} runs of {} steps", args.optimizers.len(), args.steps))?;
            let sims: Vec<Simulation> = args.optimizers.iter().map(simulate).collect::<Result<_, _>>()?;
            sims.iter().enumerate().for_each(|(i, sim)| report(i, sim));
            let record = TraceRecord {
                surface: args.surface.to_string(),
                start: args.start,
                steps: args.steps,
                runs: sims.iter().enumerate().map(|(i, sim)| RunRecord::new(i, &sim.runs()[0])).collect(),
            };
            serde_json::to_writer(&mut out, &record).context("writing the trace")?;
            writeln!(out).context("writing the trace")?;
        }
    }
    out.flush().context("writing the trace")?;
    Ok(())
}

fn print_list(out: &mut impl Write) -> anyhow::Result<()> {
    writeln!(out, "SURFACES  (--surface name:key=value,...)")?;
    for kind in SURFACE_KINDS {
        print_kind(out, kind)?;
    }
    writeln!(out, "\nOPTIMIZERS  (--optimizer name:key=value,...,label=TEXT)")?;
    for info in OPTIMIZERS {
        print_kind(out, &info.kind)?;
    }
    writeln!(out, "\nSCHEDULES  (--schedule name:key=value,...)")?;
    for kind in SCHEDULE_KINDS {
        print_kind(out, kind)?;
    }
    writeln!(out, "\nDATASETS  (optiviz train --dataset name:key=value,...)")?;
    for kind in optiviz::nn::spec::DATASET_KINDS {
        print_kind(out, kind)?;
    }
    writeln!(out, "\nMODELS  (optiviz train --model name:key=value,...)")?;
    for kind in optiviz::nn::spec::MODEL_KINDS {
        print_kind(out, kind)?;
    }
    Ok(())
}

fn print_kind(out: &mut impl Write, kind: &Kind) -> io::Result<()> {
    writeln!(out, "  {:<14} {}", kind.name, kind.summary)?;
    for param in kind.params {
        let default = param.default.value().map_or_else(|| "required".to_owned(), |v| format!("default {v}"));
        let scale = match param.kind {
            ParamKind::Real { scale: Scale::Log, .. } => ", log scale",
            _ => "",
        };
        writeln!(
            out,
            "      {:<26} {} ({default}; {}{scale})",
            param.name,
            param.doc,
            param.range_text()
        )?;
    }
    Ok(())
}
