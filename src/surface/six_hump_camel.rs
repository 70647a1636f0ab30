//! The six-hump camel function, two global minima among six.

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::params::Kind;

/// `f(x, y) = (4 − 2.1x² + x⁴/3)·x² + xy + (−4 + 4y²)·y²`, global minima
/// f = −1.0316 at (±0.0898, ∓0.7126) and four local minima: which one an
/// optimizer finds depends on the start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SixHumpCamel;

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "six_hump_camel",
        summary: "(4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²: six minima, the lowest at (±0.0898, ∓0.7126)",
        params: &[],
    },
    family: SurfaceFamily::Valleys,
    build: |_| Ok(Box::new(SixHumpCamel)),
};

impl Surface for SixHumpCamel {
    fn value(&self, [x, y]: [f64; 2]) -> f64 {
        let (xx, yy) = (x * x, y * y);
        (4.0 - 2.1 * xx + x.powi(4) / 3.0) * xx + x * y + (-4.0 + 4.0 * yy) * yy
    }

    #[inline]
    fn gradient(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let (xx, yy) = (x * x, y * y);
        let camel = 4.0 - 2.1 * xx + x.powi(4) / 3.0;
        let camel_x = -2.1 * (2.0 * x) + 4.0 * x.powi(3) / 3.0;
        [camel_x * xx + camel * (2.0 * x) + y, x + 4.0 * (2.0 * y) * yy + (-4.0 + 4.0 * yy) * (2.0 * y)]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, [x, y]: [f64; 2]) -> [[f64; 2]; 2] {
        let xx = x * x;
        [[8.0 - 25.2 * xx + 10.0 * xx * xx, 1.0], [1.0, -8.0 + 48.0 * y * y]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-3.0, 3.0, -2.0, 2.0)
    }

    fn start(&self) -> [f64; 2] {
        [-1.5, 1.2]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        let low = [0.089_842_013_100_318_06, -0.712_656_403_020_739_6];
        vec![low, [-low[0], -low[1]]]
    }
}
