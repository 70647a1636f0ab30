//! Spec strings of what a network trains on: the data set (`digits`,
//! `circles:n=1000,noise=0.03`, `spiral`, `sine`,
//! `csv:path=FILE,target=COL,task=regression`, …) and the model
//! (`mlp:hidden=16x16,activation=tanh,l2=0.001`, or on points of the plane
//! `mlp:hidden=8,inputs=x+y+x2+y2`), parsed against the same
//! parameter tables as surfaces and optimizers, so `optiviz list` shows them too.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use super::activation::Activation;
use super::dataset::{self, Dataset, DatasetInfo, Task, DATASETS};
use super::inputs::InputFeatures;
use super::mlp::{Mlp, Precision, MAX_LAYERS, MAX_PARAMETERS, MAX_WIDTH};
use super::output::Output;
use super::penalty::Penalty;
use super::train::Problem;
use crate::spec::error::{DataError, SpecError};
use crate::spec::key::Key;
use crate::spec::params::{self, Kind, ParamDefault, ParamKind, ParamSpec, Scale};
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
    params::choice(
        "activation",
        "relu",
        &["relu", "tanh", "sigmoid", "linear"],
        "the function after every hidden layer",
    ),
    params::non_negative(
        "l1",
        0.0,
        Scale::Linear,
        (0.0, 0.01),
        "λ1 of the penalty λ1·Σ|w| on the weights (not biases)",
    ),
    params::non_negative(
        "l2",
        0.0,
        Scale::Linear,
        (0.0, 0.01),
        "λ2 of the penalty ½·λ2·Σw² on the weights (not biases)",
    ),
];
const OUTPUT: Key<&str> = Key::choice(MLP_PARAMS, "output");
const PRECISION: Key<&str> = Key::choice(MLP_PARAMS, "precision");
const ACTIVATION: Key<&str> = Key::choice(MLP_PARAMS, "activation");
const L1: Key<f64> = Key::real(MLP_PARAMS, "l1");
const L2: Key<f64> = Key::real(MLP_PARAMS, "l2");

/// The keys of a model handed back unparsed by [`Settings::parse`].
const MODEL_KEYS: [&str; 2] = ["hidden", "inputs"];

/// The hidden layers of a model that names none and has no init file.
const DEFAULT_HIDDEN: [usize; 1] = [64];

/// The network kinds `--model` takes.
pub static MODEL_KINDS: [&Kind; 1] = [&Kind {
    name: "mlp",
    summary: "dense layers: hidden=64, or hidden=16x16 for two layers; hidden defaults to 64 (or an init file's); \
              on two-feature data inputs=x+y+x2+y2+xy+sinx+siny picks the features it reads (default x+y)",
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
                let task = Task::from_name(self.settings.get(dataset::CSV_TASK))
                    .unwrap_or_else(|| unreachable!("the task's choices are the tasks' names"));
                dataset::from_csv(&text, target, task).map_err(|source| LoadError::Parse { path: path.clone(), source })
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

    /// The data set's name: digits, circles, spiral, … or csv.
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

    /// The same CSV data set read as a regression (`task=regression`);
    /// `None` for a generated one.
    pub fn as_regression(&self) -> Option<DatasetSpec> {
        self.csv.as_ref()?;
        let mut settings = self.settings.clone();
        settings.set(dataset::CSV_TASK.name(), params::Value::Choice(Task::Regression.name())).ok()?;
        Some(self.with_settings(settings))
    }
}

/// The data of `dataset` (generated sets from `seed`) with a He-initialised
/// network of `model` on its seeded split, checked against [`MAX_PARAMETERS`]
/// before any weight is made.
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
    let output = model.output_for(&data)?;
    let hidden = model.hidden_widths();
    let mlp = model.configure(match model.inputs {
        inputs if inputs.is_raw() => Mlp::with_output(data.dim, hidden, data.classes, output),
        _ if data.dim != 2 => return Err(LoadError::InputsNeedPoints { model: model.to_string(), dim: data.dim }),
        inputs => Mlp::with_inputs(inputs, hidden, data.classes, output),
    });
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

impl LoadError {
    /// Whether the target looks like a quantity: a CSV class target with
    /// more distinct values than a network may have classes, which
    /// `task=regression` would read.
    pub fn is_quantity_target(&self) -> bool {
        matches!(self, LoadError::Parse { source: DataError::TooManyClasses { .. }, .. })
    }
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
    /// A sigmoid output asked of a regression data set.
    #[error("{model} has one sigmoid output, for two classes, but the data set is a regression: its network ends in one linear unit; leave output out")]
    SigmoidRegression {
        /// The model spec.
        model: String,
    },
    /// Input features asked of data that are not points of the plane.
    #[error("{model} computes its inputs from points (x, y), but the data has {dim} features; leave inputs out")]
    InputsNeedPoints {
        /// The model spec.
        model: String,
        /// The data's features.
        dim: usize,
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

/// A `--model` spec: the hidden layer widths of an MLP, their activation,
/// its output, the penalty on its weights and the precision it computes in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModelSpec {
    /// Widths of the hidden layers, inputs side first; `None` when the spec
    /// names none: 64, or an init file's.
    pub hidden: Option<Vec<usize>>,
    /// The features it reads of each point of two-feature data; the
    /// default (x+y) reads any data's own features.
    pub inputs: InputFeatures,
    /// A softmax over the classes, or one sigmoid unit for two classes (a
    /// regression data set makes it one linear unit).
    pub output: Output,
    /// The function after every hidden layer.
    pub activation: Activation,
    /// L1 and L2 strengths on the weights in the loss descended.
    pub penalty: Penalty,
    /// f64, or f32 as PyTorch computes.
    pub precision: Precision,
}

impl FromStr for ModelSpec {
    type Err = SpecError;

    fn from_str(text: &str) -> Result<Self, SpecError> {
        let parsed = Settings::parse(text, "model", "mlp:hidden=64", MODEL_KINDS, &MODEL_KEYS)?;
        let output = Output::from_name(parsed.settings.get(OUTPUT))
            .unwrap_or_else(|| unreachable!("the output's choices are the outputs' names"));
        let precision = Precision::from_name(parsed.settings.get(PRECISION))
            .unwrap_or_else(|| unreachable!("the precision's choices are the precisions' names"));
        let activation = Activation::from_name(parsed.settings.get(ACTIVATION))
            .unwrap_or_else(|| unreachable!("the activation's choices are the activations' names"));
        let penalty = Penalty { l1: parsed.settings.get(L1), l2: parsed.settings.get(L2) };
        let extra = |key: &str| parsed.extras.iter().find(|(k, _)| *k == key).map(|(_, text)| text);
        let bad = |key: &str, text: &str, reason: String| SpecError::BadValue {
            kind: "mlp",
            key: key.to_owned(),
            text: text.to_owned(),
            reason,
        };
        let inputs = match extra("inputs") {
            Some(text) => text.parse::<InputFeatures>().map_err(|reason| bad("inputs", text, reason))?,
            None => InputFeatures::default(),
        };
        let model = ModelSpec { hidden: None, inputs, output, activation, penalty, precision };
        let Some(widths) = extra("hidden") else {
            return Ok(model);
        };
        let bad = |reason: String| bad("hidden", widths, reason);
        let hidden = widths
            .split('x')
            .map(|width| match width.trim().parse::<usize>() {
                Ok(w) if (1..=MAX_WIDTH).contains(&w) => Ok(w),
                _ => Err(bad(format!(
                    "is not a list of layer widths in 1..={MAX_WIDTH} such as 64 or 16x16 \
                     (and at most {MAX_PARAMETERS} parameters in all)"
                ))),
            })
            .collect::<Result<Vec<usize>, SpecError>>()?;
        if hidden.len() > MAX_LAYERS {
            return Err(bad(format!("has more than {MAX_LAYERS} layers")));
        }
        Ok(ModelSpec { hidden: Some(hidden), ..model })
    }
}

impl ModelSpec {
    /// The spec of `mlp`.
    pub fn of(mlp: &Mlp) -> ModelSpec {
        ModelSpec {
            hidden: Some(mlp.hidden().to_vec()),
            inputs: mlp.inputs(),
            output: mlp.output(),
            activation: mlp.activation(),
            penalty: mlp.penalty(),
            precision: mlp.precision(),
        }
    }

    /// The widths of the hidden layers: the spec's, or seed 003's 64.
    pub fn hidden_widths(&self) -> &[usize] {
        self.hidden.as_deref().unwrap_or(&DEFAULT_HIDDEN)
    }

    /// The hidden widths as the spec writes them: `64`, or `16x16`.
    pub fn widths(&self) -> String {
        join_widths(self.hidden_widths())
    }

    /// `mlp` (whatever its shape) with this spec's activation, penalty and precision.
    pub fn configure(&self, mlp: Mlp) -> Mlp {
        mlp.with_activation(self.activation).with_penalty(self.penalty).with_precision(self.precision)
    }

    /// The output this spec's network has on `data`: one linear unit for a
    /// regression, the spec's own for classes (a sigmoid only for two).
    pub fn output_for(&self, data: &Dataset) -> Result<Output, LoadError> {
        let model = || self.to_string();
        match (data.task(), self.output) {
            (Task::Regression, Output::Sigmoid) => Err(LoadError::SigmoidRegression { model: model() }),
            (Task::Regression, _) => Ok(Output::Linear),
            (Task::Classification, Output::Sigmoid) if data.classes != 2 => {
                Err(LoadError::SigmoidClasses { model: model(), classes: data.classes })
            }
            (Task::Classification, output) => Ok(output),
        }
    }
}

/// Layer widths as a spec writes them: `64`, or `16x16`.
fn join_widths(widths: &[usize]) -> String {
    widths.iter().map(usize::to_string).collect::<Vec<_>>().join("x")
}

impl fmt::Display for ModelSpec {
    /// The spec string, naming only what differs from the defaults (a
    /// regression's linear output goes without saying).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("mlp")?;
        let mut pairs = Vec::new();
        if let Some(hidden) = &self.hidden {
            pairs.push(format!("hidden={}", join_widths(hidden)));
        }
        if !self.inputs.is_raw() {
            pairs.push(format!("inputs={}", self.inputs));
        }
        if self.output == Output::Sigmoid {
            pairs.push(format!("output={}", self.output.name()));
        }
        if self.activation != Activation::default() {
            pairs.push(format!("activation={}", self.activation.name()));
        }
        let Penalty { l1, l2 } = self.penalty;
        pairs.extend([("l1", l1), ("l2", l2)].iter().filter(|(_, v)| *v != 0.0).map(|(k, v)| format!("{k}={v}")));
        if self.precision != Precision::F64 {
            pairs.push(format!("precision={}", self.precision.name()));
        }
        for (i, pair) in pairs.iter().enumerate() {
            write!(f, "{}{pair}", if i == 0 { ':' } else { ',' })?;
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
        assert!(error("iris")
            .contains("unknown dataset 'iris' (known: digits, circles, moons, spiral, sine, diabetes, csv)"));
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
        assert_eq!("mlp:hidden=16x16".parse::<ModelSpec>().unwrap().hidden, Some(vec![16, 16]));
        assert_eq!("mlp:hidden=16x8".parse::<ModelSpec>().unwrap().to_string(), "mlp:hidden=16x8");
        for text in ["mlp:hidden=16x16,output=sigmoid", "mlp:output=sigmoid,hidden=16x16"] {
            let model = text.parse::<ModelSpec>().unwrap();
            assert_eq!((model.hidden_widths(), model.output), (&[16, 16][..], Output::Sigmoid));
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
        let varied = "mlp:l2=0.001,activation=tanh,l1=1e-4".parse::<ModelSpec>().unwrap();
        assert_eq!(
            (varied.hidden.as_deref(), varied.hidden_widths()),
            (None, &[64][..]),
            "64 unless an init file says"
        );
        assert_eq!((varied.activation, varied.penalty), (Activation::Tanh, Penalty { l1: 1e-4, l2: 0.001 }));
        assert_eq!(varied.to_string(), "mlp:activation=tanh,l1=0.0001,l2=0.001");
        assert_eq!(varied.to_string().parse::<ModelSpec>().unwrap(), varied);
        for (bad, expected) in [
            ("mlp:activation=swish", "activation=swish is not one of relu, tanh, sigmoid, linear"),
            ("mlp:l1=-1", "l1=-1 is out of range (must be ≥ 0)"),
            ("mlp:l2=inf", "l2=inf is out of range"),
        ] {
            let message = bad.parse::<ModelSpec>().unwrap_err().to_string();
            assert!(message.contains(expected), "{bad}: {message}");
        }
    }

    #[test]
    fn input_features_parse_print_back_and_shape_the_first_layer() {
        let model: ModelSpec = "mlp:inputs=y2+x2+x+y,hidden=4".parse().unwrap();
        assert_eq!(model.to_string(), "mlp:hidden=4,inputs=x+y+x2+y2");
        assert_eq!(model.to_string().parse::<ModelSpec>().unwrap(), model);
        assert_eq!("mlp:inputs=x+y".parse::<ModelSpec>().unwrap(), ModelSpec::default(), "x+y is the default");
        let message = "mlp:inputs=x+cosx".parse::<ModelSpec>().unwrap_err().to_string();
        assert!(message.starts_with("mlp: inputs=x+cosx is not a list of features"), "{message}");
        let circles: DatasetSpec = "circles".parse().unwrap();
        let problem = seeded_problem(&circles, &model, 1, None).unwrap();
        assert_eq!((problem.mlp.sizes(), problem.dataset.dim), (&[4, 4, 2][..], 2), "the data keeps its points");
        assert_eq!(ModelSpec::of(&problem.mlp), ModelSpec { hidden: Some(vec![4]), ..model.clone() });
        let digits: DatasetSpec = "digits".parse().unwrap();
        let message = seeded_problem(&digits, &model, 1, None).unwrap_err().to_string();
        assert_eq!(
            message,
            "mlp:hidden=4,inputs=x+y+x2+y2 computes its inputs from points (x, y), but the data has 64 features; \
             leave inputs out"
        );
        let raw = seeded_problem(&circles, &"mlp:hidden=4".parse().unwrap(), 1, None).unwrap();
        assert_eq!((raw.mlp.sizes(), raw.mlp.inputs()), (&[2, 4, 2][..], InputFeatures::default()));
    }

    #[test]
    fn a_regression_data_set_makes_a_linear_output() {
        let model: ModelSpec = "mlp:hidden=8,activation=sigmoid,l2=0.5".parse().unwrap();
        let sine: DatasetSpec = "sine".parse().unwrap();
        let problem = seeded_problem(&sine, &model, 1, None).unwrap();
        let mlp = &problem.mlp;
        assert_eq!(
            (mlp.sizes(), mlp.output(), mlp.activation()),
            (&[1, 8, 1][..], Output::Linear, Activation::Sigmoid)
        );
        assert_eq!(mlp.penalty(), Penalty { l1: 0.0, l2: 0.5 });
        assert_eq!(ModelSpec::of(mlp).to_string(), "mlp:hidden=8,activation=sigmoid,l2=0.5");
        let sigmoid: ModelSpec = "mlp:output=sigmoid".parse().unwrap();
        let message = seeded_problem(&sine, &sigmoid, 1, None).unwrap_err().to_string();
        assert!(message.contains("the data set is a regression"), "{message}");
        let csv: DatasetSpec = "csv:path=x.csv,target=y,task=regression".parse().unwrap();
        assert_eq!(csv.to_string(), "csv:task=regression,path=x.csv,target=y");
    }

    #[test]
    fn a_csv_target_of_too_many_classes_reads_as_a_regression() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("y.csv");
        let rows: String = (0..1500).map(|i| format!("{i},{}\n", i * 7 % 1501)).collect();
        std::fs::write(&path, format!("x,y\n{rows}")).unwrap();
        let classes = DatasetSpec::csv(path.display().to_string(), "y".to_owned());
        let error = classes.load(0).unwrap_err();
        assert!(error.is_quantity_target() && error.to_string().contains("give task=regression"), "{error}");
        let regression = classes.as_regression().unwrap();
        assert_eq!(regression.to_string(), format!("csv:task=regression,path={},target=y", path.display()));
        assert_eq!(regression.load(0).unwrap().task(), Task::Regression);
        assert_eq!("circles".parse::<DatasetSpec>().unwrap().as_regression(), None);
        let missing = DatasetSpec::csv(path.display().to_string(), "z".to_owned());
        assert!(!missing.load(0).unwrap_err().is_quantity_target());
    }
}
