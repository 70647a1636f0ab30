//! Criterion benchmarks of network training: seed 003's digits network
//! (64-64-10, 200 full-batch Adam epochs from the reference weights) and
//! seed 004's 2-16-16-2 network on 1000 noisy circles (100 epochs: Adam
//! alone, and the seed's loop over four optimizers).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use optiviz::nn::{dataset, Problem, Training};
use optiviz::RunSpec;

#[path = "../tests/common/mod.rs"]
mod common;

/// Trains `problem` for `epochs` full-batch epochs, one run per optimizer
/// spec, the runs together (as `optiviz train` does).
fn train(problem: &Problem, optimizers: &[&str], epochs: usize) -> Training {
    let specs = optimizers
        .iter()
        .map(|text| RunSpec { optimizer: text.parse().expect("valid"), schedule: optiviz::Schedule::Constant })
        .collect();
    let mut training = Training::new(problem.clone(), specs);
    training.advance(epochs);
    training
}

fn digits_seed_003(c: &mut Criterion) {
    let fixture = common::Fixture::load();
    let init = fixture.init(&fixture.cases[0]);
    let problem = Problem::from_init(dataset::digits(), &init, 0, None).expect("the weights fit the digits");
    c.bench_function("train_digits_64-64-10_adam_200_epochs", |b| b.iter(|| train(black_box(&problem), &["adam:lr=0.01"], 200)));
}

fn circles_seed_004(c: &mut Criterion) {
    let problem = Problem::seeded(dataset::circles(1000, 0.03, 42), &[16, 16], 42, None);
    c.bench_function("train_circles_2-16-16-2_adam_100_epochs", |b| {
        b.iter(|| train(black_box(&problem), &["adam:lr=0.01"], 100))
    });
    // The seed's whole loop: four optimizers, 100 epochs each.
    let seed_loop = ["sgd:lr=0.01", "momentum:lr=0.01,momentum=0.9", "rmsprop:lr=0.01", "adam:lr=0.01"];
    c.bench_function("train_circles_seed_004_loop_4_optimizers_100_epochs", |b| {
        b.iter(|| train(black_box(&problem), &seed_loop, 100))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(10));
    targets = digits_seed_003, circles_seed_004
}
criterion_main!(benches);
