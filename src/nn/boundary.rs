//! Decision-boundary maps of a two-feature network: the probability of each
//! class over a grid of the plane, as a filled map with the data on top.

use super::dataset::Dataset;
use super::mlp::{argmax, Mlp};
use super::workspace::Workspace;
use crate::plot::window::Window;

/// Colours of the classes of a two-feature data set (Okabe–Ito blue, then
/// orange, vermillion, bluish green, reddish purple), to be used in order.
pub const CLASS_COLORS: [[u8; 3]; 5] = [[0, 114, 178], [230, 159, 0], [213, 94, 0], [0, 158, 115], [204, 121, 167]];

/// The colour of class `k`.
pub fn class_color(k: usize) -> [u8; 3] {
    CLASS_COLORS[k % CLASS_COLORS.len()]
}

/// The window around a two-feature data set's points, with a margin of a
/// tenth of its size on each side (a unit square around a single point).
pub fn data_window(data: &Dataset) -> Window {
    let (mut x, mut y) = ([f64::INFINITY, f64::NEG_INFINITY], [f64::INFINITY, f64::NEG_INFINITY]);
    for row in data.features.chunks_exact(data.dim.max(1)).filter(|row| row.len() >= 2) {
        x = [x[0].min(row[0]), x[1].max(row[0])];
        y = [y[0].min(row[1]), y[1].max(row[1])];
    }
    let pad = |[lo, hi]: [f64; 2]| {
        let margin = if hi > lo { 0.1 * (hi - lo) } else { 0.5 };
        [lo - margin, hi + margin]
    };
    let ([x_min, x_max], [y_min, y_max]) = (pad(x), pad(y));
    let window = Window::new(x_min, x_max, y_min, y_max);
    if window.is_valid() {
        window
    } else {
        Window::new(-1.0, 1.0, -1.0, 1.0)
    }
}

/// The centres of the cells of a `columns × rows` grid over `window`, row
/// after row from the top (largest y), as a two-feature data set of one
/// class for a network to evaluate.
pub(super) fn cell_centres(window: Window, columns: usize, rows: usize) -> Dataset {
    let [width, height] = window.size();
    let mut features = Vec::with_capacity(2 * columns * rows);
    for r in 0..rows {
        let y = window.y_max - height * (r as f64 + 0.5) / rows as f64;
        for c in 0..columns {
            features.extend([window.x_min + width * (c as f64 + 0.5) / columns as f64, y]);
        }
    }
    Dataset::classified(features, vec![0; columns * rows], 1, 2)
}

/// A network's predictions over a grid: `columns × rows` cells covering a
/// window, row 0 at the top (largest y), each cell's most probable class
/// and that class's probability.
#[derive(Clone, Debug, PartialEq)]
pub struct BoundaryMap {
    /// Cells per row.
    pub columns: usize,
    /// Rows of cells.
    pub rows: usize,
    /// The window the grid covers.
    pub window: Window,
    /// Most probable class per cell, row after row from the top.
    pub class: Vec<usize>,
    /// Its probability per cell (1/classes to 1).
    pub confidence: Vec<f64>,
}

impl BoundaryMap {
    /// Evaluates `params` of `mlp` (two inputs) at the centres of the cells.
    pub fn compute(mlp: &Mlp, params: &[f64], window: Window, columns: usize, rows: usize) -> BoundaryMap {
        let classes = mlp.classes();
        let grid = cell_centres(window, columns, rows);
        let indices: Vec<usize> = (0..columns * rows).collect();
        let mut workspace = Workspace::default();
        let probabilities = mlp.predict(params, &grid, &indices, &mut workspace);
        let (mut class, mut confidence) = (Vec::with_capacity(indices.len()), Vec::with_capacity(indices.len()));
        // A regression's one number per cell reads as one class.
        for p in probabilities.chunks_exact(mlp.output().values_per_row(classes).max(1)) {
            let best = argmax(p);
            class.push(best);
            confidence.push(p[best]);
        }
        BoundaryMap { columns, rows, window, class, confidence }
    }

    /// The cell's colour: its class colour, washed towards `background` where
    /// the network is unsure, so the boundary shows as a pale seam.
    pub fn color(&self, cell: usize, classes: usize, background: [u8; 3]) -> [u8; 3] {
        let chance = 1.0 / classes.max(2) as f64;
        let certainty = ((self.confidence[cell] - chance) / (1.0 - chance)).clamp(0.0, 1.0);
        let strength = 0.12 + 0.5 * certainty;
        let ink = class_color(self.class[cell]);
        std::array::from_fn(|i| {
            (f64::from(background[i]) + strength * (f64::from(ink[i]) - f64::from(background[i]))).round() as u8
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::dataset;

    #[test]
    fn a_linear_network_splits_the_plane_where_its_weights_say() {
        // No hidden layer: logits (0, x), so class 1 wins exactly where x > 0.
        let mlp = Mlp::new(2, &[], 2);
        let params = [0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
        let map = BoundaryMap::compute(&mlp, &params, Window::new(-1.0, 1.0, -1.0, 1.0), 4, 3);
        assert_eq!(map.class, [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1]);
        let sure = map.color(0, 2, [255; 3]);
        let unsure = BoundaryMap { confidence: vec![0.5; 12], ..map.clone() }.color(0, 2, [255; 3]);
        assert!(sure[0] < unsure[0], "surer cells are more saturated: {sure:?} vs {unsure:?}");
    }

    #[test]
    fn the_data_window_holds_every_point() {
        let data = dataset::circles(200, 0.1, 1);
        let window = data_window(&data);
        assert!(data.features.chunks_exact(2).all(|p| window.contains([p[0], p[1]])));
        assert!(window.size()[0] < 3.5, "{window:?}");
    }
}
