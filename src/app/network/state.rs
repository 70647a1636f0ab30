//! What the Network page shows, as plain data: the data set, the network,
//! the optimizers and the training. Only
//! [`super::command::NetworkCommand::apply`] changes it.

use std::time::{Duration, Instant};

use optiviz::engine::lockstep::RunSpec;
use optiviz::nn::spec::{self, DatasetSpec, ModelSpec};
use optiviz::nn::{InputFeatures, Output, Precision};
use optiviz::nn::{Problem, Training};
use optiviz::scene::{Explanation, NetScene};
use optiviz::Schedule;

use super::landscape_state::LandscapeState;
use crate::app::lineup::Lineup;

/// Training time one frame may spend, so the view stays at 60 frames per second.
pub const FRAME_BUDGET: Duration = Duration::from_millis(6);

/// Training time a change may spend replaying the epochs already shown.
const REPLAY_BUDGET: Duration = Duration::from_millis(60);

/// What the middle panel shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MiddleTab {
    /// What each network has learnt: decision boundaries, digits, fitted
    /// curves or predictions.
    #[default]
    Model,
    /// Each hidden unit's output over the plane, for one run (two-feature
    /// classes only; other data show the model instead).
    Neurons,
    /// The training loss over a plane through weight space, with the paths.
    Landscape,
}

/// The Network page's state.
#[derive(Debug)]
pub struct NetworkState {
    /// The data set.
    pub dataset: DatasetSpec,
    /// The hidden layers and the output.
    pub model: ModelSpec,
    /// The hidden-layers field's text (kept while it does not parse).
    pub hidden_text: String,
    /// Why the hidden-layers field's text is not a network.
    pub hidden_error: Option<String>,
    /// Why the chosen data cannot be trained on (kept beside the data choice).
    pub data_error: Option<String>,
    /// The data that failed to load, read as a regression, when its class
    /// target looks like a quantity: offered beside the error.
    pub regression_offer: Option<DatasetSpec>,
    /// Seed of the data, the split, the weights and the batches.
    pub seed: u64,
    /// Mini-batch size; `None` is full batch.
    pub batch: Option<usize>,
    /// The optimizers training.
    pub lineup: Lineup,
    /// Epochs every run trains in all.
    pub epochs: usize,
    /// Most epochs per frame while playing (fewer when an epoch is slow).
    pub epochs_per_frame: usize,
    /// Whether training is running.
    pub playing: bool,
    /// Title and explanation of the loaded preset or scene.
    pub explanation: Option<Explanation>,
    /// Show only the misclassified test digits.
    pub mistakes_only: bool,
    /// Which run's neurons it shows (an index into the training's runs).
    pub neuron_run: usize,
    /// The training of the enabled runs.
    pub training: Training,
    /// Counts rebuilds and resets of the training, for caches of what it drew.
    pub generation: u64,
    /// What the middle panel shows.
    pub tab: MiddleTab,
    /// The Landscape tab.
    pub landscape: LandscapeState,
}

impl NetworkState {
    /// Seed 004's small network (2–16–16–1, sigmoid output) on the
    /// circles, with SGD and Adam at lr 0.01.
    pub fn new() -> NetworkState {
        let specs = ["sgd:lr=0.01", "adam:lr=0.01"].iter().map(|text| RunSpec {
            optimizer: text.parse().unwrap_or_else(|e| unreachable!("{e}")),
            schedule: Schedule::Constant,
        });
        let dataset: DatasetSpec = "circles:n=1000,noise=0.03".parse().unwrap_or_else(|e| unreachable!("{e}"));
        let model = ModelSpec {
            hidden: Some(vec![16, 16]),
            output: Output::Sigmoid,
            precision: Precision::F32,
            ..ModelSpec::default()
        };
        let lineup = Lineup::of(specs);
        let seed = 4;
        let problem = seeded_problem(&dataset, &model, seed, None).unwrap_or_else(|e| unreachable!("{e}"));
        NetworkState {
            hidden_text: model.widths(),
            hidden_error: None,
            data_error: None,
            regression_offer: None,
            training: Training::new(problem, lineup.specs()),
            dataset,
            model,
            seed,
            batch: None,
            lineup,
            epochs: 100,
            epochs_per_frame: 5,
            playing: false,
            explanation: None,
            mistakes_only: false,
            neuron_run: 0,
            generation: 0,
            tab: MiddleTab::default(),
            landscape: LandscapeState::new(),
        }
    }

    /// Trains up to one frame's worth of epochs while playing: at most
    /// `epochs_per_frame`, and no more once `budget` is spent (at least one).
    pub fn tick(&mut self, budget: Duration) {
        if !self.playing {
            return;
        }
        let start = Instant::now();
        for _ in 0..self.epochs_per_frame {
            if self.training.epochs() >= self.epochs {
                break;
            }
            self.training.advance(1);
            if start.elapsed() > budget {
                break;
            }
        }
        if self.training.epochs() >= self.epochs || self.training.all_diverged() {
            self.playing = false;
        }
    }

    /// Replaces everything with `scene`'s setup, paused at epoch 0; a data
    /// set that does not load changes nothing and says why.
    pub fn load(&mut self, scene: NetScene) -> Result<(), String> {
        let problem = seeded_problem(&scene.dataset, &scene.model, scene.seed, scene.batch)?;
        let runs = scene.runs.iter().filter(|run| run.enabled).count();
        problem.check_memory(runs, scene.epochs).map_err(|error| error.to_string())?;
        self.lineup = Lineup::of_scene(&scene.runs);
        self.hidden_text = scene.model.widths();
        self.hidden_error = None;
        self.data_error = None;
        self.regression_offer = None;
        self.explanation = Explanation::of(scene.title, scene.explanation);
        (self.dataset, self.model, self.seed, self.batch) = (scene.dataset, scene.model, scene.seed, scene.batch);
        self.epochs = scene.epochs;
        self.playing = false;
        self.training = Training::new(problem, self.lineup.specs());
        self.generation += 1;
        Ok(())
    }

    /// The view as a scene file.
    pub fn to_scene(&self) -> NetScene {
        let (title, explanation) = Explanation::fields(self.explanation.as_ref());
        NetScene {
            title,
            explanation,
            dataset: self.dataset.clone(),
            model: self.model.clone(),
            epochs: self.epochs,
            seed: self.seed,
            batch: self.batch,
            runs: self.lineup.scene_runs(),
        }
    }

    /// Trains anew from the starting weights on `problem` (or the current
    /// one) and replays the epochs already shown, so a change shows its
    /// effect at once; what a frame's budget cannot replay trains on live.
    pub(super) fn restart(&mut self, problem: Option<Problem>) {
        let problem = problem.unwrap_or_else(|| self.training.problem().clone());
        let reached = self.training.epochs();
        self.training = Training::new(problem, self.lineup.specs());
        let start = Instant::now();
        while self.training.epochs() < reached && start.elapsed() < REPLAY_BUDGET {
            self.training.advance(1);
        }
        self.playing |= self.training.epochs() < reached;
        self.generation += 1;
    }

    /// Rebuilds the problem from the data and network settings; on failure
    /// nothing changes and the message goes beside the data choice when the
    /// data changed (with the same CSV as a regression offered when its
    /// target looks like a quantity), beside the hidden-layers field otherwise.
    /// Data of more than two classes turns a sigmoid output into a softmax,
    /// and data that are not points of the plane take their own features.
    pub(super) fn rebuild(&mut self, dataset: DatasetSpec, mut model: ModelSpec, seed: u64, batch: Option<usize>) {
        let data_changed = dataset != self.dataset;
        let problem = dataset.load(seed).and_then(|data| {
            if data.classes != 2 {
                model.output = Output::Softmax;
            }
            if data.dim != 2 {
                model.inputs = InputFeatures::default();
            }
            spec::network_problem(data, &model, seed, batch, dataset.test_share())
        });
        match problem {
            Ok(problem) => {
                (self.dataset, self.model, self.seed, self.batch) = (dataset, model, seed, batch);
                self.hidden_error = None;
                self.data_error = None;
                self.regression_offer = None;
                self.restart(Some(problem));
            }
            Err(error) if data_changed => {
                self.regression_offer = error.is_quantity_target().then(|| dataset.as_regression()).flatten();
                self.data_error = Some(error.to_string());
            }
            Err(error) => self.hidden_error = Some(error.to_string()),
        }
    }
}

/// The problem of the settings, or why there is none.
fn seeded_problem(
    dataset: &DatasetSpec,
    model: &ModelSpec,
    seed: u64,
    batch: Option<usize>,
) -> Result<Problem, String> {
    spec::seeded_problem(dataset, model, seed, batch).map_err(|e| e.to_string())
}
