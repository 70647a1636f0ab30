//! A landscape as text: the JSON and CSV that `optiviz landscape` prints,
//! numbers in their shortest exact form.

use std::io::{self, Write};

use serde::Serialize;

use super::Landscape;
use crate::engine::trace::csv_field;
use crate::util::number::push_shortest;

/// The header of the grid's CSV rows.
pub const GRID_HEADER: &str = "alpha,beta,loss";
/// The header of the paths' CSV rows, after a blank line.
pub const PATHS_HEADER: &str = "optimizer,epoch,alpha,beta";

/// The JSON form: `{"center", "d1", "d2", "explained" (PCA only), "alpha",
/// "beta", "loss" (row j is β_j), "paths": [{"optimizer", "points"}]}`.
#[derive(Debug, Serialize)]
struct LandscapeRecord<'a> {
    center: &'a [f64],
    d1: &'a [f64],
    d2: &'a [f64],
    #[serde(skip_serializing_if = "Option::is_none")]
    explained: Option<[f64; 2]>,
    alpha: &'a [f64],
    beta: &'a [f64],
    loss: Vec<&'a [f64]>,
    paths: Vec<PathRecord<'a>>,
}

/// One run's path in the JSON form.
#[derive(Debug, Serialize)]
struct PathRecord<'a> {
    optimizer: &'a str,
    points: &'a [[f64; 2]],
}

/// Writes `landscape` as one line of JSON.
pub fn write_json(out: &mut impl Write, landscape: &Landscape) -> io::Result<()> {
    let Landscape { center, plane, axes, loss, paths } = landscape;
    let record = LandscapeRecord {
        center,
        d1: &plane.d1,
        d2: &plane.d2,
        explained: plane.explained,
        alpha: &axes.alpha,
        beta: &axes.beta,
        loss: loss.chunks(axes.alpha.len().max(1)).collect(),
        paths: paths.iter().map(|path| PathRecord { optimizer: &path.optimizer, points: &path.points }).collect(),
    };
    serde_json::to_writer(&mut *out, &record).map_err(io::Error::from)?;
    writeln!(out)
}

/// Writes `landscape` as CSV: the grid as `alpha,beta,loss` rows (β
/// outer), a blank line, then every path as `optimizer,epoch,alpha,beta`.
pub fn write_csv(out: &mut impl Write, landscape: &Landscape) -> io::Result<()> {
    let mut line = String::with_capacity(128);
    let mut write_row = |out: &mut dyn Write, prefix: &str, values: &[f64]| {
        line.clear();
        line.push_str(prefix);
        for (k, value) in values.iter().enumerate() {
            if k > 0 || !prefix.is_empty() {
                line.push(',');
            }
            push_shortest(&mut line, *value);
        }
        line.push('\n');
        out.write_all(line.as_bytes())
    };
    writeln!(out, "{GRID_HEADER}")?;
    let axes = &landscape.axes;
    for (j, beta) in axes.beta.iter().enumerate() {
        for (i, alpha) in axes.alpha.iter().enumerate() {
            write_row(out, "", &[*alpha, *beta, landscape.loss_at(i, j)])?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{PATHS_HEADER}")?;
    for path in &landscape.paths {
        let label = csv_field(&path.optimizer);
        for (epoch, point) in path.points.iter().enumerate() {
            write_row(out, &format!("{label},{epoch}"), point)?;
        }
    }
    Ok(())
}
