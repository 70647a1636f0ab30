//! The desktop app: optimizers racing on a loss surface (the race page)
//! and training a small network (the Network page). The window is thin:
//! [`state::AppState`] holds what is shown, [`command::Command`] is the only
//! way to change it, and [`jobs`] runs slow work off the UI thread. Both
//! pages are built the same way, each a folder with its state, its commands
//! and its panels; what they share sits in [`lineup`] and [`widgets`].

pub mod command;
mod export;
mod help;
mod jobs;
pub mod lineup;
pub mod network;
mod prefs;
pub mod presets;
pub mod race;
pub mod state;
#[cfg(test)]
mod tests;
mod top_bar;
mod widgets;

use eframe::egui::{self, Key, Modifiers};

use command::{shortcuts, Command};
use jobs::Jobs;
use network::NetworkViews;
use prefs::Prefs;
use race::RaceViews;
use state::{AppState, Page};

/// Opens the app window, with `scene` loaded and in presentation mode if
/// asked, and runs until it is closed. A scene that does not load is an
/// error before any window opens.
pub fn run(scene: Option<std::path::PathBuf>, presentation: bool) -> anyhow::Result<()> {
    let mut app = OptivizApp::new();
    if let Some(path) = scene {
        let scene = optiviz::scene::AnyScene::load(&path)?;
        app.apply(Command::LoadScene(Box::new(scene)));
        if let Some(error) = app.state.status.take() {
            anyhow::bail!("{}: {error}", path.display());
        }
    }
    app.state.prefs.presentation = presentation;
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

/// The app: its state, the panels' memory and the background jobs.
pub struct OptivizApp {
    /// What the app shows.
    pub state: AppState,
    /// The race page's panels' memory.
    pub race_views: RaceViews,
    network_views: NetworkViews,
    /// The presentation mode the UI zoom was last set for.
    zoomed_for: Option<bool>,
    /// Work running in the background.
    jobs: Jobs<Command>,
}

impl OptivizApp {
    /// The app with its first race set up and paused.
    pub fn new() -> OptivizApp {
        OptivizApp {
            state: AppState::new(),
            race_views: RaceViews::new(),
            network_views: NetworkViews::new(),
            zoomed_for: None,
            jobs: Jobs::default(),
        }
    }

    /// Applies `command`, and starts or stops the background work it asks for.
    pub fn apply(&mut self, command: Command) {
        if let Some(order) = command.apply(&mut self.state) {
            self.jobs.order(order);
        }
        self.state.job = self.jobs.status();
    }

    /// Applies the results of the jobs that have ended, and notes what still runs.
    pub fn run_jobs(&mut self) {
        while let Some(result) = self.jobs.finished() {
            self.apply(result);
        }
        self.state.job = self.jobs.status();
    }

    /// Shows one frame and applies what the user did. Results of background
    /// jobs are applied before the frame is drawn, so a job started in this
    /// frame hands back its result in a later one.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.run_jobs();
        let ctx = ui.ctx().clone();
        if let Some(text) = self.state.clipboard.take() {
            ctx.copy_text(text);
        }
        let mut commands = Vec::new();
        keyboard(&ctx, &mut commands);
        apply_look(&ctx, &self.state.prefs, &mut self.zoomed_for);
        let OptivizApp { state, race_views, network_views, .. } = self;
        egui::Panel::top("controls").show(ui, |ui| {
            ui.add_space(4.0);
            top_bar::show(ui, state, &mut commands);
            ui.add_space(2.0);
        });
        let presentation = state.prefs.presentation;
        // On a projector the page gets the room: settings fold away.
        let settings = egui::Panel::left("settings").resizable(true).default_size(340.0);
        let mut expanded = !presentation;
        settings.show_collapsible(ui, &mut expanded, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| match state.page {
                Page::Surface => {
                    let busy = state.job.is_some();
                    Command::gather(&mut commands, Command::Race, |page| race::settings(ui, &state.race, busy, page));
                }
                Page::Network => {
                    Command::gather(&mut commands, Command::Network, |page| {
                        network::settings(ui, &state.network, page)
                    });
                }
            });
        });
        let curves_width = if presentation { 380.0 } else { 460.0 };
        egui::Panel::right(("curves", presentation)).resizable(true).default_size(curves_width).show(ui, |ui| {
            match state.page {
                Page::Surface => Command::gather(&mut commands, Command::Race, |page| {
                    race::curves(ui, &state.race, &state.prefs, race_views, page);
                }),
                Page::Network => network::curves(ui, &state.network, presentation),
            }
        });
        egui::CentralPanel::default().show(ui, |ui| match state.page {
            Page::Surface => Command::gather(&mut commands, Command::Race, |page| {
                race::central(ui, &state.race, &state.prefs, race_views, page);
            }),
            Page::Network => Command::gather(&mut commands, Command::Network, |page| {
                network::central(ui, &state.network, network_views, page);
            }),
        });
        if state.page == Page::Surface {
            let busy = state.job.is_some();
            Command::gather(&mut commands, Command::Race, |page| race::windows(&ctx, &state.race, busy, page));
        }
        help::show(&ctx, state.prefs.show_help, &mut commands);
        if let Some(status) = &state.status {
            egui::Area::new(egui::Id::unique("status")).anchor(egui::Align2::CENTER_BOTTOM, [0.0, -8.0]).show(
                &ctx,
                |ui| {
                    ui.label(status);
                },
            );
        }
        for command in commands {
            self.apply(command);
        }
        self.state.tick();
        if self.state.running() || self.state.job.is_some() {
            ctx.request_repaint();
        }
    }
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

/// Turns key presses into commands (none while a text field has focus or
/// a menu or picker is open: its keys are its own, Esc closes it).
fn keyboard(ctx: &egui::Context, commands: &mut Vec<Command>) {
    if ctx.egui_wants_keyboard_input() || egui::Popup::is_any_open(ctx) {
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
fn apply_look(ctx: &egui::Context, prefs: &Prefs, zoomed_for: &mut Option<bool>) {
    let theme = if prefs.dark { egui::Theme::Dark } else { egui::Theme::Light };
    ctx.set_theme(theme);
    if *zoomed_for != Some(prefs.presentation) {
        ctx.set_zoom_factor(if prefs.presentation { 1.5 } else { 1.0 });
        *zoomed_for = Some(prefs.presentation);
    }
}
