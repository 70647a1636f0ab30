//! Each run's path as coordinates on the plane: dot products with the
//! orthonormal directions of a PCA plane, least-squares coordinates in the
//! (not orthogonal) basis of a random one.

use super::paths::Displacements;
use super::plane::{dot, Plane};
use super::PlaneKind;

/// One run's path on the plane.
#[derive(Clone, Debug, PartialEq)]
pub struct RunPath {
    /// The run's optimizer label.
    pub optimizer: String,
    /// `(α, β)` of its parameters after each epoch, epoch 0 first.
    pub points: Vec<[f64; 2]>,
}

impl Plane {
    /// The coordinates `(α, β)` of the displacement `x` (a vector `θ − c`):
    /// `(x·d1, x·d2)` on a PCA plane; on a random plane, the `(α, β)` that
    /// make `α·d1 + β·d2` closest to `x` (from the 2×2 normal equations).
    pub fn coordinates(&self, x: &[f64]) -> [f64; 2] {
        let (a, b) = (dot(&self.d1, x), dot(&self.d2, x));
        match self.kind {
            PlaneKind::Pca => [a, b],
            PlaneKind::Random => {
                let (g11, g12, g22) = (dot(&self.d1, &self.d1), dot(&self.d1, &self.d2), dot(&self.d2, &self.d2));
                let det = g11 * g22 - g12 * g12;
                [(g22 * a - g12 * b) / det, (g11 * b - g12 * a) / det]
            }
        }
    }
}

/// Every run's path on `plane`.
pub fn project(plane: &Plane, displacements: &Displacements) -> Vec<RunPath> {
    displacements
        .runs()
        .map(|(label, rows)| RunPath {
            optimizer: label.to_owned(),
            points: rows.map(|x| plane.coordinates(x)).collect(),
        })
        .collect()
}
