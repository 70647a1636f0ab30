//! Widgets both pages use: the optimizer list with its sliders, one widget
//! per hyperparameter, the grouped picker, the loaded scene's explanation,
//! log-scaled plots, plots that count along x, a loss's colour map and how
//! a path on it is drawn.

pub mod count_axis;
pub mod explanation;
pub mod log_axis;
pub mod loss_map;
pub mod optimizers;
pub mod params;
pub mod path_style;
pub mod picker;
#[cfg(test)]
mod tests;
