//! `optiviz train` through the real binary: seed 003's and SPEC 8b's
//! reference runs, seeded reproducibility, mini-batches, divergence, and bad input.

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::json;

use common::{worst_relative, Fixture, Fixture2};

fn optiviz(args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("optiviz").unwrap().args(args).assert()
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(optiviz(args).success().get_output().stdout.clone()).unwrap()
}

/// One CSV row of a training record.
#[derive(Debug, PartialEq)]
struct Row {
    run: usize,
    optimizer: String,
    epoch: usize,
    train_loss: f64,
    test_loss: f64,
    /// Test accuracy, or R² for regression.
    score: f64,
}

fn rows(text: &str) -> Vec<Row> {
    scored_rows(text, "test_accuracy")
}

/// The rows of a record whose last column is `score` (`test_accuracy` or `test_r2`).
fn scored_rows(text: &str, score: &str) -> Vec<Row> {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(format!("run,optimizer,epoch,train_loss,test_loss,{score}").as_str()));
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            assert_eq!(cells.len(), 6, "{line}");
            Row {
                run: cells[0].parse().unwrap(),
                optimizer: cells[1].to_owned(),
                epoch: cells[2].parse().unwrap(),
                train_loss: cells[3].parse().unwrap(),
                test_loss: cells[4].parse().unwrap(),
                score: cells[5].parse().unwrap(),
            }
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn seed_003_reference_runs_through_the_binary() {
    let fixture = Fixture::load();
    let dir = tempfile::tempdir().unwrap();
    let first = &fixture.cases[0];
    assert!(fixture.cases.iter().all(|case| case.init == first.init), "the cases share their starting weights");
    let init = fixture.init(first);
    let layers: Vec<serde_json::Value> =
        init.layers.iter().map(|layer| json!({"weight": layer.weight, "bias": layer.bias})).collect();
    let init = json!({"layers": layers, "train_index": init.train_index, "test_index": init.test_index});
    let init_path = write(dir.path(), "init.json", &init.to_string());
    let epochs = first.epochs.to_string();
    let mut args = vec!["train", "--dataset", "digits", "--epochs", &epochs, "--init", &init_path];
    for case in &fixture.cases {
        args.extend(["--optimizer", &case.optimizer]);
    }
    let table = rows(&stdout(&args));
    assert_eq!(table.len(), fixture.cases.len() * (first.epochs + 1));
    for (index, case) in fixture.cases.iter().enumerate() {
        let run: Vec<&Row> = table.iter().filter(|row| row.run == index).collect();
        assert_eq!(run.len(), case.epochs + 1, "{}: rows 0..=epochs", case.id);
        assert!(case.optimizer.starts_with(&run[0].optimizer), "{}: label {}", case.id, run[0].optimizer);
        // losses[e] is the loss before step e+1, i.e. after e steps: row e.
        for (epoch, expected) in case.losses.iter().enumerate() {
            let row = run[epoch];
            assert_eq!(row.epoch, epoch);
            let relative = (row.train_loss - expected).abs() / expected.abs();
            assert!(relative <= 1e-6, "{} epoch {epoch}: {} vs {expected}", case.id, row.train_loss);
        }
        assert_eq!(run[case.epochs].score, case.test_accuracy, "{}: final test accuracy", case.id);
    }
    // In f32, as PyTorch computes, the same runs keep to f32's rounding.
    args.extend(["--model", "mlp:hidden=64,precision=f32"]);
    let single = rows(&stdout(&args));
    assert_eq!(single.len(), table.len());
    for (f32_row, f64_row) in single.iter().zip(&table) {
        let relative = (f32_row.train_loss - f64_row.train_loss).abs() / f64_row.train_loss;
        assert!(relative <= 1e-4, "{f32_row:?} in f32 against {f64_row:?}");
    }
    assert_ne!(single, table, "f32 rounds differently");
}

#[test]
fn spec_8b_reference_runs_through_the_binary() {
    // optiviz train --dataset NAME --model SPEC --init FILE --optimizer SPEC --epochs N,
    // for each of network2.json's cases: the init file gives the sizes and
    // split, the model spec the activation and penalties.
    let dir = tempfile::tempdir().unwrap();
    for case in Fixture2::load().cases {
        let layers: Vec<serde_json::Value> =
            case.init.layers.iter().map(|layer| json!({"weight": layer.weight, "bias": layer.bias})).collect();
        let init = json!({"layers": layers, "train_index": case.init.train_index, "test_index": case.init.test_index});
        let init_path = write(dir.path(), &format!("{}.json", case.id), &init.to_string());
        let epochs = case.epochs.to_string();
        let args = [
            "train",
            "--dataset",
            &case.dataset,
            "--model",
            &case.model,
            "--init",
            &init_path,
            "--optimizer",
            &case.optimizer,
            "--epochs",
            &epochs,
        ];
        let regression = ["sine", "diabetes"].contains(&case.dataset.as_str());
        let table = scored_rows(&stdout(&args), if regression { "test_r2" } else { "test_accuracy" });
        let column = |f: fn(&Row) -> f64| table.iter().map(f).collect::<Vec<f64>>();
        let (train, test) = (column(|row| row.train_loss), column(|row| row.test_loss));
        let (train, test) = (worst_relative(&train, &case.train_losses), worst_relative(&test, &case.test_losses));
        assert!(train <= 1e-6 && test <= 1e-6, "{}: worst relative error {train:.1e} / {test:.1e}", case.id);
        let last = table[case.epochs].score;
        assert!((last - case.final_metric).abs() <= 1e-6, "{}: final score {last} vs {}", case.id, case.final_metric);
    }
}

#[test]
fn a_regression_csv_prints_r2_and_penalties_change_the_path_not_the_scale() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("x,noise,y\n");
    for i in 0..80 {
        let x = f64::from(i) / 40.0 - 1.0;
        text.push_str(&format!("{x},{},{}\n", (i * 7 % 13) as f64, 3.0 * x * x + 100.0));
    }
    let path = write(dir.path(), "curve.csv", &text);
    let dataset = format!("csv:path={path},target=y,task=regression");
    let train = |model: &str| {
        let args = ["train", "--dataset", &dataset, "--model", model, "--optimizer", "adam:lr=0.02", "--epochs", "300"];
        scored_rows(&stdout(&args), "test_r2")
    };
    let plain = train("mlp:hidden=16,activation=tanh");
    // Standardised: predicting the mean (zero) costs about 1 at the start.
    assert!(plain[0].train_loss > 0.3 && plain[0].train_loss < 3.0, "{:?}", plain[0]);
    assert!(plain[300].score > 0.95 && plain[300].train_loss < 0.05, "a parabola is learnt: {:?}", plain[300]);
    let penalised = train("mlp:hidden=16,activation=tanh,l1=0.001,l2=0.01");
    assert_eq!(penalised[0], plain[0], "the printed loss is the data loss alone");
    assert_ne!(penalised[300], plain[300], "the penalty changes the path");
    let json = stdout(&["train", "--dataset", &dataset, "--optimizer", "adam", "--epochs", "2", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["runs"][0]["test_r2"].as_array().map(Vec::len), Some(3));
    assert!(json["runs"][0].get("test_accuracy").is_none());
    assert_eq!(json["model"], "mlp:hidden=64");
}

const CIRCLES: [&str; 10] = [
    "train",
    "--dataset",
    "circles:n=200",
    "--model",
    "mlp:hidden=8",
    "--optimizer",
    "adam:lr=0.01",
    "--epochs",
    "20",
    "--seed",
];

#[test]
fn seeded_runs_are_reproducible() {
    let run = |seed: &str, extra: &[&str]| {
        let mut args = CIRCLES.to_vec();
        args.push(seed);
        args.extend(extra);
        stdout(&args)
    };
    let first = run("7", &[]);
    assert_eq!(rows(&first).len(), 21);
    assert_eq!(first, run("7", &[]), "same seed, same output");
    assert_ne!(first, run("8", &[]), "another seed, other weights and data");
    let batched = run("7", &["--batch", "32"]);
    assert_eq!(batched, run("7", &["--batch", "32"]), "mini-batches are seeded");
    assert_ne!(batched, first, "mini-batches take more steps");
    let (start, end) = (&rows(&batched)[0], &rows(&batched)[20]);
    assert_eq!(start, &rows(&first)[0], "row 0 is the starting weights either way");
    assert!(end.train_loss < start.train_loss, "{start:?} → {end:?}");
}

#[test]
fn a_user_csv_trains_and_json_holds_the_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("a,b,kind\n");
    for i in 0..40 {
        let x = f64::from(i) / 10.0;
        text.push_str(&format!("{x},{},{}\n", (x * 3.0).sin(), if i % 2 == 0 { "even" } else { "odd" }));
    }
    let path = write(dir.path(), "data.csv", &text);
    let spec = format!("csv:path={path},target=kind");
    let args = [
        "train",
        "--dataset",
        &spec,
        "--model",
        "mlp:hidden=4x4",
        "--optimizer",
        "sgd:lr=0.1,label=plain",
        "--optimizer",
        "adam",
        "--epochs",
        "5",
        "--format",
        "json",
        "--schedule",
        "step:step_size=2,gamma=0.5",
    ];
    let json: serde_json::Value = serde_json::from_str(&stdout(&args)).unwrap();
    assert_eq!(json["dataset"], spec.as_str());
    assert_eq!(json["model"], "mlp:hidden=4x4");
    assert_eq!(json["sizes"], json!([2, 4, 4, 2]));
    assert_eq!((json["train_rows"].as_u64(), json["test_rows"].as_u64()), (Some(32), Some(8)));
    let runs = json["runs"].as_array().unwrap();
    assert_eq!((runs[0]["optimizer"].as_str(), runs[1]["optimizer"].as_str()), (Some("plain"), Some("adam")));
    assert_eq!(runs[1]["schedule"], "step:step_size=2");
    for run in runs {
        assert!(run["diverged_at"].is_null());
        for key in ["train_loss", "test_loss", "test_accuracy"] {
            assert_eq!(run[key].as_array().unwrap().len(), 6, "{key}");
        }
    }
}

#[test]
fn divergence_is_reported_and_not_an_error() {
    let output = optiviz(&[
        "train",
        "--dataset",
        "moons:n=100",
        "--model",
        "mlp:hidden=8",
        "--optimizer",
        "sgd:lr=1e300",
        "--optimizer",
        "sgd:lr=0.1",
        "--epochs",
        "3",
    ])
    .success()
    .get_output()
    .clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.trim(), "sgd (run 0) diverged at epoch 1: the position or loss is no longer finite");
    let table = rows(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(table.iter().filter(|row| row.run == 0).count(), 1, "only the starting row of the diverged run");
    assert_eq!(table.iter().filter(|row| row.run == 1).count(), 4);
}

#[test]
fn input_features_let_one_unit_learn_the_circles() {
    // One tanh unit sees a line in (x, y) but a circle in (x², y²).
    let last = |model: &str| {
        let args =
            ["train", "--dataset", "circles", "--model", model, "--optimizer", "adam:lr=0.05", "--epochs", "100"];
        rows(&stdout(&[&args[..], &["--seed", "1"]].concat())).pop().unwrap()
    };
    let plain = last("mlp:hidden=1,activation=tanh");
    let squares = last("mlp:hidden=1,activation=tanh,inputs=x2+y2");
    assert!(plain.score < 0.7 && squares.score == 1.0, "{plain:?} vs {squares:?}");
    assert!(squares.train_loss < 0.05 && plain.train_loss > 0.5, "{plain:?} vs {squares:?}");
    let both = last("mlp:hidden=4,inputs=x+y+x2+y2");
    assert!(both.score >= 0.99, "{both:?}");
    assert_eq!(
        stdout(&["train", "--dataset", "circles", "--model", "mlp:inputs=y+x", "--optimizer", "adam", "--epochs", "3"]),
        stdout(&["train", "--dataset", "circles", "--optimizer", "adam", "--epochs", "3"]),
        "x+y is the data itself"
    );
}

#[test]
fn list_shows_the_data_sets_and_models() {
    let text = stdout(&["list"]);
    assert!(text.contains("DATASETS") && text.contains("MODELS"));
    for name in ["digits", "circles", "moons", "spiral", "sine", "diabetes", "csv", "mlp"] {
        assert!(text.contains(&format!("  {name} ")), "{name} missing");
    }
    assert!(text.contains("(default relu; one of relu, tanh, sigmoid, linear)"), "the model's activation");
    assert!(text.contains("(default classification; one of classification, regression)"), "the csv's task");
    assert!(text.contains("default 0.03"), "circles' noise");
    assert!(text.contains("(default softmax; one of softmax, sigmoid)"), "the model's output");
    assert!(text.contains("(default f64; one of f64, f32)"), "the model's precision");
    assert!(text.contains("inputs=x+y+x2+y2+xy+sinx+siny"), "the model's input features");
}

#[test]
fn bad_input_is_one_line_and_exit_status_two() {
    let dir = tempfile::tempdir().unwrap();
    let bad_csv = write(dir.path(), "bad.csv", "x,y,label\n1,2,0\n3,oops,1\n");
    let good_csv = write(dir.path(), "good.csv", "x,y,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n");
    let small_init = write(dir.path(), "small.json", r#"{"layers": [{"weight": [[1, 2], [3, 4]], "bias": [0, 0]}]}"#);
    let not_json = write(dir.path(), "broken.json", "{\"layers\": [");
    let missing = dir.path().join("missing.csv").to_str().unwrap().to_owned();
    let csv = |path: &str, target: &str| format!("csv:path={path},target={target}");
    let (bad_csv, no_target, unreadable) = (csv(&bad_csv, "label"), csv(&good_csv, "class"), csv(&missing, "label"));
    let missing_init = dir.path().join("missing.json").to_str().unwrap().to_owned();
    let word_target = write(dir.path(), "word.csv", "x,y\n1,2\n3,abc\n5,6\n");
    let nan_cell = write(dir.path(), "nan.csv", "x,y,label\n1,2,0\n3,NaN,1\n");
    let infinite_target = write(dir.path(), "inf.csv", "x,y\n1,2\n3,4\n5,-inf\n");
    let many: String = (0..1500).map(|i| format!("{},{}.5\n", i % 7, i)).collect();
    let many_values = write(dir.path(), "many.csv", &format!("x,y\n{many}"));
    let regression = |path: &str| format!("csv:path={path},target=y,task=regression");
    let (word_target, infinite_target) = (regression(&word_target), regression(&infinite_target));
    let (nan_cell, many_values) = (csv(&nan_cell, "label"), csv(&many_values, "y"));
    fn base(dataset: &str) -> Vec<&str> {
        vec!["train", "--dataset", dataset, "--optimizer", "adam", "--epochs", "2"]
    }
    fn with<'a>(dataset: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
        [base(dataset), extra.to_vec()].concat()
    }
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (base("iris"), "unknown dataset 'iris' (known: digits, circles, moons, spiral, sine, diabetes, csv)"),
        (base("circles:n=2"), "n=2 is out of range"),
        (base("circles:noise=-1"), "noise=-1 is out of range (must be ≥ 0)"),
        (base(&bad_csv), "row 3, column 'y': 'oops' is not a number"),
        (base(&no_target), "no target column 'class' (columns: x, y, label)"),
        (base(&unreadable), "cannot read the data set"),
        (base("csv:target=label"), "csv: path is required"),
        (base(&word_target), "row 3, column 'y': 'abc' is not a number"),
        (base(&infinite_target), "row 4, column 'y': '-inf' is not a finite number"),
        (base(&nan_cell), "row 3, column 'y': 'NaN' is not a finite number"),
        (base(&many_values), "'y' has 1500 distinct values, more than the 1000 classes"),
        (base(&many_values), "if it is a quantity, give task=regression"),
        (base("csv:path=x.csv,target=y,task=ordinal"), "task=ordinal is not one of classification, regression"),
        (with("circles", &["--model", "mlp:activation=swish"]), "activation=swish is not one of relu, tanh, sigmoid"),
        (with("circles", &["--model", "mlp:l1=-0.1"]), "l1=-0.1 is out of range (must be ≥ 0)"),
        (with("circles", &["--model", "mlp:l2=-1"]), "l2=-1 is out of range (must be ≥ 0)"),
        (with("circles", &["--model", "mlp:l2=nan"]), "l2=nan is out of range"),
        (with("circles", &["--model", "mlp:hidden=100000x100000"]), "at most 10000000 parameters in all"),
        (with("sine", &["--model", "mlp:output=sigmoid"]), "the data set is a regression"),
        (with("circles", &["--model", "mlp:hidden=0"]), "mlp: hidden=0 is not a list of layer widths"),
        (
            with("digits", &["--model", "mlp:output=sigmoid"]),
            "has one sigmoid output, for two classes, but the data has 10",
        ),
        (with("circles", &["--model", "mlp:hidden=16x"]), "hidden=16x"),
        (with("circles", &["--model", "cnn"]), "unknown model 'cnn'"),
        (with("circles", &["--model", "mlp:inputs=x+cosy"]), "inputs=x+cosy is not a list of features joined by '+'"),
        (with("digits", &["--model", "mlp:inputs=x+y+x2"]), "but the data has 64 features; leave inputs out"),
        (with("circles", &["--init", &small_init, "--model", "mlp:inputs=x2+y2"]), "but the init file"),
        (with("digits", &["--model", "mlp:hidden=4096x4096"]), "17088522 parameters on this data; at most 10000000"),
        (vec!["train", "--dataset", "circles", "--optimizer", "adam", "--epochs", "0"], "epochs from 1"),
        (with("circles", &["--batch", "0"]), "batch size of at least 1"),
        (with("digits", &["--init", &small_init]), "layer 0: weight rows (inputs) has 2, expected 64"),
        (with("circles", &["--init", &small_init, "--model", "mlp:hidden=8"]), "does not match the init file"),
        (with("circles", &["--init", &small_init, "--model", "mlp:hidden=8"]), "which has no hidden layer"),
        (with("circles", &["--init", &not_json]), "init file:"),
        (with("circles", &["--init", &missing_init]), "cannot read the init file"),
        (with("circles", &["--optimizer", "newton"]), "newton cannot train a network: it needs the Hessian"),
        (with("circles", &["--optimizer", "adam:lr=0"]), "lr=0 is out of range"),
        (with("circles", &["--schedule", "cosine"]), "t_max is required"),
        (with("circles", &["--format", "xml"]), "xml"),
        (vec!["train", "--dataset", "circles", "--epochs", "2"], "--optimizer"),
        (vec!["train", "--optimizer", "adam", "--epochs", "2"], "--dataset"),
    ];
    for (args, expected) in cases {
        let output = optiviz(&args).code(2).get_output().clone();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: expected {expected:?} in {stderr}");
        assert!(output.stdout.is_empty(), "{args:?} printed to stdout");
    }
}
