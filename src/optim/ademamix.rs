//! AdEMAMix: Adam plus a second, much slower momentum added to the first.

use super::common::{eps, eps_root, lr, BETA1, BETA2, WEIGHT_DECAY};
use super::{learning_rate, BiasCorrection, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{non_negative, real, Bound, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// optax.contrib `ademamix` (`scale_by_ademamix`) with constant β₃ and α:
/// the slow momentum m₂ is not bias-corrected; weight decay is added to
/// the update (decoupled, as AdamW).
#[derive(Debug)]
pub struct AdEMAMix {
    beta1: f64,
    beta2: f64,
    beta3: f64,
    alpha: f64,
    eps: f64,
    eps_root: f64,
    weight_decay: f64,
    bc1: BiasCorrection,
    bc2: BiasCorrection,
    m1: Vec<f64>,
    m2: Vec<f64>,
    nu: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(1e-3),
    BETA1,
    BETA2,
    real(
        "beta3",
        0.9999,
        Bound::Inclusive(0.0),
        Bound::Exclusive(1.0),
        Scale::Linear,
        (0.9, 0.99999),
        "decay of the slow momentum",
    ),
    non_negative("alpha", 5.0, Scale::Linear, (0.0, 10.0), "weight of the slow momentum in the step"),
    eps(1e-8),
    eps_root(0.0),
    WEIGHT_DECAY,
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind { name: "ademamix", summary: "Adam plus a slow momentum added to the fast one (optax)", params: PARAMS },
    family: Family::Adaptive,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "m₁ ← (1 − β₁)·g + β₁·m₁      m₂ ← (1 − β₃)·g + β₃·m₂",
        "v ← (1 − β₂)·g² + β₂·v",
        "u = (m₁/(1 − β₁ᵗ) + α·m₂)/(√(v/(1 − β₂ᵗ) + eps_root) + eps) + wd·θ",
        "θ ← θ − lr·u",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(AdEMAMix::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::PARAMS, "beta1");
    pub const BETA2: Key<f64> = Key::real(super::PARAMS, "beta2");
    pub const BETA3: Key<f64> = Key::real(super::PARAMS, "beta3");
    pub const ALPHA: Key<f64> = Key::real(super::PARAMS, "alpha");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const EPS_ROOT: Key<f64> = Key::real(super::PARAMS, "eps_root");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
}

impl AdEMAMix {
    fn new(s: Values<'_>) -> AdEMAMix {
        let (beta1, beta2) = (s.get(key::BETA1), s.get(key::BETA2));
        AdEMAMix {
            beta1,
            beta2,
            beta3: s.get(key::BETA3),
            alpha: s.get(key::ALPHA),
            eps: s.get(key::EPS),
            eps_root: s.get(key::EPS_ROOT),
            weight_decay: s.get(key::WEIGHT_DECAY),
            bc1: BiasCorrection::new(beta1),
            bc2: BiasCorrection::new(beta2),
            m1: Vec::new(),
            m2: Vec::new(),
            nu: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for AdEMAMix {
    fn reset(&mut self, dim: usize) {
        self.bc1 = BiasCorrection::new(self.beta1);
        self.bc2 = BiasCorrection::new(self.beta2);
        self.m1 = vec![0.0; dim];
        self.m2 = vec![0.0; dim];
        self.nu = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        let (beta1, beta2, beta3) = (self.beta1, self.beta2, self.beta3);
        let (c1, c2) = (self.bc1.next(), self.bc2.next());
        for i in 0..params.len() {
            let g = self.gradient[i];
            let m1 = (1.0 - beta1) * g + beta1 * self.m1[i];
            let m2 = (1.0 - beta3) * g + beta3 * self.m2[i];
            let v = (1.0 - beta2) * (g * g) + beta2 * self.nu[i];
            (self.m1[i], self.m2[i], self.nu[i]) = (m1, m2, v);
            let mut u = (m1 * c1 + self.alpha * m2) / ((v * c2 + self.eps_root).sqrt() + self.eps);
            if self.weight_decay != 0.0 {
                u += self.weight_decay * params[i];
            }
            params[i] += -lr * u;
        }
        Ok(())
    }
}
