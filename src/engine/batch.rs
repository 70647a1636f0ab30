//! Mini-batches of a data surface's rows (SPEC §9): each step's gradient is
//! the mean over `size` rows drawn without replacement from a seeded
//! shuffle, a new shuffle each pass through the data, the last batch of a
//! pass the rows left over.

use rand::seq::SliceRandom;

use super::streams;
use crate::surface::Surface;

/// Mini-batch gradients: how many rows each step sees, and the seed of the
/// shuffles (every run shuffles alike, so all see the same batches).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MiniBatch {
    /// Rows per batch, 1 to the data's rows.
    pub size: usize,
    /// Seed of the shuffles.
    pub seed: u64,
}

/// Why a batch size does not fit a surface.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BatchError {
    /// The surface is a function of x and y, with no rows to draw.
    #[error("a batch size needs a data surface (linreg or logreg); this surface has no data rows")]
    NoData,
    /// Zero rows, or more rows than the data has.
    #[error("batch size {size} must be from 1 to the data's {rows} rows")]
    OutOfRange {
        /// The size asked for.
        size: usize,
        /// Rows the data has.
        rows: usize,
    },
}

impl MiniBatch {
    /// Checks that the batches fit the rows of `surface`.
    pub fn check(&self, surface: &dyn Surface) -> Result<(), BatchError> {
        let rows = surface.data().ok_or(BatchError::NoData)?.rows();
        if (1..=rows).contains(&self.size) {
            Ok(())
        } else {
            Err(BatchError::OutOfRange { size: self.size, rows })
        }
    }

    /// Whether each batch holds every one of `rows` rows: full-batch
    /// gradient descent.
    pub fn is_full(&self, rows: usize) -> bool {
        self.size >= rows
    }
}

/// A run's supply of batches: step k's batch follows from the seed and k
/// alone (pass k / batches-per-pass, shuffled by its own stream), so any
/// step's batch can be drawn again without replaying the steps before it.
#[derive(Clone, Debug)]
pub struct BatchSampler {
    size: usize,
    seed: u64,
    /// The order of the rows in pass `pass`.
    order: Vec<u32>,
    pass: Option<u64>,
    /// The current batch, in ascending row order.
    batch: Vec<u32>,
}

impl BatchSampler {
    /// Batches of `batch` over `rows` rows (the size kept within 1..=rows).
    pub fn new(batch: MiniBatch, rows: usize) -> BatchSampler {
        let rows = u32::try_from(rows).unwrap_or(u32::MAX);
        let order: Vec<u32> = (0..rows).collect();
        let size = batch.size.clamp(1, order.len().max(1));
        BatchSampler { size, seed: batch.seed, order, pass: None, batch: Vec::new() }
    }

    /// The batch of step `step` (counting from 0): row indices in ascending
    /// order, so that a batch of every row sums as the full data does, bit
    /// for bit.
    pub fn batch(&mut self, step: u64) -> &[u32] {
        let rows = self.order.len();
        let per_pass = rows.div_ceil(self.size).max(1) as u64;
        let pass = step / per_pass;
        if self.pass != Some(pass) {
            self.order.iter_mut().zip(0..).for_each(|(row, i)| *row = i);
            self.order.shuffle(&mut streams::pass_shuffle(self.seed, pass));
            self.pass = Some(pass);
        }
        let first = usize::try_from(step % per_pass).unwrap_or(0) * self.size;
        let end = (first + self.size).min(rows);
        self.batch.clear();
        self.batch.extend_from_slice(&self.order[first.min(end)..end]);
        self.batch.sort_unstable();
        &self.batch
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pass_visits_every_row_once_with_a_short_last_batch() {
        let mut sampler = BatchSampler::new(MiniBatch { size: 4, seed: 7 }, 10);
        let mut step = 0..;
        for _ in 0..3 {
            let mut seen: Vec<u32> = Vec::new();
            let sizes: Vec<usize> = (0..3)
                .map(|_| {
                    let batch = sampler.batch(step.next().unwrap());
                    assert!(batch.windows(2).all(|w| w[0] < w[1]), "{batch:?} is not in order");
                    seen.extend_from_slice(batch);
                    batch.len()
                })
                .collect();
            assert_eq!(sizes, [4, 4, 2]);
            seen.sort_unstable();
            assert_eq!(seen, (0..10).collect::<Vec<u32>>());
        }
    }

    #[test]
    fn the_seed_decides_the_batches() {
        let batches = |seed| {
            let mut sampler = BatchSampler::new(MiniBatch { size: 3, seed }, 12);
            (0..8).map(|step| sampler.batch(step).to_vec()).collect::<Vec<_>>()
        };
        assert_eq!(batches(1), batches(1));
        assert_ne!(batches(1), batches(2));
    }

    #[test]
    fn any_step_is_drawn_again_alike_in_any_order() {
        let mut forward = BatchSampler::new(MiniBatch { size: 3, seed: 5 }, 11);
        let in_order: Vec<Vec<u32>> = (0..40).map(|step| forward.batch(step).to_vec()).collect();
        let mut backward = BatchSampler::new(MiniBatch { size: 3, seed: 5 }, 11);
        for step in (0..40).rev() {
            assert_eq!(backward.batch(step), in_order[step as usize], "step {step}");
        }
        assert_ne!(in_order[0..4], in_order[4..8], "each pass has its own shuffle");
    }

    #[test]
    fn a_batch_of_every_row_is_every_row_in_order() {
        let mut sampler = BatchSampler::new(MiniBatch { size: 5, seed: 3 }, 5);
        for step in 0..3 {
            assert_eq!(sampler.batch(step), &[0, 1, 2, 3, 4]);
        }
    }
}
