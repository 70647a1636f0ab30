//! What the pointer reads. Over a map: f and ∇f under it and the nearest
//! point of the paths drawn (up to the timeline's step), found from the
//! thinned paths and refined to the exact point (see
//! [`DecimatedPath::nearest`]). Over the curves: the step under it and
//! every run's value there. Each is worked out apart from egui, so tests
//! can check it, and shown in a tooltip at the pointer.

use eframe::egui::{self, Color32, PopupAnchor, Response, RichText, Tooltip, Ui};
use optiviz::engine::race::{Run, Trajectory};
use optiviz::plot::lod::DecimatedPath;
use optiviz::util::number::tick_label;
use optiviz::Surface;

use super::state::CurveAxis;
use super::timeline::RunAt;

/// A point of a run's path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PathPoint {
    /// The run's place in the race.
    pub run: usize,
    /// The step it was reached at.
    pub step: usize,
    /// Where it is.
    pub point: [f64; 2],
    /// f there.
    pub loss: f64,
}

/// What the pointer reads over a map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapReadout {
    /// The point under the pointer.
    pub at: [f64; 2],
    /// f there.
    pub value: f64,
    /// ∇f there.
    pub gradient: [f64; 2],
    /// The nearest point of the paths drawn, if any is drawn.
    pub nearest: Option<PathPoint>,
}

/// A path drawn on a map, for the search of the nearest point: the run's
/// place in the race, its trajectory, its thinned path (updated this
/// frame) and the index of the last point drawn.
pub type DrawnPath<'a> = (usize, &'a Trajectory, &'a DecimatedPath, usize);

impl MapReadout {
    /// The readout at `at` on `surface`, the nearest point searched among
    /// `paths` (in pixels, at the scale they were thinned at).
    pub fn new<'a>(surface: &dyn Surface, at: [f64; 2], paths: impl IntoIterator<Item = DrawnPath<'a>>) -> MapReadout {
        let nearest = paths
            .into_iter()
            .filter_map(|(run, trajectory, path, end)| {
                let found = path.nearest(&trajectory.points, end, at)?;
                let point = PathPoint {
                    run,
                    step: found.index,
                    point: trajectory.points[found.index],
                    loss: trajectory.losses.get(found.index).copied().unwrap_or(f64::NAN),
                };
                Some((found.distance, point))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, point)| point);
        MapReadout { at, value: surface.value(at), gradient: surface.gradient(at), nearest }
    }

    /// The text of f's line, as the tooltip shows it.
    pub fn value_text(&self) -> String {
        format!("f(x, y) = {:.4e}", self.value)
    }
}

/// Shows `readout` in a tooltip at the pointer over the map `response`;
/// `run` gives a run's name and colour by its place in the race.
pub fn show_map(response: &Response, readout: &MapReadout, run: impl Fn(usize) -> Option<(String, Color32)>) {
    tooltip(response, |ui| {
        let [x, y] = readout.at;
        let [gx, gy] = readout.gradient;
        ui.label(format!("x = {}, y = {}", tick_label(x), tick_label(y)));
        ui.label(RichText::new(readout.value_text()).strong());
        ui.label(format!("∇f = ({gx:.3e}, {gy:.3e}), ‖∇f‖ = {:.3e}", gx.hypot(gy)));
        let Some(nearest) = readout.nearest else { return };
        let Some((name, color)) = run(nearest.run) else { return };
        ui.separator();
        ui.label(RichText::new("nearest path point").weak());
        ui.horizontal(|ui| {
            ui.label(RichText::new(name).color(color).strong());
            ui.label(format!("step {}, loss {:.4e}", nearest.step, nearest.loss));
        });
    });
}

/// What the pointer reads over the curves: where it is along the x axis,
/// and each run's value there.
#[derive(Clone, Debug, PartialEq)]
pub struct CurveReadout {
    /// "step 412" or "1250 gradient evaluations".
    pub heading: String,
    /// Per run, in race order: its value (or that it had diverged), and
    /// against evaluations the step it had reached.
    pub rows: Vec<String>,
}

impl CurveReadout {
    /// The readout at `x` along `axis`; `value` gives a run's value at a
    /// point of its trajectory (None where it has none, as the learning
    /// rate at the start), formatted.
    pub fn new(runs: &[Run], axis: CurveAxis, x: f64, value: impl Fn(&Trajectory, usize) -> Option<String>) -> Self {
        let x = x.max(0.0).round();
        let heading = match axis {
            CurveAxis::Steps => format!("step {x}"),
            CurveAxis::Evaluations => format!("{x} gradient evaluations"),
        };
        let rows = runs
            .iter()
            .map(|run| {
                let t = run.trajectory();
                let step = match axis {
                    CurveAxis::Steps => x as usize,
                    CurveAxis::Evaluations => t.evaluations.partition_point(|&e| e as f64 <= x).saturating_sub(1),
                };
                let at = RunAt::of(run, step);
                let text = if at.diverged {
                    run.divergence_note().unwrap_or_default()
                } else {
                    value(t, at.index).unwrap_or_else(|| "—".to_owned())
                };
                match axis {
                    CurveAxis::Steps => text,
                    CurveAxis::Evaluations => format!("{text} (step {})", at.index),
                }
            })
            .collect();
        CurveReadout { heading, rows }
    }
}

/// Shows `readout` in a tooltip at the pointer over the curves `response`,
/// each row after its run's name in its colour (`names`, in race order).
pub fn show_curves(response: &Response, readout: &CurveReadout, names: &[(String, Color32)]) {
    tooltip(response, |ui| {
        ui.label(RichText::new(&readout.heading).strong());
        egui::Grid::new("curve readout").num_columns(2).show(ui, |ui| {
            for ((name, color), row) in names.iter().zip(&readout.rows) {
                ui.label(RichText::new(name).color(*color).strong());
                ui.label(row);
                ui.end_row();
            }
        });
    });
}

/// A tooltip at the pointer over `response`, shown at once and following
/// the pointer (egui's own waits for the pointer to rest).
fn tooltip(response: &Response, content: impl FnOnce(&mut Ui)) {
    Tooltip::always_open(response.ctx.clone(), response.layer_id, response.id, PopupAnchor::Pointer).show(content);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::race::fixtures::rosenbrock_race;
    use optiviz::surface::Rosenbrock;

    #[test]
    fn a_map_readout_names_the_nearest_point_drawn_up_to_the_step() {
        let sim = rosenbrock_race(&["sgd:lr=0.001", "adam:lr=0.01"], 2000);
        let unit = [0.01, 0.01];
        let paths: Vec<(usize, &Trajectory, DecimatedPath)> = sim
            .runs()
            .iter()
            .enumerate()
            .map(|(i, run)| {
                let mut path = DecimatedPath::new(500);
                path.update(&run.trajectory().points, unit);
                (i, run.trajectory(), path)
            })
            .collect();
        let surface = Rosenbrock { a: 1.0, b: 100.0 };
        let adam = sim.runs()[1].trajectory();
        let drawn = |end: usize| paths.iter().map(move |(i, t, path)| (*i, *t, path, end));
        // On adam's point at step 1500, with everything drawn: that point.
        let target = adam.points[1500];
        let readout = MapReadout::new(&surface, target, drawn(2000));
        assert_eq!(readout.value, surface.value(target));
        assert_eq!(readout.gradient, surface.gradient(target));
        let nearest = readout.nearest.expect("paths are drawn");
        assert_eq!((nearest.run, nearest.point, nearest.loss), (1, target, surface.value(target)));
        // Drawn only up to step 100, the point is not there yet: the nearest is one of the first 101.
        let early = MapReadout::new(&surface, target, drawn(100)).nearest.unwrap();
        assert!(early.step <= 100, "{early:?}");
        assert_eq!(MapReadout::new(&surface, target, []).nearest, None);
    }

    #[test]
    fn a_curve_readout_reads_every_run_at_the_step_or_the_work() {
        let sim = rosenbrock_race(&["sgd:lr=0.001", "newton:lr=0.3", "sgd:lr=10"], 300);
        let loss = |t: &Trajectory, i: usize| Some(format!("{:.4e}", t.losses[i]));
        let readout = CurveReadout::new(sim.runs(), CurveAxis::Steps, 120.4, loss);
        assert_eq!(readout.heading, "step 120");
        let at = |run: usize, i: usize| format!("{:.4e}", sim.runs()[run].trajectory().losses[i]);
        assert_eq!(readout.rows[..2], [at(0, 120), at(1, 120)]);
        assert!(readout.rows[2].starts_with("diverged at step"), "{}", readout.rows[2]);
        // Newton spends three evaluations a step: 300 of them are its step 100.
        let readout = CurveReadout::new(sim.runs(), CurveAxis::Evaluations, 300.0, loss);
        assert_eq!(readout.heading, "300 gradient evaluations");
        assert_eq!(readout.rows[..2], [format!("{} (step 300)", at(0, 300)), format!("{} (step 100)", at(1, 100))]);
    }
}
