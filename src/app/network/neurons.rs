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

/// The largest and smallest side of a map, in points.
const MAP_SIDES: [f32; 2] = [140.0, 40.0];

/// Height of the formula under an input feature's map.
const CAPTION_HEIGHT: f32 = 18.0;

/// The chosen run's maps and their textures: the inputs', then layer by layer.
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
        self.update(ui.ctx(), state, chosen);
        let Some(maps) = &self.maps else { return };
        let title =
            format!("{}: hidden units at epoch {}", runs[chosen].spec().optimizer.label(), state.training.epochs());
        ui.heading(title);
        ui.label(
            RichText::new(
                "each map: a unit's output over the plane, orange below 0, blue above; \
                 each hidden layer shaded on one scale, each input on its own",
            )
            .weak(),
        );
        let features: Vec<&str> = state.training.problem().mlp.inputs().iter().map(|f| f.formula()).collect();
        let mut rows = vec![("inputs".to_owned(), &maps.inputs, Some(features))];
        for (k, layer) in maps.layers.iter().enumerate() {
            let kept = layer.kept(MAP_CELLS);
            let shown = if kept < layer.units { format!(", the first {kept} shown") } else { String::new() };
            rows.push((format!("layer {} · {} units{shown}", k + 1, layer.units), layer, None));
        }
        let counts: Vec<usize> = rows.iter().map(|(_, layer, _)| layer.kept(MAP_CELLS)).collect();
        let spacing = ui.spacing().item_spacing;
        let label_height = ui.text_style_height(&egui::TextStyle::Body) + spacing.y;
        let space = ui.available_size() - egui::vec2(0.0, label_height * rows.len() as f32 + CAPTION_HEIGHT);
        let (per_row, side) = map_grid(&counts, space, spacing.x);
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            for ((title, layer, captions), textures) in rows.iter().zip(&self.textures) {
                ui.label(RichText::new(title).strong());
                for (line, maps) in textures.chunks(per_row).enumerate() {
                    ui.horizontal(|ui| {
                        for (unit, texture) in maps.iter().enumerate().map(|(i, t)| (line * per_row + i, t)) {
                            let caption = captions.as_ref().map(|names| names[unit]);
                            let name = caption.map_or_else(|| format!("unit {}", unit + 1), str::to_owned);
                            let range = layer.scales[unit];
                            let hover = format!("{name}: shaded from −{range:.2} to {range:.2}");
                            map_tile(ui, texture, side, caption, &hover);
                        }
                    });
                }
                ui.add_space(spacing.y);
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
        let layers = std::iter::once(&maps.inputs).chain(&maps.layers);
        self.textures.resize_with(maps.layers.len() + 1, Vec::new);
        for (k, (layer, textures)) in layers.zip(&mut self.textures).enumerate() {
            let kept = layer.kept(MAP_CELLS);
            for unit in 0..kept {
                let pixels = layer
                    .map(unit, MAP_CELLS)
                    .iter()
                    .map(|value| {
                        let [r, g, b] = diverging(layer.shade(unit, *value), background);
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

/// Draws one map, `side` points square in a thin frame, with `caption`
/// under it if any, and `hover` as its tooltip.
fn map_tile(ui: &mut Ui, texture: &TextureHandle, side: f32, caption: Option<&str>, hover: &str) {
    let height = side + caption.map_or(0.0, |_| CAPTION_HEIGHT);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, height), Sense::hover());
    let map = Rect::from_min_size(rect.min, egui::vec2(side, side));
    let painter = ui.painter();
    painter.image(texture.id(), map, Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)), Color32::WHITE);
    let frame = ui.visuals().widgets.noninteractive.bg_stroke.color;
    painter.rect_stroke(map, 0.0, Stroke::new(1.0, frame), egui::StrokeKind::Outside);
    if let Some(caption) = caption {
        let font = egui::TextStyle::Body.resolve(ui.style());
        let at = Pos2::new(map.center().x, map.max.y + 2.0);
        painter.text(at, egui::Align2::CENTER_TOP, caption, font, ui.visuals().text_color());
    }
    response.on_hover_text(hover);
}

/// How many maps go side by side and their side, for rows of `counts`
/// maps `gap` apart to fill `space` best: the largest side (at most
/// [`MAP_SIDES`]) at which every row, cut into lines of that many maps,
/// fits, the fewest maps to a line among equals; at least the smallest side,
/// to scroll.
fn map_grid(counts: &[usize], space: egui::Vec2, gap: f32) -> (usize, f32) {
    let widest = counts.iter().copied().max().unwrap_or(1).clamp(1, MAPS_PER_ROW);
    let [largest, smallest] = MAP_SIDES;
    let side = |per_row: usize| {
        let lines: usize = counts.iter().map(|count| count.div_ceil(per_row)).sum();
        let across = (space.x - gap * per_row as f32) / per_row as f32;
        let down = space.y / lines.max(1) as f32 - gap;
        across.min(down).min(largest)
    };
    let (per_row, best) =
        (1..=widest).map(|per_row| (per_row, side(per_row))).fold((widest, f32::MIN), |best, next| {
            if next.1 > best.1 {
                next
            } else {
                best
            }
        });
    (per_row, best.max(smallest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_grow_as_large_as_the_panel_holds() {
        // Seven inputs and two layers of 8 in 600 × 1000: four to a line, as large as allowed.
        assert_eq!(map_grid(&[7, 8, 8], egui::vec2(600.0, 1000.0), 8.0), (4, 140.0));
        // In 600 × 672, six lines of 4 at 112 − 8 (five to a line would be no larger).
        assert_eq!(map_grid(&[7, 8, 8], egui::vec2(600.0, 672.0), 8.0), (4, 104.0));
        // Too little height for two lines a layer: eight to a line.
        assert_eq!(map_grid(&[7, 8, 8], egui::vec2(600.0, 250.0), 8.0), (8, (600.0 - 64.0) / 8.0));
        // Layers of 64 cannot fit: the smallest maps, to scroll.
        assert_eq!(map_grid(&[7, 64, 64], egui::vec2(600.0, 300.0), 8.0).1, MAP_SIDES[1]);
    }
}
