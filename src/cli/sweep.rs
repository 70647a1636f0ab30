//! `optiviz sweep`: every optimizer at every learning rate of a log grid,
//! one row each, the data of the "loss against learning rate" figure
//! (SPEC §9). CSV rows are `run,optimizer,lr,final_loss,best_loss,
//! diverged_at`; the JSON document holds the setup and, per optimizer, its
//! rows with the same fields (`final_loss` and `diverged_at` null where the
//! CSV leaves them empty):
//!
//! ```json
//! {"surface": "rosenbrock", "start": [-1, 1], "steps": 1000, "schedule": "constant",
//!  "lr_min": 0.0001, "lr_max": 1, "points": 25, "noise": {"sigma": 0.1, "seed": 3},
//!  "runs": [{"run": 0, "optimizer": "adam", "spec": "adam",
//!            "rows": [{"lr": 0.0001, "final_loss": 3.9, "best_loss": 3.9, "diverged_at": null}, …]}]}
//! ```

use std::io::{self, BufWriter, Write};

use anyhow::Context;
use serde::Serialize;

use optiviz::engine::rates::{check_work, LrRange, DEFAULT_POINTS};
use optiviz::engine::sweep::{SweepRow, SweepSetup};
use optiviz::engine::trace::csv_field;
use optiviz::util::number::push_shortest;

use super::args::{Format, RaceArgs, RunName, SetupRecord};

/// The CSV header of a sweep.
const CSV_HEADER: &str = "run,optimizer,lr,final_loss,best_loss,diverged_at";

/// The arguments of `optiviz sweep`.
#[derive(Debug, clap::Args)]
pub(crate) struct SweepArgs {
    #[command(flatten)]
    race: RaceArgs,
    /// The smallest learning rate (> 0).
    #[arg(long, value_name = "A", allow_hyphen_values = true)]
    lr_min: f64,
    /// The largest learning rate (> lr-min).
    #[arg(long, value_name = "B", allow_hyphen_values = true)]
    lr_max: f64,
    /// Learning rates, log-spaced from lr-min to lr-max (2 to 1000).
    #[arg(long, value_name = "K", default_value_t = DEFAULT_POINTS)]
    points: usize,
}

/// One optimizer's rows in the JSON document.
#[derive(Serialize)]
struct SweepRun<'a> {
    #[serde(flatten)]
    name: RunName<'a>,
    rows: &'a [SweepRow],
}

/// The whole sweep in JSON form.
#[derive(Serialize)]
struct SweepRecord<'a> {
    #[serde(flatten)]
    setup: SetupRecord,
    runs: Vec<SweepRun<'a>>,
}

/// Runs `optiviz sweep`: checks the grid and the work, sweeps every
/// optimizer in turn, then prints the rows.
pub(crate) fn run(args: SweepArgs) -> anyhow::Result<()> {
    let SweepArgs { race, lr_min, lr_max, points } = args;
    let range = LrRange::new(lr_min, lr_max, points)?;
    let surface = race.surface()?;
    let specs = race.specs();
    check_work(&[points as u64, specs.len() as u64, race.steps as u64], || {
        format!("a sweep of {points} rates × {} optimizer(s) × {} steps", specs.len(), race.steps)
    })?;
    let setup = SweepSetup { surface, start: race.start, noise: race.noise(), steps: race.steps };
    let sweeps: Vec<Vec<SweepRow>> = specs
        .iter()
        .map(|spec| setup.sweep(spec, &range, &|| true).context("the sweep stopped"))
        .collect::<Result<_, _>>()?;
    let mut out = BufWriter::new(io::stdout().lock());
    match race.format {
        Format::Csv => write_csv(&mut out, &race, &sweeps),
        Format::Json => {
            let runs = race.run_names().zip(&sweeps).map(|(name, rows)| SweepRun { name, rows });
            let record = SweepRecord { setup: race.record(&range), runs: runs.collect() };
            serde_json::to_writer(&mut out, &record).map_err(io::Error::from).and_then(|()| writeln!(out))
        }
    }
    .and_then(|()| out.flush())
    .context("writing the sweep")
}

/// Writes the CSV header and every row.
fn write_csv(out: &mut impl Write, race: &RaceArgs, sweeps: &[Vec<SweepRow>]) -> io::Result<()> {
    writeln!(out, "{CSV_HEADER}")?;
    let mut line = String::with_capacity(128);
    for (run, (optimizer, rows)) in race.optimizers.iter().zip(sweeps).enumerate() {
        let prefix = format!("{run},{},", csv_field(optimizer.label()));
        for row in rows {
            line.clear();
            line.push_str(&prefix);
            push_shortest(&mut line, row.lr);
            line.push(',');
            if let Some(loss) = row.final_loss {
                push_shortest(&mut line, loss);
            }
            line.push(',');
            push_shortest(&mut line, row.best_loss);
            line.push(',');
            if let Some(step) = row.diverged_at {
                line.push_str(&step.to_string());
            }
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
    }
    Ok(())
}
