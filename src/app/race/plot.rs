//! The race on the contour plot: the colour map, iso-lines, minima, the
//! start point (click or drag to move it), every path growing live, the
//! current points, optional gradient and step arrows, and optionally what
//! some optimizers keep beside their point ([`super::companions`]), all at
//! the timeline's step; hovering reads f, ∇f and the nearest path point
//! ([`super::readout`]). Overlay
//! shows all runs on one plot; small multiples give each run its own,
//! linked; the 3-D layout hands over to [`super::surface_3d`], which leaves
//! the kept points out.

use eframe::egui::{self, Color32, Id, Ui};
use egui_plot::{Arrows, AxisHints, Legend, MarkerShape, Plot, PlotPoint, PlotPoints, PlotTransform, PlotUi, Points};
use optiviz::engine::race::{Run, Sampling};
use optiviz::scene::Layout;
use optiviz::Window;

use super::command::RaceCommand;
use super::companions;
use super::gradient_cloud;
use super::paths::{new_path, run_title, PathCache};
use super::readout::{self, MapReadout};
use super::state::RaceState;
use super::surface_3d::Surface3d;
use super::surface_image::SurfaceImage;
use super::timeline::RunAt;
use crate::app::widgets::path_style::{path_line, PathStyle};

/// Screen distance (points) within which a press grabs the start marker.
const GRAB_RADIUS: f32 = 12.0;

/// The plot's memory between frames.
pub struct RacePlot {
    image: SurfaceImage,
    /// Thinned paths per plot and run, updated as the runs grow.
    paths: PathCache,
    /// Thinned paths of the points the runs keep beside theirs, likewise.
    companions: PathCache,
    /// The simulation generation the paths belong to.
    generation: u64,
    transform: Option<PlotTransform>,
    dragging_start: bool,
    surface_3d: Surface3d,
    /// What the pointer read over a map in the last frame.
    readout: Option<MapReadout>,
}

impl RacePlot {
    /// A plot with nothing cached.
    pub fn new() -> RacePlot {
        RacePlot {
            image: SurfaceImage::new(),
            paths: Default::default(),
            companions: Default::default(),
            generation: 0,
            transform: None,
            dragging_start: false,
            surface_3d: Surface3d::new(),
            readout: None,
        }
    }

    /// What the pointer read over a map in the last frame.
    #[cfg(test)]
    pub fn readout(&self) -> Option<&MapReadout> {
        self.readout.as_ref()
    }

    /// Shows the race in the state's layout.
    pub fn show(&mut self, ui: &mut Ui, state: &RaceState, presentation: bool, commands: &mut Vec<RaceCommand>) {
        let style = PathStyle::new(presentation);
        if self.generation != state.generation {
            self.paths.clear();
            self.companions.clear();
            self.generation = state.generation;
        }
        self.readout = None;
        match state.layout {
            Layout::Surface3d => self.surface_3d.show(ui, state, &mut self.paths, style, commands),
            Layout::Overlay => {
                self.update_image(ui, state);
                let runs: Vec<(usize, &Run)> = state.sim.runs().iter().enumerate().collect();
                self.plot(ui, "race", state, &runs, style, commands);
            }
            Layout::Grid => {
                self.update_image(ui, state);
                let count = state.sim.runs().len().max(1);
                let columns = (count as f64).sqrt().ceil() as usize;
                let rows = count.div_ceil(columns);
                let size = ui.available_size();
                let cell = egui::vec2(size.x / columns as f32 - 8.0, size.y / rows as f32 - 8.0).max(egui::Vec2::ZERO);
                egui::Grid::new("multiples").spacing([8.0, 8.0]).show(ui, |ui| {
                    for (i, run) in state.sim.runs().iter().enumerate() {
                        ui.allocate_ui(cell, |ui| {
                            ui.vertical(|ui| {
                                ui.label(egui::RichText::new(run_title(run, state.shown_step())).strong());
                                self.plot(ui, &format!("race {i}"), state, &[(i, run)], style, commands);
                            });
                        });
                        if (i + 1) % columns == 0 {
                            ui.end_row();
                        }
                    }
                });
            }
        }
    }

    /// The surface's colour map for the current view, computed if needed.
    fn update_image(&mut self, ui: &Ui, state: &RaceState) {
        self.image.update(ui.ctx(), &state.surface_config.to_string(), state.surface.as_ref(), state.view);
    }

    fn plot(
        &mut self,
        ui: &mut Ui,
        name: &str,
        state: &RaceState,
        runs: &[(usize, &Run)],
        style: PathStyle,
        commands: &mut Vec<RaceCommand>,
    ) {
        let near_start = self.pointer_near_start(ui, state);
        let v = state.view;
        // A new framing is a new plot (and axis group): egui_plot would
        // otherwise keep the old bounds and hand them back as the view.
        let plot = Plot::new((name, state.framing))
            .id(plot_id(name, state.framing))
            .data_aspect(1.0)
            .default_x_bounds(v.x_min, v.x_max)
            .default_y_bounds(v.y_min, v.y_max)
            .allow_drag(!(near_start || self.dragging_start))
            .allow_double_click_reset(false)
            // The readout says where the pointer is, and much more.
            .show_x(false)
            .show_y(false)
            .link_axis(Id::unique(("race axes", state.framing)), true)
            // Coordinates are short numbers: a label every 30 points or so
            // (egui_plot keeps x labels 60 points apart, which on a narrow
            // plot leaves a single "0" under Rastrigin's −5…5).
            .custom_x_axes(vec![AxisHints::new_x().label("x").label_spacing(30.0..=45.0)])
            .y_axis_label("y");
        let plot = if runs.len() > 1 || state.layout == Layout::Overlay {
            plot.legend(Legend::default().position(egui_plot::Corner::RightTop).follow_insertion_order(true))
        } else {
            plot
        };
        let entries = state.enabled_runs().collect::<Vec<_>>();
        let image = &self.image;
        let (paths, companion_paths) = (&mut self.paths, &mut self.companions);
        let race_runs = state.sim.runs().len();
        let step = state.shown_step();
        let response = plot.show(ui, |plot_ui| {
            image.map.draw(plot_ui);
            draw_landmarks(plot_ui, state, style);
            let unit = pixel_size(plot_ui);
            let cloud_run = runs.iter().find(|(_, run)| run.sampling() != Sampling::default()).map(|(index, _)| *index);
            for (index, run) in runs {
                let Some(entry) = entries.get(*index) else { continue };
                let color = Color32::from_rgb(entry.color[0], entry.color[1], entry.color[2]);
                let at = RunAt::of(run, step);
                let path = paths.entry((name.to_owned(), *index)).or_insert_with(|| new_path(race_runs));
                let drawn = path.update_until(&run.trajectory().points, unit, at.index);
                draw_run(plot_ui, run, at, drawn, color, unit, style, state);
                if state.show_companions {
                    let key = (name.to_owned(), *index);
                    let path = companion_paths.entry(key).or_insert_with(|| new_path(race_runs));
                    if let Some((kind, marks)) = companions::marks(run.trajectory(), at.index, path, unit) {
                        companions::draw(plot_ui, run.spec().optimizer.label(), kind, marks, color, style);
                    }
                }
                if state.show_cloud && cloud_run == Some(*index) {
                    gradient_cloud::draw(plot_ui, state, run, at, color, unit);
                }
            }
            let pointer = plot_ui.response().hover_pos().map(|pos| plot_ui.transform().value_from_position(pos));
            pointer.map(|at| {
                let drawn = runs.iter().filter_map(|(index, run)| {
                    let path = paths.get(&(name.to_owned(), *index))?;
                    Some((*index, run.trajectory(), path, RunAt::of(run, step).index))
                });
                let readout = MapReadout::new(state.surface.as_ref(), [at.x, at.y], drawn);
                if let Some(nearest) = readout.nearest {
                    mark_nearest(plot_ui, nearest.point, style);
                }
                readout
            })
        });
        if let Some(readout) = response.inner {
            readout::show_map(&response.response, &readout, |index| {
                let (run, entry) = (state.sim.runs().get(index)?, entries.get(index)?);
                Some((
                    run.spec().optimizer.label().to_owned(),
                    Color32::from_rgb(entry.color[0], entry.color[1], entry.color[2]),
                ))
            });
            self.readout = Some(readout);
        }
        self.transform = Some(response.transform);
        let bounds = response.transform.bounds();
        let shown = Window::new(bounds.min()[0], bounds.max()[0], bounds.min()[1], bounds.max()[1]);
        if shown.is_valid() && shown != state.view {
            commands.push(RaceCommand::SetView(shown));
        }
        self.handle_start(&response.response, &response.transform, near_start, commands);
    }

    fn pointer_near_start(&self, ui: &Ui, state: &RaceState) -> bool {
        let (Some(transform), Some(pointer)) = (&self.transform, ui.ctx().pointer_hover_pos()) else {
            return false;
        };
        let marker = transform.position_from_point(&PlotPoint::new(state.start[0], state.start[1]));
        marker.distance(pointer) <= GRAB_RADIUS
    }

    fn handle_start(
        &mut self,
        response: &egui::Response,
        transform: &PlotTransform,
        near: bool,
        commands: &mut Vec<RaceCommand>,
    ) {
        let pointer = response.interact_pointer_pos().or(response.hover_pos());
        let to_plane = |pos: egui::Pos2| {
            let p = transform.value_from_position(pos);
            [p.x, p.y]
        };
        if response.drag_started() && near {
            self.dragging_start = true;
        }
        if self.dragging_start {
            if let Some(pos) = pointer {
                commands.push(RaceCommand::SetStart(to_plane(pos)));
            }
            if response.drag_stopped() || !response.is_pointer_button_down_on() {
                self.dragging_start = false;
            }
        } else if response.clicked() {
            if let Some(pos) = pointer {
                commands.push(RaceCommand::SetStart(to_plane(pos)));
            }
        }
        if near || self.dragging_start {
            response.ctx.set_cursor_icon(egui::CursorIcon::Grab);
        }
    }
}

/// The id of the 2-D plot `name` under `framing` (tests read its transform).
pub fn plot_id(name: &str, framing: u64) -> Id {
    Id::unique(("race plot", name, framing))
}

/// A ring around the path point the readout names.
fn mark_nearest(plot_ui: &mut PlotUi<'_>, point: [f64; 2], style: PathStyle) {
    plot_ui.points(
        Points::new("", PlotPoints::from(vec![point]))
            .shape(MarkerShape::Circle)
            .radius(style.marker * 1.1)
            .filled(false)
            .color(Color32::WHITE)
            .allow_hover(false),
    );
}

/// Data size of one screen point along x and y.
fn pixel_size(plot_ui: &PlotUi<'_>) -> [f64; 2] {
    let transform = plot_ui.transform();
    let (frame, bounds) = (transform.frame(), transform.bounds());
    [
        (bounds.width() / f64::from(frame.width().max(1.0))).max(f64::MIN_POSITIVE),
        (bounds.height() / f64::from(frame.height().max(1.0))).max(f64::MIN_POSITIVE),
    ]
}

fn draw_landmarks(plot_ui: &mut PlotUi<'_>, state: &RaceState, style: PathStyle) {
    let minima: Vec<[f64; 2]> = state.surface.minima();
    if !minima.is_empty() {
        plot_ui.points(
            Points::new("minimum", PlotPoints::from(minima))
                .shape(MarkerShape::Asterisk)
                .radius(style.marker)
                .color(Color32::from_rgb(255, 80, 80)),
        );
    }
    let saddles = state.surface.saddle_points();
    if !saddles.is_empty() {
        plot_ui.points(
            Points::new("saddle point", PlotPoints::from(saddles))
                .shape(MarkerShape::Cross)
                .radius(style.marker)
                .color(Color32::WHITE),
        );
    }
    plot_ui.points(
        Points::new("start (drag me)", PlotPoints::from(vec![state.start]))
            .shape(MarkerShape::Circle)
            .radius(style.marker)
            .filled(false)
            .color(Color32::WHITE),
    );
}

#[allow(clippy::too_many_arguments)]
fn draw_run(
    plot_ui: &mut PlotUi<'_>,
    run: &Run,
    at: RunAt,
    path: Vec<[f64; 2]>,
    color: Color32,
    unit: [f64; 2],
    style: PathStyle,
    state: &RaceState,
) {
    let t = run.trajectory();
    let label = run.spec().optimizer.label().to_owned();
    plot_ui.line(
        path_line("", path.clone()).color(Color32::from_black_alpha(140)).width(style.width + 2.0).allow_hover(false),
    );
    plot_ui.line(path_line(label.clone(), path).color(color).width(style.width));
    let Some(current) = t.points.get(at.index).copied() else { return };
    let shape = if at.diverged { MarkerShape::Cross } else { MarkerShape::Circle };
    plot_ui.points(
        Points::new(label.clone(), PlotPoints::from(vec![current]))
            .shape(shape)
            .radius(style.marker * 0.7)
            .color(color)
            .filled(true),
    );
    let arrow_length = 60.0;
    if state.show_gradient {
        let [gx, gy] = state.surface.gradient(current);
        if let Some(tip) = arrow_tip(current, [-gx, -gy], unit, arrow_length) {
            plot_ui.arrows(
                Arrows::new(format!("{label} −∇f"), PlotPoints::from(vec![current]), PlotPoints::from(vec![tip]))
                    .color(Color32::WHITE),
            );
        }
    }
    if let Some(previous) = at.index.checked_sub(1).filter(|_| state.show_step).map(|i| t.points[i]) {
        let step = [current[0] - previous[0], current[1] - previous[1]];
        if let Some(tip) = arrow_tip(current, step, unit, arrow_length) {
            plot_ui.arrows(
                Arrows::new(format!("{label} step"), PlotPoints::from(vec![current]), PlotPoints::from(vec![tip]))
                    .color(color),
            );
        }
    }
}

/// The tip of an arrow from `from` along `direction`, `length` screen points long.
fn arrow_tip(from: [f64; 2], direction: [f64; 2], unit: [f64; 2], length: f64) -> Option<[f64; 2]> {
    let screen = [direction[0] / unit[0], direction[1] / unit[1]];
    let norm = screen[0].hypot(screen[1]);
    (norm.is_finite() && norm > 0.0)
        .then(|| [from[0] + screen[0] / norm * length * unit[0], from[1] + screen[1] / norm * length * unit[1]])
}
