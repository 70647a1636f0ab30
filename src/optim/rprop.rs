//! Rprop: each coordinate keeps its own step size, which grows while the
//! gradient keeps its sign and shrinks when it flips; only the gradient's
//! sign, never its size, moves the point.

use super::common::lr;
use super::{learning_rate, sign, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::error::SpecError;
use crate::spec::params::{non_negative, real, Bound, Kind, ParamSpec, Scale};
use crate::spec::settings::Values;

/// torch `Rprop`. The step sizes start at the learning rate of the first
/// step; a schedule has no effect after it, as in torch.
#[derive(Debug)]
pub struct Rprop {
    eta_minus: f64,
    eta_plus: f64,
    step_size_min: f64,
    step_size_max: f64,
    started: bool,
    step_size: Vec<f64>,
    previous: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(0.01),
    real(
        "eta_minus",
        0.5,
        Bound::Exclusive(0.0),
        Bound::Exclusive(1.0),
        Scale::Linear,
        (0.05, 0.95),
        "a coordinate's step size shrinks by this factor when its gradient flips sign",
    ),
    real(
        "eta_plus",
        1.2,
        Bound::Exclusive(1.0),
        Bound::Unbounded,
        Scale::Linear,
        (1.01, 2.0),
        "a coordinate's step size grows by this factor while its gradient keeps its sign",
    ),
    non_negative("step_size_min", 1e-6, Scale::Log, (1e-9, 1e-2), "smallest step size"),
    non_negative("step_size_max", 50.0, Scale::Log, (1e-2, 100.0), "largest step size"),
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "rprop",
        summary: "per-coordinate step sizes that grow while the gradient keeps its sign, moved by signs only",
        params: PARAMS,
    },
    family: Family::SignAndTrustRatio,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "Δ ← lr at step 1 (per coordinate)",
        "s = sign(g·g_prev)     η = η₊ if s > 0, η₋ if s < 0, else 1",
        "Δ ← clamp(Δ·η, Δ_min, Δ_max)     g ← 0 where s < 0",
        "θ ← θ − sign(g)·Δ     g_prev ← g",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: |s| {
        let (smallest, largest) = (s.get(key::STEP_SIZE_MIN), s.get(key::STEP_SIZE_MAX));
        if smallest > largest {
            return Err(SpecError::Conflict {
                kind: "rprop",
                reason: format!("step_size_min={smallest} must not exceed step_size_max={largest}"),
            });
        }
        Ok(())
    },
    build: |s| Box::new(Rprop::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const ETA_MINUS: Key<f64> = Key::real(super::PARAMS, "eta_minus");
    pub const ETA_PLUS: Key<f64> = Key::real(super::PARAMS, "eta_plus");
    pub const STEP_SIZE_MIN: Key<f64> = Key::real(super::PARAMS, "step_size_min");
    pub const STEP_SIZE_MAX: Key<f64> = Key::real(super::PARAMS, "step_size_max");
}

impl Rprop {
    fn new(s: Values<'_>) -> Rprop {
        Rprop {
            eta_minus: s.get(key::ETA_MINUS),
            eta_plus: s.get(key::ETA_PLUS),
            step_size_min: s.get(key::STEP_SIZE_MIN),
            step_size_max: s.get(key::STEP_SIZE_MAX),
            started: false,
            step_size: Vec::new(),
            previous: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Rprop {
    fn reset(&mut self, dim: usize) {
        self.started = false;
        self.step_size = vec![0.0; dim];
        self.previous = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        if !self.started {
            self.step_size.fill(lr);
            self.started = true;
        }
        for i in 0..params.len() {
            // The sign of the rounded product: 0 when it underflows.
            let agreement = sign(self.gradient[i] * self.previous[i]);
            let eta = if agreement > 0.0 {
                self.eta_plus
            } else if agreement < 0.0 {
                self.eta_minus
            } else {
                1.0
            };
            let step = (self.step_size[i] * eta).max(self.step_size_min).min(self.step_size_max);
            self.step_size[i] = step;
            let g = if agreement < 0.0 { 0.0 } else { self.gradient[i] };
            params[i] -= sign(g) * step;
            self.previous[i] = g;
        }
        Ok(())
    }
}
