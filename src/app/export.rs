//! Export of the shown page's figures as background work: what the figures
//! need, copied so that they can be drawn while the race or training goes
//! on: the scene, and what rebuilds the race or training to the step or
//! epoch on screen (both are deterministic), and the network's loss
//! landscape when its tab is shown.

use std::path::PathBuf;
use std::sync::Arc;

use optiviz::engine::lockstep::RunSpec;
use optiviz::engine::race::Simulation;
use optiviz::nn::landscape::Landscape;
use optiviz::nn::{Problem, Training};
use optiviz::render::{self, ImageFormat};
use optiviz::scene::{NetScene, Scene};
use optiviz::Surface;

use super::jobs::Progress;
use super::network::landscape_job;
use super::network::state::MiddleTab;
use super::state::{AppState, Page};

/// The figures of the shown page, as PNGs of a size beside a path.
#[derive(Debug)]
pub struct ExportRequest {
    view: ExportedView,
    path: PathBuf,
    size: (u32, u32),
}

/// The page an [`ExportRequest`] draws.
#[derive(Debug)]
enum ExportedView {
    Race {
        scene: Scene,
        surface: Arc<dyn Surface>,
        start: [f64; 2],
        runs: Vec<RunSpec>,
        steps: usize,
    },
    Network {
        scene: NetScene,
        problem: Box<Problem>,
        runs: Vec<RunSpec>,
        epochs: usize,
        /// The landscape on screen, when the Landscape tab shows one.
        landscape: Option<Box<Landscape>>,
    },
}

impl ExportRequest {
    /// The figures of the page `state` shows, as PNGs of `size` beside `path`.
    pub fn of(state: &AppState, path: PathBuf, size: (u32, u32)) -> ExportRequest {
        let view = match state.page {
            Page::Surface => {
                let race = &state.race;
                ExportedView::Race {
                    scene: race.to_scene(),
                    surface: race.surface.clone(),
                    start: race.start,
                    runs: race.lineup.specs(),
                    steps: race.sim.steps(),
                }
            }
            Page::Network => {
                let network = &state.network;
                ExportedView::Network {
                    scene: network.to_scene(),
                    problem: Box::new(network.training.problem().clone()),
                    runs: network.lineup.specs(),
                    epochs: network.training.epochs(),
                    landscape: (network.tab == MiddleTab::Landscape)
                        .then(|| landscape_job::shown(network))
                        .flatten()
                        .map(|landscape| Box::new(landscape.clone())),
                }
            }
        };
        ExportRequest { view, path, size }
    }

    /// Rebuilds the race or training, draws and writes the figures, and
    /// says what it wrote (or why it could not), for the status line.
    pub fn run(self, progress: &Progress) -> String {
        let ExportRequest { view, path, size: (width, height) } = self;
        let written = match view {
            ExportedView::Race { scene, surface, start, runs, steps } => {
                let mut sim = Simulation::new(surface, start, runs, None);
                sim.advance_to(steps);
                render::export_png(&scene, &sim, &path, width, height, scene.layout).map(Vec::from)
            }
            ExportedView::Network { scene, problem, runs, epochs, landscape } => {
                let mut training = Training::new(*problem, runs);
                training.advance_to(epochs);
                render::export_network(
                    &scene,
                    &training,
                    &path,
                    (width, height),
                    ImageFormat::Png,
                    landscape.as_deref(),
                )
            }
        };
        progress.advance();
        match written {
            Ok(paths) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                format!("exported {}", names.join(" and "))
            }
            Err(error) => format!("export failed: {error}"),
        }
    }
}
