//! The neurons of a two-feature network, TF Playground's signature view:
//! every hidden unit's output over the plane as a small heat map, layer by
//! layer, for the run the user picks; recomputed only when training moved.

use eframe::egui::{self, Color32, ColorImage, Pos2, Rect, RichText, Sense, Stroke, TextureHandle, TextureOptions, Ui};
use optiviz::nn::boundary::data_window;
use optiviz::nn::neurons::NeuronMaps;
use optiviz::plot::colormap::diverging;

use super::boundary::map_background;
use super::command::NetworkCommand;
use super::state::NetworkState;

/// Cells per side of a unit's map.
pub(super) const MAP_CELLS: usize = 32;

/// The most maps drawn of one layer: the first units'.
pub(super) const MAX_MAPS: usize = 64;

/// Most maps side by side in a row.
const MAPS_PER_ROW: usize = 8;

/// The chosen run's maps and their textures, layer by layer.
pub struct NeuronImages {
    /// Training generation, epoch, dark theme and run the maps show.
    key: Option<(u64, usize, bool, usize)>,
    /// The values the textures were drawn from.
    pub(super) maps: Option<NeuronMaps>,
    textures: Vec<Vec<TextureHandle>>,
}

impl NeuronImages {
    /// An empty cache.
    pub fn new() -> NeuronImages {
        NeuronImages { key: None, maps: None, textures: Vec::new() }
    }

    /// Draws the run picker, then one row of maps per hidden layer under its label.
    pub fn show(&mut self, ui: &mut Ui, state: &NetworkState, commands: &mut Vec<NetworkCommand>) {
        let runs = state.training.runs();
        let Some(last) = runs.len().checked_sub(1) else {
            ui.label(RichText::new("Add an optimizer to train the network.").weak());
            return;
        };
        let chosen = state.neuron_run.min(last);
        ui.horizontal_wrapped(|ui| {
            ui.label("network of");
            for (i, (run, entry)) in runs.iter().zip(state.lineup.enabled()).enumerate() {
                let [r, g, b] = entry.color;
                let text = RichText::new(run.spec().optimizer.label()).color(Color32::from_rgb(r, g, b)).strong();
                if ui.selectable_label(i == chosen, text).clicked() && i != chosen {
                    commands.push(NetworkCommand::ShowNeuronsOf(i));
                }
            }
        });
        if state.training.problem().mlp.hidden().is_empty() {
            ui.label(RichText::new("This network has no hidden layer: type its widths under Network.").weak());
            return;
        }
        self.update(ui.ctx(), state, chosen);
        let Some(maps) = &self.maps else { return };
        let title =
            format!("{}: hidden units at epoch {}", runs[chosen].spec().optimizer.label(), state.training.epochs());
        ui.heading(title);
        ui.label(
            RichText::new("each unit's output over the plane: orange below 0, blue above; each layer on its own scale")
                .weak(),
        );
        let per_row = maps.layers.iter().map(|layer| layer.kept(MAP_CELLS)).max().unwrap_or(1).clamp(1, MAPS_PER_ROW);
        let gap = ui.spacing().item_spacing.x;
        let side = ((ui.available_width() - gap * per_row as f32) / per_row as f32).clamp(40.0, 120.0);
        let frame = ui.visuals().widgets.noninteractive.bg_stroke.color;
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            for (k, (layer, textures)) in maps.layers.iter().zip(&self.textures).enumerate() {
                let kept = layer.kept(MAP_CELLS);
                let shown = if kept < layer.units { format!(", the first {kept} shown") } else { String::new() };
                ui.label(RichText::new(format!("layer {} · {} units{shown}", k + 1, layer.units)).strong());
                ui.horizontal_wrapped(|ui| {
                    for (unit, texture) in textures.iter().enumerate() {
                        let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), Sense::hover());
                        let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
                        ui.painter().image(texture.id(), rect, uv, Color32::WHITE);
                        ui.painter().rect_stroke(rect, 0.0, Stroke::new(1.0, frame), egui::StrokeKind::Outside);
                        response.on_hover_text(format!("layer {}, unit {}", k + 1, unit + 1));
                    }
                });
                ui.add_space(6.0);
            }
        });
    }

    /// Recomputes the maps when the training, its epoch, the theme or the run changed.
    fn update(&mut self, ctx: &egui::Context, state: &NetworkState, run: usize) {
        let dark = ctx.global_style().visuals.dark_mode;
        let key = (state.generation, state.training.epochs(), dark, run);
        if self.key == Some(key) {
            return;
        }
        let problem = state.training.problem();
        let params = state.training.runs()[run].params();
        let maps = NeuronMaps::compute(&problem.mlp, params, data_window(&problem.dataset), MAP_CELLS, MAX_MAPS);
        let background = map_background(dark);
        self.textures.resize_with(maps.layers.len(), Vec::new);
        for (k, (layer, textures)) in maps.layers.iter().zip(&mut self.textures).enumerate() {
            let kept = layer.kept(MAP_CELLS);
            for unit in 0..kept {
                let pixels = layer
                    .map(unit, MAP_CELLS)
                    .iter()
                    .map(|value| {
                        let [r, g, b] = diverging(layer.shade(*value), background);
                        Color32::from_rgb(r, g, b)
                    })
                    .collect();
                let image = ColorImage::new([MAP_CELLS, MAP_CELLS], pixels);
                match textures.get_mut(unit) {
                    Some(texture) => texture.set(image, TextureOptions::LINEAR),
                    None => {
                        textures.push(ctx.load_texture(format!("neuron {k}.{unit}"), image, TextureOptions::LINEAR))
                    }
                }
            }
            textures.truncate(kept);
        }
        self.maps = Some(maps);
        self.key = Some(key);
    }
}
