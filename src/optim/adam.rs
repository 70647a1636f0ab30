//! Adam and AdamW: momentum plus per-coordinate scaling, with bias correction.

use super::common::{eps, flag_amsgrad, lr, BETA1, BETA2, WEIGHT_DECAY};
use super::{
    addcdiv, decayed_gradient, learning_rate, Family, Moments, Optimizer, OptimizerInfo, Oracle, Powers, StepFailure,
};
use crate::spec::params::{non_negative, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// torch `Adam` (L2 weight decay added to the gradient) or `AdamW` (weight
/// decay applied to the parameters directly, "decoupled").
#[derive(Debug)]
pub struct Adam {
    beta1: f64,
    beta2: f64,
    eps: f64,
    weight_decay: f64,
    amsgrad: bool,
    decoupled: bool,
    beta1_powers: Powers,
    beta2_powers: Powers,
    moments: Moments,
    max_exp_avg_sq: Vec<f64>,
    gradient: Vec<f64>,
}

const ADAM_PARAMS: &[ParamSpec] = &[lr(0.001), BETA1, BETA2, eps(1e-8), WEIGHT_DECAY, flag_amsgrad()];

pub(super) static ADAM: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "adam",
        summary: "momentum plus per-coordinate scaling by the running RMS of gradients",
        params: ADAM_PARAMS,
    },
    family: Family::Adaptive,
    lr: learning_rate(ADAM_PARAMS),
    update_rule: &[
        "g ← ∇f(θ) + wd·θ",
        "m ← β₁·m + (1 − β₁)·g        v ← β₂·v + (1 − β₂)·g²",
        "c₁ = 1 − β₁ᵗ                  c₂ = 1 − β₂ᵗ",
        "θ ← θ − (lr/c₁)·m / (√v/√c₂ + eps)   (amsgrad: v replaced by its running max)",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Adam::new(s, false)),
};

const ADAMW_PARAMS: &[ParamSpec] = &[
    lr(0.001),
    BETA1,
    BETA2,
    eps(1e-8),
    non_negative("weight_decay", 0.01, Scale::Linear, (0.0, 1.0), "decoupled decay: θ ← θ·(1 − lr·wd) each step"),
    flag_amsgrad(),
];

pub(super) static ADAMW: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "adamw",
        summary: "Adam with weight decay applied to the parameters, not the gradient",
        params: ADAMW_PARAMS,
    },
    family: Family::Adaptive,
    lr: learning_rate(ADAMW_PARAMS),
    update_rule: &[
        "θ ← θ·(1 − lr·wd)",
        "m ← β₁·m + (1 − β₁)·g        v ← β₂·v + (1 − β₂)·g²",
        "c₁ = 1 − β₁ᵗ                  c₂ = 1 − β₂ᵗ",
        "θ ← θ − (lr/c₁)·m / (√v/√c₂ + eps)",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Adam::new(s, true)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::ADAM_PARAMS, "beta1").same_as(Key::real(super::ADAMW_PARAMS, "beta1"));
    pub const BETA2: Key<f64> = Key::real(super::ADAM_PARAMS, "beta2").same_as(Key::real(super::ADAMW_PARAMS, "beta2"));
    pub const EPS: Key<f64> = Key::real(super::ADAM_PARAMS, "eps").same_as(Key::real(super::ADAMW_PARAMS, "eps"));
    pub const WEIGHT_DECAY: Key<f64> =
        Key::real(super::ADAM_PARAMS, "weight_decay").same_as(Key::real(super::ADAMW_PARAMS, "weight_decay"));
    pub const AMSGRAD: Key<bool> =
        Key::flag(super::ADAM_PARAMS, "amsgrad").same_as(Key::flag(super::ADAMW_PARAMS, "amsgrad"));
}

impl Adam {
    fn new(s: Values<'_>, decoupled: bool) -> Adam {
        Adam {
            beta1: s.get(key::BETA1),
            beta2: s.get(key::BETA2),
            eps: s.get(key::EPS),
            weight_decay: s.get(key::WEIGHT_DECAY),
            amsgrad: s.get(key::AMSGRAD),
            decoupled,
            beta1_powers: Powers::new(s.get(key::BETA1)),
            beta2_powers: Powers::new(s.get(key::BETA2)),
            moments: Moments::default(),
            max_exp_avg_sq: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Adam {
    fn reset(&mut self, dim: usize) {
        self.beta1_powers = Powers::new(self.beta1);
        self.beta2_powers = Powers::new(self.beta2);
        self.moments.reset(dim);
        self.max_exp_avg_sq = vec![0.0; if self.amsgrad { dim } else { 0 }];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        if self.decoupled {
            oracle.gradient(params, &mut self.gradient);
            let keep = 1.0 - lr * self.weight_decay;
            params.iter_mut().for_each(|p| *p *= keep);
        } else {
            decayed_gradient(oracle, params, self.weight_decay, &mut self.gradient);
        }
        let (beta1, beta2) = (self.beta1, self.beta2);
        let step_size = lr / (1.0 - self.beta1_powers.next());
        let bias_correction2_sqrt = (1.0 - self.beta2_powers.next()).sqrt();
        let eps = self.eps;
        let amsgrad = self.amsgrad;
        let max_exp_avg_sq = &mut self.max_exp_avg_sq;
        let gradient = &self.gradient;
        let mut coordinate = |i: usize, p: f64, m: f64, v: f64| {
            let mut v = v;
            if amsgrad {
                v = v.max(max_exp_avg_sq[i]);
                max_exp_avg_sq[i] = v;
            }
            let denom = v.sqrt() / bias_correction2_sqrt + eps;
            addcdiv(p, -step_size, m, denom)
        };
        // A point on a surface is a 2-vector: both coordinates go through the
        // same rule side by side, which the compiler packs into one register.
        if let (Ok(p), false) = (<&mut [f64; 2]>::try_from(&mut *params), amsgrad) {
            let (m, v) = self.moments.update_pair([gradient[0], gradient[1]], beta1, beta2);
            *p = [coordinate(0, p[0], m[0], v[0]), coordinate(1, p[1], m[1], v[1])];
        } else {
            for i in 0..params.len() {
                let (m, v) = self.moments.update(i, gradient[i], beta1, beta2);
                params[i] = coordinate(i, params[i], m, v);
            }
        }
        Ok(())
    }
}
