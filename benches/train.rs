//! Criterion benchmarks of network training: seed 003's digits network
//! (64-64-10, 200 full-batch Adam epochs from the reference weights) and
//! seed 004's 2-16-16-1 network on 1000 noisy circles (100 epochs: Adam
//! alone, and the seed's loop over four optimizers).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use optiviz::nn::{dataset, Problem, Training};
use optiviz::scene::NetScene;
use optiviz::RunSpec;

#[path = "../tests/common/mod.rs"]
mod common;

/// Trains `problem` with Adam (lr 0.01) for `epochs` full-batch epochs.
fn train_with_adam(problem: &Problem, epochs: usize) -> Training {
    let spec = RunSpec { optimizer: "adam:lr=0.01".parse().expect("valid"), schedule: optiviz::Schedule::Constant };
    train(problem, vec![spec], epochs)
}

/// Trains `problem` for `epochs` epochs with one run per spec, the runs
/// together (as `optiviz train` trains them).
fn train(problem: &Problem, specs: Vec<RunSpec>, epochs: usize) -> Training {
    let mut training = Training::new(problem.clone(), specs);
    training.advance(epochs);
    training
}

fn digits_seed_003(c: &mut Criterion) {
    let fixture = common::Fixture::load();
    let init = fixture.init(&fixture.cases[0]);
    let problem = Problem::from_init(dataset::digits(), &init, 0, None, dataset::DEFAULT_TEST_SHARE)
        .expect("the weights fit the digits");
    c.bench_function("train_digits_64-64-10_adam_200_epochs", |b| b.iter(|| train_with_adam(black_box(&problem), 200)));
}

fn circles_seed_004(c: &mut Criterion) {
    // Seed 004's preset: circles, the 2-16-16-1 network in f32 (as torch), and the seed's four optimizers.
    let scene = NetScene::from_toml(include_str!("../assets/scenes/seed004_circles.toml")).expect("the preset reads");
    let seed_loop = scene.training().expect("the preset trains");
    let problem = seed_loop.problem().clone();
    let specs: Vec<RunSpec> = seed_loop.runs().iter().map(|run| run.spec().clone()).collect();
    c.bench_function("train_circles_2-16-16-1_adam_100_epochs", |b| {
        b.iter(|| train_with_adam(black_box(&problem), 100))
    });
    c.bench_function("train_circles_seed_004_loop_4_optimizers_100_epochs", |b| {
        b.iter(|| train(black_box(&problem), specs.clone(), scene.epochs))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(10));
    targets = digits_seed_003, circles_seed_004
}
criterion_main!(benches);
