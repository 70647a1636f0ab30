//! Newton's method: the step that solves the local quadratic model.

use nalgebra::{DMatrix, DVector};

use super::common::lr;
use super::{learning_rate, Family, Optimizer, OptimizerInfo, Oracle, StepFailure};
use crate::spec::params::{non_negative, Kind, ParamSpec, Scale};
use crate::spec::settings::{no_conflict, Values};

/// `θ ← θ − lr·(H + damping·I)⁻¹·g` with the exact Hessian H, solved by LU
/// decomposition (nalgebra). A singular system ends the run.
#[derive(Debug)]
pub struct Newton {
    damping: f64,
    gradient: Vec<f64>,
    hessian: Vec<f64>,
}

const PARAMS: &[ParamSpec] = &[
    lr(1.0),
    non_negative("damping", 0.0, Scale::Linear, (0.0, 10.0), "added to the Hessian's diagonal (Levenberg damping)"),
];

pub(super) static INFO: OptimizerInfo = OptimizerInfo {
    kind: Kind {
        name: "newton",
        summary: "jumps to the minimum of the local quadratic model (uses the Hessian)",
        params: PARAMS,
    },
    family: Family::SecondOrder,
    lr: learning_rate(PARAMS),
    update_rule: &["H = ∇²f(θ),  g = ∇f(θ)", "θ ← θ − lr·(H + damping·I)⁻¹·g"],
    needs_hessian: true,
    whole_vector: false,
    check: no_conflict,
    build: |s| Box::new(Newton::new(s)),
};

/// Where the build function finds each value.
mod key {
    use crate::spec::key::Key;
    pub const DAMPING: Key<f64> = Key::real(super::PARAMS, "damping");
}

impl Newton {
    fn new(s: Values<'_>) -> Newton {
        Newton { damping: s.get(key::DAMPING), gradient: Vec::new(), hessian: Vec::new() }
    }
}

impl Optimizer for Newton {
    fn reset(&mut self, dim: usize) {
        self.gradient = vec![0.0; dim];
        self.hessian = vec![0.0; dim * dim];
    }

    fn counts_evaluations(&self) -> bool {
        true
    }

    fn allocates(&self) -> bool {
        true
    }

    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        let dim = params.len();
        oracle.gradient(params, &mut self.gradient);
        if !oracle.hessian(params, &mut self.hessian) {
            return Err(StepFailure::NoHessian);
        }
        let mut system = DMatrix::from_row_slice(dim, dim, &self.hessian);
        for i in 0..dim {
            system[(i, i)] += self.damping;
        }
        let direction =
            system.lu().solve(&DVector::from_column_slice(&self.gradient)).ok_or(StepFailure::SingularHessian)?;
        for (p, d) in params.iter_mut().zip(direction.iter()) {
            *p -= lr * d;
        }
        Ok(())
    }
}
