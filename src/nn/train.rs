//! Training runs: several optimizers train copies of one network from the
//! same starting weights on the same split, epoch by epoch, on the shared
//! [`Lockstep`] engine.
//! Each run records the training loss, test loss and test score (accuracy,
//! or R² for regression) per epoch
//! (row 0: the starting weights; row k: after epoch k). Training advances
//! incrementally, so the app can take a few epochs per frame.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;

use super::dataset::{self, Dataset, Split, DEFAULT_TEST_SHARE};
use super::mlp::{Mlp, MlpOracle, MAX_LAYERS, MAX_PARAMETERS, MAX_WIDTH};
use super::output::Output;
use super::workspace::Workspace;
use crate::engine::lockstep::RunSpec;
use crate::engine::lockstep::{Divergence, Lane, Lockstep, Observer, Task};
use crate::optim::{Optimizer, ScheduleUse};
use crate::spec::error::InitError;
use crate::util::memory::{self, MemoryError};

/// What the runs train: a network, its starting weights, the data and how
/// it is cut into steps.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The data set.
    pub dataset: Dataset,
    /// Which rows train and which test.
    pub split: Split,
    /// The network's shape.
    pub mlp: Mlp,
    /// Starting parameters (the flat layout of [`Mlp`]).
    pub init: Vec<f64>,
    /// `None`: full batch, one step per epoch. `Some(b)`: the training rows
    /// shuffled each epoch and cut into batches of `b` (at least 1), one step each.
    pub batch: Option<usize>,
    /// Seed of the mini-batch shuffles (every run sees the same batches).
    pub seed: u64,
}

impl Problem {
    /// A He-initialised network with `hidden` ReLU layers (from `seed`) on
    /// the seeded 80/20 split of `dataset` (from the same seed), ending in a
    /// softmax or, for regression, one linear unit.
    pub fn seeded(dataset: Dataset, hidden: &[usize], seed: u64, batch: Option<usize>) -> Problem {
        let output = Output::default_for(dataset.task());
        let mlp = Mlp::with_output(dataset.dim, hidden, dataset.classes, output);
        Problem::seeded_network(dataset, mlp, seed, batch, DEFAULT_TEST_SHARE)
    }

    /// `mlp` He-initialised from `seed` on a seeded split of `dataset` (from
    /// the same seed) that holds out `test_share` of the rows; `mlp` must
    /// fit the data.
    pub fn seeded_network(dataset: Dataset, mlp: Mlp, seed: u64, batch: Option<usize>, test_share: f64) -> Problem {
        let split = Split::shuffled(dataset.len(), test_share, seed);
        Problem { split, init: mlp.he_init(seed), mlp, dataset, batch, seed }
    }

    /// The network, starting weights and split of an init file (for what
    /// the file leaves open, the seeded split holding out `test_share`),
    /// checked against `dataset`.
    pub fn from_init(
        dataset: Dataset,
        init: &InitFile,
        seed: u64,
        batch: Option<usize>,
        test_share: f64,
    ) -> Result<Problem, InitError> {
        let (mlp, params) = init.network(&dataset)?;
        let split = init.split(dataset.len(), test_share, seed)?;
        Ok(Problem { dataset, split, mlp, init: params, batch, seed })
    }
}

impl Problem {
    /// An upper estimate of the memory one run takes over `epochs` epochs:
    /// its parameters, gradient and optimizer state (at most eight vectors
    /// as long as the parameters), activations, deltas and gathered inputs
    /// for every row, and its record.
    pub fn bytes_per_run(&self, epochs: usize) -> u64 {
        let units: u64 = self.mlp.sizes().iter().map(|&width| width as u64 + 1).sum();
        let per_row = units.saturating_mul(8 * 3);
        memory::times(self.init.len(), 8 * 8)
            .saturating_add(memory::times(self.dataset.len(), per_row))
            .saturating_add(memory::times(epochs.saturating_add(1), 3 * 8))
    }

    /// Checks that `runs` runs of `epochs` epochs fit in memory (see
    /// [`memory::check`]) before any is made.
    pub fn check_memory(&self, runs: usize, epochs: usize) -> Result<(), MemoryError> {
        let bytes = memory::times(runs, self.bytes_per_run(epochs));
        memory::check(bytes, || format!("training {runs} network(s) for {epochs} epoch(s)"))
    }
}

/// Per-epoch record of a run: index k describes the parameters after k epochs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// The data loss over the training rows (mean cross-entropy, or mean
    /// squared error), without the penalty.
    pub train_loss: Vec<f64>,
    /// The data loss over the test rows (NaN when there are none).
    pub test_loss: Vec<f64>,
    /// The network's score of the test rows: the fraction classified
    /// correctly, or R² (NaN when there are none).
    pub test_score: Vec<f64>,
}

impl History {
    /// Epochs completed (one fewer than the rows recorded).
    pub fn epochs(&self) -> usize {
        self.train_loss.len().saturating_sub(1)
    }
}

/// What an epoch leaves: the metrics of the parameters after it.
#[derive(Clone, Copy, Debug)]
pub struct EpochMetrics {
    train_loss: f64,
    test_loss: f64,
    test_score: f64,
}

impl Observer<EpochMetrics> for History {
    fn observe(&mut self, sample: EpochMetrics) {
        self.train_loss.push(sample.train_loss);
        self.test_loss.push(sample.test_loss);
        self.test_score.push(sample.test_score);
    }
}

/// The shuffled order of the training rows for mini-batches.
#[derive(Clone, Debug)]
struct Batches {
    size: usize,
    rng: ChaCha8Rng,
    order: Vec<usize>,
}

/// One optimizer's copy of the network as it trains.
#[derive(Debug)]
pub struct Learner {
    base_lr: f64,
    optimizer: Box<dyn Optimizer>,
    schedule_use: ScheduleUse,
    params: Vec<f64>,
    steps: u64,
    batches: Option<Batches>,
    /// Buffers for the training rows and, apart so that each keeps its
    /// input gathered, for the test rows.
    workspace: Workspace,
    test_workspace: Workspace,
}

impl Learner {
    /// The metrics of the current parameters; fails if the training loss is
    /// not finite.
    fn metrics(&mut self, problem: &Problem) -> Result<EpochMetrics, Divergence> {
        let Problem { dataset, split, mlp, .. } = problem;
        let train_loss = mlp.loss(&self.params, dataset, &split.train, &mut self.workspace);
        if !train_loss.is_finite() {
            return Err(Divergence::NotFinite);
        }
        let test = mlp.evaluate(&self.params, dataset, &split.test, &mut self.test_workspace);
        Ok(EpochMetrics { train_loss, test_loss: test.loss, test_score: test.score })
    }

    /// One optimizer step on the loss over `rows`, at the scheduled learning
    /// rate; fails when the step fails or leaves a parameter not finite.
    fn step(
        optimizer: &mut dyn Optimizer,
        params: &mut [f64],
        workspace: &mut Workspace,
        steps: &mut u64,
        lr: f64,
        problem: &Problem,
        rows: &[usize],
    ) -> Result<(), Divergence> {
        let mut oracle = MlpOracle::new(&problem.mlp, &problem.dataset, rows, workspace);
        optimizer.step(params, lr, &mut oracle).map_err(Divergence::Failed)?;
        *steps += 1;
        if params.iter().all(|p| p.is_finite()) {
            Ok(())
        } else {
            Err(Divergence::NotFinite)
        }
    }
}

impl Task for Problem {
    type State = Learner;
    type Sample<'a> = EpochMetrics;
    const TICK: &'static str = "epoch";
    const PARALLEL: bool = true;

    fn start(&self, spec: &RunSpec) -> (Learner, Result<EpochMetrics, Divergence>) {
        let batches = self.batch.map(|size| Batches {
            size: size.max(1),
            rng: ChaCha8Rng::seed_from_u64(self.seed),
            order: self.split.train.clone(),
        });
        let optimizer = spec.optimizer.build(self.init.len());
        let mut learner = Learner {
            base_lr: spec.optimizer.lr(),
            schedule_use: optimizer.schedule_use(),
            optimizer,
            params: self.init.clone(),
            steps: 0,
            batches,
            workspace: Workspace::default(),
            test_workspace: Workspace::default(),
        };
        let start = learner.metrics(self);
        (learner, start)
    }

    fn tick<R: Observer<EpochMetrics>>(
        &self,
        spec: &RunSpec,
        learner: &mut Learner,
        _: usize,
        record: &mut R,
    ) -> Result<(), Divergence> {
        let Learner { base_lr, optimizer, schedule_use, params, workspace, steps, batches, .. } = learner;
        let mut step = |rows: &[usize]| {
            let lr = schedule_use.rate(*base_lr, &spec.schedule, *steps, optimizer.as_mut());
            Learner::step(optimizer.as_mut(), params, workspace, steps, lr, self, rows)
        };
        match batches {
            None => step(&self.split.train)?,
            Some(batches) => {
                batches.order.copy_from_slice(&self.split.train);
                batches.order.shuffle(&mut batches.rng);
                batches.order.chunks(batches.size).try_for_each(step)?
            }
        }
        record.observe(learner.metrics(self)?);
        Ok(())
    }
}

/// One optimizer training its own copy of the network.
pub type NetRun = Lane<Problem, History>;

impl NetRun {
    /// What the run has recorded.
    pub fn history(&self) -> &History {
        self.record()
    }

    /// The current parameters.
    pub fn params(&self) -> &[f64] {
        &self.state().params
    }

    /// Optimizer steps taken (the schedule's clock).
    pub fn steps(&self) -> u64 {
        self.state().steps
    }
}

/// Several runs training one network, advanced together, epoch by epoch.
pub type Training = Lockstep<Problem, History>;

impl Training {
    /// One run per spec, all from `problem`'s starting weights, with row 0
    /// recorded.
    pub fn new(problem: Problem, specs: Vec<RunSpec>) -> Training {
        Lockstep::with_task(problem, specs)
    }

    /// What is being trained.
    pub fn problem(&self) -> &Problem {
        self.task()
    }

    /// Epochs taken by the runs still going (the lockstep clock).
    pub fn epochs(&self) -> usize {
        self.clock()
    }
}

/// A starting-weights file: `{"layers": [{"weight": [[..out..] per input],
/// "bias": [..]}], "train_index": [..], "test_index": [..]}`, the index lists
/// optional. Hidden sizes follow from the weights.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct InitFile {
    /// The layers, inputs first.
    pub layers: Vec<InitLayer>,
    /// Training rows; with `test_index` it fixes the split.
    #[serde(default)]
    pub train_index: Option<Vec<usize>>,
    /// Test rows.
    #[serde(default)]
    pub test_index: Option<Vec<usize>>,
}

/// One layer of an [`InitFile`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct InitLayer {
    /// `weight[i][o]`: from input i to output o.
    pub weight: Vec<Vec<f64>>,
    /// One per output.
    pub bias: Vec<f64>,
}

impl InitFile {
    /// Parses the JSON text of an init file.
    pub fn from_json(text: &str) -> Result<InitFile, InitError> {
        serde_json::from_str(text).map_err(|e| InitError::Json(e.to_string()))
    }

    /// The network these weights describe (ReLU, no penalty), checked
    /// against `data` (inputs equal to its features, outputs to its classes
    /// or, for two classes, one sigmoid output, or for regression one linear
    /// unit; each layer's inputs equal to the previous layer's outputs),
    /// with its flat parameter vector.
    pub fn network(&self, data: &Dataset) -> Result<(Mlp, Vec<f64>), InitError> {
        let last = self.layers.len().checked_sub(1).ok_or(InitError::NoLayers)?;
        if last > MAX_LAYERS {
            return Err(InitError::Size(format!("{last} hidden layers; at most {MAX_LAYERS} are allowed")));
        }
        if let Some((k, layer)) =
            self.layers[..last].iter().enumerate().find(|(_, l)| !(1..=MAX_WIDTH).contains(&l.bias.len()))
        {
            let width = layer.bias.len();
            return Err(InitError::Size(format!("layer {k} has {width} units; a hidden layer has 1 to {MAX_WIDTH}")));
        }
        let one_unit = self.layers[last].bias.len() == 1;
        let output = match data.task() {
            dataset::Task::Classification if data.classes == 2 && one_unit => Output::Sigmoid,
            task => Output::default_for(task),
        };
        let mut params = Vec::new();
        let mut hidden = Vec::new();
        let mut inputs = data.dim;
        for (k, layer) in self.layers.iter().enumerate() {
            let shape =
                |what: String, found: usize, expected: usize| InitError::Shape { layer: k, what, found, expected };
            if layer.weight.len() != inputs {
                return Err(shape("weight rows (inputs)".to_owned(), layer.weight.len(), inputs));
            }
            let outputs = if k == last { output.units(data.classes) } else { layer.bias.len() };
            for (i, row) in layer.weight.iter().enumerate() {
                if row.len() != outputs {
                    return Err(shape(format!("weight row {i} (outputs)"), row.len(), outputs));
                }
                params.extend_from_slice(row);
            }
            if layer.bias.len() != outputs {
                return Err(shape("bias".to_owned(), layer.bias.len(), outputs));
            }
            params.extend_from_slice(&layer.bias);
            if !params.iter().all(|p| p.is_finite()) {
                return Err(InitError::NotFinite { layer: k });
            }
            if k != last {
                hidden.push(outputs);
            }
            inputs = outputs;
        }
        if params.len() > MAX_PARAMETERS {
            return Err(InitError::Size(format!("{} parameters; at most {MAX_PARAMETERS} are allowed", params.len())));
        }
        Ok((Mlp::with_output(data.dim, &hidden, data.classes, output), params))
    }

    /// The split these indices fix for `n` rows: both lists as given, one
    /// list with the other part the remaining rows, or none: the seeded
    /// shuffle holding out `test_share`.
    pub fn split(&self, n: usize, test_share: f64, seed: u64) -> Result<Split, InitError> {
        let rest = |given: &[usize]| (0..n).filter(|i| !given.contains(i)).collect::<Vec<usize>>();
        match (&self.train_index, &self.test_index) {
            (Some(train), Some(test)) => Split::new(train.clone(), test.clone(), n),
            (Some(train), None) => Split::new(train.clone(), rest(train), n),
            (None, Some(test)) => Split::new(rest(test), test.clone(), n),
            (None, None) => Ok(Split::shuffled(n, test_share, seed)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::dataset::moons;

    fn problem(batch: Option<usize>, seed: u64) -> Problem {
        Problem { seed, ..Problem::seeded(moons(120, 0.1, 2), &[8], 1, batch) }
    }

    fn spec(text: &str) -> RunSpec {
        RunSpec { optimizer: text.parse().unwrap(), schedule: crate::Schedule::Constant }
    }

    #[test]
    fn mini_batches_are_seeded_and_step_the_schedule_every_batch() {
        let train = |seed| {
            let mut training = Training::new(problem(Some(16), seed), vec![spec("adam:lr=0.01")]);
            training.advance(5);
            training.runs()[0].history().clone()
        };
        let first = train(3);
        assert_eq!(first.epochs(), 5);
        assert_eq!(first, train(3));
        assert_ne!(first, train(4));
        let mut training = Training::new(problem(Some(16), 3), vec![spec("sgd")]);
        training.advance(2);
        assert_eq!(training.runs()[0].steps(), 2 * 96usize.div_ceil(16) as u64);
    }

    #[test]
    fn runs_trained_together_match_runs_trained_alone() {
        let specs = ["sgd:lr=0.05", "momentum:lr=0.05", "rmsprop:lr=0.01", "adam:lr=0.01"].map(spec);
        let mut together = Training::new(problem(Some(32), 5), specs.to_vec());
        together.advance(4);
        together.advance(3);
        for (run, spec) in together.runs().iter().zip(specs) {
            let mut alone = Training::new(problem(Some(32), 5), vec![spec]);
            alone.advance(7);
            assert_eq!(run.history(), alone.runs()[0].history());
            assert_eq!(run.params(), alone.runs()[0].params());
        }
    }

    #[test]
    fn divergence_ends_a_run_without_recording_it() {
        let mut training = Training::new(problem(None, 0), vec![spec("sgd:lr=1e300"), spec("sgd:lr=0.1")]);
        training.advance(3);
        let [wild, calm] = training.runs() else { panic!("two runs") };
        assert_eq!(wild.diverged(), Some((1, Divergence::NotFinite)));
        assert_eq!(wild.history().epochs(), 0);
        assert_eq!(calm.history().epochs(), 3);
        assert!(!training.all_diverged());
        training.reset();
        assert_eq!((training.epochs(), training.runs()[0].history().epochs()), (0, 0));
    }

    #[test]
    fn newton_cannot_train_a_network() {
        let mut training = Training::new(problem(None, 0), vec![spec("newton")]);
        training.advance(1);
        let failure = Divergence::Failed(crate::optim::StepFailure::NoHessian);
        assert_eq!(training.runs()[0].diverged(), Some((1, failure)));
    }
}
