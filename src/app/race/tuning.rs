//! The learning-rate search of the race page as background work: what it
//! needs from the race, copied so that it can run while the race goes on.

use std::sync::Arc;

use optiviz::engine::lockstep::RunSpec;
use optiviz::engine::tune::{tune_lr, TuneBudget, Tuned};
use optiviz::Surface;

use super::state::RaceState;
use crate::app::jobs::Progress;

/// Trial runs each optimizer's learning-rate search may spend.
pub const TUNE_TRIALS: usize = 24;

/// What one search found for one run: its place in the optimizer list, its
/// label when the search began, and the rate found.
pub type TuneResult = (usize, String, Tuned);

/// A search of every enabled run's learning rate with the same budget.
#[derive(Debug)]
pub struct TuneRequest {
    surface: Arc<dyn Surface>,
    start: [f64; 2],
    steps: usize,
    /// The enabled runs with their places in the optimizer list.
    runs: Vec<(usize, RunSpec)>,
}

impl TuneRequest {
    /// The search for every enabled run of the race as it stands.
    pub fn of(race: &RaceState) -> TuneRequest {
        let runs = race.lineup.runs.iter().enumerate().filter(|(_, run)| run.enabled);
        TuneRequest {
            surface: race.surface.clone(),
            start: race.start,
            steps: race.total_steps,
            runs: runs.map(|(index, run)| (index, run.spec.clone())).collect(),
        }
    }

    /// The optimizers to tune: the job's parts.
    pub fn optimizers(&self) -> usize {
        self.runs.len()
    }

    /// Tunes every run in turn with the same budget; `None` when cancelled
    /// (checked between optimizers).
    pub fn run(self, progress: &Progress) -> Option<Vec<TuneResult>> {
        let budget = TuneBudget::new(TUNE_TRIALS, self.steps);
        let mut results = Vec::with_capacity(self.runs.len());
        for (index, spec) in &self.runs {
            if progress.cancelled() {
                return None;
            }
            let tuned = tune_lr(&self.surface, self.start, spec, None, budget);
            results.push((*index, spec.optimizer.label().to_owned(), tuned));
            progress.advance();
        }
        Some(results)
    }
}
