//! RAdam: Adam with a rectified warm-up of the adaptive step.

use super::common::{eps, lr, BETA1, BETA2, WEIGHT_DECAY};
use super::{decayed_gradient, learning_rate, Family, Moments, Optimizer, OptimizerInfo, Oracle, Powers, StepFailure};
use crate::spec::params::{Kind, ParamSpec};
use crate::spec::settings::{no_conflict, Values};

/// torch `RAdam`: plain momentum steps while the variance estimate is too
/// young (ρ_t ≤ 5), then Adam steps scaled by the rectification term r.
#[derive(Debug)]
pub struct Radam {
    beta1: f64,
    beta2: f64,
    eps: f64,
    weight_decay: f64,
    step: u64,
    beta1_powers: Powers,
    beta2_powers: Powers,
    moments: Moments,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[lr(0.001), BETA1, BETA2, eps(1e-8), WEIGHT_DECAY];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind { name: "radam", summary: "Adam that warms up its adaptive step by itself", params: PARAMS },
    family: Family::Adaptive,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "g ← ∇f(θ) + wd·θ;   m, v as Adam;   m̂ = m/(1 − β₁ᵗ)",
        "ρ∞ = 2/(1 − β₂) − 1;   ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)",
        "ρₜ > 5:  r = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ)),  θ ← θ − lr·m̂·r·√(1 − β₂ᵗ)/(√v + eps)",
        "else:    θ ← θ − lr·m̂",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Radam::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::PARAMS, "beta1");
    pub const BETA2: Key<f64> = Key::real(super::PARAMS, "beta2");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
}

impl Radam {
    fn new(s: Values<'_>) -> Radam {
        Radam {
            beta1: s.get(key::BETA1),
            beta2: s.get(key::BETA2),
            eps: s.get(key::EPS),
            weight_decay: s.get(key::WEIGHT_DECAY),
            step: 0,
            beta1_powers: Powers::new(s.get(key::BETA1)),
            beta2_powers: Powers::new(s.get(key::BETA2)),
            moments: Moments::default(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Radam {
    fn reset(&mut self, dim: usize) {
        self.step = 0;
        self.beta1_powers = Powers::new(self.beta1);
        self.beta2_powers = Powers::new(self.beta2);
        self.moments.reset(dim);
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        self.step += 1;
        decayed_gradient(oracle, params, self.weight_decay, &mut self.gradient);
        let t = self.step as f64;
        let (beta1, beta2) = (self.beta1, self.beta2);
        let beta2_t = self.beta2_powers.next();
        let bias_correction1 = 1.0 - self.beta1_powers.next();
        let bias_correction2 = 1.0 - beta2_t;
        let rho_inf = 2.0 / (1.0 - beta2) - 1.0;
        let rho_t = rho_inf - 2.0 * t * beta2_t / bias_correction2;
        let rect = (rho_t > 5.0)
            .then(|| ((rho_t - 4.0) * (rho_t - 2.0) * rho_inf / ((rho_inf - 4.0) * (rho_inf - 2.0) * rho_t)).sqrt());
        let bias_correction2_sqrt = bias_correction2.sqrt();
        for i in 0..params.len() {
            let g = self.gradient[i];
            let (m, v) = self.moments.update(i, g, beta1, beta2);
            let corrected = m / bias_correction1;
            params[i] -= match rect {
                Some(r) => corrected * lr * (bias_correction2_sqrt / (v.sqrt() + self.eps)) * r,
                None => corrected * lr,
            };
        }
        Ok(())
    }
}
