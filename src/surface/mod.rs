//! Loss surfaces f(x, y): the named test functions of the optimisation
//! literature and formulas typed by the user, each with its value, exact
//! gradient and exact Hessian.

mod beale;
mod bowl;
pub mod expr;
mod formula;
mod himmelblau;
mod rosenbrock;
mod saddle;

use std::fmt;
use std::str::FromStr;

pub use beale::Beale;
pub use bowl::Bowl;
pub use formula::FormulaSurface;
pub use himmelblau::Himmelblau;
pub use rosenbrock::Rosenbrock;
pub use saddle::Saddle;

use crate::plot::window::Window;
use crate::spec::error::SpecError;
use crate::spec::params::Kind;
use crate::spec::settings::Settings;

/// A smooth function of two variables that optimizers descend.
pub trait Surface: Send + Sync + fmt::Debug {
    /// f(x, y).
    fn value(&self, p: [f64; 2]) -> f64;
    /// The exact gradient ∇f.
    fn gradient(&self, p: [f64; 2]) -> [f64; 2];
    /// The same gradient, in a form an optimizer's step can inline.
    fn inline_gradient(&self) -> InlineGradient<'_>;
    /// The exact Hessian ∇²f (symmetric).
    fn hessian(&self, p: [f64; 2]) -> [[f64; 2]; 2];
    /// The window that shows the interesting part of the surface, as its
    /// formula gives it: for extreme parameters (`rosenbrock:a=1e154`) it
    /// may be too wide to draw. Callers use [`Surface::window`].
    fn natural_window(&self) -> Window;
    /// The natural window made drawable (see [`Window::drawable`]).
    fn window(&self) -> Window {
        self.natural_window().drawable()
    }
    /// A start point that makes a good race.
    fn start(&self) -> [f64; 2];
    /// Known minima (empty when none is known or the surface has none).
    fn minima(&self) -> Vec<[f64; 2]>;
    /// Known saddle points.
    fn saddle_points(&self) -> Vec<[f64; 2]> {
        Vec::new()
    }
}

/// A surface's gradient behind a `match` instead of a virtual call, so that
/// the oracle an optimizer asks on a surface ([`crate::engine::race::SurfaceOracle`])
/// compiles the gradient's arithmetic into itself.
#[derive(Clone, Copy, Debug)]
pub enum InlineGradient<'a> {
    /// Rosenbrock's closed form.
    Rosenbrock(&'a Rosenbrock),
    /// The bowl's closed form.
    Bowl(&'a Bowl),
    /// The saddle's closed form.
    Saddle(&'a Saddle),
    /// Himmelblau's closed form.
    Himmelblau,
    /// Beale's closed form.
    Beale,
    /// Any other surface (a formula), through its trait object.
    Dynamic(&'a dyn Surface),
}

impl InlineGradient<'_> {
    /// ∇f(`p`), the same bits as the surface's [`Surface::gradient`].
    #[inline(always)]
    pub fn at(self, p: [f64; 2]) -> [f64; 2] {
        match self {
            InlineGradient::Rosenbrock(surface) => surface.gradient(p),
            InlineGradient::Bowl(surface) => surface.gradient(p),
            InlineGradient::Saddle(surface) => surface.gradient(p),
            InlineGradient::Himmelblau => Himmelblau.gradient(p),
            InlineGradient::Beale => Beale.gradient(p),
            InlineGradient::Dynamic(surface) => surface.gradient(p),
        }
    }
}

/// The named surfaces, in the order they are listed.
pub static SURFACE_KINDS: [&Kind; 6] =
    [&rosenbrock::KIND, &bowl::KIND, &saddle::KIND, &himmelblau::KIND, &beale::KIND, &formula::KIND];

/// A surface chosen by name with its parameters, e.g. `bowl:kappa=50,angle=-20`
/// or `expr:f=x^2 + 3*sin(y)`.
#[derive(Clone, Debug, PartialEq)]
pub struct SurfaceConfig {
    settings: Settings,
}

impl SurfaceConfig {
    /// The settings behind this surface.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Checks and wraps settings of a surface kind.
    pub fn from_settings(settings: Settings) -> Result<SurfaceConfig, SpecError> {
        let config = SurfaceConfig { settings };
        config.build()?;
        Ok(config)
    }

    /// Builds the surface.
    pub fn build(&self) -> Result<Box<dyn Surface>, SpecError> {
        let s = &self.settings;
        Ok(match s.kind().name {
            "rosenbrock" => Box::new(Rosenbrock { a: s.real("a"), b: s.real("b") }),
            "bowl" => Box::new(Bowl::new(s.real("kappa"), s.real("angle"))),
            "saddle" => Box::new(Saddle { a: s.real("a"), b: s.real("b") }),
            "himmelblau" => Box::new(Himmelblau),
            "beale" => Box::new(Beale),
            _ => Box::new(FormulaSurface::from_settings(s)?),
        })
    }
}

impl FromStr for SurfaceConfig {
    type Err = SpecError;

    fn from_str(text: &str) -> Result<Self, SpecError> {
        let parsed = Settings::parse(text, "surface", "rosenbrock", SURFACE_KINDS, &[])?;
        SurfaceConfig::from_settings(parsed.settings)
    }
}

impl fmt::Display for SurfaceConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.settings.fmt(f)
    }
}
