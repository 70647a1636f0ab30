//! Linear warm-up, then cosine annealing.

use super::{cosine, ScheduleInfo, MIN_FACTOR, T_MAX};
use crate::spec::error::SpecError;
use crate::spec::key::Key;
use crate::spec::params::{Kind, ParamDefault, ParamSpec, Value};

const PARAMS: &[ParamSpec] =
    &[super::whole("warmup", ParamDefault::Required, "steps of linear warm-up"), T_MAX, MIN_FACTOR];
const WARMUP: Key<u64> = Key::integer(PARAMS, "warmup");
const LENGTH: Key<u64> = Key::integer(PARAMS, "t_max");
const FLOOR: Key<f64> = Key::real(PARAMS, "min_factor");

/// `(t + 1)/w` for t < w, then the cosine from 1 at w down to m at T; in a
/// race, w is a tenth of its length and T the length.
pub(super) static INFO: ScheduleInfo = ScheduleInfo {
    kind: Kind {
        name: "warmup_cosine",
        summary: "linear warm-up over warmup steps, then cosine down to min_factor at t_max",
        params: PARAMS,
    },
    check: |s| {
        let (warmup, t_max) = (s.get(WARMUP), s.get(LENGTH));
        if warmup >= t_max {
            return Err(SpecError::Conflict {
                kind: "warmup_cosine",
                reason: format!("warmup={warmup} must be less than t_max={t_max}"),
            });
        }
        Ok(())
    },
    factor: |s, t| {
        let (warmup, t_max, min_factor) = (s.get(WARMUP), s.get(LENGTH), s.get(FLOOR));
        if t < warmup {
            (t + 1) as f64 / warmup as f64
        } else if t >= t_max {
            min_factor
        } else {
            cosine(min_factor, (t - warmup) as f64 / (t_max - warmup) as f64)
        }
    },
    fitted: |steps| {
        vec![(WARMUP.name(), Value::Integer((steps / 10).max(1))), (LENGTH.name(), Value::Integer(steps.max(2)))]
    },
};
