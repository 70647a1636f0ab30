//! The lockstep engine shared by races and trainings, after argmin's split
//! of executor and solver: a [`Task`] says what one tick of a run is (a step
//! on a surface, an epoch of a network), and [`Lockstep`] owns the runs,
//! the clock, and the bookkeeping of which run diverged when. Each run hands
//! what a tick leaves to its record, an [`Observer`], so the trajectory a
//! race keeps, a training's history, or a record that keeps only a summary
//! are all fed by the same loop.

use std::fmt;

use rayon::iter::{IntoParallelRefMutIterator, ParallelIterator};

use crate::optim::schedule::Schedule;
use crate::optim::{OptimizerConfig, StepFailure};

/// One run's optimizer and learning-rate schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSpec {
    /// The optimizer with its hyperparameters and label.
    pub optimizer: OptimizerConfig,
    /// The schedule applied to its learning rate.
    pub schedule: Schedule,
}

/// What the engine advances: the shared problem of several runs.
pub trait Task: Sync {
    /// One run's live state: its optimizer, position or weights, buffers.
    type State: Send + fmt::Debug;
    /// What one tick leaves for the record; it may borrow from the state
    /// or the task for as long as the record takes to read it.
    type Sample<'a>
    where
        Self: 'a;
    /// What one tick is called in messages: "step" or "epoch".
    const TICK: &'static str;
    /// Whether several runs are worth advancing on all cores at once.
    const PARALLEL: bool;

    /// A run of `spec` at its start, with the start's sample, or why the
    /// start itself cannot be recorded.
    fn start(&self, spec: &RunSpec) -> (Self::State, Result<Self::Sample<'_>, Divergence>);

    /// Advances `state` by one tick, `ticks` ticks having been taken, and
    /// hands its sample to `record`; fails (recording nothing) when the run
    /// cannot go on. (Handing the sample on, rather than returning it, lets
    /// a race step write its record in place: a few nanoseconds a step.)
    fn tick<R: for<'a> Observer<Self::Sample<'a>>>(
        &self,
        spec: &RunSpec,
        state: &mut Self::State,
        ticks: usize,
        record: &mut R,
    ) -> Result<(), Divergence>;
}

/// Receives a run's samples, one per tick, starting with its start.
pub trait Observer<S>: Default + Send {
    /// Takes the sample of the tick just taken.
    fn observe(&mut self, sample: S);
}

/// Why a run stopped before its last tick.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Divergence {
    /// The new position, a parameter or the loss was NaN or infinite.
    NotFinite,
    /// The optimizer could not take the step.
    Failed(StepFailure),
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Divergence::NotFinite => f.write_str("the position or loss is no longer finite"),
            Divergence::Failed(failure) => failure.fmt(f),
        }
    }
}

/// One run: its spec, live state and record.
#[derive(Debug)]
pub struct Lane<T: Task, R> {
    spec: RunSpec,
    state: T::State,
    record: R,
    ticks: usize,
    diverged: Option<(usize, Divergence)>,
}

impl<T: Task, R: for<'a> Observer<T::Sample<'a>>> Lane<T, R> {
    fn new(task: &T, spec: RunSpec) -> Lane<T, R> {
        let (state, start) = task.start(&spec);
        let mut record = R::default();
        let diverged = match start {
            Ok(sample) => {
                record.observe(sample);
                None
            }
            Err(cause) => Some((0, cause)),
        };
        Lane { spec, state, record, ticks: 0, diverged }
    }

    /// Takes up to `ticks` ticks, stopping at a divergence.
    fn advance(&mut self, task: &T, ticks: usize) {
        if self.diverged.is_some() {
            return;
        }
        for _ in 0..ticks {
            match task.tick(&self.spec, &mut self.state, self.ticks, &mut self.record) {
                Ok(()) => self.ticks += 1,
                Err(cause) => {
                    self.diverged = Some((self.ticks + 1, cause));
                    return;
                }
            }
        }
    }
}

impl<T: Task, R> Lane<T, R> {
    /// The optimizer and schedule of this run.
    pub fn spec(&self) -> &RunSpec {
        &self.spec
    }

    /// The run's live state.
    pub fn state(&self) -> &T::State {
        &self.state
    }

    /// What the run has recorded.
    pub fn record(&self) -> &R {
        &self.record
    }

    /// The record, to make room in it ahead of time.
    pub(crate) fn record_mut(&mut self) -> &mut R {
        &mut self.record
    }

    /// The tick at which the run diverged (the first one not taken; 0 when
    /// its start could not be recorded), and why.
    pub fn diverged(&self) -> Option<(usize, Divergence)> {
        self.diverged
    }

    /// "diverged at step 12" (or epoch), when the run has diverged.
    pub fn divergence_note(&self) -> Option<String> {
        self.diverged.map(|(at, _)| format!("diverged at {} {at}", T::TICK))
    }
}

/// Several runs of one task, advanced together.
#[derive(Debug)]
pub struct Lockstep<T: Task, R> {
    task: T,
    lanes: Vec<Lane<T, R>>,
    clock: usize,
    epoch: u64,
}

/// A number no other start of runs has had in this process (see
/// [`Lockstep::epoch`]).
fn next_epoch() -> u64 {
    static EPOCHS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    EPOCHS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl<T: Task, R: for<'a> Observer<T::Sample<'a>>> Lockstep<T, R> {
    /// One run per spec, each at its start with its start recorded.
    pub fn with_task(task: T, specs: Vec<RunSpec>) -> Lockstep<T, R> {
        let lanes = specs.into_iter().map(|spec| Lane::new(&task, spec)).collect();
        Lockstep { task, lanes, clock: 0, epoch: next_epoch() }
    }

    /// Every run still going takes `ticks` more ticks. Runs share nothing
    /// but the task, so where the task says it pays, several advance on all
    /// cores at once, each with the results it would have alone.
    pub fn advance(&mut self, ticks: usize) {
        let task = &self.task;
        let advance = |lane: &mut Lane<T, R>| lane.advance(task, ticks);
        if T::PARALLEL && self.lanes.len() > 1 {
            self.lanes.par_iter_mut().for_each(advance);
        } else {
            self.lanes.iter_mut().for_each(advance);
        }
        self.clock += ticks;
    }

    /// Advances until the clock reads `total` ticks (no-op if already there).
    pub fn advance_to(&mut self, total: usize) {
        self.advance(total.saturating_sub(self.clock));
    }

    /// Back to the start: every run forgets its state and record.
    pub fn reset(&mut self) {
        let task = &self.task;
        self.lanes = self.lanes.drain(..).map(|lane| Lane::new(task, lane.spec)).collect();
        self.clock = 0;
        self.epoch = next_epoch();
    }
}

impl<T: Task, R> Lockstep<T, R> {
    /// What the runs share.
    pub fn task(&self) -> &T {
        &self.task
    }

    /// The runs, in the order they were given.
    pub fn runs(&self) -> &[Lane<T, R>] {
        &self.lanes
    }

    /// The runs, to make room in their records.
    pub(crate) fn runs_mut(&mut self) -> &mut [Lane<T, R>] {
        &mut self.lanes
    }

    /// Ticks taken by the runs still going (the lockstep clock).
    pub fn clock(&self) -> usize {
        self.clock
    }

    /// Which start of the runs this is: a number no other engine or reset
    /// has had in this process. Runs only ever restart with a new epoch or
    /// advance the clock, so (epoch, clock) names what they hold, and a view
    /// may keep what it computed from them while the pair is unchanged.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Whether every run has diverged.
    pub fn all_diverged(&self) -> bool {
        self.lanes.iter().all(|lane| lane.diverged.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts up by the learning rate; "diverges" once past a limit.
    struct Counter {
        limit: f64,
    }

    impl Task for Counter {
        type State = f64;
        type Sample<'a> = f64;
        const TICK: &'static str = "tick";
        const PARALLEL: bool = true;

        fn start(&self, spec: &RunSpec) -> (f64, Result<f64, Divergence>) {
            let start = if spec.optimizer.lr() > self.limit { Err(Divergence::NotFinite) } else { Ok(0.0) };
            (0.0, start)
        }

        fn tick<R: Observer<f64>>(
            &self,
            spec: &RunSpec,
            state: &mut f64,
            _: usize,
            record: &mut R,
        ) -> Result<(), Divergence> {
            *state += spec.optimizer.lr();
            if *state > self.limit {
                return Err(Divergence::NotFinite);
            }
            record.observe(*state);
            Ok(())
        }
    }

    impl Observer<f64> for Vec<f64> {
        fn observe(&mut self, sample: f64) {
            self.push(sample);
        }
    }

    fn spec(lr: f64) -> RunSpec {
        RunSpec { optimizer: format!("sgd:lr={lr}").parse().unwrap(), schedule: Schedule::Constant }
    }

    #[test]
    fn runs_tick_together_until_each_diverges() {
        let mut engine: Lockstep<Counter, Vec<f64>> =
            Lockstep::with_task(Counter { limit: 3.5 }, vec![spec(1.0), spec(0.5), spec(9.0)]);
        assert_eq!(engine.runs()[2].diverged(), Some((0, Divergence::NotFinite)));
        assert!(engine.runs()[2].record().is_empty());
        engine.advance(2);
        engine.advance_to(5);
        assert_eq!(engine.clock(), 5);
        let [fast, slow, _] = engine.runs() else { panic!("three runs") };
        assert_eq!(fast.record(), &[0.0, 1.0, 2.0, 3.0]);
        assert_eq!(fast.diverged(), Some((4, Divergence::NotFinite)));
        assert_eq!(fast.divergence_note().as_deref(), Some("diverged at tick 4"));
        assert_eq!(slow.record(), &[0.0, 0.5, 1.0, 1.5, 2.0, 2.5]);
        assert_eq!(slow.diverged(), None);
        assert!(!engine.all_diverged());
        engine.advance(10);
        assert!(engine.all_diverged());
        let epoch = engine.epoch();
        engine.reset();
        assert_ne!(engine.epoch(), epoch, "a reset is a new epoch");
        assert_eq!((engine.clock(), engine.runs()[0].record().len()), (0, 1));
        assert_eq!(engine.runs()[0].diverged(), None);
    }
}
