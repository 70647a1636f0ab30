//! Hyperparameter tables.
//!
//! Every configurable thing (a surface, an optimizer, a schedule) is a [`Kind`]:
//! a name and a static table of [`ParamSpec`]s. That one table drives parsing
//! and validation of spec strings, `optiviz list`, and the app's sliders, so
//! the three can never disagree.

use std::fmt;

/// How a real parameter is best moved on a slider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Equal steps in value.
    Linear,
    /// Equal steps in log10(value) (learning rates, eps).
    Log,
}

/// One end of a valid range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    /// No limit on this side.
    Unbounded,
    /// The end value itself is allowed.
    Inclusive(f64),
    /// The end value itself is not allowed.
    Exclusive(f64),
}

impl Bound {
    fn admits_above(self, value: f64) -> bool {
        match self {
            Bound::Unbounded => true,
            Bound::Inclusive(b) => value >= b,
            Bound::Exclusive(b) => value > b,
        }
    }

    fn admits_below(self, value: f64) -> bool {
        match self {
            Bound::Unbounded => true,
            Bound::Inclusive(b) => value <= b,
            Bound::Exclusive(b) => value < b,
        }
    }
}

/// What values a parameter takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamKind {
    /// A finite real number in `[min, max]` (ends as the bounds say); `slider`
    /// is the range a slider offers by default, inside the valid range.
    Real {
        /// Lower end of the valid range.
        min: Bound,
        /// Upper end of the valid range.
        max: Bound,
        /// How a slider moves it.
        scale: Scale,
        /// The range a slider offers.
        slider: (f64, f64),
    },
    /// A whole number in `min..=max`.
    Integer {
        /// Smallest allowed value.
        min: u64,
        /// Largest allowed value.
        max: u64,
    },
    /// `true` or `false`.
    Flag,
    /// One word out of a fixed list.
    Choice(&'static [&'static str]),
    /// A formula in x and y; in a spec string it takes the rest of the text.
    Formula,
    /// A file's path, up to the next comma; empty for none.
    Path,
}

/// A parameter's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A real number.
    Real(f64),
    /// A whole number.
    Integer(u64),
    /// A boolean flag.
    Flag(bool),
    /// One of the words of a [`ParamKind::Choice`].
    Choice(&'static str),
    /// Formula source text.
    Formula(String),
    /// A file's path as given (empty for none).
    Path(String),
}

/// A parameter's default, or the fact that it must be given.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamDefault {
    /// Must be given by the user.
    Required,
    /// Real default.
    Real(f64),
    /// Integer default.
    Integer(u64),
    /// Flag default.
    Flag(bool),
    /// Choice default.
    Choice(&'static str),
    /// No file (an empty path).
    NoPath,
}

impl ParamDefault {
    /// The default as a [`Value`], or `None` for a required parameter.
    pub fn value(self) -> Option<Value> {
        match self {
            ParamDefault::Required => None,
            ParamDefault::Real(v) => Some(Value::Real(v)),
            ParamDefault::Integer(v) => Some(Value::Integer(v)),
            ParamDefault::Flag(v) => Some(Value::Flag(v)),
            ParamDefault::Choice(v) => Some(Value::Choice(v)),
            ParamDefault::NoPath => Some(Value::Path(String::new())),
        }
    }
}

/// Static description of one parameter: name, default, valid values, meaning.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    /// Key in spec strings and scene files.
    pub name: &'static str,
    /// Default value.
    pub default: ParamDefault,
    /// Valid values.
    pub kind: ParamKind,
    /// One-line meaning, shown in `optiviz list` and as a tooltip.
    pub doc: &'static str,
}

/// Static description of something configurable: its name and parameters.
#[derive(Debug, PartialEq)]
pub struct Kind {
    /// Name in spec strings (`adam`, `rosenbrock`, `cosine`).
    pub name: &'static str,
    /// One-line description.
    pub summary: &'static str,
    /// Its parameters, in display order.
    pub params: &'static [ParamSpec],
}

impl Kind {
    /// The parameter called `name`, if the kind has one.
    pub fn param(&self, name: &str) -> Option<&'static ParamSpec> {
        self.params.iter().find(|p| p.name == name)
    }

    /// The parameter names joined for an error message.
    pub fn param_names(&self) -> String {
        join_names(self.params.iter().map(|p| p.name))
    }
}

/// Joins names as `a, b, c` (or `none`).
pub fn join_names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let joined: Vec<&str> = names.into_iter().collect();
    if joined.is_empty() {
        "none".to_owned()
    } else {
        joined.join(", ")
    }
}

/// A real parameter valid in `(min_exclusive, ∞)`, like a learning rate.
pub const fn positive(name: &'static str, default: f64, slider: (f64, f64), doc: &'static str) -> ParamSpec {
    real(name, default, Bound::Exclusive(0.0), Bound::Unbounded, Scale::Log, slider, doc)
}

/// A real parameter valid in `[0, ∞)` such as a weight decay.
pub const fn non_negative(
    name: &'static str,
    default: f64,
    scale: Scale,
    slider: (f64, f64),
    doc: &'static str,
) -> ParamSpec {
    real(name, default, Bound::Inclusive(0.0), Bound::Unbounded, scale, slider, doc)
}

/// A decay coefficient valid in `[0, 1)` such as a beta or a momentum.
pub const fn unit_interval(name: &'static str, default: f64, doc: &'static str) -> ParamSpec {
    real(name, default, Bound::Inclusive(0.0), Bound::Exclusive(1.0), Scale::Linear, (0.0, 0.999), doc)
}

/// A real parameter with any bounds.
pub const fn real(
    name: &'static str,
    default: f64,
    min: Bound,
    max: Bound,
    scale: Scale,
    slider: (f64, f64),
    doc: &'static str,
) -> ParamSpec {
    ParamSpec { name, default: ParamDefault::Real(default), kind: ParamKind::Real { min, max, scale, slider }, doc }
}

/// A whole-number parameter valid in `min..=max`.
pub const fn integer(name: &'static str, default: u64, min: u64, max: u64, doc: &'static str) -> ParamSpec {
    ParamSpec { name, default: ParamDefault::Integer(default), kind: ParamKind::Integer { min, max }, doc }
}

/// A parameter that takes one word of `words`.
pub const fn choice(
    name: &'static str,
    default: &'static str,
    words: &'static [&'static str],
    doc: &'static str,
) -> ParamSpec {
    ParamSpec { name, default: ParamDefault::Choice(default), kind: ParamKind::Choice(words), doc }
}

/// A file's path, none by default.
pub const fn path(name: &'static str, doc: &'static str) -> ParamSpec {
    ParamSpec { name, default: ParamDefault::NoPath, kind: ParamKind::Path, doc }
}

/// A boolean flag defaulting to `false`.
pub const fn flag(name: &'static str, doc: &'static str) -> ParamSpec {
    ParamSpec { name, default: ParamDefault::Flag(false), kind: ParamKind::Flag, doc }
}

impl ParamSpec {
    /// Checks `value` against this parameter's kind and range; the error text
    /// continues `key=value …` and says what is allowed
    /// (`is out of range (must be > 0)`).
    pub fn check(&self, value: &Value) -> Result<(), String> {
        match (&self.kind, value) {
            (ParamKind::Real { min, max, .. }, Value::Real(v)) => {
                if v.is_finite() && min.admits_above(*v) && max.admits_below(*v) {
                    Ok(())
                } else {
                    Err(format!("is out of range (must be {})", self.range_text()))
                }
            }
            (ParamKind::Integer { min, max }, Value::Integer(v)) => {
                if (min..=max).contains(&v) {
                    Ok(())
                } else {
                    Err(format!("is out of range (must be {})", self.range_text()))
                }
            }
            (ParamKind::Flag, Value::Flag(_))
            | (ParamKind::Formula, Value::Formula(_))
            | (ParamKind::Path, Value::Path(_)) => Ok(()),
            (ParamKind::Choice(words), Value::Choice(w)) if words.contains(w) => Ok(()),
            _ => Err(format!("has the wrong type (must be {})", self.range_text())),
        }
    }

    /// Parses the text of a value as this parameter's kind and checks it.
    pub fn parse_value(&self, text: &str) -> Result<Value, String> {
        let value = match self.kind {
            ParamKind::Real { .. } => match text.trim().parse::<f64>() {
                Ok(v) => Value::Real(v),
                Err(_) => return Err(format!("is not a number (must be {})", self.range_text())),
            },
            ParamKind::Integer { .. } => match text.trim().parse::<u64>() {
                Ok(v) => Value::Integer(v),
                Err(_) => return Err(format!("is not a whole number (must be {})", self.range_text())),
            },
            ParamKind::Flag => match text.trim() {
                "true" => Value::Flag(true),
                "false" => Value::Flag(false),
                _ => return Err("is not true or false".to_owned()),
            },
            ParamKind::Choice(words) => match words.iter().find(|w| **w == text.trim()) {
                Some(w) => Value::Choice(w),
                None => return Err(format!("is not one of {}", join_names(words.iter().copied()))),
            },
            ParamKind::Formula => Value::Formula(text.to_owned()),
            ParamKind::Path => Value::Path(text.trim().to_owned()),
        };
        self.check(&value)?;
        Ok(value)
    }

    /// The valid values in words: `> 0`, `in [0, 1)`, `true or false`.
    pub fn range_text(&self) -> String {
        match self.kind {
            ParamKind::Real { min, max, .. } => range_text(min, max),
            ParamKind::Integer { min, max } if max == u64::MAX => format!("a whole number ≥ {min}"),
            ParamKind::Integer { min, max } => format!("a whole number in {min}..={max}"),
            ParamKind::Flag => "true or false".to_owned(),
            ParamKind::Choice(words) => format!("one of {}", join_names(words.iter().copied())),
            ParamKind::Formula => "a formula in x and y".to_owned(),
            ParamKind::Path => "a file's path".to_owned(),
        }
    }
}

fn range_text(min: Bound, max: Bound) -> String {
    use crate::util::number::shortest;
    match (min, max) {
        (Bound::Unbounded, Bound::Unbounded) => "a finite number".to_owned(),
        (Bound::Inclusive(a), Bound::Unbounded) => format!("≥ {}", shortest(a)),
        (Bound::Exclusive(a), Bound::Unbounded) => format!("> {}", shortest(a)),
        (Bound::Unbounded, Bound::Inclusive(b)) => format!("≤ {}", shortest(b)),
        (Bound::Unbounded, Bound::Exclusive(b)) => format!("< {}", shortest(b)),
        (lo, hi) => {
            let (open, a) = match lo {
                Bound::Inclusive(a) => ('[', a),
                Bound::Exclusive(a) => ('(', a),
                Bound::Unbounded => unreachable!("handled above"),
            };
            let (close, b) = match hi {
                Bound::Inclusive(b) => (']', b),
                Bound::Exclusive(b) => (')', b),
                Bound::Unbounded => unreachable!("handled above"),
            };
            format!("in {open}{}, {}{close}", shortest(a), shortest(b))
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Real(v) => f.write_str(&crate::util::number::shortest(*v)),
            Value::Integer(v) => write!(f, "{v}"),
            Value::Flag(v) => write!(f, "{v}"),
            Value::Choice(w) => f.write_str(w),
            Value::Formula(s) | Value::Path(s) => f.write_str(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_read_like_maths() {
        let lr = positive("lr", 0.01, (1e-4, 1.0), "step size");
        assert_eq!(lr.range_text(), "> 0");
        assert!(lr.parse_value("-1").unwrap_err().contains("> 0"));
        assert!(lr.parse_value("abc").unwrap_err().starts_with("is not a number"));
        assert!(lr.parse_value("inf").is_err());
        let beta = unit_interval("beta1", 0.9, "decay");
        assert_eq!(beta.range_text(), "in [0, 1)");
        assert!(beta.parse_value("1").is_err());
        assert_eq!(beta.parse_value("0").unwrap(), Value::Real(0.0));
    }
}
