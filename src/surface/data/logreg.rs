//! Logistic regression without an intercept: the mean logistic loss of the
//! linear classifier x·x1 + y·x2 over labelled rows (x1, x2, label).

use rand::Rng;
use rand_distr::StandardNormal;

use super::{columns, data_error, noise, window_and_start, DataView, RowModel, Source, SourceKeys, DATA, ROWS, SEED};
use crate::plot::window::Window;
use crate::spec::error::SpecError;
use crate::spec::params::{Kind, ParamSpec};
use crate::surface::{Surface, SurfaceFamily, SurfaceInfo};

/// `f(x, y) = mean over rows of ln(1 + exp(−sᵢ(x·x1ᵢ + y·x2ᵢ)))`, sᵢ = ±1
/// the row's class, computed without overflow.
#[derive(Clone, Debug, PartialEq)]
pub struct LogisticRegression {
    x1: Vec<f64>,
    x2: Vec<f64>,
    positive: Vec<bool>,
    /// The minimum, when Newton's method finds one (none for separable data).
    minimum: Option<[f64; 2]>,
}

const PARAMS: &[ParamSpec] = &[DATA, ROWS_60, noise(0.9, "spread of the two generated blobs"), SEED];
const ROWS_60: ParamSpec = ParamSpec { default: crate::spec::params::ParamDefault::Integer(60), ..ROWS };
const KEYS: SourceKeys = SourceKeys::of(PARAMS);

/// The generated blobs' centres, of label 1 and of label 0.
const CENTRES: [[f64; 2]; 2] = [[1.2, 0.8], [-1.0, -0.6]];

pub(in crate::surface) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "logreg",
        summary:
            "logistic loss of a classifier x·x1 + y·x2 over data: data=FILE (columns x1, x2, label) or n, noise, seed",
        params: PARAMS,
    },
    family: SurfaceFamily::Data,
    build: |values| Ok(Box::new(LogisticRegression::from_source(KEYS.source(values))?)),
};

impl LogisticRegression {
    /// The surface of rows (`x1[i]`, `x2[i]`) with class `positive[i]`; at
    /// least two rows of finite numbers.
    pub fn new(x1: Vec<f64>, x2: Vec<f64>, positive: Vec<bool>) -> LogisticRegression {
        let mut surface = LogisticRegression { x1, x2, positive, minimum: None };
        surface.minimum = surface.newton_minimum();
        surface
    }

    fn from_source(source: Source<'_>) -> Result<LogisticRegression, SpecError> {
        match source {
            Source::File(path) => {
                let columns =
                    columns::read(path, &["x1", "x2", "label"]).map_err(|reason| data_error("logreg", reason))?;
                let [x1, x2, labels] = <[Vec<f64>; 3]>::try_from(columns).unwrap_or_default();
                let positive = labels
                    .iter()
                    .enumerate()
                    .map(|(row, &label)| {
                        if label == 0.0 || label == 1.0 {
                            Ok(label == 1.0)
                        } else {
                            let reason = format!("{path}: data row {}: label {label} is not 0 or 1", row + 1);
                            Err(data_error("logreg", reason))
                        }
                    })
                    .collect::<Result<_, _>>()?;
                Ok(LogisticRegression::new(x1, x2, positive))
            }
            Source::Generated { rows, noise, mut rng } => {
                let (mut x1, mut x2, mut positive) = (Vec::new(), Vec::new(), Vec::new());
                for row in 0..rows {
                    let class = row % 2 == 0;
                    let [cx, cy] = CENTRES[usize::from(!class)];
                    let (zx, zy): (f64, f64) = (rng.sample(StandardNormal), rng.sample(StandardNormal));
                    x1.push(cx + noise * zx);
                    x2.push(cy + noise * zy);
                    positive.push(class);
                }
                Ok(LogisticRegression::new(x1, x2, positive))
            }
        }
    }

    /// The margin argument −sᵢ(x·x1ᵢ + y·x2ᵢ) of row `i` and its sign −sᵢ.
    #[inline]
    fn argument(&self, [x, y]: [f64; 2], i: usize) -> (f64, f64) {
        let sign = if self.positive[i] { -1.0 } else { 1.0 };
        (sign * (x * self.x1[i] + y * self.x2[i]), sign)
    }

    /// The minimum by Newton's method from the origin, or none when the
    /// steps do not settle (separable data has no minimum).
    fn newton_minimum(&self) -> Option<[f64; 2]> {
        let mut p = [0.0, 0.0];
        for _ in 0..100 {
            let [gx, gy] = self.gradient(p);
            let [[a, b], [_, d]] = self.hessian(p);
            let det = a * d - b * b;
            let step = [(d * gx - b * gy) / det, (a * gy - b * gx) / det];
            p = [p[0] - step[0], p[1] - step[1]];
            if !(p[0].is_finite() && p[1].is_finite()) || p[0].abs().max(p[1].abs()) > 1e3 {
                return None;
            }
            if step[0].abs().max(step[1].abs()) < 1e-12 * (1.0 + p[0].abs().max(p[1].abs())) {
                return Some(p);
            }
        }
        None
    }
}

/// ln(1 + eᵘ) without overflow.
fn softplus(u: f64) -> f64 {
    u.max(0.0) + (-u.abs()).exp().ln_1p()
}

/// 1 / (1 + e⁻ᵘ) without overflow.
fn sigmoid(u: f64) -> f64 {
    if u >= 0.0 {
        1.0 / (1.0 + (-u).exp())
    } else {
        let e = u.exp();
        e / (1.0 + e)
    }
}

impl RowModel for LogisticRegression {
    fn rows(&self) -> usize {
        self.x1.len()
    }

    fn value_over(&self, p: [f64; 2], rows: impl ExactSizeIterator<Item = usize>) -> f64 {
        let count = rows.len() as f64;
        rows.map(|i| softplus(self.argument(p, i).0)).sum::<f64>() / count
    }

    /// Rounded as autograd forms it: σ(uᵢ)/n, times the sign, times the feature.
    fn gradient_over(&self, p: [f64; 2], rows: impl ExactSizeIterator<Item = usize>) -> [f64; 2] {
        let share = 1.0 / rows.len() as f64;
        rows.fold([0.0, 0.0], |[gx, gy], i| {
            let (u, sign) = self.argument(p, i);
            let g = share * sigmoid(u) * sign;
            [gx + g * self.x1[i], gy + g * self.x2[i]]
        })
    }

    fn hessian_over(&self, p: [f64; 2], rows: impl ExactSizeIterator<Item = usize>) -> [[f64; 2]; 2] {
        let share = 1.0 / rows.len() as f64;
        let [a, b, d] = rows.fold([0.0; 3], |[a, b, d], i| {
            let s = sigmoid(self.argument(p, i).0);
            let w = share * s * (1.0 - s);
            let (u, v) = (self.x1[i], self.x2[i]);
            [a + w * u * u, b + w * u * v, d + w * v * v]
        });
        [[a, b], [b, d]]
    }

    fn view(&self) -> DataView<'_> {
        DataView::Classification { x1: &self.x1, x2: &self.x2, positive: &self.positive }
    }

    fn minimum(&self) -> Option<[f64; 2]> {
        self.minimum
    }

    /// Around the origin (the classifier that knows nothing), wide enough
    /// to hold the minimum.
    fn window_and_start(&self) -> (Window, [f64; 2]) {
        let reach = self.minimum.map_or(0.0, |[x, y]| x.abs().max(y.abs()));
        window_and_start([0.0, 0.0], (1.5 * reach).max(3.2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blobs() -> LogisticRegression {
        // Overlapping classes: no line through the origin separates them.
        let x1 = vec![1.0, 2.0, -1.2, -1.0, 1.5, -0.5];
        let x2 = vec![0.5, 1.0, -0.3, -1.5, 0.2, 0.2];
        LogisticRegression::new(x1, x2, vec![true, true, true, false, false, false])
    }

    #[test]
    fn newton_finds_the_minimum_of_overlapping_classes() {
        let surface = blobs();
        let minimum = surface.minima()[0];
        let [gx, gy] = surface.gradient(minimum);
        assert!(gx.abs() < 1e-12 && gy.abs() < 1e-12, "{gx} {gy}");
    }

    #[test]
    fn separable_classes_have_no_minimum() {
        let surface = LogisticRegression::new(vec![1.0, -1.0], vec![0.0, 0.0], vec![true, false]);
        assert!(surface.minima().is_empty());
    }

    #[test]
    fn gradient_matches_finite_differences_and_survives_huge_margins() {
        let surface = blobs();
        let p = [0.4, -1.1];
        let h = 1e-6;
        let [gx, gy] = surface.gradient(p);
        let fd = |d: [f64; 2]| {
            (surface.value([p[0] + d[0], p[1] + d[1]]) - surface.value([p[0] - d[0], p[1] - d[1]])) / (2.0 * h)
        };
        assert!((gx - fd([h, 0.0])).abs() < 1e-7 && (gy - fd([0.0, h])).abs() < 1e-7);
        let far = [1e6, -1e6];
        assert!(surface.value(far).is_finite() && surface.gradient(far).iter().all(|g| g.is_finite()));
    }
}
