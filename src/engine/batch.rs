//! Mini-batches of a data surface's rows (SPEC §9): each step's gradient is
//! the mean over `size` rows drawn without replacement from a seeded
//! shuffle, a new shuffle each pass through the data, the last batch of a
//! pass the rows left over.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

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

/// A run's supply of batches.
#[derive(Clone, Debug)]
pub struct BatchSampler {
    size: usize,
    rng: ChaCha8Rng,
    /// The current pass's order of the rows.
    order: Vec<u32>,
    /// How far through `order` the pass is.
    next: usize,
    /// The current batch, in ascending row order.
    batch: Vec<u32>,
}

impl BatchSampler {
    /// Batches of `batch` over `rows` rows (the size kept within 1..=rows).
    pub fn new(batch: MiniBatch, rows: usize) -> BatchSampler {
        let rows = u32::try_from(rows).unwrap_or(u32::MAX);
        let order: Vec<u32> = (0..rows).collect();
        // Its own stream, apart from the gradient noise's of the same seed.
        let mut rng = ChaCha8Rng::seed_from_u64(batch.seed);
        rng.set_stream(1);
        BatchSampler { size: batch.size.clamp(1, order.len().max(1)), rng, next: order.len(), order, batch: Vec::new() }
    }

    /// The next batch: row indices in ascending order, so that a batch of
    /// every row sums as the full data does, bit for bit.
    pub fn next_batch(&mut self) -> &[u32] {
        if self.next >= self.order.len() {
            self.order.shuffle(&mut self.rng);
            self.next = 0;
        }
        let end = (self.next + self.size).min(self.order.len());
        self.batch.clear();
        self.batch.extend_from_slice(&self.order[self.next..end]);
        self.batch.sort_unstable();
        self.next = end;
        &self.batch
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_pass_visits_every_row_once_with_a_short_last_batch() {
        let mut sampler = BatchSampler::new(MiniBatch { size: 4, seed: 7 }, 10);
        for _ in 0..3 {
            let mut seen: Vec<u32> = Vec::new();
            let sizes: Vec<usize> = (0..3)
                .map(|_| {
                    let batch = sampler.next_batch();
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
            (0..8).map(|_| sampler.next_batch().to_vec()).collect::<Vec<_>>()
        };
        assert_eq!(batches(1), batches(1));
        assert_ne!(batches(1), batches(2));
    }

    #[test]
    fn a_batch_of_every_row_is_every_row_in_order() {
        let mut sampler = BatchSampler::new(MiniBatch { size: 5, seed: 3 }, 5);
        for _ in 0..3 {
            assert_eq!(sampler.next_batch(), &[0, 1, 2, 3, 4]);
        }
    }
}
