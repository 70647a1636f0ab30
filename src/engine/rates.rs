//! The learning rates a sweep or a tuning search tries: a log-spaced grid
//! between two bounds, checked as the user typed them, and the most work
//! one such search may ask for, so that no input makes it run for hours.

use std::fmt;

/// Rates a grid holds unless told otherwise.
pub const DEFAULT_POINTS: usize = 25;
/// The most rates one grid may hold.
pub const MAX_POINTS: usize = 1000;
/// The most optimizer steps one sweep or search may take in all (about half
/// a minute of Adam on two cores); more is refused before anything runs.
pub const MAX_WORK: u64 = 1_000_000_000;

/// Why a grid of learning rates cannot be made.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RangeError {
    /// A bound is zero, negative, infinite or NaN.
    #[error("lr-min={min} and lr-max={max}: both must be finite and > 0")]
    NotPositive {
        /// The smallest rate asked for.
        min: f64,
        /// The largest rate asked for.
        max: f64,
    },
    /// The smallest rate is not below the largest.
    #[error("lr-min={min} must be below lr-max={max}")]
    Empty {
        /// The smallest rate asked for.
        min: f64,
        /// The largest rate asked for.
        max: f64,
    },
    /// Too few or too many rates.
    #[error("points={0} is out of range (must be 2 to {MAX_POINTS})")]
    Points(usize),
}

/// `points` learning rates from `min` to `max`, evenly spaced on a log scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LrRange {
    min: f64,
    max: f64,
    points: usize,
}

impl LrRange {
    /// The grid from `min` to `max` (finite, 0 < min < max) of `points`
    /// rates (2 to [`MAX_POINTS`]), or why not.
    pub fn new(min: f64, max: f64, points: usize) -> Result<LrRange, RangeError> {
        if !(min.is_finite() && max.is_finite() && min > 0.0 && max > 0.0) {
            return Err(RangeError::NotPositive { min, max });
        }
        if min >= max {
            return Err(RangeError::Empty { min, max });
        }
        if !(2..=MAX_POINTS).contains(&points) {
            return Err(RangeError::Points(points));
        }
        Ok(LrRange { min, max, points })
    }

    /// The smallest rate.
    pub fn min(&self) -> f64 {
        self.min
    }

    /// The largest rate.
    pub fn max(&self) -> f64 {
        self.max
    }

    /// How many rates the grid holds.
    pub fn points(&self) -> usize {
        self.points
    }

    /// The rates lr_i = min·(max/min)^(i/(points − 1)), i = 0..points − 1,
    /// rounded to 15 significant digits so that round rates print round
    /// (1, not 1.0000000000000004), the last one `max` itself. When max/min
    /// overflows, the same rates from logarithms.
    pub fn rates(&self) -> Vec<f64> {
        let (a, b, last) = (self.min, self.max, self.points - 1);
        let ratio = b / a;
        (0..self.points)
            .map(|i| {
                let t = i as f64 / last as f64;
                if i == last {
                    b
                } else if ratio.is_finite() {
                    fifteen_digits(a * ratio.powf(t))
                } else {
                    fifteen_digits((a.ln() + t * (b.ln() - a.ln())).exp())
                }
            })
            .collect()
    }
}

/// `value` rounded to 15 significant digits (as many as every decimal of
/// that length survives a trip through `f64`).
fn fifteen_digits(value: f64) -> f64 {
    format!("{value:.14e}").parse().unwrap_or(value)
}

/// A search that would take more than [`MAX_WORK`] steps.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{what} is {} optimizer steps in all; at most {MAX_WORK} are allowed (ask for fewer rates, starts, optimizers or steps)", Big(*steps))]
pub struct WorkError {
    /// The search, as a user would say it.
    pub what: String,
    /// Its steps in all.
    pub steps: u64,
}

/// Refuses a search of `counts` multiplied together steps over [`MAX_WORK`];
/// `what` describes it and is only made when it is refused.
pub fn check_work(counts: &[u64], what: impl FnOnce() -> String) -> Result<(), WorkError> {
    let steps = counts.iter().fold(1u64, |product, count| product.saturating_mul(*count));
    if steps <= MAX_WORK {
        Ok(())
    } else {
        Err(WorkError { what: what(), steps })
    }
}

/// A large count in short scientific form (3e10), exact below a million.
struct Big(u64);

impl fmt::Display for Big {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 < 1_000_000 {
            write!(f, "{}", self.0)
        } else {
            write!(f, "{:.1e}", self.0 as f64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_follows_the_formula_and_ends_on_its_bounds() {
        let range = LrRange::new(1e-4, 1.0, 5).unwrap();
        let rates = range.rates();
        assert_eq!(rates.len(), 5);
        assert_eq!((rates[0], rates[4]), (1e-4, 1.0));
        for (i, lr) in rates.iter().enumerate() {
            let formula = 1e-4 * (1.0f64 / 1e-4).powf(i as f64 / 4.0);
            assert!((lr / formula - 1.0).abs() < 1e-14, "{i}: {lr} vs {formula}");
        }
        assert_eq!(rates[2], 0.01, "a round rate is round");
        let decades = LrRange::new(1e-5, 10.0, 25).unwrap().rates();
        assert_eq!((decades[4], decades[12], decades[20]), (1e-4, 0.01, 1.0));
        // A ratio past f64's range still gives a finite, growing grid.
        let wide = LrRange::new(1e-300, 1e300, 7).unwrap().rates();
        assert!(wide.iter().all(|lr| lr.is_finite() && *lr > 0.0));
        assert!(wide.windows(2).all(|pair| pair[0] < pair[1]), "{wide:?}");
    }

    #[test]
    fn bad_bounds_and_counts_say_what_is_allowed() {
        let error = |min, max, points| LrRange::new(min, max, points).unwrap_err().to_string();
        assert_eq!(error(0.1, 0.01, 5), "lr-min=0.1 must be below lr-max=0.01");
        assert_eq!(error(0.1, 0.1, 5), "lr-min=0.1 must be below lr-max=0.1");
        assert!(error(0.0, 1.0, 5).contains("both must be finite and > 0"));
        assert!(error(-1.0, 1.0, 5).contains("both must be finite and > 0"));
        assert!(error(1e-3, f64::INFINITY, 5).contains("both must be finite and > 0"));
        assert!(error(f64::NAN, 1.0, 5).contains("both must be finite and > 0"));
        assert_eq!(error(1e-3, 1.0, 1), "points=1 is out of range (must be 2 to 1000)");
        assert_eq!(error(1e-3, 1.0, 1001), "points=1001 is out of range (must be 2 to 1000)");
    }

    #[test]
    fn work_over_the_limit_is_refused_with_its_size() {
        assert!(check_work(&[25, 3, 10_000], || unreachable!()).is_ok());
        let error = check_work(&[1000, 256, 10_000_000], || "a sweep".to_owned()).unwrap_err();
        assert_eq!(error.steps, 2_560_000_000_000);
        assert!(
            error.to_string().starts_with("a sweep is 2.6e12 optimizer steps in all; at most 1000000000"),
            "{error}"
        );
        let overflow = check_work(&[u64::MAX, 2], || "huge".to_owned()).unwrap_err();
        assert_eq!(overflow.steps, u64::MAX);
    }
}
