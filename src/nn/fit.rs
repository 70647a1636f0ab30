//! What a regression network has learnt, as points to draw: its fitted
//! curve over a range of its one input, and its predictions against the
//! actual targets of some rows. Every number is in the data's standardised
//! units, as the network sees them.

use super::dataset::Dataset;
use super::mlp::Mlp;
use super::workspace::Workspace;

/// The predictions of `params` of the regression network `mlp` (one linear
/// output) for the row-major `features`, `mlp`'s input count per row: one
/// number per row.
pub fn predict_values(mlp: &Mlp, params: &[f64], features: Vec<f64>) -> Vec<f64> {
    let dim = mlp.sizes()[0];
    let rows = features.len() / dim.max(1);
    let inputs = Dataset::regression(features, vec![0.0; rows], dim);
    let indices: Vec<usize> = (0..rows).collect();
    mlp.predict(params, &inputs, &indices, &mut Workspace::default()).to_vec()
}

/// The curve `(x, ŷ(x))` of a one-input regression network at `points`
/// evenly spaced x from `low` to `high` (both ends included).
pub fn fitted_curve(mlp: &Mlp, params: &[f64], [low, high]: [f64; 2], points: usize) -> Vec<[f64; 2]> {
    let step = if points > 1 { (high - low) / (points - 1) as f64 } else { 0.0 };
    let xs: Vec<f64> = (0..points).map(|i| low + step * i as f64).collect();
    let predictions = predict_values(mlp, params, xs.clone());
    xs.into_iter().zip(predictions).map(|(x, y)| [x, y]).collect()
}

/// `(actual, predicted)` for `rows` of the regression data `data`: on the
/// diagonal y = x where the network is right.
pub fn predicted_against_actual(mlp: &Mlp, params: &[f64], data: &Dataset, rows: &[usize]) -> Vec<[f64; 2]> {
    let mut workspace = Workspace::default();
    let predictions = mlp.predict(params, data, rows, &mut workspace);
    rows.iter().zip(predictions).map(|(&row, &predicted)| [data.values[row], predicted]).collect()
}

/// The smallest and largest value of the first feature of `data`, with a
/// twentieth of the spread added on each side (±1 around a single value):
/// the x range a fitted curve is drawn over.
pub fn input_range(data: &Dataset) -> [f64; 2] {
    let first = data.features.chunks_exact(data.dim.max(1)).map(|row| row[0]);
    let (low, high) = first.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| (lo.min(x), hi.max(x)));
    if high > low {
        let margin = 0.05 * (high - low);
        [low - margin, high + margin]
    } else if low.is_finite() {
        [low - 1.0, low + 1.0]
    } else {
        [-1.0, 1.0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::output::Output;

    /// No hidden layer, one linear unit: ŷ = 2x − 1.
    fn line() -> (Mlp, [f64; 2]) {
        (Mlp::with_output(1, &[], 0, Output::Linear), [2.0, -1.0])
    }

    #[test]
    fn a_linear_network_fits_its_own_line() {
        let (mlp, params) = line();
        let curve = fitted_curve(&mlp, &params, [-1.0, 1.0], 5);
        assert_eq!(curve, [[-1.0, -3.0], [-0.5, -2.0], [0.0, -1.0], [0.5, 0.0], [1.0, 1.0]]);
        assert_eq!(predict_values(&mlp, &params, vec![3.0, 0.25]), [5.0, -0.5]);
    }

    #[test]
    fn predictions_pair_with_the_rows_targets() {
        let (mlp, params) = line();
        let data = Dataset::regression(vec![0.0, 1.0, 2.0], vec![-1.0, 0.5, 4.0], 1);
        assert_eq!(predicted_against_actual(&mlp, &params, &data, &[2, 0]), [[4.0, 3.0], [-1.0, -1.0]]);
    }

    #[test]
    fn the_input_range_holds_every_x_with_a_margin() {
        let data = Dataset::regression(vec![-1.0, 3.0, 1.0], vec![0.0; 3], 1);
        assert_eq!(input_range(&data), [-1.2, 3.2]);
        assert_eq!(input_range(&Dataset::regression(vec![2.0], vec![0.0], 1)), [1.0, 3.0]);
        assert_eq!(input_range(&Dataset::regression(Vec::new(), Vec::new(), 1)), [-1.0, 1.0]);
    }
}
