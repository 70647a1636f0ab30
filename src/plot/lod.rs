//! Level of detail for drawing long paths: keep only the points that move
//! at least a given distance on screen. The data is never dropped; only what
//! is drawn is thinned.

/// A path thinned for drawing, kept up to date as the path grows: only the
/// new points are examined each frame while the scale stays the same. When
/// more than `budget` points would be kept (a path that zig-zags across many
/// pixels), the spacing doubles until it fits.
#[derive(Clone, Debug)]
pub struct DecimatedPath {
    unit: [f64; 2],
    min_step: f64,
    budget: usize,
    consumed: usize,
    kept: Vec<[f64; 2]>,
}

impl DecimatedPath {
    /// An empty path that keeps at most about `budget` points.
    pub fn new(budget: usize) -> DecimatedPath {
        DecimatedPath { unit: [0.0, 0.0], min_step: 1.0, budget: budget.max(2), consumed: 0, kept: Vec::new() }
    }

    /// The thinned `path` at `unit` (data size of a pixel), last point included.
    pub fn update(&mut self, path: &[[f64; 2]], unit: [f64; 2]) -> Vec<[f64; 2]> {
        let rescaled = unit != self.unit;
        let restarted = path.len() < self.consumed || self.kept.first() != path.first();
        if rescaled || restarted {
            self.unit = unit;
            self.min_step = 1.0;
            self.consumed = 0;
            self.kept.clear();
        }
        self.extend(path);
        while self.kept.len() > self.budget {
            self.min_step *= 2.0;
            self.consumed = 0;
            self.kept.clear();
            self.extend(path);
        }
        let mut out = self.kept.clone();
        if let Some(last) = path.last() {
            if out.last() != Some(last) {
                out.push(*last);
            }
        }
        out
    }

    fn extend(&mut self, path: &[[f64; 2]]) {
        let (sx, sy) = (1.0 / self.unit[0], 1.0 / self.unit[1]);
        let limit = self.min_step * self.min_step;
        for p in &path[self.consumed..] {
            let keep = match self.kept.last() {
                None => true,
                Some(anchor) => {
                    let (dx, dy) = ((p[0] - anchor[0]) * sx, (p[1] - anchor[1]) * sy);
                    dx * dx + dy * dy >= limit
                }
            };
            if keep {
                self.kept.push(*p);
            }
        }
        self.consumed = path.len();
    }
}

/// At most about `max_points` evenly strided samples of `values` as
/// `[index, value]`, always including the last one: for curves over steps.
pub fn stride(values: &[f64], max_points: usize) -> Vec<[f64; 2]> {
    let step = values.len().div_ceil(max_points.max(1)).max(1);
    let mut out: Vec<[f64; 2]> = values.iter().enumerate().step_by(step).map(|(i, v)| [i as f64, *v]).collect();
    if let Some(last) = values.len().checked_sub(1) {
        if (last % step) != 0 {
            out.push([last as f64, values[last]]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference [`DecimatedPath`] is checked against: the points of `path` that lie at least `min_step` (in units of `unit`,
    /// the data size of one pixel along x and y) from the last kept point; the
    /// first and last points are always kept.
    fn decimate(path: &[[f64; 2]], unit: [f64; 2], min_step: f64) -> Vec<[f64; 2]> {
        let [first, middle @ .., last] = path else {
            return path.to_vec();
        };
        let (sx, sy) = (1.0 / unit[0], 1.0 / unit[1]);
        let limit = min_step * min_step;
        let mut kept = vec![*first];
        let mut anchor = *first;
        for p in middle {
            let (dx, dy) = ((p[0] - anchor[0]) * sx, (p[1] - anchor[1]) * sy);
            if dx * dx + dy * dy >= limit {
                kept.push(*p);
                anchor = *p;
            }
        }
        kept.push(*last);
        kept
    }

    #[test]
    fn decimation_keeps_ends_and_respects_the_spacing() {
        let path: Vec<[f64; 2]> = (0..10_001).map(|i| [i as f64 * 1e-3, 0.0]).collect();
        let kept = decimate(&path, [0.01, 0.01], 1.0);
        assert_eq!(kept.first(), path.first());
        assert_eq!(kept.last(), path.last());
        // Every kept point is at least one pixel (0.01) from the last: at most
        // 1001 of them; at 1e-3 per point, rounding can make it every 11th.
        assert!((900..=1001).contains(&kept.len()), "{}", kept.len());
        for pair in kept.windows(2).take(kept.len() - 2) {
            assert!(pair[1][0] - pair[0][0] >= 0.01 - 1e-12);
        }
        assert_eq!(decimate(&path[..1], [1.0, 1.0], 1.0), vec![[0.0, 0.0]]);
        assert!(decimate(&[], [1.0, 1.0], 1.0).is_empty());
    }

    #[test]
    fn incremental_decimation_matches_a_fresh_one_and_keeps_its_budget() {
        let path: Vec<[f64; 2]> = (0..5000).map(|i| [f64::from(i).sin(), f64::from(i) * 1e-3]).collect();
        let mut incremental = DecimatedPath::new(100_000);
        for end in [1, 10, 1000, 5000] {
            let drawn = incremental.update(&path[..end], [0.01, 0.01]);
            assert_eq!(drawn, decimate(&path[..end], [0.01, 0.01], 1.0), "after {end} points");
        }
        let mut tight = DecimatedPath::new(500);
        let drawn = tight.update(&path, [0.001, 0.001]);
        assert!(drawn.len() <= 501, "{}", drawn.len());
        assert_eq!(drawn.first(), path.first());
        assert_eq!(drawn.last(), path.last());
    }

    #[test]
    fn striding_keeps_the_last_value() {
        let values: Vec<f64> = (0..1001).map(f64::from).collect();
        let out = stride(&values, 100);
        assert!(out.len() <= 102);
        assert_eq!(out.last(), Some(&[1000.0, 1000.0]));
        assert_eq!(stride(&values[..5], 100).len(), 5);
    }
}
