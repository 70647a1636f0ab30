//! Typed library errors. Each message names the problem and what is allowed,
//! so the command line can print it as one line and the app beside a field.

use crate::surface::expr::FormulaError;

/// A spec string, scene value or setting that is not valid.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SpecError {
    /// Nothing was given.
    #[error("empty {what} spec: expected a name such as {example}")]
    Empty {
        /// What was expected (`optimizer`, `surface`, `schedule`).
        what: &'static str,
        /// An example of a valid spec.
        example: &'static str,
    },
    /// The name is not one we know.
    #[error("unknown {what} '{name}' (known: {known})")]
    UnknownName {
        /// What was expected.
        what: &'static str,
        /// The name given.
        name: String,
        /// The known names.
        known: String,
    },
    /// A key the kind does not have.
    #[error("{kind}: unknown key '{key}' (keys: {known})")]
    UnknownKey {
        /// The kind's name.
        kind: &'static str,
        /// The key given.
        key: String,
        /// The keys the kind has.
        known: String,
    },
    /// A piece between commas that is not `key=value`.
    #[error("{kind}: '{piece}' is not key=value")]
    NotAPair {
        /// The kind's name.
        kind: &'static str,
        /// The offending piece.
        piece: String,
    },
    /// A key given twice.
    #[error("{kind}: {key} is given twice")]
    Duplicate {
        /// The kind's name.
        kind: &'static str,
        /// The repeated key.
        key: String,
    },
    /// A value that does not parse or is out of range.
    #[error("{kind}: {key}={text} {reason}")]
    BadValue {
        /// The kind's name.
        kind: &'static str,
        /// The key.
        key: String,
        /// The value as given.
        text: String,
        /// Why it is wrong and what is allowed.
        reason: String,
    },
    /// A required key that was not given.
    #[error("{kind}: {key} is required ({range})")]
    Missing {
        /// The kind's name.
        kind: &'static str,
        /// The missing key.
        key: &'static str,
        /// What it may be.
        range: String,
    },
    /// Values that are each valid but not together.
    #[error("{kind}: {reason}")]
    Conflict {
        /// The kind's name.
        kind: &'static str,
        /// What does not fit.
        reason: String,
    },
    /// A formula that does not parse.
    #[error("formula '{source_text}': {error}")]
    Formula {
        /// The formula as typed.
        source_text: String,
        /// Where and why it failed.
        error: FormulaError,
    },
}
