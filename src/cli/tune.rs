//! `optiviz tune`: the fair learning-rate search ([`optiviz::engine::tune`])
//! for every optimizer, one row each: the chosen rate and what it scored.
//! CSV rows are `run,optimizer,lr,score,final_loss,mean_log_loss,diverged,
//! steps`: the chosen rate (empty when every rate diverged from most
//! starts), its median score (empty when infinite), median final loss,
//! median mean log₁₀ loss, how many starts diverged at it, and the median
//! steps the budget bought. The JSON document holds the setup (as `sweep`'s
//! does, `steps` being the budget; the score, the radius and the starts)
//! and, per optimizer, the chosen rate's object
//! `tuned` (`lr`, `score`, `final_loss`, `mean_log_loss`, `diverged`,
//! `steps`; null when none was chosen) and its whole sensitivity `curve`,
//! one such object per rate; infinite values are null.

use std::io::{self, BufWriter, Write};

use anyhow::Context;
use serde::Serialize;

use optiviz::engine::rates::{check_work, LrRange, DEFAULT_POINTS};
use optiviz::engine::trace::csv_field;
use optiviz::engine::tune::{
    default_radius, ring, RateScore, Score, TuneSetup, Tuned, DEFAULT_RATES, DEFAULT_STARTS, MAX_STARTS,
};
use optiviz::util::number::push_shortest;

use super::args::{Format, RaceArgs, RunName, SetupRecord};

/// The CSV header of a search.
const CSV_HEADER: &str = "run,optimizer,lr,score,final_loss,mean_log_loss,diverged,steps";

/// The arguments of `optiviz tune`.
#[derive(Debug, clap::Args)]
pub(crate) struct TuneArgs {
    /// The race; --steps is each trial's budget of gradient evaluations (N steps of an optimizer that spends one a step).
    #[command(flatten)]
    race: RaceArgs,
    /// What a trial is scored by: auc (mean log-loss over the run), final (loss) or steps:TOL (evaluations until within TOL of the minimum for good).
    #[arg(long, value_name = "SCORE", default_value_t = Score::default())]
    score: Score,
    /// Starts on a ring around --start (1 to 64); each rate is scored by the median over them.
    #[arg(long, value_name = "K", default_value_t = DEFAULT_STARTS)]
    starts: usize,
    /// The ring's radius [default: a twentieth of the shorter side of the surface's window].
    #[arg(long, value_name = "R", allow_hyphen_values = true)]
    radius: Option<f64>,
    /// The smallest learning rate tried (> 0).
    #[arg(long, value_name = "A", allow_hyphen_values = true, default_value_t = DEFAULT_RATES.0)]
    lr_min: f64,
    /// The largest learning rate tried (> lr-min).
    #[arg(long, value_name = "B", allow_hyphen_values = true, default_value_t = DEFAULT_RATES.1)]
    lr_max: f64,
    /// Learning rates tried, log-spaced from lr-min to lr-max (2 to 1000).
    #[arg(long, value_name = "K", default_value_t = DEFAULT_POINTS)]
    points: usize,
}

/// One optimizer's search in the JSON document.
#[derive(Serialize)]
struct TuneRun<'a> {
    #[serde(flatten)]
    name: RunName<'a>,
    tuned: Option<&'a RateScore>,
    curve: &'a [RateScore],
}

/// The whole search in JSON form.
#[derive(Serialize)]
struct TuneRecord<'a> {
    #[serde(flatten)]
    setup: SetupRecord,
    score: String,
    radius: f64,
    starts: &'a [[f64; 2]],
    runs: Vec<TuneRun<'a>>,
}

/// Runs `optiviz tune`: checks the setup and the work, searches every
/// optimizer in turn, then prints one row each.
pub(crate) fn run(args: TuneArgs) -> anyhow::Result<()> {
    let TuneArgs { race, score, starts, radius, lr_min, lr_max, points } = args;
    let range = LrRange::new(lr_min, lr_max, points)?;
    if !(1..=MAX_STARTS).contains(&starts) {
        anyhow::bail!("--starts {starts} is out of range (must be 1 to {MAX_STARTS})");
    }
    let surface = race.surface()?;
    let radius = radius.unwrap_or_else(|| default_radius(surface.as_ref()));
    if !(radius.is_finite() && radius >= 0.0) {
        anyhow::bail!("--radius {radius} is out of range (must be a finite number ≥ 0)");
    }
    let specs = race.specs();
    check_work(&[points as u64, starts as u64, specs.len() as u64, race.steps as u64], || {
        format!("a search of {points} rates × {starts} starts × {} optimizer(s) × {} steps", specs.len(), race.steps)
    })?;
    let setup = TuneSetup {
        surface,
        starts: ring(race.start, radius, starts),
        noise: race.noise(),
        budget: race.steps as u64,
        score,
        range,
    };
    let results: Vec<Tuned> =
        specs.iter().map(|spec| setup.tune(spec, &|| true).context("the search stopped")).collect::<Result<_, _>>()?;
    let mut out = BufWriter::new(io::stdout().lock());
    match race.format {
        Format::Csv => write_csv(&mut out, &race, &results),
        Format::Json => {
            let runs = race.run_names().zip(&results).map(|(name, tuned)| TuneRun {
                name,
                tuned: tuned.best(),
                curve: &tuned.curve,
            });
            let record = TuneRecord {
                setup: race.record(&setup.range),
                score: score.to_string(),
                radius,
                starts: &setup.starts,
                runs: runs.collect(),
            };
            serde_json::to_writer(&mut out, &record).map_err(io::Error::from).and_then(|()| writeln!(out))
        }
    }
    .and_then(|()| out.flush())
    .context("writing the search")
}

/// Writes the CSV header and one row per optimizer.
fn write_csv(out: &mut impl Write, race: &RaceArgs, results: &[Tuned]) -> io::Result<()> {
    writeln!(out, "{CSV_HEADER}")?;
    for (run, (optimizer, tuned)) in race.optimizers.iter().zip(results).enumerate() {
        let mut line = format!("{run},{}", csv_field(optimizer.label()));
        let push = |line: &mut String, value: Option<f64>| {
            line.push(',');
            if let Some(value) = value.filter(|v| v.is_finite()) {
                push_shortest(line, value);
            }
        };
        let best = tuned.best();
        push(&mut line, best.map(|b| b.lr));
        push(&mut line, best.map(|b| b.score));
        push(&mut line, best.map(|b| b.final_loss));
        push(&mut line, best.map(|b| b.mean_log));
        push(&mut line, best.map(|b| b.diverged as f64));
        push(&mut line, best.map(|b| b.steps));
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
