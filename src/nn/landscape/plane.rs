//! The plane through weight space a landscape is drawn on: two directions
//! through the centre, either the paths' two principal directions (PCA of
//! the displacements, no mean-centring) or two seeded random directions
//! filter-normalised to the centre's scale (Li et al. 2018).

use faer::linalg::matmul::matmul;
use faer::{Accum, Mat, MatRef, Par, Side};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

use super::paths::Displacements;
use super::{LandscapeError, PlaneKind};
use crate::nn::Mlp;

/// The stream of the seeded generator that draws random directions, apart
/// from the stream of the same seed that draws the starting weights (the
/// directions would otherwise be the starting weights' own).
const RANDOM_PLANE_STREAM: u64 = 0x6c61_6e64;

/// Two directions through weight space, each as long as the parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct Plane {
    /// How the directions were chosen.
    pub kind: PlaneKind,
    /// The first direction (the α axis).
    pub d1: Vec<f64>,
    /// The second direction (the β axis).
    pub d2: Vec<f64>,
    /// For a PCA plane, each direction's share σ²/Σσ² of the paths' squared
    /// length; `None` for a random plane.
    pub explained: Option<[f64; 2]>,
}

impl Plane {
    /// The plane of `kind` for these displacements: PCA of them, or random
    /// directions from `seed` scaled to the centre's filters in `mlp`.
    pub fn new(kind: PlaneKind, displacements: &Displacements, mlp: &Mlp, seed: u64) -> Result<Plane, LandscapeError> {
        match kind {
            PlaneKind::Pca => Plane::pca(displacements),
            PlaneKind::Random => Ok(Plane::random(mlp, &displacements.center, seed)),
        }
    }

    /// The two leading right singular vectors of the matrix M whose rows are
    /// the displacements, each of unit length with its largest-magnitude
    /// component positive, and their shares σ²/Σσ².
    ///
    /// They are the leading eigenvectors of the Gram matrix on M's shorter
    /// side: MᵀM when there are fewer parameters than rows, else MMᵀ, whose
    /// eigenvectors u give v = Mᵀu/σ. The second is made orthogonal to the
    /// first once more after, so the plane is orthonormal to rounding even
    /// when σ₂ ≪ σ₁. Fails when the rows span fewer than two directions.
    pub fn pca(displacements: &Displacements) -> Result<Plane, LandscapeError> {
        let (rows, columns) = (displacements.row_count(), displacements.parameters());
        let m = MatRef::from_row_major_slice(displacements.matrix(), rows, columns);
        let total: f64 = displacements.matrix().iter().map(|x| x * x).sum();
        let wide = rows <= columns;
        let gram = if wide { gram(m) } else { gram(m.transpose()) };
        let n = gram.nrows();
        let eigen = gram.self_adjoint_eigen(Side::Lower).map_err(|_| LandscapeError::NoConvergence)?;
        let values = eigen.S().column_vector();
        let leading = |k: usize| {
            let vector = eigen.U().col(n - 1 - k);
            let direction = if wide {
                // Mᵀu: the rows weighted by u.
                let mut sum = vec![0.0; columns];
                for (row, u) in displacements.matrix().chunks_exact(columns).zip(vector.iter()) {
                    sum.iter_mut().zip(row).for_each(|(s, x)| *s += u * x);
                }
                sum
            } else {
                vector.iter().copied().collect()
            };
            (values[n - 1 - k].max(0.0), direction)
        };
        if n < 2 {
            return Err(LandscapeError::Flat);
        }
        let ((first, mut d1), (second, mut d2)) = (leading(0), leading(1));
        if second <= f64::EPSILON * n as f64 * first || !total.is_finite() {
            return Err(LandscapeError::Flat);
        }
        normalise(&mut d1);
        let overlap = dot(&d1, &d2);
        d2.iter_mut().zip(&d1).for_each(|(x, y)| *x -= overlap * y);
        normalise(&mut d2);
        Ok(Plane { kind: PlaneKind::Pca, d1, d2, explained: Some([first / total, second / total]) })
    }

    /// Two directions drawn from N(0, 1) with `seed`, each filter-normalised
    /// in `mlp`'s layout: every output unit's incoming weights scaled to the
    /// norm of the centre's, the biases zero.
    pub fn random(mlp: &Mlp, center: &[f64], seed: u64) -> Plane {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(RANDOM_PLANE_STREAM);
        let mut direction = || {
            let mut d: Vec<f64> = (0..center.len()).map(|_| rng.sample(StandardNormal)).collect();
            filter_normalise(mlp.sizes(), center, &mut d);
            d
        };
        let d1 = direction();
        let d2 = direction();
        Plane { kind: PlaneKind::Random, d1, d2, explained: None }
    }

    /// Writes the point `center + α·d1 + β·d2` into `point`.
    pub fn point(&self, center: &[f64], [alpha, beta]: [f64; 2], point: &mut [f64]) {
        for (((p, c), x), y) in point.iter_mut().zip(center).zip(&self.d1).zip(&self.d2) {
            *p = c + alpha * x + beta * y;
        }
    }
}

/// `a·aᵀ` for the rows of `a`.
fn gram(a: MatRef<'_, f64>) -> Mat<f64> {
    let mut g = Mat::zeros(a.nrows(), a.nrows());
    matmul(g.as_mut(), Accum::Replace, a, a.transpose(), 1.0, Par::Seq);
    g
}

/// Components whose magnitudes differ by less than this share are equally
/// large for the sign convention: a two-class softmax moves its two output
/// units' weights by exactly opposite amounts, so the largest magnitude is
/// often a tie that rounding alone would break.
const SIGN_TIE: f64 = 1e-9;

/// Scales `v` to unit length, its largest-magnitude component positive (of
/// components equally large to within [`SIGN_TIE`], the first).
fn normalise(v: &mut [f64]) {
    let norm = dot(v, v).sqrt();
    let largest = v.iter().fold(0.0, |m: f64, x| m.max(x.abs()));
    let first = v.iter().find(|x| x.abs() >= largest * (1.0 - SIGN_TIE)).copied().unwrap_or(0.0);
    let scale = if first < 0.0 { -1.0 / norm } else { 1.0 / norm };
    v.iter_mut().for_each(|x| *x *= scale);
}

/// The dot product of two vectors.
pub(super) fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Scales each output unit's incoming weights in `d` to the norm of the
/// same weights in `center`, and zeroes the biases; `sizes` are the layer
/// widths of the flat layout (per layer the weight `[in][out]`, then the bias).
fn filter_normalise(sizes: &[usize], center: &[f64], d: &mut [f64]) {
    let mut offset = 0;
    for pair in sizes.windows(2) {
        let (inputs, outputs) = (pair[0], pair[1]);
        let weights = offset..offset + inputs * outputs;
        for unit in 0..outputs {
            let incoming = || weights.clone().skip(unit).step_by(outputs);
            let norm = |v: &[f64]| incoming().map(|k| v[k] * v[k]).sum::<f64>().sqrt();
            let (target, own) = (norm(center), norm(d));
            let scale = if own > 0.0 { target / own } else { 0.0 };
            incoming().for_each(|k| d[k] *= scale);
        }
        d[weights.end..weights.end + outputs].fill(0.0);
        offset = weights.end + outputs;
    }
}
