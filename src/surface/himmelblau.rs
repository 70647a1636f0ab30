//! Himmelblau's function, four equal minima.

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::params::Kind;

/// `f(x, y) = (x² + y − 11)² + (x + y² − 7)²`: four minima with f = 0, so
/// the start decides which one an optimizer finds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Himmelblau;

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "himmelblau",
        summary: "(x²+y−11)² + (x+y²−7)²: four minima with f = 0, e.g. (3, 2)",
        params: &[],
    },
    family: SurfaceFamily::ManyMinima,
    build: |_| Ok(Box::new(Himmelblau)),
};

impl Surface for Himmelblau {
    fn value(&self, [x, y]: [f64; 2]) -> f64 {
        let (a, b) = (x * x + y - 11.0, x + y * y - 7.0);
        a * a + b * b
    }

    #[inline]
    fn gradient(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let (a, b) = (x * x + y - 11.0, x + y * y - 7.0);
        [4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, [x, y]: [f64; 2]) -> [[f64; 2]; 2] {
        let xy = 4.0 * (x + y);
        [[12.0 * x * x + 4.0 * y - 42.0, xy], [xy, 4.0 * x + 12.0 * y * y - 26.0]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-5.0, 5.0, -5.0, 5.0)
    }

    fn start(&self) -> [f64; 2] {
        [0.0, 0.0]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![
            [3.0, 2.0],
            [-2.805_118_086_952_745, 3.131_312_518_250_573],
            [-3.779_310_253_377_747, -3.283_185_991_286_17],
            [3.584_428_340_330_492, -1.848_126_526_964_404],
        ]
    }
}
