//! The test digits as the selected run's network reads them: each 8×8
//! image with its predicted label, the misclassified ones marked.

use eframe::egui::{self, Color32, Pos2, Rect, RichText, Stroke, Ui};
use std::sync::OnceLock;

use optiviz::nn::mlp::argmax;
use optiviz::nn::{dataset, Dataset, Workspace};

use super::command::NetworkCommand;
use super::state::NetworkState;
use crate::app::lineup::RunCommand;

/// Most test images shown at once.
const MAX_IMAGES: usize = 120;

/// The digit grid, with a chooser of the run whose predictions it shows.
pub fn show(ui: &mut Ui, state: &NetworkState, commands: &mut Vec<NetworkCommand>) {
    let problem = state.training.problem();
    let data = &problem.dataset;
    let side = (data.dim as f64).sqrt().round() as usize;
    if side * side != data.dim || data.dim == 0 {
        ui.label(RichText::new(format!("{} features: no picture to draw; see the curves.", data.dim)).weak());
        return;
    }
    // The selected run when it trains, else the first that does.
    let enabled: Vec<usize> = state.lineup.runs.iter().enumerate().filter(|(_, r)| r.enabled).map(|(i, _)| i).collect();
    let place = enabled.iter().position(|&i| i == state.lineup.selected).unwrap_or(0);
    let Some(run) = state.training.runs().get(place) else {
        ui.label(RichText::new("Add an optimizer to train the network.").weak());
        return;
    };
    ui.horizontal(|ui| {
        ui.label("predictions of");
        for (p, &i) in enabled.iter().enumerate() {
            let label = state.lineup.runs[i].spec.optimizer.label();
            if ui.selectable_label(p == place, label).clicked() {
                commands.push(NetworkCommand::Run(RunCommand::Select(i)));
            }
        }
        let mut mistakes = state.mistakes_only;
        if ui.checkbox(&mut mistakes, "mistakes only").changed() {
            commands.push(NetworkCommand::SetMistakesOnly(mistakes));
        }
    });
    let rows = &problem.split.test;
    let mut workspace = Workspace::default();
    let probabilities = problem.mlp.predict(run.params(), data, rows, &mut workspace);
    let predicted: Vec<usize> = probabilities.chunks_exact(data.classes).map(argmax).collect();
    let wrong = rows.iter().zip(&predicted).filter(|(&row, &p)| data.labels[row] != p).count();
    ui.label(format!(
        "epoch {}: {wrong} of {} test digits misread ({:.1} % correct)",
        state.training.epochs(),
        rows.len(),
        100.0 * (1.0 - wrong as f64 / rows.len().max(1) as f64)
    ));
    let shown: Vec<(usize, usize)> = rows
        .iter()
        .copied()
        .zip(predicted)
        .filter(|(row, p)| !state.mistakes_only || data.labels[*row] != *p)
        .take(MAX_IMAGES)
        .collect();
    // The shipped digits are drawn from their raw pixels; another square
    // data set from its (standardised) features.
    static DIGITS: OnceLock<Dataset> = OnceLock::new();
    let pixels =
        if *state.dataset.info() == *dataset::DIGITS { DIGITS.get_or_init(dataset::digit_pixels) } else { data };
    let area = ui.available_rect_before_wrap();
    let tile = 64.0_f32.max(area.width() / 14.0).min(96.0);
    let columns = ((area.width() / tile).floor() as usize).max(1);
    let painter = ui.painter_at(area);
    let error = ui.visuals().error_fg_color;
    let text = ui.visuals().strong_text_color();
    for (k, (row, guess)) in shown.iter().enumerate() {
        let origin = area.min + egui::vec2((k % columns) as f32 * tile, (k / columns) as f32 * tile);
        if origin.y + tile > area.max.y {
            break;
        }
        let image = Rect::from_min_size(origin + egui::vec2(6.0, 4.0), egui::vec2(tile - 12.0, tile - 24.0));
        draw_digit(&painter, image, pixels.row(*row), side);
        let truth = data.labels[*row];
        let (label, color) =
            if truth == *guess { (guess.to_string(), text) } else { (format!("{guess} (is {truth})"), error) };
        if truth != *guess {
            painter.rect_stroke(image.expand(2.0), 0.0, Stroke::new(2.0, error), egui::StrokeKind::Outside);
        }
        painter.text(
            Pos2::new(image.center().x, image.max.y + 2.0),
            egui::Align2::CENTER_TOP,
            label,
            egui::FontId::proportional(14.0),
            color,
        );
    }
    ui.allocate_rect(area, egui::Sense::hover());
}

/// Paints one image, ink dark on light, its values stretched to its own range.
fn draw_digit(painter: &egui::Painter, rect: Rect, pixels: &[f64], side: usize) {
    let (lo, hi) = pixels.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let span = (hi - lo).max(1e-12);
    let size = rect.width().min(rect.height()) / side as f32;
    let corner = Pos2::new(rect.center().x - size * side as f32 / 2.0, rect.min.y);
    for (i, v) in pixels.iter().enumerate() {
        let shade = (255.0 * (1.0 - (v - lo) / span)).round() as u8;
        let cell = Rect::from_min_size(
            corner + egui::vec2((i % side) as f32 * size, (i / side) as f32 * size),
            egui::vec2(size + 0.5, size + 0.5),
        );
        painter.rect_filled(cell, 0.0, Color32::from_gray(shade));
    }
}
