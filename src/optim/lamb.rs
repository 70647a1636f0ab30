//! LAMB: Adam's step rescaled so its length is lr times the parameters'
//! norm (the layer-wise trust ratio).

use super::common::{eps, eps_root, lr, BETA1, BETA2, WEIGHT_DECAY};
use super::{learning_rate, norm_xla, BiasCorrection, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{Kind, ParamSpec};
use crate::spec::settings::{no_conflict, Values};

/// optax `lamb` (`scale_by_adam`, `add_decayed_weights`,
/// `scale_by_trust_ratio`). The parameter vector is one layer, so the trust
/// ratio is ‖θ‖/‖u‖ over the whole vector (norms rounded as XLA's, see
/// [`norm_xla`]).
#[derive(Debug)]
pub struct Lamb {
    beta1: f64,
    beta2: f64,
    eps: f64,
    eps_root: f64,
    weight_decay: f64,
    bc1: BiasCorrection,
    bc2: BiasCorrection,
    mu: Vec<f64>,
    nu: Vec<f64>,
    step: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[lr(1e-3), BETA1, BETA2, eps(1e-6), eps_root(0.0), WEIGHT_DECAY];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind { name: "lamb", summary: "Adam with steps scaled to the parameters' norm (optax)", params: PARAMS },
    family: Family::SignAndTrustRatio,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "m ← (1 − β₁)·g + β₁·m        v ← (1 − β₂)·g² + β₂·v",
        "u = (m/(1 − β₁ᵗ))/(√(v/(1 − β₂ᵗ) + eps_root) + eps) + wd·θ",
        "r = ‖θ‖/‖u‖   (1 if either is 0)",
        "θ ← θ − lr·r·u",
    ],
    needs_hessian: false,
    whole_vector: true,
    check: no_conflict,
    build: |s| Box::new(Lamb::new(s)),
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

impl Lamb {
    fn new(s: Values<'_>) -> Lamb {
        let (beta1, beta2) = (s.get(key::BETA1), s.get(key::BETA2));
        Lamb {
            beta1,
            beta2,
            eps: s.get(key::EPS),
            eps_root: s.get(key::EPS_ROOT),
            weight_decay: s.get(key::WEIGHT_DECAY),
            bc1: BiasCorrection::new(beta1),
            bc2: BiasCorrection::new(beta2),
            mu: Vec::new(),
            nu: Vec::new(),
            step: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Lamb {
    fn reset(&mut self, dim: usize) {
        self.bc1 = BiasCorrection::new(self.beta1);
        self.bc2 = BiasCorrection::new(self.beta2);
        self.mu = vec![0.0; dim];
        self.nu = vec![0.0; dim];
        self.step = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        let (beta1, beta2) = (self.beta1, self.beta2);
        let (c1, c2) = (self.bc1.next(), self.bc2.next());
        for i in 0..params.len() {
            let g = self.gradient[i];
            let m = (1.0 - beta1) * g + beta1 * self.mu[i];
            let v = (1.0 - beta2) * (g * g) + beta2 * self.nu[i];
            (self.mu[i], self.nu[i]) = (m, v);
            let mut u = (m * c1) / ((v * c2 + self.eps_root).sqrt() + self.eps);
            if self.weight_decay != 0.0 {
                u += self.weight_decay * params[i];
            }
            self.step[i] = u;
        }
        let (param_norm, step_norm) = (norm_xla(params), norm_xla(&self.step));
        let ratio = if param_norm == 0.0 || step_norm == 0.0 { 1.0 } else { param_norm / step_norm };
        for (p, u) in params.iter_mut().zip(&self.step) {
            *p += -lr * (u * ratio);
        }
        Ok(())
    }
}
