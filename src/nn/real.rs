//! The floating-point types a network computes in: f64 by default, f32 as
//! PyTorch does (seed 004's network), for half the memory traffic and twice
//! the lanes per instruction.

use std::ops::{Add, Div, Mul, Neg, Sub};

use faer::traits::ComplexField;

use super::workspace::{Buffers, Workspace};

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
    /// `tanh x`.
    fn tanh(self) -> Self;
    /// This type's buffers in `workspace`.
    fn buffers(workspace: &mut Workspace) -> &mut Buffers<Self>;
}

/// `Real` for a primitive float type, whose buffers are `workspace.$buffers`.
macro_rules! impl_real {
    ($float:ty, $buffers:ident) => {
        impl Real for $float {
            const ZERO: $float = 0.0;
            const ONE: $float = 1.0;

            #[inline(always)]
            fn from_f64(x: f64) -> $float {
                x as $float
            }

            #[inline(always)]
            fn to_f64(self) -> f64 {
                f64::from(self)
            }

            #[inline(always)]
            fn max(self, other: $float) -> $float {
                <$float>::max(self, other)
            }

            #[inline(always)]
            fn exp(self) -> $float {
                <$float>::exp(self)
            }

            #[inline(always)]
            fn abs(self) -> $float {
                <$float>::abs(self)
            }

            #[inline(always)]
            fn tanh(self) -> $float {
                <$float>::tanh(self)
            }

            fn buffers(workspace: &mut Workspace) -> &mut Buffers<$float> {
                &mut workspace.$buffers
            }
        }
    };
}

impl_real!(f64, double);
impl_real!(f32, single);
