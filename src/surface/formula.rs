//! A surface typed by the user as a formula in x and y.

use super::expr::Formula;
use super::{InlineGradient, Surface, SurfaceFamily, SurfaceInfo};
use crate::plot::window::Window;
use crate::spec::error::SpecError;
use crate::spec::key::Key;
use crate::spec::params::{Kind, ParamDefault, ParamKind, ParamSpec};

/// `f(x, y)` from a typed formula; gradient and Hessian by forward-mode
/// automatic differentiation, never by finite differences.
#[derive(Clone, Debug, PartialEq)]
pub struct FormulaSurface {
    formula: Formula,
}

const PARAMS: &[ParamSpec] = &[ParamSpec {
    name: "f",
    default: ParamDefault::Required,
    kind: ParamKind::Formula,
    doc: "f(x, y) with + - * / ^, pi, e, sin cos tan exp ln log sqrt abs tanh sinh cosh min max",
}];
const F: Key<&str> = Key::formula(PARAMS, "f");

pub(super) static INFO: SurfaceInfo = SurfaceInfo {
    kind: Kind { name: "expr", summary: "a formula you type, e.g. expr:f=x^2 + 3*sin(y)", params: PARAMS },
    family: SurfaceFamily::Formula,
    build: |s| Ok(Box::new(FormulaSurface::parse(s.get(F))?)),
};

impl FormulaSurface {
    /// Parses the formula text.
    pub fn parse(source: &str) -> Result<FormulaSurface, SpecError> {
        Formula::parse(source)
            .map(|formula| FormulaSurface { formula })
            .map_err(|error| SpecError::Formula { source_text: source.to_owned(), error })
    }

    /// The formula as typed.
    pub fn source(&self) -> &str {
        self.formula.source()
    }
}

impl Surface for FormulaSurface {
    fn value(&self, [x, y]: [f64; 2]) -> f64 {
        self.formula.value(x, y)
    }

    fn gradient(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        self.formula.gradient(x, y)
    }

    fn inline_gradient(&self) -> InlineGradient<'_> {
        InlineGradient::Dynamic(self)
    }

    fn hessian(&self, [x, y]: [f64; 2]) -> [[f64; 2]; 2] {
        self.formula.hessian(x, y)
    }

    fn natural_window(&self) -> Window {
        Window::new(-3.0, 3.0, -3.0, 3.0)
    }

    fn start(&self) -> [f64; 2] {
        [2.0, 2.0]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        Vec::new()
    }
}
