//! Every change a user can make, as a value. Panels and shortcuts push
//! commands; [`Command::apply`] is the only code that changes the state, and
//! the help overlay lists the shortcuts from the same table.

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui::Key;
use optiviz::engine::tune::Tuned;
use optiviz::plot::mesh3d::Camera;
use optiviz::scene::AnyScene;
use optiviz::spec::error::SpecError;
use optiviz::spec::params::Value;
use optiviz::surface::SurfaceConfig;
use optiviz::{Surface, Window};

use super::jobs::{ExportRequest, JobOrder, TuneRequest};
use super::lineup::RunCommand;
use super::network::state::NetCommand;
use super::scenes;
use super::state::{AppState, Layout, Page};

/// A change to the app's state.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Start or stop the race.
    TogglePlay,
    /// Take one step and pause.
    Step,
    /// Back to the start, paused.
    Reset,
    /// Switch to another surface (its own view and start).
    SetSurface(SurfaceConfig),
    /// Set a parameter of the current surface.
    SetSurfaceParam(&'static str, Value),
    /// Try a formula as the surface; on error it stays beside the field.
    SetFormula(String),
    /// Move the start point.
    SetStart([f64; 2]),
    /// Remember the plot's window.
    SetView(Window),
    /// Change the racing optimizers.
    Run(RunCommand),
    /// Search every enabled run's learning rate with the same budget of
    /// trial races, in the background, then set each to its best.
    TuneLearningRates,
    /// The result of a search: for each run (its place in the list and its
    /// label when the search began) the rate found.
    ApplyTuning(Vec<(usize, String, Tuned)>),
    /// Stop the running background job.
    CancelJob,
    /// Say something in the status line (what a finished job did).
    ShowStatus(String),
    /// Steps per run in all.
    SetTotalSteps(usize),
    /// Steps per frame while playing.
    SetSpeed(usize),
    /// Overlay, small multiples or 3-D.
    SetLayout(Layout),
    /// Turn or zoom the 3-D view (clamped to the camera's ranges).
    SetCamera(Camera),
    /// Gradient arrows on or off.
    SetShowGradient(bool),
    /// Step arrows on or off.
    SetShowStep(bool),
    /// Convergence tolerance on the gradient norm.
    SetTolerance(f64),
    /// Keyboard help on or off.
    ToggleHelp,
    /// Projector mode on or off.
    TogglePresentation,
    /// Light or dark theme.
    ToggleTheme,
    /// Show the surface race or the Network view.
    ShowPage(Page),
    /// Change the Network view.
    Network(NetCommand),
    /// Load a scene of either kind (a preset, or a file already read) and show its view.
    LoadScene(Box<AnyScene>),
    /// Read a scene file and load it; a file that does not read or parse
    /// changes nothing and says why.
    OpenScene(PathBuf),
    /// Write the shown view's setup as a scene file.
    SaveScene(PathBuf),
    /// Render the shown view's figures at `(width, height)` pixels: the race
    /// (or the decision boundaries) and the loss curves, as
    /// `<stem>_race.png` (or `<stem>_boundary.png`) and `<stem>_loss.png`.
    ExportPng(PathBuf, (u32, u32)),
}

/// A keyboard shortcut: the key, what it does, and the command (None for
/// shortcuts the window handles itself, such as full screen and UI zoom).
pub struct Shortcut {
    /// Text of the key, as shown in the help.
    pub keys: &'static str,
    /// What it does.
    pub action: &'static str,
    /// The key that triggers it (with no modifiers).
    pub key: Option<Key>,
    /// The command it pushes.
    pub command: Option<Command>,
}

/// Every keyboard shortcut, in the order the help lists them.
pub fn shortcuts() -> Vec<Shortcut> {
    let plain = |keys, action, key, command| Shortcut { keys, action, key: Some(key), command: Some(command) };
    vec![
        plain("Space", "play / pause", Key::Space, Command::TogglePlay),
        plain("→", "one step", Key::ArrowRight, Command::Step),
        plain("R", "reset to the start", Key::R, Command::Reset),
        plain("P", "presentation mode (large fonts, thick lines)", Key::P, Command::TogglePresentation),
        plain("T", "light / dark theme", Key::T, Command::ToggleTheme),
        plain("H or ?", "this help", Key::H, Command::ToggleHelp),
        plain("Esc", "stop the learning-rate search", Key::Escape, Command::CancelJob),
        Shortcut { keys: "F", action: "full screen", key: Some(Key::F), command: None },
        Shortcut { keys: "Ctrl + / Ctrl −", action: "zoom the whole UI", key: None, command: None },
    ]
}

impl Command {
    /// Applies the command to `state`. Invalid values (which the widgets
    /// never offer) leave the state as it was.
    pub fn apply(self, state: &mut AppState) {
        if state.page == Page::Network {
            let forwarded = match self {
                Command::TogglePlay => Some(NetCommand::TogglePlay),
                Command::Step => Some(NetCommand::Step),
                Command::Reset => Some(NetCommand::Reset),
                _ => None,
            };
            if let Some(command) = forwarded {
                let result = command.apply(&mut state.network);
                report(state, result);
                return;
            }
        }
        let restart = self.changes_the_race();
        match self {
            Command::TogglePlay => {
                if state.sim.steps() >= state.total_steps {
                    state.rewind();
                }
                state.playing = !state.playing;
            }
            Command::Step => {
                state.playing = false;
                let next = (state.sim.steps() + 1).min(state.total_steps);
                state.sim.advance_to(next);
            }
            Command::Reset => {
                state.playing = false;
                state.rewind();
            }
            Command::SetSurface(config) => {
                if set_surface(state, config) {
                    state.view = state.surface.window();
                    state.start = state.surface.start();
                }
            }
            Command::SetSurfaceParam(name, value) => {
                let mut settings = state.surface_config.settings().clone();
                if settings.set(name, value).is_ok() {
                    if let Ok(config) = SurfaceConfig::from_settings(settings) {
                        set_surface(state, config);
                    }
                }
            }
            Command::SetFormula(text) => {
                state.formula_text = text.clone();
                match format!("expr:f={text}").parse::<SurfaceConfig>() {
                    Ok(config) => {
                        state.formula_error = None;
                        set_surface(state, config);
                    }
                    Err(error) => state.formula_error = Some(error.to_string()),
                }
            }
            Command::SetStart(start) => {
                if start.iter().all(|v| v.is_finite()) {
                    state.start = start;
                }
            }
            Command::SetView(view) => {
                if view.is_valid() {
                    state.view = view;
                }
            }
            Command::Run(command) => {
                let result = command.apply(&mut state.lineup);
                report(state, result);
            }
            Command::TuneLearningRates => state.job_order = Some(JobOrder::Tune(TuneRequest::of(state))),
            Command::ApplyTuning(results) => apply_tuning(state, results),
            Command::CancelJob => state.job_order = Some(JobOrder::Cancel),
            Command::SetTotalSteps(n) => {
                state.total_steps = n.clamp(1, 10_000_000);
                state.fit_total_steps();
            }
            Command::SetSpeed(n) => state.steps_per_frame = n.max(1),
            Command::SetLayout(layout) => {
                // The 2-D panels narrow the window to their shape; the 3-D
                // view shows the whole surface and zooms with its own camera.
                if layout == Layout::Surface3d && state.layout != Layout::Surface3d {
                    state.view = state.surface.window();
                }
                state.layout = layout;
            }
            Command::SetCamera(camera) => state.camera = camera.clamped(),
            Command::SetShowGradient(on) => state.show_gradient = on,
            Command::SetShowStep(on) => state.show_step = on,
            Command::SetTolerance(tolerance) if tolerance > 0.0 => state.tolerance = tolerance,
            Command::ToggleHelp => state.show_help = !state.show_help,
            Command::TogglePresentation => state.presentation = !state.presentation,
            Command::ToggleTheme => state.dark = !state.dark,
            Command::ShowPage(page) => state.page = page,
            Command::Network(command) => {
                let result = command.apply(&mut state.network);
                report(state, result);
            }
            Command::LoadScene(scene) => load_scene(state, *scene),
            Command::OpenScene(path) => match AnyScene::load(&path) {
                Ok(scene) => {
                    load_scene(state, scene);
                    if state.status.is_none() {
                        state.status = Some(format!("loaded {}", path.display()));
                    }
                }
                Err(error) => state.status = Some(error.to_string()),
            },
            Command::SaveScene(path) => {
                let saved = match state.page {
                    Page::Surface => scenes::to_scene(state).save(&path),
                    Page::Network => state.network.to_scene().save(&path),
                };
                state.status = Some(match saved {
                    Ok(()) => format!("saved {}", path.display()),
                    Err(error) => error.to_string(),
                });
            }
            Command::ExportPng(path, size) => {
                state.job_order = Some(JobOrder::Export(Box::new(ExportRequest::of(state, path, size))));
            }
            Command::ShowStatus(text) => state.status = Some(text),
            Command::SetTolerance(_) => {}
        }
        if restart {
            state.restart();
        }
    }

    /// Whether the command changes what the race computes (so it restarts).
    fn changes_the_race(&self) -> bool {
        matches!(
            self,
            Command::SetSurface(_)
                | Command::SetSurfaceParam(..)
                | Command::SetFormula(_)
                | Command::SetStart(_)
                | Command::SetTotalSteps(_)
                | Command::ApplyTuning(_)
        ) || matches!(self, Command::Run(command) if command.changes_the_runs())
    }
}

/// Trial runs each optimizer's learning-rate search may spend.
pub const TUNE_TRIALS: usize = 24;

/// Sets each run's learning rate to what the search found, where the run is
/// still the one that was tuned (the list may have changed meanwhile); the
/// shared rate gives way.
fn apply_tuning(state: &mut AppState, results: Vec<(usize, String, Tuned)>) {
    let mut tuned = Vec::new();
    for (index, label, result) in results {
        let Some(run) = state.lineup.runs.get_mut(index).filter(|run| run.spec.optimizer.label() == label) else {
            continue;
        };
        match run.spec.optimizer.set("lr", Value::Real(result.lr)) {
            Ok(()) => tuned.push((label, result)),
            Err(error) => state.status = Some(format!("tuning {label}: {error}")),
        }
    }
    state.lineup.shared_lr = None;
    state.tuned = tuned;
}

/// Installs a scene in its view and shows that view; a race whose surface
/// does not build changes nothing and says why.
fn load_scene(state: &mut AppState, scene: AnyScene) {
    state.status = None;
    match scene {
        AnyScene::Race(scene) => match scenes::load(state, scene) {
            Ok(()) => state.page = Page::Surface,
            Err(error) => state.status = Some(format!("could not load the scene: {error}")),
        },
        AnyScene::Network(scene) => match state.network.load(scene) {
            Ok(()) => state.page = Page::Network,
            Err(error) => state.status = Some(format!("could not load the scene: {error}")),
        },
    }
}

/// Builds and installs a surface; false (and nothing changed) if it fails.
fn set_surface(state: &mut AppState, config: SurfaceConfig) -> bool {
    match config.build() {
        Ok(surface) => {
            let surface: Arc<dyn Surface> = Arc::from(surface);
            state.surface = surface;
            state.surface_config = config;
            true
        }
        Err(error) => {
            state.formula_error = Some(error.to_string());
            false
        }
    }
}

/// Shows a command's error, if any, in the status line.
fn report(state: &mut AppState, result: Result<(), SpecError>) {
    if let Err(error) = result {
        state.status = Some(error.to_string());
    }
}
