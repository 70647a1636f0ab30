//! Learning-rate schedules: the factor that multiplies the base learning
//! rate at each step (the scheduler is stepped after every step).

use std::f64::consts::PI;
use std::fmt;
use std::str::FromStr;

use crate::spec::error::SpecError;
use crate::spec::params::{join_names, real, Bound, Kind, ParamDefault, ParamKind, ParamSpec, Scale, Value};
use crate::spec::settings::{no_conflict, Settings, Values};

mod constant;
mod cosine;
mod exponential;
mod step;
mod warmup_cosine;

/// Static description of a schedule: its parameters and how it computes.
pub struct ScheduleInfo {
    /// Name and parameter table.
    pub kind: Kind,
    /// Rejects values that are each valid but not together.
    check: fn(Values<'_>) -> Result<(), SpecError>,
    /// The learning-rate factor at the 0-based step index t.
    factor: fn(Values<'_>, u64) -> f64,
    /// The values (beyond the defaults) that fit a race of the given number of steps.
    fitted: fn(u64) -> Vec<(&'static str, Value)>,
}

impl fmt::Debug for ScheduleInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScheduleInfo").field("name", &self.kind.name).finish()
    }
}

/// The schedules, in the order they are listed: the registry. A new
/// schedule is a file in `src/optim/schedule/` with its `INFO` and one line here.
pub static SCHEDULES: [&ScheduleInfo; 5] =
    [&constant::INFO, &step::INFO, &exponential::INFO, &cosine::INFO, &warmup_cosine::INFO];

/// A learning-rate schedule: the factor that multiplies the base learning
/// rate at each step, `factor(t)` for the 0-based step index t.
#[derive(Clone, Debug)]
pub struct Schedule {
    info: &'static ScheduleInfo,
    settings: Settings,
}

impl PartialEq for Schedule {
    fn eq(&self, other: &Self) -> bool {
        self.settings == other.settings
    }
}

/// A whole number ≥ 1 (a length in steps).
const fn whole(name: &'static str, default: ParamDefault, doc: &'static str) -> ParamSpec {
    ParamSpec { name, default, kind: ParamKind::Integer { min: 1, max: u64::MAX }, doc }
}

/// The final factor of the cosine schedules.
const MIN_FACTOR: ParamSpec = real(
    "min_factor",
    0.0,
    Bound::Inclusive(0.0),
    Bound::Inclusive(1.0),
    Scale::Linear,
    (0.0, 1.0),
    "final learning rate as a fraction of the base",
);
/// Where the cosine schedules end.
const T_MAX: ParamSpec = whole("t_max", ParamDefault::Required, "step where the cosine reaches min_factor");

/// For schedules whose defaults fit any race.
fn defaults(_: u64) -> Vec<(&'static str, Value)> {
    Vec::new()
}

impl Default for Schedule {
    fn default() -> Schedule {
        Schedule::Constant
    }
}

impl Schedule {
    /// The constant schedule, factor 1 at every step (the default).
    #[allow(non_upper_case_globals)]
    pub const Constant: Schedule =
        Schedule { info: &constant::INFO, settings: Settings::without_params(&constant::INFO.kind) };

    /// The learning-rate factor for the 0-based step index `t`.
    #[inline]
    pub fn factor(&self, t: u64) -> f64 {
        // Most runs keep their rate: a 2-D step takes a few nanoseconds
        // less without the call.
        if std::ptr::eq(self.info, &constant::INFO) {
            return 1.0;
        }
        (self.info.factor)(self.settings.values(), t)
    }

    /// The spec's kind name.
    pub fn name(&self) -> &'static str {
        self.settings.kind().name
    }

    /// The schedule as settings (for display and the app's sliders).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The schedule described by `settings`, checking cross-parameter rules.
    pub fn from_settings(s: &Settings) -> Result<Schedule, SpecError> {
        let kind = s.kind();
        let info = SCHEDULES.iter().copied().find(|info| info.kind == *kind).ok_or_else(|| SpecError::UnknownName {
            what: "schedule",
            name: kind.name.to_owned(),
            known: join_names(SCHEDULES.iter().map(|info| info.kind.name)),
        })?;
        (info.check)(s.values())?;
        Ok(Schedule { info, settings: s.clone() })
    }

    /// The schedule `info` with values that fit a race of `steps` steps.
    pub fn for_steps(info: &'static ScheduleInfo, steps: u64) -> Result<Schedule, SpecError> {
        Schedule::from_settings(&Settings::from_values(&info.kind, (info.fitted)(steps))?)
    }
}

/// `m + (1 − m)·½(1 + cos(π·progress))`, shared by the cosine schedules.
fn cosine(min_factor: f64, progress: f64) -> f64 {
    min_factor + (1.0 - min_factor) * 0.5 * (1.0 + (PI * progress).cos())
}

impl FromStr for Schedule {
    type Err = SpecError;

    fn from_str(text: &str) -> Result<Self, SpecError> {
        let kinds = SCHEDULES.iter().map(|info| &info.kind);
        let parsed = Settings::parse(text, "schedule", "cosine:t_max=1000", kinds, &[])?;
        Schedule::from_settings(&parsed.settings)
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.settings().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_follow_the_formulas() {
        let step: Schedule = "step:step_size=50,gamma=0.5".parse().unwrap();
        assert_eq!(step.factor(49), 1.0);
        assert_eq!(step.factor(50), 0.5);
        assert_eq!(step.factor(100), 0.25);
        let cos: Schedule = "cosine:t_max=100,min_factor=0.1".parse().unwrap();
        assert_eq!(cos.factor(0), 1.0);
        assert!((cos.factor(50) - 0.55).abs() < 1e-15);
        assert!((cos.factor(100) - 0.1).abs() < 1e-15);
        assert!((cos.factor(1000) - 0.1).abs() < 1e-15);
        let warm: Schedule = "warmup_cosine:warmup=10,t_max=110".parse().unwrap();
        assert_eq!(warm.factor(0), 0.1);
        assert_eq!(warm.factor(9), 1.0);
        assert_eq!(warm.factor(10), 1.0);
        assert!((warm.factor(60) - 0.5).abs() < 1e-15);
        assert_eq!(warm.factor(110), 0.0);
    }

    #[test]
    fn every_schedule_reads_its_whole_table() {
        for info in SCHEDULES {
            let settings = Settings::from_values(&info.kind, (info.fitted)(1000)).unwrap();
            let unread = settings.unread_by(|values| {
                assert!((info.check)(values).is_ok());
                (info.factor)(values, 0);
            });
            assert!(unread.is_empty(), "{} leaves {unread:?} unread", info.kind.name);
        }
    }

    #[test]
    fn bad_schedules_say_why() {
        let cases = [
            ("cosine", "t_max is required"),
            ("step:step_size=0", "step_size=0 is out of range"),
            ("exponential:gamma=-1", "gamma=-1 is out of range (must be > 0)"),
            ("warmup_cosine:warmup=10,t_max=10", "warmup=10 must be less than t_max=10"),
            ("cosine:t_max=10,min_factor=2", "min_factor=2 is out of range (must be in [0, 1])"),
            ("linear", "unknown schedule 'linear'"),
        ];
        for (text, expected) in cases {
            let message = text.parse::<Schedule>().unwrap_err().to_string();
            assert!(message.contains(expected), "{text}: {message}");
        }
    }
}
