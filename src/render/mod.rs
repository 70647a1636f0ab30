//! Figures of a race, drawn with plotters: the paths on the colour-mapped
//! surface ([`render_race`]) and the loss curves ([`render_losses`]).
//!
//! The drawing functions are generic over plotters' `DrawingBackend`, so the
//! same code makes PNG files, SVG files and in-memory buffers. Text uses
//! DejaVu Sans, embedded in the binary, so figures look the same on a machine
//! without fonts. Sizes follow the figure's height (the base font is a
//! fortieth of it) so that a projected figure reads from the back of a room.
//!
//! [`export_png`] and [`export_svg`] write two files for a scene: given
//! `out/fig.png` they write `out/fig_race.png` and `out/fig_loss.png`;
//! [`export_gif`] writes the race as an animation, `out/fig_race.gif`;
//! [`export_landscape`] a network's loss landscape with its paths.

mod animation;
mod landscape;
mod losses;
mod network;
mod race;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plotters::chart::MeshStyle;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};

pub use animation::{export_gif, GIF_FRAMES};
pub use landscape::{export_landscape, render_landscape};
pub use losses::render_losses;
pub use network::{export_network, render_boundaries, render_training, ImageFormat};
pub use race::{render_race, render_race_with, MapDetail};

use crate::engine::race::Simulation;
use crate::plot::colormap::path_color;
use crate::scene::{Layout, Scene};
use crate::util::atomic::{write_all_atomically, WriteError};
use crate::util::number::shortest;

/// DejaVu Sans (Bitstream Vera licence, see `assets/fonts/LICENSE-DejaVu.txt`).
static FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The font family every figure uses; the embedded font is registered under it.
const FAMILY: &str = "sans-serif";

/// Smallest and largest width or height of an exported image, in pixels.
pub const SIZE_RANGE: std::ops::RangeInclusive<u32> = 100..=8000;

/// PNGs up to this many pixels are drawn at twice the size and scaled down,
/// which smooths lines and edges.
const SUPERSAMPLE_MAX_PIXELS: u64 = 4_000_000;

/// A figure that could not be drawn or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The embedded font did not load.
    #[error("the embedded font could not be loaded")]
    Font,
    /// Width or height outside [`SIZE_RANGE`].
    #[error("image size {width}x{height} is out of range (each side 100 to 8000 pixels)")]
    Size {
        /// Requested width.
        width: u32,
        /// Requested height.
        height: u32,
    },
    /// An output path without a file name, or with only an extension (`.png`).
    #[error("'{}' does not name a file: give a name, as in figures/fig.png, or a directory, as in figures/", .0.display())]
    NotAFile(PathBuf),
    /// plotters failed.
    #[error("drawing failed: {0}")]
    Draw(String),
    /// The PNG or GIF encoder failed.
    #[error("encoding failed: {0}")]
    Encode(String),
    /// A file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The output file.
        path: PathBuf,
        /// The operating system's reason.
        source: io::Error,
    },
}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for RenderError {
    fn from(error: DrawingAreaErrorKind<E>) -> RenderError {
        RenderError::Draw(error.to_string())
    }
}

/// Registers the embedded font once for the whole process.
fn ensure_font() -> Result<(), RenderError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| register_font(FAMILY, FontStyle::Normal, FONT).is_ok());
    if ok {
        Ok(())
    } else {
        Err(RenderError::Font)
    }
}

/// Text and line sizes of a figure, derived from its height.
#[derive(Clone, Copy, Debug)]
struct Sizes {
    /// The base font size in pixels (a fortieth of the figure's height).
    base: u32,
}

impl Sizes {
    /// Sizes for a figure drawn on `area`; registers the font.
    fn of<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> Result<Sizes, RenderError> {
        ensure_font()?;
        let (width, height) = area.dim_in_pixel();
        Ok(Sizes { base: (height.min(width * 3 / 4) / 40).max(10) })
    }

    /// `factor` times the base size, at least 1 pixel.
    fn scaled(self, factor: f64) -> u32 {
        ((f64::from(self.base) * factor).round() as u32).max(1)
    }

    fn title(self) -> TextStyle<'static> {
        (FAMILY, self.scaled(1.2)).into_font().into()
    }

    fn label(self) -> TextStyle<'static> {
        (FAMILY, self.base).into_font().into()
    }

    fn tick(self) -> TextStyle<'static> {
        (FAMILY, self.scaled(0.8)).into_font().into()
    }

    /// Width of a path's stroke.
    fn line(self) -> u32 {
        self.scaled(0.12)
    }

    /// Width of the white outline under a path: a little wider than the path.
    fn halo(self) -> u32 {
        self.line() + 2 * self.scaled(0.05)
    }
}

/// One enabled run as figures show it.
#[derive(Clone)]
struct RunView<'a> {
    label: &'a str,
    color: RGBColor,
    points: &'a [[f64; 2]],
    losses: &'a [f64],
    diverged_at: Option<usize>,
}

impl<'a> RunView<'a> {
    /// The run as it was after `step` steps.
    fn until(&self, step: usize) -> RunView<'a> {
        let end = self.points.len().min(step.saturating_add(1));
        RunView {
            points: &self.points[..end],
            losses: &self.losses[..self.losses.len().min(end)],
            diverged_at: self.diverged_at.filter(|&at| at <= step),
            ..self.clone()
        }
    }

    /// Steps the run has taken.
    fn steps(&self) -> usize {
        self.points.len().saturating_sub(1)
    }

    /// "diverged at step k" or the final loss, for titles and legends.
    fn outcome(&self) -> String {
        match (self.diverged_at, self.losses.last()) {
            (Some(step), _) => format!("diverged at step {step}"),
            (None, Some(loss)) => format!("f = {loss:.2e}"),
            (None, None) => String::new(),
        }
    }
}

/// The enabled runs of `scene` with their simulated trajectories and colours
/// (a run without a colour takes the palette colour of its place in the file).
fn run_views<'a>(scene: &'a Scene, sim: &'a Simulation) -> Vec<RunView<'a>> {
    scene
        .enabled_runs()
        .zip(sim.runs())
        .map(|((place, scene_run), run)| {
            let [r, g, b] = scene_run.color.unwrap_or(path_color(place));
            let trajectory = run.trajectory();
            RunView {
                label: run.spec().optimizer.label(),
                color: RGBColor(r, g, b),
                points: &trajectory.points,
                losses: &trajectory.losses,
                diverged_at: run.diverged().map(|(step, _)| step),
            }
        })
        .collect()
}

/// The axes of a chart in the figures' style: tick and axis-title fonts
/// from `sizes`, a faint grid. Callers add labels and draw.
fn styled_mesh<'a, 'b, DB: DrawingBackend>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    sizes: Sizes,
) -> MeshStyle<'a, 'b, RangedCoordf64, RangedCoordf64, DB> {
    let mut mesh = chart.configure_mesh();
    mesh.label_style(sizes.tick())
        .axis_desc_style(sizes.label())
        .light_line_style(BLACK.mix(0.05))
        .bold_line_style(BLACK.mix(0.15));
    mesh
}

/// Clears `area` to white and puts `title` at its top; returns the figure's
/// sizes and the area below the title.
fn titled_figure<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
) -> Result<(Sizes, DrawingArea<DB, Shift>), RenderError> {
    let sizes = Sizes::of(area)?;
    area.fill(&WHITE)?;
    let body = area.margin(sizes.scaled(0.4), 0, 0, 0).titled(title, sizes.title())?;
    Ok((sizes, body))
}

/// Draws the chart's legend at `position` in the figures' style.
fn draw_legend<'a, DB: DrawingBackend + 'a>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    sizes: Sizes,
    position: SeriesLabelPosition,
) -> Result<(), RenderError> {
    chart
        .configure_series_labels()
        .position(position)
        .margin(sizes.scaled(0.5))
        .legend_area_size(sizes.scaled(1.6))
        .label_font(sizes.tick())
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.5))
        .draw()?;
    Ok(())
}

/// A tick label of a log₁₀ axis: `1e-3` at whole decades, the value between them.
fn decade_label(v: &f64) -> String {
    if v.fract() == 0.0 {
        format!("1e{v}")
    } else {
        format!("{:.1e}", 10f64.powf(*v))
    }
}

/// The legend position (a corner of the plot) covering the fewest of
/// `points`, given as fractions of the plot's width and height.
fn quiet_corner(points: impl Iterator<Item = [f64; 2]> + Clone) -> SeriesLabelPosition {
    let corners = [
        (SeriesLabelPosition::UpperRight, [1.0, 1.0]),
        (SeriesLabelPosition::UpperLeft, [0.0, 1.0]),
        (SeriesLabelPosition::LowerRight, [1.0, 0.0]),
        (SeriesLabelPosition::LowerLeft, [0.0, 0.0]),
    ];
    let crowding =
        |[cx, cy]: [f64; 2]| points.clone().filter(|[u, v]| (u - cx).abs() < 0.45 && (v - cy).abs() < 0.3).count();
    corners
        .into_iter()
        .min_by_key(|(_, corner)| crowding(*corner))
        .map_or(SeriesLabelPosition::UpperRight, |(position, _)| position)
}

/// The title of the scene's figures: its own, or one made from the surface.
fn scene_title(scene: &Scene, sim: &Simulation) -> String {
    match &scene.title {
        Some(title) => title.clone(),
        None => {
            let [x, y] = sim.start().map(shortest);
            format!("{}: {} steps from ({x}, {y})", scene.surface, sim.steps())
        }
    }
}

/// The two files written for `path`: `<stem>_race.<ext>` and `<stem>_loss.<ext>`
/// in the same directory.
pub fn figure_paths(path: &Path, extension: &str) -> Result<[PathBuf; 2], RenderError> {
    figure_paths_named(path, extension, ["race", "loss"])
}

/// The name of the file `path` names, without its extension; an error for
/// a path that names no file or only an extension (`.png`, which would
/// give hidden files).
pub fn file_stem(path: &Path) -> Result<String, RenderError> {
    path.file_stem()
        .map(|stem| stem.to_string_lossy())
        .filter(|stem| !stem.is_empty() && (path.extension().is_some() || !stem.starts_with('.')))
        .map(|stem| stem.into_owned())
        .ok_or_else(|| RenderError::NotAFile(path.to_owned()))
}

/// `<stem>_<name>.<extension>` beside `path` for each name.
fn figure_paths_named<const N: usize>(
    path: &Path,
    extension: &str,
    names: [&str; N],
) -> Result<[PathBuf; N], RenderError> {
    let stem = file_stem(path)?;
    let dir = path.parent().unwrap_or(Path::new(""));
    Ok(names.map(|figure| dir.join(format!("{stem}_{figure}.{extension}"))))
}

/// Checks an image size against [`SIZE_RANGE`].
fn check_size(width: u32, height: u32) -> Result<(), RenderError> {
    if SIZE_RANGE.contains(&width) && SIZE_RANGE.contains(&height) {
        Ok(())
    } else {
        Err(RenderError::Size { width, height })
    }
}

/// Writes every figure, all or none (see [`write_all_atomically`]): a failed
/// export leaves every file as it was.
fn write_figures(figures: &[(&Path, &[u8])]) -> Result<(), RenderError> {
    write_all_atomically(figures).map_err(|WriteError { path, source }| RenderError::Write { path, source })
}

/// Draws one figure into an RGB buffer of `width × height` (supersampled when
/// small enough) and encodes it as PNG.
fn png_bytes(
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<BitMapBackend<'_>, Shift>) -> Result<(), RenderError>,
) -> Result<Vec<u8>, RenderError> {
    let pixels = rgb_pixels(width, height, draw)?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // Deflate level 2 of 9: files about a sixth larger than at the default
    // level, and the whole export of seed003 runs in 0.11 s instead of 0.19 s.
    encoder.set_deflate_compression(png::DeflateCompression::Level(2));
    let encode_error = |e: png::EncodingError| RenderError::Encode(e.to_string());
    let mut writer = encoder.write_header().map_err(encode_error)?;
    writer.write_image_data(&pixels).map_err(encode_error)?;
    writer.finish().map_err(encode_error)?;
    Ok(out)
}

/// Draws one figure as `width × height` RGB pixels, row by row; drawn at
/// twice the size and scaled down when small enough.
fn rgb_pixels(
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<BitMapBackend<'_>, Shift>) -> Result<(), RenderError>,
) -> Result<Vec<u8>, RenderError> {
    let factor: u32 = if u64::from(width) * u64::from(height) <= SUPERSAMPLE_MAX_PIXELS { 2 } else { 1 };
    let (big_w, big_h) = (width * factor, height * factor);
    let mut buffer = vec![255u8; big_w as usize * big_h as usize * 3];
    {
        let area = BitMapBackend::with_buffer(&mut buffer, (big_w, big_h)).into_drawing_area();
        draw(&area)?;
        area.present()?;
    }
    Ok(downsample(&buffer, big_w as usize, factor as usize))
}

/// Averages `factor × factor` blocks of an RGB image `width` pixels wide.
fn downsample(rgb: &[u8], width: usize, factor: usize) -> Vec<u8> {
    if factor == 1 {
        return rgb.to_vec();
    }
    let area = (factor * factor) as u32;
    let mut sums = vec![0u32; width / factor * 3];
    let mut out = Vec::with_capacity(rgb.len() / (factor * factor));
    for band in rgb.chunks_exact(width * 3 * factor) {
        sums.fill(0);
        for row in band.chunks_exact(width * 3) {
            for (sum, block) in sums.chunks_exact_mut(3).zip(row.chunks_exact(3 * factor)) {
                for pixel in block.chunks_exact(3) {
                    sum[0] += u32::from(pixel[0]);
                    sum[1] += u32::from(pixel[1]);
                    sum[2] += u32::from(pixel[2]);
                }
            }
        }
        out.extend(sums.iter().map(|&sum| ((sum + area / 2) / area) as u8));
    }
    out
}

/// Renders the race (in `layout`) and the loss curves of `sim` as two PNGs of
/// `width × height` pixels, `<stem>_race.png` and `<stem>_loss.png` beside
/// `path`, and returns their paths. Nothing is written unless both drew.
pub fn export_png(
    scene: &Scene,
    sim: &Simulation,
    path: &Path,
    width: u32,
    height: u32,
    layout: Layout,
) -> Result<[PathBuf; 2], RenderError> {
    check_size(width, height)?;
    let paths = figure_paths(path, "png")?;
    let race = png_bytes(width, height, |area| render_race(scene, sim, area, layout))?;
    let loss = png_bytes(width, height, |area| render_losses(scene, sim, area))?;
    write_figures(&[(&paths[0], &race), (&paths[1], &loss)])?;
    Ok(paths)
}

/// Like [`export_png`] but SVG: `<stem>_race.svg` and `<stem>_loss.svg`. The
/// colour map is drawn coarser ([`MapDetail::Coarse`]) to keep files small.
pub fn export_svg(
    scene: &Scene,
    sim: &Simulation,
    path: &Path,
    width: u32,
    height: u32,
    layout: Layout,
) -> Result<[PathBuf; 2], RenderError> {
    check_size(width, height)?;
    let paths = figure_paths(path, "svg")?;
    let race = svg_string(width, height, |area| render_race_with(scene, sim, area, layout, MapDetail::Coarse))?;
    let loss = svg_string(width, height, |area| render_losses(scene, sim, area))?;
    write_figures(&[(&paths[0], race.as_bytes()), (&paths[1], loss.as_bytes())])?;
    Ok(paths)
}

/// Draws one figure as an SVG document.
fn svg_string(
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), RenderError>,
) -> Result<String, RenderError> {
    let mut text = String::new();
    {
        let area = SVGBackend::with_string(&mut text, (width, height)).into_drawing_area();
        draw(&area)?;
        area.present()?;
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_paths_sit_beside_the_given_path() -> Result<(), RenderError> {
        let [race, loss] = figure_paths(Path::new("out/fig.png"), "png")?;
        assert_eq!(race, Path::new("out/fig_race.png"));
        assert_eq!(loss, Path::new("out/fig_loss.png"));
        assert!(figure_paths(Path::new("/"), "png").is_err());
        assert!(figure_paths(Path::new("out/.png"), "png").is_err());
        assert_eq!(figure_paths(Path::new("out/.fig.png"), "png")?[0], Path::new("out/.fig_race.png"));
        Ok(())
    }

    #[test]
    fn downsampling_averages_blocks() {
        let image = [0, 0, 0, 255, 255, 255, 0, 0, 0, 255, 255, 255];
        assert_eq!(downsample(&image, 2, 2), [128, 128, 128]);
        // Two blocks side by side, 4 × 2 pixels.
        let image =
            [[0, 0, 0, 255, 255, 255, 10, 20, 30, 10, 20, 30], [0, 0, 0, 255, 255, 255, 30, 40, 50, 30, 40, 50]]
                .concat();
        assert_eq!(downsample(&image, 4, 2), [128, 128, 128, 20, 30, 40]);
    }

    #[test]
    fn sizes_are_checked() {
        assert!(check_size(1200, 900).is_ok());
        assert!(check_size(99, 900).is_err());
        assert!(check_size(1200, 9000).is_err());
    }
}
