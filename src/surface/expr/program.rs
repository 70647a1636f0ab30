//! The flat postfix program a formula compiles to, and its evaluator.
//!
//! The parser emits the syntax tree as a postfix list of [`Op`]s (children
//! before parents). [`Program::compile`] folds constant subexpressions, turns
//! constant exponents into [`Unary::Powi`] / [`Unary::Powf`] and records the
//! deepest stack the program needs, so that [`Program::eval`] runs on a small
//! inline array with no allocation (a `Vec` only for pathologically deep
//! formulas). Walking the list in order avoids recursion, so even formulas
//! with thousands of terms cannot overflow the call stack.

use super::dual::Number;

/// A one-argument operation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Unary {
    /// `-a`
    Neg,
    /// `sin(a)`
    Sin,
    /// `cos(a)`
    Cos,
    /// `tan(a)`
    Tan,
    /// `exp(a)`
    Exp,
    /// `ln(a)` (also spelled `log`)
    Ln,
    /// `sqrt(a)`
    Sqrt,
    /// `abs(a)`
    Abs,
    /// `tanh(a)`
    Tanh,
    /// `sinh(a)`
    Sinh,
    /// `cosh(a)`
    Cosh,
    /// `a^n` for a constant small integer `n` (only made by the compiler).
    Powi(i32),
    /// `a^c` for any other constant `c` (only made by the compiler).
    Powf(f64),
}

impl Unary {
    /// Applies the operation to `a`.
    pub fn apply<T: Number>(self, a: T) -> T {
        match self {
            Unary::Neg => -a,
            Unary::Sin => a.sin(),
            Unary::Cos => a.cos(),
            Unary::Tan => a.tan(),
            Unary::Exp => a.exp(),
            Unary::Ln => a.ln(),
            Unary::Sqrt => a.sqrt(),
            Unary::Abs => a.abs(),
            Unary::Tanh => a.tanh(),
            Unary::Sinh => a.sinh(),
            Unary::Cosh => a.cosh(),
            Unary::Powi(n) => a.powi(n),
            Unary::Powf(c) => a.powf(c),
        }
    }
}

/// A two-argument operation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Binary {
    /// `a + b`
    Add,
    /// `a - b`
    Sub,
    /// `a * b`
    Mul,
    /// `a / b`
    Div,
    /// `a ^ b` with a non-constant exponent (after compilation).
    Pow,
    /// `min(a, b)`
    Min,
    /// `max(a, b)`
    Max,
}

impl Binary {
    /// Applies the operation to `a` and `b`.
    pub fn apply<T: Number>(self, a: T, b: T) -> T {
        match self {
            Binary::Add => a + b,
            Binary::Sub => a - b,
            Binary::Mul => a * b,
            Binary::Div => a / b,
            Binary::Pow => a.pow(b),
            Binary::Min => a.min(b),
            Binary::Max => a.max(b),
        }
    }
}

/// One step of a postfix program.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Op {
    /// Push a constant.
    Const(f64),
    /// Push x.
    X,
    /// Push y.
    Y,
    /// Replace the top of the stack by the operation applied to it.
    Unary(Unary),
    /// Pop `b`, pop `a`, push `a op b`.
    Binary(Binary),
}

/// Exponents `|n| <= POWI_LIMIT` use repeated multiplication (`powi`).
const POWI_LIMIT: f64 = 64.0;

/// Stack sizes tried before falling back to a heap-allocated stack.
const SMALL_STACK: usize = 8;
const MEDIUM_STACK: usize = 32;

/// A compiled formula: a constant-folded postfix program.
#[derive(Clone, Debug)]
pub(super) struct Program {
    ops: Vec<Op>,
    max_depth: usize,
}

impl Program {
    /// Compiles a well-formed postfix list (as produced by the parser).
    pub fn compile(parsed: &[Op]) -> Program {
        let mut ops = Vec::with_capacity(parsed.len());
        for &op in parsed {
            push_folded(&mut ops, op);
        }
        let (mut depth, mut max_depth) = (0usize, 0usize);
        for op in &ops {
            match op {
                Op::Const(_) | Op::X | Op::Y => depth += 1,
                Op::Unary(_) => {}
                Op::Binary(_) => depth -= 1,
            }
            max_depth = max_depth.max(depth);
        }
        debug_assert_eq!(depth, 1, "postfix program must leave exactly one value");
        Program { ops, max_depth }
    }

    /// The operations in postfix order, constants folded.
    pub fn ops(&self) -> &[Op] {
        &self.ops
    }

    /// Runs the program at (x, y) over the number type `T`.
    pub fn eval<T: Number>(&self, x: f64, y: f64) -> T {
        let (x, y) = T::variables(x, y);
        let zero = T::constant(0.0);
        if self.max_depth <= SMALL_STACK {
            self.run(&mut [zero; SMALL_STACK], x, y)
        } else if self.max_depth <= MEDIUM_STACK {
            self.run(&mut [zero; MEDIUM_STACK], x, y)
        } else {
            self.run(&mut vec![zero; self.max_depth], x, y)
        }
    }

    /// The evaluation loop; `stack` holds at least `max_depth` entries.
    fn run<T: Number>(&self, stack: &mut [T], x: T, y: T) -> T {
        let mut top = 0;
        for op in &self.ops {
            match *op {
                Op::Const(c) => {
                    stack[top] = T::constant(c);
                    top += 1;
                }
                Op::X => {
                    stack[top] = x;
                    top += 1;
                }
                Op::Y => {
                    stack[top] = y;
                    top += 1;
                }
                Op::Unary(u) => stack[top - 1] = u.apply(stack[top - 1]),
                Op::Binary(b) => {
                    top -= 1;
                    stack[top - 1] = b.apply(stack[top - 1], stack[top]);
                }
            }
        }
        stack[0]
    }
}

/// Appends `op`, folding it into the constants it consumes where possible.
///
/// Every constant subexpression is already a single `Const` when its parent
/// arrives, so looking at the last one or two ops is enough.
fn push_folded(ops: &mut Vec<Op>, op: Op) {
    let (consumed, replacement) = match (op, ops.as_slice()) {
        (Op::Unary(u), [.., Op::Const(a)]) => (1, Op::Const(u.apply(*a))),
        (Op::Binary(b), [.., Op::Const(a), Op::Const(c)]) => (2, Op::Const(b.apply(*a, *c))),
        (Op::Binary(Binary::Pow), [.., Op::Const(c)]) => (1, Op::Unary(constant_power(*c))),
        _ => (0, op),
    };
    ops.truncate(ops.len() - consumed);
    ops.push(replacement);
}

/// The operation for `a^c` with a constant exponent `c`.
fn constant_power(c: f64) -> Unary {
    if c.fract() == 0.0 && c.abs() <= POWI_LIMIT {
        // Exact: |c| <= 64 is an integer that fits in i32.
        Unary::Powi(c as i32)
    } else {
        Unary::Powf(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(parsed: &[Op]) -> Vec<Op> {
        Program::compile(parsed).ops
    }

    #[test]
    fn folds_constant_subexpressions() {
        use Binary::{Add, Mul, Pow};
        // 2 * (3 + 4) * x  ->  14 * x
        let parsed =
            [Op::Const(2.0), Op::Const(3.0), Op::Const(4.0), Op::Binary(Add), Op::Binary(Mul), Op::X, Op::Binary(Mul)];
        assert_eq!(compiled(&parsed), vec![Op::Const(14.0), Op::X, Op::Binary(Mul)]);
        // -(2^3) -> -8
        let parsed = [Op::Const(2.0), Op::Const(3.0), Op::Binary(Pow), Op::Unary(Unary::Neg)];
        assert_eq!(compiled(&parsed), vec![Op::Const(-8.0)]);
    }

    #[test]
    fn constant_exponents_become_powi_or_powf() {
        use Binary::{Div, Pow};
        let x_to = |exponent: &[Op]| {
            let mut parsed = vec![Op::X];
            parsed.extend_from_slice(exponent);
            parsed.push(Op::Binary(Pow));
            compiled(&parsed)
        };
        assert_eq!(x_to(&[Op::Const(2.0)]), vec![Op::X, Op::Unary(Unary::Powi(2))]);
        assert_eq!(x_to(&[Op::Const(1.0), Op::Const(2.0), Op::Binary(Div)]), vec![Op::X, Op::Unary(Unary::Powf(0.5))]);
        assert_eq!(x_to(&[Op::Const(100.0)]), vec![Op::X, Op::Unary(Unary::Powf(100.0))]);
        assert_eq!(x_to(&[Op::Y]), vec![Op::X, Op::Y, Op::Binary(Pow)]);
    }

    #[test]
    fn records_the_deepest_stack() {
        use Binary::{Add, Mul};
        // x + y * (x + y)
        let parsed = [Op::X, Op::Y, Op::X, Op::Y, Op::Binary(Add), Op::Binary(Mul), Op::Binary(Add)];
        assert_eq!(Program::compile(&parsed).max_depth, 4);
    }
}
