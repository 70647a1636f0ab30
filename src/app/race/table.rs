//! One row per run at the timeline's step: step, gradient evaluations
//! spent, loss, gradient norm, learning rate, and whether it had diverged
//! or converged by then.

use eframe::egui::{self, Color32, RichText, Ui};

use optiviz::engine::race::{Convergence, Run};

use super::command::RaceCommand;
use super::memo::Memo;
use super::state::RaceState;
use super::timeline::RunAt;

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
    let step = state.shown_step();
    egui::Grid::new("status").striped(true).num_columns(7).show(ui, |ui| {
        for heading in ["optimizer", "step", "evals", "loss", "‖∇f‖", "lr", "status"] {
            ui.label(RichText::new(heading).strong());
        }
        ui.end_row();
        for ((run, entry), convergence) in state.sim.runs().iter().zip(&entries).zip(convergence) {
            let t = run.trajectory();
            let at = RunAt::of(run, step);
            let i = at.index;
            let color = Color32::from_rgb(entry.color[0], entry.color[1], entry.color[2]);
            ui.label(RichText::new(run.spec().optimizer.label()).color(color).strong());
            ui.label(i.to_string());
            ui.label(evaluations(run, i)).on_hover_text(EVALUATIONS_HINT);
            ui.label(format!("{:.4e}", t.losses.get(i).copied().unwrap_or(f64::NAN)));
            ui.label(format!("{:.3e}", t.gradient_norms.get(i).copied().unwrap_or(f64::NAN)));
            let lr = i.checked_sub(1).and_then(|k| t.lrs.get(k));
            ui.label(lr.map_or_else(|| "—".to_owned(), |lr| format!("{lr:.3e}")));
            let diverged = run.diverged().zip(run.divergence_note()).filter(|_| at.diverged);
            let convergence = convergence.filter(|c| c.first <= i).map(|c| Convergence {
                first: c.first,
                inside: t.gradient_norms.get(i).is_some_and(|n| *n < state.tolerance),
            });
            match (diverged, convergence) {
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

/// The gradient evaluations `run` has spent by point `i`, and for an
/// optimizer that may spend other than one a step those of step `i`:
/// "4500 (+3)".
fn evaluations(run: &Run, i: usize) -> String {
    let t = run.trajectory();
    let spent = t.evaluations.get(i).copied().unwrap_or(0);
    match i {
        i if i > 0 && run.counts_evaluations() => format!("{spent} (+{})", t.evaluations_in_step(i)),
        _ => spent.to_string(),
    }
}
