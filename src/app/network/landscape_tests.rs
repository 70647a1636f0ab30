//! UI tests of the Landscape tab: it computes in the background what
//! [`Landscape::compute`] computes from the same training, follows the
//! training as it goes on, switches plane, and says why when it cannot.

use eframe::egui::Key;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use optiviz::nn::landscape::{Landscape, LandscapeError, LandscapeSettings, ParamPaths, PlaneKind, MAX_GRID};
use optiviz::nn::Training;
use optiviz::scene::AnyScene;

use super::command::NetworkCommand;
use super::landscape_job::{shown, wanted};
use super::landscape_state::LandscapeCommand;
use super::state::MiddleTab;
use super::tests::network_page;
use crate::app::command::Command;
use crate::app::tests::exports_pngs;
use crate::app::OptivizApp;

/// Draws frames until the Landscape tab's outcome is the one wanted for
/// the training as it stands (a watchdog of a minute fails one that never comes).
fn wait_for_the_landscape(harness: &mut Harness<'static, OptivizApp>) {
    let started = std::time::Instant::now();
    loop {
        harness.step();
        let network = &harness.state().state.network;
        let key = wanted(network).expect("a landscape is wanted");
        if network.landscape.outcome(&key).is_some_and(|(shown, _)| *shown == key) {
            break;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "the landscape never came");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.step();
}

/// The landscape of the Network page's training as it stands, computed
/// directly: the runs replayed and recorded, then [`Landscape::compute`].
fn expected(harness: &Harness<'static, OptivizApp>, plane: PlaneKind) -> Landscape {
    let network = &harness.state().state.network;
    let mut training = Training::new(network.training.problem().clone(), network.lineup.specs());
    let paths = ParamPaths::record(&mut training, network.training.epochs(), &|| true).unwrap();
    let settings = LandscapeSettings { plane, seed: network.seed, ..LandscapeSettings::default() };
    Landscape::compute(training.problem(), paths, &settings, &|| true).unwrap()
}

/// Checks that the tab shows `expected`: the same grid to 1e-12, the same
/// shares of the variance, the same paths.
fn assert_shows(harness: &Harness<'static, OptivizApp>, expected: &Landscape) {
    let network = &harness.state().state.network;
    let shown = shown(network).expect("a landscape is shown");
    assert_eq!(shown.axes.len(), 41, "the default grid");
    assert_eq!(shown.loss.len(), expected.loss.len());
    for (a, b) in shown.loss.iter().zip(&expected.loss) {
        assert!((a - b).abs() <= 1e-12, "{a} vs {b}");
    }
    assert_eq!(shown.plane.kind, expected.plane.kind);
    match (shown.plane.explained, expected.plane.explained) {
        (Some(a), Some(b)) => assert!((a[0] - b[0]).abs() <= 1e-12 && (a[1] - b[1]).abs() <= 1e-12, "{a:?} {b:?}"),
        (a, b) => assert_eq!(a, b),
    }
    assert_eq!(shown.paths, expected.paths);
    let epochs = network.training.epochs();
    assert!(shown.paths.iter().all(|path| path.points.len() == epochs + 1), "every epoch of every run");
}

/// Opens the Network view and trains `epochs` epochs with the Step button.
fn network_after(epochs: usize) -> Harness<'static, OptivizApp> {
    let mut harness = network_page();
    for _ in 0..epochs {
        harness.get_by_label("Step").click();
        harness.run();
    }
    assert_eq!(harness.state().state.network.training.epochs(), epochs);
    harness
}

#[test]
fn the_landscape_tab_shows_the_landscape_of_the_training_and_follows_it() {
    let mut harness = network_after(4);
    assert_eq!(harness.state().state.network.tab, MiddleTab::Model);
    harness.get_by_label("Landscape").click();
    wait_for_the_landscape(&mut harness);
    assert_eq!(harness.state().state.network.tab, MiddleTab::Landscape);
    assert_shows(&harness, &expected(&harness, PlaneKind::Pca));
    let explained = shown(&harness.state().state.network).unwrap().plane.explained.unwrap();
    harness.get_by_label_contains(&format!("d1 explains {:.1} %", 100.0 * explained[0]));
    harness.get_by_label_contains("41 × 41 grid · epoch 4");
    for _ in 0..3 {
        harness.get_by_label("Step").click();
        harness.step();
    }
    wait_for_the_landscape(&mut harness);
    assert_eq!(harness.state().state.network.training.epochs(), 7);
    assert_shows(&harness, &expected(&harness, PlaneKind::Pca));
    harness.get_by_label("random").click();
    wait_for_the_landscape(&mut harness);
    assert_eq!(harness.state().state.network.landscape.plane, PlaneKind::Random);
    assert_shows(&harness, &expected(&harness, PlaneKind::Random));
    harness.get_by_label_contains("Random filter-normalised plane");
}

#[test]
fn the_landscape_redraws_live_while_training_plays() {
    let mut harness = network_after(2);
    harness.get_by_label("Landscape").click();
    wait_for_the_landscape(&mut harness);
    harness.state_mut().state.network.epochs_per_frame = 1;
    harness.get_by_label("Play").click();
    let mut epochs_seen = vec![];
    for _ in 0..3 {
        // A frame of play trains on; the training is then held still (as
        // a slow frame would) until the landscape it asked for has come.
        harness.step();
        let network = &mut harness.state_mut().state.network;
        assert!(network.playing, "still playing at epoch {}", network.training.epochs());
        network.playing = false;
        wait_for_the_landscape(&mut harness);
        assert_shows(&harness, &expected(&harness, PlaneKind::Pca));
        let shown = shown(&harness.state().state.network).expect("a landscape is shown");
        epochs_seen.push(shown.paths[0].points.len() - 1);
        harness.state_mut().state.network.playing = true;
    }
    assert!(
        epochs_seen.windows(2).all(|pair| pair[0] < pair[1]),
        "the landscape followed the training: {epochs_seen:?}"
    );
}

#[test]
fn the_landscape_tab_says_why_it_has_no_landscape() {
    let mut harness = network_after(0);
    harness.get_by_label("Landscape").click();
    harness.step();
    harness.step();
    harness.get_by_label_contains("Train a few epochs to see the landscape");
    let text = r#"
dataset = "circles:n=200,noise=0.03,test=0.3"
model = "mlp:hidden=8,output=sigmoid"
epochs = 20
seed = 4

[[runs]]
optimizer = "adam:lr=0.01"

[[runs]]
optimizer = "sgd:lr=1e300,label=wild"
"#;
    let scene = AnyScene::from_toml(text).unwrap();
    harness.state_mut().apply(Command::LoadScene(Box::new(scene)));
    // Its first step makes the weights huge; the second not finite.
    for _ in 0..3 {
        harness.get_by_label("Step").click();
        harness.step();
    }
    wait_for_the_landscape(&mut harness);
    let network = &harness.state().state.network;
    let key = wanted(network).unwrap();
    let (_, outcome) = network.landscape.outcome(&key).unwrap();
    let error = outcome.as_ref().unwrap_err();
    assert!(matches!(error, LandscapeError::Diverged { optimizer, run: 1, .. } if optimizer == "wild"), "{error}");
    harness.get_by_label(&error.to_string());
}

#[test]
fn export_with_the_landscape_tab_shown_writes_the_landscape_too() {
    let mut harness = network_after(3);
    harness.get_by_label("Landscape").click();
    wait_for_the_landscape(&mut harness);
    let dir = tempfile::tempdir().unwrap();
    let names = ["net_boundary.png", "net_loss.png", "net_landscape.png"];
    exports_pngs(harness.state_mut(), dir.path(), "net", names, (1280, 720));
}

#[test]
fn esc_stops_the_landscape_until_asked_again() {
    let mut harness = network_after(2);
    // The finest grid, so that the job is still running when Esc comes.
    let finest = LandscapeCommand::SetGrid(MAX_GRID);
    harness.state_mut().apply(Command::Network(NetworkCommand::Landscape(finest)));
    harness.get_by_label("Landscape").click();
    harness.step();
    harness.step();
    assert!(harness.state().state.network.landscape.pending().is_some(), "computing");
    harness.key_press(Key::Escape);
    let started = std::time::Instant::now();
    while !harness.state().state.network.landscape.stopped {
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "the job never stopped");
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    harness.step();
    let landscape = &harness.state().state.network.landscape;
    assert!(landscape.pending().is_none(), "no new job starts by itself");
    assert!(shown(&harness.state().state.network).is_none());
    harness.get_by_label("Stopped (Esc).");
    harness.get_by_label("Compute the landscape").click();
    harness.step();
    harness.step();
    let landscape = &harness.state().state.network.landscape;
    assert!(!landscape.stopped && landscape.pending().is_some(), "computing again");
    let default = LandscapeCommand::SetGrid(41);
    harness.state_mut().apply(Command::Network(NetworkCommand::Landscape(default)));
    wait_for_the_landscape(&mut harness);
    assert_shows(&harness, &expected(&harness, PlaneKind::Pca));
}
