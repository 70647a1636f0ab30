//! `optiviz export --format py`: a scene as a standalone Python script that
//! reproduces it with PyTorch and prints the same CSV as `--format csv`.
//!
//! A race script ([`race`]) holds the surface as Python functions
//! ([`surface`], a data surface's rows included: [`data_surface`]) and, for
//! mini-batches and noise, what optiviz's generators drew ([`draws`]); a
//! training script ([`network`]) holds the data, the starting weights and
//! split, and the network's passes ([`network_data`]). Both write the
//! schedules as `LambdaLR` factors ([`schedule`]) and every optimizer as its
//! `torch.optim` class or a few written-out lines ([`optimizer`]), gathered
//! per run by [`runs`], and a loop that ends a run where optiviz ends it.
//! Everything is float64 (a network's passes float32 if its model says so),
//! and every operation rounds as optiviz rounds it, so a race's numbers
//! agree to the last digits.

mod data_surface;
mod draws;
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
    /// A stochastic race whose draws are too many to write into a script.
    #[error(
        "the race draws more than {limit} batch rows and noise values, too many to write into a \
         script; take fewer steps"
    )]
    TooManyDraws {
        /// The most drawn numbers a script carries.
        limit: usize,
    },
    /// Newton on a typed formula needs its Hessian, which scripts do not write out.
    #[error("newton on a typed formula needs the formula's Hessian, which a script does not write out yet")]
    NewtonOnFormula,
    /// The formula of an `expr` surface did not parse (a scene never holds one).
    #[error("the surface's formula does not parse")]
    Formula,
    /// A network script does not write out optiviz's shuffles of the rows.
    #[error(
        "a network script trains on the full batch: optiviz's seeded shuffles of the rows are not \
         written out for networks yet; remove {remove} to export the scene as a script"
    )]
    Batch {
        /// What in the scene asks for mini-batches.
        remove: &'static str,
    },
    /// The data or the network cannot be made (a data file that does not read).
    #[error("{0}")]
    Load(String),
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
