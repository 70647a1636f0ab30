//! Gradient descent with momentum (heavy ball).

use super::common::{lr, MOMENTUM, WEIGHT_DECAY};
use super::{add_scaled, decayed_gradient, learning_rate, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{Kind, ParamDefault, ParamKind, ParamSpec};
use crate::spec::settings::{no_conflict, Values};

/// The two ways the seed documents write momentum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// torch: `b ← μ·b + (1 − dampening)·g` (b ← g on the first step); `θ ← θ − lr·b`.
    Pytorch,
    /// Exponential moving average: `v ← μ·v + (1 − μ)·g`; `θ ← θ − lr·v`.
    Ema,
}

/// Momentum: a velocity that accumulates past gradients.
#[derive(Debug)]
pub struct Momentum {
    momentum: f64,
    dampening: f64,
    weight_decay: f64,
    form: Form,
    buffer: MomentumBuffer,
    gradient: Vec<f64>,
}

/// torch's momentum buffer: `b ← g` on the first step, then `b ← μ·b + (1 − dampening)·g`.
#[derive(Debug, Default)]
pub(super) struct MomentumBuffer {
    pub(super) values: Vec<f64>,
    started: bool,
}

impl MomentumBuffer {
    pub(super) fn reset(&mut self, dim: usize) {
        self.values = vec![0.0; dim];
        self.started = false;
    }

    #[inline]
    pub(super) fn update(&mut self, gradient: &[f64], momentum: f64, dampening: f64) -> &[f64] {
        if self.started {
            for (b, g) in self.values.iter_mut().zip(gradient) {
                *b = add_scaled(*b * momentum, 1.0 - dampening, *g);
            }
        } else {
            self.values.copy_from_slice(gradient);
            self.started = true;
        }
        &self.values
    }
}

pub(super) const FORM_CHOICES: &[&str] = &["pytorch", "ema"];

const PARAMS: &[ParamSpec] = &[
    lr(0.01),
    MOMENTUM,
    crate::spec::params::real(
        "dampening",
        0.0,
        crate::spec::params::Bound::Inclusive(0.0),
        crate::spec::params::Bound::Inclusive(1.0),
        crate::spec::params::Scale::Linear,
        (0.0, 1.0),
        "fraction of the new gradient left out of the velocity (pytorch form)",
    ),
    WEIGHT_DECAY,
    ParamSpec {
        name: "form",
        default: ParamDefault::Choice("pytorch"),
        kind: ParamKind::Choice(FORM_CHOICES),
        doc: "pytorch: b ← μb + g; ema: v ← μv + (1−μ)g",
    },
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "momentum",
        summary: "gradient descent with a velocity that remembers past steps",
        params: PARAMS,
    },
    family: Family::GradientDescent,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "g ← ∇f(θ) + wd·θ",
        "pytorch:  b ← μ·b + (1 − dampening)·g   (b ← g at step 1)",
        "          θ ← θ − lr·b",
        "ema:      v ← μ·v + (1 − μ)·g;   θ ← θ − lr·v",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Momentum::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const MOMENTUM: Key<f64> = Key::real(super::PARAMS, "momentum");
    pub const DAMPENING: Key<f64> = Key::real(super::PARAMS, "dampening");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
    pub const FORM: Key<&str> = Key::choice(super::PARAMS, "form");
}

impl Momentum {
    fn new(s: Values<'_>) -> Momentum {
        Momentum {
            momentum: s.get(key::MOMENTUM),
            dampening: s.get(key::DAMPENING),
            weight_decay: s.get(key::WEIGHT_DECAY),
            form: if s.get(key::FORM) == "ema" { Form::Ema } else { Form::Pytorch },
            buffer: MomentumBuffer::default(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Momentum {
    fn reset(&mut self, dim: usize) {
        self.buffer.reset(dim);
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        decayed_gradient(oracle, params, self.weight_decay, &mut self.gradient);
        let mu = self.momentum;
        let velocity: &[f64] = match self.form {
            Form::Pytorch => self.buffer.update(&self.gradient, mu, self.dampening),
            Form::Ema => {
                for (v, g) in self.buffer.values.iter_mut().zip(&self.gradient) {
                    *v = mu * *v + (1.0 - mu) * g;
                }
                &self.buffer.values
            }
        };
        match self.form {
            Form::Pytorch => params.iter_mut().zip(velocity).for_each(|(p, v)| *p = add_scaled(*p, -lr, *v)),
            Form::Ema => params.iter_mut().zip(velocity).for_each(|(p, v)| *p -= lr * v),
        }
        Ok(())
    }
}
