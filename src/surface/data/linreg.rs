//! Linear regression: the mean squared error of the line t = x·input + y
//! over rows (input, t), with the slope x and the intercept y as the point.

use rand::Rng;
use rand_distr::StandardNormal;

use super::{columns, data_error, noise, window_and_start, DataView, RowModel, Source, SourceKeys, DATA, ROWS, SEED};
use crate::plot::window::Window;
use crate::spec::error::SpecError;
use crate::spec::params::{Kind, ParamSpec};
use crate::surface::{SurfaceFamily, SurfaceInfo};

/// `f(x, y) = mean over rows of (x·inputᵢ + y − tᵢ)²`; its minimum is the
/// least-squares line.
#[derive(Clone, Debug, PartialEq)]
pub struct LinearRegression {
    input: Vec<f64>,
    target: Vec<f64>,
    /// The least-squares slope and intercept.
    least_squares: [f64; 2],
}

const PARAMS: &[ParamSpec] =
    &[DATA, ROWS, noise(0.5, "standard deviation of the generated targets about 1.5x − 0.7"), SEED];
const KEYS: SourceKeys = SourceKeys::of(PARAMS);

pub(in crate::surface) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "linreg",
        summary: "mean squared error of a line t = x·input + y over data: data=FILE (columns x, t) or n, noise, seed",
        params: PARAMS,
    },
    family: SurfaceFamily::Data,
    build: |values| Ok(Box::new(LinearRegression::from_source(KEYS.source(values))?)),
};

impl LinearRegression {
    /// The surface of rows (`input[i]`, `target[i]`); at least two rows of
    /// finite numbers.
    pub fn new(input: Vec<f64>, target: Vec<f64>) -> LinearRegression {
        let least_squares = least_squares(&input, &target);
        LinearRegression { input, target, least_squares }
    }

    fn from_source(source: Source<'_>) -> Result<LinearRegression, SpecError> {
        match source {
            Source::File(path) => {
                let mut columns = columns::read(path, &["x", "t"]).map_err(|reason| data_error("linreg", reason))?;
                let target = columns.pop().unwrap_or_default();
                let input = columns.pop().unwrap_or_default();
                Ok(LinearRegression::new(input, target))
            }
            Source::Generated { rows, noise, mut rng } => {
                let (mut input, mut target) = (Vec::with_capacity(rows), Vec::with_capacity(rows));
                for _ in 0..rows {
                    let x = -2.0 + 5.0 * rng.random::<f64>();
                    let z: f64 = rng.sample(StandardNormal);
                    input.push(x);
                    target.push(1.5 * x - 0.7 + noise * z);
                }
                Ok(LinearRegression::new(input, target))
            }
        }
    }

    /// The residual x·inputᵢ + y − tᵢ of row `i`.
    #[inline]
    fn residual(&self, [x, y]: [f64; 2], i: usize) -> f64 {
        x * self.input[i] + y - self.target[i]
    }
}

impl RowModel for LinearRegression {
    fn rows(&self) -> usize {
        self.input.len()
    }

    fn value_over(&self, p: [f64; 2], rows: impl ExactSizeIterator<Item = usize>) -> f64 {
        let count = rows.len() as f64;
        rows.map(|i| self.residual(p, i).powi(2)).sum::<f64>() / count
    }

    /// Rounded as autograd forms it: each row's 2rᵢ scaled by 1/n, then
    /// times its input.
    fn gradient_over(&self, p: [f64; 2], rows: impl ExactSizeIterator<Item = usize>) -> [f64; 2] {
        let share = 1.0 / rows.len() as f64;
        rows.fold([0.0, 0.0], |[gx, gy], i| {
            let g = share * (2.0 * self.residual(p, i));
            [gx + g * self.input[i], gy + g]
        })
    }

    fn hessian_over(&self, _: [f64; 2], rows: impl ExactSizeIterator<Item = usize>) -> [[f64; 2]; 2] {
        let share = 2.0 / rows.len() as f64;
        let [xx, x] = rows.fold([0.0, 0.0], |[xx, x], i| [xx + self.input[i] * self.input[i], x + self.input[i]]);
        [[share * xx, share * x], [share * x, 2.0]]
    }

    fn view(&self) -> DataView<'_> {
        DataView::Regression { x: &self.input, t: &self.target }
    }

    /// The least-squares line.
    fn minimum(&self) -> Option<[f64; 2]> {
        Some(self.least_squares)
    }

    /// Centred on the least-squares line, wide enough for its start.
    fn window_and_start(&self) -> (Window, [f64; 2]) {
        let [slope, intercept] = self.least_squares;
        window_and_start(self.least_squares, (1.5 * slope.abs().max(intercept.abs())).max(4.0))
    }
}

/// The least-squares slope and intercept of `target` on `input` (slope 0
/// when every input is the same).
fn least_squares(input: &[f64], target: &[f64]) -> [f64; 2] {
    let n = input.len() as f64;
    let (mean_x, mean_t) = (input.iter().sum::<f64>() / n, target.iter().sum::<f64>() / n);
    let (mut sxt, mut sxx) = (0.0, 0.0);
    for (x, t) in input.iter().zip(target) {
        sxt += (x - mean_x) * (t - mean_t);
        sxx += (x - mean_x) * (x - mean_x);
    }
    let slope = if sxx > 0.0 { sxt / sxx } else { 0.0 };
    [slope, mean_t - slope * mean_x]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::{DataFit, Surface};

    fn line() -> LinearRegression {
        LinearRegression::new(vec![-1.0, 0.0, 1.0, 2.0], vec![-2.5, -0.4, 0.7, 2.9])
    }

    #[test]
    fn the_least_squares_line_is_where_the_gradient_vanishes() {
        let surface = line();
        let [gx, gy] = surface.gradient(surface.minima()[0]);
        assert!(gx.abs() < 1e-14 && gy.abs() < 1e-14, "{gx} {gy}");
    }

    #[test]
    fn gradient_and_hessian_match_finite_differences() {
        let surface = line();
        let p = [0.3, -0.8];
        let h = 1e-6;
        let slope = |i: usize| {
            let (mut a, mut b) = (p, p);
            a[i] += h;
            b[i] -= h;
            (surface.value(a) - surface.value(b)) / (2.0 * h)
        };
        let [gx, gy] = surface.gradient(p);
        assert!((gx - slope(0)).abs() < 1e-6 && (gy - slope(1)).abs() < 1e-6);
        let hessian = surface.hessian(p);
        let mut shifted = p;
        shifted[0] += h;
        let [hx, hy] = surface.gradient(shifted);
        assert!(((hx - gx) / h - hessian[0][0]).abs() < 1e-5 && ((hy - gy) / h - hessian[1][0]).abs() < 1e-5);
    }

    #[test]
    fn a_batch_of_every_row_is_the_whole_surface() {
        let surface = line();
        let p = [0.7, 1.9];
        let every = [0, 1, 2, 3];
        assert_eq!(surface.batch_gradient(p, &every), surface.gradient(p));
        assert_eq!(surface.batch_value(p, &every), surface.value(p));
        assert_eq!(surface.batch_gradient(p, &[2]), [2.0 * (0.7 + 1.9 - 0.7), 2.0 * (0.7 + 1.9 - 0.7)]);
    }
}
