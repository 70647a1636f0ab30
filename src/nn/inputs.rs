//! The features a network on points of the plane reads, as TF Playground
//! offers them: x, y, x², y², xy, sin x and sin y of each point (x, y),
//! chosen in the model spec as `inputs=x+y+x2+y2` (default `x+y`, the data's
//! own features whatever their number).
//!
//! The network computes them from each point as it gathers its input, so
//! the data set keeps its two columns and everything drawn over the plane
//! (decision boundaries, the neurons' maps) evaluates the same network at
//! plain points. They are not standardised again: as in Playground, the
//! points already are (mean 0, variance 1 per feature), so every derived
//! feature is of order one too (x² averages 1, sin stays in [−1, 1]).

use std::fmt;
use std::str::FromStr;

/// One feature of a point (x, y) of the plane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFeature {
    /// x, the first coordinate.
    X,
    /// y, the second coordinate.
    Y,
    /// x².
    XSquared,
    /// y².
    YSquared,
    /// x·y.
    XTimesY,
    /// sin x.
    SinX,
    /// sin y.
    SinY,
}

impl InputFeature {
    /// Every feature, in the order a network reads them.
    pub const ALL: [InputFeature; 7] = [
        InputFeature::X,
        InputFeature::Y,
        InputFeature::XSquared,
        InputFeature::YSquared,
        InputFeature::XTimesY,
        InputFeature::SinX,
        InputFeature::SinY,
    ];

    /// The spec word: `x`, `y`, `x2`, `y2`, `xy`, `sinx` or `siny`.
    pub fn name(self) -> &'static str {
        match self {
            InputFeature::X => "x",
            InputFeature::Y => "y",
            InputFeature::XSquared => "x2",
            InputFeature::YSquared => "y2",
            InputFeature::XTimesY => "xy",
            InputFeature::SinX => "sinx",
            InputFeature::SinY => "siny",
        }
    }

    /// The formula as a slide writes it, the point being (x₁, x₂).
    pub fn formula(self) -> &'static str {
        match self {
            InputFeature::X => "x₁",
            InputFeature::Y => "x₂",
            InputFeature::XSquared => "x₁²",
            InputFeature::YSquared => "x₂²",
            InputFeature::XTimesY => "x₁x₂",
            InputFeature::SinX => "sin(x₁)",
            InputFeature::SinY => "sin(x₂)",
        }
    }

    /// Its value at the point (x, y).
    pub fn value(self, x: f64, y: f64) -> f64 {
        match self {
            InputFeature::X => x,
            InputFeature::Y => y,
            InputFeature::XSquared => x * x,
            InputFeature::YSquared => y * y,
            InputFeature::XTimesY => x * y,
            InputFeature::SinX => x.sin(),
            InputFeature::SinY => y.sin(),
        }
    }

    /// Its bit in an [`InputFeatures`] set.
    fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// A set of [`InputFeature`]s, read in the order of [`InputFeature::ALL`]
/// whatever order a spec names them in. The default, x and y, is the data's
/// own features: a network reading it passes any data's columns through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InputFeatures(u8);

impl Default for InputFeatures {
    fn default() -> InputFeatures {
        InputFeatures(InputFeature::X.bit() | InputFeature::Y.bit())
    }
}

impl InputFeatures {
    /// Whether `feature` is in the set.
    pub fn contains(self, feature: InputFeature) -> bool {
        self.0 & feature.bit() != 0
    }

    /// The set with `feature` in it (`on`) or out of it.
    pub fn with(self, feature: InputFeature, on: bool) -> InputFeatures {
        InputFeatures(if on { self.0 | feature.bit() } else { self.0 & !feature.bit() })
    }

    /// The features in the order a network reads them.
    pub fn iter(self) -> impl Iterator<Item = InputFeature> {
        InputFeature::ALL.into_iter().filter(move |feature| self.contains(*feature))
    }

    /// How many features there are: the network's inputs (for points of the plane).
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty (no spec or toggle makes one).
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether these are the data's own features (x and y alone), which
    /// need no computing and suit data of any number of features.
    pub fn is_raw(self) -> bool {
        self == InputFeatures::default()
    }
}

impl FromStr for InputFeatures {
    type Err = String;

    /// Feature names joined by `+`, e.g. `x+y+x2` (any order, each once).
    fn from_str(text: &str) -> Result<InputFeatures, String> {
        let known = || InputFeature::ALL.map(InputFeature::name).join(", ");
        let mut set = InputFeatures(0);
        for word in text.split('+').map(str::trim) {
            let feature = InputFeature::ALL
                .into_iter()
                .find(|feature| feature.name().eq_ignore_ascii_case(word))
                .ok_or_else(|| format!("is not a list of features joined by '+' from {}", known()))?;
            if set.contains(feature) {
                return Err(format!("names {} twice", feature.name()));
            }
            set = set.with(feature, true);
        }
        Ok(set)
    }
}

impl fmt::Display for InputFeatures {
    /// The spec value: names joined by `+` in reading order.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.iter().map(InputFeature::name).collect();
        f.write_str(&names.join("+"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_in_any_order_and_print_in_reading_order() {
        let all: InputFeatures = "siny+sinx+xy+y2+x2+y+x".parse().unwrap();
        assert_eq!(all.to_string(), "x+y+x2+y2+xy+sinx+siny");
        assert_eq!(all.len(), 7);
        assert!("x+y".parse::<InputFeatures>().unwrap().is_raw());
        assert!(!"x2+y2".parse::<InputFeatures>().unwrap().is_raw());
        assert_eq!("X2 + y".parse::<InputFeatures>().unwrap().to_string(), "y+x2");
        for (bad, expected) in [("", "from x, y, x2"), ("x+z", "joined by '+'"), ("x+x", "names x twice")] {
            let message = bad.parse::<InputFeatures>().unwrap_err();
            assert!(message.contains(expected), "{bad}: {message}");
        }
    }

    #[test]
    fn toggling_a_feature_adds_or_removes_it() {
        let raw = InputFeatures::default();
        let squares = raw.with(InputFeature::XSquared, true);
        assert_eq!((squares.to_string().as_str(), squares.len()), ("x+y+x2", 3));
        assert_eq!(squares.with(InputFeature::XSquared, false), raw);
        assert!(raw.with(InputFeature::X, false).with(InputFeature::Y, false).is_empty());
    }

    #[test]
    fn each_feature_is_its_formula_at_the_point() {
        let values = InputFeature::ALL.map(|feature| feature.value(-1.0, 0.5));
        assert_eq!(values, [-1.0, 0.5, 1.0, 0.25, -0.5, (-1.0f64).sin(), 0.5f64.sin()]);
        let formulas = InputFeature::ALL.map(InputFeature::formula);
        assert_eq!(formulas, ["x₁", "x₂", "x₁²", "x₂²", "x₁x₂", "sin(x₁)", "sin(x₂)"]);
    }
}
