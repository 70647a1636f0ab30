//! Booth's function, a tilted quadratic.

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::params::Kind;

/// `f(x, y) = (x + 2y − 7)² + (2x + y − 5)²`, minimum f = 0 at (1, 3): a
/// quadratic bowl whose axes are turned 45° and whose condition number is 9.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Booth;

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "booth",
        summary: "(x + 2y − 7)² + (2x + y − 5)²: a tilted quadratic, minimum at (1, 3)",
        params: &[],
    },
    family: SurfaceFamily::BowlsAndSaddles,
    build: |_| Ok(Box::new(Booth)),
};

impl Surface for Booth {
    fn value(&self, [x, y]: [f64; 2]) -> f64 {
        let (u, v) = (x + 2.0 * y - 7.0, 2.0 * x + y - 5.0);
        u * u + v * v
    }

    #[inline]
    fn gradient(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let (u, v) = (x + 2.0 * y - 7.0, 2.0 * x + y - 5.0);
        [2.0 * u + 2.0 * v * 2.0, 2.0 * u * 2.0 + 2.0 * v]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, _: [f64; 2]) -> [[f64; 2]; 2] {
        [[10.0, 8.0], [8.0, 10.0]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-10.0, 10.0, -10.0, 10.0)
    }

    fn start(&self) -> [f64; 2] {
        [-6.0, -8.0]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[1.0, 3.0]]
    }
}
