//! Optimizers: each a small type with its own state that steps a parameter
//! vector of any length. A 2-vector on a surface and the thousands of weights
//! of a network go through the same code.
//!
//! Update rules, parameter names and defaults follow `torch.optim`, optax
//! (Lion, AdaBelief, Yogi, Adan, LAMB, NovoGrad, Fromage, and from
//! `optax.contrib` AdEMAMix and ADOPT) or pytorch_optimizer (QHM, QHAdam),
//! keeping the reference's order of floating-point operations so that
//! trajectories agree to rounding.

// Updates index several state vectors in step; an index reads clearest.
#![allow(clippy::needless_range_loop)]

mod adabelief;
mod adadelta;
mod adafactor;
mod adagrad;
mod adam;
mod adamax;
mod adan;
mod ademamix;
mod adopt;
mod asgd;
mod family;
mod fromage;
mod lamb;
mod lbfgs;
mod lion;
mod lookahead;
mod momentum;
mod nadam;
mod nesterov;
mod newton;
mod novograd;
mod polyak_sgd;
mod prodigy;
mod qhadam;
mod qhm;
mod radam;
mod rmsprop;
mod rprop;
mod sam;
pub mod schedule;
mod schedule_free_adamw;
mod sgd;
mod yogi;

use std::fmt;
use std::str::FromStr;

pub use family::Family;

use crate::optim::schedule::Schedule;
use crate::spec::error::SpecError;
use crate::spec::key::Key;
use crate::spec::params::{Bound, Kind, ParamKind, ParamSpec, Value};
use crate::spec::settings::{Settings, Values};

/// Answers an optimizer's questions about the objective.
///
/// Optimizers ask for gradients at any point they need: Nesterov's look-ahead
/// form asks at a second point, Newton also asks for the Hessian.
pub trait Oracle {
    /// Writes ∇f(`point`) into `gradient` (both of the problem's dimension).
    fn gradient(&mut self, point: &[f64], gradient: &mut [f64]);

    /// f(`point`), for the optimizers that read the loss itself (L-BFGS's
    /// line search, the Polyak step). Not counted as an evaluation: those
    /// optimizers ask for the gradient at the same point too.
    fn value(&mut self, point: &[f64]) -> f64;

    /// Writes the Hessian at `point` into `hessian` (row-major, dim × dim).
    /// Returns `false` when the objective has no Hessian to offer.
    fn hessian(&mut self, point: &[f64], hessian: &mut [f64]) -> bool;
}

/// Why a step could not be taken; the run ends as if it had diverged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StepFailure {
    /// Newton's linear system `(H + damping·I)·d = g` has no solution.
    #[error("the Hessian is singular")]
    SingularHessian,
    /// The objective offers no Hessian (a network), so Newton cannot step.
    #[error("the objective has no Hessian")]
    NoHessian,
}

/// What an optimizer keeps beside its current point that is part of the
/// lesson, and so is recorded and drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompanionKind {
    /// A running average of the points (ASGD, schedule-free AdamW): one
    /// point, the start at first.
    Averaged,
    /// Lookahead's slow weights: one point, the start at first.
    Slow,
    /// SAM's ascent points, where it evaluated its extra gradients: the
    /// same number each step, none at the start.
    Adversarial,
}

impl CompanionKind {
    /// The key of its list in a JSON trace (`averaged`, `slow`, `adversarial`).
    pub fn key(self) -> &'static str {
        match self {
            CompanionKind::Averaged => "averaged",
            CompanionKind::Slow => "slow",
            CompanionKind::Adversarial => "adversarial",
        }
    }

    /// What it is called on the plot.
    pub fn title(self) -> &'static str {
        match self {
            CompanionKind::Averaged => "averaged point",
            CompanionKind::Slow => "slow weights",
            CompanionKind::Adversarial => "adversarial points",
        }
    }

    /// Whether it is a point from the start on (one per point of the
    /// trajectory), rather than points a step leaves behind.
    pub fn follows_the_point(self) -> bool {
        matches!(self, CompanionKind::Averaged | CompanionKind::Slow)
    }
}

/// How an optimizer reads the learning-rate schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleUse {
    /// Step t is given lr·factor(t − 1).
    PerStep,
    /// The schedule restarts every n steps: step t is given
    /// lr·factor((t − 1) mod n) (Lookahead resetting its inner Adam).
    Cycle(u64),
    /// As `PerStep`, and before each step also the next step's rate
    /// lr·factor(t), through [`Optimizer::set_next_lr`] (schedule-free
    /// AdamW's averaging weight).
    WithNext,
}

impl ScheduleUse {
    /// The learning rate of the step after `steps` steps at base rate
    /// `base`, having given `optimizer` the next step's rate if it reads it.
    #[inline]
    pub fn rate(self, base: f64, schedule: &Schedule, steps: u64, optimizer: &mut dyn Optimizer) -> f64 {
        match self {
            ScheduleUse::PerStep => base * schedule.factor(steps),
            ScheduleUse::Cycle(period) => base * schedule.factor(steps % period),
            ScheduleUse::WithNext => {
                optimizer.set_next_lr(base * schedule.factor(steps.saturating_add(1)));
                base * schedule.factor(steps)
            }
        }
    }
}

/// A gradient-based optimizer with its state.
pub trait Optimizer: Send + fmt::Debug {
    /// Forgets all state and prepares for parameter vectors of length `dim`.
    fn reset(&mut self, dim: usize);

    /// What the optimizer keeps beside the point, and how many points of it
    /// each step leaves; `None` for most.
    fn companion_kind(&self) -> Option<(CompanionKind, usize)> {
        None
    }

    /// The companion points after the last step, `dim` numbers each, as
    /// many as [`Optimizer::companion_kind`] says (none before a step).
    fn companion(&self) -> &[f64] {
        &[]
    }

    /// Whether a step allocates (Newton's factorisation, L-BFGS's history
    /// and line search); every other optimizer steps in the memory `reset`
    /// gave it.
    fn allocates(&self) -> bool {
        false
    }

    /// How it reads the schedule (once, when the run starts).
    fn schedule_use(&self) -> ScheduleUse {
        ScheduleUse::PerStep
    }

    /// Takes the next step's learning rate, for an optimizer whose
    /// [`Optimizer::schedule_use`] is [`ScheduleUse::WithNext`].
    fn set_next_lr(&mut self, _lr: f64) {}

    /// Whether a step may spend other than one gradient evaluation (L-BFGS,
    /// SAM, Newton, whose Hessian counts as `dim` evaluations), so that the
    /// count per step is worth reporting.
    fn counts_evaluations(&self) -> bool {
        false
    }

    /// The update rule of [`Optimizer::step`], compiled for any CPU; call
    /// `step`, which runs it with FMA and AVX where the CPU has them.
    fn update(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure>;

    /// Takes one step on `params` in place with learning rate `lr` (already
    /// scheduled), asking `oracle` for what it needs. Does not allocate
    /// unless [`Optimizer::allocates`] says so.
    fn step(&mut self, params: &mut [f64], lr: f64, oracle: &mut dyn Oracle) -> Result<(), StepFailure> {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("fma") {
            // SAFETY: the CPU has FMA, the one feature `update_with_fma` assumes.
            return unsafe { update_with_fma(self, params, lr, oracle) };
        }
        self.update(params, lr, oracle)
    }
}

/// [`Optimizer::update`] compiled for CPUs with fused multiply-add, as
/// [`crate::util::simd`] explains; each optimizer's `update` is
/// `#[inline(always)]`, so `mul_add` becomes one instruction. (Not through
/// `simd::with_fma`: a closure around the step measured 5–10 ns slower on a
/// 2-D Adam step.)
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "fma")]
unsafe fn update_with_fma<O: Optimizer + ?Sized>(
    optimizer: &mut O,
    params: &mut [f64],
    lr: f64,
    oracle: &mut dyn Oracle,
) -> Result<(), StepFailure> {
    optimizer.update(params, lr, oracle)
}

/// Static description of an optimizer: its parameters, its update rule, and
/// how to build it.
pub struct OptimizerInfo {
    /// Name and hyperparameter table.
    pub kind: Kind,
    /// The family the app lists it under.
    pub family: Family,
    /// The update rule as formulas, one line each, for the app's formula panel.
    pub update_rule: &'static [&'static str],
    /// Whether it needs the Hessian (only Newton).
    pub needs_hessian: bool,
    /// Whether a coordinate's step may depend on the other coordinates
    /// through a norm of the whole vector (LAMB, NovoGrad, Fromage), not
    /// only through the gradient.
    pub whole_vector: bool,
    /// Rejects values that are each valid but not together.
    check: fn(Values<'_>) -> Result<(), SpecError>,
    /// Where its table holds the learning rate, which the engine reads.
    lr: Key<f64>,
    /// Makes the optimizer from its values (every one but `lr`).
    build: fn(Values<'_>) -> Box<dyn Optimizer>,
}

/// The key of the learning rate in an optimizer's table `params`; fails to
/// compile unless there is an `lr` that takes every [`LearningRate`].
const fn learning_rate(params: &[ParamSpec]) -> Key<f64> {
    let key = Key::real(params, "lr");
    match params[key.index].kind {
        ParamKind::Real { min: Bound::Exclusive(0.0), max: Bound::Unbounded, .. } => key,
        _ => panic!("an optimizer's lr must take every value > 0"),
    }
}

/// A learning rate every optimizer takes: finite and greater than 0.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct LearningRate(f64);

impl LearningRate {
    /// `lr` if it is finite and greater than 0.
    pub fn new(lr: f64) -> Option<LearningRate> {
        (lr.is_finite() && lr > 0.0).then_some(LearningRate(lr))
    }
}

impl fmt::Debug for OptimizerInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OptimizerInfo").field("name", &self.kind.name).finish()
    }
}

/// All optimizers, in the order they are listed: the registry. A new
/// optimizer is a file in `src/optim/` with its `INFO` and one line here.
pub static OPTIMIZERS: [&OptimizerInfo; 32] = [
    &sgd::INFO,
    &momentum::INFO,
    &nesterov::INFO,
    &adagrad::INFO,
    &rmsprop::INFO,
    &adam::ADAM,
    &adam::ADAMW,
    &nadam::INFO,
    &radam::INFO,
    &adamax::INFO,
    &adadelta::INFO,
    &lion::INFO,
    &adabelief::INFO,
    &yogi::INFO,
    &adan::INFO,
    &lamb::INFO,
    &ademamix::INFO,
    &adopt::INFO,
    &novograd::INFO,
    &fromage::INFO,
    &qhm::INFO,
    &qhadam::INFO,
    &rprop::INFO,
    &asgd::INFO,
    &adafactor::INFO,
    &polyak_sgd::INFO,
    &prodigy::INFO,
    &lookahead::INFO,
    &sam::INFO,
    &schedule_free_adamw::INFO,
    &newton::INFO,
    &lbfgs::INFO,
];

fn kinds() -> impl Iterator<Item = &'static Kind> + Clone {
    OPTIMIZERS.iter().map(|info| &info.kind)
}

/// The optimizer called `name`, if there is one.
pub fn find(name: &str) -> Option<&'static OptimizerInfo> {
    OPTIMIZERS.iter().copied().find(|info| info.kind.name == name)
}

/// An optimizer chosen by name with its hyperparameters, a display label
/// and, in a race, its own gradient noise σ or mini-batch size, e.g.
/// `adam:lr=0.01,beta1=0.8,label=fast` or `sgd:lr=0.05,batch=1,label=SGD`.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimizerConfig {
    info: &'static OptimizerInfo,
    settings: Settings,
    label: Option<String>,
    batch: Option<usize>,
    noise: Option<f64>,
}

/// The keys a spec string holds beside the optimizer's own parameters.
const RUN_KEYS: [&str; 3] = ["label", "batch", "noise"];

impl PartialEq for OptimizerInfo {
    fn eq(&self, other: &Self) -> bool {
        self.kind.name == other.kind.name
    }
}

impl OptimizerConfig {
    /// The optimizer `info` with its default hyperparameters.
    pub fn with_defaults(info: &'static OptimizerInfo) -> OptimizerConfig {
        let settings = match Settings::defaults(&info.kind) {
            Ok(settings) => settings,
            Err(e) => unreachable!("every optimizer parameter has a default: {e}"),
        };
        OptimizerConfig { info, settings, label: None, batch: None, noise: None }
    }

    /// The static description.
    pub fn info(&self) -> &'static OptimizerInfo {
        self.info
    }

    /// The optimizer's name (`adam`).
    pub fn name(&self) -> &'static str {
        self.info.kind.name
    }

    /// The display label: the one given, or the name.
    pub fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(self.info.kind.name)
    }

    /// The label only if one was given.
    pub fn custom_label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// Sets or clears the label; a label may not contain `,` (spec strings use it).
    pub fn set_label(&mut self, label: Option<String>) -> Result<(), SpecError> {
        if let Some(text) = &label {
            if text.contains(',') || text.trim().is_empty() {
                return Err(SpecError::BadValue {
                    kind: self.name(),
                    key: "label".to_owned(),
                    text: text.clone(),
                    reason: "must be non-empty text without commas".to_owned(),
                });
            }
        }
        self.label = label.map(|l| l.trim().to_owned());
        Ok(())
    }

    /// The run's own mini-batch size on a data surface, if it has one
    /// (else the race's applies).
    pub fn batch(&self) -> Option<usize> {
        self.batch
    }

    /// Sets or clears the run's own mini-batch size (at least one row; the
    /// race checks it against its data).
    pub fn set_batch(&mut self, batch: Option<usize>) -> Result<(), SpecError> {
        if batch == Some(0) {
            return Err(self.bad_run_value("batch", "0".to_owned(), "must be a whole number of rows ≥ 1"));
        }
        self.batch = batch;
        Ok(())
    }

    /// The run's own gradient noise σ in a race, if it has one (else the
    /// race's applies).
    pub fn noise(&self) -> Option<f64> {
        self.noise
    }

    /// Sets or clears the run's own gradient noise σ (finite, ≥ 0).
    pub fn set_noise(&mut self, sigma: Option<f64>) -> Result<(), SpecError> {
        if let Some(sigma) = sigma.filter(|s| !(s.is_finite() && *s >= 0.0)) {
            return Err(self.bad_run_value("noise", sigma.to_string(), "must be a finite σ ≥ 0"));
        }
        self.noise = sigma;
        Ok(())
    }

    /// The error of a run key's value.
    fn bad_run_value(&self, key: &str, text: String, reason: &str) -> SpecError {
        SpecError::BadValue { kind: self.name(), key: key.to_owned(), text, reason: reason.to_owned() }
    }

    /// The base learning rate (before any schedule).
    pub fn lr(&self) -> f64 {
        self.settings.get(self.info.lr)
    }

    /// Sets the base learning rate, which every optimizer takes.
    pub fn set_lr(&mut self, lr: LearningRate) {
        self.settings.replace_real(self.info.lr, lr.0);
    }

    /// The hyperparameter values.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Sets hyperparameter `name`; on error (a value out of its range, or
    /// one that does not fit the others) nothing changes.
    pub fn set(&mut self, name: &str, value: Value) -> Result<(), SpecError> {
        let before = self.settings.clone();
        self.settings.set(name, value)?;
        (self.info.check)(self.settings.values()).inspect_err(|_| self.settings = before)
    }

    /// Builds the optimizer, ready for parameter vectors of length `dim`.
    pub fn build(&self, dim: usize) -> Box<dyn Optimizer> {
        let mut optimizer = (self.info.build)(self.settings.values());
        optimizer.reset(dim);
        optimizer
    }
}

impl FromStr for OptimizerConfig {
    type Err = SpecError;

    fn from_str(text: &str) -> Result<Self, SpecError> {
        let parsed = Settings::parse(text, "optimizer", "adam:lr=0.01", kinds(), &RUN_KEYS)?;
        let info = find(parsed.settings.kind().name).unwrap_or_else(|| unreachable!("parsed from the registry"));
        (info.check)(parsed.settings.values())?;
        let mut config = OptimizerConfig { info, settings: parsed.settings, label: None, batch: None, noise: None };
        for (key, value) in parsed.extras {
            match key {
                "batch" => match value.trim().parse::<usize>() {
                    Ok(rows) => config.set_batch(Some(rows))?,
                    Err(_) => return Err(config.bad_run_value(key, value, "is not a whole number of rows ≥ 1")),
                },
                "noise" => match value.trim().parse::<f64>() {
                    Ok(sigma) => config.set_noise(Some(sigma))?,
                    Err(_) => return Err(config.bad_run_value(key, value, "is not a number (must be a finite σ ≥ 0)")),
                },
                _ => config.set_label(Some(value))?,
            }
        }
        Ok(config)
    }
}

impl fmt::Display for OptimizerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let batch = self.batch.map(|rows| rows.to_string());
        let noise = self.noise.map(crate::util::number::shortest);
        let extras: Vec<(&str, &str)> =
            [("batch", batch.as_deref()), ("noise", noise.as_deref()), ("label", self.label.as_deref())]
                .into_iter()
                .filter_map(|(key, value)| Some((key, value?)))
                .collect();
        self.settings.write_spec(f, &extras)
    }
}

/// Asks `oracle` for the gradient at `params` and adds `weight_decay·params`
/// (L2 regularisation, as torch's `grad.add(param, alpha=weight_decay)`).
#[inline]
fn decayed_gradient(oracle: &mut dyn Oracle, params: &[f64], weight_decay: f64, gradient: &mut [f64]) {
    oracle.gradient(params, gradient);
    if weight_decay != 0.0 {
        for (g, p) in gradient.iter_mut().zip(params) {
            *g = add_scaled(*g, weight_decay, *p);
        }
    }
}

// torch's CPU kernels are compiled with fused multiply-add, so `a + α·b`
// rounds once. The helpers below reproduce each kernel's rounding exactly;
// on chaotic runs (RMSProp in Rosenbrock's valley) one ulp grows into a
// visibly different path within a few hundred steps.

/// torch's `a.add(b, alpha=α)`: `a + α·b`, one rounding.
#[inline]
fn add_scaled(a: f64, alpha: f64, b: f64) -> f64 {
    alpha.mul_add(b, a)
}

/// torch's `s.addcmul(t1, t2, value=c)`: `s + c·t1·t2`, the last product fused.
#[inline]
fn addcmul(s: f64, c: f64, t1: f64, t2: f64) -> f64 {
    (c * t1).mul_add(t2, s)
}

/// torch's `s.addcdiv(t1, t2, value=c)`: `s + c·t1/t2`.
#[inline]
fn addcdiv(s: f64, c: f64, t1: f64, t2: f64) -> f64 {
    s + c * t1 / t2
}

/// torch's `lerp`: `start + weight·(end − start)`, computed from the nearer end.
#[inline]
fn lerp(start: f64, end: f64, weight: f64) -> f64 {
    if weight.abs() < 0.5 {
        weight.mul_add(end - start, start)
    } else {
        (start - end).mul_add(1.0 - weight, end)
    }
}

/// `jnp.maximum`: the larger, NaN if either is (`f64::max` drops a NaN).
#[inline]
fn maximum(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.max(b)
    }
}

/// The sign with sign(0) = 0 and NaN kept (`f64::signum(0.0)` is 1), as
/// `jnp.sign` and torch's `sign`.
#[inline]
fn sign(v: f64) -> f64 {
    if v == 0.0 || v.is_nan() {
        v
    } else {
        v.signum()
    }
}

/// The 2-norm as XLA rounds `jnp.linalg.norm` (and optax's `tree_norm`):
/// √fma(v₀, v₀, v₁·v₁) on a 2-vector, i.e. the squares summed with fused
/// multiply-adds from the last coordinate back to the first (the natural
/// generalisation to longer vectors).
#[inline]
fn norm_xla(v: &[f64]) -> f64 {
    v.iter().rev().fold(0.0, |sum, x| x.mul_add(*x, sum)).sqrt()
}

/// The 2-norm as torch's CPU kernel rounds it: √fma(v₁, v₁, v₀·v₀) on a
/// 2-vector, the squares summed with fused multiply-adds from the first
/// coordinate on.
#[inline]
fn norm_torch(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |sum, x| x.mul_add(*x, sum)).sqrt()
}

/// optax's bias correction, one factor per step: bc(m, β, t) = m·(1/(1 − βᵗ))
/// (XLA multiplies by the reciprocal rather than dividing, which changes the
/// last bit), βᵗ rounded correctly as in [`Powers`].
#[derive(Clone, Copy, Debug)]
struct BiasCorrection {
    powers: Powers,
}

impl BiasCorrection {
    /// The factors for t = 1, 2, … of decay rate `beta`.
    fn new(beta: f64) -> BiasCorrection {
        BiasCorrection { powers: Powers::new(beta) }
    }

    /// The factors starting one step ahead, at t = 2 (Nesterov's look-ahead).
    fn ahead(beta: f64) -> BiasCorrection {
        let mut factors = BiasCorrection::new(beta);
        factors.powers.next();
        factors
    }

    /// The next factor 1/(1 − βᵗ).
    #[allow(clippy::should_implement_trait)]
    #[inline]
    fn next(&mut self) -> f64 {
        1.0 / (1.0 - self.powers.next())
    }
}

/// The powers β¹, β², β³, … of a decay rate, one per step, each equal to
/// `β.powf(t)` rounded correctly, at a few nanoseconds instead of a `pow`
/// call: the running product is kept in double-double precision, whose
/// error after even 10⁷ steps is far below half an ulp.
#[derive(Clone, Copy, Debug)]
struct Powers {
    base: f64,
    hi: f64,
    lo: f64,
}

impl Powers {
    /// β⁰ = 1; the first [`Powers::next`] returns β¹.
    fn new(base: f64) -> Powers {
        Powers { base, hi: 1.0, lo: 0.0 }
    }

    /// The next power.
    #[allow(clippy::should_implement_trait)]
    #[inline]
    fn next(&mut self) -> f64 {
        let product = self.hi * self.base;
        let error = self.hi.mul_add(self.base, -product) + self.lo * self.base;
        self.hi = product + error;
        self.lo = error - (self.hi - product);
        self.hi
    }
}

/// Adam's running moments: `m ← β₁·m + (1 − β₁)·g` (torch's `lerp`) and
/// `v ← β₂·v + (1 − β₂)·g²`, shared by Adam, AdamW, NAdam and RAdam.
#[derive(Debug, Default)]
struct Moments {
    exp_avg: Vec<f64>,
    exp_avg_sq: Vec<f64>,
}

impl Moments {
    fn reset(&mut self, dim: usize) {
        self.exp_avg = vec![0.0; dim];
        self.exp_avg_sq = vec![0.0; dim];
    }

    /// Updates coordinate `i` with gradient `g` and returns the new (m, v).
    #[inline]
    fn update(&mut self, i: usize, g: f64, beta1: f64, beta2: f64) -> (f64, f64) {
        let (m, v) = next_moments(self.exp_avg[i], self.exp_avg_sq[i], g, beta1, beta2);
        self.exp_avg[i] = m;
        self.exp_avg_sq[i] = v;
        (m, v)
    }

    /// [`Moments::update`] of both coordinates of a 2-vector, in lockstep.
    #[inline(always)]
    fn update_pair(&mut self, g: [f64; 2], beta1: f64, beta2: f64) -> ([f64; 2], [f64; 2]) {
        let (m, v) = (&mut self.exp_avg[..2], &mut self.exp_avg_sq[..2]);
        let (m0, v0) = next_moments(m[0], v[0], g[0], beta1, beta2);
        let (m1, v1) = next_moments(m[1], v[1], g[1], beta1, beta2);
        (m[0], m[1], v[0], v[1]) = (m0, m1, v0, v1);
        ([m0, m1], [v0, v1])
    }
}

/// The moments after gradient `g`: `m ← β₁·m + (1 − β₁)·g` (torch's `lerp`)
/// and `v ← β₂·v + (1 − β₂)·g²`.
#[inline(always)]
fn next_moments(m: f64, v: f64, g: f64, beta1: f64, beta2: f64) -> (f64, f64) {
    (lerp(m, g, 1.0 - beta1), addcmul(v * beta2, 1.0 - beta2, g, g))
}

/// Shared parameter descriptions.
mod common {
    use crate::spec::params::{non_negative, positive, unit_interval, ParamSpec, Scale};

    pub const fn lr(default: f64) -> ParamSpec {
        positive("lr", default, (1e-5, 10.0), "learning rate: the step size")
    }

    pub const WEIGHT_DECAY: ParamSpec =
        non_negative("weight_decay", 0.0, Scale::Linear, (0.0, 1.0), "L2 penalty: pulls parameters towards zero");

    pub const BETA1: ParamSpec = unit_interval("beta1", 0.9, "decay of the running mean of gradients (first moment)");

    pub const BETA2: ParamSpec =
        unit_interval("beta2", 0.999, "decay of the running mean of squared gradients (second moment)");

    pub const fn eps(default: f64) -> ParamSpec {
        non_negative("eps", default, Scale::Log, (1e-12, 1e-1), "added to the denominator to avoid division by zero")
    }

    pub const fn eps_root(default: f64) -> ParamSpec {
        non_negative(
            "eps_root",
            default,
            Scale::Log,
            (1e-16, 1e-4),
            "added to the second moment inside the square root",
        )
    }

    pub const fn flag_nesterov() -> ParamSpec {
        crate::spec::params::flag("nesterov", "use the look-ahead (Nesterov) form of the momentum")
    }

    pub const MOMENTUM: ParamSpec = unit_interval("momentum", 0.9, "how much of the previous step is kept");

    pub const fn flag_amsgrad() -> ParamSpec {
        crate::spec::params::flag("amsgrad", "use the running maximum of the second moment")
    }
}

#[cfg(test)]
mod tests {
    use super::{norm_xla, sign, OptimizerConfig, Powers, OPTIMIZERS};

    #[test]
    fn every_optimizer_reads_its_whole_table() {
        for info in OPTIMIZERS {
            let config = OptimizerConfig::with_defaults(info);
            // The engine reads lr (through `OptimizerConfig::lr`); the build function all the rest.
            let unread = config.settings.unread_by(|values| drop((info.build)(values)));
            assert_eq!(unread, ["lr"], "{}", info.kind.name);
            assert_eq!(info.lr.name(), "lr");
        }
    }

    #[test]
    fn values_that_do_not_fit_together_are_refused_and_change_nothing() {
        let error = "rprop:step_size_min=1,step_size_max=0.5".parse::<OptimizerConfig>().unwrap_err();
        assert_eq!(error.to_string(), "rprop: step_size_min=1 must not exceed step_size_max=0.5");
        let mut config: OptimizerConfig = "rprop:step_size_min=0.001".parse().unwrap();
        assert!(config.set("step_size_max", crate::spec::params::Value::Real(1e-4)).is_err());
        assert_eq!(config, "rprop:step_size_min=0.001".parse().unwrap(), "the refused value changed nothing");
        assert!(config.set("step_size_max", crate::spec::params::Value::Real(0.01)).is_ok());
    }

    #[test]
    fn sign_of_zero_is_zero() {
        assert_eq!(sign(0.0), 0.0);
        assert_eq!(sign(-3.0), -1.0);
        assert_eq!(sign(2.0), 1.0);
    }

    #[test]
    fn norms_sum_the_squares_in_xlas_order() {
        assert_eq!(norm_xla(&[3.0, 4.0, 12.0]), 13.0);
        assert_eq!(norm_xla(&[]), 0.0);
        // Which square is fused decides the last bit.
        let (a, b) = (1.0 + 3.0 * f64::EPSILON, 0.1);
        assert_eq!(norm_xla(&[a, b]), a.mul_add(a, b * b).sqrt());
    }

    #[test]
    fn powers_agree_with_powf_to_an_ulp() {
        // glibc's pow is occasionally one ulp off the exact power (e.g.
        // 0.999^2904); the double-double product is not, so the two may
        // differ by that ulp and never by more.
        for base in [0.9, 0.999, 0.99, 0.8, 0.85, 0.7, 0.95, 0.98, 0.5, 0.123_456_789] {
            let mut powers = Powers::new(base);
            let mut equal = 0;
            for t in 1..=100_000 {
                let (next, expected) = (powers.next(), base.powf(f64::from(t)));
                if expected < 1e-290 {
                    break;
                }
                assert!(
                    (next - expected).abs() <= expected * f64::EPSILON,
                    "β = {base}, t = {t}: {next} vs {expected}"
                );
                equal += usize::from(next == expected);
            }
            assert!(equal > 0);
        }
        let mut powers = Powers::new(0.999);
        let exact = (1..=2904).map(|_| powers.next()).last();
        assert_eq!(exact, Some(0.054_723_996_727_378_245), "0.999^2904 rounded correctly");
    }
}
