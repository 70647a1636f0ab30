//! Slow work off the UI thread, as rerun does it: a job runs on a thread of
//! its own while the window keeps drawing, reports how far it has come, can
//! be cancelled (Esc), and hands back a [`Command`] that applies its result.
//! One job runs at a time.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::Arc;

use std::path::PathBuf;

use optiviz::engine::race::{RunSpec, Simulation};
use optiviz::engine::tune::{tune_lr, TuneBudget, Tuned};
use optiviz::nn::{Problem, Training};
use optiviz::render::{self, ImageFormat};
use optiviz::scene::{NetScene, Scene};
use optiviz::Surface;

use super::command::{Command, TUNE_TRIALS};
use super::scenes;
use super::state::{AppState, Page};

/// How far a job has come, and whether it should stop; shared between the
/// job's thread and the window.
#[derive(Debug)]
pub struct Progress {
    done: AtomicUsize,
    total: usize,
    cancelled: AtomicBool,
}

impl Progress {
    /// Nothing done yet of `total` parts.
    pub fn new(total: usize) -> Progress {
        Progress { done: AtomicUsize::new(0), total: total.max(1), cancelled: AtomicBool::new(false) }
    }

    /// One more part done.
    pub fn advance(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Whether the user asked the job to stop.
    pub fn cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// The share done, 0 to 1.
    pub fn fraction(&self) -> f32 {
        self.done.load(Ordering::Relaxed) as f32 / self.total as f32
    }
}

/// A job on its way: what it does, its progress and where its result comes.
struct Job {
    what: String,
    progress: Arc<Progress>,
    result: Receiver<Command>,
}

/// The running job, if any.
#[derive(Default)]
pub struct Jobs {
    running: Option<Job>,
}

impl Jobs {
    /// Starts `work` on its own thread, unless a job is running already.
    /// `work` gets the progress of `total` parts and returns the command
    /// that applies its result, or `None` when it was cancelled.
    pub fn start(
        &mut self,
        what: impl Into<String>,
        total: usize,
        work: impl FnOnce(&Progress) -> Option<Command> + Send + 'static,
    ) {
        if self.running.is_some() {
            return;
        }
        let progress = Arc::new(Progress::new(total));
        let (sender, result) = mpsc::channel();
        let shared = progress.clone();
        std::thread::spawn(move || {
            if let Some(command) = work(&shared) {
                // The window may have closed meanwhile; then nobody wants the result.
                let _ = sender.send(command);
            }
        });
        self.running = Some(Job { what: what.into(), progress, result });
    }

    /// The result of a job that has ended since the last call, if any; a
    /// cancelled job ends without one.
    pub fn finished(&mut self) -> Option<Command> {
        let job = self.running.as_ref()?;
        match job.result.try_recv() {
            Ok(command) => {
                self.running = None;
                Some(command)
            }
            Err(TryRecvError::Disconnected) => {
                self.running = None;
                None
            }
            Err(TryRecvError::Empty) => None,
        }
    }

    /// Asks the running job to stop; its result is dropped.
    pub fn cancel(&mut self) {
        if let Some(job) = &self.running {
            job.progress.cancelled.store(true, Ordering::Relaxed);
        }
    }

    /// What runs and how far it has come, for the status line.
    pub fn status(&self) -> Option<(String, f32)> {
        self.running.as_ref().map(|job| (job.what.clone(), job.progress.fraction()))
    }
}

/// Work a command asks the shell to start, or to stop, in the background.
#[derive(Debug)]
pub enum JobOrder {
    /// Search every enabled run's learning rate.
    Tune(TuneRequest),
    /// Write the shown view's figures.
    Export(Box<ExportRequest>),
    /// Stop the running job and drop its result.
    Cancel,
}

impl Jobs {
    /// Carries out `order`.
    pub fn order(&mut self, order: JobOrder) {
        match order {
            JobOrder::Tune(request) => {
                let what = format!("tuning {} optimizers", request.optimizers());
                self.start(what, request.optimizers(), move |progress| request.run(progress));
            }
            JobOrder::Export(request) => self.start("exporting figures", 1, move |progress| request.run(progress)),
            JobOrder::Cancel => self.cancel(),
        }
    }
}

/// What a learning-rate search needs from the race, copied so that it can
/// run while the race goes on.
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
    pub fn of(state: &AppState) -> TuneRequest {
        let runs = state.lineup.runs.iter().enumerate().filter(|(_, run)| run.enabled);
        TuneRequest {
            surface: state.surface.clone(),
            start: state.start,
            steps: state.total_steps,
            runs: runs.map(|(index, run)| (index, run.spec.clone())).collect(),
        }
    }

    /// The optimizers to tune: the job's parts.
    pub fn optimizers(&self) -> usize {
        self.runs.len()
    }

    /// Tunes every run in turn with the same budget; `None` when cancelled
    /// (checked between optimizers).
    pub fn run(self, progress: &Progress) -> Option<Command> {
        let budget = TuneBudget::new(TUNE_TRIALS, self.steps);
        let mut results: Vec<(usize, String, Tuned)> = Vec::with_capacity(self.runs.len());
        for (index, spec) in &self.runs {
            if progress.cancelled() {
                return None;
            }
            let tuned = tune_lr(&self.surface, self.start, spec, None, budget);
            results.push((*index, spec.optimizer.label().to_owned(), tuned));
            progress.advance();
        }
        Some(Command::ApplyTuning(results))
    }
}

/// What the figures of the shown view need, copied so that they can be
/// drawn while the race goes on: the scene, and what rebuilds the race or
/// training to the step or epoch on screen (both are deterministic).
#[derive(Debug)]
pub struct ExportRequest {
    view: ExportedView,
    path: PathBuf,
    size: (u32, u32),
}

/// The view an [`ExportRequest`] draws.
#[derive(Debug)]
enum ExportedView {
    Race { scene: Scene, surface: Arc<dyn Surface>, start: [f64; 2], runs: Vec<RunSpec>, steps: usize },
    Network { scene: NetScene, problem: Box<Problem>, runs: Vec<RunSpec>, epochs: usize },
}

impl ExportRequest {
    /// The figures of the view `state` shows, as PNGs of `size` beside `path`.
    pub fn of(state: &AppState, path: PathBuf, size: (u32, u32)) -> ExportRequest {
        let view = match state.page {
            Page::Surface => ExportedView::Race {
                scene: scenes::to_scene(state),
                surface: state.surface.clone(),
                start: state.start,
                runs: state.lineup.specs(),
                steps: state.sim.steps(),
            },
            Page::Network => {
                let network = &state.network;
                ExportedView::Network {
                    scene: network.to_scene(),
                    problem: Box::new(network.training.problem().clone()),
                    runs: network.lineup.specs(),
                    epochs: network.training.epochs(),
                }
            }
        };
        ExportRequest { view, path, size }
    }

    /// Rebuilds the race or training, draws and writes the figures, and
    /// says what it wrote (or why it could not) in the status line.
    pub fn run(self, progress: &Progress) -> Option<Command> {
        let ExportRequest { view, path, size: (width, height) } = self;
        let written = match view {
            ExportedView::Race { scene, surface, start, runs, steps } => {
                let mut sim = Simulation::new(surface, start, runs, None);
                sim.advance_to(steps);
                render::export_png(&scene, &sim, &path, width, height, scene.layout).map(Vec::from)
            }
            ExportedView::Network { scene, problem, runs, epochs } => {
                let mut training = Training::new(*problem, runs);
                training.advance_to(epochs);
                render::export_network(&scene, &training, &path, (width, height), ImageFormat::Png)
            }
        };
        progress.advance();
        Some(Command::ShowStatus(match written {
            Ok(paths) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                format!("exported {}", names.join(" and "))
            }
            Err(error) => format!("export failed: {error}"),
        }))
    }
}
