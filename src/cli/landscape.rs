//! `optiviz landscape`: trains like `optiviz train`, then prints the
//! network's training loss over a plane through weight space (PCA of the
//! paths, or random) with every run's path projected onto it (SPEC 8c),
//! and with `--figure` draws it.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use optiviz::nn::landscape::record::{write_csv, write_json};
use optiviz::nn::landscape::{
    check_grid, check_span, Landscape, LandscapeSettings, ParamPaths, PlaneKind, DEFAULT_GRID,
};
use optiviz::render::{export_landscape, ImageFormat};

use super::args::Format;
use super::export::{DEFAULT_HEIGHT, DEFAULT_WIDTH};
use super::train::NetworkArgs;

/// The arguments of `optiviz landscape`.
#[derive(Debug, clap::Args)]
pub(crate) struct LandscapeArgs {
    #[command(flatten)]
    network: NetworkArgs,
    /// The plane: pca (the paths' two principal directions) or random (two filter-normalised directions from --seed).
    #[arg(long, value_name = "PLANE", default_value = "pca", value_parser = parse_plane)]
    plane: PlaneKind,
    /// Grid values per axis (3 to 401).
    #[arg(long, value_name = "K", default_value_t = DEFAULT_GRID, value_parser = parse_grid)]
    grid: usize,
    /// Both axes over [-S, S] [default: 1.25 × the paths' farthest point on each axis].
    #[arg(long, value_name = "S", allow_hyphen_values = true, value_parser = parse_span)]
    span: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Also draw the landscape with the paths to FILE.png or FILE.svg.
    #[arg(long, value_name = "FILE")]
    figure: Option<PathBuf>,
}

fn parse_plane(text: &str) -> Result<PlaneKind, String> {
    PlaneKind::from_name(text.trim()).ok_or_else(|| "expected pca or random".to_owned())
}

fn parse_grid(text: &str) -> Result<usize, String> {
    let values = text.trim().parse::<usize>().unwrap_or(0);
    check_grid(values).map_err(|_| "expected a whole number of values per axis from 3 to 401".to_owned())
}

fn parse_span(text: &str) -> Result<f64, String> {
    let span = text.trim().parse::<f64>().unwrap_or(f64::NAN);
    check_span(span).map_err(|_| "expected a finite number > 0".to_owned())
}

/// Runs `optiviz landscape`: trains, recording every epoch's parameters,
/// computes the landscape and prints it.
pub(crate) fn run(args: LandscapeArgs) -> anyhow::Result<()> {
    let LandscapeArgs { network, plane, grid, span, format, figure } = args;
    let figure = figure.map(|path| image_format(&path).map(|format| (path, format))).transpose()?;
    let mut training = network.training()?;
    let paths = ParamPaths::record(&mut training, network.epochs, &|| true)?;
    let settings = LandscapeSettings { plane, grid, span, seed: network.seed };
    let landscape = Landscape::compute(training.problem(), paths, &settings, &|| true)?;
    if let Some((path, image)) = figure {
        export_landscape(&landscape, &path, (DEFAULT_WIDTH, DEFAULT_HEIGHT), image)?;
    }
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match format {
        Format::Csv => write_csv(&mut out, &landscape),
        Format::Json => write_json(&mut out, &landscape),
    }
    .and_then(|()| out.flush())
    .context("writing the landscape")
}

/// The image format a figure's file name asks for: `.png` or `.svg`.
fn image_format(path: &Path) -> anyhow::Result<ImageFormat> {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("png") => Ok(ImageFormat::Png),
        Some("svg") => Ok(ImageFormat::Svg),
        _ => bail!("--figure {}: expected a file ending in .png or .svg", path.display()),
    }
}
