//! Choosing the loss surface: the named ones with their parameters, or a
//! formula typed by the user with its error shown beside the field.

use eframe::egui::{self, RichText, Ui};
use optiviz::spec::settings::Settings;
use optiviz::surface::{SurfaceConfig, SURFACES};

use super::command::RaceCommand;
use super::state::RaceState;
use crate::app::widgets::params::param_widget;

/// The surface panel.
pub fn show(ui: &mut Ui, state: &RaceState, commands: &mut Vec<RaceCommand>) {
    let current = state.surface_config.settings().kind().name;
    ui.horizontal_wrapped(|ui| {
        for info in SURFACES {
            let kind = &info.kind;
            let text = if info.is_formula() { "formula" } else { kind.name };
            let response = ui.selectable_label(current == kind.name, text).on_hover_text(kind.summary);
            if response.clicked() && current != kind.name {
                let config = if info.is_formula() {
                    format!("expr:f={}", state.formula_text).parse::<SurfaceConfig>()
                } else {
                    Settings::defaults(kind).and_then(SurfaceConfig::from_settings)
                };
                match config {
                    Ok(config) => commands.push(RaceCommand::SetSurface(config)),
                    Err(_) => commands.push(RaceCommand::SetFormula(state.formula_text.clone())),
                }
            }
        }
    });
    if state.surface_config.info().is_formula() {
        let mut text = state.formula_text.clone();
        ui.horizontal(|ui| {
            let label = ui.label("f(x, y) =");
            let response =
                ui.add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY)).labelled_by(label.id);
            if response.changed() {
                commands.push(RaceCommand::SetFormula(text.clone()));
            }
        });
        if let Some(error) = &state.formula_error {
            ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
            ui.label(RichText::new("The plot keeps the last formula that worked.").weak());
        }
    } else {
        for (param, value) in state.surface_config.settings().iter() {
            if let Some(new) = param_widget(ui, param, value) {
                commands.push(RaceCommand::SetSurfaceParam(param.name, new));
            }
        }
    }
    ui.label(RichText::new(state.surface_config.settings().kind().summary).weak());
}
