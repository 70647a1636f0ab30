//! Small neural networks trained by the same optimizers that descend the
//! surfaces: data sets and splits, a dense MLP on a flat parameter vector
//! with exact backpropagation (features computed from points of the plane,
//! any hidden activation, a penalty on the weights, classes or regression),
//! lockstep training runs recorded per epoch, what each hidden unit
//! computes over the plane, and the loss landscape around their paths.

pub mod activation;
pub mod boundary;
pub mod dataset;
pub mod fit;
mod gemm;
pub mod inputs;
pub mod landscape;
pub mod mlp;
pub mod neurons;
pub mod output;
pub mod penalty;
mod real;
pub mod record;
pub mod spec;
pub mod train;
mod workspace;

pub use activation::Activation;
pub use dataset::{Dataset, Split, Task};
pub use inputs::{InputFeature, InputFeatures};
pub use mlp::{Metrics, Mlp, MlpOracle, Precision};
pub use output::{Output, Score};
pub use penalty::Penalty;
pub use spec::{DatasetSpec, ModelSpec};
pub use train::{History, InitFile, InitLayer, NetRun, Problem, Training};
pub use workspace::Workspace;
