//! Matrix products over row-major slices through faer, whose small-matrix
//! kernels pick their AVX/FMA code at run time. A transpose is the same
//! memory read the other way, so backpropagation copies nothing.

use faer::linalg::matmul::matmul;
use faer::{Accum, MatMut, MatRef, Par};

/// The row-major `rows × cols` matrix at the start of `data`.
pub(super) fn row_major(data: &[f64], rows: usize, cols: usize) -> MatRef<'_, f64> {
    MatRef::from_row_major_slice(&data[..rows * cols], rows, cols)
}

/// `c ← a·b`, with `c` the row-major `a.nrows() × b.ncols()` matrix at the
/// start of `c`, on the calling thread.
///
/// # Panics
/// If the inner dimensions differ or `c` is too short.
pub(super) fn product(a: MatRef<'_, f64>, b: MatRef<'_, f64>, c: &mut [f64]) {
    assert_eq!(a.ncols(), b.nrows(), "inner dimensions of a product");
    let (m, n) = (a.nrows(), b.ncols());
    let c = MatMut::from_row_major_slice_mut(&mut c[..m * n], m, n);
    matmul(c, Accum::Replace, a, b, 1.0, Par::Seq);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The product by the definition, one sum per element.
    fn naive(a: MatRef<'_, f64>, b: MatRef<'_, f64>) -> Vec<f64> {
        (0..a.nrows())
            .flat_map(|i| (0..b.ncols()).map(move |j| (i, j)))
            .map(|(i, j)| (0..a.ncols()).map(|l| a[(i, l)] * b[(l, j)]).sum())
            .collect()
    }

    #[test]
    fn products_of_transposed_views_match_the_definition() {
        // Small integers: every sum is exact in any order.
        let x: Vec<f64> = (0..35).map(|i| f64::from((i * 7) % 11) - 5.0).collect();
        let y: Vec<f64> = (0..20).map(|i| f64::from((i * 3) % 7) - 3.0).collect();
        let a = row_major(&x, 7, 5);
        let b = row_major(&y, 5, 4);
        let mut c = vec![f64::NAN; 7 * 4 + 1];
        for (a, b) in [(a, b), (a.transpose().transpose(), row_major(&y, 4, 5).transpose())] {
            product(a, b, &mut c);
            assert_eq!(c[..28], naive(a, b)[..]);
        }
        assert!(c[28].is_nan(), "writes only its m·n elements");
        let mut d = vec![0.0; 5 * 5];
        product(a.transpose(), a, &mut d);
        assert_eq!(d, naive(a.transpose(), a));
        assert_ne!(d[0], 0.0);
    }
}
