//! The loss landscape of a network (SPEC 8c) through the library: the plane
//! is orthonormal and matches an independent SVD, the paths are the
//! projections, the grid is the loss at its points, and a random plane is
//! filter-normalised.

use std::sync::atomic::{AtomicUsize, Ordering};

use optiviz::nn::dataset::moons;
use optiviz::nn::landscape::{
    project, Axes, Landscape, LandscapeError, LandscapeSettings, ParamPaths, Plane, PlaneKind, MAX_RECORDED,
};
use optiviz::nn::{Problem, Training, Workspace};
use optiviz::{RunSpec, Schedule};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The component of largest magnitude, the first of those equal to within
/// a relative 1e-9 (a two-class softmax moves its output weights in ± pairs).
fn largest_component(v: &[f64]) -> f64 {
    let largest = v.iter().fold(0.0, |m: f64, x| m.max(x.abs()));
    *v.iter().find(|x| x.abs() >= largest * (1.0 - 1e-9)).unwrap()
}

fn problem() -> Problem {
    Problem::seeded(moons(120, 0.1, 2), &[6], 1, None)
}

fn training(optimizers: &[&str]) -> Training {
    let spec = |text: &&str| RunSpec { optimizer: text.parse().unwrap(), schedule: Schedule::Constant };
    Training::new(problem(), optimizers.iter().map(spec).collect())
}

/// Three optimizers' paths over 30 epochs on the moons.
fn recorded() -> (Training, ParamPaths) {
    let mut training = training(&["sgd:lr=0.5", "momentum:lr=0.1", "adam:lr=0.02"]);
    let paths = ParamPaths::record(&mut training, 30, &|| true).unwrap();
    (training, paths)
}

/// Paths of random numbers: `runs` runs of `epochs` epochs of `parameters`.
fn random_paths(runs: usize, epochs: usize, parameters: usize, seed: u64) -> ParamPaths {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let values = (0..runs * (epochs + 1) * parameters).map(|_| rng.random_range(-1.0..1.0)).collect();
    ParamPaths::from_values((0..runs).map(|r| format!("run{r}")).collect(), epochs, parameters, values)
}

#[test]
fn recording_keeps_every_epoch_of_every_run_as_training_alone_would() {
    let (_, paths) = recorded();
    assert_eq!((paths.labels().len(), paths.epochs(), paths.parameters()), (3, 30, 2 * 6 + 6 + 6 * 2 + 2));
    let mut alone = training(&["momentum:lr=0.1"]);
    assert_eq!(paths.point(1, 0), alone.runs()[0].params(), "epoch 0 is the starting weights");
    alone.advance(17);
    assert_eq!(paths.point(1, 17), alone.runs()[0].params());
    alone.advance(13);
    assert_eq!(paths.point(1, 30), alone.runs()[0].params());
    assert_ne!(paths.point(0, 30), paths.point(2, 30));
}

#[test]
fn the_pca_plane_is_orthonormal_and_its_shares_sum_to_at_most_one() {
    let (_, paths) = recorded();
    let displacements = paths.clone().into_displacements();
    assert_eq!(displacements.center, paths.point(0, 30), "centred on the first run's end");
    let plane = Plane::pca(&displacements).unwrap();
    assert!((dot(&plane.d1, &plane.d1) - 1.0).abs() < 1e-12);
    assert!((dot(&plane.d2, &plane.d2) - 1.0).abs() < 1e-12);
    assert!(dot(&plane.d1, &plane.d2).abs() < 1e-12);
    let [e1, e2] = plane.explained.unwrap();
    assert!(e1 >= e2 && e2 > 0.0 && e1 + e2 <= 1.0 + 1e-12, "{e1} {e2}");
    for d in [&plane.d1, &plane.d2] {
        assert!(largest_component(d) > 0.0, "the largest-magnitude component is positive");
    }
}

/// The leading right singular vectors and shares by nalgebra's SVD, signed
/// by the convention.
fn reference_pca(paths: &ParamPaths) -> ([Vec<f64>; 2], [f64; 2]) {
    let d = paths.clone().into_displacements();
    let m = nalgebra::DMatrix::from_row_slice(d.row_count(), d.parameters(), d.matrix());
    let svd = m.svd(false, true);
    let v_t = svd.v_t.unwrap();
    let mut order: Vec<usize> = (0..svd.singular_values.len()).collect();
    order.sort_by(|&a, &b| svd.singular_values[b].total_cmp(&svd.singular_values[a]));
    let total: f64 = svd.singular_values.iter().map(|s| s * s).sum();
    let vector = |k: usize| {
        let v: Vec<f64> = v_t.row(order[k]).iter().copied().collect();
        let sign = largest_component(&v).signum();
        v.iter().map(|x| x * sign).collect::<Vec<f64>>()
    };
    let share = |k: usize| svd.singular_values[order[k]].powi(2) / total;
    ([vector(0), vector(1)], [share(0), share(1)])
}

#[test]
fn pca_agrees_with_an_independent_svd_on_either_side_of_the_gram_matrix() {
    // Fewer rows than parameters (the rows' Gram matrix), more rows than
    // parameters (the parameters'), and a real training's paths.
    for paths in [random_paths(2, 4, 25, 1), random_paths(3, 6, 10, 2), recorded().1] {
        let plane = Plane::pca(&paths.clone().into_displacements()).unwrap();
        let ([v1, v2], shares) = reference_pca(&paths);
        for (mine, theirs) in [(&plane.d1, &v1), (&plane.d2, &v2)] {
            let error = mine.iter().zip(theirs).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
            assert!(error < 1e-9, "{} parameters: direction off by {error}", paths.parameters());
        }
        let explained = plane.explained.unwrap();
        for (mine, theirs) in explained.iter().zip(shares) {
            assert!((mine - theirs).abs() < 1e-12, "share {mine} vs {theirs}");
        }
    }
}

#[test]
fn paths_on_the_plane_are_the_projections_of_the_displacements() {
    let (_, paths) = recorded();
    for kind in [PlaneKind::Pca, PlaneKind::Random] {
        let displacements = paths.clone().into_displacements();
        let plane = Plane::new(kind, &displacements, &problem().mlp, 7).unwrap();
        let projected = project(&plane, &displacements);
        assert_eq!(projected.len(), 3);
        assert_eq!(projected[2].optimizer, "adam");
        let end = projected[0].points[30];
        assert!(end[0].abs() < 1e-12 && end[1].abs() < 1e-12, "the first run ends at the centre");
        for (run, path) in projected.iter().enumerate() {
            assert_eq!(path.points.len(), 31);
            for epoch in [0, 9, 30] {
                let x: Vec<f64> =
                    paths.point(run, epoch).iter().zip(&displacements.center).map(|(t, c)| t - c).collect();
                let [a, b] = path.points[epoch];
                // The residual x − (a·d1 + b·d2) is orthogonal to the plane:
                // the dot products for PCA, least squares for random.
                let residual: Vec<f64> =
                    x.iter().zip(&plane.d1).zip(&plane.d2).map(|((x, p), q)| x - a * p - b * q).collect();
                let scale = dot(&x, &x).sqrt() * dot(&plane.d1, &plane.d1).sqrt().max(dot(&plane.d2, &plane.d2).sqrt());
                for d in [&plane.d1, &plane.d2] {
                    assert!(dot(&residual, d).abs() <= 1e-10 * scale.max(1.0), "{kind:?} run {run} epoch {epoch}");
                }
                if kind == PlaneKind::Pca {
                    assert_eq!([a, b], [dot(&x, &plane.d1), dot(&x, &plane.d2)]);
                }
            }
        }
    }
}

#[test]
fn a_random_plane_is_seeded_and_filter_normalised_with_zero_biases() {
    let (training, paths) = recorded();
    let mlp = &training.problem().mlp;
    let center = paths.into_displacements().center;
    let plane = Plane::random(mlp, &center, 3);
    assert_eq!(plane, Plane::random(mlp, &center, 3));
    assert_ne!(plane.d1, Plane::random(mlp, &center, 4).d1);
    assert_ne!(plane.d1, plane.d2);
    assert!(plane.explained.is_none());
    // Layers 2→6 and 6→2: weights [in][out] row-major, then biases.
    assert_eq!(mlp.sizes(), [2, 6, 2]);
    let mut offset = 0;
    for pair in mlp.sizes().windows(2) {
        let (inputs, outputs) = (pair[0], pair[1]);
        for unit in 0..outputs {
            let norm = |v: &[f64]| (0..inputs).map(|i| v[offset + i * outputs + unit].powi(2)).sum::<f64>().sqrt();
            for d in [&plane.d1, &plane.d2] {
                assert!((norm(d) - norm(&center)).abs() <= 1e-12 * norm(&center), "layer at {offset}, unit {unit}");
            }
        }
        offset += inputs * outputs;
        let biases = |d: &[f64]| d[offset..offset + outputs].to_vec();
        assert!(biases(&plane.d1).iter().chain(&biases(&plane.d2)).all(|b| *b == 0.0));
        offset += outputs;
    }
    assert_eq!(offset, center.len());
}

#[test]
fn the_grid_is_the_training_loss_at_its_points() {
    let (training, paths) = recorded();
    let problem = training.problem();
    for (plane, span) in [(PlaneKind::Pca, None), (PlaneKind::Random, Some(0.5))] {
        let settings = LandscapeSettings { plane, grid: 7, span, seed: 5 };
        let landscape = Landscape::compute(problem, paths.clone(), &settings, &|| true).unwrap();
        let axes = &landscape.axes;
        assert_eq!((axes.alpha.len(), axes.beta.len(), landscape.loss.len()), (7, 7, 49));
        assert_eq!(axes.alpha[3], 0.0, "the centre is a grid point");
        let far = |axis: usize| {
            let points = landscape.paths.iter().flat_map(|p| &p.points);
            points.map(|p| p[axis].abs()).fold(0.0, f64::max)
        };
        let spans = span.map_or([1.25 * far(0), 1.25 * far(1)], |s| [s, s]);
        assert_eq!((axes.alpha[0], axes.alpha[6], axes.beta[6]), (-spans[0], spans[0], spans[1]));
        let mut workspace = Workspace::default();
        for (i, j) in [(0, 0), (3, 3), (6, 2), (1, 5)] {
            let point: Vec<f64> = (0..landscape.center.len())
                .map(|k| {
                    landscape.center[k] + axes.alpha[i] * landscape.plane.d1[k] + axes.beta[j] * landscape.plane.d2[k]
                })
                .collect();
            let direct = problem.mlp.loss(&point, &problem.dataset, &problem.split.train, &mut workspace);
            assert_eq!(landscape.loss_at(i, j), direct, "{plane:?} at ({i}, {j})");
        }
        let centre = problem.mlp.loss(&landscape.center, &problem.dataset, &problem.split.train, &mut workspace);
        assert_eq!(landscape.loss_at(3, 3), centre);
        assert!(landscape.loss.iter().all(|l| l.is_finite() && *l > 0.0));
    }
}

#[test]
fn computing_asks_to_proceed_once_per_row_and_stops_when_told() {
    let (training, paths) = recorded();
    let settings = LandscapeSettings { grid: 9, ..LandscapeSettings::default() };
    let asked = AtomicUsize::new(0);
    let count = || asked.fetch_add(1, Ordering::Relaxed) < usize::MAX;
    Landscape::compute(training.problem(), paths.clone(), &settings, &count).unwrap();
    assert_eq!(asked.load(Ordering::Relaxed), 9);
    let stop = || asked.fetch_add(1, Ordering::Relaxed) < 12;
    let outcome = Landscape::compute(training.problem(), paths, &settings, &stop);
    assert_eq!(outcome, Err(LandscapeError::Cancelled));
    let mut again = training;
    assert_eq!(ParamPaths::record(&mut again, 5, &|| false), Err(LandscapeError::Cancelled));
}

#[test]
fn a_landscape_refuses_what_it_cannot_draw() {
    let mut wild = training(&["sgd:lr=0.1", "sgd:lr=1e300,label=wild"]);
    let error = ParamPaths::record(&mut wild, 5, &|| true).unwrap_err();
    assert!(matches!(&error, LandscapeError::Diverged { optimizer, run: 1, epoch: 1, .. } if optimizer == "wild"));
    assert!(error.to_string().starts_with("wild (run 1) diverged at epoch 1"), "{error}");
    let too_many = ParamPaths::check_size(10, 1_000_000, 100).unwrap_err();
    assert!(too_many.to_string().contains(&MAX_RECORDED.to_string()), "{too_many}");
    assert!(ParamPaths::check_size(4, 100, 337).is_ok());
    assert_eq!(Axes::new(2, [1.0, 1.0]), Err(LandscapeError::Grid(2)));
    assert_eq!(Axes::new(402, [1.0, 1.0]), Err(LandscapeError::Grid(402)));
    assert_eq!(Axes::new(3, [1.0, 0.0]), Err(LandscapeError::Span(0.0)));
    assert_eq!(Axes::new(3, [2.0, 1.0]).unwrap().alpha, [-2.0, 0.0, 2.0]);
    // One run of one epoch: two points, one direction.
    let mut short = training(&["sgd:lr=0.1"]);
    let paths = ParamPaths::record(&mut short, 1, &|| true).unwrap();
    let flat = Landscape::compute(short.problem(), paths, &LandscapeSettings::default(), &|| true);
    assert_eq!(flat, Err(LandscapeError::Flat));
}
