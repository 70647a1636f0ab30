//! What each hidden unit of a two-feature network computes over the plane,
//! TF Playground's signature view: one small map per unit of its output at
//! every cell of a grid, layer by layer, after maps of the input features
//! the network reads.

use super::boundary::cell_centres;
use super::mlp::Mlp;
use super::workspace::Workspace;
use crate::plot::window::Window;

/// The maps of one layer: the input features or a hidden layer.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerMaps {
    /// Units in the layer (more than the maps kept of a wide one).
    pub units: usize,
    /// The kept units' maps one after the other, each `cells × cells`
    /// values row after row from the top.
    pub values: Vec<f64>,
    /// The scale each kept map is shaded on: a hidden layer's largest
    /// magnitude for all its maps (0 when all are 0), so that its units
    /// compare; each input feature's own, so that sin x shows beside x².
    pub scales: Vec<f64>,
}

/// Every hidden unit's output over a `cells × cells` grid of a window of
/// the plane, for one set of parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct NeuronMaps {
    /// Cells per side of each map.
    pub cells: usize,
    /// The window the grid covers.
    pub window: Window,
    /// The features the network reads, one map each.
    pub inputs: LayerMaps,
    /// The hidden layers, inputs side first.
    pub layers: Vec<LayerMaps>,
}

impl NeuronMaps {
    /// Evaluates `params` of `mlp` (on two-feature data) at the centres of
    /// the cells, keeping the maps of the first `max_units` units of each layer.
    pub fn compute(mlp: &Mlp, params: &[f64], window: Window, cells: usize, max_units: usize) -> NeuronMaps {
        let grid = cell_centres(window, cells, cells);
        let rows: Vec<usize> = (0..cells * cells).collect();
        let outputs = mlp.hidden_outputs(params, &grid, &rows, &mut Workspace::default());
        let layers = outputs
            .into_iter()
            .zip(mlp.hidden())
            .map(|(mut values, &units)| {
                values.truncate(units.min(max_units) * rows.len());
                let scale = largest_magnitude(&values);
                LayerMaps { units, scales: vec![scale; values.len() / rows.len().max(1)], values }
            })
            .collect();
        let points: Vec<[f64; 2]> = grid.features.chunks_exact(2).map(|p| [p[0], p[1]]).collect();
        let features = mlp.inputs();
        let values: Vec<f64> =
            features.iter().flat_map(|feature| points.iter().map(move |&[x, y]| feature.value(x, y))).collect();
        let scales = values.chunks_exact(rows.len().max(1)).map(largest_magnitude).collect();
        let inputs = LayerMaps { units: features.len(), values, scales };
        NeuronMaps { cells, window, inputs, layers }
    }
}

/// The largest magnitude of `values` (0 for none).
fn largest_magnitude(values: &[f64]) -> f64 {
    values.iter().fold(0.0, |largest: f64, v| largest.max(v.abs()))
}

impl LayerMaps {
    /// The maps kept: every unit's, or the first of a wide layer's.
    pub fn kept(&self, cells: usize) -> usize {
        self.values.len() / (cells * cells).max(1)
    }

    /// The map of unit `unit` (one of the kept), row after row from the top.
    pub fn map(&self, unit: usize, cells: usize) -> &[f64] {
        &self.values[unit * cells * cells..(unit + 1) * cells * cells]
    }

    /// A value of map `unit` on its scale: in [−1, 1], 0 where the scale
    /// is 0 (a silent layer).
    pub fn shade(&self, unit: usize, value: f64) -> f64 {
        let scale = self.scales[unit];
        if scale > 0.0 {
            (value / scale).clamp(-1.0, 1.0)
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, Dataset, InputFeatures, Output};

    #[test]
    fn a_map_cell_is_the_unit_s_output_at_the_cell_s_centre() {
        let inputs: InputFeatures = "x+y+x2+sinx".parse().unwrap();
        let mlp = Mlp::with_inputs(inputs, &[3, 5], 2, Output::Sigmoid).with_activation(Activation::Tanh);
        let params = mlp.he_init(2);
        let window = Window::new(-2.0, 2.0, -1.0, 3.0);
        let maps = NeuronMaps::compute(&mlp, &params, window, 4, 4);
        assert_eq!(maps.layers.iter().map(|layer| (layer.units, layer.kept(4))).collect::<Vec<_>>(), [(3, 3), (5, 4)]);
        // Cell (row 1, column 2) of a 4×4 grid over the window: its centre.
        let (x, y) = (-2.0 + 4.0 * 2.5 / 4.0, 3.0 - 4.0 * 1.5 / 4.0);
        let point = Dataset::classified(vec![x, y], vec![0], 2, 2);
        let direct = mlp.hidden_outputs(&params, &point, &[0], &mut Workspace::default());
        for (layer, outputs) in maps.layers.iter().zip(&direct) {
            for (unit, &direct) in outputs.iter().enumerate().take(layer.kept(4)) {
                let cell = layer.map(unit, 4)[4 + 2];
                assert!((cell - direct).abs() <= 1e-12, "unit {unit}: {cell} vs {direct}");
            }
            let largest = layer.values.iter().fold(0.0, |m: f64, v| m.max(v.abs()));
            assert_eq!(layer.scales, vec![largest; layer.kept(4)], "one scale for the layer");
            assert!(layer.map(0, 4).iter().all(|v| (-1.0..=1.0).contains(&layer.shade(0, *v))));
        }
        // The input features' maps, each on its own scale: x² of the cell.
        assert_eq!(maps.inputs.units, 4);
        assert_eq!(maps.inputs.map(2, 4)[6], x * x);
        assert_eq!(maps.inputs.map(3, 4)[6], x.sin());
        let x_range = [-1.5, -0.5, 0.5, 1.5];
        assert_eq!(
            maps.inputs.scales,
            [1.5, 2.5, 2.25, x_range.map(f64::sin).map(f64::abs).into_iter().fold(0.0, f64::max)]
        );
        let silent = LayerMaps { units: 1, values: vec![0.0; 16], scales: vec![0.0] };
        assert_eq!(silent.shade(0, 0.0), 0.0);
    }
}
