//! L-BFGS: a quasi-Newton method. It builds an approximation of the
//! inverse Hessian from the last few steps and gradient changes, and each
//! call runs up to `max_iter` such iterations, optionally with a strong
//! Wolfe line search: one trajectory point costs many gradient evaluations.

mod line_search;

use std::collections::VecDeque;

use super::{learning_rate, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{choice, integer, non_negative, positive, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};
use line_search::{strong_wolfe, StepLength};

/// torch `LBFGS`, one `step()` call per trajectory point. Allocates (its
/// history and the line search's points), as Newton does.
#[derive(Debug)]
pub struct Lbfgs {
    max_iter: u64,
    max_eval: u64,
    tolerance_grad: f64,
    tolerance_change: f64,
    history_size: usize,
    strong_wolfe: bool,
    /// Quasi-Newton iterations over all calls so far.
    iterations: u64,
    direction: Vec<f64>,
    step_length: StepLength,
    history: VecDeque<Correction>,
    hessian_diagonal: f64,
    gradient: Vec<f64>,
    previous_gradient: Vec<f64>,
    alphas: Vec<f64>,
}

/// One pair of the history: the change of gradient y, the step s and 1/(y·s).
#[derive(Debug)]
struct Correction {
    y: Vec<f64>,
    s: Vec<f64>,
    rho: f64,
}

/// The most iterations, evaluations and history entries one may ask for.
const MAX_ITER: u64 = 10_000;

const PARAMS: &[ParamSpec] = &[
    positive("lr", 1.0, (1e-3, 2.0), "the step length tried first (the step itself without a line search)"),
    integer("max_iter", 20, 1, MAX_ITER, "quasi-Newton iterations per step"),
    integer("max_eval", 0, 0, MAX_ITER * 2, "most evaluations per step; 0 means ⌊5·max_iter/4⌋ (torch's default)"),
    non_negative(
        "tolerance_grad",
        1e-7,
        Scale::Log,
        (1e-12, 1e-2),
        "stop once every |gradient component| is this small",
    ),
    non_negative("tolerance_change", 1e-9, Scale::Log, (1e-15, 1e-3), "stop once the loss or the step changes less"),
    integer("history_size", 100, 1, MAX_ITER, "how many past steps shape the curvature estimate"),
    choice("line_search", "none", &["none", "strong_wolfe"], "strong_wolfe: search each step's length"),
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "lbfgs",
        summary: "quasi-Newton: curvature from recent steps, many evaluations per step (torch)",
        params: PARAMS,
    },
    family: Family::SecondOrder,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "y = g − g_prev,  s = τ·d  (the last history_size pairs)",
        "d = −H·g, H ≈ inverse Hessian from the pairs (two-loop recursion)",
        "θ ← θ + τ·d, τ = lr or from the strong Wolfe line search",
        "up to max_iter iterations per step",
    ],
    needs_hessian: false,
    whole_vector: true,
    check: no_conflict,
    build: |s| Box::new(Lbfgs::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const MAX_ITER: Key<u64> = Key::integer(super::PARAMS, "max_iter");
    pub const MAX_EVAL: Key<u64> = Key::integer(super::PARAMS, "max_eval");
    pub const TOLERANCE_GRAD: Key<f64> = Key::real(super::PARAMS, "tolerance_grad");
    pub const TOLERANCE_CHANGE: Key<f64> = Key::real(super::PARAMS, "tolerance_change");
    pub const HISTORY_SIZE: Key<u64> = Key::integer(super::PARAMS, "history_size");
    pub const LINE_SEARCH: Key<&str> = Key::choice(super::PARAMS, "line_search");
}

impl Lbfgs {
    fn new(s: Values<'_>) -> Lbfgs {
        let max_iter = s.get(key::MAX_ITER);
        let max_eval = match s.get(key::MAX_EVAL) {
            0 => max_iter * 5 / 4,
            given => given,
        };
        Lbfgs {
            max_iter,
            max_eval,
            tolerance_grad: s.get(key::TOLERANCE_GRAD),
            tolerance_change: s.get(key::TOLERANCE_CHANGE),
            history_size: s.get(key::HISTORY_SIZE) as usize,
            strong_wolfe: s.get(key::LINE_SEARCH) == "strong_wolfe",
            iterations: 0,
            direction: Vec::new(),
            step_length: StepLength::number(0.0),
            history: VecDeque::new(),
            hessian_diagonal: 1.0,
            gradient: Vec::new(),
            previous_gradient: Vec::new(),
            alphas: Vec::new(),
        }
    }

    /// The quasi-Newton direction −H·g from the history (two-loop recursion).
    fn update_direction(&mut self) {
        let y: Vec<f64> = self.gradient.iter().zip(&self.previous_gradient).map(|(g, p)| g - p).collect();
        let s: Vec<f64> = self.direction.iter().map(|d| d * self.step_length.value).collect();
        let ys = dot(&y, &s);
        if ys > 1e-10 {
            if self.history.len() == self.history_size {
                self.history.pop_front();
            }
            self.hessian_diagonal = ys / dot(&y, &y);
            self.history.push_back(Correction { y, s, rho: 1.0 / ys });
        }
        let mut q: Vec<f64> = self.gradient.iter().map(|g| -g).collect();
        self.alphas.clear();
        self.alphas.resize(self.history.len(), 0.0);
        for (i, pair) in self.history.iter().enumerate().rev() {
            let alpha = dot(&pair.s, &q) * pair.rho;
            self.alphas[i] = alpha;
            q.iter_mut().zip(&pair.y).for_each(|(q, y)| *q = (-alpha).mul_add(*y, *q));
        }
        let mut r: Vec<f64> = q.iter().map(|q| q * self.hessian_diagonal).collect();
        for (pair, alpha) in self.history.iter().zip(&self.alphas) {
            let beta = dot(&pair.y, &r) * pair.rho;
            r.iter_mut().zip(&pair.s).for_each(|(r, s)| *r = (alpha - beta).mul_add(*s, *r));
        }
        self.direction = r;
    }
}

/// The loss and gradient at `point` (one evaluation).
fn evaluate(oracle: &mut dyn Oracle, point: &[f64], gradient: &mut [f64]) -> f64 {
    let value = oracle.value(point);
    oracle.gradient(point, gradient);
    value
}

/// u·v, summed in order (torch's `dot` on a short vector).
fn dot(u: &[f64], v: &[f64]) -> f64 {
    u.iter().zip(v).map(|(a, b)| a * b).sum()
}

/// The largest |component|, NaN if any is (torch's `abs().max()`).
fn max_abs(v: impl IntoIterator<Item = f64>) -> f64 {
    v.into_iter().fold(0.0, |m: f64, x| if x.is_nan() || m.is_nan() { f64::NAN } else { m.max(x.abs()) })
}

impl Optimizer for Lbfgs {
    fn reset(&mut self, dim: usize) {
        self.iterations = 0;
        self.direction = vec![0.0; dim];
        self.step_length = StepLength::number(0.0);
        self.history.clear();
        self.hessian_diagonal = 1.0;
        self.gradient = vec![0.0; dim];
        self.previous_gradient = vec![0.0; dim];
    }

    fn counts_evaluations(&self) -> bool {
        true
    }

    fn allocates(&self) -> bool {
        true
    }

    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        let mut loss = evaluate(oracle, params, &mut self.gradient);
        let mut evaluations = 1;
        if max_abs(self.gradient.iter().copied()) <= self.tolerance_grad {
            return Ok(());
        }
        let mut iteration = 0;
        while iteration < self.max_iter {
            iteration += 1;
            self.iterations += 1;
            if self.iterations == 1 {
                self.direction = self.gradient.iter().map(|g| -g).collect();
                self.history.clear();
                self.hessian_diagonal = 1.0;
            } else {
                self.update_direction();
            }
            self.previous_gradient.copy_from_slice(&self.gradient);
            let previous_loss = loss;
            self.step_length =
                if self.iterations == 1 { StepLength::first(&self.gradient, lr) } else { StepLength::number(lr) };
            let slope = dot(&self.gradient, &self.direction);
            if slope > -self.tolerance_change {
                break;
            }
            let mut small_gradient = false;
            if self.strong_wolfe {
                let budget = self.max_eval.saturating_sub(evaluations);
                let found = strong_wolfe(
                    oracle,
                    params,
                    self.step_length,
                    &self.direction,
                    loss,
                    &self.gradient,
                    slope,
                    budget,
                );
                (loss, self.step_length) = (found.loss, found.step_length);
                self.gradient.copy_from_slice(&found.gradient);
                advance(params, self.step_length.value, &self.direction);
                evaluations += found.evaluations;
                small_gradient = max_abs(self.gradient.iter().copied()) <= self.tolerance_grad;
            } else {
                advance(params, self.step_length.value, &self.direction);
                if iteration != self.max_iter {
                    loss = evaluate(oracle, params, &mut self.gradient);
                    evaluations += 1;
                    small_gradient = max_abs(self.gradient.iter().copied()) <= self.tolerance_grad;
                }
            }
            let step_size = max_abs(self.direction.iter().map(|d| d * self.step_length.value));
            if iteration == self.max_iter
                || evaluations >= self.max_eval
                || small_gradient
                || step_size <= self.tolerance_change
                || (loss - previous_loss).abs() < self.tolerance_change
            {
                break;
            }
        }
        Ok(())
    }
}

/// θ ← θ + τ·d, one rounding per coordinate (torch's `add_(d, alpha=τ)`).
fn advance(params: &mut [f64], step_length: f64, direction: &[f64]) {
    params.iter_mut().zip(direction).for_each(|(p, d)| *p = step_length.mul_add(*d, *p));
}
