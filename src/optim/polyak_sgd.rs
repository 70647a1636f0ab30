//! The Polyak step: gradient descent whose step size is the gap between the
//! loss and its known minimum over the squared gradient norm, so it needs
//! no tuning when the minimum value is known.

use super::common::{eps, lr};
use super::{learning_rate, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{choice, positive, real, Bound, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// optax `polyak_sgd` (`scale_by_polyak` after scaling the gradient by
/// −lr): the Polyak step is taken on the scaled gradient u = −lr·g, so lr
/// caps the step and divides the Polyak part of it.
#[derive(Debug)]
pub struct PolyakSgd {
    max_lr: f64,
    f_min: f64,
    eps: f64,
    plus: bool,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(1.0),
    positive("max_lr", 1.0, (1e-3, 10.0), "largest step size γ"),
    real(
        "f_min",
        0.0,
        Bound::Unbounded,
        Bound::Unbounded,
        Scale::Linear,
        (-5.0, 5.0),
        "the minimum value of f the step aims at",
    ),
    eps(0.0),
    choice("variant", "sps", &["sps", "sps_plus"], "sps_plus: no step once f ≤ f_min"),
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "polyak_sgd",
        summary: "step size from the gap f − f_min over ‖g‖²: no tuning if the minimum value is known (optax)",
        params: PARAMS,
    },
    family: Family::LearningRateFree,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "u = −lr·g     gap = f(θ) − f_min   (sps_plus: max(gap, 0))",
        "γ = min(gap/(‖u‖² + eps), max_lr)   (0 if ‖u‖² + eps ≤ ε)",
        "θ ← θ + γ·u",
    ],
    needs_hessian: false,
    whole_vector: true,
    check: no_conflict,
    build: |s| Box::new(PolyakSgd::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const MAX_LR: Key<f64> = Key::real(super::PARAMS, "max_lr");
    pub const F_MIN: Key<f64> = Key::real(super::PARAMS, "f_min");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const VARIANT: Key<&str> = Key::choice(super::PARAMS, "variant");
}

impl PolyakSgd {
    fn new(s: Values<'_>) -> PolyakSgd {
        PolyakSgd {
            max_lr: s.get(key::MAX_LR),
            f_min: s.get(key::F_MIN),
            eps: s.get(key::EPS),
            plus: s.get(key::VARIANT) == "sps_plus",
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for PolyakSgd {
    fn reset(&mut self, dim: usize) {
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        let value = oracle.value(params);
        oracle.gradient(params, &mut self.gradient);
        let scale = -lr;
        self.gradient.iter_mut().for_each(|g| *g *= scale);
        let squared_norm: f64 = self.gradient.iter().map(|u| u * u).sum();
        let gap = if self.plus { (value - self.f_min).max(0.0) } else { value - self.f_min };
        let denominator = squared_norm + self.eps;
        let step = if denominator <= f64::EPSILON { 0.0 } else { (gap / denominator).min(self.max_lr) };
        for (p, u) in params.iter_mut().zip(&self.gradient) {
            *p += step * u;
        }
        Ok(())
    }
}
