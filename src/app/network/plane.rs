//! The middle panel of a classification of points of the plane: a tab row
//! choosing every run's decision boundary or one run's neurons, then the view.

use eframe::egui::Ui;

use super::boundary::BoundaryImages;
use super::command::NetworkCommand;
use super::neurons::NeuronImages;
use super::state::{NetworkState, PlaneView};

/// The tabs and the chosen view.
pub fn show(
    ui: &mut Ui,
    state: &NetworkState,
    boundaries: &mut BoundaryImages,
    neurons: &mut NeuronImages,
    commands: &mut Vec<NetworkCommand>,
) {
    ui.horizontal(|ui| {
        for (view, text, hover) in [
            (PlaneView::Boundaries, "Boundaries", "each optimizer's decision boundary, with the data"),
            (PlaneView::Neurons, "Neurons", "what each hidden unit of one optimizer's network computes over the plane"),
        ] {
            if ui.selectable_label(state.plane_view == view, text).on_hover_text(hover).clicked() {
                commands.push(NetworkCommand::ShowPlaneView(view));
            }
        }
    });
    match state.plane_view {
        PlaneView::Boundaries => boundaries.show(ui, state),
        PlaneView::Neurons => neurons.show(ui, state, commands),
    }
}
