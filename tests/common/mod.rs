//! Seed 003's reference runs (`tests/fixtures/digits_mlp.json`), shared by
//! the tests and the training bench.

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
