//! One widget per hyperparameter, generated from the library's parameter
//! table: a log slider for learning rates, a linear one for betas, a
//! checkbox for flags, radio buttons for choices, a file button for paths.

use eframe::egui::{self, RichText, Slider, Ui};
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
        (ParamKind::Path, Value::Path(current)) => path_widget(ui, spec, current),
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

/// A file parameter: the file's name, a button that opens a CSV file, and
/// one that forgets the file (a data surface then generates its rows).
fn path_widget(ui: &mut Ui, spec: &ParamSpec, current: &str) -> Option<Value> {
    let mut chosen = None;
    ui.horizontal(|ui| {
        ui.label(spec.name).on_hover_text(spec.doc);
        let name = std::path::Path::new(current).file_name().map(|name| name.to_string_lossy());
        match name {
            Some(name) => ui.label(RichText::new(name).monospace()).on_hover_text(current),
            None => ui.weak("none: rows generated"),
        };
        if ui.button("Open CSV…").on_hover_text(spec.doc).clicked() {
            let picked = rfd::FileDialog::new().add_filter("CSV", &["csv"]).pick_file();
            chosen = picked.map(|path| Value::Path(path.display().to_string()));
        }
        let generate = "Forget the file and generate the rows from the other parameters";
        if !current.is_empty() && ui.button("generate").on_hover_text(generate).clicked() {
            chosen = Some(Value::Path(String::new()));
        }
    });
    chosen
}

/// A colour swatch button that edits an sRGB colour; returns the new colour when changed.
pub fn color_button(ui: &mut Ui, color: [u8; 3], label: &str) -> Option<[u8; 3]> {
    let mut c = egui::Color32::from_rgb(color[0], color[1], color[2]);
    let response =
        egui::widgets::color_picker::color_edit_button_srgba(ui, &mut c, egui::widgets::color_picker::Alpha::Opaque)
            .on_hover_text(format!("colour of {label}"));
    response.changed().then_some([c.r(), c.g(), c.b()])
}
