//! The desktop app: a live optimizer race on a loss surface. The window is
//! thin: [`state::AppState`] holds what is shown, [`command::Command`] is the
//! only way to change it, and the panels read the state and push commands.

pub mod bench_frame;
mod command;
mod jobs;
mod lineup;
mod network;
mod panels;
mod scenes;
mod state;
mod surface_image;
#[cfg(test)]
mod tests;

use eframe::egui::{self, Key, Modifiers};

use command::{shortcuts, Command};
use jobs::Jobs;
use network::BoundaryImages;
use panels::curves::Quantity;
use panels::race_plot::RacePlot;
use state::{AppState, Page};

/// Opens the app window, with `scene` loaded and in presentation mode if
/// asked, and runs until it is closed. A scene that does not load is an
/// error before any window opens.
pub fn run(scene: Option<std::path::PathBuf>, presentation: bool) -> anyhow::Result<()> {
    let mut app = OptivizApp::new();
    if let Some(path) = scene {
        let scene = optiviz::scene::AnyScene::load(&path)?;
        Command::LoadScene(Box::new(scene)).apply(&mut app.state);
        if let Some(error) = app.state.status.take() {
            anyhow::bail!("{}: {error}", path.display());
        }
    }
    app.state.presentation = presentation;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_title("optiviz").with_inner_size([1400.0, 860.0]),
        ..Default::default()
    };
    eframe::run_native(
        "optiviz",
        options,
        Box::new(|cc| {
            install_fonts(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!(window_error(&e.to_string())))
}

/// The packages the window needs on Debian, as the README names them.
const WINDOW_PACKAGES: &str = "libgl1 libegl1 libgl1-mesa-dri libxkbcommon-x11-0 libxcursor1 libxi6 libxrandr2";

/// Says why the window did not open and what to do about it, without the
/// source locations some of the windowing libraries put in their messages.
fn window_error(cause: &str) -> String {
    let unset = |name: &str| std::env::var_os(name).is_none_or(|value| value.is_empty());
    if cfg!(target_os = "linux") && unset("DISPLAY") && unset("WAYLAND_DISPLAY") {
        return "cannot open the window: there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set); \
                run optiviz on a desktop or set DISPLAY, or use the command line (optiviz --help)"
            .to_owned();
    }
    // "os error at /path/to/file.rs:765: reason" → "os error: reason".
    let cause = match (cause.find(" at /"), cause.find(".rs:")) {
        (Some(at), Some(rs)) if at < rs => {
            let rest = &cause[rs + 4..];
            let reason = rest.find(": ").map_or("", |colon| &rest[colon + 2..]);
            format!("{}: {reason}", &cause[..at])
        }
        _ => cause.to_owned(),
    };
    let display = std::env::var("DISPLAY").or_else(|_| std::env::var("WAYLAND_DISPLAY")).unwrap_or_default();
    format!(
        "cannot open the window ({cause}); check that the display {display} is running and, on Debian, \
         that the packages it needs are installed: sudo apt-get install {WINDOW_PACKAGES}"
    )
}

/// The app: its state and the panels' memory.
pub struct OptivizApp {
    state: AppState,
    race_plot: RacePlot,
    curves: Quantity,
    boundaries: BoundaryImages,
    /// The presentation mode the UI zoom was last set for.
    zoomed_for: Option<bool>,
    /// Work running in the background.
    jobs: Jobs,
}

impl OptivizApp {
    /// The app with its first race set up and paused.
    pub fn new() -> OptivizApp {
        OptivizApp {
            state: AppState::new(),
            race_plot: RacePlot::new(),
            curves: Quantity::Loss,
            boundaries: BoundaryImages::new(),
            zoomed_for: None,
            jobs: Jobs::default(),
        }
    }

    /// Shows one frame and applies what the user did.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        keyboard(&ctx, &mut commands);
        apply_look(&ctx, &self.state, &mut self.zoomed_for);
        let OptivizApp { state, race_plot, curves, boundaries, jobs, .. } = self;
        egui::Panel::top("controls").show(ui, |ui| {
            ui.add_space(4.0);
            panels::controls::show(ui, state, &mut commands);
            ui.add_space(2.0);
        });
        // On a projector the race gets the room: settings fold away.
        let settings = egui::Panel::left("settings").resizable(true).default_size(340.0);
        let mut expanded = !state.presentation;
        settings.show_collapsible(ui, &mut expanded, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| match state.page {
                Page::Surface => surface_settings(ui, state, &mut commands),
                Page::Network => network::settings(ui, &state.network, &mut commands),
            });
        });
        let curves_width = if state.presentation { 380.0 } else { 460.0 };
        egui::Panel::right(("curves", state.presentation)).resizable(true).default_size(curves_width).show(ui, |ui| {
            match state.page {
                Page::Surface => race_curves(ui, state, curves, &mut commands),
                Page::Network => network::curves(ui, &state.network, state.presentation),
            }
        });
        egui::CentralPanel::default().show(ui, |ui| match state.page {
            Page::Surface => race_plot.show(ui, state, &mut commands),
            Page::Network => network::central(ui, &state.network, boundaries, &mut commands),
        });
        panels::help::show(&ctx, state.show_help, &mut commands);
        if let Some(status) = &state.status {
            egui::Area::new(egui::Id::unique("status")).anchor(egui::Align2::CENTER_BOTTOM, [0.0, -8.0]).show(
                &ctx,
                |ui| {
                    ui.label(status);
                },
            );
        }
        for command in commands {
            command.apply(state);
        }
        run_jobs(jobs, state);
        state.tick();
        if state.running() || state.job.is_some() {
            ctx.request_repaint();
        }
    }
}

/// Starts or stops the background work the commands asked for, applies
/// the result of a job that has ended, and notes what still runs.
fn run_jobs(jobs: &mut Jobs, state: &mut AppState) {
    if let Some(order) = state.job_order.take() {
        jobs.order(order);
    }
    if let Some(result) = jobs.finished() {
        result.apply(state);
    }
    state.job = jobs.status();
}

/// The surface view's settings: the loaded scene's explanation, the surface
/// and the optimizers.
fn surface_settings(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    panels::explanation::show(ui, state.explanation.as_ref());
    ui.heading("Surface");
    panels::surface::show(ui, state, commands);
    ui.separator();
    ui.heading("Optimizers");
    let mut changes = Vec::new();
    panels::optimizers::show(ui, &state.lineup, state.total_steps, true, &mut changes);
    commands.extend(changes.into_iter().map(Command::Run));
    ui.separator();
    panels::tune::show(ui, state, commands);
}

/// The race's curves (with their quantity tabs) and status table.
fn race_curves(ui: &mut egui::Ui, state: &AppState, curves: &mut Quantity, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        for (quantity, text) in Quantity::ALL {
            if ui.selectable_label(*curves == quantity, text).clicked() {
                *curves = quantity;
            }
        }
    });
    let height = (ui.available_height() * 0.55).max(160.0);
    panels::curves::show(ui, state, *curves, height);
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| panels::table::show(ui, state, commands));
}

impl eframe::App for OptivizApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}

/// Adds DejaVu Sans (shipped in assets/) behind egui's own fonts, for the
/// maths in labels and formulas: ∇, θ, ‖, subscripts, arrows.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "DejaVuSans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!("../../assets/fonts/DejaVuSans.ttf"))),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push("DejaVuSans".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Turns key presses into commands (none while a text field has focus).
fn keyboard(ctx: &egui::Context, commands: &mut Vec<Command>) {
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    ctx.input_mut(|input| {
        for shortcut in shortcuts() {
            let Some(key) = shortcut.key else { continue };
            if input.consume_key(Modifiers::NONE, key) {
                match shortcut.command {
                    Some(command) => commands.push(command),
                    None if key == Key::F => {
                        let fullscreen = input.viewport().fullscreen.unwrap_or(false);
                        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!fullscreen));
                    }
                    None => {}
                }
            }
        }
        if input.consume_key(Modifiers::SHIFT, Key::Questionmark)
            || input.consume_key(Modifiers::NONE, Key::Questionmark)
        {
            commands.push(Command::ToggleHelp);
        }
    });
}

/// Theme, and the zoom of presentation mode (larger text for a projector),
/// set when the mode changes so that Ctrl +/− zooms freely in between.
fn apply_look(ctx: &egui::Context, state: &AppState, zoomed_for: &mut Option<bool>) {
    let theme = if state.dark { egui::Theme::Dark } else { egui::Theme::Light };
    ctx.set_theme(theme);
    if *zoomed_for != Some(state.presentation) {
        ctx.set_zoom_factor(if state.presentation { 1.5 } else { 1.0 });
        *zoomed_for = Some(state.presentation);
    }
}
