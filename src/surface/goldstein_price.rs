//! The Goldstein–Price function, a steep product of two polynomials.

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::params::Kind;

/// `f(x, y) = [1 + (x+y+1)²·(19 − 14x + 3x² − 14y + 6xy + 3y²)]
///          · [30 + (2x−3y)²·(18 − 32x + 12x² + 48y − 36xy + 27y²)]`,
/// minimum f = 3 at (0, −1), local minima elsewhere; values span six
/// orders of magnitude across the window, so learning rates must be tiny.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GoldsteinPrice;

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "goldstein_price",
        summary:
            "[1 + (x+y+1)²(19−14x+3x²−14y+6xy+3y²)]·[30 + (2x−3y)²(18−32x+12x²+48y−36xy+27y²)]: minimum 3 at (0, −1)",
        params: &[],
    },
    family: SurfaceFamily::Benchmark,
    build: |_| Ok(Box::new(GoldsteinPrice)),
};

/// The two factors f = A·B at a point, each as `1 + u²·P` resp. `30 + w²·Q`.
struct Factors {
    /// u = x + y + 1.
    u: f64,
    /// P = 19 − 14x + 3x² − 14y + 6xy + 3y².
    p: f64,
    /// ∂P/∂x = ∂P/∂y.
    p_t: f64,
    /// w = 2x − 3y.
    w: f64,
    /// Q = 18 − 32x + 12x² + 48y − 36xy + 27y².
    q: f64,
    /// ∂Q/∂x.
    q_x: f64,
    /// ∂Q/∂y.
    q_y: f64,
}

impl Factors {
    #[inline]
    fn at([x, y]: [f64; 2]) -> Factors {
        Factors {
            u: x + y + 1.0,
            p: 19.0 - 14.0 * x + 3.0 * (x * x) - 14.0 * y + 6.0 * x * y + 3.0 * (y * y),
            p_t: -14.0 + 6.0 * x + 6.0 * y,
            w: 2.0 * x - 3.0 * y,
            q: 18.0 - 32.0 * x + 12.0 * (x * x) + 48.0 * y - 36.0 * x * y + 27.0 * (y * y),
            q_x: -32.0 + 24.0 * x - 36.0 * y,
            q_y: 48.0 - 36.0 * x + 54.0 * y,
        }
    }

    /// A = 1 + u²·P.
    fn a(&self) -> f64 {
        1.0 + self.u * self.u * self.p
    }

    /// B = 30 + w²·Q.
    fn b(&self) -> f64 {
        30.0 + self.w * self.w * self.q
    }

    /// ∂A/∂x = ∂A/∂y.
    fn a_t(&self) -> f64 {
        2.0 * self.u * self.p + self.u * self.u * self.p_t
    }

    /// (∂B/∂x, ∂B/∂y).
    fn b_xy(&self) -> (f64, f64) {
        let (w, q) = (self.w, self.q);
        (4.0 * w * q + w * w * self.q_x, -6.0 * w * q + w * w * self.q_y)
    }
}

impl Surface for GoldsteinPrice {
    fn value(&self, p: [f64; 2]) -> f64 {
        let f = Factors::at(p);
        f.a() * f.b()
    }

    #[inline]
    fn gradient(&self, p: [f64; 2]) -> [f64; 2] {
        let f = Factors::at(p);
        let (a, b, a_t) = (f.a(), f.b(), f.a_t());
        let (b_x, b_y) = f.b_xy();
        [a_t * b + a * b_x, a_t * b + a * b_y]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, p: [f64; 2]) -> [[f64; 2]; 2] {
        let f = Factors::at(p);
        let (a, b, a_t) = (f.a(), f.b(), f.a_t());
        let (b_x, b_y) = f.b_xy();
        let (u, w, q) = (f.u, f.w, f.q);
        // A's second derivatives are all equal: 2P + 4u·∂P + 6u².
        let a_tt = 2.0 * f.p + 4.0 * u * f.p_t + 6.0 * u * u;
        let b_xx = 8.0 * q + 8.0 * w * f.q_x + 24.0 * w * w;
        let b_xy = -12.0 * q + 4.0 * w * f.q_y - 6.0 * w * f.q_x - 36.0 * w * w;
        let b_yy = 18.0 * q - 12.0 * w * f.q_y + 54.0 * w * w;
        let xy = a_tt * b + a_t * b_y + a_t * b_x + a * b_xy;
        [[a_tt * b + 2.0 * a_t * b_x + a * b_xx, xy], [xy, a_tt * b + 2.0 * a_t * b_y + a * b_yy]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-2.0, 2.0, -2.0, 2.0)
    }

    fn start(&self) -> [f64; 2] {
        [-0.6, 0.4]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[0.0, -1.0]]
    }
}
