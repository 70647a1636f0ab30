//! What a user types: one hyperparameter table per kind of thing (surface,
//! optimizer, schedule, data set, model) drives parsing, validation,
//! `optiviz list` and the app's sliders; spec strings are parsed against
//! those tables; every error names the problem and what is allowed.

pub mod error;
pub mod key;
pub mod params;
pub mod settings;
