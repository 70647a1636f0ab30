//! Figures of a network training: the loss curves with the test accuracy
//! (R² for regression) beside them ([`render_training`]), and for two-feature data the decision
//! boundary of every run's network as small multiples ([`render_boundaries`]).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::landscape::landscape_bytes;
use super::{decade_label, draw_legend, styled_mesh, titled_figure, RenderError};
use crate::nn::boundary::{class_color, data_window, BoundaryMap};
use crate::nn::landscape::Landscape;
use crate::nn::{NetRun, Score, Task, Training};
use crate::plot::axis::LogAxis;
use crate::plot::colormap::path_color;
use crate::scene::NetScene;

/// Cells per side of an exported decision-boundary map.
const MAP_CELLS: usize = 160;

/// One enabled run with its colour.
struct NetView<'a> {
    run: &'a NetRun,
    color: RGBColor,
}

impl NetView<'_> {
    fn label(&self) -> &str {
        self.run.spec().optimizer.label()
    }

    /// Final test score as people read it (NaN before any record).
    fn score(&self, score: Score) -> String {
        score.show(self.run.history().test_score.last().copied().unwrap_or(f64::NAN))
    }
}

/// The enabled runs of `scene` with their trainings and colours.
fn net_views<'a>(scene: &'a NetScene, training: &'a Training) -> Vec<NetView<'a>> {
    let places = scene.runs.iter().enumerate().filter(|(_, run)| run.enabled);
    places
        .zip(training.runs())
        .map(|((place, scene_run), run)| {
            let [r, g, b] = scene_run.color.unwrap_or(path_color(place));
            NetView { run, color: RGBColor(r, g, b) }
        })
        .collect()
}

/// The figures' title: the scene's own, or one made from the data and model.
fn title(scene: &NetScene, training: &Training) -> String {
    scene.title.clone().unwrap_or_else(|| format!("{}, {}: {} epochs", scene.dataset, scene.model, training.epochs()))
}

/// Training loss (solid) and test loss (dashed) per epoch on a log scale,
/// and the test accuracy beside them, for every enabled run.
pub fn render_training<DB: DrawingBackend>(
    scene: &NetScene,
    training: &Training,
    area: &DrawingArea<DB, Shift>,
) -> Result<(), RenderError> {
    let (sizes, area) = titled_figure(area, &title(scene, training))?;
    let (left, right) = area.split_horizontally(area.dim_in_pixel().0 * 58 / 100);
    let views = net_views(scene, training);
    let epochs = training.epochs().max(1) as f64;
    let losses =
        || views.iter().flat_map(|v| v.run.history().train_loss.iter().chain(&v.run.history().test_loss).copied());
    let axis = LogAxis::of_values(losses()).unwrap_or(LogAxis::TENTH_TO_TEN);
    let mut chart = ChartBuilder::on(&left)
        .caption("loss (solid: training, dashed: test)", sizes.label())
        .margin(sizes.scaled(0.8))
        .x_label_area_size(sizes.scaled(2.2))
        .y_label_area_size(sizes.scaled(3.6))
        .build_cartesian_2d(0.0..epochs, axis.span().range())?;
    styled_mesh(&mut chart, sizes)
        .x_desc("epoch")
        .y_desc("cross-entropy")
        .x_label_formatter(&|v: &f64| format!("{v:.0}"))
        .y_label_formatter(&decade_label)
        .y_labels(12)
        .draw()?;
    let line = sizes.line();
    let length = i32::try_from(sizes.scaled(1.2)).unwrap_or(20);
    let log_points = |values: &[f64]| -> Vec<(f64, f64)> {
        values.iter().enumerate().map(|(epoch, &v)| (epoch as f64, axis.place(v))).collect()
    };
    for view in &views {
        let history = view.run.history();
        let style = view.color.stroke_width(line);
        let last = |values: &[f64]| values.last().copied().unwrap_or(f64::NAN);
        let legend = format!("{}: {:.2e} / {:.2e}", view.label(), last(&history.train_loss), last(&history.test_loss));
        chart
            .draw_series(LineSeries::new(log_points(&history.train_loss), style))?
            .label(legend)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + length, y)], style));
        let dash = sizes.scaled(0.5);
        chart.draw_series(DashedLineSeries::new(log_points(&history.test_loss), dash, dash, style))?;
    }
    draw_legend(&mut chart, sizes, SeriesLabelPosition::LowerLeft)?;
    let score = training.problem().mlp.score();
    let (low, high) = score.range();
    let mut chart = ChartBuilder::on(&right)
        .caption(score.label(), sizes.label())
        .margin(sizes.scaled(0.8))
        .margin_right(sizes.scaled(1.4))
        .x_label_area_size(sizes.scaled(2.2))
        .y_label_area_size(sizes.scaled(2.8))
        .build_cartesian_2d(0.0..epochs, low..high)?;
    styled_mesh(&mut chart, sizes)
        .x_desc("epoch")
        .y_desc(score.unit())
        .x_labels(5)
        .x_label_formatter(&|v: &f64| format!("{v:.0}"))
        .y_label_formatter(&|v: &f64| if score == Score::R2 { format!("{v:.1}") } else { format!("{v:.0}") })
        .draw()?;
    for view in &views {
        let history = view.run.history();
        let points = history.test_score.iter().enumerate().map(|(epoch, s)| (epoch as f64, score.plotted(*s)));
        chart
            .draw_series(LineSeries::new(points, view.color.stroke_width(line)))?
            .label(format!("{}: {}", view.label(), view.score(score)))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + length, y)], view.color.stroke_width(line)));
    }
    draw_legend(&mut chart, sizes, SeriesLabelPosition::LowerRight)?;
    Ok(())
}

/// One panel per enabled run: its network's decision boundary over the data
/// (pale where it is unsure), the data points on top, and its test accuracy.
/// Only for two-feature data with classes.
pub fn render_boundaries<DB: DrawingBackend>(
    scene: &NetScene,
    training: &Training,
    area: &DrawingArea<DB, Shift>,
) -> Result<(), RenderError> {
    let (sizes, area) = titled_figure(area, &title(scene, training))?;
    let problem = training.problem();
    let data = &problem.dataset;
    let window = data_window(data);
    let views = net_views(scene, training);
    let count = views.len().max(1);
    let columns = (count as f64).sqrt().ceil() as usize;
    let rows = count.div_ceil(columns);
    let radius = i32::try_from(sizes.scaled(0.1)).unwrap_or(3);
    for (view, panel) in views.iter().zip(area.split_evenly((rows, columns))) {
        // Square panels, so circles stay round.
        let (w, h) = panel.dim_in_pixel();
        let caption_room = sizes.scaled(1.6);
        let side = w.min(h.saturating_sub(caption_room));
        let panel = panel.shrink(((w - side) / 2, 0), (side, side + caption_room));
        let caption = format!("{}: {} test accuracy", view.label(), view.score(Score::Accuracy));
        let mut chart = ChartBuilder::on(&panel)
            .caption(caption, sizes.label().color(&view.color))
            .margin(sizes.scaled(0.6))
            .x_label_area_size(sizes.scaled(1.6))
            .y_label_area_size(sizes.scaled(2.4))
            .build_cartesian_2d(window.x_min..window.x_max, window.y_min..window.y_max)?;
        chart.configure_mesh().disable_mesh().label_style(sizes.tick()).x_labels(5).y_labels(5).draw()?;
        let map = BoundaryMap::compute(&problem.mlp, view.run.params(), window, MAP_CELLS, MAP_CELLS);
        let [w, h] = window.size();
        let (cw, ch) = (w / MAP_CELLS as f64, h / MAP_CELLS as f64);
        chart.draw_series((0..MAP_CELLS * MAP_CELLS).map(|cell| {
            let (row, column) = (cell / MAP_CELLS, cell % MAP_CELLS);
            let x = window.x_min + column as f64 * cw;
            let y = window.y_max - (row + 1) as f64 * ch;
            let [r, g, b] = map.color(cell, data.classes, [255, 255, 255]);
            Rectangle::new([(x, y), (x + cw, y + ch)], RGBColor(r, g, b).filled())
        }))?;
        let points = data.features.chunks_exact(2).zip(&data.labels);
        chart.draw_series(points.clone().map(|(p, _)| Circle::new((p[0], p[1]), radius + 1, WHITE.filled())))?;
        chart.draw_series(points.map(|(p, &label)| {
            let [r, g, b] = class_color(label);
            Circle::new((p[0], p[1]), radius, RGBColor(r, g, b).filled())
        }))?;
    }
    Ok(())
}

/// Image formats of [`export_network`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    /// PNG, supersampled.
    Png,
    /// SVG.
    Svg,
}

/// Writes the figures of a network scene beside `path`: `<stem>_loss.<ext>`,
/// for two-feature classes `<stem>_boundary.<ext>` first, and given its
/// loss landscape `<stem>_landscape.<ext>` last; returns their paths.
/// Nothing is left behind unless every figure was written.
pub fn export_network(
    scene: &NetScene,
    training: &Training,
    path: &std::path::Path,
    (width, height): (u32, u32),
    format: ImageFormat,
    landscape: Option<&Landscape>,
) -> Result<Vec<std::path::PathBuf>, RenderError> {
    super::check_size(width, height)?;
    let extension = match format {
        ImageFormat::Png => "png",
        ImageFormat::Svg => "svg",
    };
    let [boundary_path, loss_path, landscape_path] =
        super::figure_paths_named(path, extension, ["boundary", "loss", "landscape"])?;
    let encode = |figure: NetFigure| match format {
        ImageFormat::Png => super::png_bytes(width, height, |area| figure.render(scene, training, area)),
        ImageFormat::Svg => {
            super::svg_string(width, height, |area| figure.render(scene, training, area)).map(String::into_bytes)
        }
    };
    let data = &training.problem().dataset;
    let mut figures = Vec::new();
    if data.dim == 2 && data.task() == Task::Classification {
        figures.push((boundary_path, encode(NetFigure::Boundaries)?));
    }
    figures.push((loss_path, encode(NetFigure::Training)?));
    if let Some(landscape) = landscape {
        figures.push((landscape_path, landscape_bytes(landscape, (width, height), format)?));
    }
    let written: Vec<(&std::path::Path, &[u8])> =
        figures.iter().map(|(path, bytes)| (path.as_path(), bytes.as_slice())).collect();
    super::write_figures(&written)?;
    Ok(figures.into_iter().map(|(path, _)| path).collect())
}

/// The figures of a network scene.
#[derive(Clone, Copy)]
enum NetFigure {
    /// [`render_training`].
    Training,
    /// [`render_boundaries`].
    Boundaries,
}

impl NetFigure {
    fn render<DB: DrawingBackend>(
        self,
        scene: &NetScene,
        training: &Training,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), RenderError> {
        match self {
            NetFigure::Training => render_training(scene, training, area),
            NetFigure::Boundaries => render_boundaries(scene, training, area),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::landscape::{LandscapeSettings, ParamPaths};

    #[test]
    fn a_circles_scene_exports_its_boundaries_and_its_curves() -> Result<(), Box<dyn std::error::Error>> {
        let text = "dataset = \"circles:n=200,noise=0.05\"\nmodel = \"mlp:hidden=8x8\"\nepochs = 30\n\
                    [[runs]]\noptimizer = \"adam:lr=0.02\"\n[[runs]]\noptimizer = \"sgd:lr=0.01\"\n";
        let scene = NetScene::from_toml(text)?;
        let mut training = scene.training()?;
        training.advance_to(scene.epochs);
        let dir = tempfile::tempdir()?;
        let written =
            export_network(&scene, &training, &dir.path().join("fig.png"), (600, 400), ImageFormat::Png, None)?;
        assert_eq!(written, [dir.path().join("fig_boundary.png"), dir.path().join("fig_loss.png")]);
        let svg = export_network(&scene, &training, &dir.path().join("fig.svg"), (600, 400), ImageFormat::Svg, None)?;
        // With its landscape: a third figure, written with the others.
        let mut replay = scene.training()?;
        let paths = ParamPaths::record(&mut replay, scene.epochs, &|| true)?;
        let landscape = Landscape::compute(replay.problem(), paths, &LandscapeSettings::default(), &|| true)?;
        let with_landscape = export_network(
            &scene,
            &training,
            &dir.path().join("all.png"),
            (600, 400),
            ImageFormat::Png,
            Some(&landscape),
        )?;
        let names = ["all_boundary.png", "all_loss.png", "all_landscape.png"];
        assert_eq!(with_landscape, names.map(|name| dir.path().join(name)));
        assert!(with_landscape.iter().all(|path| path.exists()));
        assert!(std::fs::read_to_string(&svg[0])?.contains("<svg"));
        Ok(())
    }
}
