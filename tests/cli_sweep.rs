//! The real binary's `sweep` and `tune`, run in a temporary directory: what
//! a user types, what comes back.

use assert_cmd::Command;

/// Runs optiviz with `args` in a fresh temporary directory.
fn optiviz(args: &[&str]) -> assert_cmd::assert::Assert {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("optiviz").unwrap().current_dir(dir.path()).args(args).assert()
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(optiviz(args).success().get_output().stdout.clone()).unwrap()
}

const SWEEP: [&str; 5] = ["sweep", "--surface", "rosenbrock", "--start", "-1,1"];
const TUNE: [&str; 5] = ["tune", "--surface", "rosenbrock", "--start", "-1,1"];

fn with<'a>(base: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    base.iter().chain(more).copied().collect()
}

/// What `trace` gives for one run: its final loss (none when it diverged),
/// its lowest loss and the step it diverged at.
fn traced(optimizer: &str, steps: &str, noise: &[&str]) -> (Option<f64>, f64, Option<usize>) {
    let mut args =
        vec!["trace", "--surface", "rosenbrock", "--start", "-1,1", "--steps", steps, "--optimizer", optimizer];
    args.extend(noise);
    let output = optiviz(&args).success().get_output().clone();
    let text = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let losses: Vec<f64> = text.lines().skip(1).map(|line| line.split(',').nth(5).unwrap().parse().unwrap()).collect();
    let diverged_at =
        stderr.split("diverged at step ").nth(1).map(|rest| rest.split(':').next().unwrap().parse().unwrap());
    let best = losses.iter().copied().fold(f64::INFINITY, f64::min);
    (losses.last().copied().filter(|_| diverged_at.is_none()), best, diverged_at)
}

#[test]
fn every_sweep_row_is_what_trace_gives_at_that_rate() {
    let noise = ["--noise", "0.2", "--seed", "3"];
    let mut args = with(&SWEEP, &["--optimizer", "sgd", "--optimizer", "adam:beta1=0.8", "--steps", "150"]);
    args.extend(["--lr-min", "1e-4", "--lr-max", "2", "--points", "6"]);
    args.extend(noise);
    let text = stdout(&args);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("run,optimizer,lr,final_loss,best_loss,diverged_at"));
    let rows: Vec<Vec<&str>> = lines.map(|line| line.split(',').collect()).collect();
    assert_eq!(rows.len(), 12);
    assert_eq!((rows[0][2], rows[5][2]), ("0.0001", "2"), "the grid starts and ends on the bounds");
    assert!(rows.iter().any(|row| !row[5].is_empty()), "some rate diverges: {text}");
    for row in &rows {
        let optimizer =
            if row[0] == "0" { format!("sgd:lr={}", row[2]) } else { format!("adam:beta1=0.8,lr={}", row[2]) };
        let (final_loss, best, diverged_at) = traced(&optimizer, "150", &noise);
        let number = |field: &str| (!field.is_empty()).then(|| field.parse::<f64>().unwrap());
        assert_eq!(number(row[3]).map(f64::to_bits), final_loss.map(f64::to_bits), "{row:?}");
        assert_eq!(row[4].parse::<f64>().unwrap().to_bits(), best.to_bits(), "{row:?}");
        assert_eq!(number(row[5]).map(|s| s as usize), diverged_at, "{row:?}");
    }
}

#[test]
fn a_sweep_as_json_holds_the_setup_and_each_optimizers_rows() {
    let mut args = with(&SWEEP, &["--optimizer", "sgd", "--steps", "100", "--lr-min", "0.001", "--lr-max", "1"]);
    args.extend(["--format", "json", "--noise", "0.1", "--seed", "3"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&args)).unwrap();
    assert_eq!(json["noise"], serde_json::json!({"sigma": 0.1, "seed": 3}));
    assert_eq!(
        (json["surface"].as_str(), json["steps"].as_u64(), json["points"].as_u64()),
        (Some("rosenbrock"), Some(100), Some(25))
    );
    let rows = json["runs"][0]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 25, "25 rates unless told");
    assert_eq!(rows[0]["lr"], 0.001);
    assert_eq!(rows[24]["lr"], 1.0);
    let last = &rows[24];
    assert!(last["final_loss"].is_null() && last["diverged_at"].is_u64(), "sgd at lr 1 diverges: {last}");
    assert!(rows[0]["final_loss"].as_f64().unwrap() <= 4.0);
}

#[test]
fn bad_sweeps_and_searches_are_one_line_and_exit_status_two() {
    let sweep = |more: &[&'static str]| {
        let mut args = with(&SWEEP, &["--optimizer", "adam", "--steps", "10"]);
        args.extend(more);
        args
    };
    let tune = |more: &[&'static str]| {
        let mut args = with(&TUNE, &["--optimizer", "adam", "--steps", "10"]);
        args.extend(more);
        args
    };
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (sweep(&["--lr-min", "0.1", "--lr-max", "0.01"]), "lr-min=0.1 must be below lr-max=0.01"),
        (sweep(&["--lr-min", "0.1", "--lr-max", "0.1"]), "lr-min=0.1 must be below lr-max=0.1"),
        (sweep(&["--lr-min", "0", "--lr-max", "1"]), "both must be finite and > 0"),
        (sweep(&["--lr-min", "-1", "--lr-max", "1"]), "both must be finite and > 0"),
        (sweep(&["--lr-min", "1e-3", "--lr-max", "inf"]), "both must be finite and > 0"),
        (sweep(&["--lr-min", "nan", "--lr-max", "1"]), "both must be finite and > 0"),
        (sweep(&["--lr-min", "fast", "--lr-max", "1"]), "--lr-min"),
        (sweep(&["--lr-max", "1"]), "--lr-min"),
        (sweep(&["--lr-min", "1e-3", "--lr-max", "1", "--points", "1"]), "points=1 is out of range (must be 2 to 1000)"),
        (sweep(&["--lr-min", "1e-3", "--lr-max", "1", "--points", "1001"]), "points=1001 is out of range"),
        (sweep(&["--lr-min", "1e-3", "--lr-max", "1", "--optimizer", "adamm"]), "unknown optimizer 'adamm'"),
        (
            with(
                &SWEEP,
                &["--optimizer", "adam", "--optimizer", "sgd", "--steps", "10000000", "--lr-min", "1e-3", "--lr-max", "1", "--points", "1000"],
            ),
            "a sweep of 1000 rates × 2 optimizer(s) × 10000000 steps is 2.0e10 optimizer steps in all; at most 1000000000",
        ),
        (tune(&["--score", "fastest"]), "unknown score 'fastest'"),
        (tune(&["--score", "steps:0"]), "unknown score 'steps:0'"),
        (tune(&["--starts", "0"]), "--starts 0 is out of range (must be 1 to 64)"),
        (tune(&["--radius", "-1"]), "--radius -1 is out of range"),
        (tune(&["--lr-min", "1", "--lr-max", "0.5"]), "lr-min=1 must be below lr-max=0.5"),
        (tune(&["--points", "1"]), "points=1 is out of range"),
        (
            with(&TUNE, &["--optimizer", "adam", "--steps", "10000000", "--points", "1000"]),
            "a search of 1000 rates × 8 starts × 1 optimizer(s) × 10000000 steps is 8.0e10 optimizer steps",
        ),
    ];
    for (args, expected) in cases {
        let output = optiviz(&args).code(2).get_output().clone();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: expected {expected:?} in {stderr}");
        assert!(output.stdout.is_empty(), "{args:?} printed to stdout");
    }
}

#[test]
fn tune_prints_one_row_per_optimizer_with_a_defensible_rate() {
    let args = with(&TUNE, &["--optimizer", "adam", "--optimizer", "sgd:label=plain GD", "--steps", "2000"]);
    let text = stdout(&args);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "run,optimizer,lr,score,final_loss,mean_log_loss,diverged,steps");
    assert_eq!(lines.len(), 3);
    let adam: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(adam[..2], ["0", "adam"]);
    let lr: f64 = adam[2].parse().unwrap();
    assert!((1e-3..=0.5).contains(&lr), "{text}");
    assert_eq!((adam[6], adam[7]), ("0", "2000"), "no start diverged; one evaluation a step");
    assert!(lines[2].starts_with("1,plain GD,"), "{text}");
}

#[test]
fn tune_as_json_holds_the_ring_and_each_sensitivity_curve() {
    let mut args = with(&TUNE, &["--optimizer", "newton", "--steps", "300", "--score", "auc", "--starts", "4"]);
    args.extend(["--radius", "0.1", "--lr-min", "0.01", "--lr-max", "1", "--points", "5", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&args)).unwrap();
    assert_eq!(json["score"], "auc");
    assert_eq!(json["steps"], 300);
    assert!(json["noise"].is_null());
    let starts = json["starts"].as_array().unwrap();
    assert_eq!(starts.len(), 4);
    assert_eq!(starts[0], serde_json::json!([-0.9, 1.0]));
    let run = &json["runs"][0];
    let curve = run["curve"].as_array().unwrap();
    assert_eq!(curve.len(), 5);
    assert_eq!(curve[0]["lr"], 0.01);
    // Newton spends three evaluations a step: 300 evaluations buy 100 steps.
    assert!(curve.iter().all(|rate| rate["steps"] == 100.0 || rate["diverged"].as_u64() > Some(0)), "{curve:?}");
    let tuned = &run["tuned"];
    assert!(curve.contains(tuned), "the chosen rate is a point of its curve: {tuned}");
}
