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
    writeln!(out, "SURFACES  (--surface name:key=value,...)")?;
    for info in SURFACES {
        print_kind(out, &info.kind)?;
    }
    writeln!(out, "\nOPTIMIZERS  (--optimizer name:key=value,...,label=TEXT)")?;
    for info in OPTIMIZERS {
        print_kind(out, &info.kind)?;
    }
    writeln!(out, "\nSCHEDULES  (--schedule name:key=value,...)")?;
    for info in SCHEDULES {
        print_kind(out, &info.kind)?;
    }
    writeln!(out, "\nDATASETS  (optiviz train --dataset name:key=value,...)")?;
    for info in optiviz::nn::dataset::DATASETS {
        print_kind(out, &info.kind)?;
    }
    writeln!(out, "\nMODELS  (optiviz train --model name:key=value,...)")?;
    for kind in optiviz::nn::spec::MODEL_KINDS {
        print_kind(out, kind)?;
    }
    Ok(())
}

fn print_kind(out: &mut impl Write, kind: &Kind) -> io::Result<()> {
    writeln!(out, "  {:<14} {}", kind.name, kind.summary)?;
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
