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
    /// A data surface's rows that cannot be read or used.
    #[error("{kind}: {reason}")]
    Data {
        /// The surface's name.
        kind: &'static str,
        /// What is wrong, naming the file, line and column.
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

/// A data set that cannot be read or used for training.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DataError {
    /// The text holds no data rows.
    #[error("the CSV has no data rows")]
    Empty,
    /// A feature cell that is not a number.
    #[error("row {row}, column '{column}': '{text}' is not a number")]
    NotANumber {
        /// 1-based line number in the file.
        row: usize,
        /// The column's header name, or its 0-based index when there is no header.
        column: String,
        /// The cell as written.
        text: String,
    },
    /// A cell that holds NaN or an infinity, which no network can train on.
    #[error("row {row}, column '{column}': '{text}' is not a finite number")]
    NotFinite {
        /// 1-based line number in the file.
        row: usize,
        /// The column's header name, or its 0-based index when there is no header.
        column: String,
        /// The cell as written.
        text: String,
    },
    /// The target column is neither a header name nor a column index.
    #[error("no target column '{target}' (columns: {known})")]
    MissingTarget {
        /// The target as given.
        target: String,
        /// The columns the file has.
        known: String,
    },
    /// A row with a different number of cells than the first.
    #[error("row {row} has {found} cells, expected {expected}")]
    Ragged {
        /// 1-based line number in the file.
        row: usize,
        /// Cells in that row.
        found: usize,
        /// Cells in the first row.
        expected: usize,
    },
    /// Training needs at least two classes.
    #[error("the target column '{target}' has {found} class(es); at least 2 are needed")]
    TooFewClasses {
        /// The target column.
        target: String,
        /// How many distinct values it has.
        found: usize,
    },
    /// A data set with no feature columns besides the target.
    #[error("the CSV has no feature columns besides the target")]
    NoFeatures,
    /// A target with more distinct values than a network may have classes.
    #[error("the target column '{target}' has {found} distinct values, more than the {limit} classes a class target may have: if it is a quantity, give task=regression")]
    TooManyClasses {
        /// The target column.
        target: String,
        /// How many distinct values it has.
        found: usize,
        /// The most classes allowed.
        limit: usize,
    },
    /// Two columns with the same header name, so the target would be ambiguous.
    #[error("the header names the column '{name}' twice (columns {first} and {second}, counting from 0)")]
    DuplicateColumn {
        /// The repeated name.
        name: String,
        /// Its first column.
        first: usize,
        /// Its second column.
        second: usize,
    },
}

/// Starting weights or a split that do not fit the data.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum InitError {
    /// The JSON does not parse or lacks a field.
    #[error("init file: {0}")]
    Json(String),
    /// The init file has no layers.
    #[error("init file: no layers")]
    NoLayers,
    /// A weight or bias whose shape does not fit the data or the previous layer.
    #[error("init file: layer {layer}: {what} has {found}, expected {expected}")]
    Shape {
        /// 0-based layer index.
        layer: usize,
        /// Which array (`weight rows`, `weight row 3`, `bias`).
        what: String,
        /// Length found.
        found: usize,
        /// Length the data or previous layer requires.
        expected: usize,
    },
    /// A train or test index outside the data, or a split with an empty part.
    #[error("split: {0}")]
    Split(String),
    /// A hidden layer narrower than 1 or wider than `--model` allows, or
    /// more layers than it allows.
    #[error("init file: {0}")]
    Size(String),
    /// A value in the init file that is not finite.
    #[error("init file: layer {layer}: non-finite value")]
    NotFinite {
        /// 0-based layer index.
        layer: usize,
    },
}
