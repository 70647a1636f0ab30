//! The real binary: what a user types, what comes back.

use assert_cmd::Command;

fn optiviz(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("optiviz").unwrap().args(args).assert()
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(optiviz(args).success().get_output().stdout.clone()).unwrap()
}

const BASE: [&str; 6] = ["trace", "--surface", "rosenbrock", "--start", "-1,1", "--steps"];

#[test]
fn bad_input_is_one_line_and_exit_status_two() {
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["trace", "--surface", "banana", "--start", "0,0", "--optimizer", "adam", "--steps", "5"],
            "unknown surface 'banana'",
        ),
        (
            vec!["trace", "--surface", "rosenbrock", "--start", "0,0", "--optimizer", "adamm", "--steps", "5"],
            "unknown optimizer 'adamm'",
        ),
        (
            vec!["trace", "--surface", "rosenbrock", "--start", "0,0", "--optimizer", "adam:lr=-1", "--steps", "5"],
            "lr=-1 is out of range (must be > 0)",
        ),
        (
            vec!["trace", "--surface", "rosenbrock", "--start", "0,0", "--optimizer", "adam:lr=fast", "--steps", "5"],
            "lr=fast is not a number",
        ),
        (
            vec!["trace", "--surface", "rosenbrock", "--start", "0,0", "--optimizer", "adam:beta1=1", "--steps", "5"],
            "beta1=1 is out of range (must be in [0, 1))",
        ),
        (
            vec!["trace", "--surface", "rosenbrock", "--start", "0,0", "--optimizer", "adam:gamma=1", "--steps", "5"],
            "unknown key 'gamma'",
        ),
        (
            vec!["trace", "--surface", "rosenbrock", "--start", "0,0", "--optimizer", "adam:lr", "--steps", "5"],
            "'lr' is not key=value",
        ),
        (
            vec![
                "trace",
                "--surface",
                "rosenbrock",
                "--start",
                "0,0",
                "--optimizer",
                "adam:amsgrad=yes",
                "--steps",
                "5",
            ],
            "amsgrad=yes is not true or false",
        ),
        (
            vec!["trace", "--surface", "bowl:kappa=0", "--start", "0,0", "--optimizer", "adam", "--steps", "5"],
            "kappa=0 is out of range",
        ),
        (
            vec!["trace", "--surface", "expr:f=x^^2", "--start", "0,0", "--optimizer", "adam", "--steps", "5"],
            "column 3",
        ),
        (vec!["trace", "--surface", "expr:f=sin(x", "--start", "0,0", "--optimizer", "adam", "--steps", "5"], "')'"),
        (
            vec!["trace", "--surface", "rosenbrock", "--start", "0", "--optimizer", "adam", "--steps", "5"],
            "two finite numbers",
        ),
        (
            vec!["trace", "--surface", "rosenbrock", "--start", "1,nan", "--optimizer", "adam", "--steps", "5"],
            "two finite numbers",
        ),
        (vec!["trace", "--surface", "rosenbrock", "--start", "0,0", "--optimizer", "adam", "--steps", "0"], "steps"),
        (
            vec!["trace", "--surface", "rosenbrock", "--start", "0,0", "--optimizer", "adam", "--steps", "10000001"],
            "at most 10000000 steps",
        ),
        (vec!["trace", "--surface", "rosenbrock", "--start", "0,0", "--optimizer", "adam", "--steps", "ten"], "steps"),
        (vec!["trace", "--surface", "rosenbrock", "--start", "0,0", "--steps", "5"], "--optimizer"),
        (vec!["trace", "--start", "0,0", "--optimizer", "adam", "--steps", "5"], "--surface"),
        (
            vec![
                "trace",
                "--surface",
                "rosenbrock",
                "--start",
                "0,0",
                "--optimizer",
                "adam",
                "--steps",
                "5",
                "--noise",
                "-1",
            ],
            "≥ 0",
        ),
        (
            vec![
                "trace",
                "--surface",
                "rosenbrock",
                "--start",
                "0,0",
                "--optimizer",
                "adam",
                "--steps",
                "5",
                "--schedule",
                "cosine",
            ],
            "t_max is required",
        ),
        (
            vec![
                "trace",
                "--surface",
                "rosenbrock",
                "--start",
                "0,0",
                "--optimizer",
                "adam",
                "--steps",
                "5",
                "--format",
                "xml",
            ],
            "xml",
        ),
        (
            vec![
                "trace",
                "--surface",
                "rosenbrock",
                "--start",
                "0,0",
                "--optimizer",
                "adam",
                "--steps",
                "5",
                "--bogus",
            ],
            "--bogus",
        ),
        (vec!["frobnicate"], "frobnicate"),
        (
            vec!["trace", "--surface", "rastrigin:a=0", "--start", "0,0", "--optimizer", "adam", "--steps", "5"],
            "a=0 is out of range (must be > 0)",
        ),
    ];
    for (args, expected) in cases {
        let output = optiviz(&args).code(2).get_output().clone();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: expected {expected:?} in {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?} printed to stdout");
    }
}

#[test]
fn trace_prints_csv_rows_for_every_optimizer() {
    let mut args = BASE.to_vec();
    args.extend(["3", "--optimizer", "sgd:lr=0.001", "--optimizer", "adam:lr=0.01,label=Adam fast"]);
    let text = stdout(&args);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "run,optimizer,step,x,y,loss,lr");
    assert_eq!(lines.len(), 1 + 2 * 4);
    assert_eq!(lines[1], "0,sgd,0,-1,1,4,");
    assert!(lines[2].starts_with("0,sgd,1,-0.996,1,"), "{}", lines[2]);
    assert!(lines[5].starts_with("1,Adam fast,0,-1,1,4,"));
    assert!(lines[8].starts_with("1,Adam fast,3,"));
    assert!(lines[8].ends_with(",0.01"));
}

#[test]
fn trace_json_holds_the_runs() {
    let mut args = BASE.to_vec();
    args.extend([
        "10",
        "--optimizer",
        "momentum:lr=0.001",
        "--format",
        "json",
        "--schedule",
        "step:step_size=5,gamma=0.5",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&args)).unwrap();
    assert_eq!(json["surface"], "rosenbrock");
    let run = &json["runs"][0];
    assert_eq!(run["optimizer"], "momentum");
    assert_eq!(run["points"].as_array().unwrap().len(), 11);
    assert_eq!(run["lrs"][4], 0.001);
    assert_eq!(run["lrs"][5], 0.0005);
    assert!(run["diverged_at"].is_null());
}

#[test]
fn trace_json_adds_evaluations_and_companions_only_where_an_optimizer_has_them() {
    let mut args = BASE.to_vec();
    args.extend(["3", "--format", "json"]);
    for optimizer in ["adam", "lbfgs", "sam:sync_period=3", "lookahead", "schedule_free_adamw", "asgd"] {
        args.extend(["--optimizer", optimizer]);
    }
    let json: serde_json::Value = serde_json::from_str(&stdout(&args)).unwrap();
    let keys = |run: &serde_json::Value| -> Vec<String> {
        let extras = ["evals", "averaged", "slow", "adversarial"];
        run.as_object().unwrap().keys().filter(|key| extras.contains(&key.as_str())).cloned().collect()
    };
    let runs = json["runs"].as_array().unwrap();
    let expected: [&[&str]; 6] = [&[], &["evals"], &["adversarial", "evals"], &["slow"], &["averaged"], &["averaged"]];
    for (run, expected) in runs.iter().zip(expected) {
        assert_eq!(keys(run), expected, "{}", run["spec"]);
    }
    // L-BFGS spends up to max_iter evaluations on a step; SAM sync_period.
    let lbfgs_evals: Vec<u64> = serde_json::from_value(runs[1]["evals"].clone()).unwrap();
    assert_eq!(lbfgs_evals.len(), 3);
    assert!(lbfgs_evals.iter().all(|e| (1..=25).contains(e)) && lbfgs_evals[0] > 1, "{lbfgs_evals:?}");
    assert_eq!(runs[2]["evals"], serde_json::json!([3, 3, 3]));
    // Two ascent points a step, none for the start; one slow point per point.
    let adversarial = runs[2]["adversarial"].as_array().unwrap();
    assert_eq!(adversarial.len(), 3);
    assert!(adversarial.iter().all(|step| step.as_array().unwrap().len() == 2));
    assert_eq!(runs[3]["slow"].as_array().unwrap().len(), 4);
    assert_eq!(runs[3]["slow"][0], serde_json::json!([-1.0, 1.0]));
}

#[test]
fn a_leading_minus_in_start_works() {
    let text = stdout(&["trace", "--surface", "bowl", "--start", "-1.5,2.5", "--optimizer", "sgd", "--steps", "1"]);
    assert!(text.lines().nth(1).unwrap().starts_with("0,sgd,0,-1.5,2.5,"));
}

#[test]
fn divergence_is_reported_and_not_an_error() {
    let output =
        optiviz(&["trace", "--surface", "rosenbrock", "--start", "2,2", "--optimizer", "sgd:lr=1", "--steps", "100"])
            .success()
            .get_output()
            .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("sgd (run 0) diverged at step"), "{stderr}");
    let rows = String::from_utf8(output.stdout).unwrap().lines().count() - 1;
    let step: usize = stderr.split("step ").nth(1).unwrap().split(':').next().unwrap().parse().unwrap();
    assert_eq!(rows, step, "rows 0..step-1 are printed");
}

#[test]
fn a_classic_surface_takes_its_parameter() {
    let loss = |surface: &str| {
        let text = stdout(&["trace", "--surface", surface, "--start", "0.5,0", "--optimizer", "sgd", "--steps", "1"]);
        text.lines().nth(1).unwrap().split(',').nth(5).unwrap().to_owned()
    };
    // Rastrigin at (0.5, 0): 2a + (0.25 + a) + (0 − a) = 2a + 0.25.
    assert_eq!(loss("rastrigin"), "20.25");
    assert_eq!(loss("rastrigin:a=5"), "10.25");
}

#[test]
fn noise_is_reproducible_for_a_seed() {
    let mut args = BASE.to_vec();
    args.extend(["50", "--optimizer", "adam:lr=0.01", "--noise", "0.5", "--seed", "7"]);
    let first = stdout(&args);
    assert_eq!(first, stdout(&args));
    let mut other = args.clone();
    *other.last_mut().unwrap() = "8";
    assert_ne!(first, stdout(&other));
    args.truncate(args.len() - 4);
    assert_ne!(first, stdout(&args), "noise changes the path");
}

#[test]
fn list_names_everything_with_defaults() {
    let text = stdout(&["list"]);
    for name in [
        "rosenbrock",
        "bowl",
        "saddle",
        "himmelblau",
        "beale",
        "rastrigin",
        "ackley",
        "goldstein_price",
        "booth",
        "matyas",
        "six_hump_camel",
        "three_hump_camel",
        "styblinski_tang",
        "levi",
        "mccormick",
        "monkey_saddle",
        "expr",
        "sgd",
        "momentum",
        "nesterov",
        "adagrad",
        "rmsprop",
        "adam",
        "adamw",
        "nadam",
        "radam",
        "adamax",
        "adadelta",
        "lion",
        "newton",
        "warmup_cosine",
    ] {
        assert!(text.contains(&format!("  {name} ")), "{name} missing");
    }
    assert!(text.contains("default 0.001; > 0, log scale"));
}

#[test]
fn no_arguments_opens_the_app_or_says_why_it_cannot() {
    // Without a display the window cannot open: one line, exit 2, no panic.
    let output = Command::cargo_bin("optiviz")
        .unwrap()
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("cannot open the window"), "{stderr}");
}

#[test]
fn a_scene_that_does_not_load_is_refused_before_the_window_opens() {
    let output = optiviz(&["--scene", "/no/such/scene.toml"]).code(2).get_output().clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("/no/such/scene.toml"), "{stderr}");
}
