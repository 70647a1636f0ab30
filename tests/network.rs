//! Training the digits network reproduces seed 003's reference runs, SPEC
//! 8b's activations, penalties and regressions reproduce torch's, and
//! user-facing errors about data and starting weights say where the problem is.

mod common;

use optiviz::nn::dataset;
use optiviz::nn::{DatasetSpec, InitFile, ModelSpec, Output, Problem, Score, Training};
use optiviz::{RunSpec, Schedule};

use common::{worst_relative, Fixture, Fixture2};

/// Trains the fixture's case `id` and compares every loss and the final accuracy.
fn reference_run(id: &str) {
    let fixture = Fixture::load();
    let case = fixture.cases.iter().find(|case| case.id == id).expect("the case exists");
    let init = fixture.init(case);
    let problem = Problem::from_init(dataset::digits(), &init, 0, None, dataset::DEFAULT_TEST_SHARE)
        .expect("the weights and split fit the digits");
    let spec = RunSpec { optimizer: case.optimizer.parse().expect("a valid optimizer"), schedule: Schedule::Constant };
    let mut training = Training::new(problem, vec![spec]);
    training.advance(case.epochs);
    let run = &training.runs()[0];
    assert_eq!(run.diverged(), None);
    let history = run.history();
    assert_eq!(history.epochs(), case.epochs);
    // losses[e]: the training loss before epoch e+1's step, i.e. after e steps.
    for (epoch, (expected, actual)) in case.losses.iter().zip(&history.train_loss).enumerate() {
        let relative = (actual - expected).abs() / expected.abs();
        assert!(
            relative <= 1e-6,
            "{id} epoch {epoch}: loss {actual} vs reference {expected} ({relative:.1e} relative)"
        );
    }
    assert_eq!(history.test_score[case.epochs], case.test_accuracy, "{id}: final test accuracy");
}

#[test]
fn sgd_matches_the_reference() {
    reference_run("d0");
}

#[test]
fn momentum_matches_the_reference() {
    reference_run("d1");
}

#[test]
fn adam_matches_the_reference() {
    reference_run("d2");
}

/// Trains network2.json's case `id` from its weights and split, the model
/// spec giving the activation and penalties, and compares every train and
/// test loss (1e-6 relative) and the final score (1e-6).
fn reference_run_8b(id: &str, score: Score) {
    let fixture = Fixture2::load();
    let case = fixture.cases.iter().find(|case| case.id == id).expect("the case exists");
    let dataset: DatasetSpec = case.dataset.parse().expect("a shipped data set");
    let model: ModelSpec = case.model.parse().expect("a valid model");
    let data = dataset.load(0).expect("shipped data loads");
    let mut problem = Problem::from_init(data, &case.init, 0, None, dataset.test_share()).expect("the weights fit");
    problem.mlp = model.configure(problem.mlp);
    assert_eq!(problem.mlp.score(), score, "{id}");
    let spec = RunSpec { optimizer: case.optimizer.parse().expect("a valid optimizer"), schedule: Schedule::Constant };
    let mut training = Training::new(problem, vec![spec]);
    training.advance(case.epochs);
    let run = &training.runs()[0];
    assert_eq!(run.diverged(), None);
    let history = run.history();
    let train = worst_relative(&history.train_loss, &case.train_losses);
    let test = worst_relative(&history.test_loss, &case.test_losses);
    assert!(train <= 1e-6 && test <= 1e-6, "{id}: worst relative error {train:.1e} (train), {test:.1e} (test)");
    let last = history.test_score[case.epochs];
    assert!((last - case.final_metric).abs() <= 1e-6, "{id}: final score {last} vs {}", case.final_metric);
}

#[test]
fn tanh_on_the_spiral_matches_torch() {
    reference_run_8b("p0", Score::Accuracy);
}

#[test]
fn a_tanh_regression_of_the_sine_matches_torch() {
    reference_run_8b("p1", Score::R2);
}

#[test]
fn an_l2_penalised_regression_of_diabetes_matches_torch() {
    reference_run_8b("p2", Score::R2);
}

#[test]
fn sigmoid_with_an_l1_penalty_on_the_spiral_matches_torch() {
    reference_run_8b("p3", Score::Accuracy);
}

#[test]
fn init_files_that_do_not_fit_the_data_say_where() {
    let data = dataset::circles(50, 0.1, 0);
    let cases = [
        (
            r#"{"layers": [{"weight": [[1, 2], [3, 4], [5, 6]], "bias": [0, 0]}]}"#,
            "layer 0: weight rows (inputs) has 3, expected 2",
        ),
        (
            r#"{"layers": [{"weight": [[1, 2, 3], [4, 5]], "bias": [0, 0, 0]}, {"weight": [[1, 2]], "bias": [0, 0]}]}"#,
            "layer 0: weight row 1 (outputs) has 2, expected 3",
        ),
        (
            r#"{"layers": [{"weight": [[1], [2]], "bias": [0]}, {"weight": [[1, 2]], "bias": [0, 0, 0]}]}"#,
            "layer 1: bias has 3, expected 2",
        ),
        (
            r#"{"layers": [{"weight": [[1], [2]], "bias": [0]}, {"weight": [[1, 2]], "bias": [0]}]}"#,
            "layer 1: weight row 0 (outputs) has 2, expected 1",
        ),
        (
            r#"{"layers": [{"weight": [[1, 2, 3], [4, 5, 6]], "bias": [0, 0, 0]}]}"#,
            "layer 0: weight row 0 (outputs) has 3, expected 2",
        ),
        (r#"{"layers": []}"#, "no layers"),
    ];
    for (text, expected) in cases {
        let init = InitFile::from_json(text).expect("valid JSON");
        let message = init.network(&data).expect_err("a shape error").to_string();
        assert!(message.contains(expected), "{text}: {message}");
    }
    let one_unit = r#"{"layers": [{"weight": [[1], [2]], "bias": [0]}, {"weight": [[3]], "bias": [0.5]}]}"#;
    let (mlp, params) = InitFile::from_json(one_unit).expect("valid JSON").network(&data).expect("a sigmoid output");
    assert_eq!((mlp.sizes(), mlp.output(), params), (&[2, 1, 1][..], Output::Sigmoid, vec![1.0, 2.0, 0.0, 3.0, 0.5]));
    let ten_classes = dataset::Dataset { classes: 10, ..data.clone() };
    let message = InitFile::from_json(one_unit).expect("valid JSON").network(&ten_classes).expect_err("ten classes");
    assert!(message.to_string().contains("layer 1: weight row 0 (outputs) has 1, expected 10"), "{message}");
    let ours = Problem::seeded(data.clone(), &[4], 0, None);
    assert_eq!(ours.init.len(), 2 * 4 + 4 + 4 * 2 + 2);
    assert_eq!(ours, Problem::seeded(data.clone(), &[4], 0, None), "seeded problems are reproducible");
    let broken = InitFile::from_json(r#"{"layers": [{"weight": [[1]]}]}"#).expect_err("bias is missing").to_string();
    assert!(broken.contains("missing field `bias`"), "{broken}");
    let outside = InitFile::from_json(r#"{"layers": [], "train_index": [0, 99]}"#).expect("valid JSON");
    let message = outside.split(50, dataset::DEFAULT_TEST_SHARE, 0).expect_err("row 99 is outside").to_string();
    assert!(message.contains("train_index holds row 99, but the data has 50 rows"), "{message}");
}

#[test]
fn a_network_learns_the_moons_in_mini_batches() {
    let problem = Problem::seeded(dataset::moons(200, 0.1, 4), &[16, 16], 4, Some(20));
    let spec = RunSpec {
        optimizer: "adam:lr=0.01".parse().expect("valid"),
        schedule: "cosine:t_max=400".parse().expect("valid"),
    };
    let mut training = Training::new(problem, vec![spec]);
    training.advance(50);
    let history = training.runs()[0].history();
    assert!(history.train_loss[50] < 0.3 * history.train_loss[0], "{:?}", history.train_loss);
    assert!(history.test_score[50] >= 0.9, "accuracy {}", history.test_score[50]);
}
