//! Choosing the loss surface from the grouped picker: the named ones with
//! their parameters (a data surface's CSV file among them), or a formula
//! typed by the user, with what is wrong shown beside the field.

use eframe::egui::{self, RichText, Ui};
use optiviz::spec::settings::Settings;
use optiviz::surface::{SurfaceConfig, SurfaceFamily, SurfaceInfo, SURFACES};

use super::command::RaceCommand;
use super::state::RaceState;
use crate::app::widgets::params::param_widget;
use crate::app::widgets::picker::{self, Choice, Group};

/// The surface panel.
pub fn show(ui: &mut Ui, state: &RaceState, commands: &mut Vec<RaceCommand>) {
    let current = state.surface_config.info();
    let button = ui.button(format!("{}  ▾", shown_name(current)));
    let spoken = format!("surface: {}", shown_name(current));
    button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &spoken));
    let picked = picker::popup(&button, "surface", Some(shown_name(current)), families);
    if let Some(info) = picked.filter(|info| *info != current) {
        let config = if info.is_formula() {
            format!("expr:f={}", state.formula_text).parse::<SurfaceConfig>()
        } else {
            Settings::defaults(&info.kind).and_then(SurfaceConfig::from_settings)
        };
        match config {
            Ok(config) => commands.push(RaceCommand::SetSurface(config)),
            Err(_) => commands.push(RaceCommand::SetFormula(state.formula_text.clone())),
        }
    }
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
        if let Some(error) = &state.surface_error {
            ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
            ui.label(RichText::new("The plot keeps the last formula that worked.").weak());
        }
    } else {
        for (param, value) in state.surface_config.settings().iter() {
            if let Some(new) = param_widget(ui, param, value) {
                commands.push(RaceCommand::SetSurfaceParam(param.name, new));
            }
        }
        if let Some(error) = &state.surface_error {
            ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
            ui.label(RichText::new("The plot keeps the last surface that worked.").weak());
        }
    }
    ui.label(RichText::new(state.surface_config.settings().kind().summary).weak());
}

/// The name the picker shows: the surface's, or "formula" for the one typed.
fn shown_name(info: &SurfaceInfo) -> &'static str {
    if info.is_formula() {
        "formula"
    } else {
        info.kind.name
    }
}

/// The surfaces under their families' headings.
fn families() -> Vec<Group<&'static SurfaceInfo>> {
    let members = |family| {
        SURFACES.iter().copied().filter(move |info| info.family == family).map(|info| Choice {
            name: shown_name(info),
            summary: info.kind.summary,
            value: info,
        })
    };
    SurfaceFamily::ALL
        .iter()
        .map(|&family| Group { title: family.title(), choices: members(family).collect() })
        .collect()
}
