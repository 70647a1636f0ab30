//! The script of a race: the surface as Python functions, the runs' optimizers
//! and schedules, and a loop that takes the steps and prints every point as
//! `optiviz export --format csv` prints it.

use super::{runs, surface, text, ScriptError, PREAMBLE};
use crate::engine::trace::CSV_HEADER;
use crate::scene::Scene;

/// The script of a race: its enabled runs, each printed as
/// `optiviz export --format csv` prints it.
pub fn race_script(scene: &Scene, file_name: Option<&str>) -> Result<String, ScriptError> {
    let runs: Vec<_> = scene.enabled_runs().map(|(_, run)| run).collect();
    if scene.noise.is_some_and(|noise| noise.sigma != 0.0) || runs.iter().any(|run| run.optimizer.noise().is_some()) {
        return Err(ScriptError::Noise);
    }
    if scene.batch.is_some() || runs.iter().any(|run| run.optimizer.batch().is_some()) {
        return Err(ScriptError::Batch { remove: "[batch] and the runs' batch= keys" });
    }
    let needs_hessian = runs.iter().any(|run| run.optimizer.info().needs_hessian);
    let surface = surface::code(&scene.surface, needs_hessian)?;

    let runs_code = runs::code(&runs, "race");

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
        race = include_str!("python/race.py").trim_end(),
        main = text::main_function(CSV_HEADER, &runs_code.calls),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene(text: &str) -> Scene {
        Scene::from_toml(text).expect("a valid scene")
    }

    #[test]
    fn a_data_surface_is_written_with_its_rows_and_batches_are_refused() {
        let full = "surface = \"logreg:n=6\"\nsteps = 3\n[[runs]]\noptimizer = \"newton\"\n";
        let script = race_script(&scene(full), None).expect("full batch");
        assert!(script.contains("ROWS = [\n") && script.contains("def hessian_f(x, y):"), "{script}");
        let refused = ScriptError::Batch { remove: "[batch] and the runs' batch= keys" };
        let own = full.replace("\"newton\"", "\"sgd:batch=2\"");
        assert_eq!(race_script(&scene(&own), None), Err(refused.clone()));
        let shared = full.replace("steps = 3\n", "steps = 3\n[batch]\nsize = 2\n");
        assert_eq!(race_script(&scene(&shared), None), Err(refused));
        let noisy = full.replace("\"newton\"", "\"sgd:noise=0.1\"");
        assert_eq!(race_script(&scene(&noisy), None), Err(ScriptError::Noise));
    }
}
