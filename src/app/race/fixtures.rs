//! Races the race page's tests share: a few optimizers on Rosenbrock.

use optiviz::engine::race::Simulation;
use optiviz::scene::Scene;

/// A race of `optimizers` (spec strings) on Rosenbrock from (−1, 1), `steps` long.
pub fn rosenbrock_scene(optimizers: &[&str], steps: usize) -> Scene {
    let runs: String = optimizers.iter().map(|o| format!("[[runs]]\noptimizer = \"{o}\"\n")).collect();
    Scene::from_toml(&format!("surface = \"rosenbrock\"\nstart = [-1.0, 1.0]\nsteps = {steps}\n{runs}")).unwrap()
}

/// [`rosenbrock_scene`] simulated to its end.
pub fn rosenbrock_race(optimizers: &[&str], steps: usize) -> Simulation {
    let mut sim = rosenbrock_scene(optimizers, steps).simulation().unwrap();
    sim.advance_to(steps);
    sim
}
