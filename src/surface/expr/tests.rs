//! Behavioural tests of the public API: parsing, error reporting and exact
//! derivatives checked against hand-derived closed forms.

use super::dual::{Dual1, Dual2};
use super::parser::MAX_NESTING;
use super::{Formula, FormulaError};
use proptest::prelude::*;

fn formula(source: &str) -> Formula {
    Formula::parse(source).unwrap_or_else(|e| panic!("{e}\n{}", e.pointer(source)))
}

fn error(source: &str) -> FormulaError {
    match Formula::parse(source) {
        Ok(_) => panic!("{source:?} parsed but should not"),
        Err(e) => e,
    }
}

/// Value, gradient and Hessian of a closed form.
#[derive(Debug)]
struct Expected {
    v: f64,
    g: [f64; 2],
    h: [[f64; 2]; 2],
}

/// Relative tolerance 1e-9 (absolute 1e-9 for magnitudes below 1); NaN matches NaN.
fn close(actual: f64, expected: f64) -> bool {
    let scale = actual.abs().max(expected.abs()).max(1.0);
    (actual.is_nan() && expected.is_nan()) || actual == expected || (actual - expected).abs() <= 1e-9 * scale
}

fn check(source: &str, x: f64, y: f64, expected: &Expected) {
    let f = formula(source);
    let (v, g, h) = (f.value(x, y), f.gradient(x, y), f.hessian(x, y));
    let ok = close(v, expected.v)
        && (0..2).all(|i| close(g[i], expected.g[i]))
        && (0..4).all(|k| close(h[k / 2][k % 2], expected.h[k / 2][k % 2]));
    assert!(ok, "{source} at ({x}, {y}): got value {v}, gradient {g:?}, hessian {h:?}; expected {expected:?}");
}

fn rosenbrock(x: f64, y: f64) -> Expected {
    let d = y - x * x;
    Expected {
        v: (1.0 - x).powi(2) + 100.0 * d * d,
        g: [-2.0 * (1.0 - x) - 400.0 * x * d, 200.0 * d],
        h: [[2.0 - 400.0 * y + 1200.0 * x * x, -400.0 * x], [-400.0 * x, 200.0]],
    }
}

fn himmelblau(x: f64, y: f64) -> Expected {
    let a = x * x + y - 11.0;
    let b = x + y * y - 7.0;
    let hxy = 4.0 * x + 4.0 * y;
    Expected {
        v: a * a + b * b,
        g: [4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b],
        h: [[4.0 * a + 8.0 * x * x + 2.0, hxy], [hxy, 2.0 + 4.0 * b + 8.0 * y * y]],
    }
}

/// Σ r_i² with r_i = c_i − x + x·y^i.
fn beale(x: f64, y: f64) -> Expected {
    let mut e = Expected { v: 0.0, g: [0.0; 2], h: [[0.0; 2]; 2] };
    for (i, c) in [(1, 1.5), (2, 2.25), (3, 2.625)] {
        let n = f64::from(i);
        let r = c - x + x * y.powi(i);
        let (rx, ry) = (y.powi(i) - 1.0, n * x * y.powi(i - 1));
        let rxy = n * y.powi(i - 1);
        let ryy = if i >= 2 { n * (n - 1.0) * x * y.powi(i - 2) } else { 0.0 };
        e.v += r * r;
        e.g[0] += 2.0 * r * rx;
        e.g[1] += 2.0 * r * ry;
        e.h[0][0] += 2.0 * rx * rx;
        e.h[0][1] += 2.0 * (rx * ry + r * rxy);
        e.h[1][1] += 2.0 * (ry * ry + r * ryy);
    }
    e.h[1][0] = e.h[0][1];
    e
}

fn sin_exp(x: f64, y: f64) -> Expected {
    let (s, c, ey) = (x.sin(), x.cos(), y.exp());
    Expected { v: s * ey, g: [c * ey, s * ey], h: [[-s * ey, c * ey], [c * ey, s * ey]] }
}

fn soft_norm(x: f64, y: f64) -> Expected {
    let r = (x * x + y * y + 1.0).sqrt();
    let r3 = r * r * r;
    Expected { v: r, g: [x / r, y / r], h: [[1.0 / r - x * x / r3, -x * y / r3], [-x * y / r3, 1.0 / r - y * y / r3]] }
}

fn tanh_xy(x: f64, y: f64) -> Expected {
    let t = (x * y).tanh();
    let s = 1.0 - t * t;
    let hxy = s - 2.0 * t * s * x * y;
    Expected { v: t, g: [y * s, x * s], h: [[-2.0 * t * s * y * y, hxy], [hxy, -2.0 * t * s * x * x]] }
}

fn x_pow_y(x: f64, y: f64) -> Expected {
    let (p, l) = (x.powf(y), x.ln());
    let hxy = x.powf(y - 1.0) * (1.0 + y * l);
    Expected { v: p, g: [y * x.powf(y - 1.0), p * l], h: [[y * (y - 1.0) * x.powf(y - 2.0), hxy], [hxy, p * l * l]] }
}

proptest! {
    #[test]
    fn rosenbrock_matches_closed_form(x in -3.0..3.0f64, y in -3.0..3.0f64) {
        check("(1-x)^2 + 100*(y-x^2)^2", x, y, &rosenbrock(x, y));
    }

    #[test]
    fn himmelblau_matches_closed_form(x in -3.0..3.0f64, y in -3.0..3.0f64) {
        check("(x^2+y-11)^2 + (x+y^2-7)^2", x, y, &himmelblau(x, y));
    }

    #[test]
    fn beale_matches_closed_form(x in -3.0..3.0f64, y in -3.0..3.0f64) {
        check(
            "(1.5-x+x*y)^2 + (2.25-x+x*y^2)^2 + (2.625-x+x*y^3)^2",
            x, y, &beale(x, y),
        );
    }

    #[test]
    fn sin_exp_matches_closed_form(x in -3.0..3.0f64, y in -3.0..3.0f64) {
        check("sin(x)*exp(y)", x, y, &sin_exp(x, y));
    }

    #[test]
    fn sqrt_matches_closed_form(x in -3.0..3.0f64, y in -3.0..3.0f64) {
        check("sqrt(x^2+y^2+1)", x, y, &soft_norm(x, y));
    }

    #[test]
    fn tanh_matches_closed_form(x in -3.0..3.0f64, y in -3.0..3.0f64) {
        check("tanh(x*y)", x, y, &tanh_xy(x, y));
    }

    /// x^y is real only for x > 0, so x is drawn from (0, 3].
    #[test]
    fn x_pow_y_matches_closed_form(x in 0.05..3.0f64, y in -3.0..3.0f64) {
        check("x^y", x, y, &x_pow_y(x, y));
    }

    #[test]
    fn parse_never_panics_on_arbitrary_text(source in any::<String>()) {
        if let Err(e) = Formula::parse(&source) {
            prop_assert!(e.column >= 1 && e.column <= source.chars().count() + 1);
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn parse_never_panics_on_formula_alphabet(
        source in "[xyzpie0-9.eE+*/^(), a-z-]{0,40}",
        x in -3.0..3.0f64,
        y in -3.0..3.0f64,
    ) {
        match Formula::parse(&source) {
            Ok(f) => {
                f.value(x, y);
                f.gradient(x, y);
                f.hessian(x, y);
            }
            Err(e) => prop_assert!(e.column >= 1 && e.column <= source.chars().count() + 1),
        }
    }

    #[test]
    fn parse_never_panics_on_token_soup(
        tokens in prop::collection::vec(
            prop::sample::select(vec![
                "x", "y", "2", "1.5", ".5", "1e-3", "1e", "pi", "e", "+", "-", "*", "/", "^",
                "(", ")", ",", "sin", "min", "max", "sqrt", "ln", " ", "z", "$",
            ]),
            0..30,
        ),
    ) {
        let source = tokens.concat();
        if let Ok(f) = Formula::parse(&source) {
            f.hessian(0.5, -0.5);
        }
    }

    /// Random well-formed formulas parse, and the three number types agree on
    /// what they share: value (f64 vs Dual1 vs Dual2) and gradient (Dual1 vs Dual2).
    #[test]
    fn number_types_agree(source in formula_text(), x in -3.0..3.0f64, y in -3.0..3.0f64) {
        let f = formula(&source);
        let v = f.value(x, y);
        let d1: Dual1 = f.program.eval(x, y);
        let d2: Dual2 = f.program.eval(x, y);
        let same = |a: f64, b: f64| a == b || (a.is_nan() && b.is_nan());
        prop_assert!(same(v, d1.v) && same(v, d2.v), "{source}: {v} {d1:?} {d2:?}");
        prop_assert!(same(d1.g[0], d2.g[0]) && same(d1.g[1], d2.g[1]), "{source}: {d1:?} {d2:?}");
        let h = f.hessian(x, y);
        prop_assert!(same(h[0][1], h[1][0]));
    }
}

/// Well-formed formulas over the whole grammar.
fn formula_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_owned()),
        Just("y".to_owned()),
        Just("pi".to_owned()),
        Just("e".to_owned()),
        (-5.0..5.0f64).prop_map(|c| format!("{c}")),
        (0u8..4).prop_map(|n| n.to_string()),
    ];
    leaf.prop_recursive(5, 40, 2, |inner| {
        prop_oneof![
            (inner.clone(), prop::sample::select(vec!["+", "-", "*", "/", "^"]), inner.clone())
                .prop_map(|(a, op, b)| format!("({a}){op}({b})")),
            (
                prop::sample::select(vec![
                    "sin", "cos", "tan", "exp", "ln", "log", "sqrt", "abs", "tanh", "sinh", "cosh",
                ]),
                inner.clone(),
            )
                .prop_map(|(f, a)| format!("{f}({a})")),
            (prop::sample::select(vec!["min", "max"]), inner.clone(), inner.clone())
                .prop_map(|(f, a, b)| format!("{f}({a}, {b})")),
            inner.prop_map(|a| format!("-({a})")),
        ]
    })
}

#[test]
fn precedence_and_associativity_by_value() {
    for (source, x, y, expected) in [
        ("-x^2", 3.0, 0.0, -9.0),
        ("-2^2", 0.0, 0.0, -4.0),
        ("(-2)^2", 0.0, 0.0, 4.0),
        ("2^3^2", 0.0, 0.0, 512.0),
        ("x - -y", 1.0, 2.0, 3.0),
        ("2+3*4", 0.0, 0.0, 14.0),
        ("8/4/2", 0.0, 0.0, 1.0),
        ("10-4-3", 0.0, 0.0, 3.0),
        ("2^-1", 0.0, 0.0, 0.5),
        ("x^y^2", 2.0, 3.0, 512.0),
        ("min(x, y) * max(x, y)", 2.0, 5.0, 10.0),
        ("max(x,y)-min(x,y)", 2.0, 5.0, 3.0),
        ("sqrt(abs(-x))", 16.0, 0.0, 4.0),
        ("log(e) + ln(1)", 0.0, 0.0, 1.0),
        ("cos(pi)", 0.0, 0.0, -1.0),
        ("2.5E+2 * 1e+1 + .5", 0.0, 0.0, 2500.5),
        ("+x", 7.0, 0.0, 7.0),
    ] {
        assert_eq!(formula(source).value(x, y), expected, "{source}");
    }
    let nested = formula("sin(cos(exp(x)))");
    assert_eq!(nested.value(0.3, 0.0), 0.3f64.exp().cos().sin());
}

#[test]
fn example_surface_gradient() {
    let f = formula("x^2 + 3*sin(y)");
    assert_eq!(f.value(2.0, 0.0), 4.0);
    assert_eq!(f.gradient(2.0, 0.0), [4.0, 3.0]);
    assert_eq!(f.hessian(2.0, 0.0), [[2.0, 0.0], [0.0, 0.0]]);
}

#[test]
fn elementary_functions_match_closed_forms() {
    type Case = (&'static str, fn(f64, f64) -> Expected);
    let cases: [Case; 9] = [
        ("tan(x) + cos(y)", |x, y| {
            let t = x.tan();
            let d = 1.0 + t * t;
            Expected { v: t + y.cos(), g: [d, -y.sin()], h: [[2.0 * t * d, 0.0], [0.0, -y.cos()]] }
        }),
        ("ln(x) * log(y)", |x, y| {
            let (lx, ly) = (x.ln(), y.ln());
            let hxy = 1.0 / (x * y);
            Expected { v: lx * ly, g: [ly / x, lx / y], h: [[-ly / (x * x), hxy], [hxy, -lx / (y * y)]] }
        }),
        ("exp(x - 2*y)", |x, y| {
            let v = (x - 2.0 * y).exp();
            Expected { v, g: [v, -2.0 * v], h: [[v, -2.0 * v], [-2.0 * v, 4.0 * v]] }
        }),
        ("x / y", |x, y| {
            let hxy = -1.0 / (y * y);
            Expected { v: x / y, g: [1.0 / y, -x / (y * y)], h: [[0.0, hxy], [hxy, 2.0 * x / (y * y * y)]] }
        }),
        ("sinh(x) * cosh(y)", |x, y| {
            let (sx, cx, sy, cy) = (x.sinh(), x.cosh(), y.sinh(), y.cosh());
            Expected { v: sx * cy, g: [cx * cy, sx * sy], h: [[sx * cy, cx * sy], [cx * sy, sx * cy]] }
        }),
        ("x^2.5 + y^-1", |x, y| Expected {
            v: x.powf(2.5) + 1.0 / y,
            g: [2.5 * x.powf(1.5), -1.0 / (y * y)],
            h: [[3.75 * x.sqrt(), 0.0], [0.0, 2.0 / (y * y * y)]],
        }),
        ("2^x * e^y", |x, y| {
            let l = std::f64::consts::LN_2;
            let v = (x * l + y).exp();
            Expected { v, g: [l * v, v], h: [[l * l * v, l * v], [l * v, v]] }
        }),
        ("abs(x - 2*y)", |x, y| {
            let s = (x - 2.0 * y).signum();
            Expected { v: (x - 2.0 * y).abs(), g: [s, -2.0 * s], h: [[0.0; 2]; 2] }
        }),
        ("min(x, y) + max(x*x, y)", |x, y| {
            let (mut g, mut h) = (if x <= y { [1.0, 0.0] } else { [0.0, 1.0] }, [[0.0; 2]; 2]);
            if x * x >= y {
                g[0] += 2.0 * x;
                h[0][0] = 2.0;
            } else {
                g[1] += 1.0;
            }
            Expected { v: x.min(y) + (x * x).max(y), g, h }
        }),
    ];
    let grid = [0.3, 0.7, 1.3, 2.9];
    for (source, closed_form) in cases {
        for x in grid {
            for y in grid {
                check(source, x, y, &closed_form(x, y));
            }
        }
    }
}

#[test]
fn constant_exponents_are_exact_for_negative_bases() {
    let square = formula("x^2");
    assert_eq!(square.value(-2.0, 0.0), 4.0);
    assert_eq!(square.gradient(-2.0, 0.0), [-4.0, 0.0]);
    assert_eq!(square.hessian(-2.0, 0.0), [[2.0, 0.0], [0.0, 0.0]]);
    let cube = formula("x^(1+2)");
    assert_eq!(cube.value(-2.0, 0.0), -8.0);
    assert_eq!(cube.gradient(-2.0, 0.0), [12.0, 0.0]);
    assert_eq!(cube.hessian(-2.0, 0.0), [[-12.0, 0.0], [0.0, 0.0]]);
    // Zero derivatives stay zero at 0 instead of becoming 0·∞ = NaN.
    assert_eq!(formula("x^1").hessian(0.0, 0.0), [[0.0; 2]; 2]);
    assert_eq!(formula("x^0").gradient(0.0, 0.0), [0.0; 2]);
    assert_eq!(formula("x^2").gradient(0.0, 0.0), [0.0; 2]);
}

#[test]
fn kinks_use_the_branch_taken() {
    assert_eq!(formula("abs(x)").gradient(0.0, 1.0), [0.0, 0.0]);
    assert_eq!(formula("abs(x)").gradient(-1.0, 1.0), [-1.0, 0.0]);
    assert_eq!(formula("min(x, y)").gradient(1.0, 2.0), [1.0, 0.0]);
    assert_eq!(formula("min(x, y)").gradient(3.0, 2.0), [0.0, 1.0]);
    assert_eq!(formula("max(x, y)").gradient(1.0, 1.0), [1.0, 0.0]);
}

#[test]
fn undefined_points_give_nan_or_infinity() {
    assert!(formula("ln(x)").value(-1.0, 0.0).is_nan());
    assert_eq!(formula("1/x").value(0.0, 0.0), f64::INFINITY);
    assert!(formula("x^y").gradient(-2.0, 0.5)[0].is_nan());
    assert!(!formula("sqrt(x)").hessian(0.0, 0.0)[0][0].is_finite());
    assert!(formula("min(x, ln(y))").value(1.0, -1.0).is_nan());
    assert!(formula("max(ln(y), x)").value(1.0, -1.0).is_nan());
    assert!(formula("1/0").value(0.0, 0.0).is_infinite());
}

#[test]
fn error_messages_and_columns() {
    let known = "sin, cos, tan, exp, ln, log, sqrt, abs, tanh, sinh, cosh, min, max";
    let cases: Vec<(&str, String, usize)> = vec![
        ("sinn(x)", format!("unknown function 'sinn' (known: {known})"), 1),
        ("x + z", "unknown variable 'z' (use x and y)".into(), 5),
        ("X^2", "unknown variable 'X' (use x and y; did you mean 'x'? names are case-sensitive)".into(), 1),
        ("Sin(x)", "unknown function 'Sin' (did you mean 'sin'? names are case-sensitive)".into(), 1),
        ("3*xy", "unknown variable 'xy' (use x and y; write x*y to multiply)".into(), 3),
        ("x +", "unexpected end of formula: expected a number, x, y or '('".into(), 4),
        ("x*(y+1", "missing ')' to close the '(' opened at column 3".into(), 7),
        ("sin(x", "missing ')' to close the '(' opened at column 4".into(), 6),
        ("min(x)", "'min' takes 2 arguments, got 1".into(), 1),
        ("1 + max(x, y, 2)", "'max' takes 2 arguments, got 3".into(), 5),
        ("sin(x, y)", "'sin' takes 1 argument, got 2".into(), 1),
        ("cos()", "'cos' takes 1 argument, got 0".into(), 1),
        ("", "empty formula".into(), 1),
        ("  \t ", "empty formula".into(), 1),
        ("x $ y", "unexpected character '$'".into(), 3),
        ("x × y", "unexpected character '×' (use * to multiply)".into(), 3),
        ("1e", "number '1e' is malformed".into(), 1),
        ("x + 1.2.3", "number '1.2.3' is malformed".into(), 5),
        ("1e999", "number '1e999' is too large".into(), 1),
        ("2x", "expected an operator between '2' and 'x' (write 2*x)".into(), 2),
        ("3 sin(x)", "expected an operator between '3' and 'sin' (write 3*sin)".into(), 3),
        ("2(x+1)", "expected an operator between '2' and '(' (use '*' to multiply)".into(), 2),
        ("(x+1)(y)", "expected an operator between ')' and '(' (use '*' to multiply)".into(), 6),
        ("(x y)", "expected an operator between 'x' and 'y' (write x*y)".into(), 4),
        ("x)", "unmatched ')': there is no '(' before it".into(), 2),
        ("(x, y)", "unexpected ',': only min and max take two arguments".into(), 3),
        ("x + * y", "unexpected '*': expected a number, x, y or '('".into(), 5),
        ("()", "unexpected ')': expected a number, x, y or '('".into(), 2),
        ("x**2", "'**' is not an operator: write ^ for powers (x^2)".into(), 2),
        ("sin x", "'sin' is a function: write sin(...)".into(), 1),
        ("sqrt", "'sqrt' is a function: write sqrt(...)".into(), 1),
        // Columns count characters, not bytes: each U+00A0 is two bytes.
        ("x\u{a0}+\u{a0}z", "unknown variable 'z' (use x and y)".into(), 5),
    ];
    for (source, message, column) in cases {
        let e = error(source);
        assert_eq!((e.message.as_str(), e.column), (message.as_str(), column), "{source:?}");
    }
}

#[test]
fn leftmost_problem_is_reported_first() {
    assert_eq!(error("2x + $").column, 2);
    assert_eq!(error("$ + 2x").column, 1);
}

#[test]
fn error_display_and_pointer() {
    let e = error("x*(y+1");
    assert_eq!(e.to_string(), "column 7: missing ')' to close the '(' opened at column 3");
    assert_eq!(e.pointer("x*(y+1"), "x*(y+1\n      ^");
    let e = error("\tx $");
    assert_eq!(e.column, 4);
    assert_eq!(e.pointer("\tx $"), "\tx $\n\t  ^");
    let e = error("x +\nz");
    assert_eq!(e.pointer("x +\nz"), "x + z\n    ^");
}

#[test]
fn nesting_is_capped_instead_of_overflowing_the_stack() {
    let deep = |n: usize| format!("{}x{}", "(".repeat(n), ")".repeat(n));
    let ok = formula(&deep(MAX_NESTING - 1));
    assert_eq!(ok.value(2.0, 0.0), 2.0);
    assert_eq!(error(&deep(MAX_NESTING)).column, MAX_NESTING + 1);
    for source in [
        deep(MAX_NESTING),
        deep(100_000),
        format!("{}x", "-".repeat(100_000)),
        format!("{}x", "x^".repeat(100_000)),
        format!("{}x", "sin(".repeat(100_000)),
    ] {
        let e = error(&source);
        assert_eq!(e.message, format!("formula is nested too deeply (more than {MAX_NESTING} levels)"));
    }
}

#[test]
fn long_and_deep_formulas_evaluate() {
    // 10 000 terms: flat, evaluated without recursion.
    let flat = vec!["x"; 10_000].join("+");
    assert_eq!(formula(&flat).value(0.5, 0.0), 5_000.0);
    assert_eq!(formula(&flat).gradient(0.5, 0.0), [10_000.0, 0.0]);
    // Right-nested sums need a deep stack: exercise the inline and heap stacks.
    for n in [5, 20, 200] {
        let source = format!("{}y{}", "x+(".repeat(n), ")".repeat(n));
        let f = formula(&source);
        assert_eq!(f.value(1.0, 2.0), n as f64 + 2.0, "{n}");
        assert_eq!(f.gradient(1.0, 2.0), [n as f64, 1.0], "{n}");
        assert_eq!(f.hessian(1.0, 2.0), [[0.0; 2]; 2], "{n}");
    }
}

#[test]
fn source_equality_and_clone() {
    let f = formula(" x^2 ");
    assert_eq!(f.source(), " x^2 ");
    assert_eq!(f.clone(), f);
    assert_ne!(f, formula("x^2"));
}
