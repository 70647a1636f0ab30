//! McCormick's function, a sine on a tilted trough.

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::params::Kind;

/// `f(x, y) = sin(x + y) + (x − y)² − 1.5x + 2.5y + 1`, minimum
/// f = −1.9133 at (−0.54719, −1.54719) = (½ − π/3, −½ − π/3) in its window;
/// unbounded below as x + y → −∞.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct McCormick;

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "mccormick",
        summary: "sin(x + y) + (x − y)² − 1.5x + 2.5y + 1: minimum at (−0.54719, −1.54719) in its window",
        params: &[],
    },
    family: SurfaceFamily::BowlsAndSaddles,
    build: |_| Ok(Box::new(McCormick)),
};

impl Surface for McCormick {
    fn value(&self, [x, y]: [f64; 2]) -> f64 {
        let d = x - y;
        (x + y).sin() + d * d - 1.5 * x + 2.5 * y + 1.0
    }

    #[inline]
    fn gradient(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let (c, d2) = ((x + y).cos(), 2.0 * (x - y));
        [c + d2 - 1.5, c - d2 + 2.5]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, [x, y]: [f64; 2]) -> [[f64; 2]; 2] {
        let s = (x + y).sin();
        [[2.0 - s, -2.0 - s], [-2.0 - s, 2.0 - s]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-1.5, 4.0, -3.0, 4.0)
    }

    fn start(&self) -> [f64; 2] {
        [3.0, 2.0]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[-0.547_197_551_196_597_7, -1.547_197_551_196_597_9]]
    }
}
