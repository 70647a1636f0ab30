//! How the user likes the window, whatever page it shows: the theme, the
//! presentation mode and the keyboard help. Plain data; only the app's
//! commands change it.

/// The user's preferences for the whole window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prefs {
    /// Large fonts and thick lines for a projector.
    pub presentation: bool,
    /// Dark theme.
    pub dark: bool,
    /// Whether the keyboard help is shown.
    pub show_help: bool,
}

impl Prefs {
    /// The dark theme, at the desk, without the help.
    pub fn new() -> Prefs {
        Prefs { presentation: false, dark: true, show_help: false }
    }
}
