//! AdaBelief: Adam whose second moment tracks how far the gradient strays
//! from its running mean, the "belief" in the mean.

use super::common::{eps, eps_root, flag_nesterov, lr, BETA1, BETA2};
use super::{learning_rate, BiasCorrection, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{Kind, ParamSpec};
use crate::spec::settings::{no_conflict, Values};

/// optax `adabelief` (`scale_by_belief`): `s` is the running mean of
/// (g − m)², `eps_root` is added to the stored `s` every step, and the
/// Nesterov form mixes the bias-corrected look-ahead momentum with the
/// gradient.
#[derive(Debug)]
pub struct AdaBelief {
    beta1: f64,
    beta2: f64,
    eps: f64,
    eps_root: f64,
    nesterov: bool,
    bc1: BiasCorrection,
    bc1_ahead: BiasCorrection,
    bc2: BiasCorrection,
    mu: Vec<f64>,
    nu: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[lr(1e-3), BETA1, BETA2, eps(1e-16), eps_root(1e-16), flag_nesterov()];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "adabelief",
        summary: "Adam scaled by the spread of gradients around their mean (optax)",
        params: PARAMS,
    },
    family: Family::Adaptive,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "m ← (1 − β₁)·g + β₁·m        s ← (1 − β₂)·(g − m)² + β₂·s + eps_root",
        "m̂ = m/(1 − β₁ᵗ)   (nesterov: β₁·m/(1 − β₁ᵗ⁺¹) + (1 − β₁)·g/(1 − β₁ᵗ))",
        "ŝ = s/(1 − β₂ᵗ)",
        "θ ← θ − lr·m̂/(√ŝ + eps)",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(AdaBelief::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::PARAMS, "beta1");
    pub const BETA2: Key<f64> = Key::real(super::PARAMS, "beta2");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const EPS_ROOT: Key<f64> = Key::real(super::PARAMS, "eps_root");
    pub const NESTEROV: Key<bool> = Key::flag(super::PARAMS, "nesterov");
}

impl AdaBelief {
    fn new(s: Values<'_>) -> AdaBelief {
        let (beta1, beta2) = (s.get(key::BETA1), s.get(key::BETA2));
        AdaBelief {
            beta1,
            beta2,
            eps: s.get(key::EPS),
            eps_root: s.get(key::EPS_ROOT),
            nesterov: s.get(key::NESTEROV),
            bc1: BiasCorrection::new(beta1),
            bc1_ahead: BiasCorrection::ahead(beta1),
            bc2: BiasCorrection::new(beta2),
            mu: Vec::new(),
            nu: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for AdaBelief {
    fn reset(&mut self, dim: usize) {
        self.bc1 = BiasCorrection::new(self.beta1);
        self.bc1_ahead = BiasCorrection::ahead(self.beta1);
        self.bc2 = BiasCorrection::new(self.beta2);
        self.mu = vec![0.0; dim];
        self.nu = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        let (beta1, beta2) = (self.beta1, self.beta2);
        let (c1, c1_ahead, c2) = (self.bc1.next(), self.bc1_ahead.next(), self.bc2.next());
        for i in 0..params.len() {
            let g = self.gradient[i];
            let m = (1.0 - beta1) * g + beta1 * self.mu[i];
            let e = g - m;
            let s = ((1.0 - beta2) * (e * e) + beta2 * self.nu[i]) + self.eps_root;
            (self.mu[i], self.nu[i]) = (m, s);
            let m_hat = if self.nesterov { beta1 * (m * c1_ahead) + (1.0 - beta1) * (g * c1) } else { m * c1 };
            params[i] += -lr * (m_hat / ((s * c2).sqrt() + self.eps));
        }
        Ok(())
    }
}
