//! Optimizers as Python: the `torch.optim` class for every optimizer torch
//! has, otherwise a `PointOptimizer` subclass from `python/optimizers/` that
//! writes the update rule out in a few lines of tensor code (SPEC §2/§2b, in
//! the order of operations of the optimizer's Rust file).

use super::text;
use crate::optim::OptimizerConfig;
use crate::spec::params::Value;

/// Each written-out optimizer's class: the optimizer (or form) it stands
/// for, its Python class name, its file, and the settings its constructor
/// takes.
const CLASSES: [(&str, &str, &str, &[&str]); 19] = [
    ("momentum:ema", "MomentumEma", include_str!("python/optimizers/momentum_ema.py"), &["momentum", "weight_decay"]),
    (
        "nesterov:lookahead",
        "NesterovLookahead",
        include_str!("python/optimizers/nesterov_lookahead.py"),
        &["momentum", "weight_decay"],
    ),
    ("lion", "Lion", include_str!("python/optimizers/lion.py"), &[]),
    ("newton", "Newton", include_str!("python/optimizers/newton.py"), &[]),
    ("adabelief", "AdaBelief", include_str!("python/optimizers/adabelief.py"), &[]),
    ("yogi", "Yogi", include_str!("python/optimizers/yogi.py"), &[]),
    ("adan", "Adan", include_str!("python/optimizers/adan.py"), &[]),
    ("lamb", "Lamb", include_str!("python/optimizers/lamb.py"), &[]),
    ("novograd", "NovoGrad", include_str!("python/optimizers/novograd.py"), &[]),
    ("polyak_sgd", "PolyakSgd", include_str!("python/optimizers/polyak_sgd.py"), &[]),
    ("fromage", "Fromage", include_str!("python/optimizers/fromage.py"), &[]),
    ("lookahead", "Lookahead", include_str!("python/optimizers/lookahead.py"), &[]),
    ("schedule_free_adamw", "ScheduleFreeAdamW", include_str!("python/optimizers/schedule_free_adamw.py"), &[]),
    ("prodigy", "Prodigy", include_str!("python/optimizers/prodigy.py"), &[]),
    ("sam", "Sam", include_str!("python/optimizers/sam.py"), &[]),
    ("adopt", "Adopt", include_str!("python/optimizers/adopt.py"), &[]),
    ("ademamix", "AdEMAMix", include_str!("python/optimizers/ademamix.py"), &[]),
    ("qhm", "Qhm", include_str!("python/optimizers/qhm.py"), &[]),
    ("qhadam", "QhAdam", include_str!("python/optimizers/qhadam.py"), &[]),
];

/// The base class of the written-out optimizers.
pub(super) const POINT_OPTIMIZER: &str = include_str!("python/point_optimizer.py");

/// How one optimizer is made in a script.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Construction {
    /// The expression that builds it from `params`, e.g.
    /// `torch.optim.Adam(params, lr=0.01, …)`.
    pub expression: String,
    /// The written-out class it needs, if it is not torch's own.
    pub class: Option<&'static str>,
}

/// What a construction may pass besides the optimizer's own settings.
#[derive(Clone, Copy, Debug)]
pub(super) struct Extras<'a> {
    /// The name of the schedule's factor function (schedule-free AdamW reads
    /// the next step's rate itself).
    pub schedule: &'a str,
}

/// The expression that builds `config` for a parameter list `params`.
pub(super) fn construction(config: &OptimizerConfig, extras: Extras<'_>) -> Construction {
    let setting = |name: &str| config.settings().iter().find(|(param, _)| param.name == name).map(|(_, v)| v.clone());
    let lit = |name: &str| setting(name).as_ref().map_or_else(|| "None".to_owned(), text::value);
    let pair = |a: &str, b: &str| format!("({}, {})", lit(a), lit(b));
    let torch = |class: &str, args: Vec<(String, String)>| {
        let args: Vec<String> = args.into_iter().map(|(key, value)| format!("{key}={value}")).collect();
        Construction { expression: format!("torch.optim.{class}(params, {})", args.join(", ")), class: None }
    };
    let named = |names: &[&str]| names.iter().map(|n| ((*n).to_owned(), lit(n))).collect::<Vec<_>>();
    let with = |mut args: Vec<(String, String)>, more: Vec<(&str, String)>| {
        args.extend(more.into_iter().map(|(k, v)| (k.to_owned(), v)));
        args
    };
    let form = form_of(config, "form");
    let name = config.name();
    match (name, form) {
        ("sgd", _) => torch("SGD", named(&["lr", "weight_decay"])),
        ("momentum", "pytorch") => torch("SGD", named(&["lr", "momentum", "dampening", "weight_decay"])),
        ("nesterov", "pytorch") => {
            torch("SGD", with(named(&["lr", "momentum", "weight_decay"]), vec![("nesterov", "True".to_owned())]))
        }
        ("adagrad", _) => {
            torch("Adagrad", named(&["lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps"]))
        }
        ("rmsprop", _) => torch("RMSprop", named(&["lr", "alpha", "eps", "weight_decay", "momentum", "centered"])),
        ("adam" | "adamw", _) => torch(
            if name == "adam" { "Adam" } else { "AdamW" },
            with(named(&["lr"]), vec![("betas", pair("beta1", "beta2"))])
                .into_iter()
                .chain(named(&["eps", "weight_decay", "amsgrad"]))
                .collect(),
        ),
        ("nadam", _) => torch(
            "NAdam",
            with(named(&["lr"]), vec![("betas", pair("beta1", "beta2"))])
                .into_iter()
                .chain(named(&["eps", "weight_decay", "momentum_decay"]))
                .collect(),
        ),
        ("radam" | "adamax", _) => torch(
            if name == "radam" { "RAdam" } else { "Adamax" },
            with(named(&["lr"]), vec![("betas", pair("beta1", "beta2"))])
                .into_iter()
                .chain(named(&["eps", "weight_decay"]))
                .collect(),
        ),
        ("adadelta", _) => torch("Adadelta", named(&["lr", "rho", "eps", "weight_decay"])),
        ("rprop", _) => torch(
            "Rprop",
            with(
                named(&["lr"]),
                vec![("etas", pair("eta_minus", "eta_plus")), ("step_sizes", pair("step_size_min", "step_size_max"))],
            ),
        ),
        ("asgd", _) => torch("ASGD", named(&["lr", "lambd", "alpha", "t0", "weight_decay"])),
        ("adafactor", _) => torch(
            "Adafactor",
            with(named(&["lr", "beta2_decay"]), vec![("eps", pair("eps1", "eps2"))])
                .into_iter()
                .chain(named(&["d", "weight_decay"]))
                .collect(),
        ),
        ("lbfgs", _) => {
            let max_eval = match setting("max_eval") {
                Some(Value::Integer(0)) | None => "None".to_owned(),
                Some(other) => text::value(&other),
            };
            let line_search = if form_of(config, "line_search") == "strong_wolfe" {
                "\"strong_wolfe\"".to_owned()
            } else {
                "None".to_owned()
            };
            let mut args = named(&["lr", "max_iter"]);
            args.push(("max_eval".to_owned(), max_eval));
            args.extend(named(&["tolerance_grad", "tolerance_change", "history_size"]));
            args.push(("line_search_fn".to_owned(), line_search));
            torch("LBFGS", args)
        }
        _ => written_out(config, form, extras),
    }
}

/// A choice setting's word ("" when there is none).
fn form_of(config: &OptimizerConfig, key: &str) -> &'static str {
    config
        .settings()
        .iter()
        .find_map(|(param, value)| match value {
            Value::Choice(word) if param.name == key => Some(*word),
            _ => None,
        })
        .unwrap_or("")
}

/// An optimizer torch does not have: its class with its settings by name.
fn written_out(config: &OptimizerConfig, form: &str, extras: Extras<'_>) -> Construction {
    let key = format!("{}:{form}", config.name());
    let Some((_, class, source, only)) =
        CLASSES.iter().find(|(name, ..)| *name == key || *name == config.name()).copied()
    else {
        unreachable!("every optimizer is torch's or written out: {key}")
    };
    let mut args: Vec<String> = config
        .settings()
        .iter()
        .filter(|(param, _)| param.name == "lr" || only.is_empty() || only.contains(&param.name))
        .map(|(param, value)| format!("{}={}", param.name, text::value(value)))
        .collect();
    match config.name() {
        "nesterov" | "sam" => args.push("gradient=gradient".to_owned()),
        "newton" => args.push("hessian=hessian".to_owned()),
        "schedule_free_adamw" => args.push(format!("schedule={}", extras.schedule)),
        _ => {}
    }
    Construction { expression: format!("{class}(params, {})", args.join(", ")), class: Some(source) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::OPTIMIZERS;

    const EXTRAS: Extras<'static> = Extras { schedule: "constant" };

    fn build(spec: &str) -> Construction {
        construction(&spec.parse().expect("a valid spec"), EXTRAS)
    }

    #[test]
    fn torch_has_its_own_and_the_rest_are_written_out() {
        let adam = build("adam:lr=0.01");
        assert_eq!(
            adam.expression,
            "torch.optim.Adam(params, lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False)"
        );
        assert_eq!(adam.class, None);
        assert!(build("nesterov").expression.contains("nesterov=True"));
        assert!(build("nesterov:form=lookahead").expression.starts_with("NesterovLookahead(params, lr=0.01"));
        assert_eq!(
            build("momentum:form=ema").expression,
            "MomentumEma(params, lr=0.01, momentum=0.9, weight_decay=0.0)"
        );
        assert!(build("lbfgs:line_search=strong_wolfe").expression.contains("max_eval=None"));
        assert!(build("lbfgs:line_search=strong_wolfe").expression.contains("line_search_fn=\"strong_wolfe\""));
        assert!(build("schedule_free_adamw").expression.ends_with("schedule=constant)"));
        let lion = build("lion");
        assert_eq!(lion.expression, "Lion(params, lr=0.0001, beta1=0.9, beta2=0.99, weight_decay=0.0)");
        assert!(lion.class.is_some_and(|source| source.contains("class Lion(PointOptimizer)")));
    }

    #[test]
    fn every_optimizer_and_form_is_made_somehow() {
        for info in OPTIMIZERS {
            let config = OptimizerConfig::with_defaults(info);
            let made = construction(&config, EXTRAS);
            let class_name = made.expression.split('(').next().unwrap_or_default().to_owned();
            match made.class {
                None => assert!(class_name.starts_with("torch.optim."), "{}", info.kind.name),
                Some(source) => assert!(source.contains(&format!("class {class_name}(")), "{}", info.kind.name),
            }
        }
    }
}
