//! Curves of the Network view: training and test loss (log scale) and test
//! accuracy (R² for regression) per epoch for every run, and a table of
//! where each run stands.

use eframe::egui::{self, Color32, RichText, Ui};
use egui_plot::{Corner, Legend, Line, LineStyle, Plot, PlotPoints};

use optiviz::plot::axis::LogAxis;

use super::state::NetworkState;
use crate::app::widgets::log_axis::powers_of_ten;

/// The curves and the table.
pub fn show(ui: &mut Ui, state: &NetworkState, presentation: bool) {
    let width = if presentation { 3.5 } else { 1.8 };
    let runs: Vec<_> = state.training.runs().iter().zip(state.lineup.enabled()).collect();
    let height = ((ui.available_height() - 160.0) * 0.5).max(140.0);
    ui.label(RichText::new("Loss (solid: training, dashed: test)").strong());
    let loss = Plot::new("network loss")
        .height(height)
        .legend(Legend::default().position(Corner::LeftBottom).follow_insertion_order(true))
        .x_axis_label("epoch")
        .y_axis_label("log₁₀ loss")
        .include_x(0.0)
        .include_x(state.epochs as f64);
    let losses = runs.iter().flat_map(|(run, _)| run.history().train_loss.iter().chain(&run.history().test_loss));
    let axis = LogAxis::of_values(losses.copied()).unwrap_or(LogAxis::TENTH_TO_TEN);
    let log_points = |values: &[f64]| -> PlotPoints<'static> {
        values.iter().enumerate().map(|(epoch, &v)| [epoch as f64, axis.place(v)]).collect::<Vec<_>>().into()
    };
    powers_of_ten(loss).show(ui, |plot| {
        // A bottom-corner legend grows upwards: the runs added last to first
        // read top to bottom in the optimizer list's order.
        for (run, entry) in runs.iter().rev() {
            let color = rgb(entry.color);
            let label = run.spec().optimizer.label().to_owned();
            let history = run.history();
            plot.line(Line::new(label.clone(), log_points(&history.train_loss)).color(color).width(width));
            let test = Line::new(label, log_points(&history.test_loss))
                .color(color)
                .width(width)
                .style(LineStyle::dashed_loose());
            plot.line(test);
        }
    });
    let score = state.training.problem().mlp.score();
    let (low, high) = score.range();
    ui.label(RichText::new(capitalised(score.label())).strong());
    let accuracy = Plot::new("network accuracy")
        .height(height)
        .x_axis_label("epoch")
        .y_axis_label(score.unit())
        .include_x(0.0)
        .include_x(state.epochs as f64)
        .include_y(low)
        .include_y(high);
    accuracy.show(ui, |plot| {
        for (run, entry) in &runs {
            let history = run.history();
            let points: Vec<[f64; 2]> =
                history.test_score.iter().enumerate().map(|(epoch, s)| [epoch as f64, score.plotted(*s)]).collect();
            let line = Line::new(run.spec().optimizer.label().to_owned(), PlotPoints::from(points));
            plot.line(line.color(rgb(entry.color)).width(width));
        }
    });
    ui.separator();
    egui::Grid::new("network status").striped(true).num_columns(5).show(ui, |ui| {
        for heading in ["optimizer", "train loss", "test loss", score.label(), "status"] {
            ui.label(RichText::new(heading).strong());
        }
        ui.end_row();
        for (run, entry) in &runs {
            let history = run.history();
            let last = |values: &[f64]| values.last().copied().unwrap_or(f64::NAN);
            ui.label(RichText::new(run.spec().optimizer.label()).color(rgb(entry.color)).strong());
            ui.label(format!("{:.4}", last(&history.train_loss)));
            ui.label(format!("{:.4}", last(&history.test_loss)));
            ui.label(score.show(last(&history.test_score)));
            match run.diverged().zip(run.divergence_note()) {
                Some(((_, cause), note)) => {
                    ui.label(RichText::new(note).color(ui.visuals().error_fg_color)).on_hover_text(cause.to_string());
                }
                None => {
                    ui.label(format!("epoch {}", history.epochs()));
                }
            }
            ui.end_row();
        }
    });
}

/// `text` with its first letter in capitals: a heading.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn rgb([r, g, b]: [u8; 3]) -> Color32 {
    Color32::from_rgb(r, g, b)
}
