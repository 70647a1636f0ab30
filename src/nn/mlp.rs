//! A dense multi-layer perceptron whose parameters are one flat vector, so
//! the optimizers that step a point on a surface step its weights too.
//!
//! Layout of the vector, layer after layer: the weight `[in][out]`
//! (row-major), then the bias `[out]`. An activation (ReLU by default)
//! after every hidden layer; the output is a softmax over the classes or,
//! for two classes, one sigmoid unit (seed 004's network), both with the
//! cross-entropy `−Σ onehot·ln(p + 1e−15) / n` of the class probabilities,
//! or for regression one linear unit with the mean squared error
//! `Σ(ŷ − y)²/n`. A penalty on the weights may be added to the loss the
//! gradient is taken of ([`Mlp::objective`]); the loss reported is the
//! data's alone. The maths
//! follows NumPy's order of operations (`X @ W + b`, softmax with the row
//! maximum subtracted, `dz = (p − onehot)/n`, `dW = aᵀ @ dz`,
//! `db = Σ_rows dz`), though a bias is summed inside its product; matrix
//! products read the flat vector and preallocated buffers in place,
//! transposes included. Activations and deltas are stored feature-major
//! (each unit's values over the rows side by side): faer's kernels write
//! them fastest, and every pass between the products runs down whole
//! columns.

use std::ops::Range;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

use super::activation::Activation;
use super::dataset::Dataset;
use super::gemm::{
    feature_major, feature_major_mut, gather_feature_major, gather_inputs_feature_major, product, row_major,
    row_major_mut,
};
use super::inputs::InputFeatures;
use super::output::{Output, Score};
use super::penalty::Penalty;
use super::real::Real;
use super::workspace::{Buffers, Workspace};
use crate::optim::Oracle;
use crate::util::simd::with_fma;

/// The widest hidden layer a model may ask for.
pub const MAX_WIDTH: usize = 4096;
/// The most hidden layers a model may ask for.
pub const MAX_LAYERS: usize = 16;
/// The most parameters a seeded network may have (80 MB of weights).
pub const MAX_PARAMETERS: usize = 10_000_000;

/// Added to probabilities before the logarithm, so a confident wrong answer
/// costs a large but finite loss.
const LOG_FLOOR: f64 = 1e-15;

/// The floating-point type a network computes its passes in. The
/// parameters, the gradient handed to the optimizer and the losses are f64
/// either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Precision {
    /// Double precision: seed 003's NumPy network, and the reference runs.
    #[default]
    F64,
    /// Single precision, as PyTorch computes by default (seed 004's network):
    /// half the memory per activation and twice the numbers per instruction.
    F32,
}

impl Precision {
    /// The spec word: `f64` or `f32`.
    pub fn name(self) -> &'static str {
        match self {
            Precision::F64 => "f64",
            Precision::F32 => "f32",
        }
    }

    /// The precision by its spec word.
    pub fn from_name(name: &str) -> Option<Precision> {
        [Precision::F64, Precision::F32].into_iter().find(|precision| precision.name() == name)
    }
}

/// The shape of a network: layer widths from the inputs to the output
/// units, its hidden activation, output and weight penalty.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
    inputs: InputFeatures,
    sizes: Vec<usize>,
    layers: Vec<Layer>,
    output: Output,
    classes: usize,
    precision: Precision,
    activation: Activation,
    penalty: Penalty,
}

/// Where one layer's weight and bias sit in the flat vector.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Layer {
    inputs: usize,
    outputs: usize,
    weight: Range<usize>,
    bias: Range<usize>,
}

/// Loss and score of the parameters on a set of rows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// The data loss: mean cross-entropy of the class probabilities, or
    /// mean squared error of a regression.
    pub loss: f64,
    /// The network's [`Score`]: the fraction of rows whose most probable
    /// class is the label, or R² over the rows.
    pub score: f64,
}

impl Mlp {
    /// A network from `inputs` features through `hidden` layers to a softmax
    /// over `classes` outputs.
    pub fn new(inputs: usize, hidden: &[usize], classes: usize) -> Mlp {
        Mlp::with_output(inputs, hidden, classes, Output::Softmax)
    }

    /// A network from `inputs` features through `hidden` layers (ReLU, no
    /// penalty) to `classes` classes through `output` (a sigmoid output is
    /// for two classes; a linear output, for regression, has no classes).
    pub fn with_output(inputs: usize, hidden: &[usize], classes: usize, output: Output) -> Mlp {
        let units = output.units(classes);
        let sizes: Vec<usize> = std::iter::once(inputs).chain(hidden.iter().copied()).chain([units]).collect();
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
        let (inputs, precision, activation, penalty) = Default::default();
        Mlp { inputs, sizes, layers, output, classes, precision, activation, penalty }
    }

    /// A network reading `inputs` of each point of two-feature data (one
    /// input per feature), otherwise as [`Mlp::with_output`] makes it.
    pub fn with_inputs(inputs: InputFeatures, hidden: &[usize], classes: usize, output: Output) -> Mlp {
        Mlp { inputs, ..Mlp::with_output(inputs.len(), hidden, classes, output) }
    }

    /// The features it reads of each point: the data's own unless
    /// [`Mlp::with_inputs`] chose others (for two-feature data).
    pub fn inputs(&self) -> InputFeatures {
        self.inputs
    }

    /// This network with `activation` after every hidden layer.
    pub fn with_activation(self, activation: Activation) -> Mlp {
        Mlp { activation, ..self }
    }

    /// This network descending its loss plus `penalty` on its weights.
    pub fn with_penalty(self, penalty: Penalty) -> Mlp {
        Mlp { penalty, ..self }
    }

    /// The activation after every hidden layer.
    pub fn activation(&self) -> Activation {
        self.activation
    }

    /// The penalty on the weights in the loss the gradient is taken of.
    pub fn penalty(&self) -> Penalty {
        self.penalty
    }

    /// How its test rows are scored: accuracy, or R² for regression.
    pub fn score(&self) -> Score {
        self.output.score()
    }

    /// This network computing in `precision`.
    pub fn with_precision(self, precision: Precision) -> Mlp {
        Mlp { precision, ..self }
    }

    /// The floating-point type its passes compute in.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// Layer widths, inputs first, output units last.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// The widths of the hidden layers.
    pub fn hidden(&self) -> &[usize] {
        &self.sizes[1..self.sizes.len() - 1]
    }

    /// How the last layer becomes the answer.
    pub fn output(&self) -> Output {
        self.output
    }

    /// Number of classes (probabilities per row; 0 for regression).
    pub fn classes(&self) -> usize {
        self.classes
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

    /// Makes `workspace` large enough for `rows` rows (allocates only when it grows).
    fn prepare<T: Real>(&self, workspace: &mut Buffers<T>, rows: usize) {
        let depth = self.sizes.len() - 1;
        workspace.activations.resize_with(depth + 1, Vec::new);
        let grow = |buffer: &mut Vec<T>, len: usize| {
            if buffer.len() < len {
                buffer.resize(len, T::ZERO);
            }
        };
        for (k, (buffer, width)) in workspace.activations.iter_mut().zip(&self.sizes).enumerate() {
            grow(buffer, rows * if k < depth { width + 1 } else { *width });
        }
        if self.output == Output::Sigmoid {
            grow(&mut workspace.sigmoid_probabilities, 2 * rows);
        }
        // The softmax's two scratch values per row, or the gradient reaching
        // the widest hidden layer.
        let widest_hidden = self.hidden().iter().copied().max().unwrap_or(0);
        grow(&mut workspace.upstream, rows * widest_hidden.max(2));
    }

    /// Makes the backward pass's buffers in `workspace` large enough for
    /// `rows` rows, apart from [`Mlp::prepare`] so that a forward pass alone
    /// (the loss over every training row) does not allocate them.
    fn prepare_backward<T: Real>(&self, workspace: &mut Buffers<T>, rows: usize) {
        workspace.deltas.resize_with(self.sizes.len() - 1, Vec::new);
        for (buffer, width) in workspace.deltas.iter_mut().zip(&self.sizes[1..]) {
            if buffer.len() < rows * width {
                buffer.resize(rows * width, T::ZERO);
            }
        }
        if workspace.gradient.len() < self.parameter_count() {
            workspace.gradient.resize(self.parameter_count(), T::ZERO);
        }
    }

    /// Gathers `rows` of `data` into the input buffer, feature after
    /// feature (the chosen [`InputFeatures`] of each point, computed, or the
    /// data's own features), and puts a column of ones after every layer's
    /// input (the bias's input).
    fn gather<T: Real>(&self, data: &Dataset, rows: &[usize], workspace: &mut Buffers<T>) {
        let n = rows.len();
        if self.inputs.is_raw() {
            gather_feature_major(&data.features, data.dim, rows, &mut workspace.activations[0]);
        } else {
            debug_assert_eq!(data.dim, 2, "computed inputs are of points of the plane");
            gather_inputs_feature_major(self.inputs, &data.features, rows, &mut workspace.activations[0]);
        }
        for (buffer, width) in workspace.activations.iter_mut().zip(&self.sizes[..self.sizes.len() - 1]) {
            buffer[width * n..(width + 1) * n].fill(T::ONE);
        }
    }

    /// Forward pass over `rows` of `data`; leaves the class probabilities
    /// where [`Mlp::probabilities`] reads them. Skipped when the buffers
    /// already hold it.
    ///
    /// Each layer's input carries a column of ones after its features, and
    /// the layer's weight and bias lie one after the other in the flat
    /// vector: together the `(inputs + 1) × outputs` matrix `[W; b]`. So one
    /// product `[a 1]·[W; b]` is `a·W + b`, and in the backward pass one
    /// product `[a 1]ᵀ·dz` is the gradient of both, `aᵀ·dz` and `Σ_rows dz`.
    fn forward<T: Real>(&self, params: &[f64], data: &Dataset, rows: &[usize], workspace: &mut Buffers<T>) {
        // Compiled for FMA/AVX too (the closure is inlined into it): the
        // elementwise passes between the products run a register wide.
        with_fma(
            #[inline(always)]
            || {
                let n = rows.len();
                let data_id = (data.features.as_ptr() as usize, data.features.len());
                let same_input = workspace.sizes == self.sizes
                    && workspace.inputs == self.inputs
                    && workspace.data == data_id
                    && workspace.rows == rows;
                let functions = Some([self.activation.name(), self.output.name()]);
                if same_input && workspace.functions == functions && same_bits(&workspace.params, params) {
                    return;
                }
                self.prepare(workspace, n);
                if n == 0 {
                    return;
                }
                if !same_input {
                    self.gather(data, rows, workspace);
                    workspace.sizes.clone_from(&self.sizes);
                    workspace.inputs = self.inputs;
                    workspace.data = data_id;
                    workspace.rows.clear();
                    workspace.rows.extend_from_slice(rows);
                }
                workspace.weights.clear();
                workspace.weights.extend(params.iter().map(|p| T::from_f64(*p)));
                let last = self.sizes.len() - 2;
                for (k, layer) in self.layers.iter().enumerate() {
                    let (before, after) = workspace.activations.split_at_mut(k + 1);
                    let a = &before[k][..n * (layer.inputs + 1)];
                    let weight_and_bias = &workspace.weights[layer.weight.start..layer.bias.end];
                    let w = row_major(weight_and_bias, layer.inputs + 1, layer.outputs);
                    // The column of ones after these (a hidden layer's) stays.
                    let z = &mut after[0][..n * layer.outputs];
                    product(feature_major(a, n, layer.inputs + 1), w, feature_major_mut(z, n, layer.outputs));
                    if k < last {
                        self.activation.forward(z);
                        continue;
                    }
                    match self.output {
                        Output::Softmax => softmax(z, n, &mut workspace.upstream),
                        Output::Sigmoid => {
                            let (p0, p1) = workspace.sigmoid_probabilities[..2 * n].split_at_mut(n);
                            for ((z, p0), p1) in z.iter().zip(p0).zip(p1) {
                                [*p0, *p1] = sigmoid_pair(*z);
                            }
                        }
                        Output::Linear => {}
                    }
                }
                workspace.params.clear();
                workspace.params.extend_from_slice(params);
                workspace.functions = functions;
            },
        )
    }

    /// The answers of the last forward pass over `n` rows, value after
    /// value: the probability of class `c` for row `i` is at `c·n + i`; a
    /// regression's one prediction for row `i` at `i`.
    fn probabilities<'w, T: Real>(&self, workspace: &'w Buffers<T>, n: usize) -> &'w [T] {
        match self.output {
            Output::Softmax | Output::Linear => {
                &workspace.activations[self.sizes.len() - 1][..n * self.output.values_per_row(self.classes)]
            }
            Output::Sigmoid => &workspace.sigmoid_probabilities[..2 * n],
        }
    }

    /// The data loss of the last forward pass: cross-entropy, or the mean
    /// squared error of a regression.
    fn data_loss<T: Real>(&self, workspace: &Buffers<T>, data: &Dataset, rows: &[usize]) -> f64 {
        let n = rows.len();
        let answers = self.probabilities(workspace, n);
        if self.output == Output::Linear {
            let errors = rows.iter().zip(answers).map(|(&row, y)| y.to_f64() - data.values[row]);
            return errors.map(|e| e * e).sum::<f64>() / n as f64;
        }
        let floored = rows.iter().enumerate().map(|(i, &row)| answers[data.labels[row] * n + i].to_f64() + LOG_FLOOR);
        -sum_of_logs(floored) / n as f64
    }

    /// The loss the optimizer descends: the data loss of `params` on `rows`
    /// of `data` plus the penalty on the weights.
    pub fn objective(&self, params: &[f64], data: &Dataset, rows: &[usize], workspace: &mut Workspace) -> f64 {
        let loss = self.loss(params, data, rows, workspace);
        if self.penalty.is_none() {
            return loss;
        }
        loss + self.layers.iter().map(|layer| self.penalty.value(&params[layer.weight.clone()])).sum::<f64>()
    }

    /// The data loss of `params` on `rows` of `data`, without the penalty
    /// (NaN for no rows).
    pub fn loss(&self, params: &[f64], data: &Dataset, rows: &[usize], workspace: &mut Workspace) -> f64 {
        match self.precision {
            Precision::F64 => self.loss_in::<f64>(params, data, rows, workspace),
            Precision::F32 => self.loss_in::<f32>(params, data, rows, workspace),
        }
    }

    /// [`Mlp::loss`] computed in `T`.
    fn loss_in<T: Real>(&self, params: &[f64], data: &Dataset, rows: &[usize], workspace: &mut Workspace) -> f64 {
        if rows.is_empty() {
            return f64::NAN;
        }
        let buffers = T::buffers(workspace);
        self.forward(params, data, rows, buffers);
        self.data_loss(buffers, data, rows)
    }

    /// Data loss and score of `params` on `rows` of `data` (NaN for no rows).
    pub fn evaluate(&self, params: &[f64], data: &Dataset, rows: &[usize], workspace: &mut Workspace) -> Metrics {
        match self.precision {
            Precision::F64 => self.evaluate_in::<f64>(params, data, rows, workspace),
            Precision::F32 => self.evaluate_in::<f32>(params, data, rows, workspace),
        }
    }

    /// [`Mlp::evaluate`] computed in `T`.
    fn evaluate_in<T: Real>(
        &self,
        params: &[f64],
        data: &Dataset,
        rows: &[usize],
        workspace: &mut Workspace,
    ) -> Metrics {
        let loss = self.loss_in::<T>(params, data, rows, workspace);
        if rows.is_empty() {
            return Metrics { loss, score: f64::NAN };
        }
        let n = rows.len();
        let answers = self.probabilities(T::buffers(workspace), n);
        let score = match self.score() {
            Score::R2 => {
                // R² = 1 − Σ(ŷ − y)²/Σ(y − ȳ)²: the loss is Σ(ŷ − y)²/n.
                let mean = rows.iter().map(|&row| data.values[row]).sum::<f64>() / n as f64;
                let spread = rows.iter().map(|&row| (data.values[row] - mean).powi(2)).sum::<f64>();
                1.0 - loss * n as f64 / spread
            }
            Score::Accuracy => {
                let predicted = |i: usize| argmax((0..self.classes).map(|c| answers[c * n + i]));
                let correct = rows.iter().enumerate().filter(|(i, &row)| predicted(*i) == data.labels[row]).count();
                correct as f64 / n as f64
            }
        };
        Metrics { loss, score }
    }

    /// The class probabilities of `params` for `rows` of `data`, `classes`
    /// values per row (what a decision-boundary map or a digit's predicted
    /// label is drawn from); for regression, the one predicted number per
    /// row (in the data's standardised units).
    pub fn predict<'w>(
        &self,
        params: &[f64],
        data: &Dataset,
        rows: &[usize],
        workspace: &'w mut Workspace,
    ) -> &'w [f64] {
        match self.precision {
            Precision::F64 => self.predict_in::<f64>(params, data, rows, workspace),
            Precision::F32 => self.predict_in::<f32>(params, data, rows, workspace),
        }
    }

    /// [`Mlp::predict`] computed in `T`.
    fn predict_in<'w, T: Real>(
        &self,
        params: &[f64],
        data: &Dataset,
        rows: &[usize],
        workspace: &'w mut Workspace,
    ) -> &'w [f64] {
        let buffers = T::buffers(workspace);
        self.forward(params, data, rows, buffers);
        let mut predicted = std::mem::take(&mut buffers.predicted);
        predicted.clear();
        let (n, values) = (rows.len(), self.output.values_per_row(self.classes));
        let probabilities = self.probabilities(buffers, n);
        predicted.extend((0..n).flat_map(|i| (0..values).map(move |c| probabilities[c * n + i].to_f64())));
        buffers.predicted = predicted;
        &buffers.predicted
    }

    /// The outputs of the hidden units (after the activation) of `params`
    /// for `rows` of `data`: one vector per hidden layer, inputs side first,
    /// holding unit after unit the unit's value for each row in turn (unit
    /// `u`'s value for `rows[i]` at `u·n + i`, `n = rows.len()`).
    pub fn hidden_outputs(
        &self,
        params: &[f64],
        data: &Dataset,
        rows: &[usize],
        workspace: &mut Workspace,
    ) -> Vec<Vec<f64>> {
        match self.precision {
            Precision::F64 => self.hidden_outputs_in::<f64>(params, data, rows, workspace),
            Precision::F32 => self.hidden_outputs_in::<f32>(params, data, rows, workspace),
        }
    }

    /// [`Mlp::hidden_outputs`] computed in `T`.
    fn hidden_outputs_in<T: Real>(
        &self,
        params: &[f64],
        data: &Dataset,
        rows: &[usize],
        workspace: &mut Workspace,
    ) -> Vec<Vec<f64>> {
        let buffers = T::buffers(workspace);
        self.forward(params, data, rows, buffers);
        let n = rows.len();
        let hidden = buffers.activations[1..self.sizes.len() - 1].iter().zip(self.hidden());
        hidden.map(|(layer, width)| layer[..n * width].iter().map(|a| a.to_f64()).collect()).collect()
    }

    /// The exact gradient (backpropagation) of the [`Mlp::objective`] of
    /// `params` on `rows` of `data`, written into `gradient` (same layout as
    /// `params`; no rows add nothing to the penalty's part).
    pub fn gradient(
        &self,
        params: &[f64],
        data: &Dataset,
        rows: &[usize],
        workspace: &mut Workspace,
        gradient: &mut [f64],
    ) {
        match self.precision {
            Precision::F64 => self.gradient_in::<f64>(params, data, rows, workspace, gradient),
            Precision::F32 => self.gradient_in::<f32>(params, data, rows, workspace, gradient),
        }
    }

    /// [`Mlp::gradient`] computed in `T`.
    fn gradient_in<T: Real>(
        &self,
        params: &[f64],
        data: &Dataset,
        rows: &[usize],
        workspace: &mut Workspace,
        gradient: &mut [f64],
    ) {
        let buffers = T::buffers(workspace);
        with_fma(
            #[inline(always)]
            || {
                let n = rows.len();
                if n == 0 {
                    gradient.fill(0.0);
                    return;
                }
                self.forward(params, data, rows, buffers);
                self.prepare_backward(buffers, n);
                let depth = self.sizes.len() - 1;
                let units = self.sizes[depth];
                let Buffers { activations, deltas, upstream, sigmoid_probabilities, weights, gradient: sums, .. } =
                    buffers;
                let output_delta = &mut deltas[depth - 1][..n * units];
                // (p − onehot)/n for a softmax; (σ(z) − y)/n for the one sigmoid unit.
                let n_rows = T::from_f64(n as f64);
                match self.output {
                    Output::Softmax => {
                        let probabilities = &activations[depth][..n * units];
                        output_delta.iter_mut().zip(probabilities).for_each(|(delta, p)| *delta = *p / n_rows);
                        for (i, &row) in rows.iter().enumerate() {
                            let at = data.labels[row] * n + i;
                            output_delta[at] = (probabilities[at] - T::ONE) / n_rows;
                        }
                    }
                    Output::Sigmoid => {
                        // Times 1/n, as torch's mean reduction hands BCE its gradient.
                        let mean = T::ONE / n_rows;
                        let unit = &sigmoid_probabilities[n..2 * n];
                        for ((delta, p), &row) in output_delta.iter_mut().zip(unit).zip(rows) {
                            let target = if data.labels[row] == 1 { T::ONE } else { T::ZERO };
                            *delta = (*p - target) * mean;
                        }
                    }
                    Output::Linear => {
                        // 2(ŷ − y)/n, the mean squared error's gradient.
                        let twice_mean = T::from_f64(2.0) / n_rows;
                        let predicted = &activations[depth][..n];
                        for ((delta, y), &row) in output_delta.iter_mut().zip(predicted).zip(rows) {
                            *delta = (*y - T::from_f64(data.values[row])) * twice_mean;
                        }
                    }
                }
                for (k, layer) in self.layers.iter().enumerate().rev() {
                    let (lower, upper) = deltas.split_at_mut(k);
                    let dz = &upper[0][..n * layer.outputs];
                    let a = &activations[k][..n * (layer.inputs + 1)];
                    let weight_and_bias = &mut sums[layer.weight.start..layer.bias.end];
                    let (a_matrix, dz_matrix) =
                        (feature_major(a, n, layer.inputs + 1), feature_major(dz, n, layer.outputs));
                    product(
                        a_matrix.transpose(),
                        dz_matrix,
                        row_major_mut(weight_and_bias, layer.inputs + 1, layer.outputs, layer.outputs),
                    );
                    let Some(below) = k.checked_sub(1).map(|j| &mut lower[j][..n * layer.inputs]) else {
                        continue;
                    };
                    let weight = &weights[layer.weight.clone()];
                    if layer.outputs == 1 {
                        // One unit: the gradient reaching the layer below, dz·Wᵀ,
                        // is an outer product, taken inside the activation's derivative.
                        for ((delta, column), w) in below.chunks_exact_mut(n).zip(a.chunks_exact(n)).zip(weight) {
                            self.activation.backward(column, dz.iter().map(|dz| *dz * *w), delta);
                        }
                        continue;
                    }
                    let upstream = &mut upstream[..n * layer.inputs];
                    let w = row_major(weight, layer.inputs, layer.outputs);
                    product(dz_matrix, w.transpose(), feature_major_mut(upstream, n, layer.inputs));
                    // The activation's derivative, written into another buffer:
                    // in place, the compiler would store ReLU's zeros alone,
                    // with slow masked stores.
                    self.activation.backward(a, upstream.iter().copied(), below);
                }
                gradient.iter_mut().zip(sums.iter()).for_each(|(g, sum)| *g = sum.to_f64());
            },
        );
        if !self.penalty.is_none() {
            for layer in &self.layers {
                self.penalty.add_gradient(&params[layer.weight.clone()], &mut gradient[layer.weight.clone()]);
            }
        }
    }
}

/// Softmax of each of the `n` rows of `z` (class after class) in place,
/// the row's maximum subtracted first; `scratch` holds at least `2n`
/// values. Each pass runs down whole columns, many rows to a register.
#[inline(always)]
fn softmax<T: Real>(z: &mut [T], n: usize, scratch: &mut [T]) {
    let (max, sum) = scratch[..2 * n].split_at_mut(n);
    max.fill(-T::from_f64(f64::INFINITY));
    for column in z.chunks_exact(n) {
        max.iter_mut().zip(column).for_each(|(max, value)| *max = max.max(*value));
    }
    sum.fill(T::ZERO);
    for column in z.chunks_exact_mut(n) {
        for ((value, max), sum) in column.iter_mut().zip(&*max).zip(sum.iter_mut()) {
            *value = (*value - *max).exp();
            *sum = *sum + *value;
        }
    }
    for column in z.chunks_exact_mut(n) {
        column.iter_mut().zip(&*sum).for_each(|(value, sum)| *value = *value / *sum);
    }
}

/// Factors per logarithm in [`sum_of_logs`]: each factor is at least
/// [`LOG_FLOOR`], so a product of 16 stays above 1e−240, clear of underflow.
const FACTORS_PER_LOG: usize = 16;

/// `Σ ln xᵢ` for `xᵢ` in `[1e−15, 1 + 1e−15]`, as the logarithms of products
/// of [`FACTORS_PER_LOG`]: a sixteenth of the logarithms (the slowest part of
/// the loss), and as accurate in absolute terms, since a product's rounding
/// (at most 15 ulp, relative) moves its logarithm by as much as the
/// roundings of 16 logarithms move their sum.
fn sum_of_logs(values: impl Iterator<Item = f64>) -> f64 {
    let mut total = 0.0;
    let mut product = 1.0;
    for (i, x) in values.enumerate() {
        product *= x;
        if i % FACTORS_PER_LOG == FACTORS_PER_LOG - 1 {
            total += product.ln();
            product = 1.0;
        }
    }
    total + product.ln()
}

/// The class probabilities `[1 − σ(z), σ(z)]`, each computed without
/// cancellation (`e^−|z|` times the larger, `1 / (1 + e^−|z|)`, for the
/// smaller), so that the logarithm of the smaller stays accurate however
/// confident the network is.
fn sigmoid_pair<T: Real>(z: T) -> [T; 2] {
    let e = (-z.abs()).exp();
    let larger = T::ONE / (T::ONE + e);
    let smaller = e * larger;
    if z >= T::ZERO {
        [smaller, larger]
    } else {
        [larger, smaller]
    }
}

/// Whether `a` and `b` hold the same numbers bit for bit (`−0 ≠ 0`), so
/// that a forward pass over them gives the same results.
fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

/// Index of the first largest value (NumPy's `argmax`): the class a row of
/// probabilities predicts.
pub fn argmax<T: PartialOrd>(values: impl IntoIterator<Item = T>) -> usize {
    let mut best: Option<(usize, T)> = None;
    for (i, value) in values.into_iter().enumerate() {
        let larger = best.as_ref().is_none_or(|(_, largest)| value > *largest);
        if larger {
            best = Some((i, value));
        }
    }
    best.map_or(0, |(i, _)| i)
}

/// A network's training objective (data loss plus penalty) as an
/// [`Oracle`]: the gradient is backpropagation over the given rows. There
/// is no Hessian.
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
        self.mlp.gradient(point, self.data, self.rows, self.workspace, gradient);
    }

    fn value(&mut self, point: &[f64]) -> f64 {
        self.mlp.objective(point, self.data, self.rows, self.workspace)
    }

    fn hessian(&mut self, _point: &[f64], _hessian: &mut [f64]) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` rows of `dim` standard normal features, a random class of
    /// `classes` each or, for no classes, a standard normal number to predict.
    fn random_data(n: usize, dim: usize, classes: usize, seed: u64) -> Dataset {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let features = (0..n * dim).map(|_| rng.sample(StandardNormal)).collect();
        if classes == 0 {
            return Dataset::regression(features, (0..n).map(|_| rng.sample(StandardNormal)).collect(), dim);
        }
        let labels = (0..n).map(|_| rng.random_range(0..classes)).collect();
        Dataset::classified(features, labels, classes, dim)
    }

    #[test]
    fn backpropagation_equals_central_differences() {
        // Every output, activation and penalty: the gradient is the slope of
        // the objective (the data loss plus the penalty).
        let penalties = [Penalty::default(), Penalty { l1: 0.03, l2: 0.0 }, Penalty { l1: 0.01, l2: 0.2 }];
        for (dim, hidden, classes, output) in [
            (3, vec![4, 5], 3, Output::Softmax),
            (7, vec![9, 8], 6, Output::Softmax),
            (4, vec![6, 5], 2, Output::Sigmoid),
            // A hidden layer of one unit, whose gradient below is an outer product.
            (3, vec![4, 1], 3, Output::Softmax),
            (5, vec![6, 4], 0, Output::Linear),
            (2, vec![7], 0, Output::Linear),
        ] {
            let data = random_data(11, dim, classes, 5);
            for (activation, penalty) in Activation::ALL.into_iter().flat_map(|a| penalties.map(|p| (a, p))) {
                let mlp =
                    Mlp::with_output(dim, &hidden, classes, output).with_activation(activation).with_penalty(penalty);
                let mut params = mlp.he_init(9);
                let mut rng = ChaCha8Rng::seed_from_u64(1);
                for p in &mut params {
                    let z: f64 = rng.sample(StandardNormal);
                    *p += 0.1 * z;
                }
                let rows: Vec<usize> = (0..data.len()).rev().collect();
                let case = format!("{output:?}, {activation:?}, {penalty:?}");
                assert_backpropagation_is_the_slope(&mlp, &params, &data, &rows, &case);
            }
        }
    }

    /// Checks the gradient of `mlp`'s objective at `params` over `rows` of
    /// `data` against central differences, parameter by parameter.
    fn assert_backpropagation_is_the_slope(mlp: &Mlp, params: &[f64], data: &Dataset, rows: &[usize], case: &str) {
        let mut workspace = Workspace::default();
        let mut gradient = vec![0.0; params.len()];
        mlp.gradient(params, data, rows, &mut workspace, &mut gradient);
        let h = 1e-6;
        for i in 0..params.len() {
            let mut shifted = params.to_vec();
            shifted[i] = params[i] + h;
            let up = mlp.objective(&shifted, data, rows, &mut workspace);
            shifted[i] = params[i] - h;
            let down = mlp.objective(&shifted, data, rows, &mut workspace);
            let numeric = (up - down) / (2.0 * h);
            assert!(
                (numeric - gradient[i]).abs() <= 1e-7 + 1e-5 * numeric.abs(),
                "{case}, parameter {i}: backprop {} vs central difference {numeric}",
                gradient[i]
            );
        }
    }

    #[test]
    fn backpropagation_through_computed_inputs_equals_central_differences() {
        // Every feature of the plane, through two layers: the gradient is
        // that of the network reading the computed columns.
        let data = random_data(13, 2, 2, 3);
        let rows: Vec<usize> = (0..data.len()).collect();
        for (inputs, output) in [("x+y+x2+y2+xy+sinx+siny", Output::Softmax), ("x2+y2", Output::Sigmoid)] {
            let inputs: InputFeatures = inputs.parse().unwrap();
            let mlp = Mlp::with_inputs(inputs, &[5, 3], 2, output).with_activation(Activation::Tanh);
            assert_eq!(mlp.sizes()[0], inputs.len());
            let params = mlp.he_init(4);
            assert_backpropagation_is_the_slope(&mlp, &params, &data, &rows, &inputs.to_string());
        }
    }

    #[test]
    fn computed_inputs_are_the_columns_of_a_network_on_them() {
        // x²+y² of the points, fed to a raw network, gives the same loss as a
        // network computing them: the same pass on the same columns.
        let points = random_data(20, 2, 2, 6);
        let squares: Vec<f64> = points.features.chunks_exact(2).flat_map(|p| [p[0] * p[0], p[1] * p[1]]).collect();
        let columns = Dataset::classified(squares, points.labels.clone(), 2, 2);
        let computed = Mlp::with_inputs("x2+y2".parse().unwrap(), &[4], 2, Output::Softmax);
        let raw = Mlp::new(2, &[4], 2);
        let params = raw.he_init(8);
        let rows: Vec<usize> = (0..20).collect();
        let mut workspace = Workspace::default();
        let expected = raw.loss(&params, &columns, &rows, &mut workspace);
        assert_eq!(computed.loss(&params, &points, &rows, &mut workspace), expected);
        // One workspace, the same points and sizes: x+y is another input.
        let plain = raw.loss(&params, &points, &rows, &mut workspace);
        assert_eq!(plain, raw.loss(&params, &points, &rows, &mut Workspace::default()));
        assert_ne!(plain, expected);
    }

    #[test]
    fn hidden_outputs_are_the_activations_of_the_hidden_layers() {
        // One input and no bias: unit u of layer 1 is relu(w_u·x), of layer 2
        // relu(Σ_u v_u·h_u).
        let mlp = Mlp::new(1, &[2, 1], 2);
        let mut params = vec![0.0; mlp.parameter_count()];
        params[..2].copy_from_slice(&[1.0, -2.0]);
        params[4..6].copy_from_slice(&[3.0, 1.0]);
        let data = Dataset::classified(vec![1.5, -1.0, 0.0], vec![0, 1, 0], 2, 1);
        let outputs = mlp.hidden_outputs(&params, &data, &[0, 1], &mut Workspace::default());
        assert_eq!(outputs, [vec![1.5, 0.0, 0.0, 2.0], vec![4.5, 2.0]]);
        let single = mlp.with_precision(Precision::F32);
        assert_eq!(single.hidden_outputs(&params, &data, &[1], &mut Workspace::default()), [vec![0.0, 2.0], vec![2.0]]);
        assert!(Mlp::new(1, &[], 2).hidden_outputs(&[0.0; 4], &data, &[0], &mut Workspace::default()).is_empty());
    }

    #[test]
    fn the_penalty_counts_in_the_objective_not_in_the_loss() {
        let data = random_data(20, 3, 0, 2);
        let rows: Vec<usize> = (0..20).collect();
        let plain = Mlp::with_output(3, &[4], 0, Output::Linear);
        let penalty = Penalty { l1: 0.5, l2: 2.0 };
        let penalised = plain.clone().with_penalty(penalty);
        let params = plain.he_init(3);
        let mut workspace = Workspace::default();
        let loss = plain.loss(&params, &data, &rows, &mut workspace);
        assert_eq!(penalised.loss(&params, &data, &rows, &mut workspace), loss);
        assert_eq!(penalised.evaluate(&params, &data, &rows, &mut workspace).loss, loss);
        // Weights only: the layers' biases are zero here, so set them to see them left out.
        let mut biased = params.clone();
        biased[12..16].fill(100.0);
        let weights: Vec<f64> = params[..12].iter().chain(&params[16..20]).copied().collect();
        let expected = penalised.loss(&biased, &data, &rows, &mut workspace) + penalty.value(&weights);
        let objective = penalised.objective(&biased, &data, &rows, &mut workspace);
        assert!((objective - expected).abs() <= 1e-12 * expected, "{objective} vs {expected}");
    }

    #[test]
    fn a_regression_scores_r2_over_its_rows() {
        // No hidden layer, weight 1 on the only feature, bias 0: ŷ = x.
        let data = Dataset::regression(vec![1.0, 2.0, 3.0, 4.0], vec![1.0, 2.0, 2.0, 5.0], 1);
        let mlp = Mlp::with_output(1, &[], 0, Output::Linear);
        assert_eq!((mlp.score(), mlp.parameter_count()), (Score::R2, 2));
        let mut workspace = Workspace::default();
        let metrics = mlp.evaluate(&[1.0, 0.0], &data, &[0, 1, 2, 3], &mut workspace);
        // Σ(ŷ − y)² = 0 + 0 + 1 + 1; ȳ = 2.5, Σ(y − ȳ)² = 2.25 + 0.25 + 0.25 + 6.25.
        assert_eq!(metrics.loss, 2.0 / 4.0);
        assert!((metrics.score - (1.0 - 2.0 / 9.0)).abs() <= 1e-15, "{metrics:?}");
        assert_eq!(mlp.predict(&[1.0, 0.5], &data, &[3, 0], &mut workspace), [4.5, 1.5]);
        // ȳ is the mean of the rows asked about.
        let two = mlp.evaluate(&[1.0, 0.0], &data, &[2, 3], &mut workspace);
        assert!((two.score - (1.0 - 2.0 / 4.5)).abs() <= 1e-15, "{two:?}");
    }

    #[test]
    fn single_precision_computes_what_double_precision_does() {
        // The same passes in f32: loss, gradient and probabilities agree with
        // f64 to f32's rounding, which a wrong step in either would not.
        for (dim, hidden, classes, output) in
            [(3, vec![4, 5], 3, Output::Softmax), (2, vec![16, 16], 2, Output::Sigmoid)]
        {
            let data = random_data(50, dim, classes, 4);
            let rows: Vec<usize> = (0..data.len()).collect();
            let double = Mlp::with_output(dim, &hidden, classes, output);
            let single = double.clone().with_precision(Precision::F32);
            assert_eq!(single.precision(), Precision::F32);
            let params = double.he_init(2);
            let (mut a, mut b) = (Workspace::default(), Workspace::default());
            let (mut exact, mut rounded) = (vec![0.0; params.len()], vec![0.0; params.len()]);
            double.gradient(&params, &data, &rows, &mut a, &mut exact);
            single.gradient(&params, &data, &rows, &mut b, &mut rounded);
            let largest = exact.iter().fold(0.0, |m: f64, g| m.max(g.abs()));
            for (g, h) in exact.iter().zip(&rounded) {
                assert!((g - h).abs() <= 1e-5 * largest, "gradient {g} vs {h} in f32");
            }
            assert_ne!(exact, rounded, "f32 rounds differently");
            let (x, y) =
                (double.evaluate(&params, &data, &rows, &mut a), single.evaluate(&params, &data, &rows, &mut b));
            assert!((x.loss - y.loss).abs() <= 1e-6 * x.loss, "{x:?} vs {y:?}");
            let (p, q) =
                (double.predict(&params, &data, &rows, &mut a).to_vec(), single.predict(&params, &data, &rows, &mut b));
            assert!(p.iter().zip(q).all(|(p, q)| (p - q).abs() <= 1e-6), "probabilities agree");
        }
    }

    #[test]
    fn a_sigmoid_output_is_a_softmax_over_zero_and_its_unit() {
        // Softmax over (0, z) is (1 − σ(z), σ(z)): a two-unit softmax network
        // whose first unit has zero weights is the one-unit sigmoid network.
        let data = random_data(40, 3, 2, 8);
        let rows: Vec<usize> = (0..data.len()).collect();
        let sigmoid = Mlp::with_output(3, &[5], 2, Output::Sigmoid);
        let softmax = Mlp::new(3, &[5], 2);
        assert_eq!((sigmoid.sizes(), sigmoid.classes(), sigmoid.parameter_count()), (&[3, 5, 1][..], 2, 26));
        let mut params = sigmoid.he_init(6);
        params[20..26].copy_from_slice(&[3.0, -2.5, 1.0, 4.0, -3.0, 0.5]);
        let hidden_part = &params[..20];
        let (unit, bias) = (&params[20..25], params[25]);
        let mut wide = hidden_part.to_vec();
        wide.extend(unit.iter().flat_map(|w| [0.0, *w]));
        wide.extend([0.0, bias]);
        let (mut a, mut b) = (Workspace::default(), Workspace::default());
        let from_sigmoid = sigmoid.predict(&params, &data, &rows, &mut a).to_vec();
        let from_softmax = softmax.predict(&wide, &data, &rows, &mut b).to_vec();
        for (p, q) in from_sigmoid.iter().zip(&from_softmax) {
            assert!((p - q).abs() <= 1e-15 + 1e-13 * q, "{p} vs {q}");
        }
        assert!(from_sigmoid.chunks(2).any(|pair| pair[0] > 0.9) && from_sigmoid.chunks(2).any(|pair| pair[1] > 0.9));
        let metrics =
            |mlp: &Mlp, params: &[f64], workspace: &mut Workspace| mlp.evaluate(params, &data, &rows, workspace);
        let (s, t) = (metrics(&sigmoid, &params, &mut a), metrics(&softmax, &wide, &mut b));
        assert!((s.loss - t.loss).abs() <= 1e-13 * t.loss, "{s:?} vs {t:?}");
        assert_eq!(s.score, t.score);
    }

    #[test]
    fn a_sum_of_logs_by_products_is_the_sum_of_the_logs() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for n in [0, 1, 15, 16, 17, 1000] {
            // Probabilities from the floor to one, many close to either end.
            let values: Vec<f64> = (0..n)
                .map(|_| LOG_FLOOR + (1.0 - rng.random::<f64>().powi(8)) * rng.random::<f64>().powi(30))
                .collect();
            let direct: f64 = values.iter().map(|x| x.ln()).sum();
            let grouped = sum_of_logs(values.iter().copied());
            // Each way rounds each term and the running sum.
            let bound = 1e-15 * n as f64 + 4.0 * f64::EPSILON * direct.abs();
            assert!((grouped - direct).abs() <= bound, "{n} values: {grouped} vs {direct}");
        }
        assert_eq!(sum_of_logs([LOG_FLOOR; 64].into_iter()), 64.0 * LOG_FLOOR.ln(), "no underflow at the floor");
        assert!(sum_of_logs([0.5, f64::NAN, 0.5].into_iter()).is_nan());
    }

    #[test]
    fn sigmoid_probabilities_keep_their_precision_far_from_the_boundary() {
        // The smaller probability is 1/(1 + e^|z|), even where 1 − σ(z) rounds to 0.
        for z in [0.0, 1.0, -1.0, 40.0, -40.0, 700.0, -700.0] {
            let [p0, p1] = sigmoid_pair(z);
            let (smaller, larger) = if z >= 0.0 { (p0, p1) } else { (p1, p0) };
            let exact = 1.0 / (1.0 + f64::abs(z).exp());
            assert!((smaller - exact).abs() <= 4.0 * f64::EPSILON * exact, "z = {z}: {smaller} vs {exact}");
            assert!((smaller + larger - 1.0).abs() <= f64::EPSILON && larger >= 0.5);
        }
        assert!(sigmoid_pair(f64::NAN).iter().all(|p| p.is_nan()));
    }

    #[test]
    fn a_reused_workspace_gives_the_results_of_a_fresh_one() {
        let data = random_data(30, 5, 3, 2);
        let mlp = Mlp::new(5, &[6], 3);
        let (first, second) = (mlp.he_init(1), mlp.he_init(2));
        let (rows, other): (Vec<usize>, Vec<usize>) = ((0..20).collect(), (10..30).collect());
        let fresh = |params: &[f64], rows: &[usize]| {
            let mut gradient = vec![0.0; params.len()];
            let mut workspace = Workspace::default();
            mlp.gradient(params, &data, rows, &mut workspace, &mut gradient);
            (mlp.loss(params, &data, rows, &mut workspace), gradient)
        };
        let mut workspace = Workspace::default();
        let mut reused = |params: &[f64], rows: &[usize]| {
            let mut gradient = vec![0.0; params.len()];
            mlp.gradient(params, &data, rows, &mut workspace, &mut gradient);
            (mlp.loss(params, &data, rows, &mut workspace), gradient)
        };
        // The same rows and parameters again, then new parameters, then new rows.
        for (params, rows) in [(&first, &rows), (&first, &rows), (&second, &rows), (&second, &other), (&first, &other)]
        {
            assert_eq!(reused(params, rows), fresh(params, rows));
        }
        assert_ne!(fresh(&first, &rows), fresh(&second, &rows));
        assert_ne!(fresh(&first, &rows), fresh(&first, &other));
        // The same parameters through another activation are another pass.
        let tanh = mlp.clone().with_activation(Activation::Tanh);
        let mut shared = Workspace::default();
        let relu_loss = mlp.loss(&first, &data, &rows, &mut shared);
        let tanh_loss = tanh.loss(&first, &data, &rows, &mut shared);
        assert_eq!(tanh_loss, tanh.loss(&first, &data, &rows, &mut Workspace::default()));
        assert_ne!(tanh_loss, relu_loss);
        // Another data set with the same rows and parameters is a new input.
        let elsewhere = random_data(30, 5, 3, 7);
        let mut other_workspace = Workspace::default();
        let probabilities =
            |data: &Dataset, workspace: &mut Workspace| mlp.predict(&first, data, &rows, workspace).to_vec();
        let before = probabilities(&data, &mut other_workspace);
        assert_ne!(probabilities(&elsewhere, &mut other_workspace), before);
        assert_eq!(
            probabilities(&elsewhere, &mut other_workspace),
            probabilities(&elsewhere, &mut Workspace::default())
        );
    }

    #[test]
    fn he_init_is_seeded_with_zero_biases() {
        let mlp = Mlp::new(64, &[32], 10);
        let params = mlp.he_init(3);
        assert_eq!(params.len(), 64 * 32 + 32 + 32 * 10 + 10);
        assert_eq!(params, mlp.he_init(3));
        assert_ne!(params, mlp.he_init(4));
        let layers: Vec<(&[f64], &[f64])> =
            mlp.layers.iter().map(|layer| (&params[layer.weight.clone()], &params[layer.bias.clone()])).collect();
        assert!(layers.iter().all(|(_, bias)| bias.iter().all(|b| *b == 0.0)));
        let w = layers[0].0;
        let variance = w.iter().map(|x| x * x).sum::<f64>() / w.len() as f64;
        assert!((variance - 2.0 / 64.0).abs() < 0.1 * 2.0 / 64.0, "variance {variance}");
    }
}
