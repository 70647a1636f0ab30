//! Schedule-free AdamW: no learning-rate schedule needed. It keeps a
//! sequence z of plain AdamW-style steps and their running average x, and
//! evaluates the gradient at y, a point between the two.

use super::common::{eps, lr, BETA2, WEIGHT_DECAY};
use super::{
    learning_rate, maximum, BiasCorrection, CompanionKind, Family, Optimizer, OptimizerInfo, Oracle, ScheduleUse,
    StepFailure,
};
use crate::spec::params::{non_negative, real, Bound, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// optax.contrib `schedule_free_adamw`. The trajectory is y, where the
/// gradient is evaluated; the averaged point x is its companion.
#[derive(Debug)]
pub struct ScheduleFreeAdamW {
    beta1: f64,
    beta2: f64,
    eps: f64,
    weight_decay: f64,
    weight_lr_power: f64,
    bc2: BiasCorrection,
    next_lr: f64,
    max_lr: f64,
    weight_sum: f64,
    started: bool,
    z: Vec<f64>,
    nu: Vec<f64>,
    averaged: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(0.0025),
    real(
        "beta1",
        0.9,
        Bound::Exclusive(0.0),
        Bound::Exclusive(1.0),
        Scale::Linear,
        (0.01, 0.999),
        "where y lies between the average x (β₁) and the step sequence z",
    ),
    BETA2,
    eps(1e-8),
    WEIGHT_DECAY,
    non_negative("weight_lr_power", 2.0, Scale::Linear, (0.0, 4.0), "later points weigh lr^power more in the average"),
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "schedule_free_adamw",
        summary: "AdamW steps averaged on the fly, so no schedule is needed (optax.contrib)",
        params: PARAMS,
    },
    family: Family::Wrapper,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "g = ∇f(y)     v ← (1 − β₂)·g² + β₂·v",
        "z ← z − lr·(g/(√(v/(1 − β₂ᵗ)) + eps) + wd·y)",
        "x ← (1 − cₜ)·x + cₜ·z     cₜ = lrₜ²/Σ lrᵢ²",
        "y ← β₁·x + (1 − β₁)·z",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(ScheduleFreeAdamW::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::PARAMS, "beta1");
    pub const BETA2: Key<f64> = Key::real(super::PARAMS, "beta2");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
    pub const WEIGHT_LR_POWER: Key<f64> = Key::real(super::PARAMS, "weight_lr_power");
}

impl ScheduleFreeAdamW {
    fn new(s: Values<'_>) -> ScheduleFreeAdamW {
        let beta2 = s.get(key::BETA2);
        ScheduleFreeAdamW {
            beta1: s.get(key::BETA1),
            beta2,
            eps: s.get(key::EPS),
            weight_decay: s.get(key::WEIGHT_DECAY),
            weight_lr_power: s.get(key::WEIGHT_LR_POWER),
            bc2: BiasCorrection::new(beta2),
            next_lr: 0.0,
            max_lr: 0.0,
            weight_sum: 0.0,
            started: false,
            z: Vec::new(),
            nu: Vec::new(),
            averaged: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for ScheduleFreeAdamW {
    fn reset(&mut self, dim: usize) {
        self.bc2 = BiasCorrection::new(self.beta2);
        self.max_lr = 0.0;
        self.weight_sum = 0.0;
        self.started = false;
        self.z = vec![0.0; dim];
        self.nu = vec![0.0; dim];
        self.averaged = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    fn companion_kind(&self) -> Option<(CompanionKind, usize)> {
        Some((CompanionKind::Averaged, 1))
    }

    fn companion(&self) -> &[f64] {
        &self.averaged
    }

    fn schedule_use(&self) -> ScheduleUse {
        ScheduleUse::WithNext
    }

    fn set_next_lr(&mut self, lr: f64) {
        self.next_lr = lr;
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        if !self.started {
            self.z.copy_from_slice(params);
            self.started = true;
        }
        let (beta1, beta2) = (self.beta1, self.beta2);
        // optax asks its schedule for the rate one step ahead here.
        self.max_lr = maximum(self.max_lr, self.next_lr);
        let weight = self.max_lr.powf(self.weight_lr_power);
        self.weight_sum += weight;
        let share = weight / self.weight_sum;
        let share = if share.is_nan() { 0.0 } else { share };
        let c2 = self.bc2.next();
        let inverse_beta1 = 1.0 / beta1;
        for i in 0..params.len() {
            let (g, y, z) = (self.gradient[i], params[i], self.z[i]);
            let v = (1.0 - beta2) * (g * g) + beta2 * self.nu[i];
            self.nu[i] = v;
            let mut u = (1.0 / ((v * c2).sqrt() + self.eps)) * g;
            if self.weight_decay != 0.0 {
                u += self.weight_decay * y;
            }
            let next_z = z + (-lr) * u;
            let x = (y - (1.0 - beta1) * z) * inverse_beta1;
            let next_x = (1.0 - share) * x + share * next_z;
            let next_y = beta1 * next_x + (1.0 - beta1) * next_z;
            let y = y + (next_y - y);
            params[i] = y;
            self.z[i] = next_z;
            self.averaged[i] = (y - (1.0 - beta1) * next_z) * inverse_beta1;
        }
        Ok(())
    }
}
