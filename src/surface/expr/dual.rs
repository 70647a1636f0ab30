//! Number types for forward-mode automatic differentiation in two variables.
//!
//! The evaluator is generic over [`Number`]. Each elementary function is
//! written once, as its value and first two derivatives at the primal point
//! (`f(a0)`, `f'(a0)`, `f''(a0)`); each number type applies the chain rule in
//! [`Number::lift`] / [`Number::lift2`]:
//!
//! * `f64`: the value only (derivatives are never computed);
//! * [`Dual1`]: value and gradient, `f(a) = f(a0) + f'(a0)·da`;
//! * [`Dual2`]: value, gradient and Hessian,
//!   `dd f(a) = f'(a0)·dda + f''(a0)·da⊗da`.

use std::ops::{Add, Div, Mul, Neg, Sub};

/// Partial derivatives of a two-argument function `f(a, b)` at `(a0, b0)`.
pub(super) struct Partials2 {
    /// ∂f/∂a
    pub fa: f64,
    /// ∂f/∂b
    pub fb: f64,
    /// ∂²f/∂a²
    pub faa: f64,
    /// ∂²f/∂a∂b
    pub fab: f64,
    /// ∂²f/∂b²
    pub fbb: f64,
}

/// A number the formula program can run on: `f64`, [`Dual1`] or [`Dual2`].
pub(super) trait Number:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self> + Neg<Output = Self>
{
    /// A constant: its derivatives are zero.
    fn constant(c: f64) -> Self;
    /// The independent variables x and y, seeded with unit derivatives.
    fn variables(x: f64, y: f64) -> (Self, Self);
    /// The primal (plain) value.
    fn value(self) -> f64;
    /// `f(self)` from `f(a0)` and, lazily, `(f'(a0), f''(a0))`.
    fn lift(self, f0: f64, derivatives: impl FnOnce() -> (f64, f64)) -> Self;
    /// `f(self, other)` from `f(a0, b0)` and, lazily, its partial derivatives.
    fn lift2(self, other: Self, f0: f64, partials: impl FnOnce() -> Partials2) -> Self;

    /// Sine.
    fn sin(self) -> Self {
        let a = self.value();
        let s = a.sin();
        self.lift(s, || (a.cos(), -s))
    }

    /// Cosine.
    fn cos(self) -> Self {
        let a = self.value();
        let c = a.cos();
        self.lift(c, || (-a.sin(), -c))
    }

    /// Tangent.
    fn tan(self) -> Self {
        let t = self.value().tan();
        self.lift(t, || {
            let d = 1.0 + t * t;
            (d, 2.0 * t * d)
        })
    }

    /// Exponential.
    fn exp(self) -> Self {
        let e = self.value().exp();
        self.lift(e, || (e, e))
    }

    /// Natural logarithm.
    fn ln(self) -> Self {
        let a = self.value();
        self.lift(a.ln(), || {
            let r = 1.0 / a;
            (r, -r * r)
        })
    }

    /// Square root.
    fn sqrt(self) -> Self {
        let a = self.value();
        let s = a.sqrt();
        self.lift(s, || {
            let d = 0.5 / s;
            (d, -0.5 * d / a)
        })
    }

    /// Absolute value; the derivative at 0 is taken as 0.
    fn abs(self) -> Self {
        let a = self.value();
        self.lift(a.abs(), || {
            let slope = if a > 0.0 {
                1.0
            } else if a < 0.0 {
                -1.0
            } else {
                0.0
            };
            (slope, 0.0)
        })
    }

    /// Hyperbolic tangent.
    fn tanh(self) -> Self {
        let t = self.value().tanh();
        self.lift(t, || {
            let d = 1.0 - t * t;
            (d, -2.0 * t * d)
        })
    }

    /// Hyperbolic sine.
    fn sinh(self) -> Self {
        let a = self.value();
        let s = a.sinh();
        self.lift(s, || (a.cosh(), s))
    }

    /// Hyperbolic cosine.
    fn cosh(self) -> Self {
        let a = self.value();
        let c = a.cosh();
        self.lift(c, || (a.sinh(), c))
    }

    /// `self^n` for a constant integer exponent (exact for negative bases).
    fn powi(self, n: i32) -> Self {
        let a = self.value();
        self.lift(a.powi(n), || {
            let nf = f64::from(n);
            // Spelled out so that 0·∞ never turns a zero derivative into NaN.
            let d1 = if n == 0 { 0.0 } else { nf * a.powi(n.saturating_sub(1)) };
            let d2 = if n == 0 || n == 1 { 0.0 } else { nf * (nf - 1.0) * a.powi(n.saturating_sub(2)) };
            (d1, d2)
        })
    }

    /// `self^c` for a constant exponent that is not a small integer.
    fn powf(self, c: f64) -> Self {
        let a = self.value();
        self.lift(a.powf(c), || (c * a.powf(c - 1.0), c * (c - 1.0) * a.powf(c - 2.0)))
    }

    /// `self^exponent` for a varying exponent, i.e. `exp(exponent·ln(self))`
    /// (value computed with `powf`; derivatives are NaN for a negative base).
    fn pow(self, exponent: Self) -> Self {
        let (a, b) = (self.value(), exponent.value());
        let f = a.powf(b);
        self.lift2(exponent, f, || {
            let ln_a = a.ln();
            let a_b1 = a.powf(b - 1.0);
            Partials2 {
                fa: b * a_b1,
                fb: f * ln_a,
                faa: b * (b - 1.0) * a.powf(b - 2.0),
                fab: a_b1 * (1.0 + b * ln_a),
                fbb: f * ln_a * ln_a,
            }
        })
    }

    /// The smaller argument (with its derivatives); `self` on a tie, NaN if either is NaN.
    fn min(self, other: Self) -> Self {
        let (a, b) = (self.value(), other.value());
        if a <= b {
            self
        } else if b < a {
            other
        } else {
            self + other
        }
    }

    /// The larger argument (with its derivatives); `self` on a tie, NaN if either is NaN.
    fn max(self, other: Self) -> Self {
        let (a, b) = (self.value(), other.value());
        if a >= b {
            self
        } else if b > a {
            other
        } else {
            self + other
        }
    }
}

impl Number for f64 {
    fn constant(c: f64) -> Self {
        c
    }

    fn variables(x: f64, y: f64) -> (Self, Self) {
        (x, y)
    }

    fn value(self) -> f64 {
        self
    }

    fn lift(self, f0: f64, _derivatives: impl FnOnce() -> (f64, f64)) -> Self {
        f0
    }

    fn lift2(self, _other: Self, f0: f64, _partials: impl FnOnce() -> Partials2) -> Self {
        f0
    }
}

/// `[g0, g1] ↦ [s·g0, s·g1]`.
fn scale(s: f64, g: [f64; 2]) -> [f64; 2] {
    [s * g[0], s * g[1]]
}

/// Value and gradient: `v + g·(dx, dy)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Dual1 {
    /// Value.
    pub v: f64,
    /// Gradient `[∂/∂x, ∂/∂y]`.
    pub g: [f64; 2],
}

impl Number for Dual1 {
    fn constant(c: f64) -> Self {
        Dual1 { v: c, g: [0.0; 2] }
    }

    fn variables(x: f64, y: f64) -> (Self, Self) {
        (Dual1 { v: x, g: [1.0, 0.0] }, Dual1 { v: y, g: [0.0, 1.0] })
    }

    fn value(self) -> f64 {
        self.v
    }

    fn lift(self, f0: f64, derivatives: impl FnOnce() -> (f64, f64)) -> Self {
        let (d1, _) = derivatives();
        Dual1 { v: f0, g: scale(d1, self.g) }
    }

    fn lift2(self, other: Self, f0: f64, partials: impl FnOnce() -> Partials2) -> Self {
        let p = partials();
        Dual1 { v: f0, g: [p.fa * self.g[0] + p.fb * other.g[0], p.fa * self.g[1] + p.fb * other.g[1]] }
    }
}

impl Add for Dual1 {
    type Output = Self;
    fn add(self, b: Self) -> Self {
        Dual1 { v: self.v + b.v, g: [self.g[0] + b.g[0], self.g[1] + b.g[1]] }
    }
}

impl Sub for Dual1 {
    type Output = Self;
    fn sub(self, b: Self) -> Self {
        Dual1 { v: self.v - b.v, g: [self.g[0] - b.g[0], self.g[1] - b.g[1]] }
    }
}

impl Mul for Dual1 {
    type Output = Self;
    fn mul(self, b: Self) -> Self {
        Dual1 { v: self.v * b.v, g: [self.v * b.g[0] + b.v * self.g[0], self.v * b.g[1] + b.v * self.g[1]] }
    }
}

impl Div for Dual1 {
    type Output = Self;
    fn div(self, b: Self) -> Self {
        let q = self.v / b.v;
        Dual1 { v: q, g: [(self.g[0] - q * b.g[0]) / b.v, (self.g[1] - q * b.g[1]) / b.v] }
    }
}

impl Neg for Dual1 {
    type Output = Self;
    fn neg(self) -> Self {
        Dual1 { v: -self.v, g: [-self.g[0], -self.g[1]] }
    }
}

/// Value, gradient and Hessian: a second-order truncated Taylor polynomial.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Dual2 {
    /// Value.
    pub v: f64,
    /// Gradient `[∂/∂x, ∂/∂y]`.
    pub g: [f64; 2],
    /// The Hessian's unique entries `[∂²/∂x², ∂²/∂x∂y, ∂²/∂y²]`.
    pub h: [f64; 3],
}

/// `g⊗g` as `[xx, xy, yy]`.
fn square(g: [f64; 2]) -> [f64; 3] {
    [g[0] * g[0], g[0] * g[1], g[1] * g[1]]
}

/// `g⊗k + k⊗g` as `[xx, xy, yy]`.
fn sym(g: [f64; 2], k: [f64; 2]) -> [f64; 3] {
    [2.0 * g[0] * k[0], g[0] * k[1] + g[1] * k[0], 2.0 * g[1] * k[1]]
}

impl Number for Dual2 {
    fn constant(c: f64) -> Self {
        Dual2 { v: c, g: [0.0; 2], h: [0.0; 3] }
    }

    fn variables(x: f64, y: f64) -> (Self, Self) {
        (Dual2 { v: x, g: [1.0, 0.0], h: [0.0; 3] }, Dual2 { v: y, g: [0.0, 1.0], h: [0.0; 3] })
    }

    fn value(self) -> f64 {
        self.v
    }

    fn lift(self, f0: f64, derivatives: impl FnOnce() -> (f64, f64)) -> Self {
        let (d1, d2) = derivatives();
        let gg = square(self.g);
        Dual2 { v: f0, g: scale(d1, self.g), h: std::array::from_fn(|i| d1 * self.h[i] + d2 * gg[i]) }
    }

    fn lift2(self, other: Self, f0: f64, partials: impl FnOnce() -> Partials2) -> Self {
        let p = partials();
        let (aa, ab, bb) = (square(self.g), sym(self.g, other.g), square(other.g));
        Dual2 {
            v: f0,
            g: [p.fa * self.g[0] + p.fb * other.g[0], p.fa * self.g[1] + p.fb * other.g[1]],
            h: std::array::from_fn(|i| {
                p.fa * self.h[i] + p.fb * other.h[i] + p.faa * aa[i] + p.fab * ab[i] + p.fbb * bb[i]
            }),
        }
    }
}

impl Add for Dual2 {
    type Output = Self;
    fn add(self, b: Self) -> Self {
        Dual2 {
            v: self.v + b.v,
            g: [self.g[0] + b.g[0], self.g[1] + b.g[1]],
            h: std::array::from_fn(|i| self.h[i] + b.h[i]),
        }
    }
}

impl Sub for Dual2 {
    type Output = Self;
    fn sub(self, b: Self) -> Self {
        Dual2 {
            v: self.v - b.v,
            g: [self.g[0] - b.g[0], self.g[1] - b.g[1]],
            h: std::array::from_fn(|i| self.h[i] - b.h[i]),
        }
    }
}

impl Mul for Dual2 {
    type Output = Self;
    fn mul(self, b: Self) -> Self {
        let cross = sym(self.g, b.g);
        Dual2 {
            v: self.v * b.v,
            g: [self.v * b.g[0] + b.v * self.g[0], self.v * b.g[1] + b.v * self.g[1]],
            h: std::array::from_fn(|i| self.v * b.h[i] + b.v * self.h[i] + cross[i]),
        }
    }
}

impl Div for Dual2 {
    type Output = Self;
    /// From `a = q·b`: `q' = (a' − q·b')/b`, `q'' = (a'' − q·b'' − (q'⊗b' + b'⊗q'))/b`.
    fn div(self, b: Self) -> Self {
        let q = self.v / b.v;
        let g = [(self.g[0] - q * b.g[0]) / b.v, (self.g[1] - q * b.g[1]) / b.v];
        let cross = sym(g, b.g);
        Dual2 { v: q, g, h: std::array::from_fn(|i| (self.h[i] - q * b.h[i] - cross[i]) / b.v) }
    }
}

impl Neg for Dual2 {
    type Output = Self;
    fn neg(self) -> Self {
        Dual2 { v: -self.v, g: [-self.g[0], -self.g[1]], h: [-self.h[0], -self.h[1], -self.h[2]] }
    }
}
