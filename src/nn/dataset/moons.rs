//! Two interleaving half circles.

use super::{count, two_class, Dataset, DatasetInfo, POINTS, TEST_SHARE};
use crate::spec::key::Key;
use crate::spec::params::{non_negative, Kind, ParamSpec, Scale};

const PARAMS: &[ParamSpec] = &[
    POINTS,
    non_negative("noise", 0.1, Scale::Linear, (0.0, 0.5), "std of Gaussian noise per coordinate"),
    TEST_SHARE,
];
const N: Key<u64> = Key::integer(PARAMS, "n");
const NOISE: Key<f64> = Key::real(PARAMS, "noise");

/// Generated from the seed.
pub(super) static INFO: DatasetInfo = DatasetInfo::generated(
    Kind { name: "moons", summary: "two interleaving half circles, seeded by --seed", params: PARAMS },
    |s, seed| moons(count(s.get(N)), s.get(NOISE), seed),
);

/// Two interleaving half circles of `n` points (class 0 the upper moon,
/// class 1 the lower), with Gaussian noise of standard deviation `noise`
/// (as scikit-learn's `make_moons`).
pub fn moons(n: usize, noise: f64, seed: u64) -> Dataset {
    let outer = n / 2;
    let inner = n - outer;
    let angle = |i: usize, count: usize| std::f64::consts::PI * i as f64 / count.saturating_sub(1).max(1) as f64;
    let upper = (0..outer).map(|i| [angle(i, outer).cos(), angle(i, outer).sin()]);
    let lower = (0..inner).map(|i| [1.0 - angle(i, inner).cos(), 0.5 - angle(i, inner).sin()]);
    two_class(upper.chain(lower), outer, n, noise, seed)
}
