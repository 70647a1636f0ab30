//! UI tests of what a race spends and keeps: the curves against gradient
//! evaluations, the table's evaluations, and the points some optimizers
//! keep beside their own, driven by label as a user would.

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use egui_plot::PlotMemory;
use optiviz::scene::AnyScene;

use super::curves::{plot_id, Quantity};
use super::fixtures::rosenbrock_scene;
use super::state::CurveAxis;
use crate::app::command::Command;
use crate::app::tests::harness;
use crate::app::OptivizApp;

/// A harness showing a [`rosenbrock_scene`], `steps` steps done.
pub(super) fn race_of(optimizers: &[&str], steps: usize) -> Harness<'static, OptivizApp> {
    let scene = rosenbrock_scene(optimizers, steps);
    let mut harness = harness();
    harness.run();
    let app = harness.state_mut();
    app.apply(Command::LoadScene(Box::new(AnyScene::Race(scene))));
    app.state.race.sim.advance_to(steps);
    harness.run();
    harness
}

/// The x range the loss curves' plot shows against `x`.
fn shown_x_range(harness: &Harness<'static, OptivizApp>, x: CurveAxis) -> [f64; 2] {
    let memory = PlotMemory::load(&harness.ctx, plot_id(Quantity::Loss, x)).expect("the plot was shown");
    let bounds = memory.bounds();
    [bounds.min()[0], bounds.max()[0]]
}

#[test]
fn the_curves_switch_to_gradient_evaluations_where_newton_spends_three_a_step() {
    let mut harness = race_of(&["sgd:lr=0.001", "newton"], 200);
    assert_eq!(harness.state().state.race.curves_x, CurveAxis::Steps);
    let [_, by_step] = shown_x_range(&harness, CurveAxis::Steps);
    assert!((200.0..230.0).contains(&by_step), "the steps axis ends at 200 steps: {by_step}");
    harness.get_by_label("gradient evaluations").click();
    harness.run();
    let race = &harness.state().state.race;
    assert_eq!(race.curves_x, CurveAxis::Evaluations);
    let newton = race.sim.runs()[1].trajectory();
    assert_eq!(newton.evaluations.last(), Some(&600), "a gradient and a Hessian (two) a step");
    let [from, to] = shown_x_range(&harness, CurveAxis::Evaluations);
    assert!(from <= 0.0 && (600.0..690.0).contains(&to), "newton's curve stretches to 600 evaluations: {from}..{to}");
    // The table counts the work too.
    harness.get_by_label("600 (+3)");
    harness.get_by_label("steps").click();
    harness.run();
    assert_eq!(harness.state().state.race.curves_x, CurveAxis::Steps);
}

#[test]
fn companion_points_show_asgds_average_in_the_legend() {
    let mut harness = race_of(&["sgd:lr=0.001", "asgd:lr=0.001,t0=10"], 300);
    let legend = "asgd · averaged point";
    assert!(harness.query_by_label(legend).is_none(), "off at first");
    harness.get_by_label("companion points").click();
    harness.run();
    assert!(harness.state().state.race.show_companions);
    harness.get_by_label(legend);
    harness.get_by_label("companion points").click();
    harness.run();
    assert!(!harness.state().state.race.show_companions);
    assert!(harness.query_by_label(legend).is_none());
}

#[test]
fn the_companion_toggle_is_greyed_out_when_no_optimizer_keeps_a_point() {
    let mut harness = race_of(&["sgd:lr=0.001", "adam"], 10);
    harness.get_by_label("companion points").click();
    harness.run();
    assert!(!harness.state().state.race.show_companions);
}
