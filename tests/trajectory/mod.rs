//! Reference trajectories (tests/fixtures/golden*.json) run through the
//! race engine and compared point by point: every point, loss and learning
//! rate within 1e-5·max(1, |v|), divergence at exactly the same step.

use std::sync::Arc;

use optiviz::engine::lockstep::RunSpec;
use optiviz::engine::race::{Simulation, Trajectory};
use optiviz::{OptimizerConfig, Schedule, SurfaceConfig};
use serde::Deserialize;

/// A file of reference trajectories.
#[derive(Deserialize)]
pub struct Golden {
    /// The cases, each one run.
    pub cases: Vec<Case>,
}

/// One reference trajectory: its setting and what the reference recorded,
/// with the evaluations per step and the companion points where the
/// optimizer has them.
#[derive(Deserialize)]
pub struct Case {
    /// Case id (`c000`, `n080`).
    pub id: String,
    /// Surface spec string.
    pub surface: String,
    start: [f64; 2],
    /// Optimizer spec string.
    pub optimizer: String,
    /// Schedule spec string.
    pub schedule: String,
    steps: usize,
    diverged_at: Option<usize>,
    points: Vec<[f64; 2]>,
    losses: Vec<f64>,
    lrs: Vec<f64>,
    evals: Option<Vec<u64>>,
    averaged: Option<Vec<[f64; 2]>>,
    slow: Option<Vec<[f64; 2]>>,
    adversarial: Option<Vec<Vec<[f64; 2]>>>,
}

/// Reads `tests/fixtures/NAME`.
pub fn load(name: &str) -> Golden {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A surface spec with `DATA/`, the reference's name for the folder of the
/// data files, made the path of the shipped `assets/data/`.
pub fn data_path(surface: &str) -> String {
    surface.replace("DATA/", concat!(env!("CARGO_MANIFEST_DIR"), "/assets/data/"))
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-5 * expected.abs().max(1.0)
}

/// Runs one case and returns the largest relative error, or a description of a mismatch.
pub fn check(case: &Case) -> Result<f64, String> {
    let surface = data_path(&case.surface).parse::<SurfaceConfig>().map_err(|e| e.to_string())?;
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
        let first = t.points.iter().zip(&case.points).position(|(a, e)| a != e);
        let first = first.map_or_else(String::new, |k| format!(", the first to differ is #{k}"));
        eprintln!(
            "{} {} {}: {exact}/{} points bit-exact{first}",
            case.id,
            case.surface,
            case.optimizer,
            case.points.len()
        );
    }
    if let Some(evals) = &case.evals {
        let actual: Vec<u64> = (1..t.points.len()).map(|k| t.evaluations_in_step(k)).collect();
        if &actual != evals {
            return Err(format!("evals {actual:?}, expected {evals:?}"));
        }
    }
    let companion = companion_points(case, t)?;
    let mut worst: f64 = 0.0;
    let pairs = t
        .points
        .iter()
        .zip(&case.points)
        .chain(companion)
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

/// A recorded point and the reference's.
type PointPair<'a> = (&'a [f64; 2], &'a [f64; 2]);

/// The companion points recorded beside the reference's (`averaged`,
/// `slow` or `adversarial`), paired; an error if one side has them and the
/// other not, or their counts differ.
fn companion_points<'a>(case: &'a Case, t: &'a Trajectory) -> Result<Vec<PointPair<'a>>, String> {
    let expected: Option<(&str, Vec<&[f64; 2]>)> = match (&case.averaged, &case.slow, &case.adversarial) {
        (Some(points), _, _) => Some(("averaged", points.iter().collect())),
        (_, Some(points), _) => Some(("slow", points.iter().collect())),
        (_, _, Some(steps)) => Some(("adversarial", steps.iter().flatten().collect())),
        _ => None,
    };
    match (expected, &t.companion) {
        (None, None) => Ok(Vec::new()),
        (Some((key, expected)), Some(track)) if track.kind.key() == key => {
            if track.points.len() != expected.len() {
                return Err(format!("{} {key} points, expected {}", track.points.len(), expected.len()));
            }
            Ok(track.points.iter().zip(expected).collect())
        }
        (expected, actual) => Err(format!(
            "companion {:?}, expected {:?}",
            actual.as_ref().map(|track| track.kind.key()),
            expected.map(|(key, _)| key)
        )),
    }
}
