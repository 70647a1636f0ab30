//! `optiviz bench`: performance figures measured in-process, each the best
//! of several runs, as text or JSON.

use std::hint::black_box;
use std::time::Instant;

use optiviz::engine::lockstep::RunSpec;
use optiviz::engine::race::SurfaceOracle;
use optiviz::nn::landscape::{Landscape, LandscapeSettings, ParamPaths};
use optiviz::nn::{dataset, Problem, Training};
use optiviz::plot::contour::{iso_lines, log_levels, Grid};
use optiviz::render::export_png;
use optiviz::scene::{NetScene, Scene};
use optiviz::surface::Rosenbrock;
use optiviz::{OptimizerConfig, Schedule, Surface, Window};

use super::export::{DEFAULT_HEIGHT, DEFAULT_WIDTH};
use super::output::print_lines;

mod frame;

/// Arguments of `optiviz bench`.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Print the figures as one JSON object.
    #[arg(long)]
    json: bool,
}

/// One measured figure.
struct Figure {
    name: &'static str,
    value: f64,
    unit: &'static str,
}

/// Runs every benchmark and prints the figures.
pub fn run(args: BenchArgs) -> anyhow::Result<()> {
    let (contour_ms, vertices) = contour_400();
    // Seed 004's preset: circles, the 2-16-16-1 network in f32 (as torch), and the seed's four optimizers.
    let seed004 = NetScene::from_toml(include_str!("../../../assets/scenes/seed004_circles.toml"))?.training()?;
    let figures = [
        Figure { name: "contour_400_ms", value: contour_ms, unit: "ms" },
        Figure { name: "contour_400_vertices", value: vertices as f64, unit: "vertices" },
        Figure { name: "adam_steps_per_s", value: adam_steps_per_second(), unit: "steps/s" },
        Figure { name: "frame_cpu_ms", value: best_ms(5, || frame::frame(10, 100_000, false)), unit: "ms" },
        Figure { name: "frame_30_cpu_ms", value: best_ms(5, || frame::frame(30, 100_000, false)), unit: "ms" },
        Figure { name: "frame_3d_cpu_ms", value: best_ms(5, || frame::frame(10, 100_000, true)), unit: "ms" },
        Figure { name: "scrub_frame_cpu_ms", value: median_ms(31, || frame::scrub_frame(10, 100_000)), unit: "ms" },
        Figure { name: "tuning_longest_frame_ms", value: frame::longest_frame_while_tuning(10, 100_000), unit: "ms" },
        Figure { name: "network_frame_ms", value: median_ms(30, frame::network_frame), unit: "ms" },
        Figure { name: "train_digits_ms", value: train_ms(&adam_alone(digits_problem()), 200, 5), unit: "ms" },
        Figure {
            name: "train_circles_ms",
            value: train_ms(&adam_alone(seed004.problem().clone()), 100, 15),
            unit: "ms",
        },
        Figure { name: "train_circles_seed_ms", value: train_ms(&seed004, 100, 15), unit: "ms" },
        Figure { name: "landscape_41_ms", value: landscape_41_ms(&seed004)?, unit: "ms" },
        Figure { name: "export_seed003_ms", value: export_seed003_ms()?, unit: "ms" },
    ];
    if args.json {
        let object: serde_json::Map<String, serde_json::Value> =
            figures.iter().map(|f| (f.name.to_owned(), serde_json::json!(f.value))).collect();
        print_lines([serde_json::Value::Object(object)])
    } else {
        print_lines(figures.iter().map(|f| format!("{:<22} {:>14.3} {}", f.name, f.value, f.unit)))
    }
}

/// The wall times of `runs` calls of `work`, in milliseconds.
fn times_ms<T>(runs: usize, mut work: impl FnMut() -> T) -> Vec<f64> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(work());
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect()
}

/// The best wall time of `runs` calls of `work`, in milliseconds.
fn best_ms<T>(runs: usize, work: impl FnMut() -> T) -> f64 {
    times_ms(runs, work).into_iter().fold(f64::INFINITY, f64::min)
}

/// The median wall time of `runs` calls of `work`, in milliseconds (for work
/// that changes from call to call, such as frames of a training).
fn median_ms<T>(runs: usize, work: impl FnMut() -> T) -> f64 {
    let mut times = times_ms(runs, work);
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Rosenbrock on 400×400 over [−2, 2] × [−1, 3], 30 iso-lines at
/// logspace(−1, 3.5, 30): the seed notebook's contour work, sampling included.
fn contour_400() -> (f64, usize) {
    let surface = Rosenbrock { a: 1.0, b: 100.0 };
    let window = Window::new(-2.0, 2.0, -1.0, 3.0);
    let levels = log_levels(0.1, 10f64.powf(3.5), 30);
    let work = || {
        let grid = Grid::sample(window, 400, 400, |x, y| surface.value([x, y]));
        iso_lines(&grid, &levels)
    };
    let vertices = work().iter().flat_map(|iso| &iso.lines).map(Vec::len).sum();
    (best_ms(20, work), vertices)
}

/// 2-D Adam steps per second on Rosenbrock, through the optimizer alone.
fn adam_steps_per_second() -> f64 {
    let surface = Rosenbrock { a: 1.0, b: 100.0 };
    let config: OptimizerConfig = "adam:lr=0.01".parse().unwrap_or_else(|e| unreachable!("{e}"));
    let steps = 1_000_000;
    let ms = best_ms(5, || {
        let mut optimizer = config.build(2);
        let mut evaluations = 0;
        let mut oracle = SurfaceOracle::new(&surface, &mut evaluations);
        let mut p = [-1.0, 1.0];
        for _ in 0..steps {
            let _ = optimizer.step(&mut p, 0.01, &mut oracle);
        }
        p
    });
    steps as f64 / (ms / 1e3)
}

/// Seed 003's 64-64-10 network on the digits, He-initialised from seed 0.
fn digits_problem() -> Problem {
    Problem::seeded(dataset::digits(), &[64], 0, None)
}

/// `problem` trained by Adam alone (lr 0.01).
fn adam_alone(problem: Problem) -> Training {
    let spec = RunSpec {
        optimizer: "adam:lr=0.01".parse().unwrap_or_else(|e| unreachable!("{e}")),
        schedule: Schedule::Constant,
    };
    Training::new(problem, vec![spec])
}

/// Milliseconds for `epochs` epochs of every run of `training`, from its
/// start and together (as `optiviz train` trains them), best of `runs`
/// (more for short work, which the shared machine's noise moves more).
fn train_ms(training: &Training, epochs: usize, runs: usize) -> f64 {
    best_ms(runs, || {
        let mut training = afresh(training);
        training.advance(epochs);
        training
    })
}

/// The runs of `training` at their start, on a copy of its problem.
fn afresh(training: &Training) -> Training {
    let specs = training.runs().iter().map(|run| run.spec().clone()).collect();
    Training::new(training.problem().clone(), specs)
}

/// Milliseconds for the default landscape (a 41×41 grid on the PCA plane)
/// of `training`'s runs after 100 epochs, recorded once: the plane, the
/// paths on it and the grid's 1681 training losses, best of 10.
fn landscape_41_ms(training: &Training) -> anyhow::Result<f64> {
    let mut training = afresh(training);
    let paths = ParamPaths::record(&mut training, 100, &|| true)?;
    let settings = LandscapeSettings::default();
    let landscape = || Landscape::compute(training.problem(), paths.clone(), &settings, &|| true);
    // A first landscape shows that it works; the timed ones then cannot fail differently.
    landscape()?;
    Ok(best_ms(10, landscape))
}

/// Milliseconds to simulate the seed003 scene and write its two PNGs at the
/// export's default size (into a temporary directory), best of 3.
fn export_seed003_ms() -> anyhow::Result<f64> {
    let scene = Scene::from_toml(include_str!("../../../assets/scenes/seed003.toml"))?;
    let dir = std::env::temp_dir().join(format!("optiviz-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let export = || -> anyhow::Result<()> {
        let mut sim = scene.simulation()?;
        sim.advance_to(scene.steps);
        export_png(&scene, &sim, &dir.join("seed003.png"), DEFAULT_WIDTH, DEFAULT_HEIGHT, scene.layout)?;
        Ok(())
    };
    // A first export shows that it works; the timed ones then cannot fail differently.
    let outcome = export().map(|()| best_ms(3, export));
    let _ = std::fs::remove_dir_all(&dir);
    outcome
}
