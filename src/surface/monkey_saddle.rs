//! The monkey saddle, where first and second derivatives both vanish.

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::params::Kind;

/// `f(x, y) = x³ − 3xy²`: a degenerate saddle at (0, 0), where the gradient
/// and the Hessian both vanish (three valleys, "two for the legs and one for
/// the tail"); no minimum, unbounded below.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MonkeySaddle;

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "monkey_saddle",
        summary: "x³ − 3xy²: a degenerate saddle at (0, 0) with three valleys, no minimum",
        params: &[],
    },
    family: SurfaceFamily::BowlsAndSaddles,
    build: |_| Ok(Box::new(MonkeySaddle)),
};

impl Surface for MonkeySaddle {
    fn value(&self, [x, y]: [f64; 2]) -> f64 {
        x.powi(3) - 3.0 * x * (y * y)
    }

    #[inline]
    fn gradient(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        [3.0 * (x * x) - y * y * 3.0, -(3.0 * x) * (2.0 * y)]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, [x, y]: [f64; 2]) -> [[f64; 2]; 2] {
        [[6.0 * x, -6.0 * y], [-6.0 * y, -6.0 * x]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-1.5, 1.5, -1.5, 1.5)
    }

    fn start(&self) -> [f64; 2] {
        [0.8, 0.3]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        Vec::new()
    }

    fn saddle_points(&self) -> Vec<[f64; 2]> {
        vec![[0.0, 0.0]]
    }
}
