//! The Landscape tab of the Network view: the training loss over a plane
//! through weight space (PCA of the paths, or random directions) as a
//! colour map with iso-lines, every run's path on it in its colour with its
//! current point, and what the plane's axes explain. The picture is
//! computed in the background ([`super::landscape_job`]) and redrawn as
//! training goes on.

use eframe::egui::{self, Color32, RichText, Ui};
use egui_plot::{AxisHints, HoverPosition, Legend, MarkerShape, Plot, PlotPoints, PlotUi, Points};
use optiviz::nn::landscape::{Landscape, PlaneKind, MAX_GRID, MIN_GRID};

use super::command::NetworkCommand;
use super::landscape_job::wanted;
use super::landscape_state::{LandscapeCommand, LandscapeKey};
use super::state::NetworkState;
use crate::app::widgets::loss_map::LossMap;
use crate::app::widgets::path_style::{path_line, PathStyle};

/// The tab's memory between frames: the picture of the landscape shown.
pub struct LandscapeView {
    map: LossMap,
    /// What the picture was made from.
    drawn: Option<LandscapeKey>,
}

impl LandscapeView {
    /// Nothing drawn yet.
    pub fn new() -> LandscapeView {
        LandscapeView { map: LossMap::new("landscape"), drawn: None }
    }

    /// The plane and grid choices, then the landscape or why there is none;
    /// asks for a new landscape when the training has moved on.
    pub fn show(&mut self, ui: &mut Ui, state: &NetworkState, commands: &mut Vec<NetworkCommand>) {
        let mut push = |command| commands.push(NetworkCommand::Landscape(command));
        settings(ui, state, &mut push);
        let key = match wanted(state) {
            Ok(key) => key,
            Err(why) => {
                ui.label(RichText::new(why).weak());
                return;
            }
        };
        if state.landscape.needs(&key) {
            push(LandscapeCommand::Compute);
        }
        let landscape = &state.landscape;
        if landscape.stopped {
            ui.horizontal(|ui| {
                ui.label("Stopped (Esc).");
                if ui.button("Compute the landscape").clicked() {
                    push(LandscapeCommand::Resume);
                }
            });
        }
        match landscape.outcome(&key) {
            None if landscape.stopped => {}
            None => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!(
                        "Computing the landscape: replaying {} epochs, then the loss over a {g} × {g} grid… (Esc stops)",
                        key.epochs,
                        g = key.grid
                    ));
                });
            }
            Some((_, Err(error))) => {
                ui.label(RichText::new(error.to_string()).color(ui.visuals().error_fg_color));
            }
            Some((shown, Ok(landscape))) => {
                ui.label(summary(landscape, shown, &key, state));
                self.update(ui.ctx(), shown, landscape);
                self.plot(ui, landscape, state);
            }
        }
    }

    /// Remakes the picture when the landscape shown is another.
    fn update(&mut self, ctx: &egui::Context, key: &LandscapeKey, landscape: &Landscape) {
        if self.drawn.as_ref() != Some(key) {
            let grid = landscape.grid();
            self.map.set(ctx, &grid, &grid);
            self.drawn = Some(*key);
        }
    }

    /// The colour map, the iso-lines and every run's path with its current point.
    fn plot(&self, ui: &mut Ui, landscape: &Landscape, state: &NetworkState) {
        let style = PathStyle::new(false);
        let plot = Plot::new("landscape")
            .legend(Legend::default().position(egui_plot::Corner::RightTop).follow_insertion_order(true))
            // Labels 30 to 45 points apart: a random plane's short axis
            // would otherwise get a single "0" (egui_plot keeps x labels 60 apart).
            .custom_x_axes(vec![AxisHints::new_x().label(axis_name(landscape, 0)).label_spacing(30.0..=45.0)])
            .y_axis_label(axis_name(landscape, 1))
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .label_formatter(|hover| Some(hover_text(landscape, hover)));
        plot.show(ui, |plot_ui| {
            self.map.draw(plot_ui);
            if let Some(start) = landscape.paths.first().and_then(|path| path.points.first()) {
                marker(plot_ui, "start (epoch 0)", *start, Color32::WHITE, false, style);
            }
            for (path, entry) in landscape.paths.iter().zip(state.lineup.enabled()) {
                let [r, g, b] = entry.color;
                let color = Color32::from_rgb(r, g, b);
                let halo = path_line("", path.points.clone()).color(Color32::from_black_alpha(140));
                plot_ui.line(halo.width(style.width + 2.0).allow_hover(false));
                plot_ui.line(path_line(path.optimizer.clone(), path.points.clone()).color(color).width(style.width));
                if let Some(current) = path.points.last() {
                    marker(plot_ui, &path.optimizer, *current, color, true, style);
                }
            }
        });
    }
}

/// The plane choice and the grid size.
fn settings(ui: &mut Ui, state: &NetworkState, push: &mut impl FnMut(LandscapeCommand)) {
    let landscape = &state.landscape;
    ui.horizontal(|ui| {
        ui.label("plane");
        for (plane, text, hover) in [
            (PlaneKind::Pca, "PCA of the paths", "the two directions along which the paths vary most"),
            (PlaneKind::Random, "random", "two random directions, each scaled filter by filter to the weights"),
        ] {
            if ui.selectable_label(landscape.plane == plane, text).on_hover_text(hover).clicked()
                && landscape.plane != plane
            {
                push(LandscapeCommand::SetPlane(plane));
            }
        }
        ui.separator();
        let mut grid = landscape.grid;
        let slider = egui::Slider::new(&mut grid, MIN_GRID..=MAX_GRID).logarithmic(true).text("grid");
        if ui.add(slider).on_hover_text("loss values per axis").changed() {
            push(LandscapeCommand::SetGrid(grid));
        }
    });
}

/// What the picture shows: the plane and what its axes explain, the grid,
/// the epoch, and the centre.
fn summary(landscape: &Landscape, shown: &LandscapeKey, wanted: &LandscapeKey, state: &NetworkState) -> String {
    let plane = match landscape.plane.explained {
        Some([d1, d2]) => {
            format!("PCA plane: d1 explains {:.1} % and d2 {:.1} % of the paths' variance", 100.0 * d1, 100.0 * d2)
        }
        None => format!("Random filter-normalised plane (seed {})", state.seed),
    };
    let centre = landscape.paths.first().map_or("", |path| path.optimizer.as_str());
    let epoch = if shown.epochs == wanted.epochs {
        format!("epoch {}", shown.epochs)
    } else {
        format!("epoch {} (epoch {} on its way)", shown.epochs, wanted.epochs)
    };
    format!("{plane} · {g} × {g} grid · {epoch} · centred on {centre}'s weights", g = landscape.axes.len())
}

/// The name of axis `k` (0 or 1), with its share of the variance on a PCA plane.
fn axis_name(landscape: &Landscape, k: usize) -> String {
    match landscape.plane.explained {
        Some(shares) => format!("d{} ({:.1} % of the variance)", k + 1, 100.0 * shares[k]),
        None => format!("d{} (random)", k + 1),
    }
}

/// What the pointer reads: the run and epoch of a path point under it, and
/// the loss at the grid point nearest to it.
fn hover_text(landscape: &Landscape, hover: &HoverPosition<'_>) -> String {
    let (position, epoch) = match *hover {
        HoverPosition::NearDataPoint { plot_name, position, index } => {
            let on_path = landscape
                .paths
                .iter()
                .find(|path| path.optimizer == plot_name && path.points.get(index) == Some(&[position.x, position.y]));
            (position, on_path.map(|path| format!("{}, epoch {index}\n", path.optimizer)))
        }
        HoverPosition::Elsewhere { position } => (position, None),
    };
    let loss = nearest_loss(landscape, [position.x, position.y])
        .map_or_else(String::new, |loss| format!("\nloss {loss:.4} (nearest grid point)"));
    format!("{}d1 = {:.3}, d2 = {:.3}{loss}", epoch.unwrap_or_default(), position.x, position.y)
}

/// The loss at the grid point nearest to `point`, if `point` is on the grid.
fn nearest_loss(landscape: &Landscape, [a, b]: [f64; 2]) -> Option<f64> {
    let nearest = |axis: &[f64], x: f64| {
        let step = (axis[axis.len() - 1] - axis[0]) / (axis.len() - 1) as f64;
        let k = ((x - axis[0]) / step).round();
        (0.0..axis.len() as f64).contains(&k).then_some(k as usize)
    };
    let axes = &landscape.axes;
    Some(landscape.loss_at(nearest(&axes.alpha, a)?, nearest(&axes.beta, b)?))
}

/// A round marker named `name` at `point`.
fn marker(plot_ui: &mut PlotUi<'_>, name: &str, point: [f64; 2], color: Color32, filled: bool, style: PathStyle) {
    let radius = if filled { style.marker * 0.7 } else { style.marker };
    plot_ui.points(
        Points::new(name, PlotPoints::from(vec![point]))
            .shape(MarkerShape::Circle)
            .radius(radius)
            .filled(filled)
            .color(color),
    );
}

#[cfg(test)]
mod tests {
    use optiviz::nn::landscape::{Axes, Plane, PlaneKind};

    use super::*;

    #[test]
    fn the_pointer_reads_the_loss_of_the_nearest_grid_point_and_none_off_the_grid() {
        let axes = Axes::new(3, [1.0, 2.0]).unwrap();
        let plane = Plane { kind: PlaneKind::Random, d1: vec![1.0], d2: vec![0.0], explained: None };
        let loss = (0..9).map(f64::from).collect();
        let landscape = Landscape { center: vec![0.0], plane, axes, loss, paths: Vec::new() };
        assert_eq!(nearest_loss(&landscape, [-1.0, -2.0]), Some(0.0));
        assert_eq!(nearest_loss(&landscape, [0.4, 1.1]), Some(7.0), "column 1 of row 2");
        assert_eq!(nearest_loss(&landscape, [1.6, 0.0]), None);
        assert_eq!(nearest_loss(&landscape, [0.0, -3.1]), None);
    }
}
