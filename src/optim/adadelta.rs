//! Adadelta: step sizes from the ratio of running RMS of steps and gradients.

use super::common::{eps, lr, WEIGHT_DECAY};
use super::{
    add_scaled, addcmul, decayed_gradient, learning_rate, Family, Optimizer, OptimizerInfo, Oracle, StepFailure,
};
use crate::spec::params::{real, Bound, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// torch `Adadelta`: `Δ = √(a + eps)/√(s + eps)·g`, units-consistent steps
/// that need no tuned learning rate (lr = 1 by default).
#[derive(Debug)]
pub struct Adadelta {
    rho: f64,
    eps: f64,
    weight_decay: f64,
    square_avg: Vec<f64>,
    acc_delta: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(1.0),
    real(
        "rho",
        0.9,
        Bound::Inclusive(0.0),
        Bound::Inclusive(1.0),
        Scale::Linear,
        (0.0, 0.999),
        "decay of both running means",
    ),
    eps(1e-6),
    WEIGHT_DECAY,
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "adadelta",
        summary: "steps scaled by the ratio of recent step size to recent gradient size",
        params: PARAMS,
    },
    family: Family::Adaptive,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "g ← ∇f(θ) + wd·θ;   s ← ρ·s + (1 − ρ)·g²",
        "Δ = √(a + eps)/√(s + eps)·g;   a ← ρ·a + (1 − ρ)·Δ²",
        "θ ← θ − lr·Δ",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Adadelta::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const RHO: Key<f64> = Key::real(super::PARAMS, "rho");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
}

impl Adadelta {
    fn new(s: Values<'_>) -> Adadelta {
        Adadelta {
            rho: s.get(key::RHO),
            eps: s.get(key::EPS),
            weight_decay: s.get(key::WEIGHT_DECAY),
            square_avg: Vec::new(),
            acc_delta: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Adadelta {
    fn reset(&mut self, dim: usize) {
        self.square_avg = vec![0.0; dim];
        self.acc_delta = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        decayed_gradient(oracle, params, self.weight_decay, &mut self.gradient);
        let rho = self.rho;
        for i in 0..params.len() {
            let g = self.gradient[i];
            let s = addcmul(self.square_avg[i] * rho, 1.0 - rho, g, g);
            self.square_avg[i] = s;
            let std = (s + self.eps).sqrt();
            let delta = (self.acc_delta[i] + self.eps).sqrt() / std * g;
            self.acc_delta[i] = addcmul(self.acc_delta[i] * rho, 1.0 - rho, delta, delta);
            params[i] = add_scaled(params[i], -lr, delta);
        }
        Ok(())
    }
}
