//! The presets' paragraphs make claims a teacher reads aloud; each claim
//! is checked here against the race the preset runs.

use optiviz::engine::batch::MiniBatch;
use optiviz::engine::race::{GradientNoise, Run, Simulation};
use optiviz::nn::History;
use optiviz::scene::{NetScene, Scene};

/// Runs `assets/scenes/NAME.toml` to its last step.
fn race(name: &str) -> Simulation {
    race_with(name, |_| {})
}

/// Runs `assets/scenes/NAME.toml` to its last step from `start`, or from
/// its own start.
fn race_from(name: &str, start: Option<[f64; 2]>) -> Simulation {
    race_with(name, |scene| scene.start = start.or(scene.start))
}

/// Runs `assets/scenes/NAME.toml`, as `change` leaves it, to its last step.
fn race_with(name: &str, change: impl FnOnce(&mut Scene)) -> Simulation {
    let path = format!("{}/assets/scenes/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut scene = Scene::from_toml(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    change(&mut scene);
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

/// Mean of `run`'s losses over its last `steps` steps, above `minimum`.
fn mean_excess(run: &Run, steps: usize, minimum: f64) -> f64 {
    let losses = &run.trajectory().losses;
    losses[losses.len() - steps..].iter().map(|l| l - minimum).sum::<f64>() / steps as f64
}

#[test]
fn full_batch_descends_smoothly_while_sgd_jitters_but_reads_fewer_rows() {
    let sim = race("linreg_batches");
    let full = run(&sim, "Full batch (40 rows)");
    let losses = &full.trajectory().losses;
    assert!(losses.windows(2).all(|w| w[1] <= w[0] + 1e-12), "full batch's loss never goes up");
    let minimum = *losses.last().unwrap();
    let (sgd, mini) = (run(&sim, "SGD (1 row)"), run(&sim, "Mini-batch (8 rows)"));
    assert!(mean_excess(sgd, 100, 0.0) > 2.0 * minimum, "SGD averages more than twice the minimum");
    let excess = [full, mini, sgd].map(|r| mean_excess(r, 100, minimum));
    assert!(excess[0] < excess[1] && excess[1] < excess[2], "mini-batches sit in between: {excess:?}");
    assert!(sgd.trajectory().losses[40] < 0.6 && losses[1] > 6.0, "40 rows read: SGD is far ahead");
}

#[test]
fn a_bigger_batch_or_a_smaller_rate_jitters_less() {
    for seed in 0..4 {
        // The race's batch of all rows only carries the seed: every run has its own size.
        let sim = race_with("batch_size_noise", |scene| scene.batch = Some(MiniBatch { size: 40, seed }));
        let minimum = 0.283_353_155_047_039_3;
        let jitter = |label| mean_excess(run(&sim, label), 500, minimum);
        let [two, eight, twenty] = ["2 rows", "8 rows", "20 rows"].map(jitter);
        let quarter = jitter("2 rows at a quarter of the rate");
        assert!((0.05..0.12).contains(&two), "seed {seed}: 2 rows {two}");
        assert!((0.008..0.02).contains(&eight), "seed {seed}: 8 rows {eight}");
        assert!(twenty < 0.004, "seed {seed}: 20 rows {twenty}");
        assert!((0.5..2.0).contains(&(quarter / eight)), "seed {seed}: {quarter} against {eight}");
    }
}

#[test]
fn exact_descent_stays_in_the_saddle_and_noise_escapes_it() {
    let sim = race("noise_saddle");
    for label in ["Gradient descent", "Momentum", "Adam"] {
        let run = run(&sim, label);
        assert!(run.trajectory().points.iter().all(|p| p[0] == 0.0), "{label} never leaves x = 0");
        assert!(last(run).1 > 0.99, "{label} is held at the saddle");
    }
    for seed in 0..8 {
        // Noise of σ = 0 for the race only carries the seed of the noisy run's own.
        let sim = race_with("noise_saddle", |scene| scene.noise = Some(GradientNoise { sigma: 0.0, seed }));
        let noisy = run(&sim, "Gradient descent with noise");
        let escaped = noisy.trajectory().points.iter().position(|p| p[0].abs() > 0.5);
        assert!(escaped.is_some_and(|k| k <= 60), "seed {seed}: escaped at {escaped:?}");
        let ((point, loss), valleys) = (last(noisy), [[-1.0, 0.0], [1.0, 0.0]]);
        assert!(loss < 0.01 && valleys.iter().any(|v| near(point, *v, 0.1)), "seed {seed}: {point:?} {loss}");
    }
}

/// Trains `assets/scenes/NAME.toml` to its last epoch; each run's history.
fn training(name: &str) -> Vec<(String, History)> {
    let path = format!("{}/assets/scenes/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let scene = NetScene::from_toml(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut training = scene.training().unwrap();
    training.advance_to(scene.epochs);
    training.runs().iter().map(|run| (run.spec().optimizer.label().to_owned(), run.history().clone())).collect()
}

/// The history of the run labelled `label`.
fn history<'a>(runs: &'a [(String, History)], label: &str) -> &'a History {
    &runs.iter().find(|(l, _)| l == label).unwrap_or_else(|| panic!("no run {label}")).1
}

#[test]
fn on_the_spiral_adam_separates_the_arms_by_epoch_150_and_sgd_does_not_by_300() {
    let runs = training("spiral_neurons");
    let (sgd, adam) = (history(&runs, "SGD"), history(&runs, "Adam"));
    assert!(adam.test_score[150] >= 0.97, "Adam at epoch 150: {}", adam.test_score[150]);
    assert!(*sgd.test_score.last().unwrap() < 0.9, "SGD at epoch 300: {:?}", sgd.test_score.last());
}

#[test]
fn on_the_noisy_sine_adam_fits_the_noise_after_epoch_160() {
    let runs = training("sine_overfit");
    let history = |label: &str| history(&runs, label);
    let (sgd, momentum, adam) = (history("SGD"), history("Momentum"), history("Adam"));
    // SGD is still smoothing: the highest training loss after 300 epochs.
    let last = |h: &History| *h.train_loss.last().unwrap();
    assert!(last(sgd) > 1.3 * last(momentum).max(last(adam)), "{} {} {}", last(sgd), last(momentum), last(adam));
    // Momentum and Adam fit the sine within 100 epochs (test R² above 0.85).
    assert!(momentum.test_score[100] > 0.85 && adam.test_score[100] > 0.85);
    // Adam's best test loss comes near epoch 160; a third more by the end,
    // while its training loss keeps falling.
    let best = (0..adam.test_loss.len()).min_by(|&a, &b| adam.test_loss[a].total_cmp(&adam.test_loss[b])).unwrap();
    assert!((140..=180).contains(&best), "best test loss at epoch {best}");
    assert!(*adam.test_loss.last().unwrap() > 1.3 * adam.test_loss[best]);
    assert!(last(adam) < 0.9 * adam.train_loss[best], "{} vs {}", last(adam), adam.train_loss[best]);
}
