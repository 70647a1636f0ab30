//! `optiviz list`: every surface, optimizer, schedule, data set and model
//! with its parameters, defaults and valid ranges, from the same tables
//! that parse them.

use std::io::{self, Write};

use anyhow::Context;

use optiviz::optim::schedule::SCHEDULES;
use optiviz::optim::OPTIMIZERS;
use optiviz::spec::params::{Kind, ParamKind, Scale};
use optiviz::surface::SURFACES;

/// Prints the list on stdout.
pub(crate) fn run() -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    print_list(&mut out).and_then(|()| Ok(out.flush()?)).context("writing the list")
}

fn print_list(out: &mut impl Write) -> anyhow::Result<()> {
    let sections: [(&str, Vec<&Kind>); 5] = [
        ("SURFACES  (--surface name:key=value,...)", SURFACES.iter().map(|info| &info.kind).collect()),
        ("OPTIMIZERS  (--optimizer name:key=value,...,label=TEXT)", OPTIMIZERS.iter().map(|info| &info.kind).collect()),
        ("SCHEDULES  (--schedule name:key=value,...)", SCHEDULES.iter().map(|info| &info.kind).collect()),
        (
            "DATASETS  (optiviz train --dataset name:key=value,...)",
            optiviz::nn::dataset::DATASETS.iter().map(|info| &info.kind).collect(),
        ),
        ("MODELS  (optiviz train --model name:key=value,...)", optiviz::nn::spec::MODEL_KINDS.to_vec()),
    ];
    // Summaries line up one space after the longest name.
    let width = sections.iter().flat_map(|(_, kinds)| kinds).map(|kind| kind.name.chars().count()).max().unwrap_or(0);
    for (index, (heading, kinds)) in sections.iter().enumerate() {
        writeln!(out, "{}{heading}", if index == 0 { "" } else { "\n" })?;
        for kind in kinds {
            print_kind(out, kind, width)?;
        }
    }
    Ok(())
}

fn print_kind(out: &mut impl Write, kind: &Kind, width: usize) -> io::Result<()> {
    writeln!(out, "  {:<width$} {}", kind.name, kind.summary)?;
    for param in kind.params {
        let default = param.default.value().map_or_else(|| "required".to_owned(), |v| format!("default {v}"));
        let scale = match param.kind {
            ParamKind::Real { scale: Scale::Log, .. } => ", log scale",
            _ => "",
        };
        writeln!(out, "      {:<26} {} ({default}; {}{scale})", param.name, param.doc, param.range_text())?;
    }
    Ok(())
}
