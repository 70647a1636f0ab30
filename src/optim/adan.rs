//! Adan: Nesterov-style momentum estimated from gradient differences, with
//! no second gradient evaluation.

use super::common::{eps, eps_root, lr, WEIGHT_DECAY};
use super::{learning_rate, BiasCorrection, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{unit_interval, Kind, ParamSpec};
use crate::spec::settings::{no_conflict, Values};

/// optax `adan` (`scale_by_adan`): moments of the gradient (m), of the
/// gradient difference δ (v) and of the squared look-ahead gradient
/// g + (1 − β₂)·δ (n); weight decay is added to the update.
#[derive(Debug)]
pub struct Adan {
    beta1: f64,
    beta2: f64,
    beta3: f64,
    eps: f64,
    eps_root: f64,
    weight_decay: f64,
    bc1: BiasCorrection,
    bc2: BiasCorrection,
    bc3: BiasCorrection,
    started: bool,
    m: Vec<f64>,
    v: Vec<f64>,
    n: Vec<f64>,
    previous: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(1e-3),
    unit_interval("beta1", 0.98, "decay of the running mean of gradients"),
    unit_interval("beta2", 0.92, "decay of the running mean of gradient differences"),
    unit_interval("beta3", 0.99, "decay of the running mean of squared look-ahead gradients"),
    eps(1e-8),
    eps_root(1e-8),
    WEIGHT_DECAY,
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "adan",
        summary: "adaptive Nesterov momentum from gradient differences (optax)",
        params: PARAMS,
    },
    family: Family::Adaptive,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "δ = g − g_prev (0 at t = 1)      q = g + (1 − β₂)·δ",
        "m ← (1 − β₁)·g + β₁·m   v ← (1 − β₂)·δ + β₂·v   n ← (1 − β₃)·q² + β₃·n",
        "u = (m/(1 − β₁ᵗ) + (1 − β₂)·v/(1 − β₂ᵗ))/(√(n/(1 − β₃ᵗ) + eps_root) + eps) + wd·θ",
        "θ ← θ − lr·u",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Adan::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::PARAMS, "beta1");
    pub const BETA2: Key<f64> = Key::real(super::PARAMS, "beta2");
    pub const BETA3: Key<f64> = Key::real(super::PARAMS, "beta3");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const EPS_ROOT: Key<f64> = Key::real(super::PARAMS, "eps_root");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
}

impl Adan {
    fn new(s: Values<'_>) -> Adan {
        let (beta1, beta2, beta3) = (s.get(key::BETA1), s.get(key::BETA2), s.get(key::BETA3));
        Adan {
            beta1,
            beta2,
            beta3,
            eps: s.get(key::EPS),
            eps_root: s.get(key::EPS_ROOT),
            weight_decay: s.get(key::WEIGHT_DECAY),
            bc1: BiasCorrection::new(beta1),
            bc2: BiasCorrection::new(beta2),
            bc3: BiasCorrection::new(beta3),
            started: false,
            m: Vec::new(),
            v: Vec::new(),
            n: Vec::new(),
            previous: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Adan {
    fn reset(&mut self, dim: usize) {
        self.bc1 = BiasCorrection::new(self.beta1);
        self.bc2 = BiasCorrection::new(self.beta2);
        self.bc3 = BiasCorrection::new(self.beta3);
        self.started = false;
        self.m = vec![0.0; dim];
        self.v = vec![0.0; dim];
        self.n = vec![0.0; dim];
        self.previous = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        let (beta1, beta2, beta3) = (self.beta1, self.beta2, self.beta3);
        let (c1, c2, c3) = (self.bc1.next(), self.bc2.next(), self.bc3.next());
        for i in 0..params.len() {
            let g = self.gradient[i];
            let delta = if self.started { g - self.previous[i] } else { 0.0 };
            let m = (1.0 - beta1) * g + beta1 * self.m[i];
            let v = (1.0 - beta2) * delta + beta2 * self.v[i];
            let q = g + (1.0 - beta2) * delta;
            let n = (1.0 - beta3) * (q * q) + beta3 * self.n[i];
            (self.m[i], self.v[i], self.n[i], self.previous[i]) = (m, v, n, g);
            let mut u = (m * c1 + (1.0 - beta2) * (v * c2)) / ((n * c3 + self.eps_root).sqrt() + self.eps);
            if self.weight_decay != 0.0 {
                u += self.weight_decay * params[i];
            }
            params[i] += -lr * u;
        }
        self.started = true;
        Ok(())
    }
}
