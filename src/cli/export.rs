//! `optiviz export`: runs a scene file and writes its figures (PNG or SVG),
//! its race as an animated GIF, or its trajectories (CSV or JSON) without
//! opening a window. Every file is
//! written atomically, so a failed export leaves no partial file.

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::ValueEnum;

use optiviz::engine::race::Simulation;
use optiviz::engine::trace::{self, RunRecord, TraceRecord};
use optiviz::export::py;
use optiviz::nn::record;
use optiviz::render::{self, ImageFormat, SIZE_RANGE};
use optiviz::scene::{AnyScene, Layout, NetScene, Scene, SceneError};
use optiviz::util::atomic::write_atomically;

use super::output::{print_lines, warn_divergences};

/// Image width when `--width` is not given.
pub const DEFAULT_WIDTH: u32 = 1600;
/// Image height when `--height` is not given.
pub const DEFAULT_HEIGHT: u32 = 1200;

/// Arguments of `optiviz export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The scene file (TOML), e.g. assets/scenes/seed003.toml.
    #[arg(long, value_name = "FILE.toml")]
    scene: PathBuf,
    /// Output: for png/svg, `fig.png` writes fig_race.png and fig_loss.png;
    /// for gif, `fig.gif` writes fig_race.gif; a directory (existing, or
    /// ending in '/') gets <scene stem>_race.png and <scene stem>_loss.png
    /// (or <scene stem>_race.gif, or <scene stem>.csv/.json/.py).
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    /// Arrangement of the race figure (default: the scene's layout).
    #[arg(long, value_parser = layout_parser())]
    layout: Option<Layout>,
    /// Image width in pixels (100 to 8000).
    #[arg(long, default_value_t = DEFAULT_WIDTH, value_parser = parse_size)]
    width: u32,
    /// Image height in pixels (100 to 8000).
    #[arg(long, default_value_t = DEFAULT_HEIGHT, value_parser = parse_size)]
    height: u32,
    /// What to write.
    #[arg(long, value_enum, default_value_t = ExportFormat::Png)]
    format: ExportFormat,
}

/// `--layout` values: the scene layouts a figure draws (a 3-D scene's
/// figures show the race from above, as an overlay).
fn layout_parser() -> impl TypedValueParser<Value = Layout> {
    PossibleValuesParser::new([
        PossibleValue::new(Layout::Overlay.name()).help("Every path on one map"),
        PossibleValue::new(Layout::Grid.name()).help("One map per run"),
    ])
    .try_map(|name| name.parse::<Layout>())
}

/// `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// The race and the loss curves as two pictures.
    Png,
    /// The same as vector drawings.
    Svg,
    /// The race as a looping animation (race scenes only), paths growing over 90 frames.
    Gif,
    /// The trajectories, one row per step.
    Csv,
    /// The trajectories as one JSON document.
    Json,
    /// A standalone PyTorch script that prints the same CSV as `csv`.
    Py,
}

impl ExportFormat {
    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Png => "png",
            ExportFormat::Svg => "svg",
            ExportFormat::Gif => "gif",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Py => "py",
        }
    }
}

fn parse_size(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if SIZE_RANGE.contains(&n) => Ok(n),
        _ => Err(format!("expected a whole number of pixels from {} to {}", SIZE_RANGE.start(), SIZE_RANGE.end())),
    }
}

/// Runs `optiviz export` and prints the paths it wrote.
pub fn run(args: ExportArgs) -> anyhow::Result<()> {
    let scene = AnyScene::load(&args.scene).map_err(|error| match error {
        SceneError::Invalid { .. } => anyhow!("{}: {error}", args.scene.display()),
        other => other.into(),
    })?;
    if args.format == ExportFormat::Py {
        return export_script(&args, &scene);
    }
    let scene = match scene {
        AnyScene::Race(scene) => scene,
        AnyScene::Network(scene) => return export_network(&args, &scene),
    };
    let mut sim = scene.simulation()?;
    sim.advance_to(scene.steps);
    warn_divergences(sim.runs(), None);
    let target = output_path(&args.out, &args.scene, args.format)?;
    let layout = args.layout.unwrap_or(scene.layout);
    let (width, height) = (args.width, args.height);
    let written: Vec<PathBuf> = match args.format {
        ExportFormat::Png => render::export_png(&scene, &sim, &target, width, height, layout)?.to_vec(),
        ExportFormat::Svg => render::export_svg(&scene, &sim, &target, width, height, layout)?.to_vec(),
        ExportFormat::Gif => vec![render::export_gif(&scene, &sim, &target, (width, height), layout)?],
        ExportFormat::Py => unreachable!("a script is written before the race is run"),
        ExportFormat::Csv | ExportFormat::Json => {
            write_data(target, &trajectories(&scene, &sim, args.format).context("formatting the trajectories")?)?
        }
    };
    print_written(&written)
}

/// Exports a network scene: trains it, then writes its figures (the loss
/// curves, and decision boundaries for two-feature data) or its training
/// record (as `optiviz train` prints it).
fn export_network(args: &ExportArgs, scene: &NetScene) -> anyhow::Result<()> {
    let image_format = match args.format {
        ExportFormat::Png => Some(ImageFormat::Png),
        ExportFormat::Svg => Some(ImageFormat::Svg),
        ExportFormat::Gif => bail!("{}: --format gif animates race scenes, not network scenes", args.scene.display()),
        ExportFormat::Py => unreachable!("a script is written before the training is run"),
        ExportFormat::Csv | ExportFormat::Json => None,
    };
    let mut training = scene.training().map_err(|error| anyhow!("{}: {error}", args.scene.display()))?;
    training.advance_to(scene.epochs);
    warn_divergences(training.runs(), None);
    let target = output_path(&args.out, &args.scene, args.format)?;
    let size = (args.width, args.height);
    let written = match image_format {
        Some(format) => render::export_network(scene, &training, &target, size, format, None)?,
        None => {
            let mut bytes = Vec::new();
            if args.format == ExportFormat::Csv {
                record::write_csv(&mut bytes, &training)?;
            } else {
                record::write_json(&mut bytes, &scene.dataset, scene.epochs, &training)?;
            }
            write_data(target, &bytes)?
        }
    };
    print_written(&written)
}

/// Writes the scene as a PyTorch script (see [`optiviz::export::py`]).
fn export_script(args: &ExportArgs, scene: &AnyScene) -> anyhow::Result<()> {
    let file_name = args
        .scene
        .file_name()
        .map_or_else(|| args.scene.display().to_string(), |name| name.to_string_lossy().into_owned());
    let script = py::script(scene, Some(&file_name)).map_err(|error| anyhow!("{}: {error}", args.scene.display()))?;
    let target = output_path(&args.out, &args.scene, args.format)?;
    print_written(&write_data(target, script.as_bytes())?)
}

/// Writes a data export atomically; returns its path.
fn write_data(target: PathBuf, bytes: &[u8]) -> anyhow::Result<Vec<PathBuf>> {
    write_atomically(&target, bytes).with_context(|| format!("cannot write {}", target.display()))?;
    Ok(vec![target])
}

/// Prints the files an export wrote, one per line.
fn print_written(paths: &[PathBuf]) -> anyhow::Result<()> {
    print_lines(paths.iter().map(|path| path.display()))
}

/// Where to write: `out` itself, or `<scene stem>.<ext>` inside it when it
/// is a directory (made if it ends in '/' and does not exist yet).
fn output_path(out: &Path, scene: &Path, format: ExportFormat) -> anyhow::Result<PathBuf> {
    let is_dir = out.as_os_str().to_string_lossy().ends_with(['/', std::path::MAIN_SEPARATOR]) || out.is_dir();
    if !is_dir {
        render::file_stem(out)?;
        return Ok(out.to_owned());
    }
    std::fs::create_dir_all(out).with_context(|| format!("cannot create the directory {}", out.display()))?;
    let stem =
        scene.file_stem().ok_or_else(|| anyhow!("{} does not name a scene file", scene.display()))?.to_string_lossy();
    Ok(out.join(format!("{stem}.{}", format.extension())))
}

/// The trajectories as CSV or JSON, as `optiviz trace` prints them.
fn trajectories(scene: &Scene, sim: &Simulation, format: ExportFormat) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if format == ExportFormat::Csv {
        trace::write_csv(&mut bytes, std::slice::from_ref(sim))?;
    } else {
        let record = TraceRecord {
            surface: scene.surface.to_string(),
            start: sim.start(),
            steps: scene.steps,
            runs: sim.runs().iter().enumerate().map(|(i, run)| RunRecord::new(i, run)).collect(),
        };
        serde_json::to_writer(&mut bytes, &record)?;
        bytes.push(b'\n');
    }
    Ok(bytes)
}
