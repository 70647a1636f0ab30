//! Yogi: Adam whose second moment moves additively, by at most (1 − β₂)·g²
//! a step, so it cannot forget a large gradient quickly.

use super::common::{lr, BETA1, BETA2};
use super::{learning_rate, sign, BiasCorrection, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{non_negative, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// optax `yogi` (`scale_by_yogi`): both moments start at 1e-6 (optax's
/// `initial_accumulator_value`), not 0.
#[derive(Debug)]
pub struct Yogi {
    beta1: f64,
    beta2: f64,
    eps: f64,
    bc1: BiasCorrection,
    bc2: BiasCorrection,
    mu: Vec<f64>,
    nu: Vec<f64>,
    gradient: Vec<f64>,
}

/// optax's `initial_accumulator_value`: where both moments start.
const INITIAL_ACCUMULATOR: f64 = 1e-6;

const PARAMS: &[ParamSpec] = &[
    lr(1e-2),
    BETA1,
    BETA2,
    non_negative("eps", 1e-3, Scale::Log, (1e-8, 1e-1), "added to the denominator to avoid division by zero"),
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "yogi",
        summary: "Adam with an additive second-moment update that forgets slowly (optax)",
        params: PARAMS,
    },
    family: Family::Adaptive,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "m, v start at 1e-6",
        "m ← (1 − β₁)·g + β₁·m",
        "v ← v − (1 − β₂)·sign(v − g²)·g²",
        "θ ← θ − lr·(m/(1 − β₁ᵗ))/(√(v/(1 − β₂ᵗ)) + eps)",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Yogi::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::PARAMS, "beta1");
    pub const BETA2: Key<f64> = Key::real(super::PARAMS, "beta2");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
}

impl Yogi {
    fn new(s: Values<'_>) -> Yogi {
        let (beta1, beta2) = (s.get(key::BETA1), s.get(key::BETA2));
        Yogi {
            beta1,
            beta2,
            eps: s.get(key::EPS),
            bc1: BiasCorrection::new(beta1),
            bc2: BiasCorrection::new(beta2),
            mu: Vec::new(),
            nu: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Yogi {
    fn reset(&mut self, dim: usize) {
        self.bc1 = BiasCorrection::new(self.beta1);
        self.bc2 = BiasCorrection::new(self.beta2);
        self.mu = vec![INITIAL_ACCUMULATOR; dim];
        self.nu = vec![INITIAL_ACCUMULATOR; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        let (beta1, beta2) = (self.beta1, self.beta2);
        let (c1, c2) = (self.bc1.next(), self.bc2.next());
        for i in 0..params.len() {
            let g = self.gradient[i];
            let g2 = g * g;
            let m = (1.0 - beta1) * g + beta1 * self.mu[i];
            let v = self.nu[i] - ((1.0 - beta2) * sign(self.nu[i] - g2)) * g2;
            (self.mu[i], self.nu[i]) = (m, v);
            params[i] += -lr * ((m * c1) / ((v * c2).sqrt() + self.eps));
        }
        Ok(())
    }
}
