//! Learning-rate sweeps: the data behind the classic "loss against learning
//! rate" figure. One optimizer runs from one start at every rate of an
//! [`LrRange`] for the same steps; each rate gives a row of its final loss,
//! its lowest loss and where it diverged, exactly what a race (and `optiviz
//! trace`) of that rate gives. Runs keep only a [`LossSummary`], and the
//! rates run on every core, rows in the grid's order whatever finished first.

use std::sync::Arc;

use rayon::iter::{IntoParallelRefIterator, ParallelIterator};

use super::lockstep::RunSpec;
use super::race::GradientNoise;
use super::rates::LrRange;
use super::summary::summary_race;
use crate::optim::LearningRate;
use crate::surface::Surface;

/// What one learning rate of a sweep gave (in JSON, its fields by name).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct SweepRow {
    /// The learning rate.
    pub lr: f64,
    /// The loss after the last step; `None` when the run diverged.
    pub final_loss: Option<f64>,
    /// The lowest loss of the run, its start included (before the
    /// divergence, if it diverged).
    pub best_loss: f64,
    /// The step at which the run diverged (the first one not taken).
    pub diverged_at: Option<usize>,
}

/// The runs a sweep makes: one optimizer from one start on one surface.
#[derive(Clone, Debug)]
pub struct SweepSetup {
    /// The surface descended.
    pub surface: Arc<dyn Surface>,
    /// The start of every run.
    pub start: [f64; 2],
    /// Gradient noise, when the runs have it.
    pub noise: Option<GradientNoise>,
    /// Steps of each run.
    pub steps: usize,
}

impl SweepSetup {
    /// The row of `spec` run at `lr` (its other settings as they are).
    pub fn row(&self, spec: &RunSpec, lr: LearningRate) -> SweepRow {
        let mut spec = spec.clone();
        spec.optimizer.set_lr(lr);
        let lr = spec.optimizer.lr();
        let mut race = summary_race(self.surface.clone(), self.start, vec![spec], self.noise);
        race.advance_to(self.steps);
        let run = &race.runs()[0];
        let diverged_at = run.diverged().map(|(step, _)| step);
        let summary = run.record();
        SweepRow { lr, final_loss: diverged_at.is_none().then_some(summary.last), best_loss: summary.best, diverged_at }
    }

    /// Every rate of `range` for `spec`, in the grid's order, on all cores.
    /// `proceed` is asked before each rate (and told nothing else): when it
    /// says no, the sweep stops and returns `None`.
    pub fn sweep(&self, spec: &RunSpec, range: &LrRange, proceed: &(dyn Fn() -> bool + Sync)) -> Option<Vec<SweepRow>> {
        let rates = range.rates();
        rates
            .par_iter()
            .map(|&lr| {
                let lr = LearningRate::new(lr)?;
                proceed().then(|| self.row(spec, lr))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::race::Simulation;
    use crate::surface::SurfaceConfig;

    fn setup(surface: &str, start: [f64; 2], steps: usize, noise: Option<GradientNoise>) -> SweepSetup {
        let surface: Arc<dyn Surface> = Arc::from(surface.parse::<SurfaceConfig>().unwrap().build().unwrap());
        SweepSetup { surface, start, noise, steps }
    }

    fn spec(text: &str) -> RunSpec {
        RunSpec { optimizer: text.parse().unwrap(), schedule: crate::Schedule::Constant }
    }

    #[test]
    fn every_row_is_the_race_of_its_rate_bit_for_bit() {
        let noise = Some(GradientNoise { sigma: 0.3, seed: 5 });
        let setup = setup("rosenbrock", [-1.0, 1.0], 300, noise);
        let range = LrRange::new(1e-4, 3.0, 9).unwrap();
        for optimizer in ["sgd", "adam:beta1=0.8", "lbfgs", "sam"] {
            let rows = setup.sweep(&spec(optimizer), &range, &|| true).unwrap();
            assert_eq!(rows.len(), 9);
            assert!(rows.iter().any(|row| row.diverged_at.is_some()) || optimizer != "sgd", "sgd blows up at lr 3");
            for (row, lr) in rows.iter().zip(range.rates()) {
                let mut one = spec(optimizer);
                one.optimizer.set_lr(LearningRate::new(lr).unwrap());
                let mut sim = Simulation::new(setup.surface.clone(), setup.start, vec![one], noise);
                sim.advance_to(setup.steps);
                let run = &sim.runs()[0];
                let losses = &run.trajectory().losses;
                let diverged_at = run.diverged().map(|(step, _)| step);
                assert_eq!(row.lr.to_bits(), lr.to_bits());
                assert_eq!(row.diverged_at, diverged_at, "{optimizer} at {lr}");
                let last = losses.last().copied().filter(|_| diverged_at.is_none());
                assert_eq!(row.final_loss.map(f64::to_bits), last.map(f64::to_bits), "{optimizer} at {lr}");
                let best = losses.iter().copied().fold(f64::INFINITY, f64::min);
                assert_eq!(row.best_loss.to_bits(), best.to_bits(), "{optimizer} at {lr}");
            }
        }
    }

    #[test]
    fn a_sweep_told_to_stop_returns_nothing() {
        let setup = setup("bowl", [-4.0, 3.0], 50, None);
        let range = LrRange::new(1e-3, 1.0, 6).unwrap();
        assert!(setup.sweep(&spec("sgd"), &range, &|| false).is_none());
    }
}
