//! The script of a network scene: the data, starting weights and split
//! optiviz trains from ([`network_data`](super::network_data)), the
//! network's passes as plain tensor code in optiviz's order of operations
//! (`python/network.py`), the runs' optimizers and schedules, and a loop that
//! trains full batch and prints every epoch as `optiviz train` prints it.

use super::{network_data, runs, text, ScriptError, PREAMBLE};
use crate::nn::mlp::Precision;
use crate::nn::record::csv_header;
use crate::scene::NetScene;

/// The script of a network scene: its enabled runs, each printed as
/// `optiviz train` (and `optiviz export --format csv`) prints it. Full
/// batch only: mini-batches come from optiviz's own shuffle.
pub fn network_script(scene: &NetScene, file_name: Option<&str>) -> Result<String, ScriptError> {
    if scene.batch.is_some() {
        return Err(ScriptError::Batch { remove: "the scene's batch key" });
    }
    let model = &scene.model;
    let runs: Vec<_> = scene.runs.iter().filter(|run| run.enabled).collect();
    let runs_code = runs::code(&runs, "train", &[]);
    let (data, score) = network_data::literals(&scene.dataset, &scene.model, scene.seed)?;
    let title = scene.title.clone().unwrap_or_else(|| format!("Training on {}", scene.dataset));
    let network = include_str!("python/network.py").trim_end();
    let body = format!("{data}{}", runs_code.definitions);
    let mut helpers = String::new();
    for helper in text::helpers_for(&format!("{body}{network}")) {
        helpers.push_str("\n\n");
        helpers.push_str(helper);
    }
    let (precision, passes) = match scene.model.precision {
        Precision::F64 => ("torch.float64", "float64"),
        Precision::F32 => ("torch.float32", "float32 (the model's precision=f32; the losses float64)"),
    };
    Ok(format!(
        "#!/usr/bin/env python3\n\"\"\"{title}\n\n\
         Exported by optiviz{from}: {n} run(s), {epochs} full-batch epochs of\n\
         {model} on {dataset} (seed {seed}).\n\
         Run it with `python3` (PyTorch installed): it prints the training as CSV, the same numbers\n\
         as {csv_export}.\n\
         The network is plain tensors, its backpropagation written out in optiviz's order of\n\
         operations; the optimizers are torch.optim's own where torch has them, and step the one\n\
         flat vector of every weight and bias. Its passes compute in {passes}.\n\"\"\"\n\n\
         {PREAMBLE}\n\
         torch.set_num_threads(1)  # small matrices: one thread is fastest, and sums in one order everywhere\n\n\
         EPOCHS = {epochs}\nPRECISION = {precision}  # of the forward and backward passes\n\
         ACTIVATION = {activation}  # of the hidden layers\n\
         INPUTS = {inputs}  # the features the network computes of points (x, y); None: the rows' own\n\
         L1, L2 = {l1}, {l2}  # penalty on the weights in the loss descended: λ1·Σ|w| + ½·λ2·Σw²\n{helpers}\n\n\
         {body}\n\n\
         {csv}\n\n{network}\n\n\n\
         {main}",
        title = text::docstring(&title),
        from = text::exported_from(file_name),
        csv_export = text::csv_export(file_name, " (and `optiviz train`)"),
        n = runs.len(),
        epochs = scene.epochs,
        model = text::docstring(&scene.model.to_string()),
        dataset = text::docstring(&scene.dataset.to_string()),
        seed = scene.seed,
        csv = include_str!("python/csv.py").trim_end(),
        activation = text::string(model.activation.name()),
        inputs = if model.inputs.is_raw() {
            "None".to_owned()
        } else {
            format!(
                "[{}]",
                model.inputs.iter().map(|feature| text::string(feature.name())).collect::<Vec<_>>().join(", ")
            )
        },
        l1 = text::float(model.penalty.l1),
        l2 = text::float(model.penalty.l2),
        main = text::main_function(&csv_header(score), &runs_code.calls),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCENE: &str = "title = \"Moons\"\ndataset = \"moons:n=40\"\nmodel = \"mlp:hidden=4\"\nepochs = 3\nseed = 2\n\
                         [[runs]]\noptimizer = \"adam:lr=0.01\"\n[[runs]]\noptimizer = \"lamb\"\nenabled = false\n";

    fn scene(text: &str) -> NetScene {
        NetScene::from_toml(text).expect("a valid scene")
    }

    #[test]
    fn a_training_script_has_its_data_weights_runs_and_loop() {
        let script = network_script(&scene(SCENE), Some("moons.toml")).expect("full batch");
        assert!(script
            .starts_with("#!/usr/bin/env python3\n\"\"\"Moons\n\nExported by optiviz from moons.toml: 1 run(s), 3"));
        for needle in [
            "EPOCHS = 3\nPRECISION = torch.float64",
            "INIT = {\n    \"layers\": [",
            "def loss_and_gradient(theta):",
            "    train(\n        0,\n        \"adam\",\n        lambda params: torch.optim.Adam(params, lr=0.01",
            "print(\"run,optimizer,epoch,train_loss,test_loss,test_accuracy\")",
        ] {
            assert!(script.contains(needle), "{needle}");
        }
        assert!(!script.contains("class Lamb") && !script.contains("def standardised("), "a disabled run, no digits");
        let single = scene(&SCENE.replace("mlp:hidden=4", "mlp:hidden=4,precision=f32"));
        assert!(network_script(&single, None).expect("full batch").contains("PRECISION = torch.float32"));
    }

    #[test]
    fn mini_batches_are_refused_in_one_line() {
        let batched = scene(&SCENE.replace("seed = 2\n", "seed = 2\nbatch = 8\n"));
        let error = network_script(&batched, None).expect_err("mini-batches");
        assert_eq!(error, ScriptError::Batch { remove: "the scene's batch key" });
        let message = error.to_string();
        assert!(message.contains("seeded shuffles of the rows") && !message.contains('\n'), "{message}");
    }

    #[test]
    fn activations_penalties_regression_and_computed_inputs_are_written() {
        let text = |dataset: &str, model: &str| {
            format!("dataset = \"{dataset}\"\nmodel = \"{model}\"\nepochs = 2\n[[runs]]\noptimizer = \"adam\"\n")
        };
        let tanh = network_script(&scene(&text("moons:n=40", "mlp:hidden=4,activation=tanh,l2=0.1")), None);
        let tanh = tanh.expect("a tanh network with a penalty");
        assert!(tanh.contains("ACTIVATION = \"tanh\"") && tanh.contains("L1, L2 = 0.0, 0.1"), "{tanh}");
        let sine = network_script(&scene(&text("sine", "mlp:hidden=4")), None).expect("a regression");
        assert!(
            sine.contains("REGRESSION = True")
                && sine.contains("print(\"run,optimizer,epoch,train_loss,test_loss,test_r2\")")
        );
        let inputs = network_script(&scene(&text("moons:n=40", "mlp:hidden=4,inputs=y+x2+sinx")), None);
        assert!(inputs.expect("computed inputs").contains("INPUTS = [\"y\", \"x2\", \"sinx\"]"));
    }
}
