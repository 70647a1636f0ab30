//! The network's hidden activation and the penalties on its weights, as
//! settings-panel controls that push [`NetworkCommand`]s.

use eframe::egui::{self, Ui};
use optiviz::nn::{Activation, Penalty};

use super::command::NetworkCommand;

/// The strength a penalty starts at when it is switched on.
const DEFAULT_STRENGTH: f64 = 1e-3;

/// The range of a penalty's slider (logarithmic).
const STRENGTHS: std::ops::RangeInclusive<f64> = 1e-6..=1.0;

/// The activation after every hidden layer, one selectable name per choice
/// (capitalised as TF Playground writes them, apart from the output's
/// lower-case `sigmoid` and `softmax`).
pub fn activation_choice(ui: &mut Ui, current: Activation, push: &mut impl FnMut(NetworkCommand)) {
    ui.horizontal(|ui| {
        ui.label("activation").on_hover_text("the function after every hidden layer");
        for activation in Activation::ALL {
            let response = ui.selectable_label(current == activation, shown_name(activation));
            if response.on_hover_text(hover(activation)).clicked() && current != activation {
                push(NetworkCommand::SetActivation(activation));
            }
        }
    });
}

/// An activation's name on its button.
fn shown_name(activation: Activation) -> &'static str {
    match activation {
        Activation::Relu => "ReLU",
        Activation::Tanh => "Tanh",
        Activation::Sigmoid => "Sigmoid",
        Activation::Linear => "Linear",
    }
}

/// What an activation is, in a line.
fn hover(activation: Activation) -> &'static str {
    match activation {
        Activation::Relu => "max(0, z): seed 003's and 004's networks",
        Activation::Tanh => "tanh z: smooth, between −1 and 1",
        Activation::Sigmoid => "1 / (1 + e^−z): smooth, between 0 and 1",
        Activation::Linear => "z itself: the whole network is then linear in its inputs",
    }
}

/// The L1 and L2 penalties on the weights: each a switch and, when on, a
/// logarithmic slider of its strength (off is strength 0).
pub fn penalty_controls(ui: &mut Ui, current: Penalty, push: &mut impl FnMut(NetworkCommand)) {
    let l1 = strength(
        ui,
        "L1 penalty",
        "λ1",
        current.l1,
        "adds λ1·Σ|w| over the weights (not biases) to the loss descended",
    );
    if let Some(l1) = l1 {
        push(NetworkCommand::SetPenalty(Penalty { l1, ..current }));
    }
    let l2 = strength(
        ui,
        "L2 penalty",
        "λ2",
        current.l2,
        "adds ½·λ2·Σw² over the weights (not biases) to the loss descended",
    );
    if let Some(l2) = l2 {
        push(NetworkCommand::SetPenalty(Penalty { l2, ..current }));
    }
    if !current.is_none() {
        ui.label(egui::RichText::new("the curves show the data loss, without the penalty").weak());
    }
}

/// One penalty's switch and slider; the new strength when the user changed it.
fn strength(ui: &mut Ui, name: &str, symbol: &str, value: f64, doc: &str) -> Option<f64> {
    let mut changed = None;
    ui.horizontal(|ui| {
        let mut on = value > 0.0;
        if ui.checkbox(&mut on, name).on_hover_text(doc).changed() {
            changed = Some(if on { DEFAULT_STRENGTH } else { 0.0 });
        }
        if on && changed.is_none() {
            // The range reaches a strength outside it (from a scene), so the slider shows it as it is.
            let mut v = value;
            let range = STRENGTHS.start().min(v)..=STRENGTHS.end().max(v);
            let slider = egui::Slider::new(&mut v, range).logarithmic(true).text(symbol);
            if ui.add(slider).on_hover_text(doc).changed() {
                changed = Some(v);
            }
        }
    });
    changed
}
