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
}
