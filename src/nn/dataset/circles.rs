//! Two concentric circles, the classic data set a line cannot split.

use super::{count, two_class, Dataset, DatasetInfo, POINTS, TEST_SHARE};
use crate::spec::key::Key;
use crate::spec::params::{non_negative, Kind, ParamSpec, Scale};

const PARAMS: &[ParamSpec] = &[
    POINTS,
    non_negative("noise", 0.03, Scale::Linear, (0.0, 0.3), "std of Gaussian noise per coordinate"),
    TEST_SHARE,
];
const N: Key<u64> = Key::integer(PARAMS, "n");
const NOISE: Key<f64> = Key::real(PARAMS, "noise");

/// Generated from the seed.
pub(super) static INFO: DatasetInfo = DatasetInfo::generated(
    Kind { name: "circles", summary: "two concentric circles (radius 1 and 0.5), seeded by --seed", params: PARAMS },
    |s, seed| circles(count(s.get(N)), s.get(NOISE), seed),
);

/// Two concentric circles (outer radius 1: class 0, inner radius 0.5:
/// class 1) of `n` points, with Gaussian noise of standard deviation `noise`
/// (as scikit-learn's `make_circles(factor=0.5)`).
pub fn circles(n: usize, noise: f64, seed: u64) -> Dataset {
    let outer = n / 2;
    let ring = |count: usize, radius: f64| {
        (0..count).map(move |i| {
            let angle = std::f64::consts::TAU * i as f64 / count as f64;
            [radius * angle.cos(), radius * angle.sin()]
        })
    };
    let points = ring(outer, 1.0).chain(ring(n - outer, 0.5));
    two_class(points, outer, n, noise, seed)
}
