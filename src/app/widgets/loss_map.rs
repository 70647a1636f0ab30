//! A loss sampled on a grid as the picture under a 2-D plot: a log-scaled
//! viridis colour map and iso-lines. The race view draws its surface with
//! it, the Network view the loss landscape of its network.

use eframe::egui::{self, Color32, ColorImage, TextureHandle, TextureOptions};
use egui_plot::{Line, PlotImage, PlotPoint, PlotPoints, PlotUi};
use optiviz::plot::colormap::Colormap;
use optiviz::plot::contour::{auto_levels, iso_lines, Grid};
use optiviz::plot::mesh3d::LogHeight;
use optiviz::Window;

/// Number of iso-lines.
const LEVELS: usize = 14;

/// A colour map's texture and the iso-lines drawn over it.
pub struct LossMap {
    name: &'static str,
    texture: Option<TextureHandle>,
    /// The window the colour map covers: its grid's, widened by half a
    /// cell on each side so that every sample's cell is centred on it.
    window: Option<Window>,
    /// Iso-lines as polylines in plane coordinates.
    lines: Vec<Vec<[f64; 2]>>,
}

impl LossMap {
    /// Nothing to draw yet; `name` names the texture.
    pub fn new(name: &'static str) -> LossMap {
        LossMap { name, texture: None, window: None, lines: Vec::new() }
    }

    /// Colours the samples of `image` and traces the iso-lines of `contours`
    /// (the same loss, perhaps sampled more finely or over less).
    pub fn set(&mut self, ctx: &egui::Context, image: &Grid, contours: &Grid) {
        let colours = colour_map(image);
        match &mut self.texture {
            Some(texture) => texture.set(colours, TextureOptions::LINEAR),
            None => self.texture = Some(ctx.load_texture(self.name, colours, TextureOptions::LINEAR)),
        }
        self.window = Some(cell_window(image));
        let levels = auto_levels(contours, LEVELS);
        self.lines = iso_lines(contours, &levels).into_iter().flat_map(|iso| iso.lines).collect();
    }

    /// Draws the colour map, then the iso-lines, on `plot_ui`.
    pub fn draw(&self, plot_ui: &mut PlotUi<'_>) {
        if let (Some(texture), Some(w)) = (&self.texture, self.window) {
            let center = PlotPoint::new((w.x_min + w.x_max) / 2.0, (w.y_min + w.y_max) / 2.0);
            let [width, height] = w.size();
            plot_ui.image(PlotImage::new("", texture.id(), center, egui::vec2(width as f32, height as f32)));
        }
        let contour = Color32::from_white_alpha(70);
        for line in &self.lines {
            plot_ui.line(Line::new("", PlotPoints::from(line.clone())).color(contour).width(1.0).allow_hover(false));
        }
    }
}

/// The window of `grid`'s cells: its own, half a sample spacing wider on each side.
fn cell_window(grid: &Grid) -> Window {
    let w = grid.window;
    let [width, height] = w.size();
    let half = |size: f64, samples: usize| size / (2 * samples.max(2) - 2) as f64;
    let (dx, dy) = (half(width, grid.nx), half(height, grid.ny));
    Window::new(w.x_min - dx, w.x_max + dx, w.y_min - dy, w.y_max + dy)
}

/// Colours each sample by its log height (see [`LogHeight`]) over the grid.
fn colour_map(grid: &Grid) -> ColorImage {
    let scale = LogHeight::of_grid(grid);
    let mut pixels = Vec::with_capacity(grid.nx * grid.ny);
    // Image rows run top-down; grid rows bottom-up.
    for j in (0..grid.ny).rev() {
        for i in 0..grid.nx {
            let v = grid.values[j * grid.nx + i];
            let [r, g, b] = if v.is_finite() { Colormap::Viridis.rgb(scale.height(v)) } else { [40, 40, 40] };
            pixels.push(Color32::from_rgb(r, g, b));
        }
    }
    ColorImage::new([grid.nx, grid.ny], pixels)
}
