//! Grid sampling, contour levels and marching-squares iso-lines.
//!
//! optiviz draws a loss surface as a contour plot underneath the optimizer paths. This module
//! does the numeric half of that: it samples the loss on a regular grid ([`Grid`]), chooses
//! contour levels ([`auto_levels`], [`log_levels`], [`linear_levels`]) and traces the iso-lines
//! of those levels ([`iso_lines`]) as long polylines in plane coordinates, ready to be stroked.
//! It depends on `std` only and on no other module of the crate.
//!
//! The tracer makes one pass over the rows for all levels together. It finds the band of each
//! sample (how many levels are at or below it) and, from the bands of its corners, the range of
//! levels crossing each cell, so its work grows with the number of samples plus the size of the
//! output rather than with `levels × cells`. Segments are joined into polylines through the ids
//! of the cell edges they cross: because cells are visited in row-major order, the crossing on
//! a cell's bottom or left edge was made by the cell below or to the left, whose node ids are
//! kept in flat per-level buffers the length of a row (no hash map).

pub use crate::plot::window::Window;

use std::time::{Duration, Instant};

/// Values of f sampled on a regular nx × ny grid covering a window (row-major: index = j*nx + i,
/// x_i = x_min + i*(x_max-x_min)/(nx-1), and likewise y_j).
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// The window the grid covers; its corners are sample points.
    pub window: Window,
    /// Number of samples along x (columns).
    pub nx: usize,
    /// Number of samples along y (rows).
    pub ny: usize,
    /// The `nx * ny` samples, row by row from `y_min` upwards: `values[j * nx + i]` is f(x_i, y_j).
    pub values: Vec<f64>,
}

/// [`Grid::sample_parallel`] samples rows on the calling thread for this long to time `f`.
const PROBE_TIME: Duration = Duration::from_micros(50);
/// [`Grid::sample_parallel`] stays on the calling thread when the rows left after probing
/// should take less than this: for cheap functions, spawning threads costs more than it saves.
const PARALLEL_MIN_WORK: Duration = Duration::from_micros(250);

/// Coordinate of sample `i` of `n` evenly spaced samples from `lo` to `hi` (`lo` when `n < 2`).
fn axis_coord(lo: f64, hi: f64, n: usize, i: usize) -> f64 {
    if n < 2 {
        lo
    } else {
        lo + i as f64 * (hi - lo) / (n - 1) as f64
    }
}

/// All `n` sample coordinates from `lo` to `hi`, as [`axis_coord`] gives them.
fn axis(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    (0..n).map(|i| axis_coord(lo, hi, n, i)).collect()
}

/// Fills whole rows of samples, starting at row `first_row`, with f evaluated at the grid points.
fn fill_rows(rows: &mut [f64], xs: &[f64], window: &Window, ny: usize, first_row: usize, f: &impl Fn(f64, f64) -> f64) {
    for (r, row) in rows.chunks_mut(xs.len()).enumerate() {
        let y = axis_coord(window.y_min, window.y_max, ny, first_row + r);
        for (value, &x) in row.iter_mut().zip(xs) {
            *value = f(x, y);
        }
    }
}

impl Grid {
    /// Samples `f` on an `nx × ny` grid covering `window`, on the calling thread.
    pub fn sample(window: Window, nx: usize, ny: usize, f: impl Fn(f64, f64) -> f64) -> Grid {
        let xs = axis(window.x_min, window.x_max, nx);
        let mut values = vec![0.0; nx * ny];
        if nx > 0 {
            fill_rows(&mut values, &xs, &window, ny, 0, &f);
        }
        Grid { window, nx, ny, values }
    }

    /// Same as [`Grid::sample`] (bit-for-bit), but when the grid is big the rows are split into
    /// one contiguous block per available core and evaluated in scoped threads.
    ///
    /// "Big" is judged by timing: rows are sampled on the calling thread for 50 µs or more, and
    /// only if the rows left would take more than a quarter of a millisecond are they shared
    /// out among threads.
    pub fn sample_parallel(window: Window, nx: usize, ny: usize, f: impl Fn(f64, f64) -> f64 + Sync) -> Grid {
        if nx == 0 || ny < 2 {
            return Grid::sample(window, nx, ny, f);
        }
        let xs = axis(window.x_min, window.x_max, nx);
        let mut values = vec![0.0; nx * ny];
        // Probe in batches of 1, 2, 4, … rows so that fast rows are not slowed by the clock.
        let started = Instant::now();
        let (mut done, mut batch) = (0, 1);
        loop {
            let end = (done + batch).min(ny);
            fill_rows(&mut values[done * nx..end * nx], &xs, &window, ny, done, &f);
            done = end;
            if done == ny || started.elapsed() >= PROBE_TIME {
                break;
            }
            batch *= 2;
        }
        let per_row = started.elapsed().as_secs_f64() / done as f64;
        let rest = &mut values[done * nx..];
        // Asking for the number of cores takes system calls: only worth it for slow functions.
        let threads = if per_row * ((ny - done) as f64) < PARALLEL_MIN_WORK.as_secs_f64() {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        };
        if threads < 2 {
            fill_rows(rest, &xs, &window, ny, done, &f);
        } else {
            let rows_per_block = (ny - done).div_ceil(threads);
            let (xs, f) = (&xs[..], &f);
            let mut blocks = rest.chunks_mut(rows_per_block * nx).enumerate();
            std::thread::scope(|scope| {
                let first = blocks.next();
                for (b, block) in blocks {
                    let first_row = done + b * rows_per_block;
                    scope.spawn(move || fill_rows(block, xs, &window, ny, first_row, f));
                }
                if let Some((_, block)) = first {
                    fill_rows(block, xs, &window, ny, done, f);
                }
            });
        }
        Grid { window, nx, ny, values }
    }

    /// The x coordinate of column `i`: `x_min + i*(x_max-x_min)/(nx-1)`.
    pub fn x_at(&self, i: usize) -> f64 {
        axis_coord(self.window.x_min, self.window.x_max, self.nx, i)
    }

    /// The y coordinate of row `j`: `y_min + j*(y_max-y_min)/(ny-1)`.
    pub fn y_at(&self, j: usize) -> f64 {
        axis_coord(self.window.y_min, self.window.y_max, self.ny, j)
    }

    /// Smallest and largest finite sample, or `None` when no sample is finite.
    pub fn min_max(&self) -> Option<(f64, f64)> {
        self.values.iter().copied().filter(|v| v.is_finite()).fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
    }
}

/// The iso-lines of one level: polylines in plane coordinates; closed loops repeat their first
/// point at the end.
#[derive(Clone, Debug, PartialEq)]
pub struct IsoLine {
    /// The level these lines are drawn at.
    pub level: f64,
    /// The polylines, each of at least two points. Open lines run from the edge of the grid (or
    /// of a region of non-finite samples) to another such edge. Every line keeps the values
    /// above the level on its right (with y pointing up), so loops around a minimum run
    /// counter-clockwise and loops around a maximum clockwise.
    pub lines: Vec<Vec<[f64; 2]>>,
}

/// "No node" in [`Node::next`]; also the band of a non-finite sample in [`row_bands`].
const NONE: u32 = u32::MAX;

/// Directed marching-squares segments of a cell, as `[from, to]` pairs of cell edges (0 bottom,
/// 1 right, 2 top, 3 left), oriented so that the corners at or above the level are on their
/// right. Entry `case` for the 14 plain cases, where bit 0 of the case is the bottom-left
/// corner being at or above the level, then bottom-right, top-right and top-left. The saddle
/// cases 5 and 10 are resolved by whether the centre of the cell is at or above the level:
/// case 5 at 16 (centre below) and 17 (above), case 10 at 18 and 19.
const SEGMENTS: [&[[u8; 2]]; 20] = [
    &[],
    &[[3, 0]],
    &[[0, 1]],
    &[[3, 1]],
    &[[1, 2]],
    &[],
    &[[0, 2]],
    &[[3, 2]],
    &[[2, 3]],
    &[[2, 0]],
    &[],
    &[[2, 1]],
    &[[1, 3]],
    &[[1, 0]],
    &[[0, 3]],
    &[],
    // Case 5 (bottom-left and top-right high): below the centre the high corners are cut
    // off, above it the low ones.
    &[[3, 0], [1, 2]],
    &[[1, 0], [3, 2]],
    // Case 10 (bottom-right and top-left high), likewise.
    &[[0, 1], [2, 3]],
    &[[0, 3], [2, 1]],
];

/// Marching squares over the grid for each level; segments are joined into long polylines (not
/// returned as loose 2-point segments).
///
/// Returns one [`IsoLine`] per entry of `levels`, in the same order. A sample counts as above a
/// level when it is `>=` it; crossings are placed by linear interpolation along cell edges, and
/// saddle cells are resolved by the average of their four corners. Cells with a non-finite
/// corner are left out, so lines end at them. Non-finite levels, levels outside the range of
/// the data and grids smaller than 2 × 2 (or whose `values` do not hold `nx * ny` samples) give
/// no lines.
///
/// # Panics
/// If the grid holds 2³¹ samples or more (edge ids are 32-bit).
pub fn iso_lines(grid: &Grid, levels: &[f64]) -> Vec<IsoLine> {
    let mut out: Vec<IsoLine> = levels.iter().map(|&level| IsoLine { level, lines: Vec::new() }).collect();
    let (nx, ny) = (grid.nx, grid.ny);
    if nx < 2 || ny < 2 || grid.values.len() != nx * ny {
        return out;
    }
    assert!(nx * ny < 1 << 31, "iso_lines: a grid of {nx} x {ny} samples is too large");
    // Finite levels sorted ascending, with where each one goes in `out`.
    let mut order: Vec<usize> = (0..levels.len()).filter(|&k| levels[k].is_finite()).collect();
    order.sort_by(|&a, &b| levels[a].total_cmp(&levels[b]));
    if order.is_empty() {
        return out;
    }
    let sorted: Vec<f64> = order.iter().map(|&k| levels[k]).collect();
    let mut tracer = Tracer::new(grid, &sorted);
    tracer.scan();
    for (k, &slot) in order.iter().enumerate() {
        out[slot].lines = tracer.lines(k);
    }
    out
}

/// Sets each of `bands` to the band of the sample of `row` in the same place: the number of
/// levels at or below it, or [`NONE`] for a non-finite sample. `bounds` holds the sorted levels
/// between `f64::MIN` and infinity, so that band b holds the v with `bounds[b] <= v <
/// bounds[b + 1]`. `hint` holds a likely band for each sample (those of the row below). The
/// hint is moved one band up or down without branching where the sample is past its bounds;
/// only when that is still wrong (a jump over two bands or more, or a non-finite sample or
/// hint) does a binary search run.
fn row_bands(row: &[f64], hint: &[u32], bounds: &[f64], bands: &mut [u32]) {
    let levels = &bounds[1..bounds.len() - 1];
    let top = bounds.len() - 1;
    for ((band, &v), &b) in bands.iter_mut().zip(row).zip(hint) {
        let k = (b as usize).min(top - 1);
        let c = (k + usize::from(v >= bounds[k + 1])).wrapping_sub(usize::from(v < bounds[k]));
        *band = if c < top && bounds[c] <= v && v < bounds[c + 1] {
            c as u32
        } else if v.is_finite() {
            levels.partition_point(|&l| l <= v) as u32
        } else {
            NONE
        };
    }
}

/// Writes to the front of `crossing` the columns of the cells between two rows of bands,
/// `lower` and `upper`, whose corners are not all in one band, and returns how many there are.
/// Most cells cross no level, so this runs without branching. (Kept out of line: inlined into
/// [`Tracer::scan`] it runs slower, short of registers.)
#[inline(never)]
fn crossing_cells(lower: &[u32], upper: &[u32], crossing: &mut [u32]) -> usize {
    let mut count = 0;
    for (i, (l, u)) in lower.windows(2).zip(upper.windows(2)).enumerate() {
        crossing[count] = i as u32;
        count += usize::from((l[0] ^ l[1]) | (l[0] ^ u[0]) | (l[0] ^ u[1]) != 0);
    }
    count
}

/// A crossing of one level with one cell edge: a vertex of the output.
#[derive(Clone, Copy)]
struct Node {
    /// Where the level crosses the edge.
    point: [f64; 2],
    /// The id of the edge: the horizontal edge from sample p to p+1 is 2p, the vertical edge
    /// from sample p to p+nx is 2p+1. It validates the node ids cached in [`Tracer`].
    edge: u32,
    /// The crossing the segment leaving this one leads to, [`NONE`] at the end of a line, or
    /// [`TAKEN`] once a polyline has taken this crossing.
    next: u32,
}

/// [`Node::next`] of a crossing already on a polyline.
const TAKEN: u32 = u32::MAX - 1;

/// The node in `nodes` for `edge` if `cached` names it (caches may hold stale ids).
fn cached_node(nodes: &[Node], cached: u32, edge: usize) -> Option<u32> {
    nodes.get(cached as usize).filter(|n| n.edge as usize == edge).map(|_| cached)
}

/// Appends a node for `edge` crossed at `point` and returns its id.
fn push_node(nodes: &mut Vec<Node>, edge: usize, point: [f64; 2]) -> u32 {
    nodes.push(Node { point, edge: edge as u32, next: NONE });
    (nodes.len() - 1) as u32
}

/// Follows the chain of segments from node `start` until it ends, or comes back to `start`
/// (then the first point is repeated), marking the nodes it takes as [`TAKEN`]. The chain is
/// counted first so that the line is allocated once, at its final size.
fn walk(nodes: &mut [Node], start: u32) -> Vec<[f64; 2]> {
    let mut len = 1;
    let mut cur = nodes[start as usize].next;
    while cur != NONE && cur != start {
        len += 1;
        cur = nodes[cur as usize].next;
    }
    let closed = cur == start;
    let mut line = Vec::with_capacity(len + usize::from(closed));
    let mut cur = start;
    for _ in 0..len {
        let n = &mut nodes[cur as usize];
        line.push(n.point);
        cur = std::mem::replace(&mut n.next, TAKEN);
    }
    if closed {
        line.push(line[0]);
    }
    line
}

/// Runs marching squares for all levels in one pass over the cells, row by row, and joins the
/// segments of each level through the cell edges they share.
///
/// Cells are visited in row-major order, so a cell's bottom edge was last seen as the top edge
/// of the cell below it, and its left edge as the right edge of the previous cell. Per level,
/// the node of the last top edge in each column and of the last right edge is cached; a cached
/// id is trusted only when that node's edge id matches, so the caches never need clearing and
/// the scratch space is one row per level plus the output.
struct Tracer<'a> {
    /// The samples, row-major.
    values: &'a [f64],
    /// Samples per row.
    nx: usize,
    /// Column coordinates.
    xs: Vec<f64>,
    /// Row coordinates.
    ys: Vec<f64>,
    /// The levels, sorted ascending.
    levels: &'a [f64],
    /// The crossings of each level, in the order they were found.
    nodes: Vec<Vec<Node>>,
    /// Per level, the node on the right edge of the last cell visited.
    right: Vec<u32>,
    /// Per level and column (`k * (nx - 1) + i`), the node on the top edge of the last cell
    /// visited in that column.
    top: Vec<u32>,
}

impl<'a> Tracer<'a> {
    /// Scratch space for tracing `levels` (sorted ascending, finite) on `grid` (at least 2 × 2).
    fn new(grid: &'a Grid, levels: &'a [f64]) -> Self {
        let w = &grid.window;
        Tracer {
            values: &grid.values,
            nx: grid.nx,
            xs: axis(w.x_min, w.x_max, grid.nx),
            ys: axis(w.y_min, w.y_max, grid.ny),
            levels,
            nodes: vec![Vec::new(); levels.len()],
            right: vec![NONE; levels.len()],
            top: vec![NONE; levels.len() * (grid.nx - 1)],
        }
    }

    /// Finds and links the segments of every level in every cell.
    fn scan(&mut self) {
        let (nx, ny) = (self.nx, self.ys.len());
        let mut bounds = Vec::with_capacity(self.levels.len() + 2);
        bounds.push(f64::MIN);
        bounds.extend_from_slice(self.levels);
        bounds.push(f64::INFINITY);
        // Each cell crosses the levels from the lowest band of its corners up to, not
        // including, the highest.
        let mut lower = vec![0; nx];
        let mut upper = vec![0; nx];
        let mut crossing = vec![0u32; nx - 1];
        row_bands(&self.values[..nx], &upper, &bounds, &mut lower);
        for j in 0..ny - 1 {
            let row = &self.values[(j + 1) * nx..(j + 2) * nx];
            row_bands(row, &lower, &bounds, &mut upper);
            let count = crossing_cells(&lower, &upper, &mut crossing);
            for &i in &crossing[..count] {
                let i = i as usize;
                let b = [lower[i], lower[i + 1], upper[i], upper[i + 1]];
                let lo = b[0].min(b[1]).min(b[2]).min(b[3]);
                let hi = b[0].max(b[1]).max(b[2]).max(b[3]);
                // Cells with a non-finite corner are left out.
                if hi != NONE {
                    for k in lo as usize..hi as usize {
                        self.cell(k, i, j);
                    }
                }
            }
            std::mem::swap(&mut lower, &mut upper);
        }
    }

    /// Adds the segments of level `k` in cell `(i, j)`, which it crosses.
    fn cell(&mut self, k: usize, i: usize, j: usize) {
        let nx = self.nx;
        let level = self.levels[k];
        let p = j * nx + i;
        // Corners counter-clockwise from the bottom left.
        let v = [self.values[p], self.values[p + 1], self.values[p + nx + 1], self.values[p + nx]];
        let case = usize::from(v[0] >= level)
            | usize::from(v[1] >= level) << 1
            | usize::from(v[2] >= level) << 2
            | usize::from(v[3] >= level) << 3;
        let centre_above = || usize::from((v[0] + v[1] + v[2] + v[3]) * 0.25 >= level);
        let segments = SEGMENTS[match case {
            5 => 16 + centre_above(),
            10 => 18 + centre_above(),
            _ => case,
        }];
        // Bit e is set when edge e joins corners on opposite sides of the level.
        let crossed = case ^ (case >> 1 | (case & 1) << 3);
        let (xs, ys) = (&self.xs, &self.ys);
        // Each edge is interpolated from its left or bottom end, so both cells agree on it.
        let lerp = |a: f64, b: f64, from: f64, to: f64| from + (level - a) / (b - a) * (to - from);
        let nodes = &mut self.nodes[k];
        let top = &mut self.top[k * (nx - 1) + i];
        let right = &mut self.right[k];
        let mut ids = [NONE; 4];
        if crossed & 1 != 0 {
            let edge = 2 * p;
            ids[0] = cached_node(nodes, *top, edge)
                .unwrap_or_else(|| push_node(nodes, edge, [lerp(v[0], v[1], xs[i], xs[i + 1]), ys[j]]));
        }
        if crossed & 8 != 0 {
            let edge = 2 * p + 1;
            ids[3] = cached_node(nodes, *right, edge)
                .unwrap_or_else(|| push_node(nodes, edge, [xs[i], lerp(v[0], v[3], ys[j], ys[j + 1])]));
        }
        if crossed & 2 != 0 {
            let point = [xs[i + 1], lerp(v[1], v[2], ys[j], ys[j + 1])];
            ids[1] = push_node(nodes, 2 * (p + 1) + 1, point);
            *right = ids[1];
        }
        if crossed & 4 != 0 {
            let point = [lerp(v[3], v[2], xs[i], xs[i + 1]), ys[j + 1]];
            ids[2] = push_node(nodes, 2 * (p + nx), point);
            *top = ids[2];
        }
        for &[a, b] in segments {
            nodes[ids[usize::from(a)] as usize].next = ids[usize::from(b)];
        }
    }

    /// Joins the segments of level `k` into polylines: first the open lines, each from the
    /// crossing no segment enters, then the closed loops. Frees the level's scratch space.
    fn lines(&mut self, k: usize) -> Vec<Vec<[f64; 2]>> {
        let mut nodes = std::mem::take(&mut self.nodes[k]);
        let mut entered = vec![false; nodes.len()];
        for n in &nodes {
            if n.next != NONE {
                entered[n.next as usize] = true;
            }
        }
        let mut lines = Vec::new();
        for (start, &entered) in entered.iter().enumerate() {
            if !entered {
                lines.push(walk(&mut nodes, start as u32));
            }
        }
        for start in 0..nodes.len() {
            if nodes[start].next != TAKEN {
                lines.push(walk(&mut nodes, start as u32));
            }
        }
        lines
    }
}

/// `n` levels evenly spaced from `lo` to `hi` inclusive, like `numpy.linspace(lo, hi, n)`
/// (`[lo]` when `n == 1`); the last level is exactly `hi`.
pub fn linear_levels(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    match n {
        0 => Vec::new(),
        1 => vec![lo],
        _ => {
            let step = (hi - lo) / (n - 1) as f64;
            (0..n).map(|k| if k == n - 1 { hi } else { lo + k as f64 * step }).collect()
        }
    }
}

/// `n` levels evenly spaced in log10 between lo and hi inclusive (like
/// `numpy.logspace(log10(lo), log10(hi), n)`), with the end levels exactly `lo` and `hi`.
/// Empty unless both `lo` and `hi` are positive.
pub fn log_levels(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if !(lo > 0.0 && hi > 0.0) {
        return Vec::new();
    }
    let mut levels: Vec<f64> = linear_levels(lo.log10(), hi.log10(), n).into_iter().map(|e| 10f64.powf(e)).collect();
    if let Some(first) = levels.first_mut() {
        *first = lo;
    }
    if n > 1 {
        levels[n - 1] = hi;
    }
    levels
}

/// The fraction of samples below the lowest level [`auto_levels`] picks on a log scale.
const LOW_QUANTILE: f64 = 0.005;
/// How many times the maximum must exceed the low quantile for [`auto_levels`] to go log-spaced.
const MIN_LOG_SPAN: f64 = 100.0;

/// Sensible default levels for a loss surface on a grid: log-spaced between a low quantile and
/// the max when values are positive and span decades, else linear.
///
/// Precisely: when no finite sample is negative, the 0.5 % quantile `q` of the finite samples
/// is positive and the maximum is at least 100 `q`, the result is the first `n` of
/// `log_levels(q, max, n + 1)` (the top level would only circle the highest sample). Otherwise
/// it is the `n` levels strictly inside `min..max` of `linear_levels(min, max, n + 2)`. Empty
/// when `n == 0` or the grid has fewer than two distinct finite values.
pub fn auto_levels(grid: &Grid, n: usize) -> Vec<f64> {
    let Some((min, max)) = grid.min_max() else {
        return Vec::new();
    };
    if n == 0 || min >= max {
        return Vec::new();
    }
    if min >= 0.0 {
        let mut finite: Vec<f64> = grid.values.iter().copied().filter(|v| v.is_finite()).collect();
        let rank = ((finite.len() - 1) as f64 * LOW_QUANTILE) as usize;
        let (_, &mut q, _) = finite.select_nth_unstable_by(rank, f64::total_cmp);
        if q > 0.0 && max >= MIN_LOG_SPAN * q {
            let mut levels = log_levels(q, max, n + 1);
            levels.pop();
            return levels;
        }
    }
    linear_levels(min, max, n + 2)[1..=n].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn window(x_min: f64, x_max: f64, y_min: f64, y_max: f64) -> Window {
        Window { x_min, x_max, y_min, y_max }
    }

    fn square(half: f64) -> Window {
        window(-half, half, -half, half)
    }

    fn is_closed(line: &[[f64; 2]]) -> bool {
        line.len() > 2 && line.first() == line.last()
    }

    fn length(line: &[[f64; 2]]) -> f64 {
        line.windows(2).map(|s| (s[1][0] - s[0][0]).hypot(s[1][1] - s[0][1])).sum()
    }

    fn rosenbrock(x: f64, y: f64) -> f64 {
        (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2)
    }

    fn single(grid: &Grid, level: f64) -> Vec<Vec<[f64; 2]>> {
        let mut out = iso_lines(grid, &[level]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].level, level);
        out.remove(0).lines
    }

    /// Checks that `p` lies on an edge of `grid` whose ends straddle `level` and that the
    /// linear interpolation of the samples there gives `level`.
    fn assert_on_edge(grid: &Grid, level: f64, p: [f64; 2]) {
        let xs: Vec<f64> = (0..grid.nx).map(|i| grid.x_at(i)).collect();
        let ys: Vec<f64> = (0..grid.ny).map(|j| grid.y_at(j)).collect();
        let at = |i: usize, j: usize| grid.values[j * grid.nx + i];
        // The cell span containing a coordinate: k with c[k] <= v <= c[k + 1].
        let span = |c: &[f64], v: f64| {
            let k = c.partition_point(|&x| x <= v).saturating_sub(1);
            let k = k.min(c.len() - 2);
            assert!(c[k] <= v && v <= c[k + 1], "{v} outside the grid");
            k
        };
        let check = |a: f64, b: f64, t: f64| {
            assert!((0.0..=1.0).contains(&t), "t = {t}");
            assert!((a - level) * (b - level) <= 0.0, "edge {a}..{b} misses {level}");
            let value = a + t * (b - a);
            let tol = 1e-9 * (1.0 + a.abs() + b.abs());
            assert!((value - level).abs() <= tol, "interpolates to {value}, not {level}");
        };
        if let Some(i) = xs.iter().position(|&x| x == p[0]) {
            let j = span(&ys, p[1]);
            check(at(i, j), at(i, j + 1), (p[1] - ys[j]) / (ys[j + 1] - ys[j]));
        } else if let Some(j) = ys.iter().position(|&y| y == p[1]) {
            let i = span(&xs, p[0]);
            check(at(i, j), at(i + 1, j), (p[0] - xs[i]) / (xs[i + 1] - xs[i]));
        } else {
            panic!("{p:?} is on no grid line");
        }
    }

    #[test]
    fn bowl_gives_one_circle_per_level() {
        let grid = Grid::sample(square(2.0), 201, 201, |x, y| x * x + y * y);
        for r in [0.3, 1.0, 1.7] {
            let lines = single(&grid, r * r);
            assert_eq!(lines.len(), 1, "r = {r}");
            let line = &lines[0];
            assert!(is_closed(line));
            for p in line {
                assert!((p[0].hypot(p[1]) - r).abs() < 1e-3, "{p:?} off the circle {r}");
            }
            let circumference = 2.0 * std::f64::consts::PI * r;
            assert!((length(line) - circumference).abs() < 1e-3 * circumference);
            // Counter-clockwise around the minimum: the shoelace area is +πr².
            let area: f64 = line.windows(2).map(|s| s[0][0] * s[1][1] - s[1][0] * s[0][1]).sum();
            let disc = std::f64::consts::PI * r * r;
            assert!((area / 2.0 - disc).abs() < 1e-2 * disc, "area {area}");
        }
    }

    #[test]
    fn single_minimum_gives_one_loop_per_level() {
        let f = |x: f64, y: f64| (x - 0.3).powi(2) + 2.0 * (y + 0.1).powi(2) + 0.05;
        let grid = Grid::sample(square(2.0), 101, 87, f);
        let levels = log_levels(0.06, 2.5, 12);
        for iso in iso_lines(&grid, &levels) {
            assert_eq!(iso.lines.len(), 1, "level {}", iso.level);
            assert!(is_closed(&iso.lines[0]));
            for &p in &iso.lines[0] {
                assert_on_edge(&grid, iso.level, p);
            }
        }
    }

    #[test]
    fn plane_gives_straight_lines_across() {
        let w = window(-1.0, 1.0, -1.0, 1.0);
        let grid = Grid::sample(w, 50, 40, |x, y| x + 2.0 * y);
        let on_boundary = |p: [f64; 2]| p[0] == w.x_min || p[0] == w.x_max || p[1] == w.y_min || p[1] == w.y_max;
        for level in [-2.0, -0.3, 0.0, 1.5, 2.9] {
            let lines = single(&grid, level);
            assert_eq!(lines.len(), 1, "level {level}");
            let line = &lines[0];
            assert!(!is_closed(line));
            assert!(on_boundary(line[0]) && on_boundary(line[line.len() - 1]));
            for p in line {
                assert!((p[0] + 2.0 * p[1] - level).abs() < 1e-12, "{p:?}");
            }
            let (a, b) = (line[0], line[line.len() - 1]);
            let chord = (b[0] - a[0]).hypot(b[1] - a[1]);
            assert!((length(line) - chord).abs() < 1e-9, "not straight");
            // Higher values, towards the gradient (1, 2), are on the right.
            let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
            assert!(dy - 2.0 * dx > 0.0, "level {level} runs the wrong way");
        }
    }

    #[test]
    fn saddle_gives_two_branches() {
        let grid = Grid::sample(square(1.0), 41, 41, |x, y| x * x - y * y);
        let left_right = single(&grid, 0.25);
        assert_eq!(left_right.len(), 2);
        let mut sides: Vec<bool> = left_right.iter().map(|l| l[0][0] > 0.0).collect();
        sides.sort();
        assert_eq!(sides, [false, true]);
        for line in &left_right {
            assert!(!is_closed(line));
            assert!(line.iter().all(|p| (p[0] > 0.0) == (line[0][0] > 0.0)));
        }
        let top_bottom = single(&grid, -0.25);
        assert_eq!(top_bottom.len(), 2);
        // f = xy: the branches of xy = 0.1 are in the first and third quadrants.
        let grid = Grid::sample(square(1.0), 30, 30, |x, y| x * y);
        let lines = single(&grid, 0.1);
        assert_eq!(lines.len(), 2);
        for line in &lines {
            assert!(line.iter().all(|p| p[0] * p[1] > 0.0));
        }
    }

    #[test]
    fn ambiguous_cells_follow_the_centre() {
        // Bottom-left and top-right high, the others low; the centre averages 0.5.
        let grid = Grid { window: window(0.0, 1.0, 0.0, 1.0), nx: 2, ny: 2, values: vec![1.0, 0.0, 0.0, 1.0] };
        let near = |line: &[[f64; 2]], corner: [f64; 2]| {
            line.iter().all(|p| (p[0] - corner[0]).abs() + (p[1] - corner[1]).abs() <= 1.0)
        };
        // Centre above the level: the high corners connect, the low ones are cut off.
        let cut_low = single(&grid, 0.4);
        assert_eq!(cut_low.len(), 2);
        assert!(cut_low.iter().any(|l| near(l, [1.0, 0.0])));
        assert!(cut_low.iter().any(|l| near(l, [0.0, 1.0])));
        // Centre below the level: the high corners are cut off.
        let cut_high = single(&grid, 0.6);
        assert_eq!(cut_high.len(), 2);
        assert!(cut_high.iter().any(|l| near(l, [0.0, 0.0])));
        assert!(cut_high.iter().any(|l| near(l, [1.0, 1.0])));
        // The mirror case (bottom-right and top-left high) behaves the same way.
        let mirror = Grid { values: vec![0.0, 1.0, 1.0, 0.0], ..grid };
        let cut_low = single(&mirror, 0.4);
        assert!(cut_low.iter().any(|l| near(l, [0.0, 0.0])));
        assert!(cut_low.iter().any(|l| near(l, [1.0, 1.0])));
        let cut_high = single(&mirror, 0.6);
        assert!(cut_high.iter().any(|l| near(l, [1.0, 0.0])));
        assert!(cut_high.iter().any(|l| near(l, [0.0, 1.0])));
    }

    #[test]
    fn non_finite_samples_cut_lines_without_panicking() {
        let f = |x: f64, y: f64| if x > 0.5 { f64::NAN } else { x * x + y * y };
        let grid = Grid::sample(square(2.0), 81, 81, f);
        let lines = single(&grid, 1.0);
        assert_eq!(lines.len(), 1);
        assert!(!is_closed(&lines[0]));
        for &p in &lines[0] {
            assert!(p[0] <= 0.5);
            assert_on_edge(&grid, 1.0, p);
        }
        // A single infinite sample on the circle opens the loop there.
        let mut grid = Grid::sample(square(2.0), 81, 81, |x, y| x * x + y * y);
        grid.values[40 * 81 + 60] = f64::INFINITY; // (1, 0)
        let lines = single(&grid, 1.0);
        assert_eq!(lines.len(), 1);
        assert!(!is_closed(&lines[0]));
        // Nothing at all comes from a grid without finite samples.
        let grid = Grid::sample(square(1.0), 10, 10, |_, _| f64::NAN);
        assert!(single(&grid, 0.0).is_empty());
        assert_eq!(grid.min_max(), None);
    }

    #[test]
    fn levels_outside_the_data_give_nothing() {
        let grid = Grid::sample(square(1.0), 20, 20, |x, y| x * x + y * y);
        let out = iso_lines(&grid, &[-1.0, 5.0, f64::NAN, f64::INFINITY, 0.5]);
        let counts: Vec<usize> = out.iter().map(|iso| iso.lines.len()).collect();
        assert_eq!(counts, [0, 0, 0, 0, 1]);
        assert!(out[2].level.is_nan());
        assert!(iso_lines(&grid, &[]).is_empty());
    }

    #[test]
    fn levels_come_back_in_the_order_given() {
        let grid = Grid::sample(square(1.0), 30, 30, |x, y| x * x + y * y);
        let out = iso_lines(&grid, &[0.5, 0.1, 0.5, 0.3]);
        let levels: Vec<f64> = out.iter().map(|iso| iso.level).collect();
        assert_eq!(levels, [0.5, 0.1, 0.5, 0.3]);
        assert_eq!(out[0], out[2]);
        assert_eq!(out[1].lines, single(&grid, 0.1));
        assert_eq!(out[3].lines, single(&grid, 0.3));
    }

    #[test]
    fn degenerate_grids_give_nothing() {
        for (nx, ny) in [(0, 0), (1, 5), (5, 1)] {
            let grid = Grid::sample(square(1.0), nx, ny, |x, y| x + y);
            assert_eq!(grid.values.len(), nx * ny);
            assert!(iso_lines(&grid, &[0.0])[0].lines.is_empty());
        }
        let flat = Grid::sample(square(1.0), 5, 5, |_, _| 1.0);
        assert!(single(&flat, 1.0).is_empty());
        assert!(auto_levels(&flat, 5).is_empty());
    }

    #[test]
    fn reference_workload_matches_contourpy() {
        // contourpy 1.3 ("serial", LineType.Separate) gives 62 lines of 34206 points in all.
        let grid = Grid::sample(window(-2.0, 2.0, -1.0, 3.0), 400, 400, rosenbrock);
        let out = iso_lines(&grid, &log_levels(0.1, 10f64.powf(3.5), 30));
        let lines: usize = out.iter().map(|iso| iso.lines.len()).sum();
        let points: usize = out.iter().flat_map(|iso| &iso.lines).map(Vec::len).sum();
        assert_eq!((lines, points), (62, 34206));
        for iso in &out {
            for line in &iso.lines {
                assert!(line.len() >= 2);
                for &p in line.iter().step_by(97) {
                    assert_on_edge(&grid, iso.level, p);
                }
            }
        }
    }

    #[test]
    fn sampling_follows_the_documented_layout() {
        let w = window(-2.0, 2.0, -1.0, 3.0);
        let grid = Grid::sample(w, 5, 3, |x, y| 10.0 * x + y);
        assert_eq!(grid.values.len(), 15);
        assert_eq!(grid.values[0], -20.0 - 1.0);
        assert_eq!(grid.values[2 * 5 + 4], 20.0 + 3.0);
        assert_eq!(grid.values[5 + 1], -10.0 + 1.0);
        assert_eq!((grid.x_at(1), grid.y_at(1)), (-1.0, 1.0));
        assert_eq!(grid.min_max(), Some((-21.0, 23.0)));
    }

    #[test]
    fn slow_functions_are_sampled_in_parallel() {
        let threads = std::sync::Mutex::new(std::collections::HashSet::new());
        let slow = |x: f64, y: f64| {
            threads.lock().unwrap().insert(std::thread::current().id());
            (0..300).fold(x + y, |a, k| (a + f64::from(k)).sin())
        };
        let w = window(-2.0, 2.0, -1.0, 3.0);
        let parallel = Grid::sample_parallel(w, 60, 50, slow);
        let used = threads.lock().unwrap().len();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(used > 1, cores > 1, "{used} threads on {cores} cores");
        assert_eq!(parallel, Grid::sample(w, 60, 50, slow));
    }

    #[test]
    fn parallel_sampling_matches_serial() {
        let w = window(-2.0, 2.0, -1.0, 3.0);
        for (nx, ny) in [(300, 201), (7, 5), (1, 20_000), (20_000, 1), (0, 10)] {
            let serial = Grid::sample(w, nx, ny, rosenbrock);
            let parallel = Grid::sample_parallel(w, nx, ny, rosenbrock);
            assert_eq!(serial, parallel, "{nx} x {ny}");
        }
    }

    #[test]
    fn min_max_skips_non_finite() {
        let grid = Grid { window: square(1.0), nx: 2, ny: 2, values: vec![f64::NAN, 3.0, f64::NEG_INFINITY, -1.0] };
        assert_eq!(grid.min_max(), Some((-1.0, 3.0)));
    }

    #[test]
    fn level_spacing() {
        // numpy.logspace(-1, 3.5, 30)[[0, 1, 29]]
        let levels = log_levels(0.1, 10f64.powf(3.5), 30);
        assert_eq!(levels.len(), 30);
        assert_eq!(levels[0], 0.1);
        assert_eq!(levels[29], 10f64.powf(3.5));
        assert!((levels[1] - 0.142_946_133_835_684_47).abs() < 1e-15);
        let ratio = levels[1] / levels[0];
        for w in levels.windows(2) {
            assert!((w[1] / w[0] - ratio).abs() < 1e-12);
        }
        assert_eq!(log_levels(2.0, 8.0, 1), [2.0]);
        assert!(log_levels(0.0, 8.0, 5).is_empty());
        assert!(log_levels(1.0, f64::NAN, 5).is_empty());
        assert!(log_levels(1.0, 8.0, 0).is_empty());
        assert_eq!(linear_levels(0.0, 1.0, 5), [0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(linear_levels(3.0, 1.0, 3), [3.0, 2.0, 1.0]);
        assert_eq!(linear_levels(3.0, 1.0, 1), [3.0]);
        assert!(linear_levels(3.0, 1.0, 0).is_empty());
    }

    #[test]
    fn auto_levels_pick_log_for_losses_spanning_decades() {
        let grid = Grid::sample(window(-2.0, 2.0, -1.0, 3.0), 200, 200, rosenbrock);
        let levels = auto_levels(&grid, 20);
        assert_eq!(levels.len(), 20);
        let (_, max) = grid.min_max().unwrap();
        assert!(levels[0] > 0.0 && levels[19] < max);
        let ratio = levels[1] / levels[0];
        for w in levels.windows(2) {
            assert!((w[1] / w[0] - ratio).abs() < 1e-9);
        }
        // Every auto level of a loss surface is drawn.
        assert!(iso_lines(&grid, &levels).iter().all(|iso| !iso.lines.is_empty()));

        // A narrow positive range, and one with negative values, are spaced linearly.
        for offset in [10.0, -1.0] {
            let grid = Grid::sample(square(1.0), 50, 50, |x, y| x * x + y * y + offset);
            let levels = auto_levels(&grid, 8);
            assert_eq!(levels.len(), 8);
            let (min, max) = grid.min_max().unwrap();
            let step = (max - min) / 9.0;
            for (k, &l) in levels.iter().enumerate() {
                assert!((l - (min + (k + 1) as f64 * step)).abs() < 1e-12);
            }
        }
        assert!(auto_levels(&grid, 0).is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Every output point is on a grid edge where the samples interpolate to the level,
        /// every such edge (next to a cell without holes) gives exactly one point, every line
        /// has two points or more, and lines close only on themselves.
        #[test]
        fn points_interpolate_to_their_level(
            quad in prop::array::uniform6(-3.0f64..3.0),
            wave in prop::array::uniform4(-4.0f64..4.0),
            nx in 2usize..30,
            ny in 2usize..30,
            fractions in prop::collection::vec(0.0f64..1.0, 1..5),
            x0 in -3.0f64..3.0,
            y0 in -3.0f64..3.0,
            size in 0.1f64..5.0,
            holes in prop::collection::vec(0usize..1000, 0..4),
        ) {
            let f = |x: f64, y: f64| {
                quad[0] + quad[1] * x + quad[2] * y + quad[3] * x * x + quad[4] * y * y
                    + quad[5] * x * y
                    + wave[0] * (wave[1] * x + wave[2] * y + wave[3]).sin()
            };
            let mut grid = Grid::sample(window(x0, x0 + size, y0, y0 + size), nx, ny, f);
            for h in holes {
                grid.values[h % (nx * ny)] = f64::NAN;
            }
            let Some((min, max)) = grid.min_max() else {
                return Ok(());
            };
            let levels: Vec<f64> = fractions.iter().map(|t| min + t * (max - min)).collect();
            let (dx, dy) = (grid.x_at(1) - grid.x_at(0), grid.y_at(1) - grid.y_at(0));
            for iso in iso_lines(&grid, &levels) {
                let mut vertices = 0;
                for line in &iso.lines {
                    prop_assert!(line.len() >= 2);
                    let closed = line.first() == line.last();
                    let distinct = if closed { line.len() - 1 } else { line.len() };
                    prop_assert!(!closed || distinct >= 3);
                    vertices += distinct;
                    for &p in line {
                        assert_on_edge(&grid, iso.level, p);
                    }
                    // Consecutive points are on edges of one cell.
                    for s in line.windows(2) {
                        prop_assert!((s[1][0] - s[0][0]).abs() <= dx * (1.0 + 1e-9));
                        prop_assert!((s[1][1] - s[0][1]).abs() <= dy * (1.0 + 1e-9));
                    }
                }
                // Every grid edge that crosses the level and borders a cell with four finite
                // corners is a vertex of exactly one line.
                let value = |i: usize, j: usize| grid.values[j * nx + i];
                let whole = |i: usize, j: usize| {
                    [(i, j), (i + 1, j), (i, j + 1), (i + 1, j + 1)]
                        .iter()
                        .all(|&(a, b)| value(a, b).is_finite())
                };
                let crosses = |a: f64, b: f64| {
                    a.is_finite() && b.is_finite() && (a >= iso.level) != (b >= iso.level)
                };
                let mut crossed = 0;
                for j in 0..ny {
                    for i in 0..nx {
                        if i + 1 < nx
                            && crosses(value(i, j), value(i + 1, j))
                            && ((j > 0 && whole(i, j - 1)) || (j + 1 < ny && whole(i, j)))
                        {
                            crossed += 1;
                        }
                        if j + 1 < ny
                            && crosses(value(i, j), value(i, j + 1))
                            && ((i > 0 && whole(i - 1, j)) || (i + 1 < nx && whole(i, j)))
                        {
                            crossed += 1;
                        }
                    }
                }
                prop_assert_eq!(vertices, crossed);
            }
        }
    }
}
