//! Python source text: literals for the values of spec tables, strings, and
//! the helper snippets a script pulls in only when its code calls them, and
//! the provenance and entry point every script ends with.

use crate::spec::params::Value;

/// `v` as a Python float literal that reads back to the same `f64`
/// (`math.inf` for an infinity, `math.nan` for NaN).
pub(super) fn float(v: f64) -> String {
    if v.is_nan() {
        "math.nan".to_owned()
    } else if v.is_infinite() {
        if v > 0.0 { "math.inf" } else { "-math.inf" }.to_owned()
    } else {
        format!("{v:?}")
    }
}

/// A spec table value as a Python literal.
pub(super) fn value(v: &Value) -> String {
    match v {
        Value::Real(v) => float(*v),
        Value::Integer(n) => n.to_string(),
        Value::Flag(b) => if *b { "True" } else { "False" }.to_owned(),
        Value::Choice(word) => string(word),
        Value::Formula(text) | Value::Path(text) => string(text),
    }
}

/// `text` as a double-quoted Python string literal.
pub(super) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` made safe inside a `"""` docstring.
pub(super) fn docstring(text: &str) -> String {
    text.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"")
}

/// Helper snippets a script's code may call, by the name it calls them by;
/// one is included when some other part of the script mentions `name(`.
pub(super) const HELPERS: [(&str, &str); 8] = [
    ("exact_sqrt", include_str!("python/exact_sqrt.py")),
    ("bias_correction", include_str!("python/bias_correction.py")),
    ("xla_dot", include_str!("python/xla_dot.py")),
    ("xla_norm", include_str!("python/xla_norm.py")),
    ("sequential_sum", include_str!("python/sequential_sum.py")),
    ("decayed", include_str!("python/weight_decay.py")),
    ("ipow", include_str!("python/ipow.py")),
    ("standardised", include_str!("python/standardised.py")),
];

/// The helper snippets `code` calls (and those they call), in a fixed order.
pub(super) fn helpers_for(code: &str) -> Vec<&'static str> {
    let mut included: Vec<&'static str> = Vec::new();
    let mut text = code.to_owned();
    loop {
        let before = included.len();
        for (name, snippet) in HELPERS {
            if !included.contains(&snippet) && text.contains(&format!("{name}(")) {
                included.push(snippet);
                text.push_str(snippet);
            }
        }
        if included.len() == before {
            break;
        }
    }
    HELPERS.iter().map(|(_, snippet)| *snippet).filter(|snippet| included.contains(snippet)).collect()
}

/// " from NAME" when the script is exported from the scene file NAME.
pub(super) fn exported_from(file_name: Option<&str>) -> String {
    file_name.map_or_else(String::new, |name| format!(" from {}", docstring(name)))
}

/// What the script's CSV equals: the scene file's `--format csv` export
/// (`also` after it), or the scene's CSV export when it has no file.
pub(super) fn csv_export(file_name: Option<&str>, also: &str) -> String {
    file_name.map_or_else(
        || "optiviz's CSV export of this scene".to_owned(),
        |name| format!("`optiviz export --scene {} --format csv`{also}", docstring(name)),
    )
}

/// The script's entry point: print the CSV `header`, then run the `calls`.
pub(super) fn main_function(header: &str, calls: &str) -> String {
    format!("def main():\n    print({})\n{calls}\n\nif __name__ == \"__main__\":\n    main()\n", string(header))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_read_back_in_python() {
        assert_eq!(float(0.001), "0.001");
        assert_eq!(float(1e-8), "1e-8");
        assert_eq!(float(100.0), "100.0");
        assert_eq!(float(f64::NEG_INFINITY), "-math.inf");
        assert_eq!(value(&Value::Flag(true)), "True");
        assert_eq!(value(&Value::Choice("strong_wolfe")), "\"strong_wolfe\"");
        assert_eq!(string("a \"b\"\\\n"), "\"a \\\"b\\\"\\\\\\n\"");
        assert_eq!(docstring("say \"\"\"hi\"\"\""), "say \\\"\\\"\\\"hi\\\"\\\"\\\"");
    }

    #[test]
    fn helpers_come_only_when_called() {
        assert!(helpers_for("x = 1").is_empty());
        let helpers = helpers_for("m * bias_correction(b1, t) + xla_norm(p)");
        assert_eq!(helpers.len(), 4, "xla_norm calls exact_sqrt and xla_dot");
        assert!(helpers[0].contains("def exact_sqrt"));
        assert!(helpers[1].contains("def bias_correction"));
        assert!(helpers[2].contains("def xla_dot"));
        assert_eq!(helpers_for("ipow(x, 3)").len(), 1);
    }
}
