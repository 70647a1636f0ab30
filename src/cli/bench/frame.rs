//! The app's frames as `optiviz bench` measures them: one frame without a
//! window (layout and tessellation on the CPU) of a long race, of the 3-D
//! layout, of the race while its timeline is dragged with the pointer
//! reading the map, of the Network page while it trains, and the longest
//! frame while learning rates are tuned in the background. It drives the
//! app as a user does, through its commands.

use eframe::egui;
use optiviz::optim::{OptimizerConfig, OptimizerInfo, OPTIMIZERS};
use optiviz::scene::Layout;

use crate::app::command::Command;
use crate::app::lineup::RunCommand;
use crate::app::network::command::NetworkCommand;
use crate::app::presets::PRESETS;
use crate::app::race::command::RaceCommand;
use crate::app::race::state::CurveAxis;
use crate::app::race::timeline::Seek;
use crate::app::{install_fonts, OptivizApp};

/// Apps prepared once per thread (fonts installed, one warm-up frame
/// drawn), each under the key of its set-up (a race's run count).
type Prepared = std::cell::RefCell<Vec<(usize, egui::Context, OptivizApp)>>;

/// Sets up the app under `key` in `slot` with `setup` on first use, then
/// runs `frame` on it.
fn with_prepared(
    slot: &'static std::thread::LocalKey<Prepared>,
    key: usize,
    setup: impl FnOnce(&mut OptivizApp),
    frame: impl FnOnce(&egui::Context, &mut OptivizApp) -> usize,
) -> usize {
    slot.with_borrow_mut(|prepared| {
        let index = prepared.iter().position(|(k, _, _)| *k == key).unwrap_or_else(|| {
            let ctx = egui::Context::default();
            install_fonts(&ctx);
            let mut app = OptivizApp::new();
            setup(&mut app);
            draw(&ctx, &mut app);
            prepared.push((key, ctx, app));
            prepared.len() - 1
        });
        let (_, ctx, app) = &mut prepared[index];
        frame(ctx, app)
    })
}

/// A race of `runs` optimizers, each `steps` steps done (contours computed
/// in a warm-up frame): one frame in the overlay layout or, with `three_d`,
/// the 3-D one; returns the frame's triangle count.
pub fn frame(runs: usize, steps: usize, three_d: bool) -> usize {
    thread_local! {
        static RACE: Prepared = const { std::cell::RefCell::new(Vec::new()) };
    }
    with_prepared(
        &RACE,
        runs,
        |app| set_up_race(app, runs, steps),
        |ctx, app| {
            app.apply(Command::Race(RaceCommand::SetLayout(if three_d { Layout::Surface3d } else { Layout::Overlay })));
            draw(ctx, app)
        },
    )
}

/// One frame of a race of `runs` optimizers, each `steps` steps done, while
/// the timeline is dragged across it and the pointer rests on the map (so
/// the readout searches the paths drawn): each call moves the timeline to
/// another step, back and forth across the race; returns the frame's
/// triangle count.
pub fn scrub_frame(runs: usize, steps: usize) -> usize {
    thread_local! {
        static SCRUB: Prepared = const { std::cell::RefCell::new(Vec::new()) };
        static FRAMES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }
    let frame = FRAMES.with(|frames| frames.replace(frames.get() + 1));
    // A drag moves the timeline a few hundred steps a frame; this one also jumps back, as a drag reversed does.
    let step = steps.saturating_sub(frame.wrapping_mul(steps / 37 + 1) % steps.max(1));
    with_prepared(
        &SCRUB,
        runs,
        |app| set_up_race(app, runs, steps),
        |ctx, app| {
            app.apply(Command::Race(RaceCommand::Seek(Seek::To(step))));
            draw_with(ctx, app, vec![egui::Event::PointerMoved(egui::pos2(740.0, 450.0))])
        },
    )
}

/// One frame of the Network view while it trains seed 004's circles with
/// four optimizers (training included, as the frame's budget allows);
/// returns the frame's triangle count.
pub fn network_frame() -> usize {
    thread_local! {
        static NETWORK: Prepared = const { std::cell::RefCell::new(Vec::new()) };
    }
    let setup = |app: &mut OptivizApp| {
        let (_, text) = PRESETS.iter().find(|(name, _)| *name == "seed004_circles").copied().unwrap_or_default();
        if let Ok(scene) = optiviz::scene::AnyScene::from_toml(text) {
            app.apply(Command::LoadScene(Box::new(scene)));
        }
        app.apply(Command::Network(NetworkCommand::SetEpochs(optiviz::nn::spec::MAX_EPOCHS)));
        app.apply(Command::TogglePlay);
    };
    with_prepared(&NETWORK, 0, setup, draw)
}

/// The longest frame, in milliseconds, of a window that keeps drawing the
/// race of `runs` optimizers of `steps` steps while their learning rates
/// are tuned in the background, from the click until the result is applied
/// and the race has replayed to where it was.
pub fn longest_frame_while_tuning(runs: usize, steps: usize) -> f64 {
    let ctx = egui::Context::default();
    install_fonts(&ctx);
    let mut app = OptivizApp::new();
    set_up_race(&mut app, runs, steps);
    draw(&ctx, &mut app);
    app.apply(Command::Race(RaceCommand::TuneLearningRates));
    let mut longest = 0.0f64;
    loop {
        let start = std::time::Instant::now();
        draw(&ctx, &mut app);
        longest = longest.max(start.elapsed().as_secs_f64() * 1000.0);
        if app.state.job.is_none() && !app.state.race.tuned.is_empty() && !app.state.race.replaying() {
            return longest;
        }
    }
}

/// A race of `runs` first-order optimizers (the list's, in turn, those
/// that keep points beside theirs first) with all its `steps` steps taken,
/// those points shown and the curves against gradient evaluations: the
/// most a frame of the race draws.
fn set_up_race(app: &mut OptivizApp, runs: usize, steps: usize) {
    let keeps_points =
        |info: &&'static OptimizerInfo| OptimizerConfig::with_defaults(info).build(2).companion_kind().is_some();
    let first_order = OPTIMIZERS.iter().copied().filter(|info| !info.needs_hessian);
    let (keeping, others): (Vec<_>, Vec<_>) = first_order.partition(keeps_points);
    let have = app.state.race.lineup.runs.len();
    let added = keeping.into_iter().chain(others.into_iter().skip(have)).cycle();
    for info in added.take(runs.saturating_sub(have)) {
        app.apply(Command::Race(RaceCommand::Run(RunCommand::Add(info))));
    }
    app.apply(Command::Race(RaceCommand::SetTotalSteps(steps)));
    app.apply(Command::Race(RaceCommand::SetShowCompanions(true)));
    app.apply(Command::Race(RaceCommand::SetCurvesX(CurveAxis::Evaluations)));
    app.state.race.sim.advance_to(steps);
}

/// Runs one frame and tessellates it; returns the number of triangles.
fn draw(ctx: &egui::Context, app: &mut OptivizApp) -> usize {
    draw_with(ctx, app, Vec::new())
}

/// Runs one frame with `events` (the pointer's, say) and tessellates it;
/// returns the number of triangles.
fn draw_with(ctx: &egui::Context, app: &mut OptivizApp, events: Vec<egui::Event>) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0))),
        events,
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| app.show(ui));
    let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
    meshes
        .iter()
        .map(|m| match &m.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.indices.len() / 3,
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum()
}
