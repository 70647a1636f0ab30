//! Every epoch's parameters of every run of a training: what a landscape's
//! plane is fitted to and what its paths are projected from. Recorded
//! apart from the training's own history (which keeps only losses), and
//! only when a landscape asks for it, since it holds runs × epochs ×
//! parameters numbers.

use super::LandscapeError;
use crate::nn::train::Training;
use crate::util::memory;

/// The most numbers a recording may hold: runs × (epochs + 1) × parameters
/// (1.6 GB of f64).
pub const MAX_RECORDED: u64 = 200_000_000;

/// The parameter vectors of every run after every epoch `0..=epochs`, in
/// the flat layout of [`crate::nn::Mlp`].
#[derive(Clone, Debug, PartialEq)]
pub struct ParamPaths {
    parameters: usize,
    epochs: usize,
    labels: Vec<String>,
    /// Run after run, epoch after epoch, one parameter vector each.
    values: Vec<f64>,
}

impl ParamPaths {
    /// Refuses a recording of `runs` runs of `epochs` epochs of `parameters`
    /// parameters that would hold more than [`MAX_RECORDED`] numbers or
    /// more memory than the machine can give.
    pub fn check_size(runs: usize, epochs: usize, parameters: usize) -> Result<(), LandscapeError> {
        let points = epochs.saturating_add(1);
        let numbers = (runs as u64).saturating_mul(points as u64).saturating_mul(parameters as u64);
        if numbers > MAX_RECORDED {
            return Err(LandscapeError::TooLarge { runs, points, parameters, numbers });
        }
        memory::check(numbers.saturating_mul(8), || {
            format!("recording the parameters of {runs} run(s) over {points} epochs")
        })?;
        Ok(())
    }

    /// Takes `training` back to its start and trains it for `epochs`
    /// epochs, recording every run's parameters after each. `proceed` is
    /// asked before every epoch (false cancels). Fails when a run diverges,
    /// naming it and the epoch: its path would stop short of the others.
    pub fn record(
        training: &mut Training,
        epochs: usize,
        proceed: &(dyn Fn() -> bool + Sync),
    ) -> Result<ParamPaths, LandscapeError> {
        let parameters = training.problem().mlp.parameter_count();
        let runs = training.runs().len();
        ParamPaths::check_size(runs, epochs, parameters)?;
        training.reset();
        let labels = training.runs().iter().map(|run| run.spec().optimizer.label().to_owned()).collect();
        let mut paths = ParamPaths { parameters, epochs, labels, values: vec![0.0; runs * (epochs + 1) * parameters] };
        for epoch in 0..=epochs {
            if epoch > 0 {
                if !proceed() {
                    return Err(LandscapeError::Cancelled);
                }
                training.advance(1);
            }
            for (run, lane) in training.runs().iter().enumerate() {
                if let Some((at, cause)) = lane.diverged() {
                    let optimizer = lane.spec().optimizer.label().to_owned();
                    return Err(LandscapeError::Diverged { optimizer, run, epoch: at, cause: cause.to_string() });
                }
                paths.point_mut(run, epoch).copy_from_slice(lane.params());
            }
        }
        Ok(paths)
    }

    /// Paths given as `labels` and their runs' parameters, run after run
    /// and epoch after epoch (for tests and other sources of paths).
    ///
    /// # Panics
    /// If `values` does not hold `labels.len() × (epochs + 1)` vectors of `parameters`.
    pub fn from_values(labels: Vec<String>, epochs: usize, parameters: usize, values: Vec<f64>) -> ParamPaths {
        assert_eq!(values.len(), labels.len() * (epochs + 1) * parameters, "shape of the recorded paths");
        ParamPaths { parameters, epochs, labels, values }
    }

    /// Length of each parameter vector.
    pub fn parameters(&self) -> usize {
        self.parameters
    }

    /// Epochs recorded after the start.
    pub fn epochs(&self) -> usize {
        self.epochs
    }

    /// The runs' optimizer labels, in order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Run `run`'s parameters after `epoch` epochs.
    pub fn point(&self, run: usize, epoch: usize) -> &[f64] {
        let start = (run * (self.epochs + 1) + epoch) * self.parameters;
        &self.values[start..start + self.parameters]
    }

    /// [`ParamPaths::point`], writable.
    fn point_mut(&mut self, run: usize, epoch: usize) -> &mut [f64] {
        let start = (run * (self.epochs + 1) + epoch) * self.parameters;
        &mut self.values[start..start + self.parameters]
    }

    /// The displacements `θ − c` of every recorded vector from the centre
    /// `c`, the first run's last parameters, computed in place.
    pub fn into_displacements(self) -> Displacements {
        let ParamPaths { parameters, epochs, labels, mut values } = self;
        let center = values[epochs * parameters..(epochs + 1) * parameters].to_vec();
        for row in values.chunks_exact_mut(parameters.max(1)) {
            row.iter_mut().zip(&center).for_each(|(x, c)| *x -= c);
        }
        Displacements { center, epochs, labels, rows: values }
    }
}

/// Recorded paths as displacements from a centre: the rows `θ_k − c` of the
/// matrix M that a PCA plane decomposes.
#[derive(Clone, Debug, PartialEq)]
pub struct Displacements {
    /// The centre c: the first run's final parameters.
    pub center: Vec<f64>,
    epochs: usize,
    labels: Vec<String>,
    rows: Vec<f64>,
}

impl Displacements {
    /// Length of each vector.
    pub fn parameters(&self) -> usize {
        self.center.len()
    }

    /// Every row `θ − c`, run after run and epoch after epoch, as one
    /// row-major matrix of [`Displacements::row_count`] rows.
    pub fn matrix(&self) -> &[f64] {
        &self.rows
    }

    /// Rows of the matrix: runs × (epochs + 1).
    pub fn row_count(&self) -> usize {
        self.labels.len() * (self.epochs + 1)
    }

    /// Each run's label with its rows, epoch 0 first.
    pub fn runs(&self) -> impl Iterator<Item = (&str, std::slice::ChunksExact<'_, f64>)> {
        let per_run = (self.epochs + 1) * self.parameters();
        let runs = self.rows.chunks(per_run.max(1));
        self.labels.iter().zip(runs).map(|(label, run)| (label.as_str(), run.chunks_exact(self.parameters().max(1))))
    }
}
