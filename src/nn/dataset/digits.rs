//! The shipped 8×8 handwritten digits.

use super::csv::{raw_csv, shipped};
use super::{Dataset, DatasetInfo, Task, TEST_SHARE};
use crate::spec::params::Kind;

/// The 8×8 digits (1797 rows: 64 pixel values 0..16, then the label 0..9).
const DIGITS_CSV: &str = include_str!("../../../assets/digits.csv");

/// 1797 rows of 64 pixels, ten classes.
pub(super) static INFO: DatasetInfo = DatasetInfo::generated(
    Kind {
        name: "digits",
        summary: "the 8×8 handwritten digits: 1797 rows, 64 pixels, 10 classes",
        params: &[TEST_SHARE],
    },
    |_, _| digits(),
);

/// The shipped 8×8 digits, each pixel column standardised over all rows.
pub fn digits() -> Dataset {
    shipped(DIGITS_CSV, "64", Task::Classification)
}

/// The shipped digits as they are in the file: pixel values 0..16, for drawing.
pub fn digit_pixels() -> Dataset {
    match raw_csv(DIGITS_CSV, "64", Task::Classification) {
        Ok(dataset) => dataset,
        Err(e) => unreachable!("the shipped digits.csv is valid: {e}"),
    }
}
