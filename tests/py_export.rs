//! `optiviz export --format py`: the script, run by `python3` with PyTorch,
//! prints the CSV `--format csv` prints, to 1e-9 relative, for the race
//! presets, for scenes of every optimizer on several surfaces and on the
//! data surfaces (against `optiviz trace`), and for network scenes (the
//! presets and every optimizer on small networks, the accuracies exactly).
//! Where torch is not importable (CI) the comparisons are skipped with a
//! message; the command line's failures are checked everywhere.
//!
//! Run the comparisons: `pip install torch`, then `cargo test --test py_export`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Largest relative difference allowed between optiviz and the script.
const TOLERANCE: f64 = 1e-9;

/// Largest relative difference allowed for a network whose passes are f32:
/// torch's and optiviz's single-precision matrix products sum in different
/// orders, and each ulp of f32 is 6e-8.
const F32_TOLERANCE: f64 = 1e-5;

/// Largest relative difference allowed for L-BFGS training a network:
/// torch.optim.LBFGS takes its dot products of the long parameter vectors
/// in another order than optiviz, and near convergence it divides by them.
/// SPEC 8 asks 1e-6 of a training.
const LBFGS_TOLERANCE: f64 = 1e-6;

/// The column of a training record that must agree exactly: test_accuracy.
const ACCURACY: usize = 5;

fn optiviz() -> Command {
    match Command::cargo_bin("optiviz") {
        Ok(command) => command,
        Err(e) => panic!("the optiviz binary is built by cargo test: {e}"),
    }
}

/// Whether `python3 -c "import torch"` works here; says so when it does not.
fn torch_importable() -> bool {
    let works = Process::new("python3").args(["-c", "import torch"]).output().is_ok_and(|out| out.status.success());
    if !works {
        eprintln!("skipped: torch not importable by python3 (pip install torch, then cargo test --test py_export)");
    }
    works
}

/// Exports `scene` as CSV and as a script, runs the script and returns
/// (optiviz's CSV, the script's CSV, optiviz's stderr, the script's stderr).
fn both(scene: &Path, dir: &Path) -> Result<(String, String, String, String), Box<dyn std::error::Error>> {
    let stem = scene.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (csv, script) = (dir.join(format!("{stem}.csv")), dir.join(format!("{stem}.py")));
    let exported =
        optiviz().args(["export", "--format", "csv", "--scene"]).arg(scene).arg("--out").arg(&csv).output()?;
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    optiviz().args(["export", "--format", "py", "--scene"]).arg(scene).arg("--out").arg(&script).assert().success();
    let run = Process::new("python3").arg(&script).output()?;
    assert!(run.status.success(), "{}: {}", script.display(), String::from_utf8_lossy(&run.stderr));
    Ok((
        fs::read_to_string(csv)?,
        String::from_utf8(run.stdout)?,
        String::from_utf8(exported.stderr)?,
        String::from_utf8(run.stderr)?,
    ))
}

/// Checks two trace CSVs row by row: the same rows, the same labels and
/// steps, every number within [`TOLERANCE`] relative; returns the worst.
fn compare(name: &str, expected: &str, actual: &str) -> f64 {
    compare_within(name, expected, actual, TOLERANCE, None)
}

/// Checks two CSVs row by row: the same rows, the same first three fields
/// (run, label, step or epoch), the field in column `exact` the same text,
/// every other number within `tolerance` relative; returns the worst.
fn compare_within(name: &str, expected: &str, actual: &str, tolerance: f64, exact: Option<usize>) -> f64 {
    let (expected, actual): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    assert_eq!(expected.len(), actual.len(), "{name}: the number of rows");
    let mut worst: f64 = 0.0;
    for (e, a) in expected.iter().zip(&actual) {
        let (e, a): (Vec<&str>, Vec<&str>) = (e.split(',').collect(), a.split(',').collect());
        assert_eq!(e[..3], a[..3], "{name}: run, label and step");
        if let Some(column) = exact {
            assert_eq!(e.get(column), a.get(column), "{name}: column {column} of {e:?} against {a:?}");
        }
        for (x, y) in e[3..].iter().zip(&a[3..]).filter(|(x, y)| x != y) {
            let (x, y): (f64, f64) = (x.parse().unwrap_or(f64::NAN), y.parse().unwrap_or(f64::NAN));
            let relative = (x - y).abs() / x.abs().max(y.abs());
            assert!(relative <= tolerance, "{name}: {e:?} against {a:?}");
            worst = worst.max(relative);
        }
    }
    worst
}

/// The presets in assets/scenes: the network scenes (they hold a
/// `dataset`) or the races.
fn presets(networks: bool) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenes");
    let mut paths: Vec<PathBuf> =
        fs::read_dir(dir).map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    paths.retain(|p| {
        p.extension().is_some_and(|e| e == "toml")
            && fs::read_to_string(p).is_ok_and(|text| text.lines().any(|l| l.starts_with("dataset")) == networks)
    });
    paths.sort();
    paths
}

#[test]
fn every_race_preset_runs_in_pytorch_to_the_same_numbers() -> TestResult {
    if !torch_importable() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    for scene in presets(false) {
        let name = scene.display().to_string();
        let (expected, actual, expected_err, actual_err) = both(&scene, dir.path())?;
        let worst = compare(&name, &expected, &actual);
        assert_eq!(expected_err, actual_err, "{name}: the divergence warnings");
        eprintln!("{name}: worst relative difference {worst:.1e}");
    }
    Ok(())
}

/// Every optimizer, in several settings, with their forms.
const OPTIMIZERS: [&str; 50] = [
    "sgd:lr=0.001,weight_decay=0.01",
    "momentum:lr=0.001,dampening=0.3",
    "momentum:lr=0.001,form=ema",
    "nesterov:lr=0.001",
    "nesterov:lr=0.001,form=lookahead,weight_decay=0.01",
    "adagrad:lr=0.1,lr_decay=0.01",
    "rmsprop:lr=0.005,alpha=0.9",
    "rmsprop:lr=0.001,centered=true,momentum=0.5",
    "adam:lr=0.01",
    "adam:lr=0.01,amsgrad=true,weight_decay=0.1",
    "adamw:lr=0.01",
    "nadam:lr=0.01",
    "radam:lr=0.01",
    "adamax:lr=0.01",
    "adadelta",
    "lion:lr=0.001",
    "lion:lr=0.001,weight_decay=0.1",
    "adabelief:lr=0.01",
    "adabelief:lr=0.01,nesterov=true",
    "yogi",
    "adan:lr=0.01,weight_decay=0.01",
    "lamb:lr=0.01",
    "ademamix:lr=0.01,weight_decay=0.01",
    "adopt:lr=0.01",
    "adopt:lr=0.01,nesterov=true,use_clipping=false",
    "novograd:lr=0.01",
    "novograd:lr=0.01,weight_decay=0.01",
    "fromage:lr=0.05",
    "qhm:lr=0.001,momentum=0.9,nu=0.7",
    "qhm:lr=0.001,momentum=0.9,weight_decay=0.01,weight_decouple=true",
    "qhadam:lr=0.01,nu1=0.7,nu2=0.9,weight_decay=0.01",
    "rprop",
    "asgd:lr=0.001,t0=50,weight_decay=0.01",
    "adafactor:lr=0.1",
    "polyak_sgd",
    "polyak_sgd:lr=0.5,variant=sps_plus",
    "prodigy",
    "prodigy:weight_decay=0.01,safeguard_warmup=true",
    "lookahead:lr=0.01",
    "lookahead:lr=0.01,reset_state=true,sync_period=3",
    "sam:lr=0.001",
    "sam:lr=0.001,momentum=0.9,sync_period=3",
    "schedule_free_adamw:lr=0.01",
    "schedule_free_adamw:lr=0.01,weight_decay=0.01",
    "newton",
    "newton:lr=0.5,damping=0.1",
    "lbfgs",
    "lbfgs:line_search=strong_wolfe",
    "lbfgs:lr=0.5,history_size=3,max_iter=5",
    "lbfgs:line_search=strong_wolfe,max_iter=4",
];

/// A test scene: its name, surface, start, schedule (empty: constant) and runs.
type Case<'a> = (&'a str, &'a str, [f64; 2], &'a str, &'a [&'a str]);

/// A scene of `optimizers` on `surface` from `start`, each with `schedule`.
fn scene_text(surface: &str, start: [f64; 2], steps: usize, schedule: &str, optimizers: &[&str]) -> String {
    let head = format!("surface = \"{surface}\"\nstart = [{:?}, {:?}]\nsteps = {steps}\n", start[0], start[1]);
    head + &runs_text(schedule, optimizers)
}

/// A scene's runs: one per optimizer, each with `schedule` (empty: constant).
fn runs_text(schedule: &str, optimizers: &[&str]) -> String {
    let mut text = String::new();
    for optimizer in optimizers {
        text.push_str(&format!("\n[[runs]]\noptimizer = \"{optimizer}\"\n"));
        if !schedule.is_empty() {
            text.push_str(&format!("schedule = \"{schedule}\"\n"));
        }
    }
    text
}

#[test]
fn every_optimizer_on_several_surfaces_and_schedules_runs_to_the_same_numbers() -> TestResult {
    if !torch_importable() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let without_newton: Vec<&str> = OPTIMIZERS.iter().copied().filter(|o| !o.starts_with("newton")).collect();
    let cases: [Case<'_>; 8] = [
        ("rosenbrock", "rosenbrock", [-1.0, 1.0], "", &OPTIMIZERS),
        ("bowl", "bowl:kappa=10,angle=30", [-4.0, 3.0], "cosine:t_max=300,min_factor=0.05", &OPTIMIZERS),
        ("himmelblau", "himmelblau", [0.5, -1.0], "step:step_size=50,gamma=0.5", &OPTIMIZERS),
        ("saddle", "saddle:a=1.5,b=0.001", [1.0, 1e-3], "warmup_cosine:warmup=30,t_max=300", &OPTIMIZERS),
        ("rastrigin", "rastrigin", [2.3, -1.7], "exponential:gamma=0.99", &OPTIMIZERS),
        ("goldstein_price", "goldstein_price", [-0.6, 0.4], "", &OPTIMIZERS),
        ("formula", "expr:f=x^2 + 3*sin(y)", [2.0, 2.0], "", &without_newton),
        (
            "formula_many",
            "expr:f=sqrt(x^2+y^2+1) + abs(x) - min(x,y)*cos(x*y)/(2+tanh(y)) + x^4/4 + exp(-x^2)*ln(2+x^2)",
            [1.5, 1.2],
            "",
            &without_newton,
        ),
    ];
    for (name, surface, start, schedule, optimizers) in cases {
        let path = dir.path().join(format!("{name}.toml"));
        fs::write(&path, scene_text(surface, start, 300, schedule, optimizers))?;
        let (expected, actual, expected_err, actual_err) = both(&path, dir.path())?;
        let worst = compare(name, &expected, &actual);
        assert_eq!(expected_err, actual_err, "{name}: the divergence warnings");
        eprintln!("{name}: {} runs, worst relative difference {worst:.1e}", optimizers.len());
    }
    Ok(())
}

#[test]
fn every_named_surface_runs_to_the_same_numbers() -> TestResult {
    if !torch_importable() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let optimizers = ["adam:lr=0.01", "lbfgs", "newton", "prodigy", "sam:lr=0.001"];
    for info in optiviz::surface::SURFACES.iter().filter(|info| !info.is_formula()) {
        let name = info.kind.name;
        let surface: optiviz::SurfaceConfig = name.parse()?;
        let start = surface.build()?.start();
        let path = dir.path().join(format!("{name}.toml"));
        fs::write(&path, scene_text(name, start, 200, "", &optimizers))?;
        let (expected, actual, expected_err, actual_err) = both(&path, dir.path())?;
        compare(name, &expected, &actual);
        assert_eq!(expected_err, actual_err, "{name}: the divergence warnings");
    }
    Ok(())
}

/// `optiviz trace` of `optimizers` on `surface` from `start` for `steps` steps.
fn trace(
    surface: &str,
    start: [f64; 2],
    steps: usize,
    optimizers: &[&str],
) -> Result<String, Box<dyn std::error::Error>> {
    let mut command = optiviz();
    command.args(["trace", "--surface", surface, "--start", &format!("{:?},{:?}", start[0], start[1])]);
    command.args(["--steps", &steps.to_string()]);
    for optimizer in optimizers {
        command.args(["--optimizer", optimizer]);
    }
    let output = command.output()?;
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    Ok(String::from_utf8(output.stdout)?)
}

#[test]
fn data_surfaces_run_in_pytorch_to_the_numbers_of_trace() -> TestResult {
    if !torch_importable() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/data");
    let optimizers = ["sgd:lr=0.05", "momentum:lr=0.02", "adam:lr=0.05", "lamb:lr=0.05", "lbfgs", "newton"];
    let cases = [
        ("linreg", "linreg:n=200,noise=0.8,seed=3".to_owned(), [-2.0, 3.0]),
        ("linreg_file", format!("linreg:data={}", data.join("linreg.csv").display()), [0.5, -1.0]),
        ("logreg", "logreg:n=300,noise=1.5,seed=5".to_owned(), [2.5, -2.0]),
        ("logreg_file", format!("logreg:data={}", data.join("logreg.csv").display()), [-1.0, 2.0]),
    ];
    for (name, surface, start) in cases {
        let path = dir.path().join(format!("{name}.toml"));
        fs::write(&path, scene_text(&surface, start, 200, "", &optimizers))?;
        let script = dir.path().join(format!("{name}.py"));
        optiviz().args(["export", "--format", "py", "--scene"]).arg(&path).arg("--out").arg(&script).assert().success();
        let run = Process::new("python3").arg(&script).output()?;
        assert!(run.status.success(), "{name}: {}", String::from_utf8_lossy(&run.stderr));
        let worst = compare(name, &trace(&surface, start, 200, &optimizers)?, &String::from_utf8(run.stdout)?);
        eprintln!("{name}: worst relative difference {worst:.1e}");
    }
    Ok(())
}

/// The tolerance for a network scene's losses: [`F32_TOLERANCE`] when its
/// passes are f32, else [`TOLERANCE`].
fn training_tolerance(scene: &str) -> f64 {
    if scene.contains("precision=f32") {
        F32_TOLERANCE
    } else {
        TOLERANCE
    }
}

#[test]
fn every_network_preset_trains_in_pytorch_to_the_same_numbers() -> TestResult {
    if !torch_importable() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let scenes = presets(true);
    assert!(scenes.len() >= 2, "the digits and circles presets");
    for scene in scenes {
        let name = scene.display().to_string();
        let (expected, actual, expected_err, actual_err) = both(&scene, dir.path())?;
        let tolerance = training_tolerance(&fs::read_to_string(&scene)?);
        // Accuracies agree exactly; a regression's R² to the tolerance.
        let exact = expected.lines().next().is_some_and(|header| header.ends_with("test_accuracy"));
        let worst = compare_within(&name, &expected, &actual, tolerance, exact.then_some(ACCURACY));
        assert_eq!(expected_err, actual_err, "{name}: the divergence warnings");
        eprintln!("{name}: worst relative difference {worst:.1e}");
    }
    Ok(())
}

/// A network test scene: its name, data set, model, epochs, schedule
/// (empty: constant), runs, and the tolerance of its losses.
type NetCase<'a> = (&'a str, &'a str, &'a str, usize, &'a str, &'a [&'a str], f64);

/// A network scene of `optimizers` training `model` on `dataset` for
/// `epochs` epochs from seed 5, each with `schedule`.
fn network_text(dataset: &str, model: &str, epochs: usize, schedule: &str, optimizers: &[&str]) -> String {
    let head = format!("dataset = \"{dataset}\"\nmodel = \"{model}\"\nepochs = {epochs}\nseed = 5\n");
    head + &runs_text(schedule, optimizers)
}

#[test]
fn networks_train_in_pytorch_to_the_same_numbers() -> TestResult {
    if !torch_importable() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    // A user's CSV of three features and text classes, trained without test rows.
    let csv = dir.path().join("points.csv");
    let rows: String =
        (0..60).map(|i| format!("{},{},{},{}\n", i % 7, (i * i) % 11, i, ["a", "b", "c"][i % 3])).collect();
    fs::write(&csv, format!("u,v,w,kind\n{rows}"))?;
    let csv_spec = format!("csv:path={},target=kind,test=0", csv.display());
    let torch_free: Vec<&str> =
        OPTIMIZERS.iter().copied().filter(|o| !o.starts_with("newton") && !o.starts_with("lbfgs")).collect();
    let lbfgs: Vec<&str> = OPTIMIZERS.iter().copied().filter(|o| o.starts_with("lbfgs")).collect();
    let (moons, sigmoid) = ("moons:n=120,noise=0.2", "mlp:hidden=6x5,output=sigmoid");
    let cases: [NetCase<'_>; 7] = [
        ("every_optimizer", moons, sigmoid, 40, "", &torch_free, TOLERANCE),
        ("lbfgs", moons, sigmoid, 40, "", &lbfgs, LBFGS_TOLERANCE),
        (
            "circles_cosine",
            "circles:n=150,noise=0.1",
            "mlp:hidden=8",
            60,
            "cosine:t_max=50,min_factor=0.1",
            &["momentum:lr=0.05,momentum=0.9", "adam:lr=0.02", "lion:lr=0.001", "lookahead:lr=0.02,reset_state=true"],
            TOLERANCE,
        ),
        (
            "digits_step",
            "digits:test=0.25",
            "mlp:hidden=16",
            30,
            "step:step_size=10,gamma=0.5",
            &["sgd:lr=0.1", "adam:lr=0.01", "novograd:lr=0.05"],
            TOLERANCE,
        ),
        (
            "csv_without_test_rows",
            &csv_spec,
            "mlp:hidden=5",
            30,
            "",
            &["sgd:lr=0.1", "adamw:lr=0.01", "fromage:lr=0.05"],
            TOLERANCE,
        ),
        (
            "f32_passes",
            "moons:n=100",
            "mlp:hidden=8x8,output=sigmoid,precision=f32",
            40,
            "",
            &["adam:lr=0.01", "rmsprop"],
            F32_TOLERANCE,
        ),
        ("diverging", "moons:n=60", "mlp:hidden=4", 5, "", &["sgd:lr=1e300", "sgd:lr=0.1,label=calm"], TOLERANCE),
    ];
    for (name, dataset, model, epochs, schedule, optimizers, tolerance) in cases {
        let path = dir.path().join(format!("{name}.toml"));
        fs::write(&path, network_text(dataset, model, epochs, schedule, optimizers))?;
        let (expected, actual, expected_err, actual_err) = both(&path, dir.path())?;
        let worst = compare_within(name, &expected, &actual, tolerance, Some(ACCURACY));
        assert_eq!(expected_err, actual_err, "{name}: the divergence warnings");
        assert_eq!(expected_err.contains("sgd diverged at epoch 1: "), name == "diverging", "{name}: {expected_err}");
        eprintln!("{name}: {} runs, worst relative difference {worst:.1e}", optimizers.len());
    }
    Ok(())
}

#[test]
fn activations_penalties_regressions_and_input_features_train_in_pytorch_to_the_same_numbers() -> TestResult {
    if !torch_importable() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let optimizers = ["sgd:lr=0.05", "adam:lr=0.01", "rmsprop:lr=0.005,centered=true"];
    // (name, data set, model, tolerance, whether the score is an accuracy)
    let cases = [
        ("tanh_l1", "moons:n=120,noise=0.2", "mlp:hidden=6x5,activation=tanh,l1=0.001", TOLERANCE, true),
        ("sigmoid_l2", "circles:n=150,noise=0.1", "mlp:hidden=8,activation=sigmoid,l2=0.01", TOLERANCE, true),
        ("linear_both", "digits:test=0.25", "mlp:hidden=8,activation=linear,l1=0.0001,l2=0.001", TOLERANCE, true),
        ("sine_tanh", "sine", "mlp:hidden=16x16,activation=tanh", TOLERANCE, false),
        ("diabetes_l2", "diabetes", "mlp:hidden=16,l2=0.01", TOLERANCE, false),
        ("sine_f32", "sine", "mlp:hidden=8,activation=sigmoid,precision=f32", F32_TOLERANCE, false),
        ("spiral_inputs", "spiral", "mlp:hidden=8,activation=tanh,inputs=x+y+x2+y2+xy+sinx+siny", TOLERANCE, true),
    ];
    for (name, dataset, model, tolerance, accuracy) in cases {
        let path = dir.path().join(format!("{name}.toml"));
        fs::write(&path, network_text(dataset, model, 30, "", &optimizers))?;
        let (expected, actual, expected_err, actual_err) = both(&path, dir.path())?;
        let worst = compare_within(name, &expected, &actual, tolerance, accuracy.then_some(ACCURACY));
        assert_eq!(expected_err, actual_err, "{name}: the divergence warnings");
        eprintln!("{name}: worst relative difference {worst:.1e}");
    }
    Ok(())
}

/// Races whose gradients are drawn: mini-batches and noise, shared and
/// per run, for optimizers that ask for one gradient a step, two (SAM),
/// a Hessian (Newton) or several with their values (L-BFGS), and a run
/// that diverges under noise.
const DRAWN_RACES: [&str; 4] = [
    "surface = \"linreg:n=40,seed=3\"\nstart = [-2.0, 3.0]\nsteps = 60\n[batch]\nsize = 4\nseed = 5\n\
     [[runs]]\noptimizer = \"sgd:lr=0.05\"\n[[runs]]\noptimizer = \"adam:lr=0.1,batch=7\"\n\
     [[runs]]\noptimizer = \"lbfgs:lr=0.5\"\n",
    "surface = \"logreg:n=30,noise=1.5,seed=2\"\nstart = [0.5, -0.5]\nsteps = 25\n[[runs]]\noptimizer = \"newton:lr=0.5,batch=8\"\n\
     [[runs]]\noptimizer = \"sam:lr=0.5,batch=5,noise=0.2\"\n[[runs]]\noptimizer = \"momentum:lr=0.5\"\n",
    "surface = \"rosenbrock\"\nstart = [-1.0, 1.0]\nsteps = 200\n[noise]\nsigma = 0.3\nseed = 11\n\
     [[runs]]\noptimizer = \"adam:lr=0.05\"\n[[runs]]\noptimizer = \"lbfgs:lr=0.3\"\n\
     [[runs]]\noptimizer = \"sgd:lr=0.002,noise=0\"\n",
    "surface = \"bowl\"\nstart = [1.0, 1.0]\nsteps = 600\n[[runs]]\noptimizer = \"sgd:lr=2.5,noise=1\"\n",
];

#[test]
fn drawn_batches_and_noise_run_in_pytorch_to_the_same_numbers() -> TestResult {
    if !torch_importable() {
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    for (i, text) in DRAWN_RACES.iter().enumerate() {
        let scene = dir.path().join(format!("drawn{i}.toml"));
        fs::write(&scene, text)?;
        let name = format!("drawn race {i}");
        let (expected, actual, expected_err, actual_err) = both(&scene, dir.path())?;
        let worst = compare(&name, &expected, &actual);
        assert_eq!(expected_err, actual_err, "{name}: the divergence warnings");
        assert_eq!(expected_err.contains("diverged"), i == 3, "{name}: {expected_err}");
        eprintln!("{name}: worst relative difference {worst:.1e}");
    }
    Ok(())
}

#[test]
fn bad_scenes_outputs_and_network_batches_exit_2_with_one_line_and_no_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("race.py");
    let broken = dir.path().join("broken.toml");
    fs::write(&broken, "surface = \"rosenbrock\"\nsteps = \"many\"\n")?;
    let long = dir.path().join("long.toml");
    fs::write(&long, "surface = \"bowl\"\nsteps = 600000\n[noise]\nsigma = 0.1\n[[runs]]\noptimizer = \"sgd\"\n")?;
    let batched_network = dir.path().join("batched_network.toml");
    fs::write(&batched_network, "dataset = \"moons\"\nepochs = 5\nbatch = 32\n[[runs]]\noptimizer = \"sgd\"\n")?;
    let missing_data = dir.path().join("missing_data.toml");
    fs::write(
        &missing_data,
        "dataset = \"csv:path=no_such.csv,target=y\"\nepochs = 5\n[[runs]]\noptimizer = \"sgd\"\n",
    )?;
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenes/seed003.toml");
    let unwritable = dir.path().join("no/such/dir/race.py");
    for (scene, target, needle) in [
        (&broken, &out, "steps: invalid type"),
        (&long, &out, "too many to write into a script"),
        (&batched_network, &out, "remove the scene's batch key"),
        (&missing_data, &out, "cannot read the data set no_such.csv"),
        (&dir.path().join("missing.toml"), &out, "cannot read"),
        (&seed, &unwritable, "cannot write"),
    ] {
        let assert = optiviz()
            .args(["export", "--format", "py", "--scene"])
            .arg(scene)
            .arg("--out")
            .arg(target)
            .assert()
            .code(2);
        let stderr = String::from_utf8(assert.get_output().stderr.clone())?;
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(needle), "{stderr}");
        assert!(!target.exists(), "{}", target.display());
    }
    Ok(())
}

#[test]
fn a_script_is_written_into_a_directory_under_the_scene_name() -> TestResult {
    let dir = tempfile::tempdir()?;
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenes/seed003.toml");
    let out = format!("{}/", dir.path().display());
    optiviz().args(["export", "--format", "py", "--scene"]).arg(&seed).args(["--out", &out]).assert().success();
    let script = fs::read_to_string(dir.path().join("seed003.py"))?;
    assert!(script.starts_with("#!/usr/bin/env python3\n\"\"\"Rosenbrock: four optimizers"));
    for needle in ["torch.optim.SGD(params, lr=0.001", "torch.optim.RMSprop(", "torch.optim.Adam(", "\"Momentum\""] {
        assert!(script.contains(needle), "{needle}");
    }
    assert!(!script.contains("class PointOptimizer"), "no written-out optimizer, no base class");
    Ok(())
}
