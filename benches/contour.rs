//! The reference contour workload: Rosenbrock's function on a 400 × 400 grid over
//! x ∈ [-2, 2], y ∈ [-1, 3] with the 30 levels `log_levels(0.1, 10^3.5, 30)`.
//! (contourpy 1.3's serial generator took about 22 ms for the same 62 lines of 34206 points on
//! the machine this was written on.)

use criterion::{criterion_group, criterion_main, Criterion};
use optiviz::plot::contour::{iso_lines, log_levels, Grid, Window};
use std::hint::black_box;

/// Rosenbrock's banana function, the reference loss surface.
fn rosenbrock(x: f64, y: f64) -> f64 {
    (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2)
}

/// The reference window.
const WINDOW: Window = Window { x_min: -2.0, x_max: 2.0, y_min: -1.0, y_max: 3.0 };

/// Benchmarks tracing the reference levels, and sampling the reference grid.
fn reference(c: &mut Criterion) {
    let grid = Grid::sample(WINDOW, 400, 400, rosenbrock);
    let levels = log_levels(0.1, 10f64.powf(3.5), 30);
    let out = iso_lines(&grid, &levels);
    let lines: usize = out.iter().map(|iso| iso.lines.len()).sum();
    let vertices: usize = out.iter().flat_map(|iso| &iso.lines).map(Vec::len).sum();
    eprintln!("reference workload: {lines} polylines, {vertices} vertices");

    c.bench_function("iso_lines rosenbrock 400x400, 30 log levels", |b| {
        b.iter(|| iso_lines(black_box(&grid), black_box(&levels)))
    });
    c.bench_function("sample rosenbrock 400x400", |b| b.iter(|| Grid::sample(black_box(WINDOW), 400, 400, rosenbrock)));
    c.bench_function("sample_parallel rosenbrock 400x400", |b| {
        b.iter(|| Grid::sample_parallel(black_box(WINDOW), 400, 400, rosenbrock))
    });
}

criterion_group!(benches, reference);
criterion_main!(benches);
