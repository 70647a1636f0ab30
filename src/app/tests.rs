//! UI tests: drive the app by label with egui_kittest, as a user would, then
//! check the state that results.

use eframe::egui::{self, Key};
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;

use super::command::Command;
use super::lineup::RunCommand;
use super::race::command::RaceCommand;
use super::race::state::CurveAxis;
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

/// Opens the surface picker, whose button names the surface shown.
pub(super) fn open_surface_picker(harness: &mut Harness<'static, OptivizApp>) {
    let current = harness.state().state.race.surface_config.info();
    let name = if current.is_formula() { "formula" } else { current.kind.name };
    harness.get_by_label(&format!("surface: {name}")).click();
    harness.run();
}

#[test]
fn choosing_a_surface_switches_view_and_start() {
    let mut harness = harness();
    harness.run();
    open_surface_picker(&mut harness);
    harness.get_by_label("bowl").click();
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.race.surface_config.settings().kind().name, "bowl");
    assert_eq!(state.race.start, [-4.0, 3.0]);
    assert_eq!(state.race.sim.start(), [-4.0, 3.0]);
    // The plot shows the bowl's window (its shape fitted to the panel), not
    // the Rosenbrock valley it showed before.
    let (view, bowl) = (state.race.view, state.race.surface.window());
    let holds = |lo: f64, hi: f64, inner_lo: f64, inner_hi: f64| lo <= inner_lo + 1e-9 && hi >= inner_hi - 1e-9;
    assert!(holds(view.x_min, view.x_max, bowl.x_min, bowl.x_max), "{view:?} holds {bowl:?}");
    assert!(holds(view.y_min, view.y_max, bowl.y_min, bowl.y_max), "{view:?} holds {bowl:?}");
}

#[test]
fn every_named_surface_is_in_the_picker_on_screen_and_can_be_chosen() {
    let mut harness = harness();
    harness.run();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0));
    for info in optiviz::surface::SURFACES.iter().filter(|info| !info.is_formula()) {
        let name = info.kind.name;
        open_surface_picker(&mut harness);
        let button = harness.get_by_label(name);
        assert!(screen.contains_rect(button.rect()), "{name} at {:?}", button.rect());
        button.click();
        harness.run();
        let race = &harness.state().state.race;
        assert_eq!(race.surface_config.settings().kind().name, name);
        assert_eq!(race.start, race.surface_config.build().unwrap().start(), "{name}");
    }
}

#[test]
fn a_learning_rate_slider_restarts_the_race_with_the_new_rate() {
    let mut harness = harness();
    harness.run();
    // "adam" names both its row in the optimizer list and its legend entry.
    let row = harness.get_all_by_label("adam").min_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x)).unwrap();
    row.click();
    harness.run();
    assert_eq!(harness.state().state.race.lineup.selected, 2);
    let slider =
        harness.get_all_by_label("lr").find(|n| n.accesskit_node().role() == egui::accesskit::Role::Slider).unwrap();
    slider.set_value_accesskit(0.05);
    harness.run();
    let state = &harness.state().state;
    assert_eq!(state.race.lineup.runs[2].spec.optimizer.lr(), 0.05);
    assert_eq!(state.race.sim.runs()[2].spec().optimizer.lr(), 0.05, "the simulation runs with the new rate");
}

#[test]
fn play_runs_the_race_and_step_takes_one_step() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Step").click();
    harness.run();
    assert_eq!(harness.state().state.race.sim.steps(), 1);
    harness.get_by_label("Play").click();
    for _ in 0..5 {
        harness.step();
    }
    let state = &harness.state().state;
    assert!(state.race.playing);
    assert!(state.race.sim.steps() > 1 + state.race.steps_per_frame, "steps {}", state.race.sim.steps());
    let losses = &state.race.sim.runs()[2].trajectory().losses;
    assert!(losses.last() < losses.first(), "adam goes downhill");
    harness.get_by_label("Pause").click();
    harness.step();
    assert!(!harness.state().state.race.playing);
}

#[test]
fn keys_play_step_and_reset() {
    let mut harness = harness();
    harness.run();
    harness.key_press(Key::ArrowRight);
    harness.run();
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().state.race.sim.steps(), 2);
    harness.key_press(Key::R);
    harness.run();
    assert_eq!(harness.state().state.race.sim.steps(), 0);
    harness.key_press(Key::Space);
    harness.step();
    assert!(harness.state().state.race.playing);
}

#[test]
fn switching_layout_to_small_multiples() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Small multiples").click();
    harness.run();
    assert_eq!(harness.state().state.race.layout, Layout::Grid);
    harness.get_by_label("Overlay").click();
    harness.run();
    assert_eq!(harness.state().state.race.layout, Layout::Overlay);
}

#[test]
fn dragging_the_3d_view_turns_the_camera_and_double_click_resets_it() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("3-D").click();
    harness.run();
    assert_eq!(harness.state().state.race.layout, Layout::Surface3d);
    let before = harness.state().state.race.camera;
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
    let after = harness.state().state.race.camera;
    assert!(after.yaw != before.yaw, "yaw {} → {}", before.yaw, after.yaw);
    assert!(after.pitch > before.pitch, "dragging down raises the camera: {} → {}", before.pitch, after.pitch);
    harness.get_by_label("Overlay").click();
    harness.run();
    harness.get_by_label("3-D").click();
    harness.run();
    assert_eq!(harness.state().state.race.camera, after, "switching layouts keeps the camera");
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
    assert_eq!(
        harness.state().state.race.camera,
        optiviz::plot::mesh3d::Camera::default(),
        "double-click resets the view"
    );
}

#[test]
fn a_3d_scene_saves_and_loads_as_3d() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("three.toml");
    let mut app = OptivizApp::new();
    app.apply(Command::Race(RaceCommand::SetLayout(Layout::Surface3d)));
    save(&mut app, path.clone());
    assert!(std::fs::read_to_string(&path).unwrap().contains("layout = \"3d\""));
    let mut other = OptivizApp::new();
    open(&mut other, path);
    assert_eq!(other.state.race.layout, Layout::Surface3d);
}

#[test]
fn a_bad_formula_shows_its_error_and_keeps_the_last_good_surface() {
    let mut harness = harness();
    harness.run();
    open_surface_picker(&mut harness);
    harness.get_by_label("formula").click();
    harness.run();
    assert_eq!(harness.state().state.race.surface_config.to_string(), "expr:f=x^2 + 3*sin(y)");
    let field = harness.get_by_label("f(x, y) =");
    field.focus();
    field.type_text(" +");
    harness.run();
    let state = &harness.state().state;
    assert!(
        state.race.surface_error.as_deref().is_some_and(|e| e.contains("column")),
        "{:?}",
        state.race.surface_error
    );
    assert_eq!(state.race.surface_config.to_string(), "expr:f=x^2 + 3*sin(y)", "the last good surface stays");
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
    assert_eq!(state.race.lineup.runs.len(), 4);
    assert_eq!(state.race.sim.runs().len(), 4);
    assert_eq!(state.race.lineup.selected, 3);
    harness.get_by_label("remove sgd").click();
    harness.run();
    let names: Vec<&str> = harness.state().state.race.lineup.runs.iter().map(|r| r.spec.optimizer.name()).collect();
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
    let labels: Vec<&str> = state.race.lineup.runs.iter().map(|r| r.spec.optimizer.label()).collect();
    assert_eq!(labels, ["GD", "Momentum", "RMSProp", "Adam"]);
    assert_eq!(state.race.layout, Layout::Grid);
    assert_eq!(state.race.total_steps, 5000);
    assert_eq!(state.race.start, [-1.0, 1.0]);
    assert!(state.race.explanation.as_ref().is_some_and(|e| e.text.contains("valley")));
    assert_eq!(state.race.sim.runs().len(), 4);
}

#[test]
fn each_new_preset_loads_from_the_menu_with_its_runs_and_paragraph() {
    let new = [
        "lbfgs_newton_gd",
        "prodigy_vs_adam",
        "sam_sharp_flat",
        "rastrigin_momentum",
        "monkey_saddle",
        "goldstein_price_starts",
    ];
    for name in new {
        let (_, text) = super::presets::PRESETS.iter().find(|(n, _)| *n == name).expect("the preset is in the menu");
        let optiviz::scene::AnyScene::Race(scene) = optiviz::scene::AnyScene::from_toml(text).unwrap() else {
            panic!("{name} is a race");
        };
        let mut harness = harness();
        harness.run();
        harness.get_by_label("Presets").click();
        harness.run();
        harness.get_by_label(scene.title.as_deref().unwrap()).click();
        harness.run();
        let state = &harness.state().state.race;
        let labels: Vec<&str> = state.lineup.runs.iter().map(|r| r.spec.optimizer.label()).collect();
        let expected: Vec<&str> = scene.runs.iter().map(|r| r.optimizer.label()).collect();
        assert_eq!(labels, expected, "{name}");
        assert_eq!(state.surface_config, scene.surface, "{name}");
        assert_eq!(state.total_steps, scene.steps, "{name}");
        assert_eq!(state.explanation.as_ref().map(|e| e.text.as_str()), scene.explanation.as_deref(), "{name}");
    }
}

#[test]
fn every_preset_loads() {
    for (name, text) in super::presets::PRESETS {
        let scene = optiviz::scene::AnyScene::from_toml(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let network = matches!(scene, optiviz::scene::AnyScene::Network(_));
        let mut app = OptivizApp::new();
        app.apply(Command::LoadScene(Box::new(scene)));
        assert!(app.state.status.is_none(), "{name}: {:?}", app.state.status);
        let state = &app.state;
        if network {
            assert_eq!(state.page, super::state::Page::Network, "{name}");
            assert!(!state.network.training.runs().is_empty(), "{name}");
        } else {
            assert_eq!(state.page, super::state::Page::Surface, "{name}");
            assert!(!state.race.sim.runs().is_empty(), "{name}");
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
    let before: Vec<String> =
        harness.state().state.race.lineup.runs.iter().map(|r| r.spec.optimizer.to_string()).collect();
    harness.state_mut().state.status = None;
    open(harness.state_mut(), path);
    harness.run();
    let state = &harness.state().state;
    let status = state.status.clone().unwrap_or_default();
    assert!(status.contains("lr=-1") && status.contains("line 4"), "{status}");
    let after: Vec<String> = state.race.lineup.runs.iter().map(|r| r.spec.optimizer.to_string()).collect();
    assert_eq!(before, after);
    open(harness.state_mut(), dir.path().join("missing.toml"));
    assert!(harness.state().state.status.as_deref().is_some_and(|s| s.contains("missing.toml")));
}

#[test]
fn a_saved_scene_loads_back_the_same_race() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    let mut app = OptivizApp::new();
    app.apply(Command::Race(RaceCommand::Run(RunCommand::SetParam(2, "lr", optiviz::spec::params::Value::Real(0.02)))));
    save(&mut app, path.clone());
    let mut other = OptivizApp::new();
    open(&mut other, path);
    assert_eq!(other.state.race.lineup.runs, app.state.race.lineup.runs);
    assert_eq!(other.state.race.start, app.state.race.start);
}

#[test]
fn export_writes_the_race_and_its_loss_curves() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = OptivizApp::new();
    app.apply(Command::Race(RaceCommand::SetTotalSteps(200)));
    app.state.race.sim.advance_to(200);
    exports_pngs(&mut app, dir.path(), "figure", ["figure_race.png", "figure_loss.png"], (1920, 1080));
}

/// Exports the shown view as `<stem>.png` in `dir` at `size`, waits for
/// the background job, and checks that the status says so and that `names`
/// in `dir` are PNGs of that size.
pub(super) fn exports_pngs<const N: usize>(
    app: &mut OptivizApp,
    dir: &std::path::Path,
    stem: &str,
    names: [&str; N],
    size: (u32, u32),
) {
    app.apply(Command::ExportPng(dir.join(format!("{stem}.png")), size));
    finish_jobs(app);
    let status = app.state.status.clone().unwrap_or_default();
    assert!(status.starts_with("exported"), "{status}");
    for name in names {
        let image = image::open(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((image.width(), image.height()), size);
    }
}

/// Waits for the background jobs to end and applies their results, as the
/// window does between frames (a watchdog of a minute fails a job that never ends).
pub(super) fn finish_jobs(app: &mut OptivizApp) {
    app.run_jobs();
    let started = std::time::Instant::now();
    while app.state.job.is_some() {
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "the job never ended");
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.run_jobs();
    }
}

/// Opens the scene file at `path` as the Open button does, through its
/// background job.
pub(super) fn open(app: &mut OptivizApp, path: std::path::PathBuf) {
    app.apply(Command::OpenScene(path));
    finish_jobs(app);
}

/// Saves the shown page as a scene file at `path` as the Save button does,
/// through its background job.
pub(super) fn save(app: &mut OptivizApp, path: std::path::PathBuf) {
    app.apply(Command::SaveScene(path));
    finish_jobs(app);
}

/// Draws frames until the background job has ended, as the window does
/// while it runs (a watchdog of a minute fails a job that never ends).
pub(super) fn run_until_the_job_ends(harness: &mut Harness<'static, OptivizApp>) {
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
    harness.state_mut().apply(Command::Race(RaceCommand::SetTotalSteps(500_000)));
    let before: Vec<f64> = harness.state().state.race.lineup.runs.iter().map(|r| r.spec.optimizer.lr()).collect();
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
    assert!(harness.state().state.race.sim.steps() > 0);
    harness.key_press(Key::Escape);
    run_until_the_job_ends(&mut harness);
    let state = &harness.state().state;
    let after: Vec<f64> = state.race.lineup.runs.iter().map(|r| r.spec.optimizer.lr()).collect();
    assert_eq!(before, after, "a stopped search changes no rate");
    assert!(state.race.tuned.is_empty());
}

#[test]
fn tune_gives_every_optimizer_the_same_budget_and_its_best_rate() {
    let mut harness = harness();
    harness.run();
    let before: Vec<f64> = harness.state().state.race.lineup.runs.iter().map(|r| r.spec.optimizer.lr()).collect();
    harness.get_by_label("final loss").click();
    harness.run();
    assert_eq!(harness.state().state.race.tune_score, optiviz::engine::tune::Score::Final);
    harness.get_by_label("mean log-loss").click();
    harness.run();
    assert_eq!(harness.state().state.race.tune_score, optiviz::engine::tune::Score::MeanLog);
    harness.get_by_label("Tune learning rates").click();
    run_until_the_job_ends(&mut harness);
    let state = &harness.state().state;
    assert_eq!(state.race.tuned.len(), 3);
    let budget = state.race.total_steps as u64;
    assert!(state.race.tuned.iter().all(|(_, _, t)| t.budget == budget && t.starts == 8 && t.curve.len() == 25));
    let after: Vec<f64> = state.race.lineup.runs.iter().map(|r| r.spec.optimizer.lr()).collect();
    assert_ne!(before, after);
    for ((run, (_, label, tuned)), lr) in state.race.sim.runs().iter().zip(&state.race.tuned).zip(&after) {
        assert_eq!(run.spec().optimizer.label(), label);
        assert_eq!(run.spec().optimizer.lr(), *lr, "the race restarted with the tuned rate");
        assert_eq!(tuned.best().unwrap().lr, *lr);
        assert_eq!(tuned.score, optiviz::engine::tune::Score::MeanLog);
    }
    // SGD at its default rate crawls along Rosenbrock's valley; tuned, it ends far lower.
    let mut default = optiviz::Simulation::new(
        state.race.surface.clone(),
        state.race.start,
        vec![optiviz::RunSpec { optimizer: "sgd:lr=0.001".parse().unwrap(), schedule: optiviz::Schedule::Constant }],
        None,
    );
    default.advance_to(state.race.total_steps);
    let default_loss = *default.runs()[0].trajectory().losses.last().unwrap();
    let tuned_sgd = state.race.sim.runs()[0].spec().clone();
    let mut tuned_sim = optiviz::Simulation::new(state.race.surface.clone(), state.race.start, vec![tuned_sgd], None);
    tuned_sim.advance_to(state.race.total_steps);
    let tuned_loss = *tuned_sim.runs()[0].trajectory().losses.last().unwrap();
    assert!(tuned_loss < default_loss, "{tuned_loss} vs {default_loss}");
    // The search's curves show in the sensitivity view, which opens.
    assert!(state.race.sensitivity.open);
    harness.get_by_label(
        "Each optimizer: 25 rates × 8 starts, 5000 gradient evaluations each; scored by the median mean log₁₀ loss.",
    );
    harness.get_by_label(super::race::sensitivity::CHOSEN);
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
    app.apply(Command::Race(RaceCommand::SetLayout(Layout::Grid)));
    app.apply(Command::Race(RaceCommand::SetView(optiviz::Window::new(-0.5, 0.5, 0.0, 1.0))));
    app.apply(Command::Race(RaceCommand::SetLayout(Layout::Surface3d)));
    let race = &app.state.race;
    assert_eq!(race.view, race.surface.window());
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
    open(harness.state_mut(), path);
    harness.run();
    harness.get_by_label("Play").click();
    for _ in 0..600 {
        if harness.state().state.race.sim.steps() >= 40 {
            break;
        }
        harness.step();
    }
    harness.run();
    let state = &harness.state().state;
    let losses = &state.race.sim.runs()[0].trajectory().losses;
    assert_eq!(losses.len(), 41, "the race played to its end");
    assert_eq!(losses.last(), Some(&0.0), "the loss underflowed to an exact 0");
    // The curve's floor sits just below the smallest positive loss, not at 1e-300.
    let curves =
        super::race::curves::curves(state.race.sim.runs(), super::race::curves::Quantity::Loss, CurveAxis::Steps, &[]);
    let floor = super::race::curves::zero_floor(state.race.sim.runs(), &curves).expect("a run reached 0");
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
            open(harness.state_mut(), path);
            let status = harness.state().state.status.clone().unwrap_or_default();
            assert!(status.starts_with("loaded"), "{surface}: {status}");
            harness.get_by_label("Play").click();
            for _ in 0..10 {
                harness.step();
            }
            for (quantity, _) in super::race::curves::Quantity::ALL {
                harness.state_mut().race_views.curves = quantity;
                harness.run();
            }
            assert_eq!(harness.state().state.race.sim.steps(), steps, "{surface} in {layout} played to its end");
        }
    }
}

#[test]
fn opening_a_scene_reads_it_in_the_background_then_loads_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bowl.toml");
    let scene = "title = \"A bowl\"\nexplanation = \"Momentum shines.\"\nsurface = \"bowl\"\nsteps = 300\n\
                 layout = \"grid\"\n[[runs]]\noptimizer = \"momentum:lr=0.01\"\n";
    std::fs::write(&path, scene).unwrap();
    let mut harness = harness();
    harness.run();
    harness.state_mut().apply(Command::OpenScene(path.clone()));
    // The file is read on the job's thread; the race stays as it was until a later frame applies the result.
    let state = &harness.state().state;
    assert!(state.job.as_ref().is_some_and(|(what, _)| what == "opening bowl.toml"), "{:?}", state.job);
    assert_eq!(state.race.surface_config.to_string(), "rosenbrock");
    run_until_the_job_ends(&mut harness);
    let state = &harness.state().state;
    assert_eq!(state.race.surface_config.settings().kind().name, "bowl");
    let labels: Vec<&str> = state.race.lineup.runs.iter().map(|r| r.spec.optimizer.label()).collect();
    assert_eq!(labels, ["momentum"]);
    assert_eq!((state.race.total_steps, state.race.layout), (300, Layout::Grid));
    assert_eq!(state.race.sim.runs().len(), 1);
    assert!(state.race.explanation.as_ref().is_some_and(|e| e.title == "A bowl" && e.text == "Momentum shines."));
    assert_eq!(state.status, Some(format!("loaded {}", path.display())));
    harness.get_by_label("A bowl");
}

#[test]
fn saving_a_scene_writes_it_in_the_background_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.toml");
    let mut harness = harness();
    harness.run();
    harness.state_mut().apply(Command::Race(RaceCommand::SetTotalSteps(1234)));
    harness.state_mut().apply(Command::SaveScene(path.clone()));
    // The frame that asked goes on drawing; the job's result comes in a later frame.
    let state = &harness.state().state;
    assert!(state.job.as_ref().is_some_and(|(what, _)| what == "saving mine.toml"), "{:?}", state.job);
    assert_eq!(state.status, None);
    run_until_the_job_ends(&mut harness);
    let status = harness.state().state.status.clone().unwrap_or_default();
    assert_eq!(status, format!("saved {}", path.display()));
    harness.get_by_label(&status);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("surface = \"rosenbrock\"") && text.contains("steps = 1234"), "{text}");
    let saved = optiviz::scene::Scene::from_toml(&text).unwrap();
    assert_eq!(super::lineup::Lineup::of_scene(&saved.runs).runs, harness.state().state.race.lineup.runs);
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(files.len(), 1, "no temporary file is left beside it");
}

#[test]
fn a_change_to_a_long_race_replays_it_over_several_frames_to_the_same_paths() {
    let mut harness = harness();
    harness.run();
    let steps = 300_000;
    let app = harness.state_mut();
    app.apply(Command::Race(RaceCommand::SetTotalSteps(steps)));
    app.state.race.sim.advance_to(steps);
    app.apply(Command::Race(RaceCommand::Run(RunCommand::SetParam(2, "lr", optiviz::spec::params::Value::Real(0.05)))));
    assert!(app.state.race.replaying(), "one frame's budget does not replay 3 × 300,000 steps");
    assert!(app.state.running(), "the window keeps drawing while the race replays");
    let mut frames = 0;
    while harness.state().state.race.replaying() {
        harness.step();
        frames += 1;
        assert!(frames < 100_000, "the replay ends");
    }
    assert!(frames > 1, "the replay took {frames} frame(s)");
    let race = &harness.state().state.race;
    assert_eq!(race.sim.steps(), steps);
    let mut direct = optiviz::Simulation::new(race.surface.clone(), race.start, race.lineup.specs(), None);
    direct.advance_to(steps);
    for (replayed, direct) in race.sim.runs().iter().zip(direct.runs()) {
        assert_eq!(replayed.trajectory(), direct.trajectory());
    }
}

#[test]
fn copy_as_pytorch_puts_a_script_with_the_races_optimizers_on_the_clipboard() {
    let mut harness = harness();
    harness.run();
    let labels: Vec<String> =
        harness.state().state.race.lineup.specs().iter().map(|spec| spec.optimizer.label().to_owned()).collect();
    assert!(!labels.is_empty());
    harness.get_by_label("Copy as PyTorch").click();
    // The script is written in the background and copied in the frame after
    // it arrives: frames until one copies (a watchdog fails one that never does).
    let started = std::time::Instant::now();
    let copied: Vec<String> = loop {
        harness.step();
        let copied: Vec<String> = harness
            .output()
            .platform_output
            .commands
            .iter()
            .filter_map(|command| match command {
                egui::OutputCommand::CopyText(text) => Some(text.clone()),
                _ => None,
            })
            .collect();
        if !copied.is_empty() {
            break copied;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "nothing was copied");
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    let [script] = &copied[..] else { panic!("one text copied, not {}", copied.len()) };
    assert!(script.starts_with("#!/usr/bin/env python3\n"), "{script}");
    assert!(script.contains("import torch") && script.contains("def main():"));
    for label in &labels {
        assert!(script.contains(&format!("\"{label}\"")), "{label} is in the script");
    }
    harness.run();
    assert_eq!(harness.state().state.status.as_deref(), Some("copied this race as a PyTorch script"));
}
