//! Exponential decay: the learning rate shrinks by a factor every step.

use super::{defaults, no_conflict, ScheduleInfo};
use crate::spec::key::Key;
use crate::spec::params::{real, Bound, Kind, ParamSpec, Scale};

const PARAMS: &[ParamSpec] =
    &[real("gamma", 0.99, Bound::Exclusive(0.0), Bound::Unbounded, Scale::Linear, (0.9, 1.0), "factor per step")];
const GAMMA: Key<f64> = Key::real(PARAMS, "gamma");

/// `gamma^t`.
pub(super) static INFO: ScheduleInfo = ScheduleInfo {
    kind: Kind { name: "exponential", summary: "multiply by gamma every step", params: PARAMS },
    check: no_conflict,
    factor: |s, t| s.get(GAMMA).powf(t as f64),
    fitted: defaults,
};
