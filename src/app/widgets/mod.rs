//! Widgets both pages use: the optimizer list with its sliders, one widget
//! per hyperparameter, the grouped picker, the loaded scene's explanation,
//! log-scaled plots and plots that count along x.

pub mod count_axis;
pub mod explanation;
pub mod log_axis;
pub mod optimizers;
pub mod params;
pub mod picker;
#[cfg(test)]
mod tests;
