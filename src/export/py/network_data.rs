//! What a training script starts from, as Python literals: the rows
//! (`FEATURES`; `TARGETS`, the classes or a regression's standardised
//! numbers, with `REGRESSION` saying which) and the starting weights with
//! the split (`INIT`, in the `--init` JSON format of SPEC 8), exactly as
//! optiviz makes them.
//!
//! Rows are written as optiviz trains on them, except the shipped digits:
//! their 0..16 pixels, standardised by the script as optiviz standardises
//! them, are a seventh of the text of 115 008 standardised values.

use super::{text, ScriptError};
use crate::nn::dataset::{digit_pixels, Dataset, Task, DIGITS};
use crate::nn::spec::{seeded_problem, DatasetSpec, ModelSpec};
use crate::nn::{Problem, Score};

/// The literals of the seeded full-batch training of `model` on `dataset`
/// from `seed`, and how its test rows are scored; fails if the data cannot
/// be read or the network cannot be made.
pub(super) fn literals(dataset: &DatasetSpec, model: &ModelSpec, seed: u64) -> Result<(String, Score), ScriptError> {
    let problem = seeded_problem(dataset, model, seed, None).map_err(|error| ScriptError::Load(error.to_string()))?;
    let (rows, features) = if dataset.info() == DIGITS {
        let pixels = digit_pixels();
        (rows(&pixels, "its 0..16 pixels, standardised below"), "torch.tensor(standardised(ROWS))")
    } else {
        (rows(&problem.dataset, "as optiviz trains on them"), "torch.tensor(ROWS, dtype=torch.float64)")
    };
    let data = &problem.dataset;
    let targets = match data.task() {
        Task::Classification => format!("torch.tensor({})", wrapped(data.labels.iter().map(usize::to_string), "")),
        Task::Regression => {
            let values = wrapped(data.values.iter().map(|v| crate::util::number::shortest(*v)), "");
            format!("torch.tensor({values}, dtype=torch.float64)")
        }
    };
    let regression = if data.task() == Task::Regression { "True" } else { "False" };
    let text = format!(
        "{rows}FEATURES = {features}\nTARGETS = {targets}\nREGRESSION = {regression}\n\n\
         # The starting weights and the split, as `optiviz train --init` reads them (json.dump(INIT, file)\n\
         # writes the file): each layer's weight[input][output] and bias, then the rows that train and test.\n\
         INIT = {}\n",
        init(&problem)
    );
    Ok((text, problem.mlp.score()))
}

/// `ROWS = [...]`, one list of features per row of `data`; `what` says
/// what the values are.
fn rows(data: &Dataset, what: &str) -> String {
    let rows: String = (0..data.len())
        .map(|i| format!("    {},\n", list(data.row(i).iter().map(|v| crate::util::number::shortest(*v)))))
        .collect();
    let targets = match data.task() {
        Task::Classification => "their classes",
        Task::Regression => "the numbers to predict (standardised)",
    };
    format!("# The data: {} rows of {} features, {what}, and {targets}.\nROWS = [\n{rows}]\n", data.len(), data.dim)
}

/// The `--init` dictionary of `problem`'s starting weights and split.
fn init(problem: &Problem) -> String {
    let sizes = problem.mlp.sizes();
    let mut params = problem.init.as_slice();
    let mut layers = String::new();
    for pair in sizes.windows(2) {
        let (inputs, outputs) = (pair[0], pair[1]);
        let (weight, rest) = params.split_at(inputs * outputs);
        let (bias, rest) = rest.split_at(outputs);
        params = rest;
        let weight: String = weight.chunks(outputs).map(|row| format!("                {},\n", floats(row))).collect();
        layers.push_str(&format!(
            "        {{\n            \"weight\": [\n{weight}            ],\n            \"bias\": {},\n        }},\n",
            floats(bias)
        ));
    }
    let indices = |rows: &[usize]| wrapped(rows.iter().map(usize::to_string), "    ");
    format!(
        "{{\n    \"layers\": [\n{layers}    ],\n    \"train_index\": {},\n    \"test_index\": {},\n}}",
        indices(&problem.split.train),
        indices(&problem.split.test)
    )
}

/// `values` as a Python list of floats that read back exactly.
fn floats(values: &[f64]) -> String {
    list(values.iter().map(|v| text::float(*v)))
}

/// A Python list of `items`.
fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(", "))
}

/// Whole numbers per line of a [`wrapped`] list.
const PER_LINE: usize = 24;

/// A Python list of `items` on lines of [`PER_LINE`], the list's own
/// lines indented by `indent`.
fn wrapped(items: impl Iterator<Item = String>, indent: &str) -> String {
    let items: Vec<String> = items.collect();
    let lines: String = items.chunks(PER_LINE).map(|line| format!("{indent}    {},\n", line.join(", "))).collect();
    format!("[\n{lines}{indent}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_and_split_are_the_seeded_ones() {
        let dataset: DatasetSpec = "circles:n=20,test=0.25".parse().expect("valid");
        let model: ModelSpec = "mlp:hidden=3,output=sigmoid".parse().expect("valid");
        let (python, score) = literals(&dataset, &model, 7).expect("generated data");
        assert_eq!(score, Score::Accuracy);
        let problem = seeded_problem(&dataset, &model, 7, None).expect("a problem");
        let first_row = floats(&problem.init[..3]);
        assert!(python.contains(&format!("                {first_row},\n")), "{python}");
        let test = problem.split.test.iter().map(usize::to_string).collect::<Vec<_>>().join(", ");
        assert!(python.contains(&format!("\"test_index\": [\n        {test},\n    ],")), "{python}");
        assert_eq!(python.matches("\"bias\": ").count(), 2);
        assert!(python.contains("\"bias\": [0.0],\n"), "one sigmoid unit, zero bias");
        assert!(python.contains("# The data: 20 rows of 2 features, as optiviz trains on them"));
        assert!(python.contains("FEATURES = torch.tensor(ROWS, dtype=torch.float64)\n"));
    }

    #[test]
    fn digits_are_written_as_pixels_and_standardised_by_the_script() {
        let digits: DatasetSpec = "digits".parse().expect("valid");
        let (python, _) = literals(&digits, &"mlp:hidden=4".parse().expect("valid"), 3).expect("shipped data");
        assert!(python.contains("FEATURES = torch.tensor(standardised(ROWS))\n"));
        assert!(
            python.contains("    [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0,"),
            "the first digit's pixels"
        );
        assert!(python.len() < 600_000, "{} characters", python.len());
    }

    #[test]
    fn a_regression_writes_its_standardised_numbers() {
        let sine: DatasetSpec = "sine".parse().expect("valid");
        let (python, score) = literals(&sine, &ModelSpec::default(), 1).expect("shipped data");
        assert_eq!(score, Score::R2);
        let problem = seeded_problem(&sine, &ModelSpec::default(), 1, None).expect("a problem");
        let first = crate::util::number::shortest(problem.dataset.values[0]);
        assert!(python.contains(&format!("TARGETS = torch.tensor([\n    {first}, ")), "{python}");
        assert!(python.contains("dtype=torch.float64)\nREGRESSION = True\n"), "{python}");
    }

    #[test]
    fn a_missing_csv_is_named() {
        let csv: DatasetSpec = "csv:path=/no/such/data.csv,target=y".parse().expect("valid");
        let message = literals(&csv, &ModelSpec::default(), 0).expect_err("no file").to_string();
        assert!(message.contains("/no/such/data.csv") && !message.contains('\n'), "{message}");
    }
}
