//! Network scenes: optimizers training one small network, written down in
//! TOML like a race. A file with a `dataset` key is a network scene:
//!
//! ```toml
//! title = "Circles: four optimizers, 100 epochs"
//! dataset = "circles:n=1000,noise=0.03"
//! model = "mlp:hidden=16x16,output=sigmoid"
//! epochs = 100
//! seed = 4
//!
//! [[runs]]
//! optimizer = "adam:lr=0.01,label=Adam"
//! ```
//!
//! `batch` (mini-batch size) is optional; full batch by default.

use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{Locator, OutRun, RawRun, Scene, SceneError, SceneRun};
use crate::engine::lockstep::RunSpec;
use crate::nn::spec::{seeded_problem, DatasetSpec, LoadError, ModelSpec, MAX_EPOCHS};
use crate::nn::Training;
use crate::util::atomic::write_atomically;
use crate::util::memory;

/// Optimizers training one network, as read from or written to a scene file.
#[derive(Clone, Debug, PartialEq)]
pub struct NetScene {
    /// Figure title; `None` lets figures make one from the data set.
    pub title: Option<String>,
    /// A paragraph a teacher can read aloud.
    pub explanation: Option<String>,
    /// The data set (generated sets are seeded by `seed`).
    pub dataset: DatasetSpec,
    /// The network's hidden layers.
    pub model: ModelSpec,
    /// Epochs every run trains (1 to [`MAX_EPOCHS`]).
    pub epochs: usize,
    /// Seed of the data, the split, the weights and the batches.
    pub seed: u64,
    /// Mini-batch size; `None` is full batch.
    pub batch: Option<usize>,
    /// The runs, at least one.
    pub runs: Vec<SceneRun>,
}

/// A scene file of either kind.
#[derive(Clone, Debug, PartialEq)]
pub enum AnyScene {
    /// Optimizers racing on a surface.
    Race(Scene),
    /// Optimizers training a network.
    Network(NetScene),
}

impl AnyScene {
    /// Parses a scene of either kind: a network scene when the text has a
    /// top-level `dataset` key, a race otherwise.
    pub fn from_toml(text: &str) -> Result<AnyScene, SceneError> {
        let is_network = toml::from_str::<toml::Table>(text).is_ok_and(|table| table.contains_key("dataset"));
        if is_network {
            NetScene::from_toml(text).map(AnyScene::Network)
        } else {
            Scene::from_toml(text).map(AnyScene::Race)
        }
    }

    /// The scene's title, if it has one.
    pub fn title(&self) -> Option<&str> {
        match self {
            AnyScene::Race(scene) => scene.title.as_deref(),
            AnyScene::Network(scene) => scene.title.as_deref(),
        }
    }

    /// Reads a scene file of either kind.
    pub fn load(path: &Path) -> Result<AnyScene, SceneError> {
        let text = memory::read_text(path, 4).map_err(|source| SceneError::Read { path: path.to_owned(), source })?;
        AnyScene::from_toml(&text)
    }
}

/// The network scene as TOML sees it, before spec strings are parsed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNetScene {
    title: Option<String>,
    explanation: Option<String>,
    dataset: Spanned<String>,
    model: Option<Spanned<String>>,
    epochs: Spanned<i64>,
    seed: Option<Spanned<i64>>,
    batch: Option<Spanned<i64>>,
    #[serde(default)]
    runs: Vec<Spanned<RawRun>>,
}

/// The network scene as it is written out.
#[derive(Serialize)]
struct OutNetScene<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<&'a str>,
    dataset: String,
    model: String,
    epochs: usize,
    seed: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    batch: Option<usize>,
    runs: Vec<OutRun>,
}

impl NetScene {
    /// Parses and checks a network scene; every error names the line, column and field.
    pub fn from_toml(text: &str) -> Result<NetScene, SceneError> {
        let at = Locator { text };
        let raw: RawNetScene = toml::from_str(text).map_err(|e| at.toml_error(&e))?;
        let dataset: DatasetSpec = at.spec(&raw.dataset, "dataset")?;
        let model: ModelSpec = match &raw.model {
            Some(text) => at.spec(text, "model")?,
            None => ModelSpec::default(),
        };
        let epochs = at.count(&raw.epochs, "epochs", MAX_EPOCHS)?;
        let batch = raw.batch.as_ref().map(|b| at.count(b, "batch", usize::MAX)).transpose()?;
        let seed = match &raw.seed {
            Some(seed) => u64::try_from(*seed.get_ref())
                .map_err(|_| at.error(seed.span(), "seed", format!("{} must be ≥ 0", seed.get_ref())))?,
            None => 0,
        };
        let runs = Scene::runs_from_raw(&at, &raw.runs)?;
        if let Some((i, run)) = runs.iter().enumerate().find(|(_, run)| run.optimizer.info().needs_hessian) {
            let message = format!("{} needs the Hessian, which a network does not provide", run.optimizer.name());
            return Err(at.error(raw.runs[i].span(), format!("runs[{i}].optimizer"), message));
        }
        Ok(NetScene { title: raw.title, explanation: raw.explanation, dataset, model, epochs, seed, batch, runs })
    }

    /// The scene as TOML that [`NetScene::from_toml`] reads back to the same scene.
    pub fn to_toml(&self) -> String {
        let out = OutNetScene {
            title: self.title.as_deref(),
            explanation: self.explanation.as_deref(),
            dataset: self.dataset.to_string(),
            model: self.model.to_string(),
            epochs: self.epochs,
            seed: self.seed,
            batch: self.batch,
            runs: self.runs.iter().map(OutRun::from).collect(),
        };
        match toml::to_string_pretty(&out) {
            Ok(text) => text,
            Err(e) => unreachable!("a network scene always serializes to TOML: {e}"),
        }
    }

    /// Writes the scene file atomically: the old file stays until the new one is complete.
    pub fn save(&self, path: &Path) -> Result<(), SceneError> {
        write_atomically(path, self.to_toml().as_bytes())
            .map_err(|source| SceneError::Write { path: path.to_owned(), source })
    }

    /// The training of the enabled runs, at epoch 0: the data loaded (a
    /// `csv` data set is read now), a He-initialised network on the seeded split.
    pub fn training(&self) -> Result<Training, SceneError> {
        let problem = seeded_problem(&self.dataset, &self.model, self.seed, self.batch).map_err(|e| {
            let field = match e {
                LoadError::TooLarge { .. }
                | LoadError::SigmoidClasses { .. }
                | LoadError::SigmoidRegression { .. }
                | LoadError::InputsNeedPoints { .. } => "model",
                LoadError::Read { .. } | LoadError::Parse { .. } | LoadError::NoFile { .. } => "dataset",
            };
            SceneError::Invalid { location: None, field: field.to_owned(), message: e.to_string() }
        })?;
        let specs: Vec<RunSpec> = self
            .runs
            .iter()
            .filter(|run| run.enabled)
            .map(|run| RunSpec { optimizer: run.optimizer.clone(), schedule: run.schedule.clone() })
            .collect();
        problem.check_memory(specs.len(), self.epochs)?;
        Ok(Training::new(problem, specs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCENE: &str = r##"title = "Circles"
dataset = "circles:n=200,noise=0.1"
model = "mlp:hidden=8x8"
epochs = 20
seed = 4
batch = 32

[[runs]]
optimizer = "sgd:lr=0.01"

[[runs]]
optimizer = "adam:lr=0.01"
color = "#0072b2"
"##;

    #[test]
    fn reads_writes_and_trains() -> Result<(), SceneError> {
        let AnyScene::Network(scene) = AnyScene::from_toml(SCENE)? else { panic!("read as a race") };
        assert_eq!((scene.epochs, scene.seed, scene.batch), (20, 4, Some(32)));
        assert_eq!(scene.model.hidden, Some(vec![8, 8]));
        let again = NetScene::from_toml(&scene.to_toml())?;
        assert_eq!(again.to_toml(), scene.to_toml());
        assert_eq!(again.runs, scene.runs);
        let mut training = scene.training()?;
        training.advance_to(scene.epochs);
        assert_eq!(training.runs().len(), 2);
        assert_eq!(training.problem().dataset.len(), 200);
        assert!(training.runs().iter().all(|run| run.history().epochs() == 20));
        Ok(())
    }

    #[test]
    fn input_features_round_trip_and_need_points() -> Result<(), SceneError> {
        let text = SCENE.replace("hidden=8x8", "hidden=8x8,inputs=xy+x2+y2");
        let scene = NetScene::from_toml(&text)?;
        assert!(scene.to_toml().contains("model = \"mlp:hidden=8x8,inputs=x2+y2+xy\""), "{}", scene.to_toml());
        assert_eq!(NetScene::from_toml(&scene.to_toml())?, scene);
        assert_eq!(scene.training()?.problem().mlp.sizes(), [3, 8, 8, 2]);
        let digits = text.replace("circles:n=200,noise=0.1", "digits");
        let message = NetScene::from_toml(&digits)?.training().expect_err("64 features").to_string();
        assert!(message.starts_with("model: ") && message.contains("but the data has 64 features"), "{message}");
        Ok(())
    }

    #[test]
    fn a_race_file_stays_a_race() -> Result<(), SceneError> {
        let race = "surface = \"bowl\"\nsteps = 10\n[[runs]]\noptimizer = \"sgd\"\n";
        assert!(matches!(AnyScene::from_toml(race)?, AnyScene::Race(_)));
        Ok(())
    }

    #[test]
    fn errors_name_the_field() {
        let error = |text: &str| match NetScene::from_toml(text) {
            Ok(scene) => panic!("accepted {scene:?}"),
            Err(e) => e.to_string(),
        };
        let run = "\n[[runs]]\noptimizer = \"adam\"\n";
        assert!(error(&format!("dataset = \"iris\"\nepochs = 5{run}")).contains("dataset: unknown dataset 'iris'"));
        assert!(error(&format!("dataset = \"digits\"\nepochs = 0{run}")).contains("epochs: 0 is out of range"));
        assert!(error(&format!("dataset = \"digits\"\nmodel = \"mlp:hidden=0\"\nepochs = 5{run}"))
            .contains("model: mlp: hidden="));
        assert!(error("dataset = \"digits\"\nepochs = 5\n").contains("runs: a scene needs at least one"));
        let newton = "dataset = \"digits\"\nepochs = 5\n[[runs]]\noptimizer = \"newton\"\n";
        assert!(error(newton).contains("runs[0].optimizer: newton needs the Hessian"));
        let sigmoid = format!("dataset = \"digits\"\nmodel = \"mlp:output=sigmoid\"\nepochs = 5{run}");
        let message = NetScene::from_toml(&sigmoid)
            .expect("a well-formed scene")
            .training()
            .expect_err("ten classes")
            .to_string();
        assert!(message.starts_with("model: ") && message.contains("one sigmoid output, for two classes"), "{message}");
    }
}
