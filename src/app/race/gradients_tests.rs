//! UI tests of data surfaces and stochastic gradients, driven as a user
//! would: choose a data file, drag the batch slider, tick the gradient
//! cloud, scrub the timeline, and check the race and what the map shows.

use eframe::egui;
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use optiviz::engine::batch::MiniBatch;
use optiviz::scene::Scene;
use optiviz::spec::params::Value;

use super::command::RaceCommand;
use super::tests::showing;
use super::timeline::Seek;
use crate::app::command::Command;
use crate::app::OptivizApp;

/// A harness showing gradient descent on the 40 rows of `linreg`, `steps`
/// steps done, gradients as the scene's `extra` lines say.
fn linreg_race(steps: usize, extra: &str) -> Harness<'static, OptivizApp> {
    let text = format!("surface = \"linreg\"\nsteps = {steps}\n[[runs]]\noptimizer = \"sgd:lr=0.1\"\n{extra}");
    showing(Scene::from_toml(&text).expect("a valid scene"), steps)
}

/// Drags the batch-size slider's handle to `share` of its width.
fn drag_batch_slider(harness: &mut Harness<'static, OptivizApp>, share: f32) {
    let slider = harness
        .get_all_by_label("batch size")
        .find(|node| node.accesskit_node().role() == egui::accesskit::Role::Slider)
        .expect("the batch-size slider");
    let (rect, value) = (slider.rect(), slider.accesskit_node().numeric_value());
    assert_eq!(value, Some(40.0), "all 40 rows at first");
    // The node spans the rail, the value field and the name; a drag anywhere on the rail moves the handle.
    let from = egui::pos2(rect.left() + rect.width() * 0.3, rect.center().y);
    let to = egui::pos2(rect.left() + rect.width() * share, rect.center().y);
    harness.hover_at(from);
    harness.drag_at(from);
    harness.step();
    for i in 1..=5 {
        harness.hover_at(from + (to - from) * i as f32 / 5.0);
        harness.step();
    }
    harness.drop_at(to);
    harness.run();
}

#[test]
fn dragging_the_batch_slider_draws_mini_batches_and_the_cloud_shows_them() {
    let mut harness = linreg_race(50, "");
    assert_eq!(harness.state().state.race.sampling.batch, None, "full batch at first");
    assert!(!harness.state().state.race.show_cloud);
    harness.get_by_label("full batch: every step sees all 40 rows");
    drag_batch_slider(&mut harness, 0.05);
    let race = &harness.state().state.race;
    let batch = race.sampling.batch.expect("the slider chose a mini-batch");
    assert!((1..10).contains(&batch.size), "near the slider's left end: {}", batch.size);
    assert_eq!(race.sim.runs()[0].sampling().batch, Some(batch), "the race restarted with the batches");
    harness.get_by_label(&format!("each step sees {} of 40 rows", batch.size));
    harness.get_by_label("gradient cloud").click();
    harness.run();
    assert!(harness.state().state.race.show_cloud);
    harness.get_by_label("gradients a step could draw");
    harness.get_by_label("−∇f over all rows");
}

#[test]
fn the_cloud_shows_the_gradient_the_scrubbed_step_drew() {
    let mut harness = linreg_race(120, "[batch]\nsize = 4\nseed = 9\n");
    let race = &harness.state().state.race;
    assert_eq!(race.sampling.batch, Some(MiniBatch { size: 4, seed: 9 }));
    assert!(race.show_cloud, "a race with mini-batches shows its cloud");
    harness.get_by_label("sgd: −∇f step 121 draws");
    harness.state_mut().apply(Command::Race(RaceCommand::Seek(Seek::To(30))));
    harness.run();
    harness.get_by_label("sgd: −∇f step 31 draws");
    // That is the very gradient step 31 took: plain SGD moved by −lr·g.
    let race = &harness.state().state.race;
    let (run, points) = (&race.sim.runs()[0], &race.sim.runs()[0].trajectory().points);
    let drawn = run.sampled_gradient_at(race.surface.as_ref(), 30, points[30]);
    for axis in 0..2 {
        let taken = (points[30][axis] - points[31][axis]) / 0.1;
        assert!((taken - drawn[axis]).abs() < 1e-12 * drawn[axis].abs().max(1.0), "{taken} against {drawn:?}");
    }
}

#[test]
fn a_broken_data_file_is_named_beside_the_field_and_the_rows_stay() {
    let mut harness = linreg_race(10, "");
    harness.get_by_label("none: rows generated");
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, "x,t\n1,2\n2,four\n").unwrap();
    let choose = |path: &std::path::Path| RaceCommand::SetSurfaceParam("data", Value::Path(path.display().to_string()));
    harness.state_mut().apply(Command::Race(choose(&broken)));
    harness.run();
    let error = harness.state().state.race.surface_error.clone().expect("the file's error");
    assert!(error.contains("line 3, column 't'") && error.contains("four"), "{error}");
    harness.get_by_label(&error);
    harness.get_by_label("The plot keeps the last surface that worked.");
    assert_eq!(harness.state().state.race.surface.data().map(|d| d.rows()), Some(40), "the generated rows stay");
    let good = dir.path().join("three.csv");
    std::fs::write(&good, "x,t\n1,2\n2,4\n3,5.5\n").unwrap();
    harness.state_mut().apply(Command::Race(choose(&good)));
    harness.run();
    let race = &harness.state().state.race;
    assert_eq!((race.surface.data().map(|d| d.rows()), &race.surface_error), (Some(3), &None));
    harness.get_by_label("three.csv");
    harness.get_by_label("full batch: every step sees all 3 rows");
    harness.get_by_label("generate").click();
    harness.run();
    assert_eq!(harness.state().state.race.surface.data().map(|d| d.rows()), Some(40), "generated again");
}

#[test]
fn the_cloud_is_drawn_for_the_first_run_whose_gradients_are_drawn() {
    let text = include_str!("../../../assets/scenes/linreg_batches.toml");
    let harness = showing(Scene::from_toml(text).expect("the preset"), 20);
    assert!(harness.state().state.race.show_cloud, "a preset with mini-batches shows its cloud");
    harness.get_by_label("Mini-batch (8 rows): −∇f step 21 draws");
    assert!(harness.query_by_label("Full batch (40 rows): −∇f step 21 draws").is_none(), "full batch draws nothing");
}
