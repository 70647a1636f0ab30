//! UI tests: drive the app by label with egui_kittest, as a user would, then
//! check the state that results.

use eframe::egui::{self, Key};
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;

use super::OptivizApp;
use optiviz::scene::Layout;

pub(super) fn harness() -> Harness<'static, OptivizApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        // Frames a sixtieth of a second apart, as on screen (so two clicks can make a double-click).
        .with_step_dt(1.0 / 60.0)
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
    assert_eq!(harness.state().state.lineup.selected, 2);
    let slider =
        harness.get_all_by_label("lr").find(|n| n.accesskit_node().role() == egui::accesskit::Role::Slider).unwrap();
    slider.set_value_accesskit(0.05);
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.lineup.runs[2].spec.optimizer.lr(), 0.05);
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
    assert_eq!(harness.state().state.layout, Layout::Grid);
    harness.get_by_label("Overlay").click();
    harness.run();
    assert_eq!(harness.state().state.layout, Layout::Overlay);
}

#[test]
fn dragging_the_3d_view_turns_the_camera_and_double_click_resets_it() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("3-D").click();
    harness.run();
    assert_eq!(harness.state().state.layout, Layout::Surface3d);
    let before = harness.state().state.camera;
    // The middle of the window lies in the central panel, between the side panels.
    let (from, to) = (egui::pos2(640.0, 450.0), egui::pos2(700.0, 490.0));
    harness.hover_at(from);
    harness.drag_at(from);
    harness.run();
    for i in 1..=6 {
        harness.hover_at(from + (to - from) * (i as f32 / 6.0));
        harness.run();
    }
    harness.drop_at(to);
    harness.run();
    let after = harness.state().state.camera;
    assert!(after.yaw != before.yaw, "yaw {} → {}", before.yaw, after.yaw);
    assert!(after.pitch > before.pitch, "dragging down raises the camera: {} → {}", before.pitch, after.pitch);
    harness.get_by_label("Overlay").click();
    harness.run();
    harness.get_by_label("3-D").click();
    harness.run();
    assert_eq!(harness.state().state.camera, after, "switching layouts keeps the camera");
    harness.hover_at(from);
    // Half a second after the last button click, so the next two clicks make a double, not a triple.
    for _ in 0..30 {
        harness.step();
    }
    for _ in 0..2 {
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton {
                pos: from,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
        }
        harness.step();
    }
    harness.run();
    assert_eq!(harness.state().state.camera, optiviz::plot::mesh3d::Camera::default(), "double-click resets the view");
}

#[test]
fn a_3d_scene_saves_and_loads_as_3d() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("three.toml");
    let mut app = OptivizApp::new();
    super::command::Command::SetLayout(Layout::Surface3d).apply(&mut app.state);
    super::command::Command::SaveScene(path.clone()).apply(&mut app.state);
    assert!(std::fs::read_to_string(&path).unwrap().contains("layout = \"3d\""));
    let mut other = OptivizApp::new();
    super::command::Command::OpenScene(path).apply(&mut other.state);
    assert_eq!(other.state.layout, Layout::Surface3d);
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
    assert_eq!(state.lineup.runs.len(), 4);
    assert_eq!(state.sim.runs().len(), 4);
    assert_eq!(state.lineup.selected, 3);
    harness.get_by_label("remove sgd").click();
    harness.run();
    let names: Vec<&str> = harness.state().state.lineup.runs.iter().map(|r| r.spec.optimizer.name()).collect();
    assert_eq!(names, ["momentum", "adam", "lion"]);
}

#[test]
fn loading_a_preset_sets_up_its_race() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Presets").click();
    harness.run();
    harness.get_by_label("Rosenbrock: four optimizers, 5000 steps from (-1, 1)").click();
    harness.run();
    let state = &harness.state().state;
    let labels: Vec<&str> = state.lineup.runs.iter().map(|r| r.spec.optimizer.label()).collect();
    assert_eq!(labels, ["GD", "Momentum", "RMSProp", "Adam"]);
    assert_eq!(state.layout, Layout::Grid);
    assert_eq!(state.total_steps, 5000);
    assert_eq!(state.start, [-1.0, 1.0]);
    assert!(state.explanation.as_ref().is_some_and(|e| e.text.contains("valley")));
    assert_eq!(state.sim.runs().len(), 4);
}

#[test]
fn every_preset_loads() {
    for (name, text) in super::scenes::PRESETS {
        let scene = optiviz::scene::AnyScene::from_toml(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let network = matches!(scene, optiviz::scene::AnyScene::Network(_));
        let mut app = OptivizApp::new();
        super::command::Command::LoadScene(Box::new(scene)).apply(&mut app.state);
        assert!(app.state.status.is_none(), "{name}: {:?}", app.state.status);
        let state = &app.state;
        if network {
            assert_eq!(state.page, super::state::Page::Network, "{name}");
            assert!(!state.network.training.runs().is_empty(), "{name}");
        } else {
            assert_eq!(state.page, super::state::Page::Surface, "{name}");
            assert!(!state.sim.runs().is_empty(), "{name}");
        }
    }
}

#[test]
fn a_broken_scene_file_changes_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.toml");
    std::fs::write(&path, "surface = \"rosenbrock\"\nsteps = 100\n[[runs]]\noptimizer = \"adam:lr=-1\"\n").unwrap();
    let mut harness = harness();
    harness.run();
    let before: Vec<String> = harness.state().state.lineup.runs.iter().map(|r| r.spec.optimizer.to_string()).collect();
    harness.state_mut().state.status = None;
    super::command::Command::OpenScene(path).apply(&mut harness.state_mut().state);
    harness.run();
    let state = &harness.state().state;
    let status = state.status.clone().unwrap_or_default();
    assert!(status.contains("lr=-1") && status.contains("line 4"), "{status}");
    let after: Vec<String> = state.lineup.runs.iter().map(|r| r.spec.optimizer.to_string()).collect();
    assert_eq!(before, after);
    super::command::Command::OpenScene(dir.path().join("missing.toml")).apply(&mut harness.state_mut().state);
    assert!(harness.state().state.status.as_deref().is_some_and(|s| s.contains("missing.toml")));
}

#[test]
fn a_saved_scene_loads_back_the_same_race() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    let mut app = OptivizApp::new();
    super::command::Command::Run(super::lineup::RunCommand::SetParam(
        2,
        "lr",
        optiviz::spec::params::Value::Real(0.02),
    ))
    .apply(&mut app.state);
    super::command::Command::SaveScene(path.clone()).apply(&mut app.state);
    let mut other = OptivizApp::new();
    super::command::Command::OpenScene(path).apply(&mut other.state);
    assert_eq!(other.state.lineup.runs, app.state.lineup.runs);
    assert_eq!(other.state.start, app.state.start);
}

#[test]
fn export_writes_the_race_and_its_loss_curves() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = OptivizApp::new();
    super::command::Command::SetTotalSteps(200).apply(&mut app.state);
    app.state.sim.advance_to(200);
    exports_pngs(&mut app, dir.path(), "figure", ["figure_race.png", "figure_loss.png"], (1920, 1080));
}

/// Exports the shown view as `<stem>.png` in `dir` at `size`, waits for
/// the background job, and checks that the status says so and that `names`
/// in `dir` are PNGs of that size.
pub(super) fn exports_pngs(
    app: &mut OptivizApp,
    dir: &std::path::Path,
    stem: &str,
    names: [&str; 2],
    size: (u32, u32),
) {
    super::command::Command::ExportPng(dir.join(format!("{stem}.png")), size).apply(&mut app.state);
    super::run_jobs(&mut app.jobs, &mut app.state);
    let started = std::time::Instant::now();
    while app.state.job.is_some() {
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "the export never ended");
        std::thread::sleep(std::time::Duration::from_millis(5));
        super::run_jobs(&mut app.jobs, &mut app.state);
    }
    let status = app.state.status.clone().unwrap_or_default();
    assert!(status.starts_with("exported"), "{status}");
    for name in names {
        let image = image::open(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((image.width(), image.height()), size);
    }
}

/// Draws frames until the background job has ended, as the window does
/// while it runs (a watchdog of a minute fails a job that never ends).
fn run_until_the_job_ends(harness: &mut Harness<'static, OptivizApp>) {
    harness.step();
    let started = std::time::Instant::now();
    while harness.state().state.job.is_some() {
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "the job never ended");
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.step();
}

#[test]
fn tuning_runs_in_the_background_and_esc_stops_it() {
    let mut harness = harness();
    harness.run();
    // Long trials, so that the search is still running when Esc comes.
    super::command::Command::SetTotalSteps(2_000_000).apply(&mut harness.state_mut().state);
    let before: Vec<f64> = harness.state().state.lineup.runs.iter().map(|r| r.spec.optimizer.lr()).collect();
    harness.get_by_label("Tune learning rates").click();
    harness.step();
    harness.step();
    let job = harness.state().state.job.clone();
    assert!(job.as_ref().is_some_and(|(what, _)| what.starts_with("tuning")), "{job:?}");
    // The window keeps drawing and the race keeps playing while the search runs.
    harness.get_by_label("Play").click();
    for _ in 0..3 {
        harness.step();
    }
    assert!(harness.state().state.sim.steps() > 0);
    harness.key_press(Key::Escape);
    run_until_the_job_ends(&mut harness);
    let state = &harness.state().state;
    let after: Vec<f64> = state.lineup.runs.iter().map(|r| r.spec.optimizer.lr()).collect();
    assert_eq!(before, after, "a stopped search changes no rate");
    assert!(state.tuned.is_empty());
}

#[test]
fn tune_gives_every_optimizer_the_same_budget_and_its_best_rate() {
    let mut harness = harness();
    harness.run();
    let before: Vec<f64> = harness.state().state.lineup.runs.iter().map(|r| r.spec.optimizer.lr()).collect();
    harness.get_by_label("Tune learning rates").click();
    run_until_the_job_ends(&mut harness);
    let state = &harness.state().state;
    assert_eq!(state.tuned.len(), 3);
    assert!(state.tuned.iter().all(|(_, t)| t.trials == super::command::TUNE_TRIALS && t.steps == state.total_steps));
    let after: Vec<f64> = state.lineup.runs.iter().map(|r| r.spec.optimizer.lr()).collect();
    assert_ne!(before, after);
    for ((run, (label, tuned)), lr) in state.sim.runs().iter().zip(&state.tuned).zip(&after) {
        assert_eq!(run.spec().optimizer.label(), label);
        assert_eq!(run.spec().optimizer.lr(), *lr, "the race restarted with the tuned rate");
        assert_eq!(tuned.lr, *lr);
    }
    // SGD at its default rate crawls along Rosenbrock's valley; tuned, it ends far lower.
    let mut default = optiviz::Simulation::new(
        state.surface.clone(),
        state.start,
        vec![optiviz::RunSpec { optimizer: "sgd:lr=0.001".parse().unwrap(), schedule: optiviz::Schedule::Constant }],
        None,
    );
    default.advance_to(state.total_steps);
    let default_loss = *default.runs()[0].trajectory().losses.last().unwrap();
    assert!(state.tuned[0].1.final_loss < default_loss, "{:?} vs {default_loss}", state.tuned[0]);
    harness.get_by_label("Each optimizer got 24 trial races of 5000 steps.");
}

#[test]
fn ctrl_plus_zooms_the_ui_and_presentation_mode_sets_its_own_zoom() {
    let mut harness = harness();
    harness.run();
    assert_eq!(harness.ctx.zoom_factor(), 1.0);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Plus);
    harness.run();
    harness.run();
    let zoomed = harness.ctx.zoom_factor();
    assert!(zoomed > 1.0, "Ctrl + zooms in: {zoomed}");
    harness.key_press(Key::P);
    harness.run();
    assert_eq!(harness.ctx.zoom_factor(), 1.5, "presentation mode");
    harness.key_press(Key::P);
    harness.run();
    assert_eq!(harness.ctx.zoom_factor(), 1.0);
}

#[test]
fn the_3d_layout_shows_the_whole_surface_whatever_the_2d_panels_narrowed() {
    let mut app = OptivizApp::new();
    let state = &mut app.state;
    super::command::Command::SetLayout(Layout::Grid).apply(state);
    super::command::Command::SetView(optiviz::Window::new(-0.5, 0.5, 0.0, 1.0)).apply(state);
    super::command::Command::SetLayout(Layout::Surface3d).apply(state);
    assert_eq!(state.view, state.surface.window());
}

#[test]
fn a_race_whose_loss_reaches_zero_plays_draws_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zero.toml");
    let scene =
        "surface = \"expr:f=x^2+y^2\"\nstart = [1e-160, 0.0]\nsteps = 40\n[[runs]]\noptimizer = \"sgd:lr=0.1\"\n";
    std::fs::write(&path, scene).unwrap();
    let mut harness = harness();
    harness.run();
    super::command::Command::OpenScene(path).apply(&mut harness.state_mut().state);
    harness.run();
    harness.get_by_label("Play").click();
    for _ in 0..600 {
        if harness.state().state.sim.steps() >= 40 {
            break;
        }
        harness.step();
    }
    harness.run();
    let state = &harness.state().state;
    let losses = &state.sim.runs()[0].trajectory().losses;
    assert_eq!(losses.len(), 41, "the race played to its end");
    assert_eq!(losses.last(), Some(&0.0), "the loss underflowed to an exact 0");
    // The curve's floor sits just below the smallest positive loss, not at 1e-300.
    let curves = super::panels::curves::curves(state.sim.runs(), super::panels::curves::Quantity::Loss, &[]);
    let floor = super::panels::curves::zero_floor(state.sim.runs(), &curves).expect("a run reached 0");
    assert!((-325.0..-323.0).contains(&floor), "{floor}");
    exports_pngs(harness.state_mut(), dir.path(), "zero", ["zero_race.png", "zero_loss.png"], (800, 600));
}

#[test]
fn races_at_the_edges_of_the_numbers_play_in_every_layout() {
    let scenes = [
        ("expr:f=x^2+y^2", "[1e-160, 0.0]", "sgd:lr=0.1", 40),
        ("expr:f=exp(x)", "[709, 0]", "sgd:lr=1e-300", 5),
        ("expr:f=x", "[1e308, 0]", "sgd:lr=1e308", 3),
        ("expr:f=-1e20+0*x", "[1, 1]", "adam", 20),
        ("saddle", "[1e300, -1e300]", "momentum:lr=0.5", 20),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (surface, start, optimizer, steps) in scenes {
        for layout in ["overlay", "grid", "3d"] {
            let text = format!(
                "surface = \"{surface}\"\nstart = {start}\nsteps = {steps}\nlayout = \"{layout}\"\n[[runs]]\noptimizer = \"{optimizer}\"\n[[runs]]\noptimizer = \"sgd\"\n"
            );
            let path = dir.path().join("edge.toml");
            std::fs::write(&path, text).unwrap();
            let mut harness = harness();
            harness.run();
            super::command::Command::OpenScene(path).apply(&mut harness.state_mut().state);
            let status = harness.state().state.status.clone().unwrap_or_default();
            assert!(status.starts_with("loaded"), "{surface}: {status}");
            harness.get_by_label("Play").click();
            for _ in 0..10 {
                harness.step();
            }
            for (quantity, _) in super::panels::curves::Quantity::ALL {
                harness.state_mut().curves = quantity;
                harness.run();
            }
            assert_eq!(harness.state().state.sim.steps(), steps, "{surface} in {layout} played to its end");
        }
    }
}
