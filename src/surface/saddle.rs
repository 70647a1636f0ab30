//! The saddle, where the gradient vanishes but nothing is minimal.

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::key::Key;
use crate::spec::params::{real, Bound, Kind, ParamSpec, Scale};

/// `f(x, y) = a·x² − b·y²`: a saddle point at the origin, unbounded below
/// along y. Starting near y = 0 shows how slowly each optimizer escapes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Saddle {
    /// Upward curvature along x.
    pub a: f64,
    /// Downward curvature along y.
    pub b: f64,
}

const PARAMS: &[ParamSpec] = &[
    real("a", 1.0, Bound::Unbounded, Bound::Unbounded, Scale::Linear, (0.0, 5.0), "upward curvature along x"),
    real("b", 1.0, Bound::Unbounded, Bound::Unbounded, Scale::Linear, (0.0, 5.0), "downward curvature along y"),
];
const A: Key<f64> = Key::real(PARAMS, "a");
const B: Key<f64> = Key::real(PARAMS, "b");

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind { name: "saddle", summary: "a·x² − b·y²: a saddle point at (0, 0), no minimum", params: PARAMS },
    family: SurfaceFamily::BowlsAndSaddles,
    build: |s| Ok(Box::new(Saddle { a: s.get(A), b: s.get(B) })),
};

impl Surface for Saddle {
    fn value(&self, [x, y]: [f64; 2]) -> f64 {
        self.a * x * x - self.b * y * y
    }

    #[inline]
    fn gradient(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        [2.0 * self.a * x, -2.0 * self.b * y]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, _: [f64; 2]) -> [[f64; 2]; 2] {
        [[2.0 * self.a, 0.0], [0.0, -2.0 * self.b]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-2.0, 2.0, -2.0, 2.0)
    }

    fn start(&self) -> [f64; 2] {
        [1.5, 0.001]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        Vec::new()
    }

    fn saddle_points(&self) -> Vec<[f64; 2]> {
        vec![[0.0, 0.0]]
    }
}
