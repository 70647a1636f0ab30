//! Classification data sets for the network: the shipped digits, two seeded
//! 2-D toy sets (circles, moons), a user's CSV, and the seeded train/test
//! split. Features are stored row-major in one vector so a batch of rows can
//! be gathered into the network's input buffer without allocating.

use std::collections::{BTreeSet, HashMap};

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

use crate::spec::error::{DataError, InitError};

/// The 8×8 digits (1797 rows: 64 pixel values 0..16, then the label 0..9).
const DIGITS_CSV: &str = include_str!("../../assets/digits.csv");

/// Labelled rows: `features` is row-major `len() × dim`, `labels[i]` in `0..classes`.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Feature values, row after row.
    pub features: Vec<f64>,
    /// Class of each row, in `0..classes`.
    pub labels: Vec<usize>,
    /// Number of classes.
    pub classes: usize,
    /// Features per row.
    pub dim: usize,
}

impl Dataset {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The features of row `i`.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.features[i * self.dim..(i + 1) * self.dim]
    }

    /// Standardises every feature column over all rows: subtract the mean,
    /// divide by the population standard deviation (a constant column keeps
    /// std 1, so it becomes all zeros).
    pub fn standardise(&mut self) {
        let n = self.len() as f64;
        for column in 0..self.dim {
            let values = || self.features.iter().skip(column).step_by(self.dim);
            let mean = values().sum::<f64>() / n;
            let variance = values().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
            let std = if variance > 0.0 { variance.sqrt() } else { 1.0 };
            for x in self.features.iter_mut().skip(column).step_by(self.dim) {
                *x = (*x - mean) / std;
            }
        }
    }
}

/// The shipped 8×8 digits, each pixel column standardised over all rows.
pub fn digits() -> Dataset {
    match from_csv(DIGITS_CSV, "64") {
        Ok(dataset) => dataset,
        Err(e) => unreachable!("the shipped digits.csv is valid: {e}"),
    }
}

/// Two concentric circles (outer radius 1: class 0, inner radius 0.5:
/// class 1) of `n` points, with Gaussian noise of standard deviation `noise`
/// (as scikit-learn's `make_circles(factor=0.5)`).
pub fn circles(n: usize, noise: f64, seed: u64) -> Dataset {
    let outer = n / 2;
    let ring = |count: usize, radius: f64| {
        (0..count).map(move |i| {
            let angle = std::f64::consts::TAU * i as f64 / count as f64;
            [radius * angle.cos(), radius * angle.sin()]
        })
    };
    let points = ring(outer, 1.0).chain(ring(n - outer, 0.5));
    two_class(points, outer, n, noise, seed)
}

/// Two interleaving half circles of `n` points (class 0 the upper moon,
/// class 1 the lower), with Gaussian noise of standard deviation `noise`
/// (as scikit-learn's `make_moons`).
pub fn moons(n: usize, noise: f64, seed: u64) -> Dataset {
    let outer = n / 2;
    let inner = n - outer;
    let angle = |i: usize, count: usize| std::f64::consts::PI * i as f64 / count.saturating_sub(1).max(1) as f64;
    let upper = (0..outer).map(|i| [angle(i, outer).cos(), angle(i, outer).sin()]);
    let lower = (0..inner).map(|i| [1.0 - angle(i, inner).cos(), 0.5 - angle(i, inner).sin()]);
    two_class(upper.chain(lower), outer, n, noise, seed)
}

/// Points with class 0 for the first `first` and class 1 after, plus seeded noise.
fn two_class(points: impl Iterator<Item = [f64; 2]>, first: usize, n: usize, noise: f64, seed: u64) -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut features = Vec::with_capacity(2 * n);
    for [x, y] in points {
        let (dx, dy): (f64, f64) = (rng.sample(StandardNormal), rng.sample(StandardNormal));
        features.extend([x + noise * dx, y + noise * dy]);
    }
    let labels = (0..n).map(|i| usize::from(i >= first)).collect();
    Dataset { features, labels, classes: 2, dim: 2 }
}

/// Reads a CSV of numbers with one target column, standardising the features.
///
/// The first line is a header when some column holds text there and a
/// number in the second line; then `target` names a column, otherwise it is
/// a 0-based column index. Target values are class names: the distinct
/// values, in numeric order when all are numbers and in text order
/// otherwise, become classes 0, 1, … Errors name the line and column.
pub fn from_csv(text: &str, target: &str) -> Result<Dataset, DataError> {
    let mut dataset = raw_csv(text, target)?;
    dataset.standardise();
    Ok(dataset)
}

/// The shipped digits as they are in the file: pixel values 0..16, for drawing.
pub fn digit_pixels() -> Dataset {
    match raw_csv(DIGITS_CSV, "64") {
        Ok(dataset) => dataset,
        Err(e) => unreachable!("the shipped digits.csv is valid: {e}"),
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

/// The most classes a CSV's target may have.
pub const MAX_CLASSES: usize = 1000;

/// Reads a CSV as [`from_csv`] does, without standardising.
fn raw_csv(text: &str, target: &str) -> Result<Dataset, DataError> {
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
    let mut features = Vec::new();
    let mut targets = Vec::new();
    for &(row, line) in &lines[usize::from(header)..] {
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        if cells.len() != width {
            return Err(DataError::Ragged { row, found: cells.len(), expected: width });
        }
        for (column, cell) in cells.iter().enumerate() {
            if column == target_index {
                targets.push(*cell);
                continue;
            }
            match cell.parse::<f64>() {
                Ok(value) if value.is_finite() => features.push(value),
                _ => {
                    return Err(DataError::NotANumber { row, column: names[column].clone(), text: (*cell).to_owned() })
                }
            }
        }
    }
    if targets.is_empty() {
        return Err(DataError::Empty);
    }
    let classes = class_names(&targets);
    if classes.len() < 2 {
        return Err(DataError::TooFewClasses { target: target.to_owned(), found: classes.len() });
    }
    if classes.len() > MAX_CLASSES {
        return Err(DataError::TooManyClasses { target: target.to_owned(), found: classes.len(), limit: MAX_CLASSES });
    }
    let index: HashMap<&str, usize> = classes.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let labels = targets.iter().map(|t| index[t]).collect();
    Ok(Dataset { features, labels, classes: classes.len(), dim: width - 1 })
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

/// Which rows train the network and which test it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// Training rows, in the order they are used.
    pub train: Vec<usize>,
    /// Test rows.
    pub test: Vec<usize>,
}

/// The share of the rows a split holds out for testing unless told otherwise.
pub const DEFAULT_TEST_SHARE: f64 = 0.2;

impl Split {
    /// A seeded shuffle of `0..n`: the last `test_share` of it (rounded up,
    /// as scikit-learn's `test_size`; at least one row stays to train on)
    /// is the test part, the rest the training part.
    pub fn shuffled(n: usize, test_share: f64, seed: u64) -> Split {
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
        let test_rows = ((n as f64 * test_share).ceil() as usize).min(n.saturating_sub(1));
        let test = order.split_off(n - test_rows);
        Split { train: order, test }
    }

    /// A given split, checked against a data set of `n` rows: every index in
    /// range, no row in both parts, a non-empty training part.
    pub fn new(train: Vec<usize>, test: Vec<usize>, n: usize) -> Result<Split, InitError> {
        if train.is_empty() {
            return Err(InitError::Split("train_index is empty".to_owned()));
        }
        let mut seen = vec![false; n];
        for (part, indices) in [("train_index", &train), ("test_index", &test)] {
            for &i in indices {
                match seen.get_mut(i) {
                    None => return Err(InitError::Split(format!("{part} holds row {i}, but the data has {n} rows"))),
                    Some(true) => return Err(InitError::Split(format!("row {i} is listed twice"))),
                    Some(slot) => *slot = true,
                }
            }
        }
        Ok(Split { train, test })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_standardised() {
        let data = digits();
        assert_eq!((data.len(), data.dim, data.classes), (1797, 64, 10));
        for column in [0, 5, 36] {
            let values: Vec<f64> = (0..data.len()).map(|i| data.row(i)[column]).collect();
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            let var = values.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / values.len() as f64;
            assert!(mean.abs() < 1e-12, "column {column} mean {mean}");
            assert!(var == 0.0 || (var - 1.0).abs() < 1e-12, "column {column} variance {var}");
        }
        assert!((0..data.len()).all(|i| data.row(i)[0] == 0.0), "the constant column becomes zeros");
    }

    #[test]
    fn toy_sets_are_seeded() {
        for make in [circles, moons] {
            let a = make(101, 0.1, 7);
            assert_eq!(a, make(101, 0.1, 7));
            assert_ne!(a, make(101, 0.1, 8));
            assert_eq!((a.len(), a.dim, a.classes), (101, 2, 2));
            assert_eq!(a.labels.iter().filter(|&&l| l == 1).count(), 51);
        }
        let clean = circles(40, 0.0, 1);
        let radius = |i: usize| clean.row(i)[0].hypot(clean.row(i)[1]);
        assert!((radius(0) - 1.0).abs() < 1e-12 && (radius(39) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn splits_are_seeded_and_cover_every_row() {
        let split = Split::shuffled(1797, DEFAULT_TEST_SHARE, 3);
        assert_eq!((split.train.len(), split.test.len()), (1437, 360));
        assert_eq!(split, Split::shuffled(1797, DEFAULT_TEST_SHARE, 3));
        assert_ne!(split, Split::shuffled(1797, DEFAULT_TEST_SHARE, 4));
        // Seed 004's split: 30 % of 1000 circles held out, rounded up.
        let sizes = |n, share| {
            let split = Split::shuffled(n, share, 4);
            (split.train.len(), split.test.len())
        };
        assert_eq!(sizes(1000, 0.3), (700, 300));
        assert_eq!((sizes(1000, 0.2), sizes(10, 0.25), sizes(10, 0.0)), ((800, 200), (7, 3), (10, 0)));
        assert_eq!(sizes(1, 0.5), (1, 0), "one row to train on stays");
        let mut all: Vec<usize> = split.train.iter().chain(&split.test).copied().collect();
        all.sort_unstable();
        assert!(all.iter().copied().eq(0..1797));
        assert!(Split::new(vec![0, 1], vec![1], 3).unwrap_err().to_string().contains("row 1 is listed twice"));
        assert!(Split::new(vec![0, 5], vec![], 3).unwrap_err().to_string().contains("row 5"));
    }

    #[test]
    fn csv_with_header_and_named_classes() {
        let data = from_csv("a,kind,b\n1,cat,2\n3,dog,2\n5,cat,2\n", "kind").unwrap();
        assert_eq!((data.dim, data.classes, data.labels.clone()), (2, 2, vec![0, 1, 0]));
        assert_eq!(data.row(1), &[0.0, 0.0], "standardised: middle of a, constant b");
    }

    #[test]
    fn csv_without_header_may_have_text_classes() {
        let data = from_csv("1,2,yes\n3,4,no\n5,6,yes\n", "2").unwrap();
        assert_eq!((data.len(), data.dim, data.labels.clone()), (3, 2, vec![1, 0, 1]));
        let numbered = from_csv("0.5,10\n0.7,2\n0.1,10\n", "1").unwrap();
        assert_eq!(numbered.labels, vec![1, 0, 1], "numeric classes in numeric order");
    }

    #[test]
    fn csv_columns_are_what_a_target_may_name() {
        assert_eq!(csv_columns("a, b ,label\n1,2,cat\n"), ["a", "b", "label"]);
        assert_eq!(csv_columns("\n1,2,yes\n3,4,no\n"), ["0", "1", "2"], "class names are not a header");
        assert!(csv_columns("").is_empty());
    }

    #[test]
    fn csv_errors_name_row_and_column() {
        let cases = [
            ("x,y,label\n1,2,0\n3,oops,1\n", "label", "row 3, column 'y': 'oops' is not a number"),
            ("1,2,0\n3,x,1\n", "2", "row 2, column '1': 'x' is not a number"),
            ("x,y,label\n1,2,0\n", "class", "no target column 'class' (columns: x, y, label)"),
            ("x,y,label\n1,2,0\n1,2\n", "label", "row 3 has 2 cells, expected 3"),
            ("x,y,label\n1,2,0\n3,4,0\n", "label", "has 1 class(es); at least 2 are needed"),
            ("", "label", "no data rows"),
        ];
        for (text, target, expected) in cases {
            let message = from_csv(text, target).unwrap_err().to_string();
            assert!(message.contains(expected), "{text:?}: {message}");
        }
    }
}
