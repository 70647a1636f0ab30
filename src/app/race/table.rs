//! One row per run: step, gradient evaluations spent, loss, gradient norm,
//! learning rate, and whether it diverged or converged.

use eframe::egui::{self, Color32, RichText, Ui};

use optiviz::engine::race::{Convergence, Run};

use super::command::RaceCommand;
use super::memo::Memo;
use super::state::RaceState;

/// What the evals column says on hover.
const EVALUATIONS_HINT: &str =
    "Gradient evaluations spent so far (a Hessian counts as two); (+k): those of the last step, for optimizers that spend other than one";

/// Where each run stands against a tolerance, kept while the race stands
/// still (finding it goes through every gradient norm).
pub type ConvergenceMemo = Memo<f64, Vec<Option<Convergence>>>;

/// The status table with the convergence tolerance.
pub fn show(ui: &mut Ui, state: &RaceState, memo: &mut ConvergenceMemo, commands: &mut Vec<RaceCommand>) {
    ui.horizontal(|ui| {
        let mut tolerance = state.tolerance;
        let slider = egui::Slider::new(&mut tolerance, 1e-12..=1e-1).logarithmic(true).text("converged when ‖∇f‖ <");
        if ui.add(slider).changed() {
            commands.push(RaceCommand::SetTolerance(tolerance));
        }
    });
    let entries: Vec<_> = state.enabled_runs().collect();
    let convergence = memo.get(&state.sim, state.tolerance, || {
        state.sim.runs().iter().map(|run| run.trajectory().convergence(state.tolerance)).collect()
    });
    egui::Grid::new("status").striped(true).num_columns(7).show(ui, |ui| {
        for heading in ["optimizer", "step", "evals", "loss", "‖∇f‖", "lr", "status"] {
            ui.label(RichText::new(heading).strong());
        }
        ui.end_row();
        for ((run, entry), convergence) in state.sim.runs().iter().zip(&entries).zip(convergence) {
            let t = run.trajectory();
            let color = Color32::from_rgb(entry.color[0], entry.color[1], entry.color[2]);
            ui.label(RichText::new(run.spec().optimizer.label()).color(color).strong());
            ui.label(t.steps().to_string());
            ui.label(evaluations(run)).on_hover_text(EVALUATIONS_HINT);
            ui.label(format!("{:.4e}", t.losses.last().copied().unwrap_or(f64::NAN)));
            ui.label(format!("{:.3e}", t.gradient_norms.last().copied().unwrap_or(f64::NAN)));
            ui.label(t.lrs.last().map_or_else(|| "—".to_owned(), |lr| format!("{lr:.3e}")));
            match (run.diverged().zip(run.divergence_note()), *convergence) {
                (Some(((_, cause), note)), _) => {
                    ui.label(RichText::new(note).color(ui.visuals().error_fg_color)).on_hover_text(cause.to_string());
                }
                (None, Some(Convergence { first, inside: true })) => {
                    ui.label(
                        RichText::new(format!("converged at step {first}")).color(Color32::from_rgb(90, 200, 120)),
                    );
                }
                (None, Some(Convergence { first, inside: false })) => {
                    ui.label(
                        RichText::new(format!("reached at step {first}, left again"))
                            .color(ui.visuals().warn_fg_color),
                    )
                    .on_hover_text(
                        "‖∇f‖ fell below the tolerance at that step, and is above it again now (the run rattles around the minimum)",
                    );
                }
                (None, None) => {
                    ui.label("running");
                }
            }
            ui.end_row();
        }
    });
}

/// The gradient evaluations `run` has spent, and for an optimizer that may
/// spend other than one a step those of its last step: "4500 (+3)".
fn evaluations(run: &Run) -> String {
    let t = run.trajectory();
    let spent = t.evaluations.last().copied().unwrap_or(0);
    match t.steps() {
        last if last > 0 && run.counts_evaluations() => format!("{spent} (+{})", t.evaluations_in_step(last)),
        _ => spent.to_string(),
    }
}
