//! `optiviz export --format py`: a scene as a standalone Python script that
//! reproduces it with PyTorch and prints the same CSV as `--format csv`.
//!
//! A race script holds the surface as Python functions ([`surface`]), the
//! schedules as `LambdaLR` factors ([`schedule`]), every optimizer as its
//! `torch.optim` class or a few written-out lines ([`optimizer`]), and a
//! loop that ends a run where optiviz ends it. Everything is float64, and
//! every operation rounds as optiviz rounds it, so the numbers agree to the
//! last digits.

mod optimizer;
mod schedule;
mod surface;
mod text;

use crate::engine::trace::CSV_HEADER;
use crate::scene::{AnyScene, Scene};

/// A scene feature a script cannot reproduce.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ScriptError {
    /// Gradient noise comes from optiviz's own random generator.
    #[error(
        "the scene adds gradient noise from optiviz's own random generator, which PyTorch cannot \
         reproduce; remove [noise] (or set sigma = 0) to export it as a script"
    )]
    Noise,
    /// Newton on a typed formula needs its Hessian, which scripts do not write out.
    #[error("newton on a typed formula needs the formula's Hessian, which a script does not write out yet")]
    NewtonOnFormula,
    /// The formula of an `expr` surface did not parse (a scene never holds one).
    #[error("the surface's formula does not parse")]
    Formula,
    /// Data surfaces and their mini-batches are not written out yet.
    #[error("data surfaces (linreg, logreg) and mini-batches cannot be exported as a script yet")]
    Data,
    /// Network scenes are not exported as scripts.
    #[error("network scenes cannot be exported as a script yet")]
    Network,
}

/// The script of `scene`; `file_name` is the scene file's name, quoted in
/// the script's introduction (`None` for a scene made in the app).
pub fn script(scene: &AnyScene, file_name: Option<&str>) -> Result<String, ScriptError> {
    match scene {
        AnyScene::Race(scene) => race_script(scene, file_name),
        AnyScene::Network(_) => Err(ScriptError::Network),
    }
}

/// Python's imports, the default dtype and the CSV helpers every script has.
const PREAMBLE: &str =
    "import decimal\nimport math\nimport sys\n\nimport torch\n\ntorch.set_default_dtype(torch.float64)\n";

/// The script of a race: its enabled runs, each printed as
/// `optiviz export --format csv` prints it.
pub fn race_script(scene: &Scene, file_name: Option<&str>) -> Result<String, ScriptError> {
    let runs: Vec<_> = scene.enabled_runs().map(|(_, run)| run).collect();
    if scene.noise.is_some_and(|noise| noise.sigma != 0.0) || runs.iter().any(|run| run.optimizer.noise().is_some()) {
        return Err(ScriptError::Noise);
    }
    if scene.batch.is_some() || runs.iter().any(|run| run.optimizer.batch().is_some()) {
        return Err(ScriptError::Data);
    }
    let needs_hessian = runs.iter().any(|run| run.optimizer.info().needs_hessian);
    let surface = surface::code(&scene.surface, needs_hessian)?;

    // One factor function per distinct schedule, named after it.
    let mut schedules: Vec<(String, String)> = Vec::new(); // (spec, function name)
    let mut schedule_code = String::new();
    let mut factor_of = |schedule: &crate::Schedule| -> Option<String> {
        let spec = schedule.to_string();
        if let Some((_, name)) = schedules.iter().find(|(s, _)| *s == spec) {
            return Some(name.clone());
        }
        let base = format!("{}_factor", schedule.name());
        let same = schedules.iter().filter(|(_, name)| name.starts_with(&base)).count();
        let name = if same == 0 { base } else { format!("{base}_{}", same + 1) };
        let function = schedule::function(schedule, &name)?;
        schedule_code.push_str(&format!("\n\n{function}"));
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
            "    race(\n        {index},\n        {label},\n        lambda params: {},\n",
            made.expression
        ));
        if let Some(factor) = factor {
            calls.push_str(&format!("        factor={factor},\n"));
        }
        calls.push_str("    )\n");
    }
    if calls.contains("constant_factor") {
        schedule_code.push_str(
            "\n\ndef constant_factor(t):\n    \"\"\"The constant schedule: the learning rate itself at every step.\"\"\"\n    return 1.0\n",
        );
    }

    let start = scene.start_or_default();
    let title = scene.title.clone().unwrap_or_else(|| format!("A race on {}", scene.surface));
    let mut body = String::new();
    body.push_str(&surface);
    if needs_hessian {
        body.push_str(
            "\n\ndef hessian(p):\n    \"\"\"The Hessian of f at the point p, a float64 tensor (x, y).\"\"\"\n    \
             return hessian_f(*p.tolist())\n",
        );
    }
    body.push_str(&schedule_code);
    if !classes.is_empty() {
        body.push_str("\n\n");
        body.push_str(optimizer::POINT_OPTIMIZER);
        for class in &classes {
            body.push_str("\n\n");
            body.push_str(class);
        }
    }
    let mut helpers = String::new();
    for helper in text::helpers_for(&body) {
        helpers.push_str("\n\n");
        helpers.push_str(helper);
    }
    Ok(format!(
        "#!/usr/bin/env python3\n\"\"\"{title}\n\n\
         Exported by optiviz{from}: {n} run(s), {steps} steps on {surface_spec} from ({x}, {y}).\n\
         Run it with `python3` (PyTorch installed): it prints the race as CSV, the same numbers as\n\
         {csv_export}. Everything is float64 and rounds as optiviz\n\
         rounds it; the optimizers are torch.optim's own where torch has them.\n\"\"\"\n\n\
         {PREAMBLE}\n\
         START = ({x0}, {y0})\nSTEPS = {steps}\n\n\n\
         {body}{helpers}\n\n\
         {csv}\n\n{race}\n\n\
         def main():\n    print({header})\n{calls}\n\n\
         if __name__ == \"__main__\":\n    main()\n",
        title = text::docstring(&title),
        from = file_name.map_or_else(String::new, |name| format!(" from {}", text::docstring(name))),
        csv_export = file_name.map_or_else(
            || "optiviz's CSV export of this scene".to_owned(),
            |name| format!("`optiviz export --scene {} --format csv`", text::docstring(name))
        ),
        n = runs.len(),
        steps = scene.steps,
        surface_spec = text::docstring(&scene.surface.to_string()),
        x = crate::util::number::shortest(start[0]),
        y = crate::util::number::shortest(start[1]),
        x0 = text::float(start[0]),
        y0 = text::float(start[1]),
        csv = include_str!("python/csv.py").trim_end(),
        race = include_str!("python/race.py").trim_end(),
        header = text::string(CSV_HEADER),
    ))
}

/// The period after which a run's schedule starts again (Lookahead resetting
/// its inner Adam), if it does.
fn cycle_of(run: &crate::scene::SceneRun) -> Option<u64> {
    match run.optimizer.build(2).schedule_use() {
        crate::optim::ScheduleUse::Cycle(period) => Some(period),
        _ => None,
    }
}
