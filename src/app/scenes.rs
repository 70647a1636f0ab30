//! Scenes in the app: the presets shipped in assets/scenes/, and turning the
//! app's state into a scene and back.

use optiviz::scene::{Layout as SceneLayout, Scene, SceneRun};

use optiviz::plot::colormap::path_color;

use super::lineup::{Lineup, RunEntry};
use super::state::{AppState, Layout};

/// The preset scenes: file name and TOML text.
pub const PRESETS: [(&str, &str); 7] = [
    ("seed003", include_str!("../../assets/scenes/seed003.toml")),
    ("bowl_momentum", include_str!("../../assets/scenes/bowl_momentum.toml")),
    ("saddle_escape", include_str!("../../assets/scenes/saddle_escape.toml")),
    ("himmelblau_minima", include_str!("../../assets/scenes/himmelblau_minima.toml")),
    ("lr_too_high", include_str!("../../assets/scenes/lr_too_high.toml")),
    ("seed003_digits", include_str!("../../assets/scenes/seed003_digits.toml")),
    ("seed004_circles", include_str!("../../assets/scenes/seed004_circles.toml")),
];

/// The state as a scene, for saving and export.
pub fn to_scene(state: &AppState) -> Scene {
    Scene {
        title: title_of(&state.explanation),
        explanation: text_of(&state.explanation),
        surface: state.surface_config.clone(),
        view: Some(state.view),
        start: Some(state.start),
        steps: state.total_steps,
        layout: match state.layout {
            Layout::Overlay => SceneLayout::Overlay,
            Layout::SmallMultiples => SceneLayout::Grid,
            Layout::Surface3d => SceneLayout::Surface3d,
        },
        noise: None,
        runs: scene_runs(&state.lineup),
    }
}

/// Replaces the race with `scene`'s: surface, view, start, runs, steps, layout.
pub fn load(state: &mut AppState, scene: Scene) -> Result<(), String> {
    let surface = scene.surface.build().map_err(|e| e.to_string())?;
    let runs = lineup_of(&scene.runs);
    state.view = scene.view.unwrap_or_else(|| surface.window());
    state.start = scene.start.unwrap_or_else(|| surface.start());
    state.surface = surface.into();
    state.surface_config = scene.surface;
    state.lineup = runs;
    state.total_steps = scene.steps;
    state.layout = match scene.layout {
        SceneLayout::Overlay => Layout::Overlay,
        SceneLayout::Grid => Layout::SmallMultiples,
        SceneLayout::Surface3d => Layout::Surface3d,
    };
    state.explanation = explanation(scene.title, scene.explanation);
    state.playing = false;
    state.sim.reset();
    state.restart();
    Ok(())
}

/// The lineup of a scene's runs (colours from the palette where the file gives none).
pub fn lineup_of(runs: &[SceneRun]) -> Lineup {
    let runs = runs
        .iter()
        .enumerate()
        .map(|(i, run)| RunEntry {
            spec: optiviz::engine::race::RunSpec { optimizer: run.optimizer.clone(), schedule: run.schedule.clone() },
            color: run.color.unwrap_or(path_color(i)),
            enabled: run.enabled,
        })
        .collect();
    Lineup { runs, selected: 0, shared_lr: None }
}

/// A lineup as scene runs, colours included.
pub fn scene_runs(lineup: &Lineup) -> Vec<SceneRun> {
    lineup
        .runs
        .iter()
        .map(|run| SceneRun {
            optimizer: run.spec.optimizer.clone(),
            schedule: run.spec.schedule.clone(),
            color: Some(run.color),
            enabled: run.enabled,
        })
        .collect()
}

/// The title a scene file gets back from [`explanation`]'s pair.
pub fn title_of(explanation: &Option<(String, String)>) -> Option<String> {
    explanation.as_ref().map(|(title, _)| title.clone())
}

/// The explanation a scene file gets back from [`explanation`]'s pair.
pub fn text_of(explanation: &Option<(String, String)>) -> Option<String> {
    explanation.as_ref().map(|(_, text)| text.clone())
}

/// A scene's title and explanation as the settings panel shows them.
pub fn explanation(title: Option<String>, text: Option<String>) -> Option<(String, String)> {
    match (title, text) {
        (None, None) => None,
        (title, text) => Some((title.unwrap_or_default(), text.unwrap_or_default())),
    }
}
