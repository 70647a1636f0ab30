//! Hot loops compiled twice, for any x86-64 CPU and for those with fused
//! multiply-add (and so AVX), the choice made at run time (std caches the
//! CPU check). Both versions give the same bits: wider registers only do
//! more of the same IEEE operations at once, and a fused multiply-add
//! (`mul_add`) is exactly rounded whether it is one instruction or a call
//! into the C library.

/// Runs `f`, compiled for FMA and AVX when the CPU has them. `f` and what it
/// calls must be `#[inline(always)]` to be compiled into the wide version.
#[inline(always)]
pub(crate) fn with_fma<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU has FMA, the feature `wide` is compiled for.
        return unsafe { wide(f) };
    }
    f()
}

/// `f` inlined into a function compiled for FMA (which implies AVX).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "fma")]
unsafe fn wide<R>(f: impl FnOnce() -> R) -> R {
    f()
}
