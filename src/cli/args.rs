//! What the subcommands take alike: the text format they print, the check
//! on how many optimizers one run of them may hold, and the race that
//! `sweep` and `tune` repeat at many learning rates.

use std::sync::Arc;

use clap::ValueEnum;
use serde::Serialize;

use optiviz::engine::race::{GradientNoise, MAX_RUNS};
use optiviz::engine::rates::LrRange;
use optiviz::{OptimizerConfig, RunSpec, Schedule, Surface, SurfaceConfig};

/// The most steps one trace, sweep or search may ask for.
const MAX_STEPS: usize = 10_000_000;

/// The text format of `trace`, `train`, `sweep` and `tune`.
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

/// What `sweep` and `tune` take alike: the race each of their runs is
/// (surface, start, optimizers, schedule, steps, noise) and the format.
#[derive(Debug, clap::Args)]
pub(crate) struct RaceArgs {
    /// Surface spec, e.g. rosenbrock, bowl:kappa=50,angle=-20, expr:f=x^2+3*sin(y).
    #[arg(long, value_name = "SPEC")]
    pub surface: SurfaceConfig,
    /// Start point X,Y (e.g. -1,1).
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true, value_parser = parse_start)]
    pub start: [f64; 2],
    /// Optimizer spec, e.g. adam:beta1=0.8 (its lr is what varies); repeat for several.
    #[arg(long = "optimizer", value_name = "SPEC", required = true)]
    pub optimizers: Vec<OptimizerConfig>,
    /// Learning-rate schedule for every optimizer, e.g. cosine:t_max=1000.
    #[arg(long, value_name = "SPEC", default_value = "constant")]
    pub schedule: Schedule,
    /// Number of steps (1 to 10,000,000).
    #[arg(long, value_parser = parse_steps)]
    pub steps: usize,
    /// Standard deviation of Gaussian noise added to each gradient component.
    #[arg(long, value_name = "SIGMA", allow_hyphen_values = true, value_parser = parse_noise)]
    pub noise: Option<f64>,
    /// Seed of the noise generator.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
}

impl RaceArgs {
    /// The built surface, after checking how many optimizers were given.
    pub fn surface(&self) -> anyhow::Result<Arc<dyn Surface>> {
        check_run_count(&self.optimizers)?;
        Ok(Arc::from(self.surface.build()?))
    }

    /// The noise asked for, with its seed.
    pub fn noise(&self) -> Option<GradientNoise> {
        self.noise.map(|sigma| GradientNoise { sigma, seed: self.seed })
    }

    /// What the JSON documents of `sweep` and `tune` say of the setup.
    pub fn record(&self, range: &LrRange) -> SetupRecord {
        SetupRecord {
            surface: self.surface.to_string(),
            start: self.start,
            steps: self.steps,
            schedule: self.schedule.to_string(),
            lr_min: range.min(),
            lr_max: range.max(),
            points: range.points(),
            noise: self.noise(),
        }
    }

    /// How the JSON documents name each optimizer's run.
    pub fn run_names(&self) -> impl Iterator<Item = RunName<'_>> {
        self.optimizers.iter().enumerate().map(|(run, optimizer)| RunName {
            run,
            optimizer: optimizer.label(),
            spec: optimizer.to_string(),
        })
    }

    /// Each optimizer with the schedule, as a run.
    pub fn specs(&self) -> Vec<RunSpec> {
        let spec =
            |optimizer: &OptimizerConfig| RunSpec { optimizer: optimizer.clone(), schedule: self.schedule.clone() };
        self.optimizers.iter().map(spec).collect()
    }
}

/// Parses `X,Y`, two finite numbers.
pub(crate) fn parse_start(text: &str) -> Result<[f64; 2], String> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let numbers: Option<Vec<f64>> = parts.iter().map(|p| p.parse::<f64>().ok().filter(|v| v.is_finite())).collect();
    match numbers.as_deref() {
        Some(&[x, y]) => Ok([x, y]),
        _ => Err("expected two finite numbers X,Y such as -1,1".to_owned()),
    }
}

/// Parses a step count from 1 to [`MAX_STEPS`].
pub(crate) fn parse_steps(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_STEPS).contains(&n) => Ok(n),
        Ok(n) if n > MAX_STEPS => Err(format!("at most {MAX_STEPS} steps")),
        _ => Err(format!("expected a whole number of steps from 1 to {MAX_STEPS}")),
    }
}

/// Parses a noise level: a finite number ≥ 0.
pub(crate) fn parse_noise(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err("expected a finite number ≥ 0".to_owned()),
    }
}

/// The setup of a sweep or a search in its JSON document: the race, the
/// learning rates (`points` of them from `lr_min` to `lr_max`) and the
/// noise (`{"sigma", "seed"}`, or null).
#[derive(Serialize)]
pub(crate) struct SetupRecord {
    surface: String,
    start: [f64; 2],
    steps: usize,
    schedule: String,
    lr_min: f64,
    lr_max: f64,
    points: usize,
    noise: Option<GradientNoise>,
}

/// A run in the JSON document of a sweep or a search: its place, label and spec.
#[derive(Serialize)]
pub(crate) struct RunName<'a> {
    run: usize,
    optimizer: &'a str,
    spec: String,
}
