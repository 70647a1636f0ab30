//! Property tests: spec strings round-trip, autodiff equals closed forms,
//! SGD contracts on a bowl at the predicted rate, no optimizer panics.

use std::sync::Arc;

use optiviz::engine::lockstep::RunSpec;
use optiviz::engine::race::Simulation;
use optiviz::optim::schedule::SCHEDULES;
use optiviz::optim::{Optimizer, Oracle, StepFailure, OPTIMIZERS};
use optiviz::spec::params::{Bound, Kind, ParamKind, Value};
use optiviz::spec::settings::Settings;
use optiviz::surface::{FormulaSurface, SurfaceFamily, SurfaceInfo, SURFACES};
use optiviz::util::number::shortest;
use optiviz::{OptimizerConfig, Schedule, Surface, SurfaceConfig};
use proptest::prelude::*;
use proptest::sample::select;

/// A valid value for every parameter of `kind`, drawn from its slider range
/// or, half the time, from the whole valid range.
fn settings_for(kind: &'static Kind) -> impl Strategy<Value = Settings> {
    let values: Vec<BoxedStrategy<(&'static str, Value)>> = kind
        .params
        .iter()
        // Text parameters keep their defaults: a formula is drawn elsewhere, a
        // data file's absence means generated rows.
        .filter(|p| !matches!(p.kind, ParamKind::Formula | ParamKind::Path))
        .map(|p| {
            let name = p.name;
            match p.kind {
                ParamKind::Real { min, max, slider, .. } => {
                    let lo = match min {
                        Bound::Unbounded => -1e6,
                        Bound::Inclusive(v) => v,
                        Bound::Exclusive(v) => v + 1e-9,
                    };
                    let hi = match max {
                        Bound::Unbounded => 1e6,
                        Bound::Inclusive(v) => v,
                        Bound::Exclusive(v) => v - 1e-9,
                    };
                    prop_oneof![slider.0..=slider.1, lo..=hi].prop_map(move |v| (name, Value::Real(v))).boxed()
                }
                ParamKind::Integer { min, max } => {
                    (min..=max.min(min + 10_000)).prop_map(move |v| (name, Value::Integer(v))).boxed()
                }
                ParamKind::Flag => any::<bool>().prop_map(move |v| (name, Value::Flag(v))).boxed(),
                ParamKind::Choice(words) => select(words).prop_map(move |w| (name, Value::Choice(w))).boxed(),
                ParamKind::Formula | ParamKind::Path => unreachable!(),
            }
        })
        .collect();
    values.prop_map(move |given| Settings::from_values(kind, given).unwrap())
}

fn any_optimizer() -> impl Strategy<Value = OptimizerConfig> {
    (select(&OPTIMIZERS[..]), proptest::option::of("[A-Za-z][A-Za-z0-9 _().-]{0,12}[A-Za-z0-9]")).prop_flat_map(
        |(info, label)| {
            // Values each in range may still not fit together (rprop's
            // step_size_min above its step_size_max): such draws are dropped.
            settings_for(&info.kind).prop_filter_map("values that fit together", move |settings| {
                let mut config = OptimizerConfig::with_defaults(info);
                for (param, value) in settings.iter() {
                    config.set(param.name, value.clone()).ok()?;
                }
                config.set_label(label.clone()).ok()?;
                Some(config)
            })
        },
    )
}

proptest! {
    #[test]
    fn optimizer_specs_round_trip(config in any_optimizer()) {
        let text = config.to_string();
        let parsed: OptimizerConfig = text.parse().unwrap();
        prop_assert_eq!(parsed, config, "{}", text);
    }

    #[test]
    fn surface_specs_round_trip(settings in select(closed_forms()).prop_flat_map(settings_for)) {
        let config = SurfaceConfig::from_settings(settings).unwrap();
        let text = config.to_string();
        prop_assert_eq!(text.parse::<SurfaceConfig>().unwrap(), config, "{}", text);
    }

    #[test]
    fn schedule_specs_round_trip(settings in select(SCHEDULES.iter().map(|info| &info.kind).collect::<Vec<_>>()).prop_flat_map(settings_for)) {
        // warmup_cosine needs warmup < t_max; other draws are all valid.
        if let Ok(schedule) = Schedule::from_settings(&settings) {
            let text = schedule.to_string();
            prop_assert_eq!(text.parse::<Schedule>().unwrap(), schedule, "{}", text);
        }
    }
}

/// The surfaces with closed forms: every named one but the typed formula
/// and the data surfaces (means over rows, tested in tests/data_surfaces.rs).
fn closed_forms() -> Vec<&'static Kind> {
    let closed = |info: &&&SurfaceInfo| !info.is_formula() && info.family != SurfaceFamily::Data;
    SURFACES.iter().filter(closed).map(|info| &info.kind).collect()
}

/// Each named surface written as a formula, for a random parameter draw.
fn as_formula(config: &SurfaceConfig) -> String {
    let s = config.settings();
    let real = |name: &str| match s.iter().find(|(param, _)| param.name == name) {
        Some((_, Value::Real(v))) => *v,
        other => unreachable!("{name}: {other:?}"),
    };
    let n = |name: &str| format!("({})", shortest(real(name)));
    match s.kind().name {
        "rosenbrock" => format!("({a}-x)^2 + {b}*(y-x^2)^2", a = n("a"), b = n("b")),
        "bowl" => {
            let angle = real("angle").to_radians();
            let (c, si) = (format!("({})", shortest(angle.cos())), format!("({})", shortest(angle.sin())));
            format!("0.5*(({c}*x + {si}*y)^2 + {k}*(-{si}*x + {c}*y)^2)", k = n("kappa"))
        }
        "saddle" => format!("{a}*x^2 - {b}*y^2", a = n("a"), b = n("b")),
        "himmelblau" => "(x^2+y-11)^2 + (x+y^2-7)^2".to_owned(),
        "beale" => "(1.5-x+x*y)^2 + (2.25-x+x*y^2)^2 + (2.625-x+x*y^3)^2".to_owned(),
        "rastrigin" => format!("2*{a} + (x^2 - {a}*cos(2*pi*x)) + (y^2 - {a}*cos(2*pi*y))", a = n("a")),
        "ackley" => "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20".to_owned(),
        "goldstein_price" => "(1 + (x+y+1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))\
                              *(30 + (2*x-3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))"
            .to_owned(),
        "booth" => "(x + 2*y - 7)^2 + (2*x + y - 5)^2".to_owned(),
        "matyas" => "0.26*(x^2 + y^2) - 0.48*x*y".to_owned(),
        "six_hump_camel" => "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2".to_owned(),
        "three_hump_camel" => "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2".to_owned(),
        "styblinski_tang" => "0.5*((x^4 - 16*x^2 + 5*x) + (y^4 - 16*y^2 + 5*y))".to_owned(),
        "levi" => "sin(3*pi*x)^2 + (x-1)^2*(1 + sin(3*pi*y)^2) + (y-1)^2*(1 + sin(2*pi*y)^2)".to_owned(),
        "mccormick" => "sin(x + y) + (x - y)^2 - 1.5*x + 2.5*y + 1".to_owned(),
        "monkey_saddle" => "x^3 - 3*x*y^2".to_owned(),
        other => unreachable!("{other}"),
    }
}

fn close(a: f64, b: f64, scale: f64) -> bool {
    (a - b).abs() <= 1e-9 * scale.max(1.0)
}

proptest! {
    #[test]
    fn autodiff_matches_closed_forms(
        settings in select(closed_forms()).prop_flat_map(|kind| {
            settings_for(kind).prop_filter("moderate parameters", |s| s.iter().all(|(_, v)| match v {
                Value::Real(r) => r.abs() < 1e3,
                _ => true,
            }))
        }),
        u in 0.0..1.0f64,
        v in 0.0..1.0f64,
    ) {
        let config = SurfaceConfig::from_settings(settings).unwrap();
        let exact = config.build().unwrap();
        let formula = FormulaSurface::parse(&as_formula(&config)).unwrap();
        let w = exact.window();
        let p = [w.x_min + u * (w.x_max - w.x_min), w.y_min + v * (w.y_max - w.y_min)];
        let scale = exact.value(p).abs() + 1.0;
        prop_assert!(close(formula.value(p), exact.value(p), scale));
        let (ga, gb) = (formula.gradient(p), exact.gradient(p));
        // What a race's oracle computes is each surface's own gradient, bit for bit.
        prop_assert_eq!(exact.inline_gradient().at(p), gb);
        prop_assert_eq!(formula.inline_gradient().at(p), ga);
        let gscale = gb[0].abs() + gb[1].abs() + scale;
        for i in 0..2 {
            prop_assert!(close(ga[i], gb[i], gscale), "{:?} gradient {:?} vs {:?}", config, ga, gb);
        }
        let (ha, hb) = (formula.hessian(p), exact.hessian(p));
        let hscale = hb.iter().flatten().map(|h| h.abs()).sum::<f64>() + gscale;
        for i in 0..2 {
            for j in 0..2 {
                prop_assert!(close(ha[i][j], hb[i][j], hscale), "{:?} hessian {:?} vs {:?}", config, ha, hb);
            }
        }
    }

    #[test]
    fn sgd_contracts_on_a_bowl_at_the_predicted_rate(
        kappa in 1.0..50.0f64,
        angle in -90.0..90.0f64,
        fraction in 0.05..0.95f64,
        start in (-4.0..4.0f64, -4.0..4.0f64),
    ) {
        // Along the bowl's axes SGD multiplies each coordinate by 1 − lr·λ per
        // step (λ = 1 and κ), so after n steps u = (1 − lr)ⁿ·u₀ and v = (1 − lr·κ)ⁿ·v₀.
        let lr = fraction * 2.0 / kappa;
        let surface: SurfaceConfig = format!("bowl:kappa={kappa},angle={angle}").parse().unwrap();
        let spec = RunSpec { optimizer: format!("sgd:lr={lr}").parse().unwrap(), schedule: Schedule::Constant };
        let start = [start.0, start.1];
        let mut sim = Simulation::new(Arc::from(surface.build().unwrap()), start, vec![spec], None);
        let steps = 40;
        sim.advance_to(steps);
        let (c, s) = (angle.to_radians().cos(), angle.to_radians().sin());
        let rotate = |p: [f64; 2]| (c * p[0] + s * p[1], -s * p[0] + c * p[1]);
        let (u0, v0) = rotate(start);
        let (u, v) = rotate(*sim.runs()[0].trajectory().points.last().unwrap());
        let n = steps as i32;
        prop_assert!((u - (1.0 - lr).powi(n) * u0).abs() < 1e-9 * (1.0 + u0.abs()));
        prop_assert!((v - (1.0 - lr * kappa).powi(n) * v0).abs() < 1e-9 * (1.0 + v0.abs()));
    }

    #[test]
    fn no_optimizer_panics_on_finite_input(
        config in any_optimizer(),
        surface in select(&[
            "rosenbrock", "bowl:kappa=1000,angle=45", "saddle", "himmelblau", "beale", "ackley", "levi",
            "monkey_saddle", "expr:f=sin(x)*exp(y) + ln(x^2)",
        ][..]),
        start in (-1e300..1e300f64, -1e300..1e300f64),
        small in any::<bool>(),
    ) {
        let start = if small { [start.0 * 1e-300, start.1 * 1e-300] } else { [start.0, start.1] };
        let surface: SurfaceConfig = surface.parse().unwrap();
        let spec = RunSpec { optimizer: config, schedule: Schedule::Constant };
        let mut sim = Simulation::new(Arc::from(surface.build().unwrap()), start, vec![spec], None);
        sim.advance_to(60);
        let run = &sim.runs()[0];
        let t = run.trajectory();
        // The start is the user's; every point a step produced is finite.
        prop_assert!(t.points.iter().flatten().all(|v| v.is_finite()));
        prop_assert!(t.losses[1..].iter().all(|v| v.is_finite()));
        prop_assert_eq!(t.lrs.len() + 1, t.points.len());
        match run.diverged() {
            Some((step, _)) => prop_assert_eq!(step, t.points.len()),
            None => prop_assert_eq!(t.steps(), 60),
        }
    }
}

/// A separable quadratic `Σ cᵢ·(pᵢ − sᵢ)²/2`: each coordinate's gradient
/// depends on that coordinate alone, and the Hessian is diagonal.
struct Separable {
    curvature: Vec<f64>,
    shift: Vec<f64>,
}

impl Oracle for Separable {
    fn gradient(&mut self, point: &[f64], gradient: &mut [f64]) {
        for (i, g) in gradient.iter_mut().enumerate() {
            *g = self.curvature[i] * (point[i] - self.shift[i]);
        }
    }

    fn value(&mut self, point: &[f64]) -> f64 {
        point.iter().enumerate().map(|(i, p)| self.curvature[i] * (p - self.shift[i]).powi(2) / 2.0).sum()
    }

    fn hessian(&mut self, point: &[f64], hessian: &mut [f64]) -> bool {
        hessian.fill(0.0);
        for i in 0..point.len() {
            hessian[i * point.len() + i] = self.curvature[i];
        }
        true
    }
}

/// One way of taking a step: [`Optimizer::step`] or [`Optimizer::update`].
type StepFn = fn(&mut dyn Optimizer, &mut [f64], f64, &mut dyn Oracle) -> Result<(), StepFailure>;

/// Steps `optimizer` five times from `start` on `oracle` with `take_step`
/// and returns where it ends.
fn five_steps(config: &OptimizerConfig, start: &[f64], oracle: &mut Separable, take_step: StepFn) -> Vec<f64> {
    let mut optimizer = config.build(start.len());
    let mut params = start.to_vec();
    for _ in 0..5 {
        if take_step(optimizer.as_mut(), &mut params, config.lr(), oracle).is_err() {
            break;
        }
    }
    params
}

proptest! {
    #[test]
    fn steps_are_the_same_bits_on_every_cpu_path_and_length(
        config in any_optimizer(),
        coordinates in prop::collection::vec((-10.0..10.0f64, 0.01..100.0f64, -3.0..3.0f64), 2..10),
    ) {
        let start: Vec<f64> = coordinates.iter().map(|c| c.0).collect();
        let mut oracle = Separable {
            curvature: coordinates.iter().map(|c| c.1).collect(),
            shift: coordinates.iter().map(|c| c.2).collect(),
        };
        // The step with run-time FMA dispatch and the portable update agree.
        let dispatched = five_steps(&config, &start, &mut oracle, |o, p, lr, f| o.step(p, lr, f));
        let portable = five_steps(&config, &start, &mut oracle, |o, p, lr, f| o.update(p, lr, f));
        prop_assert_eq!(dispatched.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                        portable.iter().map(|v| v.to_bits()).collect::<Vec<_>>());
        // On a separable loss the first two coordinates move as they would on
        // their own: the 2-vector fast paths are the general rule (unless a
        // norm of the whole vector scales the step).
        prop_assume!(!config.info().whole_vector);
        let pair = five_steps(&config, &start[..2], &mut oracle, |o, p, lr, f| o.step(p, lr, f));
        prop_assert_eq!(pair[0].to_bits(), dispatched[0].to_bits());
        prop_assert_eq!(pair[1].to_bits(), dispatched[1].to_bits());
    }
}

#[test]
fn every_formula_error_names_a_column() {
    for bad in ["", "x +", "sinn(x)", "2x", "(x", "x)", "min(x)", "z", "x $ y"] {
        let message = format!("expr:f={bad}").parse::<SurfaceConfig>().unwrap_err().to_string();
        assert!(message.contains("column") || bad.is_empty(), "{bad:?}: {message}");
        assert!(!message.contains('\n'), "{bad:?}: {message}");
    }
}

/// Every named surface with its default parameters.
fn default_surfaces() -> impl Iterator<Item = (&'static str, Box<dyn Surface>)> {
    closed_forms().into_iter().map(|kind| {
        let config = SurfaceConfig::from_settings(Settings::defaults(kind).unwrap()).unwrap();
        (kind.name, config.build().unwrap())
    })
}

#[test]
fn start_is_finite_and_inside_every_window() {
    for (name, surface) in default_surfaces() {
        assert!(surface.window().contains(surface.start()), "{name}");
    }
}

#[test]
fn listed_minima_are_the_lowest_points_of_the_window() {
    for (name, surface) in default_surfaces() {
        let minima = surface.minima();
        let Some(lowest) = minima.iter().map(|&m| surface.value(m)).reduce(f64::min) else { continue };
        let tolerance = 1e-12 * lowest.abs().max(1.0);
        for m in minima {
            assert!(surface.value(m) - lowest <= tolerance, "{name}: minimum {m:?} is not as low as the others");
            let g = surface.gradient(m);
            assert!(g[0].abs() < 1e-9 && g[1].abs() < 1e-9, "{name} gradient at {m:?}: {g:?}");
            let h = surface.hessian(m);
            assert!(h[0][0] > 0.0 && h[0][0] * h[1][1] - h[0][1] * h[1][0] > 0.0, "{name} Hessian at {m:?}: {h:?}");
        }
        let w = surface.window();
        let steps = 200;
        for i in 0..=steps {
            for j in 0..=steps {
                let (u, v) = (f64::from(i) / f64::from(steps), f64::from(j) / f64::from(steps));
                let p = [w.x_min + u * (w.x_max - w.x_min), w.y_min + v * (w.y_max - w.y_min)];
                assert!(surface.value(p) >= lowest - tolerance, "{name}: {p:?} is below the listed minima");
            }
        }
    }
}
