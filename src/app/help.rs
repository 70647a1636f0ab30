//! The keyboard help overlay, generated from the shortcut table.

use eframe::egui::{self, RichText};

use super::command::{shortcuts, Command};

/// Shows the help window while `open`.
pub fn show(ctx: &egui::Context, open: bool, commands: &mut Vec<Command>) {
    if !open {
        return;
    }
    let mut keep_open = true;
    egui::Window::new("Keyboard shortcuts").open(&mut keep_open).collapsible(false).resizable(false).show(ctx, |ui| {
        egui::Grid::new("shortcuts").num_columns(2).spacing([24.0, 6.0]).show(ui, |ui| {
            for shortcut in shortcuts() {
                ui.label(RichText::new(shortcut.keys).monospace().strong());
                ui.label(shortcut.action);
                ui.end_row();
            }
        });
        ui.separator();
        ui.label("Click or drag on the plot to move the start point; drag elsewhere to pan, scroll to zoom.");
        ui.label(
            "The timeline under the plot shows any step: drag it (the race pauses) and every view follows; \
             Play continues from there.",
        );
        ui.label(
            "Hover the map to read f, ∇f and the nearest path point; hover the curves to read every optimizer \
             at that step.",
        );
    });
    if !keep_open {
        commands.push(Command::ToggleHelp);
    }
}
