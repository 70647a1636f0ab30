//! Quasi-hyperbolic Adam: both of Adam's moments mixed with the plain
//! gradient (ν₁, ν₂), with pytorch_optimizer's float32 bias weights.

use super::common::{eps, lr, BETA1, BETA2, WEIGHT_DECAY};
use super::qhm::{mix, WeightDecay, FIXED_DECAY, WEIGHT_DECOUPLE};
use super::{learning_rate, lerp, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{Kind, ParamSpec};
use crate::spec::settings::{no_conflict, Values};

/// pytorch_optimizer `QHAdam` (foreach=False). Its step weights w ← w·β + 1
/// are float32, so it is not bit-identical to Adam even with ν₁ = ν₂ = 1.
#[derive(Debug)]
pub struct QhAdam {
    beta1: f32,
    beta2: f32,
    nu1: f64,
    nu2: f64,
    eps: f64,
    decay: WeightDecay,
    weight1: f32,
    weight2: f32,
    exp_avg: Vec<f64>,
    exp_avg_sq: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(1e-3),
    BETA1,
    BETA2,
    mix("nu1", "weight of the first moment in the step (1 − ν₁ for the gradient)"),
    mix("nu2", "weight of the second moment in the scale (1 − ν₂ for g²)"),
    WEIGHT_DECAY,
    WEIGHT_DECOUPLE,
    FIXED_DECAY,
    eps(1e-8),
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "qhadam",
        summary: "Adam with both moments mixed with the plain gradient (pytorch_optimizer)",
        params: PARAMS,
    },
    family: Family::Adaptive,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "g ← g + wd·θ   (weight_decouple: θ ← θ·(1 − lr·wd), fixed_decay: θ·(1 − wd))",
        "w₁ ← β₁·w₁ + 1   w₂ ← β₂·w₂ + 1   (float32)",
        "m ← m + (g − m)/w₁        v ← v + (g² − v)/w₂",
        "θ ← θ − lr·(ν₁·m + (1 − ν₁)·g)/(√(ν₂·v + (1 − ν₂)·g²) + eps)",
    ],
    needs_hessian: false,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(QhAdam::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::PARAMS, "beta1");
    pub const BETA2: Key<f64> = Key::real(super::PARAMS, "beta2");
    pub const NU1: Key<f64> = Key::real(super::PARAMS, "nu1");
    pub const NU2: Key<f64> = Key::real(super::PARAMS, "nu2");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
    pub const WEIGHT_DECOUPLE: Key<bool> = Key::flag(super::PARAMS, "weight_decouple");
    pub const FIXED_DECAY: Key<bool> = Key::flag(super::PARAMS, "fixed_decay");
}

impl QhAdam {
    fn new(s: Values<'_>) -> QhAdam {
        QhAdam {
            // pytorch_optimizer keeps its step weights in float32.
            beta1: s.get(key::BETA1) as f32,
            beta2: s.get(key::BETA2) as f32,
            nu1: s.get(key::NU1),
            nu2: s.get(key::NU2),
            eps: s.get(key::EPS),
            decay: WeightDecay {
                rate: s.get(key::WEIGHT_DECAY),
                decouple: s.get(key::WEIGHT_DECOUPLE),
                fixed: s.get(key::FIXED_DECAY),
            },
            weight1: 0.0,
            weight2: 0.0,
            exp_avg: Vec::new(),
            exp_avg_sq: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for QhAdam {
    fn reset(&mut self, dim: usize) {
        (self.weight1, self.weight2) = (0.0, 0.0);
        self.exp_avg = vec![0.0; dim];
        self.exp_avg_sq = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        self.decay.gradient(oracle, params, lr, &mut self.gradient);
        self.weight1 = self.weight1 * self.beta1 + 1.0;
        self.weight2 = self.weight2 * self.beta2 + 1.0;
        let (a1, a2) = (f64::from(1.0 / self.weight1), f64::from(1.0 / self.weight2));
        let (nu1, nu2) = (self.nu1, self.nu2);
        for i in 0..params.len() {
            let g = self.gradient[i];
            let m = lerp(self.exp_avg[i], g, a1);
            let v = lerp(self.exp_avg_sq[i], g * g, a2);
            (self.exp_avg[i], self.exp_avg_sq[i]) = (m, v);
            let mixed = if nu1 == 1.0 { m } else { (1.0 - nu1).mul_add(g, m * nu1) };
            let scale = if nu2 == 1.0 { v * nu2 } else { (1.0 - nu2).mul_add(g * g, v * nu2) };
            params[i] += (-lr * mixed) / (scale.sqrt() + self.eps);
        }
        Ok(())
    }
}
