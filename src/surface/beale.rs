//! Beale's function, flat plateaus and sharp ridges.

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::params::Kind;

/// `f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²`,
/// minimum f = 0 at (3, 0.5); flat plateaus beside steep ridges.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Beale;

const CONSTANTS: [f64; 3] = [1.5, 2.25, 2.625];

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "beale",
        summary: "(1.5−x+xy)² + (2.25−x+xy²)² + (2.625−x+xy³)²: plateaus and ridges, minimum at (3, 0.5)",
        params: &[],
    },
    family: SurfaceFamily::Benchmark,
    build: |_| Ok(Box::new(Beale)),
};

/// For term i = 1..3: its value t = c − x + x·yⁱ, and its partial
/// derivatives (∂t/∂x, ∂t/∂y, ∂²t/∂x∂y, ∂²t/∂y²).
fn terms([x, y]: [f64; 2]) -> impl Iterator<Item = (f64, [f64; 4])> {
    CONSTANTS.iter().enumerate().map(move |(index, c)| {
        let i = (index + 1) as f64;
        let y_i = y.powi(index as i32 + 1);
        let y_i1 = y.powi(index as i32);
        let y_i2 = if index == 0 { 0.0 } else { y.powi(index as i32 - 1) };
        let t = c - x + x * y_i;
        (t, [y_i - 1.0, i * x * y_i1, i * y_i1, i * (i - 1.0) * x * y_i2])
    })
}

impl Surface for Beale {
    fn value(&self, p: [f64; 2]) -> f64 {
        terms(p).map(|(t, _)| t * t).sum()
    }

    #[inline]
    fn gradient(&self, p: [f64; 2]) -> [f64; 2] {
        terms(p).fold([0.0, 0.0], |[gx, gy], (t, [tx, ty, _, _])| [gx + 2.0 * t * tx, gy + 2.0 * t * ty])
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, p: [f64; 2]) -> [[f64; 2]; 2] {
        let [xx, xy, yy] = terms(p).fold([0.0; 3], |[xx, xy, yy], (t, [tx, ty, txy, tyy])| {
            [xx + 2.0 * tx * tx, xy + 2.0 * (ty * tx + t * txy), yy + 2.0 * (ty * ty + t * tyy)]
        });
        [[xx, xy], [xy, yy]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-4.5, 4.5, -4.5, 4.5)
    }

    fn start(&self) -> [f64; 2] {
        [1.0, 1.0]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[3.0, 0.5]]
    }
}
