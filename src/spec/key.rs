//! Typed keys: how code reads a parameter. A key is made from a kind's table
//! by a `const` constructor that looks the name up and checks its type, so a
//! misspelled or mistyped key does not compile, and reading one cannot fail.

use crate::spec::params::{ParamDefault, ParamKind, ParamSpec, Value};

/// A parameter's place in its table, its name, and a valid value of its type
/// (its default) that a read falls back on should the settings belong to
/// another table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Key<T> {
    pub(crate) index: usize,
    pub(crate) name: &'static str,
    fallback: T,
}

impl<T> Key<T> {
    /// The parameter's name.
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

/// The position of parameter `name` in `params`; fails to compile when
/// there is none.
const fn position(params: &[ParamSpec], name: &str) -> usize {
    let mut index = 0;
    while index < params.len() {
        if same(params[index].name, name) {
            return index;
        }
        index += 1;
    }
    panic!("no parameter of that name in the table");
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Key<f64> {
    /// The real parameter `name` of `params`.
    pub const fn real(params: &[ParamSpec], name: &'static str) -> Key<f64> {
        let index = position(params, name);
        match params[index] {
            ParamSpec { kind: ParamKind::Real { .. }, default: ParamDefault::Real(fallback), .. } => {
                Key { index, name, fallback }
            }
            _ => panic!("not a real parameter with a default"),
        }
    }
}

impl Key<u64> {
    /// The integer parameter `name` of `params`.
    pub const fn integer(params: &[ParamSpec], name: &'static str) -> Key<u64> {
        let index = position(params, name);
        match params[index] {
            ParamSpec { kind: ParamKind::Integer { .. }, default: ParamDefault::Integer(fallback), .. }
            | ParamSpec { kind: ParamKind::Integer { min: fallback, .. }, default: ParamDefault::Required, .. } => {
                Key { index, name, fallback }
            }
            _ => panic!("not an integer parameter"),
        }
    }
}

impl Key<bool> {
    /// The flag parameter `name` of `params`.
    pub const fn flag(params: &[ParamSpec], name: &'static str) -> Key<bool> {
        let index = position(params, name);
        match params[index] {
            ParamSpec { kind: ParamKind::Flag, default: ParamDefault::Flag(fallback), .. } => {
                Key { index, name, fallback }
            }
            _ => panic!("not a flag parameter with a default"),
        }
    }
}

impl Key<&'static str> {
    /// The choice parameter `name` of `params`.
    pub const fn choice(params: &[ParamSpec], name: &'static str) -> Key<&'static str> {
        let index = position(params, name);
        match params[index] {
            ParamSpec { kind: ParamKind::Choice(_), default: ParamDefault::Choice(fallback), .. } => {
                Key { index, name, fallback }
            }
            _ => panic!("not a choice parameter with a default"),
        }
    }

    /// The formula parameter `name` of `params` (an empty formula, which
    /// does not parse, is the fallback).
    pub const fn formula(params: &[ParamSpec], name: &'static str) -> Key<&'static str> {
        let index = position(params, name);
        match params[index].kind {
            ParamKind::Formula => Key { index, name, fallback: "" },
            _ => panic!("not a formula parameter"),
        }
    }

    /// The path parameter `name` of `params` (empty, no file, is the fallback).
    pub const fn path(params: &[ParamSpec], name: &'static str) -> Key<&'static str> {
        let index = position(params, name);
        match params[index].kind {
            ParamKind::Path => Key { index, name, fallback: "" },
            _ => panic!("not a path parameter"),
        }
    }
}

impl<T: Copy> Key<T> {
    /// This key, after checking that `other` (the same parameter in another
    /// table) has the same place, so one build function reads both tables.
    pub const fn same_as(self, other: Key<T>) -> Key<T> {
        assert!(self.index == other.index && same(self.name, other.name), "the keys differ");
        self
    }

    pub(crate) fn fallback(&self) -> T {
        self.fallback
    }
}

/// A type a key can read out of a [`Value`].
pub trait Read<'a>: Copy {
    /// The value as this type, if it is of this type.
    fn read(value: &'a Value) -> Option<Self>;
}

impl Read<'_> for f64 {
    fn read(value: &Value) -> Option<f64> {
        match value {
            Value::Real(v) => Some(*v),
            _ => None,
        }
    }
}

impl Read<'_> for u64 {
    fn read(value: &Value) -> Option<u64> {
        match value {
            Value::Integer(v) => Some(*v),
            _ => None,
        }
    }
}

impl Read<'_> for bool {
    fn read(value: &Value) -> Option<bool> {
        match value {
            Value::Flag(v) => Some(*v),
            _ => None,
        }
    }
}

impl<'a> Read<'a> for &'a str {
    fn read(value: &'a Value) -> Option<&'a str> {
        match value {
            Value::Choice(word) => Some(word),
            Value::Formula(text) | Value::Path(text) => Some(text),
            _ => None,
        }
    }
}
