//! Training records as text: the CSV and JSON that `optiviz train` prints
//! and `optiviz export` writes for a network scene, one row or array entry
//! per epoch, numbers in their shortest exact form. The score's column is
//! `test_accuracy` for classes and `test_r2` for regression.

use std::io::{self, Write};

use serde::Serialize;

use super::output::Score;
use super::spec::{DatasetSpec, ModelSpec};
use super::train::{History, Training};
use crate::engine::trace::{CsvRows, RunHeader};

/// The CSV header of a training record scored by `score`:
/// `run,optimizer,epoch,train_loss,test_loss,` then `test_accuracy` or `test_r2`.
pub fn csv_header(score: Score) -> String {
    format!("run,optimizer,epoch,train_loss,test_loss,{}", score.column())
}

/// Writes every run's rows under [`csv_header`].
pub fn write_csv(out: &mut impl Write, training: &Training) -> io::Result<()> {
    writeln!(out, "{}", csv_header(training.problem().mlp.score()))?;
    for (index, run) in training.runs().iter().enumerate() {
        let mut rows = CsvRows::new(index, run.spec().optimizer.label());
        let h = run.history();
        for (epoch, ((train, test), score)) in h.train_loss.iter().zip(&h.test_loss).zip(&h.test_score).enumerate() {
            rows.write(out, epoch, [Some(*train), Some(*test), Some(*score)])?;
        }
    }
    Ok(())
}

/// Writes the JSON form of `training` (on `dataset`, asked for `epochs`
/// epochs) as one line.
pub fn write_json(out: &mut impl Write, dataset: &DatasetSpec, epochs: usize, training: &Training) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &TrainRecord::new(dataset, epochs, training)).map_err(io::Error::from)?;
    writeln!(out)
}

/// The JSON form of a training: what was trained, then every run.
#[derive(Debug, Serialize)]
pub struct TrainRecord<'a> {
    /// The data set's spec string.
    pub dataset: String,
    /// The network's spec string.
    pub model: String,
    /// Layer widths, inputs first.
    pub sizes: &'a [usize],
    /// Length of the parameter vector.
    pub parameters: usize,
    /// Training rows.
    pub train_rows: usize,
    /// Test rows.
    pub test_rows: usize,
    /// Epochs asked for.
    pub epochs: usize,
    /// Mini-batch size; `null` for full batch.
    pub batch: Option<usize>,
    /// The seed of the weights, split, generated data and batches.
    pub seed: u64,
    /// Every run, in the order of the `--optimizer` flags.
    pub runs: Vec<RunRecord<'a>>,
}

/// One run in the JSON form.
#[derive(Debug, Serialize)]
pub struct RunRecord<'a> {
    /// Which run it is (`diverged_at` an epoch).
    #[serde(flatten)]
    pub header: RunHeader<'a>,
    /// Per-epoch metrics, index 0 the starting weights.
    #[serde(flatten)]
    pub history: HistoryRecord<'a>,
}

/// A run's [`History`] as JSON arrays.
#[derive(Debug, Serialize)]
pub struct HistoryRecord<'a> {
    /// The data loss over the training rows.
    pub train_loss: &'a [f64],
    /// The data loss over the test rows.
    pub test_loss: &'a [f64],
    /// Fraction of test rows classified correctly (classes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test_accuracy: Option<&'a [f64]>,
    /// R² of the test rows (regression only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test_r2: Option<&'a [f64]>,
}

impl<'a> TrainRecord<'a> {
    /// The record of `training` on `dataset`, asked for `epochs` epochs.
    pub fn new(dataset: &DatasetSpec, epochs: usize, training: &'a Training) -> TrainRecord<'a> {
        let problem = training.problem();
        let sizes = problem.mlp.sizes();
        let model = ModelSpec::of(&problem.mlp);
        let score = problem.mlp.score();
        let runs = training.runs().iter().enumerate().map(|(index, run)| {
            let History { train_loss, test_loss, test_score } = run.history();
            let scored = |kind: Score| (score == kind).then_some(test_score.as_slice());
            RunRecord {
                header: RunHeader::new(index, run.spec(), run.diverged().map(|(epoch, _)| epoch)),
                history: HistoryRecord {
                    train_loss,
                    test_loss,
                    test_accuracy: scored(Score::Accuracy),
                    test_r2: scored(Score::R2),
                },
            }
        });
        TrainRecord {
            dataset: dataset.to_string(),
            model: model.to_string(),
            sizes,
            parameters: problem.mlp.parameter_count(),
            train_rows: problem.split.train.len(),
            test_rows: problem.split.test.len(),
            epochs,
            batch: problem.batch,
            seed: problem.seed,
            runs: runs.collect(),
        }
    }
}
