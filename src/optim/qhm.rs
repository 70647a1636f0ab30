//! Quasi-hyperbolic momentum: a step that mixes the momentum with the plain
//! gradient, ν of one and 1 − ν of the other.

use super::common::{lr, WEIGHT_DECAY};
use super::{add_scaled, learning_rate, lerp, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{flag, real, unit_interval, Bound, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// pytorch_optimizer `QHM`.
#[derive(Debug)]
pub struct Qhm {
    momentum: f64,
    nu: f64,
    decay: WeightDecay,
    buffer: Vec<f64>,
    gradient: Vec<f64>,
}

/// The weight decay options of pytorch_optimizer (`apply_weight_decay`),
/// shared by QHM and QHAdam.
pub(super) const WEIGHT_DECOUPLE: ParamSpec = flag("weight_decouple", "decay the parameters, not the gradient");
/// See [`WEIGHT_DECOUPLE`].
pub(super) const FIXED_DECAY: ParamSpec = flag("fixed_decay", "decoupled decay by wd, not lr·wd");

/// A weight between the momentum (or a moment) and the plain gradient, in [0, 1].
pub(super) const fn mix(name: &'static str, doc: &'static str) -> ParamSpec {
    real(name, 1.0, Bound::Inclusive(0.0), Bound::Inclusive(1.0), Scale::Linear, (0.0, 1.0), doc)
}

const PARAMS: &[ParamSpec] = &[
    lr(1e-3),
    unit_interval("momentum", 0.0, "decay of the momentum buffer"),
    mix("nu", "weight of the momentum in the step (1 − ν for the gradient)"),
    WEIGHT_DECAY,
    WEIGHT_DECOUPLE,
    FIXED_DECAY,
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "qhm",
        summary: "a step mixing momentum and the plain gradient (pytorch_optimizer)",
        params: PARAMS,
    },
    family: Family::GradientDescent,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "g ← g + wd·θ   (weight_decouple: θ ← θ·(1 − lr·wd), fixed_decay: θ·(1 − wd))",
        "b ← μ·b + (1 − μ)·g",
        "θ ← θ − lr·(ν·b + (1 − ν)·g)",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Qhm::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const MOMENTUM: Key<f64> = Key::real(super::PARAMS, "momentum");
    pub const NU: Key<f64> = Key::real(super::PARAMS, "nu");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
    pub const WEIGHT_DECOUPLE: Key<bool> = Key::flag(super::PARAMS, "weight_decouple");
    pub const FIXED_DECAY: Key<bool> = Key::flag(super::PARAMS, "fixed_decay");
}

/// pytorch_optimizer's `apply_weight_decay`: L2 added to the gradient, or
/// the parameters shrunk directly (by lr·wd, or wd with `fixed_decay`).
#[derive(Clone, Copy, Debug)]
pub(super) struct WeightDecay {
    /// The decay rate wd.
    pub(super) rate: f64,
    /// Shrink the parameters instead of adding to the gradient.
    pub(super) decouple: bool,
    /// Shrink by wd rather than lr·wd.
    pub(super) fixed: bool,
}

impl WeightDecay {
    /// Asks `oracle` for the gradient at `params` and applies the decay to
    /// one of the two.
    #[inline(always)]
    pub(super) fn gradient(self, oracle: &mut dyn Oracle, params: &mut [f64], lr: f64, gradient: &mut [f64]) {
        oracle.gradient(params, gradient);
        if self.rate == 0.0 {
            return;
        }
        if self.decouple {
            let keep = 1.0 - self.rate * if self.fixed { 1.0 } else { lr };
            params.iter_mut().for_each(|p| *p *= keep);
        } else {
            for (g, p) in gradient.iter_mut().zip(&*params) {
                *g = add_scaled(*g, self.rate, *p);
            }
        }
    }
}

impl Qhm {
    fn new(s: Values<'_>) -> Qhm {
        Qhm {
            momentum: s.get(key::MOMENTUM),
            nu: s.get(key::NU),
            decay: WeightDecay {
                rate: s.get(key::WEIGHT_DECAY),
                decouple: s.get(key::WEIGHT_DECOUPLE),
                fixed: s.get(key::FIXED_DECAY),
            },
            buffer: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Qhm {
    fn reset(&mut self, dim: usize) {
        self.buffer = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        self.decay.gradient(oracle, params, lr, &mut self.gradient);
        let (momentum_weight, gradient_weight) = (-lr * self.nu, -lr * (1.0 - self.nu));
        for i in 0..params.len() {
            let g = self.gradient[i];
            let b = lerp(self.buffer[i], g, 1.0 - self.momentum);
            self.buffer[i] = b;
            params[i] = add_scaled(add_scaled(params[i], momentum_weight, b), gradient_weight, g);
        }
        Ok(())
    }
}
