//! The timeline's slider under the plots: drag it to any step the race has
//! computed (the race pauses), and it says whether the views follow the
//! latest step.

use eframe::egui::{self, RichText, Ui};

use super::command::RaceCommand;
use super::state::RaceState;
use super::timeline::Seek;

/// What the slider says on hover.
const HINT: &str = "Drag to look at any step: the paths, markers, curves and table follow. \
                    ← and → move one step, Home and End jump to the start and the latest step; \
                    Play continues from here.";

/// The slider under the plots, with where it stands.
pub fn show(ui: &mut Ui, race: &RaceState, commands: &mut Vec<RaceCommand>) {
    let latest = race.sim.steps();
    let mut step = race.shown_step();
    // Right to left: where it stands at the right, the slider takes the rest.
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if race.timeline.follows() {
            ui.label(RichText::new("● latest").color(egui::Color32::from_rgb(90, 200, 120)));
        } else {
            ui.label(format!("of {latest} computed"));
        }
        // What the slider adds beside its rail: its value field and its name.
        ui.spacing_mut().slider_width = (ui.available_width() - 130.0).max(120.0);
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            let slider = egui::Slider::new(&mut step, 0..=latest.max(1)).text("timeline").trailing_fill(true);
            if ui.add(slider).on_hover_text(HINT).changed() {
                commands.push(RaceCommand::Seek(Seek::To(step)));
            }
        });
    });
}
