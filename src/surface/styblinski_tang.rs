//! The Styblinski–Tang function, four basins of different depths.

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::params::Kind;

/// `f(x, y) = ½[(x⁴ − 16x² + 5x) + (y⁴ − 16y² + 5y)]`, minimum
/// f = −78.33234 at (−2.903534, −2.903534), and three local minima where
/// either coordinate sits in the shallower well near 2.75.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StyblinskiTang;

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "styblinski_tang",
        summary: "½[(x⁴ − 16x² + 5x) + (y⁴ − 16y² + 5y)]: four basins, the deepest at (−2.9035, −2.9035)",
        params: &[],
    },
    family: SurfaceFamily::Benchmark,
    build: |_| Ok(Box::new(StyblinskiTang)),
};

/// The coordinate of the deepest well: the root of 4t³ − 32t + 5 near −2.9.
const DEEPEST: f64 = -2.903_534_027_771_177;

/// The coordinate t's term t⁴ − 16t² + 5t.
fn well(t: f64) -> f64 {
    t.powi(4) - 16.0 * (t * t) + 5.0 * t
}

/// ∂f/∂t: half the term's derivative.
#[inline]
fn slope(t: f64) -> f64 {
    0.5 * (4.0 * t.powi(3) - 16.0 * (2.0 * t) + 5.0)
}

impl Surface for StyblinskiTang {
    fn value(&self, [x, y]: [f64; 2]) -> f64 {
        0.5 * (well(x) + well(y))
    }

    #[inline]
    fn gradient(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        [slope(x), slope(y)]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, [x, y]: [f64; 2]) -> [[f64; 2]; 2] {
        [[6.0 * x * x - 16.0, 0.0], [0.0, 6.0 * y * y - 16.0]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-5.0, 5.0, -5.0, 5.0)
    }

    fn start(&self) -> [f64; 2] {
        [0.5, -0.5]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[DEEPEST, DEEPEST]]
    }
}
