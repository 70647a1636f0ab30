//! Plots whose x axis counts something (steps, gradient evaluations): grid
//! lines at round numbers, 1, 2 or 5 × 10^k, the labelled ones far enough
//! apart for their labels to show at any length of race. (egui_plot's own
//! powers of ten leave a range of 9000 with a single label, 0.)

use egui_plot::{uniform_grid_spacer, Plot};

/// Grid spacings, in multiples of egui_plot's smallest (8 points), from
/// which the middle ones are labelled: egui_plot labels an x step only
/// when it is over 60 points wide.
const LABELLED: f64 = 10.0;

/// A plot whose x axis counts, with round, labelled ticks, whole numbers
/// only (so a race at step 0 is not labelled −0.4 … 0.4).
pub fn round_counts(plot: Plot<'_>) -> Plot<'_> {
    plot.x_grid_spacer(uniform_grid_spacer(|input| round_steps(input.base_step_size * LABELLED).map(|s| s.max(1.0))))
}

/// Three grid spacings around `labelled` (the least spacing that is to be
/// labelled): the round number at or above it, a fifth or a quarter of
/// that, and ten times it.
fn round_steps(labelled: f64) -> [f64; 3] {
    let power = 10f64.powf(labelled.log10().floor());
    let mantissa = [1.0, 2.0, 5.0, 10.0].into_iter().find(|m| m * power >= labelled).unwrap_or(10.0);
    let step = mantissa * power;
    let fine = if mantissa == 2.0 { step / 4.0 } else { step / 5.0 };
    [fine, step, step * 10.0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_steps_are_round_and_no_narrower_than_asked() {
        assert_eq!(round_steps(1680.0), [500.0, 2000.0, 20_000.0]);
        assert_eq!(round_steps(1.0), [0.2, 1.0, 10.0]);
        assert_eq!(round_steps(0.03), [0.01, 0.05, 0.5]);
        assert_eq!(round_steps(4e5), [1e5, 5e5, 5e6]);
        for asked in [1e-3, 0.7, 3.0, 77.0, 123_456.0] {
            let [fine, step, coarse] = round_steps(asked);
            assert!(step >= asked && step < asked * 2.5, "{asked}: {step}");
            assert!(fine < step && step < coarse);
        }
    }
}
