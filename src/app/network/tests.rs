//! UI tests of the Network view: switch to it, train, change the data and
//! the network by clicking and typing, and check the state that results.

use eframe::egui::Key;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use optiviz::nn::{Output, Precision};

use optiviz::nn::boundary::data_window;
use optiviz::nn::neurons::NeuronMaps;

use super::command::NetworkCommand;
use super::neurons::{MAP_CELLS, MAX_MAPS};
use super::state::MiddleTab;
use crate::app::command::Command;
use crate::app::state::Page;
use crate::app::tests::{harness, open, save};
use crate::app::OptivizApp;

/// The app's harness showing the Network page.
pub(super) fn network_page() -> Harness<'static, OptivizApp> {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Network").click();
    harness.run();
    harness
}

#[test]
fn the_network_view_trains_live_and_the_loss_falls() {
    let mut harness = network_page();
    assert_eq!(harness.state().state.page, Page::Network);
    assert_eq!(harness.state().state.network.training.epochs(), 0);
    harness.get_by_label("Play").click();
    for _ in 0..200 {
        harness.step();
        if harness.state().state.network.training.epochs() >= 30 {
            break;
        }
    }
    let network = &harness.state().state.network;
    assert!(network.playing);
    assert!(network.training.epochs() >= 30, "epochs {}", network.training.epochs());
    assert_eq!(network.training.runs().len(), 2);
    for run in network.training.runs() {
        let history = run.history();
        assert_eq!(history.epochs(), network.training.epochs(), "every curve grew");
        assert_eq!(history.test_score.len(), history.epochs() + 1);
    }
    let adam = network.training.runs()[1].history();
    assert!(adam.train_loss.last() < adam.train_loss.first(), "{:?}", adam.train_loss);
    assert!(adam.test_loss.last() < adam.test_loss.first());
    harness.key_press(Key::Space);
    harness.step();
    let network = &harness.state().state.network;
    assert!(!network.playing, "space pauses the shown view");
    assert!(!harness.state().state.race.playing, "the race never started");
}

#[test]
fn data_and_network_changes_restart_training() {
    let mut harness = network_page();
    harness.get_by_label("Step").click();
    harness.run();
    assert_eq!(harness.state().state.network.training.epochs(), 1);
    harness.get_by_label("moons").click();
    harness.run();
    let network = &harness.state().state.network;
    assert_eq!(network.dataset.name(), "moons");
    assert_eq!(network.training.problem().dataset.len(), 1000);
    let field = harness.get_by_label("hidden layers");
    field.focus();
    field.type_text("x8");
    harness.run();
    let network = &harness.state().state.network;
    assert_eq!(network.model.hidden, Some(vec![16, 16, 8]), "the field reads 16x16x8");
    assert_eq!(network.training.problem().mlp.sizes(), [2, 16, 16, 8, 1], "seed 004's one sigmoid output");
    assert_eq!(network.training.problem().mlp.precision(), Precision::F32, "typing widths keeps the precision");
    harness.get_by_label("softmax").click();
    harness.run();
    let network = &harness.state().state.network;
    assert_eq!(network.model.output, Output::Softmax);
    assert_eq!(network.training.problem().mlp.sizes(), [2, 16, 16, 8, 2]);
    let field = harness.get_by_label("hidden layers");
    field.focus();
    field.type_text("x");
    harness.run();
    let network = &harness.state().state.network;
    let error = network.hidden_error.clone().unwrap_or_default();
    assert!(error.contains("hidden=16x16x8x"), "{error}");
    assert_eq!(network.training.problem().mlp.sizes(), [2, 16, 16, 8, 2], "the last good network trains on");
    harness.get_by_label(&error).hover();
}

#[test]
fn toggling_an_input_feature_reshapes_the_network_and_restarts_training() {
    let mut harness = network_page();
    harness.get_by_label("Step").click();
    harness.run();
    let generation = harness.state().state.network.generation;
    let starting_weights = harness.state().state.network.training.problem().init.len();
    harness.get_by_label("x₁²").click();
    harness.run();
    let network = &harness.state().state.network;
    assert_eq!(network.model.inputs.to_string(), "x+y+x2");
    assert_eq!(network.training.problem().mlp.sizes(), [3, 16, 16, 1]);
    assert_eq!(network.training.problem().init.len(), starting_weights + 16, "16 more weights from x₁²");
    assert!(network.generation > generation, "training restarted");
    assert_eq!(network.to_scene().model.to_string(), "mlp:hidden=16x16,inputs=x+y+x2,output=sigmoid,precision=f32");
    for feature in ["x₁", "x₂"] {
        harness.get_by_label(feature).click();
        harness.run();
    }
    let network = &harness.state().state.network;
    assert_eq!((network.model.inputs.to_string().as_str(), network.training.problem().mlp.sizes()[0]), ("x2", 1));
    harness.get_by_label("x₁²").click();
    harness.run();
    assert_eq!(harness.state().state.network.model.inputs.to_string(), "x2", "the last input stays on");
    harness.get_by_label("digits").click();
    harness.run();
    let network = &harness.state().state.network;
    assert_eq!(
        (network.data_error.as_deref(), network.model.inputs.is_raw()),
        (None, true),
        "digits read their pixels"
    );
    assert_eq!(network.training.problem().mlp.sizes()[0], 64);
    assert!(harness.query_by_label("x₁²").is_none(), "no input features for images");
}

#[test]
fn the_neurons_tab_shows_the_chosen_run_s_hidden_units_as_they_train() {
    let mut harness = network_page();
    harness.get_by_label("Neurons").click();
    harness.run();
    assert_eq!(harness.state().state.network.tab, MiddleTab::Neurons);
    let second = harness.state().state.network.training.runs()[1].spec().optimizer.label().to_owned();
    harness.get_by_label(&format!(
        "{}: hidden units at epoch 0",
        harness.state().state.network.training.runs()[0].spec().optimizer.label()
    ));
    // The optimizer list names it too; the picker is drawn last, in the middle panel.
    harness.get_all_by_label(&second).last().expect("the run picker").click();
    harness.run();
    assert_eq!(harness.state().state.network.neuron_run, 1);
    harness.get_by_label(&format!("{second}: hidden units at epoch 0"));
    harness.get_by_label("layer 2 · 16 units");
    for _ in 0..3 {
        harness.get_by_label("Step").click();
        harness.run();
    }
    harness.get_by_label(&format!("{second}: hidden units at epoch 3"));
    let app = harness.state();
    let network = &app.state.network;
    let problem = network.training.problem();
    let window = data_window(&problem.dataset);
    let expected = NeuronMaps::compute(&problem.mlp, network.training.runs()[1].params(), window, MAP_CELLS, MAX_MAPS);
    let first = NeuronMaps::compute(&problem.mlp, network.training.runs()[0].params(), window, MAP_CELLS, MAX_MAPS);
    let shown = app.network_views.neurons.maps.as_ref().expect("maps drawn");
    assert_eq!(shown, &expected, "the second run's maps after three epochs");
    assert_ne!(shown, &first);
    assert_eq!(shown.layers.iter().map(|layer| layer.units).collect::<Vec<_>>(), [16, 16]);
    harness.get_by_label("Boundaries").click();
    harness.run();
    assert_eq!(harness.state().state.network.tab, MiddleTab::Model);
    assert!(harness.query_by_label("layer 2 · 16 units").is_none());
}

#[test]
fn ten_classes_turn_a_sigmoid_output_into_a_softmax() {
    let mut harness = network_page();
    assert_eq!(harness.state().state.network.model.output, Output::Sigmoid);
    harness.get_by_label("digits").click();
    harness.run();
    let network = &harness.state().state.network;
    assert_eq!((network.dataset.name(), network.data_error.as_deref()), ("digits", None));
    assert_eq!(network.model.output, Output::Softmax);
    assert_eq!(network.training.problem().mlp.sizes(), [64, 16, 16, 10]);
    assert!(harness.query_by_label("sigmoid").is_none(), "no output choice for ten classes");
}

#[test]
fn the_network_view_offers_no_optimizer_that_needs_a_hessian() {
    let mut harness = network_page();
    harness.get_by_label("+ Add optimizer").click();
    harness.run();
    assert!(harness.query_by_label("newton").is_none());
    harness.get_by_label("lbfgs"); // its family stays: L-BFGS needs only gradients
    harness.get_by_label("search").type_text("hessian");
    harness.run();
    harness.get_by_label("no optimizer matches 'hessian'");
    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_label("+ Add optimizer").click();
    harness.run();
    harness.get_by_label("rmsprop").click();
    harness.run();
    let network = &harness.state().state.network;
    assert_eq!(network.training.runs().len(), 3);
    assert_eq!(network.training.runs()[2].spec().optimizer.name(), "rmsprop");
}

#[test]
fn export_in_the_network_view_writes_the_boundaries_and_the_curves() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = crate::app::OptivizApp::new();
    app.apply(Command::ShowPage(Page::Network));
    app.apply(Command::Network(NetworkCommand::SetEpochs(20)));
    app.state.network.training.advance_to(20);
    crate::app::tests::exports_pngs(&mut app, dir.path(), "net", ["net_boundary.png", "net_loss.png"], (1280, 720));
}

#[test]
fn a_saved_network_scene_loads_back_into_the_network_view() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("net.toml");
    let mut app = crate::app::OptivizApp::new();
    app.apply(Command::ShowPage(Page::Network));
    app.apply(Command::Network(NetworkCommand::SetHidden("8".to_owned())));
    save(&mut app, path.clone());
    let mut other = crate::app::OptivizApp::new();
    open(&mut other, path);
    assert_eq!(other.state.page, Page::Network);
    assert_eq!(other.state.network.to_scene(), app.state.network.to_scene());
    assert_eq!(other.state.network.training.problem().mlp.sizes(), [2, 8, 1]);
}

#[test]
fn a_csv_file_trains_and_a_bad_one_says_why_beside_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("xor.csv");
    let rows: String = (0..40).map(|i| format!("{},{},{}\n", i % 2, (i / 2) % 2, (i % 2) ^ ((i / 2) % 2))).collect();
    std::fs::write(&good, format!("a,b,label\n{rows}")).unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "a,b,label\n1,x,0\n").unwrap();
    let mut app = crate::app::OptivizApp::new();
    app.apply(Command::ShowPage(Page::Network));
    app.apply(Command::Network(NetworkCommand::OpenCsv(good.clone())));
    let state = &mut app.state;
    assert_eq!(state.network.data_error, None);
    assert_eq!(state.network.dataset.csv_source(), Some((good.display().to_string().as_str(), "label")));
    let data = &state.network.training.problem().dataset;
    assert_eq!((data.len(), data.dim, data.classes), (40, 2, 2));
    let headerless = dir.path().join("yes_no.csv");
    std::fs::write(&headerless, "1,2,yes\n3,4,no\n5,6,yes\n7,8,no\n").unwrap();
    app.apply(Command::Network(NetworkCommand::OpenCsv(headerless)));
    let state = &mut app.state;
    assert_eq!(state.network.data_error, None, "the last column of a headerless file is column 2");
    assert_eq!(state.network.training.problem().dataset.len(), 4);
    app.apply(Command::Network(NetworkCommand::OpenCsv(good)));
    app.apply(Command::Network(NetworkCommand::OpenCsv(bad)));
    let state = &mut app.state;
    let error = state.network.data_error.clone().unwrap_or_default();
    assert!(error.contains("'x' is not a number"), "{error}");
    assert_eq!(state.network.training.problem().dataset.len(), 40, "the last good data stays");
    let mut harness = crate::app::tests::harness();
    *harness.state_mut() = app;
    harness.run();
    harness.get_by_label(&error);
}

#[test]
fn a_regression_data_set_trains_and_shows_r2() {
    let mut harness = network_page();
    harness.get_by_label("sine").click();
    harness.run();
    let network = &harness.state().state.network;
    assert_eq!((network.dataset.name(), network.data_error.as_deref()), ("sine", None));
    assert_eq!(network.training.problem().mlp.sizes(), [1, 16, 16, 1], "one linear unit");
    assert_eq!(network.training.problem().mlp.output(), Output::Linear);
    assert!(harness.query_by_label("sigmoid").is_none(), "no output choice for a regression");
    harness.get_by_label("Play").click();
    for _ in 0..100 {
        harness.step();
        if harness.state().state.network.training.epochs() >= 10 {
            break;
        }
    }
    harness.get_by_label("Test R²");
    let network = &harness.state().state.network;
    let adam = network.training.runs()[1].history();
    assert!(adam.train_loss.last() < adam.train_loss.first(), "{:?}", adam.train_loss);
    assert!(adam.test_score.iter().all(|r2| *r2 <= 1.0), "R² is at most 1: {:?}", adam.test_score);
    harness.get_by_label("diabetes").click();
    harness.run_steps(3); // still training: it never settles
    assert_eq!(harness.state().state.network.training.problem().mlp.sizes(), [10, 16, 16, 1]);
}
