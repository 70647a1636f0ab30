//! RMSProp: steps scaled by a running mean of squared gradients.

use super::common::{eps, lr, WEIGHT_DECAY};
use super::{
    add_scaled, addcdiv, addcmul, decayed_gradient, learning_rate, lerp, Family, Optimizer, OptimizerInfo, Oracle,
    StepFailure,
};
use crate::spec::params::{flag, real, Bound, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// torch `RMSprop`, optionally centered and with momentum.
#[derive(Debug)]
pub struct RmsProp {
    alpha: f64,
    eps: f64,
    weight_decay: f64,
    momentum: f64,
    centered: bool,
    square_avg: Vec<f64>,
    grad_avg: Vec<f64>,
    buffer: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(0.01),
    real(
        "alpha",
        0.99,
        Bound::Inclusive(0.0),
        Bound::Exclusive(1.0),
        Scale::Linear,
        (0.0, 0.999),
        "decay of the running mean of squared gradients (ρ)",
    ),
    eps(1e-8),
    WEIGHT_DECAY,
    real(
        "momentum",
        0.0,
        Bound::Inclusive(0.0),
        Bound::Exclusive(1.0),
        Scale::Linear,
        (0.0, 0.99),
        "momentum applied to the scaled step",
    ),
    flag("centered", "divide by an estimate of the gradient's variance instead"),
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "rmsprop",
        summary: "divides each step by a running root-mean-square of gradients",
        params: PARAMS,
    },
    family: Family::Adaptive,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "g ← ∇f(θ) + wd·θ",
        "s ← α·s + (1 − α)·g²",
        "d = √s + eps   (centered: ḡ ← α·ḡ + (1 − α)·g,  d = √(s − ḡ²) + eps)",
        "θ ← θ − lr·g/d   (momentum μ > 0: b ← μ·b + g/d,  θ ← θ − lr·b)",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(RmsProp::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const ALPHA: Key<f64> = Key::real(super::PARAMS, "alpha");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
    pub const MOMENTUM: Key<f64> = Key::real(super::PARAMS, "momentum");
    pub const CENTERED: Key<bool> = Key::flag(super::PARAMS, "centered");
}

impl RmsProp {
    fn new(s: Values<'_>) -> RmsProp {
        RmsProp {
            alpha: s.get(key::ALPHA),
            eps: s.get(key::EPS),
            weight_decay: s.get(key::WEIGHT_DECAY),
            momentum: s.get(key::MOMENTUM),
            centered: s.get(key::CENTERED),
            square_avg: Vec::new(),
            grad_avg: Vec::new(),
            buffer: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for RmsProp {
    fn reset(&mut self, dim: usize) {
        self.square_avg = vec![0.0; dim];
        self.grad_avg = vec![0.0; dim];
        self.buffer = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        decayed_gradient(oracle, params, self.weight_decay, &mut self.gradient);
        let alpha = self.alpha;
        for i in 0..params.len() {
            let g = self.gradient[i];
            let s = addcmul(self.square_avg[i] * alpha, 1.0 - alpha, g, g);
            self.square_avg[i] = s;
            let avg = if self.centered {
                let m = lerp(self.grad_avg[i], g, 1.0 - alpha);
                self.grad_avg[i] = m;
                addcmul(s, -1.0, m, m).sqrt()
            } else {
                s.sqrt()
            } + self.eps;
            if self.momentum > 0.0 {
                let b = addcdiv(self.buffer[i] * self.momentum, 1.0, g, avg);
                self.buffer[i] = b;
                params[i] = add_scaled(params[i], -lr, b);
            } else {
                params[i] = addcdiv(params[i], -lr, g, avg);
            }
        }
        Ok(())
    }
}
