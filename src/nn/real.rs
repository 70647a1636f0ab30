//! The floating-point types a network computes in: f64 by default, f32 as
//! PyTorch does (seed 004's network), for half the memory traffic and twice
//! the lanes per instruction.

use std::ops::{Add, Div, Mul, Neg, Sub};

use faer::traits::ComplexField;

use super::mlp::{Buffers, Workspace};

/// f64 or f32, as far as a network's passes need them.
pub(super) trait Real:
    ComplexField
    + Copy
    + Default
    + PartialOrd
    + Send
    + Sync
    + 'static
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
{
    /// 0.
    const ZERO: Self;
    /// 1.
    const ONE: Self;
    /// `x` rounded to this type.
    fn from_f64(x: f64) -> Self;
    /// This value as an f64 (exact).
    fn to_f64(self) -> f64;
    /// The larger of the two.
    fn max(self, other: Self) -> Self;
    /// `eˣ`.
    fn exp(self) -> Self;
    /// `|x|`.
    fn abs(self) -> Self;
    /// This type's buffers in `workspace`.
    fn buffers(workspace: &mut Workspace) -> &mut Buffers<Self>;
}

impl Real for f64 {
    const ZERO: f64 = 0.0;
    const ONE: f64 = 1.0;

    #[inline(always)]
    fn from_f64(x: f64) -> f64 {
        x
    }

    #[inline(always)]
    fn to_f64(self) -> f64 {
        self
    }

    #[inline(always)]
    fn max(self, other: f64) -> f64 {
        f64::max(self, other)
    }

    #[inline(always)]
    fn exp(self) -> f64 {
        f64::exp(self)
    }

    #[inline(always)]
    fn abs(self) -> f64 {
        f64::abs(self)
    }

    fn buffers(workspace: &mut Workspace) -> &mut Buffers<f64> {
        &mut workspace.double
    }
}

impl Real for f32 {
    const ZERO: f32 = 0.0;
    const ONE: f32 = 1.0;

    #[inline(always)]
    fn from_f64(x: f64) -> f32 {
        x as f32
    }

    #[inline(always)]
    fn to_f64(self) -> f64 {
        f64::from(self)
    }

    #[inline(always)]
    fn max(self, other: f32) -> f32 {
        f32::max(self, other)
    }

    #[inline(always)]
    fn exp(self) -> f32 {
        f32::exp(self)
    }

    #[inline(always)]
    fn abs(self) -> f32 {
        f32::abs(self)
    }

    fn buffers(workspace: &mut Workspace) -> &mut Buffers<f32> {
        &mut workspace.single
    }
}
