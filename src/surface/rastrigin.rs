//! Rastrigin's function, a bowl under a regular grid of ripples.

use std::f64::consts::TAU;

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::key::Key;
use crate::spec::params::{real, Bound, Kind, ParamSpec, Scale};

/// `f(x, y) = 2a + (x² − a·cos 2πx) + (y² − a·cos 2πy)`, global minimum
/// f = 0 at (0, 0), and a local minimum near every other point of the
/// integer grid: the ripples trap plain gradient descent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rastrigin {
    /// Height of the ripples (a > 0).
    pub a: f64,
}

const PARAMS: &[ParamSpec] =
    &[real("a", 10.0, Bound::Exclusive(0.0), Bound::Unbounded, Scale::Log, (1.0, 100.0), "height of the ripples")];
const A: Key<f64> = Key::real(PARAMS, "a");

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "rastrigin",
        summary: "2a + (x² − a·cos 2πx) + (y² − a·cos 2πy): a grid of local minima, global minimum at (0, 0)",
        params: PARAMS,
    },
    family: SurfaceFamily::ManyMinima,
    build: |s| Ok(Box::new(Rastrigin { a: s.get(A) })),
};

impl Rastrigin {
    /// ∂f/∂t of the coordinate t's term t² − a·cos 2πt.
    #[inline]
    fn slope(&self, t: f64) -> f64 {
        2.0 * t + self.a * (TAU * t).sin() * TAU
    }

    /// ∂²f/∂t² of the coordinate t's term.
    fn curvature(&self, t: f64) -> f64 {
        2.0 + self.a * TAU * TAU * (TAU * t).cos()
    }
}

impl Surface for Rastrigin {
    fn value(&self, [x, y]: [f64; 2]) -> f64 {
        let a = self.a;
        2.0 * a + (x * x - a * (TAU * x).cos()) + (y * y - a * (TAU * y).cos())
    }

    #[inline]
    fn gradient(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        [self.slope(x), self.slope(y)]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, [x, y]: [f64; 2]) -> [[f64; 2]; 2] {
        [[self.curvature(x), 0.0], [0.0, self.curvature(y)]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-5.12, 5.12, -5.12, 5.12)
    }

    fn start(&self) -> [f64; 2] {
        [2.3, -1.7]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[0.0, 0.0]]
    }
}
