//! UI tests of what a race spends and keeps: the curves against gradient
//! evaluations, the table's evaluations, the points some optimizers keep
//! beside their own, and the sensitivity view, driven by label as a user
//! would.

use eframe::egui;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use egui_plot::{PlotMemory, PlotPoint};
use optiviz::engine::sweep::SweepSetup;
use optiviz::optim::LearningRate;
use optiviz::scene::{AnyScene, Scene};

use super::command::RaceCommand;
use super::curves::{plot_id, Quantity};
use super::fixtures::rosenbrock_scene;
use super::sensitivity;
use super::state::CurveAxis;
use crate::app::command::Command;
use crate::app::tests::{harness, run_until_the_job_ends};
use crate::app::OptivizApp;

/// A harness showing a [`rosenbrock_scene`], `steps` steps done.
pub(super) fn race_of(optimizers: &[&str], steps: usize) -> Harness<'static, OptivizApp> {
    showing(rosenbrock_scene(optimizers, steps), steps)
}

/// A harness showing `scene`, `steps` steps done.
pub(super) fn showing(scene: Scene, steps: usize) -> Harness<'static, OptivizApp> {
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

/// The sensitivity view opened from the race's controls, `points` rates
/// from 1e-4 to 1, swept to the end.
fn swept(points: usize) -> Harness<'static, OptivizApp> {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Sensitivity").click();
    harness.run();
    assert!(harness.state().state.race.sensitivity.open);
    let app = harness.state_mut();
    app.apply(Command::Race(RaceCommand::SetSweepBounds("1e-4".into(), "1".into())));
    app.apply(Command::Race(RaceCommand::SetSweepPoints(points)));
    harness.run();
    harness.get_by_label("Sweep").click();
    run_until_the_job_ends(&mut harness);
    harness
}

#[test]
fn the_sensitivity_view_sweeps_every_optimizer_in_the_background() {
    let harness = swept(9);
    let race = &harness.state().state.race;
    let view = &race.sensitivity;
    assert_eq!(view.swept.len(), 3, "sgd, momentum and adam");
    assert_eq!(view.swept_setup, "5000 steps on rosenbrock from (-1, 1)");
    let rates = view.range.rates();
    let setup = SweepSetup { surface: race.surface.clone(), start: race.start, noise: None, steps: 5000 };
    for ((index, label, rows), entry) in view.swept.iter().zip(&race.lineup.runs) {
        assert_eq!(label, entry.spec.optimizer.label());
        assert_eq!(rows.len(), 9);
        assert_eq!(rows.iter().map(|row| row.lr).collect::<Vec<_>>(), rates);
        // Each row is the race at that rate.
        let lr = LearningRate::new(rates[4]).unwrap();
        assert_eq!(rows[4], setup.row(&race.lineup.runs[*index].spec, lr));
    }
    let sgd = &view.swept[0].2;
    assert!(sgd.last().unwrap().diverged_at.is_some(), "sgd at lr 1 blows up on Rosenbrock: {sgd:?}");
    assert!(sgd[0].final_loss.is_some());
    harness.get_by_label(sensitivity::DIVERGED);
}

#[test]
fn a_sweep_shows_its_progress_and_esc_stops_it_without_a_result() {
    let mut harness = harness();
    harness.run();
    // Long runs, so that the sweep is still going when Esc comes.
    harness.state_mut().apply(Command::Race(RaceCommand::SetTotalSteps(2_000_000)));
    harness.run();
    harness.get_by_label("Sensitivity").click();
    harness.run();
    harness.get_by_label("Sweep").click();
    harness.step();
    harness.step();
    let job = harness.state().state.job.clone();
    assert!(job.as_ref().is_some_and(|(what, _)| what == "sweeping learning rates"), "{job:?}");
    harness.key_press(egui::Key::Escape);
    run_until_the_job_ends(&mut harness);
    let view = &harness.state().state.race.sensitivity;
    assert!(view.swept.is_empty() && view.swept_setup.is_empty(), "a stopped sweep leaves nothing half done");
}

#[test]
fn clicking_a_point_of_the_sensitivity_view_sets_that_optimizers_rate() {
    let mut harness = swept(9);
    let (lr, loss) = {
        let adam = &harness.state().state.race.sensitivity.swept[2];
        let row = adam.2[3];
        (row.lr, row.final_loss.unwrap())
    };
    assert_ne!(harness.state().state.race.lineup.runs[2].spec.optimizer.lr(), lr);
    let transform = PlotMemory::load(&harness.ctx, sensitivity::plot_id()).expect("the plot was shown").transform();
    let at = transform.position_from_point(&PlotPoint::new(lr.log10(), loss.log10()));
    harness.hover_at(at);
    harness.run();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.run();
    let race = &harness.state().state.race;
    assert_eq!(race.lineup.runs[2].spec.optimizer.lr(), lr, "adam takes the clicked rate");
    assert_eq!(race.sim.runs()[2].spec().optimizer.lr(), lr, "and races with it");
    assert_eq!(race.lineup.runs[0].spec.optimizer.lr(), 0.001, "the others keep theirs");
}

#[test]
fn bounds_that_are_not_a_range_say_why_beside_the_fields_and_change_nothing() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Sensitivity").click();
    harness.run();
    let before = harness.state().state.race.sensitivity.range;
    // "1e-5" becomes "100", above the largest rate, 10.
    harness.get_by_label("lr from").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label("lr from").type_text("100");
    harness.run();
    harness.get_by_label("lr-min=100 must be below lr-max=10");
    harness.get_by_label("Sweep").click();
    harness.get_by_label("Tune learning rates").click();
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.race.sensitivity.range, before, "the last good range stays");
    assert!(state.job.is_none(), "neither a sweep nor a search starts");
    assert_eq!(state.race.sensitivity.min_text, "100", "the field keeps what was typed");
    harness.state_mut().apply(Command::Race(RaceCommand::SetSweepBounds("1e-3".into(), "0.1".into())));
    harness.run();
    let view = &harness.state().state.race.sensitivity;
    assert_eq!((view.error.as_deref(), view.range.min(), view.range.max()), (None, 1e-3, 0.1));
}
