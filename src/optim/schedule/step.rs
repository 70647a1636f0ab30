//! Step decay: the learning rate drops by a factor every so many steps.

use super::{defaults, no_conflict, whole, ScheduleInfo};
use crate::spec::key::Key;
use crate::spec::params::{real, Bound, Kind, ParamDefault, ParamSpec, Scale};

const PARAMS: &[ParamSpec] = &[
    whole("step_size", ParamDefault::Integer(100), "steps between decays"),
    real("gamma", 0.5, Bound::Exclusive(0.0), Bound::Unbounded, Scale::Linear, (0.5, 1.0), "factor per decay"),
];
const STEP_SIZE: Key<u64> = Key::integer(PARAMS, "step_size");
const GAMMA: Key<f64> = Key::real(PARAMS, "gamma");

/// `gamma^⌊t/step_size⌋`.
pub(super) static INFO: ScheduleInfo = ScheduleInfo {
    kind: Kind { name: "step", summary: "multiply by gamma every step_size steps", params: PARAMS },
    check: no_conflict,
    factor: |s, t| s.get(GAMMA).powf((t / s.get(STEP_SIZE)) as f64),
    fitted: defaults,
};
