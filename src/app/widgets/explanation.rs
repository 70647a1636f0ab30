//! The loaded scene's title and paragraph, at the top of a settings panel.

use eframe::egui::{self, RichText, Ui};
use optiviz::scene::Explanation;

/// Shows the title (open by default, foldable) and its paragraph, then a separator.
pub fn show(ui: &mut Ui, explanation: Option<&Explanation>) {
    if let Some(Explanation { title, text }) = explanation {
        egui::CollapsingHeader::new(RichText::new(title).strong()).default_open(true).show(ui, |ui| {
            ui.label(text);
        });
        ui.separator();
    }
}
