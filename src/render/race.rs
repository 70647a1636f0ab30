//! The race figure: each run's path over a log-scaled viridis map of the
//! surface with light iso-lines, on one panel or as small multiples; drawn
//! whole, or up to a given step as a frame of an animation.

use std::sync::{Arc, Mutex, PoisonError};

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{draw_legend, quiet_corner, run_views, scene_title, RenderError, RunView, Sizes};
use crate::engine::race::Simulation;
use crate::plot::colormap::Colormap;
use crate::plot::contour::{auto_levels, iso_lines, Grid};
use crate::plot::window::Window;
use crate::scene::{Layout, Scene};
use crate::surface::Surface;

/// A chart over the plane of the surface.
pub(super) type PlaneChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// How finely the colour map is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapDetail {
    /// Cells of a few pixels, for bitmaps.
    Fine,
    /// About 100 cells across in 24 colours, for vector files that store every cell.
    Coarse,
}

impl MapDetail {
    /// Colours of the map: it is quantised so that neighbouring cells of one
    /// colour merge into one rectangle.
    fn levels(self) -> f64 {
        match self {
            MapDetail::Fine => 64.0,
            MapDetail::Coarse => 24.0,
        }
    }
}
/// Decades of loss the colour map spans below the highest value in view.
const MAP_DECADES: f64 = 4.0;
/// Iso-lines drawn over the map.
const ISO_LEVELS: usize = 10;

/// Draws the race of `sim` (the enabled runs of `scene`) over the scene's
/// view: one panel for [`Layout::Overlay`] (and [`Layout::Surface3d`], which
/// figures show from above), one panel per run for [`Layout::Grid`].
pub fn render_race<DB: DrawingBackend>(
    scene: &Scene,
    sim: &Simulation,
    area: &DrawingArea<DB, Shift>,
    layout: Layout,
) -> Result<(), RenderError> {
    render_race_with(scene, sim, area, layout, MapDetail::Fine)
}

/// [`render_race`] with the colour map drawn at `detail`.
pub fn render_race_with<DB: DrawingBackend>(
    scene: &Scene,
    sim: &Simulation,
    area: &DrawingArea<DB, Shift>,
    layout: Layout,
    detail: MapDetail,
) -> Result<(), RenderError> {
    RaceFigure::new(scene, sim, layout, detail).draw(area, None)
}

/// A race figure that can be drawn many times, from several threads, e.g.
/// as the frames of an animation: the colour map is computed once per panel
/// size and reused, and the legend keeps the corner the whole race leaves free.
pub(super) struct RaceFigure<'a> {
    surface: &'a dyn Surface,
    view: Window,
    start: [f64; 2],
    title: String,
    layout: Layout,
    detail: MapDetail,
    runs: Vec<RunView<'a>>,
    legend: SeriesLabelPosition,
    maps: Mutex<Vec<Arc<MapLayer>>>,
}

impl<'a> RaceFigure<'a> {
    /// The race of `sim` (the enabled runs of `scene`) in `layout`.
    pub(super) fn new(scene: &'a Scene, sim: &'a Simulation, layout: Layout, detail: MapDetail) -> RaceFigure<'a> {
        let runs = run_views(scene, sim);
        let view = scene.view_or_default();
        let [width, height] = view.size();
        let legend = quiet_corner(
            runs.iter().flat_map(|run| run.points).map(|&[x, y]| [(x - view.x_min) / width, (y - view.y_min) / height]),
        );
        RaceFigure {
            surface: sim.surface(),
            view,
            start: sim.start(),
            title: scene_title(scene, sim),
            layout,
            detail,
            runs,
            legend,
            maps: Mutex::new(Vec::new()),
        }
    }

    /// Draws the figure on `area`: the whole race, or with `until = Some(k)`
    /// every run up to step k, with the step in the title.
    pub(super) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        until: Option<usize>,
    ) -> Result<(), RenderError> {
        let sizes = Sizes::of(area)?;
        area.fill(&WHITE)?;
        let mut title = self.title.clone();
        let runs: Vec<RunView<'_>> = match until {
            Some(step) => {
                title.push_str(&format!(" \u{2014} step {step}"));
                self.runs.iter().map(|run| run.until(step)).collect()
            }
            None => self.runs.clone(),
        };
        let panel = Panel {
            surface: self.surface,
            view: self.view,
            start: self.start,
            sizes,
            detail: self.detail,
            maps: &self.maps,
        };
        match self.layout {
            Layout::Overlay | Layout::Surface3d => panel.draw(area, &title, &runs, Some(self.legend.clone())),
            Layout::Grid => {
                let body = area.margin(sizes.scaled(0.4), 0, 0, 0).titled(&title, sizes.title())?;
                let columns = (runs.len() as f64).sqrt().ceil().max(1.0) as usize;
                let rows = runs.len().div_ceil(columns).max(1);
                for (cell, run) in body.split_evenly((rows, columns)).iter().zip(&runs) {
                    let mut heading = format!("{} ({} steps)", run.label, run.steps());
                    heading.push_str(", ");
                    heading.push_str(&run.outcome());
                    panel.draw(cell, &heading, std::slice::from_ref(run), None)?;
                }
                Ok(())
            }
        }
    }
}

/// The colour map of a panel (or of a landscape's grid), `size` cells
/// across and up: runs of same-coloured cells as rectangles, and the
/// iso-lines, in plane coordinates.
pub(super) struct MapLayer {
    size: (usize, usize),
    cells: Vec<([(f64, f64); 2], RGBColor)>,
    iso_lines: Vec<Vec<(f64, f64)>>,
}

impl MapLayer {
    /// Samples `surface` on `nx × ny` cells over `view` and shades them at `detail`.
    fn compute(surface: &dyn Surface, view: Window, (nx, ny): (usize, usize), detail: MapDetail) -> MapLayer {
        MapLayer::from_grid(&Grid::sample(view, nx, ny, |x, y| surface.value([x, y])), detail)
    }

    /// Shades the cells of `grid` (at least 2 × 2 samples) at `detail`, each
    /// sample's cell centred on it, and traces its iso-lines.
    pub(super) fn from_grid(grid: &Grid, detail: MapDetail) -> MapLayer {
        let (view, nx, ny) = (grid.window, grid.nx, grid.ny);
        let shade = Shade::of(grid, detail.levels());
        let (dx, dy) = (view.size()[0] / (nx - 1) as f64, view.size()[1] / (ny - 1) as f64);
        let x_edge = |i: usize| (view.x_min + (i as f64 - 0.5) * dx).clamp(view.x_min, view.x_max);
        let y_edge = |j: usize| (view.y_min + (j as f64 - 0.5) * dy).clamp(view.y_min, view.y_max);
        let mut cells = Vec::new();
        for j in 0..ny {
            let row = &grid.values[j * nx..(j + 1) * nx];
            let mut i = 0;
            while i < nx {
                let color = shade.color(row[i]);
                let end = (i..nx).find(|&k| shade.color(row[k]) != color).unwrap_or(nx);
                cells.push(([(x_edge(i), y_edge(j)), (x_edge(end), y_edge(j + 1))], color));
                i = end;
            }
        }
        let iso_lines = iso_lines(grid, &auto_levels(grid, ISO_LEVELS))
            .into_iter()
            .flat_map(|iso| iso.lines)
            .map(|line| line.into_iter().map(|[x, y]| (x, y)).collect())
            .collect();
        MapLayer { size: (nx, ny), cells, iso_lines }
    }

    /// Draws the cells, then the iso-lines over them, on `chart`.
    pub(super) fn draw<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut PlaneChart<'a, DB>,
        sizes: Sizes,
    ) -> Result<(), RenderError> {
        chart.draw_series(self.cells.iter().map(|&(corners, color)| Rectangle::new(corners, color.filled())))?;
        let line_style = WHITE.mix(0.4).stroke_width(sizes.scaled(0.05));
        chart.draw_series(self.iso_lines.iter().map(|line| PathElement::new(line.clone(), line_style)))?;
        Ok(())
    }
}

/// What every panel of a race figure shares.
struct Panel<'a> {
    surface: &'a dyn Surface,
    view: Window,
    start: [f64; 2],
    sizes: Sizes,
    detail: MapDetail,
    /// Colour maps already computed, by size.
    maps: &'a Mutex<Vec<Arc<MapLayer>>>,
}

impl Panel<'_> {
    /// One map with axes, `runs`' paths and markers, and (if `legend` gives
    /// its corner) a legend.
    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        title: &str,
        runs: &[RunView<'_>],
        legend: Option<SeriesLabelPosition>,
    ) -> Result<(), RenderError> {
        let Window { x_min, x_max, y_min, y_max } = self.view;
        let sizes = self.sizes;
        let mut chart = ChartBuilder::on(area)
            .caption(title, if legend.is_some() { sizes.title() } else { sizes.label() })
            .margin(sizes.scaled(0.6))
            .margin_right(sizes.scaled(1.2))
            .x_label_area_size(sizes.scaled(2.2))
            .y_label_area_size(sizes.scaled(3.0))
            .build_cartesian_2d(x_min..x_max, y_min..y_max)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(6)
            .y_labels(6)
            .x_desc("x")
            .y_desc("y")
            .label_style(sizes.tick())
            .axis_desc_style(sizes.label())
            .draw()?;
        self.draw_map(&mut chart)?;
        // Runs that share a stretch of path show as nested stripes: earlier
        // runs are drawn wider, under the later ones, all halos first. The
        // widening stops after MAX_STRIPES runs, so many runs stay thin.
        let widths: Vec<u32> = (0..runs.len())
            .map(|i| sizes.line() + (runs.len() - 1 - i).min(MAX_STRIPES) as u32 * sizes.line() * 2 / 3)
            .collect();
        let pieces: Vec<_> = runs.iter().map(|run| clip_path(run.points, self.view)).collect();
        for (run_pieces, width) in pieces.iter().zip(&widths) {
            let halo = WHITE.mix(0.8).stroke_width(width + sizes.halo() - sizes.line());
            chart.draw_series(run_pieces.iter().map(|piece| PathElement::new(piece.clone(), halo)))?;
        }
        for ((run, run_pieces), width) in runs.iter().zip(pieces).zip(widths) {
            self.draw_path(&mut chart, run, run_pieces, width, legend.is_some())?;
        }
        self.draw_markers(&mut chart, runs)?;
        if let Some(position) = legend.filter(|_| !runs.is_empty()) {
            draw_legend(&mut chart, sizes, position)?;
        }
        Ok(())
    }

    /// The colour map and iso-lines under the paths.
    fn draw_map<'a, DB: DrawingBackend + 'a>(&self, chart: &mut PlaneChart<'a, DB>) -> Result<(), RenderError> {
        let (xs, ys) = chart.plotting_area().get_pixel_range();
        let (width, height) = ((xs.end - xs.start).max(1) as usize, (ys.end - ys.start).max(1) as usize);
        let cell = match self.detail {
            MapDetail::Fine => (self.sizes.scaled(1.0 / 12.0) as usize).max(1),
            MapDetail::Coarse => (width / 100).max(2),
        };
        self.map_layer(((width / cell).max(2), (height / cell).max(2))).draw(chart, self.sizes)
    }

    /// The colour map of `size` cells, computed on first use.
    fn map_layer(&self, size: (usize, usize)) -> Arc<MapLayer> {
        // The cache holds finished maps only, so a panic elsewhere leaves it usable.
        let mut maps = self.maps.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(map) = maps.iter().find(|map| map.size == size) {
            return Arc::clone(map);
        }
        let map = Arc::new(MapLayer::compute(self.surface, self.view, size, self.detail));
        maps.push(Arc::clone(&map));
        map
    }

    /// A run's path (already clipped to the view) in the run's colour;
    /// registers the run in the legend.
    fn draw_path<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut PlaneChart<'a, DB>,
        run: &RunView<'_>,
        pieces: Vec<Vec<(f64, f64)>>,
        width: u32,
        legend: bool,
    ) -> Result<(), RenderError> {
        let style = run.color.stroke_width(width);
        let drawn = chart.draw_series(pieces.into_iter().map(|piece| PathElement::new(piece, style)))?;
        if legend {
            let length = i32::try_from(self.sizes.scaled(1.2)).unwrap_or(20);
            let key = run.color.stroke_width(self.sizes.line() * 2);
            drawn
                .label(format!("{}: {}", run.label, run.outcome()))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + length, y)], key));
        }
        Ok(())
    }

    /// Minima (stars), the start (white ring) and each run's current point
    /// (a dot, or a cross where it diverged).
    fn draw_markers<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut PlaneChart<'a, DB>,
        runs: &[RunView<'_>],
    ) -> Result<(), RenderError> {
        let radius = i32::try_from(self.sizes.scaled(0.35)).unwrap_or(8);
        let outline = BLACK.stroke_width(self.sizes.scaled(0.06));
        let inside = |p: &[f64; 2]| self.view.contains(*p);
        for [x, y] in self.surface.minima().into_iter().filter(inside) {
            let star = star(radius + radius / 2);
            chart.draw_series([EmptyElement::at((x, y)) + Polygon::new(star.clone(), WHITE.filled())])?;
            let mut ring = star;
            ring.push(ring[0]);
            chart.draw_series([EmptyElement::at((x, y)) + PathElement::new(ring, outline)])?;
        }
        if inside(&self.start) {
            let [x, y] = self.start;
            chart.draw_series([Circle::new((x, y), radius, WHITE.filled())])?;
            chart.draw_series([Circle::new((x, y), radius, outline)])?;
        }
        for run in runs {
            let Some(&[x, y]) = run.points.last().filter(|p| inside(p)) else { continue };
            if run.diverged_at.is_some() {
                let halo = WHITE.stroke_width(self.sizes.halo());
                chart.draw_series([Cross::new((x, y), radius, halo)])?;
                chart.draw_series([Cross::new((x, y), radius, run.color.stroke_width(self.sizes.line()))])?;
            } else {
                chart.draw_series([Circle::new((x, y), radius * 3 / 4, run.color.filled())])?;
                chart.draw_series([Circle::new((x, y), radius * 3 / 4, WHITE.stroke_width(self.sizes.line()))])?;
            }
        }
        Ok(())
    }
}

/// The most runs drawn as nested stripes, each wider than the next.
const MAX_STRIPES: usize = 8;

/// The colour of a loss value on viridis, quantised to a number of levels:
/// on a surface that is not negative in view, log10(f − f_min + ε) spanning
/// [`MAP_DECADES`] decades (so valleys show their depth); otherwise (a saddle)
/// f itself, linearly.
struct Shade {
    min: f64,
    span: f64,
    log: bool,
    levels: f64,
}

impl Shade {
    fn of(grid: &Grid, levels: f64) -> Shade {
        let (min, max) = grid.min_max().unwrap_or((0.0, 1.0));
        let span = if max > min { max - min } else { 1.0 };
        Shade { min, span, log: min >= 0.0, levels }
    }

    fn color(&self, value: f64) -> RGBColor {
        if !value.is_finite() {
            return RGBColor(128, 128, 128);
        }
        let t = if self.log {
            let epsilon = self.span * 10f64.powf(-MAP_DECADES);
            1.0 - ((self.span + epsilon).log10() - (value - self.min + epsilon).log10()) / MAP_DECADES
        } else {
            (value - self.min) / self.span
        };
        let [r, g, b] = Colormap::Viridis.rgb((t * self.levels).floor() / self.levels);
        RGBColor(r, g, b)
    }
}

/// A five-pointed star of outer radius `r` around (0, 0), in pixels.
fn star(r: i32) -> Vec<(i32, i32)> {
    (0..10)
        .map(|k| {
            let radius = if k % 2 == 0 { f64::from(r) } else { f64::from(r) * 0.45 };
            let angle = std::f64::consts::FRAC_PI_2 + f64::from(k) * std::f64::consts::PI / 5.0;
            ((radius * angle.cos()).round() as i32, (-radius * angle.sin()).round() as i32)
        })
        .collect()
}

/// The parts of a path inside `view`, as polylines; points closer than a
/// thousandth of the view to the last kept one are dropped.
fn clip_path(points: &[[f64; 2]], view: Window) -> Vec<Vec<(f64, f64)>> {
    let [w, h] = view.size();
    let tolerance = 1e-3 * w.hypot(h);
    let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for pair in points.windows(2) {
        match clip_segment(pair[0], pair[1], view) {
            Some((a, b)) => {
                let joins = current.last().is_some_and(|&(x, y)| (x - a[0]).hypot(y - a[1]) <= tolerance);
                if !joins && !current.is_empty() {
                    pieces.push(std::mem::take(&mut current));
                }
                if current.is_empty() {
                    current.push((a[0], a[1]));
                }
                let far = current.last().is_some_and(|&(x, y)| (x - b[0]).hypot(y - b[1]) > tolerance);
                if far || b != pair[1] {
                    current.push((b[0], b[1]));
                }
            }
            None if !current.is_empty() => pieces.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if let (Some(&last), Some(&(x, y))) = (points.last(), current.last()) {
        if view.contains(last) && (x, y) != (last[0], last[1]) {
            current.push((last[0], last[1]));
        }
    }
    if current.len() > 1 {
        pieces.push(current);
    }
    pieces.retain(|piece| piece.len() > 1);
    pieces
}

/// The part of segment a–b inside `view` (Liang–Barsky), if any.
fn clip_segment(a: [f64; 2], b: [f64; 2], view: Window) -> Option<([f64; 2], [f64; 2])> {
    let d = [b[0] - a[0], b[1] - a[1]];
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    let checks =
        [(-d[0], a[0] - view.x_min), (d[0], view.x_max - a[0]), (-d[1], a[1] - view.y_min), (d[1], view.y_max - a[1])];
    for (p, q) in checks {
        if !(p.is_finite() && q.is_finite()) {
            return None;
        }
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then(|| {
        let at = |t: f64| {
            if t == 0.0 {
                a
            } else if t == 1.0 {
                b
            } else {
                // On the view's edge in exact arithmetic; rounding in a
                // segment from 1e44 to 1e87 can put it far outside, and
                // plotters' pixel arithmetic overflows there.
                [(a[0] + t * d[0]).clamp(view.x_min, view.x_max), (a[1] + t * d[1]).clamp(view.y_min, view.y_max)]
            }
        };
        (at(t0), at(t1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEW: Window = Window::new(0.0, 1.0, 0.0, 1.0);

    #[test]
    fn a_segment_between_far_away_points_is_clipped_onto_the_view() {
        let view = Window::new(-10.0, 10.0, -10.0, 10.0);
        let (a, b) = clip_segment([0.0, 1.5192479287177319e44], [0.0, -2.882837395639252e87], view).unwrap();
        assert!(view.contains(a) && view.contains(b), "{a:?} {b:?}");
    }

    #[test]
    fn segments_are_clipped_to_the_view() {
        assert_eq!(clip_segment([0.5, 0.5], [1.5, 0.5], VIEW), Some(([0.5, 0.5], [1.0, 0.5])));
        assert_eq!(clip_segment([-1.0, 0.5], [2.0, 0.5], VIEW), Some(([0.0, 0.5], [1.0, 0.5])));
        assert_eq!(clip_segment([2.0, 2.0], [3.0, 3.0], VIEW), None);
        assert_eq!(clip_segment([0.5, 0.5], [f64::INFINITY, 0.5], VIEW), None);
    }

    #[test]
    fn a_path_leaving_and_returning_gives_two_pieces() {
        let path = [[0.2, 0.2], [0.4, 0.4], [2.0, 0.4], [0.6, 0.6], [0.8, 0.8]];
        let pieces = clip_path(&path, VIEW);
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        assert_eq!(pieces[0].first(), Some(&(0.2, 0.2)));
        assert_eq!(pieces[1].last(), Some(&(0.8, 0.8)));
    }

    #[test]
    fn dense_points_are_thinned_but_the_end_is_kept() {
        let path: Vec<[f64; 2]> = (0..=1000).map(|k| [0.5 + k as f64 * 1e-6, 0.5]).collect();
        let pieces = clip_path(&path, VIEW);
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].len(), 2);
        let [x, y] = path[1000];
        assert_eq!(pieces[0][1], (x, y));
    }

    #[test]
    fn a_map_with_negative_values_is_linear() {
        let grid = Grid::sample(VIEW, 3, 3, |x, y| x - y);
        let shade = Shade::of(&grid, 64.0);
        let [r, g, b] = Colormap::Viridis.rgb(0.5);
        assert_eq!(shade.color(0.0), RGBColor(r, g, b));
    }

    #[test]
    fn the_map_spans_four_decades() {
        let grid = Grid::sample(VIEW, 3, 3, |x, y| 1e4 * (x + y));
        let shade = Shade::of(&grid, 64.0);
        assert_eq!(shade.color(0.0), {
            let [r, g, b] = Colormap::Viridis.rgb(0.0);
            RGBColor(r, g, b)
        });
        let [r, g, b] = Colormap::Viridis.rgb(1.0);
        assert_eq!(shade.color(2e4), RGBColor(r, g, b));
    }
}
