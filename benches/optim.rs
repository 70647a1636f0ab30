//! Criterion benchmarks of the optimizer hot path: one 2-D step of each
//! optimizer on Rosenbrock, and a whole lockstep race.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use optiviz::engine::lockstep::RunSpec;
use optiviz::engine::race::{Simulation, SurfaceOracle};
use optiviz::optim::OPTIMIZERS;
use optiviz::surface::Rosenbrock;
use optiviz::{OptimizerConfig, Schedule};

fn one_step(c: &mut Criterion) {
    let surface = Rosenbrock { a: 1.0, b: 100.0 };
    let mut group = c.benchmark_group("step_2d");
    for info in OPTIMIZERS {
        let config = OptimizerConfig::with_defaults(info);
        let mut optimizer = config.build(2);
        let mut evaluations = 0;
        let mut oracle = SurfaceOracle::new(&surface, &mut evaluations);
        group.bench_function(info.kind.name, |b| {
            b.iter(|| {
                let mut p = [-1.0, 1.0];
                let _ = optimizer.step(black_box(&mut p), black_box(1e-4), &mut oracle);
                p
            })
        });
    }
    group.finish();
}

fn race(c: &mut Criterion) {
    let specs: Vec<RunSpec> = [
        "sgd:lr=0.001",
        "momentum:lr=0.001",
        "nesterov:lr=0.001",
        "adagrad:lr=0.5",
        "rmsprop:lr=0.005",
        "adam:lr=0.01",
        "adamw:lr=0.01",
        "nadam:lr=0.01",
        "radam:lr=0.01",
        "lion:lr=0.001",
    ]
    .iter()
    .map(|s| RunSpec { optimizer: s.parse().unwrap(), schedule: Schedule::Constant })
    .collect();
    let surface = Arc::new(Rosenbrock { a: 1.0, b: 100.0 });
    c.bench_function("race_10x10000_rosenbrock", |b| {
        b.iter(|| {
            let mut sim = Simulation::new(surface.clone(), [-1.0, 1.0], specs.clone(), None);
            sim.advance_to(10_000);
            sim
        })
    });
}

criterion_group!(benches, one_step, race);
criterion_main!(benches);
