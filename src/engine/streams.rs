//! The random streams behind stochastic gradients, one generator per seed
//! with a stream for each pass's shuffle and each step's noise, so that
//! the batch and the noise of any step follow from the seed and the step
//! alone: a scrubbed race shows what step k drew without replaying the
//! steps before it.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

/// The generator of pass `pass`'s shuffle of the rows (even streams).
pub fn pass_shuffle(seed: u64, pass: u64) -> ChaCha8Rng {
    stream(seed, pass.wrapping_mul(2))
}

/// The generator of step `step`'s gradient noise (odd streams).
pub fn step_noise(seed: u64, step: u64) -> ChaCha8Rng {
    stream(seed, step.wrapping_mul(2).wrapping_add(1))
}

/// The first `count` standard normals of step `step`'s noise generator: the
/// numbers the step's noise scales by σ and adds to the gradient
/// components it asks for, in order.
pub fn step_normals(seed: u64, step: u64, count: usize) -> Vec<f64> {
    let mut rng = step_noise(seed, step);
    (0..count).map(|_| rng.sample(StandardNormal)).collect()
}

fn stream(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffles_and_noise_never_share_a_stream() {
        let firsts = |rng: &mut ChaCha8Rng| -> u64 { rng.random() };
        let shuffles: Vec<u64> = (0..50).map(|p| firsts(&mut pass_shuffle(3, p))).collect();
        let noises: Vec<u64> = (0..50).map(|k| firsts(&mut step_noise(3, k))).collect();
        assert!(shuffles.iter().all(|s| !noises.contains(s)));
        assert_eq!(
            firsts(&mut step_noise(3, 7)),
            firsts(&mut step_noise(3, 7)),
            "a step's noise is a function of the seed and the step"
        );
        assert_ne!(firsts(&mut step_noise(3, 7)), firsts(&mut step_noise(4, 7)));
    }
}
