//! The learning-rate search: what it scores, one button that tunes every
//! racing optimizer with the same budget, and what the last search found
//! (its curves are in the sensitivity view).

use eframe::egui::{self, RichText, Ui};
use optiviz::engine::tune::{Score, DEFAULT_STARTS, RADIUS_SHARE};
use optiviz::util::number::tick_label;

use super::command::RaceCommand;
use super::state::RaceState;

/// The score choice, the tune button and the last search's results.
/// `busy` while a background job runs (one search at a time).
pub fn show(ui: &mut Ui, state: &RaceState, busy: bool, commands: &mut Vec<RaceCommand>) {
    ui.horizontal(|ui| {
        ui.label("score by");
        for (score, name, meaning) in Score::CHOICES {
            if ui.selectable_label(state.tune_score == score, name).on_hover_text(meaning).clicked() {
                commands.push(RaceCommand::SetTuneScore(score));
            }
        }
    });
    let range = state.sensitivity.range;
    let hint = format!(
        "for each optimizer: {} learning rates from {} to {} (the sensitivity view's), each run from {DEFAULT_STARTS} starts \
         on a ring around the start ({} of the window's shorter side away) with the same budget of {} gradient \
         evaluations, and scored by the median over the starts; sets each lr to its best",
        range.points(),
        tick_label(range.min()),
        tick_label(range.max()),
        percent(RADIUS_SHARE),
        state.total_steps
    );
    let rates_ok = state.sensitivity.error.is_none();
    let button = ui.add_enabled(!busy && rates_ok, egui::Button::new("Tune learning rates"));
    let button = button.on_hover_text(hint).on_disabled_hover_text("the sensitivity view's rates are not a range");
    if button.clicked() {
        commands.push(RaceCommand::TuneLearningRates);
    }
    if busy {
        ui.label(RichText::new("searching in the background: the race goes on; Esc stops").weak());
    }
    let Some((_, _, first)) = state.tuned.first() else { return };
    ui.label(
        RichText::new(format!(
            "Each optimizer: {} rates × {} starts, {} gradient evaluations each; scored by the median {}.",
            first.curve.len(),
            first.starts,
            first.budget,
            first.score.unit()
        ))
        .weak(),
    );
    egui::Grid::new("tuned").striped(true).num_columns(4).show(ui, |ui| {
        for heading in ["optimizer", "best lr", "score", "final loss"] {
            ui.label(RichText::new(heading).strong());
        }
        ui.end_row();
        for (_, label, tuned) in &state.tuned {
            ui.label(label);
            match tuned.best() {
                Some(best) => {
                    ui.label(format!("{:.3e}", best.lr));
                    ui.label(score_text(tuned.score, best.score));
                    ui.label(format!("{:.3e}", best.final_loss));
                }
                None => {
                    ui.label("every rate diverged");
                }
            }
            ui.end_row();
        }
    });
}

/// A score as the table shows it: a loss in scientific form, a mean
/// log-loss with two decimals, evaluations whole; "not reached" when infinite.
fn score_text(score: Score, value: f64) -> String {
    if !value.is_finite() {
        return "not reached".to_owned();
    }
    match score {
        Score::Final => format!("{value:.3e}"),
        Score::MeanLog => format!("{value:.2}"),
        Score::ToTolerance(_) => format!("{value:.0}"),
    }
}

/// A share as a percentage ("5%").
fn percent(share: f64) -> String {
    format!("{}%", share * 100.0)
}
