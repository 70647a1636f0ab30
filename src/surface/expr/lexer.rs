//! Splits formula text into tokens, each tagged with its 1-based character column.
//!
//! Tokens are produced on demand so that the parser reports the leftmost
//! problem first, whether it is a bad character or a grammar error.

use super::FormulaError;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum TokenKind {
    /// A finite number literal.
    Number(f64),
    /// A name: a variable, constant or function (classified by the parser).
    Ident,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `/`
    Slash,
    /// `^`
    Caret,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `,`
    Comma,
    /// The end of the text.
    End,
}

/// A token and where it is in the source.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// 1-based column of its first character.
    pub column: usize,
    /// Length in characters (0 for [`TokenKind::End`]).
    pub len: usize,
}

/// An on-demand tokenizer over the characters of a formula.
pub(super) struct Lexer<'a> {
    chars: &'a [char],
    pos: usize,
}

/// Characters that may continue a name.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl<'a> Lexer<'a> {
    /// A lexer positioned at the start of `chars`.
    pub fn new(chars: &'a [char]) -> Self {
        Lexer { chars, pos: 0 }
    }

    /// The source text of `token`.
    pub fn text(&self, token: Token) -> String {
        let start = token.column - 1;
        self.chars[start..start + token.len].iter().collect()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn token(&self, kind: TokenKind, start: usize) -> Token {
        Token { kind, column: start + 1, len: self.pos - start }
    }

    /// The next token, or an error for text that cannot start one.
    pub fn next_token(&mut self) -> Result<Token, FormulaError> {
        while self.peek_at(0).is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
        let start = self.pos;
        let Some(c) = self.peek_at(0) else {
            return Ok(self.token(TokenKind::End, start));
        };
        if c.is_ascii_digit() || c == '.' {
            return self.number();
        }
        if c.is_ascii_alphabetic() || c == '_' {
            while self.peek_at(0).is_some_and(is_name_char) {
                self.pos += 1;
            }
            return Ok(self.token(TokenKind::Ident, start));
        }
        let kind = match c {
            '+' => TokenKind::Plus,
            '-' => TokenKind::Minus,
            '*' if self.peek_at(1) == Some('*') => {
                return Err(FormulaError::at(start + 1, "'**' is not an operator: write ^ for powers (x^2)"))
            }
            '*' => TokenKind::Star,
            '/' => TokenKind::Slash,
            '^' => TokenKind::Caret,
            '(' => TokenKind::LParen,
            ')' => TokenKind::RParen,
            ',' => TokenKind::Comma,
            other => {
                let hint = match other {
                    '×' | '·' | '⋅' | '∙' => " (use * to multiply)",
                    '÷' => " (use / to divide)",
                    '−' | '–' => " (use - for minus)",
                    '²' => " (write ^2)",
                    '³' => " (write ^3)",
                    'π' => " (write pi)",
                    '√' => " (write sqrt(...))",
                    '[' | ']' | '{' | '}' => " (use ( and ) for grouping)",
                    _ => "",
                };
                return Err(FormulaError::at(start + 1, format!("unexpected character '{other}'{hint}")));
            }
        };
        self.pos += 1;
        Ok(self.token(kind, start))
    }

    fn eat_digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek_at(0).is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `digits [. digits] [(e|E) [+|-] digits]`, with at least one mantissa digit.
    fn number(&mut self) -> Result<Token, FormulaError> {
        let start = self.pos;
        let mut digits = self.eat_digits();
        if self.peek_at(0) == Some('.') {
            self.pos += 1;
            digits += self.eat_digits();
        }
        if digits > 0 && matches!(self.peek_at(0), Some('e' | 'E')) {
            let signed = matches!(self.peek_at(1), Some('+' | '-'));
            let first = self.peek_at(if signed { 2 } else { 1 });
            if first.is_some_and(|c| c.is_ascii_digit()) {
                self.pos += if signed { 2 } else { 1 };
                self.eat_digits();
            } else if signed || !self.peek_at(1).is_some_and(is_name_char) {
                // `1e`, `1e+`, `1e)`: an exponent with no digits.
                self.pos += if signed { 2 } else { 1 };
                return Err(self.malformed(start));
            }
            // Otherwise `2exp(x)` or `2ex`: the number ends before the `e` and
            // the parser reports the missing operator.
        }
        if digits == 0 || self.peek_at(0) == Some('.') {
            // `.`, `1.2.3`: swallow the rest of the run so the message shows it.
            while self.peek_at(0).is_some_and(|c| c.is_ascii_digit() || c == '.') {
                self.pos += 1;
            }
            return Err(self.malformed(start));
        }
        let token = self.token(TokenKind::End, start);
        let text = self.text(token);
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Token { kind: TokenKind::Number(v), ..token }),
            Ok(_) => Err(FormulaError::at(start + 1, format!("number '{text}' is too large"))),
            Err(_) => Err(self.malformed(start)),
        }
    }

    fn malformed(&self, start: usize) -> FormulaError {
        let text: String = self.chars[start..self.pos].iter().collect();
        FormulaError::at(start + 1, format!("number '{text}' is malformed"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Result<Vec<TokenKind>, FormulaError> {
        let chars: Vec<char> = source.chars().collect();
        let mut lexer = Lexer::new(&chars);
        let mut out = Vec::new();
        loop {
            let token = lexer.next_token()?;
            out.push(token.kind);
            if token.kind == TokenKind::End {
                return Ok(out);
            }
        }
    }

    #[test]
    fn number_forms() {
        use TokenKind::{End, Number};
        for (text, value) in [
            ("3", 3.0),
            ("2.5", 2.5),
            (".5", 0.5),
            ("1.", 1.0),
            ("1e-3", 1e-3),
            ("2.5E+4", 2.5e4),
            ("7e2", 700.0),
            ("  42  ", 42.0),
        ] {
            assert_eq!(kinds(text).unwrap(), vec![Number(value), End], "{text}");
        }
    }

    #[test]
    fn number_followed_by_name_stops_before_the_e() {
        use TokenKind::{End, Ident, LParen, Number, RParen};
        assert_eq!(kinds("2exp(x)").unwrap(), vec![Number(2.0), Ident, LParen, Ident, RParen, End]);
    }

    #[test]
    fn malformed_numbers() {
        for (text, shown, column) in
            [("1e", "1e", 1), ("x+1e+", "1e+", 3), ("2E-)", "2E-", 1), (".", ".", 1), ("1.2.3", "1.2.3", 1)]
        {
            let err = kinds(text).unwrap_err();
            assert_eq!(err.message, format!("number '{shown}' is malformed"), "{text}");
            assert_eq!(err.column, column, "{text}");
        }
    }

    #[test]
    fn columns_count_characters_and_skip_unicode_whitespace() {
        let chars: Vec<char> = "\u{a0}\u{3000}xy".chars().collect();
        let token = Lexer::new(&chars).next_token().unwrap();
        assert_eq!((token.kind, token.column, token.len), (TokenKind::Ident, 3, 2));
        let err = kinds("é").unwrap_err();
        assert_eq!((err.column, err.message.as_str()), (1, "unexpected character 'é'"));
    }
}
