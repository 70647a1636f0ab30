//! Races: several optimizer runs stepping in lockstep from one start on one
//! surface, on the shared [`Lockstep`] engine. Each run keeps its
//! trajectory (points, losses, learning rates, gradient norms); divergence
//! ends a run cleanly. A race advances incrementally, so the app can take a
//! few hundred steps per frame.

use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

use super::lockstep::{Divergence, Lane, Lockstep, Observer, RunSpec, Task};
use crate::optim::{Optimizer, Oracle};
use crate::surface::{InlineGradient, Surface};
use crate::util::memory::{self, MemoryError};

/// Gaussian noise N(0, σ²) added to every gradient component, from a seeded
/// generator, so a noisy race is reproducible.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradientNoise {
    /// Standard deviation σ ≥ 0.
    pub sigma: f64,
    /// Generator seed; every run draws from its own generator with this seed.
    pub seed: u64,
}

/// What a run has recorded: point k is the position after k steps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trajectory {
    /// Positions, starting with the start point.
    pub points: Vec<[f64; 2]>,
    /// f at each point.
    pub losses: Vec<f64>,
    /// `lrs[k-1]` is the learning rate of step k (one fewer than points).
    pub lrs: Vec<f64>,
    /// ‖∇f‖ at each point (exact gradient, without noise).
    pub gradient_norms: Vec<f64>,
}

impl Trajectory {
    /// Memory a recorded step takes: its point, loss, learning rate and
    /// gradient norm.
    pub const BYTES_PER_STEP: u64 = 40;

    /// Makes room for `points` points in all, or fails without aborting.
    fn try_reserve(&mut self, points: usize) -> Result<(), std::collections::TryReserveError> {
        let more = points.saturating_sub(self.points.len());
        self.points.try_reserve_exact(more)?;
        self.losses.try_reserve_exact(more)?;
        self.lrs.try_reserve_exact(more)?;
        self.gradient_norms.try_reserve_exact(more)
    }

    /// Steps taken so far.
    pub fn steps(&self) -> usize {
        self.points.len().saturating_sub(1)
    }

    /// The first step whose point has a gradient norm below `tolerance`.
    pub fn converged_at(&self, tolerance: f64) -> Option<usize> {
        self.gradient_norms.iter().position(|n| *n < tolerance)
    }

    /// Where the run stands against `tolerance`: when it first came within
    /// it, and whether its latest point still is (Adam, say, can rattle
    /// out again around a minimum).
    pub fn convergence(&self, tolerance: f64) -> Option<Convergence> {
        let first = self.converged_at(tolerance)?;
        let inside = self.gradient_norms.last().is_some_and(|n| *n < tolerance);
        Some(Convergence { first, inside })
    }
}

/// A run that has come within a gradient-norm tolerance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Convergence {
    /// The first step within the tolerance.
    pub first: usize,
    /// Whether the latest point is within it too.
    pub inside: bool,
}

/// A race: runs on one surface from one start, with optional gradient
/// noise; one tick is one optimizer step.
#[derive(Debug)]
pub struct Race {
    surface: Arc<dyn Surface>,
    start: [f64; 2],
    noise: Option<GradientNoise>,
}

/// One race run's live state.
#[derive(Debug)]
pub struct Racer {
    base_lr: f64,
    optimizer: Box<dyn Optimizer>,
    point: [f64; 2],
    noise: Option<(ChaCha8Rng, f64)>,
    gradient_evaluations: u64,
}

/// What a race step leaves: the new point, its loss and gradient norm, and
/// the learning rate of the step (none for the start).
#[derive(Clone, Copy, Debug)]
pub struct RacePoint {
    point: [f64; 2],
    loss: f64,
    lr: Option<f64>,
    gradient_norm: f64,
}

impl RacePoint {
    #[inline]
    fn new(surface: &dyn Surface, point: [f64; 2], loss: f64, lr: Option<f64>) -> RacePoint {
        let [gx, gy] = surface.gradient(point);
        RacePoint { point, loss, lr, gradient_norm: gx.hypot(gy) }
    }
}

impl Task for Race {
    type State = Racer;
    type Sample = RacePoint;
    const TICK: &'static str = "step";
    const PARALLEL: bool = false;

    fn start(&self, spec: &RunSpec) -> (Racer, Result<RacePoint, Divergence>) {
        let surface = self.surface.as_ref();
        let racer = Racer {
            base_lr: spec.optimizer.lr(),
            optimizer: spec.optimizer.build(2),
            point: self.start,
            noise: self.noise.map(|n| (ChaCha8Rng::seed_from_u64(n.seed), n.sigma)),
            gradient_evaluations: 0,
        };
        (racer, Ok(RacePoint::new(surface, self.start, surface.value(self.start), None)))
    }

    #[inline]
    fn tick<R: Observer<RacePoint>>(
        &self,
        spec: &RunSpec,
        racer: &mut Racer,
        ticks: usize,
        record: &mut R,
    ) -> Result<(), Divergence> {
        let surface = self.surface.as_ref();
        let lr = racer.base_lr * spec.schedule.factor(ticks as u64);
        let mut point = racer.point;
        let mut oracle = SurfaceOracle::with_noise(surface, racer.noise.as_mut(), &mut racer.gradient_evaluations);
        racer.optimizer.step(&mut point, lr, &mut oracle).map_err(Divergence::Failed)?;
        let loss = surface.value(point);
        if !(point[0].is_finite() && point[1].is_finite() && loss.is_finite()) {
            return Err(Divergence::NotFinite);
        }
        racer.point = point;
        record.observe(RacePoint::new(surface, point, loss, Some(lr)));
        Ok(())
    }
}

impl Observer<RacePoint> for Trajectory {
    #[inline]
    fn observe(&mut self, sample: RacePoint) {
        if let Some(lr) = sample.lr {
            self.lrs.push(lr);
        }
        self.points.push(sample.point);
        self.losses.push(sample.loss);
        self.gradient_norms.push(sample.gradient_norm);
    }
}

/// One optimizer's run in a race: its spec, live state and trajectory.
pub type Run = Lane<Race, Trajectory>;

impl Run {
    /// What the run has recorded.
    pub fn trajectory(&self) -> &Trajectory {
        self.record()
    }

    /// How many gradients the optimizer asked for.
    pub fn gradient_evaluations(&self) -> u64 {
        self.state().gradient_evaluations
    }
}

/// A surface as an [`Oracle`] for 2-vectors, adding seeded noise and
/// counting gradient evaluations. Its gradient is an [`InlineGradient`]: one
/// virtual call (the oracle's) instead of two, and no 16-byte value passed
/// through memory, took a third off a 2-D Adam step.
pub struct SurfaceOracle<'a> {
    surface: &'a dyn Surface,
    gradient: InlineGradient<'a>,
    noise: Option<&'a mut (ChaCha8Rng, f64)>,
    evaluations: &'a mut u64,
}

impl<'a> SurfaceOracle<'a> {
    /// The exact, noiseless oracle of `surface`, counting into `evaluations`.
    pub fn new(surface: &'a dyn Surface, evaluations: &'a mut u64) -> SurfaceOracle<'a> {
        SurfaceOracle::with_noise(surface, None, evaluations)
    }

    /// The oracle of `surface`, adding `noise` (its generator and σ) when given.
    #[inline]
    fn with_noise(
        surface: &'a dyn Surface,
        noise: Option<&'a mut (ChaCha8Rng, f64)>,
        evaluations: &'a mut u64,
    ) -> SurfaceOracle<'a> {
        SurfaceOracle { surface, gradient: surface.inline_gradient(), noise, evaluations }
    }
}

impl Oracle for SurfaceOracle<'_> {
    #[inline(always)]
    fn gradient(&mut self, point: &[f64], gradient: &mut [f64]) {
        *self.evaluations += 1;
        let [gx, gy] = self.gradient.at([point[0], point[1]]);
        let [g0, g1] = gradient else { panic!("a surface point has two coordinates") };
        (*g0, *g1) = (gx, gy);
        if let Some((rng, sigma)) = self.noise.as_deref_mut() {
            for component in gradient.iter_mut() {
                let z: f64 = rng.sample(StandardNormal);
                *component += *sigma * z;
            }
        }
    }

    fn hessian(&mut self, point: &[f64], hessian: &mut [f64]) -> bool {
        let [[a, b], [c, d]] = self.surface.hessian([point[0], point[1]]);
        hessian.copy_from_slice(&[a, b, c, d]);
        true
    }
}

/// The most runs one race or training may hold: more could not be told
/// apart in a figure, and each costs memory.
pub const MAX_RUNS: usize = 256;

/// Several runs on one surface from one start, advanced together.
pub type Simulation = Lockstep<Race, Trajectory>;

impl Simulation {
    /// A simulation of `specs` on `surface`, all starting at `start`.
    pub fn new(
        surface: Arc<dyn Surface>,
        start: [f64; 2],
        specs: Vec<RunSpec>,
        noise: Option<GradientNoise>,
    ) -> Simulation {
        Lockstep::with_task(Race { surface, start, noise }, specs)
    }

    /// The surface being descended.
    pub fn surface(&self) -> &dyn Surface {
        self.task().surface.as_ref()
    }

    /// The shared start point.
    pub fn start(&self) -> [f64; 2] {
        self.task().start
    }

    /// Steps taken by the runs still going (the lockstep clock).
    pub fn steps(&self) -> usize {
        self.clock()
    }

    /// Checks that every run can record `total` steps within the memory
    /// budget (see [`memory::check`]) and reserves the room, so that
    /// advancing to `total` allocates no more; an error, never an abort,
    /// when the memory is not there.
    pub fn reserve(&mut self, total: usize) -> Result<(), MemoryError> {
        let runs = self.runs().len();
        check_memory(runs, total)?;
        for run in self.runs_mut() {
            run.record_mut().try_reserve(total.saturating_add(1)).map_err(|_| MemoryError {
                what: race_description(runs, total),
                asked: race_bytes(runs, total),
                limit: memory::budget(),
            })?;
        }
        Ok(())
    }
}

/// Checks that `runs` runs recording `steps` steps each fit in memory (see
/// [`memory::check`]).
pub fn check_memory(runs: usize, steps: usize) -> Result<(), MemoryError> {
    memory::check(race_bytes(runs, steps), || race_description(runs, steps))
}

/// The memory `runs` trajectories of `steps` steps take.
fn race_bytes(runs: usize, steps: usize) -> u64 {
    memory::times(runs, memory::times(steps.saturating_add(1), Trajectory::BYTES_PER_STEP))
}

/// A race's size as an error message names it.
fn race_description(runs: usize, steps: usize) -> String {
    format!("{runs} run(s) of {steps} steps")
}

/// Distance from `point` to the nearest of `minima` (None when there are none).
pub fn distance_to_nearest(point: [f64; 2], minima: &[[f64; 2]]) -> Option<f64> {
    minima.iter().map(|m| (point[0] - m[0]).hypot(point[1] - m[1])).min_by(f64::total_cmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_that_leaves_the_tolerance_again_says_so() {
        let trajectory = |norms: &[f64]| Trajectory { gradient_norms: norms.to_vec(), ..Trajectory::default() };
        let rattling = trajectory(&[1.0, 1e-9, 1e-3]);
        assert_eq!(rattling.convergence(1e-6), Some(Convergence { first: 1, inside: false }));
        let settled = trajectory(&[1.0, 1e-9, 1e-3, 1e-8]);
        assert_eq!(settled.convergence(1e-6), Some(Convergence { first: 1, inside: true }));
        assert_eq!(trajectory(&[1.0, 0.5]).convergence(1e-6), None);
    }
}
