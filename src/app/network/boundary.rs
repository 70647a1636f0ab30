//! Decision boundaries of a two-feature data set: one map per run, small
//! multiples, with the data on top; recomputed only when training moved.

use eframe::egui::{self, Color32, ColorImage, Mesh, Pos2, Rect, RichText, Stroke, TextureHandle, TextureOptions, Ui};
use optiviz::nn::boundary::{class_color, data_window, BoundaryMap};
use optiviz::nn::Score;
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};

use super::state::NetworkState;

/// Cells per side of a decision-boundary map.
const MAP_SIZE: usize = 64;

/// The cached maps, one texture per run.
pub struct BoundaryImages {
    key: Option<(u64, usize, bool)>,
    textures: Vec<TextureHandle>,
}

impl BoundaryImages {
    /// An empty cache.
    pub fn new() -> BoundaryImages {
        BoundaryImages { key: None, textures: Vec::new() }
    }

    /// Draws one panel per run: its map, the data, its name and test accuracy.
    pub fn show(&mut self, ui: &mut Ui, state: &NetworkState) {
        let problem = state.training.problem();
        let window = data_window(&problem.dataset);
        self.update(ui.ctx(), state);
        let runs: Vec<_> = state.training.runs().iter().zip(state.lineup.enabled()).collect();
        let count = runs.len().max(1);
        let columns = (count as f64).sqrt().ceil() as usize;
        let rows = count.div_ceil(columns);
        let area = ui.available_rect_before_wrap();
        let cell = egui::vec2(area.width() / columns as f32, area.height() / rows as f32);
        let painter = ui.painter_at(area);
        let outline = Color32::from_black_alpha(210);
        let text_color = ui.visuals().strong_text_color();
        for (i, ((run, entry), texture)) in runs.iter().zip(&self.textures).enumerate() {
            let origin = area.min + egui::vec2((i % columns) as f32 * cell.x, (i / columns) as f32 * cell.y);
            let title_height = 26.0;
            let side = (cell.x - 12.0).min(cell.y - title_height - 12.0).max(10.0);
            let map =
                Rect::from_min_size(origin + egui::vec2((cell.x - side) / 2.0, title_height), egui::vec2(side, side));
            painter.image(texture.id(), map, Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0)), Color32::WHITE);
            let [w, h] = window.size();
            let to_screen = |x: f64, y: f64| {
                Pos2::new(
                    map.min.x + ((x - window.x_min) / w) as f32 * side,
                    map.max.y - ((y - window.y_min) / h) as f32 * side,
                )
            };
            let radius = (side / 130.0).clamp(2.0, 4.0);
            let mut dots = Mesh::default();
            for (point, &label) in problem.dataset.features.chunks_exact(2).zip(&problem.dataset.labels) {
                let [r, g, b] = class_color(label);
                let centre = to_screen(point[0], point[1]);
                add_disc(&mut dots, centre, radius + 0.8, outline);
                add_disc(&mut dots, centre, radius, Color32::from_rgb(r, g, b));
            }
            painter.add(dots);
            let [r, g, b] = entry.color;
            painter.rect_stroke(map, 0.0, Stroke::new(2.0, Color32::from_rgb(r, g, b)), egui::StrokeKind::Outside);
            let accuracy = run.history().test_score.last().copied().unwrap_or(f64::NAN);
            let title = format!("{}: {} test accuracy", run.spec().optimizer.label(), Score::Accuracy.show(accuracy));
            let font = egui::TextStyle::Heading.resolve(ui.style());
            painter.text(Pos2::new(map.center().x, origin.y + 2.0), egui::Align2::CENTER_TOP, title, font, text_color);
        }
        ui.allocate_rect(area, egui::Sense::hover());
        if runs.is_empty() {
            ui.label(RichText::new("Add an optimizer to train the network.").weak());
        }
    }

    /// Recomputes the maps when the training, its epoch or the theme changed.
    fn update(&mut self, ctx: &egui::Context, state: &NetworkState) {
        let dark = ctx.global_style().visuals.dark_mode;
        let key = (state.generation, state.training.epochs(), dark);
        if self.key == Some(key) && self.textures.len() == state.training.runs().len() {
            return;
        }
        let problem = state.training.problem();
        let window = data_window(&problem.dataset);
        let background = map_background(dark);
        let classes = problem.dataset.classes;
        // One map per run, computed on all cores.
        let params: Vec<&[f64]> = state.training.runs().iter().map(|run| run.params()).collect();
        let maps: Vec<BoundaryMap> = params
            .par_iter()
            .map(|params| BoundaryMap::compute(&problem.mlp, params, window, MAP_SIZE, MAP_SIZE))
            .collect();
        for (i, map) in maps.iter().enumerate() {
            let pixels = (0..MAP_SIZE * MAP_SIZE)
                .map(|cell| {
                    let [r, g, b] = map.color(cell, classes, background);
                    Color32::from_rgb(r, g, b)
                })
                .collect();
            let image = ColorImage::new([MAP_SIZE, MAP_SIZE], pixels);
            match self.textures.get_mut(i) {
                Some(texture) => texture.set(image, TextureOptions::LINEAR),
                None => self.textures.push(ctx.load_texture(format!("boundary {i}"), image, TextureOptions::LINEAR)),
            }
        }
        self.textures.truncate(state.training.runs().len());
        self.key = Some(key);
    }
}

/// The colour a map fades to where it says nothing: the panel's, dark or light.
pub(super) fn map_background(dark: bool) -> [u8; 3] {
    if dark {
        [27, 27, 27]
    } else {
        [255, 255, 255]
    }
}

/// Corners of the polygon a data point is drawn as.
const DISC_CORNERS: usize = 10;

/// Adds a filled disc to `mesh`: one fan of triangles, cheaper to draw by
/// the thousand than egui's anti-aliased circles.
fn add_disc(mesh: &mut Mesh, centre: Pos2, radius: f32, color: Color32) {
    let first = mesh.vertices.len() as u32;
    mesh.colored_vertex(centre, color);
    for k in 0..DISC_CORNERS {
        let angle = std::f32::consts::TAU * k as f32 / DISC_CORNERS as f32;
        mesh.colored_vertex(centre + radius * egui::vec2(angle.cos(), angle.sin()), color);
    }
    for k in 0..DISC_CORNERS as u32 {
        mesh.add_triangle(first, first + 1 + k, first + 1 + (k + 1) % DISC_CORNERS as u32);
    }
}
