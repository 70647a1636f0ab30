//! A user's CSV file of numbers with one target column: a class, or a
//! number to predict.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use super::cells::{read_line, LineError};
use super::{Dataset, DatasetInfo, Task, TEST_SHARE};
use crate::spec::error::DataError;
use crate::spec::key::Key;
use crate::spec::params::{self, Kind, ParamSpec};

const PARAMS: &[ParamSpec] = &[
    TEST_SHARE,
    params::choice(
        "task",
        "classification",
        &["classification", "regression"],
        "what the target is: a class per row, or a number to predict (standardised, mean squared error, R²)",
    ),
];

/// Where the csv table holds the task.
pub(super) const TASK: Key<&str> = Key::choice(PARAMS, "task");

/// Read from the file the spec names (`path=FILE,target=COLUMN`).
pub(super) static INFO: DatasetInfo = DatasetInfo::file(Kind {
    name: "csv",
    summary: "a CSV file of numbers: path=FILE, target=COLUMN (header name or 0-based index), both required",
    params: PARAMS,
});

/// Reads a CSV of numbers with one target column for `task`,
/// standardising the features (and a regression's target).
///
/// The first line is a header when some column holds text there and a
/// number in the second line; then `target` names a column, otherwise it is
/// a 0-based column index. For classification, target values are class
/// names: the distinct values, in numeric order when all are numbers and in
/// text order otherwise, become classes 0, 1, … For regression they are
/// finite numbers. Errors name the line and column.
pub fn from_csv(text: &str, target: &str, task: Task) -> Result<Dataset, DataError> {
    let mut dataset = raw_csv(text, target, task)?;
    dataset.standardise();
    Ok(dataset)
}

/// A CSV shipped with optiviz, read as [`from_csv`] reads it.
///
/// # Panics
/// If the shipped file does not read (a defect the data sets' tests catch).
pub(super) fn shipped(text: &str, target: &str, task: Task) -> Dataset {
    match from_csv(text, target, task) {
        Ok(dataset) => dataset,
        Err(e) => unreachable!("a shipped CSV is valid: {e}"),
    }
}

/// The names a CSV's `target` can take: its header names, or the 0-based
/// column indices when it has no header (empty for an empty text).
pub fn csv_columns(text: &str) -> Vec<String> {
    let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
    lines.next().map_or_else(Vec::new, |first| column_names(first, lines.next()).1)
}

/// Whether `first` is a header line, and the column names: the header's
/// cells, or the column indices. A header has text above numbers: some
/// column is text in the first line and a number in the second (a column of
/// class names is text in both).
fn column_names(first: &str, second: Option<&str>) -> (bool, Vec<String>) {
    let first_cells: Vec<&str> = first.split(',').map(str::trim).collect();
    let is_text = |cell: &str| cell.parse::<f64>().is_err();
    let header = match second {
        Some(second) => {
            first_cells.iter().zip(second.split(',').map(str::trim)).any(|(a, b)| is_text(a) && !is_text(b))
        }
        None => first_cells.iter().any(|cell| is_text(cell)),
    };
    let names = if header {
        first_cells.iter().map(|cell| (*cell).to_owned()).collect()
    } else {
        (0..first_cells.len()).map(|i| i.to_string()).collect()
    };
    (header, names)
}

/// The most classes a CSV's target may have: more distinct values are
/// taken for a quantity, and the error suggests `task=regression`.
pub const MAX_CLASSES: usize = 1000;

/// Reads a CSV as [`from_csv`] does, without standardising.
pub(super) fn raw_csv(text: &str, target: &str, task: Task) -> Result<Dataset, DataError> {
    let lines: Vec<(usize, &str)> =
        text.lines().enumerate().map(|(i, line)| (i + 1, line.trim())).filter(|(_, line)| !line.is_empty()).collect();
    let (_, first) = *lines.first().ok_or(DataError::Empty)?;
    let (header, names) = column_names(first, lines.get(1).map(|(_, second)| *second));
    let width = names.len();
    let target_index = names
        .iter()
        .position(|name| name == target)
        .ok_or_else(|| DataError::MissingTarget { target: target.to_owned(), known: names.join(", ") })?;
    if width < 2 {
        return Err(DataError::NoFeatures);
    }
    if header {
        let mut seen = HashMap::new();
        for (column, name) in names.iter().enumerate() {
            if let Some(first) = seen.insert(name.as_str(), column) {
                return Err(DataError::DuplicateColumn { name: name.clone(), first, second: column });
            }
        }
    }
    let lines = &lines[usize::from(header)..];
    let dim = width - 1;
    // Each number takes a byte and a comma at least: a whole file's matrix
    // fits, and a wide header over short rows reserves no more than the text
    // until a short row stops the read. Zeroed by the allocator, its pages
    // are first touched by the threads that fill them.
    let mut features = vec![0.0; lines.len().saturating_mul(dim).min(text.len())];
    let mut targets = Vec::with_capacity(lines.len());
    let rows_per_block = (BLOCK_CELLS / dim).max(1);
    for (index, block) in lines.chunks(rows_per_block).enumerate() {
        let start = index * rows_per_block * dim;
        let end = start + block.len() * dim;
        if features.len() < end {
            features.resize(end, 0.0);
        }
        let read: Vec<_> = features[start..end]
            .par_chunks_mut(dim)
            .zip(block.par_iter())
            .map(|(row_features, (_, line))| read_line(line, target_index, row_features))
            .collect();
        for (&(row, _), result) in block.iter().zip(read) {
            targets.push((row, result.map_err(|error| line_error(error, row, &names))?));
        }
    }
    if targets.is_empty() {
        return Err(DataError::Empty);
    }
    if task == Task::Regression {
        let values = targets.iter().map(|(row, cell)| number(cell, *row, target)).collect::<Result<_, _>>()?;
        return Ok(Dataset::regression(features, values, dim));
    }
    let targets: Vec<&str> = targets.into_iter().map(|(_, cell)| cell).collect();
    let classes = class_names(&targets);
    if classes.len() < 2 {
        return Err(DataError::TooFewClasses { target: target.to_owned(), found: classes.len() });
    }
    if classes.len() > MAX_CLASSES {
        return Err(DataError::TooManyClasses { target: target.to_owned(), found: classes.len(), limit: MAX_CLASSES });
    }
    let index: HashMap<&str, usize> = classes.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let labels = targets.iter().map(|t| index[t]).collect();
    Ok(Dataset::classified(features, labels, classes.len(), dim))
}

/// Cells read at once on all cores: a block of about a million, so that a
/// wide header over short rows allocates little before a short row stops it.
const BLOCK_CELLS: usize = 1 << 20;

/// The error of line `row` that [`read_line`] refused.
fn line_error(error: LineError<'_>, row: usize, names: &[String]) -> DataError {
    match error {
        LineError::Ragged { found } => DataError::Ragged { row, found, expected: names.len() },
        LineError::NotANumber { column, text } => {
            // `number` says whether the cell is no number or not a finite one.
            let column = &names[column];
            number(text, row, column).err().unwrap_or_else(|| DataError::NotANumber {
                row,
                column: column.clone(),
                text: text.to_owned(),
            })
        }
    }
}

/// The finite number in `cell`, at `row` (1-based line) of `column`.
fn number(cell: &str, row: usize, column: &str) -> Result<f64, DataError> {
    let at = || (row, column.to_owned(), cell.to_owned());
    match cell.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        Ok(_) => {
            let (row, column, text) = at();
            Err(DataError::NotFinite { row, column, text })
        }
        Err(_) => {
            let (row, column, text) = at();
            Err(DataError::NotANumber { row, column, text })
        }
    }
}

/// The distinct target values in class order.
fn class_names<'a>(targets: &[&'a str]) -> Vec<&'a str> {
    let distinct: BTreeSet<&str> = targets.iter().copied().collect();
    let mut names: Vec<&str> = distinct.into_iter().collect();
    let numbers: Option<Vec<f64>> = names.iter().map(|name| name.parse::<f64>().ok()).collect();
    if let Some(numbers) = numbers {
        let mut paired: Vec<(f64, &str)> = numbers.into_iter().zip(names).collect();
        paired.sort_by(|a, b| a.0.total_cmp(&b.0));
        names = paired.into_iter().map(|(_, name)| name).collect();
    }
    names
}
