//! The optimizer list (add from the grouped picker, remove, duplicate,
//! enable, colour, select) and the selected optimizer's hyperparameters,
//! schedule and update rule.

use eframe::egui::{self, RichText, Ui};
use optiviz::optim::schedule::SCHEDULES;
use optiviz::optim::{Family, OptimizerInfo, OPTIMIZERS};
use optiviz::Schedule;

use super::params::{color_button, param_widget};
use super::picker::{self, Choice, Group};
use crate::app::lineup::{Lineup, RunCommand};

/// The optimizer panel of `lineup`; `steps` (the run length) sizes the
/// schedules it offers, and optimizers that need the Hessian are offered
/// only where there is one. Surface races and network training share it.
pub fn show(ui: &mut Ui, lineup: &Lineup, steps: usize, hessian: bool, commands: &mut Vec<RunCommand>) {
    for (i, run) in lineup.runs.iter().enumerate() {
        ui.horizontal(|ui| {
            let label = run.spec.optimizer.label().to_owned();
            let mut enabled = run.enabled;
            let toggle = ui.checkbox(&mut enabled, "").on_hover_text(format!("race {label}"));
            name_widget(&toggle, egui::accesskit::Role::CheckBox, format!("race {label}"));
            if toggle.changed() {
                commands.push(RunCommand::SetEnabled(i, enabled));
            }
            if let Some(color) = color_button(ui, run.color, &label) {
                commands.push(RunCommand::SetColor(i, color));
            }
            if ui.selectable_label(lineup.selected == i, &label).on_hover_text("show its settings").clicked() {
                commands.push(RunCommand::Select(i));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let remove = ui.small_button("×").on_hover_text(format!("remove {label}"));
                name_widget(&remove, egui::accesskit::Role::Button, format!("remove {label}"));
                if remove.clicked() {
                    commands.push(RunCommand::Remove(i));
                }
                let copy = ui.small_button("copy").on_hover_text(format!("duplicate {label}"));
                name_widget(&copy, egui::accesskit::Role::Button, format!("duplicate {label}"));
                if copy.clicked() {
                    commands.push(RunCommand::Duplicate(i));
                }
            });
        });
    }
    let add = ui.button("+ Add optimizer");
    if let Some(info) = picker::popup(&add, "optimizer", None, || families(hessian)) {
        commands.push(RunCommand::Add(info));
    }

    shared_lr(ui, lineup, commands);

    let Some(run) = lineup.runs.get(lineup.selected) else {
        return;
    };
    let i = lineup.selected;
    ui.separator();
    let config = &run.spec.optimizer;
    ui.heading(config.label());
    ui.label(RichText::new(config.info().kind.summary).weak());
    let mut label = config.custom_label().unwrap_or_default().to_owned();
    ui.horizontal(|ui| {
        let name = ui.label("label");
        let response = ui.add(egui::TextEdit::singleline(&mut label).hint_text(config.name())).labelled_by(name.id);
        if response.changed() && !label.contains(',') {
            commands.push(RunCommand::SetLabel(i, label.clone()));
        }
    });
    for (param, value) in config.settings().iter() {
        if param.name == "lr" && lineup.shared_lr.is_some() {
            ui.label(RichText::new("lr: shared (see above)").weak());
            continue;
        }
        if let Some(new) = param_widget(ui, param, value) {
            commands.push(RunCommand::SetParam(i, param.name, new));
        }
    }
    schedule(ui, i, &run.spec.schedule, steps, commands);
    ui.collapsing("Update rule", |ui| {
        for line in config.info().update_rule {
            ui.label(RichText::new(*line).monospace());
        }
    });
}

/// The optimizers a page offers (those that need the Hessian only where
/// there is one), under their families' headings.
fn families(hessian: bool) -> Vec<Group<&'static OptimizerInfo>> {
    let offered = |family| {
        OPTIMIZERS
            .iter()
            .copied()
            .filter(move |info| info.family == family && (hessian || !info.needs_hessian))
            .map(|info| Choice { name: info.kind.name, summary: info.kind.summary, value: info })
    };
    Family::ALL.iter().map(|&family| Group { title: family.title(), choices: offered(family).collect() }).collect()
}

/// Gives a widget whose face is a symbol a spoken name ("remove adam"),
/// for screen readers and UI tests alike.
fn name_widget(response: &egui::Response, role: egui::accesskit::Role, name: String) {
    response.widget_info(|| egui::WidgetInfo::labeled(role, true, &name));
}

fn shared_lr(ui: &mut Ui, lineup: &Lineup, commands: &mut Vec<RunCommand>) {
    let mut shared = lineup.shared_lr.is_some();
    if ui
        .checkbox(&mut shared, "same learning rate for all")
        .on_hover_text("compare like with like: one lr for every optimizer")
        .changed()
    {
        let first = lineup.runs.get(lineup.selected).map_or(0.001, |run| run.spec.optimizer.lr());
        commands.push(RunCommand::SetSharedLr(shared.then_some(first)));
    }
    if let Some(mut lr) = lineup.shared_lr {
        let response = ui.add(egui::Slider::new(&mut lr, 1e-5..=10.0).logarithmic(true).text("shared lr"));
        if response.changed() {
            commands.push(RunCommand::SetSharedLr(Some(lr)));
        }
    }
}

fn schedule(ui: &mut Ui, i: usize, current: &Schedule, total_steps: usize, commands: &mut Vec<RunCommand>) {
    ui.horizontal_wrapped(|ui| {
        ui.label("schedule");
        for info in SCHEDULES {
            let kind = &info.kind;
            if ui.selectable_label(current.name() == kind.name, kind.name).on_hover_text(kind.summary).clicked()
                && current.name() != kind.name
            {
                if let Ok(schedule) = Schedule::for_steps(info, total_steps as u64) {
                    commands.push(RunCommand::SetSchedule(i, schedule));
                }
            }
        }
    });
    let settings = current.settings();
    for (param, value) in settings.iter() {
        if let Some(new) = param_widget(ui, param, value) {
            let mut changed = settings.clone();
            if changed.set(param.name, new).is_ok() {
                if let Ok(schedule) = Schedule::from_settings(&changed) {
                    commands.push(RunCommand::SetSchedule(i, schedule));
                }
            }
        }
    }
}
