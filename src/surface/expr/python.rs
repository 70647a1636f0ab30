//! A compiled formula written back as a Python expression in `x` and `y`, for
//! the scripts `optiviz export --format py` writes. The expression keeps the
//! program's grouping and its folded constants, and calls helper functions
//! (`powi`, `sin`, `fabs`, `minimum`…) that the script defines for floats and
//! for its dual numbers, so that Python rounds every operation as optiviz
//! does.

use std::collections::BTreeSet;
use std::f64::consts::{E, PI};

use super::program::{Binary, Op, Unary};
use super::Formula;

/// A formula as Python: the expression and the helper functions it calls.
#[derive(Clone, Debug, PartialEq)]
pub struct PythonFormula {
    /// The expression, e.g. `powi(x, 2) + 3.0 * sin(y)`.
    pub expression: String,
    /// The helpers it calls, by name (`powi`, `sin`, …), sorted.
    pub helpers: BTreeSet<&'static str>,
}

/// How tightly a piece of Python binds: an operand of a looser operator
/// needs no parentheses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Precedence {
    Sum,
    Product,
    Negation,
    #[default]
    Atom,
}

impl Formula {
    /// The formula as a Python expression over helper functions.
    pub fn to_python(&self) -> PythonFormula {
        let mut helpers = BTreeSet::new();
        let mut stack: Vec<(String, Precedence)> = Vec::new();
        for op in self.program.ops() {
            let piece = match *op {
                Op::Const(c) => constant(c),
                Op::X => ("x".to_owned(), Precedence::Atom),
                Op::Y => ("y".to_owned(), Precedence::Atom),
                Op::Unary(unary) => {
                    let (operand, precedence) = stack.pop().unwrap_or_default();
                    apply_unary(unary, operand, precedence, &mut helpers)
                }
                Op::Binary(binary) => {
                    let right = stack.pop().unwrap_or_default();
                    let left = stack.pop().unwrap_or_default();
                    apply_binary(binary, left, right, &mut helpers)
                }
            };
            stack.push(piece);
        }
        PythonFormula { expression: stack.pop().map(|(text, _)| text).unwrap_or_default(), helpers }
    }
}

/// A constant as a Python literal (`math.pi` and `math.e` by name).
fn constant(c: f64) -> (String, Precedence) {
    let text = if c == PI {
        "math.pi".to_owned()
    } else if c == E {
        "math.e".to_owned()
    } else if c.is_nan() {
        "math.nan".to_owned()
    } else if c.is_infinite() {
        if c > 0.0 { "math.inf" } else { "-math.inf" }.to_owned()
    } else {
        format!("{c:?}")
    };
    let precedence = if text.starts_with('-') { Precedence::Negation } else { Precedence::Atom };
    (text, precedence)
}

fn apply_unary(
    unary: Unary,
    operand: String,
    precedence: Precedence,
    helpers: &mut BTreeSet<&'static str>,
) -> (String, Precedence) {
    let call = |name: &'static str, helpers: &mut BTreeSet<&'static str>, args: String| {
        helpers.insert(name);
        (format!("{name}({args})"), Precedence::Atom)
    };
    match unary {
        Unary::Neg if precedence == Precedence::Atom => (format!("-{operand}"), Precedence::Negation),
        Unary::Neg => (format!("-({operand})"), Precedence::Negation),
        Unary::Powi(n) => call("powi", helpers, format!("{operand}, {n}")),
        Unary::Powf(c) => call("powf", helpers, format!("{operand}, {}", constant(c).0)),
        Unary::Sin => call("sin", helpers, operand),
        Unary::Cos => call("cos", helpers, operand),
        Unary::Tan => call("tan", helpers, operand),
        Unary::Exp => call("exp", helpers, operand),
        Unary::Ln => call("ln", helpers, operand),
        Unary::Sqrt => call("sqrt", helpers, operand),
        Unary::Abs => call("fabs", helpers, operand),
        Unary::Tanh => call("tanh", helpers, operand),
        Unary::Sinh => call("sinh", helpers, operand),
        Unary::Cosh => call("cosh", helpers, operand),
    }
}

fn apply_binary(
    binary: Binary,
    (left, left_precedence): (String, Precedence),
    (right, right_precedence): (String, Precedence),
    helpers: &mut BTreeSet<&'static str>,
) -> (String, Precedence) {
    let (symbol, precedence) = match binary {
        Binary::Add => ("+", Precedence::Sum),
        Binary::Sub => ("-", Precedence::Sum),
        Binary::Mul => ("*", Precedence::Product),
        Binary::Div => ("/", Precedence::Product),
        Binary::Pow | Binary::Min | Binary::Max => {
            let name = match binary {
                Binary::Pow => "power",
                Binary::Min => "minimum",
                _ => "maximum",
            };
            helpers.insert(name);
            return (format!("{name}({left}, {right})"), Precedence::Atom);
        }
    };
    // Left-associative: the right operand keeps its parentheses at the same
    // level too, so that `a - (b - c)` is not regrouped (nor re-rounded).
    let left = if left_precedence < precedence { format!("({left})") } else { left };
    let right = if right_precedence <= precedence { format!("({right})") } else { right };
    (format!("{left} {symbol} {right}"), precedence)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn python(source: &str) -> String {
        Formula::parse(source).expect("a valid formula").to_python().expression
    }

    #[test]
    fn formulas_become_python_with_their_grouping() {
        let formula = Formula::parse("x^2 + 3*sin(y)").expect("valid");
        let translated = formula.to_python();
        assert_eq!(translated.expression, "powi(x, 2) + 3.0 * sin(y)");
        assert_eq!(translated.helpers.into_iter().collect::<Vec<_>>(), ["powi", "sin"]);
        assert_eq!(python("(1-x)^2 + 100*(y-x^2)^2"), "powi(1.0 - x, 2) + 100.0 * powi(y - powi(x, 2), 2)");
        assert_eq!(python("x - (y - 1)"), "x - (y - 1.0)");
        assert_eq!(python("x - y - 1"), "x - y - 1.0");
        assert_eq!(python("x / (y * 2)"), "x / (y * 2.0)");
        assert_eq!(python("-x^2"), "-powi(x, 2)");
        assert_eq!(python("-(x + y)"), "-(x + y)");
        assert_eq!(python("x * -y"), "x * -y");
        assert_eq!(python("pi * x + e"), "math.pi * x + math.e");
        assert_eq!(python("2 * (3 + 4) * x"), "14.0 * x");
        assert_eq!(python("x^0.5 + y^x"), "powf(x, 0.5) + power(y, x)");
        assert_eq!(python("abs(x) + max(x, y) - min(log(y), 1e-3)"), "fabs(x) + maximum(x, y) - minimum(ln(y), 0.001)");
        assert_eq!(python("x * (1/0)"), "x * math.inf");
    }
}
