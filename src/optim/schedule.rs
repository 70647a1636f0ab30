//! Learning-rate schedules: the factor that multiplies the base learning
//! rate at each step (the scheduler is stepped after every step).

use std::f64::consts::PI;
use std::fmt;
use std::str::FromStr;

use crate::spec::error::SpecError;
use crate::spec::params::{real, Bound, Kind, ParamDefault, ParamKind, ParamSpec, Scale, Value};
use crate::spec::settings::Settings;

/// A learning-rate schedule; `factor(t)` for the 0-based step index t.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Schedule {
    /// factor 1.
    #[default]
    Constant,
    /// `gamma^⌊t/step_size⌋`.
    Step {
        /// Steps between decays (≥ 1).
        step_size: u64,
        /// Factor per decay (> 0).
        gamma: f64,
    },
    /// `gamma^t`.
    Exponential {
        /// Factor per step (> 0).
        gamma: f64,
    },
    /// `m + (1 − m)·½(1 + cos(π·min(t, T)/T))`.
    Cosine {
        /// Length T of the cosine (≥ 1).
        t_max: u64,
        /// Final factor m in [0, 1].
        min_factor: f64,
    },
    /// Linear warm-up to 1 over `warmup` steps, then cosine down to `min_factor` at `t_max`.
    WarmupCosine {
        /// Warm-up length w, 1 ≤ w < T.
        warmup: u64,
        /// Step T where the cosine ends.
        t_max: u64,
        /// Final factor m in [0, 1].
        min_factor: f64,
    },
}

const fn whole(name: &'static str, default: ParamDefault, doc: &'static str) -> ParamSpec {
    ParamSpec { name, default, kind: ParamKind::Integer { min: 1, max: u64::MAX }, doc }
}

const GAMMA: ParamSpec =
    real("gamma", 0.5, Bound::Exclusive(0.0), Bound::Unbounded, Scale::Linear, (0.5, 1.0), "factor per decay");
const MIN_FACTOR: ParamSpec = real(
    "min_factor",
    0.0,
    Bound::Inclusive(0.0),
    Bound::Inclusive(1.0),
    Scale::Linear,
    (0.0, 1.0),
    "final learning rate as a fraction of the base",
);
const T_MAX: ParamSpec = whole("t_max", ParamDefault::Required, "step where the cosine reaches min_factor");

/// The schedules, in the order they are listed.
pub static SCHEDULE_KINDS: [&Kind; 5] = [
    &Kind { name: "constant", summary: "the same learning rate at every step", params: &[] },
    &Kind {
        name: "step",
        summary: "multiply by gamma every step_size steps",
        params: &[whole("step_size", ParamDefault::Integer(100), "steps between decays"), GAMMA],
    },
    &Kind {
        name: "exponential",
        summary: "multiply by gamma every step",
        params: &[real(
            "gamma",
            0.99,
            Bound::Exclusive(0.0),
            Bound::Unbounded,
            Scale::Linear,
            (0.9, 1.0),
            "factor per step",
        )],
    },
    &Kind { name: "cosine", summary: "half a cosine from 1 down to min_factor at t_max", params: &[T_MAX, MIN_FACTOR] },
    &Kind {
        name: "warmup_cosine",
        summary: "linear warm-up over warmup steps, then cosine down to min_factor at t_max",
        params: &[whole("warmup", ParamDefault::Required, "steps of linear warm-up"), T_MAX, MIN_FACTOR],
    },
];

impl Schedule {
    /// The learning-rate factor for the 0-based step index `t`.
    pub fn factor(&self, t: u64) -> f64 {
        match *self {
            Schedule::Constant => 1.0,
            Schedule::Step { step_size, gamma } => gamma.powf((t / step_size) as f64),
            Schedule::Exponential { gamma } => gamma.powf(t as f64),
            Schedule::Cosine { t_max, min_factor } => cosine(min_factor, t.min(t_max) as f64 / t_max as f64),
            Schedule::WarmupCosine { warmup, t_max, min_factor } => {
                if t < warmup {
                    (t + 1) as f64 / warmup as f64
                } else if t >= t_max {
                    min_factor
                } else {
                    cosine(min_factor, (t - warmup) as f64 / (t_max - warmup) as f64)
                }
            }
        }
    }

    /// The spec's kind name.
    pub fn name(&self) -> &'static str {
        self.kind().name
    }

    fn kind(&self) -> &'static Kind {
        let index = match self {
            Schedule::Constant => 0,
            Schedule::Step { .. } => 1,
            Schedule::Exponential { .. } => 2,
            Schedule::Cosine { .. } => 3,
            Schedule::WarmupCosine { .. } => 4,
        };
        SCHEDULE_KINDS[index]
    }

    /// The schedule as settings (for display and the app's sliders).
    pub fn settings(&self) -> Settings {
        let given = match *self {
            Schedule::Constant => vec![],
            Schedule::Step { step_size, gamma } => {
                vec![("step_size", Value::Integer(step_size)), ("gamma", Value::Real(gamma))]
            }
            Schedule::Exponential { gamma } => vec![("gamma", Value::Real(gamma))],
            Schedule::Cosine { t_max, min_factor } => {
                vec![("t_max", Value::Integer(t_max)), ("min_factor", Value::Real(min_factor))]
            }
            Schedule::WarmupCosine { warmup, t_max, min_factor } => vec![
                ("warmup", Value::Integer(warmup)),
                ("t_max", Value::Integer(t_max)),
                ("min_factor", Value::Real(min_factor)),
            ],
        };
        Settings::from_values(self.kind(), given)
            .unwrap_or_else(|e| unreachable!("a schedule's own values are valid: {e}"))
    }

    /// The schedule described by `settings`, checking cross-parameter rules.
    pub fn from_settings(s: &Settings) -> Result<Schedule, SpecError> {
        let schedule = match s.kind().name {
            "constant" => Schedule::Constant,
            "step" => Schedule::Step { step_size: s.integer("step_size"), gamma: s.real("gamma") },
            "exponential" => Schedule::Exponential { gamma: s.real("gamma") },
            "cosine" => Schedule::Cosine { t_max: s.integer("t_max"), min_factor: s.real("min_factor") },
            _ => {
                let (warmup, t_max) = (s.integer("warmup"), s.integer("t_max"));
                if warmup >= t_max {
                    return Err(SpecError::Conflict {
                        kind: "warmup_cosine",
                        reason: format!("warmup={warmup} must be less than t_max={t_max}"),
                    });
                }
                Schedule::WarmupCosine { warmup, t_max, min_factor: s.real("min_factor") }
            }
        };
        Ok(schedule)
    }
}

/// `m + (1 − m)·½(1 + cos(π·progress))`.
fn cosine(min_factor: f64, progress: f64) -> f64 {
    min_factor + (1.0 - min_factor) * 0.5 * (1.0 + (PI * progress).cos())
}

impl FromStr for Schedule {
    type Err = SpecError;

    fn from_str(text: &str) -> Result<Self, SpecError> {
        let parsed = Settings::parse(text, "schedule", "cosine:t_max=1000", SCHEDULE_KINDS, &[])?;
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
