//! torch's strong Wolfe line search for L-BFGS (`_strong_wolfe` and
//! `_cubic_interpolate`), operation for operation.

use super::{dot, evaluate, max_abs};
use crate::optim::Oracle;

/// Sufficient decrease (Armijo) constant.
const C1: f64 = 1e-4;
/// Curvature constant.
const C2: f64 = 0.9;
/// The search's own tolerance on the bracket's width (torch does not pass
/// the optimizer's `tolerance_change`).
const TOLERANCE_CHANGE: f64 = 1e-9;

/// A step length, and whether torch holds it as a 0-dim tensor rather than
/// a Python float: `float / tensor` is computed as `tensor.reciprocal() ·
/// float`, which can round differently, and the cubic step depends on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct StepLength {
    /// The length.
    pub value: f64,
    tensor: bool,
}

impl StepLength {
    /// A plain number.
    pub fn number(value: f64) -> StepLength {
        StepLength { value, tensor: false }
    }

    /// The first iteration's length min(1, 1/‖g‖₁)·lr: a tensor when the
    /// reciprocal is the smaller (Python's `min` keeps its first argument
    /// on a tie).
    pub fn first(gradient: &[f64], lr: f64) -> StepLength {
        let inverse = 1.0 / gradient.iter().map(|g| g.abs()).sum::<f64>();
        if inverse < 1.0 {
            StepLength { value: inverse * lr, tensor: true }
        } else {
            StepLength::number(lr)
        }
    }

    fn tensor(value: f64) -> StepLength {
        StepLength { value, tensor: true }
    }

    /// `self − other` with the types combined.
    fn minus(self, other: StepLength) -> StepLength {
        StepLength { value: self.value - other.value, tensor: self.tensor || other.tensor }
    }

    /// Python's `max(self, other)`: `other` only if it is greater.
    fn python_max(self, other: StepLength) -> StepLength {
        if other.value > self.value {
            other
        } else {
            self
        }
    }

    /// Python's `min(self, other)`: `other` only if it is smaller.
    fn python_min(self, other: StepLength) -> StepLength {
        if other.value < self.value {
            other
        } else {
            self
        }
    }
}

/// A point tried along the direction: its step length, loss, gradient and
/// directional derivative.
#[derive(Clone, Debug)]
struct Trial {
    step_length: StepLength,
    loss: f64,
    gradient: Vec<f64>,
    slope: f64,
}

/// What the search found: the step length, the loss and gradient there, and
/// the evaluations it spent.
#[derive(Debug)]
pub(super) struct Found {
    pub step_length: StepLength,
    pub loss: f64,
    pub gradient: Vec<f64>,
    pub evaluations: u64,
}

/// Evaluates the loss along `direction` from `start` at `step_length`.
fn try_step(oracle: &mut dyn Oracle, start: &[f64], direction: &[f64], step_length: StepLength) -> Trial {
    let point: Vec<f64> = start.iter().zip(direction).map(|(x, d)| step_length.value.mul_add(*d, *x)).collect();
    let mut gradient = vec![0.0; start.len()];
    let loss = evaluate(oracle, &point, &mut gradient);
    let slope = dot(&gradient, direction);
    Trial { step_length, loss, gradient, slope }
}

/// The minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2),
/// clamped to `bounds` (by default the two points).
fn cubic(
    x1: StepLength,
    f1: f64,
    g1: f64,
    x2: StepLength,
    f2: f64,
    g2: f64,
    bounds: Option<(StepLength, StepLength)>,
) -> StepLength {
    let (low, high) = bounds.unwrap_or(if x1.value <= x2.value { (x1, x2) } else { (x2, x1) });
    let width = x1.minus(x2);
    let numerator = 3.0 * (f1 - f2);
    let quotient = if width.tensor { (1.0 / width.value) * numerator } else { numerator / width.value };
    let d1 = (g1 + g2) - quotient;
    let d2_square = d1 * d1 - g1 * g2;
    if d2_square >= 0.0 {
        let d2 = d2_square.sqrt();
        let (x1, x2) = (x1.value, x2.value);
        let minimum = if x1 <= x2 {
            x2 - (x2 - x1) * (((g2 + d2) - d1) / ((g2 - g1) + 2.0 * d2))
        } else {
            x1 - (x1 - x2) * (((g1 + d2) - d1) / ((g1 - g2) + 2.0 * d2))
        };
        StepLength::tensor(minimum).python_max(low).python_min(high)
    } else {
        StepLength { value: (low.value + high.value) / 2.0, tensor: low.tensor || high.tensor }
    }
}

/// Whether `trial` fails the sufficient-decrease condition from `loss`
/// with slope `slope`.
fn too_high(trial: &Trial, loss: f64, slope: f64) -> bool {
    trial.loss > loss + (C1 * trial.step_length.value) * slope
}

/// The strong Wolfe search from `start` along `direction`, starting at
/// `step_length`, where the loss is `loss`, the gradient `gradient` and the
/// slope `slope` (< 0); at most `max_ls` further evaluations after the first.
#[allow(clippy::too_many_arguments)]
pub(super) fn strong_wolfe(
    oracle: &mut dyn Oracle,
    start: &[f64],
    step_length: StepLength,
    direction: &[f64],
    loss: f64,
    gradient: &[f64],
    slope: f64,
    max_ls: u64,
) -> Found {
    let direction_size = max_abs(direction.iter().copied());
    let mut trial = try_step(oracle, start, direction, step_length);
    let mut evaluations = 1;
    let origin = Trial { step_length: StepLength::number(0.0), loss, gradient: gradient.to_vec(), slope };
    let mut previous = origin.clone();
    let mut done = false;
    let mut searched = 0;
    let mut bracket: Option<[Trial; 2]> = None;
    while searched < max_ls {
        if too_high(&trial, loss, slope) || (searched > 1 && trial.loss >= previous.loss) {
            bracket = Some([previous, trial.clone()]);
            break;
        }
        if trial.slope.abs() <= -C2 * slope {
            bracket = Some([trial.clone(), trial.clone()]);
            done = true;
            break;
        }
        if trial.slope >= 0.0 {
            bracket = Some([previous, trial.clone()]);
            break;
        }
        let t = trial.step_length;
        let low = StepLength {
            value: t.value + 0.01 * (t.value - previous.step_length.value),
            tensor: t.tensor || previous.step_length.tensor,
        };
        let high = StepLength { value: t.value * 10.0, tensor: t.tensor };
        let next =
            cubic(previous.step_length, previous.loss, previous.slope, t, trial.loss, trial.slope, Some((low, high)));
        previous = trial;
        trial = try_step(oracle, start, direction, next);
        evaluations += 1;
        searched += 1;
    }
    let mut bracket = bracket.unwrap_or([origin, trial]);
    let order = |b: &[Trial; 2]| if b[0].loss <= b[1].loss { (0, 1) } else { (1, 0) };
    let (mut low, mut high) = order(&bracket);
    let mut insufficient_progress = false;
    while !done && searched < max_ls {
        let (a, b) = (&bracket[0], &bracket[1]);
        if (b.step_length.value - a.step_length.value).abs() * direction_size < TOLERANCE_CHANGE {
            break;
        }
        let mut t = cubic(a.step_length, a.loss, a.slope, b.step_length, b.loss, b.slope, None);
        let largest = a.step_length.python_max(b.step_length);
        let smallest = a.step_length.python_min(b.step_length);
        let eps =
            StepLength { value: 0.1 * (largest.value - smallest.value), tensor: largest.tensor || smallest.tensor };
        if (largest.value - t.value).min(t.value - smallest.value) < eps.value {
            if insufficient_progress || t.value >= largest.value || t.value <= smallest.value {
                t = if (t.value - largest.value).abs() < (t.value - smallest.value).abs() {
                    largest.minus(eps)
                } else {
                    StepLength { value: smallest.value + eps.value, tensor: smallest.tensor || eps.tensor }
                };
                insufficient_progress = false;
            } else {
                insufficient_progress = true;
            }
        } else {
            insufficient_progress = false;
        }
        let trial = try_step(oracle, start, direction, t);
        evaluations += 1;
        searched += 1;
        if too_high(&trial, loss, slope) || trial.loss >= bracket[low].loss {
            bracket[high] = trial;
            (low, high) = order(&bracket);
        } else {
            if trial.slope.abs() <= -C2 * slope {
                done = true;
            } else if trial.slope * (bracket[high].step_length.value - bracket[low].step_length.value) >= 0.0 {
                bracket[high] = bracket[low].clone();
            }
            bracket[low] = trial;
        }
    }
    let [first, second] = bracket;
    let best = if low == 0 { first } else { second };
    Found { step_length: best.step_length, loss: best.loss, gradient: best.gradient, evaluations }
}
