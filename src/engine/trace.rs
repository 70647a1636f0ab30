//! Trajectories as text: the CSV and JSON that `optiviz trace` prints and
//! data export writes, with numbers in their shortest exact form.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::engine::lockstep::RunSpec;
use crate::engine::race::{Run, Simulation};
use crate::util::number::push_shortest;

/// The CSV header of a trace.
pub const CSV_HEADER: &str = "run,optimizer,step,x,y,loss,lr";

/// Writes one run's rows: `run,optimizer,step,x,y,loss,lr`, `lr` empty on row 0.
pub fn write_csv_rows(out: &mut impl Write, run_index: usize, run: &Run) -> io::Result<()> {
    let t = run.trajectory();
    let mut row = CsvRows::new(run_index, run.spec().optimizer.label());
    for (step, (point, loss)) in t.points.iter().zip(&t.losses).enumerate() {
        let lr = step.checked_sub(1).map(|last| t.lrs[last]);
        row.write(out, step, [Some(point[0]), Some(point[1]), Some(*loss), lr])?;
    }
    Ok(())
}

/// The rows of one run in a CSV record: `run,label,counter,values…`, the
/// numbers in their shortest exact form.
pub struct CsvRows {
    prefix: String,
    line: String,
}

impl CsvRows {
    /// Rows of run `index`, labelled `label` (quoted when needed).
    pub fn new(index: usize, label: &str) -> CsvRows {
        CsvRows { prefix: format!("{index},{},", csv_field(label)), line: String::with_capacity(128) }
    }

    /// Writes the row for `counter` (step or epoch); `None` leaves a field empty.
    pub fn write(
        &mut self,
        out: &mut impl Write,
        counter: usize,
        values: impl IntoIterator<Item = Option<f64>>,
    ) -> io::Result<()> {
        self.line.clear();
        self.line.push_str(&self.prefix);
        self.line.push_str(&counter.to_string());
        for value in values {
            self.line.push(',');
            if let Some(value) = value {
                push_shortest(&mut self.line, value);
            }
        }
        self.line.push('\n');
        out.write_all(self.line.as_bytes())
    }
}

/// Quotes a CSV field when it holds a quote, comma or line break.
pub fn csv_field(text: &str) -> String {
    if text.contains(['"', ',', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// What names a run in a JSON record: its place, label, optimizer and
/// schedule specs, and where it diverged (a step, or an epoch of training).
#[derive(Debug, Serialize)]
pub struct RunHeader<'a> {
    /// 0-based index of the run.
    pub run: usize,
    /// Display label.
    pub optimizer: &'a str,
    /// The optimizer's spec string.
    pub spec: String,
    /// The schedule's spec string.
    pub schedule: String,
    /// Where the run diverged, if it did.
    pub diverged_at: Option<usize>,
}

impl<'a> RunHeader<'a> {
    /// The header of run `index` with `spec`, diverged at `diverged_at`.
    pub fn new(index: usize, spec: &'a RunSpec, diverged_at: Option<usize>) -> RunHeader<'a> {
        RunHeader {
            run: index,
            optimizer: spec.optimizer.label(),
            spec: spec.optimizer.to_string(),
            schedule: spec.schedule.to_string(),
            diverged_at,
        }
    }
}

/// One run in the JSON form of a trace.
#[derive(Debug, Serialize)]
pub struct RunRecord<'a> {
    /// Which run it is.
    #[serde(flatten)]
    pub header: RunHeader<'a>,
    /// Positions, point 0 the start.
    pub points: &'a [[f64; 2]],
    /// Loss at each point.
    pub losses: &'a [f64],
    /// Learning rate of each step.
    pub lrs: &'a [f64],
    /// Gradient evaluations of each step, for optimizers that may spend
    /// other than one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evals: Option<Vec<u64>>,
    /// The optimizer's companion points under their key (`averaged`,
    /// `slow`, `adversarial`), for optimizers that keep some.
    #[serde(flatten)]
    pub companion: BTreeMap<&'static str, CompanionList<'a>>,
}

/// Companion points in a JSON trace: one per point, or a list per step.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum CompanionList<'a> {
    /// `list[k]` belongs to point k.
    PerPoint(&'a [[f64; 2]]),
    /// `list[k − 1]` holds the points step k left.
    PerStep(Vec<&'a [[f64; 2]]>),
}

impl<'a> RunRecord<'a> {
    /// The record of `run`, numbered `index`.
    pub fn new(index: usize, run: &'a Run) -> RunRecord<'a> {
        let t = run.trajectory();
        let evals = run.counts_evaluations().then(|| (1..t.points.len()).map(|k| t.evaluations_in_step(k)).collect());
        let companion = t.companion.iter().map(|track| {
            let list = if track.kind.follows_the_point() {
                CompanionList::PerPoint(&track.points)
            } else {
                CompanionList::PerStep((1..t.points.len()).map(|k| track.at_step(k)).collect())
            };
            (track.kind.key(), list)
        });
        RunRecord {
            header: RunHeader::new(index, run.spec(), run.diverged().map(|(step, _)| step)),
            points: &t.points,
            losses: &t.losses,
            lrs: &t.lrs,
            evals,
            companion: companion.collect(),
        }
    }
}

/// A whole trace in JSON form.
#[derive(Debug, Serialize)]
pub struct TraceRecord<'a> {
    /// The surface's spec string.
    pub surface: String,
    /// The shared start point.
    pub start: [f64; 2],
    /// The steps asked for.
    pub steps: usize,
    /// Every run.
    pub runs: Vec<RunRecord<'a>>,
}

/// Writes every run of `sims` (each simulation numbered on from the last) as CSV.
pub fn write_csv(out: &mut impl Write, sims: &[Simulation]) -> io::Result<()> {
    writeln!(out, "{CSV_HEADER}")?;
    for (index, run) in sims.iter().flat_map(Simulation::runs).enumerate() {
        write_csv_rows(out, index, run)?;
    }
    Ok(())
}
