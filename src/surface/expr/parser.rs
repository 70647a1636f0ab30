//! Recursive-descent parser from tokens to a postfix syntax tree.
//!
//! ```text
//! sum     = product (("+" | "-") product)*
//! product = unary (("*" | "/") unary)*
//! unary   = ("-" | "+") unary | power
//! power   = primary ("^" unary)?          -- right-associative, above unary minus
//! primary = number | "x" | "y" | "pi" | "e" | name "(" sum ("," sum)* ")" | "(" sum ")"
//! ```
//!
//! Nodes are emitted children-first, so the output is the tree in postfix
//! order, ready for [`Program::compile`](super::program::Program::compile).
//! Every cycle of the recursion passes through `unary`, which caps the
//! nesting depth so no input can overflow the stack.

use super::lexer::{Lexer, Token, TokenKind};
use super::program::{Binary, Op, Unary};
use super::FormulaError;

/// Deepest nesting of parentheses, unary signs and exponents accepted.
pub(super) const MAX_NESTING: usize = 256;

/// Function names and the operation each one calls (`Unary` ones take one
/// argument, `Binary` ones two).
const FUNCTIONS: [(&str, Op); 13] = [
    ("sin", Op::Unary(Unary::Sin)),
    ("cos", Op::Unary(Unary::Cos)),
    ("tan", Op::Unary(Unary::Tan)),
    ("exp", Op::Unary(Unary::Exp)),
    ("ln", Op::Unary(Unary::Ln)),
    ("log", Op::Unary(Unary::Ln)),
    ("sqrt", Op::Unary(Unary::Sqrt)),
    ("abs", Op::Unary(Unary::Abs)),
    ("tanh", Op::Unary(Unary::Tanh)),
    ("sinh", Op::Unary(Unary::Sinh)),
    ("cosh", Op::Unary(Unary::Cosh)),
    ("min", Op::Binary(Binary::Min)),
    ("max", Op::Binary(Binary::Max)),
];

/// Names that are not functions.
const VALUES: [&str; 4] = ["x", "y", "pi", "e"];

const EXPECTED_OPERAND: &str = "expected a number, x, y or '('";

fn function(name: &str) -> Option<Op> {
    FUNCTIONS.iter().find(|(n, _)| *n == name).map(|&(_, op)| op)
}

/// `" (did you mean 'sin'? names are case-sensitive)"`-style hint, if any.
fn case_hint(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let known = VALUES.contains(&lower.as_str()) || function(&lower).is_some();
    (lower != name && known).then(|| format!("did you mean '{lower}'? names are case-sensitive"))
}

/// Parses a whole formula into a postfix list of operations.
pub(super) fn parse(chars: &[char]) -> Result<Vec<Op>, FormulaError> {
    let mut lexer = Lexer::new(chars);
    let first = lexer.next_token()?;
    if first.kind == TokenKind::End {
        return Err(FormulaError::at(1, "empty formula"));
    }
    let mut parser = Parser { lexer, current: first, previous: first, depth: 0, out: Vec::new() };
    parser.sum()?;
    match parser.current.kind {
        TokenKind::End => Ok(parser.out),
        TokenKind::RParen => Err(FormulaError::at(parser.current.column, "unmatched ')': there is no '(' before it")),
        _ => Err(parser.unexpected_after_operand()),
    }
}

struct Parser<'a> {
    lexer: Lexer<'a>,
    /// The token being looked at (not yet consumed).
    current: Token,
    /// The last consumed token.
    previous: Token,
    /// Current nesting depth, see [`MAX_NESTING`].
    depth: usize,
    /// The postfix output.
    out: Vec<Op>,
}

impl Parser<'_> {
    fn advance(&mut self) -> Result<(), FormulaError> {
        self.previous = self.current;
        self.current = self.lexer.next_token()?;
        Ok(())
    }

    fn sum(&mut self) -> Result<(), FormulaError> {
        self.product()?;
        loop {
            let op = match self.current.kind {
                TokenKind::Plus => Binary::Add,
                TokenKind::Minus => Binary::Sub,
                _ => return Ok(()),
            };
            self.advance()?;
            self.product()?;
            self.out.push(Op::Binary(op));
        }
    }

    fn product(&mut self) -> Result<(), FormulaError> {
        self.unary()?;
        loop {
            let op = match self.current.kind {
                TokenKind::Star => Binary::Mul,
                TokenKind::Slash => Binary::Div,
                _ => return Ok(()),
            };
            self.advance()?;
            self.unary()?;
            self.out.push(Op::Binary(op));
        }
    }

    fn unary(&mut self) -> Result<(), FormulaError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(FormulaError::at(
                self.current.column,
                format!("formula is nested too deeply (more than {MAX_NESTING} levels)"),
            ));
        }
        match self.current.kind {
            TokenKind::Minus => {
                self.advance()?;
                self.unary()?;
                self.out.push(Op::Unary(Unary::Neg));
            }
            TokenKind::Plus => {
                self.advance()?;
                self.unary()?;
            }
            _ => self.power()?,
        }
        self.depth -= 1;
        Ok(())
    }

    fn power(&mut self) -> Result<(), FormulaError> {
        self.primary()?;
        if self.current.kind == TokenKind::Caret {
            self.advance()?;
            self.unary()?;
            self.out.push(Op::Binary(Binary::Pow));
        }
        Ok(())
    }

    fn primary(&mut self) -> Result<(), FormulaError> {
        let token = self.current;
        match token.kind {
            TokenKind::Number(v) => {
                self.advance()?;
                self.out.push(Op::Const(v));
                Ok(())
            }
            TokenKind::Ident => {
                self.advance()?;
                self.name(token)
            }
            TokenKind::LParen => {
                self.advance()?;
                self.sum()?;
                self.close(token)
            }
            TokenKind::End => {
                Err(FormulaError::at(token.column, format!("unexpected end of formula: {EXPECTED_OPERAND}")))
            }
            _ => Err(FormulaError::at(
                token.column,
                format!("unexpected '{}': {EXPECTED_OPERAND}", self.lexer.text(token)),
            )),
        }
    }

    /// A name that has just been consumed: variable, constant or function call.
    fn name(&mut self, token: Token) -> Result<(), FormulaError> {
        let name = self.lexer.text(token);
        let op = match name.as_str() {
            "x" => Op::X,
            "y" => Op::Y,
            "pi" => Op::Const(std::f64::consts::PI),
            "e" => Op::Const(std::f64::consts::E),
            _ => {
                if let Some(op) = function(&name) {
                    return self.call(token, &name, op);
                }
                let message = if self.current.kind == TokenKind::LParen {
                    let hint = case_hint(&name).unwrap_or_else(|| {
                        let names: Vec<&str> = FUNCTIONS.iter().map(|(n, _)| *n).collect();
                        format!("known: {}", names.join(", "))
                    });
                    format!("unknown function '{name}' ({hint})")
                } else {
                    let hint = if name.len() > 1 && name.chars().all(|c| c == 'x' || c == 'y') {
                        let product: Vec<String> = name.chars().map(String::from).collect();
                        format!("; write {} to multiply", product.join("*"))
                    } else {
                        case_hint(&name).map(|h| format!("; {h}")).unwrap_or_default()
                    };
                    format!("unknown variable '{name}' (use x and y{hint})")
                };
                return Err(FormulaError::at(token.column, message));
            }
        };
        self.out.push(op);
        Ok(())
    }

    /// The argument list of function `name`, whose name token was just consumed.
    fn call(&mut self, token: Token, name: &str, op: Op) -> Result<(), FormulaError> {
        if self.current.kind != TokenKind::LParen {
            return Err(FormulaError::at(token.column, format!("'{name}' is a function: write {name}(...)")));
        }
        let open = self.current;
        self.advance()?;
        let mut count = 0;
        if self.current.kind != TokenKind::RParen {
            loop {
                self.sum()?;
                count += 1;
                if self.current.kind != TokenKind::Comma {
                    break;
                }
                self.advance()?;
            }
        }
        self.close(open)?;
        let arity = if matches!(op, Op::Binary(_)) { 2 } else { 1 };
        if count != arity {
            let plural = if arity == 1 { "argument" } else { "arguments" };
            return Err(FormulaError::at(token.column, format!("'{name}' takes {arity} {plural}, got {count}")));
        }
        self.out.push(op);
        Ok(())
    }

    /// Consumes the `)` matching `open`.
    fn close(&mut self, open: Token) -> Result<(), FormulaError> {
        match self.current.kind {
            TokenKind::RParen => self.advance(),
            TokenKind::End => Err(FormulaError::at(
                self.current.column,
                format!("missing ')' to close the '(' opened at column {}", open.column),
            )),
            _ => Err(self.unexpected_after_operand()),
        }
    }

    /// The error for a token that follows a complete operand where an
    /// operator, `)` or the end was expected.
    fn unexpected_after_operand(&self) -> FormulaError {
        let token = self.current;
        let text = self.lexer.text(token);
        let message = match token.kind {
            TokenKind::Number(_) | TokenKind::Ident | TokenKind::LParen => {
                let before = self.lexer.text(self.previous);
                let hint = if token.kind == TokenKind::LParen || self.previous.kind == TokenKind::RParen {
                    "use '*' to multiply".to_owned()
                } else {
                    format!("write {before}*{text}")
                };
                format!("expected an operator between '{before}' and '{text}' ({hint})")
            }
            TokenKind::Comma => "unexpected ',': only min and max take two arguments".to_owned(),
            _ => format!("unexpected '{text}'"),
        };
        FormulaError::at(token.column, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Binary::{Add, Max, Min, Mul, Pow, Sub};

    fn parsed(source: &str) -> Vec<Op> {
        let chars: Vec<char> = source.chars().collect();
        parse(&chars).unwrap_or_else(|e| panic!("{source}: {e}"))
    }

    const NEG: Op = Op::Unary(Unary::Neg);

    fn b(op: Binary) -> Op {
        Op::Binary(op)
    }

    #[test]
    fn power_binds_tighter_than_unary_minus() {
        assert_eq!(parsed("-x^2"), vec![Op::X, Op::Const(2.0), b(Pow), NEG]);
        assert_eq!(parsed("(-x)^2"), vec![Op::X, NEG, Op::Const(2.0), b(Pow)]);
        assert_eq!(parsed("2^-x"), vec![Op::Const(2.0), Op::X, NEG, b(Pow)]);
    }

    #[test]
    fn power_is_right_associative() {
        let c = Op::Const;
        assert_eq!(parsed("2^3^2"), vec![c(2.0), c(3.0), c(2.0), b(Pow), b(Pow)]);
    }

    #[test]
    fn products_bind_tighter_than_sums_and_both_are_left_associative() {
        assert_eq!(
            parsed("x - y - x * y / x"),
            vec![Op::X, Op::Y, b(Sub), Op::X, Op::Y, b(Mul), Op::X, b(Binary::Div), b(Sub)]
        );
        assert_eq!(parsed("x - -y"), vec![Op::X, Op::Y, NEG, b(Sub)]);
        assert_eq!(parsed("+x + +y"), vec![Op::X, Op::Y, b(Add)]);
    }

    #[test]
    fn function_calls() {
        assert_eq!(
            parsed("sin(cos(x))*log(y)"),
            vec![Op::X, Op::Unary(Unary::Cos), Op::Unary(Unary::Sin), Op::Y, Op::Unary(Unary::Ln), b(Mul)]
        );
        assert_eq!(parsed("min(x, y)"), vec![Op::X, Op::Y, b(Min)]);
        assert_eq!(parsed("max(min(x,y), -1)"), vec![Op::X, Op::Y, b(Min), Op::Const(1.0), NEG, b(Max)]);
    }

    #[test]
    fn constants_and_whitespace() {
        assert_eq!(
            parsed(" \tpi *\n e "),
            vec![Op::Const(std::f64::consts::PI), Op::Const(std::f64::consts::E), b(Mul)]
        );
    }
}
