//! A network's own loss landscape (Li et al., "Visualizing the Loss
//! Landscape of Neural Nets", 2018): the training loss over a plane
//! through weight space, centred on the first run's final parameters,
//! with every run's path projected onto it — the contour picture of the
//! 2-D surfaces, for a real model (SPEC 8c).
//!
//! The steps, each usable alone (the app runs them as a background job):
//! [`ParamPaths::record`] trains and keeps every epoch's parameters;
//! [`ParamPaths::into_displacements`] makes them the rows `θ − c`;
//! [`Plane::new`] fits the plane; [`project`] puts the paths on it;
//! [`Axes::spanning`] spans the grid; [`loss_grid`] computes it.
//! [`Landscape::compute`] does the last four. The slow parts take a
//! `proceed` callback, asked once per epoch and once per grid row, whose
//! `false` cancels: a job of `epochs + grid` parts.

mod grid;
mod paths;
mod plane;
mod project;
pub mod record;

pub use grid::{check_grid, check_span, loss_grid, Axes, DEFAULT_GRID, MAX_GRID, MIN_GRID, SPAN_MARGIN};
pub use paths::{Displacements, ParamPaths, MAX_RECORDED};
pub use plane::Plane;
pub use project::{project, RunPath};

use super::train::Problem;
use crate::plot::contour::Grid;
use crate::plot::window::Window;
use crate::util::memory::MemoryError;

/// How the plane's directions are chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PlaneKind {
    /// The paths' two principal directions.
    #[default]
    Pca,
    /// Two seeded random directions, filter-normalised.
    Random,
}

impl PlaneKind {
    /// The spec word: `pca` or `random`.
    pub fn name(self) -> &'static str {
        match self {
            PlaneKind::Pca => "pca",
            PlaneKind::Random => "random",
        }
    }

    /// The plane by its spec word.
    pub fn from_name(name: &str) -> Option<PlaneKind> {
        [PlaneKind::Pca, PlaneKind::Random].into_iter().find(|kind| kind.name() == name)
    }
}

/// What a landscape is asked for beyond the training.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LandscapeSettings {
    /// How the plane is chosen.
    pub plane: PlaneKind,
    /// Values per axis ([`MIN_GRID`] to [`MAX_GRID`]).
    pub grid: usize,
    /// Both axes over `[−span, span]`; `None`: spanned by the paths.
    pub span: Option<f64>,
    /// Seed of a random plane's directions.
    pub seed: u64,
}

impl Default for LandscapeSettings {
    fn default() -> LandscapeSettings {
        LandscapeSettings { plane: PlaneKind::Pca, grid: DEFAULT_GRID, span: None, seed: 0 }
    }
}

/// A network's loss over a plane, with the runs' paths on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Landscape {
    /// The centre c: the first run's final parameters.
    pub center: Vec<f64>,
    /// The plane's directions (and, for PCA, their shares).
    pub plane: Plane,
    /// The grid's coordinates along d1 and d2.
    pub axes: Axes,
    /// The training-set data loss at `c + α_i·d1 + β_j·d2`, at `j·K + i`.
    pub loss: Vec<f64>,
    /// Each run's path on the plane.
    pub paths: Vec<RunPath>,
}

impl Landscape {
    /// The landscape of `problem` around `paths` (recorded from a training
    /// of it): the plane, the paths on it, the axes and the loss grid.
    /// `proceed` is asked before each grid row; false cancels.
    pub fn compute(
        problem: &Problem,
        paths: ParamPaths,
        settings: &LandscapeSettings,
        proceed: &(dyn Fn() -> bool + Sync),
    ) -> Result<Landscape, LandscapeError> {
        let grid = check_grid(settings.grid)?;
        let span = settings.span.map(check_span).transpose()?;
        let displacements = paths.into_displacements();
        let plane = Plane::new(settings.plane, &displacements, &problem.mlp, settings.seed)?;
        let paths = project(&plane, &displacements);
        let axes = Axes::spanning(&paths, grid, span)?;
        let Displacements { center, .. } = displacements;
        let loss = loss_grid(problem, &center, &plane, &axes, proceed)?;
        Ok(Landscape { center, plane, axes, loss, paths })
    }

    /// The loss over the plane as a contour grid: α along x, β along y.
    pub fn grid(&self) -> Grid {
        let (alpha, beta) = (&self.axes.alpha, &self.axes.beta);
        let window = Window::new(alpha[0], alpha[alpha.len() - 1], beta[0], beta[beta.len() - 1]);
        Grid { window, nx: alpha.len(), ny: beta.len(), values: self.loss.clone() }
    }

    /// The loss at grid column `i` (α_i) of row `j` (β_j).
    pub fn loss_at(&self, i: usize, j: usize) -> f64 {
        self.loss[j * self.axes.len() + i]
    }
}

/// Why a landscape cannot be made.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LandscapeError {
    /// The recorded parameters would be too many numbers.
    #[error(
        "a landscape records every epoch's parameters: {runs} run(s) × {points} epochs × {parameters} parameters \
         is {numbers} numbers, over the limit of {MAX_RECORDED} (ask for fewer epochs or runs, or a smaller model)"
    )]
    TooLarge {
        /// Runs asked for.
        runs: usize,
        /// Recorded epochs per run (the start included).
        points: usize,
        /// Parameters of the network.
        parameters: usize,
        /// Their product.
        numbers: u64,
    },
    /// The recorded parameters would not fit in memory.
    #[error(transparent)]
    Memory(#[from] MemoryError),
    /// A run stopped before the last epoch.
    #[error(
        "{optimizer} (run {run}) diverged at epoch {epoch}: {cause}; a landscape needs every run's whole path \
         (lower its learning rate or leave it out)"
    )]
    Diverged {
        /// The run's optimizer label.
        optimizer: String,
        /// Its place among the runs (0-based).
        run: usize,
        /// The first epoch it could not take.
        epoch: usize,
        /// Why it stopped.
        cause: String,
    },
    /// A number of values per axis out of range.
    #[error("a grid of {0} values per axis; expected {MIN_GRID} to {MAX_GRID}")]
    Grid(usize),
    /// A span that is not a finite number above zero.
    #[error("a span of {0}; expected a finite number > 0")]
    Span(f64),
    /// The paths lie along fewer than two directions, so PCA finds no plane.
    #[error(
        "the paths lie along fewer than two directions, so they fix no PCA plane \
         (train longer, add a run, or use the random plane)"
    )]
    Flat,
    /// The eigendecomposition behind PCA failed.
    #[error("the principal directions of the paths could not be computed")]
    NoConvergence,
    /// Every path point has coordinate zero on an axis, so it has no span.
    #[error("the paths do not leave the centre along d{axis}, so they give the grid no span (give one)")]
    NoSpan {
        /// The axis: 1 or 2.
        axis: usize,
    },
    /// The caller's `proceed` asked to stop.
    #[error("cancelled")]
    Cancelled,
}
