//! Plain (stochastic) gradient descent.

use super::common::{lr, WEIGHT_DECAY};
use super::{add_scaled, decayed_gradient, learning_rate, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{Kind, ParamSpec};
use crate::spec::settings::no_conflict;

/// `g ← ∇f(θ) + wd·θ;  θ ← θ − lr·g` (torch `SGD` without momentum).
#[derive(Debug)]
pub struct Sgd {
    weight_decay: f64,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[lr(0.01), WEIGHT_DECAY];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind { name: "sgd", summary: "gradient descent: step straight downhill", params: PARAMS },
    family: Family::GradientDescent,
    lr: learning_rate(PARAMS),
    update_rule: &["g ← ∇f(θ) + wd·θ", "θ ← θ − lr·g"],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Sgd { weight_decay: s.get(key::WEIGHT_DECAY), gradient: Vec::new() }),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
}

impl Optimizer for Sgd {
    fn reset(&mut self, dim: usize) {
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        decayed_gradient(oracle, params, self.weight_decay, &mut self.gradient);
        for (p, g) in params.iter_mut().zip(&self.gradient) {
            *p = add_scaled(*p, -lr, *g);
        }
        Ok(())
    }
}
