//! Races: several optimizer runs stepping in lockstep from one start on one
//! surface, on the shared [`Lockstep`] engine. Each run keeps its
//! trajectory (points, losses, learning rates, gradient norms); divergence
//! ends a run cleanly. A race advances incrementally, so the app can take a
//! few hundred steps per frame.

use std::sync::Arc;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

use super::batch::{BatchSampler, MiniBatch};
use super::lockstep::{Divergence, Lane, Lockstep, Observer, RunSpec, Task};
use super::streams;
use crate::optim::{CompanionKind, Optimizer, OptimizerConfig, Oracle, ScheduleUse};
use crate::surface::{DataFit, InlineGradient, Surface};
use crate::util::memory::{self, MemoryError};

/// Gaussian noise N(0, σ²) added to every gradient component, from a seeded
/// generator, so a noisy race is reproducible.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct GradientNoise {
    /// Standard deviation σ ≥ 0.
    pub sigma: f64,
    /// Generator seed: step k's noise is the seed's stream for step k
    /// (see [`streams::step_noise`]), alike in every run.
    pub seed: u64,
}

/// How a race's gradients are drawn: exact, with Gaussian noise, from
/// mini-batches of a data surface's rows, or both.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Sampling {
    /// Noise added to every gradient component.
    pub noise: Option<GradientNoise>,
    /// Mini-batches (only on a data surface; see [`MiniBatch::check`]).
    pub batch: Option<MiniBatch>,
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
    /// Gradient evaluations spent to reach each point (0 at the start; a
    /// Hessian counts as two).
    pub evaluations: Vec<u64>,
    /// What the optimizer keeps beside the point, for those that keep
    /// something worth showing.
    pub companion: Option<CompanionTrack>,
}

/// The points an optimizer kept beside its trajectory (see [`CompanionKind`]).
#[derive(Clone, Debug, PartialEq)]
pub struct CompanionTrack {
    /// What they are.
    pub kind: CompanionKind,
    /// How many points each step leaves.
    pub per_step: usize,
    /// For a kind that follows the point, `points[k]` belongs to point k;
    /// otherwise step k left `points[(k − 1)·per_step..k·per_step]`.
    pub points: Vec<[f64; 2]>,
}

impl CompanionTrack {
    /// The points that belong to step `k` (for a kind that follows the
    /// point, the one point of point k).
    pub fn at_step(&self, k: usize) -> &[[f64; 2]] {
        let range = if self.kind.follows_the_point() {
            k..k + 1
        } else {
            k.saturating_sub(1) * self.per_step..k * self.per_step
        };
        self.points.get(range).unwrap_or_default()
    }
}

impl Trajectory {
    /// Memory a recorded step takes: its point, loss, learning rate,
    /// gradient norm and evaluation count.
    pub const BYTES_PER_STEP: u64 = 48;

    /// Memory a recorded step takes with `companions` companion points a step.
    pub fn bytes_per_step(companions: usize) -> u64 {
        Self::BYTES_PER_STEP.saturating_add(16u64.saturating_mul(companions as u64))
    }

    /// Makes room for `points` points in all, or fails without aborting.
    fn try_reserve(&mut self, points: usize) -> Result<(), std::collections::TryReserveError> {
        let more = points.saturating_sub(self.points.len());
        self.points.try_reserve_exact(more)?;
        self.losses.try_reserve_exact(more)?;
        self.lrs.try_reserve_exact(more)?;
        self.gradient_norms.try_reserve_exact(more)?;
        self.evaluations.try_reserve_exact(more)?;
        if let Some(track) = &mut self.companion {
            let wanted = points.saturating_mul(track.per_step);
            track.points.try_reserve_exact(wanted.saturating_sub(track.points.len()))?;
        }
        Ok(())
    }

    /// Gradient evaluations spent in step `k` (1-based).
    pub fn evaluations_in_step(&self, k: usize) -> u64 {
        self.evaluations[k] - self.evaluations[k - 1]
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
/// noise or mini-batches; one tick is one optimizer step.
#[derive(Debug)]
pub struct Race {
    surface: Arc<dyn Surface>,
    start: [f64; 2],
    sampling: Sampling,
}

impl Race {
    /// Runs on `surface` from `start`, with gradients drawn as `sampling` says.
    pub fn new(surface: Arc<dyn Surface>, start: [f64; 2], sampling: Sampling) -> Race {
        Race { surface, start, sampling }
    }
}

/// One race run's live state.
#[derive(Debug)]
pub struct Racer {
    base_lr: f64,
    optimizer: Box<dyn Optimizer>,
    schedule_use: ScheduleUse,
    /// What the optimizer keeps beside the point, asked once at the start.
    companion: Option<(CompanionKind, usize)>,
    point: [f64; 2],
    /// How the run's gradients are drawn: its own batch size and noise, or
    /// the race's.
    sampling: Sampling,
    /// Where the step's batches come from, on a data surface with mini-batches.
    batches: Option<BatchSampler>,
    gradient_evaluations: u64,
}

/// What a race step leaves: the new point, its loss and gradient norm, the
/// learning rate of the step (none for the start), the evaluations spent so
/// far and the optimizer's companion points.
#[derive(Clone, Copy, Debug)]
pub struct RacePoint<'a> {
    point: [f64; 2],
    loss: f64,
    lr: Option<f64>,
    gradient_norm: f64,
    evaluations: u64,
    companion: Option<CompanionSample<'a>>,
}

/// An optimizer's companion points at a step: what they are, how many a
/// step leaves, and their coordinates (two numbers each).
#[derive(Clone, Copy, Debug)]
struct CompanionSample<'a> {
    kind: CompanionKind,
    per_step: usize,
    coordinates: &'a [f64],
}

impl RacePoint<'_> {
    /// f at the point.
    #[inline]
    pub fn loss(&self) -> f64 {
        self.loss
    }

    /// The learning rate of the step that reached the point (none for the start).
    #[inline]
    pub fn lr(&self) -> Option<f64> {
        self.lr
    }

    /// Gradient evaluations spent to reach the point.
    #[inline]
    pub fn evaluations(&self) -> u64 {
        self.evaluations
    }

    #[inline]
    fn new(surface: &dyn Surface, point: [f64; 2], loss: f64, lr: Option<f64>) -> RacePoint<'static> {
        let [gx, gy] = surface.gradient(point);
        RacePoint { point, loss, lr, gradient_norm: gx.hypot(gy), evaluations: 0, companion: None }
    }
}

impl Race {
    /// The gradient noise of run `spec`: its own σ if it has one, else the
    /// race's; the race's seed either way.
    fn noise(&self, spec: &RunSpec) -> Option<GradientNoise> {
        let seed = self.sampling.noise.map_or(0, |noise| noise.seed);
        let sigma = spec.optimizer.noise().or(self.sampling.noise.map(|noise| noise.sigma))?;
        Some(GradientNoise { sigma, seed })
    }

    /// The mini-batches of run `spec`: its own size if it has one, else the
    /// race's; the race's seed either way.
    fn batches(&self, spec: &RunSpec) -> Option<MiniBatch> {
        let seed = self.sampling.batch.map_or(0, |batch| batch.seed);
        let size = spec.optimizer.batch().or(self.sampling.batch.map(|batch| batch.size))?;
        Some(MiniBatch { size, seed })
    }
}

impl Task for Race {
    type State = Racer;
    type Sample<'a> = RacePoint<'a>;
    const TICK: &'static str = "step";
    const PARALLEL: bool = false;

    fn start(&self, spec: &RunSpec) -> (Racer, Result<RacePoint<'_>, Divergence>) {
        let surface = self.surface.as_ref();
        let optimizer = spec.optimizer.build(2);
        let sampling = Sampling { noise: self.noise(spec), batch: self.batches(spec) };
        let racer = Racer {
            base_lr: spec.optimizer.lr(),
            schedule_use: optimizer.schedule_use(),
            companion: optimizer.companion_kind(),
            optimizer,
            point: self.start,
            sampling,
            batches: sampling.batch.zip(surface.data()).map(|(batch, data)| BatchSampler::new(batch, data.rows())),
            gradient_evaluations: 0,
        };
        let mut start = RacePoint::new(surface, self.start, surface.value(self.start), None);
        start.companion = racer.companion.map(|(kind, per_step)| CompanionSample {
            kind,
            per_step,
            coordinates: if kind.follows_the_point() { &self.start } else { &[] },
        });
        (racer, Ok(start))
    }

    #[inline]
    fn tick<R: for<'a> Observer<RacePoint<'a>>>(
        &self,
        spec: &RunSpec,
        racer: &mut Racer,
        ticks: usize,
        record: &mut R,
    ) -> Result<(), Divergence> {
        let surface = self.surface.as_ref();
        let lr = racer.schedule_use.rate(racer.base_lr, &spec.schedule, ticks as u64, racer.optimizer.as_mut());
        let mut point = racer.point;
        let optimizer = &mut racer.optimizer;
        let sources = StepSources::of_step(racer.sampling, racer.batches.as_mut(), ticks as u64);
        with_step_oracle(surface, sources, &mut racer.gradient_evaluations, |oracle| {
            optimizer.step(&mut point, lr, oracle)
        })
        .map_err(Divergence::Failed)?;
        let loss = surface.value(point);
        if !(point[0].is_finite() && point[1].is_finite() && loss.is_finite()) {
            return Err(Divergence::NotFinite);
        }
        racer.point = point;
        let mut sample = RacePoint::new(surface, point, loss, Some(lr));
        sample.evaluations = racer.gradient_evaluations;
        if let Some((kind, per_step)) = racer.companion {
            sample.companion = Some(CompanionSample { kind, per_step, coordinates: racer.optimizer.companion() });
        }
        record.observe(sample);
        Ok(())
    }
}

impl Observer<RacePoint<'_>> for Trajectory {
    #[inline]
    fn observe(&mut self, sample: RacePoint<'_>) {
        if let Some(lr) = sample.lr {
            self.lrs.push(lr);
        }
        self.points.push(sample.point);
        self.losses.push(sample.loss);
        self.gradient_norms.push(sample.gradient_norm);
        self.evaluations.push(sample.evaluations);
        if let Some(companion) = sample.companion {
            let track = self.companion.get_or_insert_with(|| CompanionTrack {
                kind: companion.kind,
                per_step: companion.per_step,
                points: Vec::new(),
            });
            let points = companion.coordinates.chunks_exact(2).map(|c| [c[0], c[1]]);
            track.points.extend(points);
        }
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

    /// Memory each recorded step of this run takes.
    pub fn bytes_per_step(&self) -> u64 {
        Trajectory::bytes_per_step(companions_per_step(self.state().optimizer.as_ref()))
    }

    /// Whether a step may spend other than one gradient evaluation.
    pub fn counts_evaluations(&self) -> bool {
        self.state().optimizer.counts_evaluations()
    }

    /// How the run's gradients are drawn: its own batch size and noise, or
    /// the race's.
    pub fn sampling(&self) -> Sampling {
        self.state().sampling
    }

    /// The gradient that step `step` (counting from 0) draws first at
    /// `point`: the mean over that step's batch of rows plus that step's
    /// noise, the very one the run drew or will draw there; the exact
    /// gradient when the run's gradients are exact.
    pub fn sampled_gradient_at(&self, surface: &dyn Surface, step: usize, point: [f64; 2]) -> [f64; 2] {
        let racer = self.state();
        let mut batches = racer.batches.clone();
        let sources = StepSources::of_step(racer.sampling, batches.as_mut(), step as u64);
        let mut gradient = [0.0; 2];
        with_step_oracle(surface, sources, &mut 0, |oracle| oracle.gradient(&point, &mut gradient));
        gradient
    }
}

/// `count` gradients a step at `point` could draw under `sampling`: the
/// means over random batches of rows (on a data surface with mini-batches)
/// plus noise, from a generator seeded with `seed`, so that a paused race's
/// picture holds still.
pub fn gradient_cloud(
    surface: &dyn Surface,
    sampling: Sampling,
    point: [f64; 2],
    count: usize,
    seed: u64,
) -> Vec<[f64; 2]> {
    let mut rows_rng = ChaCha8Rng::seed_from_u64(seed);
    let mut noise = sampling.noise.map(|n| (ChaCha8Rng::seed_from_u64(seed ^ 0x9e37_79b9), n.sigma));
    let batched = sampling.batch.zip(surface.data());
    let mut rows: Vec<u32> = Vec::new();
    (0..count)
        .map(|_| {
            let mut gradient = match batched {
                Some((batch, data)) => {
                    let total = data.rows();
                    let drawn = rand::seq::index::sample(&mut rows_rng, total, batch.size.clamp(1, total));
                    rows.clear();
                    rows.extend(drawn.iter().map(|i| u32::try_from(i).unwrap_or(u32::MAX)));
                    rows.sort_unstable();
                    data.batch_gradient(point, &rows)
                }
                None => surface.gradient(point),
            };
            add_noise(&mut gradient, noise.as_mut());
            gradient
        })
        .collect()
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
        add_noise(gradient, self.noise.as_deref_mut());
    }

    fn value(&mut self, point: &[f64]) -> f64 {
        self.surface.value([point[0], point[1]])
    }

    /// Counts as two evaluations: one gradient per coordinate, as finite
    /// differences of the gradient would spend.
    fn hessian(&mut self, point: &[f64], hessian: &mut [f64]) -> bool {
        *self.evaluations += 2;
        let [[a, b], [c, d]] = self.surface.hessian([point[0], point[1]]);
        hessian.copy_from_slice(&[a, b, c, d]);
        true
    }
}

/// What one step's gradients come from: its batch of rows (on a data
/// surface with mini-batches) and its noise generator with σ.
struct StepSources<'a> {
    batch: Option<&'a [u32]>,
    noise: Option<(ChaCha8Rng, f64)>,
}

impl<'a> StepSources<'a> {
    /// Step `step`'s sources under `sampling`, its batch from `batches`.
    #[inline]
    fn of_step(sampling: Sampling, batches: Option<&'a mut BatchSampler>, step: u64) -> StepSources<'a> {
        StepSources {
            batch: batches.map(|batches| batches.batch(step)),
            noise: sampling.noise.map(|n| (streams::step_noise(n.seed, step), n.sigma)),
        }
    }
}

/// Calls `use_oracle` with the oracle a step asks: the step's batch of rows
/// when there are batches, else the surface itself, each adding the step's
/// noise and counting into `evaluations`.
#[inline]
fn with_step_oracle<T>(
    surface: &dyn Surface,
    StepSources { batch, mut noise }: StepSources<'_>,
    evaluations: &mut u64,
    use_oracle: impl FnOnce(&mut dyn Oracle) -> T,
) -> T {
    let noise = noise.as_mut();
    // Asks the surface for its data only when the run draws batches.
    match batch.and_then(|rows| Some((rows, surface.data()?))) {
        Some((rows, data)) => use_oracle(&mut BatchOracle { data, rows, noise, evaluations }),
        None => use_oracle(&mut SurfaceOracle::with_noise(surface, noise, evaluations)),
    }
}

/// Adds N(0, σ²) from `noise` (its generator and σ), when given, to every
/// component of `gradient`.
#[inline]
fn add_noise(gradient: &mut [f64], noise: Option<&mut (ChaCha8Rng, f64)>) {
    if let Some((rng, sigma)) = noise {
        for component in gradient.iter_mut() {
            let z: f64 = rng.sample(StandardNormal);
            *component += *sigma * z;
        }
    }
}

/// A data surface as an [`Oracle`] that sees one batch of its rows: the
/// step's gradient, value and Hessian are means over the batch, with
/// seeded noise added when given.
struct BatchOracle<'a> {
    data: &'a dyn DataFit,
    rows: &'a [u32],
    noise: Option<&'a mut (ChaCha8Rng, f64)>,
    evaluations: &'a mut u64,
}

impl Oracle for BatchOracle<'_> {
    fn gradient(&mut self, point: &[f64], gradient: &mut [f64]) {
        *self.evaluations += 1;
        gradient.copy_from_slice(&self.data.batch_gradient([point[0], point[1]], self.rows));
        add_noise(gradient, self.noise.as_deref_mut());
    }

    fn value(&mut self, point: &[f64]) -> f64 {
        self.data.batch_value([point[0], point[1]], self.rows)
    }

    /// Counts as two evaluations, as on any surface.
    fn hessian(&mut self, point: &[f64], hessian: &mut [f64]) -> bool {
        *self.evaluations += 2;
        let [[a, b], [c, d]] = self.data.batch_hessian([point[0], point[1]], self.rows);
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
    /// A simulation of `specs` on `surface`, all starting at `start`, with
    /// exact or noisy gradients.
    pub fn new(
        surface: Arc<dyn Surface>,
        start: [f64; 2],
        specs: Vec<RunSpec>,
        noise: Option<GradientNoise>,
    ) -> Simulation {
        Simulation::sampled(surface, start, specs, Sampling { noise, batch: None })
    }

    /// A simulation whose gradients are drawn as `sampling` says; a batch
    /// size outside the data's rows is kept within them (check it first
    /// with [`MiniBatch::check`]).
    pub fn sampled(surface: Arc<dyn Surface>, start: [f64; 2], specs: Vec<RunSpec>, sampling: Sampling) -> Simulation {
        Lockstep::with_task(Race::new(surface, start, sampling), specs)
    }

    /// How the gradients are drawn.
    pub fn sampling(&self) -> Sampling {
        self.task().sampling
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
        let companions: Vec<usize> =
            self.runs().iter().map(|run| companions_per_step(run.state().optimizer.as_ref())).collect();
        check_memory_of(&companions, total)?;
        for run in self.runs_mut() {
            run.record_mut().try_reserve(total.saturating_add(1)).map_err(|_| MemoryError {
                what: race_description(companions.len(), total),
                asked: race_bytes(&companions, total),
                limit: memory::budget(),
            })?;
        }
        Ok(())
    }
}

/// Companion points an optimizer records per step.
fn companions_per_step(optimizer: &dyn Optimizer) -> usize {
    optimizer.companion_kind().map_or(0, |(_, per_step)| per_step)
}

/// Checks that runs of `optimizers` recording `steps` steps each fit in
/// memory (see [`memory::check`]).
pub fn check_memory(optimizers: &[OptimizerConfig], steps: usize) -> Result<(), MemoryError> {
    let companions: Vec<usize> = optimizers.iter().map(|o| companions_per_step(o.build(2).as_ref())).collect();
    check_memory_of(&companions, steps)
}

/// [`check_memory`] of runs recording `companions[i]` companion points a step.
fn check_memory_of(companions: &[usize], steps: usize) -> Result<(), MemoryError> {
    memory::check(race_bytes(companions, steps), || race_description(companions.len(), steps))
}

/// The memory trajectories of `steps` steps take, one per entry of
/// `companions` (its companion points a step).
fn race_bytes(companions: &[usize], steps: usize) -> u64 {
    companions
        .iter()
        .fold(0u64, |sum, c| sum.saturating_add(memory::times(steps.saturating_add(1), Trajectory::bytes_per_step(*c))))
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
