//! Matrix products over slices with any strides, so a row-major buffer and
//! its transpose are the same memory read two ways: `C = A·B` through
//! matrixmultiply's `dgemm`, which picks its AVX/FMA kernel at run time.

/// A read-only `rows × cols` matrix over a slice: element (i, j) sits at
/// `i·row_stride + j·col_stride`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Matrix<'a> {
    data: &'a [f64],
    rows: usize,
    cols: usize,
    row_stride: usize,
    col_stride: usize,
}

impl<'a> Matrix<'a> {
    /// The row-major `rows × cols` matrix at the start of `data`.
    pub(super) fn row_major(data: &'a [f64], rows: usize, cols: usize) -> Matrix<'a> {
        Matrix { data: &data[..rows * cols], rows, cols, row_stride: cols, col_stride: 1 }
    }

    /// The transpose, over the same memory.
    pub(super) fn t(self) -> Matrix<'a> {
        Matrix { rows: self.cols, cols: self.rows, row_stride: self.col_stride, col_stride: self.row_stride, ..self }
    }
}

/// `c ← a·b`, with `c` the row-major `a.rows × b.cols` matrix at the start of `c`.
///
/// # Panics
/// If the inner dimensions differ or `c` is too short.
pub(super) fn product(a: Matrix<'_>, b: Matrix<'_>, c: &mut [f64]) {
    assert_eq!(a.cols, b.rows, "inner dimensions of a product");
    let (m, k, n) = (a.rows, a.cols, b.cols);
    let c = &mut c[..m * n];
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        c.fill(0.0);
        return;
    }
    let stride = |s: usize| isize::try_from(s).unwrap_or_else(|_| unreachable!("a slice holds under isize::MAX elements"));
    // SAFETY: the constructors keep every element (i, j) of `a` and `b`
    // inside their slices ((rows − 1)·row_stride + (cols − 1)·col_stride is
    // below the length), `c` holds m·n elements, and `c` is borrowed mutably
    // so it overlaps neither operand.
    unsafe {
        matrixmultiply::dgemm(
            m,
            k,
            n,
            1.0,
            a.data.as_ptr(),
            stride(a.row_stride),
            stride(a.col_stride),
            b.data.as_ptr(),
            stride(b.row_stride),
            stride(b.col_stride),
            0.0,
            c.as_mut_ptr(),
            stride(n),
            1,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The product by the definition, one sum per element.
    fn naive(a: Matrix<'_>, b: Matrix<'_>) -> Vec<f64> {
        let at = |m: Matrix<'_>, i: usize, j: usize| m.data[i * m.row_stride + j * m.col_stride];
        (0..a.rows)
            .flat_map(|i| (0..b.cols).map(move |j| (i, j)))
            .map(|(i, j)| (0..a.cols).map(|l| at(a, i, l) * at(b, l, j)).sum())
            .collect()
    }

    #[test]
    fn products_of_transposed_views_match_the_definition() {
        // Small integers: every sum is exact in any order.
        let x: Vec<f64> = (0..35).map(|i| f64::from((i * 7) % 11) - 5.0).collect();
        let y: Vec<f64> = (0..20).map(|i| f64::from((i * 3) % 7) - 3.0).collect();
        let a = Matrix::row_major(&x, 7, 5);
        let b = Matrix::row_major(&y, 5, 4);
        let mut c = vec![f64::NAN; 7 * 4 + 1];
        for (a, b) in [(a, b), (a.t().t(), Matrix::row_major(&y, 4, 5).t())] {
            product(a, b, &mut c);
            assert_eq!(c[..28], naive(a, b)[..]);
        }
        assert!(c[28].is_nan(), "writes only its m·n elements");
        let mut d = vec![0.0; 5 * 5];
        product(a.t(), a, &mut d);
        assert_eq!(d, naive(a.t(), a));
        assert_ne!(d[0], 0.0);
    }
}
