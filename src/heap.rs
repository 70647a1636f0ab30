//! How the process's allocator treats memory that is freed: kept for the
//! next frame rather than handed back to the system.
//!
//! A frame allocates the same few megabytes of shapes and meshes every
//! time. glibc gives blocks above its mmap threshold (128 KiB at first)
//! their own pages and returns them on free, so every frame paid for
//! thousands of fresh page faults: the frame of a race of thirty took
//! 8–12 ms of CPU instead of about 3 (`optiviz bench`, `frame_30_cpu_ms`).

/// Keeps freed memory for reuse: blocks up to 32 MiB (glibc's largest
/// threshold) come from the heap, and the heap is trimmed only when 256 MiB
/// lie free at its top. Call first, before any thread starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn keep_freed_memory() {
    const MMAP_THRESHOLD: libc::c_int = 32 << 20;
    const TRIM_THRESHOLD: libc::c_int = 256 << 20;
    // SAFETY: mallopt only sets two of the allocator's parameters; it is
    // called before any other thread exists. A refused value (return 0)
    // leaves glibc's default, which is correct, only slower.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD);
    }
}

/// Elsewhere the allocator's own policy stands.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn keep_freed_memory() {}
