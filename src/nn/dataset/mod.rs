//! Data sets for the network: the shipped digits, spiral, sine and diabetes
//! data, two seeded 2-D toy sets (circles, moons), a user's CSV (classes or
//! a number to predict), and the seeded train/test split. Features are stored row-major in one vector so a batch of rows can
//! be gathered into the network's input buffer without allocating.

mod cells;
mod circles;
mod csv;
mod diabetes;
mod digits;
mod moons;
mod sine;
mod spiral;

use std::fmt;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

pub use circles::circles;
pub use csv::{csv_columns, from_csv, MAX_CLASSES};
pub use diabetes::diabetes;
pub use digits::{digit_pixels, digits};
pub use moons::moons;
pub use sine::sine;
pub use spiral::spiral;

use crate::spec::error::InitError;
use crate::spec::key::Key;
use crate::spec::params::{self, Bound, Kind, ParamDefault, ParamKind, ParamSpec, Scale};
use crate::spec::settings::Values;

/// Static description of a data set: its parameters and where its rows come from.
pub struct DatasetInfo {
    /// Name and parameter table.
    pub kind: Kind,
    /// Where its table holds the test share, which every data set takes.
    pub test: Key<f64>,
    /// Makes the rows from the values and a seed; `None` for a file the
    /// spec names (`csv`).
    generate: Option<fn(Values<'_>, u64) -> Dataset>,
}

impl DatasetInfo {
    /// A data set made by `generate`; fails to compile unless its table has `test`.
    const fn generated(kind: Kind, generate: fn(Values<'_>, u64) -> Dataset) -> DatasetInfo {
        DatasetInfo { test: Key::real(kind.params, "test"), kind, generate: Some(generate) }
    }

    /// A data set read from a file; fails to compile unless its table has `test`.
    const fn file(kind: Kind) -> DatasetInfo {
        DatasetInfo { test: Key::real(kind.params, "test"), kind, generate: None }
    }

    /// Whether the rows are generated (not read from a file).
    pub fn is_generated(&self) -> bool {
        self.generate.is_some()
    }

    /// The generated rows for `values` and `seed`; `None` for a file.
    pub fn generate(&self, values: Values<'_>, seed: u64) -> Option<Dataset> {
        self.generate.map(|generate| generate(values, seed))
    }
}

impl fmt::Debug for DatasetInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatasetInfo").field("name", &self.kind.name).finish()
    }
}

impl PartialEq for DatasetInfo {
    fn eq(&self, other: &Self) -> bool {
        self.kind.name == other.kind.name
    }
}

/// The data sets `--dataset` takes, in the order `optiviz list` shows them:
/// the registry. A new data set is a file in `src/nn/dataset/` with its
/// `INFO` and one line here.
pub static DATASETS: [&DatasetInfo; 7] =
    [&digits::INFO, &circles::INFO, &moons::INFO, &spiral::INFO, &sine::INFO, &diabetes::INFO, &csv::INFO];

/// The shipped digits' entry (the app draws their images).
pub static DIGITS: &DatasetInfo = &digits::INFO;

/// The entry of a user's CSV file.
pub static CSV: &DatasetInfo = &csv::INFO;

/// Where a CSV data set's settings hold its task (`classification` or `regression`).
pub const CSV_TASK: Key<&str> = csv::TASK;

/// Number of points of a generated data set.
const POINTS: ParamSpec = ParamSpec {
    name: "n",
    default: ParamDefault::Integer(1000),
    kind: ParamKind::Integer { min: 10, max: 1_000_000 },
    doc: "number of points, half of each class",
};

/// A number of points as a length.
fn count(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// The share of the rows held out for testing, which every data set takes.
const TEST_SHARE: ParamSpec = params::real(
    "test",
    DEFAULT_TEST_SHARE,
    Bound::Inclusive(0.0),
    Bound::Inclusive(0.9),
    Scale::Linear,
    (0.0, 0.5),
    "share of the rows held out for testing (a seeded shuffle; seed 004 holds out 0.3)",
);

/// What a data set's target is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Task {
    /// A class per row.
    #[default]
    Classification,
    /// A number per row.
    Regression,
}

impl Task {
    /// The spec word: `classification` or `regression`.
    pub fn name(self) -> &'static str {
        match self {
            Task::Classification => "classification",
            Task::Regression => "regression",
        }
    }

    /// The task by its spec word.
    pub fn from_name(name: &str) -> Option<Task> {
        [Task::Classification, Task::Regression].into_iter().find(|task| task.name() == name)
    }
}

/// Rows with a target: `features` is row-major `len() × dim`; a class
/// `labels[i]` in `0..classes` per row or, for regression (no classes), a
/// number `values[i]` per row.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// Feature values, row after row.
    pub features: Vec<f64>,
    /// Class of each row, in `0..classes` (empty for regression).
    pub labels: Vec<usize>,
    /// Number of classes (0 for regression).
    pub classes: usize,
    /// Features per row.
    pub dim: usize,
    /// The number each row's network is to predict, standardised like the
    /// features (empty for classification).
    pub values: Vec<f64>,
}

impl Dataset {
    /// Rows of classes: `features` row-major, `dim` per row.
    pub fn classified(features: Vec<f64>, labels: Vec<usize>, classes: usize, dim: usize) -> Dataset {
        Dataset { features, labels, classes, dim, values: Vec::new() }
    }

    /// Rows of numbers to predict: `features` row-major, `dim` per row.
    pub fn regression(features: Vec<f64>, values: Vec<f64>, dim: usize) -> Dataset {
        Dataset { features, labels: Vec::new(), classes: 0, dim, values }
    }

    /// What the target is.
    pub fn task(&self) -> Task {
        if self.classes == 0 {
            Task::Regression
        } else {
            Task::Classification
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self.task() {
            Task::Classification => self.labels.len(),
            Task::Regression => self.values.len(),
        }
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The features of row `i`.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.features[i * self.dim..(i + 1) * self.dim]
    }

    /// Standardises every feature column over all rows, and a regression's
    /// target: subtract the mean, divide by the population standard
    /// deviation (a constant column keeps std 1, so it becomes all zeros).
    pub fn standardise(&mut self) {
        standardise_columns(&mut self.features, self.dim);
        standardise_columns(&mut self.values, 1);
    }
}

/// Standardises each of the `dim` columns of the row-major `values` (see
/// [`Dataset::standardise`]).
fn standardise_columns(values: &mut [f64], dim: usize) {
    // Row after row, every column's sum at once: the sums of the column
    // after column definition, in the same order, from one sequential read
    // of the matrix rather than one strided read per column.
    if dim == 0 || values.is_empty() {
        return;
    }
    let n = (values.len() / dim) as f64;
    let means: Vec<f64> = column_sums(values, dim, |_, x| x).iter().map(|sum| sum / n).collect();
    let variances = column_sums(values, dim, |column, x| (x - means[column]) * (x - means[column]));
    let stds: Vec<f64> = variances.iter().map(|sum| sum / n).map(|v| if v > 0.0 { v.sqrt() } else { 1.0 }).collect();
    for row in values.chunks_exact_mut(dim) {
        for ((x, mean), std) in row.iter_mut().zip(&means).zip(&stds) {
            *x = (*x - mean) / std;
        }
    }
}

/// Each column's sum of `term(column, x)` over the rows of the row-major
/// `features` (`dim` columns), added in row order.
fn column_sums(features: &[f64], dim: usize, term: impl Fn(usize, f64) -> f64) -> Vec<f64> {
    let mut sums = vec![-0.0; dim];
    for row in features.chunks_exact(dim) {
        for (column, (sum, x)) in sums.iter_mut().zip(row).enumerate() {
            *sum += term(column, *x);
        }
    }
    sums
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
    Dataset::classified(features, labels, 2, 2)
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
    use crate::spec::settings::Settings;

    #[test]
    fn every_data_set_reads_its_whole_table() {
        for info in DATASETS {
            let settings = Settings::defaults(&info.kind).unwrap();
            // `DatasetSpec::test_share` reads test, and `DatasetSpec::load` a
            // file's task; the generator all the rest.
            let unread = settings.unread_by(|values| drop(info.generate(values, 0)));
            let read_elsewhere: &[&str] = if info.is_generated() { &["test"] } else { &["test", "task"] };
            assert_eq!(unread, read_elsewhere, "{}", info.kind.name);
            assert_eq!(info.test.name(), "test");
        }
    }

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
        let data = from_csv("a,kind,b\n1,cat,2\n3,dog,2\n5,cat,2\n", "kind", Task::Classification).unwrap();
        assert_eq!((data.dim, data.classes, data.labels.clone()), (2, 2, vec![0, 1, 0]));
        assert_eq!(data.row(1), &[0.0, 0.0], "standardised: middle of a, constant b");
    }

    #[test]
    fn csv_without_header_may_have_text_classes() {
        let data = from_csv("1,2,yes\n3,4,no\n5,6,yes\n", "2", Task::Classification).unwrap();
        assert_eq!((data.len(), data.dim, data.labels.clone()), (3, 2, vec![1, 0, 1]));
        let numbered = from_csv("0.5,10\n0.7,2\n0.1,10\n", "1", Task::Classification).unwrap();
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
            let message = from_csv(text, target, Task::Classification).unwrap_err().to_string();
            assert!(message.contains(expected), "{text:?}: {message}");
        }
        let regression = [
            ("x,y\n1,2\n3,many\n", "row 3, column 'y': 'many' is not a number"),
            ("x,y\n1,2\n3,nan\n", "row 3, column 'y': 'nan' is not a finite number"),
            ("x,y\ninf,2\n3,4\n", "row 2, column 'x': 'inf' is not a finite number"),
        ];
        for (text, expected) in regression {
            let message = from_csv(text, "y", Task::Regression).unwrap_err().to_string();
            assert!(message.contains(expected), "{text:?}: {message}");
        }
    }

    #[test]
    fn a_regression_target_is_a_standardised_number() {
        let data = from_csv("x,y\n1,10\n2,20\n3,60\n", "y", Task::Regression).unwrap();
        assert_eq!((data.task(), data.len(), data.dim, data.classes), (Task::Regression, 3, 1, 0));
        // y: mean 30, population std √(1400/3).
        let std = (1400.0f64 / 3.0).sqrt();
        let expected = [-20.0 / std, -10.0 / std, 30.0 / std];
        assert!(data.values.iter().zip(expected).all(|(v, e)| (v - e).abs() < 1e-15), "{:?}", data.values);
        assert!(data.labels.is_empty());
        let constant = from_csv("x,y\n1,5\n2,5\n", "y", Task::Regression).unwrap();
        assert_eq!(constant.values, [0.0, 0.0], "a constant target keeps std 1");
        // As classes, the same column is three classes.
        assert_eq!(from_csv("x,y\n1,10\n2,20\n3,60\n", "y", Task::Classification).unwrap().classes, 3);
    }

    #[test]
    fn the_shipped_data_sets_have_their_shapes() {
        for (data, rows, dim, task) in [
            (spiral(), 400, 2, Task::Classification),
            (sine(), 60, 1, Task::Regression),
            (diabetes(), 442, 10, Task::Regression),
        ] {
            assert_eq!((data.len(), data.dim, data.task()), (rows, dim, task));
            let mean = data.values.iter().sum::<f64>() / rows as f64;
            assert!(mean.abs() < 1e-12, "the target is standardised");
        }
        assert_eq!(spiral().classes, 2);
    }
}
