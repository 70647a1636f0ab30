//! The data behind a data surface, in an inset over the map's lower left
//! corner, with every run's current model drawn on it in the run's colour:
//! the fitted line of a linear regression, the separating line of a
//! logistic one. A student sees what each point of the surface means.

use eframe::egui::{self, Color32, Ui};
use egui_plot::{Line, MarkerShape, Plot, PlotPoints, PlotUi, Points};
use optiviz::surface::DataView;

use super::state::RaceState;

/// The inset's size in screen points.
const SIZE: egui::Vec2 = egui::vec2(300.0, 220.0);

/// Shows the inset in the lower left of `frame` (the map's area) when the
/// surface has data.
pub fn show(ui: &Ui, frame: egui::Rect, state: &RaceState) {
    let Some(data) = state.surface.data() else { return };
    let corner = egui::pos2(frame.left() + 56.0, frame.bottom() - SIZE.y - 48.0);
    egui::Area::new(egui::Id::unique("data inset")).fixed_pos(corner).show(ui.ctx(), |ui| {
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            ui.set_max_size(SIZE);
            let view = data.view();
            let bounds = Bounds::of(view);
            ui.label(egui::RichText::new(title(view)).small());
            Plot::new("data inset plot")
                .width(SIZE.x - 12.0)
                .height(SIZE.y - 36.0)
                .allow_drag(false)
                .allow_zoom(false)
                .allow_scroll(false)
                .allow_boxed_zoom(false)
                .show_x(false)
                .show_y(false)
                .default_x_bounds(bounds.x.0, bounds.x.1)
                .default_y_bounds(bounds.y.0, bounds.y.1)
                .show(ui, |plot_ui| draw(plot_ui, state, view, bounds));
        });
    });
}

/// What the inset shows, in a line above it.
fn title(view: DataView<'_>) -> &'static str {
    match view {
        DataView::Regression { .. } => "the data (x, t) and each optimizer's line t = x·input + y",
        DataView::Classification { .. } => "the two classes and each optimizer's boundary x·x1 + y·x2 = 0",
    }
}

/// The data's extent with a margin: the inset's fixed window.
#[derive(Clone, Copy, Debug)]
struct Bounds {
    x: (f64, f64),
    y: (f64, f64),
}

impl Bounds {
    fn of(view: DataView<'_>) -> Bounds {
        let (xs, ys) = match view {
            DataView::Regression { x, t } => (x, t),
            DataView::Classification { x1, x2, .. } => (x1, x2),
        };
        Bounds { x: padded(xs), y: padded(ys) }
    }
}

/// The range of `values` widened by a tenth on each side.
fn padded(values: &[f64]) -> (f64, f64) {
    let (lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let margin = ((hi - lo) * 0.1).max(1e-9);
    (lo - margin, hi + margin)
}

fn draw(plot_ui: &mut PlotUi<'_>, state: &RaceState, view: DataView<'_>, bounds: Bounds) {
    match view {
        DataView::Regression { x, t } => {
            let rows: Vec<[f64; 2]> = x.iter().zip(t).map(|(x, t)| [*x, *t]).collect();
            plot_ui.points(Points::new("rows", rows).radius(2.5).color(Color32::LIGHT_GRAY));
        }
        DataView::Classification { x1, x2, positive } => {
            for (class, shape) in [(true, MarkerShape::Plus), (false, MarkerShape::Circle)] {
                let rows: Vec<[f64; 2]> =
                    (0..x1.len()).filter(|i| positive[*i] == class).map(|i| [x1[i], x2[i]]).collect();
                let name = if class { "label 1" } else { "label 0" };
                plot_ui.points(Points::new(name, rows).shape(shape).radius(3.0).color(Color32::LIGHT_GRAY));
            }
        }
    }
    for (run, entry) in state.sim.runs().iter().zip(state.enabled_runs()) {
        let Some(&[a, b]) = run.trajectory().points.last() else { continue };
        let Some(line) = model_line(view, [a, b], bounds) else { continue };
        let color = Color32::from_rgb(entry.color[0], entry.color[1], entry.color[2]);
        plot_ui.line(Line::new(run.spec().optimizer.label(), PlotPoints::from(line)).color(color).width(2.0));
    }
}

/// The model at the point (`a`, `b`) as a segment across the inset.
fn model_line(view: DataView<'_>, [a, b]: [f64; 2], bounds: Bounds) -> Option<Vec<[f64; 2]>> {
    let (x0, x1) = bounds.x;
    match view {
        DataView::Regression { .. } => Some(vec![[x0, a * x0 + b], [x1, a * x1 + b]]),
        DataView::Classification { .. } => {
            // Points where a·u + b·v = 0: along (−b, a), through the origin,
            // long enough to cross the inset.
            let norm = a.hypot(b);
            let reach = (x1 - x0).abs() + (bounds.y.1 - bounds.y.0).abs();
            (norm > 0.0 && norm.is_finite()).then(|| {
                let (du, dv) = (-b / norm * reach, a / norm * reach);
                vec![[-du, -dv], [du, dv]]
            })
        }
    }
}
