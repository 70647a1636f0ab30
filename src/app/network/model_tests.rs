//! UI tests of the network's activation and penalties, the regression view
//! and a CSV's task: click them as a user would, then check the network
//! trained and the points drawn against the library's own numbers.

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use optiviz::nn::dataset::CSV_TASK;
use optiviz::nn::fit::{fitted_curve, input_range, predicted_against_actual};
use optiviz::nn::{Activation, Output, Penalty, Score, Task, Workspace};

use super::command::NetworkCommand;
use super::tests::network_page;
use crate::app::command::Command;
use crate::app::state::Page;
use crate::app::tests::{open, save};
use crate::app::OptivizApp;

/// Clicks the widget labelled `label` and lets the app settle.
fn click(harness: &mut Harness<'static, OptivizApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// Plays until every run has trained at least `epochs`, then pauses.
fn train(harness: &mut Harness<'static, OptivizApp>, epochs: usize) {
    harness.get_by_label("Play").click();
    for _ in 0..300 {
        harness.step();
        if harness.state().state.network.training.epochs() >= epochs {
            break;
        }
    }
    click(harness, "Pause");
    assert!(harness.state().state.network.training.epochs() >= epochs);
}

/// The last recorded training loss of every run.
fn last_train_losses(app: &OptivizApp) -> Vec<f64> {
    app.state.network.training.runs().iter().map(|run| *run.history().train_loss.last().unwrap()).collect()
}

#[test]
fn choosing_tanh_restarts_training_with_a_tanh_network() {
    let mut harness = network_page();
    click(&mut harness, "Step");
    let relu = last_train_losses(harness.state());
    assert_eq!(harness.state().state.network.model.activation, Activation::Relu);
    click(&mut harness, "Tanh");
    let network = &harness.state().state.network;
    assert_eq!(network.model.activation, Activation::Tanh);
    assert_eq!(network.training.problem().mlp.activation(), Activation::Tanh);
    assert_eq!(network.training.epochs(), 1, "the epoch shown is replayed");
    let tanh = last_train_losses(harness.state());
    assert!(tanh.iter().zip(&relu).all(|(t, r)| t.is_finite() && t != r), "tanh {tanh:?}, relu {relu:?}");
}

#[test]
fn an_l2_penalty_is_descended_but_the_recorded_loss_is_the_data_loss() {
    let mut harness = network_page();
    click(&mut harness, "L2 penalty");
    let network = &harness.state().state.network;
    let penalty = Penalty { l1: 0.0, l2: 1e-3 };
    assert_eq!((network.model.penalty, network.training.problem().mlp.penalty()), (penalty, penalty));
    click(&mut harness, "Step");
    let network = &harness.state().state.network;
    let problem = network.training.problem();
    let mut workspace = Workspace::default();
    for run in network.training.runs() {
        let rows = &problem.split.train;
        let loss = problem.mlp.loss(run.params(), &problem.dataset, rows, &mut workspace);
        let objective = problem.mlp.objective(run.params(), &problem.dataset, rows, &mut workspace);
        assert_eq!(run.history().train_loss.last(), Some(&loss), "the curves show the data loss");
        assert!(objective > loss + 1e-6, "the optimizer descends {objective}, more than {loss}");
    }
    harness.get_by_label("the curves show the data loss, without the penalty");
    assert!(harness.query_all_by_label("λ2").next().is_some(), "a strength slider once the penalty is on");
    click(&mut harness, "L2 penalty");
    assert!(harness.state().state.network.training.problem().mlp.penalty().is_none(), "switched off: 0");
}

#[test]
fn the_sine_data_shows_each_runs_fitted_curve_live() {
    let mut harness = network_page();
    click(&mut harness, "sine");
    let network = &harness.state().state.network;
    assert_eq!(network.training.problem().dataset.task(), Task::Regression);
    harness.get_by_label("Fitted curves");
    let at_start = harness.state().network_views.regression.fits.clone();
    train(&mut harness, 20);
    let app = harness.state();
    let problem = app.state.network.training.problem();
    let fits = &app.network_views.regression.fits;
    assert_eq!(fits.len(), 2);
    for ((run, fit), start) in app.state.network.training.runs().iter().zip(fits).zip(&at_start) {
        let expected = fitted_curve(&problem.mlp, run.params(), input_range(&problem.dataset), 200);
        assert_eq!(fit, &expected, "the curve drawn is the network's prediction at this epoch");
        assert!(fit.iter().all(|[x, y]| x.is_finite() && y.is_finite()));
        assert_ne!(fit, start, "the curve moved as the network trained");
        let r2 = *run.history().test_score.last().unwrap();
        let title = format!("{}: test R² {}", run.spec().optimizer.label(), Score::R2.show(r2));
        harness.get_by_label(&title);
    }
    click(&mut harness, "diabetes");
    harness.get_by_label("Predicted against actual, test rows");
    let app = harness.state();
    let problem = app.state.network.training.problem();
    for (run, fit) in app.state.network.training.runs().iter().zip(&app.network_views.regression.fits) {
        assert_eq!(fit.len(), problem.split.test.len());
        assert_eq!(fit, &predicted_against_actual(&problem.mlp, run.params(), &problem.dataset, &problem.split.test));
    }
}

#[test]
fn a_csv_target_switches_between_classes_and_a_regression() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("steps.csv");
    let rows: String = (0..60).map(|i| format!("{},{}\n", f64::from(i) / 10.0, i % 3)).collect();
    std::fs::write(&path, format!("x,y\n{rows}")).unwrap();
    let mut harness = network_page();
    harness.state_mut().apply(Command::Network(NetworkCommand::OpenCsv(path)));
    harness.run();
    let network = &harness.state().state.network;
    assert_eq!((network.data_error.as_deref(), network.training.problem().dataset.classes), (None, 3));
    click(&mut harness, "regression");
    let network = &harness.state().state.network;
    assert_eq!(network.dataset.settings().get(CSV_TASK), "regression");
    let mlp = &network.training.problem().mlp;
    assert_eq!((mlp.output(), mlp.sizes()), (Output::Linear, &[1, 16, 16, 1][..]));
    harness.get_by_label("Fitted curves");
    click(&mut harness, "classification");
    let mlp = &harness.state().state.network.training.problem().mlp;
    assert_eq!((mlp.output(), mlp.sizes()), (Output::Softmax, &[1, 16, 16, 3][..]));
}

#[test]
fn a_quantity_taken_for_classes_says_so_and_offers_a_regression() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prices.csv");
    let rows: String = (0..2000).map(|i| format!("{i},{}\n", 0.5 * f64::from(i))).collect();
    std::fs::write(&path, format!("size,price\n{rows}")).unwrap();
    let mut harness = network_page();
    harness.state_mut().apply(Command::Network(NetworkCommand::OpenCsv(path)));
    harness.run();
    let network = &harness.state().state.network;
    let error = network.data_error.clone().unwrap_or_default();
    assert!(error.contains("'price' has 2000 distinct values") && error.contains("give task=regression"), "{error}");
    assert_eq!(network.dataset.name(), "circles", "the last good data trains on");
    harness.get_by_label(&error);
    click(&mut harness, "Read the target as a number (task=regression)");
    let network = &harness.state().state.network;
    assert_eq!((network.data_error.as_deref(), network.dataset.name()), (None, "csv"));
    assert_eq!(network.training.problem().dataset.task(), Task::Regression);
    assert_eq!(network.training.problem().dataset.len(), 2000);
}

#[test]
fn a_scene_keeps_the_activation_and_the_penalties() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tanh.toml");
    let mut app = OptivizApp::new();
    app.apply(Command::ShowPage(Page::Network));
    app.apply(Command::Network(NetworkCommand::SetActivation(Activation::Sigmoid)));
    app.apply(Command::Network(NetworkCommand::SetPenalty(Penalty { l1: 1e-4, l2: 0.01 })));
    save(&mut app, path.clone());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("activation=sigmoid,l1=0.0001,l2=0.01"), "{text}");
    let mut other = OptivizApp::new();
    open(&mut other, path);
    assert_eq!(other.state.network.to_scene(), app.state.network.to_scene());
    let mlp = &other.state.network.training.problem().mlp;
    assert_eq!((mlp.activation(), mlp.penalty()), (Activation::Sigmoid, Penalty { l1: 1e-4, l2: 0.01 }));
}

#[test]
fn a_strength_outside_the_sliders_range_is_kept() {
    let mut harness = network_page();
    let penalty = Penalty { l1: 1e-9, l2: 5.0 };
    harness.state_mut().apply(Command::Network(NetworkCommand::SetPenalty(penalty)));
    harness.run();
    let generation = harness.state().state.network.generation;
    harness.run_steps(3);
    let network = &harness.state().state.network;
    assert_eq!((network.model.penalty, network.generation), (penalty, generation), "no rebuild from showing it");
}
