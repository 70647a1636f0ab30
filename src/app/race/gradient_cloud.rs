//! The cloud of stochastic gradients at the first stochastic run's point
//! at the timeline's step: the exact gradient as a white arrow, the one that step
//! draws in the run's colour, and the tips of 50 more it could have drawn,
//! all at one scale, so a student sees the noise and watches it shrink as
//! the batch grows.

use eframe::egui::Color32;
use egui_plot::{Arrows, MarkerShape, PlotPoints, PlotUi, Points};
use optiviz::engine::race::{gradient_cloud, Run};

use super::state::RaceState;
use super::timeline::RunAt;

/// How many possible gradients the cloud shows.
const CLOUD_SIZE: usize = 50;
/// Screen length (points) of the cloud's longest arrow.
const LONGEST: f64 = 90.0;

/// Draws the cloud at `run`'s point `at` in `color`; `unit` is the data
/// size of one screen point along x and y.
pub fn draw(plot_ui: &mut PlotUi<'_>, state: &RaceState, run: &Run, at: RunAt, color: Color32, unit: [f64; 2]) {
    let surface = state.surface.as_ref();
    let Some(&point) = run.trajectory().points.get(at.index).filter(|_| !at.diverged) else { return };
    let cloud = gradient_cloud(surface, run.sampling(), point, CLOUD_SIZE, at.index as u64);
    let exact = surface.gradient(point);
    let next = run.sampled_gradient_at(surface, at.index, point);
    let screen = |g: [f64; 2]| (g[0] / unit[0]).hypot(g[1] / unit[1]);
    let longest = cloud.iter().chain([&exact, &next]).map(|g| screen(*g)).fold(0.0, f64::max);
    if !(longest.is_finite() && longest > 0.0) {
        return;
    }
    // Descent directions, the longest LONGEST points on screen: each tip
    // is the point moved along −g.
    let scale = LONGEST / longest;
    let tip = |g: [f64; 2]| [point[0] - scale * g[0], point[1] - scale * g[1]];
    let tips: Vec<[f64; 2]> = cloud.iter().map(|g| tip(*g)).collect();
    plot_ui.points(
        Points::new("gradients a step could draw", PlotPoints::from(tips))
            .shape(MarkerShape::Circle)
            .radius(2.0)
            .color(Color32::from_white_alpha(170)),
    );
    let label = run.spec().optimizer.label();
    for (name, gradient, arrow_color) in [
        ("−∇f over all rows".to_owned(), exact, Color32::WHITE),
        (format!("{label}: −∇f step {} draws", at.index + 1), next, color),
    ] {
        plot_ui.arrows(
            Arrows::new(name, PlotPoints::from(vec![point]), PlotPoints::from(vec![tip(gradient)])).color(arrow_color),
        );
    }
}
