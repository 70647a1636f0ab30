//! UI tests of the timeline and the readouts, driven as a user would: drag
//! the slider, press the keys, play, hover the map and the curves, then
//! check what every view shows.

use eframe::egui::{self, Key};
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use egui_plot::{PlotMemory, PlotPoint, PlotTransform};

use super::command::RaceCommand;
use super::curves::{plot_id as curves_id, Quantity};
use super::plot::plot_id;
use super::state::CurveAxis;
use super::tests::race_of;
use super::timeline::Seek;
use crate::app::command::Command;
use crate::app::OptivizApp;

/// The transform of the overlay's race plot as last shown.
fn map_transform(harness: &Harness<'static, OptivizApp>) -> PlotTransform {
    let framing = harness.state().state.race.framing;
    PlotMemory::load(&harness.ctx, plot_id("race", framing)).expect("the map was shown").transform()
}

/// The screen position of plane point `p` on the race plot.
fn on_map(harness: &Harness<'static, OptivizApp>, p: [f64; 2]) -> egui::Pos2 {
    map_transform(harness).position_from_point(&PlotPoint::new(p[0], p[1]))
}

/// Drags the timeline slider's handle from `from` to `to` (shares of its width).
fn drag_timeline(harness: &mut Harness<'static, OptivizApp>, from: f32, to: f32) {
    let slider = harness
        .get_all_by_label("timeline")
        .find(|node| node.accesskit_node().role() == egui::accesskit::Role::Slider)
        .expect("the timeline slider");
    let rect = slider.rect();
    let at = |share: f32| egui::pos2(rect.left() + rect.width() * share, rect.center().y);
    harness.hover_at(at(from));
    harness.drag_at(at(from));
    harness.step();
    for i in 1..=5 {
        harness.hover_at(at(from + (to - from) * i as f32 / 5.0));
        harness.step();
    }
    harness.drop_at(at(to));
    harness.run();
}

#[test]
fn dragging_the_timeline_pauses_and_every_view_shows_that_step() {
    let mut harness = race_of(&["sgd:lr=0.001", "adam:lr=0.01"], 2000);
    harness.get_by_label("Play").click();
    harness.step();
    assert!(harness.state().state.race.playing);
    drag_timeline(&mut harness, 0.2, 0.45);
    let race = &harness.state().state.race;
    assert!(!race.playing, "dragging pauses");
    assert_eq!(race.sim.steps(), 2000, "nothing is computed again");
    let k = race.shown_step();
    assert!(!race.timeline.follows());
    // The slider's node holds its rail, value field and name: 45 % of it is about half the rail.
    assert!((600..1400).contains(&k), "the handle near the middle of 2000 steps: {k}");
    // The table: each run's step and adam's loss at k.
    let adam = race.sim.runs()[1].trajectory();
    let loss = format!("{:.4e}", adam.losses[k]);
    let point = adam.points[k];
    let end = *adam.points.last().unwrap();
    assert!(harness.query_all_by_label(&k.to_string()).count() >= 2, "the step in both rows");
    harness.get_by_label(&loss);
    // The curves: a cursor at k, named in their legend.
    harness.get_by_label(&format!("step {k}"));
    // The map: the paths are drawn up to k, so near adam's last point the nearest point drawn is from k or before.
    harness.hover_at(on_map(&harness, end));
    harness.run();
    let readout = *harness.state().race_views.readout().expect("a readout over the map");
    let nearest = readout.nearest.expect("paths are drawn");
    assert!(nearest.step <= k, "{nearest:?} is drawn by step {k}");
    // On adam's point at k, the readout names it (or a point of the same pixel).
    harness.hover_at(on_map(&harness, point));
    harness.run();
    let readout = *harness.state().race_views.readout().expect("a readout over the map");
    let nearest = readout.nearest.expect("paths are drawn");
    let pixel = map_transform(&harness).dvalue_dpos();
    let apart = ((nearest.point[0] - point[0]) / pixel[0]).hypot((nearest.point[1] - point[1]) / pixel[1]);
    assert!(nearest.step <= k && apart <= 1.5, "{nearest:?} against adam at step {k}, {apart} px apart");
}

#[test]
fn arrows_home_and_end_move_the_timeline() {
    let mut harness = race_of(&["sgd:lr=0.001", "adam:lr=0.01"], 200);
    let shown = |harness: &Harness<'static, OptivizApp>| harness.state().state.race.shown_step();
    harness.key_press(Key::Home);
    harness.run();
    assert_eq!(shown(&harness), 0);
    for _ in 0..2 {
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
    assert_eq!(shown(&harness), 2);
    harness.key_press(Key::ArrowLeft);
    harness.run();
    assert_eq!(shown(&harness), 1);
    harness.key_press(Key::End);
    harness.run();
    let race = &harness.state().state.race;
    assert!(race.timeline.follows() && shown(&harness) == 200, "End: the latest step");
    harness.key_press(Key::ArrowLeft);
    harness.run();
    assert_eq!(shown(&harness), 199);
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert!(harness.state().state.race.timeline.follows(), "→ to the latest step follows the race again");
    assert_eq!(harness.state().state.race.sim.steps(), 200, "and computes nothing past its length");
}

#[test]
fn play_continues_from_the_step_held_and_computes_only_past_the_latest() {
    let mut harness = race_of(&["sgd:lr=0.001", "adam:lr=0.01"], 300);
    let app = harness.state_mut();
    app.apply(Command::Race(RaceCommand::SetTotalSteps(1000)));
    app.apply(Command::Race(RaceCommand::Seek(Seek::To(200))));
    let epoch = app.state.race.sim.epoch();
    let speed = app.state.race.steps_per_frame;
    assert_eq!((app.state.race.shown_step(), app.state.race.sim.steps()), (200, 300));
    harness.get_by_label("Play").click();
    harness.step();
    let race = &harness.state().state.race;
    assert!(race.playing);
    assert_eq!((race.shown_step(), race.sim.steps()), (200 + speed, 300), "the view moves; nothing is computed");
    assert_eq!(race.sim.epoch(), epoch, "the race is not started again");
    while harness.state().state.race.sim.steps() == 300 {
        harness.step();
    }
    let race = &harness.state().state.race;
    assert!(race.timeline.follows(), "past the latest step the view follows the race");
    assert!(race.sim.steps() > 300 && race.shown_step() == race.sim.steps());
    harness.get_by_label("Pause").click();
    harness.step();
}

#[test]
fn play_at_the_end_shows_the_race_again_from_the_start() {
    let mut harness = race_of(&["adam:lr=0.01"], 300);
    let epoch = harness.state().state.race.sim.epoch();
    harness.get_by_label("Play").click();
    harness.step();
    let race = &harness.state().state.race;
    assert!(race.playing && race.shown_step() == race.steps_per_frame, "{}", race.shown_step());
    assert_eq!(race.sim.epoch(), epoch, "from what was computed");
    harness.key_press(Key::R);
    harness.run();
    let race = &harness.state().state.race;
    assert!(race.timeline.follows() && race.sim.steps() == 0, "reset: the start, following the race");
}

#[test]
fn hovering_the_map_reads_f_and_its_gradient_there() {
    let mut harness = race_of(&["sgd:lr=0.001", "adam:lr=0.01"], 500);
    let pos = on_map(&harness, [0.3, 0.6]);
    harness.hover_at(pos);
    harness.run();
    let readout = *harness.state().race_views.readout().expect("a readout over the map");
    let under = map_transform(&harness).value_from_position(pos);
    assert!((readout.at[0] - under.x).abs() < 1e-9 && (readout.at[1] - under.y).abs() < 1e-9, "{readout:?}");
    let surface = harness.state().state.race.surface.clone();
    assert_eq!(readout.value, surface.value(readout.at));
    assert!((readout.value - surface.value([0.3, 0.6])).abs() < 0.5, "f(0.3, 0.6) = 26.5: {readout:?}");
    assert_eq!(readout.gradient, surface.gradient(readout.at));
    harness.get_by_label(&readout.value_text());
    harness.get_by_label("nearest path point");
    // Away from the map, no readout.
    harness.hover_at(egui::pos2(5.0, 890.0));
    harness.run();
    assert!(harness.state().race_views.readout().is_none());
}

#[test]
fn hovering_the_curves_reads_every_optimizer_at_that_step() {
    let mut harness = race_of(&["sgd:lr=0.001", "adam:lr=0.01"], 2000);
    let memory = PlotMemory::load(&harness.ctx, curves_id(Quantity::Loss, CurveAxis::Steps)).expect("the curves");
    let middle = memory.transform().frame().center().y;
    let x = memory.transform().position_from_point(&PlotPoint::new(1000.0, 0.0)).x;
    harness.hover_at(egui::pos2(x, middle));
    harness.run();
    harness.get_by_label("step 1000");
    for run in harness.state().state.race.sim.runs() {
        harness.get_by_label(&format!("{:.4e}", run.trajectory().losses[1000]));
    }
}

#[test]
fn hovering_a_small_multiple_reads_the_nearest_point_of_its_own_run() {
    let mut harness = race_of(&["sgd:lr=0.001", "adam:lr=0.01"], 500);
    harness.get_by_label("Small multiples").click();
    harness.run();
    let framing = harness.state().state.race.framing;
    // Adam's panel, on adam's point at step 300: adam's own path is searched, not sgd's.
    let adam = harness.state().state.race.sim.runs()[1].trajectory().points[300];
    let transform = PlotMemory::load(&harness.ctx, plot_id("race 1", framing)).expect("adam's panel").transform();
    harness.hover_at(transform.position_from_point(&PlotPoint::new(adam[0], adam[1])));
    harness.run();
    let readout = *harness.state().race_views.readout().expect("a readout over the panel");
    assert_eq!(readout.nearest.map(|n| n.run), Some(1), "{readout:?}");
    harness.get_by_label(&readout.value_text());
}
