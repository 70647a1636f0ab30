//! The sensitivity view: final and best loss against learning rate on
//! log–log axes, one colour per optimizer, the classic answer to "which
//! learning rate?". A sweep fills it in the background; rates that diverged
//! are crosses along the top; the last search's curves (the median over its
//! starts) are dotted, its chosen rates marked by a diamond and a vertical
//! line. Clicking a point sets that optimizer's learning rate.

use eframe::egui::{self, Color32, RichText, Ui};
use egui_plot::{Corner, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoint, PlotPoints, Points, VLine};
use optiviz::engine::tune::{RateScore, Score};
use optiviz::plot::axis::LogAxis;

use super::command::RaceCommand;
use super::state::RaceState;
use crate::app::widgets::log_axis::{powers_of_ten, powers_of_ten_x};

/// The legend entry of the crosses of every rate that diverged (each cross
/// in its optimizer's colour; every other item is under its optimizer's label).
pub const DIVERGED: &str = "diverged";
/// The legend entry of the diamonds at the search's chosen rates.
pub const CHOSEN: &str = "chosen rate";

/// How near the pointer (in points) a click must be to pick a point.
const PICK_RADIUS: f32 = 12.0;

/// The plot's id, so tests can find where its points are drawn.
pub fn plot_id() -> egui::Id {
    egui::Id::unique("sensitivity plot")
}

/// A point a click can pick: the run (its place and label), the rate and
/// where it is drawn.
struct Pick {
    index: usize,
    label: String,
    lr: f64,
    at: [f64; 2],
}

/// The view's window, when open; `busy` while a background job runs.
pub fn window(ctx: &egui::Context, race: &RaceState, busy: bool, commands: &mut Vec<RaceCommand>) {
    let mut open = race.sensitivity.open;
    egui::Window::new("Learning-rate sensitivity")
        .open(&mut open)
        .default_width(920.0)
        .default_pos([372.0, 66.0])
        .show(ctx, |ui| {
            form(ui, race, busy, commands);
            ui.separator();
            plot(ui, race, commands);
        });
    if open != race.sensitivity.open {
        commands.push(RaceCommand::SetSensitivityOpen(open));
    }
}

/// The rates to sweep (the error beside them when they are not a range),
/// their number and the sweep button.
fn form(ui: &mut Ui, race: &RaceState, busy: bool, commands: &mut Vec<RaceCommand>) {
    let view = &race.sensitivity;
    ui.horizontal(|ui| {
        let (mut min, mut max) = (view.min_text.clone(), view.max_text.clone());
        let from = ui.label("lr from");
        let min_field = ui.add(egui::TextEdit::singleline(&mut min).desired_width(64.0)).labelled_by(from.id);
        let to = ui.label("to");
        let max_field = ui.add(egui::TextEdit::singleline(&mut max).desired_width(64.0)).labelled_by(to.id);
        if min_field.changed() || max_field.changed() {
            commands.push(RaceCommand::SetSweepBounds(min, max));
        }
        let mut points = view.range.points();
        if ui.add(egui::DragValue::new(&mut points).range(2..=1000).suffix(" rates")).changed() {
            commands.push(RaceCommand::SetSweepPoints(points));
        }
        let hint = format!(
            "every optimizer from the start for {} steps at each rate, log-spaced; in the background (Esc stops)",
            race.total_steps
        );
        let sweep = ui.add_enabled(!busy && view.error.is_none(), egui::Button::new("Sweep"));
        if sweep.on_hover_text(hint).clicked() {
            commands.push(RaceCommand::SweepLearningRates);
        }
        if let Some(error) = &view.error {
            ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
        }
    });
    let sweep = (!view.swept.is_empty())
        .then(|| format!("solid: final loss after {}, dashed: best loss, ✕: diverged", view.swept_setup));
    let search = race.tuned.first().map(|(_, _, t)| {
        format!("dotted: the search's median {} over {} starts, ◆ the chosen rate", curve_name(t.score), t.starts)
    });
    let parts: Vec<String> = sweep.into_iter().chain(search).collect();
    let text = if parts.is_empty() {
        "Sweep, or tune the learning rates, to fill the view; click a point to race at that rate.".to_owned()
    } else {
        format!("{}. Click a point to race at that rate.", parts.join("; "))
    };
    ui.label(RichText::new(text).weak());
}

/// What the search's dotted curve shows for a score.
fn curve_name(score: Score) -> &'static str {
    match score {
        Score::MeanLog => "geometric-mean loss over the run",
        Score::Final | Score::ToTolerance(_) => "final loss",
    }
}

/// The loss the search's dotted curve shows at a rate: the median final
/// loss, or for the mean log-loss score 10^score, the geometric mean over
/// the run, in the same units.
fn search_loss(score: Score, rate: &RateScore) -> f64 {
    match score {
        Score::MeanLog => 10f64.powf(rate.score),
        Score::Final | Score::ToTolerance(_) => rate.final_loss,
    }
}

/// The plot: every swept and searched run, and the clicks on it.
fn plot(ui: &mut Ui, race: &RaceState, commands: &mut Vec<RaceCommand>) {
    let view = &race.sensitivity;
    let losses =
        view.swept.iter().flat_map(|(_, _, rows)| rows.iter().flat_map(|r| [r.final_loss.unwrap_or(0.0), r.best_loss]));
    let searched = race.tuned.iter().flat_map(|(_, _, t)| t.curve.iter().map(|rate| search_loss(t.score, rate)));
    let axis = LogAxis::of_values(losses.chain(searched).map(f64::abs)).unwrap_or(LogAxis::TENTH_TO_TEN);
    let top = axis.span().hi();
    let place = |loss: f64| axis.place(loss.abs());
    let color_of = |index: usize, label: &str| {
        let run = race.lineup.runs.get(index).filter(|run| run.spec.optimizer.label() == label);
        run.map_or(Color32::GRAY, |run| Color32::from_rgb(run.color[0], run.color[1], run.color[2]))
    };
    let mut picks = Vec::new();
    let plot = powers_of_ten_x(powers_of_ten(Plot::new("sensitivity").id(plot_id())))
        .legend(Legend::default().follow_insertion_order(true).position(Corner::LeftBottom))
        .x_axis_label("learning rate")
        .y_axis_label("loss")
        .view_aspect(1.9)
        .allow_drag(false);
    let response = plot.show(ui, |plot_ui| {
        for (index, label, rows) in &view.swept {
            let color = color_of(*index, label);
            sweep_items(plot_ui, (*index, label), rows, color, place, top, &mut picks);
        }
        for (index, label, tuned) in &race.tuned {
            let color = color_of(*index, label);
            search_items(plot_ui, (*index, label), tuned, color, place, &mut picks);
        }
        let clicked = plot_ui.response().clicked();
        let pointer = plot_ui.response().interact_pointer_pos();
        let nearest = pointer.filter(|_| clicked).and_then(|pointer| {
            let distance =
                |pick: &Pick| plot_ui.screen_from_plot(PlotPoint::new(pick.at[0], pick.at[1])).distance(pointer);
            picks
                .iter()
                .map(|pick| (distance(pick), pick))
                .filter(|(d, _)| *d <= PICK_RADIUS)
                .min_by(|a, b| a.0.total_cmp(&b.0))
        });
        nearest.map(|(_, pick)| RaceCommand::SetRate(pick.index, pick.label.clone(), pick.lr))
    });
    commands.extend(response.inner);
}

/// One swept run: final loss (solid, with points), best loss (dashed), and
/// a cross along the top at each rate that diverged.
fn sweep_items(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    (index, label): (usize, &str),
    rows: &[optiviz::engine::sweep::SweepRow],
    color: Color32,
    place: impl Fn(f64) -> f64,
    top: f64,
    picks: &mut Vec<Pick>,
) {
    let (mut finals, mut bests, mut diverged) = (Vec::new(), Vec::new(), Vec::new());
    for row in rows {
        let x = row.lr.log10();
        let best = [x, place(row.best_loss)];
        let other = match row.final_loss {
            Some(loss) => [x, place(loss)],
            None => [x, top],
        };
        bests.push(best);
        if row.final_loss.is_some() { &mut finals } else { &mut diverged }.push(other);
        for at in [best, other] {
            picks.push(Pick { index, label: label.to_owned(), lr: row.lr, at });
        }
    }
    plot_ui.line(Line::new(label, PlotPoints::from(finals.clone())).color(color).width(2.0));
    plot_ui.points(Points::new(label, PlotPoints::from(finals)).color(color).radius(2.5));
    // The same colour as the rest of the run's items, so that its legend
    // entry keeps it (egui_plot greys out an entry whose items differ).
    let dashed = Line::new(label, PlotPoints::from(bests)).color(color);
    plot_ui.line(dashed.style(LineStyle::dashed_loose()).width(1.0));
    if !diverged.is_empty() {
        let crosses = Points::new(DIVERGED, PlotPoints::from(diverged)).shape(MarkerShape::Cross);
        plot_ui.points(crosses.color(color).radius(5.0));
    }
}

/// One searched run: its median curve (dotted) and the chosen rate (a
/// diamond on the curve and a vertical line).
fn search_items(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    (index, label): (usize, &str),
    tuned: &optiviz::engine::tune::Tuned,
    color: Color32,
    place: impl Fn(f64) -> f64,
    picks: &mut Vec<Pick>,
) {
    let finite = tuned.curve.iter().filter(|rate| search_loss(tuned.score, rate).is_finite());
    let points: Vec<[f64; 2]> =
        finite.clone().map(|rate| [rate.lr.log10(), place(search_loss(tuned.score, rate))]).collect();
    for (rate, at) in finite.zip(&points) {
        picks.push(Pick { index, label: label.to_owned(), lr: rate.lr, at: *at });
    }
    plot_ui.line(Line::new(label, PlotPoints::from(points)).color(color).style(LineStyle::dotted_dense()).width(2.0));
    if let Some(best) = tuned.best() {
        let at = [best.lr.log10(), place(search_loss(tuned.score, best))];
        let diamond = Points::new(CHOSEN, PlotPoints::from(vec![at])).shape(MarkerShape::Diamond);
        plot_ui.points(diamond.color(color).radius(7.0).filled(true));
        plot_ui.vline(VLine::new(label, at[0]).color(color).style(LineStyle::dashed_dense()));
    }
}
