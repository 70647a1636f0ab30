//! What some optimizers keep beside their point, on the 2-D plot: an
//! averaged point or slow weights as a dashed path in the run's colour with
//! a hollow marker where it stands now; adversarial points as crosses, each
//! tied by a thin line to the point the step set out from. [`marks`] works
//! out what to draw apart from egui, so tests can check it; [`draw`] draws it.

use eframe::egui::Color32;
use egui_plot::{LineStyle, MarkerShape, PlotPoints, PlotUi, Points};
use optiviz::engine::race::Trajectory;
use optiviz::optim::CompanionKind;
use optiviz::plot::lod::DecimatedPath;

use crate::app::widgets::path_style::{path_line, PathStyle};

/// What to draw of a run's companion at a step.
#[derive(Clone, Debug, PartialEq)]
pub enum Marks {
    /// A point that follows the run (an average, slow weights): its path,
    /// thinned for the screen, and where it stands now.
    Follower {
        /// The thinned path, from the start to `now`.
        path: Vec<[f64; 2]>,
        /// Where it stands after the step.
        now: [f64; 2],
    },
    /// The points the step evaluated beside the run.
    Ascent {
        /// The point the step set out from.
        from: [f64; 2],
        /// The points it evaluated.
        points: Vec<[f64; 2]>,
    },
}

/// What `trajectory`'s companion shows at point `step` (the timeline's), its
/// path thinned through `path` at `unit` (the data size of a pixel); `None`
/// for a run without a companion, or with nothing to show yet.
pub fn marks(
    trajectory: &Trajectory,
    step: usize,
    path: &mut DecimatedPath,
    unit: [f64; 2],
) -> Option<(CompanionKind, Marks)> {
    let track = trajectory.companion.as_ref()?;
    let marks = if track.kind.follows_the_point() {
        let now = *track.points.get(step)?;
        Marks::Follower { path: path.update_until(&track.points, unit, step), now }
    } else {
        let points = track.at_step(step);
        let from = *trajectory.points.get(step.checked_sub(1)?)?;
        (!points.is_empty()).then(|| Marks::Ascent { from, points: points.to_vec() })?
    };
    Some((track.kind, marks))
}

/// The legend's and hover's name of `kind` kept by the run `label`:
/// "lookahead · slow weights".
pub fn name(label: &str, kind: CompanionKind) -> String {
    format!("{label} · {}", kind.title())
}

/// Draws `marks` of `kind` in the run's `color`, named after the run `label`.
pub fn draw(
    plot_ui: &mut PlotUi<'_>,
    label: &str,
    kind: CompanionKind,
    marks: Marks,
    color: Color32,
    style: PathStyle,
) {
    let name = name(label, kind);
    let thin = (style.width * 0.6).max(1.0);
    match marks {
        Marks::Follower { path, now } => {
            plot_ui.line(path_line(name.clone(), path).color(color).width(thin).style(LineStyle::dashed_loose()));
            plot_ui.points(
                Points::new(name, PlotPoints::from(vec![now]))
                    .shape(marker(kind))
                    .radius(style.marker)
                    .filled(false)
                    .color(color),
            );
        }
        Marks::Ascent { from, points } => {
            // One line out to each point and back, so the ties are one item;
            // the ties and crosses sit on a dark shadow, as the paths do.
            let ties: Vec<[f64; 2]> = points.iter().flat_map(|&p| [from, p]).collect();
            let shadow = Color32::from_black_alpha(140);
            plot_ui.line(path_line("", ties.clone()).color(shadow).width(thin + 2.0).allow_hover(false));
            plot_ui.line(path_line(name.clone(), ties).color(color).width(thin));
            let crosses = |name: String, radius: f32, color: Color32| {
                Points::new(name, PlotPoints::from(points.clone())).shape(marker(kind)).radius(radius).color(color)
            };
            plot_ui.points(crosses(String::new(), style.marker * 1.2, shadow).allow_hover(false));
            plot_ui.points(crosses(name, style.marker, color));
        }
    }
}

/// The marker of a companion: a hollow circle for an average, a hollow
/// square for slow weights, a cross for an adversarial point.
fn marker(kind: CompanionKind) -> MarkerShape {
    match kind {
        CompanionKind::Averaged => MarkerShape::Circle,
        CompanionKind::Slow => MarkerShape::Square,
        CompanionKind::Adversarial => MarkerShape::Cross,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::race::fixtures::rosenbrock_race;
    use optiviz::engine::race::CompanionTrack;

    #[test]
    fn an_averaged_point_is_drawn_along_the_trajectorys_own_companion_points() {
        let sim = rosenbrock_race(&["asgd:lr=0.001,t0=1"], 200);
        let trajectory = sim.runs()[0].trajectory();
        let track = trajectory.companion.as_ref().expect("asgd keeps an average");
        assert_eq!(track.points.len(), trajectory.points.len());
        assert_ne!(track.points, trajectory.points, "averaged from step 1, it lags behind the point");
        // At a pixel far smaller than a step, nothing is thinned away.
        let (kind, drawn) = marks(trajectory, 200, &mut DecimatedPath::new(10_000), [1e-12, 1e-12]).unwrap();
        assert_eq!(kind, CompanionKind::Averaged);
        assert_eq!(drawn, Marks::Follower { path: track.points.clone(), now: *track.points.last().unwrap() });
        // At a coarse pixel it is thinned, from the start to where it stands.
        let Some((_, Marks::Follower { path, now })) =
            marks(trajectory, 200, &mut DecimatedPath::new(10_000), [0.1, 0.1])
        else {
            panic!("a follower")
        };
        assert!(path.len() < track.points.len());
        assert_eq!((path.first(), path.last()), (track.points.first(), Some(&now)));
        // At step 80 of the timeline, it is drawn up to its point of step 80.
        let (_, drawn) = marks(trajectory, 80, &mut DecimatedPath::new(10_000), [1e-12, 1e-12]).unwrap();
        assert_eq!(drawn, Marks::Follower { path: track.points[..=80].to_vec(), now: track.points[80] });
    }

    #[test]
    fn adversarial_points_are_tied_to_the_point_their_step_set_out_from() {
        let trajectory = Trajectory {
            points: vec![[0.0, 0.0], [1.0, 0.0], [2.0, 0.0]],
            companion: Some(CompanionTrack {
                kind: CompanionKind::Adversarial,
                per_step: 2,
                points: vec![[0.0, 0.5], [0.0, -0.5], [1.0, 0.5], [1.0, -0.5]],
            }),
            ..Trajectory::default()
        };
        let mut path = DecimatedPath::new(100);
        let drawn = marks(&trajectory, 2, &mut path, [1e-3, 1e-3]);
        let expected = Marks::Ascent { from: [1.0, 0.0], points: vec![[1.0, 0.5], [1.0, -0.5]] };
        assert_eq!(drawn, Some((CompanionKind::Adversarial, expected)));
        let first = Marks::Ascent { from: [0.0, 0.0], points: vec![[0.0, 0.5], [0.0, -0.5]] };
        assert_eq!(marks(&trajectory, 1, &mut path, [1e-3, 1e-3]), Some((CompanionKind::Adversarial, first)));
        assert_eq!(marks(&trajectory, 0, &mut path, [1e-3, 1e-3]), None, "nothing before the first step");
        assert_eq!(name("sam", CompanionKind::Adversarial), "sam · adversarial points");
    }
}
