//! The reference trajectories of the second set of optimizers
//! (tests/fixtures/golden_optim2.json, OPTIMIZERS2.md): torch.optim, optax
//! and pytorch_optimizer. Every case whose optimizer is in the registry runs
//! and must match; the cases of optimizers not written yet are counted and
//! named, so none is dropped unseen.

mod trajectory;

use std::collections::BTreeMap;

use optiviz::{Schedule, SurfaceConfig};

#[test]
fn every_reference_trajectory_of_a_registered_optimizer_matches() {
    let golden = trajectory::load("golden_optim2.json");
    assert_eq!(golden.cases.len(), 158);
    let mut failures = Vec::new();
    // Worst relative error and its case, per optimizer; cases per missing optimizer.
    let mut worst: BTreeMap<&str, (f64, &str)> = BTreeMap::new();
    let mut missing: BTreeMap<&str, usize> = BTreeMap::new();
    for case in &golden.cases {
        let name = case.optimizer.split(':').next().unwrap_or_default();
        if let Err(e) = case.surface.parse::<SurfaceConfig>() {
            failures.push(format!("{}: surface {}: {e}", case.id, case.surface));
        }
        if let Err(e) = case.schedule.parse::<Schedule>() {
            failures.push(format!("{}: schedule {}: {e}", case.id, case.schedule));
        }
        if optiviz::optim::find(name).is_none() {
            *missing.entry(name).or_default() += 1;
            continue;
        }
        match trajectory::check(case) {
            Ok(error) => {
                let entry = worst.entry(name).or_insert((0.0, &case.id));
                if error >= entry.0 {
                    *entry = (error, &case.id);
                }
            }
            Err(why) => failures.push(format!("{} {} {}: {why}", case.id, case.surface, case.optimizer)),
        }
    }
    for (name, (error, id)) in &worst {
        eprintln!("{name:<12} largest relative error {error:.2e} in {id}");
    }
    let skipped: usize = missing.values().sum();
    eprintln!("{skipped} case(s) of optimizers not in the registry: {missing:?}");
    assert!(!worst.is_empty(), "no case's optimizer is in the registry");
    assert!(failures.is_empty(), "{} case(s) differ:\n{}", failures.len(), failures.join("\n"));
}
