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
    ui.horizontal(|ui| {
        let status = if race.timeline.follows() {
            RichText::new("● latest").color(egui::Color32::from_rgb(90, 200, 120))
        } else {
            RichText::new(format!("of {latest} computed"))
        };
        ui.spacing_mut().slider_width = (ui.available_width() - 220.0).max(120.0);
        let slider = egui::Slider::new(&mut step, 0..=latest.max(1)).text("timeline").trailing_fill(true);
        if ui.add(slider).on_hover_text(HINT).changed() {
            commands.push(RaceCommand::Seek(Seek::To(step)));
        }
        ui.label(status);
    });
}
