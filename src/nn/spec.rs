//! Spec strings of what a network trains on: the data set (`digits`,
//! `circles:n=1000,noise=0.03`, `moons`, `csv:path=FILE,target=COL`) and the
//! model (`mlp:hidden=16x16`), parsed against the same parameter tables as
//! surfaces and optimizers, so `optiviz list` shows them too.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use super::dataset::{self, Dataset, DatasetInfo, DATASETS};
use super::mlp::{Mlp, Output, Precision, MAX_LAYERS, MAX_PARAMETERS, MAX_WIDTH};
use super::train::Problem;
use crate::spec::error::{DataError, SpecError};
use crate::spec::key::Key;
use crate::spec::params::{Kind, ParamDefault, ParamKind, ParamSpec};
use crate::spec::settings::Settings;
use crate::util::memory;

/// The most epochs one training may ask for.
pub const MAX_EPOCHS: usize = 1_000_000;

/// The keys of the `csv` data set, handed back unparsed by [`Settings::parse`].
const CSV_KEYS: [&str; 2] = ["path", "target"];

const MLP_PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "output",
        default: ParamDefault::Choice("softmax"),
        kind: ParamKind::Choice(&["softmax", "sigmoid"]),
        doc: "softmax: one unit per class; sigmoid: one unit for two classes",
    },
    ParamSpec {
        name: "precision",
        default: ParamDefault::Choice("f64"),
        kind: ParamKind::Choice(&["f64", "f32"]),
        doc: "the passes' arithmetic: f64, or f32 as PyTorch computes (faster)",
    },
];
const OUTPUT: Key<&str> = Key::choice(MLP_PARAMS, "output");
const PRECISION: Key<&str> = Key::choice(MLP_PARAMS, "precision");

/// The network kinds `--model` takes.
pub static MODEL_KINDS: [&Kind; 1] = [&Kind {
    name: "mlp",
    summary: "dense layers with ReLU: hidden=64, or hidden=16x16 for two layers; hidden defaults to 64",
    params: MLP_PARAMS,
}];

/// A `--dataset` spec: what to load, and the settings that print it back.
#[derive(Clone, Debug, PartialEq)]
pub struct DatasetSpec {
    info: &'static DatasetInfo,
    settings: Settings,
    /// `(path, target)` of a `csv` data set.
    csv: Option<(String, String)>,
}

impl FromStr for DatasetSpec {
    type Err = SpecError;

    fn from_str(text: &str) -> Result<Self, SpecError> {
        let kinds = DATASETS.iter().map(|info| &info.kind);
        let parsed = Settings::parse(text, "dataset", "circles:n=500", kinds, &CSV_KEYS)?;
        let info = find(parsed.settings.kind());
        let value = |key: &'static str| parsed.extras.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone());
        let csv = if !info.is_generated() {
            let required = |key: &'static str, range: &str| {
                value(key).filter(|v| !v.is_empty()).ok_or_else(|| SpecError::Missing {
                    kind: "csv",
                    key,
                    range: range.to_owned(),
                })
            };
            Some((required("path", "a file name")?, required("target", "a column name or 0-based index")?))
        } else if let Some((key, _)) = parsed.extras.first() {
            let kind = parsed.settings.kind();
            return Err(SpecError::UnknownKey { kind: kind.name, key: (*key).to_owned(), known: kind.param_names() });
        } else {
            None
        };
        Ok(DatasetSpec { info, settings: parsed.settings, csv })
    }
}

impl fmt::Display for DatasetSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.csv {
            Some((path, target)) => self.settings.write_spec(f, &[("path", path), ("target", target)]),
            None => self.settings.fmt(f),
        }
    }
}

impl DatasetSpec {
    /// Loads or generates the data (generated sets from `seed`).
    pub fn load(&self, seed: u64) -> Result<Dataset, LoadError> {
        match &self.csv {
            Some((path, target)) => {
                // Parsed, a CSV takes at most about five times its text.
                let text = memory::read_text(Path::new(path), 5)
                    .map_err(|source| LoadError::Read { path: path.clone(), source })?;
                dataset::from_csv(&text, target).map_err(|source| LoadError::Parse { path: path.clone(), source })
            }
            None => self.info.generate(self.settings.values(), seed).ok_or(LoadError::NoFile { name: self.name() }),
        }
    }

    /// The share of the rows its split holds out for testing.
    pub fn test_share(&self) -> f64 {
        self.settings.get(self.info.test)
    }

    /// The same data set (the same file, for a CSV) with other `settings`
    /// of its kind.
    pub fn with_settings(&self, settings: Settings) -> DatasetSpec {
        DatasetSpec { info: find(settings.kind()), settings, csv: self.csv.clone() }
    }

    /// The generated data set `info` with its defaults and this one's test share.
    pub fn with_kind(&self, info: &'static DatasetInfo) -> Result<DatasetSpec, SpecError> {
        let mut settings = Settings::defaults(&info.kind)?;
        settings.set_real(info.test, self.test_share())?;
        Ok(DatasetSpec { info, settings, csv: None })
    }

    /// Its registry entry.
    pub fn info(&self) -> &'static DatasetInfo {
        self.info
    }

    /// The data set's name: digits, circles, moons or csv.
    pub fn name(&self) -> &'static str {
        self.settings.kind().name
    }

    /// Its settings (points and noise of a generated set).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// A user's CSV file with its target column (a header name or a 0-based index).
    pub fn csv(path: String, target: String) -> DatasetSpec {
        let settings = match Settings::defaults(&dataset::CSV.kind) {
            Ok(settings) => settings,
            Err(e) => unreachable!("csv has no parameters of its own: {e}"),
        };
        DatasetSpec { info: dataset::CSV, settings, csv: Some((path, target)) }
    }

    /// The file and target column of a `csv` data set.
    pub fn csv_source(&self) -> Option<(&str, &str)> {
        self.csv.as_ref().map(|(path, target)| (path.as_str(), target.as_str()))
    }
}

/// The data of `dataset` (generated sets from `seed`) with a He-initialised
/// network of `model` on its seeded split, checked against [`MAX_PARAMETERS`].
pub fn seeded_problem(
    dataset: &DatasetSpec,
    model: &ModelSpec,
    seed: u64,
    batch: Option<usize>,
) -> Result<Problem, LoadError> {
    network_problem(dataset.load(seed)?, model, seed, batch, dataset.test_share())
}

/// A He-initialised network of `model` (from `seed`) on the seeded split of
/// `data` that holds out `test_share` of the rows, checked against the
/// data's classes and [`MAX_PARAMETERS`].
pub fn network_problem(
    data: Dataset,
    model: &ModelSpec,
    seed: u64,
    batch: Option<usize>,
    test_share: f64,
) -> Result<Problem, LoadError> {
    if model.output == Output::Sigmoid && data.classes != 2 {
        return Err(LoadError::SigmoidClasses { model: model.to_string(), classes: data.classes });
    }
    let mlp = Mlp::with_output(data.dim, &model.hidden, data.classes, model.output).with_precision(model.precision);
    let count = mlp.parameter_count();
    if count > MAX_PARAMETERS {
        return Err(LoadError::TooLarge { model: model.to_string(), count });
    }
    Ok(Problem::seeded_network(data, mlp, seed, batch, test_share))
}

/// The registry entry of data sets of `kind` (digits' should there be none).
fn find(kind: &Kind) -> &'static DatasetInfo {
    DATASETS.iter().copied().find(|info| info.kind == *kind).unwrap_or(dataset::DIGITS)
}

/// A data set or network that cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A data set read from a file, without a file.
    #[error("{name} reads a file: give path=FILE,target=COLUMN")]
    NoFile {
        /// The data set's name.
        name: &'static str,
    },
    /// The file could not be read.
    #[error("cannot read the data set {path}: {source}")]
    Read {
        /// The file as the spec names it.
        path: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The network would be too large for the data.
    #[error("{model} has {count} parameters on this data; at most {MAX_PARAMETERS} are allowed")]
    TooLarge {
        /// The model spec.
        model: String,
        /// Its parameter count on the data.
        count: usize,
    },
    /// A sigmoid output asked of data that has not two classes.
    #[error("{model} has one sigmoid output, for two classes, but the data has {classes}; use output=softmax")]
    SigmoidClasses {
        /// The model spec.
        model: String,
        /// The data's classes.
        classes: usize,
    },
    /// The file is not a usable CSV.
    #[error("data set {path}: {source}")]
    Parse {
        /// The file as the spec names it.
        path: String,
        /// What is wrong with it.
        source: DataError,
    },
}

/// A `--model` spec: the hidden layer widths of an MLP, its output and the
/// precision it computes in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelSpec {
    /// Widths of the hidden layers, inputs side first.
    pub hidden: Vec<usize>,
    /// A softmax over the classes, or one sigmoid unit for two classes.
    pub output: Output,
    /// f64, or f32 as PyTorch computes.
    pub precision: Precision,
}

impl FromStr for ModelSpec {
    type Err = SpecError;

    fn from_str(text: &str) -> Result<Self, SpecError> {
        let parsed = Settings::parse(text, "model", "mlp:hidden=64", MODEL_KINDS, &["hidden"])?;
        let output = Output::from_name(parsed.settings.get(OUTPUT))
            .unwrap_or_else(|| unreachable!("the output's choices are the outputs' names"));
        let precision = Precision::from_name(parsed.settings.get(PRECISION))
            .unwrap_or_else(|| unreachable!("the precision's choices are the precisions' names"));
        let Some((_, widths)) = parsed.extras.first() else {
            return Ok(ModelSpec { output, precision, ..ModelSpec::default() });
        };
        let bad = |reason: String| SpecError::BadValue {
            kind: "mlp",
            key: "hidden".to_owned(),
            text: widths.clone(),
            reason,
        };
        let hidden = widths
            .split('x')
            .map(|width| match width.trim().parse::<usize>() {
                Ok(w) if (1..=MAX_WIDTH).contains(&w) => Ok(w),
                _ => Err(bad(format!("is not a list of layer widths in 1..={MAX_WIDTH} such as 64 or 16x16"))),
            })
            .collect::<Result<Vec<usize>, SpecError>>()?;
        if hidden.len() > MAX_LAYERS {
            return Err(bad(format!("has more than {MAX_LAYERS} layers")));
        }
        Ok(ModelSpec { hidden, output, precision })
    }
}

impl Default for ModelSpec {
    /// Seed 003's network: one hidden layer of 64, softmax output.
    fn default() -> Self {
        ModelSpec { hidden: vec![64], output: Output::Softmax, precision: Precision::F64 }
    }
}

impl ModelSpec {
    /// The spec of `mlp`'s shape.
    pub fn of(mlp: &Mlp) -> ModelSpec {
        ModelSpec { hidden: mlp.hidden().to_vec(), output: mlp.output(), precision: mlp.precision() }
    }

    /// The hidden widths as the spec writes them: `64`, or `16x16`.
    pub fn widths(&self) -> String {
        self.hidden.iter().map(usize::to_string).collect::<Vec<_>>().join("x")
    }
}

impl fmt::Display for ModelSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "mlp:hidden={}", self.widths())?;
        if self.output != Output::Softmax {
            write!(f, ",output={}", self.output.name())?;
        }
        if self.precision != Precision::F64 {
            write!(f, ",precision={}", self.precision.name())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dataset_specs_parse_and_print_back() {
        for (text, shown) in [
            ("digits", "digits"),
            ("Circles", "circles"),
            ("circles:n=200,noise=0.1", "circles:n=200,noise=0.1"),
            ("moons:noise=0.1", "moons"),
            ("csv:path=data/x.csv,target=label", "csv:path=data/x.csv,target=label"),
        ] {
            assert_eq!(text.parse::<DatasetSpec>().unwrap().to_string(), shown);
        }
        let error = |text: &str| text.parse::<DatasetSpec>().unwrap_err().to_string();
        assert!(error("iris").contains("unknown dataset 'iris' (known: digits, circles, moons, csv)"));
        assert!(error("circles:n=3").contains("n=3 is out of range"));
        assert!(error("csv:path=x.csv").contains("csv: target is required"));
        assert!(error("digits:path=x.csv").contains("digits: unknown key 'path'"));
        // Every data set takes the share it holds out for testing.
        let seed_004: DatasetSpec = "circles:n=1000,noise=0.03,test=0.3".parse().unwrap();
        assert_eq!((seed_004.test_share(), seed_004.to_string().as_str()), (0.3, "circles:test=0.3"));
        let problem = seeded_problem(&seed_004, &ModelSpec::default(), 4, None).unwrap();
        assert_eq!((problem.split.train.len(), problem.split.test.len()), (700, 300));
        assert_eq!("digits".parse::<DatasetSpec>().unwrap().test_share(), dataset::DEFAULT_TEST_SHARE);
        let csv: DatasetSpec = "csv:path=x.csv,target=y,test=0.5".parse().unwrap();
        assert_eq!((csv.test_share(), csv.csv_source()), (0.5, Some(("x.csv", "y"))));
        assert!(error("moons:test=1.5").contains("test=1.5 is out of range"));
    }

    #[test]
    fn model_specs_parse_and_print_back() {
        assert_eq!("mlp".parse::<ModelSpec>().unwrap(), ModelSpec::default());
        assert_eq!("mlp:hidden=16x16".parse::<ModelSpec>().unwrap().hidden, vec![16, 16]);
        assert_eq!("mlp:hidden=16x8".parse::<ModelSpec>().unwrap().to_string(), "mlp:hidden=16x8");
        for text in ["mlp:hidden=16x16,output=sigmoid", "mlp:output=sigmoid,hidden=16x16"] {
            let model = text.parse::<ModelSpec>().unwrap();
            assert_eq!((model.hidden.as_slice(), model.output), (&[16, 16][..], Output::Sigmoid));
            assert_eq!(model.to_string(), "mlp:hidden=16x16,output=sigmoid");
        }
        assert_eq!("mlp:output=softmax".parse::<ModelSpec>().unwrap(), ModelSpec::default());
        let single = "mlp:precision=f32,hidden=16x16,output=sigmoid".parse::<ModelSpec>().unwrap();
        assert_eq!(single.precision, Precision::F32);
        assert_eq!(single.to_string(), "mlp:hidden=16x16,output=sigmoid,precision=f32");
        assert_eq!("mlp:precision=f64".parse::<ModelSpec>().unwrap(), ModelSpec::default());
        let message = "mlp:precision=f16".parse::<ModelSpec>().unwrap_err().to_string();
        assert!(message.contains("precision") && message.contains("f16"), "{message}");
        let message = "mlp:output=tanh".parse::<ModelSpec>().unwrap_err().to_string();
        assert!(message.contains("output") && message.contains("tanh"), "{message}");
        for bad in ["mlp:hidden=0", "mlp:hidden=16x", "mlp:hidden=big", "mlp:hidden=5000"] {
            let message = bad.parse::<ModelSpec>().unwrap_err().to_string();
            assert!(message.starts_with("mlp: hidden="), "{bad}: {message}");
        }
        assert!("cnn".parse::<ModelSpec>().unwrap_err().to_string().contains("unknown model 'cnn'"));
    }
}
