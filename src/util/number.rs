//! Number formatting shared by every text output: the shortest decimal form
//! that parses back to the same `f64`, so files round-trip exactly.

/// Appends `value` to `out` in the shortest form that parses back to the same
/// `f64` (`1` rather than `1.0`, `1e-10` rather than `0.0000000001`).
pub fn push_shortest(out: &mut String, value: f64) {
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format(value);
    out.push_str(text.strip_suffix(".0").unwrap_or(text));
}

/// The shortest form of `value` that parses back to the same `f64`.
pub fn shortest(value: f64) -> String {
    let mut out = String::new();
    push_shortest(&mut out, value);
    out
}

/// A tick label: three decimals for ordinary magnitudes (`0.125`,
/// `-42.000`), scientific notation for very large or very small ones
/// (`1.00e308`, `2.50e-7`), so that no label is longer than a few characters.
pub fn tick_label(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-3..1e5).contains(&magnitude) {
        format!("{value:.2e}")
    } else {
        format!("{value:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_forms_round_trip() {
        for v in [0.0, 1.0, -1.0, 0.1, 1e-10, 1e300, -2.5e-7, 123456.75, f64::MIN_POSITIVE] {
            let text = shortest(v);
            assert_eq!(text.parse::<f64>().unwrap(), v, "{text}");
        }
        assert_eq!(shortest(1.0), "1");
        assert_eq!(shortest(-0.5), "-0.5");
        assert_eq!(shortest(1e-10), "1e-10");
    }

    #[test]
    fn tick_labels_stay_short_at_any_magnitude() {
        assert_eq!(tick_label(0.125), "0.125");
        assert_eq!(tick_label(0.0), "0.000");
        assert_eq!(tick_label(-1e308), "-1.00e308");
        assert_eq!(tick_label(2.5e-7), "2.50e-7");
        assert!(tick_label(f64::MAX).len() < 12);
    }
}
