//! The app's panels, one job each. Each reads the state and pushes commands.

pub mod controls;
pub mod curves;
pub mod explanation;
pub mod help;
pub mod optimizers;
pub mod params;
pub mod race_plot;
pub mod surface;
pub mod surface_3d;
pub mod table;
pub mod tune;
