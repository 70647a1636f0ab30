//! Spec strings: `name` or `name:key=value,key=value`, parsed against a
//! [`Kind`]'s parameter table into [`Settings`] and printed back so that
//! `parse(display(s)) == s`.

use std::fmt;

use std::cell::Cell;

use crate::spec::error::SpecError;
use crate::spec::key::{Key, Read};
use crate::spec::params::{join_names, Kind, ParamKind, Value};

/// A kind together with a valid value for each of its parameters.
#[derive(Clone, Debug)]
pub struct Settings {
    kind: &'static Kind,
    values: Vec<Value>,
}

/// For kinds whose values, each valid, are always valid together.
pub fn no_conflict(_: Values<'_>) -> Result<(), SpecError> {
    Ok(())
}

impl PartialEq for Settings {
    fn eq(&self, other: &Self) -> bool {
        self.kind.name == other.kind.name && self.values == other.values
    }
}

/// Settings' values as a build function reads them: through [`Key`]s only.
#[derive(Clone, Copy, Debug)]
pub struct Values<'a> {
    values: &'a [Value],
    /// One mark per parameter, set when it is read (empty: not recorded).
    read: &'a [Cell<bool>],
}

impl<'a> Values<'a> {
    /// The value `key` stands for (its default, should the settings be
    /// of another kind than the key's table).
    pub fn get<T: Read<'a>>(self, key: Key<T>) -> T {
        if let Some(read) = self.read.get(key.index) {
            read.set(true);
        }
        self.values.get(key.index).and_then(T::read).unwrap_or(key.fallback())
    }
}

/// A spec string split into its kind's settings and the extra keys a caller
/// asked to receive (such as an optimizer's `label`).
#[derive(Debug)]
pub struct ParsedSpec {
    /// The validated settings.
    pub settings: Settings,
    /// `(key, value)` pairs for the extra keys, in the order given.
    pub extras: Vec<(&'static str, String)>,
}

impl Settings {
    /// The settings of `kind`, which has no parameters; fails to compile otherwise.
    pub const fn without_params(kind: &'static Kind) -> Settings {
        assert!(kind.params.is_empty(), "the kind has parameters");
        Settings { kind, values: Vec::new() }
    }

    /// The kind's defaults; fails when the kind has a required parameter.
    pub fn defaults(kind: &'static Kind) -> Result<Settings, SpecError> {
        Self::from_values(kind, Vec::new())
    }

    /// Settings from the given values (checked), defaults for the others.
    pub fn from_values(kind: &'static Kind, given: Vec<(&'static str, Value)>) -> Result<Settings, SpecError> {
        let mut slots: Vec<Option<Value>> = kind.params.iter().map(|p| p.default.value()).collect();
        for (key, value) in given {
            let index = checked_index(kind, key, &value)?;
            slots[index] = Some(value);
        }
        let values = slots
            .into_iter()
            .zip(kind.params)
            .map(|(slot, param)| {
                slot.ok_or_else(|| SpecError::Missing { kind: kind.name, key: param.name, range: param.range_text() })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Settings { kind, values })
    }

    /// Parses `name[:key=value,...]`, looking the name up among `kinds`
    /// (case-insensitively). Keys in `extras` are handed back unparsed.
    pub fn parse(
        text: &str,
        what: &'static str,
        example: &'static str,
        kinds: impl IntoIterator<Item = &'static Kind> + Clone,
        extras: &[&'static str],
    ) -> Result<ParsedSpec, SpecError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(SpecError::Empty { what, example });
        }
        let (name, rest) = match text.split_once(':') {
            Some((name, rest)) => (name.trim(), rest),
            None => (text, ""),
        };
        let kind = kinds.clone().into_iter().find(|k| k.name.eq_ignore_ascii_case(name)).ok_or_else(|| {
            SpecError::UnknownName { what, name: name.to_owned(), known: join_names(kinds.into_iter().map(|k| k.name)) }
        })?;
        let mut given: Vec<(&'static str, Value)> = Vec::new();
        let mut extra_values: Vec<(&'static str, String)> = Vec::new();
        for (key, value_text) in split_pairs(kind, rest)? {
            if given.iter().any(|(k, _)| *k == key) || extra_values.iter().any(|(k, _)| *k == key) {
                return Err(SpecError::Duplicate { kind: kind.name, key: key.to_owned() });
            }
            if let Some(extra) = extras.iter().find(|e| **e == key) {
                extra_values.push((extra, value_text.to_owned()));
                continue;
            }
            let param = kind.param(key).ok_or_else(|| SpecError::UnknownKey {
                kind: kind.name,
                key: key.to_owned(),
                known: join_names(kind.params.iter().map(|p| p.name).chain(extras.iter().copied())),
            })?;
            let value = param.parse_value(value_text).map_err(|reason| SpecError::BadValue {
                kind: kind.name,
                key: key.to_owned(),
                text: value_text.to_owned(),
                reason,
            })?;
            given.push((param.name, value));
        }
        let settings = Self::from_values(kind, given)?;
        Ok(ParsedSpec { settings, extras: extra_values })
    }

    /// The kind these settings belong to.
    pub fn kind(&self) -> &'static Kind {
        self.kind
    }

    /// The value `key` stands for, read through [`Settings::values`].
    pub fn get<'a, T: Read<'a>>(&'a self, key: Key<T>) -> T {
        self.values().get(key)
    }

    /// The values, for a kind's build function to read through its keys.
    pub fn values(&self) -> Values<'_> {
        Values { values: &self.values, read: &[] }
    }

    /// Sets the real parameter `key` stands for to `value`, which the
    /// caller's types prove valid (a learning rate to an optimizer's `lr`).
    pub(crate) fn replace_real(&mut self, key: Key<f64>, value: f64) {
        if let Some(slot) = self.values.get_mut(key.index) {
            *slot = Value::Real(value);
        }
    }

    /// The names of the parameters `build` leaves unread when it reads
    /// these settings: a test that a build function uses its whole table.
    #[cfg(test)]
    pub(crate) fn unread_by(&self, build: impl FnOnce(Values<'_>)) -> Vec<&'static str> {
        let read = vec![std::cell::Cell::new(false); self.values.len()];
        build(Values { values: &self.values, read: &read });
        self.kind.params.iter().zip(&read).filter(|(_, read)| !read.get()).map(|(param, _)| param.name).collect()
    }

    /// All `(parameter, value)` pairs in table order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static crate::spec::params::ParamSpec, &Value)> {
        self.kind.params.iter().zip(&self.values)
    }

    /// Sets parameter `name` to `value` after checking it; on error nothing changes.
    pub fn set(&mut self, name: &str, value: Value) -> Result<(), SpecError> {
        let index = checked_index(self.kind, name, &value)?;
        self.values[index] = value;
        Ok(())
    }

    /// Sets the real parameter `key` stands for; on error nothing changes.
    pub fn set_real(&mut self, key: Key<f64>, value: f64) -> Result<(), SpecError> {
        self.set(key.name, Value::Real(value))
    }

    /// Writes the spec string, listing only values that differ from the
    /// defaults, then the given extra pairs.
    pub fn write_spec(&self, f: &mut impl fmt::Write, extras: &[(&str, &str)]) -> fmt::Result {
        f.write_str(self.kind.name)?;
        let mut separator = ':';
        for (param, value) in self.iter() {
            if param.default.value().as_ref() != Some(value) {
                write!(f, "{separator}{}={value}", param.name)?;
                separator = ',';
            }
        }
        for (key, value) in extras {
            write!(f, "{separator}{key}={value}")?;
            separator = ',';
        }
        Ok(())
    }
}

impl fmt::Display for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_spec(f, &[])
    }
}

/// The position of parameter `key` in `kind`'s table, once `value` is known
/// to be valid for it.
fn checked_index(kind: &'static Kind, key: &str, value: &Value) -> Result<usize, SpecError> {
    let index = kind.params.iter().position(|p| p.name == key).ok_or_else(|| SpecError::UnknownKey {
        kind: kind.name,
        key: key.to_owned(),
        known: kind.param_names(),
    })?;
    kind.params[index].check(value).map_err(|reason| SpecError::BadValue {
        kind: kind.name,
        key: key.to_owned(),
        text: value.to_string(),
        reason,
    })?;
    Ok(index)
}

/// Splits `key=value,key=value` into trimmed pairs; a formula parameter takes
/// the rest of the text, commas included.
fn split_pairs<'a>(kind: &'static Kind, mut rest: &'a str) -> Result<Vec<(&'a str, &'a str)>, SpecError> {
    let mut pairs = Vec::new();
    while !rest.trim().is_empty() {
        let (piece_end, next) = match rest.find(',') {
            Some(i) => (i, &rest[i + 1..]),
            None => (rest.len(), ""),
        };
        let piece = &rest[..piece_end];
        if piece.trim().is_empty() {
            rest = next;
            continue;
        }
        let Some((key, value)) = piece.split_once('=') else {
            return Err(SpecError::NotAPair { kind: kind.name, piece: piece.trim().to_owned() });
        };
        let key = key.trim();
        if matches!(kind.param(key).map(|p| p.kind), Some(ParamKind::Formula)) {
            let start = rest.find('=').map_or(rest.len(), |i| i + 1);
            pairs.push((key, rest[start..].trim()));
            break;
        }
        pairs.push((key, value.trim()));
        rest = next;
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use crate::{OptimizerConfig, SurfaceConfig};

    fn error(text: &str) -> String {
        text.parse::<OptimizerConfig>().unwrap_err().to_string()
    }

    #[test]
    fn optimizer_specs_parse_and_print_back() {
        let config: OptimizerConfig = " Adam : lr = 0.01 , amsgrad=true,label=fast one".parse().unwrap();
        assert_eq!(config.name(), "adam");
        assert_eq!(config.lr(), 0.01);
        assert_eq!(config.label(), "fast one");
        assert_eq!(config.to_string(), "adam:lr=0.01,amsgrad=true,label=fast one");
        assert_eq!("sgd".parse::<OptimizerConfig>().unwrap().to_string(), "sgd");
        assert_eq!("sgd:".parse::<OptimizerConfig>().unwrap().to_string(), "sgd");
    }

    #[test]
    fn malformed_specs_name_the_problem() {
        assert_eq!(error(""), "empty optimizer spec: expected a name such as adam:lr=0.01");
        assert!(error("adam:lr=0.1,lr=0.2").contains("lr is given twice"));
        assert!(error("adam:=0.1").contains("unknown key ''"));
        assert!(error("momentum:form=sideways").contains("form=sideways is not one of pytorch, ema"));
        assert!(error("sgd:label=").contains("label= must be non-empty"));
    }

    #[test]
    fn formulas_take_the_rest_of_the_spec() {
        let surface: SurfaceConfig = "expr:f=max(x, y) + min(x,y)".parse().unwrap();
        assert_eq!(surface.to_string(), "expr:f=max(x, y) + min(x,y)");
        let message = "expr:f=x +* y".parse::<SurfaceConfig>().unwrap_err().to_string();
        assert!(message.starts_with("formula 'x +* y': column 4:"), "{message}");
    }
}
