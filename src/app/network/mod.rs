//! The Network view: the same optimizers train a small network, live. The
//! left panel sets the data, the network and the optimizers; the middle
//! shows what each network has learnt (decision boundaries for 2-D data, a
//! grid of test digits otherwise); curves and a table sit on the right.

mod boundary;
mod curves;
mod digits;
mod settings;
pub mod state;
#[cfg(test)]
mod tests;

use eframe::egui::{self, Ui};

use crate::app::command::Command;
use state::{NetCommand, NetState};

pub use boundary::BoundaryImages;

/// The transport bar of the Network view: play/pause, one epoch, reset,
/// speed and length.
pub fn controls(ui: &mut Ui, state: &NetState, commands: &mut Vec<Command>) {
    let mut push = |command| commands.push(Command::Network(command));
    let play = if state.playing { "Pause" } else { "Play" };
    if ui.button(play).on_hover_text("Space").clicked() {
        push(NetCommand::TogglePlay);
    }
    if ui.button("Step").on_hover_text("one epoch (→)").clicked() {
        push(NetCommand::Step);
    }
    if ui.button("Reset").on_hover_text("back to the starting weights (R)").clicked() {
        push(NetCommand::Reset);
    }
    ui.separator();
    let mut speed = state.epochs_per_frame;
    let slider = egui::Slider::new(&mut speed, 1..=100).logarithmic(true).text("epochs/frame");
    if ui.add(slider).on_hover_text("at most; fewer when an epoch is slow, so the view stays smooth").changed() {
        push(NetCommand::SetSpeed(speed));
    }
    let mut total = state.epochs;
    if ui.add(egui::Slider::new(&mut total, 10..=5000).logarithmic(true).text("epochs")).changed() {
        push(NetCommand::SetEpochs(total));
    }
    ui.separator();
    ui.label(format!("epoch {} / {}", state.training.epochs(), state.epochs));
}

/// The settings panel: data, network, optimizers.
pub fn settings(ui: &mut Ui, state: &NetState, commands: &mut Vec<Command>) {
    settings::show(ui, state, commands);
}

/// The curves and the table.
pub fn curves(ui: &mut Ui, state: &NetState, presentation: bool) {
    curves::show(ui, state, presentation);
}

/// What the networks have learnt: decision boundaries for two features, a
/// grid of test digits otherwise.
pub fn central(ui: &mut Ui, state: &NetState, images: &mut BoundaryImages, commands: &mut Vec<Command>) {
    if state.training.problem().dataset.dim == 2 {
        images.show(ui, state);
    } else {
        digits::show(ui, state, commands);
    }
}
