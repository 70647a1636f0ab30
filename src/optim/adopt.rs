//! ADOPT: Adam with the step normalised by the second moment of the
//! *previous* steps, so the current gradient does not scale itself.

use super::common::{flag_nesterov, lr, BETA1};
use super::{learning_rate, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{flag, positive, unit_interval, Kind, ParamSpec};
use crate::spec::settings::{no_conflict, Values};

/// optax.contrib `adopt` (`scale_by_adopt`), clipping at (t − 1)^¼: step 1
/// only records g² and does not move.
#[derive(Debug)]
pub struct Adopt {
    beta1: f64,
    beta2: f64,
    eps: f64,
    nesterov: bool,
    use_clipping: bool,
    step: u64,
    mu: Vec<f64>,
    nu: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(1e-3),
    BETA1,
    unit_interval("beta2", 0.9999, "decay of the running mean of squared gradients (second moment)"),
    positive("eps", 1e-6, (1e-12, 1e-1), "floor of the denominator √v"),
    flag_nesterov(),
    ParamSpec {
        default: crate::spec::params::ParamDefault::Flag(true),
        ..flag("use_clipping", "clip the normalised gradient to ±(t − 1)^¼")
    },
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "adopt",
        summary: "Adam normalised by the previous steps' second moment (optax)",
        params: PARAMS,
    },
    family: Family::Adaptive,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "t = 1: v ← g², no step",
        "x = g/max(√v, eps), clipped to ±(t − 1)^¼      v ← (1 − β₂)·g² + β₂·v",
        "m ← (1 − β₁)·x + β₁·m   (nesterov: d = (1 − β₁)·x + β₁·m, else d = m)",
        "θ ← θ − lr·d",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Adopt::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::PARAMS, "beta1");
    pub const BETA2: Key<f64> = Key::real(super::PARAMS, "beta2");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const NESTEROV: Key<bool> = Key::flag(super::PARAMS, "nesterov");
    pub const USE_CLIPPING: Key<bool> = Key::flag(super::PARAMS, "use_clipping");
}

impl Adopt {
    fn new(s: Values<'_>) -> Adopt {
        Adopt {
            beta1: s.get(key::BETA1),
            beta2: s.get(key::BETA2),
            eps: s.get(key::EPS),
            nesterov: s.get(key::NESTEROV),
            use_clipping: s.get(key::USE_CLIPPING),
            step: 0,
            mu: Vec::new(),
            nu: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Adopt {
    fn reset(&mut self, dim: usize) {
        self.step = 0;
        self.mu = vec![0.0; dim];
        self.nu = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        self.step += 1;
        if self.step == 1 {
            for (v, g) in self.nu.iter_mut().zip(&self.gradient) {
                *v = g * g;
            }
            return Ok(());
        }
        let (beta1, beta2) = (self.beta1, self.beta2);
        let clip = ((self.step - 1) as f64).powf(0.25);
        for i in 0..params.len() {
            let g = self.gradient[i];
            let mut x = g / self.nu[i].sqrt().max(self.eps);
            if self.use_clipping {
                x = x.max(-clip).min(clip);
            }
            let m = (1.0 - beta1) * x + beta1 * self.mu[i];
            (self.mu[i], self.nu[i]) = (m, (1.0 - beta2) * (g * g) + beta2 * self.nu[i]);
            let d = if self.nesterov { (1.0 - beta1) * x + beta1 * m } else { m };
            params[i] += -lr * d;
        }
        Ok(())
    }
}
