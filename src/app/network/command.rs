//! Every change a user can make to the Network page, as a value, and
//! [`NetworkCommand::apply`], the only code that changes the page's state.

use optiviz::nn::dataset;
use optiviz::nn::spec::{DatasetSpec, ModelSpec};
use optiviz::nn::{Activation, InputFeatures, Output, Penalty};
use optiviz::spec::params::Value;

use super::landscape_job;
use super::landscape_state::LandscapeCommand;
use super::state::{MiddleTab, NetworkState};
use crate::app::jobs::Job;
use crate::app::lineup::RunCommand;

/// A change to the Network page.
#[derive(Clone, Debug, PartialEq)]
pub enum NetworkCommand {
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
    /// The function after every hidden layer.
    SetActivation(Activation),
    /// The L1 and L2 strengths of the penalty on the weights (0 is off).
    SetPenalty(Penalty),
    /// The features a network on two-feature data reads of each point.
    SetInputs(InputFeatures),
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
    /// Show the neurons of the run at this index of the training's runs.
    ShowNeuronsOf(usize),
    /// Change the training optimizers.
    Run(RunCommand),
    /// Show another tab in the middle panel.
    ShowTab(MiddleTab),
    /// Change the Landscape tab, or take its job's result.
    Landscape(LandscapeCommand),
}

impl NetworkCommand {
    /// Applies the command to `state`; a value the runs refuse leaves them
    /// as they were and says why in `status`. Returns the background work
    /// it asks for (the landscape).
    pub fn apply(self, state: &mut NetworkState, status: &mut Option<String>) -> Option<Job<NetworkCommand>> {
        let (dataset, model, seed, batch) = (state.dataset.clone(), state.model.clone(), state.seed, state.batch);
        match self {
            NetworkCommand::TogglePlay => {
                if state.training.epochs() >= state.epochs {
                    state.training.reset();
                    state.generation += 1;
                }
                state.playing = !state.playing;
            }
            NetworkCommand::Step => {
                state.playing = false;
                if state.training.epochs() < state.epochs {
                    state.training.advance(1);
                }
            }
            NetworkCommand::Reset => {
                state.playing = false;
                state.training.reset();
                state.generation += 1;
            }
            NetworkCommand::SetDataset(dataset) => state.rebuild(dataset, model, seed, batch),
            NetworkCommand::SetDatasetParam(name, value) => {
                let mut settings = dataset.settings().clone();
                if settings.set(name, value).is_ok() {
                    state.rebuild(dataset.with_settings(settings), model, seed, batch);
                }
            }
            NetworkCommand::OpenCsv(path) => {
                let target = last_column(&path);
                state.rebuild(DatasetSpec::csv(path.display().to_string(), target), model, seed, batch);
            }
            NetworkCommand::SetCsvTarget(target) => {
                if let Some((path, _)) = dataset.csv_source() {
                    let retargeted =
                        DatasetSpec::csv(path.to_owned(), target).with_settings(dataset.settings().clone());
                    state.rebuild(retargeted, model, seed, batch);
                }
            }
            NetworkCommand::SetHidden(text) => {
                state.hidden_text = text.clone();
                match format!("mlp:hidden={}", text.trim()).parse::<ModelSpec>() {
                    Ok(typed) => state.rebuild(dataset, ModelSpec { hidden: typed.hidden, ..model }, seed, batch),
                    Err(error) => state.hidden_error = Some(error.to_string()),
                }
            }
            NetworkCommand::SetOutput(output) => state.rebuild(dataset, ModelSpec { output, ..model }, seed, batch),
            NetworkCommand::SetActivation(activation) => {
                state.rebuild(dataset, ModelSpec { activation, ..model }, seed, batch)
            }
            NetworkCommand::SetPenalty(penalty) => state.rebuild(dataset, ModelSpec { penalty, ..model }, seed, batch),
            NetworkCommand::SetInputs(inputs) => state.rebuild(dataset, ModelSpec { inputs, ..model }, seed, batch),
            NetworkCommand::SetSeed(seed) => state.rebuild(dataset, model, seed, batch),
            NetworkCommand::SetBatch(batch) => state.rebuild(dataset, model, seed, batch.map(|b| b.max(1))),
            NetworkCommand::SetEpochs(n) => state.epochs = n.clamp(1, optiviz::nn::spec::MAX_EPOCHS),
            NetworkCommand::SetSpeed(n) => state.epochs_per_frame = n.max(1),
            NetworkCommand::SetMistakesOnly(on) => state.mistakes_only = on,
            NetworkCommand::ShowNeuronsOf(run) => state.neuron_run = run,
            NetworkCommand::Run(command) => {
                let restart = command.changes_the_runs();
                match command.apply(&mut state.lineup) {
                    Ok(()) if restart => state.restart(None),
                    Ok(()) => {}
                    Err(error) => *status = Some(error.to_string()),
                }
            }
            NetworkCommand::ShowTab(tab) => state.tab = tab,
            NetworkCommand::Landscape(command) => {
                return landscape_job::apply(command, state).map(|job| job.map(NetworkCommand::Landscape));
            }
        }
        None
    }
}

/// The last column of a CSV file (the usual place of the target), named as
/// the data set's `target` takes it; "0" when the file cannot be read, which
/// the load then reports.
fn last_column(path: &std::path::Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    dataset::csv_columns(&text).pop().unwrap_or_else(|| "0".to_owned())
}
