//! NovoGrad: momentum on the gradient normalised by a running mean of its
//! squared norm (one scalar per layer).

use super::common::{eps, eps_root, lr, BETA1, WEIGHT_DECAY};
use super::{learning_rate, norm_xla, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{unit_interval, Kind, ParamSpec};
use crate::spec::settings::{no_conflict, Values};

/// optax `novograd` (`scale_by_novograd`). The parameter vector is one
/// layer, so ν is one scalar: the running mean of ‖g‖² over the whole vector
/// (the norm rounded as XLA's, see [`norm_xla`], then squared).
#[derive(Debug)]
pub struct NovoGrad {
    beta1: f64,
    beta2: f64,
    eps: f64,
    eps_root: f64,
    weight_decay: f64,
    started: bool,
    nu: f64,
    mu: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(1e-3),
    BETA1,
    unit_interval("beta2", 0.25, "decay of the running mean of the squared gradient norm"),
    eps(1e-6),
    eps_root(0.0),
    WEIGHT_DECAY,
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind { name: "novograd", summary: "momentum on the gradient normalised by its norm (optax)", params: PARAMS },
    family: Family::SignAndTrustRatio,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "ν ← (1 − β₂)·‖g‖² + β₂·ν   (ν = ‖g‖² at t = 1)",
        "a = g/(√(ν + eps_root) + eps) + wd·θ",
        "m ← β₁·m + a   (m = a at t = 1)",
        "θ ← θ − lr·m",
    ],
    needs_hessian: false,
    whole_vector: true,
    check: no_conflict,
    build: |s| Box::new(NovoGrad::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::PARAMS, "beta1");
    pub const BETA2: Key<f64> = Key::real(super::PARAMS, "beta2");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const EPS_ROOT: Key<f64> = Key::real(super::PARAMS, "eps_root");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
}

impl NovoGrad {
    fn new(s: Values<'_>) -> NovoGrad {
        NovoGrad {
            beta1: s.get(key::BETA1),
            beta2: s.get(key::BETA2),
            eps: s.get(key::EPS),
            eps_root: s.get(key::EPS_ROOT),
            weight_decay: s.get(key::WEIGHT_DECAY),
            started: false,
            nu: 0.0,
            mu: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for NovoGrad {
    fn reset(&mut self, dim: usize) {
        self.started = false;
        self.nu = 0.0;
        self.mu = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        let norm = norm_xla(&self.gradient);
        let squared = norm * norm;
        self.nu = if self.started { (1.0 - self.beta2).mul_add(squared, self.beta2 * self.nu) } else { squared };
        let scale = 1.0 / ((self.nu + self.eps_root).sqrt() + self.eps);
        for i in 0..params.len() {
            let a = self.gradient[i] * scale + self.weight_decay * params[i];
            let m = if self.started { self.beta1.mul_add(self.mu[i], a) } else { a };
            self.mu[i] = m;
            params[i] += -lr * m;
        }
        self.started = true;
        Ok(())
    }
}
