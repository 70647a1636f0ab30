//! What `trace` and `train` take alike: the text format they print and the
//! check on how many optimizers one run of them may hold.

use clap::ValueEnum;

use optiviz::engine::race::MAX_RUNS;
use optiviz::OptimizerConfig;

/// The text format of `trace` and `train`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum Format {
    Csv,
    Json,
}

/// Refuses more optimizers than one race or training may hold.
pub(crate) fn check_run_count(optimizers: &[OptimizerConfig]) -> anyhow::Result<()> {
    if optimizers.len() > MAX_RUNS {
        anyhow::bail!("at most {MAX_RUNS} --optimizer flags; {} were given", optimizers.len());
    }
    Ok(())
}
