//! Hostile input: what an attacker, or a teacher moving one slider too far,
//! can hand the real binary. Whatever comes in, the command ends with exit
//! 0, or with exit 2 and one line saying what is wrong; it never panics,
//! aborts or hangs, and a failed command leaves every existing file as it
//! was.
//!
//! Each command runs under a watchdog: a process that has not ended after
//! [`WATCHDOG`] is killed and its test fails. The watchdog is far above any
//! command's real time, so it says "this hangs", never "this is slow".
//!
//! The generated cases run [`cases`] times each (24 by default); set
//! `HOSTILE_CASES` for more, e.g. `HOSTILE_CASES=2000 cargo test --release
//! --test hostile`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use proptest::prelude::*;

/// Kills a command that has not ended by then: a hang fails its test.
const WATCHDOG: Duration = Duration::from_secs(120);

/// The command with its arguments, under the watchdog.
fn optiviz(args: &[&str]) -> Command {
    let mut command = Command::cargo_bin("optiviz").expect("the binary is built");
    command.args(args).timeout(WATCHDOG);
    command
}

/// The command for redirections `assert_cmd` does not offer; run it with
/// [`watched`].
fn plain(args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_optiviz"));
    command.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    command
}

/// Starts `command`, lets `before_wait` act on the child (close a pipe),
/// and waits for it under the watchdog; panics if it hung.
fn watched(mut command: std::process::Command, before_wait: impl FnOnce(&mut std::process::Child)) -> Output {
    let mut child = command.spawn().expect("the binary starts");
    before_wait(&mut child);
    let started = std::time::Instant::now();
    while child.try_wait().expect("the child can be waited for").is_none() {
        if started.elapsed() > WATCHDOG {
            let _ = child.kill();
            panic!("{command:?} hung");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("the output can be read")
}

/// Runs `args`; panics if the command hung.
fn run(args: &[&str]) -> Output {
    let output = optiviz(args).output().expect("the binary starts");
    assert!(output.status.code().is_some(), "{args:?} was killed (a hang or a signal): {output:?}");
    output
}

/// Checks the one promise every command keeps: exit 0, or exit 2 with
/// exactly one line starting with `error:` (besides "diverged" notes), and
/// never a panic. Returns the error line, if any.
fn ends_cleanly(args: &[&str], output: &Output) -> Option<String> {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code();
    assert!(!stderr.contains("panicked") && !stderr.contains("memory allocation"), "{args:?}: {stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|line| !line.contains(" diverged at ")).collect();
    match code {
        Some(0) => {
            assert!(errors.is_empty(), "{args:?} succeeded but said {stderr}");
            None
        }
        Some(2) => {
            assert!(errors.len() == 1 && errors[0].starts_with("error"), "{args:?}: exit 2 with {stderr:?}");
            Some(errors[0].to_owned())
        }
        other => panic!("{args:?} ended with {other:?}: {stderr}"),
    }
}

/// Runs `args` and expects exit 2 with an error line containing `needle`.
fn fails_with(args: &[&str], needle: &str) {
    let output = run(args);
    let error = ends_cleanly(args, &output).unwrap_or_else(|| panic!("{args:?} succeeded"));
    assert!(error.contains(needle), "{args:?}: expected {needle:?} in {error}");
}

/// Runs `args` and expects success.
fn succeeds(args: &[&str]) -> Output {
    let output = run(args);
    assert_eq!(ends_cleanly(args, &output), None, "{args:?}");
    output
}

/// Writes a scene file; returns its path as text.
fn scene_file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, text).expect("the temporary directory is writable");
    path.display().to_string()
}

/// A one-run race scene.
fn race(surface: &str, start: [&str; 2], steps: usize, optimizer: &str) -> String {
    format!(
        "surface = \"{surface}\"\nstart = [{}, {}]\nsteps = {steps}\n[[runs]]\noptimizer = \"{optimizer}\"\n",
        start[0], start[1]
    )
}

/// Exports `scene` as PNG and SVG at a small size and checks that both
/// figures were written and the PNG decodes.
fn exports_figures(dir: &Path, scene: &str) {
    for format in ["png", "svg"] {
        let out = dir.join(format!("out_{format}/"));
        let output = succeeds(&[
            "export",
            "--scene",
            scene,
            "--out",
            &out.display().to_string(),
            "--format",
            format,
            "--width",
            "400",
            "--height",
            "300",
        ]);
        let written = String::from_utf8_lossy(&output.stdout).lines().map(PathBuf::from).collect::<Vec<_>>();
        assert_eq!(written.len(), 2, "{scene}: {written:?}");
        if format == "png" {
            for path in &written {
                let image = image::open(path).expect("a PNG that decodes");
                assert_eq!((image.width(), image.height()), (400, 300));
            }
        }
    }
}

/// The shipped preset `name` with `steps` steps.
fn preset_with_steps(dir: &Path, name: &str, steps: usize) -> String {
    let text = fs::read_to_string(format!("assets/scenes/{name}.toml")).expect("the preset exists");
    let text: String = text
        .lines()
        .map(|line| if line.starts_with("steps = ") { format!("steps = {steps}\n") } else { format!("{line}\n") })
        .collect();
    scene_file(dir, &format!("{name}.toml"), &text)
}

#[test]
fn losses_that_reach_zero_or_a_subnormal_export_as_figures() {
    let dir = tempfile::tempdir().unwrap();
    exports_figures(dir.path(), &preset_with_steps(dir.path(), "bowl_momentum", 5000));
    exports_figures(dir.path(), &preset_with_steps(dir.path(), "saddle_escape", 20000));
    exports_figures(
        dir.path(),
        &scene_file(dir.path(), "zero.toml", &race("expr:f=x^2+y^2", ["1e-160", "0.0"], 17, "sgd:lr=0.1")),
    );
}

#[test]
fn losses_near_the_largest_number_export_as_figures() {
    let dir = tempfile::tempdir().unwrap();
    exports_figures(
        dir.path(),
        &scene_file(dir.path(), "huge.toml", &race("expr:f=exp(x)", ["709", "0"], 5, "sgd:lr=1e-300")),
    );
    exports_figures(
        dir.path(),
        &scene_file(dir.path(), "wide.toml", &race("expr:f=x", ["1e308", "0"], 3, "sgd:lr=1e308")),
    );
    exports_figures(dir.path(), &scene_file(dir.path(), "flat.toml", &race("expr:f=-1e20+0*x", ["1", "1"], 5, "sgd")));
    // The surface's own window, (a ± 1) × (−1, a² + 1), is too wide to draw as it is.
    let far = "surface = \"rosenbrock:a=1.4983153706702835e154\"\nsteps = 1731\n[[runs]]\noptimizer = \"lion\"\n";
    exports_figures(dir.path(), &scene_file(dir.path(), "far.toml", far));
    // A path from 1e44 to 1e87 crosses the view; its clipped ends must stay on it.
    let wild = race("bowl", ["0", "-8.006397698338821"], 3, "sgd:weight_decay=1.897542422896314e45");
    exports_figures(dir.path(), &scene_file(dir.path(), "wild.toml", &wild));
}

#[test]
fn a_view_wider_than_the_largest_number_is_refused_and_a_wide_one_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let view = |edge: &str| {
        format!("surface = \"saddle\"\nsteps = 5\n[view]\nx_min = -{edge}\nx_max = {edge}\ny_min = -{edge}\ny_max = {edge}\n[[runs]]\noptimizer = \"sgd\"\n")
    };
    let too_wide = scene_file(dir.path(), "too_wide.toml", &view("9e307"));
    for format in ["png", "svg", "gif"] {
        fails_with(
            &["export", "--scene", &too_wide, "--out", &dir.path().display().to_string(), "--format", format],
            "view",
        );
    }
    exports_figures(dir.path(), &scene_file(dir.path(), "wide.toml", &view("4e307")));
}

#[test]
fn requests_larger_than_memory_are_refused_before_allocating() {
    let mut args = vec!["train", "--dataset", "digits", "--epochs", "1"];
    args.extend(std::iter::repeat_n(["--optimizer", "adam"], 2000).flatten());
    fails_with(&args, "at most 256 --optimizer flags; 2000 were given");
    let mut args = vec!["train", "--dataset", "digits", "--epochs", "1", "--model", "mlp:hidden=2048x2048"];
    args.extend(std::iter::repeat_n(["--optimizer", "adam"], 20).flatten());
    fails_with(&args, "training 20 network(s) for 1 epoch(s) would take");

    let dir = tempfile::tempdir().unwrap();
    let mut scene = String::from("dataset = \"digits\"\nepochs = 1\n");
    scene.extend(std::iter::repeat_n("[[runs]]\noptimizer = \"adam\"\n", 10_000));
    let scene = scene_file(dir.path(), "many.toml", &scene);
    fails_with(
        &["export", "--scene", &scene, "--out", &dir.path().display().to_string(), "--format", "csv"],
        "at most 256 runs; this one has 10000",
    );

    let mut runs = String::new();
    runs.extend(std::iter::repeat_n("[[runs]]\noptimizer = \"sgd\"\n", 20));
    let long = scene_file(dir.path(), "long.toml", &format!("surface = \"bowl\"\nsteps = 10000000\n{runs}"));
    fails_with(
        &["export", "--scene", &long, "--out", &dir.path().display().to_string(), "--format", "csv"],
        "20 run(s) of 10000000 steps would take 9.6 GB",
    );

    let mut csv = String::from("a,b,y\n");
    for i in 0..10_000 {
        csv.push_str(&format!("{},{},{i}\n", i % 7, i % 11));
    }
    let path = dir.path().join("classes.csv");
    fs::write(&path, csv).unwrap();
    let dataset = format!("csv:path={},target=y", path.display());
    fails_with(&["train", "--dataset", &dataset, "--epochs", "1", "--optimizer", "adam"], "10000 distinct values");
}

#[test]
fn a_full_disk_on_stdout_is_one_line_and_a_closed_pipe_is_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().display().to_string();
    if Path::new("/dev/full").exists() {
        let full = || fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full opens");
        for args in [
            vec!["export", "--scene", "assets/scenes/seed003.toml", "--out", &out, "--format", "csv"],
            vec!["list"],
            vec![
                "trace",
                "--surface",
                "bowl",
                "--start",
                "1,1",
                "--optimizer",
                "sgd",
                "--steps",
                "3",
                "--format",
                "json",
            ],
        ] {
            let mut command = plain(&args);
            command.stdout(full());
            let output = watched(command, |_| ());
            let error = ends_cleanly(&args, &output).unwrap_or_else(|| panic!("{args:?} succeeded on a full disk"));
            assert!(error.contains("No space left"), "{error}");
        }
        // Nowhere to report to: still no panic.
        let args = ["trace", "--surface", "banana", "--start", "1,1", "--optimizer", "sgd", "--steps", "3"];
        let mut command = plain(&args);
        command.stderr(full());
        let output = watched(command, |_| ());
        assert_eq!(output.status.code(), Some(2));
    }
    for format in ["csv", "json"] {
        let args = [
            "trace",
            "--surface",
            "rosenbrock",
            "--start",
            "0,0",
            "--optimizer",
            "adam",
            "--steps",
            "200000",
            "--format",
            format,
        ];
        // The reader goes away before the first row is written.
        let output = watched(plain(&args), |child| drop(child.stdout.take()));
        assert_eq!(output.status.code(), Some(0), "{format}: {output:?}");
        assert!(output.stderr.is_empty(), "{format}: {}", String::from_utf8_lossy(&output.stderr));
    }
}

#[test]
fn a_failed_export_replaces_no_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("seed003_loss.png")).unwrap();
    fs::write(dir.path().join("seed003_race.png"), "old").unwrap();
    let out = format!("{}/", dir.path().display());
    let args = ["export", "--scene", "assets/scenes/seed003.toml", "--out", &out, "--width", "300", "--height", "200"];
    fails_with(&args, "seed003_loss.png");
    assert_eq!(fs::read_to_string(dir.path().join("seed003_race.png")).unwrap(), "old");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file is left");
}

#[test]
fn smaller_holes_are_closed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().display().to_string();
    let three = scene_file(dir.path(), "three.toml", &race("bowl", ["1", "2, 3"], 5, "sgd"));
    fails_with(
        &["export", "--scene", &three, "--out", &out, "--format", "csv"],
        "start: expected two numbers [x, y], found 3",
    );

    let csv = dir.path().join("dup.csv");
    fs::write(&csv, "a,a,y\n1,2,0\n3,4,1\n1,1,0\n2,2,1\n").unwrap();
    let dataset = format!("csv:path={},target=y", csv.display());
    fails_with(&["train", "--dataset", &dataset, "--epochs", "1", "--optimizer", "adam"], "names the column 'a' twice");

    // Circles has two features and two classes: 2 → width → 2.
    for width in [0, 200_000] {
        let row = |n: usize| format!("[{}]", vec!["0.1"; n].join(","));
        let first = format!("{{\"weight\": [{}, {}], \"bias\": {}}}", row(width), row(width), row(width));
        let last = format!("{{\"weight\": [{}], \"bias\": [0, 0]}}", vec![row(2); width].join(","));
        let init = dir.path().join(format!("init{width}.json"));
        fs::write(&init, format!("{{\"layers\": [{first}, {last}]}}")).unwrap();
        let init = init.display().to_string();
        fails_with(
            &["train", "--dataset", "circles", "--epochs", "1", "--optimizer", "adam", "--init", &init],
            "a hidden layer has 1 to 4096",
        );
    }

    fails_with(
        &["export", "--scene", "assets/scenes/seed003.toml", "--out", &format!("{out}/.png")],
        "does not name a file",
    );
    assert!(!dir.path().join(".png_race.png").exists());

    let output = optiviz(&[]).env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY").output().unwrap();
    let error = ends_cleanly(&["(no display)"], &output).expect("no window without a display");
    assert!(error.contains("there is no display") && !error.contains(".rs:"), "{error}");
}

/// How many generated cases each property runs.
fn cases() -> u32 {
    std::env::var("HOSTILE_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(24)
}

/// Numbers a hostile file holds: ordinary ones, the extremes of `f64`, and
/// text that is almost a number.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (-10.0..10.0f64).prop_map(|v| v.to_string()),
        1 => any::<u64>().prop_map(|bits| format!("{:e}", f64::from_bits(bits))),
        2 => prop::sample::select(vec!["0", "-0.0", "1e308", "-1e308", "1.7976931348623157e308", "5e-324", "1e-160", "nan", "inf", "-inf", "1e", "--1", "0x10", "1_000", ""])
            .prop_map(str::to_owned),
    ]
}

/// Surface specs: the named ones with wild parameters, and formulas.
fn surface_spec() -> impl Strategy<Value = String> {
    let named = prop::sample::select(vec!["rosenbrock", "bowl", "saddle", "himmelblau", "beale", "banana"]);
    let keyed = prop::sample::select(vec![
        ("rosenbrock", "a"),
        ("rosenbrock", "b"),
        ("bowl", "kappa"),
        ("bowl", "angle"),
        ("saddle", "a"),
        ("beale", "zz"),
    ]);
    prop_oneof![
        4 => named.prop_map(str::to_owned),
        3 => (keyed, number()).prop_map(|((s, k), v)| format!("{s}:{k}={v}")),
        3 => formula().prop_map(|f| format!("expr:f={f}")),
    ]
}

/// Formulas built from the grammar's pieces, well-formed or not.
fn formula() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        3 => Just("x".to_owned()),
        3 => Just("y".to_owned()),
        3 => number(),
        1 => prop::sample::select(vec!["pi", "e", "z", "(", ")", "^", ",", "", "1e999", "x^1e9"]).prop_map(str::to_owned),
    ];
    leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            3 => (inner.clone(), prop::sample::select(vec!["+", "-", "*", "/", "^", " ", "**"]), inner.clone()).prop_map(|(a, op, b)| format!("({a}){op}({b})")),
            2 => (prop::sample::select(vec!["sin", "cos", "exp", "log", "sqrt", "abs", "tanh", "nope"]), inner.clone()).prop_map(|(f, a)| format!("{f}({a})")),
            1 => inner.prop_map(|a| format!("-{a}")),
        ]
    })
}

/// Optimizer specs with wild hyperparameters.
fn optimizer_spec() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec![
        "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "nadam", "radam", "adamax", "adadelta",
        "lion", "newton", "adamm",
    ]);
    let keys = prop::sample::select(vec![
        "lr",
        "beta1",
        "beta2",
        "momentum",
        "eps",
        "weight_decay",
        "amsgrad",
        "label",
        "form",
    ]);
    prop_oneof![
        2 => names.clone().prop_map(str::to_owned),
        1 => (names, prop::collection::vec((keys, number()), 1..3)).prop_map(|(name, pairs)| {
            let pairs: Vec<String> = pairs.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("{name}:{}", pairs.join(","))
        }),
    ]
}

/// Scene files: a race with wild fields, some missing or malformed.
fn scene_text() -> impl Strategy<Value = String> {
    let length = prop_oneof![4 => Just(2usize), 1 => 0usize..4];
    let start = length
        .prop_flat_map(|n| prop::collection::vec(number(), n))
        .prop_map(|v| format!("start = [{}]\n", v.join(", ")));
    let view = prop::collection::vec(number(), 4)
        .prop_map(|v| format!("[view]\nx_min = {}\nx_max = {}\ny_min = {}\ny_max = {}\n", v[0], v[1], v[2], v[3]));
    let view = prop::option::weighted(0.3, view);
    let layout = prop::sample::select(vec![
        "",
        "",
        "layout = \"grid\"\n",
        "layout = \"grid\"\n",
        "layout = \"3d\"\n",
        "layout = \"spiral\"\n",
    ]);
    let noise = prop::option::weighted(
        0.2,
        (number(), any::<u64>()).prop_map(|(sigma, seed)| format!("[noise]\nsigma = {sigma}\nseed = {}\n", seed >> 1)),
    );
    let schedule = prop::sample::select(vec![
        "",
        "",
        "",
        "schedule = \"cosine:t_max=100\"\n",
        "schedule = \"step:step_size=1,gamma=1e-300\"\n",
        "schedule = \"exponential:gamma=0\"\n",
    ]);
    let run = (optimizer_spec(), schedule)
        .prop_map(|(o, s)| format!("[[runs]]\noptimizer = \"{}\"\n{s}", o.replace('"', "")));
    // One scene in ten has no run at all.
    let runs =
        (prop::collection::vec(run, 1..4), 0..10u8).prop_map(|(runs, die)| if die == 0 { Vec::new() } else { runs });
    (surface_spec(), prop::option::of(start), 0usize..3000, view, runs, layout, noise).prop_map(
        |(surface, start, steps, view, runs, layout, noise)| {
            let (start, view, noise) = (start.unwrap_or_default(), view.unwrap_or_default(), noise.unwrap_or_default());
            format!(
                "surface = \"{}\"\n{start}steps = {steps}\n{layout}{}{noise}{view}",
                surface.replace('"', ""),
                runs.concat()
            )
        },
    )
}

/// Network scene files: generated and shipped data sets with wild settings.
fn network_scene_text() -> impl Strategy<Value = String> {
    let dataset = prop_oneof![
        Just("digits".to_owned()),
        (
            prop::sample::select(vec!["circles", "moons"]),
            prop::sample::select(vec!["n", "noise", "test", "zz"]),
            number()
        )
            .prop_map(|(name, key, value)| format!("{name}:{key}={value}")),
    ];
    let model = prop::sample::select(vec![
        "mlp:hidden=4",
        "mlp:hidden=0",
        "mlp:hidden=2x2,output=sigmoid",
        "mlp:hidden=4096x4096",
        "mlp:precision=f32,hidden=3",
    ]);
    let runs = prop::collection::vec(optimizer_spec(), 1..3);
    (dataset, model, 1usize..4, prop::option::of(0usize..40), runs).prop_map(|(dataset, model, epochs, batch, runs)| {
        let batch = batch.map(|b| format!("batch = {b}\n")).unwrap_or_default();
        let runs: String = runs.iter().map(|o| format!("[[runs]]\noptimizer = \"{}\"\n", o.replace('"', ""))).collect();
        format!("dataset = \"{}\"\nmodel = \"{model}\"\nepochs = {epochs}\n{batch}{runs}", dataset.replace('"', ""))
    })
}

/// CSV texts: a header (or none), rows of wild cells, ragged or not.
fn csv_text() -> impl Strategy<Value = String> {
    let cell =
        prop_oneof![number(), prop::sample::select(vec!["a", "b", "yes", "no", "y", "\"q\""]).prop_map(str::to_owned)];
    let row = prop::collection::vec(cell, 1..5).prop_map(|cells| cells.join(","));
    (prop::option::of(Just("f1,f2,y".to_owned())), prop::collection::vec(row, 0..30))
        .prop_map(|(header, rows)| header.into_iter().chain(rows).collect::<Vec<_>>().join("\n"))
}

/// Files an export must leave alone when it fails: `scene_race.png`,
/// `scene_loss.png` and `scene.csv` in `dir`, and `keep.txt`.
fn existing_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let files = [
        ("scene_race.png", "old race"),
        ("scene_loss.png", "old loss"),
        ("scene.csv", "old data"),
        ("keep.txt", "keep"),
    ];
    files
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            fs::File::create(&path).and_then(|mut f| f.write_all(text.as_bytes())).unwrap();
            (path, text.as_bytes().to_vec())
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_scene_exports_or_fails_in_one_line_leaving_files_alone(
        text in prop_oneof![3 => scene_text(), 1 => network_scene_text()],
        format in prop::sample::select(vec!["png", "png", "svg", "gif", "csv", "json"]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let scene = scene_file(dir.path(), "scene.toml", &text);
        let before = existing_files(dir.path());
        let out = format!("{}/", dir.path().display());
        let args = ["export", "--scene", &scene, "--out", &out, "--format", format, "--width", "200", "--height", "150"];
        let output = run(&args);
        if std::env::var_os("HOSTILE_SHOW").is_some() {
            eprintln!("{:?} {}", output.status.code(), String::from_utf8_lossy(&output.stderr).trim());
        }
        if ends_cleanly(&args, &output).is_some() {
            for (path, bytes) in &before {
                prop_assert_eq!(&fs::read(path).unwrap(), bytes, "{} changed by a failed export of {}", path.display(), text);
            }
        }
        prop_assert!(dir.path().join("keep.txt").exists());
    }

    #[test]
    fn any_spec_strings_trace_or_fail_in_one_line(surface in surface_spec(), optimizer in optimizer_spec(), x in number(), y in number(), steps in 0usize..5000) {
        let start = format!("{x},{y}");
        let steps = steps.to_string();
        let args = ["trace", "--surface", &surface, "--optimizer", &optimizer, "--start", &start, "--steps", &steps, "--format", "json"];
        ends_cleanly(&args, &run(&args));
    }

    #[test]
    fn any_formula_traces_or_fails_in_one_line(f in formula()) {
        let surface = format!("expr:f={f}");
        let args = ["trace", "--surface", &surface, "--optimizer", "adam", "--start", "0.5,-0.5", "--steps", "50"];
        ends_cleanly(&args, &run(&args));
    }

    #[test]
    fn any_csv_trains_or_fails_in_one_line(text in csv_text(), target in prop::sample::select(vec!["y", "f1", "0", "2", "9"])) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.csv");
        fs::write(&path, text).unwrap();
        let dataset = format!("csv:path={},target={target}", path.display());
        let args = ["train", "--dataset", &dataset, "--epochs", "2", "--optimizer", "adam", "--model", "mlp:hidden=4"];
        ends_cleanly(&args, &run(&args));
    }
}

#[test]
fn a_line_search_into_nan_ends_the_run_as_a_divergence() {
    // √x is NaN left of 0, where both L-BFGS variants step first.
    let args = [
        "trace",
        "--surface",
        "expr:f=sqrt(x)+y^2",
        "--start",
        "1,1",
        "--optimizer",
        "lbfgs:line_search=strong_wolfe",
        "--optimizer",
        "lbfgs",
        "--steps",
        "5",
    ];
    let output = succeeds(&args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("diverged at step 1").count(), 2, "{stderr}");
}
