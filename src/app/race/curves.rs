//! Curves beside the race: log10 of the loss, the learning rate, and the
//! distance to the nearest minimum, for every run, against the step or
//! against the gradient evaluations spent (a fair race counts work). While
//! the timeline holds a step, a dashed cursor stands at it with a dot on
//! every curve; hovering reads every run's value ([`super::readout`]).

use eframe::egui::{Color32, Id, Ui};
use egui_plot::{HLine, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points, VLine};
use optiviz::engine::race::distance_to_nearest;
use optiviz::engine::race::{Run, Trajectory};
use optiviz::plot::axis::{LogAxis, LIMIT};
use optiviz::plot::lod::stride;
use optiviz::util::number::tick_label;

use super::memo::Memo;
use super::readout::{self, CurveReadout};
use super::state::{CurveAxis, RaceState};
use super::timeline::RunAt;
use crate::app::widgets::count_axis::round_counts;
use crate::app::widgets::log_axis::powers_of_ten;

/// Points per curve drawn, whatever the number of steps.
const CURVE_POINTS: usize = 2000;

/// Points all of a race's curves share: a race of thirty draws each curve a
/// little coarser (still more than a point per pixel of a curves plot)
/// rather than thirty times the points of one.
const RACE_CURVE_POINTS: usize = 20_000;

/// Points drawn per curve in a race of `runs` runs.
fn points_per_curve(runs: usize) -> usize {
    (RACE_CURVE_POINTS / runs.max(1)).min(CURVE_POINTS)
}

/// Which quantity the curves show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    /// log10 of f at each point.
    Loss,
    /// The scheduled learning rate of each step.
    LearningRate,
    /// Distance to the nearest known minimum.
    Distance,
}

impl Quantity {
    /// Every quantity with its tab text.
    pub const ALL: [(Quantity, &'static str); 3] = [
        (Quantity::Loss, "loss"),
        (Quantity::LearningRate, "learning rate"),
        (Quantity::Distance, "distance to minimum"),
    ];
}

/// Every x axis with its tab text.
pub const X_AXES: [(CurveAxis, &str); 2] =
    [(CurveAxis::Steps, "steps"), (CurveAxis::Evaluations, "gradient evaluations")];

/// The curves plot's id, one per quantity and x axis (so that switching
/// either fits the plot to the new curves).
pub fn plot_id(quantity: Quantity, x: CurveAxis) -> Id {
    Id::unique(("race curves", quantity as u8, x))
}

/// Every run's curve points, kept for a quantity and x axis while the race
/// stands still.
pub type CurveMemo = Memo<(Quantity, CurveAxis), Vec<Vec<[f64; 2]>>>;

/// Shows the chosen curves.
pub fn show(ui: &mut Ui, state: &RaceState, presentation: bool, quantity: Quantity, height: f32, memo: &mut CurveMemo) {
    let minima = state.surface.minima();
    let log_axis = quantity == Quantity::Loss;
    let x = state.curves_x;
    let plot = round_counts(Plot::new("curves"))
        .id(plot_id(quantity, x))
        .height(height)
        .legend(Legend::default().follow_insertion_order(true))
        .x_axis_label(match x {
            CurveAxis::Steps => "step",
            CurveAxis::Evaluations => "gradient evaluations",
        })
        // The readout says where the pointer is, and every run's value there.
        .show_x(false)
        .show_y(false)
        .y_axis_label(match quantity {
            Quantity::Loss => "log₁₀ f(x, y)",
            Quantity::LearningRate => "learning rate",
            Quantity::Distance => "distance to nearest minimum",
        });
    let plot = if log_axis { powers_of_ten(plot) } else { plot.y_axis_formatter(|mark, _| tick_label(mark.value)) };
    let entries: Vec<_> = state.enabled_runs().collect();
    let curves = memo.get(&state.sim, (quantity, x), || curves(state.sim.runs(), quantity, x, &minima));
    let zero_floor = (quantity == Quantity::Loss).then(|| zero_floor(state.sim.runs(), curves)).flatten();
    let names: Vec<(String, Color32)> = state
        .sim
        .runs()
        .iter()
        .zip(&entries)
        .map(|(run, entry)| {
            (run.spec().optimizer.label().to_owned(), Color32::from_rgb(entry.color[0], entry.color[1], entry.color[2]))
        })
        .collect();
    let held = (!state.timeline.follows()).then(|| state.shown_step());
    let response = plot.show(ui, |plot_ui| {
        let width = if presentation { 3.5 } else { 1.8 };
        for (points, (name, color)) in curves.iter().zip(&names) {
            plot_ui.line(Line::new(name.clone(), PlotPoints::from(points.clone())).color(*color).width(width));
        }
        if let Some(floor) = zero_floor {
            plot_ui.hline(HLine::new("exact 0", floor).color(Color32::GRAY).style(LineStyle::dashed_dense()));
        }
        // A thin line where the readout reads.
        if let Some(pos) = plot_ui.response().hover_pos() {
            let along = plot_ui.transform().value_from_position(pos).x;
            plot_ui.vline(VLine::new("", along).color(Color32::from_white_alpha(90)).width(1.0).allow_hover(false));
        }
        if let Some(step) = held {
            let marks = cursor_marks(state.sim.runs(), curves, x, step);
            let cursor = Color32::from_gray(200);
            let name = format!("step {step}");
            for along in dedup_xs(&marks) {
                plot_ui
                    .vline(VLine::new(name.clone(), along).color(cursor).width(1.5).style(LineStyle::dashed_loose()));
            }
            for (point, (_, color)) in marks.iter().zip(&names) {
                let Some(point) = point else { continue };
                plot_ui.points(
                    Points::new("", PlotPoints::from(vec![*point]))
                        .shape(MarkerShape::Circle)
                        .radius(if presentation { 6.0 } else { 4.0 })
                        .color(*color)
                        .allow_hover(false),
                );
            }
        }
    });
    if let Some(pos) = response.response.hover_pos() {
        let along = response.transform.value_from_position(pos).x;
        let readout = CurveReadout::new(state.sim.runs(), x, along, |t, i| value_at(t, i, quantity, &minima));
        readout::show_curves(&response.response, &readout, &names);
    }
}

/// Where each run's curve stands at timeline step `step`: its x (the step,
/// or the evaluations spent by then) and the drawn curve's height there;
/// None for a curve with nothing drawn there.
fn cursor_marks(runs: &[Run], curves: &[Vec<[f64; 2]>], x: CurveAxis, step: usize) -> Vec<Option<[f64; 2]>> {
    runs.iter()
        .zip(curves)
        .map(|(run, points)| {
            let i = RunAt::of(run, step).index;
            let along = match x {
                CurveAxis::Steps => i as f64,
                CurveAxis::Evaluations => *run.trajectory().evaluations.get(i)? as f64,
            };
            Some([along, height_at(points, along)?])
        })
        .collect()
}

/// The x of every cursor mark, each once.
fn dedup_xs(marks: &[Option<[f64; 2]>]) -> Vec<f64> {
    let mut xs: Vec<f64> = marks.iter().flatten().map(|[x, _]| *x).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    xs
}

/// The height of the drawn curve `points` (x growing) at `x`, between the
/// points either side of it as the line is drawn; None outside it.
fn height_at(points: &[[f64; 2]], x: f64) -> Option<f64> {
    let after = points.partition_point(|p| p[0] < x);
    let [x1, y1] = *points.get(after)?;
    if x1 == x || after == 0 {
        return (x1 == x).then_some(y1);
    }
    let [x0, y0] = points[after - 1];
    Some(y0 + (y1 - y0) * (x - x0) / (x1 - x0))
}

/// The value `quantity` reads at point `i` of `trajectory`, as the readout
/// shows it (the learning rate is that of the step to point `i`).
fn value_at(trajectory: &Trajectory, i: usize, quantity: Quantity, minima: &[[f64; 2]]) -> Option<String> {
    let value = match quantity {
        Quantity::Loss => *trajectory.losses.get(i)?,
        Quantity::LearningRate => *trajectory.lrs.get(i.checked_sub(1)?)?,
        Quantity::Distance => distance_to_nearest(*trajectory.points.get(i)?, minima)?,
    };
    Some(format!("{value:.4e}"))
}

/// The height of the loss curves' floor when a run stands at an exact 0
/// (drawn there, and marked by a dashed line).
pub(crate) fn zero_floor(runs: &[Run], curves: &[Vec<[f64; 2]>]) -> Option<f64> {
    let reached_zero = runs.iter().any(|run| run.trajectory().losses.last() == Some(&0.0));
    let floor = curves.iter().flatten().map(|[_, y]| *y).fold(f64::INFINITY, f64::min);
    (reached_zero && floor.is_finite()).then_some(floor)
}

/// The points of every run's curve of `quantity` against `x`, at most
/// [`points_per_curve`] per run, each finite. Losses are drawn as log₁₀ |f| on
/// one [`LogAxis`] of the drawn values (exact zeros on its floor), cut off a
/// thousand times above the highest start so that a run that blows up does
/// not squash the others.
pub(crate) fn curves(runs: &[Run], quantity: Quantity, x: CurveAxis, minima: &[[f64; 2]]) -> Vec<Vec<[f64; 2]>> {
    let by_step = curves_by_step(runs, quantity, minima);
    match x {
        CurveAxis::Steps => by_step,
        CurveAxis::Evaluations => {
            runs.iter().zip(by_step).map(|(run, points)| by_evaluations(run.trajectory(), points)).collect()
        }
    }
}

/// A curve's points moved from their step to the gradient evaluations spent
/// by then. Thinning by step stays a fair thinning: evaluations only grow.
fn by_evaluations(trajectory: &Trajectory, points: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    points.into_iter().map(|[k, y]| [trajectory.evaluations[k as usize] as f64, y]).collect()
}

/// [`curves`] against the step.
fn curves_by_step(runs: &[Run], quantity: Quantity, minima: &[[f64; 2]]) -> Vec<Vec<[f64; 2]>> {
    let budget = points_per_curve(runs.len());
    match quantity {
        Quantity::Loss => {
            let strided: Vec<_> = runs.iter().map(|run| stride(&run.trajectory().losses, budget)).collect();
            let axis =
                LogAxis::of_values(strided.iter().flatten().map(|[_, l]| l.abs())).unwrap_or(LogAxis::TENTH_TO_TEN);
            let starts = runs.iter().filter_map(|run| run.trajectory().losses.first());
            let ceiling = starts.map(|l| axis.place(l.abs()) + 3.0).fold(f64::NEG_INFINITY, f64::max);
            let place = |[i, l]: [f64; 2]| [i, axis.place(l.abs()).min(ceiling)];
            strided.into_iter().map(|points| points.into_iter().map(place).collect()).collect()
        }
        Quantity::LearningRate => runs
            .iter()
            .map(|run| stride(&run.trajectory().lrs, budget).into_iter().map(|[i, lr]| [i + 1.0, lr]).collect())
            .collect(),
        Quantity::Distance => runs
            .iter()
            .map(|run| {
                stride_points(&run.trajectory().points, budget)
                    .filter_map(|(i, p)| distance_to_nearest(p, minima).map(|d| [i as f64, d.min(LIMIT)]))
                    .collect()
            })
            .collect(),
    }
}

/// About `max_points` evenly strided points of a path with their step index, the last included.
fn stride_points(points: &[[f64; 2]], max_points: usize) -> impl Iterator<Item = (usize, [f64; 2])> + '_ {
    let step = points.len().div_ceil(max_points.max(1)).max(1);
    let last = points.len().checked_sub(1).filter(|l| l % step != 0);
    points.iter().copied().enumerate().step_by(step).chain(last.map(|l| (l, points[l])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::race::fixtures::rosenbrock_race;

    #[test]
    fn curves_against_evaluations_keep_their_thinning_and_stretch_by_the_work() {
        let steps = 50_000;
        let sim = rosenbrock_race(&["sgd:lr=0.001", "newton:lr=0.3"], steps);
        for quantity in Quantity::ALL.map(|(quantity, _)| quantity) {
            let by_step = curves(sim.runs(), quantity, CurveAxis::Steps, &[[1.0, 1.0]]);
            let by_work = curves(sim.runs(), quantity, CurveAxis::Evaluations, &[[1.0, 1.0]]);
            for ((run, steps_curve), work_curve) in sim.runs().iter().zip(&by_step).zip(&by_work) {
                let evaluations = &run.trajectory().evaluations;
                assert!(work_curve.len() <= CURVE_POINTS + 1, "{}", work_curve.len());
                assert_eq!(work_curve.len(), steps_curve.len());
                for ([k, y], [x, same_y]) in steps_curve.iter().zip(work_curve) {
                    assert_eq!((*x, same_y), (evaluations[*k as usize] as f64, y));
                }
                assert!(work_curve.windows(2).all(|pair| pair[0][0] < pair[1][0]), "x grows");
            }
            let per_step = |curve: &Vec<[f64; 2]>| curve.last().unwrap()[0] / steps as f64;
            assert_eq!(per_step(&by_work[0]), 1.0, "{quantity:?}: gradient descent, one a step");
            assert_eq!(per_step(&by_work[1]), 3.0, "{quantity:?}: newton, a gradient and a Hessian");
        }
    }
}
