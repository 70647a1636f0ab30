//! Data surfaces: the loss of a real two-parameter model over a small data
//! set, so that a mini-batch gradient is the real thing (SPEC §9). The data
//! come from a CSV file with named columns or are generated from a seed;
//! every loss, gradient and Hessian is a mean over rows, over all of them
//! for the surface and over a batch of them for a stochastic step.

mod columns;
mod linreg;
mod logreg;

use std::fmt;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

pub use linreg::LinearRegression;
pub(super) use linreg::INFO as LINREG;
pub use logreg::LogisticRegression;
pub(super) use logreg::INFO as LOGREG;

use crate::plot::window::Window;
use crate::spec::error::SpecError;
use crate::spec::key::Key;
use crate::spec::params::{self, Bound, ParamSpec, Scale};
use crate::spec::settings::Values;
use crate::surface::{InlineGradient, Surface};

/// The most rows a data surface holds: every point of the contour plot and
/// every full-batch step is a pass over them.
pub const MAX_ROWS: usize = 10_000;

/// A model's loss over rows of data: what a mini-batch step asks for.
pub trait DataFit: Send + Sync + fmt::Debug {
    /// Number of rows.
    fn rows(&self) -> usize;
    /// The mean loss over `rows` (indices in ascending order).
    fn batch_value(&self, p: [f64; 2], rows: &[u32]) -> f64;
    /// The gradient of [`DataFit::batch_value`].
    fn batch_gradient(&self, p: [f64; 2], rows: &[u32]) -> [f64; 2];
    /// The Hessian of [`DataFit::batch_value`].
    fn batch_hessian(&self, p: [f64; 2], rows: &[u32]) -> [[f64; 2]; 2];
    /// The rows, for drawing the data with the model at a point.
    fn view(&self) -> DataView<'_>;
}

/// A data set as the app draws it.
#[derive(Clone, Copy, Debug)]
pub enum DataView<'a> {
    /// Points (xᵢ, tᵢ) that the line t = slope·x + intercept fits, the
    /// slope and intercept being the surface's x and y.
    Regression {
        /// Inputs.
        x: &'a [f64],
        /// Targets.
        t: &'a [f64],
    },
    /// Points (x1ᵢ, x2ᵢ) of two classes that the line x·x1 + y·x2 = 0
    /// separates.
    Classification {
        /// First feature.
        x1: &'a [f64],
        /// Second feature.
        x2: &'a [f64],
        /// Whether each row has label 1.
        positive: &'a [bool],
    },
}

/// A model's loss as a mean over rows of data, from which [`DataFit`] and
/// [`Surface`] are made once for every such model. Each mean runs over the
/// rows it is given, in their order, so that a batch of every row is the
/// whole surface, bit for bit.
pub trait RowModel: Send + Sync + fmt::Debug {
    /// Number of rows.
    fn rows(&self) -> usize;
    /// The mean loss at `p` over `rows`.
    fn value_over(&self, p: [f64; 2], rows: impl ExactSizeIterator<Item = usize>) -> f64;
    /// The gradient of [`RowModel::value_over`].
    fn gradient_over(&self, p: [f64; 2], rows: impl ExactSizeIterator<Item = usize>) -> [f64; 2];
    /// The Hessian of [`RowModel::value_over`].
    fn hessian_over(&self, p: [f64; 2], rows: impl ExactSizeIterator<Item = usize>) -> [[f64; 2]; 2];
    /// The rows, for drawing.
    fn view(&self) -> DataView<'_>;
    /// The minimum of the mean loss over every row, when there is one.
    fn minimum(&self) -> Option<[f64; 2]>;
    /// The window the surface shows and the start a race takes in it.
    fn window_and_start(&self) -> (Window, [f64; 2]);
}

/// Every row, in order: the full data set as a batch.
fn all_rows(count: usize) -> impl ExactSizeIterator<Item = usize> {
    0..count
}

/// Rows of a batch as indices.
fn batch_rows(rows: &[u32]) -> impl ExactSizeIterator<Item = usize> + '_ {
    rows.iter().map(|&row| row as usize)
}

impl<M: RowModel> DataFit for M {
    fn rows(&self) -> usize {
        RowModel::rows(self)
    }

    fn batch_value(&self, p: [f64; 2], rows: &[u32]) -> f64 {
        self.value_over(p, batch_rows(rows))
    }

    fn batch_gradient(&self, p: [f64; 2], rows: &[u32]) -> [f64; 2] {
        self.gradient_over(p, batch_rows(rows))
    }

    fn batch_hessian(&self, p: [f64; 2], rows: &[u32]) -> [[f64; 2]; 2] {
        self.hessian_over(p, batch_rows(rows))
    }

    fn view(&self) -> DataView<'_> {
        RowModel::view(self)
    }
}

impl<M: RowModel> Surface for M {
    fn value(&self, p: [f64; 2]) -> f64 {
        self.value_over(p, all_rows(RowModel::rows(self)))
    }

    fn gradient(&self, p: [f64; 2]) -> [f64; 2] {
        self.gradient_over(p, all_rows(RowModel::rows(self)))
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::Dynamic(self)
    }

    fn hessian(&self, p: [f64; 2]) -> [[f64; 2]; 2] {
        self.hessian_over(p, all_rows(RowModel::rows(self)))
    }

    fn natural_window(&self) -> Window {
        self.window_and_start().0
    }

    fn start(&self) -> [f64; 2] {
        self.window_and_start().1
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        self.minimum().into_iter().collect()
    }

    fn data(&self) -> Option<&dyn DataFit> {
        Some(self)
    }
}

/// The parameters every data surface takes beside its generator's: the
/// file, the number of rows to generate and the generator's seed.
const DATA: ParamSpec = params::path("data", "CSV file of the rows; none: generate them from n, noise and seed");
const ROWS: ParamSpec = params::integer("n", 40, 2, MAX_ROWS as u64, "rows to generate");
const SEED: ParamSpec = params::integer("seed", 0, 0, u64::MAX, "seed of the generated rows");

/// The generated rows' noise parameter with its default.
const fn noise(default: f64, doc: &'static str) -> ParamSpec {
    params::real("noise", default, Bound::Inclusive(0.0), Bound::Unbounded, Scale::Linear, (0.0, 3.0), doc)
}

/// Where a data surface's rows come from, read from its settings.
enum Source<'a> {
    /// A CSV file.
    File(&'a str),
    /// Generated: how many rows, their noise, the seed.
    Generated { rows: usize, noise: f64, rng: Box<ChaCha8Rng> },
}

/// The keys of a data surface's common parameters in its table.
struct SourceKeys {
    data: Key<&'static str>,
    rows: Key<u64>,
    noise: Key<f64>,
    seed: Key<u64>,
}

impl SourceKeys {
    /// The keys of a table that lists `data`, `n`, `noise` and `seed`.
    const fn of(table: &[ParamSpec]) -> SourceKeys {
        SourceKeys {
            data: Key::path(table, "data"),
            rows: Key::integer(table, "n"),
            noise: Key::real(table, "noise"),
            seed: Key::integer(table, "seed"),
        }
    }

    /// Where the rows come from.
    fn source<'a>(&self, values: Values<'a>) -> Source<'a> {
        // Every key is read, so that the settings are read whole either way.
        let (path, rows, noise, seed) =
            (values.get(self.data), values.get(self.rows), values.get(self.noise), values.get(self.seed));
        if path.is_empty() {
            let rows = usize::try_from(rows).unwrap_or(MAX_ROWS);
            Source::Generated { rows, noise, rng: Box::new(ChaCha8Rng::seed_from_u64(seed)) }
        } else {
            Source::File(path)
        }
    }
}

/// A square window of half-width `half` around `center`, and the start a
/// race takes in it: up and to the left, off to one side of the minimum.
fn window_and_start(center: [f64; 2], half: f64) -> (Window, [f64; 2]) {
    let [cx, cy] = center;
    let window = Window::new(cx - half, cx + half, cy - half, cy + half);
    (window, [cx - 0.625 * half, cy + 0.78 * half])
}

/// A data error of surface `kind`.
fn data_error(kind: &'static str, reason: impl Into<String>) -> SpecError {
    SpecError::Data { kind, reason: reason.into() }
}
