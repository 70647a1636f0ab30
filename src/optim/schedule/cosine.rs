//! Cosine annealing: half a cosine from the base learning rate down to a floor.

use super::{cosine, no_conflict, ScheduleInfo, MIN_FACTOR, T_MAX};
use crate::spec::key::Key;
use crate::spec::params::{Kind, ParamSpec, Value};

const PARAMS: &[ParamSpec] = &[T_MAX, MIN_FACTOR];
const LENGTH: Key<u64> = Key::integer(PARAMS, "t_max");
const FLOOR: Key<f64> = Key::real(PARAMS, "min_factor");

/// `m + (1 − m)·½(1 + cos(π·min(t, T)/T))`; in a race, T is its length.
pub(super) static INFO: ScheduleInfo = ScheduleInfo {
    kind: Kind { name: "cosine", summary: "half a cosine from 1 down to min_factor at t_max", params: PARAMS },
    check: no_conflict,
    factor: |s, t| {
        let t_max = s.get(LENGTH);
        cosine(s.get(FLOOR), t.min(t_max) as f64 / t_max as f64)
    },
    fitted: |steps| vec![(LENGTH.name(), Value::Integer(steps))],
};
