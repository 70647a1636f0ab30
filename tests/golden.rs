//! The reference trajectories from torch.optim and optax
//! (tests/fixtures/golden.json, and golden_surfaces.json on the classic test
//! surfaces): every point, loss and learning rate within 1e-5·max(1, |v|),
//! divergence at exactly the same step.

use std::sync::Arc;

use optiviz::engine::lockstep::RunSpec;
use optiviz::engine::race::Simulation;
use optiviz::{OptimizerConfig, Schedule, SurfaceConfig};
use serde::Deserialize;

#[derive(Deserialize)]
struct Golden {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    surface: String,
    start: [f64; 2],
    optimizer: String,
    schedule: String,
    steps: usize,
    diverged_at: Option<usize>,
    points: Vec<[f64; 2]>,
    losses: Vec<f64>,
    lrs: Vec<f64>,
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-5 * expected.abs().max(1.0)
}

/// Runs one case and returns the largest relative error, or a description of a mismatch.
fn check(case: &Case) -> Result<f64, String> {
    let surface = case.surface.parse::<SurfaceConfig>().map_err(|e| e.to_string())?;
    let spec = RunSpec {
        optimizer: case.optimizer.parse::<OptimizerConfig>().map_err(|e| e.to_string())?,
        schedule: case.schedule.parse::<Schedule>().map_err(|e| e.to_string())?,
    };
    let surface = surface.build().map_err(|e| e.to_string())?;
    let mut sim = Simulation::new(Arc::from(surface), case.start, vec![spec], None);
    sim.advance_to(case.steps);
    let run = &sim.runs()[0];
    let diverged_at = run.diverged().map(|(step, _)| step);
    if diverged_at != case.diverged_at {
        return Err(format!("diverged_at {diverged_at:?}, expected {:?}", case.diverged_at));
    }
    let t = run.trajectory();
    if t.points.len() != case.points.len() || t.lrs.len() != case.lrs.len() {
        return Err(format!("{} points, expected {}", t.points.len(), case.points.len()));
    }
    let exact = t.points.iter().zip(&case.points).filter(|(a, e)| a == e).count();
    if std::env::var_os("GOLDEN_VERBOSE").is_some() {
        eprintln!("{} {} {}: {exact}/{} points bit-exact", case.id, case.surface, case.optimizer, case.points.len());
    }
    let mut worst: f64 = 0.0;
    let pairs = t
        .points
        .iter()
        .zip(&case.points)
        .flat_map(|(a, e)| [(a[0], e[0], "x"), (a[1], e[1], "y")])
        .chain(t.losses.iter().zip(&case.losses).map(|(a, e)| (*a, *e, "loss")))
        .chain(t.lrs.iter().zip(&case.lrs).map(|(a, e)| (*a, *e, "lr")));
    for (index, (actual, expected, what)) in pairs.enumerate() {
        if !close(actual, expected) {
            return Err(format!("{what} #{index}: {actual} vs {expected}"));
        }
        worst = worst.max((actual - expected).abs() / expected.abs().max(1.0));
    }
    Ok(worst)
}

/// Runs every case of `fixture` (in tests/fixtures/), which holds `count`
/// of them, and fails with the list of those that differ.
fn every_case_matches(fixture: &str, count: usize) {
    let path = format!("{}/tests/fixtures/{fixture}", env!("CARGO_MANIFEST_DIR"));
    let golden: Golden = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(golden.cases.len(), count);
    let mut failures = Vec::new();
    let mut worst = (0.0, String::new());
    for case in &golden.cases {
        match check(case) {
            Ok(error) if error > worst.0 => worst = (error, case.id.clone()),
            Ok(_) => {}
            Err(why) => failures.push(format!("{} {} {}: {why}", case.id, case.surface, case.optimizer)),
        }
    }
    eprintln!("{fixture}: largest relative error {:.2e} in {}", worst.0, worst.1);
    assert!(failures.is_empty(), "{} of {count} cases differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_reference_trajectory_matches() {
    every_case_matches("golden.json", 90);
}

/// The classic test surfaces (tests/fixtures/golden_surfaces.json): the
/// gradient from torch autograd of each formula as the specification writes it.
#[test]
fn every_classic_surface_reference_matches() {
    every_case_matches("golden_surfaces.json", 33);
}
