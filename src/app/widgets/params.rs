//! One widget per hyperparameter, generated from the library's parameter
//! table: a log slider for learning rates, a linear one for betas, a
//! checkbox for flags, radio buttons for choices.

use eframe::egui::{self, Slider, Ui};
use optiviz::spec::params::{ParamKind, ParamSpec, Scale, Value};

/// Shows the widget for `spec` holding `value`; returns the new value when the user changed it.
pub fn param_widget(ui: &mut Ui, spec: &ParamSpec, value: &Value) -> Option<Value> {
    let changed = match (spec.kind, value) {
        (ParamKind::Real { scale, slider, .. }, Value::Real(current)) => {
            let mut v = *current;
            let (lo, hi) = (slider.0.min(v), slider.1.max(v));
            let response = ui
                .add(
                    Slider::new(&mut v, lo..=hi)
                        .logarithmic(scale == Scale::Log)
                        .smallest_positive(slider.0.max(1e-12))
                        .text(spec.name),
                )
                .on_hover_text(spec.doc);
            (response.changed() && spec.check(&Value::Real(v)).is_ok()).then_some(Value::Real(v))
        }
        (ParamKind::Integer { min, .. }, Value::Integer(current)) => {
            let mut v = *current;
            let hi = (v.max(min) * 4).max(1000);
            let response =
                ui.add(Slider::new(&mut v, min..=hi).logarithmic(true).text(spec.name)).on_hover_text(spec.doc);
            response.changed().then_some(Value::Integer(v))
        }
        (ParamKind::Flag, Value::Flag(current)) => {
            let mut v = *current;
            let response = ui.checkbox(&mut v, spec.name).on_hover_text(spec.doc);
            response.changed().then_some(Value::Flag(v))
        }
        (ParamKind::Choice(words), Value::Choice(current)) => {
            let mut chosen = None;
            ui.horizontal(|ui| {
                ui.label(spec.name).on_hover_text(spec.doc);
                for word in words {
                    if ui.selectable_label(current == word, *word).clicked() && current != word {
                        chosen = Some(Value::Choice(word));
                    }
                }
            });
            chosen
        }
        _ => None,
    };
    changed.filter(|v| spec.check(v).is_ok())
}

/// A colour swatch button that edits an sRGB colour; returns the new colour when changed.
pub fn color_button(ui: &mut Ui, color: [u8; 3], label: &str) -> Option<[u8; 3]> {
    let mut c = egui::Color32::from_rgb(color[0], color[1], color[2]);
    let response =
        egui::widgets::color_picker::color_edit_button_srgba(ui, &mut c, egui::widgets::color_picker::Alpha::Opaque)
            .on_hover_text(format!("colour of {label}"));
    response.changed().then_some([c.r(), c.g(), c.b()])
}
