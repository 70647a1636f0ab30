//! Every change a user can make, as a value. Panels and shortcuts push
//! commands; [`Command::apply`] is the only code that changes the state, and
//! the help overlay lists the shortcuts from the same table.

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui::Key;
use optiviz::mesh3d::Camera;
use optiviz::optim::{OptimizerConfig, OptimizerInfo};
use optiviz::params::Value;
use optiviz::scene::Scene;
use optiviz::sim::RunSpec;
use optiviz::surface::SurfaceConfig;
use optiviz::{Schedule, Surface, Window};

use super::scenes;
use super::state::{AppState, Layout, RunEntry};

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
    /// Add an optimizer with its defaults.
    AddRun(&'static OptimizerInfo),
    /// Remove run i.
    RemoveRun(usize),
    /// Copy run i (its settings and schedule) below it.
    DuplicateRun(usize),
    /// Show run i's settings.
    Select(usize),
    /// Switch run i on or off.
    SetEnabled(usize, bool),
    /// Colour of run i's path.
    SetColor(usize, [u8; 3]),
    /// Set a hyperparameter of run i.
    SetParam(usize, &'static str, Value),
    /// Set run i's label (empty: the optimizer's name).
    SetLabel(usize, String),
    /// Set run i's schedule.
    SetSchedule(usize, Schedule),
    /// One learning rate for all runs, or each its own.
    SetSharedLr(Option<f64>),
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
    /// Load a scene (a preset, or a file already read).
    LoadScene(Box<Scene>),
    /// Read a scene file and load it; a file that does not read or parse
    /// changes nothing and says why.
    OpenScene(PathBuf),
    /// Write the current setup as a scene file.
    SaveScene(PathBuf),
    /// Render the race and its loss curves to `<stem>_race.png` and `<stem>_loss.png`.
    ExportPng(PathBuf),
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
        Shortcut { keys: "F", action: "full screen", key: Some(Key::F), command: None },
        Shortcut { keys: "Ctrl + / Ctrl −", action: "zoom the whole UI", key: None, command: None },
    ]
}

impl Command {
    /// Applies the command to `state`. Invalid values (which the widgets
    /// never offer) leave the state as it was.
    pub fn apply(self, state: &mut AppState) {
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
            Command::AddRun(info) => {
                let color = state.next_color();
                state.runs.push(RunEntry {
                    spec: RunSpec { optimizer: OptimizerConfig::with_defaults(info), schedule: Schedule::Constant },
                    color,
                    enabled: true,
                });
                state.selected = state.runs.len() - 1;
            }
            Command::RemoveRun(i) if i < state.runs.len() => {
                state.runs.remove(i);
                state.selected = state.selected.min(state.runs.len().saturating_sub(1));
            }
            Command::DuplicateRun(i) if i < state.runs.len() => {
                let mut copy = state.runs[i].clone();
                copy.color = state.next_color();
                state.runs.insert(i + 1, copy);
                state.selected = i + 1;
            }
            Command::Select(i) => state.selected = i.min(state.runs.len().saturating_sub(1)),
            Command::SetEnabled(i, on) => with_run(state, i, |run| run.enabled = on),
            Command::SetColor(i, color) => with_run(state, i, |run| run.color = color),
            Command::SetParam(i, name, value) => with_run(state, i, |run| {
                let _ = run.spec.optimizer.set(name, value);
            }),
            Command::SetLabel(i, label) => with_run(state, i, |run| {
                let label = (!label.trim().is_empty()).then_some(label);
                let _ = run.spec.optimizer.set_label(label);
            }),
            Command::SetSchedule(i, schedule) => with_run(state, i, |run| run.spec.schedule = schedule),
            Command::SetSharedLr(lr) => state.shared_lr = lr.filter(|v| v.is_finite() && *v > 0.0),
            Command::SetTotalSteps(n) => state.total_steps = n.clamp(1, 10_000_000),
            Command::SetSpeed(n) => state.steps_per_frame = n.max(1),
            Command::SetLayout(layout) => state.layout = layout,
            Command::SetCamera(camera) => state.camera = camera.clamped(),
            Command::SetShowGradient(on) => state.show_gradient = on,
            Command::SetShowStep(on) => state.show_step = on,
            Command::SetTolerance(tolerance) if tolerance > 0.0 => state.tolerance = tolerance,
            Command::ToggleHelp => state.show_help = !state.show_help,
            Command::TogglePresentation => state.presentation = !state.presentation,
            Command::ToggleTheme => state.dark = !state.dark,
            Command::LoadScene(scene) => {
                if let Err(error) = scenes::load(state, *scene) {
                    state.status = Some(format!("could not load the scene: {error}"));
                }
            }
            Command::OpenScene(path) => match Scene::load(&path) {
                Ok(scene) => match scenes::load(state, scene) {
                    Ok(()) => state.status = Some(format!("loaded {}", path.display())),
                    Err(error) => state.status = Some(format!("could not load {}: {error}", path.display())),
                },
                Err(error) => state.status = Some(error.to_string()),
            },
            Command::SaveScene(path) => {
                state.status = Some(match scenes::to_scene(state).save(&path) {
                    Ok(()) => format!("saved {}", path.display()),
                    Err(error) => error.to_string(),
                });
            }
            Command::ExportPng(path) => {
                let scene = scenes::to_scene(state);
                let layout = scene.layout;
                state.status = Some(match optiviz::render::export_png(&scene, &state.sim, &path, 1920, 1080, layout) {
                    Ok([race, loss]) => format!("exported {} and {}", race.display(), loss.display()),
                    Err(error) => format!("export failed: {error}"),
                });
            }
            Command::RemoveRun(_) | Command::DuplicateRun(_) | Command::SetTolerance(_) => {}
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
                | Command::AddRun(_)
                | Command::RemoveRun(_)
                | Command::DuplicateRun(_)
                | Command::SetEnabled(..)
                | Command::SetParam(..)
                | Command::SetLabel(..)
                | Command::SetSchedule(..)
                | Command::SetSharedLr(_)
                | Command::SetTotalSteps(_)
        )
    }
}

fn with_run(state: &mut AppState, i: usize, change: impl FnOnce(&mut RunEntry)) {
    if let Some(run) = state.runs.get_mut(i) {
        change(run);
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
