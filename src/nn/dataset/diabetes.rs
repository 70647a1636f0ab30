//! scikit-learn's diabetes data: a real regression task.

use super::csv::shipped;
use super::{Dataset, DatasetInfo, Task, TEST_SHARE};
use crate::spec::params::Kind;

/// 442 patients: age, sex, bmi, bp, six blood serum measurements `s1`..`s6`, then `progression`.
const CSV: &str = include_str!("../../../assets/data/diabetes.csv");

/// 442 rows, ten features, a number to predict.
pub(super) static INFO: DatasetInfo = DatasetInfo::generated(
    Kind {
        name: "diabetes",
        summary: "scikit-learn's diabetes data: 442 patients, 10 measurements, regression of the disease's progression",
        params: &[TEST_SHARE],
    },
    |_, _| diabetes(),
);

/// The shipped diabetes data, every column and the target standardised over all rows.
pub fn diabetes() -> Dataset {
    shipped(CSV, "progression", Task::Regression)
}
