//! The loss figure: f at each step of every run, on a log scale when every
//! loss is positive (a linear one otherwise, e.g. on a saddle).

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{decade_label, draw_legend, quiet_corner, run_views, scene_title, RenderError, RunView, Sizes};
use crate::engine::race::Simulation;
use crate::plot::axis::{LogAxis, Span, LIMIT};
use crate::scene::Scene;
use crate::util::number::tick_label;

/// Most points drawn per curve; longer runs are drawn through every k-th step.
const MAX_CURVE_POINTS: usize = 2000;

/// Draws the loss of every enabled run against the step, with a legend; a
/// diverged run ends in a cross.
pub fn render_losses<DB: DrawingBackend>(
    scene: &Scene,
    sim: &Simulation,
    area: &DrawingArea<DB, Shift>,
) -> Result<(), RenderError> {
    let sizes = Sizes::of(area)?;
    area.fill(&WHITE)?;
    let runs = run_views(scene, sim);
    let title = format!("{}: loss", scene_title(scene, sim));
    let steps = runs.iter().map(RunView::steps).max().unwrap_or(0).max(1) as f64;
    let losses = || runs.iter().flat_map(|run| run.losses.iter().copied());
    let mut builder = ChartBuilder::on(area);
    builder
        .caption(&title, sizes.title())
        .margin(sizes.scaled(0.8))
        .margin_right(sizes.scaled(1.4))
        .x_label_area_size(sizes.scaled(2.2))
        .y_label_area_size(sizes.scaled(3.6));
    let has_negative = losses().any(|v| v.is_finite() && v < 0.0);
    match LogAxis::of_values(losses()).filter(|_| !has_negative) {
        Some(axis) => {
            // Log scale, drawn as log10 on a linear axis for clean decade
            // labels; exact zeros sit on the floor, which is then marked.
            let mut chart = builder.build_cartesian_2d(0.0..steps, axis.span().range())?;
            if losses().any(|v| v == 0.0) {
                mark_zero_floor(&mut chart, sizes, steps, axis.span().lo())?;
            }
            let extent = [steps, axis.span().width(), axis.span().lo()];
            draw_curves(chart, &runs, sizes, extent, |v| axis.place(v), &decade_label)
        }
        None => {
            // Losses beyond ±axis::LIMIT are drawn an eighth as large (an
            // exact power of two) and labelled with their true values.
            let scale = if losses().any(|v| v.is_finite() && v.abs() > LIMIT) { 8.0 } else { 1.0 };
            let span = Span::of_values(losses().map(|v| v / scale), 0.05).unwrap_or(Span::covering(0.0, 1.0, 0.0));
            let chart = builder.build_cartesian_2d(0.0..steps, span.range())?;
            let extent = [steps, span.width(), span.lo()];
            draw_curves(chart, &runs, sizes, extent, |v| span.clamp(v / scale), &|v: &f64| {
                tick_label(span.snap(*v) * scale)
            })
        }
    }
}

/// A dashed line along the floor of a log axis, labelled as where the runs
/// that reached exactly 0 are drawn.
fn mark_zero_floor<'a, DB: DrawingBackend + 'a>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    sizes: Sizes,
    steps: f64,
    floor: f64,
) -> Result<(), RenderError> {
    let dash = sizes.scaled(0.3);
    let style = BLACK.mix(0.6).stroke_width(sizes.scaled(0.05));
    chart.draw_series(DashedLineSeries::new([(0.0, floor), (steps, floor)], dash, dash, style))?;
    let gap = i32::try_from(sizes.scaled(0.3)).unwrap_or(3);
    let label = Text::new("exact 0", (-gap, -gap), sizes.tick().pos(Pos::new(HPos::Right, VPos::Bottom)));
    chart.draw_series([EmptyElement::at((steps, floor)) + label])?;
    Ok(())
}

/// Axes, the curves (losses passed through `place` to the y axis), end
/// markers and a legend where the curves are not; `[width, height, y_min]`
/// is the extent of the plot.
fn draw_curves<'a, DB: DrawingBackend + 'a>(
    mut chart: ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    runs: &[RunView<'_>],
    sizes: Sizes,
    [width, height, y_min]: [f64; 3],
    place: impl Fn(f64) -> f64,
    y_format: &dyn Fn(&f64) -> String,
) -> Result<(), RenderError> {
    chart
        .configure_mesh()
        .x_desc("step")
        .y_desc("loss f(x, y)")
        .x_label_formatter(&|v: &f64| format!("{v:.0}"))
        // No more labels than whole steps, so a short race repeats none.
        .x_labels((width as usize + 1).min(10))
        .y_label_formatter(y_format)
        .y_labels(12)
        .label_style(sizes.tick())
        .axis_desc_style(sizes.label())
        .light_line_style(BLACK.mix(0.05))
        .bold_line_style(BLACK.mix(0.15))
        .draw()?;
    let line = sizes.line();
    let marker = i32::try_from(sizes.scaled(0.4)).unwrap_or(10);
    let length = i32::try_from(sizes.scaled(1.2)).unwrap_or(20);
    for run in runs {
        let stride = run.losses.len().div_ceil(MAX_CURVE_POINTS).max(1);
        let last = run.losses.len().saturating_sub(1);
        let points = run
            .losses
            .iter()
            .enumerate()
            .filter(|(step, _)| step % stride == 0 || *step == last)
            .map(|(step, &loss)| (step as f64, place(loss)));
        let style = run.color.stroke_width(line);
        chart
            .draw_series(LineSeries::new(points, style))?
            .label(format!("{}: {}", run.label, run.outcome()))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + length, y)], style));
        if let (Some(_), Some(&loss)) = (run.diverged_at, run.losses.last()) {
            let at = (last as f64, place(loss));
            chart.draw_series([Cross::new(at, marker, WHITE.stroke_width(sizes.halo()))])?;
            chart.draw_series([Cross::new(at, marker, run.color.stroke_width(line))])?;
        }
    }
    if !runs.is_empty() {
        let position = quiet_corner(runs.iter().flat_map(|run| {
            run.losses.iter().enumerate().map(|(step, &loss)| [step as f64 / width, (place(loss) - y_min) / height])
        }));
        draw_legend(&mut chart, sizes, position)?;
    }
    Ok(())
}
