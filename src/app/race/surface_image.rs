//! The surface as a picture ([`LossMap`]): a log-scaled viridis colour map
//! and iso-lines for the window on screen, recomputed only when the surface
//! or the window changes.

use eframe::egui;
use optiviz::plot::contour::Grid;
use optiviz::{Surface, Window};

use crate::app::widgets::loss_map::LossMap;

/// Samples per side of the colour map.
const IMAGE_SIZE: usize = 320;
/// How far the picture reaches beyond the window on each side, as a
/// fraction of its size, so panning and panels of another shape stay covered.
const MARGIN: f64 = 0.5;
/// Samples per side for the iso-lines.
const CONTOUR_SIZE: usize = 200;

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
    /// The colour map and iso-lines.
    pub map: LossMap,
}

impl SurfaceImage {
    /// An empty cache.
    pub fn new() -> SurfaceImage {
        SurfaceImage { key: None, map: LossMap::new("surface") }
    }

    /// The picture of `surface` (named by its spec `name`) over `window`, computed if needed.
    pub fn update(&mut self, ctx: &egui::Context, name: &str, surface: &dyn Surface, window: Window) {
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
            let image = Grid::sample(window, IMAGE_SIZE, IMAGE_SIZE, value);
            let contours = Grid::sample(window, CONTOUR_SIZE, CONTOUR_SIZE, value);
            self.map.set(ctx, &image, &contours);
            self.key = Some(key);
        }
    }
}
