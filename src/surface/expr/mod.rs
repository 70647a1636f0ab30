//! User-typed loss surfaces `f(x, y)` with exact derivatives.
//!
//! optiviz lets students type their own loss surface, e.g. `x^2 + 3*sin(y)` or
//! `(1-x)^2 + 100*(y-x^2)^2`, and watch optimisers walk over it. Gradient
//! descent needs the gradient and Newton-type methods need the Hessian, and
//! both must be exact: finite differences would add their own error to the very
//! behaviour the visualiser is meant to show. This module therefore parses the
//! formula once and evaluates it by *forward-mode automatic differentiation*:
//! the same compiled program runs over plain `f64` (value), first-order dual
//! numbers (value + gradient) and second-order truncated Taylor numbers
//! (value + gradient + Hessian).
//!
//! Pipeline: `lexer` (characters → tokens with columns) → `parser`
//! (recursive descent → syntax tree in postfix order) → `program` (constant
//! folding, flat stack program, allocation-free evaluation) over the number
//! types of `dual`.
//!
//! Grammar: numbers (`3`, `2.5`, `.5`, `1e-3`), variables `x` and `y`,
//! constants `pi` and `e`, `+ - * / ^`, unary `-`/`+`, parentheses, the
//! functions `sin cos tan exp ln log sqrt abs tanh sinh cosh` (one argument;
//! `log` is the natural log) and `min max` (two arguments). `^` is
//! right-associative and binds tighter than unary minus (`-x^2` is `-(x^2)`).
//! Multiplication must be written out (`2*x`, not `2x`).

mod dual;
mod lexer;
mod parser;
mod program;
mod python;
#[cfg(test)]
mod tests;

use dual::{Dual1, Dual2};
use program::Program;
pub use python::PythonFormula;

/// A parsed formula f(x, y), compiled for fast evaluation.
///
/// Evaluation never panics: points where the formula is undefined
/// (`ln(-1)`, `1/0`, `sqrt` at 0 for the derivative, ...) give NaN or ±inf.
/// Where `abs`, `min` or `max` have a kink, the derivative of the branch that
/// was taken is returned (`abs'(0) = 0`; on a tie `min`/`max` follow their
/// first argument).
#[derive(Clone, Debug)]
pub struct Formula {
    source: String,
    program: Program,
}

impl Formula {
    /// Parses and compiles `source`, or explains what is wrong and where.
    pub fn parse(source: &str) -> Result<Formula, FormulaError> {
        let chars: Vec<char> = source.chars().collect();
        let parsed = parser::parse(&chars)?;
        Ok(Formula { source: source.to_owned(), program: Program::compile(&parsed) })
    }

    /// The formula text exactly as the user typed it.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// f(x, y).
    pub fn value(&self, x: f64, y: f64) -> f64 {
        self.program.eval::<f64>(x, y)
    }

    /// The exact gradient `[∂f/∂x, ∂f/∂y]` at (x, y).
    pub fn gradient(&self, x: f64, y: f64) -> [f64; 2] {
        self.program.eval::<Dual1>(x, y).g
    }

    /// The exact Hessian `[[f_xx, f_xy], [f_xy, f_yy]]` at (x, y); always symmetric.
    pub fn hessian(&self, x: f64, y: f64) -> [[f64; 2]; 2] {
        let [xx, xy, yy] = self.program.eval::<Dual2>(x, y).h;
        [[xx, xy], [xy, yy]]
    }
}

/// Two formulas are equal when their source texts are equal.
impl PartialEq for Formula {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

/// Why a formula did not parse, and where.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct FormulaError {
    /// 1-based position of the problem, counted in characters (not bytes).
    /// One past the last character means "at the end of the formula".
    pub column: usize,
    /// What is wrong, worded for a student.
    pub message: String,
}

impl FormulaError {
    /// Builds an error at a 1-based character column.
    fn at(column: usize, message: impl Into<String>) -> Self {
        FormulaError { column, message: message.into() }
    }

    /// Two lines for display in a monospace font: `source` (line breaks shown
    /// as spaces), then a caret `^` under the offending column.
    pub fn pointer(&self, source: &str) -> String {
        let line: String = source.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
        let pad: String =
            source.chars().take(self.column.saturating_sub(1)).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
        format!("{line}\n{pad}^")
    }
}
