//! The presets' paragraphs make claims a teacher reads aloud; each claim
//! is checked here against the race the preset runs.

use optiviz::engine::race::{Run, Simulation};
use optiviz::scene::Scene;

/// Runs `assets/scenes/NAME.toml` to its last step.
fn race(name: &str) -> Simulation {
    race_from(name, None)
}

/// Runs `assets/scenes/NAME.toml` to its last step from `start`, or from
/// its own start.
fn race_from(name: &str, start: Option<[f64; 2]>) -> Simulation {
    let path = format!("{}/assets/scenes/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut scene = Scene::from_toml(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    scene.start = start.or(scene.start);
    let mut sim = scene.simulation().unwrap();
    sim.advance_to(scene.steps);
    sim
}

/// The run labelled `label`.
fn run<'a>(sim: &'a Simulation, label: &str) -> &'a Run {
    sim.runs().iter().find(|run| run.spec().optimizer.label() == label).unwrap_or_else(|| panic!("no run {label}"))
}

/// The last point and loss of a run.
fn last(run: &Run) -> ([f64; 2], f64) {
    let t = run.trajectory();
    (*t.points.last().unwrap(), *t.losses.last().unwrap())
}

/// (steps, evaluations) when the loss first fell below `tolerance`.
fn first_below(run: &Run, tolerance: f64) -> Option<(usize, u64)> {
    let t = run.trajectory();
    t.losses.iter().position(|l| *l < tolerance).map(|k| (k, t.evaluations[k]))
}

fn near(point: [f64; 2], target: [f64; 2], within: f64) -> bool {
    (point[0] - target[0]).hypot(point[1] - target[1]) < within
}

#[test]
fn lbfgs_newton_and_descent_on_rosenbrock_cost_what_the_paragraph_says() {
    let sim = race("lbfgs_newton_gd");
    assert_eq!(first_below(run(&sim, "L-BFGS"), 1e-6), Some((2, 44)));
    assert_eq!(first_below(run(&sim, "Newton"), 1e-6), Some((5, 15)));
    let (adam, gd) = (last(run(&sim, "Adam")).1, last(run(&sim, "Gradient descent")).1);
    assert!((0.01..0.02).contains(&adam) && (0.15..0.17).contains(&gd), "{adam} {gd}");
}

#[test]
fn prodigy_needs_no_tuning() {
    let sim = race("prodigy_vs_adam");
    assert_eq!(first_below(run(&sim, "Prodigy (lr = 1)"), 1e-6).map(|(k, _)| k), Some(168));
    assert_eq!(first_below(run(&sim, "Adam (tuned rate)"), 1e-6).map(|(k, _)| k), Some(133));
    assert!(last(run(&sim, "Adam (default rate)")).1 > 40.0, "the untuned Adam has barely moved");
}

#[test]
fn sam_leaves_the_sharp_well_for_the_flat_basin() {
    let sim = race("sam_sharp_flat");
    for label in ["Gradient descent", "Momentum"] {
        assert!(near(last(run(&sim, label)).0, [1.0, 0.0], 0.05), "{label} stays in the sharp well");
    }
    let sam = run(&sim, "SAM (same momentum)");
    assert!(near(last(sam).0, [-1.0, 0.0], 0.1), "{:?}", last(sam));
    let track = sam.trajectory().companion.as_ref().expect("SAM records its adversarial points");
    assert_eq!(track.points.len(), 600);
}

#[test]
fn momentum_rolls_over_rastrigins_ripples_only_with_enough_speed() {
    let sim = race("rastrigin_momentum");
    for label in ["Gradient descent", "Momentum 0.9"] {
        let (point, loss) = last(run(&sim, label));
        assert!(near(point, [4.0, 4.0], 0.1) && (31.0..33.0).contains(&loss), "{label}: {point:?} {loss}");
    }
    let (point, loss) = last(run(&sim, "Momentum 0.99"));
    assert!(near(point, [0.0, 4.0], 0.1) && (15.0..17.0).contains(&loss), "{point:?} {loss}");
}

#[test]
fn the_monkey_saddle_stalls_descent_and_draws_newton_in() {
    let sim = race("monkey_saddle");
    let (gd, _) = last(run(&sim, "Gradient descent"));
    assert!((0.13..0.15).contains(&gd[0]), "{gd:?}");
    assert!(near(last(run(&sim, "Newton")).0, [0.0, 0.0], 1e-9));
    assert!(run(&sim, "Momentum").diverged().is_some(), "momentum runs down the valley without end");
    assert!(last(run(&sim, "Adam")).0[0] < -1.0, "Adam passes the saddle");
}

#[test]
fn on_goldstein_price_the_start_decides_the_minimum() {
    let sim = race("goldstein_price_starts");
    assert!(near(last(run(&sim, "Adam")).0, [-0.6, -0.4], 1e-3));
    assert!(near(last(run(&sim, "L-BFGS")).0, [0.0, -1.0], 1e-3));
    // The starts the paragraph asks the class to drag to, and where both end.
    for (start, minimum) in [([1.6, 0.6], [1.8, 0.2]), ([0.5, 1.5], [1.2, 0.8]), ([-1.0, -1.5], [0.0, -1.0])] {
        let sim = race_from("goldstein_price_starts", Some(start));
        for run in sim.runs() {
            assert!(near(last(run).0, minimum, 0.01), "{start:?}: {} ends at {:?}", run.spec().optimizer, last(run));
        }
    }
}
