//! AdaGrad: per-coordinate steps that shrink with the gradients seen so far.

use super::common::{eps, lr, WEIGHT_DECAY};
use super::{addcdiv, addcmul, decayed_gradient, learning_rate, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{non_negative, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// torch `Adagrad`: `s ← s + g²;  θ ← θ − clr·g / (√s + eps)` with
/// `clr = lr / (1 + (t − 1)·lr_decay)`.
#[derive(Debug)]
pub struct Adagrad {
    lr_decay: f64,
    weight_decay: f64,
    initial_accumulator_value: f64,
    eps: f64,
    step: u64,
    sum: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(0.01),
    non_negative("lr_decay", 0.0, Scale::Linear, (0.0, 0.1), "learning rate divided by 1 + (t−1)·lr_decay"),
    WEIGHT_DECAY,
    non_negative(
        "initial_accumulator_value",
        0.0,
        Scale::Linear,
        (0.0, 1.0),
        "starting value of the sum of squared gradients",
    ),
    eps(1e-10),
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "adagrad",
        summary: "per-coordinate step sizes that shrink as squared gradients add up",
        params: PARAMS,
    },
    family: Family::Adaptive,
    lr: learning_rate(PARAMS),
    update_rule: &["g ← ∇f(θ) + wd·θ", "clr = lr / (1 + (t − 1)·lr_decay)", "s ← s + g²", "θ ← θ − clr·g / (√s + eps)"],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Adagrad::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const LR_DECAY: Key<f64> = Key::real(super::PARAMS, "lr_decay");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
    pub const INITIAL_ACCUMULATOR_VALUE: Key<f64> = Key::real(super::PARAMS, "initial_accumulator_value");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
}

impl Adagrad {
    fn new(s: Values<'_>) -> Adagrad {
        Adagrad {
            lr_decay: s.get(key::LR_DECAY),
            weight_decay: s.get(key::WEIGHT_DECAY),
            initial_accumulator_value: s.get(key::INITIAL_ACCUMULATOR_VALUE),
            eps: s.get(key::EPS),
            step: 0,
            sum: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Adagrad {
    fn reset(&mut self, dim: usize) {
        self.step = 0;
        self.sum = vec![self.initial_accumulator_value; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        self.step += 1;
        decayed_gradient(oracle, params, self.weight_decay, &mut self.gradient);
        let clr = lr / (1.0 + (self.step - 1) as f64 * self.lr_decay);
        for ((p, s), g) in params.iter_mut().zip(self.sum.iter_mut()).zip(&self.gradient) {
            *s = addcmul(*s, 1.0, *g, *g);
            let std = s.sqrt() + self.eps;
            *p = addcdiv(*p, -clr, *g, std);
        }
        Ok(())
    }
}
