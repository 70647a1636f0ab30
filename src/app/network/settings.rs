//! The Network view's settings: data set, hidden layers, input features,
//! seed, batch, and the optimizer list shared with the surface view.

use eframe::egui::{self, RichText, Ui};
use optiviz::nn::dataset::DATASETS;
use optiviz::nn::{Output, Task};

use super::command::NetworkCommand;
use super::inputs;
use super::model_controls;
use super::state::NetworkState;
use crate::app::widgets::{explanation, optimizers, params::param_widget};

/// The settings panel.
pub fn show(ui: &mut Ui, state: &NetworkState, commands: &mut Vec<NetworkCommand>) {
    let mut push = |command| commands.push(command);
    explanation::show(ui, state.explanation.as_ref());
    ui.heading("Data");
    let current = state.dataset.name();
    ui.horizontal_wrapped(|ui| {
        for info in DATASETS.iter().filter(|info| info.is_generated()) {
            let kind = &info.kind;
            let response = ui.selectable_label(current == kind.name, kind.name).on_hover_text(kind.summary);
            if response.clicked() && current != kind.name {
                // The held-out share carries over to the new data.
                if let Ok(dataset) = state.dataset.with_kind(info) {
                    push(NetworkCommand::SetDataset(dataset));
                }
            }
        }
    });
    if ui.button("CSV file…").on_hover_text("train on your own data: numbers, one row per example").clicked() {
        if let Some(path) = rfd::FileDialog::new().add_filter("CSV", &["csv"]).pick_file() {
            push(NetworkCommand::OpenCsv(path));
        }
    }
    if let Some((path, target)) = state.dataset.csv_source() {
        ui.label(RichText::new(path).weak());
        let mut text = target.to_owned();
        ui.horizontal(|ui| {
            let label = ui.label("target column");
            let field = egui::TextEdit::singleline(&mut text).desired_width(120.0);
            let response =
                ui.add(field).labelled_by(label.id).on_hover_text("a header name, or a 0-based column index");
            if response.lost_focus() && text != target {
                push(NetworkCommand::SetCsvTarget(text.clone()));
            }
        });
    }
    if let Some(error) = &state.data_error {
        ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
        if let Some(regression) = &state.regression_offer {
            if ui.button("Read the target as a number (task=regression)").clicked() {
                push(NetworkCommand::SetDataset(regression.clone()));
            }
        }
        ui.label(RichText::new("Training goes on with the last data that loaded.").weak());
    }
    for (param, value) in state.dataset.settings().iter() {
        if let Some(new) = param_widget(ui, param, value) {
            push(NetworkCommand::SetDatasetParam(param.name, new));
        }
    }
    let data = &state.training.problem().dataset;
    let split = &state.training.problem().split;
    let target = match data.task() {
        Task::Classification => format!("{} classes", data.classes),
        Task::Regression => "a number to predict".to_owned(),
    };
    ui.label(
        RichText::new(format!(
            "{} rows, {} feature{}, {target}; {} train / {} test",
            data.len(),
            data.dim,
            if data.dim == 1 { "" } else { "s" },
            split.train.len(),
            split.test.len()
        ))
        .weak(),
    );
    ui.separator();
    ui.heading("Network");
    let mut text = state.hidden_text.clone();
    ui.horizontal(|ui| {
        let label = ui.label("hidden layers");
        let response = ui
            .add(egui::TextEdit::singleline(&mut text).hint_text("16x16").desired_width(120.0))
            .labelled_by(label.id)
            .on_hover_text("widths of the hidden layers: 64, or 16x16 for two layers");
        if response.changed() {
            push(NetworkCommand::SetHidden(text.clone()));
        }
    });
    if let Some(error) = &state.hidden_error {
        ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
        ui.label(RichText::new("Training goes on with the last network that worked.").weak());
    }
    let mlp = &state.training.problem().mlp;
    if state.training.problem().dataset.dim == 2 {
        inputs::show(ui, mlp.inputs(), &mut push);
    }
    if mlp.classes() == 2 {
        output_choice(ui, mlp.output(), &mut push);
    }
    model_controls::activation_choice(ui, mlp.activation(), &mut push);
    model_controls::penalty_controls(ui, mlp.penalty(), &mut push);
    let sizes: Vec<String> = mlp.sizes().iter().map(usize::to_string).collect();
    let summary = format!(
        "{}: {} parameters, {}, {} output, {}",
        sizes.join("–"),
        mlp.parameter_count(),
        mlp.activation().name(),
        mlp.output().name(),
        mlp.precision().name()
    );
    ui.label(RichText::new(summary).weak());
    let mut seed = state.seed;
    ui.horizontal(|ui| {
        ui.label("seed");
        if ui.add(egui::DragValue::new(&mut seed)).on_hover_text("data, split, starting weights and batches").changed()
        {
            push(NetworkCommand::SetSeed(seed));
        }
    });
    let mut full = state.batch.is_none();
    if ui.checkbox(&mut full, "full batch (one step per epoch)").changed() {
        push(NetworkCommand::SetBatch((!full).then_some(32)));
    }
    if let Some(mut batch) = state.batch {
        if ui.add(egui::Slider::new(&mut batch, 1..=512).logarithmic(true).text("batch size")).changed() {
            push(NetworkCommand::SetBatch(Some(batch)));
        }
    }
    ui.separator();
    ui.heading("Optimizers");
    let mut changes = Vec::new();
    optimizers::show(ui, &state.lineup, state.epochs, false, &mut changes);
    commands.extend(changes.into_iter().map(NetworkCommand::Run));
}

/// The output of a two-class network: one sigmoid unit or a softmax over two.
fn output_choice(ui: &mut Ui, current: Output, push: &mut impl FnMut(NetworkCommand)) {
    ui.horizontal(|ui| {
        ui.label("output");
        for (output, text, hover) in [
            (Output::Sigmoid, "sigmoid", "one unit: the probability of the second class (seed 004's network)"),
            (Output::Softmax, "softmax", "one unit per class, as for more than two classes"),
        ] {
            if ui.selectable_label(current == output, text).on_hover_text(hover).clicked() && current != output {
                push(NetworkCommand::SetOutput(output));
            }
        }
    });
}
