//! Everything the app shows, as plain data: no egui types. Panels read it;
//! only [`super::command::Command::apply`] changes it.

use std::sync::Arc;

use optiviz::colormap::PATH_PALETTE;
use optiviz::mesh3d::Camera;
use optiviz::sim::{RunSpec, Simulation};
use optiviz::surface::SurfaceConfig;
use optiviz::{Schedule, Surface, Window};

/// How the race is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// All paths on one contour plot.
    Overlay,
    /// One panel per optimizer, views linked.
    SmallMultiples,
    /// The surface in perspective, paths drawn on it.
    Surface3d,
}

/// One optimizer in the race, as the user set it up.
#[derive(Clone, Debug, PartialEq)]
pub struct RunEntry {
    /// Optimizer (with label) and schedule.
    pub spec: RunSpec,
    /// Path colour, sRGB.
    pub color: [u8; 3],
    /// Whether it takes part.
    pub enabled: bool,
}

/// The whole state of the surface view.
#[derive(Debug)]
pub struct AppState {
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
    /// The optimizers, in legend order.
    pub runs: Vec<RunEntry>,
    /// The run whose settings the optimizer panel shows.
    pub selected: usize,
    /// Steps each run takes in all.
    pub total_steps: usize,
    /// Steps taken per frame while playing.
    pub steps_per_frame: usize,
    /// Whether the race is running.
    pub playing: bool,
    /// One learning rate for every run, when set.
    pub shared_lr: Option<f64>,
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
    pub explanation: Option<(String, String)>,
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
        let runs = ["sgd:lr=0.001", "momentum:lr=0.001", "adam:lr=0.01"]
            .iter()
            .enumerate()
            .map(|(i, text)| RunEntry {
                spec: RunSpec {
                    optimizer: text.parse().unwrap_or_else(|e| unreachable!("{e}")),
                    schedule: Schedule::Constant,
                },
                color: PATH_PALETTE[i],
                enabled: true,
            })
            .collect();
        Self::with(surface_config, runs)
    }

    /// A state for `surface_config` with `runs`, at the surface's own view and start.
    pub fn with(surface_config: SurfaceConfig, runs: Vec<RunEntry>) -> AppState {
        let surface: Arc<dyn Surface> = Arc::from(surface_config.build().unwrap_or_else(|e| unreachable!("{e}")));
        let (start, view) = (surface.start(), surface.window());
        let sim = Simulation::new(surface.clone(), start, Vec::new(), None);
        let mut state = AppState {
            formula_text: "x^2 + 3*sin(y)".to_owned(),
            formula_error: None,
            surface_config,
            surface,
            start,
            view,
            runs,
            selected: 0,
            total_steps: 5000,
            steps_per_frame: 50,
            playing: false,
            shared_lr: None,
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
            sim,
            generation: 0,
        };
        state.restart();
        state
    }

    /// Builds the simulation anew from the runs, then replays it to the step
    /// it had reached, so a slider shows its effect at once.
    pub fn restart(&mut self) {
        let reached = self.sim.steps().min(self.total_steps);
        let specs = self.enabled_runs().map(|run| self.effective_spec(run)).collect();
        self.sim = Simulation::new(self.surface.clone(), self.start, specs, None);
        self.sim.advance_to(reached);
        self.generation += 1;
    }

    /// Back to step 0 with the same runs.
    pub fn rewind(&mut self) {
        self.sim.reset();
        self.generation += 1;
    }

    /// The enabled runs, in the order the simulation holds them.
    pub fn enabled_runs(&self) -> impl Iterator<Item = &RunEntry> {
        self.runs.iter().filter(|run| run.enabled)
    }

    /// The run's spec with the shared learning rate applied, if one is set.
    fn effective_spec(&self, run: &RunEntry) -> RunSpec {
        let mut spec = run.spec.clone();
        if let Some(lr) = self.shared_lr {
            // A shared lr comes from a slider that only offers valid values.
            let _ = spec.optimizer.set("lr", optiviz::params::Value::Real(lr));
        }
        spec
    }

    /// Advances the race by one frame's worth of steps while playing.
    pub fn tick(&mut self) {
        if !self.playing {
            return;
        }
        let target = (self.sim.steps() + self.steps_per_frame).min(self.total_steps);
        self.sim.advance_to(target);
        if self.sim.steps() >= self.total_steps || self.sim.all_diverged() {
            self.playing = false;
        }
    }

    /// A fresh colour for a new run: the first palette colour not yet used.
    pub fn next_color(&self) -> [u8; 3] {
        PATH_PALETTE
            .iter()
            .copied()
            .find(|c| self.runs.iter().all(|run| run.color != *c))
            .unwrap_or(PATH_PALETTE[self.runs.len() % PATH_PALETTE.len()])
    }
}
