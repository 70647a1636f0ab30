//! Rosenbrock's banana valley.

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::key::Key;
use crate::spec::params::{real, Bound, Kind, ParamSpec, Scale};

/// `f(x, y) = (a − x)² + b·(y − x²)²`, minimum f = 0 at (a, a²).
///
/// A narrow curved valley: easy to find, slow to follow.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rosenbrock {
    /// Position of the minimum along x.
    pub a: f64,
    /// Steepness of the valley walls.
    pub b: f64,
}

const PARAMS: &[ParamSpec] = &[
    real("a", 1.0, Bound::Unbounded, Bound::Unbounded, Scale::Linear, (-2.0, 2.0), "minimum at (a, a²)"),
    real("b", 100.0, Bound::Unbounded, Bound::Unbounded, Scale::Log, (1.0, 1000.0), "steepness of the valley walls"),
];
const A: Key<f64> = Key::real(PARAMS, "a");
const B: Key<f64> = Key::real(PARAMS, "b");

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "rosenbrock",
        summary: "(a−x)² + b(y−x²)²: a narrow curved valley, minimum at (a, a²)",
        params: PARAMS,
    },
    family: SurfaceFamily::Valleys,
    build: |s| Ok(Box::new(Rosenbrock { a: s.get(A), b: s.get(B) })),
};

impl Surface for Rosenbrock {
    fn value(&self, [x, y]: [f64; 2]) -> f64 {
        let (u, w) = (self.a - x, y - x * x);
        u * u + self.b * (w * w)
    }

    #[inline]
    fn gradient(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let w = y - x * x;
        // Rounded as the closed form is written, −2(a − x) − 4b·x·w: both
        // reference sets (torch's and optax's) follow it, down to the last
        // bit on the chaotic runs along the valley floor.
        [-2.0 * (self.a - x) - 4.0 * self.b * x * w, 2.0 * self.b * w]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, [x, y]: [f64; 2]) -> [[f64; 2]; 2] {
        let b = self.b;
        let xy = -4.0 * b * x;
        [[2.0 - 4.0 * b * y + 12.0 * b * x * x, xy], [xy, 2.0 * b]]
    }

    fn natural_window(&self) -> Window {
        let a = self.a;
        Window::new((a - 1.0).min(-2.0), (a + 1.0).max(2.0), -1.0, (a * a + 1.0).max(3.0))
    }

    fn start(&self) -> [f64; 2] {
        [-1.0, 1.0]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[self.a, self.a * self.a]]
    }
}
