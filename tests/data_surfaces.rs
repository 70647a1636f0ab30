//! The data surfaces `linreg` and `logreg` with mini-batch gradients: the
//! real binary in a temporary folder, and the library's race.

use std::sync::Arc;

use assert_cmd::Command;
use optiviz::engine::batch::MiniBatch;
use optiviz::engine::lockstep::RunSpec;
use optiviz::engine::race::{Sampling, Simulation};
use optiviz::SurfaceConfig;

const LINREG: &str = concat!("linreg:data=", env!("CARGO_MANIFEST_DIR"), "/assets/data/linreg.csv");
const LOGREG: &str = concat!("logreg:data=", env!("CARGO_MANIFEST_DIR"), "/assets/data/logreg.csv");

fn trace(surface: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    let mut args = vec!["trace", "--surface", surface, "--start", "-1,2.5", "--steps", "60"];
    args.extend_from_slice(extra);
    Command::cargo_bin("optiviz").unwrap().args(&args).assert()
}

fn stdout(surface: &str, extra: &[&str]) -> String {
    String::from_utf8(trace(surface, extra).success().get_output().stdout.clone()).unwrap()
}

fn error(surface: &str, extra: &[&str]) -> String {
    let output = trace(surface, extra).code(2).get_output().clone();
    let text = String::from_utf8(output.stderr).unwrap();
    assert_eq!(text.trim_end().lines().count(), 1, "not one line: {text}");
    text
}

#[test]
fn a_batch_of_every_row_is_full_batch_descent_point_for_point() {
    for surface in [LINREG, LOGREG] {
        let runs = ["--optimizer", "sgd:lr=0.05", "--optimizer", "adam:lr=0.1", "--optimizer", "lbfgs"];
        let full = stdout(surface, &runs);
        let mut batched = runs.to_vec();
        let rows = if surface == LINREG { "40" } else { "60" };
        batched.extend(["--batch", rows, "--seed", "9"]);
        assert_eq!(stdout(surface, &batched), full, "{surface}");
    }
}

#[test]
fn the_seed_decides_the_batches() {
    let run = |seed: &str| stdout(LINREG, &["--optimizer", "sgd:lr=0.05", "--batch", "4", "--seed", seed]);
    assert_eq!(run("3"), run("3"));
    assert_ne!(run("3"), run("4"));
    assert_ne!(run("3"), stdout(LINREG, &["--optimizer", "sgd:lr=0.05"]));
}

#[test]
fn a_run_takes_its_own_batch_and_the_others_keep_full_batches() {
    let alone = stdout(LINREG, &["--optimizer", "sgd:lr=0.05,batch=1,label=SGD", "--seed", "2"]);
    let raced = stdout(
        LINREG,
        &["--optimizer", "sgd:lr=0.05,label=full", "--optimizer", "sgd:lr=0.05,batch=1,label=SGD", "--seed", "2"],
    );
    let full = stdout(LINREG, &["--optimizer", "sgd:lr=0.05,label=full"]);
    let rows = |text: &str, label: &str| -> Vec<String> {
        text.lines().filter(|l| l.contains(label)).map(|l| l.split_once(',').unwrap().1.to_owned()).collect()
    };
    assert_eq!(rows(&raced, ",SGD,"), rows(&alone, ",SGD,"));
    assert_eq!(rows(&raced, ",full,"), rows(&full, ",full,"));
    assert_ne!(rows(&raced, ",SGD,"), rows(&full, ",full,"));
}

#[test]
fn bad_batches_and_bad_data_name_the_problem() {
    let sgd = ["--optimizer", "sgd"];
    let with = |extra: &[&'static str]| [&sgd[..], extra].concat();
    assert!(error("rosenbrock", &with(&["--batch", "4"])).contains("needs a data surface"));
    assert!(error(LINREG, &with(&["--batch", "41"])).contains("batch size 41 must be from 1 to the data's 40 rows"));
    assert!(error(LINREG, &with(&["--batch", "0"])).contains("batch size 0"));
    assert!(error(LINREG, &["--optimizer", "sgd:batch=50"]).contains("batch size 50"));
    assert!(error(LINREG, &["--optimizer", "sgd:batch=many"]).contains("batch=many is not a whole number"));
    assert!(error(LOGREG, &["--optimizer", "sgd:noise=-1"]).contains("noise=-1"));
    assert!(error("linreg:data=/no/such/file.csv", &sgd).contains("cannot read /no/such/file.csv"));

    let folder = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let path = folder.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let surface = |kind: &str, path: &str| format!("{kind}:data={path}");
    let columns = file("columns.csv", "a,b\n1,2\n3,4\n");
    assert!(error(&surface("linreg", &columns), &sgd).contains("no column 'x' (the header has a, b; needs x, t)"));
    let cell = file("cell.csv", "x,t\n1,2\n3,four\n");
    assert!(error(&surface("linreg", &cell), &sgd).contains("line 3, column 't': 'four' is not a finite number"));
    let short = file("short.csv", "x,t\n1,2\n");
    assert!(error(&surface("linreg", &short), &sgd).contains("1 data row(s); at least 2 are needed"));
    let labels = file("labels.csv", "x1,x2,label\n1,2,1\n3,4,2\n");
    assert!(error(&surface("logreg", &labels), &sgd).contains("data row 2: label 2 is not 0 or 1"));
}

#[test]
fn generated_data_follow_their_seed_and_size() {
    let a = stdout("linreg:n=25,seed=4", &["--optimizer", "sgd", "--batch", "25"]);
    assert_eq!(a, stdout("linreg:n=25,seed=4", &["--optimizer", "sgd"]));
    assert_ne!(a, stdout("linreg:n=25,seed=5", &["--optimizer", "sgd"]));
    assert!(error("linreg:n=1", &["--optimizer", "sgd"]).contains("n=1 is out of range"));
    assert!(error("logreg:n=20", &["--optimizer", "sgd", "--batch", "21"]).contains("20 rows"));
}

#[test]
fn the_recorded_loss_is_the_whole_data_loss_at_every_point() {
    let config: SurfaceConfig = LOGREG.parse().unwrap();
    let surface: Arc<dyn optiviz::Surface> = Arc::from(config.build().unwrap());
    let spec = RunSpec { optimizer: "momentum:lr=0.3".parse().unwrap(), schedule: optiviz::Schedule::Constant };
    let sampling = Sampling { noise: None, batch: Some(MiniBatch { size: 5, seed: 1 }) };
    let mut sim = Simulation::sampled(surface.clone(), [-2.0, 2.0], vec![spec], sampling);
    sim.advance_to(200);
    let t = sim.runs()[0].trajectory();
    for (point, loss) in t.points.iter().zip(&t.losses) {
        assert_eq!(*loss, surface.value(*point));
    }
    let distance = |p: &[f64; 2], m: [f64; 2]| (p[0] - m[0]).hypot(p[1] - m[1]);
    let minimum = surface.minima()[0];
    assert!(distance(t.points.last().unwrap(), minimum) < 0.5 * distance(&t.points[0], minimum));
}
