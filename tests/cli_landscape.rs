//! `optiviz landscape` through the real binary: the JSON and CSV shapes,
//! the grid centred on the first run's end, and one-line errors with exit
//! status 2 for bad input.

use assert_cmd::Command;
use serde_json::Value;

fn optiviz(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("optiviz").unwrap().args(args).assert()
}

/// A small training: two optimizers on the moons, ten epochs.
const TRAINING: [&str; 12] = [
    "landscape",
    "--dataset",
    "moons:n=100",
    "--model",
    "mlp:hidden=4",
    "--optimizer",
    "sgd:lr=0.5",
    "--optimizer",
    "adam:lr=0.05,label=Adam \"fast\"",
    "--epochs",
    "10",
    "--seed=3",
];

fn run(extra: &[&str]) -> String {
    let args: Vec<&str> = TRAINING.iter().chain(extra).copied().collect();
    String::from_utf8(optiviz(&args).success().get_output().stdout.clone()).unwrap()
}

fn numbers(value: &Value) -> Vec<f64> {
    value.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

#[test]
fn json_holds_the_plane_the_grid_and_the_paths() {
    let json: Value = serde_json::from_str(&run(&["--grid", "5"])).unwrap();
    let parameters = 2 * 4 + 4 + 4 * 2 + 2;
    for key in ["center", "d1", "d2"] {
        assert_eq!(numbers(&json[key]).len(), parameters, "{key}");
    }
    let d1 = numbers(&json["d1"]);
    assert!((d1.iter().map(|x| x * x).sum::<f64>() - 1.0).abs() < 1e-12);
    let explained = numbers(&json["explained"]);
    assert!(explained.len() == 2 && explained[0] >= explained[1] && explained[0] + explained[1] <= 1.0 + 1e-12);
    let (alpha, beta) = (numbers(&json["alpha"]), numbers(&json["beta"]));
    assert_eq!((alpha.len(), beta.len(), alpha[2], beta[2]), (5, 5, 0.0, 0.0));
    assert_eq!(alpha[0], -alpha[4]);
    let loss = json["loss"].as_array().unwrap();
    assert_eq!(loss.len(), 5);
    assert!(loss.iter().all(|row| numbers(row).len() == 5 && numbers(row).iter().all(|l| *l > 0.0)));
    let paths = json["paths"].as_array().unwrap();
    let labels: Vec<&str> = paths.iter().map(|p| p["optimizer"].as_str().unwrap()).collect();
    assert_eq!(labels, ["sgd", "Adam \"fast\""]);
    for path in paths {
        assert_eq!(path["points"].as_array().unwrap().len(), 11, "epochs 0..=10");
    }
    let end = numbers(&paths[0]["points"][10]);
    assert!(end.iter().all(|x| x.abs() < 1e-12), "the first run ends at the centre: {end:?}");
    // The farthest path point on each axis is 1/1.25 of the span.
    let far = |axis: usize| {
        let points = paths.iter().flat_map(|p| p["points"].as_array().unwrap());
        points.map(|p| p[axis].as_f64().unwrap().abs()).fold(0.0, f64::max)
    };
    assert!((alpha[4] - 1.25 * far(0)).abs() <= 1e-12 * alpha[4]);
    assert!((beta[4] - 1.25 * far(1)).abs() <= 1e-12 * beta[4]);
}

#[test]
fn a_random_plane_has_no_explained_share_and_span_sets_both_axes() {
    let json: Value = serde_json::from_str(&run(&["--plane", "random", "--grid", "3", "--span", "0.5"])).unwrap();
    assert!(json.get("explained").is_none());
    assert_eq!(numbers(&json["alpha"]), [-0.5, 0.0, 0.5]);
    assert_eq!(numbers(&json["beta"]), [-0.5, 0.0, 0.5]);
    assert_eq!(
        json,
        serde_json::from_str::<Value>(&run(&["--plane", "random", "--grid", "3", "--span", "0.5"])).unwrap()
    );
}

#[test]
fn csv_lists_the_grid_then_a_blank_line_then_the_paths() {
    let text = run(&["--grid", "4", "--format", "csv"]);
    let json: Value = serde_json::from_str(&run(&["--grid", "4"])).unwrap();
    let (grid, paths) = text.split_once("\n\n").unwrap();
    let mut grid = grid.lines();
    assert_eq!(grid.next(), Some("alpha,beta,loss"));
    let rows: Vec<Vec<f64>> = grid.map(|line| line.split(',').map(|x| x.parse().unwrap()).collect()).collect();
    assert_eq!(rows.len(), 16);
    // Row j·K + i is (α_i, β_j, loss[j][i]), the same numbers as the JSON.
    let (alpha, beta) = (numbers(&json["alpha"]), numbers(&json["beta"]));
    for (k, row) in rows.iter().enumerate() {
        let (i, j) = (k % 4, k / 4);
        assert_eq!(row, &[alpha[i], beta[j], json["loss"][j][i].as_f64().unwrap()]);
    }
    let mut paths = paths.lines();
    assert_eq!(paths.next(), Some("optimizer,epoch,alpha,beta"));
    let paths: Vec<&str> = paths.collect();
    assert_eq!(paths.len(), 22);
    assert!(paths[0].starts_with("sgd,0,"));
    assert!(paths[21].starts_with(r#""Adam ""fast""",10,"#), "{}", paths[21]);
    let last: Vec<f64> = paths[21].rsplitn(3, ',').take(2).map(|x| x.parse().unwrap()).collect();
    assert_eq!(
        [last[1], last[0]],
        [json["paths"][1]["points"][10][0].as_f64().unwrap(), json["paths"][1]["points"][10][1].as_f64().unwrap()]
    );
}

#[test]
fn bad_input_is_a_one_line_error_with_status_2() {
    for (extra, says) in [
        (&["--grid", "2"][..], "3 to 401"),
        (&["--grid", "402"], "3 to 401"),
        (&["--span", "0"], "> 0"),
        (&["--span", "-1"], "> 0"),
        (&["--plane", "hessian"], "pca or random"),
        (&["--optimizer", "sgd:lr=1e300,label=wild"], "wild (run 2) diverged at epoch 1"),
    ] {
        let args: Vec<&str> = TRAINING.iter().chain(extra).copied().collect();
        let output = optiviz(&args).code(2).get_output().clone();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{extra:?}: {stderr}");
        assert!(stderr.contains(says), "{extra:?}: {stderr}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn help_lists_the_landscape_subcommand() {
    let help = String::from_utf8(optiviz(&["--help"]).success().get_output().stdout.clone()).unwrap();
    assert!(help.contains("landscape"), "{help}");
}

#[test]
fn figure_draws_the_landscape_to_png_or_svg() {
    let dir = tempfile::tempdir().unwrap();
    let (png, svg) = (dir.path().join("plane.png"), dir.path().join("plane.svg"));
    for path in [&png, &svg] {
        run(&["--grid", "9", "--figure", path.to_str().unwrap()]);
    }
    assert_eq!(&std::fs::read(&png).unwrap()[..8], b"\x89PNG\r\n\x1a\n");
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("sgd") && svg.contains("principal directions"), "{}", &svg[..200]);
    let text = dir.path().join("plane.txt");
    let args: Vec<&str> = TRAINING.iter().copied().chain(["--figure", text.to_str().unwrap()]).collect();
    let stderr = String::from_utf8(optiviz(&args).code(2).get_output().stderr.clone()).unwrap();
    assert!(stderr.contains(".png or .svg") && !text.exists(), "{stderr}");
}
