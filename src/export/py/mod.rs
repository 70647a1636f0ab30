//! `optiviz export --format py`: a scene as a standalone Python script that
//! reproduces it with PyTorch and prints the same CSV as `--format csv`.
//!
//! A race script ([`race`]) holds the surface as Python functions
//! ([`surface`], a data surface's rows included: [`data_surface`]); a
//! training script ([`network`]) holds the data, the starting weights and
//! split, and the network's passes ([`network_data`]). Both write the
//! schedules as `LambdaLR` factors ([`schedule`]) and every optimizer as its
//! `torch.optim` class or a few written-out lines ([`optimizer`]), gathered
//! per run by [`runs`], and a loop that ends a run where optiviz ends it.
//! Everything is float64 (a network's passes float32 if its model says so),
//! and every operation rounds as optiviz rounds it, so a race's numbers
//! agree to the last digits.

mod data_surface;
mod network;
mod network_data;
mod optimizer;
mod race;
mod runs;
mod schedule;
mod surface;
mod text;

pub use network::network_script;
pub use race::race_script;

use crate::scene::AnyScene;

/// A scene feature a script cannot reproduce.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ScriptError {
    /// Gradient noise comes from optiviz's own random generator.
    #[error(
        "the scene adds gradient noise from optiviz's own random generator, which PyTorch cannot \
         reproduce; remove [noise] (or set sigma = 0) to export it as a script"
    )]
    Noise,
    /// Newton on a typed formula needs its Hessian, which scripts do not write out.
    #[error("newton on a typed formula needs the formula's Hessian, which a script does not write out yet")]
    NewtonOnFormula,
    /// The formula of an `expr` surface did not parse (a scene never holds one).
    #[error("the surface's formula does not parse")]
    Formula,
    /// Mini-batches are drawn by optiviz's own seeded shuffle.
    #[error(
        "mini-batches are drawn by optiviz's own seeded shuffle of the rows, which PyTorch cannot \
         reproduce; remove {remove} (full batch) to export the scene as a script"
    )]
    Batch {
        /// What in the scene asks for mini-batches.
        remove: &'static str,
    },
    /// The data or the network cannot be made (a data file that does not read).
    #[error("{0}")]
    Load(String),
    /// The network's script writes out ReLU hidden layers on the data's own
    /// features and classes only.
    #[error(
        "a network script is written for ReLU hidden layers on the data's own features, no l1/l2 penalty and \
         classification; other activations, input features, penalties and regression cannot be exported as a script yet"
    )]
    NetworkModel,
}

/// The script of `scene`; `file_name` is the scene file's name, quoted in
/// the script's introduction (`None` for a scene made in the app).
pub fn script(scene: &AnyScene, file_name: Option<&str>) -> Result<String, ScriptError> {
    match scene {
        AnyScene::Race(scene) => race_script(scene, file_name),
        AnyScene::Network(scene) => network_script(scene, file_name),
    }
}

/// Python's imports and the default dtype every script has.
const PREAMBLE: &str =
    "import decimal\nimport math\nimport sys\n\nimport torch\n\ntorch.set_default_dtype(torch.float64)\n";
