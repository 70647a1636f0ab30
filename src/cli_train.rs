//! `optiviz train`: several optimizers train copies of one small network on
//! a data set, and every run's training loss, test loss and test accuracy is
//! printed per epoch. The data set and model are spec strings parsed against
//! the same parameter tables as surfaces and optimizers, so `optiviz list`
//! shows them too.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::{bail, Context};
use serde::Serialize;

use optiviz::nn::spec::{seeded_problem, DatasetSpec, ModelSpec, MAX_EPOCHS};
use optiviz::nn::{History, InitFile, NetRun, Problem, Training};
use optiviz::number::push_shortest;
use optiviz::{OptimizerConfig, RunSpec, Schedule};

use crate::cli::Format;

/// The CSV header of a training record.
const CSV_HEADER: &str = "run,optimizer,epoch,train_loss,test_loss,test_accuracy";

/// The arguments of `optiviz train`.
#[derive(Debug, clap::Args)]
pub(crate) struct TrainArgs {
    /// Data set spec: digits, circles:n=1000,noise=0.03, moons, csv:path=FILE,target=COL.
    #[arg(long, value_name = "SPEC")]
    dataset: DatasetSpec,
    /// Network spec, e.g. mlp:hidden=64 or mlp:hidden=16x16 [default: mlp:hidden=64, or the init file's].
    #[arg(long, value_name = "SPEC")]
    model: Option<ModelSpec>,
    /// Optimizer spec, e.g. adam:lr=0.01; repeat to compare several.
    #[arg(long = "optimizer", value_name = "SPEC", required = true)]
    optimizers: Vec<OptimizerConfig>,
    /// Number of epochs (1 to 1,000,000).
    #[arg(long, value_parser = parse_epochs)]
    epochs: usize,
    /// Mini-batch size (shuffled each epoch, one step per batch) [default: full batch].
    #[arg(long, value_name = "B", value_parser = parse_batch)]
    batch: Option<usize>,
    /// Learning-rate schedule for every optimizer, stepped after every step.
    #[arg(long, value_name = "SPEC", default_value = "constant")]
    schedule: Schedule,
    /// Seed of the weights, the split, the generated data and the batches.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Starting weights (and optionally the split) as JSON.
    #[arg(long, value_name = "FILE")]
    init: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

fn parse_epochs(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_EPOCHS).contains(&n) => Ok(n),
        _ => Err(format!("expected a whole number of epochs from 1 to {MAX_EPOCHS}")),
    }
}

fn parse_batch(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("expected a batch size of at least 1".to_owned()),
    }
}

/// Runs `optiviz train`: builds the problem, trains every optimizer and
/// prints the per-epoch record.
pub(crate) fn run(args: TrainArgs) -> anyhow::Result<()> {
    if let Some(newton) = args.optimizers.iter().find(|o| o.info().needs_hessian) {
        bail!("{} cannot train a network: it needs the Hessian, which a network does not provide", newton.label());
    }
    let problem = problem(&args)?;
    let specs = args.optimizers.iter().map(|optimizer| RunSpec { optimizer: optimizer.clone(), schedule: args.schedule });
    let mut training = Training::new(problem, specs.collect());
    training.advance_to(args.epochs);
    for (index, run) in training.runs().iter().enumerate() {
        if let Some((epoch, cause)) = run.diverged() {
            eprintln!("{} (run {index}) diverged at epoch {epoch}: {cause}", run.spec().optimizer.label());
        }
    }
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match args.format {
        Format::Csv => write_csv(&mut out, training.runs()),
        Format::Json => {
            let record = TrainRecord::new(&args, &training);
            serde_json::to_writer(&mut out, &record).map_err(io::Error::from).and_then(|()| writeln!(out))
        }
    }
    .and_then(|()| out.flush())
    .context("writing the training record")
}

/// The network, starting weights and split: from the init file when one is
/// given (its shapes checked against the data and `--model`), else seeded.
fn problem(args: &TrainArgs) -> anyhow::Result<Problem> {
    let Some(path) = &args.init else {
        let model = args.model.clone().unwrap_or_default();
        return Ok(seeded_problem(&args.dataset, &model, args.seed, args.batch)?);
    };
    let data = args.dataset.load(args.seed)?;
    let shown = path.display();
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the init file {shown}"))?;
    let init = InitFile::from_json(&text).with_context(|| shown.to_string())?;
    let problem = Problem::from_init(data, &init, args.seed, args.batch).with_context(|| shown.to_string())?;
    let sizes = problem.mlp.sizes();
    let hidden = &sizes[1..sizes.len() - 1];
    if let Some(model) = args.model.as_ref().filter(|model| model.hidden != hidden) {
        let found = match hidden {
            [] => "which has no hidden layer".to_owned(),
            _ => format!("whose weights make {}", ModelSpec { hidden: hidden.to_vec() }),
        };
        bail!("--model {model} does not match the init file {shown}, {found}");
    }
    Ok(problem)
}

/// Writes every run's rows, `run,optimizer,epoch,train_loss,test_loss,test_accuracy`.
fn write_csv(out: &mut impl Write, runs: &[NetRun]) -> io::Result<()> {
    writeln!(out, "{CSV_HEADER}")?;
    let mut line = String::with_capacity(128);
    for (index, run) in runs.iter().enumerate() {
        let prefix = format!("{index},{},", optiviz::trace::csv_field(run.spec().optimizer.label()));
        let h = run.history();
        for (epoch, ((train, test), accuracy)) in h.train_loss.iter().zip(&h.test_loss).zip(&h.test_accuracy).enumerate() {
            line.clear();
            line.push_str(&prefix);
            line.push_str(&epoch.to_string());
            for value in [train, test, accuracy] {
                line.push(',');
                push_shortest(&mut line, *value);
            }
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
    }
    Ok(())
}

/// The JSON form of a training: what was trained, then every run.
#[derive(Debug, Serialize)]
struct TrainRecord<'a> {
    /// The data set's spec string.
    dataset: String,
    /// The network's spec string.
    model: String,
    /// Layer widths, inputs first.
    sizes: &'a [usize],
    /// Length of the parameter vector.
    parameters: usize,
    /// Training rows.
    train_rows: usize,
    /// Test rows.
    test_rows: usize,
    /// Epochs asked for.
    epochs: usize,
    /// Mini-batch size; `null` for full batch.
    batch: Option<usize>,
    /// The seed of the weights, split, generated data and batches.
    seed: u64,
    /// Every run, in the order of the `--optimizer` flags.
    runs: Vec<RunRecord<'a>>,
}

/// One run in the JSON form.
#[derive(Debug, Serialize)]
struct RunRecord<'a> {
    /// 0-based index of the run.
    run: usize,
    /// Display label.
    optimizer: &'a str,
    /// The optimizer's spec string.
    spec: String,
    /// The schedule's spec string.
    schedule: String,
    /// The epoch at which the run diverged, if it did.
    diverged_at: Option<usize>,
    /// Per-epoch metrics, index 0 the starting weights.
    #[serde(flatten)]
    history: HistoryRecord<'a>,
}

/// A run's [`History`] as JSON arrays.
#[derive(Debug, Serialize)]
struct HistoryRecord<'a> {
    /// Mean cross-entropy over the training rows.
    train_loss: &'a [f64],
    /// Mean cross-entropy over the test rows.
    test_loss: &'a [f64],
    /// Fraction of test rows classified correctly.
    test_accuracy: &'a [f64],
}

impl<'a> TrainRecord<'a> {
    /// The record of `training`, run from `args`.
    fn new(args: &TrainArgs, training: &'a Training) -> TrainRecord<'a> {
        let problem = training.problem();
        let sizes = problem.mlp.sizes();
        let model = ModelSpec { hidden: sizes[1..sizes.len() - 1].to_vec() };
        let runs = training.runs().iter().enumerate().map(|(index, run)| {
            let History { train_loss, test_loss, test_accuracy } = run.history();
            RunRecord {
                run: index,
                optimizer: run.spec().optimizer.label(),
                spec: run.spec().optimizer.to_string(),
                schedule: run.spec().schedule.to_string(),
                diverged_at: run.diverged().map(|(epoch, _)| epoch),
                history: HistoryRecord { train_loss, test_loss, test_accuracy },
            }
        });
        TrainRecord {
            dataset: args.dataset.to_string(),
            model: model.to_string(),
            sizes,
            parameters: problem.mlp.parameter_count(),
            train_rows: problem.split.train.len(),
            test_rows: problem.split.test.len(),
            epochs: args.epochs,
            batch: args.batch,
            seed: args.seed,
            runs: runs.collect(),
        }
    }
}

