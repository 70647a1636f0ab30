//! `optiviz trace`: runs optimizers on a surface and prints their
//! trajectories as CSV or JSON.

use std::io::{self, BufWriter, Write};
use std::sync::Arc;

use anyhow::Context;

use optiviz::engine::batch::MiniBatch;
use optiviz::engine::lockstep::RunSpec;
use optiviz::engine::race::{self, GradientNoise, Sampling, Simulation};
use optiviz::engine::trace::{self, RunRecord, TraceRecord};
use optiviz::util::memory::MemoryError;
use optiviz::{OptimizerConfig, Schedule, SurfaceConfig};

use super::args::{check_run_count, parse_noise, parse_start, parse_steps, Format};
use super::output::warn_divergences;

#[derive(Debug, clap::Args)]
pub(crate) struct TraceArgs {
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
    /// Mini-batch gradients on a data surface (linreg, logreg): rows per
    /// step, from 1 to the data's rows.
    #[arg(long, value_name = "ROWS")]
    batch: Option<usize>,
    /// Seed of the noise generator and of the mini-batches' shuffles.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

/// The race's mini-batches: `--batch` (else every row, for the runs that
/// give their own `batch=`) with `--seed`, each size checked against the
/// surface's data.
fn mini_batches(args: &TraceArgs, surface: &dyn optiviz::Surface) -> anyhow::Result<Option<MiniBatch>> {
    if let Some(size) = args.batch {
        MiniBatch { size, seed: args.seed }
            .check(surface)
            .map_err(|error| anyhow::anyhow!("--batch {size}: {error}"))?;
    }
    for optimizer in &args.optimizers {
        if let Some(size) = optimizer.batch() {
            MiniBatch { size, seed: args.seed }
                .check(surface)
                .map_err(|error| anyhow::anyhow!("--optimizer {optimizer}: {error}"))?;
        }
    }
    let rows = surface.data().map(|data| data.rows());
    let size = args.batch.or(rows.filter(|_| args.optimizers.iter().any(|o| o.batch().is_some())));
    Ok(size.map(|size| MiniBatch { size, seed: args.seed }))
}

/// Runs `optiviz trace`: every optimizer from the start, then the
/// trajectories on stdout.
pub(crate) fn run(args: TraceArgs) -> anyhow::Result<()> {
    check_run_count(&args.optimizers)?;
    let surface: Arc<dyn optiviz::Surface> = Arc::from(args.surface.build()?);
    let batch = mini_batches(&args, surface.as_ref())?;
    // A run's own noise= takes its seed from the race's noise, which is
    // σ = 0 (no noise) for the other runs when --noise is not given.
    let own_noise = args.optimizers.iter().any(|o| o.noise().is_some());
    let sigma = args.noise.or(own_noise.then_some(0.0));
    let sampling = Sampling { noise: sigma.map(|sigma| GradientNoise { sigma, seed: args.seed }), batch };
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let simulate = |optimizer: &OptimizerConfig| {
        let spec = RunSpec { optimizer: optimizer.clone(), schedule: args.schedule.clone() };
        let mut sim = Simulation::sampled(surface.clone(), args.start, vec![spec], sampling);
        sim.reserve(args.steps)?;
        sim.advance_to(args.steps);
        Ok::<_, MemoryError>(sim)
    };
    let report = |index: usize, sim: &Simulation| warn_divergences(sim.runs(), Some(index));
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
            race::check_memory(&args.optimizers, args.steps)?;
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
