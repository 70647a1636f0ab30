//! Lion: the sign of an interpolated momentum.

use super::common::{lr, WEIGHT_DECAY};
use super::{learning_rate, sign, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{unit_interval, Kind, ParamSpec};
use crate::spec::settings::{no_conflict, Values};

/// optax `lion`: every coordinate moves by exactly ±lr (or 0), in the
/// direction of `sign(β₁·m + (1 − β₁)·g)`.
#[derive(Debug)]
pub struct Lion {
    beta1: f64,
    beta2: f64,
    weight_decay: f64,
    exp_avg: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(1e-4),
    unit_interval("beta1", 0.9, "weight of the momentum in the step's direction"),
    unit_interval("beta2", 0.99, "decay of the momentum"),
    WEIGHT_DECAY,
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind { name: "lion", summary: "steps of fixed size in the sign of an interpolated momentum", params: PARAMS },
    family: Family::SignAndTrustRatio,
    lr: learning_rate(PARAMS),
    update_rule: &["u = sign(β₁·m + (1 − β₁)·g)   (sign(0) = 0)", "m ← β₂·m + (1 − β₂)·g", "θ ← θ − lr·(u + wd·θ)"],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Lion::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::PARAMS, "beta1");
    pub const BETA2: Key<f64> = Key::real(super::PARAMS, "beta2");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
}

impl Lion {
    fn new(s: Values<'_>) -> Lion {
        Lion {
            beta1: s.get(key::BETA1),
            beta2: s.get(key::BETA2),
            weight_decay: s.get(key::WEIGHT_DECAY),
            exp_avg: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Lion {
    fn reset(&mut self, dim: usize) {
        self.exp_avg = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        let (beta1, beta2) = (self.beta1, self.beta2);
        for i in 0..params.len() {
            let g = self.gradient[i];
            let m = self.exp_avg[i];
            let direction = sign((1.0 - beta1) * g + beta1 * m);
            self.exp_avg[i] = (1.0 - beta2) * g + beta2 * m;
            params[i] += -lr * (direction + self.weight_decay * params[i]);
        }
        Ok(())
    }
}
