//! What each hidden unit of a two-feature network computes over the plane,
//! TF Playground's signature view: one small map per unit of its output at
//! every cell of a grid, layer by layer.

use super::boundary::cell_centres;
use super::mlp::Mlp;
use super::workspace::Workspace;
use crate::plot::window::Window;

/// The maps of one hidden layer.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerMaps {
    /// Units in the layer (more than the maps kept of a wide one).
    pub units: usize,
    /// The kept units' maps one after the other, each `cells × cells`
    /// values row after row from the top.
    pub values: Vec<f64>,
    /// The largest magnitude of a value in the kept maps (0 when all are 0),
    /// the scale a layer's maps are shaded on so that they compare.
    pub scale: f64,
}

/// Every hidden unit's output over a `cells × cells` grid of a window of
/// the plane, for one set of parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct NeuronMaps {
    /// Cells per side of each map.
    pub cells: usize,
    /// The window the grid covers.
    pub window: Window,
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
                let scale = values.iter().fold(0.0, |largest: f64, v| largest.max(v.abs()));
                LayerMaps { units, values, scale }
            })
            .collect();
        NeuronMaps { cells, window, layers }
    }
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

    /// A value of the layer on its shared scale: in [−1, 1], 0 where the
    /// whole layer is silent.
    pub fn shade(&self, value: f64) -> f64 {
        if self.scale > 0.0 {
            (value / self.scale).clamp(-1.0, 1.0)
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
            assert_eq!(layer.scale, largest);
            assert!(layer.values.iter().all(|v| (-1.0..=1.0).contains(&layer.shade(*v))));
        }
        let silent = LayerMaps { units: 1, values: vec![0.0; 16], scale: 0.0 };
        assert_eq!(silent.shade(0.0), 0.0);
    }
}
