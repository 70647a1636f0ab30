//! The surface as a picture: a log-scaled viridis colour map and iso-lines
//! for the window on screen, recomputed only when the surface or the window
//! changes.

use eframe::egui::{self, Color32, ColorImage, TextureHandle, TextureOptions};
use optiviz::plot::colormap::Colormap;
use optiviz::plot::contour::{auto_levels, iso_lines, Grid};
use optiviz::plot::mesh3d::LogHeight;
use optiviz::{Surface, Window};

/// Samples per side of the colour map.
const IMAGE_SIZE: usize = 320;
/// How far the picture reaches beyond the window on each side, as a
/// fraction of its size, so panning and panels of another shape stay covered.
const MARGIN: f64 = 0.5;
/// Samples per side for the iso-lines.
const CONTOUR_SIZE: usize = 200;
/// Number of iso-lines.
const LEVELS: usize = 14;

/// What a cached picture or mesh was made from: the surface's spec and the
/// window's bounds, bit for bit.
pub type CacheKey = (String, [u64; 4]);

/// The key for the surface named by its spec `name` over `window`.
pub fn cache_key(name: &str, window: Window) -> CacheKey {
    (name.to_owned(), [window.x_min, window.x_max, window.y_min, window.y_max].map(f64::to_bits))
}

/// The cached picture of one surface over one window.
pub struct SurfaceImage {
    key: Option<CacheKey>,
    texture: Option<TextureHandle>,
    /// The window the picture covers.
    pub window: Option<Window>,
    /// Iso-lines as polylines in plane coordinates.
    pub lines: Vec<Vec<[f64; 2]>>,
}

impl SurfaceImage {
    /// An empty cache.
    pub fn new() -> SurfaceImage {
        SurfaceImage { key: None, texture: None, window: None, lines: Vec::new() }
    }

    /// The texture for `surface` (named by its spec `name`) over `window`, computed if needed.
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        name: &str,
        surface: &dyn Surface,
        window: Window,
    ) -> Option<&TextureHandle> {
        let key = cache_key(name, window);
        if self.key.as_ref() != Some(&key) {
            let value = |x: f64, y: f64| surface.value([x, y]);
            let [w, h] = window.size();
            let window = Window::new(
                window.x_min - MARGIN * w,
                window.x_max + MARGIN * w,
                window.y_min - MARGIN * h,
                window.y_max + MARGIN * h,
            );
            let grid = Grid::sample(window, IMAGE_SIZE, IMAGE_SIZE, value);
            let image = colour_map(&grid);
            match &mut self.texture {
                Some(texture) => texture.set(image, TextureOptions::LINEAR),
                None => self.texture = Some(ctx.load_texture("surface", image, TextureOptions::LINEAR)),
            }
            let grid = Grid::sample(window, CONTOUR_SIZE, CONTOUR_SIZE, value);
            let levels = auto_levels(&grid, LEVELS);
            self.lines = iso_lines(&grid, &levels).into_iter().flat_map(|iso| iso.lines).collect();
            self.window = Some(window);
            self.key = Some(key);
        }
        self.texture.as_ref()
    }
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
