//! What a network's last layer is for: class probabilities (a softmax, or
//! one sigmoid unit for two classes) or one number (regression), and the
//! test score each is judged by.

use super::dataset::Task;

/// How the last layer's values become the network's answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Output {
    /// One unit per class, softmax over them.
    #[default]
    Softmax,
    /// Two classes from one unit: `p₁ = σ(z)`, `p₀ = 1 − p₁` (logistic
    /// regression on the last hidden layer; binary cross-entropy).
    Sigmoid,
    /// One linear unit, the predicted number: regression, judged by the mean
    /// squared error. A regression data set chooses it, not the model spec.
    Linear,
}

impl Output {
    /// The spec word: `softmax`, `sigmoid` or `linear`.
    pub fn name(self) -> &'static str {
        match self {
            Output::Softmax => "softmax",
            Output::Sigmoid => "sigmoid",
            Output::Linear => "linear",
        }
    }

    /// The output a network for `task` has unless told otherwise: a softmax
    /// over the classes, or one linear unit for regression.
    pub fn default_for(task: Task) -> Output {
        match task {
            Task::Classification => Output::Softmax,
            Task::Regression => Output::Linear,
        }
    }

    /// A classifier's output by its spec word (`softmax` or `sigmoid`).
    pub fn from_name(name: &str) -> Option<Output> {
        [Output::Softmax, Output::Sigmoid].into_iter().find(|output| output.name() == name)
    }

    /// Units of the last layer for `classes` classes.
    pub fn units(self, classes: usize) -> usize {
        match self {
            Output::Softmax => classes,
            Output::Sigmoid | Output::Linear => 1,
        }
    }

    /// Values [`crate::nn::Mlp::predict`] gives per row: the class
    /// probabilities, or the one predicted number.
    pub fn values_per_row(self, classes: usize) -> usize {
        match self {
            Output::Softmax | Output::Sigmoid => classes,
            Output::Linear => 1,
        }
    }

    /// The score of its test rows.
    pub fn score(self) -> Score {
        match self {
            Output::Softmax | Output::Sigmoid => Score::Accuracy,
            Output::Linear => Score::R2,
        }
    }
}

/// How well a network does on its test rows, beside the loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Score {
    /// The fraction of rows whose most probable class is the label.
    Accuracy,
    /// The coefficient of determination `1 − Σ(ŷ − y)²/Σ(y − ȳ)²`.
    R2,
}

impl Score {
    /// Its column in a training record: `test_accuracy` or `test_r2`.
    pub fn column(self) -> &'static str {
        match self {
            Score::Accuracy => "test_accuracy",
            Score::R2 => "test_r2",
        }
    }

    /// Its name for people: `test accuracy` or `test R²`.
    pub fn label(self) -> &'static str {
        match self {
            Score::Accuracy => "test accuracy",
            Score::R2 => "test R²",
        }
    }

    /// A value as people read it: `97.2 %`, or `0.901`.
    pub fn show(self, value: f64) -> String {
        match self {
            Score::Accuracy => format!("{:.1} %", 100.0 * value),
            Score::R2 => format!("{value:.3}"),
        }
    }

    /// The range a plot's axis spans: 0 to 100 % for accuracy, −1 to 1 for R².
    pub fn range(self) -> (f64, f64) {
        match self {
            Score::Accuracy => (0.0, 100.0),
            Score::R2 => (-1.0, 1.0),
        }
    }

    /// The name of a plot's axis: `% correct` or `R²`.
    pub fn unit(self) -> &'static str {
        match self {
            Score::Accuracy => "% correct",
            Score::R2 => "R²",
        }
    }

    /// The value on a plot's axis: percent for accuracy, R² itself; held
    /// inside [`Score::range`] (an R² far below 0 sits at its floor).
    pub fn plotted(self, value: f64) -> f64 {
        let (low, high) = self.range();
        match self {
            Score::Accuracy => 100.0 * value,
            Score::R2 => value.clamp(low, high),
        }
    }
}
