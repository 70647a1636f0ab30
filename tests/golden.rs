//! The reference trajectories from torch.optim and optax
//! (tests/fixtures/golden.json): every point, loss and learning rate within
//! 1e-5·max(1, |v|), divergence at exactly the same step.

mod trajectory;

#[test]
fn every_reference_trajectory_matches() {
    let golden = trajectory::load("golden.json");
    assert_eq!(golden.cases.len(), 90);
    let mut failures = Vec::new();
    let mut worst = (0.0, String::new());
    for case in &golden.cases {
        match trajectory::check(case) {
            Ok(error) if error > worst.0 => worst = (error, case.id.clone()),
            Ok(_) => {}
            Err(why) => failures.push(format!("{} {} {}: {why}", case.id, case.surface, case.optimizer)),
        }
    }
    eprintln!("largest relative error {:.2e} in {}", worst.0, worst.1);
    assert!(failures.is_empty(), "{} of 90 cases differ:\n{}", failures.len(), failures.join("\n"));
}
