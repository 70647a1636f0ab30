//! A dense multi-layer perceptron whose parameters are one flat vector, so
//! the optimizers that step a point on a surface step its weights too.
//!
//! Layout of the vector, layer after layer: the weight `[in][out]`
//! (row-major), then the bias `[out]`. ReLU between layers, softmax
//! cross-entropy `−Σ onehot·ln(p + 1e−15) / n` on the output. The maths
//! follows NumPy's order of operations (`X @ W + b`, softmax with the row
//! maximum subtracted, `dz = (p − onehot)/n`, `dW = aᵀ @ dz`,
//! `db = Σ_rows dz`); matrix products read the flat vector and preallocated
//! row-major buffers in place, transposes included.

use std::ops::Range;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

use super::dataset::Dataset;
use super::gemm::{product, row_major};
use crate::optim::Oracle;
use crate::simd::with_fma;

/// Added to probabilities before the logarithm, so a confident wrong answer
/// costs a large but finite loss.
const LOG_FLOOR: f64 = 1e-15;

/// The shape of a network: layer widths from the inputs to the classes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mlp {
    sizes: Vec<usize>,
    layers: Vec<Layer>,
}

/// Where one layer's weight and bias sit in the flat vector.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Layer {
    inputs: usize,
    outputs: usize,
    weight: Range<usize>,
    bias: Range<usize>,
}

/// Loss and accuracy of the parameters on a set of rows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// Mean softmax cross-entropy.
    pub loss: f64,
    /// Fraction of rows whose most probable class is the label.
    pub accuracy: f64,
}

/// Buffers for the forward and backward passes of one network, sized for a
/// number of rows. They remember what the last forward pass computed, so
/// asking again for the same rows and parameters (the training loss
/// recorded after a step, then the gradient of the next step) costs nothing.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// `activations[0]` is the gathered input; `activations[k]` the output of
    /// layer k (after ReLU, or the softmax probabilities for the last).
    activations: Vec<Vec<f64>>,
    /// `deltas[k]`: the loss gradient with respect to layer k's pre-activation.
    deltas: Vec<Vec<f64>>,
    /// The gradient with respect to a hidden layer's output, before ReLU's
    /// derivative turns it into that layer's delta.
    upstream: Vec<f64>,
    /// The layer widths, data set (address and length of its features) and
    /// rows of the input in `activations[0]`.
    sizes: Vec<usize>,
    data: (usize, usize),
    rows: Vec<usize>,
    /// The parameters the other activations were computed from (empty: none).
    params: Vec<f64>,
}

impl Mlp {
    /// A network from `inputs` features through `hidden` layers to `classes` outputs.
    pub fn new(inputs: usize, hidden: &[usize], classes: usize) -> Mlp {
        let sizes: Vec<usize> = std::iter::once(inputs).chain(hidden.iter().copied()).chain([classes]).collect();
        let mut offset = 0;
        let layers = sizes
            .windows(2)
            .map(|pair| {
                let (inputs, outputs) = (pair[0], pair[1]);
                let weight = offset..offset + inputs * outputs;
                let bias = weight.end..weight.end + outputs;
                offset = bias.end;
                Layer { inputs, outputs, weight, bias }
            })
            .collect();
        Mlp { sizes, layers }
    }

    /// Layer widths, inputs first, classes last.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Length of the flat parameter vector.
    pub fn parameter_count(&self) -> usize {
        self.layers.last().map_or(0, |layer| layer.bias.end)
    }

    /// He initialisation from `seed`: weights `N(0, 2/fan_in)`, drawn layer
    /// after layer in the flat order; zero biases.
    pub fn he_init(&self, seed: u64) -> Vec<f64> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut params = vec![0.0; self.parameter_count()];
        for layer in &self.layers {
            let scale = (2.0 / layer.inputs as f64).sqrt();
            for w in &mut params[layer.weight.clone()] {
                let z: f64 = rng.sample(StandardNormal);
                *w = scale * z;
            }
        }
        params
    }

    /// The weight `[in][out]` and bias of each layer, as slices of `params`.
    pub fn split_layers<'p>(&self, params: &'p [f64]) -> Vec<(&'p [f64], &'p [f64])> {
        self.layers.iter().map(|layer| (&params[layer.weight.clone()], &params[layer.bias.clone()])).collect()
    }

    /// Makes `workspace` large enough for `rows` rows (allocates only when it grows).
    fn prepare(&self, workspace: &mut Workspace, rows: usize) {
        workspace.activations.resize_with(self.sizes.len(), Vec::new);
        workspace.deltas.resize_with(self.sizes.len() - 1, Vec::new);
        for (buffer, width) in workspace.activations.iter_mut().zip(&self.sizes) {
            if buffer.len() < rows * width {
                buffer.resize(rows * width, 0.0);
            }
        }
        for (buffer, width) in workspace.deltas.iter_mut().zip(&self.sizes[1..]) {
            if buffer.len() < rows * width {
                buffer.resize(rows * width, 0.0);
            }
        }
        let widest = self.sizes.iter().max().map_or(0, |width| rows * width);
        if workspace.upstream.len() < widest {
            workspace.upstream.resize(widest, 0.0);
        }
    }

    /// Forward pass over `rows` of `data`; leaves the probabilities in the
    /// last activation buffer. Skipped when the buffers already hold it.
    fn forward(&self, params: &[f64], data: &Dataset, rows: &[usize], workspace: &mut Workspace) {
        // Compiled for FMA/AVX too (the closure is inlined into it): the
        // elementwise passes between the products run four lanes wide.
        with_fma(
            #[inline(always)]
            || {
                let n = rows.len();
                let data_id = (data.features.as_ptr() as usize, data.features.len());
                let same_input = workspace.sizes == self.sizes && workspace.data == data_id && workspace.rows == rows;
                if same_input && same_bits(&workspace.params, params) {
                    return;
                }
                self.prepare(workspace, n);
                if !same_input {
                    for (slot, &row) in workspace.activations[0].chunks_exact_mut(data.dim).zip(rows) {
                        slot.copy_from_slice(data.row(row));
                    }
                    workspace.sizes.clone_from(&self.sizes);
                    workspace.data = data_id;
                    workspace.rows.clear();
                    workspace.rows.extend_from_slice(rows);
                }
                let last = self.sizes.len() - 2;
                for (k, layer) in self.layers.iter().enumerate() {
                    let (before, after) = workspace.activations.split_at_mut(k + 1);
                    let a = row_major(&before[k], n, layer.inputs);
                    let w = row_major(&params[layer.weight.clone()], layer.inputs, layer.outputs);
                    let z = &mut after[0][..n * layer.outputs];
                    product(a, w, z);
                    let bias = &params[layer.bias.clone()];
                    let z_rows = z.chunks_exact_mut(layer.outputs);
                    if k == last {
                        for row in z_rows {
                            row.iter_mut().zip(bias).for_each(|(value, b)| *value += b);
                            softmax(row);
                        }
                    } else {
                        for row in z_rows {
                            row.iter_mut().zip(bias).for_each(|(value, b)| *value = (*value + b).max(0.0));
                        }
                    }
                }
                workspace.params.clear();
                workspace.params.extend_from_slice(params);
            },
        )
    }

    /// The probabilities of the last forward pass over `n` rows.
    fn probabilities<'w>(&self, workspace: &'w Workspace, n: usize) -> &'w [f64] {
        let classes = self.sizes[self.sizes.len() - 1];
        &workspace.activations[self.sizes.len() - 1][..n * classes]
    }

    /// Cross-entropy of the last forward pass.
    fn cross_entropy(&self, workspace: &Workspace, data: &Dataset, rows: &[usize]) -> f64 {
        let classes = self.sizes[self.sizes.len() - 1];
        let probabilities = self.probabilities(workspace, rows.len());
        let total: f64 =
            probabilities.chunks_exact(classes).zip(rows).map(|(p, &row)| (p[data.labels[row]] + LOG_FLOOR).ln()).sum();
        -total / rows.len() as f64
    }

    /// Loss and accuracy of `params` on `rows` of `data` (NaN for no rows).
    pub fn evaluate(&self, params: &[f64], data: &Dataset, rows: &[usize], workspace: &mut Workspace) -> Metrics {
        if rows.is_empty() {
            return Metrics { loss: f64::NAN, accuracy: f64::NAN };
        }
        self.forward(params, data, rows, workspace);
        let classes = self.sizes[self.sizes.len() - 1];
        let correct = self
            .probabilities(workspace, rows.len())
            .chunks_exact(classes)
            .zip(rows)
            .filter(|(p, &row)| argmax(p) == data.labels[row])
            .count();
        Metrics { loss: self.cross_entropy(workspace, data, rows), accuracy: correct as f64 / rows.len() as f64 }
    }

    /// The class probabilities of `params` for `rows` of `data`, `classes`
    /// values per row (what a decision-boundary map or a digit's predicted
    /// label is drawn from).
    pub fn predict<'w>(&self, params: &[f64], data: &Dataset, rows: &[usize], workspace: &'w mut Workspace) -> &'w [f64] {
        self.forward(params, data, rows, workspace);
        self.probabilities(workspace, rows.len())
    }

    /// The loss of `params` on `rows` of `data`, with its exact gradient
    /// (backpropagation) written into `gradient` (same layout as `params`).
    pub fn loss_and_gradient(
        &self,
        params: &[f64],
        data: &Dataset,
        rows: &[usize],
        workspace: &mut Workspace,
        gradient: &mut [f64],
    ) -> f64 {
        with_fma(
            #[inline(always)]
            || {
                let n = rows.len();
                if n == 0 {
                    gradient.fill(0.0);
                    return f64::NAN;
                }
                self.forward(params, data, rows, workspace);
                let loss = self.cross_entropy(workspace, data, rows);
                let depth = self.sizes.len() - 1;
                let classes = self.sizes[depth];
                let Workspace { activations, deltas, upstream, .. } = workspace;
                let output_delta = &mut deltas[depth - 1][..n * classes];
                output_delta.copy_from_slice(&activations[depth][..n * classes]);
                for (delta, &row) in output_delta.chunks_exact_mut(classes).zip(rows) {
                    delta[data.labels[row]] -= 1.0;
                }
                output_delta.iter_mut().for_each(|value| *value /= n as f64);
                for (k, layer) in self.layers.iter().enumerate().rev() {
                    let (lower, upper) = deltas.split_at_mut(k);
                    let delta = &upper[0][..n * layer.outputs];
                    let a = row_major(&activations[k], n, layer.inputs);
                    let dz = row_major(delta, n, layer.outputs);
                    product(a.transpose(), dz, &mut gradient[layer.weight.clone()]);
                    let bias = &mut gradient[layer.bias.clone()];
                    bias.fill(0.0);
                    for row in delta.chunks_exact(layer.outputs) {
                        for (b, d) in bias.iter_mut().zip(row) {
                            *b += d;
                        }
                    }
                    if k > 0 {
                        let upstream = &mut upstream[..n * layer.inputs];
                        let w = row_major(&params[layer.weight.clone()], layer.inputs, layer.outputs);
                        product(dz, w.transpose(), upstream);
                        // ReLU's derivative: zero where the activation is not positive.
                        // Written into another buffer, every element: in place, the
                        // compiler would store the zeros alone, with slow masked stores.
                        let activation = &activations[k][..n * layer.inputs];
                        for ((d, u), a) in lower[k - 1].iter_mut().zip(upstream.iter()).zip(activation) {
                            *d = if *a <= 0.0 { 0.0 } else { *u };
                        }
                    }
                }
                loss
            },
        )
    }
}

/// Softmax of one row in place, the row maximum subtracted first.
fn softmax(row: &mut [f64]) {
    let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for value in row.iter_mut() {
        *value = (*value - max).exp();
        sum += *value;
    }
    for value in row.iter_mut() {
        *value /= sum;
    }
}

/// Whether `a` and `b` hold the same numbers bit for bit (`−0 ≠ 0`), so
/// that a forward pass over them gives the same results.
fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

/// Index of the first largest value (NumPy's `argmax`): the class a row of
/// probabilities predicts.
pub fn argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (i, v) in values.iter().enumerate() {
        if *v > values[best] {
            best = i;
        }
    }
    best
}

/// A network's training loss as an [`Oracle`]: the gradient is
/// backpropagation over the given rows. There is no Hessian.
#[derive(Debug)]
pub struct MlpOracle<'a> {
    mlp: &'a Mlp,
    data: &'a Dataset,
    rows: &'a [usize],
    workspace: &'a mut Workspace,
}

impl<'a> MlpOracle<'a> {
    /// The loss of `mlp` on `rows` of `data`, computing in `workspace`.
    pub fn new(mlp: &'a Mlp, data: &'a Dataset, rows: &'a [usize], workspace: &'a mut Workspace) -> MlpOracle<'a> {
        MlpOracle { mlp, data, rows, workspace }
    }
}

impl Oracle for MlpOracle<'_> {
    fn gradient(&mut self, point: &[f64], gradient: &mut [f64]) {
        self.mlp.loss_and_gradient(point, self.data, self.rows, self.workspace, gradient);
    }

    fn hessian(&mut self, _point: &[f64], _hessian: &mut [f64]) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn random_data(n: usize, dim: usize, classes: usize, seed: u64) -> Dataset {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let features = (0..n * dim).map(|_| rng.sample(StandardNormal)).collect();
        let labels = (0..n).map(|_| rng.random_range(0..classes)).collect();
        Dataset { features, labels, classes, dim }
    }

    #[test]
    fn backpropagation_equals_central_differences() {
        for (dim, hidden, classes) in [(3, vec![4, 5], 3), (7, vec![9, 8], 6)] {
            let data = random_data(11, dim, classes, 5);
            let mlp = Mlp::new(dim, &hidden, classes);
            let mut params = mlp.he_init(9);
            let mut rng = ChaCha8Rng::seed_from_u64(1);
            for p in &mut params {
                let z: f64 = rng.sample(StandardNormal);
                *p += 0.1 * z;
            }
            let rows: Vec<usize> = (0..data.len()).rev().collect();
            let mut workspace = Workspace::default();
            let mut gradient = vec![0.0; params.len()];
            let loss = mlp.loss_and_gradient(&params, &data, &rows, &mut workspace, &mut gradient);
            assert_eq!(loss, mlp.evaluate(&params, &data, &rows, &mut workspace).loss);
            let h = 1e-6;
            for i in 0..params.len() {
                let mut shifted = params.clone();
                shifted[i] = params[i] + h;
                let up = mlp.evaluate(&shifted, &data, &rows, &mut workspace).loss;
                shifted[i] = params[i] - h;
                let down = mlp.evaluate(&shifted, &data, &rows, &mut workspace).loss;
                let numeric = (up - down) / (2.0 * h);
                assert!(
                    (numeric - gradient[i]).abs() <= 1e-7 + 1e-5 * numeric.abs(),
                    "parameter {i}: backprop {} vs central difference {numeric}",
                    gradient[i]
                );
            }
        }
    }

    #[test]
    fn a_reused_workspace_gives_the_results_of_a_fresh_one() {
        let data = random_data(30, 5, 3, 2);
        let mlp = Mlp::new(5, &[6], 3);
        let (first, second) = (mlp.he_init(1), mlp.he_init(2));
        let (rows, other): (Vec<usize>, Vec<usize>) = ((0..20).collect(), (10..30).collect());
        let fresh = |params: &[f64], rows: &[usize]| {
            let mut gradient = vec![0.0; params.len()];
            let loss = mlp.loss_and_gradient(params, &data, rows, &mut Workspace::default(), &mut gradient);
            (loss, gradient)
        };
        let mut workspace = Workspace::default();
        let mut reused = |params: &[f64], rows: &[usize]| {
            let mut gradient = vec![0.0; params.len()];
            let loss = mlp.loss_and_gradient(params, &data, rows, &mut workspace, &mut gradient);
            (loss, gradient)
        };
        // The same rows and parameters again, then new parameters, then new rows.
        for (params, rows) in [(&first, &rows), (&first, &rows), (&second, &rows), (&second, &other), (&first, &other)] {
            assert_eq!(reused(params, rows), fresh(params, rows));
        }
        assert_ne!(fresh(&first, &rows), fresh(&second, &rows));
        assert_ne!(fresh(&first, &rows), fresh(&first, &other));
        // Another data set with the same rows and parameters is a new input.
        let elsewhere = random_data(30, 5, 3, 7);
        let mut other_workspace = Workspace::default();
        let probabilities = |data: &Dataset, workspace: &mut Workspace| mlp.predict(&first, data, &rows, workspace).to_vec();
        let before = probabilities(&data, &mut other_workspace);
        assert_ne!(probabilities(&elsewhere, &mut other_workspace), before);
        assert_eq!(probabilities(&elsewhere, &mut other_workspace), probabilities(&elsewhere, &mut Workspace::default()));
    }

    #[test]
    fn he_init_is_seeded_with_zero_biases() {
        let mlp = Mlp::new(64, &[32], 10);
        let params = mlp.he_init(3);
        assert_eq!(params.len(), 64 * 32 + 32 + 32 * 10 + 10);
        assert_eq!(params, mlp.he_init(3));
        assert_ne!(params, mlp.he_init(4));
        let layers = mlp.split_layers(&params);
        assert!(layers.iter().all(|(_, bias)| bias.iter().all(|b| *b == 0.0)));
        let w = layers[0].0;
        let variance = w.iter().map(|x| x * x).sum::<f64>() / w.len() as f64;
        assert!((variance - 2.0 / 64.0).abs() < 0.1 * 2.0 / 64.0, "variance {variance}");
    }
}
