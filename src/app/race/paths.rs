//! What the 2-D and 3-D race plots share about paths: how many points at
//! most, the cache of thinned paths, and the title of a run's panel.

use std::collections::HashMap;

use optiviz::engine::race::Run;
use optiviz::plot::lod::DecimatedPath;

use super::timeline::RunAt;

/// Points at most drawn per path (a path that zig-zags across more pixels
/// is drawn with a coarser spacing).
const PATH_BUDGET: usize = 4000;
/// Points at most drawn over all the paths of a race, shared between them:
/// a race of thirty draws each path a little coarser rather than thirty
/// times the points of one.
const RACE_BUDGET: usize = 40_000;

/// The thinned paths of the shown race, per plot name and run, updated as the runs grow.
pub type PathCache = HashMap<(String, usize), DecimatedPath>;

/// An empty thinned path for one of the `runs` paths of a race: its share
/// of [`RACE_BUDGET`], at most [`PATH_BUDGET`].
pub fn new_path(runs: usize) -> DecimatedPath {
    DecimatedPath::new((RACE_BUDGET / runs.max(1)).min(PATH_BUDGET))
}

/// The title of `run` at timeline step `step`: "adam (5000 steps)" at its
/// latest step, "adam (step 570 of 5000)" before it, or "adam (diverged
/// at step 12)".
pub fn run_title(run: &Run, step: usize) -> String {
    let label = run.spec().optimizer.label();
    let (at, steps) = (RunAt::of(run, step), run.trajectory().steps());
    match run.divergence_note().filter(|_| at.diverged) {
        Some(note) => format!("{label} ({note})"),
        None if at.index < steps => format!("{label} (step {} of {steps})", at.index),
        None => format!("{label} ({steps} steps)"),
    }
}
