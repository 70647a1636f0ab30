//! The race page: optimizers racing on a loss surface. `state` holds what
//! it shows, `command` changes it and `tuning` searches and sweeps learning rates in
//! the background; the rest are its panels: the surface chooser, the plot
//! (2-D or 3-D) with the timeline under it, the curves, the status table,
//! the readouts under the pointer, the tune button and the sensitivity view
//! (loss against learning rate). Its panels push [`RaceCommand`]s; the
//! shell wraps them for the app.

pub mod command;
mod companions;
pub mod curves;
mod data_inset;
#[cfg(test)]
mod fixtures;
mod gradient_cloud;
mod gradients;
#[cfg(test)]
mod gradients_tests;
mod memo;
mod paths;
mod plot;
mod readout;
mod scrubber;
pub mod sensitivity;
pub mod state;
mod surface;
mod surface_3d;
mod surface_image;
mod table;
#[cfg(test)]
mod tests;
pub mod timeline;
#[cfg(test)]
mod timeline_tests;
mod tune;
pub mod tuning;

use eframe::egui::{self, Ui};
use optiviz::scene::Layout;

use crate::app::lineup::RunCommand;
use crate::app::prefs::Prefs;
use crate::app::widgets::{explanation, optimizers};
use command::RaceCommand;
use curves::Quantity;
use plot::RacePlot;
use state::RaceState;

/// The race page's panels' memory between frames.
pub struct RaceViews {
    plot: RacePlot,
    /// The quantity the curves show.
    pub curves: Quantity,
    /// The curves' points, kept while the race stands still.
    curve_points: curves::CurveMemo,
    /// Where each run stands against the tolerance, kept likewise.
    convergence: table::ConvergenceMemo,
}

impl RaceViews {
    /// Nothing cached, the loss curves shown.
    pub fn new() -> RaceViews {
        RaceViews {
            plot: RacePlot::new(),
            curves: Quantity::Loss,
            curve_points: memo::Memo::new(),
            convergence: memo::Memo::new(),
        }
    }

    /// What the pointer read over a map in the last frame.
    #[cfg(test)]
    pub fn readout(&self) -> Option<&readout::MapReadout> {
        self.plot.readout()
    }
}

/// The transport bar of the race: play/pause, one step, reset, speed and
/// length, the layout, the arrows and the points some optimizers keep.
pub fn controls(ui: &mut Ui, race: &RaceState, commands: &mut Vec<RaceCommand>) {
    let play = if race.playing { "Pause" } else { "Play" };
    if ui.button(play).on_hover_text("Space").clicked() {
        commands.push(RaceCommand::TogglePlay);
    }
    if ui.button("Step").on_hover_text("→").clicked() {
        commands.push(RaceCommand::Step);
    }
    if ui.button("Reset").on_hover_text("R").clicked() {
        commands.push(RaceCommand::Reset);
    }
    ui.separator();
    let mut speed = race.steps_per_frame;
    if ui.add(egui::Slider::new(&mut speed, 1..=5000).logarithmic(true).text("steps/frame")).changed() {
        commands.push(RaceCommand::SetSpeed(speed));
    }
    let mut total = race.total_steps;
    if ui.add(egui::Slider::new(&mut total, 10..=100_000).logarithmic(true).text("total steps")).changed() {
        commands.push(RaceCommand::SetTotalSteps(total));
    }
    ui.separator();
    ui.label(format!("step {} / {}", race.shown_step(), race.total_steps));
    ui.separator();
    for (layout, text) in [(Layout::Overlay, "Overlay"), (Layout::Grid, "Small multiples"), (Layout::Surface3d, "3-D")]
    {
        if ui.selectable_label(race.layout == layout, text).clicked() {
            commands.push(RaceCommand::SetLayout(layout));
        }
    }
    ui.separator();
    let mut gradient = race.show_gradient;
    if ui.checkbox(&mut gradient, "gradient arrows").changed() {
        commands.push(RaceCommand::SetShowGradient(gradient));
    }
    let mut step = race.show_step;
    if ui.checkbox(&mut step, "step arrows").changed() {
        commands.push(RaceCommand::SetShowStep(step));
    }
    companions_toggle(ui, race, commands);
    ui.separator();
    let sensitivity = ui.selectable_label(race.sensitivity.open, "Sensitivity");
    if sensitivity.on_hover_text("Final and best loss against learning rate, one curve per optimizer").clicked() {
        commands.push(RaceCommand::SetSensitivityOpen(!race.sensitivity.open));
    }
}

/// The "companion points" checkbox, which says on hover what it shows in
/// this race (the 3-D view leaves them out); greyed out when no run keeps
/// such a point.
fn companions_toggle(ui: &mut Ui, race: &RaceState, commands: &mut Vec<RaceCommand>) {
    let kept: Vec<String> = race
        .sim
        .runs()
        .iter()
        .filter_map(|run| {
            let track = run.trajectory().companion.as_ref()?;
            Some(companions::name(run.spec().optimizer.label(), track.kind))
        })
        .collect();
    let mut on = race.show_companions;
    let checkbox = ui.add_enabled(!kept.is_empty(), egui::Checkbox::new(&mut on, "companion points"));
    let checkbox = checkbox
        .on_hover_text(format!("On the 2-D plots, what optimizers keep beside their point: {}", kept.join(", ")))
        .on_disabled_hover_text(
            "No optimizer in this race keeps a point beside its own (an average, slow weights, adversarial points)",
        );
    if checkbox.changed() {
        commands.push(RaceCommand::SetShowCompanions(on));
    }
}

/// The settings panel: the loaded scene's explanation, the surface, the
/// optimizers and the learning-rate search (`busy` while a job runs).
pub fn settings(ui: &mut Ui, race: &RaceState, busy: bool, commands: &mut Vec<RaceCommand>) {
    explanation::show(ui, race.explanation.as_ref());
    ui.heading("Surface");
    surface::show(ui, race, commands);
    ui.separator();
    gradients::show(ui, race, commands);
    ui.separator();
    ui.heading("Optimizers");
    let mut changes: Vec<RunCommand> = Vec::new();
    optimizers::show(ui, &race.lineup, race.total_steps, true, &mut changes);
    commands.extend(changes.into_iter().map(RaceCommand::Run));
    ui.separator();
    tune::show(ui, race, busy, commands);
}

/// What the curves' x axis tabs say on hover.
const X_AXIS_HINT: &str = "Against steps, or against the gradient evaluations each run has spent (a Hessian counts as two): \
                           an optimizer that spends several a step stretches out, since a fair race counts work, not steps";

/// The curves (with their quantity and x axis tabs) and the status table.
pub fn curves(ui: &mut Ui, race: &RaceState, prefs: &Prefs, views: &mut RaceViews, commands: &mut Vec<RaceCommand>) {
    ui.horizontal(|ui| {
        for (quantity, text) in Quantity::ALL {
            if ui.selectable_label(views.curves == quantity, text).clicked() {
                views.curves = quantity;
            }
        }
    });
    ui.horizontal(|ui| {
        ui.label("x:");
        for (axis, text) in curves::X_AXES {
            let tab = ui.selectable_label(race.curves_x == axis, text);
            if tab.on_hover_text(X_AXIS_HINT).clicked() {
                commands.push(RaceCommand::SetCurvesX(axis));
            }
        }
    });
    let height = (ui.available_height() * 0.55).max(160.0);
    curves::show(ui, race, prefs.presentation, views.curves, height, &mut views.curve_points);
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| table::show(ui, race, &mut views.convergence, commands));
}

/// The race page's windows: the sensitivity view, when open (`busy`
/// while a background job runs).
pub fn windows(ctx: &egui::Context, race: &RaceState, busy: bool, commands: &mut Vec<RaceCommand>) {
    sensitivity::window(ctx, race, busy, commands);
}

/// The race on the plot, in its layout, with the timeline under it.
pub fn central(ui: &mut Ui, race: &RaceState, prefs: &Prefs, views: &mut RaceViews, commands: &mut Vec<RaceCommand>) {
    egui::Panel::bottom("timeline").show(ui, |ui| scrubber::show(ui, race, commands));
    let frame = ui.max_rect();
    views.plot.show(ui, race, prefs.presentation, commands);
    if race.layout != Layout::Surface3d {
        data_inset::show(ui, frame, race);
    }
}
