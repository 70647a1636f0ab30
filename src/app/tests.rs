//! UI tests: drive the app by label with egui_kittest, as a user would, then
//! check the state that results.

use eframe::egui::{self, Key};
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;

use super::state::Layout;
use super::OptivizApp;

fn harness() -> Harness<'static, OptivizApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(super::install_fonts)
        .build_ui_state(|ui, app: &mut OptivizApp| app.show(ui), OptivizApp::new())
}

#[test]
fn choosing_a_surface_switches_view_and_start() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("bowl").click();
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.surface_config.settings().kind().name, "bowl");
    assert_eq!(state.start, [-4.0, 3.0]);
    assert_eq!(state.sim.start(), [-4.0, 3.0]);
}

#[test]
fn a_learning_rate_slider_restarts_the_race_with_the_new_rate() {
    let mut harness = harness();
    harness.run();
    // "adam" names both its row in the optimizer list and its legend entry.
    let row = harness.get_all_by_label("adam").min_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x)).unwrap();
    row.click();
    harness.run();
    assert_eq!(harness.state().state.selected, 2);
    let slider = harness.get_all_by_label("lr").find(|n| n.accesskit_node().role() == egui::accesskit::Role::Slider).unwrap();
    slider.set_value_accesskit(0.05);
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.runs[2].spec.optimizer.lr(), 0.05);
    assert_eq!(state.sim.runs()[2].spec().optimizer.lr(), 0.05, "the simulation runs with the new rate");
}

#[test]
fn play_runs_the_race_and_step_takes_one_step() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Step").click();
    harness.run();
    assert_eq!(harness.state().state.sim.steps(), 1);
    harness.get_by_label("Play").click();
    for _ in 0..5 {
        harness.step();
    }
    let state = &harness.state().state;
    assert!(state.playing);
    assert!(state.sim.steps() > 1 + state.steps_per_frame, "steps {}", state.sim.steps());
    let losses = &state.sim.runs()[2].trajectory().losses;
    assert!(losses.last() < losses.first(), "adam goes downhill");
    harness.get_by_label("Pause").click();
    harness.step();
    assert!(!harness.state().state.playing);
}

#[test]
fn keys_play_step_and_reset() {
    let mut harness = harness();
    harness.run();
    harness.key_press(Key::ArrowRight);
    harness.run();
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().state.sim.steps(), 2);
    harness.key_press(Key::R);
    harness.run();
    assert_eq!(harness.state().state.sim.steps(), 0);
    harness.key_press(Key::Space);
    harness.step();
    assert!(harness.state().state.playing);
}

#[test]
fn switching_layout_to_small_multiples() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Small multiples").click();
    harness.run();
    assert_eq!(harness.state().state.layout, Layout::SmallMultiples);
    harness.get_by_label("Overlay").click();
    harness.run();
    assert_eq!(harness.state().state.layout, Layout::Overlay);
}

#[test]
fn a_bad_formula_shows_its_error_and_keeps_the_last_good_surface() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("formula").click();
    harness.run();
    assert_eq!(harness.state().state.surface_config.to_string(), "expr:f=x^2 + 3*sin(y)");
    let field = harness.get_by_label("f(x, y) =");
    field.focus();
    field.type_text(" +");
    harness.run();
    let state = &harness.state().state;
    assert!(state.formula_error.as_deref().is_some_and(|e| e.contains("column")), "{:?}", state.formula_error);
    assert_eq!(state.surface_config.to_string(), "expr:f=x^2 + 3*sin(y)", "the last good surface stays");
}

#[test]
fn adding_and_removing_optimizers() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("+ Add optimizer").click();
    harness.run();
    harness.get_by_label("lion").click();
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.runs.len(), 4);
    assert_eq!(state.sim.runs().len(), 4);
    assert_eq!(state.selected, 3);
    harness.get_by_label("remove sgd").click();
    harness.run();
    let names: Vec<&str> = harness.state().state.runs.iter().map(|r| r.spec.optimizer.name()).collect();
    assert_eq!(names, ["momentum", "adam", "lion"]);
}
