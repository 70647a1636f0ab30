//! The script of a race: the surface as Python functions, the runs' optimizers
//! and schedules, and a loop that takes the steps and prints every point as
//! `optiviz export --format csv` prints it.

use super::{draws, runs, surface, text, ScriptError, PREAMBLE};
use crate::engine::trace::CSV_HEADER;
use crate::scene::Scene;

/// The script of a race: its enabled runs, each printed as
/// `optiviz export --format csv` prints it. A run that draws mini-batches
/// or noise takes the very batches and normals optiviz drew.
pub fn race_script(scene: &Scene, file_name: Option<&str>) -> Result<String, ScriptError> {
    let runs: Vec<_> = scene.enabled_runs().map(|(_, run)| run).collect();
    let needs_hessian = runs.iter().any(|run| run.optimizer.info().needs_hessian);
    let surface = surface::code(&scene.surface, needs_hessian)?;
    let draws = draws::code(scene)?;
    let runs_code = runs::code(&runs, "race", draws.as_ref().map_or(&[], |draws| &draws.arguments));

    let start = scene.start_or_default();
    let title = scene.title.clone().unwrap_or_else(|| format!("A race on {}", scene.surface));
    let mut body = String::new();
    body.push_str(&surface);
    if let Some(draws) = &draws {
        body.push_str(&draws.literals);
        body.push_str("\n\n");
        body.push_str(include_str!("python/draws.py").trim_end());
        body.push('\n');
    }
    if needs_hessian {
        let rows = if draws.is_some() { ", *Draws.current.rows_argument()" } else { "" };
        body.push_str(&format!(
            "\n\ndef hessian(p):\n    \"\"\"The Hessian of f at the point p, a float64 tensor (x, y).\"\"\"\n    \
             return hessian_f(*p.tolist(){rows})\n",
        ));
    }
    body.push_str(&runs_code.definitions);
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
         {main}",
        title = text::docstring(&title),
        from = text::exported_from(file_name),
        csv_export = text::csv_export(file_name, ""),
        n = runs.len(),
        steps = scene.steps,
        surface_spec = text::docstring(&scene.surface.to_string()),
        x = crate::util::number::shortest(start[0]),
        y = crate::util::number::shortest(start[1]),
        x0 = text::float(start[0]),
        y0 = text::float(start[1]),
        csv = include_str!("python/csv.py").trim_end(),
        race = race_loop(draws.is_some()),
        main = text::main_function(CSV_HEADER, &runs_code.calls),
    ))
}

/// The race loop, for runs that draw batches or noise (`drawn`) or not:
/// `python/race.py` keeps the lines marked for its variant, after the
/// exact `loss` and `gradient` when nothing is drawn (`python/draws.py`
/// defines them otherwise).
fn race_loop(drawn: bool) -> String {
    let (keep, drop) = if drawn { ("  # drawn", "  # exact") } else { ("  # exact", "  # drawn") };
    let lines = include_str!("python/race.py").lines().filter(|line| !line.ends_with(drop));
    let race: Vec<&str> = lines.map(|line| line.strip_suffix(keep).unwrap_or(line)).collect();
    let gradients = if drawn { String::new() } else { format!("{}\n\n", include_str!("python/exact_gradients.py")) };
    format!("{gradients}{}", race.join("\n").trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene(text: &str) -> Scene {
        Scene::from_toml(text).expect("a valid scene")
    }

    #[test]
    fn a_data_surface_is_written_with_its_rows_and_draws_only_when_a_run_draws() {
        let full = "surface = \"logreg:n=6\"\nsteps = 3\n[[runs]]\noptimizer = \"newton\"\n";
        let script = race_script(&scene(full), None).expect("full batch");
        assert!(script.contains("ROWS = [\n") && script.contains("def hessian_f(x, y, rows=None):"), "{script}");
        assert!(!script.contains("Draws") && script.contains("def race(run, label, make_optimizer, factor=None):"));
        let own = full.replace("\"newton\"", "\"newton:batch=2\"");
        let script = race_script(&scene(&own), None).expect("a batched race");
        assert!(script.contains("BATCHES_0 = [\n") && script.contains("draws=Draws(batches=BATCHES_0),"), "{script}");
        assert!(script.contains("return hessian_f(*p.tolist(), *Draws.current.rows_argument())"), "{script}");
        assert!(script.contains("        draws.begin(step - 1)\n") && !script.contains("# drawn"), "{script}");
        let noisy = full.replace("\"newton\"", "\"sgd:noise=0.1\"");
        let script = race_script(&scene(&noisy), None).expect("a noisy race");
        assert!(script.contains("draws=Draws(sigma=0.1, normals=NORMALS_0),"), "{script}");
    }
}
