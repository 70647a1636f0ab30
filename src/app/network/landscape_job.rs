//! Computing the Landscape tab's picture in the background, and the tab's
//! commands, which start that work.
//!
//! The job replays the training rather than reading a parameter history:
//! it builds a fresh [`Training`] of the same problem and runs (training is
//! deterministic, so it retraces the epochs on screen) and records every
//! epoch's parameters with [`ParamPaths::record`], then computes the
//! landscape. The live training thus keeps only its losses, whatever the
//! network's size; the recording lives as long as the job, and
//! [`ParamPaths::record`] refuses one too large for memory before it
//! starts. The replay costs one training per landscape, which the
//! throttle bounds: one job at a time, the next started once it has ended
//! and only if the epoch moved on.

use optiviz::engine::lockstep::RunSpec;
use optiviz::nn::landscape::{Landscape, LandscapeError, LandscapeSettings, ParamPaths};
use optiviz::nn::{Problem, Training};

use super::landscape_state::{LandscapeCommand, LandscapeKey};
use super::state::NetworkState;
use crate::app::jobs::Job;

/// The landscape the Network page wants now, or why it can want none.
pub fn wanted(state: &NetworkState) -> Result<LandscapeKey, &'static str> {
    if state.training.runs().is_empty() {
        return Err("Add an optimizer: the landscape is drawn around the optimizers' paths.");
    }
    if state.training.epochs() == 0 {
        return Err("Train a few epochs to see the landscape: its plane is fitted to the paths the optimizers take.");
    }
    Ok(state.landscape.key(state.generation, state.training.epochs()))
}

/// The landscape the Landscape tab shows for the training as it stands
/// (perhaps of an earlier epoch while the next computes).
pub fn shown(state: &NetworkState) -> Option<&Landscape> {
    wanted(state).ok().and_then(|key| state.landscape.landscape(&key))
}

/// Applies a Landscape tab command to the Network page; returns the job it
/// starts, if any.
pub fn apply(command: LandscapeCommand, state: &mut NetworkState) -> Option<Job<LandscapeCommand>> {
    let landscape = &mut state.landscape;
    match command {
        LandscapeCommand::SetPlane(plane) => {
            landscape.plane = plane;
            landscape.settings_changed();
        }
        LandscapeCommand::SetGrid(grid) => {
            landscape.grid = grid;
            landscape.settings_changed();
        }
        LandscapeCommand::Resume => landscape.stopped = false,
        LandscapeCommand::Computed(ticket, key, outcome) => landscape.receive(ticket, key, *outcome),
        LandscapeCommand::Compute => return start(state),
    }
    None
}

/// Starts a job for the landscape wanted, unless it is shown or coming.
fn start(state: &mut NetworkState) -> Option<Job<LandscapeCommand>> {
    let key = wanted(state).ok().filter(|key| state.landscape.needs(key))?;
    let request = LandscapeRequest {
        problem: state.training.problem().clone(),
        runs: state.lineup.specs(),
        settings: LandscapeSettings { plane: key.plane, grid: key.grid, span: None, seed: state.seed },
        epochs: key.epochs,
    };
    let (ticket, stale) = state.landscape.start(key);
    let parts = key.epochs + key.grid;
    Some(Job::new("computing the loss landscape", parts, move |progress| {
        let proceed = || !stale.load(std::sync::atomic::Ordering::Relaxed) && progress.proceed();
        // A stopped job still reports, so that the tab knows it stopped.
        Some(LandscapeCommand::Computed(ticket, key, Box::new(request.run(&proceed))))
    }))
}

/// What a landscape job needs, copied from the page so that training goes on meanwhile.
struct LandscapeRequest {
    problem: Problem,
    runs: Vec<RunSpec>,
    settings: LandscapeSettings,
    epochs: usize,
}

impl LandscapeRequest {
    /// Replays the training, recording every epoch's parameters, and
    /// computes the landscape; `proceed` false stops it.
    fn run(self, proceed: &(dyn Fn() -> bool + Sync)) -> Result<Landscape, LandscapeError> {
        let mut training = Training::new(self.problem, self.runs);
        let paths = ParamPaths::record(&mut training, self.epochs, proceed)?;
        Landscape::compute(training.problem(), paths, &self.settings, proceed)
    }
}
