//! What the race page shows, as plain data: no egui types. Its panels read
//! it; only [`super::command::RaceCommand::apply`] changes it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use optiviz::engine::batch::MiniBatch;
use optiviz::engine::lockstep::RunSpec;
use optiviz::engine::race::{Sampling, Simulation, Trajectory};
use optiviz::engine::rates::{LrRange, DEFAULT_POINTS};
use optiviz::engine::sweep::SweepRow;
use optiviz::engine::tune::{Score, Tuned, DEFAULT_RATES};
use optiviz::plot::mesh3d::Camera;
use optiviz::scene::{Explanation, Layout, Scene};
use optiviz::surface::SurfaceConfig;
use optiviz::util::memory;
use optiviz::{Schedule, Surface, Window};

use super::timeline::{Seek, Timeline};
use crate::app::lineup::{Lineup, RunEntry};

/// The most time one frame spends replaying a restarted race; the rest of
/// the replay goes on in the frames after it, so a slider moved on a long
/// race keeps the window responsive.
const REPLAY_BUDGET: Duration = Duration::from_millis(8);
/// Steps every run takes between two looks at the clock while replaying.
const REPLAY_CHUNK: usize = 1024;

/// What the curves' x axis counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CurveAxis {
    /// Optimizer steps.
    Steps,
    /// Gradient evaluations spent (a Hessian counts as two): the work, so
    /// that an optimizer that spends several a step stretches out.
    Evaluations,
}

/// What one search found for one run: its place in the optimizer list, its
/// label when the search began, and the search's curve and chosen rate.
pub type TuneResult = (usize, String, Tuned);

/// What a sweep gave for one run: its place in the optimizer list, its label
/// when the sweep began, and one row per learning rate.
pub type SweepResult = (usize, String, Vec<SweepRow>);

/// The sensitivity view: the learning rates it sweeps (and the search
/// tries), as typed, and what the last sweep gave.
#[derive(Debug)]
pub struct Sensitivity {
    /// Whether its window is open.
    pub open: bool,
    /// The smallest rate as typed (kept while it is not a range).
    pub min_text: String,
    /// The largest rate as typed.
    pub max_text: String,
    /// Why the typed rates are not a range, shown beside the fields.
    pub error: Option<String>,
    /// The rates swept and searched: the last good range typed.
    pub range: LrRange,
    /// The last sweep: each swept run's place, label and rows.
    pub swept: Vec<SweepResult>,
    /// What the last sweep ran: "5000 steps on rosenbrock from (-1, 1)".
    pub swept_setup: String,
}

impl Sensitivity {
    /// Closed, no sweep yet, rates from 1e-5 to 10 in 25 points.
    pub fn new() -> Sensitivity {
        let (min, max) = DEFAULT_RATES;
        Sensitivity {
            open: false,
            min_text: format!("{min:e}"),
            max_text: max.to_string(),
            error: None,
            range: LrRange::new(min, max, DEFAULT_POINTS).unwrap_or_else(|e| unreachable!("{e}")),
            swept: Vec::new(),
            swept_setup: String::new(),
        }
    }

    /// Takes the typed bounds: the range changes only when both parse and
    /// make one; otherwise it stays and the error says why.
    pub fn set_bounds(&mut self, min_text: String, max_text: String) {
        let parse = |name: &str, text: &str| {
            text.trim().parse::<f64>().map_err(|_| format!("{name}: '{}' is not a number", text.trim()))
        };
        let range = parse("lr-min", &min_text).and_then(|min| {
            let max = parse("lr-max", &max_text)?;
            LrRange::new(min, max, self.range.points()).map_err(|e| e.to_string())
        });
        (self.min_text, self.max_text) = (min_text, max_text);
        match range {
            Ok(range) => (self.range, self.error) = (range, None),
            Err(error) => self.error = Some(error),
        }
    }

    /// Sets how many rates the range holds (2 to 1000; others are ignored).
    pub fn set_points(&mut self, points: usize) {
        if let Ok(range) = LrRange::new(self.range.min(), self.range.max(), points) {
            self.range = range;
        }
    }
}

/// The race page's state: optimizers racing on a loss surface.
#[derive(Debug)]
pub struct RaceState {
    /// The surface being descended.
    pub surface_config: SurfaceConfig,
    /// The built surface.
    pub surface: Arc<dyn Surface>,
    /// The formula field's text (kept while it does not parse).
    pub formula_text: String,
    /// Why the last surface asked for (a formula typed, a data file
    /// chosen) is not a surface; shown beside its field.
    pub surface_error: Option<String>,
    /// The shared start point.
    pub start: [f64; 2],
    /// The window the plot shows.
    pub view: Window,
    /// The optimizers racing.
    pub lineup: Lineup,
    /// Steps each run takes in all.
    pub total_steps: usize,
    /// Steps taken per frame while playing.
    pub steps_per_frame: usize,
    /// Whether the race is running.
    pub playing: bool,
    /// Layout of the race.
    pub layout: Layout,
    /// How the 3-D layout looks at the surface (kept across layouts).
    pub camera: Camera,
    /// Draw the gradient at each current point.
    pub show_gradient: bool,
    /// Draw the last step (velocity) at each current point.
    pub show_step: bool,
    /// Draw the points some optimizers keep beside their own (an average,
    /// slow weights, adversarial points).
    pub show_companions: bool,
    /// What the curves' x axis counts.
    pub curves_x: CurveAxis,
    /// How the gradients are drawn: exact, noisy, from mini-batches.
    pub sampling: Sampling,
    /// Draw, at the first run's point, the gradients a step could have
    /// drawn (mini-batches or noise) beside the exact one.
    pub show_cloud: bool,
    /// Gradient norm below which a run counts as converged.
    pub tolerance: f64,
    /// Title and explanation of the loaded preset or scene.
    pub explanation: Option<Explanation>,
    /// What the learning-rate search scores.
    pub tune_score: Score,
    /// The last learning-rate search: each tuned run's place, label and result.
    pub tuned: Vec<TuneResult>,
    /// The sensitivity view: its rates and the last sweep.
    pub sensitivity: Sensitivity,
    /// The simulation of the enabled runs, in order.
    pub sim: Simulation,
    /// Counts rebuilds and resets of the simulation, so caches of what it
    /// drew know when to start over.
    pub generation: u64,
    /// The step a restarted race replays to, over as many frames as it takes.
    replay_to: usize,
    /// The step the views show: the latest, or one held on the timeline.
    pub timeline: Timeline,
    /// Counts the times the view was set for the plot to show (a new
    /// surface, a scene, the 3-D layout), so the plot drops its own pan and
    /// zoom and shows `view`.
    pub framing: u64,
}

impl RaceState {
    /// Rosenbrock from (−1, 1) with SGD, momentum and Adam, as a first race.
    pub fn new() -> RaceState {
        let surface_config: SurfaceConfig = "rosenbrock".parse().unwrap_or_else(|e| unreachable!("{e}"));
        let specs = ["sgd:lr=0.001", "momentum:lr=0.001", "adam:lr=0.01"].iter().map(|text| RunSpec {
            optimizer: text.parse().unwrap_or_else(|e| unreachable!("{e}")),
            schedule: Schedule::Constant,
        });
        let lineup = Lineup::of(specs);
        let surface: Arc<dyn Surface> = Arc::from(surface_config.build().unwrap_or_else(|e| unreachable!("{e}")));
        let (start, view) = (surface.start(), surface.window());
        let sim = Simulation::new(surface.clone(), start, Vec::new(), None);
        let mut race = RaceState {
            formula_text: "x^2 + 3*sin(y)".to_owned(),
            surface_error: None,
            surface_config,
            surface,
            start,
            view,
            lineup,
            total_steps: 5000,
            steps_per_frame: 50,
            playing: false,
            layout: Layout::Overlay,
            camera: Camera::default(),
            show_gradient: false,
            show_step: false,
            show_companions: false,
            curves_x: CurveAxis::Steps,
            sampling: Sampling::default(),
            show_cloud: false,
            tolerance: 1e-6,
            explanation: None,
            tune_score: Score::default(),
            tuned: Vec::new(),
            sensitivity: Sensitivity::new(),
            sim,
            generation: 0,
            replay_to: 0,
            timeline: Timeline::default(),
            framing: 0,
        };
        // Three runs of 5000 steps always fit in memory: no note to show.
        race.restart(&mut None);
        race
    }

    /// Builds the simulation anew from the runs, then replays it to the step
    /// it had reached, so a slider shows its effect at once (the timeline
    /// stays at the step it holds).
    pub fn restart(&mut self, status: &mut Option<String>) {
        self.fit_total_steps(status);
        let reached = self.sim.steps().min(self.total_steps);
        self.timeline.limit(reached);
        self.sim = Simulation::sampled(self.surface.clone(), self.start, self.lineup.specs(), self.sampling);
        self.replay_to = reached;
        self.replay();
        self.generation += 1;
    }

    /// Whether any run's gradients are drawn (a batch of rows or noise, its
    /// own or the race's) rather than exact.
    pub fn is_stochastic(&self) -> bool {
        let mut runs = self.sim.runs().iter();
        self.sampling != Sampling::default() || runs.any(|run| run.sampling() != Sampling::default())
    }

    /// Keeps the mini-batches within the surface's rows, and drops them on
    /// a surface without data.
    pub fn fit_batch(&mut self) {
        let rows = self.surface.data().map(|data| data.rows());
        self.sampling.batch =
            self.sampling.batch.zip(rows).map(|(batch, rows)| MiniBatch { size: batch.size.clamp(1, rows), ..batch });
    }

    /// Shows `view` in the plot, whatever it was panned or zoomed to.
    pub fn frame(&mut self, view: Window) {
        self.view = view;
        self.framing += 1;
    }

    /// Whether a restarted race is still catching up with the step it had
    /// reached.
    pub fn replaying(&self) -> bool {
        self.sim.steps() < self.replay_to
    }

    /// Replays the restarted race towards the step it had reached, for at
    /// most [`REPLAY_BUDGET`].
    fn replay(&mut self) {
        let start = Instant::now();
        while self.replaying() && start.elapsed() < REPLAY_BUDGET {
            self.sim.advance_to((self.sim.steps() + REPLAY_CHUNK).min(self.replay_to));
        }
    }

    /// Ends a replay at once (before a command that reads the step reached).
    pub fn finish_replay(&mut self) {
        self.sim.advance_to(self.replay_to);
    }

    /// Lowers the race's length, with a note in the status line, if every
    /// run's record of that many steps would not fit in memory.
    pub fn fit_total_steps(&mut self, status: &mut Option<String>) {
        let runs = self.lineup.enabled().count().max(1);
        let per_step =
            self.sim.runs().iter().map(|run| run.bytes_per_step()).max().unwrap_or(Trajectory::BYTES_PER_STEP);
        let per_run = memory::budget() / (runs as u64 * per_step);
        let most = usize::try_from(per_run.saturating_sub(1)).unwrap_or(usize::MAX).max(1);
        if self.total_steps > most {
            *status = Some(format!(
                "{runs} runs of {} steps would not fit in memory here; the race stops at {most}",
                self.total_steps
            ));
            self.total_steps = most;
        }
    }

    /// Back to step 0 with the same runs.
    pub fn rewind(&mut self) {
        self.sim.reset();
        self.replay_to = 0;
        self.timeline = Timeline::default();
        self.generation += 1;
    }

    /// The step the views show: the timeline's, or the latest computed.
    pub fn shown_step(&self) -> usize {
        self.timeline.shown(self.sim.steps())
    }

    /// Moves the timeline as `seek` says.
    pub fn seek(&mut self, seek: Seek) {
        self.timeline.seek(seek, self.sim.steps());
    }

    /// Moves the timeline `steps` forward, computing the race further (up
    /// to its length) only when the views pass its latest step.
    pub fn forward(&mut self, steps: usize) {
        if let Some(target) = self.timeline.forward(steps, self.sim.steps()) {
            self.sim.advance_to(target.min(self.total_steps));
        }
    }

    /// The enabled runs, in the order the simulation holds them.
    pub fn enabled_runs(&self) -> impl Iterator<Item = &RunEntry> {
        self.lineup.enabled()
    }

    /// Moves the race on by one frame's worth of steps while playing: the
    /// views along the timeline, and the race itself once they reach its
    /// latest step.
    pub fn tick(&mut self) {
        if self.replaying() {
            self.replay();
            return;
        }
        if !self.playing {
            return;
        }
        self.forward(self.steps_per_frame);
        let at_the_end = self.timeline.follows() && (self.sim.steps() >= self.total_steps || self.sim.all_diverged());
        if at_the_end {
            self.playing = false;
        }
    }

    /// Replaces the race with `scene`'s: surface, view, start, runs, steps,
    /// layout, paused at step 0; a surface that does not build changes
    /// nothing and says why.
    pub fn load(&mut self, scene: Scene, status: &mut Option<String>) -> Result<(), String> {
        let surface = scene.surface.build().map_err(|e| e.to_string())?;
        self.frame(scene.view.unwrap_or_else(|| surface.window()));
        self.start = scene.start.unwrap_or_else(|| surface.start());
        self.surface = surface.into();
        self.surface_config = scene.surface;
        self.lineup = Lineup::of_scene(&scene.runs);
        self.total_steps = scene.steps;
        self.layout = scene.layout;
        self.sampling = Sampling { noise: scene.noise, batch: scene.batch };
        self.explanation = Explanation::of(scene.title, scene.explanation);
        self.playing = false;
        self.sim.reset();
        self.timeline = Timeline::default();
        self.restart(status);
        self.show_cloud = self.is_stochastic();
        Ok(())
    }

    /// The race as a scene, for saving and export.
    pub fn to_scene(&self) -> Scene {
        let (title, explanation) = Explanation::fields(self.explanation.as_ref());
        Scene {
            title,
            explanation,
            surface: self.surface_config.clone(),
            view: Some(self.view),
            start: Some(self.start),
            steps: self.total_steps,
            layout: self.layout,
            noise: self.sampling.noise,
            batch: self.sampling.batch,
            runs: self.lineup.scene_runs(),
        }
    }
}
