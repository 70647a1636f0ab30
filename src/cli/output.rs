//! What every subcommand writes, and how errors reach the user: lines on
//! stdout that fail as errors instead of panics, warnings on stderr that
//! cannot fail, and an error chain folded onto one line.

use std::io::{self, Write};

use anyhow::Context;
use optiviz::engine::lockstep::{Lane, Task};

/// clap's message without its usage block, folded onto one line.
pub(crate) fn one_line(rendered: &str) -> String {
    rendered
        .lines()
        .map(str::trim)
        .take_while(|line| !line.starts_with("Usage:") && !line.starts_with("For more information"))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The error and its causes joined by ": ", leaving out a cause whose text
/// the message before it already quotes (many errors name their source).
pub(crate) fn message(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let part = cause.to_string();
        if !text.contains(&part) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&part);
        }
    }
    text
}

/// Whether `error` comes from writing to a closed pipe (`optiviz trace |
/// head`): the reader has all it wanted, so the command ends quietly with
/// status 0, whichever format it was writing.
pub(crate) fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let io_kind = cause.downcast_ref::<io::Error>().map(io::Error::kind);
        let json_kind = cause.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind);
        io_kind.or(json_kind) == Some(io::ErrorKind::BrokenPipe)
    })
}

/// Writes `lines` to standard output; a failed write (a full disk, a closed
/// pipe) is returned as an error, never a panic.
pub(crate) fn print_lines(lines: impl IntoIterator<Item = impl std::fmt::Display>) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    for line in lines {
        writeln!(out, "{line}").context("writing to standard output")?;
    }
    out.flush().context("writing to standard output")
}

/// Writes one line to standard error. If even that fails there is nowhere
/// left to report it, so the failure is ignored rather than a panic.
pub(crate) fn warn(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// Warns about each of `runs` that diverged, naming it by its label and,
/// when `first` gives the first run's place on the command line, its place:
/// "adam (run 2) diverged at step 12: the position or loss is no longer
/// finite".
pub(crate) fn warn_divergences<T: Task, R>(runs: &[Lane<T, R>], first: Option<usize>) {
    for (offset, run) in runs.iter().enumerate() {
        if let (Some(note), Some((_, cause))) = (run.divergence_note(), run.diverged()) {
            let label = run.spec().optimizer.label();
            match first {
                Some(first) => warn(&format!("{label} (run {}) {note}: {cause}", first + offset)),
                None => warn(&format!("{label} {note}: {cause}")),
            }
        }
    }
}
