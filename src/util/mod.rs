//! Small services the rest shares: number formatting, all-or-none file
//! writes, the memory budget every large request is checked against, and
//! hot loops compiled for the processor at hand.

pub mod atomic;
pub mod memory;
pub mod number;
pub(crate) mod simd;
