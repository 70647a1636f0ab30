//! optiviz: gradient-descent optimizers racing across loss surfaces.
//!
//! The library holds all the maths and no GUI types: [`surface`]s with exact
//! gradients and Hessians, [`optim`]izers that step parameter vectors of any
//! length (matching `torch.optim`), learning-rate [`schedule`]s, and the
//! lockstep [`sim`]ulation of several runs, and small [`nn`] networks trained
//! by the same optimizers. A [`scene`] file describes a race, and [`render`]
//! draws it as PNG or SVG figures. The command line and the app
//! call the same functions.

pub mod atomic;
pub mod axis;
pub mod colormap;
pub mod contour;
pub mod error;
pub mod lod;
pub mod memory;
pub mod mesh3d;
pub mod number;
pub mod nn;
pub mod optim;
pub mod params;
pub mod render;
pub mod scene;
pub mod schedule;
pub mod settings;
mod simd;
pub mod sim;
pub mod surface;
pub mod trace;
pub mod tune;
pub mod window;

pub use error::{DataError, InitError, SpecError};
pub use optim::{Optimizer, OptimizerConfig, Oracle};
pub use scene::{AnyScene, NetScene, Scene, SceneError};
pub use schedule::Schedule;
pub use sim::{RunSpec, Simulation};
pub use surface::{Surface, SurfaceConfig};
pub use window::Window;
