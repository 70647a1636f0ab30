//! Levi's function N.13, a valley ridged by sines.

use std::f64::consts::PI;

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::params::Kind;

/// `f(x, y) = sin²(3πx) + (x−1)²·(1 + sin²(3πy)) + (y−1)²·(1 + sin²(2πy))`,
/// minimum f = 0 at (1, 1) among many local minima.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Levi;

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "levi",
        summary: "sin²(3πx) + (x−1)²(1 + sin²(3πy)) + (y−1)²(1 + sin²(2πy)): many local minima, global at (1, 1)",
        params: &[],
    },
    family: SurfaceFamily::ManyMinima,
    build: |_| Ok(Box::new(Levi)),
};

/// sin(k·t), cos(k·t) and the factor k of one ripple sin²(k·t).
struct Ripple {
    sin: f64,
    cos: f64,
    k: f64,
}

impl Ripple {
    #[inline]
    fn new(k: f64, t: f64) -> Ripple {
        let (sin, cos) = (k * t).sin_cos();
        Ripple { sin, cos, k }
    }

    /// sin²(k·t).
    fn value(&self) -> f64 {
        self.sin * self.sin
    }

    /// d/dt sin²(k·t), as reverse-mode autodiff multiplies it.
    #[inline]
    fn slope(&self) -> f64 {
        2.0 * self.sin * self.cos * self.k
    }

    /// d²/dt² sin²(k·t).
    fn curvature(&self) -> f64 {
        2.0 * self.k * self.k * (self.cos * self.cos - self.sin * self.sin)
    }
}

impl Surface for Levi {
    fn value(&self, [x, y]: [f64; 2]) -> f64 {
        let (u, v) = (x - 1.0, y - 1.0);
        Ripple::new(3.0 * PI, x).value()
            + u * u * (1.0 + Ripple::new(3.0 * PI, y).value())
            + v * v * (1.0 + Ripple::new(2.0 * PI, y).value())
    }

    #[inline]
    fn gradient(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let (u, v) = (x - 1.0, y - 1.0);
        let (rx, ry3, ry2) = (Ripple::new(3.0 * PI, x), Ripple::new(3.0 * PI, y), Ripple::new(2.0 * PI, y));
        [
            rx.slope() + (1.0 + ry3.value()) * (2.0 * u),
            u * u * ry3.slope() + (1.0 + ry2.value()) * (2.0 * v) + v * v * ry2.slope(),
        ]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, [x, y]: [f64; 2]) -> [[f64; 2]; 2] {
        let (u, v) = (x - 1.0, y - 1.0);
        let (rx, ry3, ry2) = (Ripple::new(3.0 * PI, x), Ripple::new(3.0 * PI, y), Ripple::new(2.0 * PI, y));
        let xy = 2.0 * u * ry3.slope();
        let yy = u * u * ry3.curvature() + 2.0 * (1.0 + ry2.value()) + 4.0 * v * ry2.slope() + v * v * ry2.curvature();
        [[rx.curvature() + 2.0 * (1.0 + ry3.value()), xy], [xy, yy]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-10.0, 10.0, -10.0, 10.0)
    }

    fn start(&self) -> [f64; 2] {
        [-2.0, 3.0]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[1.0, 1.0]]
    }
}
