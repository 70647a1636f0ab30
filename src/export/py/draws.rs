//! A stochastic race's randomness as Python literals. PyTorch cannot replay
//! optiviz's seeded generators, so the script carries what they drew: for
//! each run that draws mini-batches, every step's batch of rows, and for
//! each noisy run, every step's standard normals (σ times each is added to
//! the gradients the step asks for, in order). The race is run once here
//! to know how many steps each run takes and how many gradients each step
//! asks for.

use super::{text, ScriptError};
use crate::engine::batch::BatchSampler;
use crate::engine::race::Run;
use crate::engine::streams;
use crate::scene::Scene;

/// The most drawn numbers (rows and normals) a script may carry: about
/// 20 MB of Python.
pub const MAX_DRAWN: usize = 1_000_000;

/// The draws of a stochastic race's runs.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct DrawsCode {
    /// The `BATCHES_i` and `NORMALS_i` literals.
    pub literals: String,
    /// Each run's `draws=` argument, in run order (`Draws()` for a run with
    /// exact gradients).
    pub arguments: Vec<String>,
}

/// The draws of `scene`'s enabled runs, or `None` when every gradient is exact.
pub(super) fn code(scene: &Scene) -> Result<Option<DrawsCode>, ScriptError> {
    let mut simulation = scene.simulation().map_err(|error| ScriptError::Load(error.to_string()))?;
    let rows = simulation.surface().data().map(|data| data.rows());
    let stochastic = |run: &Run| {
        let sampling = run.sampling();
        sampling.noise.is_some_and(|noise| noise.sigma != 0.0) || (sampling.batch.is_some() && rows.is_some())
    };
    if !simulation.runs().iter().any(stochastic) {
        return Ok(None);
    }
    simulation.advance_to(scene.steps);
    let mut literals = String::new();
    let mut arguments = Vec::new();
    let mut drawn = 0;
    for (index, run) in simulation.runs().iter().enumerate() {
        let steps = steps_drawn(run, scene.steps);
        let sampling = run.sampling();
        let mut keywords = Vec::new();
        if let Some((batch, rows)) = sampling.batch.zip(rows) {
            let mut sampler = BatchSampler::new(batch, rows);
            let batches: Vec<Vec<String>> =
                (0..steps).map(|k| sampler.batch(k as u64).iter().map(u32::to_string).collect()).collect();
            drawn += batches.iter().map(Vec::len).sum::<usize>();
            literals.push_str(&literal(&format!("BATCHES_{index}"), "the rows of its batch", &batches));
            keywords.push(format!("batches=BATCHES_{index}"));
        }
        if let Some(noise) = sampling.noise.filter(|noise| noise.sigma != 0.0) {
            let normals: Vec<Vec<String>> = (0..steps)
                .map(|k| {
                    let count = 2 * gradients_in_step(run, k);
                    streams::step_normals(noise.seed, k as u64, count).into_iter().map(text::float).collect()
                })
                .collect();
            drawn += normals.iter().map(Vec::len).sum::<usize>();
            literals.push_str(&literal(&format!("NORMALS_{index}"), "its standard normals", &normals));
            keywords.push(format!("sigma={}, normals=NORMALS_{index}", text::float(noise.sigma)));
        }
        if drawn > MAX_DRAWN {
            return Err(ScriptError::TooManyDraws { limit: MAX_DRAWN });
        }
        arguments.push(format!("Draws({})", keywords.join(", ")));
    }
    Ok(Some(DrawsCode { literals, arguments }))
}

/// The steps whose draws the script needs: those the run took, and the one
/// it diverged at.
fn steps_drawn(run: &Run, steps: usize) -> usize {
    (run.trajectory().steps() + 1).min(steps)
}

/// Gradients step `k` (from 0) asks for, at most: its evaluations (a
/// Hessian counts two), or for the step a run diverged at, the most any
/// step took.
fn gradients_in_step(run: &Run, k: usize) -> usize {
    let trajectory = run.trajectory();
    let taken = |k: usize| usize::try_from(trajectory.evaluations_in_step(k + 1)).unwrap_or(usize::MAX);
    if k < trajectory.steps() {
        taken(k)
    } else {
        (0..trajectory.steps()).map(taken).max().unwrap_or(1).max(1)
    }
}

/// `NAME = [...]`, one line per step.
fn literal(name: &str, what: &str, per_step: &[Vec<String>]) -> String {
    let lines: String = per_step.iter().map(|values| format!("    [{}],\n", values.join(", "))).collect();
    format!("\n\n# Per step, {what}, as optiviz drew them.\n{name} = [\n{lines}]\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene(text: &str) -> Scene {
        Scene::from_toml(text).expect("a valid scene")
    }

    #[test]
    fn a_step_adds_sigma_times_the_normals_written_out() {
        let noisy = scene(
            "surface = \"bowl\"\nstart = [1.0, -2.0]\nsteps = 3\n[noise]\nsigma = 0.5\nseed = 9\n\
             [[runs]]\noptimizer = \"sgd:lr=0.1\"\n",
        );
        let made = code(&noisy).expect("draws").expect("a noisy race");
        assert_eq!(made.arguments, ["Draws(sigma=0.5, normals=NORMALS_0)"]);
        let mut simulation = noisy.simulation().expect("builds");
        simulation.advance_to(1);
        let z = streams::step_normals(9, 0, 2);
        let gradient = simulation.surface().gradient([1.0, -2.0]);
        let expected = [1.0 - 0.1 * (gradient[0] + 0.5 * z[0]), -2.0 - 0.1 * (gradient[1] + 0.5 * z[1])];
        let taken = simulation.runs()[0].trajectory().points[1];
        // Equal but for the rounding of SGD's own update.
        assert!((0..2).all(|i| (taken[i] - expected[i]).abs() < 1e-15), "{taken:?} {expected:?}");
        let first = format!("NORMALS_0 = [\n    [{}, {}],\n", text::float(z[0]), text::float(z[1]));
        assert!(made.literals.contains(&first), "{}", made.literals);
        assert_eq!(made.literals.matches("],\n").count(), 3, "one line per step");
    }

    #[test]
    fn batches_are_written_per_run_and_exact_runs_draw_nothing() {
        let batched = scene(
            "surface = \"linreg:n=5,seed=1\"\nsteps = 4\n[[runs]]\noptimizer = \"sgd:batch=2\"\n\
             [[runs]]\noptimizer = \"adam\"\n",
        );
        let made = code(&batched).expect("draws").expect("a batched race");
        assert_eq!(made.arguments, ["Draws(batches=BATCHES_0)", "Draws()"]);
        let simulation = batched.simulation().expect("builds");
        let sampling = simulation.runs()[0].sampling();
        let mut sampler = BatchSampler::new(sampling.batch.expect("its own batch"), 5);
        let third: Vec<String> = sampler.batch(2).iter().map(u32::to_string).collect();
        let lines: Vec<&str> = made.literals.lines().filter(|line| line.starts_with("    [")).collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[2], format!("    [{}],", third.join(", ")));
        let exact = scene("surface = \"bowl\"\nsteps = 4\n[[runs]]\noptimizer = \"adam\"\n");
        assert_eq!(code(&exact), Ok(None));
    }

    #[test]
    fn a_race_too_long_to_write_out_is_refused() {
        let long = scene(
            "surface = \"bowl\"\nsteps = 600000\n[noise]\nsigma = 0.1\nseed = 1\n\
             [[runs]]\noptimizer = \"sgd:lr=0.001\"\n",
        );
        assert_eq!(code(&long), Err(ScriptError::TooManyDraws { limit: MAX_DRAWN }));
    }
}
