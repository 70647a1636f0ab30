//! Training records as text: the CSV and JSON that `optiviz train` prints
//! and `optiviz export` writes for a network scene, one row or array entry
//! per epoch, numbers in their shortest exact form.

use std::io::{self, Write};

use serde::Serialize;

use super::spec::{DatasetSpec, ModelSpec};
use super::train::{History, NetRun, Training};
use crate::engine::trace::{CsvRows, RunHeader};

/// The CSV header of a training record.
pub const CSV_HEADER: &str = "run,optimizer,epoch,train_loss,test_loss,test_accuracy";

/// Writes every run's rows, `run,optimizer,epoch,train_loss,test_loss,test_accuracy`.
pub fn write_csv(out: &mut impl Write, runs: &[NetRun]) -> io::Result<()> {
    writeln!(out, "{CSV_HEADER}")?;
    for (index, run) in runs.iter().enumerate() {
        let mut rows = CsvRows::new(index, run.spec().optimizer.label());
        let h = run.history();
        for (epoch, ((train, test), accuracy)) in
            h.train_loss.iter().zip(&h.test_loss).zip(&h.test_accuracy).enumerate()
        {
            rows.write(out, epoch, [Some(*train), Some(*test), Some(*accuracy)])?;
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
    /// Mean cross-entropy over the training rows.
    pub train_loss: &'a [f64],
    /// Mean cross-entropy over the test rows.
    pub test_loss: &'a [f64],
    /// Fraction of test rows classified correctly.
    pub test_accuracy: &'a [f64],
}

impl<'a> TrainRecord<'a> {
    /// The record of `training` on `dataset`, asked for `epochs` epochs.
    pub fn new(dataset: &DatasetSpec, epochs: usize, training: &'a Training) -> TrainRecord<'a> {
        let problem = training.problem();
        let sizes = problem.mlp.sizes();
        let model = ModelSpec::of(&problem.mlp);
        let runs = training.runs().iter().enumerate().map(|(index, run)| {
            let History { train_loss, test_loss, test_accuracy } = run.history();
            RunRecord {
                header: RunHeader::new(index, run.spec(), run.diverged().map(|(epoch, _)| epoch)),
                history: HistoryRecord { train_loss, test_loss, test_accuracy },
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
