//! The three-hump camel function, one global minimum between two local ones.

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::params::Kind;

/// `f(x, y) = 2x² − 1.05x⁴ + x⁶/6 + xy + y²`, minimum f = 0 at (0, 0),
/// with a local minimum on either side of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ThreeHumpCamel;

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "three_hump_camel",
        summary: "2x² − 1.05x⁴ + x⁶/6 + xy + y²: two local minima beside the global one at (0, 0)",
        params: &[],
    },
    family: SurfaceFamily::Valleys,
    build: |_| Ok(Box::new(ThreeHumpCamel)),
};

impl Surface for ThreeHumpCamel {
    fn value(&self, [x, y]: [f64; 2]) -> f64 {
        2.0 * (x * x) - 1.05 * x.powi(4) + x.powi(6) / 6.0 + x * y + y * y
    }

    #[inline]
    fn gradient(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        [2.0 * (2.0 * x) - 1.05 * (4.0 * x.powi(3)) + x.powi(5) + y, x + 2.0 * y]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, [x, _]: [f64; 2]) -> [[f64; 2]; 2] {
        let xx = x * x;
        [[4.0 - 12.6 * xx + 5.0 * xx * xx, 1.0], [1.0, 2.0]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-5.0, 5.0, -5.0, 5.0)
    }

    fn start(&self) -> [f64; 2] {
        [-2.0, 1.5]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[0.0, 0.0]]
    }
}
