//! Adafactor: Adam-like steps whose second moment decays ever more slowly
//! (β₂ₜ = 1 − t^decay), whose size is relative to the parameters' scale, and
//! whose update is clipped to unit RMS.

use super::common::{lr, WEIGHT_DECAY};
use super::{learning_rate, lerp, norm_torch, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{non_negative, real, Bound, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// torch `Adafactor` on one vector, which it treats unfactored: the second
/// moment is kept per coordinate (factoring needs a matrix).
#[derive(Debug)]
pub struct Adafactor {
    beta2_decay: f64,
    eps1: f64,
    eps2: f64,
    d: f64,
    weight_decay: f64,
    step: u64,
    variance: Vec<f64>,
    update: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(0.01),
    real(
        "beta2_decay",
        -0.8,
        Bound::Unbounded,
        Bound::Inclusive(0.0),
        Scale::Linear,
        (-1.0, 0.0),
        "the second moment's weight on the new gradient is t^beta2_decay",
    ),
    non_negative("eps1", f64::EPSILON, Scale::Log, (1e-30, 1e-3), "floor of the second moment's square root"),
    non_negative("eps2", 1e-3, Scale::Log, (1e-6, 1e-1), "smallest parameter scale the step is relative to"),
    real(
        "d",
        1.0,
        Bound::Inclusive(1.0),
        Bound::Unbounded,
        Scale::Linear,
        (1.0, 10.0),
        "clipping threshold of the update's RMS",
    ),
    WEIGHT_DECAY,
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "adafactor",
        summary: "Adam-like steps sized relative to the parameters' scale, clipped to unit RMS (torch)",
        params: PARAMS,
    },
    family: Family::Adaptive,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "ρ = min(lr, 1/√t)     α = max(eps2, RMS(θ))·ρ",
        "θ ← θ·(1 − lr·wd)     v ← v + t^decay·(g² − v)",
        "u = g/√max(v, eps1²)     D = max(1, RMS(u)/d)",
        "θ ← θ − (α/D)·u",
    ],
    needs_hessian: false,
    whole_vector: true,
    check: no_conflict,
    build: |s| Box::new(Adafactor::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA2_DECAY: Key<f64> = Key::real(super::PARAMS, "beta2_decay");
    pub const EPS1: Key<f64> = Key::real(super::PARAMS, "eps1");
    pub const EPS2: Key<f64> = Key::real(super::PARAMS, "eps2");
    pub const D: Key<f64> = Key::real(super::PARAMS, "d");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
}

impl Adafactor {
    fn new(s: Values<'_>) -> Adafactor {
        Adafactor {
            beta2_decay: s.get(key::BETA2_DECAY),
            eps1: s.get(key::EPS1),
            eps2: s.get(key::EPS2),
            d: s.get(key::D),
            weight_decay: s.get(key::WEIGHT_DECAY),
            step: 0,
            variance: Vec::new(),
            update: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Adafactor {
    fn reset(&mut self, dim: usize) {
        self.step = 0;
        self.variance = vec![0.0; dim];
        self.update = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        self.step += 1;
        let t = self.step as f64;
        let root_dim = (params.len() as f64).powf(0.5);
        let weight = t.powf(self.beta2_decay);
        let rho = lr.min(1.0 / t.powf(0.5));
        let alpha = self.eps2.max(norm_torch(params) / root_dim) * rho;
        if self.weight_decay != 0.0 {
            let shrink = 1.0 - lr * self.weight_decay;
            params.iter_mut().for_each(|p| *p *= shrink);
        }
        let floor = self.eps1 * self.eps1;
        for i in 0..params.len() {
            let g = self.gradient[i];
            self.variance[i] = lerp(self.variance[i], g * g, weight);
            self.update[i] = (1.0 / self.variance[i].max(floor).sqrt()) * g;
        }
        let clip = 1.0f64.max(norm_torch(&self.update) / (root_dim * self.d));
        let scale = -alpha / clip;
        for (p, u) in params.iter_mut().zip(&self.update) {
            *p = scale.mul_add(*u, *p);
        }
        Ok(())
    }
}
