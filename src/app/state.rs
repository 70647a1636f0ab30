//! Everything the app shows, as plain data: no egui types. The panels read
//! it; only [`super::command::Command::apply`] changes it. It is grouped
//! as rerun groups its app state: the user's preferences, one sub-state per
//! page, and what the window says about itself (the status line, the job).

use optiviz::scene::AnyScene;

use super::network::state::{NetworkState, FRAME_BUDGET};
use super::prefs::Prefs;
use super::race::state::RaceState;

/// Which page fills the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// Optimizers racing on a loss surface.
    Surface,
    /// Optimizers training a small network.
    Network,
}

/// The whole state of the app.
#[derive(Debug)]
pub struct AppState {
    /// Theme, presentation mode, keyboard help.
    pub prefs: Prefs,
    /// Which page is shown.
    pub page: Page,
    /// The race page.
    pub race: RaceState,
    /// The Network page.
    pub network: NetworkState,
    /// The last message for the user (errors from loading, export results).
    pub status: Option<String>,
    /// What runs in the background and the share done, as the shell last saw it.
    pub job: Option<(String, f32)>,
    /// Text for the shell to put on the clipboard in the frame it shows next.
    pub clipboard: Option<String>,
}

impl AppState {
    /// The shown page's setup as a scene.
    pub fn scene(&self) -> AnyScene {
        match self.page {
            Page::Surface => AnyScene::Race(self.race.to_scene()),
            Page::Network => AnyScene::Network(self.network.to_scene()),
        }
    }

    /// The first race and the first network, both paused, the race shown.
    pub fn new() -> AppState {
        AppState {
            prefs: Prefs::new(),
            page: Page::Surface,
            race: RaceState::new(),
            network: NetworkState::new(),
            status: None,
            clipboard: None,
            job: None,
        }
    }

    /// Whether the shown page is running.
    pub fn running(&self) -> bool {
        match self.page {
            Page::Surface => self.race.playing || self.race.replaying(),
            Page::Network => self.network.playing,
        }
    }

    /// Advances the shown page by one frame's worth of steps or epochs while playing.
    pub fn tick(&mut self) {
        match self.page {
            Page::Surface => self.race.tick(),
            Page::Network => self.network.tick(FRAME_BUDGET),
        }
    }
}
