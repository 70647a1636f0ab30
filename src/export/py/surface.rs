//! The surface of a race as Python: `f(x, y)` and its exact gradient
//! `grad_f(x, y)` on floats with the `math` module (the C library optiviz
//! calls too, so every value rounds as optiviz rounds it; torch's vectorised
//! `sin` and `exp` round a few values differently), and, for Newton,
//! `hessian_f(x, y)`.
//!
//! A named surface is its own file in `python/surfaces/`, the formulas of its
//! Rust file written in the same order (a data surface's after its rows,
//! see [`data_surface`]); a typed formula is translated from its compiled
//! program and differentiated by dual numbers, as optiviz differentiates it.

use super::{data_surface, text, ScriptError};
use crate::spec::params::Value;
use crate::surface::expr::Formula;
use crate::surface::SurfaceConfig;

/// Each named surface's Python: f, grad_f, then after a `#HESSIAN` line its
/// Hessian.
const NAMED: [(&str, &str); 18] = [
    ("rosenbrock", include_str!("python/surfaces/rosenbrock.py")),
    ("bowl", include_str!("python/surfaces/bowl.py")),
    ("saddle", include_str!("python/surfaces/saddle.py")),
    ("himmelblau", include_str!("python/surfaces/himmelblau.py")),
    ("beale", include_str!("python/surfaces/beale.py")),
    ("rastrigin", include_str!("python/surfaces/rastrigin.py")),
    ("ackley", include_str!("python/surfaces/ackley.py")),
    ("goldstein_price", include_str!("python/surfaces/goldstein_price.py")),
    ("booth", include_str!("python/surfaces/booth.py")),
    ("matyas", include_str!("python/surfaces/matyas.py")),
    ("six_hump_camel", include_str!("python/surfaces/six_hump_camel.py")),
    ("three_hump_camel", include_str!("python/surfaces/three_hump_camel.py")),
    ("styblinski_tang", include_str!("python/surfaces/styblinski_tang.py")),
    ("levi", include_str!("python/surfaces/levi.py")),
    ("mccormick", include_str!("python/surfaces/mccormick.py")),
    ("monkey_saddle", include_str!("python/surfaces/monkey_saddle.py")),
    ("linreg", include_str!("python/surfaces/linreg.py")),
    ("logreg", include_str!("python/surfaces/logreg.py")),
];

/// Forward-mode differentiation for typed formulas.
const DUAL: &str = include_str!("python/dual.py");
/// The formula helpers (`sin`, `powi`, …) for floats and dual numbers, each
/// after a `#== name` line.
const FORMULA_HELPERS: &str = include_str!("python/formula_helpers.py");

/// The surface section of a script: a comment naming the surface, its
/// parameters as constants (a data surface's rows), `f`, `grad_f`, and
/// `hessian_f` when `hessian`.
pub(super) fn code(surface: &SurfaceConfig, hessian: bool) -> Result<String, ScriptError> {
    let info = surface.info();
    let mut out = format!("# The surface: {} — {}.\n", info.kind.name, info.kind.summary);
    if info.is_formula() {
        let source = surface.settings().iter().find_map(|(_, value)| match value {
            Value::Formula(text) => Some(text.clone()),
            _ => None,
        });
        let formula = source.as_deref().and_then(|text| Formula::parse(text).ok()).ok_or(ScriptError::Formula)?;
        if hessian {
            return Err(ScriptError::NewtonOnFormula);
        }
        out.push_str(&formula_code(&formula));
        return Ok(out);
    }
    out.push_str("# Written with floats and the math module, in optiviz's order of operations.\n");
    if info.family == crate::surface::SurfaceFamily::Data {
        out.push_str(&data_surface::rows(surface)?);
    } else {
        for (param, value) in surface.settings().iter() {
            out.push_str(&format!("{} = {}\n", param.name.to_uppercase(), text::value(value)));
        }
    }
    let body = NAMED.iter().find(|(name, _)| *name == info.kind.name).map(|(_, body)| *body).unwrap_or_default();
    let body = match body.split_once("#HESSIAN\n") {
        Some((gradient, hessian_part)) if hessian => format!("{gradient}{hessian_part}"),
        Some((gradient, _)) => gradient.to_owned(),
        None => body.to_owned(),
    };
    out.push_str("\n\n");
    out.push_str(&body);
    Ok(out)
}

/// A typed formula: the dual numbers, the helpers it calls, f and grad_f.
fn formula_code(formula: &Formula) -> String {
    let python = formula.to_python();
    let mut out = format!("# f(x, y) = {}, as typed.\n\n\n{DUAL}", formula.source());
    for section in FORMULA_HELPERS.split("#== ").filter(|s| !s.trim().is_empty()) {
        let (name, helper) = section.split_once('\n').unwrap_or((section, ""));
        if python.helpers.contains(name.trim()) {
            out.push_str("\n\n");
            out.push_str(helper);
        }
    }
    out.push_str(&format!(
        "\n\ndef f(x, y):\n    return {}\n\n\n\
         def grad_f(x, y):\n    \"\"\"∇f by forward-mode automatic differentiation.\"\"\"\n    \
         return dual(f(Dual(x, (1.0, 0.0)), Dual(y, (0.0, 1.0)))).g\n",
        python.expression
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surface::SURFACES;

    #[test]
    fn every_named_surface_has_its_python() {
        for info in SURFACES.iter().filter(|info| !info.is_formula()) {
            let config: SurfaceConfig = info.kind.name.parse().expect("defaults build");
            let with_hessian = code(&config, true).expect("a named surface");
            // A data surface's functions also take a batch of its rows.
            let arguments =
                if config.build().is_ok_and(|built| built.data().is_some()) { "x, y, rows=None" } else { "x, y" };
            for function in ["f", "grad_f", "hessian_f"] {
                assert!(with_hessian.contains(&format!("def {function}({arguments}):")), "{}", info.kind.name);
            }
            let without = code(&config, false).expect("a named surface");
            assert!(!without.contains("hessian_f") && !without.contains("#HESSIAN"), "{}", info.kind.name);
        }
        let rosenbrock: SurfaceConfig = "rosenbrock:b=50".parse().expect("valid");
        assert!(code(&rosenbrock, false).expect("named").contains("A = 1.0\nB = 50.0\n"));
        let linreg: SurfaceConfig = "linreg:n=5".parse().expect("valid");
        let python = code(&linreg, false).expect("a data surface");
        assert!(python.contains("ROWS = [\n") && !python.contains("NOISE = "), "{python}");
    }

    #[test]
    fn a_formula_brings_only_the_helpers_it_calls() {
        let surface: SurfaceConfig = "expr:f=x^2 + 3*sin(y)".parse().expect("valid");
        let python = code(&surface, false).expect("a formula");
        assert!(python.contains("return powi(x, 2) + 3.0 * sin(y)"), "{python}");
        assert!(python.contains("def sin(a):") && python.contains("def powi(a, n):"));
        assert!(!python.contains("def cos(a):"));
        assert!(matches!(code(&surface, true), Err(ScriptError::NewtonOnFormula)));
    }
}
