//! What the Network view shows, as plain data, and the commands that change
//! it: the data set, the network, the optimizers and the training.

use std::time::{Duration, Instant};

use optiviz::engine::race::RunSpec;
use optiviz::nn::spec::{self, DatasetSpec, ModelSpec};
use optiviz::nn::{dataset, Problem, Training};
use optiviz::nn::{Output, Precision};
use optiviz::scene::NetScene;
use optiviz::spec::error::SpecError;
use optiviz::spec::params::Value;
use optiviz::Schedule;

use crate::app::lineup::{Lineup, RunCommand};
use crate::app::scenes::{explanation, lineup_of, scene_runs, text_of, title_of};

/// Training time one frame may spend, so the view stays at 60 frames per second.
pub const FRAME_BUDGET: Duration = Duration::from_millis(6);

/// Training time a change may spend replaying the epochs already shown.
const REPLAY_BUDGET: Duration = Duration::from_millis(60);

/// The Network view's state.
#[derive(Debug)]
pub struct NetState {
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
    pub explanation: Option<(String, String)>,
    /// Show only the misclassified test digits.
    pub mistakes_only: bool,
    /// The training of the enabled runs.
    pub training: Training,
    /// Counts rebuilds and resets of the training, for caches of what it drew.
    pub generation: u64,
}

/// A change to the Network view.
#[derive(Clone, Debug, PartialEq)]
pub enum NetCommand {
    /// Start or stop training.
    TogglePlay,
    /// Train one epoch and pause.
    Step,
    /// Back to the starting weights, paused.
    Reset,
    /// Another data set (digits, circles, moons).
    SetDataset(DatasetSpec),
    /// A setting of the data set (points, noise).
    SetDatasetParam(&'static str, Value),
    /// Train on a CSV file, its last column the target until the user names another.
    OpenCsv(std::path::PathBuf),
    /// The target column of the CSV data set (a header name or 0-based index).
    SetCsvTarget(String),
    /// The hidden layers as typed, e.g. `16x16`; on error it stays beside the field.
    SetHidden(String),
    /// The output of a two-class network: a softmax or one sigmoid unit.
    SetOutput(Output),
    /// The seed.
    SetSeed(u64),
    /// Mini-batch size, or full batch.
    SetBatch(Option<usize>),
    /// Epochs in all.
    SetEpochs(usize),
    /// Most epochs per frame.
    SetSpeed(usize),
    /// Only the misclassified digits, or all.
    SetMistakesOnly(bool),
    /// Change the training optimizers.
    Run(RunCommand),
}

impl NetState {
    /// Seed 004's small network (2–16–16–1, sigmoid output) on the
    /// circles, with SGD and Adam at lr 0.01.
    pub fn new() -> NetState {
        let specs = ["sgd:lr=0.01", "adam:lr=0.01"].iter().map(|text| RunSpec {
            optimizer: text.parse().unwrap_or_else(|e| unreachable!("{e}")),
            schedule: Schedule::Constant,
        });
        let dataset: DatasetSpec = "circles:n=1000,noise=0.03".parse().unwrap_or_else(|e| unreachable!("{e}"));
        let model = ModelSpec { hidden: vec![16, 16], output: Output::Sigmoid, precision: Precision::F32 };
        let lineup = Lineup::of(specs);
        let seed = 4;
        let problem = seeded_problem(&dataset, &model, seed, None).unwrap_or_else(|e| unreachable!("{e}"));
        NetState {
            hidden_text: model.widths(),
            hidden_error: None,
            data_error: None,
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
            generation: 0,
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
        self.lineup = lineup_of(&scene.runs);
        self.hidden_text = scene.model.widths();
        self.hidden_error = None;
        self.data_error = None;
        self.explanation = explanation(scene.title, scene.explanation);
        (self.dataset, self.model, self.seed, self.batch) = (scene.dataset, scene.model, scene.seed, scene.batch);
        self.epochs = scene.epochs;
        self.playing = false;
        self.training = Training::new(problem, self.lineup.specs());
        self.generation += 1;
        Ok(())
    }

    /// The view as a scene file.
    pub fn to_scene(&self) -> NetScene {
        NetScene {
            title: title_of(&self.explanation),
            explanation: text_of(&self.explanation),
            dataset: self.dataset.clone(),
            model: self.model.clone(),
            epochs: self.epochs,
            seed: self.seed,
            batch: self.batch,
            runs: scene_runs(&self.lineup),
        }
    }

    /// Trains anew from the starting weights on `problem` (or the current
    /// one) and replays the epochs already shown, so a change shows its
    /// effect at once; what a frame's budget cannot replay trains on live.
    fn restart(&mut self, problem: Option<Problem>) {
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
    /// the message goes beside the hidden-layers field and nothing changes.
    /// Data of more than two classes turns a sigmoid output into a softmax.
    fn rebuild(&mut self, dataset: DatasetSpec, mut model: ModelSpec, seed: u64, batch: Option<usize>) {
        let data_changed = dataset != self.dataset;
        let problem = dataset.load(seed).and_then(|data| {
            if data.classes != 2 {
                model.output = Output::Softmax;
            }
            spec::network_problem(data, &model, seed, batch, dataset.test_share())
        });
        match problem.map_err(|error| error.to_string()) {
            Ok(problem) => {
                (self.dataset, self.model, self.seed, self.batch) = (dataset, model, seed, batch);
                self.hidden_error = None;
                self.data_error = None;
                self.restart(Some(problem));
            }
            Err(error) if data_changed => self.data_error = Some(error),
            Err(error) => self.hidden_error = Some(error),
        }
    }
}

impl NetCommand {
    /// Applies the command to `state`; a run's invalid value leaves it as it was, and the error says why.
    pub fn apply(self, state: &mut NetState) -> Result<(), SpecError> {
        let (dataset, model, seed, batch) = (state.dataset.clone(), state.model.clone(), state.seed, state.batch);
        match self {
            NetCommand::TogglePlay => {
                if state.training.epochs() >= state.epochs {
                    state.training.reset();
                    state.generation += 1;
                }
                state.playing = !state.playing;
            }
            NetCommand::Step => {
                state.playing = false;
                if state.training.epochs() < state.epochs {
                    state.training.advance(1);
                }
            }
            NetCommand::Reset => {
                state.playing = false;
                state.training.reset();
                state.generation += 1;
            }
            NetCommand::SetDataset(dataset) => state.rebuild(dataset, model, seed, batch),
            NetCommand::SetDatasetParam(name, value) => {
                let mut settings = dataset.settings().clone();
                if settings.set(name, value).is_ok() {
                    state.rebuild(dataset.with_settings(settings), model, seed, batch);
                }
            }
            NetCommand::OpenCsv(path) => {
                let target = last_column(&path);
                state.rebuild(DatasetSpec::csv(path.display().to_string(), target), model, seed, batch);
            }
            NetCommand::SetCsvTarget(target) => {
                if let Some((path, _)) = dataset.csv_source() {
                    let retargeted =
                        DatasetSpec::csv(path.to_owned(), target).with_settings(dataset.settings().clone());
                    state.rebuild(retargeted, model, seed, batch);
                }
            }
            NetCommand::SetHidden(text) => {
                state.hidden_text = text.clone();
                match format!("mlp:hidden={}", text.trim()).parse::<ModelSpec>() {
                    Ok(typed) => state.rebuild(
                        dataset,
                        ModelSpec { output: model.output, precision: model.precision, ..typed },
                        seed,
                        batch,
                    ),
                    Err(error) => state.hidden_error = Some(error.to_string()),
                }
            }
            NetCommand::SetOutput(output) => state.rebuild(dataset, ModelSpec { output, ..model }, seed, batch),
            NetCommand::SetSeed(seed) => state.rebuild(dataset, model, seed, batch),
            NetCommand::SetBatch(batch) => state.rebuild(dataset, model, seed, batch.map(|b| b.max(1))),
            NetCommand::SetEpochs(n) => state.epochs = n.clamp(1, optiviz::nn::spec::MAX_EPOCHS),
            NetCommand::SetSpeed(n) => state.epochs_per_frame = n.max(1),
            NetCommand::SetMistakesOnly(on) => state.mistakes_only = on,
            NetCommand::Run(command) => {
                let restart = command.changes_the_runs();
                command.apply(&mut state.lineup)?;
                if restart {
                    state.restart(None);
                }
            }
        }
        Ok(())
    }
}

/// The last column of a CSV file (the usual place of the target), named as
/// the data set's `target` takes it; "0" when the file cannot be read, which
/// the load then reports.
fn last_column(path: &std::path::Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    dataset::csv_columns(&text).pop().unwrap_or_else(|| "0".to_owned())
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
