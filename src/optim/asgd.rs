//! Averaged SGD: gradient descent whose rate decays with the step count,
//! keeping a running average of the points it passes (from step t0 on);
//! the average, not the last point, is the estimate it offers.

use super::common::{lr, WEIGHT_DECAY};
use super::{add_scaled, learning_rate, CompanionKind, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{non_negative, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// torch `ASGD`. The step uses the rate η computed at the end of the step
/// before (the first step: the learning rate then), as torch does.
#[derive(Debug)]
pub struct Asgd {
    lambd: f64,
    alpha: f64,
    t0: f64,
    weight_decay: f64,
    step: u64,
    eta: Option<f64>,
    mu: f64,
    average: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(0.01),
    non_negative("lambd", 1e-4, Scale::Log, (1e-6, 1.0), "decay term: shrinks θ by λ·η and slows the rate"),
    non_negative("alpha", 0.75, Scale::Linear, (0.0, 2.0), "power of the rate's decay"),
    non_negative("t0", 1e6, Scale::Log, (1.0, 1e6), "step from which the points are averaged"),
    WEIGHT_DECAY,
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "asgd",
        summary: "gradient descent with a decaying rate, averaging its points after step t0",
        params: PARAMS,
    },
    family: Family::GradientDescent,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "g ← g + wd·θ",
        "θ ← θ·(1 − λ·η)     θ ← θ − η·g",
        "x̄ ← θ while μ = 1, else x̄ ← x̄ + μ·(θ − x̄)",
        "η ← lr / (1 + λ·lr·t)^α     μ ← 1 / max(1, t − t0)",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Asgd::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const LAMBD: Key<f64> = Key::real(super::PARAMS, "lambd");
    pub const ALPHA: Key<f64> = Key::real(super::PARAMS, "alpha");
    pub const T0: Key<f64> = Key::real(super::PARAMS, "t0");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
}

impl Asgd {
    fn new(s: Values<'_>) -> Asgd {
        Asgd {
            lambd: s.get(key::LAMBD),
            alpha: s.get(key::ALPHA),
            t0: s.get(key::T0),
            weight_decay: s.get(key::WEIGHT_DECAY),
            step: 0,
            eta: None,
            mu: 1.0,
            average: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Asgd {
    fn reset(&mut self, dim: usize) {
        self.step = 0;
        self.eta = None;
        self.mu = 1.0;
        self.average = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    fn companion_kind(&self) -> Option<(CompanionKind, usize)> {
        Some((CompanionKind::Averaged, 1))
    }

    fn companion(&self) -> &[f64] {
        &self.average
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        self.step += 1;
        let eta = *self.eta.get_or_insert(lr);
        let shrink = 1.0 - self.lambd * eta;
        for i in 0..params.len() {
            let mut g = self.gradient[i];
            if self.weight_decay != 0.0 {
                g = add_scaled(g, self.weight_decay, params[i]);
            }
            let p = add_scaled(params[i] * shrink, -eta, g);
            params[i] = p;
            self.average[i] = if self.mu == 1.0 { p } else { self.average[i] + (p - self.average[i]) * self.mu };
        }
        let t = self.step as f64;
        self.eta = Some(lr / (1.0 + self.lambd * lr * t).powf(self.alpha));
        self.mu = 1.0 / (t - self.t0).max(1.0);
        Ok(())
    }
}
