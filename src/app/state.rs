//! Everything the app shows, as plain data: no egui types. Panels read it;
//! only [`super::command::Command::apply`] changes it.

use std::sync::Arc;

use optiviz::engine::race::{RunSpec, Simulation, Trajectory};
use optiviz::engine::tune::Tuned;
use optiviz::plot::mesh3d::Camera;
use optiviz::scene::{Explanation, Layout};
use optiviz::surface::SurfaceConfig;
use optiviz::util::memory;
use optiviz::{Schedule, Surface, Window};

use super::jobs::JobOrder;
use super::lineup::{Lineup, RunEntry};
use super::network::state::{NetState, FRAME_BUDGET};

/// Which page fills the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// Optimizers racing on a loss surface.
    Surface,
    /// Optimizers training a small network.
    Network,
}

/// The whole state of the app: the surface view, and the Network view's own.
#[derive(Debug)]
pub struct AppState {
    /// Which page is shown.
    pub page: Page,
    /// The Network view.
    pub network: NetState,
    /// The surface being descended.
    pub surface_config: SurfaceConfig,
    /// The built surface.
    pub surface: Arc<dyn Surface>,
    /// The formula field's text (kept while it does not parse).
    pub formula_text: String,
    /// Why the formula field's text is not a surface.
    pub formula_error: Option<String>,
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
    /// Gradient norm below which a run counts as converged.
    pub tolerance: f64,
    /// Large fonts and thick lines for a projector.
    pub presentation: bool,
    /// Dark theme.
    pub dark: bool,
    /// Whether the keyboard help is shown.
    pub show_help: bool,
    /// The last message for the user (errors from loading, export results).
    pub status: Option<String>,
    /// Title and explanation of the loaded preset or scene.
    pub explanation: Option<Explanation>,
    /// The last learning-rate search: each tuned run's label and result.
    pub tuned: Vec<(String, Tuned)>,
    /// Background work a command asked for, which the shell starts or stops.
    pub job_order: Option<JobOrder>,
    /// What runs in the background and the share done, as the shell last saw it.
    pub job: Option<(String, f32)>,
    /// The simulation of the enabled runs, in order.
    pub sim: Simulation,
    /// Counts rebuilds and resets of the simulation, so caches of what it
    /// drew know when to start over.
    pub generation: u64,
}

impl AppState {
    /// Rosenbrock from (−1, 1) with SGD and Adam, as a first race.
    pub fn new() -> AppState {
        let surface_config: SurfaceConfig = "rosenbrock".parse().unwrap_or_else(|e| unreachable!("{e}"));
        let specs = ["sgd:lr=0.001", "momentum:lr=0.001", "adam:lr=0.01"].iter().map(|text| RunSpec {
            optimizer: text.parse().unwrap_or_else(|e| unreachable!("{e}")),
            schedule: Schedule::Constant,
        });
        Self::with(surface_config, Lineup::of(specs))
    }

    /// A state for `surface_config` with `runs`, at the surface's own view and start.
    pub fn with(surface_config: SurfaceConfig, lineup: Lineup) -> AppState {
        let surface: Arc<dyn Surface> = Arc::from(surface_config.build().unwrap_or_else(|e| unreachable!("{e}")));
        let (start, view) = (surface.start(), surface.window());
        let sim = Simulation::new(surface.clone(), start, Vec::new(), None);
        let mut state = AppState {
            page: Page::Surface,
            network: NetState::new(),
            formula_text: "x^2 + 3*sin(y)".to_owned(),
            formula_error: None,
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
            tolerance: 1e-6,
            presentation: false,
            dark: true,
            show_help: false,
            status: None,
            explanation: None,
            tuned: Vec::new(),
            job_order: None,
            job: None,
            sim,
            generation: 0,
        };
        state.restart();
        state
    }

    /// Builds the simulation anew from the runs, then replays it to the step
    /// it had reached, so a slider shows its effect at once.
    pub fn restart(&mut self) {
        self.fit_total_steps();
        let reached = self.sim.steps().min(self.total_steps);
        self.sim = Simulation::new(self.surface.clone(), self.start, self.lineup.specs(), None);
        self.sim.advance_to(reached);
        self.generation += 1;
    }

    /// Lowers the race's length, with a note in the status line, if every
    /// run's record of that many steps would not fit in memory.
    pub fn fit_total_steps(&mut self) {
        let runs = self.lineup.enabled().count().max(1);
        let per_run = memory::budget() / (runs as u64 * Trajectory::BYTES_PER_STEP);
        let most = usize::try_from(per_run.saturating_sub(1)).unwrap_or(usize::MAX).max(1);
        if self.total_steps > most {
            self.status = Some(format!(
                "{runs} runs of {} steps would not fit in memory here; the race stops at {most}",
                self.total_steps
            ));
            self.total_steps = most;
        }
    }

    /// Back to step 0 with the same runs.
    pub fn rewind(&mut self) {
        self.sim.reset();
        self.generation += 1;
    }

    /// The enabled runs, in the order the simulation holds them.
    pub fn enabled_runs(&self) -> impl Iterator<Item = &RunEntry> {
        self.lineup.enabled()
    }

    /// Whether the shown view is running.
    pub fn running(&self) -> bool {
        match self.page {
            Page::Surface => self.playing,
            Page::Network => self.network.playing,
        }
    }

    /// Advances the shown view by one frame's worth of steps or epochs while playing.
    pub fn tick(&mut self) {
        if self.page == Page::Network {
            self.network.tick(FRAME_BUDGET);
            return;
        }
        if !self.playing {
            return;
        }
        let target = (self.sim.steps() + self.steps_per_frame).min(self.total_steps);
        self.sim.advance_to(target);
        if self.sim.steps() >= self.total_steps || self.sim.all_diverged() {
            self.playing = false;
        }
    }
}
