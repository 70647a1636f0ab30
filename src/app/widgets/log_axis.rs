//! Plots of a quantity spanning decades (losses, learning rates), drawn as
//! log₁₀ of it and labelled as powers of ten; the race's and the network's
//! curves and the sensitivity view share it.

use egui_plot::{log_grid_spacer, GridMark, Plot};

/// A plot whose y values are log₁₀ of a quantity, labelled as powers of ten.
pub fn powers_of_ten(plot: Plot<'_>) -> Plot<'_> {
    plot.y_grid_spacer(log_grid_spacer(10)).y_axis_formatter(|mark, _| decade_label(mark))
}

/// A plot whose x values are log₁₀ of a quantity, labelled as powers of ten.
pub fn powers_of_ten_x(plot: Plot<'_>) -> Plot<'_> {
    plot.x_grid_spacer(log_grid_spacer(10)).x_axis_formatter(|mark, _| decade_label(mark))
}

/// `1e-3` at a whole decade, nothing between.
fn decade_label(mark: GridMark) -> String {
    if mark.value.fract() == 0.0 {
        format!("1e{}", mark.value)
    } else {
        String::new()
    }
}
