//! `optiviz train`: several optimizers train copies of one small network on
//! a data set, and every run's training loss, test loss and test accuracy
//! (R² for regression) is printed per epoch. The data set and model are
//! spec strings parsed against the same parameter tables as surfaces and
//! optimizers, so `optiviz list` shows them too.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::{bail, Context};

use optiviz::nn::record::{write_csv, write_json};
use optiviz::nn::spec::{seeded_problem, DatasetSpec, ModelSpec, MAX_EPOCHS};
use optiviz::nn::{InitFile, Output, Problem, Training};
use optiviz::{OptimizerConfig, RunSpec, Schedule};

use super::args::{check_run_count, Format};
use super::output::warn_divergences;

/// The arguments of `optiviz train`.
#[derive(Debug, clap::Args)]
pub(crate) struct TrainArgs {
    #[command(flatten)]
    network: NetworkArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

/// What `train` and `landscape` take alike: the data, the network, its
/// starting weights and the runs that train it.
#[derive(Debug, clap::Args)]
pub(crate) struct NetworkArgs {
    /// Data set spec: digits, circles:n=1000,noise=0.03, moons, spiral, sine, diabetes, csv:path=FILE,target=COL[,task=regression].
    #[arg(long, value_name = "SPEC")]
    pub dataset: DatasetSpec,
    /// Network spec, e.g. mlp:hidden=64,activation=tanh,l2=0.001, or mlp:hidden=16x16,output=sigmoid,precision=f32 (seed 004's) [default: mlp:hidden=64, or the init file's].
    #[arg(long, value_name = "SPEC")]
    model: Option<ModelSpec>,
    /// Optimizer spec, e.g. adam:lr=0.01; repeat to compare several.
    #[arg(long = "optimizer", value_name = "SPEC", required = true)]
    optimizers: Vec<OptimizerConfig>,
    /// Number of epochs (1 to 1,000,000).
    #[arg(long, value_parser = parse_epochs)]
    pub epochs: usize,
    /// Mini-batch size (shuffled each epoch, one step per batch) [default: full batch].
    #[arg(long, value_name = "B", value_parser = parse_batch)]
    batch: Option<usize>,
    /// Learning-rate schedule for every optimizer, stepped after every step.
    #[arg(long, value_name = "SPEC", default_value = "constant")]
    schedule: Schedule,
    /// Seed of the weights, the split, the generated data and the batches.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Starting weights (and optionally the split) as JSON.
    #[arg(long, value_name = "FILE")]
    init: Option<PathBuf>,
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
    let TrainArgs { network, format } = args;
    let mut training = network.training()?;
    training.advance_to(network.epochs);
    warn_divergences(training.runs(), Some(0));
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match format {
        Format::Csv => write_csv(&mut out, &training),
        Format::Json => write_json(&mut out, &network.dataset, network.epochs, &training),
    }
    .and_then(|()| out.flush())
    .context("writing the training record")
}

impl NetworkArgs {
    /// The runs at their start, after checking the optimizers (how many,
    /// none needing a Hessian) and that the training fits in memory.
    pub(crate) fn training(&self) -> anyhow::Result<Training> {
        check_run_count(&self.optimizers)?;
        if let Some(newton) = self.optimizers.iter().find(|o| o.info().needs_hessian) {
            bail!("{} cannot train a network: it needs the Hessian, which a network does not provide", newton.label());
        }
        let problem = self.problem()?;
        problem.check_memory(self.optimizers.len(), self.epochs)?;
        let specs = self
            .optimizers
            .iter()
            .map(|optimizer| RunSpec { optimizer: optimizer.clone(), schedule: self.schedule.clone() });
        Ok(Training::new(problem, specs.collect()))
    }

    /// The network, starting weights and split: from the init file when one
    /// is given (its shapes checked against the data and `--model`, which
    /// gives the activation, penalty and precision), else seeded.
    fn problem(&self) -> anyhow::Result<Problem> {
        let Some(path) = &self.init else {
            let model = self.model.clone().unwrap_or_default();
            return Ok(seeded_problem(&self.dataset, &model, self.seed, self.batch)?);
        };
        let data = self.dataset.load(self.seed)?;
        let shown = path.display();
        let text =
            optiviz::util::memory::read_text(path, 8).with_context(|| format!("cannot read the init file {shown}"))?;
        let init = InitFile::from_json(&text).with_context(|| shown.to_string())?;
        let mut problem = Problem::from_init(data, &init, self.seed, self.batch, self.dataset.test_share())
            .with_context(|| shown.to_string())?;
        let Some(model) = &self.model else {
            return Ok(problem);
        };
        if !model.inputs.is_raw() {
            bail!("--model {model} computes its inputs, but the init file {shown} reads the data's own features; leave inputs out");
        }
        // The weights fix the shape; --model chooses the rest.
        let made = ModelSpec::of(&problem.mlp);
        let shape_differs = model.hidden.as_ref().is_some_and(|hidden| *hidden != made.hidden_widths());
        let output = model.output_for(&problem.dataset)?;
        if shape_differs || (model.output != Output::default() && output != made.output) {
            let found = match made.hidden_widths() {
                [] => format!("which has no hidden layer and a {} output", made.output.name()),
                _ => format!("whose weights make {made}"),
            };
            bail!("--model {model} does not match the init file {shown}, {found}");
        }
        problem.mlp = model.configure(problem.mlp);
        Ok(problem)
    }
}
