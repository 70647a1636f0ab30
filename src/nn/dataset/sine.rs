//! Noisy points of one period of a sine: the classic curve to fit.

use super::csv::shipped;
use super::{Dataset, DatasetInfo, Task, TEST_SHARE};
use crate::spec::params::Kind;

/// 60 points `x,y` of `sin 2πx` plus noise.
const CSV: &str = include_str!("../../../assets/data/sine.csv");

/// 60 points, one feature, a number to predict.
pub(super) static INFO: DatasetInfo = DatasetInfo::generated(
    Kind { name: "sine", summary: "60 noisy points of sin 2πx: regression of y on x", params: &[TEST_SHARE] },
    |_, _| sine(),
);

/// The shipped sine points, x and y standardised over all rows.
pub fn sine() -> Dataset {
    shipped(CSV, "y", Task::Regression)
}
