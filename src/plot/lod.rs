//! Level of detail for drawing long paths: keep only the points that move
//! at least a given distance on screen. The data is never dropped; only what
//! is drawn is thinned. A thinned path knows which point each kept point
//! is, so a timeline can draw it up to any step without thinning it again,
//! and the point of the whole path nearest to a place on screen is found
//! from the kept points and the few stretches near them.

/// A path thinned for drawing, kept up to date as the path grows: only the
/// new points are examined each frame while the scale stays the same. When
/// more than `budget` points would be kept (a path that zig-zags across many
/// pixels), the spacing doubles until it fits. Thinning is greedy from the
/// start, so the path thinned up to any point is a prefix of the whole one.
#[derive(Clone, Debug)]
pub struct DecimatedPath {
    unit: [f64; 2],
    min_step: f64,
    budget: usize,
    consumed: usize,
    kept: Vec<[f64; 2]>,
    /// The index in the path of each kept point.
    indices: Vec<usize>,
}

/// The point of a path nearest to a place, in screen distance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NearestPoint {
    /// Its index in the path.
    pub index: usize,
    /// Its distance from the place, in pixels.
    pub distance: f64,
}

impl DecimatedPath {
    /// An empty path that keeps at most about `budget` points.
    pub fn new(budget: usize) -> DecimatedPath {
        DecimatedPath {
            unit: [0.0, 0.0],
            min_step: 1.0,
            budget: budget.max(2),
            consumed: 0,
            kept: Vec::new(),
            indices: Vec::new(),
        }
    }

    /// The thinned `path` at `unit` (data size of a pixel), last point included.
    pub fn update(&mut self, path: &[[f64; 2]], unit: [f64; 2]) -> Vec<[f64; 2]> {
        self.update_until(path, unit, path.len().saturating_sub(1))
    }

    /// The thinned `path` at `unit` from its start to point `end` (clamped
    /// to the last), that point included. The whole path is thinned (only
    /// its new points are examined) and cut at `end`, so moving `end` back
    /// and forth costs a binary search, and the points drawn before `end`
    /// stay where they are.
    pub fn update_until(&mut self, path: &[[f64; 2]], unit: [f64; 2], end: usize) -> Vec<[f64; 2]> {
        let rescaled = unit != self.unit;
        let restarted = path.len() < self.consumed || self.kept.first() != path.first();
        if rescaled || restarted {
            self.unit = unit;
            self.min_step = 1.0;
            self.clear();
        }
        self.extend(path);
        while self.kept.len() > self.budget {
            self.min_step *= 2.0;
            self.clear();
            self.extend(path);
        }
        let Some(last) = path.len().checked_sub(1) else { return Vec::new() };
        let end = end.min(last);
        let mut out = self.kept[..self.kept_through(end)].to_vec();
        if out.last() != Some(&path[end]) {
            out.push(path[end]);
        }
        out
    }

    /// How many kept points lie at or before point `end`.
    fn kept_through(&self, end: usize) -> usize {
        self.indices.partition_point(|&i| i <= end)
    }

    /// The point of `path` up to point `end` (inclusive) nearest to
    /// `target`, in pixels at the scale of the last update, which must have
    /// been of this `path`. Every point the thinning skipped lies within its
    /// spacing of the kept point before it, so only the stretches after kept
    /// points near enough to beat the nearest kept point are searched point
    /// by point: the answer is exact.
    pub fn nearest(&self, path: &[[f64; 2]], end: usize, target: [f64; 2]) -> Option<NearestPoint> {
        let end = end.min(path.len().checked_sub(1)?).min(self.consumed.checked_sub(1)?);
        let (sx, sy) = (1.0 / self.unit[0], 1.0 / self.unit[1]);
        // Squared distances in pixels: the stretches can hold most of a path.
        let squared = |p: &[f64; 2]| {
            let (dx, dy) = ((p[0] - target[0]) * sx, (p[1] - target[1]) * sy);
            dx * dx + dy * dy
        };
        let kept = self.kept_through(end);
        let best_kept = self.kept[..kept].iter().map(squared).fold(squared(&path[end]), f64::min);
        let reach = best_kept.sqrt() + self.min_step;
        let reach = reach * reach;
        let mut best: Option<(usize, f64)> = None;
        for (k, anchor) in self.kept[..kept].iter().enumerate() {
            if squared(anchor) > reach {
                continue;
            }
            let start = self.indices[k];
            let stretch_end = self.indices.get(k + 1).map_or(end + 1, |&next| next.min(end + 1));
            for (index, p) in path[start..stretch_end].iter().enumerate() {
                let distance = squared(p);
                if best.is_none_or(|(_, closest)| distance < closest) {
                    best = Some((start + index, distance));
                }
            }
        }
        let (index, squared) = best?;
        let distance = squared.sqrt();
        distance.is_finite().then_some(NearestPoint { index, distance })
    }

    fn clear(&mut self) {
        self.consumed = 0;
        self.kept.clear();
        self.indices.clear();
    }

    fn extend(&mut self, path: &[[f64; 2]]) {
        let (sx, sy) = (1.0 / self.unit[0], 1.0 / self.unit[1]);
        let limit = self.min_step * self.min_step;
        for (index, p) in path.iter().enumerate().skip(self.consumed) {
            let keep = match self.kept.last() {
                None => true,
                Some(anchor) => {
                    let (dx, dy) = ((p[0] - anchor[0]) * sx, (p[1] - anchor[1]) * sy);
                    dx * dx + dy * dy >= limit
                }
            };
            if keep {
                self.kept.push(*p);
                self.indices.push(index);
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

    /// A wandering path: a spiral in towards the origin with a wobble, many
    /// of its points within a pixel of each other near the end.
    fn spiral(points: usize) -> Vec<[f64; 2]> {
        (0..points)
            .map(|i| {
                let t = i as f64 * 0.01;
                let r = (-t * 0.05).exp();
                [r * t.cos() + 0.01 * (7.0 * t).sin(), r * t.sin()]
            })
            .collect()
    }

    #[test]
    fn a_path_drawn_up_to_a_point_is_the_prefix_thinned_afresh_and_its_last_point() {
        let path = spiral(20_000);
        let unit = [0.002, 0.002];
        let mut whole = DecimatedPath::new(100_000);
        whole.update(&path, unit);
        for end in [0, 1, 57, 4_000, 19_998, 19_999, 50_000] {
            let drawn = whole.update_until(&path, unit, end);
            let last = end.min(path.len() - 1);
            assert_eq!(drawn, decimate(&path[..=last], unit, 1.0), "up to {end}");
        }
        assert!(whole.update_until(&[], unit, 3).is_empty());
    }

    #[test]
    fn the_nearest_point_is_the_one_a_search_of_every_point_finds() {
        let path = spiral(30_000);
        let unit = [0.004, 0.003];
        // A tight budget thins it coarsely, so most points sit in stretches between kept points.
        let mut thinned = DecimatedPath::new(200);
        let drawn = thinned.update(&path, unit);
        assert!(drawn.len() <= 201 && drawn.len() * 20 < path.len(), "{}", drawn.len());
        let (sx, sy) = (1.0 / unit[0], 1.0 / unit[1]);
        let pixels = |p: [f64; 2], q: [f64; 2]| {
            let (dx, dy) = ((p[0] - q[0]) * sx, (p[1] - q[1]) * sy);
            (dx * dx + dy * dy).sqrt()
        };
        for end in [0, 10, 2_500, 29_999] {
            for target in
                [[0.0, 0.0], [0.3, -0.2], [-1.5, 2.0], [0.9, 0.1], [path[end / 2][0], path[end / 2][1] + 1e-4]]
            {
                let found = thinned.nearest(&path, end, target).expect("a point");
                let distance = path[..=end].iter().map(|&p| pixels(p, target)).fold(f64::INFINITY, f64::min);
                assert_eq!(found.distance, distance, "up to {end}, near {target:?}");
                assert!(found.index <= end);
                assert_eq!(pixels(path[found.index], target), distance);
            }
        }
        assert_eq!(DecimatedPath::new(10).nearest(&path, 5, [0.0, 0.0]), None, "not thinned yet");
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
