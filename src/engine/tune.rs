//! A fair learning-rate search, second version. Every learning rate of a
//! log grid ([`LrRange`]) is tried from several starts and scored by the
//! median over them, and every optimizer gets the same budget of gradient
//! evaluations, not of steps: a trial stops once its evaluations reach the
//! budget, so L-BFGS (up to 25 evaluations a step), SAM (two) and Newton
//! (three, the Hessian counted as two) take fewer steps than Adam.
//!
//! Why the median over a ring of starts: from one start, a rate far too
//! large can bounce by luck into the minimum on its last step (the first
//! tuner chose Adam's rate on Rosenbrock as about 9 that way). From eight
//! starts around it, luck cannot strike five times, so a rate wins only if
//! it works for most of the starts; the median also ignores one start that
//! happens to be hard. The starts lie on a circle of radius
//! [`RADIUS_SHARE`] of the shorter side of the surface's window around the
//! start: close enough to pose the same problem (same valley, same basin,
//! about the same initial loss), far enough apart that a lucky alignment of
//! one does not carry over to the others.
//!
//! What is scored, per trial ([`Score`]): the final loss; the mean log-loss
//! over the run, the area under the log₁₀ curve against gradient
//! evaluations divided by them, which rewards getting low early and
//! staying low; or the evaluations spent until the loss first comes within
//! a tolerance. Losses are measured above the surface's lowest known
//! minimum (f − f*, f* = 0 when none is known). A trial that diverges
//! scores worst, whatever it did before. The result is the whole curve of
//! score against rate (the sensitivity curve) with the chosen rate: the
//! lowest median score among the rates that diverged from none of the
//! starts (a teacher wants a rate that works from every start; only when
//! every rate diverges from some start do those compete, by their median),
//! ties broken by the median final loss and then the median log-loss.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use rayon::iter::{IntoParallelRefIterator, ParallelIterator};

use super::lockstep::RunSpec;
use super::race::GradientNoise;
use super::rates::LrRange;
use super::summary::summary_race;
use crate::optim::LearningRate;
use crate::surface::Surface;

/// Starts on the ring unless told otherwise.
pub const DEFAULT_STARTS: usize = 8;
/// The most starts a search may take.
pub const MAX_STARTS: usize = 64;
/// The ring's radius as a share of the shorter side of the surface's window.
pub const RADIUS_SHARE: f64 = 0.05;
/// The learning rates searched unless told otherwise: 1e-5 to 10.
pub const DEFAULT_RATES: (f64, f64) = (1e-5, 10.0);
/// The smallest loss gap a log score takes (an exact 0 counts as this).
const GAP_FLOOR: f64 = 1e-300;

/// What a trial is scored by; lower is better. The default is the mean
/// log-loss: the final loss alone cannot tell a run that went straight
/// down from one that spent most of its budget far off and came back.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Score {
    /// The loss when the budget is spent.
    Final,
    /// The mean of log₁₀(f − f*) over the run, each step's loss weighted by
    /// the evaluations it spent: the area under the log curve.
    #[default]
    MeanLog,
    /// The gradient evaluations spent before f − f* comes within the
    /// tolerance for good (until the budget is spent): a run that passes
    /// through and rattles out again has not reached it (steps, for
    /// optimizers that spend one a step).
    ToTolerance(f64),
}

impl Score {
    /// Every kind of score with its name and what it means, for the app.
    pub const CHOICES: [(Score, &'static str, &'static str); 3] = [
        (Score::MeanLog, "mean log-loss", "the area under the log-loss curve: low early and low at the end"),
        (Score::Final, "final loss", "the loss when the budget is spent"),
        (
            Score::ToTolerance(1e-6),
            "evaluations to 1e-6",
            "gradient evaluations until the loss is within 1e-6 of the minimum for good",
        ),
    ];

    /// What a value of the score means, for a column heading or an axis.
    pub fn unit(&self) -> &'static str {
        match self {
            Score::Final => "final loss",
            Score::MeanLog => "mean log₁₀ loss",
            Score::ToTolerance(_) => "evaluations to tolerance",
        }
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Score::Final => f.write_str("final"),
            Score::MeanLog => f.write_str("auc"),
            Score::ToTolerance(tolerance) => write!(f, "steps:{tolerance}"),
        }
    }
}

/// A score that is not `final`, `auc` or `steps:TOL`.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("unknown score '{0}' (expected final, auc or steps:TOL with a tolerance TOL > 0, e.g. steps:1e-6)")]
pub struct ScoreError(String);

impl FromStr for Score {
    type Err = ScoreError;

    fn from_str(text: &str) -> Result<Score, ScoreError> {
        match text.trim() {
            "final" => Ok(Score::Final),
            "auc" => Ok(Score::MeanLog),
            other => other
                .strip_prefix("steps:")
                .and_then(|tolerance| tolerance.trim().parse::<f64>().ok())
                .filter(|tolerance| tolerance.is_finite() && *tolerance > 0.0)
                .map(Score::ToTolerance)
                .ok_or_else(|| ScoreError(text.to_owned())),
        }
    }
}

/// The default ring radius for `surface`: [`RADIUS_SHARE`] of the shorter
/// side of its window.
pub fn default_radius(surface: &dyn Surface) -> f64 {
    let window = surface.window();
    RADIUS_SHARE * (window.x_max - window.x_min).min(window.y_max - window.y_min)
}

/// `count` points evenly spaced on the circle of `radius` around `center`,
/// the first one to its right.
pub fn ring(center: [f64; 2], radius: f64, count: usize) -> Vec<[f64; 2]> {
    (0..count)
        .map(|j| {
            let angle = std::f64::consts::TAU * j as f64 / count as f64;
            [center[0] + radius * angle.cos(), center[1] + radius * angle.sin()]
        })
        .collect()
}

/// What one rate scored: the medians over the starts (in JSON, its fields
/// by name, `mean_log` as `mean_log_loss`, infinite values as null).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct RateScore {
    /// The learning rate.
    pub lr: f64,
    /// The median score (infinite when at least half the trials diverged
    /// or, for a tolerance, never reached it).
    pub score: f64,
    /// The median final loss (infinite for a diverged trial).
    pub final_loss: f64,
    /// The median mean log₁₀ loss gap.
    #[serde(rename = "mean_log_loss")]
    pub mean_log: f64,
    /// How many of the starts diverged.
    pub diverged: usize,
    /// The median number of steps the budget bought.
    pub steps: f64,
}

impl RateScore {
    /// The order of rates: one that diverged from none of the starts before
    /// one that diverged from some, then score, final loss, mean log-loss.
    fn key(&self) -> (bool, f64, f64, f64) {
        (self.diverged > 0, self.score, self.final_loss, self.mean_log)
    }
}

/// The outcome of a search: the sensitivity curve and the rate chosen on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Tuned {
    /// Every rate tried, in increasing order, with its score.
    pub curve: Vec<RateScore>,
    /// The place in `curve` of the chosen rate; `None` when every rate
    /// diverged from most starts.
    pub chosen: Option<usize>,
    /// What the rates were scored by.
    pub score: Score,
    /// Starts each rate was tried from.
    pub starts: usize,
    /// Gradient evaluations each trial could spend.
    pub budget: u64,
}

impl Tuned {
    /// The chosen rate and its scores.
    pub fn best(&self) -> Option<&RateScore> {
        self.chosen.map(|i| &self.curve[i])
    }
}

/// One trial: a run from one start at one rate until its budget is spent.
#[derive(Clone, Copy, Debug)]
struct Trial {
    diverged: bool,
    final_loss: f64,
    mean_log: f64,
    reached: Option<u64>,
    steps: usize,
}

/// A search: where, from which starts, with what budget and by what score.
#[derive(Clone, Debug)]
pub struct TuneSetup {
    /// The surface descended.
    pub surface: Arc<dyn Surface>,
    /// The starts every rate is tried from.
    pub starts: Vec<[f64; 2]>,
    /// Gradient noise, when the trials have it.
    pub noise: Option<GradientNoise>,
    /// Gradient evaluations each trial may spend.
    pub budget: u64,
    /// What a trial is scored by.
    pub score: Score,
    /// The rates tried.
    pub range: LrRange,
}

impl TuneSetup {
    /// A search on `surface` around `start` with a budget of `budget`
    /// evaluations, scored by `score`, with the defaults: [`DEFAULT_STARTS`]
    /// starts on the ring of [`default_radius`], rates [`DEFAULT_RATES`] in
    /// 25 points.
    pub fn new(surface: Arc<dyn Surface>, start: [f64; 2], budget: u64, score: Score) -> TuneSetup {
        let starts = ring(start, default_radius(surface.as_ref()), DEFAULT_STARTS);
        let range = LrRange::new(DEFAULT_RATES.0, DEFAULT_RATES.1, super::rates::DEFAULT_POINTS)
            .unwrap_or_else(|e| unreachable!("{e}"));
        TuneSetup { surface, starts, noise: None, budget: budget.max(1), score, range }
    }

    /// Searches the learning rate of `spec` (its other settings as they
    /// are), the rates on every core. `proceed` is asked before each rate:
    /// when it says no, the search stops and returns `None`. The same setup
    /// and spec always give the same answer.
    pub fn tune(&self, spec: &RunSpec, proceed: &(dyn Fn() -> bool + Sync)) -> Option<Tuned> {
        let rates = self.range.rates();
        let curve: Vec<RateScore> = rates
            .par_iter()
            .map(|&lr| {
                let lr = LearningRate::new(lr)?;
                proceed().then(|| self.rate(spec, lr))
            })
            .collect::<Option<_>>()?;
        let finite = curve.iter().enumerate().filter(|(_, rate)| rate.final_loss.is_finite());
        let chosen = finite.min_by(|(_, a), (_, b)| a.key().partial_cmp(&b.key()).unwrap_or(std::cmp::Ordering::Equal));
        Some(Tuned {
            chosen: chosen.map(|(i, _)| i),
            curve,
            score: self.score,
            starts: self.starts.len(),
            budget: self.budget,
        })
    }

    /// The medians of `spec` at `lr` over every start.
    pub fn rate(&self, spec: &RunSpec, lr: LearningRate) -> RateScore {
        let mut spec = spec.clone();
        spec.optimizer.set_lr(lr);
        let trials: Vec<Trial> = self.starts.iter().map(|start| self.trial(&spec, *start)).collect();
        let median_of = |value: fn(&Trial) -> f64| median(trials.iter().map(value).collect());
        let score = match self.score {
            Score::Final => median_of(|t| t.final_loss),
            Score::MeanLog => median_of(|t| t.mean_log),
            Score::ToTolerance(_) => median_of(|t| t.reached.map_or(f64::INFINITY, |e| e as f64)),
        };
        RateScore {
            lr: spec.optimizer.lr(),
            score,
            final_loss: median_of(|t| t.final_loss),
            mean_log: median_of(|t| t.mean_log),
            diverged: trials.iter().filter(|t| t.diverged).count(),
            steps: median_of(|t| t.steps as f64),
        }
    }

    /// Runs `spec` from `start` until its evaluations reach the budget (or
    /// it has taken as many steps), scoring as it goes.
    fn trial(&self, spec: &RunSpec, start: [f64; 2]) -> Trial {
        let floor = self.surface.minima().iter().map(|m| self.surface.value(*m)).fold(f64::INFINITY, f64::min);
        let floor = if floor.is_finite() { floor } else { 0.0 };
        let gap = |loss: f64| (loss - floor).max(0.0);
        let tolerance = match self.score {
            Score::ToTolerance(tolerance) => tolerance,
            _ => f64::NEG_INFINITY,
        };
        let mut race = summary_race(self.surface.clone(), start, vec![spec.clone()], self.noise);
        let first = *race.runs()[0].record();
        // Where the run last came within the tolerance and stayed.
        let mut reached = (gap(first.last) <= tolerance).then_some(0);
        let mut area = 0.0;
        let mut before = first;
        while before.evaluations < self.budget && (before.steps as u64) < self.budget {
            race.advance(1);
            let run = &race.runs()[0];
            if run.diverged().is_some() {
                let worst = f64::INFINITY;
                return Trial {
                    diverged: true,
                    final_loss: worst,
                    mean_log: worst,
                    reached: None,
                    steps: before.steps,
                };
            }
            let now = *run.record();
            let log_gap = gap(now.last).max(GAP_FLOOR).log10();
            area += (now.evaluations - before.evaluations) as f64 * log_gap;
            if gap(now.last) > tolerance {
                reached = None;
            } else if reached.is_none() {
                reached = Some(now.evaluations);
            }
            before = now;
        }
        let mean_log = if before.evaluations > 0 {
            area / before.evaluations as f64
        } else {
            gap(before.last).max(GAP_FLOOR).log10()
        };
        Trial { diverged: false, final_loss: before.last, mean_log, reached, steps: before.steps }
    }
}

/// The median of `values` (the mean of the middle two for an even count;
/// infinite values sort last).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::INFINITY,
        n if n % 2 == 1 => values[n / 2],
        n => {
            let (low, high) = (values[n / 2 - 1], values[n / 2]);
            if high.is_infinite() {
                high
            } else {
                (low + high) / 2.0
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::race::Simulation;
    use crate::surface::SurfaceConfig;

    fn surface(spec: &str) -> Arc<dyn Surface> {
        Arc::from(spec.parse::<SurfaceConfig>().and_then(|c| c.build()).unwrap_or_else(|e| panic!("{e}")))
    }

    fn spec(text: &str) -> RunSpec {
        RunSpec { optimizer: text.parse().unwrap_or_else(|e| panic!("{e}")), schedule: crate::Schedule::Constant }
    }

    #[test]
    fn scores_parse_and_print_back() {
        for text in ["final", "auc", "steps:0.001"] {
            assert_eq!(text.parse::<Score>().unwrap().to_string(), text);
        }
        assert_eq!("steps:1e-6".parse::<Score>(), Ok(Score::ToTolerance(1e-6)));
        for bad in ["fastest", "steps", "steps:0", "steps:-1", "steps:inf", "steps:x"] {
            let error = bad.parse::<Score>().unwrap_err().to_string();
            assert!(error.starts_with(&format!("unknown score '{bad}'")), "{error}");
        }
    }

    #[test]
    fn the_ring_surrounds_the_start_at_its_radius() {
        let starts = ring([-1.0, 1.0], 0.2, 8);
        assert_eq!(starts.len(), 8);
        assert_eq!(starts[0], [-0.8, 1.0]);
        for point in &starts {
            assert!(((point[0] + 1.0).hypot(point[1] - 1.0) - 0.2).abs() < 1e-12);
        }
        let mean = starts.iter().fold([0.0, 0.0], |sum, p| [sum[0] + p[0] / 8.0, sum[1] + p[1] / 8.0]);
        assert!((mean[0] + 1.0).abs() < 1e-12 && (mean[1] - 1.0).abs() < 1e-12, "{mean:?}");
        assert_eq!(default_radius(surface("rosenbrock").as_ref()), 0.05 * 4.0);
    }

    #[test]
    fn the_median_ignores_a_lucky_minority() {
        assert_eq!(median(vec![5.0, 1e-30, 4.0, 6.0, 3.0]), 4.0);
        assert_eq!(median(vec![1.0, 2.0, 3.0, 4.0]), 2.5);
        assert_eq!(median(vec![1e-30, 1.0, f64::INFINITY, f64::INFINITY]), f64::INFINITY);
        assert_eq!(median(vec![1e-30, 1.0, 2.0, f64::INFINITY]), 1.5);
    }

    #[test]
    fn sgd_on_a_bowl_finds_a_rate_near_the_best_one() {
        // On the bowl ½(λ₁u² + λ₂v²), gradient descent converges fastest at
        // lr = 2/(λ₁ + λ₂); far below it crawls, above 2/λ_max it diverges.
        let bowl = surface("bowl:kappa=10");
        let start = bowl.start();
        let setup = TuneSetup::new(bowl.clone(), start, 100, Score::Final);
        let tuned = setup.tune(&spec("sgd"), &|| true).unwrap();
        assert_eq!((tuned.curve.len(), tuned.starts, tuned.budget), (25, 8, 100));
        let best = tuned.best().unwrap();
        let mut default = Simulation::new(bowl.clone(), start, vec![spec("sgd")], None);
        default.advance_to(100);
        let default_loss = *default.runs()[0].trajectory().losses.last().unwrap();
        assert!(best.final_loss < default_loss * 1e-6, "{best:?} vs default {default_loss}");
        assert!(tuned.curve.iter().any(|rate| rate.diverged == 8), "the largest rates diverge from every start");
        assert!(tuned.curve.windows(2).all(|pair| pair[0].lr < pair[1].lr));
        // The chosen rate's score is its curve point's, and no rate that
        // never diverged scores lower.
        assert_eq!(best.diverged, 0);
        assert!(tuned.curve.iter().filter(|rate| rate.diverged == 0).all(|rate| rate.score >= best.score));
        assert_eq!(setup.rate(&spec("sgd"), LearningRate::new(best.lr).unwrap()), *best);
    }

    #[test]
    fn every_optimizer_spends_the_same_evaluations_not_the_same_steps() {
        let rosenbrock = surface("rosenbrock");
        let setup = TuneSetup::new(rosenbrock, [-1.0, 1.0], 300, Score::MeanLog);
        let steps = |optimizer: &str| setup.rate(&spec(optimizer), LearningRate::new(1e-3).unwrap()).steps;
        assert_eq!(steps("adam"), 300.0);
        assert_eq!(steps("sam"), 150.0, "two evaluations a step");
        assert_eq!(steps("newton"), 100.0, "a gradient and a Hessian counted as two");
        assert!(steps("lbfgs") < 40.0, "up to 25 a step: {}", steps("lbfgs"));
    }

    #[test]
    fn the_tolerance_score_counts_evaluations_until_the_loss_is_close_enough() {
        let bowl = surface("bowl:kappa=1");
        let setup = TuneSetup::new(bowl.clone(), bowl.start(), 2000, Score::ToTolerance(1e-8));
        let sgd = setup.rate(&spec("sgd"), LearningRate::new(0.1).unwrap());
        assert!(sgd.score.is_finite() && sgd.score > 1.0 && sgd.score < 2000.0, "{sgd:?}");
        assert!(sgd.final_loss <= 1e-8);
        // The round bowl has curvature 1: at lr 1.99 each step overshoots to
        // 0.99 of the distance on the other side, so it gets there late.
        let oscillating = setup.rate(&spec("sgd"), LearningRate::new(1.99).unwrap());
        assert!(oscillating.score > sgd.score, "{oscillating:?} vs {sgd:?}");
        let crawling = setup.rate(&spec("sgd"), LearningRate::new(1e-6).unwrap());
        assert_eq!(crawling.score, f64::INFINITY, "never gets there");
    }

    #[test]
    fn adams_rate_on_rosenbrock_is_one_a_teacher_would_defend() {
        // The first tuner picked about 9 by the final loss of one run. At
        // such rates Adam flies far out of the valley, its second moment
        // fills with huge gradients, its steps shrink and it may drift back
        // into the minimum by the end: the final loss cannot see the
        // excursion. The mean log-loss can.
        let rosenbrock = surface("rosenbrock");
        let setup = TuneSetup::new(rosenbrock.clone(), [-1.0, 1.0], 5000, Score::MeanLog);
        let tuned = setup.tune(&spec("adam"), &|| true).unwrap();
        let best = tuned.best().unwrap();
        assert!((0.01..=0.1).contains(&best.lr), "{best:?}");
        assert_eq!(best.diverged, 0);
        assert!(best.final_loss < 1e-5 && best.score < -8.0, "{best:?}");
        let by_final =
            TuneSetup::new(rosenbrock, [-1.0, 1.0], 5000, Score::Final).tune(&spec("adam"), &|| true).unwrap();
        let far = by_final.curve.iter().find(|rate| rate.lr > 5.0).unwrap();
        assert!(far.mean_log > best.score + 3.0, "a large rate spends its run far off: {far:?}");
        let again = setup.tune(&spec("adam"), &|| true).unwrap();
        assert_eq!(tuned, again, "the search is reproducible");
    }

    #[test]
    fn a_rate_that_diverges_from_some_starts_is_not_chosen_over_one_that_never_does() {
        // Momentum on Rosenbrock: a rate at the edge of stability diverges
        // from three of the eight starts and ends lower from the others; the
        // median alone would take it.
        let setup = TuneSetup::new(surface("rosenbrock"), [-1.0, 1.0], 5000, Score::MeanLog);
        let tuned = setup.tune(&spec("momentum"), &|| true).unwrap();
        let best = tuned.best().unwrap();
        assert_eq!(best.diverged, 0, "{best:?}");
        let risky = tuned.curve.iter().find(|rate| (1..4).contains(&rate.diverged) && rate.score < best.score);
        assert!(risky.is_some(), "{:?}", tuned.curve);
    }

    #[test]
    fn a_search_told_to_stop_returns_nothing() {
        let setup = TuneSetup::new(surface("bowl"), [-4.0, 3.0], 50, Score::Final);
        assert!(setup.tune(&spec("sgd"), &|| false).is_none());
    }
}
