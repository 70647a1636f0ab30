//! Matyas' function, a flat and tilted valley.

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::params::Kind;

/// `f(x, y) = 0.26(x² + y²) − 0.48xy`, minimum f = 0 at (0, 0): a
/// quadratic with curvatures 0.04 and 1 along the diagonals, so the valley
/// along x = y is nearly flat.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Matyas;

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "matyas",
        summary: "0.26(x² + y²) − 0.48xy: a flat, tilted valley, minimum at (0, 0)",
        params: &[],
    },
    family: SurfaceFamily::BowlsAndSaddles,
    build: |_| Ok(Box::new(Matyas)),
};

impl Surface for Matyas {
    fn value(&self, [x, y]: [f64; 2]) -> f64 {
        0.26 * (x * x + y * y) - 0.48 * x * y
    }

    #[inline]
    fn gradient(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        [0.26 * (2.0 * x) - y * 0.48, 0.26 * (2.0 * y) - 0.48 * x]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, _: [f64; 2]) -> [[f64; 2]; 2] {
        [[0.52, -0.48], [-0.48, 0.52]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-10.0, 10.0, -10.0, 10.0)
    }

    fn start(&self) -> [f64; 2] {
        [8.0, -6.0]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[0.0, 0.0]]
    }
}
