//! `optiviz export` of network scenes through the real binary: the loss
//! figure, the decision boundaries for two-feature data, the training
//! record, and clear errors.

use assert_cmd::Command;

fn optiviz() -> Command {
    Command::cargo_bin("optiviz").expect("the binary builds")
}

const CIRCLES: &str = "dataset = \"circles:n=200,noise=0.05\"\nmodel = \"mlp:hidden=8x8\"\nepochs = 25\nseed = 2\n\
[[runs]]\noptimizer = \"adam:lr=0.02,label=Adam\"\n[[runs]]\noptimizer = \"sgd:lr=0.01\"\n";

#[test]
fn a_two_feature_scene_writes_its_boundaries_and_curves() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let scene = dir.path().join("circles.toml");
    std::fs::write(&scene, CIRCLES)?;
    let out = optiviz()
        .args(["export", "--scene"])
        .arg(&scene)
        .arg("--out")
        .arg(dir.path().join("fig.png"))
        .args(["--width", "800", "--height", "600"])
        .output()?;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for name in ["fig_boundary.png", "fig_loss.png"] {
        let image = image::open(dir.path().join(name))?.to_rgb8();
        assert_eq!(image.dimensions(), (800, 600), "{name}");
        let mut colours: Vec<[u8; 3]> = image.pixels().map(|p| p.0).collect();
        colours.sort_unstable();
        colours.dedup();
        assert!(colours.len() > 50, "{name} has {} colours", colours.len());
    }
    // The boundary figure shows both class colours (Okabe-Ito blue and orange) as data points.
    let boundary = image::open(dir.path().join("fig_boundary.png"))?.to_rgb8();
    for class in [[0u8, 114, 178], [230, 159, 0]] {
        let near = |p: &image::Rgb<u8>| p.0.iter().zip(class).all(|(a, b)| a.abs_diff(b) < 12);
        assert!(boundary.pixels().filter(|p| near(p)).count() > 100, "class colour {class:?}");
    }
    Ok(())
}

#[test]
fn the_training_record_matches_optiviz_train() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let scene = dir.path().join("circles.toml");
    std::fs::write(&scene, CIRCLES)?;
    let csv = dir.path().join("run.csv");
    let out = optiviz().args(["export", "--format", "csv", "--scene"]).arg(&scene).arg("--out").arg(&csv).output()?;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let train = optiviz()
        .args([
            "train",
            "--dataset",
            "circles:n=200,noise=0.05",
            "--model",
            "mlp:hidden=8x8",
            "--epochs",
            "25",
            "--seed",
            "2",
        ])
        .args(["--optimizer", "adam:lr=0.02,label=Adam", "--optimizer", "sgd:lr=0.01"])
        .output()?;
    assert_eq!(std::fs::read_to_string(&csv)?, String::from_utf8(train.stdout)?);
    Ok(())
}

#[test]
fn digits_export_only_the_curves_and_bad_scenes_say_why() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let scene = dir.path().join("digits.toml");
    std::fs::write(
        &scene,
        "dataset = \"digits\"\nmodel = \"mlp:hidden=16\"\nepochs = 3\n[[runs]]\noptimizer = \"adam\"\n",
    )?;
    let out = optiviz().args(["export", "--scene"]).arg(&scene).arg("--out").arg(dir.path()).output()?;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout)?.trim(), dir.path().join("digits_loss.png").display().to_string());
    std::fs::write(&scene, "dataset = \"digits\"\nepochs = 3\n[[runs]]\noptimizer = \"newton\"\n")?;
    let out = optiviz().args(["export", "--scene"]).arg(&scene).arg("--out").arg(dir.path().join("x.png")).output()?;
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr)?;
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("runs[0].optimizer: newton needs the Hessian"), "{stderr}");
    assert!(!dir.path().join("x_loss.png").exists());
    Ok(())
}
