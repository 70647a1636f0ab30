//! Lookahead: an inner optimizer (Adam) takes fast steps; every k steps
//! the slow weights move part of the way towards where the fast ones got,
//! and the fast weights start again from there.

use super::common::{eps, lr, BETA1, BETA2};
use super::{
    learning_rate, BiasCorrection, CompanionKind, Family, Optimizer, OptimizerInfo, Oracle, ScheduleUse, StepFailure,
};
use crate::spec::params::{flag, integer, real, Bound, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// optax `lookahead` over `optax.adam`. The trajectory is the fast
/// weights, where the gradient is evaluated; the slow weights are its
/// companion.
#[derive(Debug)]
pub struct Lookahead {
    beta1: f64,
    beta2: f64,
    eps: f64,
    sync_period: u64,
    slow_step_size: f64,
    reset_state: bool,
    bc1: BiasCorrection,
    bc2: BiasCorrection,
    since_sync: u64,
    mu: Vec<f64>,
    nu: Vec<f64>,
    slow: Option<Vec<f64>>,
    gradient: Vec<f64>,
}

/// The most fast steps between two syncs.
const MAX_SYNC_PERIOD: u64 = 1000;

const PARAMS: &[ParamSpec] = &[
    lr(1e-3),
    BETA1,
    BETA2,
    eps(1e-8),
    integer("sync_period", 5, 1, MAX_SYNC_PERIOD, "fast steps between two moves of the slow weights"),
    real(
        "slow_step_size",
        0.5,
        Bound::Inclusive(0.0),
        Bound::Inclusive(1.0),
        Scale::Linear,
        (0.0, 1.0),
        "how far the slow weights move towards the fast ones at a sync",
    ),
    flag("reset_state", "restart Adam's moments (and the schedule) at every sync"),
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "lookahead",
        summary: "Adam's fast steps, pulled back every k steps towards slow weights (optax)",
        params: PARAMS,
    },
    family: Family::Wrapper,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "u = Adam step at φ (the fast weights)",
        "every k-th step: σ ← σ + α·(φ + u − σ),  φ ← σ",
        "otherwise: φ ← φ + u",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Lookahead::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::PARAMS, "beta1");
    pub const BETA2: Key<f64> = Key::real(super::PARAMS, "beta2");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const SYNC_PERIOD: Key<u64> = Key::integer(super::PARAMS, "sync_period");
    pub const SLOW_STEP_SIZE: Key<f64> = Key::real(super::PARAMS, "slow_step_size");
    pub const RESET_STATE: Key<bool> = Key::flag(super::PARAMS, "reset_state");
}

impl Lookahead {
    fn new(s: Values<'_>) -> Lookahead {
        let (beta1, beta2) = (s.get(key::BETA1), s.get(key::BETA2));
        Lookahead {
            beta1,
            beta2,
            eps: s.get(key::EPS),
            sync_period: s.get(key::SYNC_PERIOD),
            slow_step_size: s.get(key::SLOW_STEP_SIZE),
            reset_state: s.get(key::RESET_STATE),
            bc1: BiasCorrection::new(beta1),
            bc2: BiasCorrection::new(beta2),
            since_sync: 0,
            mu: Vec::new(),
            nu: Vec::new(),
            slow: None,
            gradient: Vec::new(),
        }
    }

    /// Forgets Adam's moments and step count.
    fn reset_inner(&mut self) {
        self.bc1 = BiasCorrection::new(self.beta1);
        self.bc2 = BiasCorrection::new(self.beta2);
        self.mu.fill(0.0);
        self.nu.fill(0.0);
    }
}

impl Optimizer for Lookahead {
    fn reset(&mut self, dim: usize) {
        self.since_sync = 0;
        self.mu = vec![0.0; dim];
        self.nu = vec![0.0; dim];
        self.slow = None;
        self.gradient = vec![0.0; dim];
        self.reset_inner();
    }

    fn companion_kind(&self) -> Option<(CompanionKind, usize)> {
        Some((CompanionKind::Slow, 1))
    }

    fn companion(&self) -> &[f64] {
        self.slow.as_deref().unwrap_or_default()
    }

    fn schedule_use(&self) -> ScheduleUse {
        if self.reset_state {
            ScheduleUse::Cycle(self.sync_period)
        } else {
            ScheduleUse::PerStep
        }
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        let slow = self.slow.get_or_insert_with(|| params.to_vec());
        let (beta1, beta2, alpha) = (self.beta1, self.beta2, self.slow_step_size);
        let (c1, c2) = (self.bc1.next(), self.bc2.next());
        let sync = if self.since_sync == self.sync_period - 1 { 1.0 } else { 0.0 };
        for i in 0..params.len() {
            let g = self.gradient[i];
            let m = (1.0 - beta1) * g + beta1 * self.mu[i];
            let v = (1.0 - beta2) * (g * g) + beta2 * self.nu[i];
            (self.mu[i], self.nu[i]) = (m, v);
            let u = -lr * ((m * c1) / ((v * c2).sqrt() + self.eps));
            let distance = (params[i] + u) - slow[i];
            params[i] += u - (sync * (1.0 - alpha)) * distance;
            slow[i] += (alpha * sync) * distance;
        }
        self.since_sync = (self.since_sync + 1) % self.sync_period;
        if self.reset_state && sync == 1.0 {
            self.reset_inner();
        }
        Ok(())
    }
}
