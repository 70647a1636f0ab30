//! Seed 003's reference runs (`tests/fixtures/digits_mlp.json`) and SPEC
//! 8b's (`tests/fixtures/network2.json`), shared by the tests and the
//! training bench.

// Each test target and the bench read only some of the fields.
#![allow(dead_code)]

use optiviz::nn::InitFile;
use serde::Deserialize;

/// The fixture: one split and the reference runs that share it.
#[derive(Deserialize)]
pub struct Fixture {
    /// Training rows of the digits.
    pub train_index: Vec<usize>,
    /// Test rows of the digits.
    pub test_index: Vec<usize>,
    /// One reference run per optimizer.
    pub cases: Vec<Case>,
}

/// One optimizer's reference run.
#[derive(Deserialize)]
pub struct Case {
    /// The case's name (`d0`, `d1`, …).
    pub id: String,
    /// Starting weights (without the split).
    pub init: InitFile,
    /// The optimizer's spec string.
    pub optimizer: String,
    /// Full-batch epochs trained.
    pub epochs: usize,
    /// `losses[e]`: the training loss before epoch e+1's step, i.e. after e steps.
    pub losses: Vec<f64>,
    /// Test accuracy after the last epoch.
    pub test_accuracy: f64,
}

impl Fixture {
    /// The parsed fixture.
    pub fn load() -> Fixture {
        serde_json::from_str(include_str!("../fixtures/digits_mlp.json")).expect("the fixture parses")
    }

    /// The starting weights of `case` together with the fixture's split.
    pub fn init(&self, case: &Case) -> InitFile {
        InitFile {
            train_index: Some(self.train_index.clone()),
            test_index: Some(self.test_index.clone()),
            ..case.init.clone()
        }
    }
}

/// SPEC 8b's reference runs (`tests/fixtures/network2.json`): activations,
/// penalties and regression on the shipped spiral, sine and diabetes data.
#[derive(Deserialize)]
pub struct Fixture2 {
    /// One reference run each.
    pub cases: Vec<Case2>,
}

/// One reference run of [`Fixture2`].
#[derive(Deserialize)]
pub struct Case2 {
    /// The case's name (`p0`, `p1`, …).
    pub id: String,
    /// The shipped data set's name.
    pub dataset: String,
    /// The model spec string (activation and penalties; the sizes come from `init`).
    pub model: String,
    /// The optimizer's spec string.
    pub optimizer: String,
    /// Full-batch epochs trained.
    pub epochs: usize,
    /// Starting weights and split.
    pub init: InitFile,
    /// `train_losses[k]`: the data loss over the training rows after k steps.
    pub train_losses: Vec<f64>,
    /// `test_losses[k]`: the data loss over the test rows after k steps.
    pub test_losses: Vec<f64>,
    /// Test accuracy, or R² for regression, after the last step.
    pub final_metric: f64,
}

impl Fixture2 {
    /// The parsed fixture.
    pub fn load() -> Fixture2 {
        serde_json::from_str(include_str!("../fixtures/network2.json")).expect("the fixture parses")
    }
}

/// The largest relative difference of `actual` from `expected`, element by element.
pub fn worst_relative(actual: &[f64], expected: &[f64]) -> f64 {
    assert_eq!(actual.len(), expected.len(), "as many values as the reference");
    actual.iter().zip(expected).map(|(a, e)| (a - e).abs() / e.abs()).fold(0.0, f64::max)
}
