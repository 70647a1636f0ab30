//! Matrix products over slices through faer, whose small-matrix kernels
//! pick their AVX/FMA code at run time: weights row-major as the flat
//! parameter vector holds them, activations feature-major. A transpose is
//! the same memory read the other way, so backpropagation copies nothing.

use faer::linalg::matmul::matmul;
use faer::{Accum, MatMut, MatRef, Par};

use super::inputs::InputFeatures;
use super::real::Real;

/// The row-major `rows × cols` matrix at the start of `data`.
pub(super) fn row_major<T>(data: &[T], rows: usize, cols: usize) -> MatRef<'_, T> {
    MatRef::from_row_major_slice(&data[..rows * cols], rows, cols)
}

/// The row-major `rows × cols` matrix at the start of `data`, its rows
/// `stride` apart (`stride > cols` leaves the columns between untouched).
pub(super) fn row_major_mut<T>(data: &mut [T], rows: usize, cols: usize, stride: usize) -> MatMut<'_, T> {
    // The transpose of a column-major view: faer 0.22's
    // `from_row_major_slice_with_stride_mut` swaps the two strides.
    MatMut::from_column_major_slice_with_stride_mut(data, cols, rows, stride).transpose_mut()
}

/// The `rows × cols` matrix at the start of `data`, stored one column after
/// another (a network's activations: each feature's values over the rows
/// side by side, which faer's kernels read and write fastest).
pub(super) fn feature_major<T>(data: &[T], rows: usize, cols: usize) -> MatRef<'_, T> {
    MatRef::from_column_major_slice(&data[..rows * cols], rows, cols)
}

/// [`feature_major`], writable.
pub(super) fn feature_major_mut<T>(data: &mut [T], rows: usize, cols: usize) -> MatMut<'_, T> {
    MatMut::from_column_major_slice_mut(&mut data[..rows * cols], rows, cols)
}

/// `c ← a·b`, on the calling thread.
///
/// # Panics
/// If the shapes do not fit.
pub(super) fn product<T: Real>(a: MatRef<'_, T>, b: MatRef<'_, T>, c: MatMut<'_, T>) {
    assert_eq!((a.ncols(), a.nrows(), b.ncols()), (b.nrows(), c.nrows(), c.ncols()), "shapes of a product");
    matmul(c, Accum::Replace, a, b, T::ONE, Par::Seq);
}

/// Rows of the gather's blocks: 16 values of a feature fill two cache lines.
const GATHER_BLOCK: usize = 16;

/// Copies `rows` of the row-major `features` (`dim` columns) into `out`
/// feature-major, as `T`: feature `f` of `rows[i]` goes to `out[f·n + i]`,
/// `n = rows.len()`. A block of rows at a time, so that the writes run
/// along each feature's column instead of landing `n` apart.
pub(super) fn gather_feature_major<T: Real>(features: &[f64], dim: usize, rows: &[usize], out: &mut [T]) {
    let n = rows.len();
    for (b, block) in rows.chunks(GATHER_BLOCK).enumerate() {
        let mut sources = [&features[..0]; GATHER_BLOCK];
        for (source, &row) in sources.iter_mut().zip(block) {
            *source = &features[row * dim..(row + 1) * dim];
        }
        let sources = &sources[..block.len()];
        for feature in 0..dim {
            let column = &mut out[feature * n + b * GATHER_BLOCK..][..block.len()];
            for (x, source) in column.iter_mut().zip(sources) {
                *x = T::from_f64(source[feature]);
            }
        }
    }
}

/// Writes `inputs` of the points at `rows` of `points` (x and y, row after
/// row) into `out` feature-major, as `T`: feature `f` of `rows[i]` goes to
/// `out[f·n + i]`, `n = rows.len()`.
pub(super) fn gather_inputs_feature_major<T: Real>(
    inputs: InputFeatures,
    points: &[f64],
    rows: &[usize],
    out: &mut [T],
) {
    let n = rows.len();
    for (feature, column) in inputs.iter().zip(out.chunks_exact_mut(n)) {
        for (value, &row) in column.iter_mut().zip(rows) {
            *value = T::from_f64(feature.value(points[2 * row], points[2 * row + 1]));
        }
    }
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
            product(a, b, row_major_mut(&mut c, 7, 4, 4));
            assert_eq!(c[..28], naive(a, b)[..]);
        }
        assert!(c[28].is_nan(), "writes only its m·n elements");
        let mut d = vec![0.0; 5 * 5];
        product(a.transpose(), a, row_major_mut(&mut d, 5, 5, 5));
        assert_eq!(d, naive(a.transpose(), a));
        assert_ne!(d[0], 0.0);
        // Rows 5 apart: the fifth column of each row is left as it was.
        let mut e = vec![f64::NAN; 7 * 5];
        product(a, b, row_major_mut(&mut e, 7, 4, 5));
        let written: Vec<f64> = e.chunks(5).flat_map(|row| row[..4].to_vec()).collect();
        assert_eq!(written, naive(a, b));
        assert!(e.chunks(5).all(|row| row[4].is_nan()));
    }

    #[test]
    fn a_gather_writes_each_chosen_row_down_the_columns() {
        let (n, dim) = (40, 3);
        let features: Vec<f64> = (0..n * dim).map(|i| i as f64).collect();
        let rows: Vec<usize> = (0..37).map(|i| (i * 7) % n).collect();
        let mut out = vec![f32::NAN; dim * rows.len() + 1];
        gather_feature_major(&features, dim, &rows, &mut out);
        for (i, &row) in rows.iter().enumerate() {
            for feature in 0..dim {
                assert_eq!(out[feature * rows.len() + i], (row * dim + feature) as f32);
            }
        }
        assert!(out[dim * rows.len()].is_nan(), "writes only its n·dim values");
    }

    #[test]
    fn computed_inputs_are_written_down_the_columns() {
        let points = [0.5, -2.0, 1.5, 3.0, -1.0, 0.25];
        let all: InputFeatures = "x+y+x2+y2+xy+sinx+siny".parse().unwrap();
        let rows = [2, 0];
        let mut out = vec![f64::NAN; 7 * rows.len() + 1];
        gather_inputs_feature_major(all, &points, &rows, &mut out);
        let expected = [
            [-1.0, 0.5],
            [0.25, -2.0],
            [1.0, 0.25],
            [0.0625, 4.0],
            [-0.25, -1.0],
            [(-1.0f64).sin(), 0.5f64.sin()],
            [0.25f64.sin(), (-2.0f64).sin()],
        ];
        assert_eq!(out[..14], expected.concat()[..]);
        assert!(out[14].is_nan(), "writes only its n·features values");
        let squares: InputFeatures = "y2+x2".parse().unwrap();
        let mut single = [0.0f32; 2];
        gather_inputs_feature_major(squares, &points, &[1], &mut single);
        assert_eq!(single, [2.25, 9.0], "x² then y², in f32");
    }
}
