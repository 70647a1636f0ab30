//! The constant schedule: the base learning rate at every step.

use super::{defaults, no_conflict, ScheduleInfo};
use crate::spec::params::Kind;

/// Factor 1 at every step.
pub(super) static INFO: ScheduleInfo = ScheduleInfo {
    kind: Kind { name: "constant", summary: "the same learning rate at every step", params: &[] },
    check: no_conflict,
    factor: |_, _| 1.0,
    fitted: defaults,
};
