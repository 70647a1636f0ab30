//! Trajectories as text: the CSV and JSON that `optiviz trace` prints and
//! data export writes, with numbers in their shortest exact form.

use std::io::{self, Write};

use serde::Serialize;

use crate::number::push_shortest;
use crate::sim::{Run, Simulation};

/// The CSV header of a trace.
pub const CSV_HEADER: &str = "run,optimizer,step,x,y,loss,lr";

/// Writes one run's rows: `run,optimizer,step,x,y,loss,lr`, `lr` empty on row 0.
pub fn write_csv_rows(out: &mut impl Write, run_index: usize, run: &Run) -> io::Result<()> {
    let t = run.trajectory();
    let prefix = format!("{run_index},{},", csv_field(run.spec().optimizer.label()));
    let mut line = String::with_capacity(128);
    for (step, (point, loss)) in t.points.iter().zip(&t.losses).enumerate() {
        line.clear();
        line.push_str(&prefix);
        line.push_str(&step.to_string());
        for value in [point[0], point[1], *loss] {
            line.push(',');
            push_shortest(&mut line, value);
        }
        line.push(',');
        if step > 0 {
            push_shortest(&mut line, t.lrs[step - 1]);
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}


/// Quotes a CSV field when it holds a quote, comma or line break.
pub fn csv_field(text: &str) -> String {
    if text.contains(['"', ',', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// One run in the JSON form of a trace.
#[derive(Debug, Serialize)]
pub struct RunRecord<'a> {
    /// 0-based index of the run.
    pub run: usize,
    /// Display label.
    pub optimizer: &'a str,
    /// The optimizer's spec string.
    pub spec: String,
    /// The schedule's spec string.
    pub schedule: String,
    /// The step at which the run diverged, if it did.
    pub diverged_at: Option<usize>,
    /// Positions, point 0 the start.
    pub points: &'a [[f64; 2]],
    /// Loss at each point.
    pub losses: &'a [f64],
    /// Learning rate of each step.
    pub lrs: &'a [f64],
}

impl<'a> RunRecord<'a> {
    /// The record of `run`, numbered `index`.
    pub fn new(index: usize, run: &'a Run) -> RunRecord<'a> {
        let t = run.trajectory();
        RunRecord {
            run: index,
            optimizer: run.spec().optimizer.label(),
            spec: run.spec().optimizer.to_string(),
            schedule: run.spec().schedule.to_string(),
            diverged_at: run.diverged().map(|(step, _)| step),
            points: &t.points,
            losses: &t.losses,
            lrs: &t.lrs,
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
