//! The loss over a K×K grid of the plane: the axes, spanned by the paths
//! or given, and the training-set data loss at every grid point, computed
//! on all cores, one workspace per worker and no allocation per point.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::plane::Plane;
use super::project::RunPath;
use super::LandscapeError;
use crate::nn::train::Problem;
use crate::nn::Workspace;

/// Values per axis when none is asked for.
pub const DEFAULT_GRID: usize = 41;
/// The fewest values per axis.
pub const MIN_GRID: usize = 3;
/// The most values per axis.
pub const MAX_GRID: usize = 401;
/// How far past the farthest path point an axis reaches, as a factor.
pub const SPAN_MARGIN: f64 = 1.25;

/// Checks a number of values per axis: [`MIN_GRID`] to [`MAX_GRID`].
pub fn check_grid(values: usize) -> Result<usize, LandscapeError> {
    if (MIN_GRID..=MAX_GRID).contains(&values) {
        Ok(values)
    } else {
        Err(LandscapeError::Grid(values))
    }
}

/// Checks a span: a finite number > 0.
pub fn check_span(span: f64) -> Result<f64, LandscapeError> {
    if span.is_finite() && span > 0.0 {
        Ok(span)
    } else {
        Err(LandscapeError::Span(span))
    }
}

/// The grid's values along each direction: `alpha[i]` along d1, `beta[j]`
/// along d2, each evenly spaced over `[−s, s]` and symmetric about 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Axes {
    /// Coordinates along d1, increasing.
    pub alpha: Vec<f64>,
    /// Coordinates along d2, increasing.
    pub beta: Vec<f64>,
}

impl Axes {
    /// `values` values per axis over `[−s1, s1]` and `[−s2, s2]`.
    pub fn new(values: usize, [s1, s2]: [f64; 2]) -> Result<Axes, LandscapeError> {
        let values = check_grid(values)?;
        let axis = |s: f64| -> Result<Vec<f64>, LandscapeError> {
            let s = check_span(s)?;
            let last = (values - 1) as f64;
            Ok((0..values).map(|i| s * (2.0 * i as f64 - last) / last).collect())
        };
        Ok(Axes { alpha: axis(s1)?, beta: axis(s2)? })
    }

    /// `values` values per axis, both over `[−span, span]` when a span is
    /// given, else each over [`SPAN_MARGIN`] times the largest |coordinate|
    /// of any point of `paths` on that axis.
    pub fn spanning(paths: &[RunPath], values: usize, span: Option<f64>) -> Result<Axes, LandscapeError> {
        let spans = match span {
            Some(span) => [span; 2],
            None => {
                let reach = |axis: usize| {
                    let far = paths.iter().flat_map(|path| &path.points).map(|p| p[axis].abs()).fold(0.0, f64::max);
                    if far > 0.0 && far.is_finite() {
                        Ok(SPAN_MARGIN * far)
                    } else {
                        Err(LandscapeError::NoSpan { axis: axis + 1 })
                    }
                };
                [reach(0)?, reach(1)?]
            }
        };
        Axes::new(values, spans)
    }

    /// Values per axis.
    pub fn len(&self) -> usize {
        self.alpha.len()
    }

    /// Whether the grid has no values (never, for axes made by [`Axes::new`]).
    pub fn is_empty(&self) -> bool {
        self.alpha.is_empty()
    }
}

/// The training-set data loss of `problem`'s network at `center + α_i·d1 +
/// β_j·d2` for every grid point, row j (β_j) after row j, on all cores.
/// `proceed` is asked before each row (false cancels: the result is then
/// [`LandscapeError::Cancelled`]).
pub fn loss_grid(
    problem: &Problem,
    center: &[f64],
    plane: &Plane,
    axes: &Axes,
    proceed: &(dyn Fn() -> bool + Sync),
) -> Result<Vec<f64>, LandscapeError> {
    let Problem { dataset, split, mlp, .. } = problem;
    let cancelled = AtomicBool::new(false);
    let mut loss = vec![f64::NAN; axes.alpha.len() * axes.beta.len()];
    loss.par_chunks_mut(axes.alpha.len()).zip(&axes.beta).for_each_init(
        || (Workspace::default(), vec![0.0; center.len()]),
        |(workspace, point), (row, &beta)| {
            if cancelled.load(Ordering::Relaxed) || !proceed() {
                cancelled.store(true, Ordering::Relaxed);
                return;
            }
            for (value, &alpha) in row.iter_mut().zip(&axes.alpha) {
                plane.point(center, [alpha, beta], point);
                *value = mlp.loss(point, dataset, &split.train, workspace);
            }
        },
    );
    if cancelled.into_inner() {
        Err(LandscapeError::Cancelled)
    } else {
        Ok(loss)
    }
}
