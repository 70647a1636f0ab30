//! Scene files and figure export: the presets, the PNG/SVG files, and the
//! `optiviz export` command line with its failures.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use optiviz::render::{export_gif, export_png, export_svg, GIF_FRAMES};
use optiviz::scene::{AnyScene, Layout, NetScene, Scene};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn presets() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenes");
    let mut paths: Vec<PathBuf> =
        fs::read_dir(dir).map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    paths.sort();
    paths
}

fn optiviz() -> Command {
    match Command::cargo_bin("optiviz") {
        Ok(command) => command,
        Err(e) => panic!("the optiviz binary is built by cargo test: {e}"),
    }
}

/// A scene with one run in a colour found nowhere on viridis, `steps` steps from `start`.
fn magenta_scene(start: [f64; 2], steps: usize) -> Result<Scene, Box<dyn std::error::Error>> {
    let text = format!(
        "surface = \"bowl:kappa=1\"\nstart = [{}, {}]\nsteps = {steps}\n\n[[runs]]\noptimizer = \"sgd:lr=0.01\"\ncolor = \"#ff00ff\"\n",
        start[0], start[1]
    );
    Ok(Scene::from_toml(&text)?)
}

fn run_scene(scene: &Scene) -> Result<optiviz::Simulation, Box<dyn std::error::Error>> {
    let mut sim = scene.simulation()?;
    sim.advance_to(scene.steps);
    Ok(sim)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn every_preset_loads_round_trips_and_explains_itself() -> TestResult {
    let paths = presets();
    assert!(paths.len() >= 5, "{paths:?}");
    for path in paths {
        let shown = path.display();
        match AnyScene::load(&path).map_err(|e| format!("{shown}: {e}"))? {
            AnyScene::Race(scene) => {
                assert_eq!(Scene::from_toml(&scene.to_toml())?, scene, "{shown}");
                assert!(scene.explanation.as_ref().is_some_and(|e| e.len() > 200), "{shown}");
                assert!(!scene.simulation()?.runs().is_empty());
            }
            AnyScene::Network(scene) => {
                assert_eq!(NetScene::from_toml(&scene.to_toml())?, scene, "{shown}");
                assert!(scene.explanation.as_ref().is_some_and(|e| e.len() > 200), "{shown}");
                assert!(!scene.training()?.runs().is_empty());
            }
        }
    }
    Ok(())
}

#[test]
fn the_seed_preset_is_the_notebook_figure() -> TestResult {
    let scene = Scene::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenes/seed003.toml"))?;
    assert_eq!(scene.layout, Layout::Grid);
    assert_eq!(scene.steps, 5000);
    assert_eq!(scene.start_or_default(), [-1.0, 1.0]);
    let labels: Vec<&str> = scene.runs.iter().map(|r| r.optimizer.label()).collect();
    assert_eq!(labels, ["GD", "Momentum", "RMSProp", "Adam"]);
    let sim = run_scene(&scene)?;
    let momentum = sim.runs()[1].trajectory().points.last().copied().unwrap_or_default();
    assert!((momentum[0] - 1.0).abs() < 1e-4 && (momentum[1] - 1.0).abs() < 1e-4, "{momentum:?}");
    Ok(())
}

#[test]
fn png_has_the_size_many_colours_and_the_path_where_it_runs() -> TestResult {
    let dir = tempfile::tempdir()?;
    for (start, upper_left) in [([-4.0, 3.0], true), ([4.0, -3.0], false)] {
        let scene = magenta_scene(start, 20)?;
        let sim = run_scene(&scene)?;
        let [race, loss] = export_png(&scene, &sim, &dir.path().join("fig.png"), 640, 480, Layout::Overlay)?;
        for path in [&race, &loss] {
            let image = image::open(path)?.to_rgb8();
            assert_eq!(image.dimensions(), (640, 480));
            let mut colours: Vec<[u8; 3]> = image.pixels().map(|p| p.0).collect();
            colours.sort_unstable();
            colours.dedup();
            assert!(colours.len() > 50, "{} has {} colours", path.display(), colours.len());
        }
        let image = image::open(&race)?.to_rgb8();
        let magenta: Vec<(u32, u32)> = image
            .enumerate_pixels()
            .filter(|(_, _, p)| p.0[0] > 200 && p.0[1] < 60 && p.0[2] > 200)
            .map(|(x, y, _)| (x, y))
            .collect();
        assert!(magenta.len() > 20, "only {} path pixels", magenta.len());
        // The legend's key is magenta too; most path pixels sit in the start's quarter.
        let near = magenta
            .iter()
            .filter(|&&(x, y)| (x < 320 && y < 240) == upper_left && (x >= 320 && y >= 240) != upper_left)
            .count();
        assert!(near * 2 > magenta.len(), "{near} of {} path pixels near the start {start:?}", magenta.len());
    }
    Ok(())
}

#[test]
fn svg_is_xml_with_the_title() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut scene = magenta_scene([-4.0, 3.0], 20)?;
    scene.title = Some("Bowl & <friends>".to_owned());
    let sim = run_scene(&scene)?;
    for path in export_svg(&scene, &sim, &dir.path().join("fig.svg"), 800, 600, Layout::Grid)? {
        let text = fs::read_to_string(&path)?;
        let document = roxmltree::Document::parse(&text)?;
        assert_eq!(document.root_element().tag_name().name(), "svg");
        let texts: Vec<&str> = document.descendants().filter_map(|n| n.text()).collect();
        assert!(texts.iter().any(|t| t.contains("Bowl & <friends>")), "{}", path.display());
    }
    assert_eq!(files_in(dir.path()), ["fig_loss.svg", "fig_race.svg"]);
    Ok(())
}

#[test]
fn export_into_a_directory_names_files_after_the_scene() -> TestResult {
    let dir = tempfile::tempdir()?;
    let scene = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenes/lr_too_high.toml");
    let out = format!("{}/", dir.path().display());
    let assert = optiviz()
        .args(["export", "--scene"])
        .arg(&scene)
        .args(["--out", &out, "--width", "400", "--height", "300"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("lr 0.005 diverged at step"), "{stderr}");
    assert_eq!(files_in(dir.path()), ["lr_too_high_loss.png", "lr_too_high_race.png"]);
    optiviz().args(["export", "--scene"]).arg(&scene).args(["--out", &out, "--format", "csv"]).assert().success();
    let csv = fs::read_to_string(dir.path().join("lr_too_high.csv"))?;
    assert!(csv.starts_with("run,optimizer,step,x,y,loss,lr\n0,lr 0.002,0,-1,1,4,\n"), "{csv}");
    optiviz().args(["export", "--scene"]).arg(&scene).args(["--out", &out, "--format", "json"]).assert().success();
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(dir.path().join("lr_too_high.json"))?)?;
    assert_eq!(json["runs"][1]["diverged_at"], 10);
    let args = ["--out", &out, "--format", "gif", "--width", "200", "--height", "150"];
    optiviz().args(["export", "--scene"]).arg(&scene).args(args).assert().success();
    assert!(files_in(dir.path()).contains(&"lr_too_high_race.gif".to_owned()));
    Ok(())
}

/// Pixels of the magenta path (or its legend key and dot) in an RGBA image.
fn magenta_pixels(image: &image::RgbaImage) -> usize {
    image.pixels().filter(|p| p.0[0] > 200 && p.0[1] < 60 && p.0[2] > 200).count()
}

#[test]
fn gif_grows_the_path_over_looping_frames_of_the_requested_size() -> TestResult {
    use image::AnimationDecoder;
    let dir = tempfile::tempdir()?;
    for steps in [30, 400] {
        let scene = magenta_scene([-4.0, 3.0], steps)?;
        let sim = run_scene(&scene)?;
        let path = export_gif(&scene, &sim, &dir.path().join("fig.gif"), (640, 480), Layout::Overlay)?;
        assert_eq!(path, dir.path().join("fig_race.gif"));
        let expected_frames = GIF_FRAMES.min(steps + 1);

        let mut decoder = gif::DecodeOptions::new().read_info(fs::File::open(&path)?)?;
        assert_eq!((decoder.width(), decoder.height()), (640, 480));
        let mut delays = Vec::new();
        while let Some(frame) = decoder.read_next_frame()? {
            delays.push(frame.delay);
        }
        assert_eq!(decoder.repeat(), gif::Repeat::Infinite);
        assert_eq!(delays.len(), expected_frames);
        let middle = delays[expected_frames / 2];
        assert!(delays[0] > middle && delays[expected_frames - 1] > delays[0], "{delays:?}");

        let frames = image::codecs::gif::GifDecoder::new(io::BufReader::new(fs::File::open(&path)?))?
            .into_frames()
            .collect_frames()?;
        assert_eq!(frames.len(), expected_frames);
        let counts: Vec<usize> = frames.iter().map(|frame| magenta_pixels(frame.buffer())).collect();
        assert!(frames.iter().all(|frame| frame.buffer().dimensions() == (640, 480)));
        // The path grows: more of it shows as the race goes on.
        let (first, last) = (counts[0], counts[expected_frames - 1]);
        assert!(last > first + 20, "{counts:?}");
        assert!(counts[expected_frames / 2] > first && counts[expected_frames / 2] < last, "{counts:?}");
        // The last frame is the static figure's race, in the GIF's palette.
        let png = export_png(&scene, &sim, &dir.path().join("still.png"), 640, 480, Layout::Overlay)?[0].clone();
        let still = image::open(&png)?.to_rgba8();
        let close = still
            .pixels()
            .zip(frames[expected_frames - 1].buffer().pixels())
            .filter(|(a, b)| a.0.iter().zip(b.0).all(|(&x, y)| x.abs_diff(y) <= 24))
            .count();
        assert!(close * 10 > 9 * 640 * 480, "only {close} pixels match the still figure");
    }
    Ok(())
}

/// Runs `optiviz export` expecting failure: status 2, one line on stderr, containing `needle`.
fn fails_with(args: &[&str], needle: &str) {
    let assert = optiviz().arg("export").args(args).assert().code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(needle), "{stderr}");
}

#[test]
fn bad_scenes_and_outputs_exit_2_with_one_line_and_no_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let scene = dir.path().join("bad.toml");
    fs::write(&scene, "surface = \"rosenbrock\"\nsteps = 10\n\n[[runs]]\noptimizer = \"adam:lr=-1\"\n")?;
    let out = dir.path().join("out.png");
    let (scene_arg, out_arg) = (scene.to_string_lossy().into_owned(), out.to_string_lossy().into_owned());
    fails_with(&["--scene", &scene_arg, "--out", &out_arg], "line 5, column 13: runs[0].optimizer: adam: lr=-1");
    fs::write(&scene, "surface = \"rosenbrock\"\nsteps = 10\ncolour = 3\n[[runs]]\noptimizer = \"adam\"\n")?;
    fails_with(&["--scene", &scene_arg, "--out", &out_arg], "line 3, column 1: colour: unknown field");
    let missing = dir.path().join("missing.toml").to_string_lossy().into_owned();
    fails_with(&["--scene", &missing, "--out", &out_arg], "cannot read");
    fs::write(&scene, "surface = \"rosenbrock\"\nsteps = 10\n[[runs]]\noptimizer = \"adam\"\n")?;
    let unwritable = dir.path().join("no/such/dir/out.png").to_string_lossy().into_owned();
    fails_with(&["--scene", &scene_arg, "--out", &unwritable], "cannot write");
    let unwritable_csv = dir.path().join("no/such/out.csv").to_string_lossy().into_owned();
    fails_with(&["--scene", &scene_arg, "--out", &unwritable_csv, "--format", "csv"], "cannot write");
    let unwritable_gif = dir.path().join("no/such/out.gif").to_string_lossy().into_owned();
    fails_with(
        &["--scene", &scene_arg, "--out", &unwritable_gif, "--format", "gif", "--width", "200", "--height", "150"],
        "cannot write",
    );
    let network =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scenes/seed004_circles.toml").to_string_lossy().into_owned();
    fails_with(&["--scene", &network, "--out", &out_arg, "--format", "gif"], "race scenes");
    fails_with(&["--scene", &scene_arg, "--out", &out_arg, "--width", "5"], "--width");
    assert_eq!(files_in(dir.path()), ["bad.toml"]);
    Ok(())
}
