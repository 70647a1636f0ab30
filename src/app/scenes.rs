//! Scenes in the app: the presets shipped in assets/scenes/, and turning the
//! app's state into a scene and back.

use optiviz::colormap::PATH_PALETTE;
use optiviz::scene::{Layout as SceneLayout, Scene, SceneRun};

use super::state::{AppState, Layout, RunEntry};

/// The preset scenes: file name and TOML text.
pub const PRESETS: [(&str, &str); 5] = [
    ("seed003", include_str!("../../assets/scenes/seed003.toml")),
    ("bowl_momentum", include_str!("../../assets/scenes/bowl_momentum.toml")),
    ("saddle_escape", include_str!("../../assets/scenes/saddle_escape.toml")),
    ("himmelblau_minima", include_str!("../../assets/scenes/himmelblau_minima.toml")),
    ("lr_too_high", include_str!("../../assets/scenes/lr_too_high.toml")),
];

/// The state as a scene, for saving and export.
pub fn to_scene(state: &AppState) -> Scene {
    Scene {
        title: state.explanation.as_ref().map(|(title, _)| title.clone()),
        explanation: state.explanation.as_ref().map(|(_, text)| text.clone()),
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
        runs: state
            .runs
            .iter()
            .map(|run| SceneRun {
                optimizer: run.spec.optimizer.clone(),
                schedule: run.spec.schedule,
                color: Some(run.color),
                enabled: run.enabled,
            })
            .collect(),
    }
}

/// Replaces the race with `scene`'s: surface, view, start, runs, steps, layout.
pub fn load(state: &mut AppState, scene: Scene) -> Result<(), String> {
    let surface = scene.surface.build().map_err(|e| e.to_string())?;
    let runs = scene
        .runs
        .iter()
        .enumerate()
        .map(|(i, run)| RunEntry {
            spec: optiviz::sim::RunSpec { optimizer: run.optimizer.clone(), schedule: run.schedule },
            color: run.color.unwrap_or(PATH_PALETTE[i % PATH_PALETTE.len()]),
            enabled: run.enabled,
        })
        .collect();
    state.view = scene.view.unwrap_or_else(|| surface.window());
    state.start = scene.start.unwrap_or_else(|| surface.start());
    state.surface = surface.into();
    state.surface_config = scene.surface;
    state.runs = runs;
    state.selected = 0;
    state.total_steps = scene.steps;
    state.layout = match scene.layout {
        SceneLayout::Overlay => Layout::Overlay,
        SceneLayout::Grid => Layout::SmallMultiples,
        SceneLayout::Surface3d => Layout::Surface3d,
    };
    state.explanation = match (scene.title, scene.explanation) {
        (None, None) => None,
        (title, text) => Some((title.unwrap_or_default(), text.unwrap_or_default())),
    };
    state.shared_lr = None;
    state.playing = false;
    state.sim.reset();
    state.restart();
    Ok(())
}
