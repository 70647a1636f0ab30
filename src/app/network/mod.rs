//! The Network page: the same optimizers train a small network, live.
//! `state` holds what it shows and `command` changes it; the left panel
//! sets the data, the network and the optimizers; the middle shows what
//! each network has learnt (decision boundaries or one run's neurons for
//! 2-D classes, a grid of test digits for images, fitted curves for a
//! regression) or, on its Landscape tab, the network's loss landscape with
//! the paths; curves and a table sit on the right. Its panels push
//! [`NetworkCommand`]s; the shell wraps them for the app.

mod boundary;
pub mod command;
mod curves;
mod digits;
mod inputs;
mod landscape;
pub mod landscape_job;
pub mod landscape_state;
#[cfg(test)]
mod landscape_tests;
mod model_controls;
#[cfg(test)]
mod model_tests;
mod neurons;
mod regression;
mod settings;
pub mod state;
#[cfg(test)]
mod tests;

use eframe::egui::{self, Ui};
use optiviz::nn::Task;

use boundary::BoundaryImages;
use command::NetworkCommand;
use landscape::LandscapeView;
use neurons::NeuronImages;
use regression::RegressionFits;
use state::{MiddleTab, NetworkState};

/// The Network page's panels' memory between frames.
pub struct NetworkViews {
    boundaries: BoundaryImages,
    regression: RegressionFits,
    landscape: LandscapeView,
    neurons: NeuronImages,
}

impl NetworkViews {
    /// Nothing cached.
    pub fn new() -> NetworkViews {
        NetworkViews {
            boundaries: BoundaryImages::new(),
            regression: RegressionFits::new(),
            landscape: LandscapeView::new(),
            neurons: NeuronImages::new(),
        }
    }
}

/// The transport bar of the Network page: play/pause, one epoch, reset,
/// speed and length.
pub fn controls(ui: &mut Ui, state: &NetworkState, commands: &mut Vec<NetworkCommand>) {
    let mut push = |command| commands.push(command);
    let play = if state.playing { "Pause" } else { "Play" };
    if ui.button(play).on_hover_text("Space").clicked() {
        push(NetworkCommand::TogglePlay);
    }
    if ui.button("Step").on_hover_text("one epoch (→)").clicked() {
        push(NetworkCommand::Step);
    }
    if ui.button("Reset").on_hover_text("back to the starting weights (R)").clicked() {
        push(NetworkCommand::Reset);
    }
    ui.separator();
    let mut speed = state.epochs_per_frame;
    let slider = egui::Slider::new(&mut speed, 1..=100).logarithmic(true).text("epochs/frame");
    if ui.add(slider).on_hover_text("at most; fewer when an epoch is slow, so the view stays smooth").changed() {
        push(NetworkCommand::SetSpeed(speed));
    }
    let mut total = state.epochs;
    if ui.add(egui::Slider::new(&mut total, 10..=5000).logarithmic(true).text("epochs")).changed() {
        push(NetworkCommand::SetEpochs(total));
    }
    ui.separator();
    ui.label(format!("epoch {} / {}", state.training.epochs(), state.epochs));
}

/// The settings panel: data, network, optimizers.
pub fn settings(ui: &mut Ui, state: &NetworkState, commands: &mut Vec<NetworkCommand>) {
    settings::show(ui, state, commands);
}

/// The curves and the table.
pub fn curves(ui: &mut Ui, state: &NetworkState, presentation: bool) {
    curves::show(ui, state, presentation);
}

/// The middle panel: a row of tabs (what the networks learnt, their
/// neurons for two-feature classes, the landscape), then the tab shown.
pub fn central(ui: &mut Ui, state: &NetworkState, views: &mut NetworkViews, commands: &mut Vec<NetworkCommand>) {
    let data = &state.training.problem().dataset;
    let plane_classes = data.task() == Task::Classification && data.dim == 2;
    let model = match (data.task(), data.dim) {
        (Task::Regression, 1) => ("Fit", "each optimizer's fitted curve over the data"),
        (Task::Regression, _) => ("Predictions", "each optimizer's predictions against the test targets"),
        (Task::Classification, 2) => ("Boundaries", "each optimizer's decision boundary, with the data"),
        (Task::Classification, _) => ("Test digits", "the test examples with each network's answers"),
    };
    let neurons = ("Neurons", "what each hidden unit of one optimizer's network computes over the plane");
    let landscape = ("Landscape", "the training loss around the paths, on a plane through weight space");
    let shown = if state.tab == MiddleTab::Neurons && !plane_classes { MiddleTab::Model } else { state.tab };
    ui.horizontal(|ui| {
        let tabs = [(MiddleTab::Model, model), (MiddleTab::Neurons, neurons), (MiddleTab::Landscape, landscape)];
        for (tab, (text, hover)) in tabs.into_iter().filter(|(tab, _)| *tab != MiddleTab::Neurons || plane_classes) {
            if ui.selectable_label(shown == tab, text).on_hover_text(hover).clicked() {
                commands.push(NetworkCommand::ShowTab(tab));
            }
        }
    });
    ui.separator();
    match shown {
        MiddleTab::Model => model_view(ui, state, views, commands),
        MiddleTab::Neurons => views.neurons.show(ui, state, commands),
        MiddleTab::Landscape => views.landscape.show(ui, state, commands),
    }
}

/// What the networks have learnt: decision boundaries for two features
/// and classes, a grid of test digits for other classes, fitted curves or
/// predictions for a regression.
fn model_view(ui: &mut Ui, state: &NetworkState, views: &mut NetworkViews, commands: &mut Vec<NetworkCommand>) {
    let data = &state.training.problem().dataset;
    match (data.task(), data.dim) {
        (Task::Regression, _) => views.regression.show(ui, state),
        (Task::Classification, 2) => views.boundaries.show(ui, state),
        (Task::Classification, _) => digits::show(ui, state, commands),
    }
}
