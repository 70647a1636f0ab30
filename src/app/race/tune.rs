//! The learning-rate search: one button that tunes every racing optimizer
//! with the same budget, and what the last search found.

use eframe::egui::{self, RichText, Ui};

use super::command::RaceCommand;
use super::state::RaceState;
use super::tuning::TUNE_TRIALS;

/// The tune button and the last search's results.
/// `busy` while a background job runs (one search at a time).
pub fn show(ui: &mut Ui, state: &RaceState, busy: bool, commands: &mut Vec<RaceCommand>) {
    let hint = format!(
        "for each optimizer: {TUNE_TRIALS} trial races of {} steps from this start (a log sweep of lr from 1e-5 to 10, \
         then a golden-section search around the best), scored by final loss; sets each lr to its best",
        state.total_steps
    );
    let idle = !busy;
    let button = ui.add_enabled(idle, egui::Button::new("Tune learning rates")).on_hover_text(hint);
    if button.clicked() {
        commands.push(RaceCommand::TuneLearningRates);
    }
    if !idle {
        ui.label(RichText::new("searching in the background: the race goes on; Esc stops").weak());
    }
    let Some((_, first)) = state.tuned.first() else { return };
    ui.label(
        RichText::new(format!("Each optimizer got {} trial races of {} steps.", first.trials, first.steps)).weak(),
    );
    egui::Grid::new("tuned").striped(true).num_columns(3).show(ui, |ui| {
        for heading in ["optimizer", "best lr", "final loss"] {
            ui.label(RichText::new(heading).strong());
        }
        ui.end_row();
        for (label, tuned) in &state.tuned {
            ui.label(label);
            ui.label(format!("{:.3e}", tuned.lr));
            if tuned.final_loss.is_finite() {
                ui.label(format!("{:.3e}", tuned.final_loss));
            } else {
                ui.label("every trial diverged");
            }
            ui.end_row();
        }
    });
}
