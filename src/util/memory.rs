//! How much memory one request (a race, a training, a data set) may take,
//! checked before anything is allocated.
//!
//! optiviz keeps every recorded step in memory, so a scene of many runs and
//! millions of steps, or a network on a data set with thousands of classes,
//! can ask for more memory than the machine has; the allocation would then
//! abort the process. Each such request estimates its size first and asks
//! [`check`], which refuses anything over the [`budget`] with an error that
//! names the request, its size and the limit.

use std::fmt;

/// The most one request may take on any machine: 4 GiB.
pub const CAP: u64 = 4 << 30;

/// The share of the free memory (or the free address space under a
/// `ulimit -v`) a request may take, leaving room for the rest of the process.
const SHARE_OF_FREE: f64 = 0.75;

/// A request that would take more memory than the budget allows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{what} would take {} of memory; the limit here is {} (ask for fewer runs, steps or rows)", Bytes(*asked), Bytes(*limit))]
pub struct MemoryError {
    /// What was asked for, as a user would say it.
    pub what: String,
    /// Its estimated size in bytes.
    pub asked: u64,
    /// The budget it was checked against.
    pub limit: u64,
}

/// The memory one request may take here: [`CAP`], or less when the machine
/// (or a limit on the process) leaves less free.
pub fn budget() -> u64 {
    let free = [free_memory(), free_address_space()].into_iter().flatten().min();
    free.map_or(CAP, |free| CAP.min((free as f64 * SHARE_OF_FREE) as u64))
}

/// Refuses a request of `bytes` over [`budget`]; `what` describes it ("3 runs
/// of 10,000,000 steps") and is only made when the request is refused.
pub fn check(bytes: u64, what: impl FnOnce() -> String) -> Result<(), MemoryError> {
    check_against(bytes, budget(), what)
}

/// [`check`] against a given limit.
pub fn check_against(bytes: u64, limit: u64, what: impl FnOnce() -> String) -> Result<(), MemoryError> {
    if bytes <= limit {
        Ok(())
    } else {
        Err(MemoryError { what: what(), asked: bytes, limit })
    }
}

/// Reads a text file whose contents take up to `expansion` times its size
/// once parsed, after checking that against the budget; a file too large
/// is an error of kind `OutOfMemory` that names both sizes.
pub fn read_text(path: &std::path::Path, expansion: u64) -> std::io::Result<String> {
    let size = std::fs::metadata(path)?.len();
    check(size.saturating_mul(expansion), || format!("reading a file of {}", Bytes(size)))
        .map_err(|error| std::io::Error::new(std::io::ErrorKind::OutOfMemory, error))?;
    std::fs::read_to_string(path)
}

/// `count × each` bytes, saturating instead of overflowing.
pub fn times(count: usize, each: u64) -> u64 {
    (count as u64).saturating_mul(each)
}

/// The memory the system could give without swapping (Linux's
/// `MemAvailable`); `None` where it is not known.
fn free_memory() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|line| line.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib.saturating_mul(1024))
}

/// The address space left under a `ulimit -v` (Linux's "Max address space"
/// less the process's current size); `None` where there is no such limit.
fn free_address_space() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|line| line.starts_with("Max address space"))?;
    let limit: u64 = line.split_whitespace().nth(3)?.parse().ok()?;
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let size = status.lines().find(|line| line.starts_with("VmSize:"))?;
    let kib: u64 = size.split_whitespace().nth(1)?.parse().ok()?;
    Some(limit.saturating_sub(kib.saturating_mul(1024)))
}

/// A size in bytes as people read it: `512 bytes`, `3.2 MB`, `4.3 GB`.
#[derive(Clone, Copy, Debug)]
pub struct Bytes(pub u64);

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")];
        let bytes = self.0 as f64;
        match units.iter().find(|(size, _)| bytes >= *size) {
            Some((size, unit)) => write!(f, "{:.1} {unit}", bytes / size),
            None => write!(f, "{} bytes", self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_over_the_limit_names_its_size_and_the_limit() {
        let error = check_against(5_000_000_000, 4_000_000_000, || "2000 runs".to_owned()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "2000 runs would take 5.0 GB of memory; the limit here is 4.0 GB (ask for fewer runs, steps or rows)"
        );
        assert!(check_against(4_000_000_000, 4_000_000_000, || unreachable!()).is_ok());
    }

    #[test]
    fn the_budget_is_at_most_the_cap_and_not_zero_here() {
        let budget = budget();
        assert!(budget <= CAP && budget > 0, "{budget}");
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(Bytes(512).to_string(), "512 bytes");
        assert_eq!(Bytes(3_200_000).to_string(), "3.2 MB");
        assert_eq!(times(usize::MAX, u64::MAX), u64::MAX);
    }
}
