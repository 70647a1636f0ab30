//! Two interleaved spirals: the classic data set a network needs several
//! bends to split (TF Playground's hardest).

use super::csv::shipped;
use super::{Dataset, DatasetInfo, Task, TEST_SHARE};
use crate::spec::params::Kind;

/// 400 points `x,y,label` of two interleaved spirals.
const CSV: &str = include_str!("../../../assets/data/spiral.csv");

/// 400 points in the plane, two classes.
pub(super) static INFO: DatasetInfo = DatasetInfo::generated(
    Kind {
        name: "spiral",
        summary: "two interleaved spirals: 400 points, 2 features, 2 classes (target label)",
        params: &[TEST_SHARE],
    },
    |_, _| spiral(),
);

/// The shipped spirals, both coordinates standardised over all rows.
pub fn spiral() -> Dataset {
    shipped(CSV, "label", Task::Classification)
}
