//! Weight penalties added to the loss a network's optimizer descends (SPEC
//! 8b): L1 (`λ1·Σ|w|`) and L2 (`½·λ2·Σw²`) over the weights, never the
//! biases. The losses printed and plotted leave them out, so that runs with
//! and without a penalty compare on the same scale.

/// The penalty strengths; both zero (no penalty) by default.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Penalty {
    /// λ1 ≥ 0: the weight of `Σ|w|`.
    pub l1: f64,
    /// λ2 ≥ 0: the weight of `½·Σw²`.
    pub l2: f64,
}

impl Penalty {
    /// Whether it adds nothing (both strengths zero).
    pub fn is_none(&self) -> bool {
        self.l1 == 0.0 && self.l2 == 0.0
    }

    /// `λ1·Σ|w| + ½·λ2·Σw²` over `weights`.
    pub fn value(&self, weights: &[f64]) -> f64 {
        let (absolute, squares) = weights.iter().fold((0.0, 0.0), |(a, s), w| (a + w.abs(), s + w * w));
        self.l1 * absolute + 0.5 * self.l2 * squares
    }

    /// Adds the penalty's gradient `λ1·sign(w) + λ2·w` (with `sign(0) = 0`)
    /// to `gradient`, element by element beside `weights`.
    pub fn add_gradient(&self, weights: &[f64], gradient: &mut [f64]) {
        let Penalty { l1, l2 } = *self;
        for (g, w) in gradient.iter_mut().zip(weights) {
            *g += l1 * sign(*w) + l2 * w;
        }
    }
}

/// −1, 0 or 1 as `w` is negative, zero (either sign) or positive; NaN stays NaN.
fn sign(w: f64) -> f64 {
    if w == 0.0 {
        0.0
    } else {
        w.signum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gradient_is_the_slope_of_the_value() {
        let weights = [0.7, -1.3, 2.0, -0.05];
        for penalty in [Penalty { l1: 0.3, l2: 0.0 }, Penalty { l1: 0.0, l2: 0.8 }, Penalty { l1: 0.1, l2: 2.0 }] {
            let mut gradient = [0.0; 4];
            penalty.add_gradient(&weights, &mut gradient);
            for i in 0..weights.len() {
                let h = 1e-6;
                let (mut up, mut down) = (weights, weights);
                up[i] += h;
                down[i] -= h;
                let numeric = (penalty.value(&up) - penalty.value(&down)) / (2.0 * h);
                assert!((numeric - gradient[i]).abs() <= 1e-8, "{penalty:?} weight {i}: {} vs {numeric}", gradient[i]);
            }
        }
        let penalty = Penalty { l1: 2.0, l2: 3.0 };
        assert_eq!(penalty.value(&[1.0, -2.0]), 2.0 * 3.0 + 0.5 * 3.0 * 5.0);
        let mut at_zero = [10.0, 10.0];
        penalty.add_gradient(&[0.0, -0.0], &mut at_zero);
        assert_eq!(at_zero, [10.0, 10.0], "sign(0) = 0: no pull at zero");
        assert!(Penalty::default().is_none() && !penalty.is_none());
    }
}
