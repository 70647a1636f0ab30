//! A race run's record that keeps only what a sweep or a tuning trial
//! scores: the latest loss, the lowest, and the work spent. It holds no
//! points, so a run of ten million steps takes a few bytes, and a sweep of
//! a thousand learning rates needs no more memory than one.

use std::sync::Arc;

use super::lockstep::{Lockstep, Observer, RunSpec};
use super::race::{GradientNoise, Race, RacePoint, Sampling};
use crate::surface::Surface;

/// The summary of a race run so far.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossSummary {
    /// f at the latest recorded point (infinite before the start is recorded).
    pub last: f64,
    /// The lowest f recorded, the start included.
    pub best: f64,
    /// Steps recorded after the start.
    pub steps: usize,
    /// Gradient evaluations spent to reach the latest point.
    pub evaluations: u64,
}

impl Default for LossSummary {
    fn default() -> LossSummary {
        LossSummary { last: f64::INFINITY, best: f64::INFINITY, steps: 0, evaluations: 0 }
    }
}

impl Observer<RacePoint<'_>> for LossSummary {
    #[inline]
    fn observe(&mut self, sample: RacePoint<'_>) {
        self.last = sample.loss();
        self.best = self.best.min(sample.loss());
        self.evaluations = sample.evaluations();
        if sample.lr().is_some() {
            self.steps += 1;
        }
    }
}

/// Race runs that keep only their [`LossSummary`].
pub type SummaryRace = Lockstep<Race, LossSummary>;

/// Runs of `specs` on `surface` from `start` that keep only their summary;
/// each takes the steps a [`crate::Simulation`] of the same specs takes.
pub fn summary_race(
    surface: Arc<dyn Surface>,
    start: [f64; 2],
    specs: Vec<RunSpec>,
    noise: Option<GradientNoise>,
) -> SummaryRace {
    Lockstep::with_task(Race::new(surface, start, Sampling { noise, batch: None }), specs)
}
