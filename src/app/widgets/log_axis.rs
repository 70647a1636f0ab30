//! Plots of a quantity spanning decades (losses), drawn as log₁₀ of it and
//! labelled as powers of ten; the race's and the network's curves share it.

use egui_plot::{log_grid_spacer, Plot};

/// A plot whose y values are log₁₀ of a quantity, labelled as powers of ten.
pub fn powers_of_ten(plot: Plot<'_>) -> Plot<'_> {
    plot.y_grid_spacer(log_grid_spacer(10)).y_axis_formatter(|mark, _| {
        if mark.value.fract() == 0.0 {
            format!("1e{}", mark.value)
        } else {
            String::new()
        }
    })
}
