//! Scenes: a race written down in a TOML file, so a teacher can save it,
//! share it, and export it as figures.
//!
//! A scene holds a surface, an optional view window and start point, the
//! number of steps, a layout, optional gradient noise or mini-batches and the runs. Surfaces,
//! optimizers and schedules are written as the same spec strings the command
//! line takes:
//!
//! ```toml
//! title = "Four optimizers on Rosenbrock"
//! surface = "rosenbrock"
//! start = [-1.0, 1.0]
//! steps = 5000
//! layout = "grid"
//!
//! [view]
//! x_min = -2.0
//! x_max = 2.0
//! y_min = -1.0
//! y_max = 3.0
//!
//! [[runs]]
//! optimizer = "sgd:lr=0.001,label=GD"
//! color = "#0072b2"
//! ```
//!
//! Every error names the line and column and the field (`runs[1].optimizer`).

use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::engine::batch::MiniBatch;
use crate::engine::lockstep::RunSpec;
use crate::engine::race::{GradientNoise, Sampling, Simulation, MAX_RUNS};
use crate::optim::schedule::Schedule;
use crate::optim::OptimizerConfig;
use crate::plot::window::Window;
use crate::spec::error::SpecError;
use crate::surface::SurfaceConfig;
use crate::util::atomic::write_atomically;
use crate::util::memory::{self, MemoryError};

mod explanation;
mod network;
pub use explanation::Explanation;
pub use network::{AnyScene, NetScene};

/// The most steps a scene may ask for.
pub const MAX_STEPS: usize = 10_000_000;

/// How the runs of a scene are laid out in a figure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Layout {
    /// Every path on one map (`"overlay"`).
    #[default]
    #[serde(rename = "overlay")]
    Overlay,
    /// Small multiples: one map per run (`"grid"`).
    #[serde(rename = "grid")]
    Grid,
    /// The surface in perspective (`"3d"`); figures draw it as an overlay.
    #[serde(rename = "3d")]
    Surface3d,
}

impl Layout {
    /// The name a scene file and `--layout` give the layout.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Overlay => "overlay",
            Layout::Grid => "grid",
            Layout::Surface3d => "3d",
        }
    }
}

impl std::str::FromStr for Layout {
    type Err = String;

    /// The layout of [`Layout::name`] `text`.
    fn from_str(text: &str) -> Result<Layout, String> {
        [Layout::Overlay, Layout::Grid, Layout::Surface3d]
            .into_iter()
            .find(|layout| layout.name() == text)
            .ok_or_else(|| format!("'{text}' is not a layout (overlay, grid or 3d)"))
    }
}

/// One optimizer run of a scene.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneRun {
    /// The optimizer with its hyperparameters and label.
    pub optimizer: OptimizerConfig,
    /// Its learning-rate schedule.
    pub schedule: Schedule,
    /// Path colour as sRGB bytes; `None` takes the palette colour of its place.
    pub color: Option<[u8; 3]>,
    /// Disabled runs stay in the file but are not simulated.
    pub enabled: bool,
}

/// A race on one surface, as read from or written to a TOML scene file.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Figure title; `None` lets figures make one from the surface.
    pub title: Option<String>,
    /// A paragraph a teacher can read aloud.
    pub explanation: Option<String>,
    /// The surface.
    pub surface: SurfaceConfig,
    /// The window shown; `None` is the surface's own.
    pub view: Option<Window>,
    /// The start of every run; `None` is the surface's own.
    pub start: Option<[f64; 2]>,
    /// Steps every run takes (1 to [`MAX_STEPS`]).
    pub steps: usize,
    /// How figures arrange the runs.
    pub layout: Layout,
    /// Gradient noise, if any.
    pub noise: Option<GradientNoise>,
    /// Mini-batch gradients on a data surface, if any.
    pub batch: Option<MiniBatch>,
    /// The runs, at least one.
    pub runs: Vec<SceneRun>,
}

/// A scene file that cannot be read, written or understood.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SceneError {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The scene file.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
    /// The file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The scene file.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
    /// The text is not a valid scene.
    #[error("{}{field}: {message}", location_prefix(*.location))]
    Invalid {
        /// 1-based line and column, when the problem has a place in the text.
        location: Option<(usize, usize)>,
        /// The field, e.g. `runs[1].optimizer` (empty when unknown).
        field: String,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// The surface cannot be built.
    #[error("surface: {0}")]
    Surface(#[from] SpecError),
    /// The runs would not fit in memory.
    #[error(transparent)]
    Memory(#[from] MemoryError),
}

fn location_prefix(location: Option<(usize, usize)>) -> String {
    location.map_or_else(String::new, |(line, column)| format!("line {line}, column {column}: "))
}

/// The scene as TOML sees it, before spec strings are parsed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScene {
    title: Option<String>,
    explanation: Option<String>,
    surface: Spanned<String>,
    start: Option<Spanned<Vec<f64>>>,
    steps: Spanned<i64>,
    #[serde(default)]
    layout: Layout,
    view: Option<Spanned<RawView>>,
    noise: Option<Spanned<RawNoise>>,
    batch: Option<Spanned<RawBatch>>,
    #[serde(default)]
    runs: Vec<Spanned<RawRun>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawView {
    x_min: f64,
    x_max: f64,
    y_min: f64,
    y_max: f64,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawNoise {
    sigma: f64,
    #[serde(default)]
    seed: i64,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawBatch {
    size: i64,
    #[serde(default)]
    seed: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRun {
    optimizer: Spanned<String>,
    schedule: Option<Spanned<String>>,
    color: Option<Spanned<String>>,
    enabled: Option<bool>,
}

/// The scene as it is written out.
#[derive(Serialize)]
struct OutScene<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<&'a str>,
    surface: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<[f64; 2]>,
    steps: usize,
    layout: Layout,
    #[serde(skip_serializing_if = "Option::is_none")]
    view: Option<RawView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    noise: Option<RawNoise>,
    #[serde(skip_serializing_if = "Option::is_none")]
    batch: Option<RawBatch>,
    runs: Vec<OutRun>,
}

#[derive(Serialize)]
struct OutRun {
    optimizer: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    schedule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
}

impl From<&SceneRun> for OutRun {
    fn from(run: &SceneRun) -> OutRun {
        OutRun {
            optimizer: run.optimizer.to_string(),
            schedule: (run.schedule != Schedule::Constant).then(|| run.schedule.to_string()),
            color: run.color.map(format_color),
            enabled: (!run.enabled).then_some(false),
        }
    }
}

/// Turns problems into [`SceneError::Invalid`] with the line and column of a span.
struct Locator<'a> {
    text: &'a str,
}

impl Locator<'_> {
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let before = self.text.get(..offset).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }

    fn error(&self, span: Range<usize>, field: impl Into<String>, message: impl fmt::Display) -> SceneError {
        SceneError::Invalid {
            location: Some(self.line_column(span.start)),
            field: field.into(),
            message: message.to_string(),
        }
    }

    /// A whole number from 1 to `max`, blaming `field` otherwise.
    fn count(&self, value: &Spanned<i64>, field: &str, max: usize) -> Result<usize, SceneError> {
        usize::try_from(*value.get_ref())
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| self.error(value.span(), field, format!("{} is out of range (1 to {max})", value.get_ref())))
    }

    /// A TOML syntax or shape error, placed where TOML found it.
    fn toml_error(&self, e: &toml::de::Error) -> SceneError {
        match e.span() {
            Some(span) => self.error(span.clone(), self.field_at(span.start), e.message()),
            None => SceneError::Invalid { location: None, field: String::new(), message: e.message().to_owned() },
        }
    }

    /// Parses a spec string, blaming `field` on failure.
    fn spec<T: std::str::FromStr<Err = SpecError>>(
        &self,
        value: &Spanned<String>,
        field: &str,
    ) -> Result<T, SceneError> {
        value.get_ref().parse().map_err(|e| self.error(value.span(), field, e))
    }

    /// The dotted field at `offset`, read from the table headers and the key
    /// of the line: `runs[1].optimizer`, `view.x_min`, `steps`.
    fn field_at(&self, offset: usize) -> String {
        let before = self.text.get(..offset).unwrap_or(self.text);
        let mut table = String::new();
        let mut counts: Vec<(String, usize)> = Vec::new();
        for line in before.lines().map(str::trim) {
            if let Some(name) = line.strip_prefix("[[").and_then(|l| l.split("]]").next()) {
                let name = name.trim().to_owned();
                let index = match counts.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, count)) => {
                        *count += 1;
                        *count - 1
                    }
                    None => {
                        counts.push((name.clone(), 1));
                        0
                    }
                };
                table = format!("{name}[{index}]");
            } else if let Some(name) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
                table = name.trim().to_owned();
            }
        }
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = self.text.get(line_start..).and_then(|rest| rest.lines().next()).unwrap_or("");
        let key = line
            .split_once('=')
            .map(|(key, _)| key.trim())
            .filter(|key| !key.is_empty() && !key.starts_with('['))
            .map(|key| key.trim_matches('"').to_owned());
        match (table.is_empty(), key) {
            (true, Some(key)) => key,
            (false, Some(key)) => format!("{table}.{key}"),
            (_, None) => table,
        }
    }
}

/// Reads `#rrggbb` into sRGB bytes.
fn parse_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// Writes sRGB bytes as `#rrggbb`.
fn format_color([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

impl Scene {
    /// Parses and checks a scene; every error names the line, column and field.
    pub fn from_toml(text: &str) -> Result<Scene, SceneError> {
        let at = Locator { text };
        let raw: RawScene = toml::from_str(text).map_err(|e| at.toml_error(&e))?;
        let surface: SurfaceConfig = at.spec(&raw.surface, "surface")?;
        let start = match raw.start {
            Some(start) => match start.get_ref()[..] {
                [x, y] if x.is_finite() && y.is_finite() => Some([x, y]),
                [_, _] => return Err(at.error(start.span(), "start", "both coordinates must be finite")),
                ref other => {
                    let message = format!("expected two numbers [x, y], found {}", other.len());
                    return Err(at.error(start.span(), "start", message));
                }
            },
            None => None,
        };
        let steps = at.count(&raw.steps, "steps", MAX_STEPS)?;
        let view = match raw.view {
            Some(view) => {
                let RawView { x_min, x_max, y_min, y_max } = *view.get_ref();
                let window = Window::new(x_min, x_max, y_min, y_max);
                if !window.is_valid() {
                    let message = "the edges must be finite, within ±4e307, with x_min < x_max and y_min < y_max, each side wider than a billionth of its edges";
                    return Err(at.error(view.span(), "view", message));
                }
                Some(window)
            }
            None => None,
        };
        let noise = match raw.noise {
            Some(noise) => {
                let RawNoise { sigma, seed } = *noise.get_ref();
                if !(sigma.is_finite() && sigma >= 0.0) {
                    return Err(at.error(noise.span(), "noise.sigma", format!("{sigma} must be a finite number ≥ 0")));
                }
                let seed = u64::try_from(seed)
                    .map_err(|_| at.error(noise.span(), "noise.seed", format!("{seed} must be ≥ 0")))?;
                Some(GradientNoise { sigma, seed })
            }
            None => None,
        };
        let batch = match raw.batch {
            Some(batch) => Some(Scene::batch_from_raw(&at, &batch, &surface)?),
            None => None,
        };
        let runs = Scene::runs_from_raw(&at, &raw.runs)?;
        Scene::check_run_batches(&at, &raw.runs, &runs, &surface)?;
        Ok(Scene {
            title: raw.title,
            explanation: raw.explanation,
            surface,
            view,
            start,
            steps,
            layout: raw.layout,
            noise,
            batch,
            runs,
        })
    }

    /// The mini-batches of a scene file, checked against its surface's rows.
    fn batch_from_raw(
        at: &Locator<'_>,
        raw: &Spanned<RawBatch>,
        surface: &SurfaceConfig,
    ) -> Result<MiniBatch, SceneError> {
        let RawBatch { size, seed } = *raw.get_ref();
        let seed =
            u64::try_from(seed).map_err(|_| at.error(raw.span(), "batch.seed", format!("{seed} must be ≥ 0")))?;
        let batch = MiniBatch { size: usize::try_from(size).unwrap_or(0), seed };
        batch
            .check(surface.build()?.as_ref())
            .map_err(|error| at.error(raw.span(), "batch.size", error.to_string()))?;
        Ok(batch)
    }

    /// Checks each run's own mini-batch size against the surface's rows.
    fn check_run_batches(
        at: &Locator<'_>,
        raws: &[Spanned<RawRun>],
        runs: &[SceneRun],
        surface: &SurfaceConfig,
    ) -> Result<(), SceneError> {
        let mut built = None;
        for (index, (raw, run)) in raws.iter().zip(runs).enumerate() {
            if let Some(size) = run.optimizer.batch() {
                let surface = match &built {
                    Some(surface) => surface,
                    None => built.insert(surface.build()?),
                };
                MiniBatch { size, seed: 0 }.check(surface.as_ref()).map_err(|error| {
                    at.error(raw.get_ref().optimizer.span(), format!("runs[{index}].optimizer"), error.to_string())
                })?;
            }
        }
        Ok(())
    }

    /// The runs of a scene file, at least one.
    fn runs_from_raw(at: &Locator<'_>, raws: &[Spanned<RawRun>]) -> Result<Vec<SceneRun>, SceneError> {
        if raws.is_empty() {
            let message = "a scene needs at least one [[runs]] table with an optimizer";
            return Err(SceneError::Invalid { location: None, field: "runs".to_owned(), message: message.to_owned() });
        }
        if let Some(extra) = raws.get(MAX_RUNS) {
            let message = format!("a scene has at most {MAX_RUNS} runs; this one has {}", raws.len());
            return Err(at.error(extra.span(), "runs", message));
        }
        raws.iter().enumerate().map(|(i, run)| Scene::run_from_raw(at, i, run.get_ref())).collect()
    }

    fn run_from_raw(at: &Locator<'_>, index: usize, raw: &RawRun) -> Result<SceneRun, SceneError> {
        let field = |name: &str| format!("runs[{index}].{name}");
        let optimizer = at.spec(&raw.optimizer, &field("optimizer"))?;
        let schedule = match &raw.schedule {
            Some(text) => at.spec(text, &field("schedule"))?,
            None => Schedule::Constant,
        };
        let color = match &raw.color {
            Some(text) => Some(parse_color(text.get_ref()).ok_or_else(|| {
                let message = format!("'{}' is not a colour like \"#0072b2\"", text.get_ref());
                at.error(text.span(), field("color"), message)
            })?),
            None => None,
        };
        Ok(SceneRun { optimizer, schedule, color, enabled: raw.enabled.unwrap_or(true) })
    }

    /// The scene as TOML that [`Scene::from_toml`] reads back to an equal
    /// scene. (A noise seed above `i64::MAX`, which TOML cannot hold, is
    /// written as `i64::MAX`.)
    pub fn to_toml(&self) -> String {
        let out = OutScene {
            title: self.title.as_deref(),
            explanation: self.explanation.as_deref(),
            surface: self.surface.to_string(),
            start: self.start,
            steps: self.steps,
            layout: self.layout,
            view: self.view.map(|w| RawView { x_min: w.x_min, x_max: w.x_max, y_min: w.y_min, y_max: w.y_max }),
            noise: self.noise.map(|n| RawNoise { sigma: n.sigma, seed: i64::try_from(n.seed).unwrap_or(i64::MAX) }),
            batch: self.batch.map(|b| RawBatch {
                size: i64::try_from(b.size).unwrap_or(i64::MAX),
                seed: i64::try_from(b.seed).unwrap_or(i64::MAX),
            }),
            runs: self.runs.iter().map(OutRun::from).collect(),
        };
        match toml::to_string_pretty(&out) {
            Ok(text) => text,
            Err(e) => unreachable!("a scene always serializes to TOML: {e}"),
        }
    }

    /// Reads a scene file.
    pub fn load(path: &Path) -> Result<Scene, SceneError> {
        let text = memory::read_text(path, 4).map_err(|source| SceneError::Read { path: path.to_owned(), source })?;
        Scene::from_toml(&text)
    }

    /// Writes the scene file atomically: the old file stays until the new one is complete.
    pub fn save(&self, path: &Path) -> Result<(), SceneError> {
        write_atomically(path, self.to_toml().as_bytes())
            .map_err(|source| SceneError::Write { path: path.to_owned(), source })
    }

    /// The view window, or the surface's own, made drawable (see
    /// [`Window::drawable`]) however the scene was made.
    pub fn view_or_default(&self) -> Window {
        self.view.unwrap_or_else(|| self.surface_defaults().0).drawable()
    }

    /// The start point, or the surface's own.
    pub fn start_or_default(&self) -> [f64; 2] {
        self.start.unwrap_or_else(|| self.surface_defaults().1)
    }

    /// The surface's default window and start (a surface config always builds,
    /// since it was checked when parsed).
    fn surface_defaults(&self) -> (Window, [f64; 2]) {
        match self.surface.build() {
            Ok(surface) => (surface.window(), surface.start()),
            Err(_) => (Window::new(-2.0, 2.0, -2.0, 2.0), [1.0, 1.0]),
        }
    }

    /// The enabled runs with their places among all runs (for their colours).
    pub fn enabled_runs(&self) -> impl Iterator<Item = (usize, &SceneRun)> {
        self.runs.iter().enumerate().filter(|(_, run)| run.enabled)
    }

    /// A simulation of the enabled runs, at step 0, with room reserved for
    /// the scene's steps (an error if they would not fit in memory).
    pub fn simulation(&self) -> Result<Simulation, SceneError> {
        let surface = Arc::from(self.surface.build()?);
        let specs = self
            .enabled_runs()
            .map(|(_, run)| RunSpec { optimizer: run.optimizer.clone(), schedule: run.schedule.clone() })
            .collect();
        let sampling = Sampling { noise: self.noise, batch: self.batch };
        let mut simulation = Simulation::sampled(surface, self.start_or_default(), specs, sampling);
        simulation.reserve(self.steps)?;
        Ok(simulation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCENE: &str = r##"title = "Race"
surface = "rosenbrock"
start = [-1.0, 1.0]
steps = 100
layout = "grid"

[view]
x_min = -2.0
x_max = 2.0
y_min = -1.0
y_max = 3.0

[noise]
sigma = 0.1
seed = 1

[[runs]]
optimizer = "sgd:lr=0.001,label=GD"

[[runs]]
optimizer = "adam:lr=0.01"
schedule = "step:step_size=50,gamma=0.5"
color = "#0072B2"
enabled = false
"##;

    fn invalid(text: &str) -> String {
        match Scene::from_toml(text) {
            Ok(scene) => panic!("accepted {scene:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn reads_every_field_and_round_trips() -> Result<(), SceneError> {
        let scene = Scene::from_toml(SCENE)?;
        assert_eq!(scene.title.as_deref(), Some("Race"));
        assert_eq!(scene.layout, Layout::Grid);
        assert_eq!(scene.steps, 100);
        assert_eq!(scene.noise, Some(GradientNoise { sigma: 0.1, seed: 1 }));
        assert_eq!(scene.runs[0].optimizer.label(), "GD");
        assert!(scene.runs[0].enabled);
        assert_eq!(scene.runs[1].color, Some([0x00, 0x72, 0xb2]));
        assert!(!scene.runs[1].enabled);
        assert_eq!(Scene::from_toml(&scene.to_toml())?, scene);
        assert_eq!(scene.simulation()?.runs().len(), 1);
        Ok(())
    }

    #[test]
    fn defaults_come_from_the_surface() -> Result<(), SceneError> {
        let scene = Scene::from_toml("surface = \"rosenbrock\"\nsteps = 5\n[[runs]]\noptimizer = \"adam\"\n")?;
        assert_eq!(scene.layout, Layout::Overlay);
        assert_eq!(scene.start_or_default(), [-1.0, 1.0]);
        assert_eq!(scene.view_or_default(), Window::new(-2.0, 2.0, -1.0, 3.0));
        assert_eq!(Scene::from_toml(&scene.to_toml())?, scene);
        Ok(())
    }

    #[test]
    fn errors_name_line_and_field() {
        let bad_lr = SCENE.replace("adam:lr=0.01", "adam:lr=-1");
        let message = invalid(&bad_lr);
        assert!(message.starts_with("line 21, column 13: runs[1].optimizer: adam: lr=-1"), "{message}");
        let message = invalid(&SCENE.replace("steps = 100", "steps = 0"));
        assert!(message.starts_with("line 4, column 9: steps: 0 is out of range"), "{message}");
        let message = invalid(&SCENE.replace("seed = 1", "seed = 1\nspeed = 2"));
        assert!(message.starts_with("line 16, column 1: noise.speed: unknown field `speed`"), "{message}");
        let message = invalid(&SCENE.replace("#0072B2", "blue"));
        assert!(message.starts_with("line 23, column 9: runs[1].color:"), "{message}");
        let message = invalid(&SCENE.replace("x_max = 2.0", "x_max = -3.0"));
        assert!(message.contains("view: the edges must be finite"), "{message}");
        let message = invalid(&SCENE.replace("surface = \"rosenbrock\"", "surface = \"bowl:kappa=0\""));
        assert!(message.starts_with("line 2, column 11: surface: bowl: kappa=0"), "{message}");
        let message = invalid(&SCENE.replace("steps = 100", "steps = \"many\""));
        assert!(message.starts_with("line 4, column 9: steps: invalid type"), "{message}");
        let message = invalid("surface = \"rosenbrock\"\nsteps = 5\n");
        assert!(message.starts_with("runs: a scene needs at least one"), "{message}");
        let message =
            invalid("surface = \"rosenbrock\"\nsteps = 5\nstart = [1.0, nan]\n[[runs]]\noptimizer = \"sgd\"\n");
        assert!(message.starts_with("line 3, column 9: start: both coordinates"), "{message}");
    }

    #[test]
    fn load_and_save_name_the_path() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let missing = dir.path().join("missing.toml");
        let message = Scene::load(&missing).map(|_| ()).map_err(|e| e.to_string()).err().unwrap_or_default();
        assert!(message.starts_with(&format!("cannot read {}: ", missing.display())), "{message}");
        let scene = Scene::from_toml(SCENE)?;
        let path = dir.path().join("scene.toml");
        scene.save(&path)?;
        assert_eq!(Scene::load(&path)?, scene);
        Ok(())
    }

    #[test]
    fn colours_read_and_write_as_hex() {
        assert_eq!(parse_color("#00ff7F"), Some([0, 255, 127]));
        assert_eq!(parse_color("00ff7f"), None);
        assert_eq!(parse_color("#00ff7"), None);
        assert_eq!(format_color([0, 255, 127]), "#00ff7f");
    }
}
