//! Fromage: steps scaled to the parameters' norm and shrunk towards the
//! origin, so the norm stays put (a step on a sphere).

use super::common::lr;
use super::{learning_rate, norm_xla, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{non_negative, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// optax `fromage`. The parameter vector is one layer, so both norms are
/// over the whole vector (rounded as XLA's, see [`norm_xla`]); the shrink
/// factor follows the scheduled learning rate.
#[derive(Debug)]
pub struct Fromage {
    min_norm: f64,
    gradient: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(1e-2),
    non_negative("min_norm", 1e-6, Scale::Log, (1e-9, 1e-1), "smallest norm used for the parameters and the gradient"),
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "fromage",
        summary: "steps relative to the parameters' norm, shrunk towards 0 (optax)",
        params: PARAMS,
    },
    family: Family::SignAndTrustRatio,
    lr: learning_rate(PARAMS),
    update_rule: &["r = max(‖θ‖, min_norm)/max(‖g‖, min_norm)", "c = 1/√(1 + lr²)", "θ ← θ − lr·c·r·g + (c − 1)·θ"],
    needs_hessian: false,
    whole_vector: true,
    check: no_conflict,
    build: |s| Box::new(Fromage::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const MIN_NORM: Key<f64> = Key::real(super::PARAMS, "min_norm");
}

impl Fromage {
    fn new(s: Values<'_>) -> Fromage {
        Fromage { min_norm: s.get(key::MIN_NORM), gradient: Vec::new() }
    }
}

impl Optimizer for Fromage {
    fn reset(&mut self, dim: usize) {
        self.gradient = vec![0.0; dim];
    }

    #[inline(always)]
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        oracle.gradient(params, &mut self.gradient);
        let floor = |norm: f64| if norm <= self.min_norm { self.min_norm } else { norm };
        let ratio = floor(norm_xla(params)) / floor(norm_xla(&self.gradient));
        // Python's `x**0.5` is C's pow, which may differ from √ in the last bit.
        let c = 1.0 / (1.0 + lr * lr).powf(0.5);
        for (p, g) in params.iter_mut().zip(&self.gradient) {
            *p += -(lr * c) * (g * ratio) + (c - 1.0) * *p;
        }
        Ok(())
    }
}
