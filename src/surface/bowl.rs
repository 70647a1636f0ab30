//! The quadratic bowl, the model of every smooth minimum.

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::key::Key;
use crate::spec::params::{real, Bound, Kind, ParamSpec, Scale};

/// `f = ½(u² + κ·v²)` with `(u, v)` the point rotated by `angle` degrees;
/// minimum f = 0 at the origin. κ is the condition number: the larger, the
/// narrower the valley and the more plain gradient descent zig-zags.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bowl {
    /// Condition number κ (curvature ratio of the two axes).
    pub kappa: f64,
    cos: f64,
    sin: f64,
}

impl Bowl {
    /// A bowl with condition number `kappa`, its axes turned by `angle_degrees`.
    pub fn new(kappa: f64, angle_degrees: f64) -> Bowl {
        let angle = angle_degrees.to_radians();
        Bowl { kappa, cos: angle.cos(), sin: angle.sin() }
    }

    fn rotated(&self, [x, y]: [f64; 2]) -> (f64, f64) {
        (self.cos * x + self.sin * y, -self.sin * x + self.cos * y)
    }
}

const PARAMS: &[ParamSpec] = &[
    real(
        "kappa",
        10.0,
        Bound::Exclusive(0.0),
        Bound::Unbounded,
        Scale::Log,
        (1.0, 1000.0),
        "condition number: curvature ratio of the two axes",
    ),
    real(
        "angle",
        0.0,
        Bound::Unbounded,
        Bound::Unbounded,
        Scale::Linear,
        (-90.0, 90.0),
        "rotation of the axes in degrees",
    ),
];
const KAPPA: Key<f64> = Key::real(PARAMS, "kappa");
const ANGLE: Key<f64> = Key::real(PARAMS, "angle");

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "bowl",
        summary: "½(u² + κv²), axes turned by angle: an ill-conditioned quadratic, minimum at (0, 0)",
        params: PARAMS,
    },
    family: SurfaceFamily::BowlsAndSaddles,
    build: |s| Ok(Box::new(Bowl::new(s.get(KAPPA), s.get(ANGLE)))),
};

impl Surface for Bowl {
    fn value(&self, p: [f64; 2]) -> f64 {
        let (u, v) = self.rotated(p);
        0.5 * (u * u + self.kappa * v * v)
    }

    #[inline]
    fn gradient(&self, p: [f64; 2]) -> [f64; 2] {
        let (u, v) = self.rotated(p);
        // (c·u − (s·κ)·v, s·u + (c·κ)·v), rounded as the references write it.
        let (c, s, k) = (self.cos, self.sin, self.kappa);
        [c * u - s * k * v, s * u + c * k * v]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, _: [f64; 2]) -> [[f64; 2]; 2] {
        let (c, s, k) = (self.cos, self.sin, self.kappa);
        let xy = c * s * (1.0 - k);
        [[c * c + k * s * s, xy], [xy, s * s + k * c * c]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-5.0, 5.0, -5.0, 5.0)
    }

    fn start(&self) -> [f64; 2] {
        [-4.0, 3.0]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[0.0, 0.0]]
    }
}
