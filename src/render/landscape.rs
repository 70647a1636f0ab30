//! The figure of a network's loss landscape: the training loss over the
//! plane as the race figure's colour map with iso-lines, drawn from the
//! computed grid, with every run's path on it and the centre marked.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::race::{MapDetail, MapLayer};
use super::{draw_legend, quiet_corner, styled_mesh, titled_figure, ImageFormat, RenderError};
use crate::nn::landscape::{Landscape, PlaneKind};
use crate::plot::colormap::path_color;

/// Draws `landscape` on `area`: the loss map over the grid, each run's path
/// in its palette colour with its end marked, the centre as a white ring.
pub fn render_landscape<DB: DrawingBackend>(
    landscape: &Landscape,
    area: &DrawingArea<DB, Shift>,
    detail: MapDetail,
) -> Result<(), RenderError> {
    let Landscape { plane, paths, .. } = landscape;
    let title = match plane.kind {
        PlaneKind::Pca => "The network's loss on the plane of its paths' principal directions",
        PlaneKind::Random => "The network's loss on two random filter-normalised directions",
    };
    let (sizes, body) = titled_figure(area, title)?;
    let grid = landscape.grid();
    let window = grid.window;
    let axis_name = |k: usize| match plane.explained {
        Some(shares) => format!("d{} ({:.1} % of Σσ²)", k + 1, 100.0 * shares[k]),
        None => format!("d{}", k + 1),
    };
    let mut chart = ChartBuilder::on(&body)
        .margin(sizes.scaled(0.6))
        .margin_right(sizes.scaled(1.2))
        .x_label_area_size(sizes.scaled(2.2))
        .y_label_area_size(sizes.scaled(3.0))
        .build_cartesian_2d(window.x_min..window.x_max, window.y_min..window.y_max)?;
    styled_mesh(&mut chart, sizes)
        .disable_mesh()
        .x_labels(6)
        .y_labels(6)
        .x_desc(axis_name(0))
        .y_desc(axis_name(1))
        .draw()?;
    MapLayer::from_grid(&grid, detail).draw(&mut chart, sizes)?;
    let radius = i32::try_from(sizes.scaled(0.3)).unwrap_or(6);
    for (place, path) in paths.iter().enumerate() {
        let [r, g, b] = path_color(place);
        let color = RGBColor(r, g, b);
        let points: Vec<(f64, f64)> = path.points.iter().map(|&[a, b]| (a, b)).collect();
        chart.draw_series([PathElement::new(points.clone(), WHITE.mix(0.8).stroke_width(sizes.halo()))])?;
        let length = i32::try_from(sizes.scaled(1.2)).unwrap_or(20);
        let key = color.stroke_width(sizes.line() * 2);
        chart
            .draw_series([PathElement::new(points.clone(), color.stroke_width(sizes.line()))])?
            .label(path.optimizer.as_str())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + length, y)], key));
        if let Some(&end) = points.last() {
            chart.draw_series([Circle::new(end, radius, color.filled())])?;
        }
    }
    chart.draw_series([Circle::new((0.0, 0.0), radius, WHITE.stroke_width(sizes.line()))])?;
    let [width, height] = window.size();
    let fractions = paths
        .iter()
        .flat_map(|path| &path.points)
        .map(move |&[a, b]| [(a - window.x_min) / width, (b - window.y_min) / height]);
    draw_legend(&mut chart, sizes, quiet_corner(fractions))?;
    Ok(())
}

/// Writes the figure of `landscape` to `path` as a `width × height` PNG or
/// SVG (the colour map coarser in SVG, as in the race figures).
pub fn export_landscape(
    landscape: &Landscape,
    path: &Path,
    (width, height): (u32, u32),
    format: ImageFormat,
) -> Result<(), RenderError> {
    super::check_size(width, height)?;
    super::file_stem(path)?;
    let bytes = landscape_bytes(landscape, (width, height), format)?;
    super::write_figures(&[(path, &bytes)])
}

/// The figure of `landscape` encoded as a `width × height` PNG or SVG (the
/// colour map coarser in SVG, as in the race figures).
pub(super) fn landscape_bytes(
    landscape: &Landscape,
    (width, height): (u32, u32),
    format: ImageFormat,
) -> Result<Vec<u8>, RenderError> {
    match format {
        ImageFormat::Png => super::png_bytes(width, height, |area| render_landscape(landscape, area, MapDetail::Fine)),
        ImageFormat::Svg => {
            let svg = super::svg_string(width, height, |area| render_landscape(landscape, area, MapDetail::Coarse))?;
            Ok(svg.into_bytes())
        }
    }
}
