//! A scene's runs as Python, for a race and a training alike: one
//! `LambdaLR` factor function per distinct schedule, the written-out
//! optimizer classes the runs need, and one call per run of the script's
//! loop (`race(…)` or `train(…)`) that builds its optimizer.

use super::{optimizer, schedule, text};
use crate::optim::ScheduleUse;
use crate::scene::SceneRun;
use crate::Schedule;

/// The Python of a scene's runs.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct RunsCode {
    /// The factor functions, then the written-out optimizer classes with
    /// their base class (each definition after a blank line pair).
    pub definitions: String,
    /// The calls of the loop, one per run, indented for `main()`.
    pub calls: String,
}

/// The Python of `runs`, each run a call of `function(index, label,
/// make_optimizer, factor=…, draws=…)`, its `draws` argument (if any) the
/// run's entry in `draws`.
pub(super) fn code(runs: &[&SceneRun], function: &str, draws: &[String]) -> RunsCode {
    // One factor function per distinct schedule, named after it.
    let mut schedules: Vec<(String, String)> = Vec::new(); // (spec, function name)
    let mut definitions = String::new();
    let mut factor_of = |schedule: &Schedule| -> Option<String> {
        let spec = schedule.to_string();
        if let Some((_, name)) = schedules.iter().find(|(s, _)| *s == spec) {
            return Some(name.clone());
        }
        let base = format!("{}_factor", schedule.name());
        let same = schedules.iter().filter(|(_, name)| name.starts_with(&base)).count();
        let name = if same == 0 { base } else { format!("{base}_{}", same + 1) };
        let function = schedule::function(schedule, &name)?;
        definitions.push_str(&format!("\n\n{function}"));
        schedules.push((spec, name.clone()));
        Some(name)
    };

    let mut classes: Vec<&'static str> = Vec::new();
    let mut calls = String::new();
    for (index, run) in runs.iter().enumerate() {
        let factor = factor_of(&run.schedule);
        let extras = optimizer::Extras { schedule: factor.as_deref().unwrap_or("constant_factor") };
        let made = optimizer::construction(&run.optimizer, extras);
        if let Some(class) = made.class {
            if !classes.contains(&class) {
                classes.push(class);
            }
        }
        let factor = match (factor, cycle_of(run)) {
            (Some(name), Some(period)) => Some(format!("lambda t: {name}(t % {period})")),
            (factor, _) => factor,
        };
        let label = text::string(run.optimizer.label());
        calls.push_str(&format!(
            "    {function}(\n        {index},\n        {label},\n        lambda params: {},\n",
            made.expression
        ));
        if let Some(factor) = factor {
            calls.push_str(&format!("        factor={factor},\n"));
        }
        if let Some(draws) = draws.get(index) {
            calls.push_str(&format!("        draws={draws},\n"));
        }
        calls.push_str("    )\n");
    }
    if calls.contains("constant_factor") {
        definitions.push_str(
            "\n\ndef constant_factor(t):\n    \"\"\"The constant schedule: the learning rate itself at every step.\"\"\"\n    return 1.0\n",
        );
    }
    if !classes.is_empty() {
        definitions.push_str("\n\n");
        definitions.push_str(optimizer::POINT_OPTIMIZER);
        for class in &classes {
            definitions.push_str("\n\n");
            definitions.push_str(class);
        }
    }
    RunsCode { definitions, calls }
}

/// The period after which a run's schedule starts again (Lookahead resetting
/// its inner Adam), if it does.
fn cycle_of(run: &SceneRun) -> Option<u64> {
    match run.optimizer.build(2).schedule_use() {
        ScheduleUse::Cycle(period) => Some(period),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(optimizer: &str, schedule: &str) -> SceneRun {
        SceneRun {
            optimizer: optimizer.parse().expect("a valid optimizer"),
            schedule: schedule.parse().expect("a valid schedule"),
            color: None,
            enabled: true,
        }
    }

    #[test]
    fn one_factor_per_schedule_and_one_class_per_optimizer() {
        let runs = [
            run("adam:lr=0.01", "cosine:t_max=100"),
            run("lion", "cosine:t_max=100"),
            run("lion:lr=0.001", "step:step_size=10"),
        ];
        let made = code(&runs.iter().collect::<Vec<_>>(), "train", &[]);
        assert_eq!(made.definitions.matches("def cosine_factor(").count(), 1, "{}", made.definitions);
        assert_eq!(made.definitions.matches("class Lion(").count(), 1);
        assert!(made.definitions.contains("class PointOptimizer("));
        assert_eq!(made.calls.matches("    train(\n").count(), 3);
        assert!(made.calls.contains("factor=step_factor,"), "{}", made.calls);
        let lookahead = code(&[&run("lookahead:reset_state=true", "exponential:gamma=0.9")], "race", &[]);
        assert!(lookahead.calls.contains("factor=lambda t: exponential_factor(t % 5)"), "{}", lookahead.calls);
        let schedule_free = code(&[&run("schedule_free_adamw", "constant")], "race", &["Draws()".to_owned()]);
        assert!(schedule_free.calls.contains("        draws=Draws(),\n"), "{}", schedule_free.calls);
        assert!(schedule_free.definitions.contains("def constant_factor(t):"));
    }
}
