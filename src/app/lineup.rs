//! The optimizers a page compares, as the user set them up: the same list,
//! with the same sliders, races on a surface and trains a network, and is
//! written to and read from a scene file's runs.

use optiviz::engine::lockstep::RunSpec;
use optiviz::optim::{LearningRate, OptimizerConfig, OptimizerInfo};
use optiviz::plot::colormap::{path_color, PATH_PALETTE};
use optiviz::scene::SceneRun;
use optiviz::spec::error::SpecError;
use optiviz::spec::params::Value;
use optiviz::Schedule;

/// One optimizer of a lineup.
#[derive(Clone, Debug, PartialEq)]
pub struct RunEntry {
    /// Optimizer (with label) and schedule.
    pub spec: RunSpec,
    /// Path colour, sRGB.
    pub color: [u8; 3],
    /// Whether it takes part.
    pub enabled: bool,
}

impl RunEntry {
    /// An enabled run of `spec` drawn in `color`.
    pub fn new(spec: RunSpec, color: [u8; 3]) -> RunEntry {
        RunEntry { spec, color, enabled: true }
    }
}

/// The optimizers of one view, in legend order.
#[derive(Clone, Debug, PartialEq)]
pub struct Lineup {
    /// The runs, in legend order.
    pub runs: Vec<RunEntry>,
    /// The run whose settings the optimizer panel shows.
    pub selected: usize,
    /// One learning rate for every run, when set.
    pub shared_lr: Option<f64>,
}

/// A change to a lineup.
#[derive(Clone, Debug, PartialEq)]
pub enum RunCommand {
    /// Add an optimizer with its defaults.
    Add(&'static OptimizerInfo),
    /// Remove run i.
    Remove(usize),
    /// Copy run i (its settings and schedule) below it.
    Duplicate(usize),
    /// Show run i's settings.
    Select(usize),
    /// Switch run i on or off.
    SetEnabled(usize, bool),
    /// Colour of run i.
    SetColor(usize, [u8; 3]),
    /// Set a hyperparameter of run i.
    SetParam(usize, &'static str, Value),
    /// Set run i's label (empty: the optimizer's name).
    SetLabel(usize, String),
    /// Set run i's schedule.
    SetSchedule(usize, Schedule),
    /// One learning rate for all runs, or each its own.
    SetSharedLr(Option<f64>),
}

impl Lineup {
    /// A lineup of `specs`, coloured from the palette in order.
    pub fn of(specs: impl IntoIterator<Item = RunSpec>) -> Lineup {
        let runs = specs.into_iter().enumerate().map(|(i, spec)| RunEntry::new(spec, path_color(i))).collect();
        Lineup { runs, selected: 0, shared_lr: None }
    }

    /// The lineup of a scene's runs (colours from the palette where the file gives none).
    pub fn of_scene(runs: &[SceneRun]) -> Lineup {
        let runs = runs
            .iter()
            .enumerate()
            .map(|(i, run)| RunEntry {
                spec: RunSpec { optimizer: run.optimizer.clone(), schedule: run.schedule.clone() },
                color: run.color.unwrap_or(path_color(i)),
                enabled: run.enabled,
            })
            .collect();
        Lineup { runs, selected: 0, shared_lr: None }
    }

    /// The lineup as scene runs, colours included.
    pub fn scene_runs(&self) -> Vec<SceneRun> {
        self.runs
            .iter()
            .map(|run| SceneRun {
                optimizer: run.spec.optimizer.clone(),
                schedule: run.spec.schedule.clone(),
                color: Some(run.color),
                enabled: run.enabled,
            })
            .collect()
    }

    /// The enabled runs, in the order a simulation or training holds them.
    pub fn enabled(&self) -> impl Iterator<Item = &RunEntry> {
        self.runs.iter().filter(|run| run.enabled)
    }

    /// The specs of the enabled runs, with the shared learning rate applied.
    pub fn specs(&self) -> Vec<RunSpec> {
        self.enabled()
            .map(|run| {
                let mut spec = run.spec.clone();
                if let Some(lr) = self.shared_lr.and_then(LearningRate::new) {
                    spec.optimizer.set_lr(lr);
                }
                spec
            })
            .collect()
    }

    /// A fresh colour for a new run: the first palette colour not yet used.
    pub fn next_color(&self) -> [u8; 3] {
        PATH_PALETTE
            .iter()
            .copied()
            .find(|c| self.runs.iter().all(|run| run.color != *c))
            .unwrap_or(path_color(self.runs.len()))
    }
}

impl RunCommand {
    /// Applies the command. Indices past the end leave the lineup as it
    /// was; so do invalid values (which the widgets never offer), and the
    /// error says why.
    pub fn apply(self, lineup: &mut Lineup) -> Result<(), SpecError> {
        let last = |lineup: &Lineup| lineup.runs.len().saturating_sub(1);
        match self {
            RunCommand::Add(info) => {
                let color = lineup.next_color();
                let spec = RunSpec { optimizer: OptimizerConfig::with_defaults(info), schedule: Schedule::Constant };
                lineup.runs.push(RunEntry::new(spec, color));
                lineup.selected = last(lineup);
            }
            RunCommand::Remove(i) if i < lineup.runs.len() => {
                lineup.runs.remove(i);
                lineup.selected = lineup.selected.min(last(lineup));
            }
            RunCommand::Duplicate(i) if i < lineup.runs.len() => {
                let mut copy = lineup.runs[i].clone();
                copy.color = lineup.next_color();
                lineup.runs.insert(i + 1, copy);
                lineup.selected = i + 1;
            }
            RunCommand::Remove(_) | RunCommand::Duplicate(_) => {}
            RunCommand::Select(i) => lineup.selected = i.min(last(lineup)),
            RunCommand::SetEnabled(i, on) => with_run(lineup, i, |run| run.enabled = on),
            RunCommand::SetColor(i, color) => with_run(lineup, i, |run| run.color = color),
            RunCommand::SetParam(i, name, value) => {
                if let Some(run) = lineup.runs.get_mut(i) {
                    run.spec.optimizer.set(name, value)?;
                }
            }
            RunCommand::SetLabel(i, label) => {
                if let Some(run) = lineup.runs.get_mut(i) {
                    run.spec.optimizer.set_label((!label.trim().is_empty()).then_some(label))?;
                }
            }
            RunCommand::SetSchedule(i, schedule) => with_run(lineup, i, |run| run.spec.schedule = schedule),
            RunCommand::SetSharedLr(lr) => lineup.shared_lr = lr.filter(|v| v.is_finite() && *v > 0.0),
        }
        Ok(())
    }

    /// Whether the command changes what the runs compute (so they restart).
    pub fn changes_the_runs(&self) -> bool {
        !matches!(self, RunCommand::Select(_) | RunCommand::SetColor(..))
    }
}

fn with_run(lineup: &mut Lineup, i: usize, change: impl FnOnce(&mut RunEntry)) {
    if let Some(run) = lineup.runs.get_mut(i) {
        change(run);
    }
}
