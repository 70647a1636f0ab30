//! Every change a user can make, as a value. Panels and shortcuts push
//! commands; [`Command::apply`] is the only code that changes the state: it
//! hands a page's command to that page and applies the app-wide ones itself.
//! Slow work (tuning, export, opening and saving scene files) comes back as
//! a [`JobOrder`] for the shell, and its result as another command. The
//! help overlay lists the shortcuts from the same table.

use std::path::{Path, PathBuf};

use eframe::egui::Key;
use optiviz::export::py;
use optiviz::scene::AnyScene;
use optiviz::util::atomic::write_atomically;

use super::export::ExportRequest;
use super::jobs::{Job, JobOrder};
use super::network::command::NetworkCommand;
use super::race::command::RaceCommand;
use super::race::timeline::Seek;
use super::state::{AppState, Page};

/// A change to the app's state.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Change the race page.
    Race(RaceCommand),
    /// Change the Network page.
    Network(NetworkCommand),
    /// Start or stop the shown page's race or training.
    TogglePlay,
    /// One step (one epoch on the Network page), paused.
    Step,
    /// Move the race's timeline, paused (the Network page has none).
    Seek(Seek),
    /// The shown page back to its start, paused.
    Reset,
    /// Stop the running background jobs.
    CancelJob,
    /// Say something in the status line (what a finished job did).
    ShowStatus(String),
    /// Keyboard help on or off.
    ToggleHelp,
    /// Projector mode on or off.
    TogglePresentation,
    /// Light or dark theme.
    ToggleTheme,
    /// Show the race page or the Network page.
    ShowPage(Page),
    /// Load a scene of either kind (a preset, or a file already read) and show its page.
    LoadScene(Box<AnyScene>),
    /// Read a scene file in the background, then load it; a file that does
    /// not read or parse changes nothing and says why.
    OpenScene(PathBuf),
    /// A scene file read in the background: load it and say so.
    OpenedScene(PathBuf, Box<AnyScene>),
    /// Write the shown page's setup as a scene file, in the background.
    SaveScene(PathBuf),
    /// Render the shown page's figures at `(width, height)` pixels, in the
    /// background: the race (or the decision boundaries) and the loss
    /// curves, as `<stem>_race.png` (or `<stem>_boundary.png`) and `<stem>_loss.png`,
    /// and the network's loss landscape as `<stem>_landscape.png` when its tab shows one.
    ExportPng(PathBuf, (u32, u32)),
    /// Write the shown race or training as a PyTorch script (`optiviz
    /// export --format py`), in the background.
    ExportScript(PathBuf),
    /// Write the shown race or training (named by the word given) as a
    /// PyTorch script in the background, then put it on the clipboard.
    CopyScript(&'static str),
    /// A script written for the clipboard, and what to say once it is there.
    CopyText(String, String),
}

/// A keyboard shortcut: the key, what it does, and the command (None for
/// shortcuts the window handles itself, such as full screen and UI zoom).
pub struct Shortcut {
    /// Text of the key, as shown in the help.
    pub keys: &'static str,
    /// What it does.
    pub action: &'static str,
    /// The key that triggers it (with no modifiers).
    pub key: Option<Key>,
    /// The command it pushes.
    pub command: Option<Command>,
}

/// Every keyboard shortcut, in the order the help lists them.
pub fn shortcuts() -> Vec<Shortcut> {
    let plain = |keys, action, key, command| Shortcut { keys, action, key: Some(key), command: Some(command) };
    vec![
        plain("Space", "play / pause", Key::Space, Command::TogglePlay),
        plain("→", "one step forward (along the timeline, then new steps)", Key::ArrowRight, Command::Step),
        plain("←", "one step back along the timeline", Key::ArrowLeft, Command::Seek(Seek::Back)),
        plain("Home", "the timeline to the start", Key::Home, Command::Seek(Seek::Start)),
        plain("End", "the timeline to the latest step", Key::End, Command::Seek(Seek::End)),
        plain("R", "reset to the start", Key::R, Command::Reset),
        plain("P", "presentation mode (large fonts, thick lines)", Key::P, Command::TogglePresentation),
        plain("T", "light / dark theme", Key::T, Command::ToggleTheme),
        plain("H or ?", "this help", Key::H, Command::ToggleHelp),
        plain("Esc", "stop what runs in the background", Key::Escape, Command::CancelJob),
        Shortcut { keys: "F", action: "full screen", key: Some(Key::F), command: None },
        Shortcut { keys: "Ctrl + / Ctrl −", action: "zoom the whole UI", key: None, command: None },
    ]
}

impl Command {
    /// Applies the command to `state`. Invalid values (which the widgets
    /// never offer) leave the state as it was. Returns the background work
    /// the command asks for, which the shell starts or stops.
    pub fn apply(self, state: &mut AppState) -> Option<JobOrder<Command>> {
        let job = match self {
            Command::Race(command) => {
                command.apply(&mut state.race, &mut state.status).map(|job| job.map(Command::Race))
            }
            Command::Network(command) => {
                command.apply(&mut state.network, &mut state.status).map(|job| job.map(Command::Network))
            }
            Command::TogglePlay => return on_shown_page(state, RaceCommand::TogglePlay, NetworkCommand::TogglePlay),
            Command::Step => return on_shown_page(state, RaceCommand::Step, NetworkCommand::Step),
            Command::Seek(seek) => {
                return match state.page {
                    Page::Surface => Command::Race(RaceCommand::Seek(seek)).apply(state),
                    Page::Network => None,
                }
            }
            Command::Reset => return on_shown_page(state, RaceCommand::Reset, NetworkCommand::Reset),
            Command::CancelJob => return Some(JobOrder::Cancel),
            Command::ShowStatus(text) => {
                state.status = Some(text);
                None
            }
            Command::ToggleHelp => {
                state.prefs.show_help = !state.prefs.show_help;
                None
            }
            Command::TogglePresentation => {
                state.prefs.presentation = !state.prefs.presentation;
                None
            }
            Command::ToggleTheme => {
                state.prefs.dark = !state.prefs.dark;
                None
            }
            Command::ShowPage(page) => {
                state.page = page;
                None
            }
            Command::LoadScene(scene) => {
                load_scene(state, *scene);
                None
            }
            Command::OpenScene(path) => Some(open(path)),
            Command::OpenedScene(path, scene) => {
                load_scene(state, *scene);
                if state.status.is_none() {
                    state.status = Some(format!("loaded {}", path.display()));
                }
                None
            }
            Command::SaveScene(path) => Some(save(state.scene(), path)),
            Command::ExportScript(path) => Some(export_script(state.scene(), path)),
            Command::CopyScript(what) => Some(copy_script(state.scene(), what)),
            Command::CopyText(text, status) => {
                state.clipboard = Some(text);
                state.status = Some(status);
                None
            }
            Command::ExportPng(path, size) => {
                let request = ExportRequest::of(state, path, size);
                Some(Job::new("exporting figures", 1, move |progress| Some(Command::ShowStatus(request.run(progress)))))
            }
        };
        job.map(JobOrder::Start)
    }

    /// Runs `show` with a list for one page's commands, then adds them to
    /// `commands`, each wrapped by `wrap`.
    pub fn gather<C>(commands: &mut Vec<Command>, wrap: fn(C) -> Command, show: impl FnOnce(&mut Vec<C>)) {
        let mut page = Vec::new();
        show(&mut page);
        commands.extend(page.into_iter().map(wrap));
    }
}

/// Applies the race's or the network's form of a transport command, as the
/// shown page asks.
fn on_shown_page(state: &mut AppState, race: RaceCommand, network: NetworkCommand) -> Option<JobOrder<Command>> {
    match state.page {
        Page::Surface => Command::Race(race),
        Page::Network => Command::Network(network),
    }
    .apply(state)
}

/// Installs a scene in its page and shows that page; a scene that does not
/// build changes nothing and says why.
fn load_scene(state: &mut AppState, scene: AnyScene) {
    state.status = None;
    let loaded = match scene {
        AnyScene::Race(scene) => state.race.load(scene, &mut state.status).map(|()| Page::Surface),
        AnyScene::Network(scene) => state.network.load(scene).map(|()| Page::Network),
    };
    match loaded {
        Ok(page) => state.page = page,
        Err(error) => state.status = Some(format!("could not load the scene: {error}")),
    }
}

/// Reads and parses the scene file at `path` off the UI thread; its result
/// loads it, or says why it could not (dropped if the user stopped it).
fn open(path: PathBuf) -> Job<Command> {
    Job::new(format!("opening {}", file_name(&path)), 1, move |progress| {
        let read = AnyScene::load(&path);
        progress.advance();
        (!progress.cancelled()).then(|| match read {
            Ok(scene) => Command::OpenedScene(path, Box::new(scene)),
            Err(error) => Command::ShowStatus(error.to_string()),
        })
    })
}

/// Writes `scene` to `path` (all or nothing) off the UI thread; its result
/// says where it went or why it could not.
fn save(scene: AnyScene, path: PathBuf) -> Job<Command> {
    Job::new(format!("saving {}", file_name(&path)), 1, move |progress| {
        let saved = match &scene {
            AnyScene::Race(scene) => scene.save(&path),
            AnyScene::Network(scene) => scene.save(&path),
        };
        progress.advance();
        Some(Command::ShowStatus(match saved {
            Ok(()) => format!("saved {}", path.display()),
            Err(error) => error.to_string(),
        }))
    })
}

/// Writes `scene` as a PyTorch script at `path`, atomically.
fn export_script(scene: AnyScene, path: PathBuf) -> Job<Command> {
    Job::new(format!("exporting {}", file_name(&path)), 1, move |progress| {
        let written = py::script(&scene, None).map_err(|error| error.to_string()).and_then(|script| {
            write_atomically(&path, script.as_bytes())
                .map_err(|error| format!("cannot write {}: {error}", path.display()))
        });
        progress.advance();
        Some(Command::ShowStatus(match written {
            Ok(()) => format!("exported {}", path.display()),
            Err(error) => format!("export failed: {error}"),
        }))
    })
}

/// Writes `scene` as a PyTorch script for the clipboard; `what` names it
/// in the status line.
fn copy_script(scene: AnyScene, what: &'static str) -> Job<Command> {
    Job::new("writing the PyTorch script", 1, move |progress| {
        let command = match py::script(&scene, None) {
            Ok(script) => Command::CopyText(script, format!("copied this {what} as a PyTorch script")),
            Err(error) => Command::ShowStatus(format!("cannot copy as PyTorch: {error}")),
        };
        progress.advance();
        Some(command)
    })
}

/// The last part of `path`, for the progress bar.
fn file_name(path: &Path) -> String {
    path.file_name().unwrap_or(path.as_os_str()).to_string_lossy().into_owned()
}
