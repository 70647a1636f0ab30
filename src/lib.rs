//! optiviz: gradient-descent optimizers racing across loss surfaces.
//!
//! The library holds all the maths and no GUI types; the command line and
//! the app call the same functions. Its folders, from the ground up:
//!
//! - [`spec`]: hyperparameter tables, the spec strings (`adam:lr=0.01`)
//!   parsed against them, and the typed errors;
//! - [`surface`]: the loss surfaces with exact gradients and Hessians, and
//!   typed formulas;
//! - [`optim`]: the optimizers (matching `torch.optim`) and learning-rate
//!   schedules;
//! - [`engine`]: races of several runs in lockstep, the fair learning-rate
//!   search, and trajectories as text;
//! - [`nn`]: small networks trained by the same optimizers;
//! - [`scene`]: races and trainings written down as TOML files;
//! - [`plot`]: geometry without GUI: windows, axes, contours, colours,
//!   level of detail, the 3-D mesh;
//! - [`render`]: figures (PNG, SVG, GIF) drawn with plotters;
//! - [`export`]: scenes as standalone PyTorch scripts;
//! - [`util`]: number formatting, file writes, the memory budget, SIMD.

pub mod engine;
pub mod export;
pub mod nn;
pub mod optim;
pub mod plot;
pub mod render;
pub mod scene;
pub mod spec;
pub mod surface;
pub mod util;

pub use engine::lockstep::RunSpec;
pub use engine::race::Simulation;
pub use optim::schedule::Schedule;
pub use optim::{Optimizer, OptimizerConfig, Oracle};
pub use plot::window::Window;
pub use scene::{AnyScene, NetScene, Scene, SceneError};
pub use spec::error::{DataError, InitError, SpecError};
pub use surface::{Surface, SurfaceConfig};
