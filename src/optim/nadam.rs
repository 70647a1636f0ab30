//! NAdam: Adam with Nesterov momentum.

use super::common::{eps, lr, BETA1, BETA2, WEIGHT_DECAY};
use super::{
    addcdiv, decayed_gradient, learning_rate, Family, Moments, Optimizer, OptimizerInfo, Oracle, Powers, StepFailure,
};
use crate::spec::params::{non_negative, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// torch `NAdam`: Adam whose momentum is applied Nesterov-style, with the
/// momentum schedule `μ_t = β₁·(1 − ½·0.96^(t·ψ))`.
#[derive(Debug)]
pub struct Nadam {
    beta1: f64,
    beta2: f64,
    eps: f64,
    weight_decay: f64,
    momentum_decay: f64,
    step: u64,
    beta2_powers: Powers,
    /// μ for the coming step, computed as μₜ₊₁ by the step before.
    mu_next: f64,
    mu_product: f64,
    moments: Moments,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(0.002),
    BETA1,
    BETA2,
    eps(1e-8),
    WEIGHT_DECAY,
    non_negative("momentum_decay", 0.004, Scale::Linear, (0.0, 0.1), "ψ: how fast the momentum schedule warms up"),
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind { name: "nadam", summary: "Adam with Nesterov momentum", params: PARAMS },
    family: Family::Adaptive,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "g ← ∇f(θ) + wd·θ;   μₜ = β₁·(1 − ½·0.96^(t·ψ));   P ← P·μₜ",
        "m ← β₁·m + (1 − β₁)·g        v ← β₂·v + (1 − β₂)·g²",
        "d = √(v / (1 − β₂ᵗ)) + eps",
        "θ ← θ − lr·(1 − μₜ)/(1 − P)·g/d − lr·μₜ₊₁/(1 − P·μₜ₊₁)·m/d",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Nadam::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::PARAMS, "beta1");
    pub const BETA2: Key<f64> = Key::real(super::PARAMS, "beta2");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
    pub const MOMENTUM_DECAY: Key<f64> = Key::real(super::PARAMS, "momentum_decay");
}

impl Nadam {
    fn new(s: Values<'_>) -> Nadam {
        Nadam {
            beta1: s.get(key::BETA1),
            beta2: s.get(key::BETA2),
            eps: s.get(key::EPS),
            weight_decay: s.get(key::WEIGHT_DECAY),
            momentum_decay: s.get(key::MOMENTUM_DECAY),
            step: 0,
            beta2_powers: Powers::new(s.get(key::BETA2)),
            mu_next: f64::NAN,
            mu_product: 1.0,
            moments: Moments::default(),
            gradient: Vec::new(),
        }
    }

    fn mu(&self, t: f64) -> f64 {
        self.beta1 * (1.0 - 0.5 * 0.96f64.powf(t * self.momentum_decay))
    }
}

impl Optimizer for Nadam {
    fn reset(&mut self, dim: usize) {
        self.step = 0;
        self.beta2_powers = Powers::new(self.beta2);
        self.mu_next = self.mu(1.0);
        self.mu_product = 1.0;
        self.moments.reset(dim);
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        self.step += 1;
        decayed_gradient(oracle, params, self.weight_decay, &mut self.gradient);
        let t = self.step as f64;
        let (beta1, beta2) = (self.beta1, self.beta2);
        let bias_correction2 = 1.0 - self.beta2_powers.next();
        let mu = self.mu_next;
        let mu_next = self.mu(t + 1.0);
        self.mu_next = mu_next;
        self.mu_product *= mu;
        let mu_product_next = self.mu_product * mu_next;
        let gradient_scale = -lr * (1.0 - mu) / (1.0 - self.mu_product);
        let momentum_scale = (-lr * mu_next) / (1.0 - mu_product_next);
        for i in 0..params.len() {
            let g = self.gradient[i];
            let (m, v) = self.moments.update(i, g, beta1, beta2);
            let denom = (v / bias_correction2).sqrt() + self.eps;
            params[i] = addcdiv(params[i], gradient_scale, g, denom);
            params[i] = addcdiv(params[i], momentum_scale, m, denom);
        }
        Ok(())
    }
}
