//! Sharpness-aware minimisation: before each step, climb a distance ρ up
//! the gradient to the worst point nearby, and descend with the gradient
//! found there, which favours wide, flat minima over sharp ones.

use super::common::lr;
use super::{learning_rate, CompanionKind, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{integer, non_negative, unit_interval, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// optax.contrib `sam` in its opaque mode: plain SGD (with optional
/// momentum) stepping with the gradient at the last of `sync_period − 1`
/// normalised ascent steps of length ρ.
#[derive(Debug)]
pub struct Sam {
    rho: f64,
    sync_period: u64,
    momentum: f64,
    started: bool,
    velocity: Vec<f64>,
    gradient: Vec<f64>,
    probe: Vec<f64>,
    adversarial: Vec<f64>,
}

/// The most gradient evaluations a step may take.
const MAX_SYNC_PERIOD: u64 = 100;

const PARAMS: &[ParamSpec] = &[
    lr(0.01),
    non_negative("rho", 0.05, Scale::Log, (1e-3, 1.0), "how far it climbs to the worst nearby point"),
    integer("sync_period", 2, 1, MAX_SYNC_PERIOD, "gradients per step: sync_period − 1 ascent steps, then the descent"),
    unit_interval("momentum", 0.0, "momentum of the descent (0: plain SGD)"),
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "sam",
        summary: "steps with the gradient at the worst point within ρ: prefers flat minima (optax.contrib)",
        params: PARAMS,
    },
    family: Family::Wrapper,
    lr: learning_rate(PARAMS),
    update_rule: &["a = θ;  repeat sync_period − 1 times: a ← a + ρ·∇f(a)/‖∇f(a)‖", "b ← ∇f(a) + μ·b", "θ ← θ − lr·b"],
    needs_hessian: false,
    whole_vector: true,
    check: no_conflict,
    build: |s| Box::new(Sam::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const RHO: Key<f64> = Key::real(super::PARAMS, "rho");
    pub const SYNC_PERIOD: Key<u64> = Key::integer(super::PARAMS, "sync_period");
    pub const MOMENTUM: Key<f64> = Key::real(super::PARAMS, "momentum");
}

impl Sam {
    fn new(s: Values<'_>) -> Sam {
        Sam {
            rho: s.get(key::RHO),
            sync_period: s.get(key::SYNC_PERIOD),
            momentum: s.get(key::MOMENTUM),
            started: false,
            velocity: Vec::new(),
            gradient: Vec::new(),
            probe: Vec::new(),
            adversarial: Vec::new(),
        }
    }

    /// Ascent steps per step.
    fn ascents(&self) -> usize {
        (self.sync_period - 1) as usize
    }
}

impl Optimizer for Sam {
    fn reset(&mut self, dim: usize) {
        self.started = false;
        self.velocity = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
        self.probe = vec![0.0; dim];
        self.adversarial = vec![0.0; dim * self.ascents()];
    }

    fn companion_kind(&self) -> Option<(CompanionKind, usize)> {
        (self.ascents() > 0).then(|| (CompanionKind::Adversarial, self.ascents()))
    }

    fn companion(&self) -> &[f64] {
        &self.adversarial
    }

    fn counts_evaluations(&self) -> bool {
        self.sync_period > 1
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        let dim = params.len();
        oracle.gradient(params, &mut self.gradient);
        self.probe.copy_from_slice(params);
        for ascent in 0..self.ascents() {
            let norm: f64 = self.gradient.iter().map(|g| g * g).sum::<f64>().sqrt();
            let inverse = 1.0 / norm;
            for (a, g) in self.probe.iter_mut().zip(&self.gradient) {
                *a += self.rho * (g * inverse);
            }
            self.adversarial[ascent * dim..(ascent + 1) * dim].copy_from_slice(&self.probe);
            oracle.gradient(&self.probe, &mut self.gradient);
        }
        let momentum = self.momentum != 0.0;
        for i in 0..dim {
            let g = self.gradient[i];
            let b = if momentum && self.started { g + self.momentum * self.velocity[i] } else { g };
            self.velocity[i] = b;
            params[i] += -lr * b;
        }
        self.started = true;
        Ok(())
    }
}
