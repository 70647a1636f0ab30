//! Nesterov's accelerated gradient.

use super::common::{lr, MOMENTUM, WEIGHT_DECAY};
use super::momentum::MomentumBuffer;
use super::{add_scaled, decayed_gradient, learning_rate, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{Kind, ParamDefault, ParamKind, ParamSpec};
use crate::spec::settings::{no_conflict, Values};

/// Nesterov momentum in torch's form (`SGD(nesterov=True)`), or in the
/// textbook look-ahead form that evaluates the gradient at `θ − μ·v`.
#[derive(Debug)]
pub struct Nesterov {
    momentum: f64,
    weight_decay: f64,
    lookahead: bool,
    buffer: MomentumBuffer,
    gradient: Vec<f64>,
    probe: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(0.01),
    MOMENTUM,
    WEIGHT_DECAY,
    ParamSpec {
        name: "form",
        default: ParamDefault::Choice("pytorch"),
        kind: ParamKind::Choice(&["pytorch", "lookahead"]),
        doc: "pytorch: θ ← θ − lr(g + μb); lookahead: gradient at θ − μv",
    },
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind { name: "nesterov", summary: "momentum that looks ahead before it steps", params: PARAMS },
    family: Family::GradientDescent,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "pytorch:    g ← ∇f(θ) + wd·θ;   b ← μ·b + g   (b ← g at step 1)",
        "            θ ← θ − lr·(g + μ·b)",
        "lookahead:  v ← μ·v + lr·∇f(θ − μ·v)",
        "            θ ← θ − v",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Nesterov::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const MOMENTUM: Key<f64> = Key::real(super::PARAMS, "momentum");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
    pub const FORM: Key<&str> = Key::choice(super::PARAMS, "form");
}

impl Nesterov {
    fn new(s: Values<'_>) -> Nesterov {
        Nesterov {
            momentum: s.get(key::MOMENTUM),
            weight_decay: s.get(key::WEIGHT_DECAY),
            lookahead: s.get(key::FORM) == "lookahead",
            buffer: MomentumBuffer::default(),
            gradient: Vec::new(),
            probe: Vec::new(),
        }
    }

    /// `v ← μ·v + lr·∇f(θ − μ·v); θ ← θ − v` (the buffer holds v).
    #[inline(always)]
    fn lookahead_step(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) {
        let mu = self.momentum;
        for ((q, p), v) in self.probe.iter_mut().zip(params.iter()).zip(&self.buffer.values) {
            *q = p - mu * v;
        }
        decayed_gradient(oracle, &self.probe, self.weight_decay, &mut self.gradient);
        for ((p, v), g) in params.iter_mut().zip(self.buffer.values.iter_mut()).zip(&self.gradient) {
            *v = mu * *v + lr * g;
            *p -= *v;
        }
    }
}

impl Optimizer for Nesterov {
    fn reset(&mut self, dim: usize) {
        self.buffer.reset(dim);
        self.gradient = vec![0.0; dim];
        self.probe = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        if self.lookahead {
            self.lookahead_step(params, lr, oracle);
            return Ok(());
        }
        decayed_gradient(oracle, params, self.weight_decay, &mut self.gradient);
        let mu = self.momentum;
        let buffer = self.buffer.update(&self.gradient, mu, 0.0);
        for ((p, g), b) in params.iter_mut().zip(&self.gradient).zip(buffer) {
            *p = add_scaled(*p, -lr, add_scaled(*g, mu, *b));
        }
        Ok(())
    }
}
