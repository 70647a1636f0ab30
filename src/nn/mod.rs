//! Small neural networks trained by the same optimizers that descend the
//! surfaces: data sets and splits, a dense MLP on a flat parameter vector
//! with exact backpropagation, lockstep training runs recorded per epoch,
//! and the loss landscape around their paths.

pub mod boundary;
pub mod dataset;
mod gemm;
pub mod landscape;
pub mod mlp;
mod real;
pub mod record;
pub mod spec;
pub mod train;
mod workspace;

pub use dataset::{Dataset, Split};
pub use mlp::{Metrics, Mlp, MlpOracle, Output, Precision};
pub use spec::{DatasetSpec, ModelSpec};
pub use train::{History, InitFile, InitLayer, NetRun, Problem, Training};
pub use workspace::Workspace;
