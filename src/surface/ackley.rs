//! Ackley's function, a cone in a field of ripples.

use std::f64::consts::{E, TAU};

use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::params::Kind;

/// `f(x, y) = −20·exp(−0.2·√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20`,
/// minimum f = 0 at (0, 0): a nearly flat outer region full of ripples
/// around a steep funnel.
///
/// The cone `√(½(x² + y²))` has no derivative at its tip; there its gradient
/// and Hessian are taken as 0, so the gradient at the minimum is 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ackley;

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind {
        name: "ackley",
        summary:
            "−20·exp(−0.2·√(½(x²+y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20: ripples around a funnel, minimum at (0, 0)",
        params: &[],
    },
    family: SurfaceFamily::ManyMinima,
    build: |_| Ok(Box::new(Ackley)),
};

/// The cone's radius r = √(½(x² + y²)) at `[x, y]`.
fn radius([x, y]: [f64; 2]) -> f64 {
    (0.5 * (x * x + y * y)).sqrt()
}

/// The ripple term's exp(½(cos 2πx + cos 2πy)).
fn ripples([x, y]: [f64; 2]) -> f64 {
    (0.5 * ((TAU * x).cos() + (TAU * y).cos())).exp()
}

impl Surface for Ackley {
    fn value(&self, p: [f64; 2]) -> f64 {
        -20.0 * (-0.2 * radius(p)).exp() - ripples(p) + E + 20.0
    }

    #[inline]
    fn gradient(&self, p: [f64; 2]) -> [f64; 2] {
        let [x, y] = p;
        let r = radius(p);
        // ∂f/∂(x²) of the funnel term, in the order reverse-mode autodiff
        // multiplies it; 0 at the cone's tip.
        let cone = if r == 0.0 { 0.0 } else { (-20.0 * (-0.2 * r).exp()) * -0.2 / (2.0 * r) * 0.5 };
        // ∂f/∂(cos 2πt) of the ripple term.
        let wave = -ripples(p) * 0.5;
        [cone * (2.0 * x) + wave * -(TAU * x).sin() * TAU, cone * (2.0 * y) + wave * -(TAU * y).sin() * TAU]
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::from(self)
    }

    fn hessian(&self, p: [f64; 2]) -> [[f64; 2]; 2] {
        let [x, y] = p;
        let r = radius(p);
        // The funnel: 2·exp(−0.2r)·(I/r − (0.1/r² + 0.5/r³)·p·pᵀ).
        let (along, across) = if r == 0.0 {
            (0.0, 0.0)
        } else {
            let e1 = 2.0 * (-0.2 * r).exp();
            (e1 / r, e1 * (0.1 / (r * r) + 0.5 / (r * r * r)))
        };
        // The ripples: ½τ²·E·(cos τt − ½sin² τt) on the diagonal, −¼τ²·E·sin τx·sin τy across.
        let e2 = TAU * TAU * ripples(p);
        let (sx, sy) = ((TAU * x).sin(), (TAU * y).sin());
        let xx = along - across * x * x + 0.5 * e2 * ((TAU * x).cos() - 0.5 * sx * sx);
        let yy = along - across * y * y + 0.5 * e2 * ((TAU * y).cos() - 0.5 * sy * sy);
        let xy = -across * x * y - 0.25 * e2 * sx * sy;
        [[xx, xy], [xy, yy]]
    }

    fn natural_window(&self) -> Window {
        Window::new(-5.0, 5.0, -5.0, 5.0)
    }

    fn start(&self) -> [f64; 2] {
        [2.5, -3.1]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[0.0, 0.0]]
    }
}
