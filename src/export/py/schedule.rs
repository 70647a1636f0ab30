//! Learning-rate schedules as Python functions `factor(t)`, the multiplier of
//! the learning rate at step t + 1, for `torch.optim.lr_scheduler.LambdaLR`;
//! each written as optiviz computes it.

use super::text;
use crate::optim::schedule::Schedule;
use crate::spec::params::Value;

/// The function `name(t)` that computes `schedule`'s factor, or `None` for
/// the constant schedule (no scheduler at all).
pub(super) fn function(schedule: &Schedule, name: &str) -> Option<String> {
    let get = |key: &str| {
        schedule.settings().iter().find(|(param, _)| param.name == key).map_or_else(String::new, |(_, v)| match v {
            Value::Real(v) => text::float(*v),
            other => text::value(other),
        })
    };
    let cosine = |progress: &str| {
        let m = get("min_factor");
        format!("{m} + (1.0 - {m}) * 0.5 * (1.0 + math.cos(math.pi * ({progress})))")
    };
    let body = match schedule.name() {
        "step" => format!("    return {} ** (t // {})\n", get("gamma"), get("step_size")),
        "exponential" => format!("    return {} ** t\n", get("gamma")),
        "cosine" => {
            let t_max = get("t_max");
            format!("    return {}\n", cosine(&format!("min(t, {t_max}) / {t_max}")))
        }
        "warmup_cosine" => {
            let (warmup, t_max) = (get("warmup"), get("t_max"));
            format!(
                "    if t < {warmup}:\n        return (t + 1) / {warmup}\n    \
                 if t >= {t_max}:\n        return {}\n    return {}\n",
                get("min_factor"),
                cosine(&format!("(t - {warmup}) / ({t_max} - {warmup})"))
            )
        }
        _ => return None,
    };
    Some(format!(
        "def {name}(t):\n    \"\"\"The learning rate's factor at step t + 1: {}.\"\"\"\n{body}",
        text::docstring(&schedule.to_string())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_become_factor_functions() {
        let step: Schedule = "step:step_size=50,gamma=0.5".parse().expect("valid");
        let python = function(&step, "step_factor").expect("not constant");
        assert!(python.starts_with("def step_factor(t):\n"), "{python}");
        assert!(python.ends_with("    return 0.5 ** (t // 50)\n"), "{python}");
        let warm: Schedule = "warmup_cosine:warmup=10,t_max=110".parse().expect("valid");
        let python = function(&warm, "warm").expect("not constant");
        assert!(python.contains("return (t + 1) / 10\n"), "{python}");
        assert!(python.contains("math.cos(math.pi * ((t - 10) / (110 - 10)))"), "{python}");
        assert_eq!(function(&Schedule::Constant, "none"), None);
    }
}
