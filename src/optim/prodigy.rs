//! Prodigy: Adam whose learning rate is multiplied by an estimate d of the
//! distance to the solution, which it grows from a tiny guess as the
//! gradients show how far the start is: the learning rate can stay at 1.

use super::common::{eps, lr, BETA1, BETA2, WEIGHT_DECAY};
use super::{learning_rate, maximum, Family, Optimizer, OptimizerInfo, Oracle, Powers, StepFailure};
use crate::spec::params::{flag, positive, real, Bound, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// optax.contrib `prodigy`. The estimate d and the weighted sum N are
/// scalars shared by all coordinates; S, m and v are kept per coordinate.
#[derive(Debug)]
pub struct Prodigy {
    beta1: f64,
    beta2: f64,
    beta3: f64,
    eps: f64,
    estim_lr0: f64,
    estim_lr_coef: f64,
    weight_decay: f64,
    safeguard_warmup: bool,
    powers1: Powers,
    powers2: Powers,
    distance: f64,
    numerator: f64,
    start: Option<Vec<f64>>,
    exp_avg: Vec<f64>,
    exp_avg_sq: Vec<f64>,
    sum: Vec<f64>,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(1.0),
    BETA1,
    BETA2,
    real(
        "beta3",
        0.0,
        Bound::Inclusive(0.0),
        Bound::Exclusive(1.0),
        Scale::Linear,
        (0.0, 0.9999),
        "decay of the sums behind the distance estimate; 0 means √beta2 (optax's default)",
    ),
    eps(1e-8),
    positive("estim_lr0", 1e-6, (1e-9, 1.0), "the first guess of the distance d"),
    positive("estim_lr_coef", 1.0, (0.1, 10.0), "multiplies the distance estimate"),
    WEIGHT_DECAY,
    flag("safeguard_warmup", "leave the learning rate out of the denominator sum S (steadier warm-up)"),
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "prodigy",
        summary: "Adam that estimates its own step size from the distance travelled: lr stays 1 (optax)",
        params: PARAMS,
    },
    family: Family::LearningRateFree,
    lr: learning_rate(PARAMS),
    update_rule: &[
        "λ = d·lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)     δ = d·g",
        "m ← β₁m + (1 − β₁)δ     v ← β₂v + (1 − β₂)δ²",
        "S ← β₃S + λδ/d₀     N ← β₃N + (d/d₀)·λ·g·(θ₀ − θ)",
        "d ← max(d, coef·N/‖S‖₁)",
        "θ ← θ − λ·wd·θ − λ·m/(√v + d·eps)",
    ],
    needs_hessian: false,
    whole_vector: true,
    check: no_conflict,
    build: |s| Box::new(Prodigy::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const BETA1: Key<f64> = Key::real(super::PARAMS, "beta1");
    pub const BETA2: Key<f64> = Key::real(super::PARAMS, "beta2");
    pub const BETA3: Key<f64> = Key::real(super::PARAMS, "beta3");
    pub const EPS: Key<f64> = Key::real(super::PARAMS, "eps");
    pub const ESTIM_LR0: Key<f64> = Key::real(super::PARAMS, "estim_lr0");
    pub const ESTIM_LR_COEF: Key<f64> = Key::real(super::PARAMS, "estim_lr_coef");
    pub const WEIGHT_DECAY: Key<f64> = Key::real(super::PARAMS, "weight_decay");
    pub const SAFEGUARD_WARMUP: Key<bool> = Key::flag(super::PARAMS, "safeguard_warmup");
}

impl Prodigy {
    fn new(s: Values<'_>) -> Prodigy {
        let (beta1, beta2, beta3) = (s.get(key::BETA1), s.get(key::BETA2), s.get(key::BETA3));
        let estim_lr0 = s.get(key::ESTIM_LR0);
        Prodigy {
            beta1,
            beta2,
            beta3: if beta3 == 0.0 { beta2.powf(0.5) } else { beta3 },
            eps: s.get(key::EPS),
            estim_lr0,
            estim_lr_coef: s.get(key::ESTIM_LR_COEF),
            weight_decay: s.get(key::WEIGHT_DECAY),
            safeguard_warmup: s.get(key::SAFEGUARD_WARMUP),
            powers1: Powers::new(beta1),
            powers2: Powers::new(beta2),
            distance: estim_lr0,
            numerator: 0.0,
            start: None,
            exp_avg: Vec::new(),
            exp_avg_sq: Vec::new(),
            sum: Vec::new(),
            gradient: Vec::new(),
        }
    }
}

impl Optimizer for Prodigy {
    fn reset(&mut self, dim: usize) {
        self.powers1 = Powers::new(self.beta1);
        self.powers2 = Powers::new(self.beta2);
        self.distance = self.estim_lr0;
        self.numerator = 0.0;
        self.start = None;
        self.exp_avg = vec![0.0; dim];
        self.exp_avg_sq = vec![0.0; dim];
        self.sum = vec![0.0; dim];
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        let start = self.start.get_or_insert_with(|| params.to_vec());
        let (beta1, beta2, beta3) = (self.beta1, self.beta2, self.beta3);
        let d = self.distance;
        let correction = (1.0 - self.powers2.next()).powf(0.5) / (1.0 - self.powers1.next());
        let rate = (d * lr) * correction;
        // g·(θ₀ − θ), summed with fused multiply-adds as XLA's dot.
        let alignment = self
            .gradient
            .iter()
            .zip(params.iter())
            .zip(start.iter())
            .fold(0.0, |sum, ((g, p), s)| g.mul_add(s - p, sum));
        let inverse_guess = 1.0 / self.estim_lr0;
        let mut sum_norm = 0.0;
        for i in 0..params.len() {
            let delta = d * self.gradient[i];
            self.exp_avg[i] = beta1 * self.exp_avg[i] + (1.0 - beta1) * delta;
            self.exp_avg_sq[i] = beta2 * self.exp_avg_sq[i] + ((1.0 - beta2) * delta) * delta;
            let weight = if self.safeguard_warmup { d } else { rate };
            self.sum[i] = beta3 * self.sum[i] + (weight * delta) * inverse_guess;
            sum_norm += self.sum[i].abs();
        }
        self.numerator = beta3 * self.numerator + ((d / self.estim_lr0) * rate) * alignment;
        let estimate = (self.estim_lr_coef * self.numerator) / sum_norm;
        let next = maximum(d, estimate);
        let decay = (-self.weight_decay) * rate;
        for i in 0..params.len() {
            let p = params[i];
            params[i] = p + (decay * p - (rate * self.exp_avg[i]) / (self.exp_avg_sq[i].sqrt() + next * self.eps));
        }
        self.distance = next;
        Ok(())
    }
}
