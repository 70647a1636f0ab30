//! What a scene says about itself, as the app shows it above the settings:
//! the scene file's `title` and `explanation` fields taken as one.

/// A scene's title and the paragraph a teacher reads aloud.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explanation {
    /// The title (empty when the file gives only a paragraph).
    pub title: String,
    /// The paragraph (empty when the file gives only a title).
    pub text: String,
}

impl Explanation {
    /// The explanation of a scene's `title` and `explanation` fields; `None`
    /// when it has neither.
    pub fn of(title: Option<String>, text: Option<String>) -> Option<Explanation> {
        match (title, text) {
            (None, None) => None,
            (title, text) => Some(Explanation { title: title.unwrap_or_default(), text: text.unwrap_or_default() }),
        }
    }

    /// The `title` and `explanation` fields a scene file gets back from `explanation`.
    pub fn fields(explanation: Option<&Explanation>) -> (Option<String>, Option<String>) {
        explanation.map_or((None, None), |e| (Some(e.title.clone()), Some(e.text.clone())))
    }
}
