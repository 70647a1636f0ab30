//! The race page's background searches, the learning-rate search and the
//! learning-rate sweep: what they need from the race, copied so that they
//! can run while the race goes on, and the lists of results they hand back.

use optiviz::engine::lockstep::RunSpec;
use optiviz::engine::rates::LrRange;
use optiviz::engine::sweep::SweepSetup;
use optiviz::engine::tune::TuneSetup;

use super::state::{RaceState, SweepResult, TuneResult};
use crate::app::jobs::Progress;

/// The enabled runs of `race` with their places in the optimizer list.
fn enabled_runs(race: &RaceState) -> Vec<(usize, RunSpec)> {
    let runs = race.lineup.runs.iter().enumerate().filter(|(_, run)| run.enabled);
    runs.map(|(index, run)| (index, run.spec.clone())).collect()
}

/// A search of every enabled run's learning rate with the same budget.
#[derive(Debug)]
pub struct TuneRequest {
    setup: TuneSetup,
    runs: Vec<(usize, RunSpec)>,
}

impl TuneRequest {
    /// The search for every enabled run of the race as it stands: a budget
    /// of the race's steps in gradient evaluations, the score chosen, the
    /// sensitivity view's rates, eight starts around the race's start.
    pub fn of(race: &RaceState) -> TuneRequest {
        let mut setup = TuneSetup::new(race.surface.clone(), race.start, race.total_steps as u64, race.tune_score);
        setup.range = race.sensitivity.range;
        TuneRequest { setup, runs: enabled_runs(race) }
    }

    /// The optimizers to tune.
    pub fn optimizers(&self) -> usize {
        self.runs.len()
    }

    /// The job's parts: one per optimizer and rate.
    pub fn parts(&self) -> usize {
        self.runs.len() * self.setup.range.points()
    }

    /// Tunes every run in turn; `None` when cancelled (checked before each rate).
    pub fn run(self, progress: &Progress) -> Option<Vec<TuneResult>> {
        let proceed = || progress.proceed();
        let tune = |(index, spec): &(usize, RunSpec)| {
            Some((*index, spec.optimizer.label().to_owned(), self.setup.tune(spec, &proceed)?))
        };
        self.runs.iter().map(tune).collect()
    }
}

/// A sweep of every enabled run over the sensitivity view's rates.
#[derive(Debug)]
pub struct SweepRequest {
    setup: SweepSetup,
    range: LrRange,
    runs: Vec<(usize, RunSpec)>,
}

impl SweepRequest {
    /// The sweep of every enabled run of the race as it stands, from its
    /// start for its steps.
    pub fn of(race: &RaceState) -> SweepRequest {
        let setup =
            SweepSetup { surface: race.surface.clone(), start: race.start, noise: None, steps: race.total_steps };
        SweepRequest { setup, range: race.sensitivity.range, runs: enabled_runs(race) }
    }

    /// The job's parts: one per optimizer and rate.
    pub fn parts(&self) -> usize {
        self.runs.len() * self.range.points()
    }

    /// Sweeps every run in turn; `None` when cancelled (checked before each rate).
    pub fn run(self, progress: &Progress) -> Option<Vec<SweepResult>> {
        let proceed = || progress.proceed();
        let sweep = |(index, spec): &(usize, RunSpec)| {
            Some((*index, spec.optimizer.label().to_owned(), self.setup.sweep(spec, &self.range, &proceed)?))
        };
        self.runs.iter().map(sweep).collect()
    }
}
