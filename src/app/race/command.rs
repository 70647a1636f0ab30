//! Every change a user can make to the race page, as a value, and
//! [`RaceCommand::apply`], the only code that changes the page's state.

use std::sync::Arc;

use optiviz::engine::batch::MiniBatch;
use optiviz::engine::race::GradientNoise;
use optiviz::engine::tune::Score;
use optiviz::plot::mesh3d::Camera;
use optiviz::scene::Layout;
use optiviz::spec::params::Value;
use optiviz::surface::SurfaceConfig;
use optiviz::util::number::shortest;
use optiviz::{Surface, Window};

use super::state::{CurveAxis, RaceState, SweepResult, TuneResult};
use super::timeline::{Seek, Timeline};
use super::tuning::{SweepRequest, TuneRequest};
use crate::app::jobs::Job;
use crate::app::lineup::RunCommand;

/// A change to the race page.
#[derive(Clone, Debug, PartialEq)]
pub enum RaceCommand {
    /// Start or stop the race.
    TogglePlay,
    /// One step forward along the timeline (computing it if it is new), and pause.
    Step,
    /// Move the timeline, and pause.
    Seek(Seek),
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
    /// gradient evaluations from the same starts, in the background, then
    /// set each to its best.
    TuneLearningRates,
    /// The result of a search: for each run (its place in the list and its
    /// label when the search began) the curve and the rate found.
    ApplyTuning(Vec<TuneResult>),
    /// What the learning-rate search scores.
    SetTuneScore(Score),
    /// Open or close the sensitivity view.
    SetSensitivityOpen(bool),
    /// The sensitivity view's smallest and largest rate, as typed.
    SetSweepBounds(String, String),
    /// How many rates the sensitivity view sweeps.
    SetSweepPoints(usize),
    /// Sweep every enabled run over the view's rates, in the background.
    SweepLearningRates,
    /// The result of a sweep: what it ran (steps, surface, start) and for
    /// each run (its place in the list and its label when the sweep began)
    /// its rows.
    ApplySweep(String, Vec<SweepResult>),
    /// Set the learning rate of the run at a place in the list, if it still
    /// has that label (a point clicked in the sensitivity view).
    SetRate(usize, String, f64),
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
    /// The points optimizers keep beside their own, on or off.
    SetShowCompanions(bool),
    /// Steps or gradient evaluations along the curves' x axis.
    SetCurvesX(CurveAxis),
    /// Convergence tolerance on the gradient norm.
    SetTolerance(f64),
    /// Gaussian noise on every gradient, or none.
    SetNoise(Option<GradientNoise>),
    /// Mini-batch gradients on a data surface, or the full data.
    SetBatch(Option<MiniBatch>),
    /// The cloud of possible stochastic gradients, on or off.
    SetShowCloud(bool),
}

impl RaceCommand {
    /// Applies the command to `race`; notes for the user go to `status`.
    /// Invalid values (which the widgets never offer) leave the state as it
    /// was. Returns the background job the command asks for, if any.
    pub fn apply(self, race: &mut RaceState, status: &mut Option<String>) -> Option<Job<RaceCommand>> {
        let restart = self.changes_the_race();
        let mut job = None;
        match self {
            RaceCommand::TogglePlay => {
                // At the end, play shows the race again from the start: it is all computed.
                if !race.playing && race.shown_step() >= race.total_steps {
                    race.seek(Seek::Start);
                }
                race.playing = !race.playing;
            }
            RaceCommand::Step => {
                race.playing = false;
                race.finish_replay();
                if race.shown_step() < race.total_steps {
                    race.forward(1);
                }
            }
            RaceCommand::Seek(seek) => {
                race.playing = false;
                race.seek(seek);
            }
            RaceCommand::Reset => {
                race.playing = false;
                race.rewind();
            }
            RaceCommand::SetSurface(config) => {
                if set_surface(race, config) {
                    race.frame(race.surface.window());
                    race.start = race.surface.start();
                }
            }
            RaceCommand::SetSurfaceParam(name, value) => {
                let mut settings = race.surface_config.settings().clone();
                match settings.set(name, value).and_then(|()| SurfaceConfig::from_settings(settings)) {
                    Ok(config) => _ = set_surface(race, config),
                    Err(error) => race.surface_error = Some(error.to_string()),
                }
            }
            RaceCommand::SetFormula(text) => {
                race.formula_text = text.clone();
                match format!("expr:f={text}").parse::<SurfaceConfig>() {
                    Ok(config) => {
                        race.surface_error = None;
                        set_surface(race, config);
                    }
                    Err(error) => race.surface_error = Some(error.to_string()),
                }
            }
            RaceCommand::SetStart(start) => {
                if start.iter().all(|v| v.is_finite()) {
                    race.start = start;
                }
            }
            RaceCommand::SetView(view) => {
                if view.is_valid() {
                    race.view = view;
                }
            }
            RaceCommand::Run(command) => {
                if let Err(error) = command.apply(&mut race.lineup) {
                    *status = Some(error.to_string());
                }
            }
            RaceCommand::TuneLearningRates if race.sensitivity.error.is_some() => {}
            RaceCommand::TuneLearningRates => {
                let request = TuneRequest::of(race);
                let what = format!("tuning {} optimizers", request.optimizers());
                job = Some(Job::new(what, request.parts(), move |progress| {
                    request.run(progress).map(RaceCommand::ApplyTuning)
                }));
            }
            RaceCommand::ApplyTuning(results) => apply_tuning(race, results, status),
            RaceCommand::SetTuneScore(score) => race.tune_score = score,
            RaceCommand::SetSensitivityOpen(open) => race.sensitivity.open = open,
            RaceCommand::SetSweepBounds(min, max) => race.sensitivity.set_bounds(min, max),
            RaceCommand::SetSweepPoints(points) => race.sensitivity.set_points(points),
            RaceCommand::SweepLearningRates if race.sensitivity.error.is_none() => {
                let request = SweepRequest::of(race);
                let setup = format!(
                    "{} steps on {} from ({}, {})",
                    race.total_steps,
                    race.surface_config,
                    shortest(race.start[0]),
                    shortest(race.start[1])
                );
                job = Some(Job::new("sweeping learning rates", request.parts(), move |progress| {
                    request.run(progress).map(|results| RaceCommand::ApplySweep(setup, results))
                }));
            }
            RaceCommand::SweepLearningRates => {}
            RaceCommand::ApplySweep(setup, results) => {
                (race.sensitivity.swept_setup, race.sensitivity.swept) = (setup, results);
            }
            RaceCommand::SetRate(index, label, lr) => {
                if let Err(error) = set_rate(race, index, &label, lr) {
                    *status = Some(error);
                }
            }
            RaceCommand::SetTotalSteps(n) => {
                race.total_steps = n.clamp(1, 10_000_000);
                race.fit_total_steps(status);
            }
            RaceCommand::SetSpeed(n) => race.steps_per_frame = n.max(1),
            RaceCommand::SetLayout(layout) => {
                // The 2-D panels narrow the window to their shape; the 3-D
                // view shows the whole surface and zooms with its own camera.
                if layout == Layout::Surface3d && race.layout != Layout::Surface3d {
                    race.frame(race.surface.window());
                }
                race.layout = layout;
            }
            RaceCommand::SetCamera(camera) => race.camera = camera.clamped(),
            RaceCommand::SetShowGradient(on) => race.show_gradient = on,
            RaceCommand::SetShowStep(on) => race.show_step = on,
            RaceCommand::SetShowCompanions(on) => race.show_companions = on,
            RaceCommand::SetCurvesX(axis) => race.curves_x = axis,
            RaceCommand::SetTolerance(tolerance) if tolerance > 0.0 => race.tolerance = tolerance,
            RaceCommand::SetTolerance(_) => {}
            RaceCommand::SetNoise(noise) => {
                if noise.is_none_or(|n| n.sigma.is_finite() && n.sigma >= 0.0) {
                    race.sampling.noise = noise;
                }
            }
            RaceCommand::SetBatch(batch) => match batch.map(|b| b.check(race.surface.as_ref())) {
                Some(Err(error)) => *status = Some(error.to_string()),
                _ => race.sampling.batch = batch,
            },
            RaceCommand::SetShowCloud(on) => race.show_cloud = on,
        }
        if restart {
            race.restart(status);
        }
        job
    }

    /// Whether the command changes what the race computes (so it restarts).
    fn changes_the_race(&self) -> bool {
        matches!(
            self,
            RaceCommand::SetSurface(_)
                | RaceCommand::SetSurfaceParam(..)
                | RaceCommand::SetFormula(_)
                | RaceCommand::SetStart(_)
                | RaceCommand::SetTotalSteps(_)
                | RaceCommand::ApplyTuning(_)
                | RaceCommand::SetRate(..)
                | RaceCommand::SetNoise(_)
                | RaceCommand::SetBatch(_)
        ) || matches!(self, RaceCommand::Run(command) if command.changes_the_runs())
    }
}

/// Sets each run's learning rate to what the search found, where the run is
/// still the one that was tuned (the list may have changed meanwhile) and a
/// rate was found; the results show in the sensitivity view.
fn apply_tuning(race: &mut RaceState, results: Vec<TuneResult>, status: &mut Option<String>) {
    for (index, label, tuned) in &results {
        if let Some(best) = tuned.best() {
            if let Err(error) = set_rate(race, *index, label, best.lr) {
                *status = Some(format!("tuning {error}"));
            }
        }
    }
    race.tuned = results;
    race.sensitivity.open = true;
}

/// Sets the learning rate of the run at `index` to `lr` if it is still
/// labelled `label` (else nothing changes); the shared rate gives way.
fn set_rate(race: &mut RaceState, index: usize, label: &str, lr: f64) -> Result<(), String> {
    let Some(run) = race.lineup.runs.get_mut(index).filter(|run| run.spec.optimizer.label() == label) else {
        return Ok(());
    };
    run.spec.optimizer.set("lr", Value::Real(lr)).map_err(|error| format!("{label}: {error}"))?;
    race.lineup.shared_lr = None;
    Ok(())
}

/// Builds and installs a surface; false (and nothing changed) if it fails.
fn set_surface(race: &mut RaceState, config: SurfaceConfig) -> bool {
    match config.build() {
        Ok(surface) => {
            let surface: Arc<dyn Surface> = Arc::from(surface);
            race.surface = surface;
            race.surface_config = config;
            race.surface_error = None;
            race.fit_batch();
            // Another surface is another race: the views follow it from its latest step.
            race.timeline = Timeline::default();
            true
        }
        Err(error) => {
            race.surface_error = Some(error.to_string());
            false
        }
    }
}
