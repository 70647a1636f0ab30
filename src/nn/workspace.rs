//! The buffers a network's forward and backward passes work in, one set per
//! precision, kept apart from the network so that the precision types
//! ([`super::real`]) and the network ([`super::mlp`]) both reach them.

use super::inputs::InputFeatures;

/// Buffers for the forward and backward passes of one network, sized for a
/// number of rows. They remember what the last forward pass computed, so
/// asking again for the same rows and parameters (the training loss
/// recorded after a step, then the gradient of the next step) costs nothing.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// The buffers of a network in f64.
    pub(super) double: Buffers<f64>,
    /// The buffers of a network in f32.
    pub(super) single: Buffers<f32>,
}

/// A [`Workspace`]'s buffers for one precision `T`.
#[derive(Clone, Debug, Default)]
pub(super) struct Buffers<T> {
    /// `activations[0]` is the gathered input; `activations[k]` the output of
    /// layer k (after its activation; for the last, the softmax
    /// probabilities, the sigmoid unit's input or the regression's
    /// prediction), feature after feature. Every buffer but the
    /// last ends in a column of ones, the input of the next layer's bias.
    pub(super) activations: Vec<Vec<T>>,
    /// The two class probabilities of a sigmoid output: `1 − σ` for every
    /// row, then `σ` for every row.
    pub(super) sigmoid_probabilities: Vec<T>,
    /// `deltas[k]`: the loss gradient with respect to layer k's pre-activation.
    pub(super) deltas: Vec<Vec<T>>,
    /// The gradient with respect to a hidden layer's output, before the
    /// activation's derivative turns it into that layer's delta (and the softmax's
    /// scratch in the forward pass).
    pub(super) upstream: Vec<T>,
    /// The parameters in `T`, as the products read them.
    pub(super) weights: Vec<T>,
    /// The gradient in `T`, as the products write it.
    pub(super) gradient: Vec<T>,
    /// The class probabilities [`super::mlp::Mlp::predict`] hands out, as f64.
    pub(super) predicted: Vec<f64>,
    /// The layer widths, features read, data set (address and length of its
    /// features) and rows of the input in `activations[0]`.
    pub(super) sizes: Vec<usize>,
    pub(super) inputs: InputFeatures,
    pub(super) data: (usize, usize),
    pub(super) rows: Vec<usize>,
    /// The parameters the other activations were computed from (empty: none).
    pub(super) params: Vec<f64>,
    /// The names of the hidden activation and the output they were
    /// computed with (names, so that the buffers need not know the types).
    pub(super) functions: Option<[&'static str; 2]>,
}
