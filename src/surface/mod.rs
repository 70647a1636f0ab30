//! Loss surfaces f(x, y): the named test functions of the optimisation
//! literature and formulas typed by the user, each with its value, exact
//! gradient and exact Hessian.

mod ackley;
mod beale;
mod booth;
mod bowl;
pub mod data;
pub mod expr;
mod family;
mod formula;
mod goldstein_price;
mod himmelblau;
mod levi;
mod matyas;
mod mccormick;
mod monkey_saddle;
mod rastrigin;
mod rosenbrock;
mod saddle;
mod six_hump_camel;
mod styblinski_tang;
mod three_hump_camel;

use std::fmt;
use std::str::FromStr;

pub use ackley::Ackley;
pub use beale::Beale;
pub use booth::Booth;
pub use bowl::Bowl;
pub use data::{DataFit, DataView};
pub use family::SurfaceFamily;
pub use formula::FormulaSurface;
pub use goldstein_price::GoldsteinPrice;
pub use himmelblau::Himmelblau;
pub use levi::Levi;
pub use matyas::Matyas;
pub use mccormick::McCormick;
pub use monkey_saddle::MonkeySaddle;
pub use rastrigin::Rastrigin;
pub use rosenbrock::Rosenbrock;
pub use saddle::Saddle;
pub use six_hump_camel::SixHumpCamel;
pub use styblinski_tang::StyblinskiTang;
pub use three_hump_camel::ThreeHumpCamel;

use crate::plot::window::Window;
use crate::spec::error::SpecError;
use crate::spec::params::{join_names, Kind, ParamKind};
use crate::spec::settings::{Settings, Values};

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
    /// The rows behind a data surface, whose gradient a mini-batch can
    /// estimate (none for a function of x and y alone).
    fn data(&self) -> Option<&dyn DataFit> {
        None
    }
}

/// Static description of a named surface: its parameters and how to build
/// it. Everything else about a surface (its window, start, minima, formula
/// and derivatives) is in its own file, behind the [`Surface`] it builds.
pub struct SurfaceInfo {
    /// Name and parameter table.
    pub kind: Kind,
    /// The family the app lists it under.
    pub family: SurfaceFamily,
    /// Makes the surface from its values.
    build: fn(Values<'_>) -> Result<Box<dyn Surface>, SpecError>,
}

impl fmt::Debug for SurfaceInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SurfaceInfo").field("name", &self.kind.name).finish()
    }
}

impl SurfaceInfo {
    /// Whether the surface is a formula the user types rather than a named function.
    pub fn is_formula(&self) -> bool {
        self.kind.params.iter().any(|param| param.kind == ParamKind::Formula)
    }
}

/// Writes the registry of named surfaces, [`SURFACES`], and
/// [`InlineGradient`], which lists the closed-form ones, from one list.
macro_rules! registry {
    (closed form: [$($module:ident::$surface:ident),+ $(,)?], other: [$($other:path),+ $(,)?] $(,)?) => {
        /// The named surfaces, in the order they are listed: the registry. A
        /// new surface is a file in `src/surface/` with its `INFO` and one
        /// line in this list.
        pub static SURFACES: &[&SurfaceInfo] = &[$(&$module::INFO,)+ $(&$other,)+];

        /// A surface's gradient behind a `match` instead of a virtual call, so
        /// that the oracle an optimizer asks on a surface
        /// ([`crate::engine::race::SurfaceOracle`]) compiles the gradient's
        /// arithmetic into itself.
        #[derive(Clone, Copy, Debug)]
        pub enum InlineGradient<'a> {
            $(
                #[doc = concat!("The closed form of [`", stringify!($surface), "`].")]
                $surface(&'a $module::$surface),
            )+
            /// Any other surface (a formula), through its trait object.
            Dynamic(&'a dyn Surface),
        }

        impl InlineGradient<'_> {
            /// ∇f(`p`), the same bits as the surface's [`Surface::gradient`].
            #[inline(always)]
            pub fn at(self, p: [f64; 2]) -> [f64; 2] {
                match self {
                    $(InlineGradient::$surface(surface) => surface.gradient(p),)+
                    InlineGradient::Dynamic(surface) => surface.gradient(p),
                }
            }
        }

        $(
            impl<'a> From<&'a $module::$surface> for InlineGradient<'a> {
                fn from(surface: &'a $module::$surface) -> Self {
                    InlineGradient::$surface(surface)
                }
            }
        )+
    };
}

registry! {
    closed form: [
        rosenbrock::Rosenbrock,
        bowl::Bowl,
        saddle::Saddle,
        himmelblau::Himmelblau,
        beale::Beale,
        rastrigin::Rastrigin,
        ackley::Ackley,
        goldstein_price::GoldsteinPrice,
        booth::Booth,
        matyas::Matyas,
        six_hump_camel::SixHumpCamel,
        three_hump_camel::ThreeHumpCamel,
        styblinski_tang::StyblinskiTang,
        levi::Levi,
        mccormick::McCormick,
        monkey_saddle::MonkeySaddle,
    ],
    other: [
        data::LINREG,
        data::LOGREG,
        formula::INFO,
    ],
}

/// A surface chosen by name with its parameters, e.g. `bowl:kappa=50,angle=-20`
/// or `expr:f=x^2 + 3*sin(y)`.
#[derive(Clone, Debug, PartialEq)]
pub struct SurfaceConfig {
    info: &'static SurfaceInfo,
    settings: Settings,
}

impl PartialEq for SurfaceInfo {
    fn eq(&self, other: &Self) -> bool {
        self.kind.name == other.kind.name
    }
}

impl SurfaceConfig {
    /// The settings behind this surface.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Checks and wraps settings of a surface kind.
    pub fn from_settings(settings: Settings) -> Result<SurfaceConfig, SpecError> {
        let kind = settings.kind();
        let info = SURFACES.iter().copied().find(|info| info.kind == *kind).ok_or_else(|| SpecError::UnknownName {
            what: "surface",
            name: kind.name.to_owned(),
            known: join_names(SURFACES.iter().map(|info| info.kind.name)),
        })?;
        let config = SurfaceConfig { info, settings };
        config.build()?;
        Ok(config)
    }

    /// Builds the surface.
    pub fn build(&self) -> Result<Box<dyn Surface>, SpecError> {
        (self.info.build)(self.settings.values())
    }

    /// The registry entry of this surface.
    pub fn info(&self) -> &'static SurfaceInfo {
        self.info
    }
}

impl FromStr for SurfaceConfig {
    type Err = SpecError;

    fn from_str(text: &str) -> Result<Self, SpecError> {
        let kinds = SURFACES.iter().map(|info| &info.kind);
        let parsed = Settings::parse(text, "surface", "rosenbrock", kinds, &[])?;
        SurfaceConfig::from_settings(parsed.settings)
    }
}

impl fmt::Display for SurfaceConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.settings.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::SURFACES;
    use crate::spec::params::Value;
    use crate::spec::settings::Settings;

    #[test]
    fn every_surface_reads_its_whole_table() {
        for info in SURFACES {
            let formula = info.kind.params.iter().map(|param| (param.name, Value::Formula("x^2 + y^2".to_owned())));
            let given = if info.is_formula() { formula.collect() } else { Vec::new() };
            let settings = Settings::from_values(&info.kind, given).unwrap();
            let unread = settings.unread_by(|values| assert!((info.build)(values).is_ok()));
            assert!(unread.is_empty(), "{} leaves {unread:?} unread", info.kind.name);
        }
    }
}
