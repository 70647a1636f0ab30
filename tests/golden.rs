//! The reference trajectories from torch.optim and optax
//! (tests/fixtures/golden.json, and golden_surfaces.json on the classic test
//! surfaces): every point, loss and learning rate within 1e-5·max(1, |v|),
//! divergence at exactly the same step.

mod trajectory;

/// Runs every case of `fixture` (in tests/fixtures/), which holds `count`
/// of them, and fails with the list of those that differ.
fn every_case_matches(fixture: &str, count: usize) {
    let golden = trajectory::load(fixture);
    assert_eq!(golden.cases.len(), count);
    let mut failures = Vec::new();
    let mut worst = (0.0, String::new());
    for case in &golden.cases {
        match trajectory::check(case) {
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

/// The data surfaces (tests/fixtures/golden_data_surfaces.json): full-batch
/// gradient descent on the shipped linear and logistic regression data.
#[test]
fn every_data_surface_reference_matches() {
    every_case_matches("golden_data_surfaces.json", 6);
}
