//! The seed experiments (SPEC "Seed checks"): the numbers the seed documents
//! printed, reproduced through the library.

use std::sync::Arc;

use optiviz::engine::lockstep::RunSpec;
use optiviz::engine::race::Simulation;
use optiviz::{OptimizerConfig, Schedule, SurfaceConfig};

/// Runs each optimizer spec from `start` for `steps` and returns the final points and losses.
fn race(surface: &str, start: [f64; 2], optimizers: &[&str], steps: usize) -> Vec<([f64; 2], f64)> {
    let surface: SurfaceConfig = surface.parse().unwrap();
    let specs = optimizers
        .iter()
        .map(|o| RunSpec { optimizer: o.parse::<OptimizerConfig>().unwrap(), schedule: Schedule::Constant })
        .collect();
    let mut sim = Simulation::new(Arc::from(surface.build().unwrap()), start, specs, None);
    sim.advance_to(steps);
    sim.runs()
        .iter()
        .map(|run| {
            let t = run.trajectory();
            assert_eq!(t.steps(), steps, "{} stopped early", run.spec().optimizer);
            (*t.points.last().unwrap(), *t.losses.last().unwrap())
        })
        .collect()
}

fn assert_close(actual: f64, expected: f64, relative: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= relative * expected.abs().max(f64::MIN_POSITIVE),
        "{what}: {actual} vs {expected}"
    );
}

#[test]
fn x_squared_twenty_steps_from_five() {
    let finals = race(
        "expr:f=x^2",
        [5.0, 0.0],
        &["sgd:lr=0.1", "momentum:form=ema,momentum=0.9,lr=0.1", "rmsprop:alpha=0.9,lr=0.1", "adam:lr=0.1"],
        20,
    );
    // sgd, momentum and adam agree to the last printed digit; rmsprop follows
    // torch's fused multiply-add, one ulp from the seed's NumPy arithmetic.
    let expected = [0.057646075230342354, -1.3533566908039512, 2.451835572498659, 3.060338887144194];
    for ((point, _), x) in finals.iter().zip(expected) {
        assert_close(point[0], x, 1e-15, "final x");
        assert_eq!(point[1], 0.0);
    }
}

#[test]
fn rosenbrock_five_thousand_steps_from_minus_one_one() {
    let finals = race(
        "rosenbrock",
        [-1.0, 1.0],
        &["sgd:lr=0.001", "momentum:lr=0.001,momentum=0.9", "rmsprop:lr=0.005,alpha=0.9", "adam:lr=0.01"],
        5000,
    );
    let ([x, y], loss) = finals[0];
    assert_close(x, 0.93983, 1e-5, "sgd x");
    assert_close(y, 0.88302, 1e-5, "sgd y");
    assert_close(loss, 3.627e-3, 1e-3, "sgd loss");

    let ([x, y], loss) = finals[1];
    assert_close(x, 1.0, 1e-5, "momentum x");
    assert_close(y, 1.0, 1e-5, "momentum y");
    assert!(loss < 1e-17, "momentum loss {loss}");

    let ([x, y], loss) = finals[2];
    assert_close(x, 0.99736, 1e-5, "rmsprop x");
    assert_close(y, 0.98725, 1e-5, "rmsprop y");
    assert_close(loss, 5.60e-3, 1e-3, "rmsprop loss");

    // Adam reaches the minimum (loss ~1e-19) near step 2000 and then rattles
    // around it at the scale of eps: from there the last digits depend on
    // every rounding, so the seed's (0.999984, 0.999968) is one sample of
    // that cloud (the seed's NumPy formula, √v̂ + eps, ends at (0.99982,
    // 0.99974)). Hold it to the cloud's size...
    let ([x, y], loss) = finals[3];
    assert_close(x, 0.999984, 2e-4, "adam x");
    assert_close(y, 0.999968, 5e-4, "adam y");
    assert!(loss < 1e-5, "adam loss {loss}");
    // ...and to torch's own sample: torch.optim.Adam (2.15, float64, the
    // gradient by autograd) ends 5000 steps at exactly this point.
    assert_close(x, 0.999875873980197, 1e-15, "adam x against torch");
    assert_close(y, 0.9995460385860688, 1e-15, "adam y against torch");
    assert_close(loss, 4.247675844976428e-6, 1e-12, "adam loss against torch");
}
