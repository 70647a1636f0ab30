//! The input-feature toggles of a network on points of the plane, as TF
//! Playground offers them: x₁, x₂, x₁², x₂², x₁x₂, sin(x₁), sin(x₂).

use eframe::egui::{Button, Ui};
use optiviz::nn::{InputFeature, InputFeatures};

use super::command::NetworkCommand;

/// One toggle per feature, labelled with its formula; the last one on
/// cannot be turned off.
pub fn show(ui: &mut Ui, current: InputFeatures, push: &mut impl FnMut(NetworkCommand)) {
    ui.horizontal_wrapped(|ui| {
        ui.label("inputs").on_hover_text("what the network reads of each point (x₁, x₂)");
        for feature in InputFeature::ALL {
            let on = current.contains(feature);
            let last = on && current.len() == 1;
            let hover = if last { "at least one input stays on" } else { "feed this feature to the first layer" };
            let response = ui.add_enabled(!last, Button::selectable(on, feature.formula())).on_hover_text(hover);
            if response.clicked() {
                push(NetworkCommand::SetInputs(current.with(feature, !on)));
            }
        }
    });
}
