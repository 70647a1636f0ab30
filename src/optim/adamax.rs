//! Adamax: Adam with an infinity-norm denominator.

use super::common::{eps, lr, BETA1, BETA2, WEIGHT_DECAY};
use super::{
    addcdiv, decayed_gradient, learning_rate, lerp, Family, Optimizer, OptimizerInfo, Oracle, Powers, StepFailure,
};
use crate::spec::params::{Kind, ParamSpec};
use crate::spec::settings::{no_conflict, Values};

/// torch `Adamax`: `u ← max(β₂·u, |g| + eps);  θ ← θ − (lr/(1 − β₁ᵗ))·m/u`.
#[derive(Debug)]
pub struct Adamax {
    beta1: f64,
    beta2: f64,
    eps: f64,
    weight_decay: f64,
    beta1_powers: Powers,
    exp_avg: Vec<f64>,
    exp_inf: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[lr(0.002), BETA1, BETA2, eps(1e-8), WEIGHT_DECAY];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind { name: "adamax", summary: "Adam with the largest recent gradient as its scale", params: PARAMS },
    family: Family::Adaptive,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "g ← ∇f(θ) + wd·θ",
        "m ← β₁·m + (1 − β₁)·g        u ← max(β₂·u, |g| + eps)",
        "θ ← θ − (lr/(1 − β₁ᵗ))·m/u",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Adamax::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::PARAMS, "beta1");
    pub const BETA2: Key<f64> = Key::real(super::PARAMS, "beta2");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
}

impl Adamax {
    fn new(s: Values<'_>) -> Adamax {
        Adamax {
            beta1: s.get(key::BETA1),
            beta2: s.get(key::BETA2),
            eps: s.get(key::EPS),
            weight_decay: s.get(key::WEIGHT_DECAY),
            beta1_powers: Powers::new(s.get(key::BETA1)),
            exp_avg: Vec::new(),
            exp_inf: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Adamax {
    fn reset(&mut self, dim: usize) {
        self.beta1_powers = Powers::new(self.beta1);
        self.exp_avg = vec![0.0; dim];
        self.exp_inf = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        decayed_gradient(oracle, params, self.weight_decay, &mut self.gradient);
        let clr = lr / (1.0 - self.beta1_powers.next());
        for i in 0..params.len() {
            let g = self.gradient[i];
            let m = lerp(self.exp_avg[i], g, 1.0 - self.beta1);
            let decayed = self.exp_inf[i] * self.beta2;
            let fresh = g.abs() + self.eps;
            // NaN-propagating max, as torch.amax.
            let u = if decayed.is_nan() || decayed > fresh { decayed } else { fresh };
            self.exp_avg[i] = m;
            self.exp_inf[i] = u;
            params[i] = addcdiv(params[i], -clr, m, u);
        }
        Ok(())
    }
}
